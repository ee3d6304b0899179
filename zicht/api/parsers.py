"""Request parsers that refuse NUL characters with a clear 400.

PostgreSQL cannot store or even compare text containing U+0000, so a NUL that reaches a
lookup (a slug, a filter) would surface as a server error. Refusing it while parsing covers
every field of every endpoint at once.
"""

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def contains_nul(data: Any) -> bool:
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in data.items())
    if isinstance(data, list | tuple):
        return any(contains_nul(item) for item in data)
    if isinstance(data, QueryDict):
        return any(contains_nul(k) or contains_nul(v) for k, v in data.lists())
    return False


def _refuse_nul(data: Any) -> Any:
    fields = data.data if isinstance(data, parsers.DataAndFiles) else data
    if contains_nul(fields):
        raise ParseError(_("Tekst mag geen NUL-teken (\\u0000) bevatten."))
    return data


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return _refuse_nul(super().parse(stream, media_type, parser_context))


class FormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return _refuse_nul(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return _refuse_nul(super().parse(stream, media_type, parser_context))
