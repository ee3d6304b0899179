"""How well do careful readers agree with the corpus labels? (data/agreement/README.md)

Two annotators labelled the same 500 test texts blind, from taxonomy.md and rules R1–R5
alone. This compares each annotator, and the detector, with the corpus labels on those
texts, and the annotators with each other, with the same metrics as ``zicht detect-eval``.

Run from the repository root: ``.venv/bin/python scripts/agreement.py [--json]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zicht.detection.corpus import load_corpus  # noqa: E402
from zicht.detection.engine import detect_many  # noqa: E402
from zicht.detection.evaluate import evaluate  # noqa: E402
from zicht.detection.schema import Detection  # noqa: E402

AGREEMENT = ROOT / "data" / "agreement"
SUMMARY = ("macro_f1", "benign_fpr", "acute_recall", "urgency_accuracy")


def _read(name: str) -> list[dict[str, Any]]:
    with (AGREEMENT / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _as_detections(records: list[dict[str, Any]]) -> list[Detection]:
    return [Detection(labels=list(r["labels"]), urgency=r["urgency"]) for r in records]


def compare() -> dict[str, dict[str, Any]]:
    examples, _ = load_corpus(ROOT / "data" / "corpus")
    by_id = {e.id: e.as_dict() for e in examples}
    a, b = _read("annotator-a.jsonl"), _read("annotator-b.jsonl")
    gold = [by_id[r["id"]] for r in a]
    model = detect_many([g["text"] for g in gold])
    return {
        "annotator A vs corpus": evaluate(gold, _as_detections(a)),
        "annotator B vs corpus": evaluate(gold, _as_detections(b)),
        "annotator A vs B": evaluate(b, _as_detections(a)),
        "detector vs corpus": evaluate(gold, model),
    }


def main() -> None:
    results = compare()
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2))
        return
    for name, result in results.items():
        summary = ", ".join(f"{key} {result[key]}" for key in SUMMARY)
        per_label = " ".join(f"{c} {m['f1']:.2f}" for c, m in result["per_label"].items())
        print(f"{name}: {summary}\n    F1 per category: {per_label}")


if __name__ == "__main__":
    main()
