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
        triggered: set[int] = set(self.untriggered)
        unforced: set[str] = set()
        for last, entries in self.automaton.iter(text):
            for length, entry in entries:
                start, end = last + 1 - length, last + 1
                if not _bounded(text, start, end, entry.prefix):
                    continue
                hit = Hit(entry.group, entry.key, entry.weight, start, end)
                if entry.kind == "term":
                    hits.append(hit)
                elif entry.kind == "benign":
                    benign.append(hit)
                elif entry.kind == "trigger":
                    triggered.add(int(entry.key))
                elif entry.kind == "unforce":
                    unforced.add(entry.key)
                else:
                    contexts.add(entry.key)
        for index in triggered:
            pattern, entry = self.patterns[index]
            force = entry.force and entry.key not in unforced
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    hits.append(Hit(entry.group, entry.key, entry.weight, *match.span(), force))
        return hits, benign, contexts


_LEADING_GROUP = re.compile(r"\\b\(([^()]+)\)")
_LEADING_WORDS = re.compile(r"\\b([a-z][a-z ]*)")


def pattern_anchors(pattern: str) -> list[str] | None:
    """Words one of which must start every match (``\\b(moslims?|joden) ...`` gives
    ``moslim``, ``joden``), so a pattern only runs on texts containing one; ``None`` when
    the pattern has no such literal start and must always run."""
    group = _LEADING_GROUP.match(pattern)
    words = _LEADING_WORDS.match(pattern)
    if group:
        options = group.group(1).split("|")
    elif words:
        options = [words.group(1)]
    else:
        return None
    anchors = [_literal_prefix(option) for option in options]
    return None if any(not anchor for anchor in anchors) else anchors


def _literal_prefix(option: str) -> str:
    for position, char in enumerate(option):
        if char == "?":
            return option[: position - 1].strip()
        if char in "\\[(*+.{":
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
