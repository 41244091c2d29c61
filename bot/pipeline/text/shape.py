"""The shape of a text as paragraphs: running prose, or a list of short items (titles, prices, menu
entries, teasers). Named numbers that tell an article from a list of links or a product grid
(bot.pipeline.extract uses them with the page's own signs to refuse pages that are not articles).
"""

from __future__ import annotations

import math
import re

from bot.pipeline.text.words import word_count

# A paragraph of prose: this many words and a sentence's closing mark at its end. 12 words is a
# one-sentence news paragraph; a list item or a teaser title is shorter or has no full stop.
PROSE_WORDS = 12
SHORT_WORDS = 6  # a paragraph under this many words is a title, a label, a price or a menu entry
LONG_WORDS = 40  # a paragraph this long is running text on any page
_ENDS = re.compile(r"[.!?…。！？\"”»)]$")
_STOPS = re.compile(r"[.!?…。！？](?:\s|$)")
_BULLET = tuple("-•●*·▪◦–")

SHAPE_FEATURES = (
    "log_words",
    "log_mean_words",
    "log_longest",
    "prose_share",
    "short_share",
    "duplicate_share",
    "one_sentence_share",
    "bullet_share",
    "long_share",
)


def shape_features(paragraphs: tuple[str, ...] | list[str]) -> list[float]:
    """The SHAPE_FEATURES of a text: its size, and the shares of its paragraphs (or words) that are
    prose, short items, repeats, single sentences, bullets and long paragraphs."""
    paras = [p.strip() for p in paragraphs]
    counts = [word_count(p) for p in paras]
    total = max(sum(counts), 1)
    n = max(len(paras), 1)
    prose = sum(
        k for p, k in zip(paras, counts, strict=True) if k >= PROSE_WORDS and _ENDS.search(p)
    )
    one = sum(
        1
        for p, k in zip(paras, counts, strict=True)
        if k >= SHORT_WORDS and len(_STOPS.findall(p)) <= 1
    )
    return [
        math.log1p(sum(counts)),
        math.log1p(total / n),
        math.log1p(max(counts, default=0)),
        prose / total,
        sum(k < SHORT_WORDS for k in counts) / n,
        1 - len(set(paras)) / n,
        one / n,
        sum(p.startswith(_BULLET) for p in paras) / n,
        sum(k for k in counts if k >= LONG_WORDS) / total,
    ]
