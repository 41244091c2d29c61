"""The one place that orders the stages.

`digest_page` / `digest_text` are the CPU part (plain functions, run in worker processes);
`Pipeline.run` is the async part: fetch on the event loop, then hand the CPU part to the pool.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import replace

from bot.errors import ExtractionError, InputError
from bot.i18n import messages as msg
from bot.models import Article, Digest, FetchLimits, Options, Page, Source, TextSource, UrlSource
from bot.pipeline.fetch import Fetcher

# The CPU stages (trafilatura, sumy, numpy, lingua: ~120 MB) are imported inside the functions that
# run them, so the bot's own process, which only fetches and hands work to the pool, never loads them.

MAX_TEXT_CHARS = 100_000  # about 15,000 words: more than any news article; settings can change it


def digest_article(article: Article, options: Options) -> Digest:
    """Summary, quotes and keywords for an article (CPU work)."""
    from bot.pipeline.language import detect_language
    from bot.pipeline.quotes import find_quotes
    from bot.pipeline.summarize import keywords, sentence_count, summarize

    if not article.paragraphs:
        raise InputError("empty article")
    language = detect_language(article.text, hint=options.language or None)
    quotes = find_quotes(article, language, options.max_quotes) if options.quotes else ()
    summary = summarize(
        article, language, sentence_count(article, options), avoid=[q.text for q in quotes]
    )
    if not summary and not quotes:
        raise ExtractionError("no summary sentences", message=msg.ERROR_NO_SENTENCES)
    return Digest(
        article=article,
        summary=summary,
        quotes=quotes,
        language=language,
        keywords=keywords(article, language),
    )


def digest_page(page: Page, options: Options) -> Digest:
    """A fetched page (HTML or plain text) to a Digest (CPU work)."""
    from bot.pipeline.clean import clean
    from bot.pipeline.extract import extract

    article = extract(page) if page.is_html else clean(page.text, origin=page.url)
    return digest_article(article, options)


def digest_text(
    text: str, origin: str | None, options: Options, max_chars: int = MAX_TEXT_CHARS
) -> Digest:
    """Pasted or forwarded text to a Digest (CPU work); text past `max_chars` is not read."""
    from bot.pipeline.clean import clean

    head = cut_text(text, max_chars)
    digest = digest_article(clean(head, origin=origin), options)
    return replace(digest, truncated=True) if len(head) < len(text) else digest


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


class Pipeline:
    """Source -> Digest. Fetches on the event loop; runs CPU stages in `executor` (None: default pool)."""

    def __init__(
        self,
        fetcher: Fetcher,
        executor: Executor | None = None,
        max_text_chars: int = MAX_TEXT_CHARS,
    ) -> None:
        self.fetcher = fetcher
        self.executor = executor
        self.max_text_chars = max_text_chars

    @classmethod
    def create(
        cls,
        limits: FetchLimits | None = None,
        executor: Executor | None = None,
        max_text_chars: int = MAX_TEXT_CHARS,
    ) -> Pipeline:
        return cls(Fetcher(limits), executor, max_text_chars)

    async def run(self, source: Source, options: Options | None = None) -> Digest:
        options = options or Options()
        if isinstance(source, UrlSource):
            return await self.run_page(await self.fetcher.fetch(source.url), options)
        assert isinstance(source, TextSource)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.executor, digest_text, source.text, source.origin, options, self.max_text_chars
        )

    async def run_page(self, page: Page, options: Options) -> Digest:
        """A page we already have (fetched, or a file someone gave us) -> Digest, in the pool."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, digest_page, page, options)

    async def close(self) -> None:
        await self.fetcher.close()


_WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article>"
    + "<p>The workers load their models once, before the first reader waits for them. "
    + "“Nobody should wait for a model to load,” the engineer said.</p>" * 3
    + "</article></body></html>"
)


def warm_up() -> None:
    """Load the heavy parts (trafilatura, language models, tokenizers) in a fresh worker process."""
    try:
        digest_page(Page("https://example.com/", _WARM_UP_PAGE, "text/html", "utf-8"), Options())
    except Exception:  # a failed warm-up only costs time later; the real call will report the error
        logging.getLogger(__name__).exception("worker warm-up failed")


def make_executor(workers: int = 0) -> ProcessPoolExecutor:
    """A process pool for the CPU stages; `workers=0` means one per core. Uses spawn: safe with threads."""
    count = workers or os.cpu_count() or 1
    return ProcessPoolExecutor(
        max_workers=count, mp_context=multiprocessing.get_context("spawn"), initializer=warm_up
    )
