"""Fitting the linear heads with scikit-learn (training only; inference needs numpy)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

from zicht.detection.trees import Forest, forest_from_nodes

SEED = 20250101
FOLDS = 5
Head = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _classifier(c_value: float) -> LogisticRegression:
    return LogisticRegression(
        C=c_value,
        solver="liblinear",
        class_weight="balanced",
        max_iter=2000,
        random_state=SEED,
    )


def platt(decision: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """Platt scaling (scale, shift) fitted on out-of-fold decision values, so it sees the
    scores of texts the model has not been trained on."""
    if target.sum() < FOLDS or target.sum() > len(target) - FOLDS:
        return 1.0, 0.0
    scaler = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    scaler.fit(decision.reshape(-1, 1), target)
    return float(scaler.coef_[0, 0]), float(scaler.intercept_[0])


def fit_binary_heads(x: sparse.csr_matrix, y: np.ndarray, c_value: float) -> Head:
    """One logistic model per column of ``y``; columns with too few positives never fire.

    Calibration is left to the caller, who has out-of-fold scores (``platt``).
    """
    features, outputs = x.shape[1], y.shape[1]
    weights = np.zeros((features, outputs), dtype=np.float64)
    bias = np.full(outputs, -10.0)
    for column in range(outputs):
        target = y[:, column]
        if target.sum() < FOLDS or target.sum() > len(target) - FOLDS:
            continue
        model = _classifier(c_value).fit(x, target)
        weights[:, column] = model.coef_[0]
        bias[column] = model.intercept_[0]
    return weights, bias, np.ones(outputs), np.zeros(outputs)


def fit_urgency_head(
    x: sparse.csr_matrix, levels: Sequence[str | None], order: Sequence[str], c_value: float
) -> Head:
    """A multinomial model over urgency levels, trained on the labelled texts only."""
    rows = [i for i, level in enumerate(levels) if level in order]
    target = np.array([order.index(str(levels[i])) for i in rows])
    model = LogisticRegression(
        C=c_value, solver="lbfgs", class_weight="balanced", max_iter=3000, random_state=SEED
    )
    model.fit(x[rows], target)
    weights = np.zeros((x.shape[1], len(order)))
    bias = np.full(len(order), -10.0)
    for position, klass in enumerate(model.classes_):
        weights[:, klass] = model.coef_[position]
        bias[klass] = model.intercept_[position]
    return weights, bias, np.ones(len(order)), np.zeros(len(order))


# The second stage (ADR 0019): small trees, many of them, learning slowly.
FOREST_TREES = 200
FOREST_DEPTH = 4
FOREST_LEARNING_RATE = 0.05


def fit_forest(x: np.ndarray, y: np.ndarray) -> Forest:
    """Boosted trees for one binary target, exported to numpy arrays (``trees.Forest``)."""
    model = HistGradientBoostingClassifier(
        max_iter=FOREST_TREES,
        learning_rate=FOREST_LEARNING_RATE,
        max_depth=FOREST_DEPTH,
        max_leaf_nodes=2**FOREST_DEPTH,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=SEED,
    ).fit(x, y)
    # scikit-learn keeps the fitted trees in ``_predictors``; tests check that the exported
    # forest gives the same decision values as ``decision_function``.
    nodes = [predictor.nodes for (predictor,) in model._predictors]
    return forest_from_nodes(nodes, float(np.ravel(model._baseline_prediction)[0]))
