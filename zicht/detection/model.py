"""The trained classifier: one linear layer over the feature rows, several output heads.

Heads: ``cat`` (one logistic model per signal category), ``sub`` (substance subtypes),
``help`` (help-question domains), ``urg`` (a multinomial model over the four urgency
levels), ``acute`` (acute or not) and ``signal`` (any signal or none; trained on all texts,
it has seen every hard negative, so it gates the category scores). ``cat`` and ``signal``
keep scale 1 and shift 0: their product ranks better uncalibrated (ADR 0013). A second stage
of boosted trees (``second``) may replace the ``signal`` and ``acute`` probabilities; it
reads the raw outputs of every head, the lexicon features and the word count (ADR 0019).
The artifact is a compressed ``.npz`` plus two small JSON files and loads once per process,
lazily and under a lock.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from zicht.detection.features import LEXICON_NAMES, Vocabulary
from zicht.detection.trees import Forest

MODEL_DIR = Path(__file__).parent / "model"
BINARY_HEADS = ("cat", "sub", "help", "acute", "signal")


@dataclass
class Model:
    """Weights ``(features × outputs)``, bias and Platt scaling per binary output."""

    vocab: Vocabulary
    weights: np.ndarray
    bias: np.ndarray
    platt_scale: np.ndarray
    platt_shift: np.ndarray
    heads: dict[str, list[str]]
    meta: dict[str, Any]
    second: dict[str, Forest] = field(default_factory=dict)

    def head_slice(self, head: str) -> slice:
        start = 0
        for name, outputs in self.heads.items():
            if name == head:
                return slice(start, start + len(outputs))
            start += len(outputs)
        raise KeyError(head)

    def logits(self, features: sparse.csr_matrix) -> np.ndarray:
        """Raw linear outputs ``(texts, outputs)``, before calibration and softmax."""
        return np.asarray(features @ self.weights) + self.bias

    def predict(
        self, features: sparse.csr_matrix, words: Sequence[int] | np.ndarray
    ) -> dict[str, np.ndarray]:
        """Probabilities per head, each of shape ``(texts, outputs)``; ``words`` is each
        normalised text's number of words (the second stage reads it).

        A category's score is its own probability times the probability of any signal.
        """
        context = stage_context(lexicon_block(features), words) if self.second else None
        return self.from_logits(self.logits(features), context)

    def from_logits(self, raw: np.ndarray, context: np.ndarray | None) -> dict[str, np.ndarray]:
        """Probabilities per head from raw outputs (also out-of-fold ones, in training) and,
        for the second stage, the texts' ``stage_context``."""
        calibrated = raw * self.platt_scale + self.platt_shift
        result: dict[str, np.ndarray] = {}
        for head in self.heads:
            part = self.head_slice(head)
            if head in BINARY_HEADS:
                result[head] = 1.0 / (1.0 + np.exp(-calibrated[:, part]))
            else:
                logits = raw[:, part] - raw[:, part].max(axis=1, keepdims=True)
                exp = np.exp(logits)
                result[head] = exp / exp.sum(axis=1, keepdims=True)
        if self.second:
            if context is None:
                raise ValueError("the second stage needs the texts' context features")
            inputs = np.hstack([raw, context])
            for head, forest in self.second.items():
                result[head] = forest.probability(inputs)[:, None]
        result["cat"] = result["cat"] * result["signal"]
        return result


def lexicon_block(features: sparse.csr_matrix) -> np.ndarray:
    """The dense lexicon features: the last columns of every feature row."""
    return np.asarray(features[:, -len(LEXICON_NAMES) :].toarray())


def stage_context(lexicon: np.ndarray, words: Sequence[int] | np.ndarray) -> np.ndarray:
    """What the second stage reads besides the raw outputs: the lexicon features and the
    logarithm of the number of words."""
    return np.hstack([lexicon, np.log1p(np.asarray(words, dtype=np.float64))[:, None]])


def save_model(model: Model, directory: Path = MODEL_DIR) -> None:
    """Write the artifact; float16 weights keep it small without changing decisions."""
    directory.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {
        "weights": model.weights.astype(np.float16),
        "bias": model.bias.astype(np.float32),
        "platt_scale": model.platt_scale.astype(np.float32),
        "platt_shift": model.platt_shift.astype(np.float32),
        "word_idf": model.vocab.word_idf.astype(np.float32),
        "char_idf": model.vocab.char_idf.astype(np.float32),
    }
    for head, forest in model.second.items():
        arrays.update(forest.arrays(f"second.{head}"))
    np.savez_compressed(directory / "weights.npz", **arrays)  # type: ignore[arg-type]
    vocab = {"words": _ordered(model.vocab.words), "chars": _ordered(model.vocab.chars)}
    _write_json(directory / "vocab.json", vocab)
    meta = {"heads": model.heads, "second_stage": sorted(model.second), **model.meta}
    _write_json(directory / "meta.json", meta)


def _ordered(table: dict[str, int]) -> list[str]:
    return [gram for gram, _ in sorted(table.items(), key=lambda item: item[1])]


def _write_json(path: Path, data: Any) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
        handle.write("\n")


def load_model(directory: Path = MODEL_DIR) -> Model:
    arrays = np.load(directory / "weights.npz")
    with (directory / "vocab.json").open(encoding="utf-8") as handle:
        vocab_lists = json.load(handle)
    with (directory / "meta.json").open(encoding="utf-8") as handle:
        meta = json.load(handle)
    vocab = Vocabulary(
        words={gram: i for i, gram in enumerate(vocab_lists["words"])},
        chars={gram: i for i, gram in enumerate(vocab_lists["chars"])},
        word_idf=arrays["word_idf"],
        char_idf=arrays["char_idf"],
    )
    heads = meta.pop("heads")
    second = {
        head: Forest.from_arrays(arrays, f"second.{head}") for head in meta.pop("second_stage", [])
    }
    return Model(
        vocab=vocab,
        weights=arrays["weights"].astype(np.float32),
        bias=arrays["bias"],
        platt_scale=arrays["platt_scale"],
        platt_shift=arrays["platt_shift"],
        heads=heads,
        meta=meta,
        second=second,
    )


_LOCK = threading.Lock()
_CACHE: list[Model] = []


def get_model() -> Model:
    """The process-wide model, loaded on first use (thread-safe)."""
    if not _CACHE:
        with _LOCK:
            if not _CACHE:
                _CACHE.append(load_model())
    return _CACHE[0]
