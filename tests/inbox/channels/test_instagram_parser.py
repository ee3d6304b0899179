from datetime import UTC, datetime

import pytest

from tests.inbox.channels.conftest import load
from zicht.inbox.channels import InboundMessage, PayloadError, StatusUpdate, parse_webhook

ACCOUNT = "17841400000000001"
CONTACT = "5512345678901234"
SENT_AT = datetime(2024, 6, 10, 6, 13, 20, 123000, tzinfo=UTC)


def only_message(name: str) -> InboundMessage:
    events = parse_webhook(load("instagram", name))
    assert len(events) == 1
    assert isinstance(events[0], InboundMessage)
    return events[0]


def test_text_message() -> None:
    message = only_message("text")
    assert (message.channel_kind, message.channel_external_id) == ("instagram", ACCOUNT)
    assert message.sender_id == CONTACT
    assert message.external_id.endswith("F001")
    assert message.sent_at == SENT_AT
    assert (message.kind, message.text, message.is_echo) == (
        "text",
        "yo, is de sporthal vanavond open?",
        False,
    )


def test_image_keeps_the_cdn_link() -> None:
    message = only_message("image")
    assert message.kind == "image"
    assert message.text == "[afbeelding]"
    assert message.media_url.startswith("https://lookaside.fbsbx.com/ig_messaging_cdn/")


def test_story_reply_keeps_story_link_and_id() -> None:
    message = only_message("story_reply")
    assert message.kind == "story_reply"
    assert message.text == "haha waar is dit"
    assert message.media_url == message.context["story_url"]
    assert message.context["story_url"].startswith("https://lookaside.fbsbx.com/")
    assert message.context["story_id"] == "18000000000000003"


def test_story_mention_keeps_the_cdn_link() -> None:
    message = only_message("story_mention")
    assert message.kind == "story_mention"
    assert message.text == "[verhaal-vermelding]"
    assert message.media_url.startswith("https://lookaside.fbsbx.com/")
    assert message.context == {"story_url": message.media_url}


def test_echo_is_flagged_and_filed_under_the_contact() -> None:
    message = only_message("echo")
    assert message.is_echo is True
    assert message.sender_id == CONTACT
    assert message.channel_external_id == ACCOUNT


def test_reaction_gets_a_stable_id_and_placeholder() -> None:
    message = only_message("reaction")
    assert message.kind == "reaction"
    assert message.text == "[reactie ❤️ op een bericht]"
    assert message.context["reply_to"].endswith("F005")
    assert message.external_id == only_message("reaction").external_id
    assert message.external_id != message.context["reply_to"]


def test_seen_becomes_a_read_status_for_that_message() -> None:
    (event,) = parse_webhook(load("instagram", "read"))
    assert isinstance(event, StatusUpdate)
    assert (event.status, event.at) == ("read", SENT_AT)
    assert event.external_id.endswith("F005")


def test_unknown_attachment_and_unsupported_message_become_placeholders() -> None:
    first, second = parse_webhook(load("instagram", "unknown_type"))
    assert isinstance(first, InboundMessage)
    assert isinstance(second, InboundMessage)
    assert (first.kind, first.text) == ("unsupported", "[niet-ondersteund berichttype: hologram]")
    assert (second.kind, second.text) == ("unsupported", "[niet-ondersteund berichttype: onbekend]")


def test_batched_body_yields_every_event_and_skips_deletions() -> None:
    events = parse_webhook(load("instagram", "batched"))
    assert all(isinstance(e, InboundMessage) for e in events)
    summary = [(e.kind, e.text, e.sender_id[-4:]) for e in events if isinstance(e, InboundMessage)]
    assert summary == [
        ("text", "eerste", "1234"),
        ("text", "tweede", "9876"),
        ("share", "skills op het veldje", "1234"),
        ("reaction", "[reactie verwijderd]", "1234"),
        ("audio", "[spraakbericht]", "9876"),
    ]
    second, reel, audio = events[1], events[2], events[4]
    assert isinstance(second, InboundMessage)
    assert second.context["reply_to"].endswith("F005")
    assert isinstance(reel, InboundMessage)
    assert reel.media_url.startswith("https://lookaside.fbsbx.com/")
    assert isinstance(audio, InboundMessage)
    assert audio.context["attachment_count"] == "2"


def test_message_without_mid_is_an_error() -> None:
    body = load("instagram", "text")
    del body["entry"][0]["messaging"][0]["message"]["mid"]
    with pytest.raises(
        PayloadError, match=r"^entry\[0\]\.messaging\[0\]\.message\.mid is missing$"
    ):
        parse_webhook(body)


def test_comment_changes_are_ignored() -> None:
    body = {
        "object": "instagram",
        "entry": [{"id": ACCOUNT, "time": 1, "changes": [{"field": "comments"}]}],
    }
    assert parse_webhook(body) == []
