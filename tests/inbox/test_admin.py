"""Beheer: channels with encrypted tokens, failed webhook deliveries visible and retried."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.inbox.conftest import APP_SECRET
from tests.standins.webhooks import fixture_body, signed_webhook
from zicht.inbox.models import Channel, DeliveryStatus, Message, WebhookDelivery
from zicht.privacy.crypto import decrypt

pytestmark = pytest.mark.django_db


def test_create_channel_binds_a_number_to_a_team_and_encrypts_the_token(monkeypatch):
    monkeypatch.setenv("ZICHT_CHANNEL_TOKEN", "EAAG-secret-token")
    out = io.StringIO()
    call_command("create-channel", "whatsapp", "109876543210001", "--team", "Team Zuid", stdout=out)
    channel = Channel.objects.get()
    assert channel.team.name == "Team Zuid"
    assert "EAAG-secret-token" not in channel.access_token_encrypted
    assert decrypt(channel.access_token_encrypted) == "EAAG-secret-token"
    assert "secret" not in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [(("whatsapp", "abc"), "numeric id"), (("whatsapp", "123"), "already exists")],
)
def test_create_channel_refuses_bad_ids_and_duplicates(args, message, team):
    Channel.objects.create(kind="whatsapp", external_id="123", team=team)
    with pytest.raises(CommandError, match=message):
        call_command("create-channel", *args, "--team", "Team Zuid")


def test_the_beheerder_sees_failed_deliveries_and_retries_them(
    personas, verified_client, team, django_capture_on_commit_callbacks
):
    body, headers = signed_webhook(fixture_body("whatsapp", "text"), APP_SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/webhooks/meta/", body, content_type="application/json", headers=headers)
    client = verified_client(personas.beheerder)
    page = client.get("/beheer/webhooks/").content.decode()
    assert "no whatsapp channel registered" in page
    assert "Hoi, kan ik" not in page, "the beheerder sees no message content"
    client.post(
        "/beheer/kanalen/",
        {
            "kind": "whatsapp",
            "external_id": "109876543210001",
            "team": team.pk,
            "access_token": "tok",
        },
    )
    client.post("/beheer/webhooks/opnieuw/")
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PROCESSED
    assert Message.objects.count() == 1


@pytest.mark.parametrize("persona", ["worker", "lead", "partner"])
def test_only_the_beheerder_manages_channels(personas, verified_client, persona):
    client = verified_client(getattr(personas, persona))
    assert client.get("/beheer/kanalen/").status_code == 403
    assert client.get("/beheer/webhooks/").status_code == 403


def test_a_team_keeps_canned_replies_with_a_nickname_placeholder(personas, verified_client, team):
    client = verified_client(personas.worker)
    client.post(
        "/inbox/standaardantwoorden/",
        {"title": "Welkom", "body": "Hoi {bijnaam}, fijn dat je appt!"},
    )
    page = client.get("/inbox/standaardantwoorden/").content.decode()
    assert "Hoi {bijnaam}, fijn dat je appt!" in page
    assert (
        "Welkom"
        not in verified_client(personas.colleague_other_team)
        .get("/inbox/standaardantwoorden/")
        .content.decode()
    )


def test_the_beheerder_adds_an_approved_whatsapp_template(
    personas, verified_client, whatsapp_channel
):
    verified_client(personas.beheerder).post(
        f"/beheer/kanalen/{whatsapp_channel.pk}/sjablonen/",
        {"name": "contact_herstel", "language": "nl", "body": "Hoi {{1}}!"},
    )
    assert whatsapp_channel.templates.get().name == "contact_herstel"
