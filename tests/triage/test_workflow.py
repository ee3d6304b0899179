"""The workflow as data: allowed and forbidden transitions replayed through the one service."""

import pytest
from django.utils import timezone

from tests.conftest import Personas
from zicht.triage.models import FollowUp, Signal
from zicht.triage.services import TriageError, signal_create, signal_transition
from zicht.triage.workflow import ALLOWED_TRANSITIONS, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def signal(personas: Personas, team) -> Signal:
    return signal_create(
        actor=personas.worker,
        team=team,
        categories=["middelen"],
        urgency="hoog",
        substances=["lachgas"],
        summary="Groep jongeren met ballonnen bij de Esch",
    )


def move(actor, signal, to, **kw):
    return signal_transition(actor=actor, signal=signal, to_status=to, **kw)


def test_a_new_signal_gets_a_deadline_from_its_urgency(signal: Signal):
    hours = (signal.deadline - signal.created_at).total_seconds() / 3600
    assert round(hours) == 24
    assert signal.status == Status.NEW


@pytest.mark.parametrize("start", list(Status))
def test_every_transition_not_in_the_table_is_refused(personas: Personas, signal: Signal, start):
    for target in set(Status) - set(ALLOWED_TRANSITIONS[start]) - {start}:
        Signal.objects.filter(pk=signal.pk).update(status=start)
        with pytest.raises(TriageError):
            move(personas.lead, signal, target, note="x", closing_reason="resolved")
        assert Signal.objects.get(pk=signal.pk).status == start


def test_a_full_path_is_logged_step_by_step(personas: Personas, signal: Signal):
    move(personas.worker, signal, Status.IN_PROGRESS, note="gebeld")
    move(personas.lead, signal, Status.ESCALATED, note="naar teamleider")
    move(personas.lead, signal, Status.REFERRED, note="wijkteam")
    move(personas.worker, signal, Status.CLOSED, closing_reason="referred_done")
    move(personas.lead, signal, Status.IN_PROGRESS, note="opnieuw zorgen")
    log = list(FollowUp.objects.filter(signal=signal).values_list("from_status", "to_status"))
    assert log == [
        ("", "new"),
        ("new", "in_progress"),
        ("in_progress", "escalated"),
        ("escalated", "referred"),
        ("referred", "closed"),
        ("closed", "in_progress"),
    ]
    signal.refresh_from_db()
    assert signal.owner == personas.worker


def test_only_a_lead_escalates(personas: Personas, signal: Signal):
    with pytest.raises(TriageError, match="teamleider"):
        move(personas.worker, signal, Status.ESCALATED)


def test_closing_needs_a_reason_and_reopening_a_note(personas: Personas, signal: Signal):
    with pytest.raises(TriageError, match="reden"):
        move(personas.worker, signal, Status.CLOSED)
    move(personas.worker, signal, Status.CLOSED, closing_reason="no_concern")
    with pytest.raises(TriageError, match="waarom"):
        move(personas.worker, signal, Status.IN_PROGRESS)


def test_the_follow_up_log_cannot_be_changed(signal: Signal):
    entry = FollowUp.objects.filter(signal=signal).first()
    entry.note = "anders"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        FollowUp.objects.update(note="x")


def test_substances_belong_to_middelen(personas: Personas, team):
    with pytest.raises(TriageError, match="middelen"):
        signal_create(
            actor=personas.worker,
            team=team,
            categories=["geweld"],
            urgency="hoog",
            substances=["lachgas"],
        )
    assert not Signal.objects.filter(created_at__gte=timezone.now()).exists()
