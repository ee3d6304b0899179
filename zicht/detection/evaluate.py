"""Metrics for a labelled corpus: per-label precision/recall/F1, macro-F1, the false-positive
rate on texts without labels, recall of ``acuut`` and urgency accuracy.

Urgency accuracy counts every text, so an unlabelled text is right when the detector also
says ``null``; acute recall is the share of gold ``acuut`` texts the detector calls acute.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zicht.detection.schema import CATEGORIES, HELP_DOMAINS, SUBSTANCES, Detection


def _prf(true_positive: int, false_positive: int, false_negative: int) -> dict[str, float]:
    precision = true_positive / (true_positive + false_positive) if true_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _label_metrics(
    gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], codes: Sequence[str]
) -> dict[str, dict[str, float]]:
    metrics: dict[str, dict[str, float]] = {}
    for code in codes:
        tp = sum(code in g and code in p for g, p in zip(gold, predicted, strict=True))
        fp = sum(code not in g and code in p for g, p in zip(gold, predicted, strict=True))
        fn = sum(code in g and code not in p for g, p in zip(gold, predicted, strict=True))
        metrics[code] = {**_prf(tp, fp, fn), "support": tp + fn}
    return metrics


def _micro_f1(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> float:
    pairs = list(zip(gold, predicted, strict=True))
    tp = sum(len(set(g) & set(p)) for g, p in pairs)
    fp = sum(len(set(p) - set(g)) for g, p in pairs)
    fn = sum(len(set(g) - set(p)) for g, p in pairs)
    return _prf(tp, fp, fn)["f1"]


def evaluate(records: Sequence[dict[str, Any]], detections: Sequence[Detection]) -> dict[str, Any]:
    """Compare gold ``records`` (labels, urgency, substances?, help?) with detections."""
    gold = [list(r.get("labels") or []) for r in records]
    predicted = [d.labels for d in detections]
    per_label = _label_metrics(gold, predicted, CATEGORIES)
    unlabelled = [p for g, p in zip(gold, predicted, strict=True) if not g]
    acute = [
        d.urgency == "acuut"
        for r, d in zip(records, detections, strict=True)
        if r.get("urgency") == "acuut"
    ]
    agree = [r.get("urgency") == d.urgency for r, d in zip(records, detections, strict=True)]
    result: dict[str, Any] = {
        "texts": len(records),
        "macro_f1": round(sum(m["f1"] for m in per_label.values()) / len(CATEGORIES), 4),
        "per_label": per_label,
        "benign_fpr": round(sum(bool(p) for p in unlabelled) / len(unlabelled), 4)
        if unlabelled
        else None,
        "benign_texts": len(unlabelled),
        "acute_recall": round(sum(acute) / len(acute), 4) if acute else None,
        "acute_texts": len(acute),
        "urgency_accuracy": round(sum(agree) / len(agree), 4) if agree else None,
    }
    if all("substances" in r for r in records):
        subs = [list(r["substances"]) for r in records]
        result["substances_micro_f1"] = _micro_f1(subs, [d.substances for d in detections])
        result["substances_per_label"] = _label_metrics(
            subs, [d.substances for d in detections], SUBSTANCES
        )
    if all("help" in r for r in records):
        helps = [list(r["help"]) for r in records]
        result["help_micro_f1"] = _micro_f1(helps, [d.help for d in detections])
        result["help_per_label"] = _label_metrics(helps, [d.help for d in detections], HELP_DOMAINS)
    if records and all("functionality" in r for r in records):
        result["functionalities"] = functional_results(records, detections)
    return result


def functional_results(
    records: Sequence[dict[str, Any]], detections: Sequence[Detection]
) -> dict[str, dict[str, float]]:
    """Pass rate per ``functionality`` of a functional test suite.

    A case with labels passes when the detector finds all of them (extra labels are counted
    as false positives elsewhere); a case without labels passes when it finds none.
    """
    tally: dict[str, list[int]] = {}
    for record, detection in zip(records, detections, strict=True):
        gold = set(record.get("labels") or [])
        passed = gold <= set(detection.labels) if gold else not detection.labels
        counts = tally.setdefault(str(record["functionality"]), [0, 0])
        counts[0] += 1
        counts[1] += int(passed)
    return {
        name: {"cases": cases, "passed": passed, "pass_rate": round(passed / cases, 4)}
        for name, (cases, passed) in sorted(tally.items())
    }


def format_report(result: dict[str, Any]) -> str:
    """A plain-text table for people."""
    lines = [f"{'label':<16}{'precision':>10}{'recall':>10}{'f1':>8}{'support':>9}"]
    for code, m in result["per_label"].items():
        lines.append(
            f"{code:<16}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}{int(m['support']):>9}"
        )
    lines.append("")
    lines.append(f"texts                 {result['texts']}")
    lines.append(f"macro-F1              {result['macro_f1']:.4f}")
    for key in (
        "benign_fpr",
        "acute_recall",
        "urgency_accuracy",
        "substances_micro_f1",
        "help_micro_f1",
    ):
        value = result.get(key)
        if key in result:
            lines.append(f"{key:<22}{'n/a' if value is None else f'{value:.4f}'}")
    if "functionalities" in result:
        lines.append("")
        lines.append(f"{'functionality':<44}{'passed':>8}{'cases':>7}")
        for name, item in result["functionalities"].items():
            lines.append(f"{name:<44}{item['passed']:>8}{item['cases']:>7}")
    return "\n".join(lines)
