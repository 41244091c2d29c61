"""Extractive summary: sumy behind our own small interface and our own tokenizer.

Two stages (see /work/shared/research/summaries.md): a *lead block* - the best few of the first
sentences, because news puts the gist first - then any further slots by LexRank centrality
(sumy's; TextRank when LexRank's graph is empty) per square root of the sentence's length,
output in article order. Sentences that are too long, fragments, headline lines,
near-duplicates of a chosen one, or only a quote the card already shows are never picked.

Three constants (POSITION_DECAY, LENGTH_WEIGHT, TITLE_WEIGHT) were tuned together on the
CNN/DailyMail DEV sample (/work/shared/data/summaries-cnndm-dev, 84 articles) with
`benchmarks/tune_summaries.py`; the lead window comes from the research note; the rest are
product rules or speed limits, each saying so.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # ships no types

from bot.models import Options
from bot.pipeline.text import END_MARKS, Sentence, Text, Tokenizer, stemmer, stop_words, tokens

# Product rules (the issue): never a bullet over 60 words; fewer than 4 words is a fragment.
MAX_WORDS = 60
MIN_WORDS = 4
# Lead block (research note: best 3 of the first 5 sentences of at least 8 words).
LEAD_SIZE = 3
LEAD_WINDOW = 5
LEAD_MIN_WORDS = 8
# Lead-block score = POSITION_DECAY ** rank - LENGTH_WEIGHT * words / 25 + TITLE_WEIGHT * overlap
# (rank within the window; /25, a typical news sentence, only scales LENGTH_WEIGHT; overlap is the
# share of the title's content stems the sentence has).
# Tuned together on the CNN/DM dev set (benchmarks/tune_summaries.py, 3 sentences): the surface
# is flat (R-2 0.180-0.182 for decay 0.6-0.8, length 0.05-0.2, title 0.3-0.5); title weight above
# 0.6 falls off (0.75: 0.177, 1.0: 0.173); decay 1.0 (no position) drops to 0.138.
POSITION_DECAY = 0.7
LENGTH_WEIGHT = 0.15
TITLE_WEIGHT = 0.5
# Centrality runs over the first CENTRALITY_CAP eligible sentences only: LexRank's cost grows
# with the square of the sentence count (plain sumy LexRank: ~0.2 s at 190 sentences, ~1 s at
# 400 here), and news rarely hides its gist past sentence 80 (a speed limit, not tuned).
CENTRALITY_CAP = 80
# Two bullets sharing this share of their content stems (Jaccard) are near-duplicates. A product
# guard for pasted text that repeats itself; on the dev sets it fires once and changes no score.
DUPLICATE_JACCARD = 0.6
# Sentence counts per length preset: (articles up to SHORT_ARTICLE words, from LONG_ARTICLE words),
# linear in between. CNN/DM references average 3.6 sentences for 577-word articles.
PRESETS = {"short": (2, 3), "medium": (3, 5), "long": (5, 8)}
SHORT_ARTICLE = 300
LONG_ARTICLE = 1500


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One article sentence that may become a bullet."""

    index: int
    text: str
    length: int
    stems: frozenset[str]


def sentence_count(text: Text, options: Options) -> int:
    """How many summary sentences this article gets for these options."""
    if options.sentences is not None:
        return max(1, options.sentences)
    low, high = PRESETS[options.length]
    share = (text.words - SHORT_ARTICLE) / (LONG_ARTICLE - SHORT_ARTICLE)
    return low + round((high - low) * min(1.0, max(0.0, share)))


def summarize(
    text: Text,
    title: str | None,
    count: int,
    avoid: Callable[[str], bool] | None = None,
) -> tuple[str, ...]:
    """The `count` best sentences in article order, skipping any `avoid` says only repeat a quote
    the card already shows."""
    language = text.language
    # Headline-like lines are skipped, unless the text has nothing else (a list-style post).
    candidates = _candidates(_marked(text, title), language, avoid, skip_headings=True) or (
        _candidates(_marked(text, title), language, avoid, skip_headings=False)
    )
    chosen = _lead_block(candidates, title or "", language, count)
    if len(chosen) < count:
        chosen += _fill(candidates, chosen, language, count - len(chosen))
    return tuple(c.text for c in sorted(chosen, key=lambda c: c.index))


