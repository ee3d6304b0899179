"""Property-based: any conversation, written in any WhatsApp format, reads back the same."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import assume, given
from hypothesis import strategies as st

from zicht.inbox.imports import parse_whatsapp
from zicht.inbox.imports import whatsapp_patterns as patterns
from zicht.inbox.imports.text import MARK_CHARS
from zicht.inbox.imports.whatsapp import looks_like_whatsapp

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _h12(moment: datetime) -> int:
    return moment.hour % 12 or 12


def _ampm(moment: datetime, am: str, pm: str) -> str:
    return am if moment.hour < 12 else pm


@dataclass(frozen=True)
class Format:
    name: str
    header: Callable[[datetime], str]
    seconds: bool = False
    month_first: bool = False
    newline: str = "\n"


FORMATS = [
    Format("android nl 24h", lambda d: f"{d:%d-%m-%Y %H:%M} - "),
    Format("android nl 2-digit year", lambda d: f"{d.day}-{d.month}-{d:%y} {d:%H:%M} - "),
    Format("android en day-first", lambda d: f"{d:%d/%m/%Y}, {d:%H:%M} - "),
    Format(
        "android nl a.m./p.m.",
        lambda d: f"{d.day}-{d.month}-{d.year} {_h12(d)}:{d:%M} {_ampm(d, 'a.m.', 'p.m.')} - ",
    ),
    Format(
        "android us 12h",
        lambda d: f"{d.month}/{d.day}/{d:%y}, {_h12(d)}:{d:%M} {_ampm(d, 'AM', 'PM')} - ",
        month_first=True,
    ),
    Format("ios nl seconds", lambda d: f"[{d:%d-%m-%Y %H:%M:%S}] ", seconds=True),
    Format(
        "ios nl seconds with marks and crlf",
        lambda d: f"\u200e[{d:%d-%m-%Y %H:%M:%S}] ",
        seconds=True,
        newline="\r\n",
    ),
    Format(
        "ios en 12h narrow space",
        lambda d: f"[{d:%d/%m/%Y}, {_h12(d)}:{d:%M:%S}\u202f{_ampm(d, 'AM', 'PM')}] ",
        seconds=True,
    ),
    Format(
        "ios us 12h",
        lambda d: f"[{d.month}/{d.day}/{d:%y}, {_h12(d)}:{d:%M:%S}\u202f{_ampm(d, 'AM', 'PM')}] ",
        seconds=True,
        month_first=True,
    ),
]

senders = (
    st.text(
        st.sampled_from(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ()+-.éëöçşğ"
        ),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)
# Any printable text, plus the characters most likely to confuse a line parser.
characters = st.one_of(
    st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn"), exclude_characters=MARK_CHARS),
    st.sampled_from(":-–/[],.0123456789 😀👍🏽❤️"),
)
lines = st.text(characters, max_size=40)
texts = st.lists(lines, min_size=1, max_size=4).map("\n".join).map(str.strip).filter(bool)
moments = st.datetimes(min_value=datetime(2009, 1, 1), max_value=datetime(2099, 12, 31))


@st.composite
def conversations(draw: st.DrawFn) -> list[tuple[datetime, str, str]]:
    people = draw(st.lists(senders, min_size=1, max_size=3, unique=True))
    size = draw(st.integers(min_value=1, max_value=6))
    times = sorted(draw(st.lists(moments, min_size=size, max_size=size)))
    return [(time, draw(st.sampled_from(people)), draw(texts)) for time in times]


def plain_message(sender: str, text: str) -> bool:
    """A text the parser must keep as it is: no placeholder, notice or header look-alike."""
    continuation = text.split("\n")[1:]
    return (
        bool(text)
        and text == text.strip()
        and patterns.without_edited_marker(text) == text
        and patterns.media_text(text.split("\n")[0]) is None
        and patterns.deleted_text(text) is None
        and not patterns.is_notice(text)
        and not patterns.is_notice_line(f"{sender}: {text}")
        and not any(looks_like_whatsapp(line) for line in continuation)
    )


def precise(moment: datetime, fmt: Format) -> datetime:
    return moment.replace(microsecond=0, second=moment.second if fmt.seconds else 0)


def unambiguous(conversation: list[tuple[datetime, str, str]], fmt: Format) -> list:
    """US dates can only be told apart from Dutch ones when some day is past the 12th."""
    if not fmt.month_first:
        return conversation
    (first, sender, text), *rest = conversation
    return sorted([(first.replace(day=max(first.day, 13)), sender, text), *rest])


def render(conversation: list[tuple[datetime, str, str]], fmt: Format) -> bytes:
    lines = [f"{fmt.header(time)}{sender}: {text}" for time, sender, text in conversation]
    return fmt.newline.join(lines).replace("\n", fmt.newline).encode("utf-8")


@given(conversation=conversations(), fmt=st.sampled_from(FORMATS))
def test_every_format_round_trips_senders_texts_and_times(
    conversation: list[tuple[datetime, str, str]], fmt: Format
) -> None:
    conversation = unambiguous(conversation, fmt)
    assume(all(plain_message(sender, text) for _, sender, text in conversation))

    chat = parse_whatsapp(render(conversation, fmt), filename="WhatsApp Chat with Mo.txt")

    expected = [
        (precise(time, fmt).replace(tzinfo=AMSTERDAM), sender, text)
        for time, sender, text in conversation
    ]
    assert [(m.sent_at, m.sender, m.text) for m in chat.messages] == expected
    assert {m.kind for m in chat.messages} == {"text"}
    assert chat.skipped == ()


@given(conversation=conversations(), fmt=st.sampled_from(FORMATS))
def test_fingerprints_are_stable_across_parses_and_distinct_within_a_chat(
    conversation: list[tuple[datetime, str, str]], fmt: Format
) -> None:
    conversation = unambiguous(conversation, fmt)
    assume(all(plain_message(sender, text) for _, sender, text in conversation))
    data = render(conversation, fmt)

    first = parse_whatsapp(data, filename="WhatsApp Chat with Mo.txt")
    again = parse_whatsapp(data, filename="WhatsApp Chat with Mo (1).txt")

    prints = [message.fingerprint for message in first.messages]
    assert prints == [message.fingerprint for message in again.messages]
    assert len(set(prints)) == len(prints)


@given(
    conversation=conversations(),
    later=conversations(),
    fmt=st.sampled_from(FORMATS[:3]),
)
def test_a_later_export_of_the_same_chat_repeats_the_earlier_fingerprints(
    conversation: list[tuple[datetime, str, str]],
    later: list[tuple[datetime, str, str]],
    fmt: Format,
) -> None:
    """Re-importing a longer export adds only the new messages."""
    last = conversation[-1][0]
    longer = conversation + [(max(time, last), s, t) for time, s, t in later]
    assume(all(plain_message(sender, text) for _, sender, text in longer))

    before = parse_whatsapp(render(conversation, fmt), filename="WhatsApp Chat with Mo.txt")
    after = parse_whatsapp(render(longer, fmt), filename="WhatsApp Chat with Mo.txt")

    prints = [message.fingerprint for message in before.messages]
    assert [message.fingerprint for message in after.messages][: len(prints)] == prints


@given(text=texts, other=texts)
def test_the_same_message_in_another_chat_has_another_fingerprint(text: str, other: str) -> None:
    assume(plain_message("Mo", text))
    data = f"25-11-2026 14:03 - Mo: {text}".encode()

    here = parse_whatsapp(data, filename="WhatsApp Chat with Mo.txt")
    there = parse_whatsapp(data, filename="WhatsApp Chat with Noor.txt")

    assert here.messages[0].fingerprint != there.messages[0].fingerprint
