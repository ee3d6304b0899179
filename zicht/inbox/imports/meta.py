"""Instagram and Facebook Messenger "Download your information" exports (JSON format).

Every thread is a folder `messages/inbox/<thread>/` holding `message_1.json`,
`message_2.json`, …, newest messages first across the files. Newer exports nest that under
`your_instagram_activity/` or `your_activity_across_facebook/`, and a zip may add a top
folder of its own, so threads are found by the end of their path. Message requests and
archived threads are imported too: first contact with a young person often starts as a
request.
"""

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from zicht.inbox.imports.archive import (
    DEFAULT_LIMITS,
    ExportTree,
    FolderTree,
    SafeZip,
    is_zip,
    read_capped,
)
from zicht.inbox.imports.base import (
    ExportError,
    ImportedConversation,
    MessageDraft,
    SkippedLine,
    finish_messages,
    participants_in_order,
)
from zicht.inbox.imports.meta_messages import convert, repair_mojibake
from zicht.inbox.imports.text import decode_text

PLATFORMS = {"instagram": "Instagram", "messenger": "Facebook Messenger"}
THREAD_FILE = re.compile(
    r"(?:.*/)?messages/(?:inbox|message_requests|archived_threads|filtered_threads)/"
    r"(?P<thread>[^/]+)/message_(?P<part>\d+)\.(?P<ext>json|html)"
)


def parse_meta_export(source: bytes | Path, *, platform: str) -> list[ImportedConversation]:
    """Every thread with at least one message, as one conversation each.

    `source` is the export as a zip (bytes or a path), an unpacked folder, or a single
    `message_N.json` (bytes or a path).
    """
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}, expected one of {sorted(PLATFORMS)}")
    with _open(source) as tree:
        threads = thread_files(tree.names())
        conversations = [
            _conversation([_load(tree, name) for name in names], key=key, platform=platform)
            for key, names in sorted(threads.items())
        ]
    found = [conversation for conversation in conversations if conversation.messages]
    if not found:
        raise ExportError(f"no {PLATFORMS[platform]} messages found in this export")
    return found


def thread_files(names: list[str]) -> dict[str, list[str]]:
    """The JSON files of each thread, by thread folder name, in part order."""
    parts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    html = False
    for name in names:
        if match := THREAD_FILE.fullmatch(name):
            html = html or match["ext"] == "html"
            if match["ext"] == "json":
                parts[match["thread"]].append((int(match["part"]), name))
    if not parts and html:
        raise ExportError(
            "this export is in HTML format; download your information again and choose JSON"
        )
    if not parts:
        raise ExportError(
            "no messages/inbox/<thread>/message_1.json in this file: "
            "it is not an Instagram or Facebook messages export"
        )
    return {thread: [name for _, name in sorted(files)] for thread, files in parts.items()}


@contextmanager
def _open(source: bytes | Path) -> Iterator[ExportTree]:
    if isinstance(source, Path) and source.is_dir():
        yield FolderTree(source)
    elif isinstance(source, Path) and _starts_like_zip(source):
        # A path is opened rather than read: a full export with media can be gigabytes.
        with SafeZip(source) as archive:
            yield archive
    elif isinstance(source, Path):
        yield _SingleFile(read_capped(source, DEFAULT_LIMITS.max_total_bytes))
    elif is_zip(source):
        with SafeZip(source) as archive:
            yield archive
    else:
        yield _SingleFile(source)


def _starts_like_zip(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return is_zip(file.read(4))
    except OSError as e:
        raise ExportError(f"{str(path)!r} cannot be read ({e.strerror})") from e


class _SingleFile:
    """One uploaded `message_N.json`, presented as an export holding only that thread."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        document = _parse_json(data, "the file")
        thread_path = document.get("thread_path")
        thread = thread_path if isinstance(thread_path, str) else "thread"
        self._name = f"messages/inbox/{PurePosixPath(thread).name or 'thread'}/message_1.json"

    def names(self) -> list[str]:
        return [self._name]

    def read(self, name: str) -> bytes:
        return self._data


def _load(tree: ExportTree, name: str) -> dict[str, Any]:
    return _parse_json(tree.read(name), repr(name))


def _parse_json(data: bytes, what: str) -> dict[str, Any]:
    text = decode_text(data, what=what)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise ExportError(
            f"{what} is not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})"
        ) from e
    except RecursionError as e:
        raise ExportError(f"{what} is JSON nested too deeply to be an export") from e
    if not isinstance(document, dict) or not all(
        isinstance(document.get(key), list) for key in ("participants", "messages")
    ):
        raise ExportError(
            f"{what} is not an Instagram or Facebook message file "
            "(it has no 'participants' and 'messages' lists)"
        )
    return document


def _conversation(
    documents: list[dict[str, Any]], *, key: str, platform: str
) -> ImportedConversation:
    """Merge the parts of one thread into a conversation in chronological order."""
    entries = [entry for document in documents for entry in document["messages"]]
    # The files run newest first; reversing before a stable sort by time keeps messages
    # sent within the same millisecond in the order they were sent.
    entries.reverse()
    drafts: list[MessageDraft] = []
    skipped: list[SkippedLine] = []
    for entry in entries:
        result = convert(entry)
        if isinstance(result, str):
            skipped.append(SkippedLine(None, result, _entry_text(entry)))
        else:
            drafts.append(result)
    drafts.sort(key=lambda draft: draft.sent_at)
    names = [*_participant_names(documents), *(draft.sender for draft in drafts)]
    participants = participants_in_order(names)
    return ImportedConversation(
        platform=platform,
        key=key,
        title=_title(documents) or ", ".join(participants),
        participants=participants,
        messages=finish_messages(platform=platform, key=key, drafts=drafts),
        skipped=tuple(skipped),
    )


def _participant_names(documents: list[dict[str, Any]]) -> list[str]:
    return [
        repair_mojibake(participant["name"]).strip()
        for document in documents
        for participant in document["participants"]
        if isinstance(participant, dict) and isinstance(participant.get("name"), str)
    ]


def _title(documents: list[dict[str, Any]]) -> str:
    titles = [document.get("title") for document in documents]
    return next((repair_mojibake(t).strip() for t in titles if isinstance(t, str)), "")


def _entry_text(entry: Any) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("content"), str):
        return repair_mojibake(entry["content"])
    return repr(entry)[:200]
