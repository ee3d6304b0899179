from datetime import UTC, datetime

import pytest

from tests.inbox.channels.conftest import load
from zicht.inbox.channels import InboundMessage, PayloadError, StatusUpdate, parse_webhook

PHONE_NUMBER_ID = "109876543210001"
SENT_AT = datetime(2024, 6, 10, 6, 13, 20, tzinfo=UTC)


def only_message(name: str) -> InboundMessage:
    events = parse_webhook(load("whatsapp", name))
    assert len(events) == 1
    assert isinstance(events[0], InboundMessage)
    return events[0]


def test_text_message_keeps_sender_name_and_time() -> None:
    message = only_message("text")
    assert message == InboundMessage(
        channel_kind="whatsapp",
        channel_external_id=PHONE_NUMBER_ID,
        external_id="wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUZJQ1RJT05BTDAwMDAw01",
        sender_id="31612345678",
        sender_name="Sam",
        sent_at=SENT_AT,
        kind="text",
        text="Hoi, kan ik even met iemand praten?",
        media_url="",
        context={},
        is_echo=False,
    )
    assert message.sent_at.tzinfo is UTC


def test_image_caption_is_the_text_and_media_id_goes_in_context() -> None:
    message = only_message("image")
    assert message.kind == "image"
    assert message.text == "kijk wat er bij het plein ligt"
    assert message.media_url == ""
    assert message.context == {"media_id": "1500000000000002", "mime_type": "image/jpeg"}


def test_reaction_names_the_message_and_emoji() -> None:
    message = only_message("reaction")
    assert message.kind == "reaction"
    assert message.text == "[reactie ❤️ op een bericht]"
    assert message.context["reply_to"].startswith("wamid.")
    assert message.context["emoji"] == "❤️"


def test_unknown_type_becomes_placeholder_with_meta_reason() -> None:
    message = only_message("unknown_type")
    assert message.kind == "unsupported"
    assert message.text == "[niet-ondersteund berichttype: unsupported]"
    assert message.context["error"].startswith("131051: Message type unknown")


@pytest.mark.parametrize("status", ["sent", "delivered", "read"])
def test_statuses(status: str) -> None:
    (event,) = parse_webhook(load("whatsapp", f"status_{status}"))
    assert isinstance(event, StatusUpdate)
    assert event.status == status
    assert event.channel_external_id == PHONE_NUMBER_ID
    assert event.external_id.startswith("wamid.")
    assert event.at == datetime(2024, 6, 10, 6, 15, tzinfo=UTC)
    assert event.error == ""


def test_failed_status_carries_platform_reason() -> None:
    (event,) = parse_webhook(load("whatsapp", "status_failed"))
    assert isinstance(event, StatusUpdate)
    assert event.status == "failed"
    assert event.error.startswith("131047: Re-engagement message (Message failed to send")


def test_every_type_has_a_readable_text() -> None:
    events = parse_webhook(load("whatsapp", "all_types"))
    summary = [(e.kind, e.text) for e in events if isinstance(e, InboundMessage)]
    assert summary == [
        ("audio", "[spraakbericht]"),
        ("video", "[video]"),
        ("document", "[document: rooster.pdf]"),
        ("sticker", "[sticker]"),
        ("location", "[locatie: Zuidplein, 3083 Rotterdam]"),
        ("contacts", "[contactkaart: Jamal]"),
        ("button", "Ja, bel me"),
        ("interactive", "Ja graag"),
        ("interactive", "Sport"),
        ("text", "dat bedoelde ik"),
        ("unsupported", "[niet-ondersteund berichttype: order]"),
    ]


def test_reply_context_and_interactive_ids() -> None:
    events = parse_webhook(load("whatsapp", "all_types"))
    by_text = {e.text: e for e in events if isinstance(e, InboundMessage)}
    assert by_text["dat bedoelde ik"].context == {
        "reply_to": "wamid.HBgLMzE2MTIzNDU2NzgVAgARGBJPVVRHT0lORzAwMDAw01"
    }
    assert by_text["Sport"].context == {"interactive_type": "list_reply", "interactive_id": "sport"}
    assert by_text["Ja, bel me"].context == {"button_payload": "ja-bel-me"}


def test_batched_body_yields_every_entry_change_and_message_in_order() -> None:
    events = parse_webhook(load("whatsapp", "batched"))
    described = [
        (e.text, e.sender_name) if isinstance(e, InboundMessage) else (e.status, e.external_id[-2:])
        for e in events
        if isinstance(e, InboundMessage | StatusUpdate)
    ]
    assert len(described) == len(events)
    assert described == [
        ("eerste", "Sam"),
        ("tweede", "Noor"),
        ("[afbeelding]", "Sam"),
        ("delivered", "33"),
        ("read", "34"),
        ("derde", "Sam"),
    ]


def test_other_fields_are_ignored() -> None:
    body = load("whatsapp", "batched")
    body["entry"] = [
        {"id": "1", "changes": [{"field": "message_template_status_update", "value": {}}]}
    ]
    assert parse_webhook(body) == []


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda m: m.pop("id"), "entry[0].changes[0].value.messages[0].id is missing"),
        (lambda m: m.update(id=""), "entry[0].changes[0].value.messages[0].id is empty"),
        (lambda m: m.pop("from"), "entry[0].changes[0].value.messages[0].from is missing"),
        (lambda m: m.pop("type"), "entry[0].changes[0].value.messages[0].type is missing"),
        (
            lambda m: m.update(timestamp="yesterday"),
            "entry[0].changes[0].value.messages[0].timestamp must be a Unix time",
        ),
        (
            lambda m: m.update(text="hoi"),
            "entry[0].changes[0].value.messages[0].text must be an object, not string",
        ),
    ],
)
def test_malformed_message_names_the_path(mutate: object, message: str) -> None:
    body = load("whatsapp", "text")
    mutate(body["entry"][0]["changes"][0]["value"]["messages"][0])  # type: ignore[operator]
    with pytest.raises(PayloadError, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        parse_webhook(body)


def test_missing_phone_number_id_is_an_error() -> None:
    body = load("whatsapp", "text")
    del body["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"]
    with pytest.raises(PayloadError, match=r"value\.metadata\.phone_number_id is missing"):
        parse_webhook(body)


def test_status_outside_our_lifecycle_is_skipped() -> None:
    body = load("whatsapp", "status_sent")
    body["entry"][0]["changes"][0]["value"]["statuses"][0]["status"] = "deleted"
    assert parse_webhook(body) == []
