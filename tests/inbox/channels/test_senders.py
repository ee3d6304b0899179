"""The senders against a real local HTTP stand-in of the Graph API (no patched client)."""

import json
import socket
import threading
from collections.abc import Iterator

import pytest

from tests.inbox.channels.conftest import TOKEN
from tests.standins.graph_api import GraphApiStandIn, graph_error
from zicht.inbox.channels import instagram, messenger  # noqa: F401 - packages exist
from zicht.inbox.channels.graph import SendError, SendResult
from zicht.inbox.channels.instagram import sender as instagram_sender
from zicht.inbox.channels.messenger import sender as messenger_sender
from zicht.inbox.channels.whatsapp import sender as whatsapp_sender

PHONE_NUMBER_ID = "109876543210001"
WA_CONTACT = "31612345678"


def wa_text(graph: GraphApiStandIn, *, token: str = TOKEN, timeout: float = 5.0) -> SendResult:
    return whatsapp_sender.send_text(
        base_url=graph.base_url,
        token=token,
        phone_number_id=PHONE_NUMBER_ID,
        to=WA_CONTACT,
        text="Hoi Sam, ik bel je zo.",
        timeout=timeout,
    )


def wa_error(graph: GraphApiStandIn, **kwargs: object) -> SendError:
    with pytest.raises(SendError) as caught:
        wa_text(graph, **kwargs)  # type: ignore[arg-type]
    return caught.value


# --- WhatsApp --------------------------------------------------------------------------


def test_whatsapp_text_request_and_result(graph_api: GraphApiStandIn) -> None:
    result = wa_text(graph_api)
    assert result.external_id.startswith("wamid.")
    (request,) = graph_api.requests
    assert request.method == "POST"
    assert request.path == f"/v21.0/{PHONE_NUMBER_ID}/messages"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    assert request.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": WA_CONTACT,
        "type": "text",
        "text": {"preview_url": False, "body": "Hoi Sam, ik bel je zo."},
    }


def test_whatsapp_template_request(graph_api: GraphApiStandIn) -> None:
    result = whatsapp_sender.send_template(
        base_url=graph_api.base_url,
        token=TOKEN,
        phone_number_id=PHONE_NUMBER_ID,
        to=WA_CONTACT,
        template="terugbelverzoek",
        language="nl",
        parameters=["Sam", "morgen"],
    )
    assert result.external_id.startswith("wamid.")
    assert graph_api.requests[0].json == {
        "messaging_product": "whatsapp",
        "to": WA_CONTACT,
        "type": "template",
        "template": {
            "name": "terugbelverzoek",
            "language": {"code": "nl"},
            "components": [
                {
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": "Sam"},
                        {"type": "text", "text": "morgen"},
                    ],
                }
            ],
        },
    }


def test_whatsapp_template_without_parameters_has_no_components(graph_api: GraphApiStandIn) -> None:
    whatsapp_sender.send_template(
        base_url=graph_api.base_url,
        token=TOKEN,
        phone_number_id=PHONE_NUMBER_ID,
        to=WA_CONTACT,
        template="hello_world",
        language="en_US",
    )
    assert "components" not in graph_api.requests[0].json["template"]


def test_whatsapp_closed_window_refuses_text_but_not_template(graph_api: GraphApiStandIn) -> None:
    graph_api.close_window(WA_CONTACT)
    error = wa_error(graph_api)
    assert error.window_closed is True
    assert error.retryable is False
    assert (error.status, error.code) == (400, 131047)
    assert error.reason.startswith("131047: (#131047) Re-engagement message (Message failed")
    result = whatsapp_sender.send_template(
        base_url=graph_api.base_url,
        token=TOKEN,
        phone_number_id=PHONE_NUMBER_ID,
        to=WA_CONTACT,
        template="hello_world",
        language="nl",
    )
    assert result.external_id


def test_server_error_is_retryable(graph_api: GraphApiStandIn) -> None:
    graph_api.fail_next(status=500)
    error = wa_error(graph_api)
    assert (error.retryable, error.window_closed, error.status, error.code) == (True, False, 500, 2)
    assert wa_text(graph_api).external_id  # the next request succeeds


@pytest.mark.parametrize("code", [4, 17, 32, 613, 80007, 130429, 131048, 131056])
def test_throttling_codes_are_retryable_even_as_400(graph_api: GraphApiStandIn, code: int) -> None:
    graph_api.fail_next(
        status=400, error=graph_error("(#4) Application request limit reached", code)
    )
    assert wa_error(graph_api).retryable is True


