"""Choosing category thresholds within the false-alarm budget."""

import numpy as np

from zicht.detection.tuning import limit_false_alarms

# Two categories over ten dev texts. Texts 0–3 carry category A, 4–5 category B, 6–9 none.
# A's model is sharp: its one false alarm (text 6) scores below all of its positives.
# B's model is blunt: its two false alarms (8 and 9) outscore its positives.
GOLD = np.array([[1, 0]] * 4 + [[0, 1]] * 2 + [[0, 0]] * 4)
SCORES = np.array(
    [
        [0.90, 0.0],
        [0.85, 0.0],
        [0.80, 0.0],
        [0.75, 0.0],
        [0.0, 0.60],
        [0.0, 0.55],
        [0.40, 0.0],
        [0.0, 0.0],
        [0.0, 0.70],
        [0.0, 0.65],
    ]
)
START = np.array([0.30, 0.30])


def alarm_rate(thresholds: np.ndarray) -> float:
    benign = GOLD.sum(axis=1) == 0
    return float((SCORES[benign] >= thresholds).any(axis=1).mean())


def test_thresholds_are_raised_until_the_budget_holds() -> None:
    thresholds = limit_false_alarms(SCORES, GOLD, START, budget=0.25)
    assert alarm_rate(START) == 0.75
    assert alarm_rate(thresholds) <= 0.25


def test_the_budget_is_spent_where_silencing_an_alarm_costs_no_true_positives() -> None:
    thresholds = limit_false_alarms(SCORES, GOLD, START, budget=0.5)
    # B raises more alarms, but silencing them would cost all of B's recall; silencing
    # A's alarm costs A nothing and brings the texts with an alarm down to two of four.
    assert 0.40 < thresholds[0] <= 0.75
    assert thresholds[1] == START[1]


def test_a_budget_already_met_changes_nothing() -> None:
    thresholds = limit_false_alarms(SCORES, GOLD, np.array([0.5, 0.75]), budget=0.0)
    np.testing.assert_array_equal(thresholds, [0.5, 0.75])


def test_alarms_shared_by_two_categories_are_still_silenced() -> None:
    gold = np.array([[1, 1], [0, 0], [0, 0]])
    scores = np.array([[0.9, 0.9], [0.5, 0.6], [0.4, 0.7]])
    thresholds = limit_false_alarms(scores, gold, np.array([0.3, 0.3]), budget=0.0)
    assert not (scores[1:] >= thresholds).any()
    assert (scores[0] >= thresholds).all()
