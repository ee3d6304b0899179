"""Urgency decisions from model probabilities and explicit cues."""

from dataclasses import replace

import numpy as np

from zicht.detection import detect
from zicht.detection.config import Config
from zicht.detection.engine import choose_labels
from zicht.detection.schema import CATEGORIES
from zicht.detection.urgency import acute_by_cues, decide_urgency, intent_with_a_time

CONFIG = Config(
    categories={},
    substances={},
    help={},
    acute_threshold=0.5,
    rescue_threshold=0.9,
    rescue_floor=0.05,
    hoog_margin=0.1,
    cue_rules=True,
    max_chars=20_000,
)
LEVELS = np.array([0.0, 0.3, 0.35, 0.35])


def test_no_labels_means_no_urgency() -> None:
    assert decide_urgency([], LEVELS, 0.99, {"time": 1.0}, CONFIG) is None


def test_a_confident_acute_model_makes_it_acute() -> None:
    assert decide_urgency(["geweld"], LEVELS, 0.6, {}, CONFIG) == "acuut"


def test_violence_with_time_and_place_is_acute_by_rule() -> None:
    cues = {"time": 0.9, "place": 0.9}
    assert acute_by_cues(["wapens"], cues)
    assert decide_urgency(["wapens"], LEVELS, 0.1, cues, CONFIG) == "acuut"
    assert not acute_by_cues(["geld"], cues)


def test_distress_with_a_goodbye_is_acute_by_rule() -> None:
    assert acute_by_cues(["mentaal"], {"goodbye": 0.9})
    assert not acute_by_cues(["mentaal"], {"time": 0.9})


def test_an_explicit_act_with_a_time_is_acute_even_without_the_cue_rules() -> None:
    cues = {"goodbye": 0.9, "time": 0.9}
    assert intent_with_a_time(["mentaal"], cues)
    assert not intent_with_a_time(["mentaal"], {"goodbye": 0.9})
    assert not intent_with_a_time(["mentaal"], {"goodbye": 0.8, "time": 0.9})
    assert not intent_with_a_time(["geweld"], cues)
    without_rules = replace(CONFIG, cue_rules=False)
    assert decide_urgency(["mentaal"], LEVELS, 0.0, cues, without_rules) == "acuut"


def test_hanging_oneself_tonight_is_acute_but_dying_over_a_grade_is_no_signal() -> None:
    assert detect("ik ga mezelf ophangen vanavond").urgency == "acuut"
    joke = detect("ik ga dood als ik weer een 4 haal lol")
    assert joke.labels == [] and joke.urgency is None


def test_doubt_between_normaal_and_hoog_goes_to_hoog() -> None:
    levels = np.array([0.0, 0.42, 0.48, 0.10])
    assert decide_urgency(["thuis"], levels, 0.0, {}, CONFIG) == "hoog"
    clear = np.array([0.0, 0.2, 0.7, 0.1])
    assert decide_urgency(["thuis"], clear, 0.0, {}, CONFIG) == "normaal"


RESCUE_CONFIG = replace(CONFIG, categories=dict.fromkeys(CATEGORIES, 0.8), rescue_threshold=0.4)


def _scores(**given: float) -> dict[str, float]:
    return {code: given.get(code, 0.01) for code in CATEGORIES}


def test_an_acute_signal_below_every_threshold_keeps_its_likeliest_category() -> None:
    assert choose_labels(_scores(geweld=0.6, wapens=0.3), 0.5, RESCUE_CONFIG) == ["geweld"]


def test_no_rescue_when_the_models_doubt_it_is_acute_or_a_signal() -> None:
    assert choose_labels(_scores(geweld=0.6), 0.3, RESCUE_CONFIG) == []


def test_no_rescue_when_no_category_reaches_the_floor() -> None:
    assert choose_labels(_scores(), 0.9, RESCUE_CONFIG) == []


def test_labels_above_threshold_need_no_rescue() -> None:
    assert choose_labels(_scores(pesten=0.9, geweld=0.6), 0.9, RESCUE_CONFIG) == ["pesten"]
