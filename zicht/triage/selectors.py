"""Reads for triage that check scope (and audit) in one call."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zicht.accounts.permissions import can, scope_queryset
from zicht.privacy.audit import AuditAction, audit, deny_out_of_scope
from zicht.triage.models import Signal, Suggestion, SuggestionState
from zicht.triage.workflow import URGENCY_ORDER, Status, Urgency

OPEN_STATUSES = [Status.NEW, Status.IN_PROGRESS, Status.REFERRED, Status.ESCALATED]


def signal_list_for_user(
    *,
    user: Any,
    status: str = "",
    category: str = "",
    substance: str = "",
    neighbourhood: str = "",
    owner: str = "",
    include_closed: bool = False,
) -> QuerySet[Signal]:
    signals = scope_queryset(user, "case.view", Signal.objects.all())
    if status:
        signals = signals.filter(status=status)
    elif not include_closed:
        signals = signals.filter(status__in=OPEN_STATUSES)
    if category:  # the JSON list as text: portable across SQLite and PostgreSQL
        signals = signals.filter(categories__icontains=f'"{category}"')
    if substance:
        signals = signals.filter(substances__icontains=f'"{substance}"')
    if neighbourhood:
        signals = signals.filter(neighbourhood__slug=neighbourhood)
    if owner == "me":
        signals = signals.filter(owner=user)
    elif owner == "none":
        signals = signals.filter(owner__isnull=True)
    return signals.select_related("owner", "neighbourhood", "team")


@dataclass(frozen=True)
class BoardColumn:
    urgency: str
    label: str
    signals: list[Signal]


def signal_board(*, signals: QuerySet[Signal]) -> list[BoardColumn]:
    """Signals by urgency, overdue first, then by deadline."""
    now = timezone.now()
    by_urgency: dict[str, list[Signal]] = {u: [] for u in URGENCY_ORDER}
    for signal in signals:
        signal.is_overdue = bool(signal.deadline and signal.deadline < now)  # type: ignore[attr-defined]
        by_urgency.setdefault(signal.urgency, []).append(signal)
    for items in by_urgency.values():
        items.sort(key=lambda s: (not s.is_overdue, s.deadline or now.max))  # type: ignore[attr-defined]
    return [BoardColumn(u, str(Urgency(u).label), by_urgency[u]) for u in URGENCY_ORDER]


def signal_get_for_user(
    *, user: Any, pk: int, action: str = "case.view", reason: str = ""
) -> Signal:
    signal = (
        Signal.objects.select_related(
            "team", "owner", "neighbourhood", "message__conversation__youth", "observation"
        )
        .filter(pk=pk)
        .first()
    )
    if signal is None:
        raise Http404
    if not can(user, action, signal):
        deny_out_of_scope(actor=user, obj=signal)
    audit(actor=user, action=AuditAction.READ, obj=signal, reason=reason)
    return signal


def suggestion_queue_for_user(*, user: Any) -> QuerySet[Suggestion]:
    suggestions = scope_queryset(user, "case.view", Suggestion.objects.all())
    return (
        suggestions.filter(state=SuggestionState.PENDING)
        .select_related("message__conversation__youth", "observation")
        .order_by("created_at")
    )


def suggestion_get_for_user(*, user: Any, pk: int, action: str = "case.change") -> Suggestion:
    suggestion = Suggestion.objects.select_related("message", "observation").filter(pk=pk).first()
    if suggestion is None:
        raise Http404
    if not can(user, action, suggestion):
        deny_out_of_scope(actor=user, obj=suggestion)
    audit(actor=user, action=AuditAction.READ, obj=suggestion)
    return suggestion


@dataclass(frozen=True)
class AcuteItem:
    kind: str  # "suggestion" | "signal"
    pk: int
    text: str
    evidence: list[dict[str, Any]]
    created_at: Any


def acute_items_for_user(*, user: Any) -> list[AcuteItem]:
    """Acute suggestions waiting for a person and acute signals still new: the live banner."""
    if not can(user, "case.view"):
        return []
    suggestions = suggestion_queue_for_user(user=user).filter(urgency=Urgency.ACUUT)
    signals = (
        scope_queryset(user, "case.view", Signal.objects.all())
        .filter(Q(urgency=Urgency.ACUUT), Q(status=Status.NEW))
        .select_related("message", "observation")
    )
    items = [AcuteItem("suggestion", s.pk, s.text, s.evidence, s.created_at) for s in suggestions]
    for signal in signals:
        source = signal.message or signal.observation
        evidence = source.signal_evidence if source is not None else []
        text = source.text if source is not None else signal.summary
        items.append(AcuteItem("signal", signal.pk, text, evidence, signal.created_at))
    return sorted(items, key=lambda item: item.created_at, reverse=True)
