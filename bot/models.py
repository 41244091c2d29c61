"""Frozen dataclasses that travel between pipeline stages.

    Source (UrlSource | TextSource | FileSource) -> Page -> Article -> Digest

Every stage takes one of these and returns the next; none of them knows about Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Length = Literal["short", "medium", "long"]


@dataclass(frozen=True, slots=True)
class UrlSource:
    """A link to fetch and extract."""

    url: str


@dataclass(frozen=True, slots=True)
class TextSource:
    """Text a person pasted or forwarded; `origin` is where it came from (a t.me link), if known."""

    text: str
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class FileSource:
    """A file someone gave us: `.html`/`.htm` names are read as a page, anything else as text."""

    name: str
    data: bytes

    @property
    def is_html(self) -> bool:
        return self.name.lower().endswith((".html", ".htm"))


Source = UrlSource | TextSource | FileSource


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched document, not yet decoded (decoding is CPU work: the worker does it).

    `url` is the final address after redirects; `charset` the one the server declared, if any;
    `etag` and `last_modified` its validators, for the next conditional GET (feeds)."""

    url: str
    body: bytes
    media_type: str
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def is_html(self) -> bool:
        return self.media_type in {"text/html", "application/xhtml+xml"}


@dataclass(frozen=True, slots=True)
class Article:
    """The article body as paragraphs, plus what we know about it."""

    title: str | None
    paragraphs: tuple[str, ...]
    url: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation from the article and who said it (None when the text does not say).

    `marks` are the article's own opening and closing quotation marks («…», „…“, "…"), shown on
    the card as they were."""

    text: str
    speaker: str | None = None
    marks: tuple[str, str] = ("“", "”")


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
    """Everything the card shows about one article, and the card itself (rendered in the worker,
    so the bot's event loop only sends it)."""

    article: Article
    summary: tuple[str, ...]
    quotes: tuple[Quote, ...]
    language: str
    words: int  # the article's length in words
    summary_words: int
    keywords: tuple[str, ...] = field(default=())
    truncated: bool = False  # the input was longer than we read; the card says so
    card: str = ""  # the Telegram HTML card

    @property
    def reduction(self) -> float:
        """Share of the article's words the summary leaves out, 0.0-1.0."""
        if self.words == 0:
            return 0.0
        return max(0.0, min(1.0, 1.0 - self.summary_words / self.words))

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the whole article at 230 words a minute, at least one."""
        return max(1, round(self.words / 230))


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """Per-job and per-worker limits (bot.workers); Settings' defaults are the product's."""

    job_seconds: float = 20.0
    memory_bytes: int = 0  # address-space cap per worker; 0: none
    long_input_bytes: int = 1_000_000
    long_workers: int = 0  # extra low-priority workers only for long inputs; 0: they share


@dataclass(frozen=True, slots=True)
class Validators:
    """What a conditional GET sends back: the ETag and Last-Modified the last answer carried."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class NotModified:
    """A conditional GET's 304: the document is as it was; no body was read."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How far the fetcher goes for one link (built from Settings, the only home of defaults)."""

    max_bytes: int
    connect_timeout: float
    total_timeout: float
    max_redirects: int
    per_host_connections: int
    allow_networks: tuple[str, ...] = ()
    user_agent: str = "Mozilla/5.0 (compatible; gistbot/0.1; +https://github.com/gistbot/gistbot)"
