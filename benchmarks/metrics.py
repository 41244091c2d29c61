"""The extraction benchmark's scoring: 4-word shingle bags, per-page precision/recall, mean F1.

Implements the metric described in /work/shared/data/extraction-dev/README.md so the link and the
pasted-text benchmarks score the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
SHINGLE = 4


def words(text: str) -> list[str]:
    """The text's words (maximal runs of \\w), lower-cased."""
    return [w.lower() for w in _WORD.findall(text)]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The bag of 4-word shingles; a 1-3 word text is one shingle, an empty text none."""
    ws = words(text)
    if not ws:
        return Counter()
    if len(ws) < SHINGLE:
        return Counter([tuple(ws)])
    return Counter(tuple(ws[i : i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page: precision (None for an empty extraction), recall, exact word-sequence match."""

    precision: float | None
    recall: float
    exact: bool


def score_page(extracted: str, truth: str) -> PageScore:
    """Hits, false positives and misses of the extraction's shingles against the truth's."""
    got, want = shingles(extracted), shingles(truth)
    hits = sum((got & want).values())
    false_pos = sum((got - want).values())
    misses = sum((want - got).values())
    total = hits + false_pos + misses
    exact = words(extracted) == words(truth)
    if not got:
        return PageScore(precision=None, recall=0.0, exact=exact)
    if total == 0:
        return PageScore(precision=1.0, recall=1.0, exact=exact)
    precision = hits / (hits + false_pos) if hits + false_pos else 0.0
    recall = hits / (hits + misses) if hits + misses else 1.0
    return PageScore(precision=precision, recall=recall, exact=exact)


@dataclass(frozen=True, slots=True)
class Summary:
    """Means over pages, as the benchmark README defines them."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def summarize(scores: Iterable[PageScore]) -> Summary:
    """Mean precision over non-empty extractions, mean recall over all, F1 of the two means."""
    items = list(scores)
    precs = [s.precision for s in items if s.precision is not None]
    precision = sum(precs) / len(precs) if precs else 0.0
    recall = sum(s.recall for s in items) / len(items) if items else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in items) / len(items) if items else 0.0
    return Summary(precision, recall, f1, accuracy, len(items))


def word_f1(a: str, b: str) -> float:
    """F1 of the two texts' word bags (used to judge a headline against the page's titles)."""
    wa, wb = Counter(words(a)), Counter(words(b))
    common = sum((wa & wb).values())
    if not common:
        return 0.0
    p, r = common / sum(wa.values()), common / sum(wb.values())
    return 2 * p * r / (p + r)
