"""Zicht: the workplace of online youth workers."""

from zicht.celery import app as celery_app

__all__ = ["celery_app"]
