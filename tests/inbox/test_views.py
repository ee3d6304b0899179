"""The inbox on screen and in the API: scope, audit, live updates, replies."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import Personas
from zicht.accounts.models import User
from zicht.inbox.models import Conversation, Message, Note
from zicht.privacy.models import AuditEvent
from zicht.youth.models import Youth

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(whatsapp_channel) -> Conversation:
    youth = Youth.objects.create(team=whatsapp_channel.team, nickname="Sam")
    now = timezone.now()
    item = Conversation.objects.create(
        team=whatsapp_channel.team,
        channel=whatsapp_channel,
        platform="whatsapp",
        contact_id="31612345678",
        youth=youth,
        last_inbound_at=now,
        last_message_at=now,
        is_unread=True,
    )
    Message.objects.create(
        conversation=item,
        team=item.team,
        direction="in",
        source="webhook",
        external_id="wamid.1",
        text="ze gaan hem pakken vanavond bij de metro",
        sent_at=now,
        signal_labels=["geweld"],
        signal_urgency="acuut",
    )
    return item


def test_the_inbox_lists_the_teams_conversations_with_a_signal_badge(
    conversation: Conversation, personas: Personas, verified_client: Callable[[User], Client]
):
    html = verified_client(personas.worker).get("/inbox/").content.decode()
    assert "Sam" in html
    assert "signaal" in html


def test_another_team_sees_nothing_of_it(
    conversation: Conversation, personas: Personas, verified_client
):
    client = verified_client(personas.colleague_other_team)
    assert "Sam" not in client.get("/inbox/").content.decode()
    assert client.get(f"/inbox/{conversation.pk}/").status_code == 404
    assert client.get("/api/v1/messages/").json()["count"] == 0


def test_opening_a_conversation_is_audited_and_marks_it_read(
    conversation: Conversation, personas: Personas, verified_client
):
    response = verified_client(personas.worker).get(f"/inbox/{conversation.pk}/")
    assert response.status_code == 200
    assert "ze gaan hem pakken" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    conversation.refresh_from_db()
    assert not conversation.is_unread
    assert AuditEvent.objects.filter(
        actor=personas.worker, object_type="inbox.conversation", action="read"
    ).exists()


def test_polling_returns_only_messages_that_arrived_after_the_last_one_shown(
    conversation: Conversation, personas: Personas, verified_client
):
    client = verified_client(personas.worker)
    last = conversation.messages.get()
    assert (
        "bubble"
        not in client.get(f"/inbox/{conversation.pk}/nieuw/?after={last.pk}").content.decode()
    )
    Message.objects.create(
        conversation=conversation,
        team=conversation.team,
        direction="in",
        source="webhook",
        external_id="wamid.2",
        text="ben je er nog?",
        sent_at=timezone.now() + timedelta(seconds=1),
    )
    html = client.get(f"/inbox/{conversation.pk}/nieuw/?after={last.pk}").content.decode()
    assert "ben je er nog?" in html
    assert "ze gaan hem pakken" not in html
    assert 'hx-swap-oob="beforeend"' in html


def test_a_reply_from_the_conversation_page_is_sent(
    conversation: Conversation,
    personas: Personas,
    verified_client,
    graph_api,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_client(personas.worker).post(
            f"/inbox/{conversation.pk}/antwoord/", {"text": "Ik kom eraan"}
        )
    assert response.status_code == 302
    assert graph_api.requests[0].json["text"]["body"] == "Ik kom eraan"
    assert Message.objects.get(direction="out").author == personas.worker


def test_notes_assignment_and_labels(
    conversation: Conversation, personas: Personas, verified_client
):
    client = verified_client(personas.lead)
    client.post(f"/inbox/{conversation.pk}/notitie/", {"text": "Morgen even bellen"})
    client.post(
        f"/inbox/{conversation.pk}/bijwerken/",
        {"assigned_to": personas.worker.pk, "labels": "school, stage"},
    )
    conversation.refresh_from_db()
    assert Note.objects.get().text == "Morgen even bellen"
    assert conversation.assigned_to == personas.worker
    assert sorted(conversation.labels.values_list("name", flat=True)) == ["school", "stage"]
    mine = verified_client(personas.worker).get("/inbox/?box=mine").content.decode()
    assert "Sam" in mine


def test_the_api_sends_a_reply_and_explains_a_closed_window(
    conversation: Conversation,
    personas: Personas,
    verified_client,
    graph_api,
    django_capture_on_commit_callbacks,
):
    client = verified_client(personas.worker)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/messages/",
            {"conversation": conversation.pk, "text": "Hoi"},
            content_type="application/json",
        )
    assert created.status_code == 201
    Conversation.objects.filter(pk=conversation.pk).update(
        last_inbound_at=timezone.now() - timedelta(days=2)
    )
    refused = client.post(
        "/api/v1/messages/",
        {"conversation": conversation.pk, "text": "Hoi"},
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert "sjabloon" in refused.json()["detail"]


def test_the_api_lists_conversations_and_messages_in_scope(
    conversation: Conversation, personas: Personas, verified_client
):
    client = verified_client(personas.worker)
    assert client.get("/api/v1/conversations/").json()["count"] == 1
    messages = client.get(f"/api/v1/messages/?conversation={conversation.pk}").json()
    assert messages["results"][0]["signal_labels"] == ["geweld"]
    assert client.get("/api/v1/messages/?conversation=abc").status_code == 400


def test_search_finds_messages_in_scope_by_their_words(
    conversation: Conversation, personas: Personas, verified_client, other_team
):
    Message.objects.create(
        conversation=Conversation.objects.create(
            team=other_team, platform="whatsapp", contact_id="x"
        ),
        team=other_team,
        direction="in",
        source="webhook",
        text="pakken bij de metro",
        sent_at=timezone.now(),
    )
    html = (
        verified_client(personas.worker)
        .post("/inbox/zoeken/", {"q": "metro pakken"})
        .content.decode()
    )
    assert html.count('class="card-row"') == 1
    assert "Sam" in html
    nothing = (
        verified_client(personas.worker).post("/inbox/zoeken/", {"q": 'fiets "OR'}).content.decode()
    )
    assert "Niets gevonden" in nothing


def test_a_help_question_found_by_the_detector_is_shown_on_the_message(
    conversation: Conversation, personas: Personas, verified_client
):
    Message.objects.create(
        conversation=conversation,
        team=conversation.team,
        direction="in",
        source="webhook",
        external_id="wamid.help",
        text="weet iemand een bijbaan?",
        sent_at=timezone.now(),
        signal_extra={"substances": [], "help": ["werk"]},
    )
    html = verified_client(personas.worker).get(f"/inbox/{conversation.pk}/").content.decode()
    assert "Hulpvraag: werk" in html
