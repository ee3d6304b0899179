"""Signed Meta webhook requests for tests and benchmarks.

body, headers = signed_webhook(payload, secret="test-app-secret")
client.post("/webhooks/meta/", body, content_type="application/json", headers=headers)
"""

import json
from pathlib import Path
from typing import Any

from zicht.inbox.channels.signature import sign

CHANNELS_DIR = Path(__file__).resolve().parents[2] / "zicht" / "inbox" / "channels"


def signed_webhook(payload: Any, secret: str) -> tuple[bytes, dict[str, str]]:
    """The raw body (bytes are kept as they are) and headers Meta would send with it."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": sign(body, secret)}
    return body, headers


def fixture_body(channel: str, name: str) -> bytes:
    """A recorded payload, e.g. `fixture_body("whatsapp", "text")`, as raw bytes."""
    return (CHANNELS_DIR / channel / "fixtures" / f"{name}.json").read_bytes()
