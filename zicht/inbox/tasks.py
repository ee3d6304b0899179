"""Thin tasks: take ids, call one service.

Retries: with a broker, Celery retries with exponential backoff. Without one (tasks run
in-process), a failed delivery stays visible as failed and the periodic job retries it; a
send is retried a few times in place with short pauses.
"""

import time
from typing import Any

from celery import shared_task

from zicht.inbox import services

MAX_RETRIES = 8


def backoff_seconds(retries: int, *, base: float, cap: float) -> float:
    return float(min(cap, base * 2**retries))


@shared_task(bind=True, name="inbox.process_delivery", max_retries=MAX_RETRIES)
def process_delivery(self: Any, delivery_id: int) -> None:
    try:
        services.webhook_delivery_process(delivery_id=delivery_id)
    except Exception as error:
        if self.request.is_eager:
            return  # recorded on the delivery as failed; retried by retry_failed_deliveries
        raise self.retry(
            exc=error, countdown=backoff_seconds(self.request.retries, base=5, cap=600)
        ) from error


@shared_task(name="inbox.retry_failed_deliveries")
def retry_failed_deliveries() -> int:
    return services.deliveries_retry_failed()


@shared_task(bind=True, name="inbox.send_message", max_retries=MAX_RETRIES)
def send_message(self: Any, message_id: int) -> str:
    from zicht.inbox.sending import message_send

    outcome = message_send(message_id=message_id)
    attempt = 0
    while outcome.retry and self.request.is_eager:
        time.sleep(backoff_seconds(attempt, base=0.2, cap=2))
        attempt += 1
        outcome = message_send(message_id=message_id)
    if outcome.retry:
        raise self.retry(countdown=backoff_seconds(self.request.retries, base=2, cap=300))
    return outcome.reason
