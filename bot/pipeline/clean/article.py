"""Pasted or forwarded page text -> Article: drop page furniture, find the headline.

Every line gets a probability of being article text from two stacked tree ensembles over line and
neighbourhood features (`bot.pipeline.lines`, `bot.pipeline.linemodel`). Decoding keeps the one
contiguous run of lines with the best length-weighted score, drops weak lines inside it, then trims
donation/subscription appeals (prose-like furniture the classifier misses) from the run and cuts
it at what follows an article; a numbered list the article introduces with a colon is added back.
The headline is the best-ranked title-like line at the top of or above the run
(`bot.pipeline.headline`); kept lines above it go, so do short fragments (credits, kickers) right
under it. A text without a headline line gets its first sentence, shortened.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from bot.errors import InputError
from bot.models import Article
from bot.pipeline.clean import furniture
from bot.pipeline.clean import headline as hl
from bot.pipeline.clean import lines as ln
from bot.pipeline.clean.model import Floats, load_data, load_model
from bot.pipeline.text import ENDS_SENTENCE

# Thresholds never exceed this share of the page's best line probability, so a page the model is
# unsure about (short or unusual texts) still gives its best run. No effect on the dev pages, whose
# best lines all score high; set by hand.
RELATIVE_THRESHOLD = 0.6
# Lines shorter than this, without a sentence end, are dropped from the start of the run (a credit
# or kicker under the headline); 3-7 all scored alike on held-out dev pages.
FRAGMENT_WORDS = 5
HEADLINE_WORDS = 12  # a made-up headline (forwards without one) is the first sentence cut to this


def select_lines(
    prob: Floats, words: Floats, run_threshold: float, drop_threshold: float
) -> list[int]:
    """Indices kept: the contiguous run maximising sum((p - run_threshold) * words), minus its lines
    with p < drop_threshold."""
    if prob.size == 0:
        return []
    # A pasted text holds an article even when the model is unsure everywhere: thresholds follow
    # the page's best line when that is low.
    top = float(prob.max())
    run_threshold = min(run_threshold, RELATIVE_THRESHOLD * top)
    drop_threshold = min(drop_threshold, RELATIVE_THRESHOLD * top)
    gain = (prob - run_threshold) * np.maximum(words, 1.0)
    start, end = ln.best_segment(gain)
    return [i for i in range(start, end + 1) if prob[i] >= drop_threshold]


def keep_lines(
    lines: list[ln.Line], prob: Floats, run_threshold: float, drop_threshold: float
) -> list[int]:
    """Indices of the lines that are article text, in order (never empty for non-empty input)."""
    words = np.array([ln.effective_words(line.text) for line in lines], dtype=np.float64)
    cut = furniture.comments_start(lines)
    if 0 < cut < len(lines):
        prob = np.concatenate([prob[:cut], np.zeros(len(lines) - cut)])
    kept = select_lines(prob, words, run_threshold, drop_threshold)
    kept = furniture.trim(kept, lines) if kept else kept
    kept = furniture.extend_list(kept, lines) if kept else kept
    return kept or [int(np.argmax(words))]


def _fragment(text: str) -> bool:
    """A short line that is no sentence: a credit, kicker, byline or button at the run's edge."""
    return ln.effective_words(text) < FRAGMENT_WORDS and not ENDS_SENTENCE.search(text)


def assemble(
    lines: list[ln.Line],
    prob: Floats,
    run_threshold: float,
    drop_threshold: float,
    headline_model: hl.HeadlineModel,
) -> tuple[str, tuple[str, ...]]:
    """Headline and paragraphs from the lines and their article probabilities."""
    kept = keep_lines(lines, prob, run_threshold, drop_threshold)
    head = hl.find_headline(lines, kept, prob, headline_model)
    if head is not None:
        # Whatever the run kept above its headline (a banner) is not article either.
        kept = [i for i in kept if i > head]
    while len(kept) > 1 and _fragment(lines[kept[0]].text):
        kept = kept[1:]
    paragraphs = tuple(lines[i].text for i in kept)
    if head is None:
        return hl.first_sentence(paragraphs[0], HEADLINE_WORDS), paragraphs
    return lines[head].text, paragraphs


@lru_cache(maxsize=1)
def _headline_model() -> hl.HeadlineModel:
    """The shipped headline model."""
    return hl.headline_from_json(load_data()["headline"])


def clean(text: str, origin: str | None = None) -> Article:
    """Keep the article's lines, find its headline."""
    lines = ln.split_lines(text)
    if not lines:
        if not ln.INVISIBLE.sub("", text).strip():
            raise InputError("empty text")
        # Only punctuation and symbols: nothing to clean; the summarizer reports no sentences.
        rows = [row.strip() for row in text[: ln.MAX_CHARS].splitlines() if row.strip()]
        return Article(title=None, paragraphs=tuple(rows[: ln.MAX_LINES]), url=origin)
    model = load_model()
    words = np.array([ln.effective_words(line.text) for line in lines], dtype=np.float64)
    prob = model.probabilities(ln.features(lines), words)
    title, paragraphs = assemble(
        lines, prob, model.run_threshold, model.drop_threshold, _headline_model()
    )
    return Article(title=title, paragraphs=paragraphs, url=origin)
