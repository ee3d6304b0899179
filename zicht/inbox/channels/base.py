"""Normalised webhook events, the same for every channel.

Parsers turn a platform's webhook body into these frozen values; everything downstream
(storage, detection, delivery statuses) only ever sees these shapes.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


class PayloadError(ValueError):
    """A webhook body that is not a valid Meta payload; the message names what is wrong."""


@dataclass(frozen=True)
class InboundMessage:
    """A message in a conversation: from a contact, or an echo of one our account sent.

    `sender_id` is always the contact's id (WhatsApp wa_id, IGSID, PSID). For an echo Meta
    puts our own account in `sender` and the contact in `recipient`; we keep the contact
    so that an echo lands in the same conversation as the messages it answers.
    """

    channel_kind: str
    channel_external_id: str
    external_id: str
    sender_id: str
    sender_name: str
    sent_at: datetime
    kind: str
    text: str
    media_url: str = ""
    context: Mapping[str, str] = field(default_factory=dict)
    is_echo: bool = False


@dataclass(frozen=True)
class StatusUpdate:
    """What happened to one message we sent: sent, delivered, read or failed."""

    channel_kind: str
    channel_external_id: str
    external_id: str
    status: str
    at: datetime
    error: str = ""


@dataclass(frozen=True)
class ReadWatermark:
    """Everything we sent to `contact_id` up to `watermark` is read (or delivered).

    Messenger reports reads, and sometimes deliveries, as a time instead of message ids.
    """

    channel_kind: str
    channel_external_id: str
    contact_id: str
    status: str
    watermark: datetime


Event = InboundMessage | StatusUpdate | ReadWatermark

STATUSES = ("sent", "delivered", "read", "failed")
