"""NUL characters (U+0000) in input.

PostgreSQL cannot store or even compare text containing NUL, so a NUL that reaches a lookup,
a filter or a save would surface as a server error. Input is refused where it is parsed.
"""

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy

MESSAGE = gettext_lazy("Tekst mag geen NUL-teken (\\u0000) bevatten.")


def contains_nul(data: Any) -> bool:
    """Whether any string in ``data`` (nested dicts, lists, a QueryDict) holds a NUL."""
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, QueryDict):
        return any(contains_nul(k) or contains_nul(v) for k, v in data.lists())
    if isinstance(data, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in data.items())
    if isinstance(data, list | tuple):
        return any(contains_nul(item) for item in data)
    return False
