"""Instagram and Facebook "Download your information" JSON exports."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.inbox.imports.helpers import FIXTURES, zip_bytes, zip_folder
from zicht.inbox.imports import ExportError, ImportedConversation, parse_meta_export

INSTAGRAM = FIXTURES / "instagram_export"
FACEBOOK = FIXTURES / "facebook_export"
T0 = datetime(2026, 3, 20, 9, 46, 40, tzinfo=UTC)


def by_key(conversations: list[ImportedConversation]) -> dict[str, ImportedConversation]:
    return {conversation.key: conversation for conversation in conversations}


def summary(conversation: ImportedConversation) -> list[tuple[str, str, str]]:
    return [(m.sender, m.kind, m.text) for m in conversation.messages]


def test_an_instagram_folder_merges_message_files_into_one_chronological_thread() -> None:
    daan = by_key(parse_meta_export(INSTAGRAM, platform="instagram"))["daan_10234567891234567"]

    assert daan.platform == "instagram"
    assert [m.sent_at for m in daan.messages] == sorted(m.sent_at for m in daan.messages)
    assert daan.messages[0].sent_at == T0
    assert summary(daan)[:3] == [
        ("Daan van der Bérg", "text", "Hoi! Één vraagje"),
        ("Daan van der Bérg", "text", "ik zag jullie post over het café 😍 is dat gratis?"),
        (
            "Jongerenwerk Charlois",
            "text",
            "Ja, het jongerencafé is gratis! Woensdag vanaf 19:00 – kom gerust langs.",
        ),
    ]


def test_mojibake_in_names_titles_and_texts_is_repaired() -> None:
    daan = by_key(parse_meta_export(INSTAGRAM, platform="instagram"))["daan_10234567891234567"]

    assert daan.title == "Daan van der Bérg"
    assert daan.participants == ("Daan van der Bérg", "Jongerenwerk Charlois")


def test_photos_shares_and_unsent_messages_get_placeholders() -> None:
    daan = by_key(parse_meta_export(INSTAGRAM, platform="instagram"))["daan_10234567891234567"]

    assert summary(daan)[3:] == [
        ("Daan van der Bérg", "media", "[media: foto]"),
        (
            "Daan van der Bérg",
            "media",
            "[media: gedeeld bericht]\nhttps://www.instagram.com/p/FICTIONAL123/",
        ),
        ("Daan van der Bérg", "deleted", "[bericht verwijderd]"),
    ]


def test_a_reaction_written_as_a_message_is_skipped() -> None:
    daan = by_key(parse_meta_export(INSTAGRAM, platform="instagram"))["daan_10234567891234567"]

    assert [(line.reason, line.text) for line in daan.skipped] == [
        ("reaction", "Daan reageerde ❤️ op je bericht")
    ]


def test_message_requests_are_imported_as_threads_too() -> None:
    threads = by_key(parse_meta_export(INSTAGRAM, platform="instagram"))

    assert sorted(threads) == ["daan_10234567891234567", "zoe_20987654321098765"]
    assert threads["zoe_20987654321098765"].title == "Zoë"


def test_a_zipped_instagram_export_reads_the_same_as_the_folder() -> None:
    zipped = zip_folder(INSTAGRAM, prefix="instagram-daan-2026-03-21/")

    assert parse_meta_export(zipped, platform="instagram") == parse_meta_export(
        INSTAGRAM, platform="instagram"
    )


def test_a_zip_on_disk_is_read_from_its_path(tmp_path: Path) -> None:
    path = tmp_path / "facebook-lina.zip"
    path.write_bytes(zip_folder(FACEBOOK))

    assert parse_meta_export(path, platform="messenger") == parse_meta_export(
        FACEBOOK, platform="messenger"
    )


def test_a_messenger_thread_over_three_files_is_merged_and_classified() -> None:
    (lina,) = parse_meta_export(FACEBOOK, platform="messenger")

    assert (lina.key, lina.title, lina.platform) == (
        "linadekker_8765432109876543",
        "Lina Dekker",
        "messenger",
    )
    assert summary(lina) == [
        ("Lina Dekker", "text", "Kun je me helpen met een brief van DUO? Ik snap er niks van 😩"),
        ("Lina Dekker", "media", "[media: audio]"),
        ("Jongerenwerk Feijenoord", "text", "Hoi Lina, natuurlijk! Maandag om 15:00 bij de bieb?"),
        ("Lina Dekker", "media", "[media: bijlage]"),
    ]


def test_calls_reactions_and_connection_notices_are_skipped_with_their_reason() -> None:
    (lina,) = parse_meta_export(FACEBOOK, platform="messenger")

    assert [line.reason for line in lina.skipped] == ["system message", "reaction", "call"]


def test_fingerprints_are_stable_and_depend_on_the_platform() -> None:
    first = parse_meta_export(FACEBOOK, platform="messenger")[0].messages
    again = parse_meta_export(FACEBOOK, platform="messenger")[0].messages
    as_instagram = parse_meta_export(FACEBOOK, platform="instagram")[0].messages

    assert [m.fingerprint for m in first] == [m.fingerprint for m in again]
    assert not {m.fingerprint for m in first} & {m.fingerprint for m in as_instagram}


def test_a_single_message_file_can_be_imported_on_its_own() -> None:
    path = INSTAGRAM / "your_instagram_activity/messages/inbox/daan_10234567891234567"

    (daan,) = parse_meta_export((path / "message_1.json").read_bytes(), platform="instagram")

    assert daan.key == "daan_10234567891234567"
    assert len(daan.messages) == 4


def test_messages_sent_in_the_same_millisecond_keep_their_order() -> None:
    thread = {
        "participants": [{"name": "Mo"}],
        "title": "Mo",
        "thread_path": "inbox/mo_1",
        "messages": [
            {"sender_name": "Mo", "timestamp_ms": 1000, "content": "tweede"},
            {"sender_name": "Mo", "timestamp_ms": 1000, "content": "eerste"},
        ],
    }

    (mo,) = parse_meta_export(json.dumps(thread).encode(), platform="instagram")

    assert [m.text for m in mo.messages] == ["eerste", "tweede"]


def test_malformed_entries_are_skipped_and_the_rest_imported() -> None:
    thread = {
        "participants": [{"name": "Mo"}, "not a participant"],
        "messages": [
            {"sender_name": "Mo", "timestamp_ms": 2000, "content": "hoi"},
            {"sender_name": "Mo", "timestamp_ms": "yesterday", "content": "kapot"},
            {"sender_name": "Mo", "timestamp_ms": 10**30, "content": "ver weg"},
            ["not", "a", "message"],
            {"sender_name": "Mo", "timestamp_ms": 1000},
        ],
    }
    data = zip_bytes({"messages/inbox/mo_1/message_1.json": json.dumps(thread).encode()})

    (mo,) = parse_meta_export(data, platform="instagram")

    assert [m.text for m in mo.messages] == ["hoi"]
    assert [line.reason for line in mo.skipped] == [
        "empty message",
        "malformed message",
        "malformed message",
        "malformed message",
    ]


def test_an_html_export_is_refused_with_a_hint_to_choose_json() -> None:
    data = zip_bytes({"messages/inbox/mo_1/message_1.html": b"<html></html>"})

    with pytest.raises(ExportError, match="HTML format; download your information again"):
        parse_meta_export(data, platform="instagram")


def test_an_export_without_message_files_is_refused() -> None:
    data = zip_bytes({"personal_information/personal_information.json": b"{}"})

    with pytest.raises(ExportError, match="not an Instagram or Facebook messages export"):
        parse_meta_export(data, platform="messenger")


def test_an_export_whose_threads_are_all_empty_has_no_messages() -> None:
    thread = {"participants": [], "messages": []}
    data = zip_bytes({"messages/inbox/mo_1/message_1.json": json.dumps(thread).encode()})

    with pytest.raises(ExportError, match="no Instagram messages found in this export"):
        parse_meta_export(data, platform="instagram")


def test_an_unknown_platform_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown platform 'tiktok'"):
        parse_meta_export(INSTAGRAM, platform="tiktok")
