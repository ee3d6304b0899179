"""Choosing thresholds on out-of-fold scores and writing them to ``config.yaml``."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from zicht.detection.config import Config
from zicht.detection.corpus import Example
from zicht.detection.lexicon import get_lexicon
from zicht.detection.normalise import normalise
from zicht.detection.schema import CATEGORIES, HELP_DOMAINS, SUBSTANCES
from zicht.detection.urgency import (
    acute_by_cues,
    cue_strengths,
    intent_with_a_time,
    rescue_scores,
)

GRID = np.round(np.arange(0.10, 0.91, 0.01), 2)
WINDOW = 5
MAX_THRESHOLD = 0.97
# Share of the false-alarm budget the category thresholds may use; the acute rescue may
# use the rest of MAX_TOTAL_FPR.
CATEGORY_BUDGETS = (0.015, 0.0175, 0.02, 0.0225, 0.025, 0.0275, 0.03)
ACUTE_TARGET = 0.95
MAX_TOTAL_FPR = 0.03
MAX_CHARS = 20_000


def _f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    tp = float(np.sum(predicted & (gold == 1)))
    fp = float(np.sum(predicted & (gold == 0)))
    fn = float(np.sum(~predicted & (gold == 1)))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_thresholds(probabilities: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """Per column, the threshold with the best F1 averaged over neighbouring thresholds.

    Averaging over a window avoids picking a lucky spike of a small dev split.
    """
    chosen = np.full(gold.shape[1], 0.5)
    for column in range(gold.shape[1]):
        if gold[:, column].sum() == 0:
            continue
        curve = np.array([_f1(probabilities[:, column] >= t, gold[:, column]) for t in GRID])
        smooth = np.convolve(curve, np.ones(WINDOW) / WINDOW, mode="same")
        chosen[column] = GRID[int(np.argmax(smooth))]
    return chosen


def macro_f1(probabilities: np.ndarray, gold: np.ndarray, thresholds: np.ndarray) -> float:
    predicted = probabilities >= thresholds
    return float(np.mean([_f1(predicted[:, c], gold[:, c]) for c in range(gold.shape[1])]))


def limit_false_alarms(
    probabilities: np.ndarray, gold: np.ndarray, thresholds: np.ndarray, budget: float
) -> np.ndarray:
    """Raise thresholds until at most ``budget`` of the unlabelled dev texts raise any signal.

    Each step makes the smallest raise of one threshold that silences at least one false
    alarm, choosing the category that loses the least F1 per alarm silenced. Raising the
    threshold with the most alarms instead starves a category whose true positives sit
    among its alarms (pesten test recall 0.36 with that rule, 0.56 with this one; ADR 0016).
    """
    benign = gold.sum(axis=1) == 0
    scores, thresholds = probabilities[benign], thresholds.copy()
    allowed = int(np.floor(budget * len(scores) + 1e-9))
    while True:
        alarms = scores >= thresholds
        if alarms.any(axis=1).sum() <= allowed:
            return thresholds
        step = _cheapest_step(probabilities, gold, thresholds, scores, alarms)
        if step is None:
            return thresholds
        column, value = step
        thresholds[column] = value


def _cheapest_step(
    probabilities: np.ndarray,
    gold: np.ndarray,
    thresholds: np.ndarray,
    scores: np.ndarray,
    alarms: np.ndarray,
) -> tuple[int, float] | None:
    """The (column, threshold) raise with the lowest F1 cost per false alarm silenced."""
    per_text = alarms.sum(axis=1)
    best: tuple[float, int, float] | None = None
    for column in range(gold.shape[1]):
        only_here = scores[alarms[:, column] & (per_text == 1), column]
        if not len(only_here):
            continue
        value = round(float(np.floor(only_here.min() * 100 + 1e-9) / 100 + 0.01), 2)
        if value > MAX_THRESHOLD:
            continue
        silenced = int(np.sum(only_here < value))
        before = _f1(probabilities[:, column] >= thresholds[column], gold[:, column])
        after = _f1(probabilities[:, column] >= value, gold[:, column])
        cost = max(before - after, 0.0) / silenced
        if best is None or cost < best[0]:
            best = (cost, column, value)
    if best is not None:
        return best[1], best[2]
    # Every remaining alarm is raised by several categories: raise the busiest threshold.
    counts = np.where(thresholds < MAX_THRESHOLD, alarms.sum(axis=0), 0)
    if counts.max() == 0:
        return None
    column = int(np.argmax(counts))
    return column, round(min(MAX_THRESHOLD, float(thresholds[column]) + 0.01), 2)


def _gold(examples: Sequence[Example], field: str, codes: Sequence[str]) -> np.ndarray:
    return np.array([[code in getattr(e, field) for code in codes] for e in examples], dtype=int)


# rescue threshold, rescue floor, acute threshold, hoog margin, cue rules on
Setting = tuple[float, float, float, float, bool]


@dataclass
class _DevUrgency:
    """Everything the urgency search needs about the tuning texts, as arrays."""

    gold: np.ndarray
    benign: np.ndarray
    labelled: np.ndarray
    acute: np.ndarray
    rescue: np.ndarray
    cue_acute: np.ndarray
    rescued_cue_acute: np.ndarray
    safety_acute: np.ndarray
    rescued_safety_acute: np.ndarray
    levels: np.ndarray
    top_score: np.ndarray


def _dev_urgency(
    examples: Sequence[Example], predictions: dict[str, np.ndarray], thresholds: np.ndarray
) -> _DevUrgency:
    lexicon = get_lexicon()
    cues = [cue_strengths(lexicon.scan(normalise(e.text))) for e in examples]
    chosen = predictions["cat"] >= thresholds
    labels = [[c for c, on in zip(CATEGORIES, row, strict=True) if on] for row in chosen]
    top = [CATEGORIES[int(i)] for i in np.argmax(predictions["cat"], axis=1)]
    return _DevUrgency(
        gold=np.array([e.urgency or "" for e in examples]),
        benign=np.array([not e.labels for e in examples]),
        labelled=np.asarray(chosen.any(axis=1)),
        acute=predictions["acute"][:, 0],
        rescue=rescue_scores(predictions),
        cue_acute=np.array(
            [acute_by_cues(lab, cue) for lab, cue in zip(labels, cues, strict=True)]
        ),
        rescued_cue_acute=np.array(
            [acute_by_cues([t], cue) for t, cue in zip(top, cues, strict=True)]
        ),
        safety_acute=np.array(
            [intent_with_a_time(lab, cue) for lab, cue in zip(labels, cues, strict=True)]
        ),
        rescued_safety_acute=np.array(
            [intent_with_a_time([t], cue) for t, cue in zip(top, cues, strict=True)]
        ),
        levels=predictions["urg"],
        top_score=predictions["cat"].max(axis=1),
    )


def _urgency_outcome(dev: _DevUrgency, setting: Setting) -> tuple[float, float, float]:
    """Acute recall, urgency accuracy and benign false-positive rate for one setting."""
    rescue, floor, acute, margin, rules = setting
    rescued = ~dev.labelled & (dev.rescue >= rescue) & (dev.top_score >= floor)
    labelled = dev.labelled | rescued
    cue = np.where(rescued, dev.rescued_cue_acute, dev.cue_acute) & rules
    cue |= np.where(rescued, dev.rescued_safety_acute, dev.safety_acute)
    is_acute = labelled & ((dev.acute >= acute) | cue)
    hoog, normaal, laag = dev.levels[:, 1], dev.levels[:, 2], dev.levels[:, 3]
    level = np.where(
        laag > np.maximum(hoog, normaal),
        "laag",
        np.where(hoog + margin >= normaal, "hoog", "normaal"),
    )
    decided = np.where(labelled, np.where(is_acute, "acuut", level), "")
    gold_acute = dev.gold == "acuut"
    recall = float(is_acute[gold_acute].mean()) if gold_acute.any() else 1.0
    return recall, float((decided == dev.gold).mean()), float(labelled[dev.benign].mean())


def _urgency_settings(dev: _DevUrgency) -> tuple[Setting, tuple[bool, float, float]]:
    """Keep false alarms within bounds, then reach the acute recall target, then maximise
    urgency accuracy. A rescued text counts as a false alarm when it has no gold label."""
    grid = itertools.product(
        np.round(np.arange(0.05, 1.0, 0.02), 2),
        (0.0, 0.02, 0.05, 0.1),
        np.round(np.arange(0.05, 0.96, 0.05), 2),
        (0.0, 0.1, 0.2),
        (True, False),
    )
    best: tuple[tuple[bool, float, float, float], Setting] | None = None
    for rescue, floor, acute, margin, rules in grid:
        setting = (round(float(rescue), 3), floor, round(float(acute), 3), margin, rules)
        recall, accuracy, fpr = _urgency_outcome(dev, setting)
        key = (fpr <= MAX_TOTAL_FPR, min(recall, ACUTE_TARGET), accuracy, float(acute))
        if best is None or key > best[0]:
            best = (key, setting)
    assert best is not None
    return best[1], best[0][:3]


def _config(
    categories: dict[str, float],
    substances: dict[str, float],
    help_domains: dict[str, float],
    urgency: Setting,
) -> Config:
    rescue, floor, acute, margin, rules = urgency
    return Config(
        categories, substances, help_domains, acute, rescue, floor, margin, rules, MAX_CHARS
    )


def tune_config(predictions: dict[str, np.ndarray], dev: Sequence[Example]) -> Config:
    """Thresholds and urgency settings from the model's probabilities for texts it was not
    fitted on (``Model.from_logits`` of out-of-fold outputs in training).

    For each false-alarm budget of the category thresholds, the best urgency settings are
    searched; among budgets that keep all false alarms within ``MAX_TOTAL_FPR``, the one with
    the best acute recall (up to the target) wins, and macro-F1 decides between equals: a
    larger budget must not buy F1 with an acute case that the acute rescue no longer catches.
    """
    predictions = {**predictions, "cat": _with_decisive_patterns(predictions["cat"], dev)}
    gold_cat = _gold(dev, "labels", CATEGORIES)
    best_f1 = f1_thresholds(predictions["cat"], gold_cat)
    candidates = []
    for budget in CATEGORY_BUDGETS:
        cat = limit_false_alarms(predictions["cat"], gold_cat, best_f1, budget)
        urgency, (fpr_ok, recall, _) = _urgency_settings(_dev_urgency(dev, predictions, cat))
        quality = macro_f1(predictions["cat"], gold_cat, cat)
        candidates.append(((fpr_ok, recall, quality), cat, urgency))
    _, cat, urgency = max(candidates, key=lambda item: item[0])
    middelen = gold_cat[:, CATEGORIES.index("middelen")] == 1
    sub = f1_thresholds(
        predictions["sub"][middelen], _gold(dev, "substances", SUBSTANCES)[middelen]
    )
    helps = f1_thresholds(predictions["help"], _gold(dev, "help", HELP_DOMAINS))
    return _config(
        _rounded(CATEGORIES, cat), _rounded(SUBSTANCES, sub), _rounded(HELP_DOMAINS, helps), urgency
    )


def _with_decisive_patterns(scores: np.ndarray, examples: Sequence[Example]) -> np.ndarray:
    """Category scores as the engine sees them: a decisive lexicon pattern fires whatever the
    threshold, so its alarms are counted against the budget like the model's."""
    lexicon = get_lexicon()
    scores = scores.copy()
    for row, example in enumerate(examples):
        for code in lexicon.scan(normalise(example.text)).forced():
            scores[row, CATEGORIES.index(code)] = 1.0
    return scores


def _rounded(names: Sequence[str], thresholds: np.ndarray) -> dict[str, float]:
    """Thresholds as a reader of ``config.yaml`` expects them (0.53, not 0.5300000000000002)."""
    return {name: round(float(t), 3) for name, t in zip(names, thresholds, strict=True)}


HEADER = """\
# Decision thresholds of the signal detector (zicht/detection).
# Written by `python -m zicht.detection.train` from out-of-fold scores; edit by hand to trade
# precision for recall (lower threshold: more signals, more false alarms).
"""


def write_config(config: Config, path: Path) -> None:
    data = {
        "thresholds": {
            "categories": config.categories,
            "substances": config.substances,
            "help": config.help,
        },
        "urgency": {
            "acute_threshold": config.acute_threshold,
            "rescue_threshold": config.rescue_threshold,
            "rescue_floor": config.rescue_floor,
            "hoog_margin": config.hoog_margin,
            "cue_rules": config.cue_rules,
        },
        "limits": {"max_chars": config.max_chars},
    }
    path.write_text(
        HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
