from celery import shared_task

from zicht.privacy.retention import purge


@shared_task(name="privacy.purge")
def retention_purge() -> dict[str, int]:
    return dict(purge().counts)
