"""Logging an observation: validate, clean the screenshot, run the detector, suggest."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from zicht.accounts.models import Neighbourhood, Team, User
from zicht.inbox.detection import classify_text
from zicht.observations.models import Observation, ObservationKind, ObservationPlatform
from zicht.privacy.audit import AuditAction, audit
from zicht.privacy.retention import retention_days
from zicht.youth.models import LifeDomain, Youth


class ObservationError(ValueError):
    """An observation that cannot be saved, with the reason for the worker (Dutch)."""


def observation_create(
    *,
    author: User,
    team: Team,
    platform: str,
    kind: str,
    text: str,
    neighbourhood: Neighbourhood | None = None,
    themes: list[str] | None = None,
    youth: list[Youth] | None = None,
    screenshot: bytes | None = None,
    observed_at: Any = None,
) -> Observation:
    text = text.strip()
    if platform not in ObservationPlatform.values:
        raise ObservationError(f"Onbekend platform: {platform!r}.")
    if kind not in ObservationKind.values:
        raise ObservationError(f"Onbekende soort: {kind!r}.")
    if not text:
        raise ObservationError("Beschrijf in een paar woorden wat je zag.")
    if len(text) > 5000:
        raise ObservationError("De tekst is te lang (hoogstens 5000 tekens).")
    unknown = sorted(set(themes or []) - set(LifeDomain.values))
    if unknown:
        raise ObservationError(f"Onbekend thema: {', '.join(unknown)}.")
    if any(y.team_id != team.pk for y in youth or []):
        raise ObservationError("Je kunt alleen jongeren van je eigen team koppelen.")
    stored_screenshot = _screenshot_for_storage(screenshot) if screenshot else None
    signal = classify_text(text)  # before the transaction: keep write locks short
    with transaction.atomic():
        observation = Observation(
            team=team,
            author=author,
            platform=platform,
            kind=kind,
            text=text,
            neighbourhood=neighbourhood,
            themes=list(themes or []),
            observed_at=observed_at or timezone.now(),
            **(stored_screenshot or {}),
        )
        observation.apply_detection(signal)
        observation.save()
        if youth:
            observation.youth.set(youth)
        audit(actor=author, action=AuditAction.CREATE, obj=observation)
        from zicht.triage.services import suggestion_for_source

        suggestion_for_source(observation=observation)
    return observation


def _screenshot_for_storage(data: bytes) -> dict[str, Any]:
    from zicht.observations.screenshots import ScreenshotRejected, screenshot_clean
    from zicht.privacy.crypto import encrypt_bytes

    try:
        clean = screenshot_clean(data)
    except ScreenshotRejected as error:
        raise ObservationError(str(error)) from error
    return {
        "screenshot": encrypt_bytes(clean.data),
        "screenshot_type": clean.content_type,
        "screenshot_expires_at": timezone.now() + timedelta(days=retention_days("screenshots")),
    }


def screenshots_expire(*, now: Any = None) -> int:
    """Delete screenshots past their retention (30 days by default). Returns how many."""
    now = now or timezone.now()
    return Observation.objects.filter(
        screenshot_expires_at__lte=now, screenshot__isnull=False
    ).update(screenshot=None, screenshot_type="", screenshot_expires_at=None)
