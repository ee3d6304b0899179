"""Turning uploaded bytes into text, or saying precisely why they are not text."""

import re

from zicht.inbox.imports.base import ExportError

# Direction and embedding marks that WhatsApp and phones sprinkle through exports, and
# the byte-order mark. They are invisible, so they are removed everywhere.
MARK_CHARS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
MARKS = re.compile(f"[{MARK_CHARS}]")

_KNOWN_BINARY = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"RIFF", "a media file"),
    (b"OggS", "an audio file"),
)


def strip_marks(text: str) -> str:
    return MARKS.sub("", text)


def describe_binary(data: bytes) -> str | None:
    """Name a well-known binary format, so the error can say what was uploaded instead."""
    for magic, description in _KNOWN_BINARY:
        if data.startswith(magic):
            return description
    if data[4:12] in (b"ftypmp42", b"ftypisom", b"ftypM4A ", b"ftypqt  ", b"ftypheic"):
        return "a media file"
    return None


def decode_text(data: bytes, *, what: str) -> str:
    """Decode an export's text: UTF-8 (with or without BOM), or UTF-16 when it has a BOM.

    `what` names the file in error messages. Line endings are normalised to LF.
    """
    if not data:
        raise ExportError(f"{what} is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode(data, "utf-16", what)
    else:
        if (description := describe_binary(data)) is not None:
            raise ExportError(f"{what} is {description}, not text")
        if b"\x00" in data:
            raise ExportError(f"{what} is binary data, not text (it contains NUL bytes)")
        text = _decode(data, "utf-8-sig", what)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, encoding: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        label = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise ExportError(
            f"{what} is not valid {label} text "
            f"(undecodable byte 0x{data[e.start]:02x} at position {e.start})"
        ) from e
