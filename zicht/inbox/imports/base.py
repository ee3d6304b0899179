"""The shapes every import parser returns, and the helpers they share.

Parsers are pure: bytes in, frozen dataclasses out. Nothing here touches Django or a
database, so the web upload can show a preview before anything is saved.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

TEXT = "text"
MEDIA = "media"
DELETED = "deleted"

DELETED_PLACEHOLDER = "[bericht verwijderd]"


class ExportError(ValueError):
    """A file that cannot be imported, with a precise, human-readable reason (English)."""


@dataclass(frozen=True)
class ImportedMessage:
    sent_at: datetime
    sender: str
    text: str
    kind: str
    fingerprint: str


@dataclass(frozen=True)
class SkippedLine:
    line_number: int | None
    reason: str
    text: str


@dataclass(frozen=True)
class ImportedConversation:
    platform: str
    key: str
    title: str
    participants: tuple[str, ...]
    messages: tuple[ImportedMessage, ...]
    skipped: tuple[SkippedLine, ...]


@dataclass(frozen=True)
class MessageDraft:
    """A parsed message before its fingerprint is known (that needs the whole conversation)."""

    sent_at: datetime
    sender: str
    text: str
    kind: str


def media_placeholder(label: str | None = None) -> str:
    """ "[media: foto]", or "[media]" when the export does not say what kind."""
    return f"[media: {label}]" if label else "[media]"


def fingerprint(
    *, platform: str, key: str, sent_at: datetime, sender: str, text: str, n: int
) -> str:
    """A stable id for idempotent re-import.

    The time is normalised to UTC so the same instant always hashes the same, and the
    fields are JSON-encoded so no separator inside a text can make two tuples collide.
    """
    fields = [platform, key, sent_at.astimezone(UTC).isoformat(), sender, text, n]
    payload = json.dumps(fields, separators=(",", ":"))
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def finish_messages(
    *, platform: str, key: str, drafts: Iterable[MessageDraft]
) -> tuple[ImportedMessage, ...]:
    """Fingerprint chronologically ordered drafts.

    `n` counts earlier messages with the same time, sender and text, so two identical
    "ok"s sent within the same minute stay two messages, and parsing the same file again
    gives every message the same fingerprint as before.
    """
    seen: Counter[tuple[datetime, str, str]] = Counter()
    messages = []
    for draft in drafts:
        identity = (draft.sent_at, draft.sender, draft.text)
        n = seen[identity]
        seen[identity] += 1
        digest = fingerprint(
            platform=platform,
            key=key,
            sent_at=draft.sent_at,
            sender=draft.sender,
            text=draft.text,
            n=n,
        )
        messages.append(
            ImportedMessage(draft.sent_at, draft.sender, draft.text, draft.kind, digest)
        )
    return tuple(messages)


def participants_in_order(names: Iterable[str]) -> tuple[str, ...]:
    """Unique names, in the order they first appear."""
    return tuple(dict.fromkeys(name for name in names if name))
