from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "zicht:worker-heartbeat"
HEARTBEAT_STALE_AFTER = timedelta(minutes=5)


def worker_heartbeat_record() -> datetime:
    now = timezone.now()
    cache.set(HEARTBEAT_KEY, now.isoformat(), timeout=None)
    return now


def worker_heartbeat_age() -> timedelta | None:
    """How long ago a worker last reported, or None when none ever did."""
    stamp = cache.get(HEARTBEAT_KEY)
    return timezone.now() - datetime.fromisoformat(stamp) if stamp else None
