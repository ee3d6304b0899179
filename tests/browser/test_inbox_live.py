"""A signed WhatsApp webhook arrives; the worker sees it appear without reloading, replies,
and the Graph API stand-in receives the reply."""

import json
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import TeamFactory, TOTPDeviceFactory, UserFactory
from tests.standins.graph_api import GraphApiStandIn
from tests.standins.webhooks import fixture_body, signed_webhook
from zicht.inbox.models import Channel
from zicht.privacy.crypto import encrypt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}


def logged_in_context(browser, live_server, user, opened: list[object]):
    device = TOTPDeviceFactory(user=user)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    context.add_cookies(
        [{"name": "sessionid", "value": session.session_key, "url": live_server.url}]
    )
    opened.append(context)
    return context


def post_webhook(live_server, payload: bytes) -> int:
    body, headers = signed_webhook(payload, "test-app-secret")
    request = urllib.request.Request(
        f"{live_server.url}/webhooks/meta/", data=body, headers=headers
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def whatsapp_text(text: str, suffix: str) -> bytes:
    """The recorded text fixture, sent now (so the 24-hour reply window is open)."""
    payload = json.loads(fixture_body("whatsapp", "text"))
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    message["id"] = message["id"][:-2] + suffix
    message["timestamp"] = str(int(time.time()))
    message["text"]["body"] = text
    return json.dumps(payload).encode()


def test_a_whatsapp_message_appears_live_and_the_reply_reaches_the_graph_api(
    live_server, browser, settings, open_contexts
):
    team = TeamFactory(name="Team Charlois", slug="team-charlois")
    Channel.objects.create(
        kind="whatsapp",
        external_id="109876543210001",
        team=team,
        name="Zuid",
        access_token_encrypted=encrypt("channel-token"),
    )
    worker = UserFactory(username="sanne", first_name="Sanne", teams=[team])
    with GraphApiStandIn(token="channel-token") as graph_api:
        settings.META_GRAPH_API_BASE = graph_api.base_url
        page = logged_in_context(browser, live_server, worker, open_contexts).new_page()
        page.goto(f"{live_server.url}/inbox/")
        assert page.get_by_text("Geen gesprekken.").is_visible()

        assert (
            post_webhook(live_server, whatsapp_text("Hoi, kan ik even met iemand praten?", "01"))
            == 200
        )
        row = page.get_by_role("link", name="Nieuw contact")
        row.wait_for(timeout=15_000)
        row.click()
        page.get_by_text("Hoi, kan ik even met iemand praten?").wait_for()

        threat = "Ze willen vanavond om 9 uur matten bij het Zuiderpark"
        assert post_webhook(live_server, whatsapp_text(threat, "02")) == 200
        live = page.get_by_text("Ze willen vanavond om 9 uur matten")
        live.wait_for(timeout=15_000)
        page.locator(".bubble", has_text="matten").locator(".badge.signal").wait_for()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "conversation.png"), full_page=True)

        page.get_by_label("Antwoord").fill("Ik bel je zo, Sam")
        page.get_by_role("button", name="Versturen").click()
        page.get_by_text("Ik bel je zo, Sam").wait_for()
        [request] = graph_api.requests
        assert request.json["to"] == "31612345678"
        assert request.json["text"]["body"] == "Ik bel je zo, Sam"
        assert request.headers["authorization"] == "Bearer channel-token"
