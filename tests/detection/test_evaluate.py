"""Metrics of detect-eval, on hand-made detections."""

from zicht.detection.evaluate import evaluate, format_report
from zicht.detection.schema import Detection


def detection(labels: list[str], urgency: str | None) -> Detection:
    return Detection(labels=labels, urgency=urgency)


def test_metrics_follow_their_definitions() -> None:
    gold = [
        {"labels": ["geweld"], "urgency": "acuut"},
        {"labels": ["geweld"], "urgency": "acuut"},
        {"labels": [], "urgency": None},
        {"labels": [], "urgency": None},
    ]
    predicted = [
        detection(["geweld"], "acuut"),
        detection([], None),
        detection(["geweld"], "hoog"),
        detection([], None),
    ]
    result = evaluate(gold, predicted)
    assert result["per_label"]["geweld"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "support": 2,
    }
    assert result["per_label"]["wapens"]["f1"] == 0.0
    assert result["benign_fpr"] == 0.5
    assert result["acute_recall"] == 0.5
    assert result["urgency_accuracy"] == 0.5
    assert result["macro_f1"] == round(0.5 / 11, 4)


def test_a_functional_suite_reports_pass_rates_per_functionality() -> None:
    gold = [
        {"labels": ["pesten"], "urgency": "hoog", "functionality": "pesten:insult"},
        {"labels": ["pesten", "geweld"], "urgency": "hoog", "functionality": "pesten:insult"},
        {"labels": [], "urgency": None, "functionality": "contrast:counter_speech"},
        {"labels": [], "urgency": None, "functionality": "contrast:counter_speech"},
    ]
    predicted = [
        detection(["pesten", "geweld"], "hoog"),
        detection(["pesten"], "hoog"),
        detection([], None),
        detection(["pesten"], "normaal"),
    ]
    result = evaluate(gold, predicted)
    assert result["functionalities"] == {
        "contrast:counter_speech": {"cases": 2, "passed": 1, "pass_rate": 0.5},
        "pesten:insult": {"cases": 2, "passed": 1, "pass_rate": 0.5},
    }
    assert "contrast:counter_speech" in format_report(result)


def test_functionalities_are_only_reported_when_every_record_names_one() -> None:
    result = evaluate([{"labels": [], "urgency": None}], [detection([], None)])
    assert "functionalities" not in result
