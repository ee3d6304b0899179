"""CSV that is safe to open in Excel or LibreOffice: a cell that starts like a formula is
prefixed with an apostrophe, so it is shown as text and never evaluated (CSV injection)."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(header: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Lines of CSV, one at a time, for a streaming response."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)  # BOM: Excel reads UTF-8 correctly
    for row in rows:
        yield writer.writerow([csv_safe(cell) for cell in row])
