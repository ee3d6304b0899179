"""Fitting the linear heads with scikit-learn (training only; inference needs numpy)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

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
