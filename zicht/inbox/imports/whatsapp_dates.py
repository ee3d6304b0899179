"""WhatsApp timestamps, whose date order depends on the phone's locale.

A line says `03/04/26`: the 3rd of April in the Netherlands, March 4th in the US. One
line cannot tell, a whole file usually can: an order is only possible if every date in
the file is valid in it, and a chat is written in chronological order. So of the orders
valid for the most lines we take the one with the fewest steps back in time, and on a
tie the Dutch/European day-first order.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

DATE = r"(?P<d1>\d{1,4})(?P<sep>[-/.])(?P<d2>\d{1,2})(?P=sep)(?P<d3>\d{1,4})"
TIME = (
    r"(?P<hh>\d{1,2})[:.](?P<mm>\d{2})(?:[:.](?P<ss>\d{2}))?"
    r"(?:\s?(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?"
)
ORDERS = ("dmy", "mdy", "ymd")


@dataclass(frozen=True)
class Stamp:
    """The fields of one line's timestamp, before the file's date order is known."""

    fields: tuple[str, str, str]
    hour: int
    minute: int
    second: int
    ampm: str | None  # "a", "p" or None for a 24-hour clock

    @classmethod
    def from_match(cls, match: re.Match[str]) -> "Stamp":
        ampm = match["ampm"]
        return cls(
            fields=(match["d1"], match["d2"], match["d3"]),
            hour=int(match["hh"]),
            minute=int(match["mm"]),
            second=int(match["ss"] or 0),
            ampm=ampm[0].lower() if ampm else None,
        )


def resolve(stamps: Sequence[Stamp]) -> list[datetime | None]:
    """Naive local datetimes for the stamps in the file's most plausible date order.

    None marks a stamp that is not a valid date and time in that order.
    """
    readings = {order: [_naive(stamp, order) for stamp in stamps] for order in ORDERS}
    most_valid = max(_count_valid(values) for values in readings.values())
    candidates = [order for order in ORDERS if _count_valid(readings[order]) == most_valid]
    best = min(candidates, key=lambda order: _steps_back(readings[order]))
    return readings[best]


def _count_valid(values: list[datetime | None]) -> int:
    return sum(value is not None for value in values)


def _steps_back(values: list[datetime | None]) -> int:
    present = [value for value in values if value is not None]
    return sum(later < earlier for earlier, later in pairwise(present))


def _naive(stamp: Stamp, order: str) -> datetime | None:
    date = _date_fields(stamp.fields, order)
    hour = _hour24(stamp.hour, stamp.ampm)
    if date is None or hour is None:
        return None
    try:
        return datetime(*date, hour, stamp.minute, stamp.second)
    except ValueError:
        return None


def _date_fields(fields: tuple[str, str, str], order: str) -> tuple[int, int, int] | None:
    first, second, third = fields
    if order == "ymd":
        if len(first) != 4 or len(third) > 2:
            return None
        return int(first), int(second), int(third)
    if len(first) > 2 or len(third) not in (2, 4):
        return None
    year = int(third) + (2000 if len(third) == 2 else 0)
    day, month = (first, second) if order == "dmy" else (second, first)
    return year, int(month), int(day)


def _hour24(hour: int, ampm: str | None) -> int | None:
    if ampm is None:
        return hour if hour < 24 else None
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if ampm == "p" else 0)
