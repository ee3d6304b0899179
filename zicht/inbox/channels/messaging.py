"""Shared parsing for the Messenger Platform family (Messenger and Instagram Messaging).

Both send entry[].messaging[] events, each with `sender`, `recipient`, `timestamp` (ms)
and one of `message`, `reaction`, `read`, `delivery`, `postback`, ... Each channel's
parser picks which of these it understands; the shapes themselves live here once.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from zicht.inbox.channels.base import (
    Event,
    InboundMessage,
    PayloadError,
    ReadWatermark,
    StatusUpdate,
)
from zicht.inbox.channels.content import (
    Content,
    location_detail,
    placeholder,
    reaction_text,
    unsupported,
)
from zicht.inbox.channels.reading import (
    MILLISECONDS,
    JsonObject,
    as_id,
    as_object,
    entries,
    get_id,
    get_list,
    get_object,
    get_optional_id,
    get_optional_object,
    get_str,
    get_timestamp,
)

ATTACHMENT_KINDS = {
    "image": "image",
    "audio": "audio",
    "video": "video",
    "file": "document",
    "location": "location",
    "story_mention": "story_mention",
    "share": "share",
    "ig_reel": "share",
    "reel": "share",
    "ig_post": "share",
    "fallback": "share",
    "template": "share",
}


@dataclass(frozen=True)
class Envelope:
    """Where one messaging event sits: channel, account, path and its two participants."""

    channel_kind: str
    account_id: str
    where: str
    sender_id: str
    recipient_id: str


Handler = Callable[[Envelope, JsonObject], list[Event]]


def parse_messaging(
    body: JsonObject, channel_kind: str, handlers: dict[str, Handler]
) -> list[Event]:
    """Every messaging event of every entry, dispatched on its first known key."""
    events: list[Event] = []
    for envelope, event in _iter_messaging(body, channel_kind):
        for key, handler in handlers.items():
            if event.get(key) is not None:
                events.extend(handler(envelope, event))
                break
    return events


def _iter_messaging(body: JsonObject, channel_kind: str) -> Iterator[tuple[Envelope, JsonObject]]:
    for index, entry in enumerate(entries(body)):
        where = f"entry[{index}]"
        account_id = get_id(entry, "id", where)
        for number, raw in enumerate(get_list(entry, "messaging", where)):
            event_where = f"{where}.messaging[{number}]"
            event = as_object(raw, event_where)
            sender = get_id(get_object(event, "sender", event_where), "id", f"{event_where}.sender")
            recipient = get_optional_object(event, "recipient", event_where)
            recipient_id = get_str(recipient, "id", f"{event_where}.recipient") if recipient else ""
            yield Envelope(channel_kind, account_id, event_where, sender, recipient_id), event


def _timestamp(envelope: Envelope, event: JsonObject) -> datetime:
    return get_timestamp(event, "timestamp", envelope.where, unit=MILLISECONDS)


def _millis(at: datetime) -> int:
    return round(at.timestamp() * MILLISECONDS)


def message(envelope: Envelope, event: JsonObject) -> list[Event]:
    where = f"{envelope.where}.message"
    body = get_object(event, "message", envelope.where)
    external_id = get_id(body, "mid", where)
    if body.get("is_deleted") is True:
        return []  # an unsend: the original is already stored under the same mid
    is_echo = body.get("is_echo") is True
    content = _content(body, where)
    contact = _echo_recipient(envelope) if is_echo else envelope.sender_id
    return [
        InboundMessage(
            channel_kind=envelope.channel_kind,
            channel_external_id=envelope.account_id,
            external_id=external_id,
            sender_id=contact,
            sender_name="",
            sent_at=_timestamp(envelope, event),
            kind=content.kind,
            text=content.text,
            media_url=content.media_url,
            context=content.context,
            is_echo=is_echo,
        )
    ]


def _echo_recipient(envelope: Envelope) -> str:
    if not envelope.recipient_id:
        raise PayloadError(f"{envelope.where}.recipient.id is missing (needed for an echo)")
    return envelope.recipient_id


def _content(body: JsonObject, where: str) -> Content:
    text = get_str(body, "text", where)
    if body.get("is_unsupported") is True:
        content = unsupported("")
    elif story := _replied_story(body, where):
        content = Content(
            "story_reply", text or placeholder("story_reply"), story["story_url"], story
        )
    else:
        content = _attachments(body, where, text)
    context = dict(content.context)
    replied = get_str(get_optional_object(body, "reply_to", where), "mid", f"{where}.reply_to")
    if replied:
        context["reply_to"] = replied
    quick_reply = get_str(
        get_optional_object(body, "quick_reply", where), "payload", f"{where}.quick_reply"
    )
    if quick_reply:
        context["quick_reply"] = quick_reply
    return Content(content.kind, content.text, content.media_url, context)


def _replied_story(body: JsonObject, where: str) -> dict[str, str]:
    """Instagram story replies: keep the CDN link and story id, never the media itself."""
    reply_to = get_optional_object(body, "reply_to", where)
    story = get_optional_object(reply_to, "story", f"{where}.reply_to")
    if not story:
        return {}
    story_where = f"{where}.reply_to.story"
    return {
        "story_url": get_str(story, "url", story_where),
        "story_id": get_optional_id(story, "id", story_where),
    }


def _attachments(body: JsonObject, where: str, text: str) -> Content:
    attachments = get_list(body, "attachments", where)
    if not attachments:
        if body.get("sticker_id") is not None:
            return Content("sticker", text or placeholder("sticker"))
        return Content("text", text) if text else unsupported("")
    first = _attachment(attachments[0], f"{where}.attachments[0]")
    if body.get("sticker_id") is not None and first.kind == "image":
        first = Content("sticker", placeholder("sticker"), first.media_url, first.context)
    context = dict(first.context)
    if len(attachments) > 1:
        context["attachment_count"] = str(len(attachments))
    return Content(first.kind, text or first.text, first.media_url, context)


def _attachment(raw: object, where: str) -> Content:
    attachment = as_object(raw, where)
    attachment_type = get_str(attachment, "type", where)
    payload = get_optional_object(attachment, "payload", where)
    url = get_str(payload, "url", f"{where}.payload")
    kind = ATTACHMENT_KINDS.get(attachment_type)
    if kind is None:
        content = unsupported(attachment_type)
        return Content(content.kind, content.text, url)
    if kind == "location":
        return Content(kind, _location_text(payload, f"{where}.payload"), url)
    if kind == "story_mention":
        return Content(kind, placeholder(kind), url, {"story_url": url} if url else {})
    title = get_str(payload, "title", f"{where}.payload")
    return Content(kind, title if kind == "share" and title else placeholder(kind), url)


def _location_text(payload: JsonObject, where: str) -> str:
    coordinates = get_optional_object(payload, "coordinates", where)
    detail = location_detail("", "", coordinates.get("lat"), coordinates.get("long"))
    return placeholder("location", detail)


def reaction(envelope: Envelope, event: JsonObject) -> list[Event]:
    """A reaction has no id of its own: we derive a stable one for idempotent storage."""
    where = f"{envelope.where}.reaction"
    body = get_object(event, "reaction", envelope.where)
    target = get_id(body, "mid", where)
    sent_at = _timestamp(envelope, event)
    action = get_str(body, "action", where) or "react"
    emoji = get_str(body, "emoji", where) if action == "react" else ""
    context = {"reply_to": target, "action": action}
    if emoji:
        context["emoji"] = emoji
    return [
        InboundMessage(
            channel_kind=envelope.channel_kind,
            channel_external_id=envelope.account_id,
            external_id=f"{target}#{action}:{envelope.sender_id}:{_millis(sent_at)}",
            sender_id=envelope.sender_id,
            sender_name="",
            sent_at=sent_at,
            kind="reaction",
            text=reaction_text(emoji),
            context=context,
        )
    ]


def postback(envelope: Envelope, event: JsonObject) -> list[Event]:
    """A tapped button (icebreaker, template button): shown as the button's title."""
    where = f"{envelope.where}.postback"
    body = get_object(event, "postback", envelope.where)
    sent_at = _timestamp(envelope, event)
    fallback_id = f"postback:{envelope.sender_id}:{_millis(sent_at)}"
    title = get_str(body, "title", where)
    return [
        InboundMessage(
            channel_kind=envelope.channel_kind,
            channel_external_id=envelope.account_id,
            external_id=get_optional_id(body, "mid", where) or fallback_id,
            sender_id=envelope.sender_id,
            sender_name="",
            sent_at=sent_at,
            kind="button",
            text=title or placeholder("button"),
            context={"button_payload": get_str(body, "payload", where)},
        )
    ]


