"""Writes for the inbox: storing and processing webhook deliveries, replies, notes, imports."""

import json
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from zicht.inbox.channels import InboundMessage, ReadWatermark, StatusUpdate, parse_webhook
from zicht.inbox.channels.base import PayloadError
from zicht.inbox.detection import MessageSignal, classify_text
from zicht.inbox.models import (
    Channel,
    Conversation,
    DeliveryStatus,
    Direction,
    Message,
    MessageSource,
    SendStatus,
    WebhookDelivery,
)
from zicht.youth.services import youth_for_contact, youth_touch

MAX_BODY_BYTES = 1_000_000
# Delivery statuses only move forward; `failed` may follow anything not yet delivered.
STATUS_ORDER = [
    SendStatus.QUEUED,
    SendStatus.SENDING,
    SendStatus.SENT,
    SendStatus.DELIVERED,
    SendStatus.READ,
]


class WebhookRejected(ValueError):
    """A webhook body we refuse, with the HTTP status to answer and a precise reason."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


def webhook_delivery_store(*, body: bytes) -> WebhookDelivery:
    """Validate a signed body completely, then store it durably. Nothing is stored for a body
    that would not process."""
    if len(body) > MAX_BODY_BYTES:
        raise WebhookRejected(f"body larger than {MAX_BODY_BYTES} bytes", status=413)
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WebhookRejected(f"body is not valid JSON: {error}") from error
    try:
        parse_webhook(payload)
    except PayloadError as error:
        raise WebhookRejected(str(error)) from error
    return WebhookDelivery.objects.create(object_type=str(payload["object"]), body=body.decode())


def webhook_delivery_process(*, delivery_id: int) -> WebhookDelivery:
    """Turn every event of a stored delivery into messages and statuses. Safe to run again:
    messages are keyed by their platform id, statuses only move forward."""
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    if delivery.status == DeliveryStatus.PROCESSED:
        return delivery
    try:
        events = parse_webhook(json.loads(delivery.body))
        signals = events_classify(events)  # before the transaction: keep write locks short
        # One transaction for all events: one commit, and a failure leaves nothing half-done.
        with transaction.atomic():
            for event in events:
                event_apply(event, signals)
            WebhookDelivery.objects.filter(pk=delivery_id).update(
                status=DeliveryStatus.PROCESSED,
                processed_at=timezone.now(),
                last_error="",
                attempts=delivery.attempts + 1,
            )
    except Exception as error:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            attempts=delivery.attempts + 1,
        )
        raise
    delivery.refresh_from_db()
    return delivery


class UnknownChannelError(LookupError):
    pass


def events_classify(events: list[Any]) -> dict[str, MessageSignal]:
    """The detector's view of every inbound text, by platform message id."""
    return {
        event.external_id: classify_text(event.text)
        for event in events
        if isinstance(event, InboundMessage) and not event.is_echo and event.text.strip()
    }


def event_apply(
    event: InboundMessage | StatusUpdate | ReadWatermark,
    signals: dict[str, MessageSignal] | None = None,
) -> None:
    channel = Channel.objects.filter(
        kind=event.channel_kind, external_id=event.channel_external_id
    ).first()
    if channel is None:
        raise UnknownChannelError(
            f"no {event.channel_kind} channel registered for id {event.channel_external_id}"
        )
    if isinstance(event, InboundMessage):
        signal = (signals or {}).get(event.external_id)
        inbound_message_record(channel=channel, event=event, signal=signal)
    elif isinstance(event, StatusUpdate):
        message_status_advance(
            external_id=event.external_id, status=event.status, error=event.error
        )
    else:
        watermark_apply(channel=channel, event=event)


