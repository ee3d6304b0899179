import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.standins.graph_api import GraphApiStandIn

TOKEN = "standin-token-7f3a"
FIXTURES = Path(__file__).resolve().parents[3] / "zicht" / "inbox" / "channels"


def load(channel: str, name: str) -> Any:
    return json.loads((FIXTURES / channel / "fixtures" / f"{name}.json").read_text())


@pytest.fixture
def graph_api() -> Iterator[GraphApiStandIn]:
    with GraphApiStandIn(token=TOKEN) as standin:
        yield standin
