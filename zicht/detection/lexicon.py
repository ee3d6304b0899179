"""Lexicons as data: load the YAML files and match them with Aho-Corasick.

Every term is normalised with the same normaliser as the texts, so "m3s" in a text and
"mes" in a lexicon meet. Matches respect word boundaries (a term ending in ``*`` may run
on into a longer word). A benign phrase that overlaps a signal match cancels it
("dood van het lachen"), whichever category lists it; a benign context anywhere in the text
cancels that category's ambiguous matches (weight below ``STRONG``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from zicht.detection.normalise import Normalised, normalise
from zicht.detection.schema import CATEGORIES, HELP_DOMAINS, SUBSTANCES

LEXICON_DIR = Path(__file__).parent / "lexicons"
URGENCY_CUES: tuple[str, ...] = ("time", "place", "plan", "deadline", "goodbye")
STRONG = 0.8


@dataclass(frozen=True)
class Entry:
    """One lexicon item. ``group`` is cat, sub, help, cue or urg; ``key`` names the slot."""

    group: str
    key: str
    weight: float
    prefix: bool
    kind: str = "term"
    force: bool = False


@dataclass(frozen=True)
class Hit:
    """A lexicon match in the normalised text, ``[start, end)``."""

    group: str
    key: str
    weight: float
    start: int
    end: int
    force: bool = False


@dataclass
class Scan:
    """Matches in one text, after benign cancellation."""

    hits: list[Hit] = field(default_factory=list)
    cancelled: dict[str, int] = field(default_factory=dict)

    def forced(self) -> set[str]:
        """Categories that a decisive pattern settles for this text."""
        return {h.key for h in self.hits if h.force}

    def best(self, group: str, key: str) -> float:
        return max((h.weight for h in self.hits if h.group == group and h.key == key), default=0.0)


@dataclass
class Lexicon:
    """The compiled lexicons: an automaton over all terms plus regex patterns."""

    version: str
    automaton: Any
    patterns: list[tuple[re.Pattern[str], Entry]]
    size: int
    untriggered: frozenset[int] = frozenset()

    def scan(self, text: Normalised) -> Scan:
        raw, benign, contexts = self._raw_matches(text.text)
        return _cancel(raw, benign, contexts)

    def _raw_matches(self, text: str) -> tuple[list[Hit], list[Hit], set[str]]:
        hits: list[Hit] = []
        benign: list[Hit] = []
        contexts: set[str] = set()
        triggered: dict[int, set[int]] = {}
        unforced: set[str] = set()
        for last, entries in self.automaton.iter(text):
            for length, entry in entries:
                start, end = last + 1 - length, last + 1
                if not _bounded(text, start, end, entry.prefix):
                    continue
                if entry.kind == "trigger":
                    triggered.setdefault(int(entry.key), set()).add(start)
                elif entry.kind == "term":
                    hits.append(Hit(entry.group, entry.key, entry.weight, start, end))
                elif entry.kind == "benign":
                    benign.append(Hit(entry.group, entry.key, entry.weight, start, end))
                elif entry.kind == "unforce":
                    unforced.add(entry.key)
                else:
                    contexts.add(entry.key)
        for index in sorted(self.untriggered | triggered.keys()):
            pattern, entry = self.patterns[index]
            if index in self.untriggered:
                matches: Iterable[re.Match[str]] = pattern.finditer(text)
            else:
                matches = _matches_at(pattern, text, triggered[index])
            for match in matches:
                if match.end() > match.start():
                    force = entry.force and entry.key not in unforced
                    hits.append(Hit(entry.group, entry.key, entry.weight, *match.span(), force))
        return hits, benign, contexts


def _matches_at(pattern: re.Pattern[str], text: str, starts: set[int]) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, trying only the positions where one of the
    pattern's anchors starts (every match must start at one): far cheaper than a full scan."""
    found: list[re.Match[str]] = []
    reached = 0
    for start in sorted(starts):
        if start < reached:
            continue
        match = pattern.match(text, start)
        if match is not None and match.end() > start:
            found.append(match)
            reached = match.end()
    return found


_DIGITS = tuple("0123456789")


def pattern_anchors(pattern: str) -> list[str] | None:
    """Words one of which must start every match, so a pattern is only tried where one
    occurs. ``\\b(moslims?|joden) ...`` gives ``moslim``, ``joden``; a leading ``\\d`` gives
    the ten digits. ``None`` when the pattern has no such start and must always run."""
    if not pattern.startswith("\\b"):
        return None
    body = pattern[2:]
    if len(_top_level_parts(body)) > 1:
        return None
    options = [body]
    if body.startswith("("):
        end = _group_end(body)
        if end is None or body[1] == "?" or body[end + 1 : end + 2] in ("?", "*", "{"):
            return None  # unbalanced, special or optional: no literal start to rely on
        options = _top_level_parts(body[1:end])
    anchors: list[str] = []
    for option in options:
        if option.startswith("\\d"):
            anchors.extend(_DIGITS)
            continue
        prefix = _literal_prefix(option)
        if not prefix:
            return None
        anchors.append(prefix)
    return anchors


def _group_end(body: str) -> int | None:
    """The position of the ``)`` that closes the group ``body`` opens with."""
    depth = 0
    for position, char in enumerate(body):
        if body[position - 1 : position] == "\\":
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return position
    return None


