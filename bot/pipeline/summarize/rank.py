"""Centrality of sentences: sumy's LexRank and TextRank graphs built with numpy over our stems.

sumy builds both similarity matrices with pure-Python loops over every pair of sentences and
tokenises the text again; here the same matrices come from one term-count matrix (a matrix
product instead of n^2 Python calls), over the stems the summarizer already holds. The ranking
itself is sumy's: its power methods run on the matrices. `tests/pipeline/summarize/test_rank.py`
pins that the ratings equal sumy's own on the same sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

# numpy and sumy's summarizers are imported by the functions that rank: sumy's summarizers import
# all of NLTK (seconds), and most cards never rank (a news-length summary is its lead block), so a
# cold command line does not pay for them.
if TYPE_CHECKING:
    import numpy
    from numpy.typing import NDArray

    Matrix = NDArray[numpy.float64]


def _counts(terms: Sequence[Sequence[str]]) -> Matrix:
    """Sentence x term count matrix."""
    import numpy

    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, sentence in enumerate(terms):
        for term in sentence:
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    counts = numpy.zeros((len(terms), max(1, len(vocabulary))))
    numpy.add.at(counts, (numpy.array(rows, dtype=int), numpy.array(cols, dtype=int)), 1.0)
    return counts


def lexrank(terms: Sequence[Sequence[str]]) -> list[float]:
    """sumy's LexRank rating of each sentence (given as its content stems, repeats kept)."""
    if not terms:
        return []
    import numpy
    from sumy.summarizers.lex_rank import LexRankSummarizer

    _pin_blas_threads()
    counts = _counts(terms)
    n = len(terms)
    # sumy: tf = count / the sentence's largest count; idf = log(n / (1 + sentences with it)).
    tf = counts / numpy.maximum(counts.max(axis=1, keepdims=True), 1.0)
    idf = numpy.log(n / (1.0 + (counts > 0).sum(axis=0)))
    weighted = tf * idf
    numerator = (tf * idf**2) @ tf.T
    norms = numpy.sqrt((weighted**2).sum(axis=1))
    denominator = numpy.outer(norms, norms)
    with numpy.errstate(invalid="ignore", divide="ignore"):
        cosine = numpy.where(denominator > 0, numerator / denominator, 0.0)
    edges = (cosine > LexRankSummarizer.threshold).astype(float)
    degrees = edges.sum(axis=1, keepdims=True)
    matrix = edges / numpy.where(degrees == 0, 1.0, degrees)
    # A sentence with no content words leaves a zero row: sumy's power method then divides 0/0
    # and gives NaN, which we rate 0 (last) as before.
    with numpy.errstate(invalid="ignore", divide="ignore"):
        ratings = LexRankSummarizer.power_method(matrix, LexRankSummarizer.epsilon)
    return [float(r) if numpy.isfinite(r) else 0.0 for r in ratings]


def textrank(terms: Sequence[Sequence[str]]) -> list[float]:
    """sumy's TextRank rating of each sentence (given as its content stems, repeats kept)."""
    if not terms:
        return []
    import numpy
    from sumy.summarizers.text_rank import TextRankSummarizer

    _pin_blas_threads()
    counts = _counts(terms)
    n = len(terms)
    # sumy: edge = shared words (counted with repeats in the other sentence) / (log |a| + log |b|),
    # the raw count when both sentences are one word long, 0 when either has none.
    shared = counts @ counts.T
    lengths = numpy.array([len(t) for t in terms], dtype=float)
    logs = numpy.log(numpy.maximum(lengths, 1.0))
    norm = logs[:, None] + logs[None, :]
    with numpy.errstate(invalid="ignore", divide="ignore"):
        weights = numpy.where(numpy.isclose(norm, 0.0), shared, shared / norm)
    weights[(lengths == 0)[:, None] | (lengths == 0)[None, :]] = 0.0
    weights /= weights.sum(axis=1)[:, None] + TextRankSummarizer._ZERO_DIVISION_PREVENTION
    damping = TextRankSummarizer.damping
    matrix = numpy.full((n, n), (1.0 - damping) / n) + damping * weights
    ratings = TextRankSummarizer.power_method(matrix, TextRankSummarizer.epsilon)
    return [float(r) for r in ratings]


@cache
def _pin_blas_threads() -> None:
    """Keep numpy's BLAS on one thread in this process: threaded BLAS made sumy 4-40x slower."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # ships no types

    threadpool_limits(limits=1, user_api="blas")
