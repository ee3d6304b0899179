"""Without a broker the web process runs the periodic jobs itself."""

from zicht.core.scheduler import due_entries, scheduler_start


def test_every_entry_is_due_at_start_and_again_after_its_interval(settings):
    settings.CELERY_BEAT_SCHEDULE = {
        "purge": {"task": "privacy.purge", "schedule": 86400.0},
        "beat": {"task": "core.worker_heartbeat", "schedule": 60.0},
    }
    assert sorted(due_entries({}, now=1000.0)) == ["beat", "purge"]
    ran = {"purge": 1000.0, "beat": 1000.0}
    assert due_entries(ran, now=1061.0) == ["beat"]
    assert sorted(due_entries(ran, now=1000.0 + 86400)) == ["beat", "purge"]


def test_the_scheduler_does_not_start_in_tests_or_with_a_broker(settings):
    assert settings.INPROCESS_JOBS == "sync"
    assert scheduler_start() is False
