"""Background jobs: in-process without a broker, and a real Celery worker on Redis."""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.test import Client

from zicht.celery import app
from zicht.core.services import worker_heartbeat_age
from zicht.core.tasks import worker_heartbeat

REDIS_URL = os.environ.get("ZICHT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def test_without_a_broker_a_task_runs_in_process_and_has_its_effect():
    assert app.conf.task_always_eager
    worker_heartbeat.delay()
    age = worker_heartbeat_age()
    assert age is not None and age.total_seconds() < 5


@pytest.mark.django_db
def test_health_check_is_public_and_reports_database_and_jobs():
    response = Client().get("/healthz/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["jobs"] == "in-process"


@pytest.mark.redis
def test_a_real_worker_on_redis_runs_a_task_sent_through_celery(tmp_path: Path):
    if not redis_answers():
        pytest.skip(f"SKIPPED: Redis does not answer at {REDIS_URL}; real-worker test not run")
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    env = os.environ | {"REDIS_URL": REDIS_URL, "DEBUG": "1", "ZICHT_DATA_DIR": str(tmp_path)}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "zicht",
            "worker",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sender = app.__class__("zicht-test-sender", broker=REDIS_URL, backend=REDIS_URL)
    try:
        result = sender.send_task("core.worker_heartbeat")
        stamp = result.get(timeout=60)
        cached = [key for key in client.keys("*") if b"zicht:worker-heartbeat" in key]
        assert cached, "the worker wrote the heartbeat into the Redis cache"
        assert abs(datetime.now(UTC) - datetime.fromisoformat(stamp)) < timedelta(minutes=2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        client.flushdb()
