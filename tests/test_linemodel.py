"""Tests for bot.pipeline.linemodel: the numpy tree walk equals scikit-learn's own predictions."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.train_clean import export
from bot.pipeline.linemodel import from_json, load_model


def test_numpy_trees_match_sklearn() -> None:
    """An exported ensemble gives the probabilities scikit-learn gives for the same rows."""
    ensemble = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(300, 6))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0.3).astype(int)
    model = ensemble.GradientBoostingClassifier(n_estimators=25, max_depth=3, random_state=0)
    model.fit(x, y)
    trees = from_json(export(model, 6))
    probe = rng.normal(size=(50, 6))
    assert np.allclose(trees.probabilities(probe), model.predict_proba(probe)[:, 1], atol=1e-5)


def test_shipped_model_rejects_wrong_feature_count() -> None:
    """Features and weights out of step (a change without retraining) fail loudly."""
    model = load_model()
    with pytest.raises(ValueError, match="features"):
        model.stage1.probabilities(np.zeros((2, model.stage1.n_features + 1)))
