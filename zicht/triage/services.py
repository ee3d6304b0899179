"""Writes for triage. `signal_transition` is the only place a signal's status changes."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from zicht.accounts.models import Role, User
from zicht.inbox.models import Message
from zicht.observations.models import Observation
from zicht.privacy.audit import AuditAction, audit
from zicht.triage.models import (
    FeedbackExample,
    FollowUp,
    Signal,
    SourceKind,
    Suggestion,
    SuggestionState,
    Verdict,
)
from zicht.triage.workflow import (
    CATEGORIES,
    DEADLINES,
    LEAD_ONLY_TARGETS,
    SUBSTANCES,
    ClosingReason,
    Status,
    Urgency,
    can_transition,
)


class TriageError(ValueError):
    """A triage action that is not allowed, with the reason for the worker (Dutch)."""


def deadline_for(urgency: str, start: datetime) -> datetime | None:
    delta = DEADLINES.get(urgency)
    return start + delta if delta is not None else None


def _check_labels(categories: list[str], urgency: str, substances: list[str]) -> None:
    if not categories:
        raise TriageError("Kies minstens één categorie.")
    unknown = sorted(set(categories) - set(CATEGORIES))
    if unknown:
        raise TriageError(f"Onbekende categorie: {', '.join(unknown)}.")
    if urgency not in Urgency.values:
        raise TriageError(f"Onbekende urgentie: {urgency!r}.")
    if sorted(set(substances) - set(SUBSTANCES)):
        raise TriageError("Onbekend middel.")
    if substances and "middelen" not in categories:
        raise TriageError("Een middel hoort bij de categorie middelen.")


def suggestion_for_source(
    *, message: Message | None = None, observation: Observation | None = None
) -> Suggestion | None:
    """When the detector found something, put it in the team's review queue."""
    source = message or observation
    if source is None or not source.signal_labels:
        return None
    suggestion = Suggestion.objects.create(
        team_id=source.team_id,
        source=SourceKind.MESSAGE if message else SourceKind.OBSERVATION,
        message=message,
        observation=observation,
        labels=list(source.signal_labels),
        urgency=source.signal_urgency or Urgency.NORMAAL,
        substances=list(source.signal_extra.get("substances", [])),
        scores=dict(source.signal_scores),
        evidence=list(source.signal_evidence),
    )
    if suggestion.urgency == Urgency.ACUUT:
        transaction.on_commit(lambda: acute_notify(team_id=suggestion.team_id))
    return suggestion


