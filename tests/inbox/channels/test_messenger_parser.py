from datetime import UTC, datetime

import pytest

from tests.inbox.channels.conftest import load
from zicht.inbox.channels import (
    InboundMessage,
    PayloadError,
    ReadWatermark,
    StatusUpdate,
    parse_webhook,
)

PAGE = "104000000000001"
PSID = "7000000000000001"


def only_event(name: str) -> object:
    events = parse_webhook(load("messenger", name))
    assert len(events) == 1
    return events[0]


def test_text_message() -> None:
    message = only_event("text")
    assert message == InboundMessage(
        channel_kind="messenger",
        channel_external_id=PAGE,
        external_id="m_FICTIONALa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6AbC001",
        sender_id=PSID,
        sender_name="",
        sent_at=datetime(2024, 6, 10, 6, 13, 20, 123000, tzinfo=UTC),
        kind="text",
        text="Hallo, is er vandaag inloop?",
    )


def test_image_keeps_the_cdn_link() -> None:
    message = only_event("image")
    assert isinstance(message, InboundMessage)
    assert (message.kind, message.text) == ("image", "[afbeelding]")
    assert message.media_url.startswith("https://scontent.xx.fbcdn.net/")


def test_echo_is_flagged_and_filed_under_the_contact() -> None:
    message = only_event("echo")
    assert isinstance(message, InboundMessage)
    assert message.is_echo is True
    assert message.sender_id == PSID
    assert message.text == "Ja, van 15:00 tot 18:00."


def test_delivery_with_mids_is_a_status_per_message() -> None:
    event = only_event("delivery")
    assert isinstance(event, StatusUpdate)
    assert event.status == "delivered"
    assert event.external_id.endswith("AbC003")
    assert event.at == datetime(2024, 6, 10, 6, 13, 25, tzinfo=UTC)


def test_delivery_without_mids_is_a_watermark() -> None:
    assert only_event("delivery_watermark") == ReadWatermark(
        channel_kind="messenger",
        channel_external_id=PAGE,
        contact_id=PSID,
        status="delivered",
        watermark=datetime(2024, 6, 10, 6, 13, 25, tzinfo=UTC),
    )


def test_read_is_a_watermark() -> None:
    event = only_event("read")
    assert isinstance(event, ReadWatermark)
    assert (event.status, event.contact_id) == ("read", PSID)
    assert event.watermark == datetime(2024, 6, 10, 6, 13, 26, tzinfo=UTC)


def test_reaction() -> None:
    message = only_event("reaction")
    assert isinstance(message, InboundMessage)
    assert (message.kind, message.text) == ("reaction", "[reactie 👍 op een bericht]")


def test_unknown_attachment_type_is_a_placeholder() -> None:
    message = only_event("unknown_type")
    assert isinstance(message, InboundMessage)
    assert (message.kind, message.text) == (
        "unsupported",
        "[niet-ondersteund berichttype: hologram]",
    )


def test_batched_body_yields_every_event() -> None:
    events = parse_webhook(load("messenger", "batched"))
    kinds = [e.kind if isinstance(e, InboundMessage) else type(e).__name__ for e in events]
    assert kinds == ["text", "text", "sticker", "button", "ReadWatermark"]
    quick, sticker, button = events[1], events[2], events[3]
    assert isinstance(quick, InboundMessage)
    assert quick.context == {"quick_reply": "INLOOP_JA"}
    assert isinstance(sticker, InboundMessage)
    assert sticker.media_url.startswith("https://scontent.xx.fbcdn.net/")
    assert isinstance(button, InboundMessage)
    assert (button.text, button.context["button_payload"]) == ("Ik wil praten", "PRATEN")


def test_echo_without_recipient_is_an_error() -> None:
    body = load("messenger", "echo")
    del body["entry"][0]["messaging"][0]["recipient"]
    with pytest.raises(PayloadError, match=r"messaging\[0\]\.recipient\.id is missing"):
        parse_webhook(body)


def test_event_without_sender_is_an_error() -> None:
    body = load("messenger", "text")
    del body["entry"][0]["messaging"][0]["sender"]
    with pytest.raises(PayloadError, match=r"^entry\[0\]\.messaging\[0\]\.sender is missing$"):
        parse_webhook(body)
