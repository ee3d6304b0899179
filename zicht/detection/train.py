"""Retrain the detector: ``python -m zicht.detection.train``.

The model is fitted on the train and dev splits together. Thresholds, urgency settings and
calibration are chosen on out-of-fold scores: each of five folds of train + dev is scored by
a model fitted on the other four, so every choice sees scores of texts the scoring model
never saw, from 85 % of the corpus instead of a 15 % dev split (ADR 0018). A second stage of
boosted trees, fitted on those out-of-fold outputs, decides "any signal" and "acute" (ADR 0019).
The test split is only evaluated.

Reproducible by construction: splits and folds follow from each id's hash, vocabularies are
sorted, the solver is deterministic and every random state is fixed. Writes the artifact
(``model/``), the tuned ``config.yaml``, ``model/evaluation.json`` and the splits as JSON
Lines under ``data/splits/``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from zicht.detection import tuning
from zicht.detection.config import CONFIG_PATH, Config
from zicht.detection.corpus import Example, fold_of, load_corpus
from zicht.detection.engine import detect_many
from zicht.detection.evaluate import evaluate, format_report
from zicht.detection.features import fit_vocabulary, lexicon_row
from zicht.detection.fitting import FOLDS, fit_binary_heads, fit_forest, fit_urgency_head, platt
from zicht.detection.lexicon import get_lexicon
from zicht.detection.model import MODEL_DIR, Model, save_model, stage_context
from zicht.detection.normalise import normalise
from zicht.detection.schema import CATEGORIES, HELP_DOMAINS, SUBSTANCES
from zicht.detection.trees import Forest

ROOT = Path(__file__).resolve().parents[2]
C_GRID = (5.0, 15.0, 40.0)


def targets(examples: Sequence[Example], field: str, codes: Sequence[str]) -> np.ndarray:
    return np.array([[code in getattr(e, field) for code in codes] for e in examples], dtype=int)


def featurise(examples: Sequence[Example], vocab: Any) -> sparse.csr_matrix:
    lexicon = get_lexicon()
    texts = [normalise(e.text) for e in examples]
    return vocab.matrix(texts, [lexicon.scan(t) for t in texts])


HEADS: dict[str, list[str]] = {
    "cat": list(CATEGORIES),
    "sub": list(SUBSTANCES),
    "help": list(HELP_DOMAINS),
    "urg": ["acuut", "hoog", "normaal", "laag"],
    "acute": ["acuut"],
    "signal": ["any"],
}
# Heads whose probabilities are Platt-calibrated; ``cat`` and ``signal`` rank better
# uncalibrated (ADR 0013) and ``urg`` is a softmax.
CALIBRATED = ("sub", "help", "acute")


# Heads whose probabilities the second stage of boosted trees replaces (ADR 0019).
SECOND_STAGE = ("signal", "acute")


def head_targets(examples: Sequence[Example]) -> dict[str, np.ndarray]:
    return {
        "cat": targets(examples, "labels", CATEGORIES),
        "sub": targets(examples, "substances", SUBSTANCES),
        "help": targets(examples, "help", HELP_DOMAINS),
        "acute": np.array([[e.urgency == "acuut"] for e in examples], dtype=int),
        "signal": np.array([[bool(e.labels)] for e in examples], dtype=int),
    }


def build_model(
    x_train: sparse.csr_matrix, train: Sequence[Example], vocab: Any, c_value: float
) -> Model:
    """All heads fitted on ``train``, uncalibrated (scale 1, shift 0)."""
    y = head_targets(train)
    parts = [
        fit_binary_heads(x_train, y["cat"], c_value),
        fit_binary_heads(x_train, y["sub"], c_value),
        fit_binary_heads(x_train, y["help"], c_value),
        fit_urgency_head(x_train, [e.urgency for e in train], HEADS["urg"], c_value),
        fit_binary_heads(x_train, y["acute"], c_value),
        fit_binary_heads(x_train, y["signal"], c_value),
    ]
    return Model(
        vocab=vocab,
        weights=np.hstack([p[0] for p in parts]).astype(np.float32),
        bias=np.concatenate([p[1] for p in parts]).astype(np.float32),
        platt_scale=np.concatenate([p[2] for p in parts]).astype(np.float32),
        platt_shift=np.concatenate([p[3] for p in parts]).astype(np.float32),
        heads={name: list(outputs) for name, outputs in HEADS.items()},
        meta={"c": c_value, "lexicon_version": get_lexicon().version, "train_texts": len(train)},
    )


def fitted(examples: Sequence[Example], c_value: float) -> Model:
    vocab = fit_vocabulary([normalise(e.text) for e in examples])
    return build_model(featurise(examples, vocab), examples, vocab, c_value)


def choose_c(pool: Sequence[Example], folds: np.ndarray) -> tuple[float, dict[str, float]]:
    """Regularisation strength by macro-F1 on the first fold (thresholds tuned per value)."""
    fit = [e for e, f in zip(pool, folds, strict=True) if f != 0]
    held = [e for e, f in zip(pool, folds, strict=True) if f == 0]
    vocab = fit_vocabulary([normalise(e.text) for e in fit])
    x_fit, x_held = featurise(fit, vocab), featurise(held, vocab)
    y_fit, y_held = targets(fit, "labels", CATEGORIES), targets(held, "labels", CATEGORIES)
    scores: dict[str, float] = {}
    for c_value in C_GRID:
        weights, bias, _, _ = fit_binary_heads(x_fit, y_fit, c_value)
        probabilities = 1.0 / (1.0 + np.exp(-(np.asarray(x_held @ weights) + bias)))
        thresholds = tuning.f1_thresholds(probabilities, y_held)
        scores[str(c_value)] = tuning.macro_f1(probabilities, y_held, thresholds)
    best = max(C_GRID, key=lambda c: (scores[str(c)], -c))
    return best, scores


def cross_fit(
    pool: Sequence[Example], folds: np.ndarray, c_value: float
) -> tuple[np.ndarray, list[Model]]:
    """Out-of-fold raw outputs for every pooled text, and the model of each fold."""
    models = [
        fitted([e for e, f in zip(pool, folds, strict=True) if f != k], c_value)
        for k in range(FOLDS)
    ]
    rows = np.zeros((len(pool), models[0].weights.shape[1]))
    for k, model in enumerate(models):
        held = np.flatnonzero(folds == k)
        rows[held] = model.logits(featurise([pool[int(i)] for i in held], model.vocab))
    return rows, models


def calibrate(model: Model, raw: np.ndarray, pool: Sequence[Example]) -> Model:
    """The model with Platt scaling fitted on the out-of-fold outputs ``raw``."""
    scale, shift = model.platt_scale.copy(), model.platt_shift.copy()
    y = head_targets(pool)
    for head in CALIBRATED:
        part = model.head_slice(head)
        for offset, column in enumerate(range(part.start, part.stop)):
            scale[column], shift[column] = platt(raw[:, column], y[head][:, offset])
    return replace(model, platt_scale=scale, platt_shift=shift)


def contexts(examples: Sequence[Example]) -> np.ndarray:
    """The second stage's ``stage_context`` of each text, as detection computes it."""
    lexicon = get_lexicon()
    texts = [normalise(e.text) for e in examples]
    rows = np.vstack([lexicon_row(t, lexicon.scan(t)) for t in texts])
    return stage_context(rows, [len(t.text.split()) for t in texts])