def conversation_for_contact(
    *, channel: Channel, contact_id: str, display_name: str = ""
) -> Conversation:
    conversation = Conversation.objects.filter(
        team=channel.team, channel=channel, platform=channel.kind, contact_id=contact_id
    ).first()
    if conversation is not None:
        return conversation
    youth = youth_for_contact(
        team=channel.team,
        platform=_youth_platform(channel.kind),
        external_id=contact_id,
        display_name=display_name,
    )
    try:
        with transaction.atomic():
            return Conversation.objects.create(
                team=channel.team,
                channel=channel,
                platform=channel.kind,
                contact_id=contact_id,
                youth=youth,
            )
    except IntegrityError:  # created concurrently by a redelivery
        return Conversation.objects.get(
            team=channel.team, channel=channel, platform=channel.kind, contact_id=contact_id
        )


def _youth_platform(channel_kind: str) -> str:
    return "facebook" if channel_kind == "messenger" else channel_kind


def inbound_message_record(
    *, channel: Channel, event: InboundMessage, signal: MessageSignal | None = None
) -> Message | None:
    """Store one inbound message (or echo of our own) once, classify it, update the
    conversation. Returns None when it was stored before."""
    if Message.objects.filter(external_id=event.external_id).exists():
        return None
    # For an echo of our own message the parser already puts the contact in sender_id.
    conversation = conversation_for_contact(
        channel=channel, contact_id=event.sender_id, display_name=event.sender_name
    )
    outbound = event.is_echo
    message = Message(
        conversation=conversation,
        team=channel.team,
        direction=Direction.OUTBOUND if outbound else Direction.INBOUND,
        source=MessageSource.WEBHOOK,
        external_id=event.external_id,
        kind=event.kind,
        text=event.text,
        media_url=event.media_url,
        context=dict(event.context),
        sent_at=event.sent_at,
        is_echo=outbound,
        status=SendStatus.SENT if outbound else SendStatus.RECEIVED,
    )
    if not outbound:
        message_classify(message, signal=signal)
    try:
        with transaction.atomic():
            message.save()
            conversation_note_message(conversation=conversation, message=message)
            if message.signal_labels:
                from zicht.triage.services import suggestion_for_source

                suggestion_for_source(message=message)
    except IntegrityError:  # the same id, delivered concurrently
        return None
    return message


def message_classify(message: Message, *, signal: MessageSignal | None = None) -> None:
    if not message.text.strip():
        return
    message.apply_detection(signal or classify_text(message.text))
    message.classified_at = timezone.now()


def conversation_note_message(*, conversation: Conversation, message: Message) -> None:
    updates: dict[str, Any] = {}
    newer = Q(last_message_at__isnull=True) | Q(last_message_at__lt=message.sent_at)
    Conversation.objects.filter(pk=conversation.pk).filter(newer).update(
        last_message_at=message.sent_at
    )
    if message.direction == Direction.INBOUND:
        later = Q(last_inbound_at__isnull=True) | Q(last_inbound_at__lt=message.sent_at)
        Conversation.objects.filter(pk=conversation.pk).filter(later).update(
            last_inbound_at=message.sent_at
        )
        updates |= {"is_unread": True, "state": "open"}
        if message.signal_labels:
            updates["has_signal"] = True
        if conversation.youth_id:
            youth_touch(youth_id=conversation.youth_id, at=message.sent_at)
    if updates:
        Conversation.objects.filter(pk=conversation.pk).update(**updates)


def message_status_advance(*, external_id: str, status: str, error: str = "") -> bool:
    """Move an outbound message's status forward; a late or repeated status changes nothing."""
    if status == SendStatus.FAILED:
        earlier = STATUS_ORDER[: STATUS_ORDER.index(SendStatus.SENT) + 1]
        changed = Message.objects.filter(external_id=external_id, status__in=earlier).update(
            status=SendStatus.FAILED, status_error=error[:500]
        )
        return bool(changed)
    if status not in STATUS_ORDER:
        return False
    earlier = STATUS_ORDER[: STATUS_ORDER.index(SendStatus(status))]
    changed = Message.objects.filter(external_id=external_id, status__in=earlier).update(
        status=status
    )
    return bool(changed)


