"""Where background work runs: Celery workers when there is a broker, otherwise this process.

Without a broker, `enqueue` hands the task to one background thread, so a request (such as
a webhook acknowledgement) does not wait for the work, and writes to SQLite stay in one
thread. Work is recorded in the database before it is enqueued (e.g. a stored webhook
delivery), so nothing is lost if the process stops: periodic jobs pick it up again.
Tests run it inline (`ZICHT_INPROCESS_JOBS=sync`).
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)
_executor: ThreadPoolExecutor | None = None


def enqueue(task: Any, *args: Any) -> None:
    if not settings.CELERY_TASK_ALWAYS_EAGER or settings.INPROCESS_JOBS == "sync":
        task.delay(*args)
        return
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zicht-jobs")
    _executor.submit(_run, task, args)


def _run(task: Any, args: tuple[Any, ...]) -> None:
    try:
        task.apply(args=args)
    except Exception:
        logger.exception("in-process job %s failed", task.name)
    finally:
        close_old_connections()
