"""Metrics of detect-eval, on hand-made detections."""

from zicht.detection.evaluate import evaluate
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
