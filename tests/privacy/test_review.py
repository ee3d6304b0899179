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


def test_the_audit_log_csv_is_escaped_and_needs_a_fresh_code(personas: Personas, verified_client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import current_code

    audit(
        actor=personas.worker,
        action=AuditAction.READ,
        object_type="x",
        object_id=1,
        reason='=HYPERLINK("http://evil")',
    )
    client = verified_client(personas.beheerder)
    assert client.get("/beheer/audit/export.csv")["Location"].startswith("/account/bevestigen/")
    device = TOTPDevice.objects.get(user=personas.beheerder)
    device.last_t = -1
    device.save()
    client.post("/account/bevestigen/", {"token": current_code(device), "next": "/"})
    body = b"".join(client.get("/beheer/audit/export.csv").streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body
