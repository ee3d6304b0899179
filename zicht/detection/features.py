"""Turn normalised texts into sparse feature rows: word n-grams, character n-grams and
lexicon features. The same code builds the training matrix and scores at run time, so the
two can never drift apart.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from zicht.detection.lexicon import URGENCY_CUES, Scan
from zicht.detection.normalise import Normalised
from zicht.detection.schema import CATEGORIES, HELP_DOMAINS, SUBSTANCES

CHAR_SIZES = (3, 4, 5)
# Shorter words are too often a different word one letter away ("mes", "met", "mee").
MIN_CORRECTED_LENGTH = 4
LEXICON_SCALE = 1.0
LEXICON_NAMES: tuple[str, ...] = (
    *(f"cat:{c}:{part}" for c in CATEGORIES for part in ("sum", "max", "cancelled")),
    *(f"sub:{s}" for s in SUBSTANCES),
    *(f"help:{h}" for h in HELP_DOMAINS),
    "cue:help",
    *(f"urg:{u}" for u in URGENCY_CUES),
    "question",
)
_LEX_INDEX = {name: i for i, name in enumerate(LEXICON_NAMES)}


def word_grams(text: str) -> list[str]:
    words = text.split(" ") if text else []
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def char_grams(text: str) -> list[str]:
    """Character 3–5-grams inside each word, the word's edges marked by a space."""
    return [gram for word in set(text.split(" ")) for gram in _word_char_grams(word)]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@functools.lru_cache(maxsize=65_536)
def _word_char_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(padded[i : i + n] for n in CHAR_SIZES for i in range(len(padded) - n + 1))


def lexicon_row(text: Normalised, scan: Scan) -> np.ndarray:
    """Dense lexicon features: per category the summed and best weight and cancellations."""
    row = np.zeros(len(LEXICON_NAMES), dtype=np.float32)
    sums: dict[str, float] = {}
    for hit in scan.hits:
        if hit.group == "cat":
            sums[hit.key] = sums.get(hit.key, 0.0) + hit.weight
            name = f"cat:{hit.key}:max"
        else:
            name = f"{hit.group}:{hit.key}"
        index = _LEX_INDEX[name]
        row[index] = max(row[index], hit.weight)
    for code, total in sums.items():
        row[_LEX_INDEX[f"cat:{code}:sum"]] = min(total, 3.0) / 3.0
    for code, count in scan.cancelled.items():
        row[_LEX_INDEX[f"cat:{code}:cancelled"]] = min(count, 2) / 2.0
    row[_LEX_INDEX["question"]] = 1.0 if "?" in text.text else 0.0
    return row * LEXICON_SCALE


