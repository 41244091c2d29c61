"""Tests for benchmarks.metrics: the extraction benchmark's shingle scoring."""

from __future__ import annotations

import pytest

from benchmarks.metrics import PageScore, score_page, shingles, summarize, word_f1


def test_shingles_of_short_and_empty_texts() -> None:
    """A 1-3 word text is one shingle, an empty text none, punctuation plays no role."""
    assert list(shingles("Hello, world!")) == [("hello", "world")]
    assert not shingles(" .,; ")
    assert sum(shingles("a b c d e").values()) == 2


def test_page_precision_and_recall() -> None:
    """Extra shingles cost precision, missing ones recall."""
    truth = "one two three four five six"
    score = score_page("one two three four five six seven eight", truth)
    assert score.precision == pytest.approx(3 / 5)
    assert score.recall == 1.0
    assert not score.exact
    assert score_page("ONE two, three four five six", truth).exact


def test_empty_extraction_has_no_precision() -> None:
    """An empty extraction scores recall 0 and is left out of the precision mean."""
    summary = summarize(
        [score_page("", "a b c d e"), PageScore(precision=0.5, recall=1.0, exact=False)]
    )
    assert summary.precision == 0.5
    assert summary.recall == 0.5
    assert summary.f1 == pytest.approx(0.5)


def test_word_f1() -> None:
    """Word-bag F1 between two titles."""
    assert word_f1(
        "The Impeachment Clock", "The Impeachment Clock | National Review"
    ) == pytest.approx(2 * 1.0 * 0.6 / 1.6)
    assert word_f1("a", "b") == 0.0
