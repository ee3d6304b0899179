"""Replies go to the Graph API stand-in (a real HTTP server), within the reply window, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from zicht.inbox.models import Channel, Conversation, Message, MessageTemplate, SendStatus
from zicht.inbox.sending import ReplyRefused, message_send, reply_create
from zicht.youth.models import Youth

pytestmark = pytest.mark.django_db


def conversation_on(
    channel: Channel, *, last_inbound_ago: timedelta, contact: str = "31612345678"
) -> Conversation:
    youth = Youth.objects.create(team=channel.team, nickname="Sam")
    return Conversation.objects.create(
        team=channel.team,
        channel=channel,
        platform=channel.kind,
        contact_id=contact,
        youth=youth,
        last_inbound_at=timezone.now() - last_inbound_ago,
    )


@pytest.fixture
def worker(team):
    return UserFactory(teams=[team])


@pytest.fixture
def instagram_channel(team) -> Channel:
    from zicht.privacy.crypto import encrypt

    return Channel.objects.create(
        kind="instagram",
        external_id="17841400000000001",
        team=team,
        access_token_encrypted=encrypt("channel-token"),
    )


def test_a_whatsapp_reply_inside_24_hours_reaches_the_graph_api(
    graph_api, whatsapp_channel, worker, django_capture_on_commit_callbacks
):
    conversation = conversation_on(whatsapp_channel, last_inbound_ago=timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        message = reply_create(
            actor=worker, conversation=conversation, text="Hoi Sam, ik bel je zo."
        )
    message.refresh_from_db()
    assert message.status == SendStatus.SENT
    assert message.external_id
    [request] = graph_api.requests
    assert request.path.endswith(f"/{whatsapp_channel.external_id}/messages")
    assert request.headers["authorization"] == "Bearer channel-token"
    assert request.json["to"] == "31612345678"
    assert request.json["text"]["body"] == "Hoi Sam, ik bel je zo."


def test_whatsapp_outside_24_hours_allows_only_an_approved_template(
    graph_api, whatsapp_channel, worker, django_capture_on_commit_callbacks
):
    conversation = conversation_on(whatsapp_channel, last_inbound_ago=timedelta(hours=30))
    with pytest.raises(ReplyRefused, match="sjabloon"):
        reply_create(actor=worker, conversation=conversation, text="Hoi!")
    template = MessageTemplate.objects.create(
        channel=whatsapp_channel,
        name="contact_herstel",
        language="nl",
        body="Hoi {{1}}, hoe gaat het?",
    )
    with django_capture_on_commit_callbacks(execute=True):
        message = reply_create(actor=worker, conversation=conversation, template=template)
    assert message.text == "Hoi Sam, hoe gaat het?"
    [request] = graph_api.requests
    assert request.json["type"] == "template"
    assert request.json["template"]["name"] == "contact_herstel"


def test_instagram_between_1_and_7_days_is_sent_with_the_human_agent_tag(
    graph_api, instagram_channel, worker, django_capture_on_commit_callbacks
):
    conversation = conversation_on(
        instagram_channel, last_inbound_ago=timedelta(days=3), contact="5512345678901234"
    )
    with django_capture_on_commit_callbacks(execute=True):
        message = reply_create(
            actor=worker, conversation=conversation, text="Nog even over gisteren"
        )
    message.refresh_from_db()
    assert message.status == SendStatus.SENT
    [request] = graph_api.requests
    assert request.json["messaging_type"] == "MESSAGE_TAG"
    assert request.json["tag"] == "HUMAN_AGENT"


def test_instagram_after_7_days_is_refused_with_an_explanation(instagram_channel, worker):
    conversation = conversation_on(instagram_channel, last_inbound_ago=timedelta(days=8))
    with pytest.raises(ReplyRefused, match="7 dagen"):
        reply_create(actor=worker, conversation=conversation, text="Hoi")
    assert not Message.objects.exists()


def test_a_server_error_is_retried_without_sending_twice(
    graph_api, whatsapp_channel, worker, django_capture_on_commit_callbacks
):
    conversation = conversation_on(whatsapp_channel, last_inbound_ago=timedelta(hours=1))
    graph_api.fail_next(2, status=500)
    with django_capture_on_commit_callbacks(execute=True):
        message = reply_create(actor=worker, conversation=conversation, text="Hoi")
    message.refresh_from_db()
    assert message.status == SendStatus.SENT
    assert message.send_attempts == 3
    assert len(graph_api.requests) == 3


def test_a_sent_message_is_never_sent_again(
    graph_api, whatsapp_channel, worker, django_capture_on_commit_callbacks
):
    conversation = conversation_on(whatsapp_channel, last_inbound_ago=timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        message = reply_create(actor=worker, conversation=conversation, text="Hoi")
    assert message_send(message_id=message.pk).reason == "not queued"
    assert len(graph_api.requests) == 1


def test_a_refusal_by_the_platform_is_shown_on_the_message(
    graph_api, whatsapp_channel, worker, django_capture_on_commit_callbacks
):
    conversation = conversation_on(whatsapp_channel, last_inbound_ago=timedelta(hours=1))
    graph_api.close_window("31612345678")
    with django_capture_on_commit_callbacks(execute=True):
        message = reply_create(actor=worker, conversation=conversation, text="Hoi")
    message.refresh_from_db()
    assert message.status == SendStatus.FAILED
    assert "131047" in message.status_error
    assert len(graph_api.requests) == 1
