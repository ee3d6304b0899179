"""Clearly fictional demo data: one user per role, teams for the three districts of Zuid.

Idempotent: running it again changes nothing that is already there.
"""

import base64
from dataclasses import dataclass

from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import Neighbourhood, Role, Team, User
from zicht.accounts.services import team_get_or_create, user_create

DEMO_PASSWORD = "demo-zicht-2026"
# A fixed, published secret so the demo can be tried with any authenticator app.
DEMO_TOTP_KEY = b"zicht-demo-only-totp"
DEMO_TOTP_SECRET = base64.b32encode(DEMO_TOTP_KEY).decode()


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    first_name: str
    teams: tuple[str, ...] = ()
    partner: str | None = None


DEMO_TEAMS = {
    "Team Charlois (demo)": "Charlois",
    "Team Feijenoord (demo)": "Feijenoord",
    "Team IJsselmonde (demo)": "IJsselmonde",
}

DEMO_USERS = (
    DemoUser("demo-werker", Role.JONGERENWERKER, "Sanne", ("Team Charlois (demo)",)),
    DemoUser("demo-werker-feijenoord", Role.JONGERENWERKER, "Yassin", ("Team Feijenoord (demo)",)),
    DemoUser("demo-leider", Role.TEAMLEIDER, "Marloes", ("Team Charlois (demo)",)),
    DemoUser("demo-partner", Role.PARTNER, "Ruud", partner="Wijkteam Charlois (demo)"),
    DemoUser("demo-beheerder", Role.BEHEERDER, "Noor"),
)


@transaction.atomic
def demo_load() -> list[User]:
    for team_name, district in DEMO_TEAMS.items():
        team = team_get_or_create(name=team_name)
        team.neighbourhoods.set(Neighbourhood.objects.filter(district__name=district))
    return [demo_user_ensure(spec) for spec in DEMO_USERS]


def demo_user_ensure(spec: DemoUser) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = user_create(
            username=spec.username,
            role=spec.role,
            password=DEMO_PASSWORD,
            team_names=spec.teams,
            partner_name=spec.partner,
            validate=False,
        )
        user.first_name = spec.first_name
        user.save(update_fields=["first_name"])
    TOTPDevice.objects.get_or_create(
        user=user,
        name="demo",
        defaults={"key": DEMO_TOTP_KEY.hex(), "confirmed": True},
    )
    return user


def demo_current_code() -> str:
    return f"{totp(DEMO_TOTP_KEY):06d}"


def demo_teams() -> list[Team]:
    return list(Team.objects.filter(name__in=DEMO_TEAMS))
