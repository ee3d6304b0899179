"""The Graph API transport shared by the senders: one JSON POST, errors mapped once.

Standard library only. Redirects are never followed (http.client does not follow them),
so a request goes only to the configured base URL; the token travels in a header and is
never part of an error message or log line.
"""

import http.client
import json
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

MAX_RESPONSE_BYTES = 1_000_000

# Graph throttling and "try again later" codes: retrying with backoff is the documented fix.
RETRYABLE_CODES = frozenset({2, 4, 17, 32, 341, 613, 80007, 130429, 131000, 131016, 131048, 131056})


@dataclass(frozen=True)
class SendResult:
    external_id: str


class SendError(Exception):
    """A send that did not succeed. `retryable` says whether the same request may succeed
    later; `window_closed` that the platform's messaging window for the recipient is shut
    (WhatsApp: only a template may go; Messenger/Instagram: too late, or tag needed)."""

    def __init__(
        self,
        reason: str,
        *,
        retryable: bool,
        status: int | None = None,
        code: int | None = None,
        subcode: int | None = None,
        window_closed: bool = False,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.status = status
        self.code = code
        self.subcode = subcode
        self.window_closed = window_closed


@dataclass(frozen=True)
class GraphError:
    """The parts of Graph's `{"error": {...}}` body we act on."""

    message: str
    code: int | None
    subcode: int | None
    is_transient: bool
    details: str = ""

    @property
    def reason(self) -> str:
        number = f"{self.code}/{self.subcode}" if self.subcode is not None else f"{self.code}"
        text = f"{self.message} ({self.details})" if self.details else self.message
        return f"{number}: {text}"


WindowRule = Callable[[GraphError], bool]


def messages_path(account_id: str) -> str:
    """`<id>/messages`, with the id escaped so it can never change the path."""
    if not account_id:
        raise SendError("no account id configured for this channel", retryable=False)
    return f"{quote(account_id, safe='')}/messages"


def post_json(
    *,
    base_url: str,
    path: str,
    token: str,
    payload: Mapping[str, object],
    timeout: float,
    window_closed: WindowRule,
) -> Mapping[str, object]:
    """POST `payload` to `<base_url>/<path>`; the decoded 2xx body, or SendError."""
    status, body = _request(base_url, path, token, json.dumps(payload).encode(), timeout)
    decoded = _decode(body)
    if 200 <= status < 300:
        if not isinstance(decoded, Mapping):
            raise SendError(
                f"unexpected response from Graph API (HTTP {status}): not a JSON object",
                retryable=False,
                status=status,
            )
        return decoded
    raise _error_for(status, decoded, window_closed)


def _request(
    base_url: str, path: str, token: str, body: bytes, timeout: float
) -> tuple[int, bytes]:
    if not token or any(char in token for char in "\r\n\0"):
        raise SendError("no usable access token configured for this channel", retryable=False)
    connection, prefix = _connect(base_url, timeout)
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    try:
        connection.request("POST", f"{prefix}/{path}", body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(MAX_RESPONSE_BYTES)
    except TimeoutError:
        raise SendError(
            f"timeout after {timeout:g}s waiting for Graph API", retryable=True
        ) from None
    except ssl.SSLCertVerificationError as error:
        raise SendError(
            f"connection refused by TLS check: {error.verify_message}", retryable=False
        ) from None
    except (OSError, http.client.HTTPException) as error:
        raise SendError(
            f"connection error talking to Graph API: {type(error).__name__}", retryable=True
        ) from None
    finally:
        connection.close()


def _connect(base_url: str, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SendError("META_GRAPH_API_BASE is not an http(s) URL", retryable=False)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    return connection_class(parts.hostname, parts.port, timeout=timeout), parts.path.rstrip("/")


def _decode(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _error_for(status: int, decoded: object, window_closed: WindowRule) -> SendError:
    if 300 <= status < 400:
        return SendError(
            f"Graph API answered a redirect (HTTP {status}); not followed",
            retryable=False,
            status=status,
        )
    error = parse_graph_error(decoded)
    server_side = status >= 500 or status == 429
    if error is None:
        return SendError(
            f"Graph API answered HTTP {status} without a Graph error body",
            retryable=server_side,
            status=status,
        )
    return SendError(
        error.reason,
        retryable=server_side or error.is_transient or error.code in RETRYABLE_CODES,
        status=status,
        code=error.code,
        subcode=error.subcode,
        window_closed=window_closed(error),
    )


def parse_graph_error(decoded: object) -> GraphError | None:
    """Graph's `{"error": {"message", "type", "code", "error_subcode", ...}}`, or None."""
    if not isinstance(decoded, Mapping) or not isinstance(decoded.get("error"), Mapping):
        return None
    error = decoded["error"]
    data = error.get("error_data")
    details = data.get("details") if isinstance(data, Mapping) else None
    return GraphError(
        message=str(error.get("message") or error.get("error_user_msg") or "unknown error")[:500],
        code=_int_or_none(error.get("code")),
        subcode=_int_or_none(error.get("error_subcode")),
        is_transient=error.get("is_transient") is True,
        details=str(details)[:500] if details else "",
    )


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
