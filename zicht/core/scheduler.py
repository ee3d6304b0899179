"""The in-process scheduler: without a broker (and so without Celery beat), the web process
runs CELERY_BEAT_SCHEDULE itself, in one daemon thread.

Only one process per data dir schedules (a file lock), so several server processes on one
machine do not run the daily purge several times. With REDIS_URL set, Celery beat does this.
"""

import fcntl
import logging
import threading
import time
from pathlib import Path
from typing import IO, Any

from django.conf import settings

logger = logging.getLogger(__name__)
_started = threading.Event()
_lock_file: IO[str] | None = None


def scheduler_start() -> bool:
    """Start the scheduler thread once per process; False when not needed or not ours."""
    global _lock_file
    if (
        _started.is_set()
        or not settings.CELERY_TASK_ALWAYS_EAGER
        or settings.INPROCESS_JOBS != "thread"
    ):
        return False
    _started.set()
    lock_path = Path(settings.DATA_DIR) / "scheduler.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    _lock_file = lock_path.open("w")
    try:
        fcntl.flock(_lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # another process on this machine schedules
    threading.Thread(target=_loop, name="zicht-scheduler", daemon=True).start()
    return True


def due_entries(last_run: dict[str, float], now: float) -> list[str]:
    """Names of the schedule entries whose interval has passed (all of them at start)."""
    schedule: dict[str, dict[str, Any]] = settings.CELERY_BEAT_SCHEDULE
    return [
        name
        for name, entry in schedule.items()
        if name not in last_run or now - last_run[name] >= float(entry["schedule"])
    ]


def _loop() -> None:
    from zicht.celery import app

    app.loader.import_default_modules()  # every app's tasks.py, as a worker would
    last_run: dict[str, float] = {}
    while True:
        now = time.time()
        for name in due_entries(last_run, now):
            last_run[name] = now
            _run(app, str(settings.CELERY_BEAT_SCHEDULE[name]["task"]))
        time.sleep(30)


def _run(app: Any, task_name: str) -> None:
    from django.db import close_old_connections

    try:
        app.tasks[task_name].apply()
    except Exception:
        logger.exception("scheduled job %s failed", task_name)
    finally:
        close_old_connections()
