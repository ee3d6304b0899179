"""Reading the audit log (for the beheerder) and flagging unusual access."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.privacy.models import AuditAction, AuditEvent, AuditOutcome

BULK_PROFILES_PER_HOUR = 25


def audit_log_filtered(
    *,
    username: str = "",
    youth_id: str = "",
    action: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if username:
        events = events.filter(actor_username=username)
    if youth_id:
        events = events.filter(subject_type="youth.youth", subject_id=youth_id) | events.filter(
            object_type="youth.youth", object_id=youth_id
        )
    if action:
        events = events.filter(action=action)
    if since:
        events = events.filter(at__gte=since)
    if until:
        events = events.filter(at__lt=until)
    return events.order_by("-at", "-pk")


@dataclass(frozen=True)
class Flag:
    username: str
    reason: str
    count: int


def unusual_access(*, since: datetime | None = None) -> list[Flag]:
    """Attempts on records outside one's team, and many profiles opened within an hour."""
    since = since or timezone.now() - timedelta(days=7)
    recent = AuditEvent.objects.filter(at__gte=since)
    flags = []
    denied: dict[str, int] = defaultdict(int)
    for username in recent.filter(outcome=AuditOutcome.DENIED).values_list(
        "actor_username", flat=True
    ):
        denied[username] += 1
    flags += [
        Flag(user, _("pogingen buiten het eigen team"), n) for user, n in sorted(denied.items())
    ]
    per_hour: dict[tuple[str, datetime], set[str]] = defaultdict(set)
    reads = recent.filter(
        action=AuditAction.READ, object_type="youth.youth", outcome=AuditOutcome.SUCCESS
    )
    for username, at, object_id in reads.values_list("actor_username", "at", "object_id"):
        per_hour[(username, at.replace(minute=0, second=0, microsecond=0))].add(object_id)
    bulk: dict[str, int] = {}
    for (username, _hour), profiles in per_hour.items():
        if len(profiles) > BULK_PROFILES_PER_HOUR:
            bulk[username] = max(bulk.get(username, 0), len(profiles))
    flags += [Flag(user, _("veel profielen binnen een uur"), n) for user, n in sorted(bulk.items())]
    return flags


def audit_filters_from(params: Any) -> dict[str, Any]:
    def day(value: str) -> datetime | None:
        try:
            return timezone.make_aware(datetime.fromisoformat(value)) if value else None
        except ValueError:
            return None

    return {
        "username": params.get("user", "").strip(),
        "youth_id": params.get("youth", "").strip(),
        "action": params.get("action", "")
        if params.get("action", "") in AuditAction.values
        else "",
        "since": day(params.get("from", "")),
        "until": day(params.get("until", "")),
    }
