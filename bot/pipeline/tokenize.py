"""Offline sentence and word splitting per language (sumy's tokenizer interface, no NLTK data)."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“«„(\[]?[A-ZА-ЯЁЇІЄҐ0-9])")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


class Tokenizer:
    """sumy-compatible tokenizer: `to_sentences(paragraph)` and `to_words(sentence)`."""

    def __init__(self, language: str) -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return split_sentences(paragraph, self.language)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def split_sentences(text: str, language: str) -> tuple[str, ...]:
    """Split one paragraph into sentences, keeping each sentence's own characters."""
    return tuple(s.strip() for s in _SENTENCE_END.split(text) if s.strip())