def _top_level_parts(text: str) -> list[str]:
    """``text`` split at the ``|`` that are not inside a group or character class."""
    parts, depth, begin = [], 0, 0
    for position, char in enumerate(text):
        if text[position - 1 : position] == "\\":
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(text[begin:position])
            begin = position + 1
    return [*parts, text[begin:]]


def _literal_prefix(option: str) -> str:
    """The literal text every match of ``option`` starts with; a character that may be
    absent (``?``, ``*``, ``{``) does not count."""
    for position, char in enumerate(option):
        if char in "?*{":
            return option[: max(position - 1, 0)].strip()
        if char in "\\[(+.|$^":
            return option[:position].strip()
    return option.strip()


def _bounded(text: str, start: int, end: int, prefix: bool) -> bool:
    if start > 0 and text[start - 1] != " ":
        return False
    return prefix or end == len(text) or text[end] == " "


def _cancel(hits: list[Hit], benign: list[Hit], contexts: set[str]) -> Scan:
    scan = Scan()
    for hit in hits:
        owner = "middelen" if hit.group == "sub" else hit.key
        # A benign phrase ("dood van het lachen") is harmless whichever file lists it.
        overlapped = bool(benign) and any(b.start < hit.end and hit.start < b.end for b in benign)
        weak_in_context = owner in contexts and hit.weight < STRONG and hit.group in {"cat", "sub"}
        if hit.group in {"cat", "sub"} and (overlapped or weak_in_context):
            scan.cancelled[owner] = scan.cancelled.get(owner, 0) + 1
        else:
            scan.hits.append(hit)
    return scan


def _add(table: dict[str, list[tuple[int, Entry]]], term: str, entry: Entry) -> None:
    prefix = term.endswith("*")
    key = normalise(term.rstrip("*")).text
    if key:
        final = Entry(entry.group, entry.key, entry.weight, prefix, entry.kind, entry.force)
        table.setdefault(key, []).append((len(key), final))


def _read(name: str) -> Any:
    with (LEXICON_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _category_entries(table: dict[str, list[tuple[int, Entry]]], patterns: list[Any]) -> None:
    for code in CATEGORIES:
        data = _read(f"{code}.yaml")
        for term, weight in (data.get("terms") or {}).items():
            _add(table, str(term), Entry("cat", code, float(weight), False))
        for phrase in data.get("benign") or []:
            _add(table, str(phrase), Entry("cat", code, 0.0, False, "benign"))
        for phrase in data.get("benign_contexts") or []:
            _add(table, str(phrase), Entry("cat", code, 0.0, False, "context"))
        for phrase in data.get("force_unless") or []:
            _add(table, str(phrase), Entry("cat", code, 0.0, False, "unforce"))
        for item in data.get("patterns") or []:
            entry = Entry("cat", code, float(item["weight"]), False, force=bool(item.get("force")))
            patterns.append((re.compile(item["pattern"]), entry))


def _grouped_entries(
    table: dict[str, list[tuple[int, Entry]]], patterns: list[tuple[re.Pattern[str], Entry]]
) -> None:
    for subtype, terms in _read("substances.yaml").items():
        assert subtype in SUBSTANCES, subtype
        for term, weight in terms.items():
            _add(table, str(term), Entry("sub", subtype, float(weight), False))
    help_data = _read("help.yaml")
    for term, weight in help_data["cues"].items():
        _add(table, str(term), Entry("cue", "help", float(weight), False))
    for domain, terms in help_data["domains"].items():
        assert domain in HELP_DOMAINS, domain
        for term, weight in terms.items():
            _add(table, str(term), Entry("help", domain, float(weight), False))
    urgency = _read("urgency.yaml")
    for cue, items in urgency.pop("patterns", {}).items():
        for item in items:
            entry = Entry("urg", cue, float(item["weight"]), False)
            patterns.append((re.compile(item["pattern"]), entry))
    for cue, terms in urgency.items():
        assert cue in URGENCY_CUES, cue
        for term, weight in terms.items():
            _add(table, str(term), Entry("urg", cue, float(weight), False))


def build_lexicon() -> Lexicon:
    """Read every lexicon file and compile them (a few milliseconds)."""
    table: dict[str, list[tuple[int, Entry]]] = {}
    patterns: list[tuple[re.Pattern[str], Entry]] = []
    _category_entries(table, patterns)
    _grouped_entries(table, patterns)
    for index, (pattern, _) in enumerate(patterns):
        for anchor in pattern_anchors(pattern.pattern) or []:
            _add(table, f"{anchor}*", Entry("pat", str(index), 0, True, "trigger"))
    automaton = ahocorasick.Automaton()
    for key, entries in table.items():
        automaton.add_word(key, tuple(entries))
    automaton.make_automaton()
    version = (LEXICON_DIR / "VERSION").read_text(encoding="utf-8").strip()
    always = frozenset(i for i, (p, _) in enumerate(patterns) if pattern_anchors(p.pattern) is None)
    return Lexicon(version, automaton, patterns, len(table), always)


_LOCK = threading.Lock()
_CACHE: list[Lexicon] = []


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use."""
    if not _CACHE:
        with _LOCK:
            if not _CACHE:
                _CACHE.append(build_lexicon())
    return _CACHE[0]
