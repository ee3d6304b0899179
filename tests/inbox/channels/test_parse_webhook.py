import contextlib
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.inbox.channels.conftest import FIXTURES, load
from zicht.inbox.channels import PayloadError, channel_kind_of, parse_webhook


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([], "body must be an object, not array"),
        ("hoi", "body must be an object, not string"),
        (None, "body must be an object, not null"),
        ({}, "body.object is missing"),
        ({"object": 7}, "body.object must be a string, not number"),
        (
            {"object": "user", "entry": []},
            "body.object 'user' is not one of: instagram, page, whatsapp_business_account",
        ),
        ({"object": "page"}, "body.entry is missing"),
        ({"object": "page", "entry": {}}, "body.entry must be an array, not object"),
        ({"object": "instagram", "entry": [3]}, "entry[0] must be an object, not number"),
        ({"object": "page", "entry": [{"messaging": []}]}, "entry[0].id is missing"),
        (
            {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": "x"}]},
            "entry[0].changes must be an array, not string",
        ),
        (
            {"object": "page", "entry": [{"id": "1", "messaging": [{"sender": {"id": True}}]}]},
            "entry[0].messaging[0].sender.id must be a string, not boolean",
        ),
    ],
)
def test_malformed_bodies_raise_precise_payload_errors(body: object, message: str) -> None:
    with pytest.raises(PayloadError, match=f"^{re.escape(message)}$"):
        parse_webhook(body)


@pytest.mark.parametrize(
    ("obj", "kind"),
    [("whatsapp_business_account", "whatsapp"), ("instagram", "instagram"), ("page", "messenger")],
)
def test_channel_kind_of(obj: str, kind: str) -> None:
    assert channel_kind_of({"object": obj, "entry": []}) == kind


def test_every_fixture_is_valid_json_and_parses() -> None:
    paths = sorted(FIXTURES.glob("*/fixtures/*.json"))
    assert len(paths) >= 25
    for path in paths:
        events = parse_webhook(json.loads(path.read_text()))
        assert events, path.name


def test_timestamp_out_of_range_is_a_payload_error() -> None:
    body = load("messenger", "text")
    body["entry"][0]["messaging"][0]["timestamp"] = 10**30
    with pytest.raises(PayloadError, match=r"timestamp is out of range"):
        parse_webhook(body)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_arbitrary_json_only_ever_raises_payload_error(body: Any) -> None:
    with contextlib.suppress(PayloadError):
        parse_webhook(body)


def meta_like_body() -> st.SearchStrategy[Any]:
    """Bodies shaped like Meta's, with arbitrary values in the places that matter."""
    leaf = (
        st.none() | st.booleans() | st.integers() | st.text(max_size=6) | st.floats(allow_nan=False)
    )
    anything = st.recursive(
        leaf,
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
        max_leaves=10,
    )
    message_keys = st.sampled_from(
        [
            "id",
            "from",
            "timestamp",
            "type",
            "text",
            "image",
            "context",
            "mid",
            "attachments",
            "reply_to",
            "is_echo",
            "location",
            "contacts",
            "reaction",
            "interactive",
            "errors",
            "status",
            "sticker_id",
        ]
    )
    item = st.dictionaries(message_keys, anything, max_size=6)
    value = st.fixed_dictionaries(
        {"metadata": st.dictionaries(st.sampled_from(["phone_number_id"]), anything)},
        optional={
            "messages": st.lists(item, max_size=3),
            "statuses": st.lists(item, max_size=3),
            "contacts": anything,
        },
    )
    event = st.fixed_dictionaries(
        {"sender": st.fixed_dictionaries({"id": st.text(min_size=1, max_size=4)})},
        optional={
            "timestamp": anything,
            "message": item,
            "reaction": item,
            "read": item,
            "delivery": item,
            "postback": item,
            "recipient": anything,
        },
    )
    entry = st.fixed_dictionaries(
        {"id": st.text(min_size=1, max_size=4)},
        optional={
            "changes": st.lists(
                st.fixed_dictionaries({"field": st.just("messages"), "value": value}), max_size=2
            ),
            "messaging": st.lists(event, max_size=3),
        },
    )
    return st.fixed_dictionaries(
        {
            "object": st.sampled_from(["whatsapp_business_account", "instagram", "page"]),
            "entry": st.lists(entry, max_size=3),
        }
    )


@settings(max_examples=400, deadline=None)
@given(meta_like_body())
def test_meta_shaped_garbage_only_ever_raises_payload_error(body: Any) -> None:
    with contextlib.suppress(PayloadError):
        parse_webhook(body)
