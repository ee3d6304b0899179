"""WhatsApp Cloud API webhooks (`object: whatsapp_business_account`).

Shape (Meta, "messages webhook reference"): entry[].changes[] with `field: messages` and a
`value` holding `metadata.phone_number_id`, optional `contacts[]` (profile names),
`messages[]` from contacts and `statuses[]` about messages we sent. Other fields
(account updates, template statuses, ...) are not messages and are ignored.
"""

from collections.abc import Callable, Mapping

from zicht.inbox.channels.base import STATUSES, Event, InboundMessage, StatusUpdate
from zicht.inbox.channels.content import (
    Content,
    location_detail,
    placeholder,
    reaction_text,
    unsupported,
)
from zicht.inbox.channels.reading import (
    SECONDS,
    JsonObject,
    as_object,
    entries,
    get_id,
    get_list,
    get_object,
    get_optional_object,
    get_str,
    get_timestamp,
)

KIND = "whatsapp"
MEDIA_TYPES = ("image", "audio", "video", "document", "sticker")


def parse(body: JsonObject) -> list[Event]:
    events: list[Event] = []
    for index, entry in enumerate(entries(body)):
        where = f"entry[{index}]"
        for number, change in enumerate(get_list(entry, "changes", where)):
            change_where = f"{where}.changes[{number}]"
            events.extend(_parse_change(as_object(change, change_where), change_where))
    return events


def _parse_change(change: JsonObject, where: str) -> list[Event]:
    if change.get("field") != "messages":
        return []
    value = get_object(change, "value", where)
    where = f"{where}.value"
    messages = get_list(value, "messages", where)
    statuses = get_list(value, "statuses", where)
    if not messages and not statuses:
        return []
    phone_number_id = get_id(
        get_object(value, "metadata", where), "phone_number_id", f"{where}.metadata"
    )
    names = _contact_names(value, where)
    events: list[Event] = []
    for index, raw in enumerate(messages):
        events.append(_parse_message(raw, f"{where}.messages[{index}]", phone_number_id, names))
    for index, raw in enumerate(statuses):
        status = _parse_status(raw, f"{where}.statuses[{index}]", phone_number_id)
        if status is not None:
            events.append(status)
    return events


def _contact_names(value: JsonObject, where: str) -> dict[str, str]:
    """wa_id -> profile name, from the `contacts` array next to the messages."""
    names: dict[str, str] = {}
    for index, raw in enumerate(get_list(value, "contacts", where)):
        contact_where = f"{where}.contacts[{index}]"
        contact = as_object(raw, contact_where)
        profile = get_optional_object(contact, "profile", contact_where)
        wa_id = get_str(contact, "wa_id", contact_where)
        if wa_id:
            names[wa_id] = get_str(profile, "name", f"{contact_where}.profile")
    return names


def _parse_message(
    raw: object, where: str, phone_number_id: str, names: Mapping[str, str]
) -> InboundMessage:
    message = as_object(raw, where)
    sender = get_id(message, "from", where)
    content = _describe(message, get_str(message, "type", where, required=True), where)
    context = dict(content.context)
    replied = get_str(get_optional_object(message, "context", where), "id", f"{where}.context")
    if replied:
        context.setdefault("reply_to", replied)
    return InboundMessage(
        channel_kind=KIND,
        channel_external_id=phone_number_id,
        external_id=get_id(message, "id", where),
        sender_id=sender,
        sender_name=names.get(sender, ""),
        sent_at=get_timestamp(message, "timestamp", where, unit=SECONDS),
        kind=content.kind,
        text=content.text,
        media_url=content.media_url,
        context=context,
    )


def _describe(message: JsonObject, message_type: str, where: str) -> Content:
    if message_type in MEDIA_TYPES:
        return _media(message, message_type, where)
    if message_type == "contacts":
        return _contact_cards(message, where)
    describe = DESCRIBERS.get(message_type)
    if describe is None:
        return _unsupported(message, message_type, where)
    return describe(get_optional_object(message, message_type, where), f"{where}.{message_type}")


def _text(text: JsonObject, where: str) -> Content:
    return Content("text", get_str(text, "body", where))


