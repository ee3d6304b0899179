import hashlib
import hmac

import pytest

from tests.standins.webhooks import fixture_body, signed_webhook
from zicht.inbox.channels.signature import sign, verify

SECRET = "test-app-secret"
BODY = fixture_body("whatsapp", "text")


def test_sign_is_hmac_sha256_hex_of_the_raw_body() -> None:
    expected = hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()
    assert sign(BODY, SECRET) == f"sha256={expected}"


def test_verify_accepts_the_right_signature() -> None:
    body, headers = signed_webhook(BODY, SECRET)
    assert body == BODY
    assert verify(body, headers["X-Hub-Signature-256"], SECRET)


def test_verify_accepts_uppercase_hex() -> None:
    header = "sha256=" + sign(BODY, SECRET).removeprefix("sha256=").upper()
    assert verify(BODY, header, SECRET)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "sha256=",
        "sha1=" + "0" * 40,
        sign(BODY, "another-secret"),
        sign(BODY + b" ", SECRET),
        sign(BODY, SECRET)[:-1],
        sign(BODY, SECRET) + "00",
        sign(BODY, SECRET).removeprefix("sha256="),
        "sha256=" + "zz" * 32,
        "sha256=" + "é" * 64,
    ],
)
def test_verify_rejects_wrong_missing_or_malformed_headers(header: str | None) -> None:
    assert not verify(BODY, header, SECRET)


def test_verify_rejects_when_no_secret_is_configured() -> None:
    assert not verify(BODY, sign(BODY, ""), "")


def test_reencoded_json_no_longer_verifies() -> None:
    header = sign(BODY, SECRET)
    assert not verify(BODY.replace(b"\n", b""), header, SECRET)
