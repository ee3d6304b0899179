"""SQLite backend with one writer per process at a time.

SQLite allows one write transaction at a time. When threads of one process collide, SQLite's
busy handler makes the loser sleep in growing steps (1, 2, 5 … 100 ms), which shows up as
long tail latency. Here a write transaction (every `atomic` block, begun `IMMEDIATE`) first
takes a process-wide lock, so threads queue without sleeping. Other processes still meet
SQLite's own lock; run one process with threads on SQLite (docs/operations.md).
"""

import threading

from django.db.backends.sqlite3 import base

_write_lock = threading.Lock()


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_write_lock = False

    def _start_transaction_under_autocommit(self) -> None:
        _write_lock.acquire()
        self._holds_write_lock = True
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _release_write_lock(self) -> None:
        if self._holds_write_lock:
            self._holds_write_lock = False
            _write_lock.release()


__all__ = ["DatabaseWrapper"]
