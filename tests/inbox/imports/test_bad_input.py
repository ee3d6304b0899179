"""Files that are not exports, or are hostile: a clear ExportError, never another exception."""

import contextlib
import io
import json
import random
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.inbox.imports.helpers import FIXTURES, fixture_bytes, zip_bytes, zip_folder
from zicht.inbox.imports import ExportError, parse_meta_export, parse_whatsapp, sniff
from zicht.inbox.imports.archive import Limits, SafeZip

CHAT = fixture_bytes("whatsapp_android_nl_24h.txt")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
GARBAGE = random.Random(4).randbytes(4096)

Parser = Callable[[bytes], object]
PARSERS: dict[str, Parser] = {
    "whatsapp": lambda data: parse_whatsapp(data, filename="upload.bin"),
    "instagram": lambda data: parse_meta_export(data, platform="instagram"),
    "sniff": lambda data: sniff(data, "upload.bin"),
}


def zip_with_member(info: zipfile.ZipInfo, data: bytes = b"x") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, data)
    return buffer.getvalue()


def bomb(size: int = 30 * 1024 * 1024) -> bytes:
    """A small zip whose single member expands to `size` zero bytes."""
    return zip_bytes({"_chat.txt": bytes(size)})


def understated(data: bytes, claimed: int) -> bytes:
    """The zip with every header claiming its first member is only `claimed` bytes long."""
    patched = bytearray(data)
    local = patched.find(b"PK\x03\x04")
    struct.pack_into("<I", patched, local + 22, claimed)
    central = patched.find(b"PK\x01\x02")
    struct.pack_into("<I", patched, central + 24, claimed)
    return bytes(patched)


HOSTILE = {
    "empty file": (b"", "is empty"),
    "binary garbage": (GARBAGE, "not valid UTF-8 text|binary data"),
    "png image": (PNG, "is a PNG image, not text"),
    "invalid utf-8": (b"25-11-2026 14:03 - Mo: caf\xe9!\n", r"not valid UTF-8 text .*0xe9"),
    "path traversal": (zip_bytes({"../evil.txt": CHAT}), r"'\.\./evil\.txt' points outside"),
    "nested traversal": (zip_bytes({"a/../../evil.txt": CHAT}), "points outside the archive"),
    "absolute path": (zip_bytes({"/etc/evil.txt": CHAT}), "'/etc/evil.txt' has an absolute"),
    "windows drive": (zip_bytes({"C:/evil.txt": CHAT}), "has an absolute path"),
    "decompression bomb": (bomb(), "looks like a decompression bomb"),
    "too many members": (
        zip_bytes({f"media/{n}.jpg": b"" for n in range(10_001)}, compression=zipfile.ZIP_STORED),
        "has 10001 members, more than the 10000",
    ),
    "truncated zip": (zip_bytes({"_chat.txt": CHAT})[:60], "damaged or truncated"),
}


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_or_broken_input_is_refused_with_a_precise_reason(case: str, parser: str) -> None:
    data, reason = HOSTILE[case]

    with pytest.raises(ExportError, match=reason):
        PARSERS[parser](data)


@pytest.mark.parametrize(
    ("member", "parser"),
    [("_chat.txt", "whatsapp"), ("messages/inbox/mo_1/message_1.json", "instagram")],
)
def test_a_member_larger_than_its_header_claims_is_never_expanded_past_the_claim(
    member: str, parser: str
) -> None:
    data = understated(zip_bytes({member: CHAT + b"x" * 5000}), 100)

    with pytest.raises(ExportError, match=f"{re.escape(repr(member))} is damaged"):
        PARSERS[parser](data)


def test_a_symbolic_link_in_a_zip_is_refused() -> None:
    link = zipfile.ZipInfo("_chat.txt")
    link.external_attr = 0o120777 << 16

    with pytest.raises(ExportError, match=r"'_chat\.txt' is a symbolic link"):
        parse_whatsapp(zip_with_member(link, b"/etc/passwd"), filename="chat.zip")


def test_a_password_protected_member_is_refused() -> None:
    locked = bytearray(zip_bytes({"_chat.txt": CHAT}))
    locked[locked.find(b"PK\x03\x04") + 6] |= 0x1
    locked[locked.find(b"PK\x01\x02") + 8] |= 0x1

    with pytest.raises(ExportError, match=r"'_chat\.txt' is password-protected"):
        parse_whatsapp(bytes(locked), filename="chat.zip")


