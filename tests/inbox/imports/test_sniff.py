"""Telling an upload's platform, so a web form can refuse a file that is not an export."""

import json

import pytest

from tests.inbox.imports.helpers import FIXTURES, fixture_bytes, zip_bytes, zip_folder
from zicht.inbox.imports import ExportError, sniff

THREAD = {"participants": [{"name": "Mo"}], "messages": [], "thread_path": "inbox/mo_1"}


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("whatsapp_*.txt")))
def test_every_whatsapp_text_export_is_recognised(name: str) -> None:
    assert sniff(fixture_bytes(name), name) == "whatsapp"


def test_a_whatsapp_zip_is_recognised() -> None:
    data = zip_bytes({"_chat.txt": fixture_bytes("whatsapp_ios_nl_seconds.txt")})

    assert sniff(data, "WhatsApp Chat - Noor.zip") == "whatsapp"


def test_an_instagram_zip_is_recognised_by_its_folders() -> None:
    assert sniff(zip_folder(FIXTURES / "instagram_export"), "export.zip") == "instagram"


def test_a_facebook_zip_is_recognised_by_its_folders() -> None:
    assert sniff(zip_folder(FIXTURES / "facebook_export"), "export.zip") == "messenger"


def test_an_old_style_export_is_recognised_by_the_name_meta_gives_the_zip() -> None:
    data = zip_bytes({"messages/inbox/mo_1/message_1.json": json.dumps(THREAD).encode()})

    assert sniff(data, "instagram-mo-2026-03-21.zip") == "instagram"
    assert sniff(data, "facebook-mo-2026-03-21.zip") == "messenger"


def test_an_export_that_does_not_say_which_platform_asks_to_choose() -> None:
    data = zip_bytes({"messages/inbox/mo_1/message_1.json": json.dumps(THREAD).encode()})

    with pytest.raises(ExportError, match="choose the platform explicitly"):
        sniff(data, "export.zip")


def test_a_single_message_file_is_recognised_by_its_upload_name() -> None:
    assert sniff(json.dumps(THREAD).encode(), "instagram message_1.json") == "instagram"


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"Boodschappen:\n- melk\n", "notes.txt"),
        (b'{"name": "Mo"}', "profile.json"),
        (b"{not json", "broken.json"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.png"),
        (zip_bytes({"report.docx": b"PK"}), "report.zip"),
        (zip_bytes({"notes.txt": b"just notes\n"}), "notes.zip"),
        (b"", "empty.txt"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(data: bytes, filename: str) -> None:
    with pytest.raises(ExportError, match="this file is not a WhatsApp, Instagram or Facebook"):
        sniff(data, filename)
