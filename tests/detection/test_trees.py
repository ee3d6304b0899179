"""The second stage's boosted trees: fitted with scikit-learn, evaluated with numpy."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.ensemble import HistGradientBoostingClassifier

from zicht.detection import fitting
from zicht.detection.fitting import fit_forest
from zicht.detection.trees import Forest


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(600, 6))
    y = ((x[:, 0] > 0.3) ^ (x[:, 2] * x[:, 4] > 0.1)).astype(int)
    return x, y


@pytest.fixture(scope="module")
def fitted(data: tuple[np.ndarray, np.ndarray]) -> tuple[Forest, HistGradientBoostingClassifier]:
    x, y = data
    reference = HistGradientBoostingClassifier(
        max_iter=fitting.FOREST_TREES,
        learning_rate=fitting.FOREST_LEARNING_RATE,
        max_depth=fitting.FOREST_DEPTH,
        max_leaf_nodes=2**fitting.FOREST_DEPTH,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=fitting.SEED,
    ).fit(x, y)
    return fit_forest(x, y), reference


def test_the_numpy_forest_gives_scikit_learns_decision_values(
    data: tuple[np.ndarray, np.ndarray], fitted: tuple[Forest, HistGradientBoostingClassifier]
) -> None:
    forest, reference = fitted
    x, _ = data
    assert np.allclose(forest.raw(x), reference.decision_function(x), atol=1e-9)
    assert np.allclose(forest.probability(x), reference.predict_proba(x)[:, 1], atol=1e-9)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-5, 5, allow_nan=False), min_size=6, max_size=6))
def test_any_row_is_scored_like_scikit_learn_scores_it(
    fitted: tuple[Forest, HistGradientBoostingClassifier], row: list[float]
) -> None:
    forest, reference = fitted
    x = np.array([row])
    assert forest.raw(x)[0] == pytest.approx(reference.decision_function(x)[0], abs=1e-9)


def test_a_forest_survives_the_round_trip_through_named_arrays(
    data: tuple[np.ndarray, np.ndarray], fitted: tuple[Forest, HistGradientBoostingClassifier]
) -> None:
    forest, _ = fitted
    x, _ = data
    restored = Forest.from_arrays(forest.arrays("second.signal"), "second.signal")
    assert np.array_equal(restored.raw(x), forest.raw(x))
    assert restored.depth == forest.depth <= fitting.FOREST_DEPTH


def test_the_forest_learns_the_target(
    data: tuple[np.ndarray, np.ndarray], fitted: tuple[Forest, HistGradientBoostingClassifier]
) -> None:
    forest, _ = fitted
    x, y = data
    assert ((forest.probability(x) >= 0.5) == y).mean() > 0.9
