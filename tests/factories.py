"""Small builders for pipeline objects used across tests."""

from __future__ import annotations

from bot.models import Article, Digest, Quote


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
    keywords: tuple[str, ...] = (),
    language: str = "en",
    **article_fields: object,
) -> Digest:
    return Digest(
        article=article(**article_fields),  # type: ignore[arg-type]  # test helper passes through
        summary=summary,
        quotes=quotes,
        language=language,
        keywords=keywords,
    )