def read(envelope: Envelope, event: JsonObject) -> list[Event]:
    """Messenger reads carry a watermark; Instagram's `messaging_seen` names one mid."""
    where = f"{envelope.where}.read"
    body = get_object(event, "read", envelope.where)
    if body.get("mid") is not None:
        at = _timestamp(envelope, event)
        return [_status(envelope, get_id(body, "mid", where), "read", at)]
    watermark = get_timestamp(body, "watermark", where, unit=MILLISECONDS)
    return [_watermark(envelope, "read", watermark)]


def delivery(envelope: Envelope, event: JsonObject) -> list[Event]:
    """Per-message receipts when Meta lists `mids`, else everything up to the watermark."""
    where = f"{envelope.where}.delivery"
    body = get_object(event, "delivery", envelope.where)
    watermark = get_timestamp(body, "watermark", where, unit=MILLISECONDS)
    mids = get_list(body, "mids", where)
    if not mids:
        return [_watermark(envelope, "delivered", watermark)]
    return [
        _status(envelope, as_id(mid, f"{where}.mids[{index}]"), "delivered", watermark)
        for index, mid in enumerate(mids)
    ]


def _status(envelope: Envelope, external_id: str, status: str, at: datetime) -> StatusUpdate:
    return StatusUpdate(envelope.channel_kind, envelope.account_id, external_id, status, at)


def _watermark(envelope: Envelope, status: str, watermark: datetime) -> ReadWatermark:
    return ReadWatermark(
        envelope.channel_kind, envelope.account_id, envelope.sender_id, status, watermark
    )
