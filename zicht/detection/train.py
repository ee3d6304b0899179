"""Retrain the detector: ``python -m zicht.detection.train``.

Reproducible by construction: the split follows from each id's hash, vocabularies are
sorted, the solver is deterministic and every random state is fixed. Thresholds and the
regularisation strength are chosen on the dev split; the test split is only evaluated.
Writes the artifact (``model/``), the tuned ``config.yaml``, ``model/evaluation.json`` and
the dev/test splits as JSON Lines under ``data/splits/``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from zicht.detection import tuning
from zicht.detection.config import CONFIG_PATH, Config
from zicht.detection.corpus import Example, load_corpus
from zicht.detection.engine import detect_many
from zicht.detection.evaluate import evaluate, format_report
from zicht.detection.features import fit_vocabulary
from zicht.detection.fitting import fit_binary_heads, fit_urgency_head
from zicht.detection.lexicon import get_lexicon
from zicht.detection.model import MODEL_DIR, Model, save_model
from zicht.detection.normalise import normalise
from zicht.detection.schema import CATEGORIES, HELP_DOMAINS, SUBSTANCES

ROOT = Path(__file__).resolve().parents[2]
C_GRID = (5.0, 15.0, 40.0)


def targets(examples: Sequence[Example], field: str, codes: Sequence[str]) -> np.ndarray:
    return np.array([[code in getattr(e, field) for code in codes] for e in examples], dtype=int)


def featurise(examples: Sequence[Example], vocab: Any) -> sparse.csr_matrix:
    lexicon = get_lexicon()
    texts = [normalise(e.text) for e in examples]
    return vocab.matrix(texts, [lexicon.scan(t) for t in texts])


def build_model(
    x_train: sparse.csr_matrix, train: Sequence[Example], vocab: Any, c_value: float
) -> Model:
    heads = {
        "cat": list(CATEGORIES),
        "sub": list(SUBSTANCES),
        "help": list(HELP_DOMAINS),
        "urg": ["acuut", "hoog", "normaal", "laag"],
        "acute": ["acuut"],
        "signal": ["any"],
    }
    parts = [
        fit_binary_heads(x_train, targets(train, "labels", CATEGORIES), c_value, calibrate=False),
        fit_binary_heads(x_train, targets(train, "substances", SUBSTANCES), c_value),
        fit_binary_heads(x_train, targets(train, "help", HELP_DOMAINS), c_value),
        fit_urgency_head(x_train, [e.urgency for e in train], heads["urg"], c_value),
        fit_binary_heads(x_train, np.array([[e.urgency == "acuut"] for e in train]), c_value),
        fit_binary_heads(
            x_train, np.array([[bool(e.labels)] for e in train]), c_value, calibrate=False
        ),
    ]
    return Model(
        vocab=vocab,
        weights=np.hstack([p[0] for p in parts]).astype(np.float32),
        bias=np.concatenate([p[1] for p in parts]).astype(np.float32),
        platt_scale=np.concatenate([p[2] for p in parts]).astype(np.float32),
        platt_shift=np.concatenate([p[3] for p in parts]).astype(np.float32),
        heads=heads,
        meta={"c": c_value, "lexicon_version": get_lexicon().version, "train_texts": len(train)},
    )


def choose_c(
    x_train: sparse.csr_matrix,
    train: Sequence[Example],
    x_dev: sparse.csr_matrix,
    dev: Sequence[Example],
) -> tuple[float, dict[str, float]]:
    """Regularisation strength by dev macro-F1 (with thresholds tuned per candidate)."""
    scores: dict[str, float] = {}
    y_train, y_dev = targets(train, "labels", CATEGORIES), targets(dev, "labels", CATEGORIES)
    for c_value in C_GRID:
        weights, bias, scale, shift = fit_binary_heads(x_train, y_train, c_value, calibrate=False)
        logits = (np.asarray(x_dev @ weights) + bias) * scale + shift
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        thresholds = tuning.f1_thresholds(probabilities, y_dev)
        scores[str(c_value)] = tuning.macro_f1(probabilities, y_dev, thresholds)
    best = max(C_GRID, key=lambda c: (scores[str(c)], -c))
    return best, scores


def write_splits(examples: Sequence[Example], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("train", "dev", "test"):
        with (directory / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for example in examples:
                if example.split == name:
                    handle.write(json.dumps(example.as_dict(), ensure_ascii=False) + "\n")


def evaluation(model: Model, config: Config, examples: Sequence[Example]) -> dict[str, Any]:
    detections = detect_many([e.text for e in examples], model=model, config=config)
    return evaluate([e.as_dict() for e in examples], detections)


def run(corpus_dir: Path, model_dir: Path, config_path: Path, splits_dir: Path) -> dict[str, Any]:
    examples, stats = load_corpus(corpus_dir)
    split = {name: [e for e in examples if e.split == name] for name in ("train", "dev", "test")}
    vocab = fit_vocabulary([normalise(e.text) for e in split["train"]])
    x = {name: featurise(items, vocab) for name, items in split.items()}
    c_value, c_scores = choose_c(x["train"], split["train"], x["dev"], split["dev"])
    model = build_model(x["train"], split["train"], vocab, c_value)
    config = tuning.tune_config(model, x["dev"], split["dev"])
    save_model(model, model_dir)
    tuning.write_config(config, config_path)
    write_splits(examples, splits_dir)
    report = {
        "corpus": {**stats, "kept": len(examples), **{k: len(v) for k, v in split.items()}},
        "features": vocab.size,
        "c_grid": c_scores,
        "c": c_value,
        "dev": evaluation(model, config, split["dev"]),
        "test": evaluation(model, config, split["test"]),
    }
    (model_dir / "evaluation.json").write_text(
        json.dumps(report, indent=2) + "\n", encoding="utf-8"
    )
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zicht.detection.train", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument("--config", type=Path, default=CONFIG_PATH)
    parser.add_argument("--splits", type=Path, default=ROOT / "data" / "splits")
    args = parser.parse_args(argv)
    report = run(args.corpus, args.model_dir, args.config, args.splits)
    print(json.dumps(report["corpus"]))
    for name in ("dev", "test"):
        print(f"\n== {name} ==\n{format_report(report[name])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
