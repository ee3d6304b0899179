"""The Python API: ``detect(text)`` and ``detect_many(texts)``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from zicht.detection.config import Config, get_config
from zicht.detection.explain import evidence_for
from zicht.detection.lexicon import Scan, get_lexicon
from zicht.detection.model import Model, get_model
from zicht.detection.normalise import Normalised, normalise
from zicht.detection.schema import CATEGORIES, Detection
from zicht.detection.urgency import cue_strengths, decide_urgency, rescue_scores

BATCH = 512


class DetectionInputError(ValueError):
    """The input cannot be analysed (not a string, or longer than the configured limit)."""


def check_text(text: object, config: Config) -> str:
    if not isinstance(text, str):
        raise DetectionInputError(f"text must be a string, got {type(text).__name__}")
    if len(text) > config.max_chars:
        raise DetectionInputError(
            f"text too long: {len(text)} characters (maximum {config.max_chars})"
        )
    return text


def detect(text: str) -> Detection:
    """Analyse one text; raises ``DetectionInputError`` for unusable input."""
    return detect_many([text])[0]


def detect_many(
    texts: Iterable[str], *, model: Model | None = None, config: Config | None = None
) -> list[Detection]:
    """Analyse many texts at once (much faster per text than calling ``detect`` in a loop).

    ``model`` and ``config`` default to the committed artifact; training passes its own.
    """
    config = config or get_config()
    model = model or get_model()
    checked = [check_text(text, config) for text in texts]
    results: list[Detection] = []
    for start in range(0, len(checked), BATCH):
        results.extend(_detect_batch(checked[start : start + BATCH], model, config))
    return results


def _detect_batch(texts: Sequence[str], model: Model, config: Config) -> list[Detection]:
    lexicon = get_lexicon()
    normalised = [normalise(text) for text in texts]
    scans = [lexicon.scan(item) for item in normalised]
    words = [len(item.text.split()) for item in normalised]
    probabilities = model.predict(model.vocab.matrix(normalised, scans), words)
    probabilities["rescue"] = rescue_scores(probabilities)
    # Python floats per row: far cheaper to compare and round than numpy scalars.
    rows = {head: values.tolist() for head, values in probabilities.items()}
    return [_decide(i, normalised[i], scans[i], rows, model, config) for i in range(len(texts))]


def _decide(
    row: int,
    text: Normalised,
    scan: Scan,
    probabilities: dict[str, list[Any]],
    model: Model,
    config: Config,
) -> Detection:
    scores = {c: round(p, 4) for c, p in zip(CATEGORIES, probabilities["cat"][row], strict=True)}
    for code in scan.forced():
        scores[code] = max(scores[code], config.categories[code])
    acute = probabilities["acute"][row][0]
    rescue = probabilities["rescue"][row]
    labels = choose_labels(scores, rescue, config) if text.text else []
    urgency = decide_urgency(labels, probabilities["urg"][row], acute, cue_strengths(scan), config)
    column = model.head_slice("cat").start
    evidence = [
        item
        for label in labels
        for item in evidence_for(label, text, scan, model, column + CATEGORIES.index(label))
    ]
    return Detection(
        labels=labels,
        urgency=urgency,
        substances=_substances(labels, probabilities["sub"][row], scan, model, config),
        help=_chosen(model.heads["help"], probabilities["help"][row], config.help),
        scores=scores,
        evidence=evidence,
    )


def choose_labels(scores: dict[str, float], rescue: float, config: Config) -> list[str]:
    """Categories above their thresholds. A text that the models find both acute and a
    signal at all (``rescue``: the acute probability times the signal probability) keeps its
    likeliest category even below threshold: an acute case must not vanish silently."""
    labels = [c for c in CATEGORIES if scores[c] >= config.categories[c]]
    likeliest = max(CATEGORIES, key=lambda c: scores[c])
    if (
        not labels
        and rescue >= config.rescue_threshold
        and scores[likeliest] >= config.rescue_floor
    ):
        labels = [likeliest]
    return labels


def _chosen(
    names: Sequence[str], scores: Sequence[float], thresholds: dict[str, float]
) -> list[str]:
    return [name for name, score in zip(names, scores, strict=True) if score >= thresholds[name]]


def _substances(
    labels: Sequence[str], scores: Sequence[float], scan: Scan, model: Model, config: Config
) -> list[str]:
    """Subtypes only accompany ``middelen``; with none above threshold, the likeliest one."""
    if "middelen" not in labels:
        return []
    names = model.heads["sub"]
    chosen = _chosen(names, scores, config.substances)
    if chosen:
        return chosen
    from_lexicon = [n for n in names if scan.best("sub", n) >= 0.7]
    return from_lexicon[:1] or [names[int(np.argmax(scores))]]
