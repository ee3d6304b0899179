"""Request parsers that refuse NUL characters with a clear 400 (see ``core/nul.py``), for
every field of every endpoint at once."""

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from zicht.core.nul import MESSAGE, contains_nul


class _RefusesNul:
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)  # type: ignore[misc]
        fields = data.data if isinstance(data, parsers.DataAndFiles) else data
        if contains_nul(fields):
            raise ParseError(str(MESSAGE))
        return data


class JSONParser(_RefusesNul, parsers.JSONParser):
    pass


class FormParser(_RefusesNul, parsers.FormParser):
    pass


class MultiPartParser(_RefusesNul, parsers.MultiPartParser):
    pass
