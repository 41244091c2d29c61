"""The headline word F1 (tests/quality/scoring.py): case and punctuation aside."""

from __future__ import annotations

import pytest

from tests.quality.scoring import word_f1


def test_word_f1_ignores_case_and_punctuation() -> None:
    """A headline with the site name appended still overlaps most of the page title."""
    assert word_f1("The impeachment clock", "The Impeachment Clock | National Review") == (
        pytest.approx(2 * 1.0 * 0.6 / 1.6)
    )


def test_word_f1_without_common_words_is_zero() -> None:
    """Disjoint texts (or an empty one) score 0."""
    assert word_f1("alpha beta", "gamma") == 0.0
    assert word_f1("", "gamma") == 0.0