def fit_second_stage(inputs: np.ndarray, examples: Sequence[Example]) -> dict[str, Forest]:
    """Boosted trees for the ``SECOND_STAGE`` heads, fitted on out-of-fold first-stage
    outputs; a head with too few positives keeps its linear probability."""
    y = head_targets(examples)
    return {
        head: fit_forest(inputs, y[head][:, 0])
        for head in SECOND_STAGE
        if FOLDS <= y[head].sum() <= len(examples) - FOLDS
    }


def fold_second_stages(
    inputs: np.ndarray, pool: Sequence[Example], folds: np.ndarray
) -> list[dict[str, Forest]]:
    """Per fold, the second stage fitted without that fold's texts, so that its scores for
    them are out of fold like the first stage's."""
    return [
        fit_second_stage(
            inputs[folds != k], [e for e, f in zip(pool, folds, strict=True) if f != k]
        )
        for k in range(FOLDS)
    ]


def out_of_fold_predictions(
    model: Model,
    raw: np.ndarray,
    context: np.ndarray,
    folds: np.ndarray,
    stages: Sequence[dict[str, Forest]],
) -> dict[str, np.ndarray]:
    """Probabilities per head for the pooled texts, each row's second stage out of fold."""
    result: dict[str, np.ndarray] = {}
    for k, stage in enumerate(stages):
        rows = folds == k
        part = replace(model, second=stage).from_logits(raw[rows], context[rows])
        for head, values in part.items():
            result.setdefault(head, np.zeros((len(raw), values.shape[1])))[rows] = values
    return result


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


def out_of_fold_evaluation(
    models: Sequence[Model],
    final: Model,
    config: Config,
    pool: Sequence[Example],
    folds: np.ndarray,
    stages: Sequence[dict[str, Forest]],
    split: str | None = None,
) -> dict[str, Any]:
    """Figures for pooled texts, each detected by the fold model and second stage that never
    saw it (with the final calibration); ``split`` restricts them to one split's texts."""
    chosen = [i for i, e in enumerate(pool) if split is None or e.split == split]
    detections: dict[int, Any] = {}
    for k, model in enumerate(models):
        model = replace(
            model, platt_scale=final.platt_scale, platt_shift=final.platt_shift, second=stages[k]
        )
        rows = [i for i in chosen if folds[i] == k]
        found = detect_many([pool[i].text for i in rows], model=model, config=config)
        detections.update(zip(rows, found, strict=True))
    return evaluate([pool[i].as_dict() for i in chosen], [detections[i] for i in chosen])


def run(corpus_dir: Path, model_dir: Path, config_path: Path, splits_dir: Path) -> dict[str, Any]:
    examples, stats = load_corpus(corpus_dir)
    pool = [e for e in examples if e.split != "test"]
    test = [e for e in examples if e.split == "test"]
    folds = np.array([fold_of(e.id, FOLDS) for e in pool])
    c_value, c_scores = choose_c(pool, folds)
    raw, fold_models = cross_fit(pool, folds, c_value)
    context = contexts(pool)
    inputs = np.hstack([raw, context])
    stages = fold_second_stages(inputs, pool, folds)
    model = calibrate(fitted(pool, c_value), raw, pool)
    model = replace(model, second=fit_second_stage(inputs, pool))
    config = tuning.tune_config(out_of_fold_predictions(model, raw, context, folds, stages), pool)
    save_model(model, model_dir)
    tuning.write_config(config, config_path)
    write_splits(examples, splits_dir)
    report = {
        "corpus": {
            **stats,
            "kept": len(examples),
            **{name: sum(e.split == name for e in examples) for name in ("train", "dev", "test")},
        },
        "features": model.vocab.size,
        "c_grid": c_scores,
        "c": c_value,
        "cross_validated": out_of_fold_evaluation(fold_models, model, config, pool, folds, stages),
        "dev": out_of_fold_evaluation(fold_models, model, config, pool, folds, stages, "dev"),
        "test": evaluation(model, config, test),
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
    for name in ("cross_validated", "test"):
        print(f"\n== {name} ==\n{format_report(report[name])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