def test_transient_flag_is_retryable(graph_api: GraphApiStandIn) -> None:
    error = graph_error("Temporary failure", 1)
    error["error"]["is_transient"] = True
    graph_api.fail_next(status=400, error=error)
    assert wa_error(graph_api).retryable is True


def test_wrong_token_is_401_and_not_retryable(graph_api: GraphApiStandIn) -> None:
    error = wa_error(graph_api, token="wrong-token")
    assert (error.status, error.code, error.retryable) == (401, 190, False)
    assert "wrong-token" not in error.reason
    assert "wrong-token" not in str(error)


def test_missing_parameter_is_400_code_100(graph_api: GraphApiStandIn) -> None:
    with pytest.raises(SendError) as caught:
        whatsapp_sender.send_text(
            base_url=graph_api.base_url,
            token=TOKEN,
            phone_number_id=PHONE_NUMBER_ID,
            to="",
            text="x",
        )
    assert (caught.value.status, caught.value.code, caught.value.retryable) == (400, 100, False)
    assert "to" in caught.value.reason


def test_timeout_is_retryable(graph_api: GraphApiStandIn) -> None:
    graph_api.delay_next(1.0)
    error = wa_error(graph_api, timeout=0.2)
    assert error.retryable is True
    assert error.reason.startswith("timeout")
    assert error.status is None


def test_connection_refused_is_retryable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SendError) as caught:
        whatsapp_sender.send_text(
            base_url=f"http://127.0.0.1:{port}/v21.0",
            token=TOKEN,
            phone_number_id=PHONE_NUMBER_ID,
            to=WA_CONTACT,
            text="x",
            timeout=1,
        )
    assert caught.value.retryable is True
    assert caught.value.reason.startswith("connection")


def test_non_json_error_response_is_not_retryable(graph_api: GraphApiStandIn) -> None:
    graph_api.fail_next(status=400, body=b"<html>Bad Request</html>")
    error = wa_error(graph_api)
    assert (error.retryable, error.status, error.code) == (False, 400, None)
    assert "without a Graph error body" in error.reason


def test_non_json_success_response_is_not_retryable(graph_api: GraphApiStandIn) -> None:
    graph_api.fail_next(status=200, body=b"ok")
    error = wa_error(graph_api)
    assert error.retryable is False
    assert "not a JSON object" in error.reason


def test_success_without_message_id_is_an_error(graph_api: GraphApiStandIn) -> None:
    graph_api.fail_next(status=200, body=json.dumps({"messages": []}).encode())
    assert "no messages[0].id" in wa_error(graph_api).reason


def test_redirect_is_not_followed(graph_api: GraphApiStandIn) -> None:
    with GraphApiStandIn(token=TOKEN) as elsewhere:
        graph_api.redirect_next(f"{elsewhere.base_url}/{PHONE_NUMBER_ID}/messages", status=307)
        error = wa_error(graph_api)
        assert elsewhere.requests == []
    assert (error.status, error.retryable) == (307, False)
    assert "redirect" in error.reason
    assert len(graph_api.requests) == 1


def test_302_redirect_is_not_followed(graph_api: GraphApiStandIn) -> None:
    graph_api.redirect_next("http://127.0.0.1:9/elsewhere")
    error = wa_error(graph_api)
    assert error.status == 302
    assert len(graph_api.requests) == 1


def test_ids_cannot_change_the_path(graph_api: GraphApiStandIn) -> None:
    whatsapp_sender.send_text(
        base_url=graph_api.base_url, token=TOKEN, phone_number_id="../me", to=WA_CONTACT, text="x"
    )
    assert graph_api.requests[0].path == "/v21.0/..%2Fme/messages"


def test_base_url_must_be_http() -> None:
    with pytest.raises(SendError, match="not an http"):
        whatsapp_sender.send_text(
            base_url="file:///etc", token=TOKEN, phone_number_id="1", to=WA_CONTACT, text="x"
        )


# --- Instagram and Messenger ------------------------------------------------------------

SENDERS = [
    pytest.param(
        instagram_sender.send_text, "17841400000000001", "5512345678901234", id="instagram"
    ),
    pytest.param(messenger_sender.send_text, "104000000000001", "7000000000000001", id="messenger"),
]


