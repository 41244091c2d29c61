"""HTML -> Article with trafilatura; the title comes from the page's metadata."""

from __future__ import annotations

import re
import warnings

from bot.errors import ExtractionError, TooComplexError
from bot.models import Article
from bot.pipeline.text import WORD, word_count

# Fewer words than a two-sentence news brief: a menu or an error page, not an article.
MIN_WORDS = 15

# Lines trafilatura keeps that are page furniture on any site: legal lines, share/print bars, bare links,
# contact lines. Kept short and generic on purpose (checked on extraction-dev, not tuned per page).
_FURNITURE = re.compile(
    r"""^(?:
        .*\b(?:all\ rights\ reserved|copyright\ ©|©\ ?\d{4})\b.*
      | [-•]?\s*(?:order\ reprints|print\ article|share\ this(?:\ article)?|click\ here\b.*|tags:?)
      | (?:https?://|www\.)\S+
      | write\ to\ .{1,60}\ at\ \S+@\S+
      | (?:see\ more|read\ more|related|don'?t\ miss|advertisement)\b.{0,120}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


# The parse guard: structure no article has, whose parse grows faster than linearly (issue 10: 20k
# attributes on one tag parse in 1.1 s, 40k in 24 s; 250k table rows take 46 s and 785 MB). Limits
# ~3x the largest seen on wcxb-dev's tune part (919 pages: at most 15,793 tags, at most 6,993 "="
# in one tag, counting "=" inside attribute values), counted on the raw HTML of those pages.
MAX_TAGS = 50_000
MAX_EQUALS_IN_TAG = 20_000
_TAG = re.compile(r"<[A-Za-z][^>]*>?")


def check_structure(html: str) -> None:
    """Refuse, before parsing, a page with more tags or attributes on one tag than any article has."""
    for count, tag in enumerate(_TAG.finditer(html), 1):
        if count > MAX_TAGS:
            raise TooComplexError(f"more than {MAX_TAGS} tags")
        if tag.group().count("=") > MAX_EQUALS_IN_TAG:
            raise TooComplexError(f"a tag with more than {MAX_EQUALS_IN_TAG} attributes")


def extract(html: str, url: str | None) -> Article:
    """The article body of an HTML page as paragraphs, with title, author, date and site."""
    check_structure(html)
    with warnings.catch_warnings():
        # trafilatura's downloader imports urllib3's SOCKS support, which warns when PySocks is
        # missing; we never download with trafilatura. Imported here: heavy, workers only.
        warnings.filterwarnings("ignore", message="SOCKS support in urllib3")
        import trafilatura
    from trafilatura.settings import Document

    doc = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, fast=True
    )
    if not isinstance(doc, Document):  # trafilatura signals "nothing found" with None
        raise ExtractionError(f"no article text in {url}")
    title = _tidy(doc.title)
    paragraphs = _body(doc.text or "", title)
    if sum(word_count(p) for p in paragraphs) < MIN_WORDS:
        raise ExtractionError(f"no article text in {url}")
    return Article(
        title=title,
        paragraphs=paragraphs,
        url=url or None,
        author=_tidy(doc.author),
        date=_tidy(doc.date),
        site=_tidy(doc.sitename),
    )


def _body(text: str, title: str | None) -> tuple[str, ...]:
    """Paragraphs of trafilatura's text without the repeated headline and generic furniture lines."""
    lines = [line.strip() for line in text.split("\n")]
    kept = [line for line in lines if line and not _FURNITURE.match(line)]
    title_words = _words(title or "")
    # The headline repeated as the body's first lines is shown once, as the card's title.
    while kept and title_words and _same_words(_words(kept[0]), title_words):
        kept.pop(0)
    return tuple(kept)


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _same_words(line: list[str], title: list[str]) -> bool:
    """True when the line is the title, or the title minus a section prefix like 'Opinion |'."""
    return bool(line) and (line == title or (len(line) >= 3 and title[-len(line) :] == line))


def _tidy(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