def test_members_together_larger_than_the_budget_are_refused() -> None:
    noise = random.Random(1).randbytes(5000)
    data = zip_bytes({"a.txt": noise, "b.txt": noise})

    with SafeZip(data, Limits(max_total_bytes=8000)) as archive:
        archive.read("a.txt")
        with pytest.raises(ExportError, match=r"'b\.txt' is larger than an export can be"):
            archive.read("b.txt")


def test_a_whatsapp_zip_without_a_text_file_is_refused() -> None:
    data = zip_bytes({"IMG-1.jpg": b"\xff\xd8\xff"})

    with pytest.raises(ExportError, match=r"holds no WhatsApp chat \(there is no \.txt file"):
        parse_whatsapp(data, filename="chat.zip")


def test_a_whatsapp_zip_with_several_unnamed_text_files_is_refused() -> None:
    data = zip_bytes({"a.txt": CHAT, "b.txt": CHAT})

    with pytest.raises(ExportError, match=r"several text files, none clearly the chat: 'a\.txt'"):
        parse_whatsapp(data, filename="chat.zip")


def test_a_text_file_that_is_not_a_chat_has_no_messages() -> None:
    with pytest.raises(ExportError, match=r"no WhatsApp messages found in 'notes\.txt'"):
        parse_whatsapp(b"Boodschappen:\n- melk\n- brood\n", filename="notes.txt")


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (b'{"name": "not an export"}', "no 'participants' and 'messages' lists"),
        (b"[1, 2, 3]", "no 'participants' and 'messages' lists"),
        (b'{"participants": [], "messages": [', "not valid JSON"),
        (b"[" * 100_000, "not valid JSON|nested too deeply"),
    ],
)
def test_a_json_file_that_is_not_a_message_file_is_refused(document: bytes, reason: str) -> None:
    with pytest.raises(ExportError, match=reason):
        parse_meta_export(document, platform="instagram")


def test_a_broken_message_file_inside_a_zip_is_named() -> None:
    data = zip_bytes({"messages/inbox/mo_1/message_1.json": b"{oops"})

    with pytest.raises(ExportError, match=r"'messages/inbox/mo_1/message_1\.json' is not valid"):
        parse_meta_export(data, platform="messenger")


def test_a_path_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"missing\.zip' cannot be read \(No such file"):
        parse_meta_export(tmp_path / "missing.zip", platform="instagram")


def test_a_symlink_in_an_export_folder_is_not_followed(tmp_path: Path) -> None:
    thread = tmp_path / "messages/inbox/mo_1"
    thread.mkdir(parents=True)
    secret = tmp_path.parent / f"{tmp_path.name}-secret.json"
    secret.write_text(json.dumps({"participants": [], "messages": [{"content": "geheim"}]}))
    (thread / "message_1.json").symlink_to(secret)

    with pytest.raises(ExportError, match="not an Instagram or Facebook messages export"):
        parse_meta_export(tmp_path, platform="instagram")


def mutations(data: bytes) -> st.SearchStrategy[bytes]:
    """The bytes cut short, or with some bytes overwritten."""
    cut = st.integers(0, len(data)).map(lambda end: data[:end])
    flips = st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)), max_size=8)
    return st.one_of(cut, flips.map(lambda changes: _apply(data, changes)))


def _apply(data: bytes, changes: list[tuple[int, int]]) -> bytes:
    changed = bytearray(data)
    for position, value in changes:
        changed[position] = value
    return bytes(changed)


WHATSAPP_ZIP = zip_bytes({"_chat.txt": CHAT, "IMG-1.jpg": PNG})
META_ZIP = zip_folder(FIXTURES / "facebook_export")


@given(data=st.one_of(st.binary(), mutations(CHAT), mutations(WHATSAPP_ZIP), mutations(META_ZIP)))
@pytest.mark.parametrize("parser", PARSERS)
def test_arbitrary_or_damaged_bytes_never_raise_anything_but_export_error(
    parser: str, data: bytes
) -> None:
    with contextlib.suppress(ExportError):
        PARSERS[parser](data)
