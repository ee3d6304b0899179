"""Retraining (`make model`) is reproducible: the same corpus gives the same artifact."""

import itertools
from pathlib import Path

import numpy as np
import pytest

from zicht.detection.config import load_config
from zicht.detection.model import load_model
from zicht.detection.train import run

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 120 lines of four parts: every category, hard negatives, all splits."""
    directory = tmp_path_factory.mktemp("corpus")
    for name in ("c1.jsonl", "c5.jsonl", "c12.jsonl", "c30.jsonl"):
        with (CORPUS / name).open(encoding="utf-8") as source:
            lines = list(itertools.islice(source, 120))
        (directory / name).write_text("".join(lines), encoding="utf-8")
    return directory


def train_into(corpus: Path, target: Path) -> dict:
    return run(corpus, target / "model", target / "config.yaml", target / "splits")


def test_training_twice_gives_the_same_model_config_and_splits(
    small_corpus: Path, tmp_path: Path
) -> None:
    first = train_into(small_corpus, tmp_path / "first")
    second = train_into(small_corpus, tmp_path / "second")
    a, b = load_model(tmp_path / "first" / "model"), load_model(tmp_path / "second" / "model")
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.bias, b.bias)
    assert a.vocab.words == b.vocab.words and a.vocab.chars == b.vocab.chars
    assert load_config(tmp_path / "first" / "config.yaml") == load_config(
        tmp_path / "second" / "config.yaml"
    )
    for split in ("train", "dev", "test"):
        assert (tmp_path / "first" / "splits" / f"{split}.jsonl").read_bytes() == (
            tmp_path / "second" / "splits" / f"{split}.jsonl"
        ).read_bytes()
    assert first["dev"] == second["dev"] and first["test"] == second["test"]
    assert first["corpus"]["kept"] == 480
