"""The audit log's hash chain: appending under a lock, and verifying."""

from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from zicht.privacy.models import AuditAnchor, AuditEvent

# Any fixed number: PostgreSQL advisory lock that serialises appends to the chain.
CHAIN_LOCK = 7_324_118


def chain_append(event: AuditEvent) -> AuditEvent:
    """Save a new record as the next link. The lock lasts until the surrounding transaction
    ends, so two transactions can never link to the same predecessor."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        last = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()
        if last is None:  # everything before was purged: continue from the anchor
            last = (
                AuditAnchor.objects.order_by("-purged_until_pk")
                .values_list("hash", flat=True)
                .first()
            )
        event.at = event.at or timezone.now()
        event.previous_hash = last or ""
        event.hash = event.compute_hash()
        event.save()
    return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None  # pk of the first record that does not fit
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def chain_verify() -> ChainReport:
    anchor = AuditAnchor.objects.order_by("-purged_until_pk").first()
    previous = anchor.hash if anchor else ""
    checked = 0
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=2000):
        if event.previous_hash != previous:
            return ChainReport(checked, event.pk, "a record before it was removed or changed")
        if event.compute_hash() != event.hash:
            return ChainReport(checked, event.pk, "this record was changed")
        previous = event.hash
        checked += 1
    return ChainReport(checked, None)


def chain_truncate(*, before: object) -> int:
    """Retention for the audit log itself: remove records older than `before` and anchor the
    chain at the last one removed. The only place audit records are ever deleted."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        old = AuditEvent.objects.filter(at__lt=before).order_by("-pk")
        last = old.values_list("pk", "hash").first()
        if last is None:
            return 0
        AuditAnchor.objects.create(hash=last[1], purged_until_pk=last[0])
        # Bypass the append-only queryset on purpose: this is retention, not editing.
        return int(models.QuerySet.delete(AuditEvent.objects.filter(pk__lte=last[0]))[0])
