"""The one place that orders the stages, and the pipeline's one entry: `Pipeline.run(source)`.

    UrlSource  --fetch (event loop)--> Page --+
    FileSource ----------------------> Page --+-- decode -- extract (HTML) | clean (text) --+
    TextSource ---------------------------------------------- clean ------------------------+
        -> analyse -> quotes -> summarize -> keywords -> render -> Digest

Everything after the fetch is CPU work: `digest_page` / `digest_text` are plain functions run by the
workers (in worker processes in the bot). Only this module imports across stages.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from typing import Protocol

from bot.config import Settings
from bot.errors import ExtractionError, InputError
from bot.i18n import messages as msg
from bot.models import Article, Digest, FileSource, Options, Page, Source, UrlSource
from bot.pipeline.fetch import Fetcher
from bot.workers import Workers

# The CPU stages (trafilatura, sumy, numpy, lingua: ~120 MB) are imported inside the functions that
# run them, so the bot's own process, which only fetches and hands work to the workers, never
# loads them.


class Fetching(Protocol):
    """What the pipeline needs of a fetcher (bot.pipeline.fetch.Fetcher; tests pass their own)."""

    async def fetch(self, url: str) -> Page: ...
    async def close(self) -> None: ...


class Pipeline:
    """Source -> Digest: fetches on the event loop, hands everything else to `workers`."""

    def __init__(self, fetcher: Fetching, workers: Workers, *, max_text_chars: int) -> None:
        self.fetcher = fetcher
        self.workers = workers
        self.max_text_chars = max_text_chars

    @classmethod
    def from_settings(cls, settings: Settings, workers: Workers) -> Pipeline:
        """The product's pipeline: the safe fetcher with the settings' limits."""
        return cls(
            Fetcher(settings.fetch_limits()), workers, max_text_chars=settings.max_text_chars
        )

    async def run(self, source: Source, options: Options) -> Digest:
        """The digest (card included) of one link, pasted text or file."""
        if isinstance(source, UrlSource):
            page = await self.fetcher.fetch(source.url)
            call = functools.partial(digest_page, page, options, self.max_text_chars)
            size = work_size(page)
        elif isinstance(source, FileSource):
            page = file_page(source)
            call = functools.partial(digest_page, page, options, self.max_text_chars)
            size = work_size(page)
        else:
            call = functools.partial(
                digest_text, source.text, source.origin, options, self.max_text_chars
            )
            size = min(len(source.text), self.max_text_chars)
        return await self.workers.run(call, size=size)  # the size picks the lane (long reads)

    async def close(self) -> None:
        await self.fetcher.close()


# What a page costs is its text, not its markup: trafilatura and every stage after it read text. A
# 100,000-word article is 0.6 MB of plain HTML, a news page with its scripts 1-2 MB that cost a
# tenth as much. So an HTML page's work is estimated from its paragraph tags (one C-speed count,
# ~0.1 ms for a typical page, ~2 ms at 2 MB): article pages of wcxb-dev and extraction-dev have at
# most 626 (p99 268), a 100,000-word article ~2,500. Each counts as a paragraph of this many bytes,
# so the long lane's 1 MB threshold sits near 2,500 paragraphs (a judgment from those counts).
PARAGRAPH_BYTES = 400


def work_size(page: Page) -> int:
    """The bytes of text a page is likely to carry (what the workers' long lane goes by)."""
    if page.is_html:
        return page.body.count(b"<p") * PARAGRAPH_BYTES
    return len(page.body)


def file_page(source: FileSource) -> Page:
    """A file read as a page: HTML by its name, plain text otherwise; its bytes decoded later."""
    return Page(
        url="", body=source.data, media_type="text/html" if source.is_html else "text/plain"
    )


def digest_page(page: Page, options: Options, max_chars: int) -> Digest:
    """A fetched page or a file (HTML or plain text) to a Digest (CPU work)."""
    from bot.pipeline.extract import extract
    from bot.pipeline.fetch import decode

    text = decode(page)
    if page.is_html:
        return digest_article(extract(text, page.url or None), options)
    return digest_text(text, page.url or None, options, max_chars)


def digest_text(text: str, origin: str | None, options: Options, max_chars: int) -> Digest:
    """Pasted or forwarded text to a Digest (CPU work); text past `max_chars` is not read."""
    from bot.pipeline.clean import clean

    head = cut_text(text, max_chars)
    return digest_article(clean(head, origin=origin), options, truncated=len(head) < len(text))


def digest_article(article: Article, options: Options, *, truncated: bool = False) -> Digest:
    """Summary, quotes, keywords and the card for an article (CPU work)."""
    from bot.pipeline.quotes import find_quotes, is_quote_only
    from bot.pipeline.render import render_html
    from bot.pipeline.summarize import keywords, sentence_count, summarize
    from bot.pipeline.text import analyse, word_count

    if not article.paragraphs:
        raise InputError("empty article")
    text = analyse(article.paragraphs, hint=options.language)
    quotes = find_quotes(text, options.max_quotes, article.title) if options.quotes else ()
    shown = functools.partial(is_quote_only, quotes=quotes) if quotes else None
    summary = summarize(text, article.title, sentence_count(text, options), avoid=shown)
    if not summary and not quotes:
        raise ExtractionError("no summary sentences", message=msg.ERROR_NO_SENTENCES)
    digest = Digest(
        article=article,
        summary=summary,
        quotes=quotes,
        language=text.language,
        words=text.words,
        summary_words=sum(word_count(s) for s in summary),
        keywords=keywords(text, article.title),
        truncated=truncated,
    )
    return replace(digest, card=render_html(digest))


def cut_text(text: str, max_chars: int) -> str:
    """At most `max_chars` of `text`, cut at the last paragraph or line break before the cap if any."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    for sep in ("\n\n", "\n", " "):
        cut = head.rfind(sep)
        if cut > max_chars // 2:
            return head[:cut]
    return head


_WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article>"
    + "<p>The workers load their models once, before the first reader waits for them. "
    + "“Nobody should wait for a model to load,” the engineer said.</p>" * 3
    + "</article></body></html>"
).encode()


def warm_up() -> None:
    """Load the heavy parts (trafilatura, language models, tokenizers) in a fresh worker process."""
    try:
        digest_page(Page("https://example.com/", _WARM_UP_PAGE, "text/html"), Options(), 10_000)
    except Exception:  # a failed warm-up only costs time later; the real call will report the error
        logging.getLogger(__name__).exception("worker warm-up failed")
