from collections.abc import Iterator

import pytest

from tests.factories import TeamFactory
from tests.standins.graph_api import GraphApiStandIn
from zicht.accounts.models import Team
from zicht.inbox.models import Channel
from zicht.privacy.crypto import encrypt

WA_PHONE_NUMBER_ID = "109876543210001"  # as in the recorded WhatsApp fixtures
APP_SECRET = "test-app-secret"  # pyproject's pytest env


@pytest.fixture
def graph_api(settings) -> Iterator[GraphApiStandIn]:
    with GraphApiStandIn(token="channel-token") as standin:
        settings.META_GRAPH_API_BASE = standin.base_url
        yield standin


@pytest.fixture
def whatsapp_channel(team: Team) -> Channel:
    return Channel.objects.create(
        kind="whatsapp",
        external_id=WA_PHONE_NUMBER_ID,
        team=team,
        name="Zuid WhatsApp",
        access_token_encrypted=encrypt("channel-token"),
    )


@pytest.fixture
def other_team_channel(db) -> Channel:
    return Channel.objects.create(
        kind="instagram", external_id="17841400000000001", team=TeamFactory(), name="IG"
    )
