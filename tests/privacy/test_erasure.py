"""Erasure with four eyes: everything of one young person goes, shared things are unlinked,
and only an erasure record remains."""

import pytest

from tests.conftest import Personas
from tests.factories import UserFactory
from tests.privacy.conftest import SAM_MESSAGE
from tests.triage.conftest import make_observation
from zicht.accounts.models import Role
from zicht.inbox.models import Message
from zicht.observations.models import Observation
from zicht.privacy.chain import chain_verify
from zicht.privacy.erasure import ErasureError, erasure_approve, erasure_request
from zicht.privacy.models import ErasureRequest
from zicht.youth.models import Handle, Youth
from zicht.youth.services import youth_create

pytestmark = pytest.mark.django_db


def test_a_lead_approves_and_everything_of_that_young_person_is_gone(personas: Personas, team, sam):
    own = make_observation(team, personas.worker)
    own.youth.set([sam])
    friend = youth_create(actor=personas.worker, team=team, nickname="Noa")
    shared = make_observation(team, personas.worker, text="Sam en Noa in een story met lachgas")
    shared.youth.set([sam, friend])
    request = erasure_request(actor=personas.worker, youth=sam, reason="verzoek van Sam, 25 nov")
    erasure_approve(actor=personas.lead, request=request)
    assert not Youth.objects.filter(pk=sam.pk).exists()
    assert not Handle.objects.filter(value="sam_010").exists()
    assert not Message.objects.filter(text=SAM_MESSAGE).exists()
    assert not Observation.objects.filter(pk=own.pk).exists()
    assert list(Observation.objects.get(pk=shared.pk).youth.all()) == [friend], (
        "shared: only unlinked"
    )
    record = ErasureRequest.objects.get()
    assert (record.state, record.counts["messages"], record.counts["observations"]) == (
        "done",
        1,
        1,
    )
    assert chain_verify().intact


def test_the_requester_cannot_approve_their_own_request(personas: Personas, sam):
    lead_request = erasure_request(actor=personas.lead, youth=sam, reason="verzoek")
    with pytest.raises(ErasureError, match="Vier ogen"):
        erasure_approve(actor=personas.lead, request=lead_request)
    assert Youth.objects.filter(pk=sam.pk).exists()


def test_a_worker_or_a_lead_of_another_team_cannot_approve(personas: Personas, sam, other_team):
    request = erasure_request(actor=personas.worker, youth=sam, reason="verzoek")
    other_lead = UserFactory(role=Role.TEAMLEIDER, teams=[other_team])
    for actor in (personas.colleague_other_team, other_lead):
        with pytest.raises(ErasureError, match="teamleider van dit team"):
            erasure_approve(actor=actor, request=request)
    assert Youth.objects.filter(pk=sam.pk).exists()


def test_a_request_needs_a_reason(personas: Personas, sam):
    with pytest.raises(ErasureError):
        erasure_request(actor=personas.worker, youth=sam, reason="  ")
    assert not ErasureRequest.objects.exists()


def test_the_web_flow_asks_a_fresh_code_and_needs_a_second_person(
    personas: Personas, verified_client, sam
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import current_code

    def fresh(client, user):
        device = TOTPDevice.objects.get(user=user)
        device.last_t = -1
        device.save()
        client.post("/account/bevestigen/", {"token": current_code(device), "next": "/"})

    worker = verified_client(personas.worker)
    assert worker.get(f"/jongeren/{sam.pk}/wissen/")["Location"].startswith("/account/bevestigen/")
    fresh(worker, personas.worker)
    worker.post(f"/jongeren/{sam.pk}/wissen/", {"reason": "verzoek van Sam"})
    lead = verified_client(personas.lead)
    assert "verzoek van Sam" in lead.get("/jongeren/wissen/").content.decode()
    fresh(lead, personas.lead)
    lead.post(f"/jongeren/wissen/{ErasureRequest.objects.get().pk}/")
    assert not Youth.objects.filter(pk=sam.pk).exists()
