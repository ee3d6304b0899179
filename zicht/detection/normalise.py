"""Normalisation of youth chat that keeps a map back to the original characters.

The normalised text is lower case, without accents, with emoji replaced by Dutch words,
chat abbreviations expanded, leetspeak digits turned into letters, elongations squeezed,
spelled-out words ("f i t t i e", "f.i.t.t.i.e") joined, and words separated by single
spaces. Every normalised character remembers the original range it came from, so a match
in the normalised text becomes an exact span of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from zicht.detection.emoji import ABBREVIATIONS, EMOJI

_MAX_EMOJI = max(len(key) for key in EMOJI)
_IGNORED = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufe0e\ufe0f\u00ad") | frozenset(
    chr(code) for code in range(0x1F3FB, 0x1F400)
)
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_ASCII_RUN = re.compile(r"[\x00-\x7f]{2,}")
_NEEDS_WORK = re.compile(r"['’*013457@$]|(.)\1\1")
_SPELLED = re.compile(r"(?<![^\W_])[^\W_](?:[ .\-_*·,/]{1,2}[^\W_]){2,}(?![^\W_])")
_WORD = re.compile(r"[^\W_]+(?:(?:['’@$]|\*+)[^\W_]+)*|[?!]")
_NUMBER_WITH_UNIT = re.compile(
    r"[1-9]\d*(?:[.,:]\d+)?(?:u|uur|h|x|e|ste|de|k|kg|km|m|min|cm|mm|mg|ml|l|g|gr|jr|jaar|"
    r"am|pm|st|nd|rd|th|mb|gb|p|euro|eu|ct|cc|t|s)?|0\d*"
)
# Two-character leet words of full-leet sentences ("0m", "3n", "d3", "j3").
_SHORT_LEET = re.compile(r"[a-z][0134]|[0134][a-z]")
_LEET_CANDIDATE = re.compile(r"[013457@$]")
# Dutch doubles "ee" and "oo" constantly ("heel", "dood"), "aa"/"uu" far less than they are
# stretched in chat ("laaaachgas"), and "ii"/"yy" never; runs of 3+ squeeze accordingly.
_SQUEEZE_TO_ONE = frozenset("aiuy")
_ABBREVIATED = frozenset(ABBREVIATIONS)


@dataclass(frozen=True)
class Normalised:
    """A normalised text with, per character, the original ``[start, end)`` it came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalised range to the original character range."""
        return self.starts[start], self.ends[end - 1]


class _Buffer:
    """Characters under construction, each with its original range."""

    __slots__ = ("chars", "ends", "starts")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add_run(self, piece: str, start: int) -> None:
        """Characters that map one to one onto ``start``, ``start + 1``, ..."""
        self.chars.extend(piece)
        self.starts.extend(range(start, start + len(piece)))
        self.ends.extend(range(start + 1, start + len(piece) + 1))

    def add(self, piece: str, start: int, end: int) -> None:
        self.chars.extend(piece)
        self.starts.extend([start] * len(piece))
        self.ends.extend([end] * len(piece))


def _fold(text: str) -> _Buffer:
    """Lower case, strip accents, map emoji, drop invisible characters."""
    buffer = _Buffer()
    if text.isascii():
        buffer.chars = list(text.lower())
        buffer.starts = list(range(len(text)))
        buffer.ends = list(range(1, len(text) + 1))
        return buffer
    index = 0
    for run in _ASCII_RUN.finditer(text):
        while index < run.start():
            index = _fold_one(text, index, buffer)
        if index < run.end():  # an emoji sequence may have consumed part of the run
            buffer.add_run(text[index : run.end()].lower(), index)
            index = run.end()
    while index < len(text):
        index = _fold_one(text, index, buffer)
    return buffer


def _fold_one(text: str, index: int, buffer: _Buffer) -> int:
    char = text[index]
    if char in _IGNORED:
        return index + 1
    for size in range(min(_MAX_EMOJI, len(text) - index), 0, -1):
        meaning = EMOJI.get(text[index : index + size].replace("\ufe0f", ""))
        if meaning is not None:
            buffer.add(f" {meaning} ", index, index + size)
            return index + size
    if char.isascii():
        buffer.add(char.lower(), index, index + 1)
        return index + 1
    folded = "".join(
        part
        for part in unicodedata.normalize("NFKD", char.lower())
        if not unicodedata.combining(part)
    )
    if unicodedata.category(char) == "So":
        folded = " "
    buffer.add(folded, index, index + 1)
    return index + 1


def _join_spelled(buffer: _Buffer) -> _Buffer:
    """Remove the separators of spelled-out words: "f.i.t.t.i.e" becomes "fittie"."""
    text = "".join(buffer.chars)
    if _SPELLED.search(text) is None:
        return buffer
    keep = [True] * len(text)
    for match in _SPELLED.finditer(text):
        for position in range(match.start(), match.end()):
            if not text[position].isalnum():
                keep[position] = False
    joined = _Buffer()
    joined.chars = [c for c, k in zip(buffer.chars, keep, strict=True) if k]
    joined.starts = [s for s, k in zip(buffer.starts, keep, strict=True) if k]
    joined.ends = [e for e, k in zip(buffer.ends, keep, strict=True) if k]
    return joined


def _deleet(word: str) -> str:
    """Turn leetspeak digits into letters when they sit inside or before letters."""
    if not _LEET_CANDIDATE.search(word) or _NUMBER_WITH_UNIT.fullmatch(word):
        return word
    if _SHORT_LEET.fullmatch(word):
        return "".join(_LEET.get(char, char) for char in word)
    if len(word) < 3 or not any(char.isalpha() for char in word):
        return word
    chars = list(word)
    mapped = False
    for position, char in enumerate(chars):
        if char in _LEET and _next_letter(chars, position) and _leet_allowed(chars, position):
            chars[position] = _LEET[char]
            mapped = True
    trailing = len(word) - len(word.rstrip("013457@$"))
    # "l4chg45", "f17713": in a clearly leet word, or as a run of 2+, trailing digits too
    if mapped or (trailing >= 2 and trailing < len(word)):
        for position in range(len(chars) - 1, -1, -1):
            if chars[position] not in _LEET:
                break
            chars[position] = _LEET[chars[position]]
    return "".join(chars)


def _next_letter(chars: list[str], position: int) -> bool:
    for char in chars[position + 1 :]:
        if char.isalpha():
            return True
        if char not in _LEET:
            return False
    return False


def _leet_allowed(chars: list[str], position: int) -> bool:
    """A leading digit run needs letters after it; an inner one has letters on both sides."""
    before = chars[:position]
    return not before or any(char.isalpha() for char in before) or position < 2


def _squeeze(word: str) -> list[int]:
    """Indices of characters to keep: runs of 3+ equal letters become 2 (a, i, u, y: 1)."""
    keep: list[int] = []
    run = 0
    for position, char in enumerate(word):
        run = run + 1 if position and word[position - 1] == char else 1
        limit = 1 if char in _SQUEEZE_TO_ONE else 2
        if run <= limit or (run == 2 and _run_length(word, position) == 2) or not char.isalpha():
            keep.append(position)
    return keep


def _run_length(word: str, position: int) -> int:
    start = position
    while start and word[start - 1] == word[position]:
        start -= 1
    end = position
    while end + 1 < len(word) and word[end + 1] == word[position]:
        end += 1
    return end - start + 1


def _emit_word(word: str, start: int, end: int, buffer: _Buffer, out: _Buffer) -> None:
    """Append one word that may need work; ``start``/``end`` index into ``buffer``."""
    expansion = ABBREVIATIONS.get(word)
    if expansion is None and ("'" in word or "’" in word or "*" in word):
        expansion = ABBREVIATIONS.get(word.replace("'", "").replace("’", "").replace("*", ""))
    if expansion is not None:
        out.add(expansion, buffer.starts[start], buffer.ends[end - 1])
        return
    positions = [p for p, char in enumerate(word) if char not in "'’*"]
    letters = _deleet("".join(word[p] for p in positions))
    for kept in _squeeze(letters):
        source = start + positions[kept]
        out.add(letters[kept], buffer.starts[source], buffer.ends[source])


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching and features, keeping offsets to the original."""
    buffer = _join_spelled(_fold(text))
    folded = "".join(buffer.chars)
    # Where a word may need work (leet digits, apostrophes, elongation); most words don't
    # and are copied as they are, which is what keeps this fast.
    marks = [match.start() for match in _NEEDS_WORK.finditer(folded)]
    marks.append(len(folded))
    mark = 0
    out = _Buffer()
    chars, starts, ends = out.chars, out.starts, out.ends
    source_starts, source_ends = buffer.starts, buffer.ends
    for match in _WORD.finditer(folded):
        start, end = match.span()
        if starts:  # one space between words, mapped onto the original gap
            gap_start = ends[-1]
            chars.append(" ")
            starts.append(gap_start)
            ends.append(max(gap_start, source_starts[start]))
        while marks[mark] < start:
            mark += 1
        word = match.group()
        if marks[mark] < end or word in _ABBREVIATED:
            _emit_word(word, start, end, buffer, out)
        else:
            chars.append(word)
            starts += source_starts[start:end]
            ends += source_ends[start:end]
    return Normalised(text, "".join(chars), tuple(starts), tuple(ends))