def watermark_apply(*, channel: Channel, event: ReadWatermark) -> int:
    """Messenger/Instagram say 'everything up to here was read (or delivered)'."""
    if event.status not in (SendStatus.DELIVERED, SendStatus.READ):
        return 0
    earlier = STATUS_ORDER[: STATUS_ORDER.index(SendStatus(event.status))]
    return Message.objects.filter(
        conversation__channel=channel,
        conversation__contact_id=event.contact_id,
        direction=Direction.OUTBOUND,
        sent_at__lte=event.watermark,
        status__in=earlier,
    ).update(status=event.status)


def deliveries_failed_recently(*, days: int = 7) -> Any:
    since = timezone.now() - timedelta(days=days)
    return WebhookDelivery.objects.filter(status=DeliveryStatus.FAILED, received_at__gte=since)


def deliveries_retry_failed() -> int:
    """Process failed deliveries again, and pending ones left behind by a stopped process
    (periodic job and the beheerder's retry button)."""
    retried = 0
    stale = timezone.now() - timedelta(minutes=2)
    waiting = Q(status=DeliveryStatus.FAILED) | Q(
        status=DeliveryStatus.PENDING, received_at__lt=stale
    )
    for delivery_id in WebhookDelivery.objects.filter(waiting).values_list("pk", flat=True):
        try:
            webhook_delivery_process(delivery_id=delivery_id)
        except Exception:  # noqa: S112 (recorded on the delivery; try the next one)
            continue
        retried += 1
    return retried


class ChannelError(ValueError):
    pass


@transaction.atomic
def channel_create(
    *,
    actor: Any,
    kind: str,
    external_id: str,
    team_name: str,
    name: str = "",
    access_token: str = "",
) -> Channel:
    """Register a Meta channel for a team (created when it does not exist). The token is
    stored encrypted and never shown again."""
    from zicht.accounts.services import team_get_or_create
    from zicht.inbox.models import ChannelKind
    from zicht.privacy.audit import AuditAction, audit
    from zicht.privacy.crypto import encrypt

    external_id = external_id.strip()
    if kind not in ChannelKind.values:
        raise ChannelError(
            f"Unknown channel kind {kind!r}; choose whatsapp, instagram or messenger."
        )
    if not external_id.isdigit():
        raise ChannelError(
            f"The {kind} id must be the numeric id Meta gives it, not {external_id!r}."
        )
    if Channel.objects.filter(kind=kind, external_id=external_id).exists():
        raise ChannelError(f"A {kind} channel with id {external_id} already exists.")
    if not team_name.strip():
        raise ChannelError("A channel needs a team (--team).")
    channel = Channel.objects.create(
        kind=kind,
        external_id=external_id,
        name=name.strip(),
        team=team_get_or_create(name=team_name),
        access_token_encrypted=encrypt(access_token) if access_token else "",
    )
    audit(actor=actor, action=AuditAction.CREATE, obj=channel)
    return channel


def conversation_mark_read(*, conversation: Conversation) -> None:
    if conversation.is_unread:
        Conversation.objects.filter(pk=conversation.pk).update(is_unread=False)
        conversation.is_unread = False


@transaction.atomic
def conversation_update(
    *,
    actor: Any,
    conversation: Conversation,
    state: str | None = None,
    assigned_to: Any = None,
    unassign: bool = False,
    label_names: list[str] | None = None,
) -> Conversation:
    from zicht.inbox.models import ConversationState, Label
    from zicht.privacy.audit import AuditAction, audit

    changed = []
    if state is not None:
        if state not in ConversationState.values:
            raise ValueError(f"unknown state {state!r}")
        conversation.state = state
        changed.append("state")
    if unassign:
        conversation.assigned_to = None
        changed.append("assigned_to")
    elif assigned_to is not None:
        if not assigned_to.teams.filter(pk=conversation.team_id).exists():
            raise ValueError("Je kunt alleen toewijzen aan iemand uit het team.")
        conversation.assigned_to = assigned_to
        changed.append("assigned_to")
    if changed:
        conversation.save(update_fields=changed)
    if label_names is not None:
        labels = [
            Label.objects.get_or_create(team=conversation.team, name=name.strip()[:40])[0]
            for name in label_names
            if name.strip()
        ]
        conversation.labels.set(labels)
        changed.append("labels")
    audit(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=conversation,
        subject=conversation.youth,
        reason=", ".join(changed),
    )
    return conversation


