"""The audit log's hash chain: appending under a lock, and verifying."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from zicht.privacy.models import AuditEvent

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
    previous = ""
    checked = 0
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=2000):
        if event.previous_hash != previous:
            return ChainReport(checked, event.pk, "a record before it was removed or changed")
        if event.compute_hash() != event.hash:
            return ChainReport(checked, event.pk, "this record was changed")
        previous = event.hash
        checked += 1
    return ChainReport(checked, None)
