"""Keyword filters per subscription: plain words, case-insensitive, no patterns.

`/feed filter 2 +rust +python -ads`: an item passes when it holds at least one include word (or
there are none) and no exclude word. Words are matched whole against the item's title, summary
and categories. No user regular expressions: one bad pattern can hang the bot.
"""

from __future__ import annotations

import re

from bot.feeds.items import FeedItem

MAX_FILTER_WORDS = 20
MAX_WORD_CHARS = 40
_WORD = re.compile(r"\w+")


def parse_filter(args: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(include, exclude) words from `+word -word` arguments (a bare word includes); ValueError
    for none, too many or too long."""
    include: list[str] = []
    exclude: list[str] = []
    for arg in args:
        target = exclude if arg.startswith("-") else include
        word = arg.lstrip("+-").casefold()
        if not word or len(word) > MAX_WORD_CHARS:
            raise ValueError(f"not a filter word: {arg!r}")
        if word not in target:
            target.append(word)
    if (not include and not exclude) or len(include) + len(exclude) > MAX_FILTER_WORDS:
        raise ValueError("give between 1 and 20 words")
    return tuple(include), tuple(exclude)


def passes(item: FeedItem, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """Whether `item` goes to a chat with these filters."""
    if not include and not exclude:
        return True
    words = set(_WORD.findall(" ".join([item.title, item.summary, *item.categories]).casefold()))
    wanted = [w for w in include if _holds(words, w)]
    return (not include or bool(wanted)) and not any(_holds(words, w) for w in exclude)


def _holds(words: set[str], word: str) -> bool:
    """A filter word of several parts ('e-mail', 'c++'): every part must be present."""
    parts = _WORD.findall(word)
    return bool(parts) and all(p in words for p in parts)
