"""WhatsApp "Export chat": the text file, or the zip with the text file and media.

Android writes `25-11-2026 14:03 - Naam: tekst`, iOS `[25-11-2026 14:03:12] Naam: tekst`;
both vary with the phone's language and clock settings. A line that does not start with a
timestamp continues the message before it.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from zicht.inbox.imports import whatsapp_patterns as patterns
from zicht.inbox.imports.archive import SafeZip, is_zip
from zicht.inbox.imports.base import (
    DELETED,
    MEDIA,
    TEXT,
    ExportError,
    ImportedConversation,
    MessageDraft,
    SkippedLine,
    finish_messages,
    participants_in_order,
)
from zicht.inbox.imports.text import MARK_CHARS, decode_text, strip_marks
from zicht.inbox.imports.whatsapp_dates import DATE, TIME, Stamp, resolve

PLATFORM = "whatsapp"
SYSTEM = "system message"

_ANDROID = re.compile(rf"{DATE},?\s{TIME}\s[-–]\s(?P<rest>.*)")
_IOS = re.compile(rf"\[{DATE},?\s{TIME}\]\s(?P<rest>.*)")
_TITLE = re.compile(
    r"whatsapp[ -]?chat\s*(?:with|met|-)\s*(?P<title>.+?)(?:\s*\(\d+\))?", re.IGNORECASE
)
_GENERIC_STEMS = {"", "_chat", "chat"}
# iOS starts the text of system, media and deleted lines with a left-to-right mark.
_IOS_NOTICE_MARK = "\u200e"


@dataclass
class _Block:
    """One timestamped line and the continuation lines that follow it."""

    line_number: int
    stamp: Stamp
    rest: str  # after the timestamp, direction marks still in place
    ios: bool
    more: list[str] = field(default_factory=list)

    def full_text(self) -> str:
        return "\n".join([strip_marks(self.rest), *self.more]).strip()


def parse_whatsapp(
    data: bytes, *, filename: str, tz: str = "Europe/Amsterdam"
) -> ImportedConversation:
    """Parse an exported chat; local times in the export are read in the time zone `tz`."""
    zone = _zone(tz)
    member, text = _chat_text(data, filename)
    blocks, skipped = _blocks(text.split("\n"))
    drafts = _classify(blocks, zone, skipped)
    if not drafts:
        raise ExportError(f"no WhatsApp messages found in {PurePosixPath(filename).name!r}")
    participants = participants_in_order(draft.sender for draft in drafts)
    title = _title([member, filename], participants)
    return ImportedConversation(
        platform=PLATFORM,
        key=title,
        title=title,
        participants=participants,
        messages=finish_messages(platform=PLATFORM, key=title, drafts=drafts),
        skipped=tuple(sorted(skipped, key=lambda line: line.line_number or 0)),
    )


def looks_like_whatsapp(text: str, *, lines: int = 25) -> bool:
    """Whether one of the first non-blank lines starts like a WhatsApp message."""
    candidates = [line for line in text.split("\n", 200)[:200] if line.strip()][:lines]
    return any(_header(line) is not None for line in candidates)


def chat_member(names: list[str]) -> str:
    """The chat text inside an exported zip: `_chat.txt`, `WhatsApp Chat with X.txt`, …"""
    texts = [name for name in names if _is_text_member(name)]
    for name in texts:
        if PurePosixPath(name).name.lower() == "_chat.txt":
            return name
    named = [name for name in texts if _TITLE.fullmatch(PurePosixPath(name).stem)]
    if len(named) == 1 or len(texts) == 1:
        return (named or texts)[0]
    if not texts:
        raise ExportError("the zip holds no WhatsApp chat (there is no .txt file in it)")
    listed = ", ".join(repr(name) for name in texts[:5])
    raise ExportError(f"the zip holds several text files, none clearly the chat: {listed}")


def _is_text_member(name: str) -> bool:
    path = PurePosixPath(name)
    hidden = name.startswith("__MACOSX/") or path.name.startswith("._")
    return path.suffix.lower() == ".txt" and not hidden


def _zone(tz: str) -> tzinfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ValueError(f"unknown time zone {tz!r}") from e


def _chat_text(data: bytes, filename: str) -> tuple[str, str]:
    """The chat's text and the name of the file it came from."""
    name = PurePosixPath(filename).name
    if not is_zip(data):
        return name, decode_text(data, what=repr(name))
    with SafeZip(data) as archive:
        member = chat_member(archive.names())
        return member, decode_text(archive.read(member), what=f"{member!r} in {name!r}")


