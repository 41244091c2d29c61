"""The line model at run time: the numpy tree walk equals scikit-learn's, and the model file's
feature names must be the code's."""

from __future__ import annotations

import numpy as np
import pytest

from bot.pipeline.clean import headline as hl
from bot.pipeline.clean import lines as ln
from bot.pipeline.clean.model import (
    FeatureMismatchError,
    ensemble_to_json,
    from_json,
    load_data,
    load_model,
)

NAMES = tuple(f"f{i}" for i in range(6))


def test_numpy_trees_match_sklearn() -> None:
    """An exported ensemble gives the probabilities scikit-learn gives for the same rows."""
    ensemble = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(300, 6))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0.3).astype(int)
    model = ensemble.GradientBoostingClassifier(n_estimators=25, max_depth=3, random_state=0)
    model.fit(x, y)
    trees = from_json(ensemble_to_json(model, NAMES), NAMES)
    probe = rng.normal(size=(50, 6))
    assert np.allclose(trees.probabilities(probe), model.predict_proba(probe)[:, 1], atol=1e-5)


def test_shipped_model_records_the_codes_feature_names() -> None:
    """The shipped file names every column the code computes, for both stages and the headline."""
    data = load_data()
    assert tuple(data["stage1"]["features"]) == ln.FEATURES
    assert tuple(data["stage2"]["features"]) == ln.STAGE2_FEATURES
    assert tuple(data["headline"]["features"]) == hl.FEATURES
    assert load_model().stage1.n_features == len(ln.FEATURES)


@pytest.mark.parametrize(
    "recorded",
    [NAMES[:-1], (*NAMES[:-1], "renamed"), (NAMES[1], NAMES[0], *NAMES[2:]), ()],
)
def test_loader_refuses_other_features(recorded: tuple[str, ...]) -> None:
    """A model trained on fewer, renamed, reordered or unnamed columns fails loudly at load."""
    data = {"features": list(recorded), "n_features": len(recorded)}
    with pytest.raises(FeatureMismatchError):
        from_json(data, NAMES)


def test_shipped_model_rejects_wrong_feature_count() -> None:
    """Features and weights out of step (a change without retraining) fail loudly at run time."""
    model = load_model()
    with pytest.raises(ValueError, match="features"):
        model.stage1.probabilities(np.zeros((2, model.stage1.n_features + 1)))
