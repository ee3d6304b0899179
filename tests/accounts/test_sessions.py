"""Sessions end after idleness and after a fixed lifetime; personal pages are never cached."""

import time

import pytest

from tests.conftest import Personas
from zicht.accounts.sessions import ACTIVE, STARTED

pytestmark = pytest.mark.django_db


def age_session(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = time.time() - ago
    session.save()


def test_an_idle_session_is_signed_out(personas: Personas, verified_client):
    client = verified_client(personas.worker)
    assert client.get("/").status_code == 200
    age_session(client, **{ACTIVE: 31 * 60})
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


def test_live_polling_does_not_keep_a_session_alive(personas: Personas, verified_client):
    client = verified_client(personas.worker)
    client.get("/")
    age_session(client, **{ACTIVE: 29 * 60})
    client.get("/signalen/acuut/", headers={"HX-Request": "true"})
    age_session(client, **{ACTIVE: 31 * 60})
    assert client.get("/").status_code == 302


def test_a_session_ends_after_its_absolute_lifetime_even_when_active(
    personas: Personas, verified_client
):
    client = verified_client(personas.worker)
    client.get("/")
    age_session(client, **{STARTED: 11 * 3600, ACTIVE: 10})
    assert client.get("/").status_code == 302


def test_pages_for_a_signed_in_user_are_not_stored(personas: Personas, verified_client, client):
    assert verified_client(personas.worker).get("/").headers["Cache-Control"] == "no-store, private"
    assert (
        verified_client(personas.worker).get("/api/v1/me/").headers["Cache-Control"]
        == "no-store, private"
    )
