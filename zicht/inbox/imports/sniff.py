"""Telling what kind of export an upload is, before parsing it for real."""

import json
from pathlib import PurePosixPath

from zicht.inbox.imports.archive import SafeZip, is_zip
from zicht.inbox.imports.base import ExportError
from zicht.inbox.imports.meta import THREAD_FILE
from zicht.inbox.imports.text import decode_text
from zicht.inbox.imports.whatsapp import chat_member, looks_like_whatsapp

NOT_AN_EXPORT = "this file is not a WhatsApp, Instagram or Facebook export"
_SNIFF_BYTES = 64 * 1024
# Only Facebook's export has these folders next to messages/inbox.
_FACEBOOK_ONLY = ("/filtered_threads/", "messages/stickers_used/")


def sniff(data: bytes, filename: str) -> str:
    """ "whatsapp", "instagram" or "messenger"; ExportError for anything else.

    Unsafe zips (path traversal, decompression bombs) are refused with their own reason.
    """
    if is_zip(data):
        with SafeZip(data) as archive:
            return _sniff_zip(archive, filename)
    try:
        text = decode_text(data, what="the file")
    except ExportError as e:
        raise ExportError(f"{NOT_AN_EXPORT} ({e})") from e
    if text.lstrip().startswith("{"):
        return _sniff_json(text, filename)
    if looks_like_whatsapp(text):
        return "whatsapp"
    raise ExportError(NOT_AN_EXPORT)


def _sniff_zip(archive: SafeZip, filename: str) -> str:
    names = archive.names()
    if any(THREAD_FILE.fullmatch(name) for name in names):
        return meta_platform(filename, names)
    try:
        member = chat_member(names)
    except ExportError as e:
        raise ExportError(NOT_AN_EXPORT) from e
    head = archive.read(member)[:_SNIFF_BYTES]
    if looks_like_whatsapp(head.decode("utf-8", "replace")):
        return "whatsapp"
    raise ExportError(NOT_AN_EXPORT)


def _sniff_json(text: str, filename: str) -> str:
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        raise ExportError(f"{NOT_AN_EXPORT} (it is not valid JSON)") from e
    is_thread = isinstance(document, dict) and all(
        isinstance(document.get(key), list) for key in ("participants", "messages")
    )
    if not is_thread:
        raise ExportError(f"{NOT_AN_EXPORT} (a JSON file, but not a message file)")
    thread_path = document.get("thread_path")
    return meta_platform(filename, [thread_path] if isinstance(thread_path, str) else [])


def meta_platform(filename: str, names: list[str]) -> str:
    """Instagram or Messenger, from the file name and the paths inside the export."""
    upload = PurePosixPath(filename.replace("\\", "/")).name.lower()
    paths = " ".join(names).lower()
    if "instagram" in upload or "your_instagram_activity/" in paths:
        return "instagram"
    if any(word in upload for word in ("facebook", "messenger")):
        return "messenger"
    if "your_activity_across_facebook/" in paths or any(p in paths for p in _FACEBOOK_ONLY):
        return "messenger"
    raise ExportError(
        "this is an Instagram or Facebook messages export, but nothing in it says which of "
        "the two; choose the platform explicitly"
    )
