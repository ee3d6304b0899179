"""Send WhatsApp messages: `POST /{phone-number-id}/messages` on the Cloud API.

Free text only inside the 24-hour customer-service window; outside it Meta answers
131047 and only an approved template may be sent (`window_closed` on the SendError).
"""

from collections.abc import Mapping, Sequence

from zicht.inbox.channels.graph import GraphError, SendError, SendResult, messages_path, post_json

WINDOW_CLOSED_CODES = frozenset({131047})


def window_closed(error: GraphError) -> bool:
    return error.code in WINDOW_CLOSED_CODES


def send_text(
    *, base_url: str, token: str, phone_number_id: str, to: str, text: str, timeout: float = 10.0
) -> SendResult:
    payload = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "text",
        "text": {"preview_url": False, "body": text},
    }
    return _send(base_url, token, phone_number_id, payload, timeout)


def send_template(
    *,
    base_url: str,
    token: str,
    phone_number_id: str,
    to: str,
    template: str,
    language: str,
    parameters: Sequence[str] = (),
    timeout: float = 10.0,
) -> SendResult:
    """An approved template; `parameters` fill the body's {{1}}, {{2}}, ... in order."""
    body: dict[str, object] = {"name": template, "language": {"code": language}}
    if parameters:
        values = [{"type": "text", "text": value} for value in parameters]
        body["components"] = [{"type": "body", "parameters": values}]
    payload = {"messaging_product": "whatsapp", "to": to, "type": "template", "template": body}
    return _send(base_url, token, phone_number_id, payload, timeout)


def _send(
    base_url: str, token: str, phone_number_id: str, payload: Mapping[str, object], timeout: float
) -> SendResult:
    response = post_json(
        base_url=base_url,
        path=messages_path(phone_number_id),
        token=token,
        payload=payload,
        timeout=timeout,
        window_closed=window_closed,
    )
    return SendResult(external_id=_message_id(response))


def _message_id(response: Mapping[str, object]) -> str:
    """`{"messages": [{"id": "wamid..."}]}` in Meta's success response."""
    messages = response.get("messages")
    first = messages[0] if isinstance(messages, list) and messages else None
    message_id = first.get("id") if isinstance(first, Mapping) else None
    if not isinstance(message_id, str) or not message_id:
        raise SendError(
            "unexpected response from Graph API: no messages[0].id", retryable=False, status=200
        )
    return message_id
