"""WhatsApp "Export chat" files as the Android and iOS apps write them."""

import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.inbox.imports.helpers import fixture_bytes, zip_bytes
from zicht.inbox.imports import ExportError, ImportedConversation, parse_whatsapp

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def parse_fixture(name: str, **kwargs: str) -> ImportedConversation:
    return parse_whatsapp(fixture_bytes(name), filename=name, **kwargs)


def local(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=AMSTERDAM)


def texts(conversation: ImportedConversation) -> list[str]:
    return [message.text for message in conversation.messages]


def test_android_dutch_24h_export_reads_senders_times_and_texts() -> None:
    chat = parse_fixture("whatsapp_android_nl_24h.txt")

    assert chat.platform == "whatsapp"
    assert chat.participants == ("Samira (jongerenwerk)", "Daan")
    first = chat.messages[0]
    assert (first.sender, first.sent_at) == ("Samira (jongerenwerk)", local(2026, 11, 25, 20, 14))
    assert first.text.startswith("Hoi Daan! Ik ben Samira")
    assert chat.messages[-1].text == "👍"


def test_continuation_lines_belong_to_the_message_above_them() -> None:
    chat = parse_fixture("whatsapp_android_nl_24h.txt")

    assert texts(chat)[1] == (
        "ja klopt\nik zoek iets voor in het weekend\nliefst niet te ver van huis"
    )


def test_text_with_colons_and_dashes_stays_whole() -> None:
    chat = parse_fixture("whatsapp_android_nl_24h.txt")

    assert "Zo niet: we kunnen er dinsdag samen eentje maken 14:00 - 15:00" in texts(chat)[3]


def test_media_and_deleted_messages_get_readable_placeholders() -> None:
    chat = parse_fixture("whatsapp_android_nl_24h.txt")

    kinds = [(message.kind, message.text) for message in chat.messages]
    assert ("media", "[media]") in kinds
    assert ("deleted", "[bericht verwijderd]") in kinds


def test_an_attached_file_keeps_its_caption_after_the_placeholder() -> None:
    chat = parse_fixture("whatsapp_android_nl_24h.txt")

    assert chat.messages[-2].kind == "media"
    assert chat.messages[-2].text == "[media: foto]\nFlyer van de vacaturemarkt"


def test_the_edited_marker_is_dropped_from_the_text() -> None:
    chat = parse_fixture("whatsapp_android_nl_24h.txt")

    assert "dinsdag is goed" in texts(chat)


def test_the_encryption_notice_is_skipped_as_a_system_message() -> None:
    chat = parse_fixture("whatsapp_android_nl_24h.txt")

    assert [(line.line_number, line.reason) for line in chat.skipped] == [(1, "system message")]
    assert chat.skipped[0].text.startswith("Berichten en oproepen zijn end-to-end versleuteld")


def test_the_title_comes_from_the_export_file_name() -> None:
    data = fixture_bytes("whatsapp_android_nl_24h.txt")

    chat = parse_whatsapp(data, filename="WhatsApp-chat met Daan (1).txt")

    assert (chat.title, chat.key) == ("Daan", "Daan")


def test_english_12h_export_with_month_first_dates_is_detected_over_the_whole_file() -> None:
    chat = parse_fixture("whatsapp_android_en_12h.txt")

    assert [message.sent_at for message in chat.messages] == [
        local(2026, 11, 25, 20, 14),
        local(2026, 11, 25, 21, 3),
        local(2026, 11, 25, 21, 4),
        local(2026, 12, 1, 0, 5),
        local(2026, 12, 1, 12, 10),
        local(2026, 12, 1, 12, 11),
    ]
    assert texts(chat)[2] == "Of course. Thursday 7:30 PM - bring an apron :)"
    assert [message.kind for message in chat.messages][3:5] == ["media", "deleted"]


def test_ios_export_with_seconds_and_direction_marks_parses_every_message() -> None:
    chat = parse_fixture("whatsapp_ios_nl_seconds.txt")

    assert len(chat.messages) == 10
    assert chat.messages[0].sent_at == local(2026, 4, 3, 16, 45, 31)
    assert chat.participants == ("Noor", "Kees (jongerenwerk)", "+31 6 12345678")
    invisible = "\u200e\u200f\u202a\u202c\ufeff"
    for message in chat.messages:
        assert not any(mark in message.text + message.sender for mark in invisible)


