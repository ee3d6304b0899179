"""Send API shared by Messenger and Instagram: `POST /{id}/messages`.

Inside 24 hours after the contact's last message a reply is a plain RESPONSE; up to
7 days a human may still answer with `MESSAGE_TAG` + `HUMAN_AGENT`. Outside the window
Meta answers code 10 (Messenger subcode 2018278, Instagram 2534022): `window_closed`.
"""

from collections.abc import Mapping

from zicht.inbox.channels.graph import GraphError, SendError, SendResult, messages_path, post_json

WINDOW_CLOSED_SUBCODES = frozenset({2018278, 2534022})


def window_closed(error: GraphError) -> bool:
    return error.code == 10 and error.subcode in WINDOW_CLOSED_SUBCODES


def send_text(
    *,
    base_url: str,
    token: str,
    account_id: str,
    recipient_id: str,
    text: str,
    human_agent: bool = False,
    timeout: float = 10.0,
) -> SendResult:
    payload: dict[str, object] = {
        "recipient": {"id": recipient_id},
        "message": {"text": text},
        "messaging_type": "MESSAGE_TAG" if human_agent else "RESPONSE",
    }
    if human_agent:
        payload["tag"] = "HUMAN_AGENT"
    response = post_json(
        base_url=base_url,
        path=messages_path(account_id),
        token=token,
        payload=payload,
        timeout=timeout,
        window_closed=window_closed,
    )
    return SendResult(external_id=_message_id(response))


def _message_id(response: Mapping[str, object]) -> str:
    """`{"recipient_id": "...", "message_id": "mid..."}` in Meta's success response."""
    message_id = response.get("message_id")
    if not isinstance(message_id, str) or not message_id:
        raise SendError(
            "unexpected response from Graph API: no message_id", retryable=False, status=200
        )
    return message_id
