"""Reads for the inbox that check scope (and audit) in one call."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.accounts.permissions import can, scope_queryset
from zicht.inbox.models import ChannelKind, Conversation, Direction, Message
from zicht.privacy.audit import AuditAction, audit, deny_out_of_scope
from zicht.youth.models import Youth
from zicht.youth.timeline import TimelineItem

CUSTOMER_SERVICE_WINDOW = timedelta(hours=24)
HUMAN_AGENT_WINDOW = timedelta(days=7)


def conversation_list_for_user(
    *,
    user: Any,
    box: str = "team",
    channel: str = "",
    label: str = "",
    unread: bool = False,
    has_signal: bool = False,
    state: str = "open",
) -> QuerySet[Conversation]:
    conversations = scope_queryset(user, "case.view", Conversation.objects.all())
    if box == "mine":
        conversations = conversations.filter(assigned_to=user)
    elif box == "unassigned":
        conversations = conversations.filter(assigned_to__isnull=True)
    if channel:
        conversations = conversations.filter(platform=channel)
    if label:
        conversations = conversations.filter(labels__name=label)
    if unread:
        conversations = conversations.filter(is_unread=True)
    if has_signal:
        conversations = conversations.filter(has_signal=True)
    if state:
        conversations = conversations.filter(state=state)
    return (
        conversations.select_related("youth", "assigned_to", "channel")
        .prefetch_related("labels")
        .order_by("-last_message_at", "-pk")
    )


def conversation_get_for_user(
    *, user: Any, pk: int, reason: str = "", audit_read: bool = True
) -> Conversation:
    """The conversation if `user` may see it (404 otherwise, recorded as denied). The read is
    audited unless the caller audits what it actually shows (live polling)."""
    conversation = (
        Conversation.objects.select_related("youth", "channel", "team", "assigned_to")
        .filter(pk=pk)
        .first()
    )
    if conversation is None:
        raise Http404
    if not can(user, "case.view", conversation):
        deny_out_of_scope(actor=user, obj=conversation)
    if audit_read:
        audit(
            actor=user,
            action=AuditAction.READ,
            obj=conversation,
            subject=conversation.youth,
            reason=reason,
        )
    return conversation


def conversation_messages(*, conversation: Conversation, after_id: int = 0) -> QuerySet[Message]:
    return (
        conversation.messages.filter(pk__gt=after_id)
        .select_related("author")
        .order_by("sent_at", "pk")
    )


@dataclass(frozen=True)
class ReplyWindow:
    """What may be sent now: free text, only with the human-agent tag, only a template, or
    nothing; with a sentence a worker understands."""

    free_text: bool
    human_agent: bool
    template_only: bool
    explanation: str


def reply_window(*, conversation: Conversation, now: Any = None) -> ReplyWindow:
    now = now or timezone.now()
    last = conversation.last_inbound_at
    age = now - last if last else None
    open_24h = age is not None and age <= CUSTOMER_SERVICE_WINDOW
    if conversation.channel is None:
        return ReplyWindow(
            False, False, False, _("Dit gesprek loopt niet via een gekoppeld kanaal.")
        )
    if open_24h:
        left = CUSTOMER_SERVICE_WINDOW - age  # type: ignore[operator]
        hours = int(left.total_seconds() // 3600)
        return ReplyWindow(
            True, False, False, _("Je kunt vrij antwoorden (nog %(h)s uur).") % {"h": hours}
        )
    if conversation.platform == ChannelKind.WHATSAPP:
        return ReplyWindow(
            False,
            False,
            True,
            _(
                "Langer dan 24 uur geen bericht van de jongere: WhatsApp staat alleen een "
                "goedgekeurd sjabloon toe."
            ),
        )
    if age is not None and age <= HUMAN_AGENT_WINDOW:
        return ReplyWindow(
            False,
            True,
            False,
            _("Na 24 uur kun je tot 7 dagen antwoorden als medewerker (human agent)."),
        )
    return ReplyWindow(
        False,
        False,
        False,
        _(
            "Langer dan 7 dagen geen bericht van de jongere: Meta staat geen antwoord meer "
            "toe. Wacht tot de jongere weer iets stuurt."
        ),
    )


def youth_timeline_messages(youth: Youth, limit: int) -> Iterable[TimelineItem]:
    messages = (
        Message.objects.filter(conversation__youth=youth)
        .select_related("conversation")
        .order_by("-sent_at")[:limit]
    )
    for message in messages:
        incoming = message.direction == Direction.INBOUND
        yield TimelineItem(
            at=message.sent_at,
            kind="message",
            title=f"{message.conversation.get_platform_display()} · "
            + (_("van de jongere") if incoming else _("van het team")),
            text=message.text[:280],
            url=reverse("inbox:conversation", args=[message.conversation_id]),
            badge=", ".join(message.signal_labels),
        )


def youth_timeline_contacts(youth: Youth, limit: int) -> Iterable[TimelineItem]:
    from zicht.inbox.models import ContactMoment

    for moment in ContactMoment.objects.filter(youth=youth).order_by("-happened_at")[:limit]:
        yield TimelineItem(
            at=moment.happened_at,
            kind="contact",
            title=_("Contact via %(where)s") % {"where": moment.get_platform_display()},
            text=moment.summary,
            badge=", ".join(moment.topics),
        )


def message_search_for_user(*, user: Any, query: str, limit: int = 50) -> QuerySet[Message]:
    """Messages in the user's scope whose text matches every word of `query`."""
    from django.db import connection

    words = [word for word in query.split() if word.strip('"')][:10]
    messages = scope_queryset(user, "case.view", Message.objects.all())
    if not words:
        return messages.none()
    matches: Any
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("text", config="dutch")
        matches = messages.annotate(search=vector).filter(
            search=SearchQuery(" ".join(words), config="dutch", search_type="plain")
        )
    elif connection.vendor == "sqlite":
        phrase = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM inbox_message_fts WHERE inbox_message_fts MATCH %s "
                "ORDER BY rank LIMIT 1000",
                [phrase],
            )
            ids = [row[0] for row in cursor.fetchall()]
        matches = messages.filter(pk__in=ids)
    else:
        matches = messages
        for word in words:
            matches = matches.filter(text__icontains=word)
    return matches.select_related("conversation__youth").order_by("-sent_at")[:limit]
