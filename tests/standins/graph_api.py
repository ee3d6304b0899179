"""A local stand-in for Meta's Graph API send endpoints: a real HTTP server on 127.0.0.1.

It follows the published contract closely enough to test the senders (and, later, the
reply task and browser tests) without patching any client:

- `POST /<version>/<id>/messages` only; Bearer token checked (401, code 190, otherwise);
- WhatsApp bodies (`messaging_product: whatsapp`) and Messenger/Instagram bodies
  (`recipient` + `message`) validated, a missing parameter answered with 400 code 100;
- success answers in Meta's shapes (`messages[0].id` / `message_id`);
- programmable: fail the next requests, delay them (client timeouts), redirect them, or
  close a recipient's messaging window (131047, or 10/2018278 unless HUMAN_AGENT).

    with GraphApiStandIn(token="t") as graph:
        send_text(base_url=graph.base_url, token="t", ...)
        assert graph.requests[0].json["to"] == "31612345678"
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

MAX_BODY = 1_000_000
WINDOW_DETAILS = (
    "Message failed to send because more than 24 hours have passed since the customer"
    " last replied to this number."
)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    json: Any  # the decoded body, or None when it was not JSON


@dataclass
class _Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Window:
    human_agent_allowed: bool


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a delayed request must not hold up stop()
    request_queue_size = 128  # bursts of concurrent sends (benchmarks, retries)


def graph_error(
    message: str, code: int, *, subcode: int | None = None, kind: str = "OAuthException"
) -> dict[str, Any]:
    """An error body in Graph's shape."""
    error: dict[str, Any] = {
        "message": message,
        "type": kind,
        "code": code,
        "fbtrace_id": "AStandInTrace",
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


class GraphApiStandIn:
    def __init__(self, token: str = "standin-token", *, version: str = "v21.0") -> None:
        self.token = token
        self.version = version
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._planned: list[_Answer] = []
        self._delays: list[float] = []
        self._windows: dict[str, _Window] = {}
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle -------------------------------------------------------------------------
    def start(self) -> GraphApiStandIn:
        server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="graph-api-standin",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> GraphApiStandIn:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """What META_GRAPH_API_BASE should be: `http://127.0.0.1:<port>/<version>`."""
        if self._server is None:
            raise RuntimeError("the stand-in is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}/{self.version}"

    # programming -----------------------------------------------------------------------
    def fail_next(
        self,
        count: int = 1,
        *,
        status: int = 500,
        error: Mapping[str, Any] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next `count` requests with `status` and a Graph error (or raw `body`)."""
        if body is None:
            body = json.dumps(
                error
                or graph_error("An unexpected error has occurred.", 2, kind="GraphMethodException")
            ).encode()
        with self._lock:
            self._planned.extend(_Answer(status, body, dict(headers or {})) for _ in range(count))

    def redirect_next(self, location: str, *, status: int = 302, count: int = 1) -> None:
        self.fail_next(count, status=status, body=b"", headers={"Location": location})

    def delay_next(self, seconds: float, *, count: int = 1) -> None:
        """Sleep before answering the next `count` requests (to provoke client timeouts)."""
        with self._lock:
            self._delays.extend(seconds for _ in range(count))

    def close_window(self, recipient: str, *, human_agent_allowed: bool = False) -> None:
        """Refuse free messages to `recipient` as Meta does once the 24-hour window closed.

        WhatsApp: anything but a template gets 131047. Messenger/Instagram: code 10
        subcode 2018278, unless `human_agent_allowed` (within 7 days) and tagged HUMAN_AGENT.
        """
        with self._lock:
            self._windows[recipient] = _Window(human_agent_allowed)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self._planned.clear()
            self._delays.clear()
            self._windows.clear()

    # request handling (called from server threads) -------------------------------------
    def _record(self, request: RecordedRequest) -> tuple[float, _Answer | None]:
        with self._lock:
            self.requests.append(request)
            delay = self._delays.pop(0) if self._delays else 0.0
            planned = self._planned.pop(0) if self._planned else None
        return delay, planned

    def _window(self, recipient: str) -> _Window | None:
        with self._lock:
            return self._windows.get(recipient)

    def answer(self, request: RecordedRequest) -> _Answer:
        delay, planned = self._record(request)
        if delay:
            time.sleep(delay)
        if planned is not None:
            return planned
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return _json(
                401, graph_error("Invalid OAuth access token - Cannot parse access token", 190)
            )
        parts = request.path.split("?")[0].strip("/").split("/")
        if (
            request.method != "POST"
            or len(parts) != 3
            or parts[0] != self.version
            or parts[2] != "messages"
        ):
            return _json(400, graph_error(f"Unknown path components: {request.path[:80]}", 2500))
        if not isinstance(request.json, dict):
            return _json(400, graph_error("(#100) The request body must be a JSON object", 100))
        if "messaging_product" in request.json:
            return self._whatsapp(request.json)
        return self._messaging(request.json)

    def _whatsapp(self, body: dict[str, Any]) -> _Answer:
        missing = _whatsapp_missing(body)
        if missing:
            return _json(400, graph_error(f"(#100) The parameter {missing} is required.", 100))
        window = self._window(str(body["to"]))
        if window is not None and body["type"] != "template":
            error = graph_error("(#131047) Re-engagement message", 131047)
            error["error"]["error_data"] = {
                "messaging_product": "whatsapp",
                "details": WINDOW_DETAILS,
            }
            return _json(400, error)
        answer: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "contacts": [{"input": body["to"], "wa_id": body["to"]}],
            "messages": [{"id": f"wamid.STANDIN{next(self._ids):06d}"}],
        }
        if body["type"] == "template":
            answer["messages"][0]["message_status"] = "accepted"
        return _json(200, answer)

    def _messaging(self, body: dict[str, Any]) -> _Answer:
        missing = _messaging_missing(body)
        if missing:
            return _json(400, graph_error(f"(#100) The parameter {missing} is required", 100))
        recipient = str(body["recipient"]["id"])
        window = self._window(recipient)
        tagged = body.get("messaging_type") == "MESSAGE_TAG" and body.get("tag") == "HUMAN_AGENT"
        if window is not None and not (window.human_agent_allowed and tagged):
            message = "(#10) This message is sent outside of allowed window."
            return _json(400, graph_error(message, 10, subcode=2018278))
        return _json(
            200, {"recipient_id": recipient, "message_id": f"m_STANDIN{next(self._ids):06d}"}
        )


def _whatsapp_missing(body: dict[str, Any]) -> str:
    """The first required parameter that is missing, Meta-style dotted, or ""."""
    if body.get("messaging_product") != "whatsapp":
        return "messaging_product"
    if not isinstance(body.get("to"), str) or not body["to"]:
        return "to"
    kind = body.get("type", "text")
    if kind == "text":
        text = body.get("text")
        return (
            ""
            if isinstance(text, dict) and isinstance(text.get("body"), str) and text["body"]
            else "text.body"
        )
    if kind == "template":
        template = body.get("template")
        if not isinstance(template, dict) or not template.get("name"):
            return "template.name"
        language = template.get("language")
        return (
            "" if isinstance(language, dict) and language.get("code") else "template.language.code"
        )
    return "type"


def _messaging_missing(body: dict[str, Any]) -> str:
    recipient = body.get("recipient")
    if not isinstance(recipient, dict) or not recipient.get("id"):
        return "recipient"
    message = body.get("message")
    if not isinstance(message, dict) or not (message.get("text") or message.get("attachment")):
        return "message"
    kind = body.get("messaging_type")
    if kind not in ("RESPONSE", "UPDATE", "MESSAGE_TAG"):
        return "messaging_type"
    if kind == "MESSAGE_TAG" and not body.get("tag"):
        return "tag"
    return ""


def _json(status: int, body: Mapping[str, Any]) -> _Answer:
    return _Answer(
        status, json.dumps(body).encode(), {"Content-Type": "application/json; charset=UTF-8"}
    )


def _handler_for(standin: GraphApiStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self._serve()

        def do_GET(self) -> None:
            self._serve()

        def _serve(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
            raw = self.rfile.read(length) if length else b""
            headers = {name.lower(): value for name, value in self.headers.items()}
            request = RecordedRequest(self.command, self.path, headers, raw, _decode(raw))
            answer = standin.answer(request)
            try:
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except OSError:
                pass  # the client gave up (a provoked timeout): nothing to answer

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean; requests are recorded instead

    return Handler


def _decode(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None
