"""Observations from the phone: quick to log, the detector runs, screenshots are cleaned,
encrypted and shown only within the team."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import Personas
from zicht.observations.models import Observation
from zicht.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db
ACUTE = "kom om 8 uur bij de zuidplein, neem je mes mee, we gaan hem pakken"


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 53.0, 0.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_an_observation_logged_from_the_phone_runs_the_detector_and_suggests(
    personas: Personas, verified_client
):
    client = verified_client(personas.worker)
    response = client.post(
        "/waarnemingen/nieuw/", {"text": ACUTE, "platform": "snapchat", "kind": "story"}
    )
    observation = Observation.objects.get()
    assert response["Location"] == f"/waarnemingen/{observation.pk}/"
    assert observation.team == personas.worker.teams.get()
    assert "geweld" in observation.signal_labels
    assert observation.suggestion.state == "pending"


def test_a_screenshot_is_stored_without_metadata_encrypted_and_served_only_in_scope(
    personas: Personas, verified_client
):
    client = verified_client(personas.worker)
    upload = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client.post(
        "/waarnemingen/nieuw/",
        {
            "text": "story met vuurwerk",
            "platform": "instagram",
            "kind": "story",
            "screenshot": upload,
        },
    )
    observation = Observation.objects.get()
    assert b"PhoneMaker" not in bytes(observation.screenshot)
    served = client.get(f"/waarnemingen/{observation.pk}/schermafbeelding/")
    assert served.status_code == 200
    assert "no-store" in served["Cache-Control"]
    image = Image.open(io.BytesIO(served.content))
    assert image.size == (64, 48)
    assert not image.getexif()
    assert (
        verified_client(personas.colleague_other_team)
        .get(f"/waarnemingen/{observation.pk}/schermafbeelding/")
        .status_code
        == 404
    )
    assert AuditEvent.objects.filter(actor=personas.worker, reason="screenshot").exists()


def test_an_html_file_posing_as_png_is_refused_and_nothing_is_saved(
    personas: Personas, verified_client
):
    fake = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>")
    response = verified_client(personas.worker).post(
        "/waarnemingen/nieuw/",
        {"text": "iets", "platform": "instagram", "kind": "post", "screenshot": fake},
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Observation.objects.exists()


def test_the_api_returns_the_detectors_suggestion(personas: Personas, verified_client):
    response = verified_client(personas.worker).post(
        "/api/v1/observations/",
        {"platform": "instagram", "kind": "story", "text": ACUTE, "neighbourhood": "Zuidplein"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["neighbourhood"] == "Zuidplein"
    assert body["suggestion"]["status"] == "suggested"
    assert "wapens" in body["suggestion"]["labels"]
    assert any("mes" in e["text"] for e in body["suggestion"]["evidence"])


def test_partners_see_no_observations(personas: Personas, verified_client):
    assert verified_client(personas.partner).get("/api/v1/observations/").status_code == 403
    assert verified_client(personas.partner).get("/waarnemingen/").status_code == 403


def test_screenshots_are_deleted_after_their_retention(personas: Personas, verified_client):
    from datetime import timedelta

    from django.utils import timezone

    from zicht.observations.services import screenshots_expire

    upload = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    verified_client(personas.worker).post(
        "/waarnemingen/nieuw/",
        {"text": "x", "platform": "instagram", "kind": "story", "screenshot": upload},
    )
    observation = Observation.objects.get()
    assert screenshots_expire(now=timezone.now() + timedelta(days=29)) == 0
    assert screenshots_expire(now=timezone.now() + timedelta(days=31)) == 1
    observation.refresh_from_db()
    assert observation.screenshot is None
    assert observation.text == "x", "the observation itself stays"


def test_the_worker_home_shows_the_suggestion_waiting(personas: Personas, verified_client):
    verified_client(personas.worker).post(
        "/waarnemingen/nieuw/", {"text": ACUTE, "platform": "snapchat", "kind": "story"}
    )
    html = verified_client(personas.lead).get("/").content.decode()
    assert "1 suggestie beoordelen" in html
    assert "zuidplein" in html