@transaction.atomic
def note_create(*, actor: Any, conversation: Conversation, text: str) -> Any:
    from zicht.inbox.models import Note
    from zicht.privacy.audit import AuditAction, audit

    text = text.strip()
    if not text:
        raise ValueError("Een lege notitie wordt niet bewaard.")
    note = Note.objects.create(conversation=conversation, author=actor, text=text[:4000])
    audit(actor=actor, action=AuditAction.CREATE, obj=note, subject=conversation.youth)
    return note


@transaction.atomic
def contact_moment_log(
    *,
    actor: Any,
    team: Any,
    platform: str,
    summary: str,
    youth: Any = None,
    neighbourhood: Any = None,
    topics: list[str] | None = None,
    happened_at: Any = None,
) -> Any:
    """A contact without an API (Snapchat, TikTok, street, phone), in a few taps."""
    from zicht.inbox.models import ContactMoment, ContactPlatform
    from zicht.privacy.audit import AuditAction, audit
    from zicht.youth.models import LifeDomain

    summary = summary.strip()
    if platform not in ContactPlatform.values:
        raise ValueError(f"Onbekend platform: {platform!r}.")
    if not summary:
        raise ValueError("Schrijf in een zin waar het over ging.")
    if youth is not None and youth.team_id != team.pk:
        raise ValueError("Deze jongere hoort niet bij je team.")
    unknown = sorted(set(topics or []) - set(LifeDomain.values))
    if unknown:
        raise ValueError(f"Onbekend onderwerp: {', '.join(unknown)}.")
    moment = ContactMoment.objects.create(
        team=team,
        author=actor,
        youth=youth,
        platform=platform,
        neighbourhood=neighbourhood,
        topics=list(topics or []),
        summary=summary[:500],
        happened_at=happened_at or timezone.now(),
    )
    if youth is not None:
        youth_touch(youth_id=youth.pk, at=moment.happened_at)
    audit(actor=actor, action=AuditAction.CREATE, obj=moment, subject=youth)
    return moment


@transaction.atomic
def canned_reply_create(*, actor: Any, team: Any, title: str, body: str) -> Any:
    from zicht.inbox.models import CannedReply
    from zicht.privacy.audit import AuditAction, audit

    title, body = title.strip(), body.strip()
    if not title or not body:
        raise ValueError("Geef het standaardantwoord een titel en een tekst.")
    reply = CannedReply.objects.create(team=team, title=title[:80], body=body[:4096])
    audit(actor=actor, action=AuditAction.CREATE, obj=reply)
    return reply


@transaction.atomic
def message_template_create(
    *, actor: Any, channel: Channel, name: str, language: str, body: str
) -> Any:
    from zicht.inbox.models import MessageTemplate
    from zicht.privacy.audit import AuditAction, audit

    name, body = name.strip(), body.strip()
    if channel.kind != "whatsapp":
        raise ValueError("Sjablonen bestaan alleen voor WhatsApp.")
    if not name or not body:
        raise ValueError("Vul de naam (zoals goedgekeurd bij Meta) en de tekst in.")
    template, _created = MessageTemplate.objects.update_or_create(
        channel=channel, name=name, language=language.strip() or "nl", defaults={"body": body}
    )
    audit(actor=actor, action=AuditAction.CREATE, obj=template)
    return template
