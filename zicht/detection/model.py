"""The trained classifier: one linear layer over the feature rows, several output heads.

Heads: ``cat`` (one logistic model per signal category), ``sub`` (substance subtypes),
``help`` (help-question domains), ``urg`` (a multinomial model over the four urgency
levels), ``acute`` (acute or not) and ``signal`` (any signal or none; trained on all texts,
it has seen every hard negative, so it gates the category scores). ``cat`` and ``signal``
keep scale 1 and shift 0: their product ranks better uncalibrated (ADR 0013). The artifact
is a compressed ``.npz`` plus two small JSON files and loads once per process, lazily and
under a lock.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from zicht.detection.features import Vocabulary

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

    def predict(self, features: sparse.csr_matrix) -> dict[str, np.ndarray]:
        """Probabilities per head, each of shape ``(texts, outputs)``.

        A category's score is its own probability times the probability of any signal.
        """
        return self.from_logits(self.logits(features))

    def from_logits(self, raw: np.ndarray) -> dict[str, np.ndarray]:
        """Probabilities per head from raw outputs (also out-of-fold ones, in training)."""
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
        result["cat"] = result["cat"] * result["signal"]
        return result


def save_model(model: Model, directory: Path = MODEL_DIR) -> None:
    """Write the artifact; float16 weights keep it small without changing decisions."""
    directory.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        directory / "weights.npz",
        weights=model.weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
        platt_scale=model.platt_scale.astype(np.float32),
        platt_shift=model.platt_shift.astype(np.float32),
        word_idf=model.vocab.word_idf.astype(np.float32),
        char_idf=model.vocab.char_idf.astype(np.float32),
    )
    vocab = {"words": _ordered(model.vocab.words), "chars": _ordered(model.vocab.chars)}
    _write_json(directory / "vocab.json", vocab)
    _write_json(directory / "meta.json", {"heads": model.heads, **model.meta})


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
    return Model(
        vocab=vocab,
        weights=arrays["weights"].astype(np.float32),
        bias=arrays["bias"],
        platt_scale=arrays["platt_scale"],
        platt_shift=arrays["platt_shift"],
        heads=heads,
        meta=meta,
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
