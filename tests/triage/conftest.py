import pytest
from django.utils import timezone

from tests.conftest import Personas
from zicht.accounts.models import Team
from zicht.observations.models import Observation
from zicht.triage.models import Suggestion
from zicht.triage.services import suggestion_for_source

ACUTE_TEXT = "kom om 8 uur bij de zuidplein, neem je mes mee, we gaan hem pakken"


def make_observation(
    team: Team, author, *, labels=("geweld", "wapens"), urgency="acuut", text=ACUTE_TEXT
) -> Observation:
    """An observation with the detector's output set explicitly, so these tests do not depend
    on the trained model."""
    start = text.find("mes")
    return Observation.objects.create(
        team=team,
        author=author,
        platform="snapchat",
        kind="story",
        text=text,
        observed_at=timezone.now(),
        signal_labels=list(labels),
        signal_urgency=urgency,
        signal_evidence=[{"label": "wapens", "text": "mes", "start": start, "end": start + 3}]
        if "mes" in text
        else [],
        signal_extra={"substances": [], "help": []},
    )


@pytest.fixture
def suggestion(personas: Personas, team: Team) -> Suggestion:
    made = suggestion_for_source(observation=make_observation(team, personas.worker))
    assert made is not None
    return made
