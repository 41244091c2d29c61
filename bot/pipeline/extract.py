"""HTML -> Article with trafilatura; the title comes from the page's metadata."""

from __future__ import annotations

from bot.errors import ExtractionError
from bot.models import Article, Page


def extract(page: Page) -> Article:
    """The article body of an HTML page as paragraphs, with title, author, date, site and language."""
    import trafilatura

    doc = trafilatura.bare_extraction(page.text, url=page.url, with_metadata=True, as_dict=False)
    if doc is None or not (doc.text or "").strip():
        raise ExtractionError(f"no article text in {page.url}")
    paragraphs = tuple(p.strip() for p in doc.text.split("\n") if p.strip())
    return Article(
        title=doc.title,
        paragraphs=paragraphs,
        url=page.url,
        author=doc.author,
        date=doc.date,
        site=doc.sitename,
        language=doc.language,
    )