@transaction.atomic
def suggestion_confirm(
    *,
    actor: User,
    suggestion: Suggestion,
    categories: list[str] | None = None,
    urgency: str | None = None,
    substances: list[str] | None = None,
) -> Signal:
    """A person confirms (optionally corrects) a suggestion: it becomes a signal."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.state != SuggestionState.PENDING:
        raise TriageError("Deze suggestie is al beoordeeld.")
    final_categories = list(categories if categories is not None else suggestion.labels)
    final_urgency = urgency or suggestion.urgency
    final_substances = list(substances if substances is not None else suggestion.substances)
    if "middelen" not in final_categories:
        final_substances = []
    _check_labels(final_categories, final_urgency, final_substances)
    corrected = (
        sorted(final_categories) != sorted(suggestion.labels)
        or final_urgency != suggestion.urgency
        or sorted(final_substances) != sorted(suggestion.substances)
    )
    source = suggestion.message or suggestion.observation
    signal = _signal_new(
        actor=actor,
        team_id=suggestion.team_id,
        source=suggestion.source,
        categories=final_categories,
        urgency=final_urgency,
        substances=final_substances,
        message=suggestion.message,
        observation=suggestion.observation,
        suggestion=suggestion,
        neighbourhood_id=getattr(source, "neighbourhood_id", None),
    )
    suggestion.state = SuggestionState.CONFIRMED
    suggestion.decided_by, suggestion.decided_at = actor, timezone.now()
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    FeedbackExample.objects.create(
        team_id=suggestion.team_id,
        suggestion=suggestion,
        signal=signal,
        text=suggestion.text,
        labels=final_categories,
        urgency=final_urgency,
        substances=final_substances,
        predicted_labels=suggestion.labels,
        predicted_urgency=suggestion.urgency,
        verdict=Verdict.CORRECTED if corrected else Verdict.CONFIRMED,
    )
    return signal


@transaction.atomic
def suggestion_dismiss(*, actor: User, suggestion: Suggestion, reason: str) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.state != SuggestionState.PENDING:
        raise TriageError("Deze suggestie is al beoordeeld.")
    if not reason.strip():
        raise TriageError("Geef kort aan waarom dit geen signaal is.")
    suggestion.state = SuggestionState.DISMISSED
    suggestion.decided_by, suggestion.decided_at = actor, timezone.now()
    suggestion.dismiss_reason = reason.strip()[:300]
    suggestion.save(update_fields=["state", "decided_by", "decided_at", "dismiss_reason"])
    FeedbackExample.objects.create(
        team_id=suggestion.team_id,
        suggestion=suggestion,
        text=suggestion.text,
        labels=[],
        urgency="",
        predicted_labels=suggestion.labels,
        predicted_urgency=suggestion.urgency,
        verdict=Verdict.DISMISSED,
    )
    audit(actor=actor, action=AuditAction.CHANGE, obj=suggestion, reason="suggestion dismissed")
    return suggestion


@transaction.atomic
def signal_create(
    *,
    actor: User,
    team: Any,
    categories: list[str],
    urgency: str,
    summary: str = "",
    substances: list[str] | None = None,
    neighbourhood: Any = None,
    youth: list[Any] | None = None,
) -> Signal:
    """A signal a person saw without a message or observation behind it."""
    substances = list(substances or [])
    _check_labels(categories, urgency, substances)
    signal = _signal_new(
        actor=actor,
        team_id=team.pk,
        source=SourceKind.MANUAL,
        categories=categories,
        urgency=urgency,
        substances=substances,
        summary=summary,
        neighbourhood_id=neighbourhood.pk if neighbourhood else None,
    )
    if youth:
        signal.youth.set(youth)
    if summary.strip():
        FeedbackExample.objects.create(
            team_id=team.pk,
            signal=signal,
            text=summary.strip(),
            labels=categories,
            urgency=urgency,
            substances=substances,
            verdict=Verdict.MANUAL,
        )
    return signal


def _signal_new(
    *,
    actor: User,
    team_id: int,
    source: str,
    categories: list[str],
    urgency: str,
    substances: list[str],
    **links: Any,
) -> Signal:
    now = timezone.now()
    signal = Signal.objects.create(
        team_id=team_id,
        source=source,
        categories=categories,
        urgency=urgency,
        substances=substances,
        deadline=deadline_for(urgency, now),
        created_by=actor,
        **links,
    )
    source_youth = _youth_of(signal)
    if source_youth:
        signal.youth.set(source_youth)
    FollowUp.objects.create(
        signal=signal, actor=actor, to_status=Status.NEW, note="signaal aangemaakt"
    )
    audit(actor=actor, action=AuditAction.CREATE, obj=signal)
    if urgency == Urgency.ACUUT:
        transaction.on_commit(lambda: acute_notify(team_id=team_id))
    return signal


def _youth_of(signal: Signal) -> list[Any]:
    if signal.message and signal.message.conversation.youth_id:
        return [signal.message.conversation.youth]
    if signal.observation:
        return list(signal.observation.youth.all())
    return []


@transaction.atomic
def signal_transition(
    *, actor: User, signal: Signal, to_status: str, note: str = "", closing_reason: str = ""
) -> Signal:
    """Move a signal along the workflow (workflow.ALLOWED_TRANSITIONS), logged with who,
    when and why."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if not can_transition(signal.status, to_status):
        raise TriageError(
            f"Van '{Status(signal.status).label}' kan een signaal niet naar "
            f"'{Status(to_status).label if to_status in Status.values else to_status}'."
        )
    if to_status in LEAD_ONLY_TARGETS and actor.role != Role.TEAMLEIDER:
        raise TriageError("Alleen een teamleider kan een signaal opschalen.")
    if to_status == Status.CLOSED and closing_reason not in ClosingReason.values:
        raise TriageError("Kies een reden om het signaal af te sluiten.")
    if signal.status == Status.CLOSED and not note.strip():
        raise TriageError("Schrijf kort waarom het signaal weer wordt geopend.")
    FollowUp.objects.create(
        signal=signal,
        actor=actor,
        from_status=signal.status,
        to_status=to_status,
        note=note.strip(),
    )
    signal.status = to_status
    signal.closing_reason = closing_reason if to_status == Status.CLOSED else ""
    if signal.owner_id is None and to_status == Status.IN_PROGRESS:
        signal.owner = actor
    signal.save(update_fields=["status", "closing_reason", "owner", "updated_at"])
    audit(actor=actor, action=AuditAction.CHANGE, obj=signal, reason=f"status {to_status}")
    return signal


@transaction.atomic
def signal_assign(*, actor: User, signal: Signal, owner: User | None) -> Signal:
    if owner is not None and not owner.teams.filter(pk=signal.team_id).exists():
        raise TriageError("Alleen iemand uit het team kan eigenaar zijn.")
    if actor.role != Role.TEAMLEIDER and owner is not None and owner.pk != actor.pk:
        raise TriageError("Alleen een teamleider wijst signalen aan anderen toe.")
    signal.owner = owner
    signal.save(update_fields=["owner", "updated_at"])
    FollowUp.objects.create(
        signal=signal, actor=actor, note=f"eigenaar: {owner.get_username() if owner else '—'}"
    )
    audit(actor=actor, action=AuditAction.CHANGE, obj=signal, reason="owner")
    return signal


def acute_notify(*, team_id: int) -> int:
    """E-mail the team's leads at once. The mail names no young person and quotes nothing:
    it points to Zicht, where access is checked and logged."""
    leads = User.objects.filter(teams=team_id, role=Role.TEAMLEIDER, is_active=True).exclude(
        email=""
    )
    recipients = list(leads.values_list("email", flat=True))
    if not recipients:
        return 0
    send_mail(
        subject="Zicht: acuut signaal in je team",
        message=(
            "Er is zojuist een acuut signaal binnengekomen voor je team.\n"
            "Open Zicht om het te bekijken en op te volgen."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
        fail_silently=True,
    )
    return len(recipients)
