"""Authenticated encryption for secrets at rest (channel tokens, later files).

AES-256-GCM with keys from FIELD_ENCRYPTION_KEY: a comma-separated list of urlsafe-base64
32-byte keys, the first used for new values, all tried for old ones (key rotation).
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1:"


class DecryptionError(ValueError):
    """The value was not made with any configured key, or was altered."""


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def _keys() -> list[bytes]:
    configured = [k.strip() for k in settings.FIELD_ENCRYPTION_KEY.split(",") if k.strip()]
    if configured:
        keys = [base64.urlsafe_b64decode(key) for key in configured]
        if any(len(key) != 32 for key in keys):
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must hold 32-byte base64 keys.")
        return keys
    if settings.DEBUG:
        # Development only: a key derived from the local secret key.
        derive = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"zicht-fields")
        return [derive.derive(settings.SECRET_KEY.encode())]
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEY is not set; it is needed to store secrets. Generate one with: "
        "python -c 'import base64,os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())'"
    )


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_keys()[0]).encrypt(nonce, plaintext.encode(), None)
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise DecryptionError("not an encrypted value")
    raw = base64.urlsafe_b64decode(token[len(PREFIX) :])
    for key in _keys():
        try:
            return AESGCM(key).decrypt(raw[:12], raw[12:], None).decode()
        except InvalidTag:
            continue
    raise DecryptionError("no configured key opens this value")


# Files at rest (screenshots): the same keys, raw bytes instead of text.
BLOB_PREFIX = b"ZE1"
_NONCE_BYTES = 12
_TAG_BYTES = 16


def encrypt_bytes(data: bytes) -> bytes:
    """Seal `data` as BLOB_PREFIX + nonce + ciphertext-with-tag under the newest key.

    The prefix is bound as associated data, so a blob cannot be relabelled unnoticed."""
    nonce = os.urandom(_NONCE_BYTES)
    return BLOB_PREFIX + nonce + AESGCM(_keys()[0]).encrypt(nonce, data, BLOB_PREFIX)


def decrypt_bytes(blob: bytes) -> bytes:
    """Open a blob from encrypt_bytes with any configured key (key rotation)."""
    if not blob.startswith(BLOB_PREFIX):
        raise DecryptionError("not an encrypted file")
    body = blob[len(BLOB_PREFIX) :]
    if len(body) < _NONCE_BYTES + _TAG_BYTES:
        raise DecryptionError("encrypted file is truncated")
    nonce, sealed = body[:_NONCE_BYTES], body[_NONCE_BYTES:]
    for key in _keys():
        try:
            return AESGCM(key).decrypt(nonce, sealed, BLOB_PREFIX)
        except InvalidTag:
            continue
    raise DecryptionError("no configured key opens this file")