def _media(message: JsonObject, kind: str, where: str) -> Content:
    """Media arrive as an id to fetch later (not a URL); the caption is the text."""
    media = get_optional_object(message, kind, where)
    where = f"{where}.{kind}"
    filename = get_str(media, "filename", where)
    caption = get_str(media, "caption", where)
    context = {
        key: get_str(media, source, where)
        for key, source in (
            ("media_id", "id"),
            ("mime_type", "mime_type"),
            ("filename", "filename"),
        )
        if get_str(media, source, where)
    }
    return Content(kind, caption or placeholder(kind, filename), context=context)


def _location(location: JsonObject, where: str) -> Content:
    detail = location_detail(
        get_str(location, "name", where),
        get_str(location, "address", where),
        location.get("latitude"),
        location.get("longitude"),
    )
    return Content("location", placeholder("location", detail))


def _contact_cards(message: JsonObject, where: str) -> Content:
    """Shared contact cards: `contacts` is an array here, unlike the other types."""
    names = []
    for index, raw in enumerate(get_list(message, "contacts", where)):
        card_where = f"{where}.contacts[{index}]"
        name = get_optional_object(as_object(raw, card_where), "name", card_where)
        names.append(get_str(name, "formatted_name", f"{card_where}.name"))
    return Content("contacts", placeholder("contacts", ", ".join(filter(None, names))))


def _reaction(reaction: JsonObject, where: str) -> Content:
    emoji = get_str(reaction, "emoji", where)
    context = {"reply_to": get_str(reaction, "message_id", where)}
    if emoji:
        context["emoji"] = emoji
    return Content("reaction", reaction_text(emoji), context=context)


def _button(button: JsonObject, where: str) -> Content:
    text = get_str(button, "text", where)
    context = {"button_payload": get_str(button, "payload", where)}
    return Content("button", text or placeholder("button"), context=context)


def _interactive(interactive: JsonObject, where: str) -> Content:
    reply_type = get_str(interactive, "type", where)
    reply = get_optional_object(interactive, reply_type, where) if reply_type else {}
    title = get_str(reply, "title", f"{where}.{reply_type}") if reply_type else ""
    context = {"interactive_type": reply_type}
    if reply.get("id") is not None:
        context["interactive_id"] = get_id(reply, "id", f"{where}.{reply_type}")
    return Content("interactive", title or placeholder("interactive"), context=context)


def _unsupported(message: JsonObject, message_type: str, where: str) -> Content:
    """Unknown and unsupported types keep Meta's own error reason in the context."""
    inner = get_optional_object(message, "unsupported", where)
    shown = get_str(inner, "type", f"{where}.unsupported") or message_type
    content = unsupported(shown)
    reason = _first_error(message, where)
    return Content(content.kind, content.text, context={"error": reason} if reason else {})


DESCRIBERS: dict[str, Callable[[JsonObject, str], Content]] = {
    "text": _text,
    "location": _location,
    "reaction": _reaction,
    "button": _button,
    "interactive": _interactive,
}


def _parse_status(raw: object, where: str, phone_number_id: str) -> StatusUpdate | None:
    status = as_object(raw, where)
    name = get_str(status, "status", where, required=True)
    if name not in STATUSES:
        return None  # e.g. "deleted", "played": no place in our forward-only lifecycle
    return StatusUpdate(
        channel_kind=KIND,
        channel_external_id=phone_number_id,
        external_id=get_id(status, "id", where),
        status=name,
        at=get_timestamp(status, "timestamp", where, unit=SECONDS),
        error=_first_error(status, where) if name == "failed" else "",
    )


def _first_error(obj: JsonObject, where: str) -> str:
    """`131047: Re-engagement message (More than 24 hours have passed ...)`."""
    errors = get_list(obj, "errors", where)
    if not errors:
        return ""
    error = as_object(errors[0], f"{where}.errors[0]")
    where = f"{where}.errors[0]"
    code = error.get("code")
    title = get_str(error, "title", where) or get_str(error, "message", where)
    details = get_str(
        get_optional_object(error, "error_data", where), "details", f"{where}.error_data"
    )
    text = f"{code}: {title}" if isinstance(code, int | str) and code != "" else title
    return f"{text} ({details})" if details and details != title else text
