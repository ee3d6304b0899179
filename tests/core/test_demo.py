"""`zicht demo`: fictional users for every role with a known TOTP secret, idempotent."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp

from zicht.accounts.models import Role, Team, User
from zicht.core.demo import DEMO_PASSWORD, DEMO_TOTP_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_allowed(settings) -> None:
    settings.DEMO = True


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_creates_a_user_for_every_role_and_prints_the_logins(demo_allowed):
    output = run_demo()
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert DEMO_PASSWORD in output
    for username in User.objects.values_list("username", flat=True):
        assert username in output


def test_demo_teams_cover_the_districts_of_rotterdam_zuid(demo_allowed):
    run_demo()
    charlois = Team.objects.get(name="Team Charlois (demo)")
    assert "Tarwewijk" in charlois.neighbourhoods.values_list("name", flat=True)


def test_running_demo_twice_changes_nothing(demo_allowed):
    run_demo()
    counts = (User.objects.count(), Team.objects.count())
    run_demo()
    assert (User.objects.count(), Team.objects.count()) == counts


def test_a_demo_user_can_log_in_with_the_printed_password_and_totp_secret(demo_allowed):
    run_demo()
    client = Client()
    client.post("/account/inloggen/", {"username": "demo-werker", "password": DEMO_PASSWORD})
    client.post("/account/tweede-stap/", {"token": f"{totp(DEMO_TOTP_KEY):06d}"})
    assert client.get("/").status_code == 200


def test_demo_is_refused_unless_demo_mode_is_on(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="ZICHT_DEMO"):
        run_demo()
    assert not User.objects.exists()


def test_demo_fills_the_inbox_and_review_queue_of_team_charlois_once(demo_allowed):
    from zicht.inbox.models import Message
    from zicht.observations.models import Observation

    run_demo()
    messages, observations = Message.objects.count(), Observation.objects.count()
    assert messages >= 5 and observations >= 3
    run_demo()
    assert (Message.objects.count(), Observation.objects.count()) == (messages, observations)
