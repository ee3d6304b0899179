"""The channel layer: Meta webhook bodies in, normalised events out; messages sent out.

Plain Python (no Django): `parse_webhook` for the webhook processing task, the senders
in each channel folder for the reply task, `signature.verify` for the webhook view.
"""

from collections.abc import Callable

from zicht.inbox.channels.base import (
    Event,
    InboundMessage,
    PayloadError,
    ReadWatermark,
    StatusUpdate,
)
from zicht.inbox.channels.instagram import parser as instagram
from zicht.inbox.channels.messenger import parser as messenger
from zicht.inbox.channels.reading import JsonObject, as_object, json_type, without_nul
from zicht.inbox.channels.whatsapp import parser as whatsapp

__all__ = [
    "PARSERS",
    "Event",
    "InboundMessage",
    "PayloadError",
    "ReadWatermark",
    "StatusUpdate",
    "channel_kind_of",
    "parse_webhook",
]

# Meta's `object` field -> (our channel kind, that channel's parser).
PARSERS: dict[str, tuple[str, Callable[[JsonObject], list[Event]]]] = {
    "whatsapp_business_account": (whatsapp.KIND, whatsapp.parse),
    "instagram": (instagram.KIND, instagram.parse),
    "page": (messenger.KIND, messenger.parse),
}


def channel_kind_of(body: object) -> str:
    """The channel kind a body is for, raising PayloadError for anything else."""
    obj = as_object(body, "body")
    name = obj.get("object")
    if not isinstance(name, str):
        if name is None:
            raise PayloadError("body.object is missing")
        raise PayloadError(f"body.object must be a string, not {json_type(name)}")
    if name not in PARSERS:
        known = ", ".join(sorted(PARSERS))
        raise PayloadError(f"body.object {name[:60]!r} is not one of: {known}")
    return PARSERS[name][0]


def parse_webhook(body: object) -> list[Event]:
    """Every event in a decoded webhook body: all entries, changes and messages, in order.

    Raises PayloadError (and nothing else) when the body is not a Meta payload.
    Unknown message types become "unsupported" messages; unknown fields are skipped.
    """
    channel_kind_of(body)
    obj = as_object(without_nul(body), "body")
    return PARSERS[obj["object"]][1](obj)
