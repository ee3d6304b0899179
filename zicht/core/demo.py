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
    users = [demo_user_ensure(spec) for spec in DEMO_USERS]
    demo_content()
    return users


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


DEMO_MESSAGES = [
    ("31600000001", "Hoi! Weet iemand een bijbaan in het weekend? Ik wil sparen voor een scooter"),
    ("31600000001", "Ik kan zaterdag en zondag, niet te ver van Tarwewijk"),
    (
        "31600000002",
        "ze willen vanavond om 9 uur matten bij het zuiderpark, neem wat mee zeggen ze",
    ),
    ("31600000003", "ik ga echt dood van het lachen om die video van gisteren 😂"),
    ("31600000004", "mn moeder heeft me eruit gegooid, weet niet waar ik vannacht moet slapen"),
]
DEMO_OBSERVATIONS = [
    (
        "snapchat",
        "story",
        "Groep jongeren bij de Esch met een tank lachgas en ballonnen, story van 23:00",
    ),
    (
        "instagram",
        "comment",
        "Onder een drill-video: 'die beat is echt moord', verder niks aan de hand",
    ),
    ("tiktok", "reel", "Nieuwe challenge: flauwvallen filmen, jongeren uit Pendrecht doen mee"),
]


@transaction.atomic
def demo_content() -> int:
    """Fictional conversations, observations and suggestions for Team Charlois (once)."""
    from datetime import timedelta

    from django.utils import timezone

    from zicht.inbox.channels.base import InboundMessage
    from zicht.inbox.models import Channel
    from zicht.inbox.services import inbound_message_record
    from zicht.observations.services import observation_create
    from zicht.youth.models import Youth

    team = Team.objects.get(name="Team Charlois (demo)")
    if Youth.objects.filter(team=team).exists():
        return 0
    worker = User.objects.get(username="demo-werker")
    channel, _created = Channel.objects.get_or_create(
        kind="whatsapp",
        external_id="100000000000001",
        defaults={"team": team, "name": "Demo WhatsApp"},
    )
    now = timezone.now()
    for number, (contact, text) in enumerate(DEMO_MESSAGES):
        inbound_message_record(
            channel=channel,
            event=InboundMessage(
                channel_kind="whatsapp",
                channel_external_id=channel.external_id,
                external_id=f"wamid.DEMO{number:04d}",
                sender_id=contact,
                sender_name="",
                sent_at=now - timedelta(minutes=40 - 5 * number),
                kind="text",
                text=text,
            ),
        )
    for platform, kind, text in DEMO_OBSERVATIONS:
        observation_create(
            author=worker,
            team=team,
            platform=platform,
            kind=kind,
            text=text,
            neighbourhood=team.neighbourhoods.order_by("name").first(),
        )
    return len(DEMO_MESSAGES) + len(DEMO_OBSERVATIONS)
