"""Summarize: choose the article's sentences that carry its story (sumy ranks behind our interface),
and its keywords.

    summarize(text, title, count, avoid) -> sentences in article order
    keywords(text, title) -> the top keywords
"""

from bot.pipeline.summarize.choose import sentence_count, summarize
from bot.pipeline.summarize.keywords import keywords

__all__ = ["keywords", "sentence_count", "summarize"]
