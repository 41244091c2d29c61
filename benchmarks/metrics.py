"""The extraction-dev metric, kept importable here for older scripts; it lives in tests/quality/scoring."""

from __future__ import annotations

from tests.quality.scoring import Score, Summary, score_pages, shingles, word_f1

__all__ = ["Score", "Summary", "score_pages", "shingles", "word_f1"]
