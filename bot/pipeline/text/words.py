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


# The share of capitalised words that makes a line Title Case: a headline or a quoted title
# ('The Lord of the Rings'), not a sentence.
TITLE_SHARE = 0.8


def is_title_case(words: Sequence[str], share: float = TITLE_SHARE, min_words: int = 1) -> bool:
    """Whether at least `share` of the words a Title Case test counts (not TITLE_SMALL_WORDS, not
    numbers; at least `min_words` of them) are capitalised: 'What Is Digital Marketing' is. Reads
    a sentence only until it has too many lower-case words to be one (a few words, for prose)."""
    # Lower-case words it may have: at most this many (the margin keeps 1 of 5 at 0.8 a title).
    allowed = (1 - share) * len(words) + 1e-9
    lower = counted = 0
    for word in words:
        if word.isdigit() or word.lower() in TITLE_SMALL_WORDS:
            continue
        counted += 1
        if not word[0].isupper():
            lower += 1
            if lower > allowed:
                return False
    return counted >= max(min_words, 1) and (counted - lower) / counted >= share