def _marked(text: Text, title: str | None) -> Iterable[tuple[Sentence, bool]]:
    """Each sentence in order, with whether it is a heading (a one-sentence paragraph that reads
    like a headline)."""
    for _, group in itertools.groupby(text.sentences(), key=lambda s: s.paragraph):
        sentences = list(group)
        heading = len(sentences) == 1 and _is_heading(sentences[0].text, title)
        for sentence in sentences:
            yield sentence, heading


def _candidates(
    sentences: Iterable[tuple[Sentence, bool]],
    language: str,
    avoid: Callable[[str], bool] | None,
    *,
    skip_headings: bool,
) -> list[_Candidate]:
    """The sentences that may become bullets, with their lengths and content stems."""
    stem = stemmer(language)
    stop = stop_words(language)
    out: list[_Candidate] = []
    for sentence, heading in sentences:
        if len(out) == CENTRALITY_CAP:
            break  # no stage looks further (the cap keeps 20,000-word articles fast)
        words = tokens(sentence.text)
        if not MIN_WORDS <= len(words) <= MAX_WORDS or (heading and skip_headings):
            continue
        if _is_fragment(sentence.text) or (avoid is not None and avoid(sentence.text)):
            continue
        stems = frozenset(stem(t.lower()) for t in words if t.lower() not in stop)
        out.append(_Candidate(sentence.index, sentence.text, len(words), stems))
    return out


def _is_heading(paragraph: str, title: str | None) -> bool:
    """A one-sentence paragraph that repeats the title or ends without punctuation (a headline)."""
    if title and paragraph.strip().casefold() == title.strip().casefold():
        return True
    return not paragraph.rstrip().endswith(_SENTENCE_ENDS)


# A sentence ends in an end mark, or in a closing quote or bracket ('He said: "We won"').
_SENTENCE_ENDS = (*END_MARKS, '"', "\u201d", "\u00bb", "\u201c", "\u2019", "'", ")")


def _is_fragment(text: str) -> bool:
    """A piece that does not start like a sentence (a continuation, a list tail, a bare caption)."""
    first = text.lstrip("\"\u201c\u00ab\u201e'\u2018(\u2014\u2013- ")[:1]
    return not first or first.islower() or not any(ch.isalpha() for ch in text)


def _lead_block(
    candidates: Sequence[_Candidate], title: str, language: str, count: int
) -> list[_Candidate]:
    """The best min(count, LEAD_SIZE) of the first LEAD_WINDOW long-enough sentences."""
    window = [c for c in candidates if c.length >= LEAD_MIN_WORDS][:LEAD_WINDOW]
    title_stems = _title_stems(title, language)

    def score(rank: int, candidate: _Candidate) -> float:
        overlap = len(candidate.stems & title_stems) / len(title_stems) if title_stems else 0.0
        return POSITION_DECAY**rank - LENGTH_WEIGHT * candidate.length / 25 + TITLE_WEIGHT * overlap

    ranked = sorted(enumerate(window), key=lambda item: -score(*item))
    chosen: list[_Candidate] = []
    for _, candidate in ranked:
        if len(chosen) == min(count, LEAD_SIZE):
            break
        if not _near_duplicate(candidate, chosen):
            chosen.append(candidate)
    return chosen


def _title_stems(title: str, language: str) -> frozenset[str]:
    stem = stemmer(language)
    stop = stop_words(language)
    return frozenset(stem(w.lower()) for w in tokens(title) if w.lower() not in stop)


