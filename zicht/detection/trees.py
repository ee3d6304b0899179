"""Boosted trees evaluated with numpy: the second stage of the detector (ADR 0019).

A forest is stored as flat arrays, one row per tree and one column per node, so that all
trees of a batch are walked together, one depth level per step. Training (scikit-learn's
``HistGradientBoostingClassifier``) is in ``fitting.py``; detection needs numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FIELDS = ("feature", "threshold", "left", "right", "value")


@dataclass(frozen=True)
class Forest:
    """Binary classifier: the sigmoid of ``baseline`` plus the leaf values of every tree.

    Arrays are ``(trees, nodes)``; a node goes left when its feature is at most its
    threshold. Leaves point to themselves, so walking past a leaf stays on it.
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    baseline: float
    depth: int

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The decision value per row of ``x`` (texts × features)."""
        trees, width = self.feature.shape
        offsets = np.arange(trees, dtype=np.int64) * width
        feature, threshold = self.feature.ravel(), self.threshold.ravel()
        left, right, value = self.left.ravel(), self.right.ravel(), self.value.ravel()
        node = np.broadcast_to(offsets, (len(x), trees)).copy()
        rows = np.arange(len(x))[:, None]
        for _ in range(self.depth):
            go_left = x[rows, feature[node]] <= threshold[node]
            node = np.where(go_left, left[node], right[node]) + offsets
        return np.asarray(value[node].sum(axis=1) + self.baseline, dtype=np.float64)

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw(x)))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The forest as named arrays for the model's ``.npz``."""
        named = {f"{prefix}.{name}": getattr(self, name) for name in FIELDS}
        named[f"{prefix}.meta"] = np.array([self.baseline, self.depth], dtype=np.float64)
        return named

    @classmethod
    def from_arrays(
        cls, arrays: dict[str, np.ndarray] | np.lib.npyio.NpzFile, prefix: str
    ) -> Forest:
        baseline, depth = (float(v) for v in arrays[f"{prefix}.meta"])
        parts = {name: arrays[f"{prefix}.{name}"] for name in FIELDS}
        return cls(**parts, baseline=baseline, depth=int(depth))


def forest_from_nodes(nodes: list[np.ndarray], baseline: float) -> Forest:
    """A forest from per-tree node tables with the fields of scikit-learn's predictor nodes
    (``feature_idx``, ``num_threshold``, ``left``, ``right``, ``value``, ``is_leaf``,
    ``depth``). Child indices are local to their tree."""
    trees, width = len(nodes), max(len(t) for t in nodes)
    shape = (trees, width)
    feature = np.zeros(shape, dtype=np.int32)
    threshold = np.zeros(shape, dtype=np.float64)
    left = np.tile(np.arange(width, dtype=np.int32), (trees, 1))
    right = left.copy()
    value = np.zeros(shape, dtype=np.float64)
    for row, table in enumerate(nodes):
        count = len(table)
        inner = ~table["is_leaf"].astype(bool)
        feature[row, :count] = table["feature_idx"]
        threshold[row, :count] = table["num_threshold"]
        left[row, :count] = np.where(inner, table["left"], np.arange(count))
        right[row, :count] = np.where(inner, table["right"], np.arange(count))
        value[row, :count] = np.where(inner, 0.0, table["value"])
    depth = max(int(t["depth"].max()) for t in nodes)
    return Forest(feature, threshold, left, right, value, float(baseline), depth)
