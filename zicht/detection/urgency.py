"""Urgency: the model's distribution over levels, sharpened by explicit cues.

Taxonomy rule 5: ``acuut`` needs a concrete time, place, plan or deadline, or an explicit
intent to die, and when in doubt between ``normaal`` and ``hoog`` we choose ``hoog``.
Missing an acute case costs far more than a false alarm, so the acute threshold is tuned
on out-of-fold scores for recall first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from zicht.detection.config import Config
from zicht.detection.lexicon import Scan

LEVELS: tuple[str, ...] = ("acuut", "hoog", "normaal", "laag")
VIOLENT = frozenset({"geweld", "wapens", "radicalisering"})
COERCIVE = frozenset({"exposing", "uitbuiting", "criminaliteit"})


def cue_strengths(scan: Scan) -> dict[str, float]:
    strengths: dict[str, float] = {}
    for hit in scan.hits:
        if hit.group == "urg":
            strengths[hit.key] = max(strengths.get(hit.key, 0.0), hit.weight)
    return strengths


def rescue_scores(probabilities: dict[str, np.ndarray]) -> np.ndarray:
    """Per text, how strongly the models find it both acute and a signal at all: the acute
    probability times the "any signal" probability. A text no category claims keeps its
    likeliest category when this reaches ``rescue_threshold`` (ADR 0013)."""
    return np.asarray(probabilities["acute"][:, 0] * probabilities["signal"][:, 0])


def acute_by_cues(labels: Sequence[str], cues: dict[str, float]) -> bool:
    """Explicit combinations that make a signal acute whatever the model says."""
    has = set(labels)
    if "mentaal" in has and cues.get("goodbye", 0.0) >= 0.8:
        return True
    concrete = cues.get("time", 0.0) >= 0.6 and (
        cues.get("place", 0.0) >= 0.7 or cues.get("plan", 0.0) >= 0.7
    )
    if has & VIOLENT and concrete:
        return True
    return bool(has & COERCIVE) and cues.get("deadline", 0.0) >= 0.8


def intent_with_a_time(labels: Sequence[str], cues: dict[str, float]) -> bool:
    """Taxonomy: suicidal intent with a plan is acute. An explicit act ("ik spring", "alle
    pillen", "mezelf ophangen": a goodbye cue of 0.9) with a concrete time is such a plan.
    A safety rule: it holds whatever the tuning chose for the other cue rules."""
    return "mentaal" in labels and cues.get("goodbye", 0.0) >= 0.9 and cues.get("time", 0.0) >= 0.8


def decide_urgency(
    labels: Sequence[str],
    levels: Sequence[float],
    acute: float,
    cues: dict[str, float],
    config: Config,
) -> str | None:
    """``levels``: the urgency model's probabilities in ``LEVELS`` order; ``acute``: the
    separate acute model's probability (trained on all texts, recall first)."""
    if not labels:
        return None
    if acute >= config.acute_threshold or intent_with_a_time(labels, cues):
        return "acuut"
    if config.cue_rules and acute_by_cues(labels, cues):
        return "acuut"
    hoog, normaal, laag = (float(p) for p in levels[1:])
    if laag > max(hoog, normaal):
        return "laag"
    return "hoog" if hoog + config.hoog_margin >= normaal else "normaal"
