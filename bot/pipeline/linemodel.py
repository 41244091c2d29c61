"""The article-line classifier at run time: gradient-boosted tree ensembles evaluated with numpy.

The ensembles are trained by `benchmarks/train_clean.py` and shipped as JSON in `bot/data/`; only
numpy is needed here (scikit-learn is a training-time tool).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.pipeline.lines import stacked_features

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


def from_json(data: dict[str, Any]) -> TreeEnsemble:
    """Build the ensemble from the JSON layout `benchmarks/train_clean.py` writes."""

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
    """The two-stage model from the JSON layout `benchmarks/train_clean.py` writes."""
    return LineModel(
        stage1=from_json(data["stage1"]),
        stage2=from_json(data["stage2"]),
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
