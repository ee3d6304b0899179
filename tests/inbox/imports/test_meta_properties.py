"""Property-based: mojibake repair, and any thread split over message files reads back whole."""

import json
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import assume, given
from hypothesis import strategies as st

from tests.inbox.imports.helpers import zip_bytes
from zicht.inbox.imports import parse_meta_export
from zicht.inbox.imports.meta_messages import convert, repair_mojibake

texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))


def mojibake(text: str) -> str:
    """What Meta writes: the UTF-8 bytes of the text, each read as a Latin-1 character."""
    return text.encode("utf-8").decode("latin-1")


@given(text=texts)
def test_repairing_mojibake_gives_back_the_original_text(text: str) -> None:
    assert repair_mojibake(mojibake(text)) == text


@given(text=texts)
def test_text_outside_latin1_is_already_correct_and_left_alone(text: str) -> None:
    assume(any(ord(character) > 0xFF for character in text))

    assert repair_mojibake(text) == text


@given(text=st.text(st.characters(max_codepoint=0x7F, exclude_characters="\x00")))
def test_ascii_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) == text


@given(text=st.text())
def test_repair_never_fails_and_never_leaves_nul_or_lone_surrogates(text: str) -> None:
    repaired = repair_mojibake(text)

    assert "\x00" not in repaired
    repaired.encode("utf-8")


@st.composite
def threads(draw: st.DrawFn) -> list[tuple[int, str, str]]:
    """Messages as (timestamp_ms, sender, content), oldest first."""
    people = draw(
        st.lists(
            st.text(min_size=1, max_size=15).map(str.strip).filter(bool),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    size = draw(st.integers(min_value=1, max_value=12))
    stamps = sorted(
        draw(st.lists(st.integers(0, 4_102_444_800_000), min_size=size, max_size=size, unique=True))
    )
    contents = st.text(min_size=1, max_size=60).map(str.strip).filter(bool)
    return [(stamp, draw(st.sampled_from(people)), draw(contents)) for stamp in stamps]


def is_plain(sender: str, content: str) -> bool:
    entry = {"sender_name": mojibake(sender), "timestamp_ms": 0, "content": mojibake(content)}
    draft = convert(entry)
    return not isinstance(draft, str) and draft.kind == "text" and draft.text == content


@given(thread=threads(), cuts=st.lists(st.integers(min_value=1, max_value=11), max_size=3))
def test_a_thread_split_over_message_files_reads_back_whole_and_in_order(
    thread: list[tuple[int, str, str]], cuts: list[int]
) -> None:
    assume(
        all(
            is_plain(sender, content) and "\x00" not in sender + content
            for _, sender, content in thread
        )
    )
    newest_first = [
        {"sender_name": mojibake(sender), "timestamp_ms": stamp, "content": mojibake(content)}
        for stamp, sender, content in reversed(thread)
    ]
    bounds = sorted({0, *(cut for cut in cuts if cut < len(thread)), len(thread)})
    members = {
        f"messages/inbox/mo_1/message_{part}.json": json.dumps(
            {"participants": [], "title": "Mo", "messages": newest_first[start:end]}
        ).encode()
        for part, (start, end) in enumerate(pairwise(bounds), start=1)
    }

    (conversation,) = parse_meta_export(zip_bytes(members), platform="instagram")

    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    assert [(m.sent_at, m.sender, m.text) for m in conversation.messages] == [
        (epoch + timedelta(milliseconds=stamp), sender, content)
        for stamp, sender, content in thread
    ]
    prints = [message.fingerprint for message in conversation.messages]
    assert len(set(prints)) == len(prints)