def _header(line: str) -> tuple[re.Match[str], bool] | None:
    """Match a timestamped line; marks before or inside the timestamp are ignored."""
    raw = line.lstrip(MARK_CHARS)
    for candidate in (raw, strip_marks(raw)):
        for pattern, ios in ((_IOS, True), (_ANDROID, False)):
            if match := pattern.fullmatch(candidate):
                return match, ios
    return None


def _blocks(lines: list[str]) -> tuple[list[_Block], list[SkippedLine]]:
    blocks: list[_Block] = []
    skipped: list[SkippedLine] = []
    for number, line in enumerate(lines, start=1):
        if header := _header(line):
            match, ios = header
            blocks.append(_Block(number, Stamp.from_match(match), match["rest"], ios))
        elif blocks:
            blocks[-1].more.append(strip_marks(line))
        elif line.strip():
            skipped.append(SkippedLine(number, "text before the first message", line))
    return blocks, skipped


def _classify(blocks: list[_Block], zone: tzinfo, skipped: list[SkippedLine]) -> list[MessageDraft]:
    """Turn blocks into drafts, adding the lines that are not messages to `skipped`."""
    drafts = []
    for block, naive in zip(blocks, resolve([block.stamp for block in blocks]), strict=True):
        if naive is None:
            skipped.append(SkippedLine(block.line_number, "unparseable date", block.full_text()))
            continue
        result = _message(block, naive.replace(tzinfo=zone))
        if isinstance(result, str):
            skipped.append(SkippedLine(block.line_number, result, block.full_text()))
        else:
            drafts.append(result)
    return drafts


def _message(block: _Block, sent_at: datetime) -> MessageDraft | str:
    """The message on a block, or the reason it is not one."""
    if patterns.is_notice_line(strip_marks(block.rest).strip()):
        return SYSTEM
    sender, separator, raw_text = block.rest.partition(": ")
    if not separator:
        return SYSTEM
    text = "\n".join([strip_marks(raw_text), *block.more]).strip()
    kind, shown = _kind(patterns.without_edited_marker(text))
    marked = block.ios and raw_text.startswith(_IOS_NOTICE_MARK)
    if (marked and kind == TEXT) or patterns.is_notice(text):
        return SYSTEM
    if not shown:
        return "empty message"
    return MessageDraft(sent_at, strip_marks(sender).strip(), shown, kind)


def _kind(text: str) -> tuple[str, str]:
    """The kind of a message and the text to keep for it."""
    if (deleted := patterns.deleted_text(text)) is not None:
        return DELETED, deleted
    # Android writes a media file's caption on the line after the placeholder.
    first_line, _, caption = text.partition("\n")
    if (media := patterns.media_text(first_line)) is not None:
        return MEDIA, "\n".join(filter(None, [media, caption]))
    return TEXT, text


def _title(names: list[str], participants: tuple[str, ...]) -> str:
    """The chat's title from the export's file names, else its participants."""
    stems = [PurePosixPath(name.replace("\\", "/")).stem.strip() for name in names]
    for stem in stems:
        if match := _TITLE.fullmatch(stem):
            return match["title"].strip()
    for stem in stems:
        if stem.lower() not in _GENERIC_STEMS:
            return stem
    return ", ".join(participants)
