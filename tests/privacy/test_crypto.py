"""Encryption at rest: text values (existing) and files (encrypt_bytes / decrypt_bytes)."""

import os

import pytest
from pytest_django.fixtures import Settings

from zicht.privacy.crypto import (
    BLOB_PREFIX,
    DecryptionError,
    decrypt,
    decrypt_bytes,
    encrypt,
    encrypt_bytes,
    generate_key,
)


def test_text_round_trip_unchanged() -> None:
    token = encrypt("geheim-token")
    assert token.startswith("v1:")
    assert decrypt(token) == "geheim-token"


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n", os.urandom(100_000)])
def test_bytes_round_trip(data: bytes) -> None:
    blob = encrypt_bytes(data)
    assert blob.startswith(BLOB_PREFIX)
    assert decrypt_bytes(blob) == data
    if data:
        assert data not in blob


def test_bytes_nonce_is_random() -> None:
    assert encrypt_bytes(b"zelfde") != encrypt_bytes(b"zelfde")


@pytest.mark.parametrize("position", [0, 3, 10, 15, 20, -1])
def test_tampered_blob_refused(position: int) -> None:
    blob = bytearray(encrypt_bytes(b"schermafbeelding"))
    blob[position] ^= 0x01
    with pytest.raises(DecryptionError):
        decrypt_bytes(bytes(blob))


@pytest.mark.parametrize(
    "blob", [b"", b"ZE1", b"ZE1" + b"\x00" * 27, b"v1:abc", b"ZE2" + b"\x00" * 64]
)
def test_garbage_refused(blob: bytes) -> None:
    with pytest.raises(DecryptionError):
        decrypt_bytes(blob)


def test_truncated_blob_refused() -> None:
    blob = encrypt_bytes(b"schermafbeelding")
    with pytest.raises(DecryptionError):
        decrypt_bytes(blob[:-1])


def test_blob_from_another_key_refused(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEY = generate_key()
    blob = encrypt_bytes(b"schermafbeelding")
    settings.FIELD_ENCRYPTION_KEY = generate_key()
    with pytest.raises(DecryptionError):
        decrypt_bytes(blob)


def test_key_rotation(settings: Settings) -> None:
    old, new = generate_key(), generate_key()
    settings.FIELD_ENCRYPTION_KEY = old
    old_blob = encrypt_bytes(b"van voor de rotatie")

    settings.FIELD_ENCRYPTION_KEY = f"{new}, {old}"
    assert decrypt_bytes(old_blob) == b"van voor de rotatie"
    new_blob = encrypt_bytes(b"na de rotatie")
    assert decrypt_bytes(new_blob) == b"na de rotatie"

    # New blobs are sealed with the first key only.
    settings.FIELD_ENCRYPTION_KEY = old
    with pytest.raises(DecryptionError):
        decrypt_bytes(new_blob)
    settings.FIELD_ENCRYPTION_KEY = new
    assert decrypt_bytes(new_blob) == b"na de rotatie"
