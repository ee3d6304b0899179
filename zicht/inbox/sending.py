"""Replies: validated against the platform's reply window, sent once, in a task."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zicht.inbox.channels.graph import SendError
from zicht.inbox.channels.instagram import sender as instagram
from zicht.inbox.channels.messenger import sender as messenger
from zicht.inbox.channels.whatsapp import sender as whatsapp
from zicht.inbox.models import (
    Channel,
    ChannelKind,
    Conversation,
    Direction,
    Message,
    MessageSource,
    MessageTemplate,
    SendStatus,
)
from zicht.inbox.selectors import reply_window
from zicht.privacy.audit import AuditAction, audit
from zicht.privacy.crypto import decrypt

MAX_SEND_ATTEMPTS = 5


class ReplyRefused(ValueError):
    """A reply that may not be sent now, with the reason for the worker (Dutch)."""


@dataclass(frozen=True)
class SendOutcome:
    retry: bool
    reason: str = ""


def reply_create(
    *,
    actor: Any,
    conversation: Conversation,
    text: str = "",
    template: MessageTemplate | None = None,
) -> Message:
    """Queue a reply; the send task picks it up after the transaction commits."""
    window = reply_window(conversation=conversation)
    text = text.strip()
    if template is not None:
        if not window.template_only and not window.free_text:
            raise ReplyRefused(window.explanation)
        if conversation.channel is None or template.channel_id != conversation.channel_id:
            raise ReplyRefused("Dit sjabloon hoort niet bij het kanaal van dit gesprek.")
        text = template_render(template=template, conversation=conversation)
    elif not (window.free_text or window.human_agent):
        raise ReplyRefused(window.explanation)
    if not text:
        raise ReplyRefused("Typ eerst een bericht.")
    if len(text) > 4096:
        raise ReplyRefused("Een bericht mag hoogstens 4096 tekens lang zijn.")
    with transaction.atomic():
        message = Message.objects.create(
            conversation=conversation,
            team=conversation.team,
            direction=Direction.OUTBOUND,
            source=MessageSource.REPLY,
            text=text,
            sent_at=timezone.now(),
            author=actor,
            status=SendStatus.QUEUED,
            template_name=template.name if template else "",
            human_agent_tag=template is None and window.human_agent,
        )
        Conversation.objects.filter(pk=conversation.pk).update(
            last_message_at=message.sent_at, is_unread=False
        )
        audit(actor=actor, action=AuditAction.CREATE, obj=message, subject=conversation.youth)
        from zicht.inbox.tasks import send_message

        transaction.on_commit(lambda: send_message.delay(message.pk), robust=True)
    return message


def template_render(*, template: MessageTemplate, conversation: Conversation) -> str:
    nickname = conversation.youth.nickname if conversation.youth else ""
    return template.body.replace("{{1}}", nickname)


def message_send(*, message_id: int) -> SendOutcome:
    """Send one queued message. Only a message in `queued` is sent, and it is moved to
    `sending` in the same locked transaction first, so two workers (or a redelivered task)
    can never send it twice."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("conversation__channel", "conversation__youth")
            .filter(pk=message_id, status=SendStatus.QUEUED)
            .first()
        )
        if message is None:
            return SendOutcome(retry=False, reason="not queued")
        message.status = SendStatus.SENDING
        message.send_attempts += 1
        message.save(update_fields=["status", "send_attempts"])
    try:
        external_id = transport_send(message)
    except SendError as error:
        return _send_failed(message, error)
    Message.objects.filter(pk=message.pk, status=SendStatus.SENDING).update(
        status=SendStatus.SENT, external_id=external_id, status_error=""
    )
    return SendOutcome(retry=False)


def _send_failed(message: Message, error: SendError) -> SendOutcome:
    retry = error.retryable and message.send_attempts < MAX_SEND_ATTEMPTS
    Message.objects.filter(pk=message.pk, status=SendStatus.SENDING).update(
        status=SendStatus.QUEUED if retry else SendStatus.FAILED,
        status_error=error.reason[:500],
    )
    return SendOutcome(retry=retry, reason=error.reason)


def channel_token(channel: Channel) -> str:
    if channel.access_token_encrypted:
        return decrypt(channel.access_token_encrypted)
    return settings.WHATSAPP_TOKEN if channel.kind == ChannelKind.WHATSAPP else ""


def transport_send(message: Message) -> str:
    conversation = message.conversation
    channel = conversation.channel
    if channel is None:
        raise SendError("conversation has no channel", retryable=False)
    base, token = settings.META_GRAPH_API_BASE, channel_token(channel)
    if channel.kind == ChannelKind.WHATSAPP:
        if message.template_name:
            template = MessageTemplate.objects.get(channel=channel, name=message.template_name)
            nickname = conversation.youth.nickname if conversation.youth else ""
            return whatsapp.send_template(
                base_url=base,
                token=token,
                phone_number_id=channel.external_id,
                to=conversation.contact_id,
                template=template.name,
                language=template.language,
                parameters=[nickname] if "{{1}}" in template.body else [],
            ).external_id
        return whatsapp.send_text(
            base_url=base,
            token=token,
            phone_number_id=channel.external_id,
            to=conversation.contact_id,
            text=message.text,
        ).external_id
    sender = instagram if channel.kind == ChannelKind.INSTAGRAM else messenger
    return sender.send_text(
        base_url=base,
        token=token,
        account_id=channel.external_id,
        recipient_id=conversation.contact_id,
        text=message.text,
        human_agent=message.human_agent_tag,
    ).external_id
