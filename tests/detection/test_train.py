"""Retraining (`make model`): reproducible, and every choice made on out-of-fold scores."""

import itertools
from pathlib import Path

import numpy as np
import pytest

from zicht.detection.config import load_config
from zicht.detection.corpus import fold_of, load_corpus
from zicht.detection.fitting import FOLDS
from zicht.detection.model import load_model
from zicht.detection.train import cross_fit, featurise, run

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


@pytest.fixture(scope="module")
def trained(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    directory = tmp_path_factory.mktemp("first")
    return train_into(small_corpus, directory), directory


def test_training_twice_gives_the_same_model_config_and_splits(
    small_corpus: Path, trained: tuple[dict, Path], tmp_path: Path
) -> None:
    first, first_dir = trained
    second = train_into(small_corpus, tmp_path / "second")
    a, b = load_model(first_dir / "model"), load_model(tmp_path / "second" / "model")
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.bias, b.bias)
    assert a.vocab.words == b.vocab.words and a.vocab.chars == b.vocab.chars
    assert load_config(first_dir / "config.yaml") == load_config(
        tmp_path / "second" / "config.yaml"
    )
    for split in ("train", "dev", "test"):
        assert (first_dir / "splits" / f"{split}.jsonl").read_bytes() == (
            tmp_path / "second" / "splits" / f"{split}.jsonl"
        ).read_bytes()
    assert first["dev"] == second["dev"] and first["test"] == second["test"]
    assert first["corpus"]["kept"] == 480


def test_each_pooled_text_is_scored_by_the_fold_model_that_never_saw_it(
    small_corpus: Path,
) -> None:
    examples, _ = load_corpus(small_corpus)
    pool = [e for e in examples if e.split != "test"]
    folds = np.array([fold_of(e.id, FOLDS) for e in pool])
    raw, models = cross_fit(pool, folds, 5.0)
    assert raw.shape[0] == len(pool)
    for k, model in enumerate(models):
        held = [pool[i] for i in np.flatnonzero(folds == k)]
        assert model.meta["train_texts"] == len(pool) - len(held)
        expected = model.logits(featurise(held, model.vocab))
        assert np.allclose(raw[folds == k], expected)


def test_the_report_gives_cross_validated_figures_over_train_and_dev(
    trained: tuple[dict, Path],
) -> None:
    report, _ = trained
    pooled = report["corpus"]["train"] + report["corpus"]["dev"]
    assert report["cross_validated"]["texts"] == pooled
    assert report["dev"]["texts"] == report["corpus"]["dev"]
    assert report["test"]["texts"] == report["corpus"]["test"]
