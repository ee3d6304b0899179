"""The profile timeline: every app that links things to a young person registers a source.

`youth` does not import the apps that link to it; they register here in their AppConfig.ready.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from zicht.youth.models import Youth


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    kind: str  # e.g. "message", "contact", "observation", "signal"
    title: str
    text: str
    url: str = ""
    badge: str = ""


TimelineSource = Callable[[Youth, int], Iterable[TimelineItem]]
_sources: list[TimelineSource] = []


def register_timeline_source(source: TimelineSource) -> None:
    if source not in _sources:
        _sources.append(source)


def youth_timeline(*, youth: Youth, limit: int = 100) -> list[TimelineItem]:
    """The newest `limit` items from every source, newest first."""
    items = [item for source in _sources for item in source(youth, limit)]
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]
