"""`zicht import`: a chat export lands in the team's inbox once, all or nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from zicht.accounts.models import Team
from zicht.inbox.models import Conversation, Message

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "imports" / "fixtures"


def run_import(*args: str) -> str:
    out = io.StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def test_a_whatsapp_export_is_imported_with_the_worker_and_the_young_person(team: Team):
    output = run_import(
        "whatsapp",
        str(FIXTURES / "whatsapp_android_nl_24h.txt"),
        "--team",
        team.name,
        "--me",
        "Samira (jongerenwerk)",
    )
    conversation = Conversation.objects.get()
    assert conversation.team == team
    assert conversation.youth is not None and conversation.youth.is_provisional
    directions = set(Message.objects.values_list("direction", flat=True))
    assert directions == {"in", "out"}
    first_in = Message.objects.filter(direction="in").order_by("sent_at").first()
    assert first_in.text.startswith("ja klopt\nik zoek iets")
    assert f"Added {Message.objects.count()} messages, skipped 0" in output


def test_importing_the_same_file_again_adds_nothing(team: Team):
    args = (
        "whatsapp",
        str(FIXTURES / "whatsapp_android_nl_24h.txt"),
        "--team",
        team.name,
        "--me",
        "Samira (jongerenwerk)",
    )
    run_import(*args)
    count = Message.objects.count()
    output = run_import(*args)
    assert Message.objects.count() == count
    assert f"Added 0 messages, skipped {count}" in output


def test_an_instagram_export_folder_is_imported_with_repaired_names(team: Team):
    run_import(
        "instagram",
        str(FIXTURES / "instagram_export"),
        "--team",
        team.name,
        "--me",
        "Jongerenwerk Charlois",
    )
    assert Conversation.objects.exists()
    assert "Ã" not in "".join(Message.objects.values_list("text", flat=True))


def test_a_name_that_is_not_in_the_chat_is_refused_and_nothing_is_saved(team: Team):
    with pytest.raises(CommandError, match="not a participant"):
        run_import(
            "whatsapp",
            str(FIXTURES / "whatsapp_android_nl_24h.txt"),
            "--team",
            team.name,
            "--me",
            "Iemand Anders",
        )
    assert not Message.objects.exists()
    assert not Conversation.objects.exists()


def test_a_file_that_is_not_an_export_is_refused(team: Team, tmp_path: Path):
    picture = tmp_path / "foto.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(CommandError, match="Nothing imported"):
        run_import("whatsapp", str(picture), "--team", team.name, "--me", "x")
    assert not Message.objects.exists()


def test_a_zip_with_a_path_traversal_is_refused(team: Team, tmp_path: Path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../etc/evil.json", "{}")
    with pytest.raises(CommandError, match="Nothing imported"):
        run_import("instagram", str(archive), "--team", team.name, "--me", "x")
    assert not Conversation.objects.exists()


def test_an_unknown_team_is_refused(team: Team):
    with pytest.raises(CommandError, match="No team"):
        run_import(
            "whatsapp",
            str(FIXTURES / "whatsapp_android_nl_24h.txt"),
            "--team",
            "Nergens",
            "--me",
            "x",
        )


def test_the_web_upload_shows_a_preview_and_saves_only_after_confirmation(
    personas, verified_client
):
    client = verified_client(personas.worker)
    with open(FIXTURES / "whatsapp_android_nl_24h.txt", "rb") as export:
        preview = client.post(
            "/inbox/importeren/", {"export": export, "me": "Samira (jongerenwerk)"}
        )
    assert preview.status_code == 200
    assert "Voorvertoning" in preview.content.decode()
    assert not Message.objects.exists()
    response = client.post("/inbox/importeren/bevestigen/", {"token": preview.context["token"]})
    assert response.status_code == 302
    assert Message.objects.filter(team=personas.worker.teams.get()).exists()


def test_the_web_upload_refuses_a_file_that_is_not_an_export(personas, verified_client, tmp_path):
    picture = tmp_path / "foto.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with open(picture, "rb") as upload:
        response = verified_client(personas.worker).post(
            "/inbox/importeren/", {"export": upload, "me": "x"}
        )
    assert response.status_code == 200
    assert "geen export" in response.content.decode()
    assert not Message.objects.exists()


def test_a_street_contact_is_logged_in_a_few_fields_and_shows_on_the_timeline(
    personas, verified_client, team
):
    from zicht.youth.services import youth_create

    youth = youth_create(actor=personas.worker, team=team, nickname="Daan")
    client = verified_client(personas.worker)
    response = client.post(
        "/inbox/contact/",
        {
            "platform": "straat",
            "youth": youth.pk,
            "summary": "Vroeg naar een bijbaan",
            "topics": ["werk"],
        },
    )
    assert response.status_code == 302
    timeline = client.get(f"/jongeren/{youth.pk}/").content.decode()
    assert "Vroeg naar een bijbaan" in timeline
    youth.refresh_from_db()
    assert youth.last_contact_at is not None


def test_a_contact_without_a_summary_gets_a_message_next_to_the_field(personas, verified_client):
    response = verified_client(personas.worker).post(
        "/inbox/contact/", {"platform": "straat", "summary": ""}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
