"""`zicht create-user` and `zicht issue-token` as contracts.md describes them."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.factories import UserFactory
from zicht.accounts.models import PartnerOrganisation, Role, Team, User
from zicht.api.models import ApiToken

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "fiets-lantaarn-zuidplein-77"


def create_user(*args: str, password: str = GOOD_PASSWORD) -> str:
    out = io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.StringIO(password + "\n")
    try:
        call_command("create-user", *args, stdout=out)
    finally:
        sys.stdin = stdin
    return out.getvalue()


def test_create_user_with_a_team_creates_the_team_and_a_working_password():
    output = create_user("sanne", "--role", "jongerenwerker", "--team", "Team Zuidwijk")
    user = User.objects.get(username="sanne")
    assert user.role == Role.JONGERENWERKER
    assert list(user.teams.values_list("name", flat=True)) == ["Team Zuidwijk"]
    assert user.check_password(GOOD_PASSWORD)
    assert "Created sanne" in output


def test_create_partner_user_creates_the_organisation():
    create_user("ruud", "--role", "partner", "--partner", "Politie Rotterdam-Zuid")
    user = User.objects.get(username="ruud")
    assert user.partner_organisation == PartnerOrganisation.objects.get(
        name="Politie Rotterdam-Zuid"
    )


def test_user_without_a_password_can_only_use_api_tokens():
    create_user("koppeling", "--role", "beheerder", password="")
    user = User.objects.get(username="koppeling")
    assert not user.has_usable_password()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("x", "--role", "superuser", "--team", "Nieuw team"), "Unknown role 'superuser'"),
        (("x", "--role", "partner"), "needs --partner"),
        (
            ("x", "--role", "jongerenwerker", "--partner", "Politie"),
            "Only users with role 'partner'",
        ),
        (("x", "--role", "partner", "--partner", "Politie", "--team", "T"), "not a member"),
    ],
)
def test_refused_requests_say_why_and_create_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        create_user(*args)
    assert not User.objects.exists()
    assert not Team.objects.exists()
    assert not PartnerOrganisation.objects.exists()


def test_a_weak_password_is_refused_and_nothing_is_created():
    with pytest.raises(CommandError, match="Password refused"):
        create_user("sanne", "--role", "jongerenwerker", "--team", "Team Zuidwijk", password="1234")
    assert not User.objects.exists()
    assert not Team.objects.exists()


def test_an_existing_username_is_refused():
    UserFactory(username="sanne")
    with pytest.raises(CommandError, match="already exists"):
        create_user("Sanne", "--role", "jongerenwerker")


def test_issue_token_prints_only_a_token_that_works_for_the_api():
    UserFactory(username="koppeling", role=Role.BEHEERDER)
    out = io.StringIO()
    call_command("issue-token", "koppeling", stdout=out)
    key = out.getvalue().strip()
    assert len(out.getvalue().splitlines()) == 1
    response = Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["username"] == "koppeling"
    assert not ApiToken.objects.filter(digest=key).exists(), "the key itself is never stored"


def test_issue_token_for_an_unknown_user_is_refused():
    with pytest.raises(CommandError, match="No active user"):
        call_command("issue-token", "nobody")


def test_command_line_errors_have_no_stack_trace(tmp_path: Path):
    zicht = str(Path(sys.executable).with_name("zicht"))
    env = {"PATH": os.environ["PATH"], "DEBUG": "1", "ZICHT_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [zicht, "create-user", "x", "--role", "koning"],
        input="",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Unknown role 'koning'" in result.stderr
    assert "Traceback" not in result.stderr
