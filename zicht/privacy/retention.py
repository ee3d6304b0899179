"""Retention that really deletes (docs/decisions/0011-retention-periods.md).

Each kind of data has a default period, adjustable by a beheerder between a minimum and a
maximum. `purge` deletes what is older, in small batches, each in its own transaction: an
interrupted run leaves no half-deleted object and the next run simply continues.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from zicht.privacy.models import PurgeRun, RetentionSetting

BATCH = 500


@dataclass(frozen=True)
class Period:
    default: int
    minimum: int
    maximum: int
    label: str


PERIODS: dict[str, Period] = {
    "webhook_payloads": Period(7, 1, 30, "Ruwe webhookberichten"),
    "screenshots": Period(30, 1, 90, "Schermafbeeldingen bij waarnemingen"),
    "closed_conversations": Period(365, 90, 730, "Afgesloten gesprekken"),
    "observations": Period(365, 90, 730, "Waarnemingen"),
    "closed_signals": Period(730, 180, 1095, "Afgesloten signalen"),
    "profiles": Period(730, 365, 1095, "Profielen na laatste contact"),
    "audit_log": Period(1825, 1825, 3650, "Auditlog"),
}


class RetentionError(ValueError):
    pass


def retention_days(kind: str) -> int:
    setting = RetentionSetting.objects.filter(kind=kind).values_list("days", flat=True).first()
    return setting or PERIODS[kind].default


def retention_set(*, kind: str, days: int) -> RetentionSetting:
    period = PERIODS.get(kind)
    if period is None:
        raise RetentionError(f"Onbekende soort gegevens: {kind!r}.")
    if not period.minimum <= days <= period.maximum:
        raise RetentionError(
            f"{period.label}: kies tussen {period.minimum} en {period.maximum} dagen."
        )
    setting, _created = RetentionSetting.objects.update_or_create(
        kind=kind, defaults={"days": days}
    )
    return setting


def expired(kind: str, now: datetime) -> QuerySet[Any]:
    cutoff = now - timedelta(days=retention_days(kind))
    return EXPIRED[kind](cutoff)


def _webhook_payloads(cutoff: datetime) -> QuerySet[Any]:
    from zicht.inbox.models import WebhookDelivery

    return WebhookDelivery.objects.filter(received_at__lt=cutoff)


def _closed_conversations(cutoff: datetime) -> QuerySet[Any]:
    from zicht.inbox.models import Conversation

    return Conversation.objects.filter(state="closed").filter(
        Q(last_message_at__lt=cutoff) | Q(last_message_at__isnull=True, created_at__lt=cutoff)
    )


def _observations(cutoff: datetime) -> QuerySet[Any]:
    from zicht.observations.models import Observation

    return Observation.objects.filter(observed_at__lt=cutoff)


def _closed_signals(cutoff: datetime) -> QuerySet[Any]:
    from zicht.triage.models import Signal

    return Signal.objects.filter(status="closed", updated_at__lt=cutoff)


def _profiles(cutoff: datetime) -> QuerySet[Any]:
    from zicht.youth.models import Youth

    return Youth.objects.filter(
        Q(last_contact_at__lt=cutoff) | Q(last_contact_at__isnull=True, created_at__lt=cutoff)
    )


def _screenshots(cutoff: datetime) -> QuerySet[Any]:
    from zicht.observations.models import Observation

    return Observation.objects.filter(screenshot__isnull=False, created_at__lt=cutoff)


EXPIRED: dict[str, Callable[[datetime], QuerySet[Any]]] = {
    "webhook_payloads": _webhook_payloads,
    "screenshots": _screenshots,
    "closed_conversations": _closed_conversations,
    "observations": _observations,
    "closed_signals": _closed_signals,
    "profiles": _profiles,
}


def purge(*, dry_run: bool = False, now: datetime | None = None) -> PurgeRun:
    now = now or timezone.now()
    run = PurgeRun.objects.create(dry_run=dry_run)
    counts: dict[str, int] = {}
    for kind in PERIODS:
        if kind == "audit_log":
            counts[kind] = _audit_log(now, dry_run=dry_run)
        else:
            counts[kind] = expired(kind, now).count() if dry_run else _delete_in_batches(kind, now)
    run.counts, run.finished_at = counts, timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    return run


def _audit_log(now: datetime, *, dry_run: bool) -> int:
    from zicht.privacy.chain import chain_truncate
    from zicht.privacy.models import AuditEvent

    cutoff = now - timedelta(days=retention_days("audit_log"))
    if dry_run:
        return AuditEvent.objects.filter(at__lt=cutoff).count()
    return chain_truncate(before=cutoff)


def _delete_in_batches(kind: str, now: datetime) -> int:
    removed = 0
    while True:
        with transaction.atomic():
            ids = list(expired(kind, now).values_list("pk", flat=True)[:BATCH])
            if not ids:
                return removed
            rows = expired(kind, now).filter(pk__in=ids)
            if kind == "screenshots":
                rows.update(screenshot=None, screenshot_type="", screenshot_expires_at=None)
            else:
                rows.delete()
            removed += len(ids)
