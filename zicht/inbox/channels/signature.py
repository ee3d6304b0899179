"""Meta's webhook signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.

The HMAC key is the app secret. Verify against the raw bytes as received: re-encoding
parsed JSON would change the bytes and the signature.
"""

import hashlib
import hmac

PREFIX = "sha256="


def sign(body: bytes, secret: str) -> str:
    """The header value Meta would send for `body`."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"{PREFIX}{digest}"


def verify(body: bytes, header: str | None, secret: str) -> bool:
    """True only for a well-formed header that matches; constant-time comparison.

    An empty secret never verifies: an unconfigured app must not accept every body.
    """
    if not secret or not header or not header.startswith(PREFIX):
        return False
    received = header[len(PREFIX) :].strip().lower()
    if len(received) != hashlib.sha256().digest_size * 2:
        return False
    expected = sign(body, secret)[len(PREFIX) :]
    return hmac.compare_digest(received.encode("ascii", "replace"), expected.encode())
