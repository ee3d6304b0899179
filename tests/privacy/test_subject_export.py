"""An access request: everything about one young person, incl. who looked, after a fresh code."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command

from tests.conftest import Personas, current_code
from zicht.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def read_export(content: bytes) -> list[dict]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "summary.html" in archive.namelist()
        return [json.loads(line) for line in archive.read("data.jsonl").splitlines()]


def test_the_export_holds_profile_messages_and_the_access_log(
    personas: Personas, verified_client, sam, tmp_path
):
    verified_client(personas.lead).get(f"/jongeren/{sam.pk}/")  # someone looked at the profile
    out = tmp_path / "inzage.zip"
    call_command("youth-export", str(sam.pk), "--output", str(out), stdout=io.StringIO())
    records = read_export(out.read_bytes())
    sections = {r["section"] for r in records}
    assert {"profile", "conversations", "messages", "access_log"} <= sections
    assert records[0]["handles"] == [{"platform": "instagram", "value": "sam_010"}]
    assert any(r["section"] == "access_log" and r["who"] == "leider" for r in records)
    assert AuditEvent.objects.filter(action="export", subject_id=str(sam.pk)).exists()


def test_the_web_export_asks_for_a_fresh_code_first(personas: Personas, verified_client, sam):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = verified_client(personas.worker)
    first = client.get(f"/jongeren/{sam.pk}/inzage/")
    assert first.status_code == 302 and first["Location"].startswith("/account/bevestigen/")
    device = TOTPDevice.objects.get(user=personas.worker)
    device.last_t = -1
    device.save()
    client.post(
        "/account/bevestigen/",
        {"token": current_code(device), "next": f"/jongeren/{sam.pk}/inzage/"},
    )
    response = client.get(f"/jongeren/{sam.pk}/inzage/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert any(
        r["section"] == "messages" for r in read_export(b"".join(response.streaming_content))
    )
