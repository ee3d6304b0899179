"""Celery: workers on Redis in production; without REDIS_URL tasks run in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")

app = Celery("zicht")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
