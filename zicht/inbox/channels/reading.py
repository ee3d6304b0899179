"""Small typed readers for decoded JSON that raise PayloadError naming the exact path.

Paths look like `entry[0].changes[1].value.messages[2].id`, so a 400 answer (and a log
line) says precisely which part of Meta's body was not what the contract promises.
"""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from zicht.inbox.channels.base import PayloadError

JsonObject = Mapping[str, Any]

MILLISECONDS = 1000
SECONDS = 1


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def without_nul(value: object) -> object:
    """The decoded body with every NUL character replaced by U+FFFD.

    JSON may carry "\\u0000", but PostgreSQL cannot store it; replacing it keeps the message
    (and shows where the character was) instead of failing the whole delivery.
    """
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, Mapping):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [without_nul(item) for item in value]
    return value


def as_object(value: object, where: str) -> JsonObject:
    if not isinstance(value, Mapping):
        raise PayloadError(f"{where} must be an object, not {json_type(value)}")
    return value


def as_list(value: object, where: str) -> list[object]:
    if not isinstance(value, list | tuple):
        raise PayloadError(f"{where} must be an array, not {json_type(value)}")
    return list(value)


def get_object(obj: JsonObject, key: str, where: str) -> JsonObject:
    """A required nested object."""
    if obj.get(key) is None:
        raise PayloadError(f"{where}.{key} is missing")
    return as_object(obj[key], f"{where}.{key}")


def get_optional_object(obj: JsonObject, key: str, where: str) -> JsonObject:
    """A nested object that may be absent (then empty), but must be an object if present."""
    if obj.get(key) is None:
        return {}
    return as_object(obj[key], f"{where}.{key}")


def get_list(obj: JsonObject, key: str, where: str, *, required: bool = False) -> list[object]:
    if obj.get(key) is None:
        if required:
            raise PayloadError(f"{where}.{key} is missing")
        return []
    return as_list(obj[key], f"{where}.{key}")


def get_str(obj: JsonObject, key: str, where: str, *, required: bool = False) -> str:
    """A string field; absent or null is "" unless required (then it must be non-empty)."""
    value = obj.get(key)
    if value is None:
        if required:
            raise PayloadError(f"{where}.{key} is missing")
        return ""
    if not isinstance(value, str):
        raise PayloadError(f"{where}.{key} must be a string, not {json_type(value)}")
    if required and not value:
        raise PayloadError(f"{where}.{key} is empty")
    return value


def as_id(value: object, where: str) -> str:
    """A required, non-empty identifier. Meta sends ids as strings; integers are accepted."""
    if value is None:
        raise PayloadError(f"{where} is missing")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    if not isinstance(value, str):
        raise PayloadError(f"{where} must be a string, not {json_type(value)}")
    if not value:
        raise PayloadError(f"{where} is empty")
    return value


def get_id(obj: JsonObject, key: str, where: str) -> str:
    return as_id(obj.get(key), f"{where}.{key}")


def get_optional_id(obj: JsonObject, key: str, where: str) -> str:
    """An identifier that may be absent (then "")."""
    return "" if obj.get(key) is None else get_id(obj, key, where)


def get_timestamp(obj: JsonObject, key: str, where: str, *, unit: int) -> datetime:
    """A required Unix time (an integer or a string of digits) as an aware UTC datetime.

    WhatsApp sends seconds as a string, Messenger and Instagram milliseconds as a number.
    """
    value = obj.get(key)
    if value is None:
        raise PayloadError(f"{where}.{key} is missing")
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PayloadError(f"{where}.{key} must be a Unix time, not {value!r:.40}")
    try:
        return datetime.fromtimestamp(value / unit, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise PayloadError(f"{where}.{key} is out of range: {value!r:.40}") from None


def entries(body: JsonObject) -> list[JsonObject]:
    """The body's `entry` array; every Meta webhook body has one."""
    items = get_list(body, "entry", "body", required=True)
    return [as_object(item, f"entry[{index}]") for index, item in enumerate(items)]
