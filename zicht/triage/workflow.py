"""The signal workflow as data (style.md): statuses, the allowed transitions, deadlines.

Exactly one service (`services.signal_transition`) changes a signal's status, and only
along ALLOWED_TRANSITIONS.
"""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("Nieuw")
    IN_PROGRESS = "in_progress", _("In behandeling")
    REFERRED = "referred", _("Doorverwezen")
    ESCALATED = "escalated", _("Opgeschaald")
    CLOSED = "closed", _("Afgesloten")


class ClosingReason(models.TextChoices):
    RESOLVED = "resolved", _("Opgelost of afgehandeld")
    REFERRED_DONE = "referred_done", _("Overgedragen aan een partner")
    NO_CONCERN = "no_concern", _("Bij nader inzien geen zorg")
    NO_CONTACT = "no_contact", _("Geen contact mogelijk")
    DUPLICATE = "duplicate", _("Dubbel signaal")


class Urgency(models.TextChoices):
    ACUUT = "acuut", _("Acuut")
    HOOG = "hoog", _("Hoog")
    NORMAAL = "normaal", _("Normaal")
    LAAG = "laag", _("Laag")


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.ESCALATED, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.REFERRED, Status.ESCALATED, Status.CLOSED}),
    Status.REFERRED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.ESCALATED: frozenset({Status.IN_PROGRESS, Status.REFERRED, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),  # reopened, with a reason
}

# Only a team lead escalates (product.md: leads assign and escalate signals).
LEAD_ONLY_TARGETS = frozenset({Status.ESCALATED})

# taxonomy.md: deadline to first action.
DEADLINES: dict[str, timedelta | None] = {
    Urgency.ACUUT: timedelta(hours=1),
    Urgency.HOOG: timedelta(hours=24),
    Urgency.NORMAAL: timedelta(weeks=1),
    Urgency.LAAG: None,
}

URGENCY_ORDER = [Urgency.ACUUT, Urgency.HOOG, Urgency.NORMAAL, Urgency.LAAG]

CATEGORIES = {
    "geweld": _("Vechtpartijen, geweld en bedreiging"),
    "wapens": _("Wapens"),
    "exposing": _("Exposing, sexting en sextortion"),
    "pesten": _("Pesten, discriminatie en haat"),
    "middelen": _("Middelengebruik en schadelijke trends"),
    "mentaal": _("Mentale nood, zelfbeschadiging en suïcide"),
    "uitbuiting": _("Seksuele uitbuiting en grooming"),
    "criminaliteit": _("Criminaliteit en ronselen"),
    "radicalisering": _("Radicalisering en extremisme"),
    "geld": _("Gokken, schulden en geldproblemen"),
    "thuis": _("Thuissituatie"),
}
SUBSTANCES = [
    "lachgas",
    "shisha",
    "lean",
    "cannabis",
    "alcohol",
    "xtc",
    "cocaine",
    "snus",
    "overig",
]


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())
