"""The extraction-dev metric: 4-word shingle bags, per-page precision/recall, F1 of the means."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Bag of every run of `size` consecutive words; 1-3 words make one shingle; empty text none."""
    words = _WORD.findall(text)
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


@dataclass(frozen=True)
class Score:
    """One page: precision (None when the extraction is empty), recall, exact word-sequence match."""

    precision: float | None
    recall: float
    exact: bool

    @classmethod
    def of(cls, got: str, want: str) -> Score:
        got_bag, want_bag = shingles(got), shingles(want)
        hits = sum((got_bag & want_bag).values())
        false_pos = sum(got_bag.values()) - hits
        misses = sum(want_bag.values()) - hits
        precision = hits / (hits + false_pos) if got_bag else None
        recall = hits / (hits + misses) if hits + misses else 0.0
        return cls(precision, recall, _WORD.findall(got) == _WORD.findall(want))

    @property
    def f1(self) -> float:
        p = self.precision or 0.0
        return 2 * p * self.recall / (p + self.recall) if p + self.recall else 0.0


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    accuracy: float

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"F1 {self.f1:.3f}  accuracy {self.accuracy:.3f}"
        )


def score_pages(pairs: Iterable[tuple[str, str]]) -> Summary:
    """Average the page scores as the data README says."""
    scores = [Score.of(got, want) for got, want in pairs]
    precisions = [s.precision for s in scores if s.precision is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(s.recall for s in scores) / len(scores) if scores else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return Summary(precision, recall, f1, accuracy)