def test_ios_media_attachments_and_deleted_lines_are_recognised_behind_the_mark() -> None:
    chat = parse_fixture("whatsapp_ios_nl_seconds.txt")

    kinds = [(message.kind, message.text) for message in chat.messages]
    assert kinds[2] == ("media", "[media: foto]")
    assert kinds[3] == ("text", "dit kreeg ik van iemand die ik niet ken\nwat moet ik doen?")
    assert kinds[4:9] == [
        ("media", "[media: foto]"),
        ("text", kinds[5][1]),
        ("deleted", "[bericht verwijderd]"),
        ("media", "[media: audio]"),
        ("media", "[media: sticker]"),
    ]


def test_an_ios_notice_attributed_to_the_group_is_skipped() -> None:
    chat = parse_fixture("whatsapp_ios_nl_seconds.txt")

    assert [line.reason for line in chat.skipped] == ["system message"]
    assert chat.skipped[0].text.startswith("Jeugdwerk Zuid: Berichten en oproepen")


def test_ios_english_12h_with_narrow_no_break_space_before_pm() -> None:
    chat = parse_fixture("whatsapp_ios_en_12h.txt")

    assert [message.sent_at for message in chat.messages] == [
        local(2026, 11, 25, 20, 14, 2),
        local(2026, 11, 25, 20, 14, 30),
        local(2026, 11, 25, 20, 15),
        local(2026, 11, 26, 0, 1, 59),
    ]
    assert chat.messages[2].text == "[media: video]"


def test_two_digit_years_are_read_as_this_century() -> None:
    chat = parse_fixture("whatsapp_android_nl_2digit_year.txt")

    assert [message.sent_at for message in chat.messages] == [
        local(2026, 4, 3, 16, 45),
        local(2026, 4, 4, 9, 5),
        local(2026, 12, 31, 23, 59),
        local(2027, 1, 1, 0, 1),
    ]


def test_text_before_the_first_dated_line_is_skipped_with_its_line_number() -> None:
    chat = parse_fixture("whatsapp_android_nl_2digit_year.txt")

    assert chat.skipped[0].line_number == 1
    assert chat.skipped[0].reason == "text before the first message"
    assert chat.skipped[0].text == "Chat geëxporteerd uit WhatsApp"


def test_dutch_am_pm_with_dots_and_single_digit_day_and_month() -> None:
    chat = parse_fixture("whatsapp_android_nl_ampm.txt")

    assert [message.sent_at for message in chat.messages] == [
        local(2026, 4, 3, 11, 59),
        local(2026, 4, 3, 14, 5),
        local(2026, 4, 4, 0, 30),
    ]


def test_group_chat_keeps_messages_and_skips_every_system_line() -> None:
    chat = parse_fixture("whatsapp_group_en.txt")

    assert chat.participants == ("Samira (youth work)", "Aisha", "Fenna")
    assert [line.line_number for line in chat.skipped] == [1, 2, 3, 4, 13, 14, 16]
    assert {line.reason for line in chat.skipped} == {"system message"}
    assert [message.kind for message in chat.messages].count("media") == 2


def test_a_subject_change_with_a_colon_is_not_mistaken_for_a_message() -> None:
    chat = parse_fixture("whatsapp_group_en.txt")

    assert "Aisha changed the subject" not in " ".join(message.sender for message in chat.messages)


def test_identical_messages_in_the_same_minute_stay_two_messages() -> None:
    chat = parse_fixture("whatsapp_group_en.txt")

    last_two = chat.messages[-2:]
    assert [message.text for message in last_two] == ["ok", "ok"]
    assert last_two[0].fingerprint != last_two[1].fingerprint


def test_parsing_the_same_file_twice_gives_the_same_fingerprints() -> None:
    first = parse_fixture("whatsapp_group_en.txt")
    second = parse_fixture("whatsapp_group_en.txt")

    assert [m.fingerprint for m in first.messages] == [m.fingerprint for m in second.messages]
    assert all(len(message.fingerprint) == 64 for message in first.messages)


