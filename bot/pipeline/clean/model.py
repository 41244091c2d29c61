"""The article-line classifier at run time: gradient-boosted tree ensembles evaluated with numpy.

The ensembles are trained by `benchmarks/train_clean.py` (scikit-learn, a training-time tool),
written to JSON by `ensemble_to_json` below and shipped in `bot/data/`; only numpy is needed to run
them. Every model in the file records the names of the feature columns it was trained on, and the
loader refuses a file whose names differ from the code's (a feature changed without a retrain).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.pipeline.clean.lines import FEATURES, STAGE2_FEATURES, stacked_features

MODEL_FILE = "clean_model.json"

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """Trees padded to one node count; leaves point to themselves, so all walk `depth` steps."""

    feature: Ints
    threshold: Floats
    left: Ints
    right: Ints
    value: Floats
    bias: float
    depth: int
    n_features: int

    def probabilities(self, x: Floats) -> Floats:
        """P(line belongs to the article) for each row of the feature matrix."""
        if x.shape[1] != self.n_features:
            raise ValueError(f"model expects {self.n_features} features, got {x.shape[1]}")
        trees = np.arange(self.feature.shape[0])[:, None]
        rows = np.arange(x.shape[0])[None, :]
        node = np.zeros((self.feature.shape[0], x.shape[0]), dtype=np.int64)
        for _ in range(self.depth):
            feat = self.feature[trees, node]
            go_left = x[rows, feat] <= self.threshold[trees, node]
            node = np.where(go_left, self.left[trees, node], self.right[trees, node])
        raw = self.bias + self.value[trees, node].sum(axis=0)
        return np.asarray(1.0 / (1.0 + np.exp(-raw)), dtype=np.float64)


class FeatureMismatchError(ValueError):
    """A model file trained on other feature columns than the code computes."""


def check_features(data: dict[str, Any], expected: tuple[str, ...]) -> None:
    """Refuse a model whose recorded feature names are not `expected`, in order."""
    recorded = tuple(data.get("features", ()))
    if recorded != expected:
        missing = [f for f in expected if f not in recorded]
        extra = [f for f in recorded if f not in expected]
        raise FeatureMismatchError(
            f"model trained on other features: missing {missing[:5]}, unknown {extra[:5]}"
            + ("" if missing or extra else " (same names, other order)")
        )


def from_json(data: dict[str, Any], features: tuple[str, ...] | None = None) -> TreeEnsemble:
    """Build the ensemble from its JSON layout (`ensemble_to_json`); with `features`, refuse one
    trained on other feature columns."""
    if features is not None:
        check_features(data, features)

    def ints(key: str) -> Ints:
        return np.asarray(data[key], dtype=np.int64)

    def floats(key: str) -> Floats:
        return np.asarray(data[key], dtype=np.float64)

    return TreeEnsemble(
        feature=ints("feature"),
        threshold=floats("threshold"),
        left=ints("left"),
        right=ints("right"),
        value=floats("value"),
        bias=float(str(data["bias"])),
        depth=int(str(data["depth"])),
        n_features=int(str(data["n_features"])),
    )


@dataclass(frozen=True, slots=True)
class LineModel:
    """Two stacked ensembles (the second also sees the first's probabilities around each line) and
    the decoding thresholds picked with them."""

    stage1: TreeEnsemble
    stage2: TreeEnsemble
    run_threshold: float
    drop_threshold: float

    def probabilities(self, x: Floats, words: Floats) -> Floats:
        """P(article) per line from the line features `x` and the lines' word counts."""
        first = self.stage1.probabilities(x)
        return self.stage2.probabilities(stacked_features(x, first, words))


def model_from_json(data: dict[str, Any]) -> LineModel:
    """The two-stage model from the JSON layout the trainer writes."""
    return LineModel(
        stage1=from_json(data["stage1"], FEATURES),
        stage2=from_json(data["stage2"], STAGE2_FEATURES),
        run_threshold=float(data["run_threshold"]),
        drop_threshold=float(data["drop_threshold"]),
    )


@lru_cache(maxsize=1)
def load_data() -> dict[str, Any]:
    """The shipped model file, parsed (read once per process)."""
    text = resources.files("bot").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def load_model() -> LineModel:
    """The shipped line model."""
    return model_from_json(load_data())


def ensemble_to_json(model: Any, features: tuple[str, ...]) -> dict[str, object]:
    """A fitted scikit-learn GradientBoostingClassifier (binary) as the JSON layout `from_json`
    reads: trees padded to one node count (leaves loop to themselves), their bias, the features."""
    trees = [est[0].tree_ for est in model.estimators_]
    width = max(t.node_count for t in trees)
    feature = np.zeros((len(trees), width), dtype=np.int64)
    threshold = np.zeros((len(trees), width))
    left = np.tile(np.arange(width), (len(trees), 1))
    right = left.copy()
    value = np.zeros((len(trees), width))
    for k, t in enumerate(trees):
        n = t.node_count
        inner = t.children_left[:n] >= 0
        feature[k, :n] = np.where(inner, t.feature[:n], 0)
        threshold[k, :n] = np.where(inner, t.threshold[:n], 0.0)
        left[k, :n] = np.where(inner, t.children_left[:n], np.arange(n))
        right[k, :n] = np.where(inner, t.children_right[:n], np.arange(n))
        value[k, :n] = t.value[:n, 0, 0] * model.learning_rate
    probe = np.zeros((1, len(features)))
    bias = float(model.decision_function(probe)[0]) - float(
        sum(float(np.ravel(t.predict(probe.astype(np.float32)))[0]) for t in trees)
        * model.learning_rate
    )
    return {
        "features": list(features),
        "n_features": len(features),
        "depth": int(max(t.max_depth for t in trees)),
        "bias": bias,
        "feature": feature.tolist(),
        "threshold": threshold.tolist(),
        "left": left.tolist(),
        "right": right.tolist(),
        "value": value.round(6).tolist(),
    }
