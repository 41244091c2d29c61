"""Small builders for pipeline objects and pasted pages used across tests."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from bot.config import Settings
from bot.models import Article, Digest, FetchLimits, Page, Quote
from bot.pipeline.fetch.charset import decode_body
from bot.pipeline.quotes import find_quotes, is_quote_only
from bot.pipeline.summarize import keywords, summarize
from bot.pipeline.text import Text, word_count


def article(
    paragraphs: tuple[str, ...] = ("First sentence here. Second sentence there.",),
    title: str | None = "A headline",
    url: str | None = "https://example.com/story",
    **meta: str,
) -> Article:
    return Article(title=title, paragraphs=paragraphs, url=url, **meta)


def digest(
    summary: tuple[str, ...] = ("First sentence here.",),
    quotes: tuple[Quote, ...] = (),
    tags: tuple[str, ...] = (),
    language: str = "en",
    **article_fields: object,
) -> Digest:
    made = article(**article_fields)  # type: ignore[arg-type]  # test helper passes through
    return Digest(
        article=made,
        summary=summary,
        quotes=quotes,
        language=language,
        words=sum(word_count(p) for p in made.paragraphs),
        summary_words=sum(word_count(s) for s in summary),
        keywords=tags,
    )


def text(article: Article, language: str = "en") -> Text:
    """The analysed text the pipeline hands its stages, for an article in a known language."""
    return Text(article.paragraphs, language)


def summary_of(
    article: Article, language: str, count: int, avoid: tuple[str, ...] | list[str] = ()
) -> tuple[str, ...]:
    """The summary stage on an article, skipping sentences that only repeat the `avoid` quotes."""
    shown = [Quote(q) for q in avoid]
    skip = functools.partial(is_quote_only, quotes=shown) if shown else None
    return summarize(text(article, language), article.title, count, avoid=skip)


def keywords_of(article: Article, language: str, limit: int = 3) -> tuple[str, ...]:
    """The keyword stage on an article."""
    return keywords(text(article, language), article.title, limit)


def quotes_of(article: Article, language: str = "en", limit: int = 3) -> tuple[Quote, ...]:
    """The quote stage on an article."""
    return find_quotes(text(article, language), limit)


def text_of(page: Page) -> str:
    """The page's text as the worker decodes it."""
    return decode_body(page.body, page.charset, html=page.is_html)[0]


def codec_of(page: Page) -> str:
    """The codec the worker decodes the page with."""
    return decode_body(page.body, page.charset, html=page.is_html)[1]


def fetch_limits(**overrides: Any) -> FetchLimits:
    """The product's fetch limits (Settings' defaults) with some changed."""
    defaults = Settings(_env_file=None).fetch_limits()  # type: ignore[call-arg]  # pydantic-settings
    return dataclasses.replace(defaults, **overrides)


_TOPICS = ("harbour", "bridge", "ferry", "council", "budget", "tides", "schools", "trains")


def page(chars: int) -> str:
    """A pasted page of about `chars` characters: a headline and paragraphs of varied sentences."""
    paragraphs, i = ["Harbour town rebuilds its waterfront"], 0
    while sum(len(p) + 2 for p in paragraphs) < chars:
        topic = _TOPICS[i % len(_TOPICS)]
        paragraphs.append(
            f"On day {i} the {topic} committee reported that work on the {topic} plan had moved "
            f"ahead, with {i * 3 + 7} residents attending the meeting. The mayor said the {topic} "
            f"decision would shape the town for years, and critics asked for more time to read "
            f"the {i + 2} page report before any vote."
        )
        i += 1
    return "\n\n".join(paragraphs)


def split_like_telegram(text: str, limit: int = 4096) -> list[str]:
    """What a Telegram client sends for `text`: pieces of at most `limit` characters, each cut at
    the last line break (else space) before the limit, the break itself dropped."""
    pieces = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*pieces, text]
