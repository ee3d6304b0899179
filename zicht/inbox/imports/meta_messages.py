"""One message of an Instagram or Facebook "Download your information" JSON file.

Choices, so a reader need not guess:
- Reactions written as a message ("X reageerde ❤ op je bericht", "Reacted ❤ to your
  message", "Liked a message") are skipped with reason "reaction": they are not something
  the young person wrote. The `reactions` list on a message is ignored for the same reason.
- "X sent an attachment." and "You sent a photo." are media: something was sent, its
  content is just not in the export.
- Calls, group notices ("X named the group …", "X left the group") and Messenger's
  "You are now connected" are skipped with reason "call" or "system message".
- Unsent messages (`is_unsent`) are kept as kind "deleted".
- A shared post without text is media, with the link kept after the placeholder.
"""

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from zicht.inbox.imports.base import (
    DELETED,
    DELETED_PLACEHOLDER,
    MEDIA,
    TEXT,
    MessageDraft,
    media_placeholder,
)

SYSTEM = "system message"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

_ATTACHMENTS = {
    "photos": "foto",
    "videos": "video",
    "audio_files": "audio",
    "gifs": "gif",
    "sticker": "sticker",
    "files": "bestand",
}


def _sentences(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.DOTALL)


_REACTION = _sentences(
    r"(?:.+ )?reacted .+ to (?:your|a) message\.?",
    r"(?:.+ )?liked a message\.?",
    r"(?:.+ )?reageerde .+ op (?:je|jouw|een) bericht\.?",
    r"(?:.+ )?(?:vond|vindt) (?:je|jouw|een) bericht leuk\.?",
)
_SENT_ATTACHMENT = _sentences(
    r".+ sent (?:a|an) (?:attachment|photo|video|voice message|audio clip|gif|sticker)\.?",
    r".+ (?:heeft|hebt) een (?:bijlage|foto|video|spraakbericht|gif|sticker) "
    r"(?:gestuurd|verzonden)\.?",
)
_STORY_MENTION = _sentences(
    r"(?:.+ )?mentioned you in (?:their|his|her) story\.?",
    r"(?:.+ )?heeft je (?:vermeld|genoemd) in (?:zijn|haar|hun) (?:verhaal|story)\.?",
)
_NOTICE = _sentences(
    r".+ started (?:a|an) (?:video|audio) (?:chat|call)\.?",
    r"the (?:video|audio) (?:chat|call) ended\.?",
    r".+ missed (?:a|your) (?:video |audio )?(?:chat|call)\.?",
    r"you are now connected on messenger\.?",
    r"say hi to your new facebook friend.*",
    r".+ (?:named the group|changed the group photo|set the nickname for|set the emoji to) .*",
    r".+ (?:added .+ to|left|removed .+ from) the group\.?",
    r".+ changed the (?:chat )?theme.*",
    r".+ heeft een (?:video|audio)(?:chat|gesprek) gestart\.?",
    r"de (?:video|audio)(?:chat|oproep) is beëindigd\.?",
    r".+ heeft (?:de groep .+ genoemd|de groepsfoto gewijzigd|de groep verlaten)\.?",
    r".+ heeft .+ (?:aan de groep toegevoegd|uit de groep verwijderd)\.?",
    r"je bent nu verbonden (?:op|via) messenger\.?",
)


def repair_mojibake(text: str) -> str:
    """Undo Meta's double encoding: UTF-8 bytes written out as Latin-1 code points.

    "Caf\u00c3\u00a9" becomes "Café". Text that does not round-trip (it already holds
    characters outside Latin-1, or its bytes are not UTF-8) is kept as it is.
    """
    try:
        repaired = text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        repaired = text
    # NUL and lone surrogates are legal in JSON but not in a database text column.
    return repaired.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def convert(raw: Any) -> MessageDraft | str:
    """A draft message, or the reason this entry is not one."""
    if not isinstance(raw, dict):
        return "malformed message"
    sender, sent_at = raw.get("sender_name"), _sent_at(raw.get("timestamp_ms"))
    if not isinstance(sender, str) or sent_at is None:
        return "malformed message"
    sender = repair_mojibake(sender).strip()
    content = raw.get("content")
    content = repair_mojibake(content).strip() if isinstance(content, str) else ""
    if raw.get("is_unsent") is True:
        return MessageDraft(sent_at, sender, DELETED_PLACEHOLDER, DELETED)
    if raw.get("type") == "Call" or "call_duration" in raw:
        return "call"
    if reason := _not_a_message(raw, content):
        return reason
    if (text := _media_text(raw, content)) is not None:
        return MessageDraft(sent_at, sender, text, MEDIA)
    return MessageDraft(sent_at, sender, content, TEXT) if content else "empty message"


def _sent_at(timestamp_ms: object) -> datetime | None:
    if not isinstance(timestamp_ms, int) or isinstance(timestamp_ms, bool):
        return None
    try:
        return EPOCH + timedelta(milliseconds=timestamp_ms)
    except OverflowError:
        return None


def _not_a_message(raw: dict[str, Any], content: str) -> str | None:
    if raw.get("type") in ("Subscribe", "Unsubscribe"):
        return SYSTEM
    if _REACTION.fullmatch(content):
        return "reaction"
    if _NOTICE.fullmatch(content):
        return SYSTEM
    return None


def _media_text(raw: dict[str, Any], content: str) -> str | None:
    """The placeholder for a message that carries media instead of (or besides) text."""
    label = next((label for key, label in _ATTACHMENTS.items() if raw.get(key)), None)
    if _SENT_ATTACHMENT.fullmatch(content):
        return media_placeholder(label or "bijlage")
    if _STORY_MENTION.fullmatch(content):
        return media_placeholder("story-vermelding")
    if label is not None:
        return "\n".join(filter(None, [media_placeholder(label), content]))
    share = raw.get("share")
    if isinstance(share, dict) and not content:
        link = share.get("link")
        link = repair_mojibake(link) if isinstance(link, str) else ""
        return "\n".join(filter(None, [media_placeholder("gedeeld bericht"), link]))
    return None
