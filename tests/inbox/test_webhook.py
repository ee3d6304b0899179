"""`/webhooks/meta/` as contracts.md says: verify, store before 200, process every event once."""

import json

import pytest
from django.test import Client

from tests.inbox.conftest import APP_SECRET
from tests.standins.webhooks import fixture_body, signed_webhook
from zicht.inbox.models import (
    Channel,
    Conversation,
    DeliveryStatus,
    Message,
    SendStatus,
    WebhookDelivery,
)
from zicht.inbox.services import deliveries_retry_failed
from zicht.youth.models import Handle

pytestmark = pytest.mark.django_db
URL = "/webhooks/meta/"


@pytest.fixture
def post(client: Client, django_capture_on_commit_callbacks):
    def send(body: bytes, headers: dict[str, str] | None = None):
        if headers is None:
            body, headers = signed_webhook(body, APP_SECRET)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, body, content_type="application/json", headers=headers)

    return send


def test_verification_handshake_answers_the_challenge(client: Client):
    query = {
        "hub.mode": "subscribe",
        "hub.verify_token": "test-verify-token",
        "hub.challenge": "4711",
    }
    response = client.get(URL, query)
    assert (response.status_code, response.content) == (200, b"4711")
    assert response["Content-Type"].startswith("text/plain")


def test_verification_with_a_wrong_token_is_refused(client: Client):
    query = {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "4711"}
    assert client.get(URL, query).status_code == 403


def test_missing_signature_is_401_and_nothing_is_stored(client: Client, whatsapp_channel):
    response = client.post(URL, fixture_body("whatsapp", "text"), content_type="application/json")
    assert response.status_code == 401
    assert not WebhookDelivery.objects.exists()


def test_wrong_signature_is_403_and_nothing_is_stored(post, whatsapp_channel):
    body = fixture_body("whatsapp", "text")
    _, headers = signed_webhook(body, "another-secret")
    assert post(body, headers).status_code == 403
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"object": "twitter", "entry": []}', "twitter"),
        (b'{"object": "page"}', "entry"),
        (b"[]", "object"),
    ],
)
def test_malformed_bodies_are_400_with_a_reason_and_nothing_is_stored(post, body, fragment):
    response = post(body)
    assert response.status_code == 400
    assert fragment in response.json()["detail"]
    assert not WebhookDelivery.objects.exists()


def test_a_ten_megabyte_body_is_refused_and_nothing_is_stored(post):
    body = json.dumps({"object": "page", "entry": [], "pad": "x" * 10_000_000}).encode()
    assert post(body).status_code == 413
    assert not WebhookDelivery.objects.exists()


def test_a_whatsapp_text_is_stored_linked_to_a_provisional_profile_and_classified(
    post, whatsapp_channel
):
    response = post(fixture_body("whatsapp", "text"))
    assert response.status_code == 200
    message = Message.objects.get()
    assert message.text == "Hoi, kan ik even met iemand praten?"
    assert message.conversation.team == whatsapp_channel.team
    assert message.conversation.youth.is_provisional
    assert Handle.objects.get(external_id="31612345678").youth == message.conversation.youth
    assert message.classified_at is not None
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PROCESSED


def test_every_message_of_a_batched_body_is_processed(post, whatsapp_channel):
    body = fixture_body("whatsapp", "batched")
    expected = sum(
        len(change["value"].get("messages", []))
        for entry in json.loads(body)["entry"]
        for change in entry["changes"]
    )
    post(body)
    assert expected > 1
    assert Message.objects.count() == expected


def test_the_same_message_delivered_twice_is_stored_once(post, whatsapp_channel):
    post(fixture_body("whatsapp", "batched"))
    count = Message.objects.count()
    post(fixture_body("whatsapp", "batched"))
    assert Message.objects.count() == count
    assert WebhookDelivery.objects.count() == 2


def test_unknown_message_types_get_a_readable_placeholder(post, whatsapp_channel):
    assert post(fixture_body("whatsapp", "unknown_type")).status_code == 200
    assert Message.objects.get().text.startswith("[")


def test_statuses_only_move_forward(post, whatsapp_channel):
    post(fixture_body("whatsapp", "text"))
    conversation = Conversation.objects.get()
    sent_id = json.loads(fixture_body("whatsapp", "status_read"))["entry"][0]["changes"][0][
        "value"
    ]["statuses"][0]["id"]
    Message.objects.create(
        conversation=conversation,
        team=conversation.team,
        direction="out",
        source="reply",
        external_id=sent_id,
        text="Hoi!",
        sent_at=conversation.last_message_at,
        status=SendStatus.SENT,
    )
    post(fixture_body("whatsapp", "status_read"))
    post(fixture_body("whatsapp", "status_delivered"))
    post(fixture_body("whatsapp", "status_sent"))
    assert Message.objects.get(external_id=sent_id).status == SendStatus.READ


def test_a_delivery_for_an_unknown_channel_is_kept_failed_and_processed_once_the_channel_exists(
    post, team
):
    assert post(fixture_body("whatsapp", "text")).status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert "no whatsapp channel registered" in delivery.last_error
    Channel.objects.create(kind="whatsapp", external_id="109876543210001", team=team)
    assert deliveries_retry_failed() == 1
    assert Message.objects.count() == 1


def test_instagram_story_reply_keeps_the_cdn_link_as_context(post, team):
    Channel.objects.create(kind="instagram", external_id="17841400000000001", team=team)
    post(fixture_body("instagram", "story_reply"))
    message = Message.objects.get()
    assert message.kind == "story_reply"
    assert message.context.get("story_url", "").startswith("https://")


def test_instagram_echo_is_recognised_as_our_own_message(post, team):
    Channel.objects.create(kind="instagram", external_id="17841400000000001", team=team)
    post(fixture_body("instagram", "echo"))
    message = Message.objects.get()
    assert message.is_echo
    assert message.direction == "out"


def test_a_nul_character_in_a_message_is_kept_visible_and_nothing_is_lost(post, whatsapp_channel):
    payload = json.loads(fixture_body("whatsapp", "text"))
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["text"]["body"] = "hoi\x00daar"
    assert post(json.dumps(payload).encode()).status_code == 200
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PROCESSED
    assert Message.objects.get().text == "hoi\ufffddaar"