@dataclass
class Vocabulary:
    """Feature columns (n-gram → index) with their inverse document frequencies."""

    words: dict[str, int]
    chars: dict[str, int]
    word_idf: np.ndarray
    char_idf: np.ndarray
    # Word → its character-gram columns. Words repeat across texts, so looking up each
    # word's grams once makes the character block several times cheaper to build.
    _word_columns: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    # Spelling: a deletion variant → the vocabulary words it comes from, and a cache of
    # the known form of every word seen.
    _variants: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _known: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for word in self.words:
            if len(word) >= MIN_CORRECTED_LENGTH and word.isalpha():
                for variant in _deletions(word) | {word}:
                    self._variants.setdefault(variant, []).append(word)

    @property
    def size(self) -> int:
        return len(self.words) + len(self.chars) + len(LEXICON_NAMES)

    def known_form(self, word: str) -> str:
        """The word as the vocabulary knows it: itself, or for a word the vocabulary lacks,
        the most frequent vocabulary word one typo away (a letter dropped, added, changed or
        moved), so "fitie" reads as "fittie". Words without a close match stay as they are.
        """
        known = self._known.get(word)
        if known is None:
            if len(self._known) > 200_000:
                self._known.clear()
            known = self._known[word] = self._closest(word)
        return known

    def _closest(self, word: str) -> str:
        if word in self.words or len(word) < MIN_CORRECTED_LENGTH or not word.isalpha():
            return word
        candidates = set(self._variants.get(word, ()))
        for variant in _deletions(word):
            candidates.update(self._variants.get(variant, ()))
        candidates.discard(word)
        if not candidates:
            return word
        return min(candidates, key=lambda c: (self.word_idf[self.words[c]], c))

    def spelled(self, text: str) -> str:
        """The text with every word in its known form."""
        return " ".join(map(self.known_form, text.split(" "))) if text else text

    def matrix(self, texts: Sequence[Normalised], scans: Sequence[Scan]) -> sparse.csr_matrix:
        """The feature matrix of a batch: [words | chars | lexicon], blocks L2-normalised.
        The n-gram blocks read each word in its known form (``known_form``)."""
        spelled = [self.spelled(t.text) for t in texts]
        word_block = _tfidf_block(
            (_columns(word_grams(t), self.words) for t in spelled), self.word_idf
        )
        char_block = _tfidf_block((self._char_columns(t) for t in spelled), self.char_idf)
        lex = np.vstack([lexicon_row(t, s) for t, s in zip(texts, scans, strict=True)])
        if not len(texts):
            lex = np.zeros((0, len(LEXICON_NAMES)), dtype=np.float32)
        return sparse.hstack([word_block, char_block, sparse.csr_matrix(lex)], format="csr")

    def _char_columns(self, text: str) -> list[int]:
        columns: list[int] = []
        cache = self._word_columns
        for word in text.split(" "):
            found = cache.get(word)
            if found is None:
                if len(cache) > 200_000:
                    cache.clear()
                found = tuple(c for c in _columns(_word_char_grams(word), self.chars) if c >= 0)
                cache[word] = found
            columns += found
        return columns


def _columns(grams: Iterable[str], vocab: dict[str, int]) -> list[int]:
    """The columns of the grams, -1 for a gram outside the vocabulary; repeats stay (the
    block keeps presence, not counts)."""
    return list(map(vocab.get, grams, itertools.repeat(-1)))


def _tfidf_block(row_columns: Iterable[list[int]], idf: np.ndarray) -> sparse.csr_matrix:
    """Rows of presence × idf, L2-normalised. Columns are deduplicated and sorted in one
    vectorised step for the whole batch, which is much cheaper than a set per text."""
    columns: list[int] = []
    lengths: list[int] = []
    for row in row_columns:
        lengths.append(len(row))
        columns += row
    width = len(idf)
    rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    found = np.asarray(columns, dtype=np.int64)
    known = found >= 0
    keys = _distinct(rows[known] * width + found[known])
    rows, index_array = keys // width, (keys % width).astype(np.int32)
    pointer = np.searchsorted(rows, np.arange(len(lengths) + 1)).astype(np.int64)
    values = idf[index_array]
    norms = np.sqrt(np.bincount(rows, weights=values**2, minlength=len(lengths)))
    values = values / np.where(norms > 0, norms, 1.0)[rows]
    shape = (len(lengths), width)
    return sparse.csr_matrix((values.astype(np.float32), index_array, pointer), shape=shape)


def _distinct(keys: np.ndarray) -> np.ndarray:
    """Sorted distinct values (``np.unique`` is many times slower on these arrays)."""
    keys = np.sort(keys)
    if len(keys) > 1:
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    return keys


def fit_vocabulary(texts: Sequence[Normalised], min_df: int = 2) -> Vocabulary:
    """Columns for every n-gram seen in at least ``min_df`` training texts."""
    words, word_idf = _fit_block([set(word_grams(t.text)) for t in texts], min_df)
    chars, char_idf = _fit_block([set(char_grams(t.text)) for t in texts], min_df)
    return Vocabulary(words, chars, word_idf, char_idf)


def _fit_block(gram_sets: list[set[str]], min_df: int) -> tuple[dict[str, int], np.ndarray]:
    frequency: Counter[str] = Counter()
    for grams in gram_sets:
        frequency.update(grams)
    kept = sorted(g for g, df in frequency.items() if df >= min_df)
    total = len(gram_sets)
    idf = np.array([math.log((1 + total) / (1 + frequency[g])) + 1.0 for g in kept])
    return {g: i for i, g in enumerate(kept)}, idf.astype(np.float32)
