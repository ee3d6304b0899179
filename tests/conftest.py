"""Shared personas (style.md): a youth worker, a lead of the same team, a worker of another
team, a partner, a beheerder; plus clients logged in with both factors."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TeamFactory, TOTPDeviceFactory, UserFactory
from zicht.accounts.models import Role, Team, User


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db: None) -> Team:
    return TeamFactory(name="Team Charlois", slug="team-charlois")


@pytest.fixture
def other_team(db: None) -> Team:
    return TeamFactory(name="Team Feijenoord", slug="team-feijenoord")


@dataclass
class Personas:
    worker: User
    lead: User
    colleague_other_team: User
    partner: User
    beheerder: User


@pytest.fixture
def personas(team: Team, other_team: Team) -> Personas:
    return Personas(
        worker=UserFactory(username="werker", role=Role.JONGERENWERKER, teams=[team]),
        lead=UserFactory(username="leider", role=Role.TEAMLEIDER, teams=[team]),
        colleague_other_team=UserFactory(
            username="collega", role=Role.JONGERENWERKER, teams=[other_team]
        ),
        partner=UserFactory(username="partner", role=Role.PARTNER),
        beheerder=UserFactory(username="beheerder", role=Role.BEHEERDER),
    )


def current_code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=offset):06d}"


@pytest.fixture
def verified_client() -> Callable[[User], Client]:
    """A client logged in as `user` with a confirmed, verified second factor."""

    def make(user: User) -> Client:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDeviceFactory(user=user)
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return make


def pytest_report_header(config: pytest.Config) -> list[str]:
    from django.conf import settings

    database = settings.DATABASES["default"]
    where = database["HOST"] or database["NAME"]
    return [f"zicht: database {database['ENGINE'].rsplit('.', 1)[-1]} ({where})"]
