"""Frozen dataclasses that travel between pipeline stages.

    Source (UrlSource | TextSource) -> Page -> Article -> Digest

Every stage takes one of these and returns the next; none of them knows about Telegram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Length = Literal["short", "medium", "long"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class UrlSource:
    """A link to fetch and extract."""

    url: str


@dataclass(frozen=True, slots=True)
class TextSource:
    """Text a person pasted or forwarded; `origin` is where it came from (a t.me link), if known."""

    text: str
    origin: str | None = None


Source = UrlSource | TextSource


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched document, already decoded to text. `url` is the final address after redirects."""

    url: str
    text: str
    content_type: str
    charset: str

    @property
    def is_html(self) -> bool:
        return self.content_type in {"text/html", "application/xhtml+xml"}


@dataclass(frozen=True, slots=True)
class Article:
    """The article body as paragraphs, plus what we know about it."""

    title: str | None
    paragraphs: tuple[str, ...]
    url: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    language: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(_WORD.findall(p)) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation from the article and who said it (None when the text does not say)."""

    text: str
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Options:
    """What the reader asked for. `sentences` overrides the length preset when set."""

    length: Length = "medium"
    sentences: int | None = None
    language: str | None = None
    quotes: bool = True
    max_quotes: int = 3


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything the card shows about one article."""

    article: Article
    summary: tuple[str, ...]
    quotes: tuple[Quote, ...]
    language: str
    keywords: tuple[str, ...] = field(default=())
    truncated: bool = False  # the input was longer than we read; the card says so

    @property
    def reduction(self) -> float:
        """Share of the article's words the summary leaves out, 0.0-1.0."""
        total = self.article.word_count
        if total == 0:
            return 0.0
        kept = sum(len(_WORD.findall(s)) for s in self.summary)
        return max(0.0, min(1.0, 1.0 - kept / total))

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the whole article at 230 words a minute, at least one."""
        return max(1, round(self.article.word_count / 230))


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How far the fetcher goes for one link. Defaults are the product's; settings override them."""

    max_bytes: int = 5_000_000
    connect_timeout: float = 5.0
    total_timeout: float = 15.0
    max_redirects: int = 5
    per_host_connections: int = 4
    allow_networks: tuple[str, ...] = ()
    user_agent: str = "Mozilla/5.0 (compatible; gistbot/0.1; +https://github.com/gistbot/gistbot)"
