"""Words: the one definition of a word and of a word count, shared by every stage and the card."""

from __future__ import annotations

import re

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
