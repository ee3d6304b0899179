"""Evidence: which spans of the original text drove each label.

Lexicon matches come first, because a reviewer recognises them. When a label rests on the
statistical model alone, the words whose weights pushed hardest towards it are shown.
"""

from __future__ import annotations

import re

from zicht.detection.lexicon import Scan
from zicht.detection.model import Model
from zicht.detection.normalise import Normalised
from zicht.detection.schema import Evidence

_TOKEN = re.compile(r"[^ ?!]+")
MAX_MODEL_WORDS = 3
# Function words can carry model weight but explain nothing to a person.
_STOPWORDS = """
de het een en of is zijn was waren ben bent heb hebt heeft hebben ik je jij u hij zij ze we
wij jullie mijn jouw haar ons hun die dat dit deze daar hier er in op aan van met voor naar
bij om te tot uit over door als dan maar ook nog al wel niet geen wat wie waar hoe want
omdat dus even echt gewoon zo heel
"""
STOPWORDS = frozenset(_STOPWORDS.split())


def evidence_for(
    label: str, text: Normalised, scan: Scan, model: Model, column: int
) -> list[Evidence]:
    spans = [(h.start, h.end) for h in scan.hits if h.group == "cat" and h.key == label]
    if not spans:
        spans = _model_words(text, model, column)
    return [_evidence(label, text, start, end) for start, end in _merge(spans)]


def _model_words(text: Normalised, model: Model, column: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    indices: list[int] = []
    for match in _TOKEN.finditer(text.text):
        word = match.group()
        index = model.vocab.words.get(model.vocab.known_form(word))
        if index is not None and word not in STOPWORDS and len(word) >= 3:
            spans.append(match.span())
            indices.append(index)
    if not indices:
        return []
    weights = model.weights[indices, column] * model.vocab.word_idf[indices]
    ranked = sorted(
        (-float(weight), span) for weight, span in zip(weights, spans, strict=True) if weight > 0
    )
    return [span for _, span in ranked[:MAX_MODEL_WORDS]]


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