def test_crlf_and_lf_exports_parse_to_the_same_messages() -> None:
    lf = fixture_bytes("whatsapp_android_nl_24h.txt")
    crlf = lf.replace(b"\n", b"\r\n")

    assert parse_whatsapp(crlf, filename="a.txt") == parse_whatsapp(lf, filename="a.txt")


def test_another_time_zone_moves_every_instant() -> None:
    chat = parse_fixture("whatsapp_android_nl_24h.txt", tz="Europe/London")

    assert chat.messages[0].sent_at == datetime(
        2026, 11, 25, 20, 14, tzinfo=ZoneInfo("Europe/London")
    )


def test_an_unknown_time_zone_is_a_programming_error_not_an_export_error() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        parse_fixture("whatsapp_android_nl_24h.txt", tz="Mars/Olympus")


def test_an_android_zip_with_media_alongside_reads_the_chat_text() -> None:
    data = zip_bytes(
        {
            "WhatsApp Chat with Lina.txt": fixture_bytes("whatsapp_android_en_12h.txt"),
            "IMG-20261201-WA0001.jpg": b"\xff\xd8\xff\xe0 not really a photo",
        }
    )

    chat = parse_whatsapp(data, filename="WhatsApp Chat with Lina.zip")

    assert (chat.title, len(chat.messages)) == ("Lina", 6)


def test_an_ios_zip_with_underscore_chat_takes_its_title_from_the_zip_name() -> None:
    data = zip_bytes(
        {
            "_chat.txt": fixture_bytes("whatsapp_ios_nl_seconds.txt"),
            "00000012-PHOTO-2026-04-03-16-48-16.jpg": b"\xff\xd8\xff",
        },
        compression=zipfile.ZIP_STORED,
    )

    chat = parse_whatsapp(data, filename="WhatsApp Chat - Noor.zip")

    assert (chat.title, len(chat.messages)) == ("Noor", 10)


def test_a_line_with_an_impossible_date_is_skipped_as_unparseable() -> None:
    data = b"25-11-2026 14:03 - Mo: hoi\n25-13-2026 99:03 - Mo: nee\n26-11-2026 10:00 - Mo: doei\n"

    chat = parse_whatsapp(data, filename="chat.txt")

    assert texts(chat) == ["hoi", "doei"]
    assert [(line.line_number, line.reason) for line in chat.skipped] == [(2, "unparseable date")]


def test_an_ambiguous_short_chat_is_read_day_first() -> None:
    chat = parse_whatsapp(b"03/04/2026, 10:00 - Mo: hoi\n", filename="chat.txt")

    assert chat.messages[0].sent_at == local(2026, 4, 3, 10, 0)


def test_month_first_is_chosen_when_only_it_keeps_the_chat_in_order() -> None:
    data = b"1/2/26, 9:00 AM - Mo: a\n1/3/26, 9:00 AM - Mo: b\n2/1/26, 9:00 AM - Mo: c\n"

    chat = parse_whatsapp(data, filename="chat.txt")

    assert [m.sent_at.date().isoformat() for m in chat.messages] == [
        "2026-01-02",
        "2026-01-03",
        "2026-02-01",
    ]


def test_year_first_dates_are_understood() -> None:
    chat = parse_whatsapp(b"2026-11-25 14:03 - Mo: hoi\n", filename="chat.txt")

    assert chat.messages[0].sent_at == local(2026, 11, 25, 14, 3)


def test_a_user_writing_that_someone_left_is_not_a_system_line() -> None:
    chat = parse_whatsapp(b"25-11-2026 14:03 - Mo: Jan left\n", filename="chat.txt")

    assert texts(chat) == ["Jan left"]


def test_a_file_with_only_system_lines_has_no_messages() -> None:
    data = b"25-11-2026 14:03 - Berichten en oproepen zijn end-to-end versleuteld.\n"

    with pytest.raises(ExportError, match=r"no WhatsApp messages found in 'chat\.txt'"):
        parse_whatsapp(data, filename="chat.txt")


def test_a_utf16_export_with_byte_order_mark_is_decoded() -> None:
    data = "25-11-2026 14:03 - Mo: hoi é\n".encode("utf-16")

    assert texts(parse_whatsapp(data, filename="chat.txt")) == ["hoi é"]
