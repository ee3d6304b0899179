"""Background jobs of the shell itself. Tasks stay thin: they call a service."""

from celery import shared_task

from zicht.core.services import worker_heartbeat_record


@shared_task(name="core.worker_heartbeat")
def worker_heartbeat() -> str:
    """Runs every minute in production (Celery beat), so /healthz/ can tell whether background
    work is being done at all."""
    return worker_heartbeat_record().isoformat()
