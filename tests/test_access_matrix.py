"""Access control as one table: persona × URL × expected outcome, for every URL of the
project. A URL that is not in the table fails the test, so a new view must be classified."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from tests.conftest import Personas
from tests.core.test_shell import all_url_patterns
from tests.triage.conftest import make_observation
from zicht.accounts.models import Team, User
from zicht.inbox.models import Channel, Conversation, Message
from zicht.privacy.crypto import encrypt_bytes
from zicht.privacy.erasure import erasure_request
from zicht.triage.services import signal_create, suggestion_for_source
from zicht.youth.models import Youth

pytestmark = pytest.mark.django_db

OK, LOGIN, UNAUTHORIZED, FORBIDDEN, NOT_FOUND = "ok", "login", "401", "403", "404"
PERSONAS = ("anonymous", "worker", "lead", "colleague_other_team", "partner", "beheerder")


def expect(anonymous, worker, lead, other, partner, beheerder) -> dict[str, str]:
    return dict(zip(PERSONAS, (anonymous, worker, lead, other, partner, beheerder), strict=True))


PUBLIC = expect(OK, OK, OK, OK, OK, OK)
SIGNED_IN = expect(LOGIN, OK, OK, OK, OK, OK)
CASE_LIST = expect(LOGIN, OK, OK, OK, FORBIDDEN, FORBIDDEN)
CASE_OBJECT = expect(LOGIN, OK, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN)
ADMIN = expect(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)
API_SIGNED_IN = expect(UNAUTHORIZED, OK, OK, OK, OK, OK)
API_CASE_LIST = expect(UNAUTHORIZED, OK, OK, OK, FORBIDDEN, FORBIDDEN)
API_CASE_OBJECT = expect(UNAUTHORIZED, OK, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN)
API_NOT_FOUND = expect(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# The MFA pages of a fully signed-in user send them on; the webhook has its own signature check.
MFA_PAGES = expect(LOGIN, OK, OK, OK, OK, OK)
WEBHOOK = expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # may hold {youth}, {conversation}, {message}, {observation}, {signal}, …
    outcome: dict[str, str]


TABLE: dict[str, Row] = {
    "core:home": Row("GET", "/", SIGNED_IN),
    "core:healthz": Row("GET", "/healthz/", PUBLIC),
    "accounts:login": Row("GET", "/account/inloggen/", PUBLIC),
    "accounts:logout": Row("POST", "/account/uitloggen/", expect(*[LOGIN] * 6)),
    "accounts:mfa_setup": Row("GET", "/account/tweede-stap/instellen/", MFA_PAGES),
    "accounts:mfa_verify": Row("GET", "/account/tweede-stap/", MFA_PAGES),
    "accounts:reauth": Row("GET", "/account/bevestigen/", SIGNED_IN),
    "set_language": Row("POST", "/i18n/taal/", PUBLIC),
    "youth:list": Row("GET", "/jongeren/", CASE_LIST),
    "youth:new": Row("GET", "/jongeren/nieuw/", CASE_LIST),
    "youth:detail": Row("GET", "/jongeren/{youth}/", CASE_OBJECT),
    "youth:edit": Row("GET", "/jongeren/{youth}/bewerken/", CASE_OBJECT),
    "youth:handle_add": Row("POST", "/jongeren/{youth}/accounts/", CASE_OBJECT),
    "youth:merge": Row("POST", "/jongeren/{youth}/samenvoegen/", CASE_OBJECT),
    # Without a fresh code every signed-in user is first sent to re-authenticate (a redirect).
    "youth:erase": Row(
        "GET", "/jongeren/{youth}/wissen/", expect(LOGIN, OK, OK, OK, FORBIDDEN, FORBIDDEN)
    ),
    "youth:erasures": Row(
        "GET", "/jongeren/wissen/", expect(LOGIN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN)
    ),
    "youth:erasure_decide": Row(
        "POST",
        "/jongeren/wissen/999/",
        expect(LOGIN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "youth:export": Row(
        "GET", "/jongeren/{youth}/inzage/", expect(LOGIN, OK, OK, OK, FORBIDDEN, FORBIDDEN)
    ),
    "inbox:list": Row("GET", "/inbox/", CASE_LIST),
    "inbox:contact": Row("GET", "/inbox/contact/", CASE_LIST),
    "inbox:search": Row("POST", "/inbox/zoeken/", CASE_LIST),
    "inbox:canned": Row("GET", "/inbox/standaardantwoorden/", CASE_LIST),
    "inbox:import": Row("GET", "/inbox/importeren/", CASE_LIST),
    "inbox:import_confirm": Row("POST", "/inbox/importeren/bevestigen/", CASE_LIST),
    "inbox:conversation": Row("GET", "/inbox/{conversation}/", CASE_OBJECT),
    "inbox:poll": Row("GET", "/inbox/{conversation}/nieuw/?after=0", CASE_OBJECT),
    "inbox:reply": Row("POST", "/inbox/{conversation}/antwoord/", CASE_OBJECT),
    "inbox:note": Row("POST", "/inbox/{conversation}/notitie/", CASE_OBJECT),
    "inbox:update": Row("POST", "/inbox/{conversation}/bijwerken/", CASE_OBJECT),
    "observations:list": Row("GET", "/waarnemingen/", CASE_LIST),
    "observations:new": Row("GET", "/waarnemingen/nieuw/", CASE_LIST),
    "observations:detail": Row("GET", "/waarnemingen/{observation}/", CASE_OBJECT),
    "observations:screenshot": Row(
        "GET", "/waarnemingen/{observation}/schermafbeelding/", CASE_OBJECT
    ),
    "triage:board": Row("GET", "/signalen/", CASE_LIST),
    "triage:new": Row("GET", "/signalen/nieuw/", CASE_LIST),
    "triage:suggestions": Row("GET", "/signalen/suggesties/", CASE_LIST),
    "triage:decide": Row("POST", "/signalen/suggesties/{suggestion}/", CASE_OBJECT),
    "triage:acute": Row("GET", "/signalen/acuut/", SIGNED_IN),
    "triage:signal": Row("GET", "/signalen/{signal}/", CASE_OBJECT),
    "triage:move": Row("POST", "/signalen/{signal}/status/", CASE_OBJECT),
    "webhook-meta": Row("GET", "/webhooks/meta/", WEBHOOK),
    "beheer:channels": Row("GET", "/beheer/kanalen/", ADMIN),
    "beheer:template_add": Row("POST", "/beheer/kanalen/{channel}/sjablonen/", ADMIN),
    "beheer:deliveries": Row("GET", "/beheer/webhooks/", ADMIN),
    "beheer:audit": Row("GET", "/beheer/audit/?user=werker&action=read", ADMIN),
    "beheer:audit_csv": Row("GET", "/beheer/audit/export.csv", ADMIN),
    "beheer:retention": Row("GET", "/beheer/bewaartermijnen/", ADMIN),
    "beheer:deliveries_retry": Row("POST", "/beheer/webhooks/opnieuw/", ADMIN),
    "v1:me": Row("GET", "/api/v1/me/", API_SIGNED_IN),
    "v1:youth-list": Row("GET", "/api/v1/youth/", API_CASE_LIST),
    "v1:youth-detail": Row("GET", "/api/v1/youth/{youth}/", API_CASE_OBJECT),
    "v1:conversation-list": Row("GET", "/api/v1/conversations/", API_CASE_LIST),
    "v1:conversation-detail": Row("GET", "/api/v1/conversations/{conversation}/", API_CASE_OBJECT),
    "v1:message-list": Row("GET", "/api/v1/messages/", API_CASE_LIST),
    "v1:message-detail": Row("GET", "/api/v1/messages/{message}/", API_CASE_OBJECT),
    "v1:observation-list": Row("GET", "/api/v1/observations/", API_CASE_LIST),
    "v1:observation-detail": Row("GET", "/api/v1/observations/{observation}/", API_CASE_OBJECT),
    "v1:signal-list": Row("GET", "/api/v1/signals/", API_CASE_LIST),
    "v1:signal-detail": Row("GET", "/api/v1/signals/{signal}/", API_CASE_OBJECT),
    "v1:signal-transition": Row("POST", "/api/v1/signals/{signal}/transition/", API_CASE_OBJECT),
    "v1:suggestion-list": Row("GET", "/api/v1/suggestions/", API_CASE_LIST),
    "v1:suggestion-detail": Row("GET", "/api/v1/suggestions/{suggestion}/", API_CASE_OBJECT),
    "v1:suggestion-confirm": Row(
        "POST", "/api/v1/suggestions/{suggestion}/confirm/", API_CASE_OBJECT
    ),
    "v1:suggestion-dismiss": Row(
        "POST", "/api/v1/suggestions/{suggestion}/dismiss/", API_CASE_OBJECT
    ),
    "api-schema": Row("GET", "/api/schema/", API_SIGNED_IN),
    "api-docs": Row("GET", "/api/docs/", API_SIGNED_IN),
    "api/^(?P<path>.*)$": Row("GET", "/api/v2/nothing/", API_NOT_FOUND),
}


def key_of(route: str, name: str) -> str:
    return name or route


def test_every_url_of_the_project_is_in_the_table():
    missing = [
        key_of(r, n) for r, n in all_url_patterns(get_resolver()) if key_of(r, n) not in TABLE
    ]
    assert missing == []


@pytest.fixture
def objects(personas: Personas, team: Team) -> dict[str, int]:
    channel = Channel.objects.create(kind="whatsapp", external_id="109876543210001", team=team)
    youth = Youth.objects.create(team=team, nickname="Sam")
    conversation = Conversation.objects.create(
        team=team,
        channel=channel,
        platform="whatsapp",
        contact_id="31612345678",
        youth=youth,
        last_inbound_at=timezone.now(),
        last_message_at=timezone.now(),
    )
    message = Message.objects.create(
        conversation=conversation,
        team=team,
        direction="in",
        source="webhook",
        text="hoi",
        sent_at=timezone.now(),
    )
    observation = make_observation(team, personas.worker)
    observation.screenshot = encrypt_bytes(b"\x89PNG fake, served as stored")
    observation.screenshot_type = "image/png"
    observation.save()
    suggestion = suggestion_for_source(observation=observation)
    signal = signal_create(actor=personas.worker, team=team, categories=["thuis"], urgency="hoog")
    erasure_request(actor=personas.worker, youth=youth, reason="verzoek van de jongere")
    return {
        "youth": youth.pk,
        "conversation": conversation.pk,
        "message": message.pk,
        "observation": observation.pk,
        "signal": signal.pk,
        "suggestion": suggestion.pk,
        "channel": channel.pk,
    }


def outcome_of(response) -> str:
    status = response.status_code
    if status == 302 and response["Location"].startswith("/account/inloggen/"):
        return LOGIN
    if status in (401, 403, 404):
        return str(status)
    return OK if status < 500 else f"server error {status}"


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_persona_gets_the_expected_outcome(
    name: str,
    personas: Personas,
    objects: dict[str, int],
    verified_client: Callable[[User], Client],
):
    row = TABLE[name]
    path = row.path.format(**objects)
    seen = {}
    for persona in PERSONAS:
        client = Client() if persona == "anonymous" else verified_client(getattr(personas, persona))
        response = client.get(path) if row.method == "GET" else client.post(path, {})
        seen[persona] = outcome_of(response)
    assert seen == row.outcome


# Every URL is classified: does it show or change personal data (then it must audit)?
PERSONAL = {
    "core:home",
    "youth:list",
    "youth:detail",
    "youth:edit",
    "youth:handle_add",
    "youth:merge",
    "youth:erasures",
    "inbox:list",
    "inbox:contact",
    "inbox:search",
    "inbox:conversation",
    "inbox:poll",
    "inbox:reply",
    "inbox:note",
    "inbox:update",
    "observations:list",
    "observations:new",
    "observations:detail",
    "observations:screenshot",
    "triage:board",
    "triage:suggestions",
    "triage:decide",
    "triage:acute",
    "triage:signal",
    "triage:move",
    "v1:youth-list",
    "v1:youth-detail",
    "v1:conversation-list",
    "v1:conversation-detail",
    "v1:message-list",
    "v1:message-detail",
    "v1:observation-list",
    "v1:observation-detail",
    "v1:signal-list",
    "v1:signal-detail",
    "v1:signal-transition",
    "v1:suggestion-list",
    "v1:suggestion-detail",
    "v1:suggestion-confirm",
    "v1:suggestion-dismiss",
}
# Personal, but only after a fresh TOTP code; their audit is tested in tests/privacy/.
AFTER_REAUTH = {"youth:export", "youth:erase", "youth:erasure_decide", "beheer:audit_csv"}
POST_DATA = {"inbox:search": {"q": "hoi"}}


def test_every_url_is_classified_as_personal_or_not():
    not_personal = set(TABLE) - PERSONAL - AFTER_REAUTH
    assert set(TABLE) >= PERSONAL and set(TABLE) >= AFTER_REAUTH
    assert not_personal == {
        "core:healthz",
        "accounts:login",
        "accounts:logout",
        "accounts:mfa_setup",
        "accounts:mfa_verify",
        "accounts:reauth",
        "set_language",
        "youth:new",
        "inbox:canned",
        "inbox:import",
        "inbox:import_confirm",
        "triage:new",
        "webhook-meta",
        "beheer:channels",
        "beheer:template_add",
        "beheer:deliveries",
        "beheer:deliveries_retry",
        "beheer:audit",
        "beheer:retention",
        "v1:me",
        "api-schema",
        "api-docs",
        "api/^(?P<path>.*)$",
    }


@pytest.mark.parametrize("name", sorted(PERSONAL))
def test_a_view_that_touches_personal_data_writes_an_audit_row(
    name: str, personas: Personas, objects: dict[str, int], verified_client
):
    from zicht.privacy.models import AuditEvent

    row = TABLE[name]
    persona = next(p for p in ("worker", "lead") if row.outcome[p] == OK)
    client = verified_client(getattr(personas, persona))
    path = row.path.format(**objects)
    before = AuditEvent.objects.count()
    if row.method == "GET":
        client.get(path)
    else:
        client.post(path, POST_DATA.get(name, {}))
    assert AuditEvent.objects.count() > before, f"{name} wrote no audit row"