def _fill(
    candidates: Sequence[_Candidate], chosen: Sequence[_Candidate], language: str, slots: int
) -> list[_Candidate]:
    """Up to `slots` more sentences by centrality per sqrt(length), none a near-duplicate.

    Dividing by sqrt(length) is the fill stage's mild preference for shorter sentences: on the
    CNN/DM dev set at 5 sentences it moved R-1/R-2/R-L from 0.355/0.163/0.227 (plain LexRank) to
    0.380/0.166/0.238; TextRank instead of LexRank scored 0.333/0.154/0.214 (0.365/0.162/0.231
    per sqrt(length)). LexRank's thresholded graph has no edges on many short articles (13 of
    our 15 non-English ones, 5 of 84 CNN/DM): its ratings are then all equal and say nothing,
    and TextRank, whose weighted graph keeps any shared word, ranks instead.
    """
    pool = list(candidates)
    if not pool or slots <= 0:
        return []
    centrality = _lexrank(pool, language)
    if len(set(centrality.values())) <= 1:
        centrality = _textrank(pool, language)
    # Shortness stops paying below LEAD_MIN_WORDS: else a short aside ("Cats sleep all day.")
    # beats on-topic sentences (neutral on CNN/DM: R-2 0.166 -> 0.165 at 5 sentences).
    ratings = {c.index: centrality[c.index] / max(c.length, LEAD_MIN_WORDS) ** 0.5 for c in pool}
    picked: list[_Candidate] = []
    taken = {c.index for c in chosen}
    for candidate in sorted(pool, key=lambda c: (-ratings[c.index], c.index)):
        if len(picked) == slots:
            break
        if candidate.index in taken or _near_duplicate(candidate, [*chosen, *picked]):
            continue
        picked.append(candidate)
    return picked


def _lexrank(pool: Sequence[_Candidate], language: str) -> dict[int, float]:
    """sumy's LexRank rating of each pooled sentence, by sentence index."""
    if not pool:
        return {}
    _pin_blas_threads()
    tokenizer = Tokenizer(language)
    document = ObjectDocumentModel([Paragraph([SumySentence(c.text, tokenizer) for c in pool])])
    summarizer = LexRankSummarizer(stemmer(language))
    summarizer.stop_words = stop_words(language)
    by_order: dict[int, float] = {}

    def keep_all(infos: list[Any]) -> list[Any]:
        # sumy hands a callable count every sentence's (sentence, order, rating), best first.
        by_order.update((info.order, _finite(info.rating)) for info in infos)
        return infos

    # A sentence with no content words leaves a zero vector in LexRank's power method: numpy warns
    # on 0/0 and the ratings come out NaN; those then sort last, which is the right place for them.
    with numpy.errstate(invalid="ignore", divide="ignore"):
        summarizer(document, keep_all)
    return {c.index: by_order[order] for order, c in enumerate(pool)}


def _textrank(pool: Sequence[_Candidate], language: str) -> dict[int, float]:
    """sumy's TextRank rating of each pooled sentence, by sentence index."""
    if not pool:
        return {}
    _pin_blas_threads()
    tokenizer = Tokenizer(language)
    sentences = [SumySentence(c.text, tokenizer) for c in pool]
    summarizer = TextRankSummarizer(stemmer(language))
    summarizer.stop_words = stop_words(language)
    ratings = summarizer.rate_sentences(ObjectDocumentModel([Paragraph(sentences)]))
    return {c.index: float(ratings[s]) for c, s in zip(pool, sentences, strict=True)}


def _near_duplicate(candidate: _Candidate, chosen: Sequence[_Candidate]) -> bool:
    for other in chosen:
        union = candidate.stems | other.stems
        if union and len(candidate.stems & other.stems) / len(union) >= DUPLICATE_JACCARD:
            return True
    return False


@cache
def _pin_blas_threads() -> None:
    """Keep numpy's BLAS on one thread in this process: threaded BLAS made sumy 4-40x slower."""
    threadpool_limits(limits=1, user_api="blas")


def _finite(rating: float) -> float:
    """NaN (from a sentence with no content words) rates as 0: last, not in an undefined place."""
    value = float(rating)
    return value if math.isfinite(value) else 0.0
