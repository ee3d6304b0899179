"""Board, review queue, signal page and the live acute banner; scope and audit."""

import pytest

from tests.conftest import Personas
from tests.triage.conftest import make_observation
from zicht.privacy.models import AuditEvent
from zicht.triage.models import Signal
from zicht.triage.services import suggestion_confirm, suggestion_for_source

pytestmark = pytest.mark.django_db


def test_the_acute_banner_shows_the_evidence_highlighted_to_the_team(
    personas: Personas, verified_client, suggestion
):
    html = verified_client(personas.lead).get("/signalen/acuut/").content.decode()
    assert 'role="alert"' in html
    assert "<mark" in html and ">mes</mark>" in html
    assert (
        "mes"
        not in verified_client(personas.colleague_other_team)
        .get("/signalen/acuut/")
        .content.decode()
    )
    assert verified_client(personas.partner).get("/signalen/acuut/").content.decode().strip() == ""


def test_confirming_from_the_review_queue_opens_the_signal_page(
    personas: Personas, verified_client, suggestion
):
    client = verified_client(personas.worker)
    assert "Bevestigen als signaal" in client.get("/signalen/suggesties/").content.decode()
    response = client.post(
        f"/signalen/suggesties/{suggestion.pk}/",
        {"decision": "confirm", "categories": ["geweld", "wapens"], "urgency": "acuut"},
    )
    signal = Signal.objects.get()
    assert response["Location"] == f"/signalen/{signal.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert ">mes</mark>" in page
    assert AuditEvent.objects.filter(
        actor=personas.worker, object_type="triage.signal", action="read"
    ).exists()


def test_the_board_groups_by_urgency_and_flags_overdue(
    personas: Personas, verified_client, suggestion
):
    signal = suggestion_confirm(actor=personas.worker, suggestion=suggestion)
    Signal.objects.filter(pk=signal.pk).update(deadline=signal.created_at.replace(year=2020))
    html = verified_client(personas.lead).get("/signalen/").content.decode()
    assert "Te laat" in html
    assert "signal-card overdue" in html


@pytest.mark.parametrize(
    ("persona", "status"), [("colleague_other_team", 404), ("partner", 403), ("beheerder", 403)]
)
def test_outside_the_team_a_signal_cannot_be_seen(
    personas: Personas, verified_client, suggestion, persona, status
):
    signal = suggestion_confirm(actor=personas.worker, suggestion=suggestion)
    assert (
        verified_client(getattr(personas, persona)).get(f"/signalen/{signal.pk}/").status_code
        == status
    )


def test_moving_a_signal_from_the_page(personas: Personas, verified_client, suggestion):
    signal = suggestion_confirm(actor=personas.worker, suggestion=suggestion)
    client = verified_client(personas.worker)
    client.post(f"/signalen/{signal.pk}/status/", {"to_status": "in_progress", "note": "gebeld"})
    signal.refresh_from_db()
    assert signal.status == "in_progress"
    client.post(f"/signalen/{signal.pk}/status/", {"to_status": "escalated"})
    signal.refresh_from_db()
    assert signal.status == "in_progress", "a worker cannot escalate"


def test_the_api_lists_suggestions_and_moves_signals_with_the_same_rules(
    personas: Personas, verified_client, suggestion
):
    client = verified_client(personas.worker)
    suggested = client.get("/api/v1/signals/?status=suggested").json()
    assert suggested["results"][0]["status"] == "suggested"
    created = client.post(
        f"/api/v1/suggestions/{suggestion.pk}/confirm/",
        {"urgency": "hoog"},
        content_type="application/json",
    )
    assert created.status_code == 201
    signal_id = created.json()["id"]
    assert client.get("/api/v1/signals/").json()["count"] == 1
    refused = client.post(
        f"/api/v1/signals/{signal_id}/transition/",
        {"to_status": "escalated"},
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert "teamleider" in refused.json()["detail"]
    moved = client.post(
        f"/api/v1/signals/{signal_id}/transition/",
        {"to_status": "in_progress"},
        content_type="application/json",
    )
    assert moved.json()["status"] == "in_progress"
    assert verified_client(personas.partner).get("/api/v1/signals/").status_code == 403


def test_an_acute_message_from_the_inbox_becomes_a_suggestion(personas: Personas, team):
    from django.utils import timezone

    from zicht.inbox.models import Conversation, Message

    conversation = Conversation.objects.create(
        team=team, platform="whatsapp", contact_id="31600000000"
    )
    message = Message.objects.create(
        conversation=conversation,
        team=team,
        direction="in",
        source="webhook",
        text="ik spring vannacht van de brug",
        sent_at=timezone.now(),
        signal_labels=["mentaal"],
        signal_urgency="acuut",
        signal_extra={"substances": []},
    )
    assert suggestion_for_source(message=message).source == "message"
    assert make_observation(team, personas.worker).signal_urgency == "acuut"


def test_a_manual_signal_is_made_from_the_form(personas: Personas, verified_client):
    client = verified_client(personas.worker)
    response = client.post(
        "/signalen/nieuw/",
        {
            "summary": "Moeder belde: zoon slaapt buiten",
            "categories": ["thuis"],
            "urgency": "hoog",
            "neighbourhood": "tarwewijk",
        },
    )
    signal = Signal.objects.get()
    assert response["Location"] == f"/signalen/{signal.pk}/"
    assert (signal.source, signal.categories, signal.neighbourhood.name) == (
        "manual",
        ["thuis"],
        "Tarwewijk",
    )
    refused = client.post("/signalen/nieuw/", {"summary": "x", "urgency": "hoog"}, follow=True)
    assert "Kies minstens één categorie" in refused.content.decode()


def test_the_board_filters_by_status(personas: Personas, verified_client, suggestion):
    signal = suggestion_confirm(actor=personas.worker, suggestion=suggestion)
    client = verified_client(personas.lead)
    assert "signal-card" in client.get("/signalen/?status=new").content.decode()
    assert "signal-card" not in client.get("/signalen/?status=referred").content.decode()
    assert signal.pk


def test_detect_eval_runs_on_the_exported_feedback(personas: Personas, suggestion, tmp_path):
    import json

    from django.core.management import call_command

    from zicht.detection.cli import main as detection_main

    suggestion_confirm(actor=personas.worker, suggestion=suggestion)
    export = tmp_path / "feedback.jsonl"
    call_command("detect-feedback-export", "--output", str(export))
    assert detection_main(["detect-eval", str(export), "--json"]) == 0
    assert json.loads(export.read_text().splitlines()[0])["labels"] == ["geweld", "wapens"]
