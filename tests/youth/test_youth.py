"""Pseudonymous youth profiles: handles, merging, access within the team, audit of reads."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import Personas
from zicht.accounts.models import Team, User
from zicht.inbox.models import Conversation
from zicht.privacy.models import AuditEvent
from zicht.youth.models import Handle, Youth
from zicht.youth.services import YouthError, handle_add, handle_normalise, youth_create, youth_merge

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(team: Team, personas: Personas) -> Youth:
    return youth_create(
        actor=personas.worker, team=team, nickname="Sam", handles=[("instagram", "@Sam_010")]
    )


@pytest.mark.parametrize(
    ("platform", "raw", "normalised"),
    [
        ("instagram", " @Sam_010 ", "sam_010"),
        ("whatsapp", "06-12345678", "31612345678"),
        ("whatsapp", "+31 6 1234 5678", "31612345678"),
        ("whatsapp", "0031612345678", "31612345678"),
    ],
)
def test_handles_are_stored_in_one_spelling(platform: str, raw: str, normalised: str):
    assert handle_normalise(platform, raw) == normalised


def test_a_handle_is_unique_per_platform_within_the_team(
    sam: Youth, personas: Personas, team: Team
):
    other = youth_create(actor=personas.worker, team=team, nickname="Samira")
    with pytest.raises(YouthError, match="hoort al bij Sam"):
        handle_add(actor=personas.worker, youth=other, platform="instagram", value="sam_010")


def test_another_team_may_know_the_same_account(sam: Youth, personas: Personas, other_team: Team):
    theirs = youth_create(actor=personas.colleague_other_team, team=other_team, nickname="S.")
    handle_add(
        actor=personas.colleague_other_team, youth=theirs, platform="instagram", value="sam_010"
    )
    assert Handle.objects.filter(value="sam_010").count() == 2


def test_merging_moves_handles_and_conversations_and_is_audited(
    sam: Youth, personas: Personas, team: Team
):
    duplicate = youth_create(
        actor=personas.worker,
        team=team,
        nickname="Nieuw contact 2",
        handles=[("whatsapp", "0612345678")],
        help_questions=["werk"],
    )
    conversation = Conversation.objects.create(
        team=team,
        platform="whatsapp",
        contact_id="31612345678",
        youth=duplicate,
        last_message_at=timezone.now(),
    )
    youth_merge(actor=personas.worker, keep=sam, absorb=duplicate)
    assert not Youth.objects.filter(pk=duplicate.pk).exists()
    assert {h.platform for h in sam.handles.all()} == {"instagram", "whatsapp"}
    conversation.refresh_from_db()
    assert conversation.youth == sam
    sam.refresh_from_db()
    assert sam.help_questions == ["werk"]
    assert AuditEvent.objects.filter(
        object_id=str(sam.pk), reason__startswith="merged profile"
    ).exists()


def test_profiles_of_different_teams_cannot_be_merged(
    sam: Youth, personas: Personas, other_team: Team
):
    theirs = youth_create(actor=personas.colleague_other_team, team=other_team, nickname="S.")
    with pytest.raises(YouthError, match="hetzelfde team"):
        youth_merge(actor=personas.worker, keep=sam, absorb=theirs)


def test_unknown_choices_are_refused_with_a_reason(personas: Personas, team: Team):
    with pytest.raises(YouthError, match="leefgebied"):
        youth_create(actor=personas.worker, team=team, nickname="X", life_domains=["astrologie"])
    assert not Youth.objects.exists()


def test_the_profile_page_shows_the_profile_to_the_team_and_audits_the_view(
    sam: Youth, personas: Personas, verified_client: Callable[[User], Client]
):
    response = verified_client(personas.worker).get(f"/jongeren/{sam.pk}/")
    assert response.status_code == 200
    assert "sam_010" in response.content.decode()
    assert AuditEvent.objects.filter(
        actor=personas.worker, action="read", object_id=str(sam.pk)
    ).exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("colleague_other_team", 404), ("partner", 403), ("beheerder", 403)]
)
def test_outside_the_team_the_profile_cannot_be_seen(
    sam: Youth,
    personas: Personas,
    verified_client: Callable[[User], Client],
    persona: str,
    status: int,
):
    response = verified_client(getattr(personas, persona)).get(f"/jongeren/{sam.pk}/")
    assert response.status_code == status
    outsider = getattr(personas, persona)
    assert not AuditEvent.objects.filter(actor=outsider, action="read", outcome="success").exists()
    denied = AuditEvent.objects.filter(actor=outsider, outcome="denied", object_id=str(sam.pk))
    assert denied.exists() == (status == 404), "an attempt on another team's record is recorded"


def test_the_list_shows_only_the_teams_profiles(
    sam: Youth, personas: Personas, verified_client, other_team
):
    youth_create(actor=personas.colleague_other_team, team=other_team, nickname="Geheim")
    html = verified_client(personas.worker).get("/jongeren/").content.decode()
    assert "Sam" in html
    assert "Geheim" not in html


def test_a_worker_creates_a_profile_with_the_form(personas: Personas, verified_client):
    response = verified_client(personas.worker).post(
        "/jongeren/nieuw/",
        {
            "nickname": "Milan",
            "age_band": "16_17",
            "consent": "onbekend",
            "help_questions": ["stage"],
        },
    )
    youth = Youth.objects.get(nickname="Milan")
    assert response["Location"] == f"/jongeren/{youth.pk}/"
    assert youth.help_questions == ["stage"]


def test_the_api_lists_and_creates_profiles_in_scope(
    personas: Personas, verified_client, sam: Youth
):
    client = verified_client(personas.worker)
    listed = client.get("/api/v1/youth/").json()
    assert [p["nickname"] for p in listed["results"]] == ["Sam"]
    created = client.post(
        "/api/v1/youth/",
        {
            "nickname": "Noa",
            "neighbourhood": "Tarwewijk",
            "handles": [{"platform": "tiktok", "value": "@noa"}],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["neighbourhood"] == "Tarwewijk"
    refused = client.post(
        "/api/v1/youth/",
        {"nickname": "X", "neighbourhood": "Atlantis"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "neighbourhood" in refused.json()["detail"]


def test_the_api_hides_other_teams_profiles(personas: Personas, verified_client, sam: Youth):
    client = verified_client(personas.colleague_other_team)
    assert client.get("/api/v1/youth/").json()["count"] == 0
    assert client.get(f"/api/v1/youth/{sam.pk}/").status_code == 404
    assert verified_client(personas.partner).get("/api/v1/youth/").status_code == 403


def test_searching_profiles_sends_the_terms_in_the_body_not_the_url(
    sam: Youth, personas: Personas, verified_client
):
    client = verified_client(personas.worker)
    found = client.post(
        "/jongeren/", {"q": "@sam_010"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "Sam" in found
    assert "Geen jongeren gevonden" in client.post("/jongeren/", {"q": "onbekend"}).content.decode()
