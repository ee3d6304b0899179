"""The beheerder reviews the audit log with filters; unusual access is flagged."""

import pytest

from tests.conftest import Personas
from zicht.privacy.audit import AuditAction, audit
from zicht.privacy.selectors import BULK_PROFILES_PER_HOUR, unusual_access
from zicht.youth.services import youth_create

pytestmark = pytest.mark.django_db


def test_an_attempt_on_another_teams_profile_is_flagged(personas: Personas, verified_client, team):
    youth = youth_create(actor=personas.worker, team=team, nickname="Sam")
    verified_client(personas.colleague_other_team).get(f"/jongeren/{youth.pk}/")
    page = verified_client(personas.beheerder).get("/beheer/audit/").content.decode()
    assert "pogingen buiten het eigen team" in page
    assert "collega" in page


def test_opening_many_profiles_within_an_hour_is_flagged(personas: Personas, team):
    for number in range(BULK_PROFILES_PER_HOUR + 1):
        youth = youth_create(actor=None, team=team, nickname=f"J{number}")
        audit(actor=personas.worker, action=AuditAction.READ, obj=youth, subject=youth)
    assert [(f.username, f.reason) for f in unusual_access()] == [
        ("werker", "veel profielen binnen een uur")
    ]


def test_the_log_filters_by_user_and_young_person(personas: Personas, verified_client, team):
    youth = youth_create(actor=personas.worker, team=team, nickname="Sam")
    verified_client(personas.lead).get(f"/jongeren/{youth.pk}/")
    client = verified_client(personas.beheerder)
    by_user = client.get("/beheer/audit/", {"user": "leider"}).content.decode()
    assert "leider" in by_user and ">werker <" not in by_user
    by_youth = client.get(
        "/beheer/audit/", {"youth": str(youth.pk), "action": "read"}
    ).content.decode()
    assert f"youth.youth {youth.pk}" in by_youth
