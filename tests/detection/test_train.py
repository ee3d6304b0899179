"""Retraining (`make model`): reproducible, and every choice made on out-of-fold scores."""

import itertools
from pathlib import Path

import numpy as np
import pytest

from zicht.detection.config import load_config
from zicht.detection.corpus import fold_of, load_corpus
from zicht.detection.fitting import FOLDS
from zicht.detection.model import load_model
from zicht.detection.train import (
    SECOND_STAGE,
    contexts,
    cross_fit,
    featurise,
    fit_second_stage,
    fold_second_stages,
    run,
)

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
    assert a.second.keys() == b.second.keys()
    for head in a.second:
        assert np.array_equal(a.second[head].value, b.second[head].value)
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


def test_the_saved_model_carries_a_second_stage_for_the_gate(trained: tuple[dict, Path]) -> None:
    _, directory = trained
    model = load_model(directory / "model")
    assert "signal" in model.second and set(model.second) <= set(SECOND_STAGE)


def test_each_fold_second_stage_is_fitted_without_that_folds_texts(small_corpus: Path) -> None:
    examples, _ = load_corpus(small_corpus)
    pool = [e for e in examples if e.split != "test"]
    folds = np.array([fold_of(e.id, FOLDS) for e in pool])
    raw, _ = cross_fit(pool, folds, 5.0)
    inputs = np.hstack([raw, contexts(pool)])
    stages = fold_second_stages(inputs, pool, folds)
    assert len(stages) == FOLDS
    for k in (0, FOLDS - 1):
        others = [e for e, f in zip(pool, folds, strict=True) if f != k]
        expected = fit_second_stage(inputs[folds != k], others)
        assert stages[k].keys() == expected.keys()
        for head in expected:
            assert np.array_equal(stages[k][head].value, expected[head].value)
