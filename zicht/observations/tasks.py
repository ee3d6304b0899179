from celery import shared_task

from zicht.observations.services import screenshots_expire


@shared_task(name="observations.screenshots_expire")
def expire_screenshots() -> int:
    return screenshots_expire()
