"""Evidence: which spans of the original text drove each label.

Lexicon matches come first, because a reviewer recognises them. When a label rests on the
statistical model alone, the words whose weights pushed hardest towards it are shown.
"""

from __future__ import annotations

import re

import numpy as np

from zicht.detection.lexicon import Scan
from zicht.detection.model import Model
from zicht.detection.normalise import Normalised
from zicht.detection.schema import Evidence

_TOKEN = re.compile(r"[^ ?!]+")
MAX_MODEL_WORDS = 3


def evidence_for(
    label: str, text: Normalised, scan: Scan, model: Model, column: int
) -> list[Evidence]:
    spans = [(h.start, h.end) for h in scan.hits if h.group == "cat" and h.key == label]
    if not spans:
        spans = _model_words(text, model, column)
    return [_evidence(label, text, start, end) for start, end in _merge(spans)]


def _model_words(text: Normalised, model: Model, column: int) -> list[tuple[int, int]]:
    scored: list[tuple[float, int, int]] = []
    for match in _TOKEN.finditer(text.text):
        index = model.vocab.words.get(match.group())
        if index is None:
            continue
        weight = float(model.weights[index, column]) * float(model.vocab.word_idf[index])
        if weight > 0:
            scored.append((weight, match.start(), match.end()))
    scored.sort(key=lambda item: -item[0])
    return [(start, end) for _, start, end in scored[:MAX_MODEL_WORDS]]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _evidence(label: str, text: Normalised, start: int, end: int) -> Evidence:
    origin_start, origin_end = text.span(start, end)
    return Evidence(label, text.original[origin_start:origin_end], origin_start, origin_end)


def top_columns(scores: np.ndarray, limit: int) -> list[int]:
    return [int(i) for i in np.argsort(-scores)[:limit]]