@pytest.mark.parametrize(("send", "account", "contact"), SENDERS)
def test_messaging_text_request_and_result(
    graph_api: GraphApiStandIn, send: object, account: str, contact: str
) -> None:
    result = send(  # type: ignore[operator]
        base_url=graph_api.base_url,
        token=TOKEN,
        account_id=account,
        recipient_id=contact,
        text="Hoi!",
    )
    assert result.external_id.startswith("m_")
    (request,) = graph_api.requests
    assert request.path == f"/v21.0/{account}/messages"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.json == {
        "recipient": {"id": contact},
        "message": {"text": "Hoi!"},
        "messaging_type": "RESPONSE",
    }


@pytest.mark.parametrize(("send", "account", "contact"), SENDERS)
def test_closed_window_and_human_agent_tag(
    graph_api: GraphApiStandIn, send: object, account: str, contact: str
) -> None:
    graph_api.close_window(contact, human_agent_allowed=True)
    kwargs = {
        "base_url": graph_api.base_url,
        "token": TOKEN,
        "account_id": account,
        "recipient_id": contact,
    }
    with pytest.raises(SendError) as caught:
        send(text="Hoi!", **kwargs)  # type: ignore[operator]
    error = caught.value
    assert (error.window_closed, error.retryable, error.code, error.subcode) == (
        True,
        False,
        10,
        2018278,
    )
    assert error.reason == "10/2018278: (#10) This message is sent outside of allowed window."
    result = send(text="Hoi!", human_agent=True, **kwargs)  # type: ignore[operator]
    assert result.external_id
    assert graph_api.requests[-1].json["messaging_type"] == "MESSAGE_TAG"
    assert graph_api.requests[-1].json["tag"] == "HUMAN_AGENT"


@pytest.mark.parametrize(("send", "account", "contact"), SENDERS)
def test_window_closed_beyond_human_agent_period(
    graph_api: GraphApiStandIn, send: object, account: str, contact: str
) -> None:
    graph_api.close_window(contact)
    with pytest.raises(SendError) as caught:
        send(  # type: ignore[operator]
            base_url=graph_api.base_url,
            token=TOKEN,
            account_id=account,
            recipient_id=contact,
            text="Hoi!",
            human_agent=True,
        )
    assert caught.value.window_closed is True


def test_instagram_window_subcode_is_recognised(graph_api: GraphApiStandIn) -> None:
    error = graph_error(
        "(#10) This message is sent outside of allowed window.", 10, subcode=2534022
    )
    graph_api.fail_next(status=400, error=error)
    with pytest.raises(SendError) as caught:
        instagram_sender.send_text(
            base_url=graph_api.base_url, token=TOKEN, account_id="1", recipient_id="2", text="x"
        )
    assert caught.value.window_closed is True


def test_messenger_server_error_is_retryable(graph_api: GraphApiStandIn) -> None:
    graph_api.fail_next(status=503)
    with pytest.raises(SendError) as caught:
        messenger_sender.send_text(
            base_url=graph_api.base_url, token=TOKEN, account_id="1", recipient_id="2", text="x"
        )
    assert caught.value.retryable is True


def test_messenger_error_551_is_not_window_closed(graph_api: GraphApiStandIn) -> None:
    graph_api.fail_next(
        status=400, error=graph_error("(#551) This person isn't available right now.", 551)
    )
    with pytest.raises(SendError) as caught:
        messenger_sender.send_text(
            base_url=graph_api.base_url, token=TOKEN, account_id="1", recipient_id="2", text="x"
        )
    assert (caught.value.window_closed, caught.value.retryable) == (False, False)


# --- the stand-in itself ----------------------------------------------------------------


@pytest.fixture
def busy_graph() -> Iterator[GraphApiStandIn]:
    with GraphApiStandIn(token=TOKEN) as standin:
        yield standin


def test_standin_serves_concurrent_requests(busy_graph: GraphApiStandIn) -> None:
    results: list[str] = []

    def send() -> None:
        results.append(wa_text(busy_graph).external_id)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 8
    assert len(busy_graph.requests) == 8


def test_standin_rejects_unknown_paths(graph_api: GraphApiStandIn) -> None:
    with pytest.raises(SendError) as caught:
        whatsapp_sender.send_text(
            base_url=graph_api.base_url.replace("v21.0", "v2.0"),
            token=TOKEN,
            phone_number_id=PHONE_NUMBER_ID,
            to=WA_CONTACT,
            text="x",
        )
    assert caught.value.status == 400


@pytest.mark.parametrize("token", ["", "abc\r\nX-Injected: 1"])
def test_unusable_token_is_refused_before_sending(graph_api: GraphApiStandIn, token: str) -> None:
    error = wa_error(graph_api, token=token)
    assert error.retryable is False
    assert "Injected" not in error.reason
    assert graph_api.requests == []
