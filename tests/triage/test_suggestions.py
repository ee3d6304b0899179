"""Nothing becomes a signal without a person: confirm, correct, dismiss, and the feedback."""

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from tests.conftest import Personas
from tests.triage.conftest import make_observation
from zicht.triage.models import FeedbackExample, Signal, SuggestionState
from zicht.triage.services import (
    TriageError,
    suggestion_confirm,
    suggestion_dismiss,
    suggestion_for_source,
)

pytestmark = pytest.mark.django_db


def test_a_detector_finding_is_a_suggestion_not_a_signal(suggestion):
    assert suggestion.state == SuggestionState.PENDING
    assert not Signal.objects.exists()


def test_confirming_creates_a_signal_with_the_detectors_explanation(personas: Personas, suggestion):
    signal = suggestion_confirm(actor=personas.worker, suggestion=suggestion)
    assert signal.categories == ["geweld", "wapens"]
    assert signal.urgency == "acuut"
    assert signal.observation == suggestion.observation
    assert round((signal.deadline - signal.created_at).total_seconds()) == 3600
    assert FeedbackExample.objects.get().verdict == "confirmed"


def test_a_correction_is_stored_as_a_labelled_example(personas: Personas, suggestion):
    suggestion_confirm(
        actor=personas.worker, suggestion=suggestion, categories=["geweld"], urgency="hoog"
    )
    example = FeedbackExample.objects.get()
    assert (example.verdict, example.labels, example.urgency) == ("corrected", ["geweld"], "hoog")
    assert example.predicted_labels == ["geweld", "wapens"]


def test_dismissing_needs_a_reason_and_teaches_a_negative(personas: Personas, suggestion):
    with pytest.raises(TriageError):
        suggestion_dismiss(actor=personas.worker, suggestion=suggestion, reason=" ")
    suggestion_dismiss(actor=personas.worker, suggestion=suggestion, reason="songtekst")
    example = FeedbackExample.objects.get()
    assert (example.verdict, example.labels, example.urgency) == ("dismissed", [], "")
    with pytest.raises(TriageError, match="al beoordeeld"):
        suggestion_confirm(actor=personas.worker, suggestion=suggestion)


def test_an_acute_suggestion_mails_the_team_leads_without_quoting_it(
    personas: Personas, team, django_capture_on_commit_callbacks
):
    personas.lead.email = "leider@example.org"
    personas.lead.save()
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_for_source(observation=make_observation(team, personas.worker))
    [message] = mail.outbox
    assert message.to == ["leider@example.org"]
    assert "mes" not in message.body


def test_feedback_export_writes_the_corpus_format(personas: Personas, suggestion, team):
    suggestion_confirm(
        actor=personas.worker, suggestion=suggestion, categories=["geweld"], urgency="acuut"
    )
    other = suggestion_for_source(
        observation=make_observation(
            team,
            personas.worker,
            text="ik ga dood van het lachen",
            labels=("mentaal",),
            urgency="hoog",
        )
    )
    suggestion_dismiss(actor=personas.worker, suggestion=other, reason="grapje")
    out = io.StringIO()
    call_command("detect-feedback-export", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["labels"], r["urgency"]) for r in lines] == [(["geweld"], "acuut"), ([], None)]
    assert set(lines[0]) >= {"id", "text", "labels", "urgency", "substances", "help"}
