"""Words: the one definition of a word and of a word count, shared by every stage and the card."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A word, as every count in gistbot (and the benchmarks' metrics) sees it: a run of letters,
# digits and underscores.
WORD = re.compile(r"\w+")
# A token for ranking and keywords: a word with its inner hyphens and apostrophes ("mother-in-law",
# "don't", typographic \u2019 included).
TOKEN = re.compile("\\w+(?:[-'\u2019]\\w+)*")
# Scripts written without spaces between words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    """How many words `text` has."""
    return len(WORD.findall(text))


def tokens(text: str) -> list[str]:
    """The word tokens of `text` (letters and digits, inner hyphens and apostrophes kept)."""
    return TOKEN.findall(text)


# The short words a title leaves in lower case ("Cost of College", "The Lord of the Rings"), in the
# languages we summarize.
TITLE_SMALL_WORDS = frozenset((
    "a", "an", "the", "of", "and", "or", "nor", "for", "to", "in", "on", "at", "by", "with", "vs",
    "from", "as", "but", "into", "per", "via", "de", "la", "le", "les", "des", "du", "et", "en",
    "el", "los", "las", "y", "del", "da", "e", "di", "il", "и", "в", "на", "с", "по", "о",
))  # fmt: skip


def capitalised_share(words: Sequence[str]) -> tuple[int, float]:
    """How many of `words` a Title Case test counts (not TITLE_SMALL_WORDS, not numbers), and the
    share of those that are capitalised: 'What Is Digital Marketing' gives (4, 1.0)."""
    counted = [w for w in words if not w.isdigit() and w.lower() not in TITLE_SMALL_WORDS]
    if not counted:
        return 0, 0.0
    return len(counted), sum(w[0].isupper() for w in counted) / len(counted)
