"""HTML -> Article: the body without furniture, the title from metadata, failures typed."""

from __future__ import annotations

import pytest

from bot.errors import ExtractionError, TooComplexError
from bot.pipeline.extract import check_structure, extract
from tests import paths

EXAMPLE = paths.ROOT / "examples" / "harbour-bridge.html"


URL = "https://news.example/story"


def test_example_page_body_and_metadata() -> None:
    """The bundled example gives its nine paragraphs, its og:title and its byline metadata."""
    article = extract(EXAMPLE.read_text(encoding="utf-8"), URL)
    assert article.title == "Riverton opens its new harbour bridge after six years of work"
    assert article.author == "Maria Okafor"
    assert article.site == "The Riverton Courier"
    assert article.date == "2026-11-20"
    assert len(article.paragraphs) == 9
    assert article.paragraphs[0].startswith("The city of Riverton opened")
    text = article.text
    for furniture in ("Sign up", "Most read", "All rights reserved", "Subscribe", "Storm warning"):
        assert furniture not in text


def test_headline_is_not_repeated_in_body() -> None:
    """A headline trafilatura keeps as the first body line is dropped from the paragraphs."""
    body = "".join(
        f"<p>Paragraph {i} has enough words in it to count as text for sure.</p>" for i in range(6)
    )
    page = f"<html><head><title>Big news today</title></head><body><article><p>Big news today</p>{body}</article></body></html>"
    article = extract(page, URL)
    assert article.title == "Big news today"
    assert article.paragraphs[0].startswith("Paragraph 0")


@pytest.mark.parametrize(
    "html", ["", "<html><body></body></html>", "<html><body><nav>Home</nav></body></html>"]
)
def test_no_article_text_raises(html: str) -> None:
    """Pages without article text raise ExtractionError, never return an empty article."""
    with pytest.raises(ExtractionError):
        extract(html, URL)


def many_attributes_page(count: int = 400_000) -> str:
    """Issue 10's 3.6 MB page: one tag with 400k attributes (its parse grows faster than n²)."""
    attributes = "".join(f' a{i}=""' for i in range(count))
    return (
        f"<html><head><title>Attributes</title></head><body><div{attributes}>x</div></body></html>"
    )


def many_rows_page(count: int = 250_000) -> str:
    """Issue 10's page of 250k table rows (46 s and 785 MB in trafilatura before the guard)."""
    rows = "<tr><td>1</td></tr>" * count
    return f"<html><head><title>Rows</title></head><body><table>{rows}</table></body></html>"


@pytest.mark.parametrize("html", [many_attributes_page(), many_rows_page()], ids=["attrs", "rows"])
def test_pathological_pages_are_refused_before_parsing(html: str) -> None:
    """A tag with 400k attributes and a 250k-row table answer "too complex" without a parse."""
    with pytest.raises(TooComplexError) as caught:
        extract(html, URL)
    assert "too large or complex" in caught.value.user_message


def test_the_parse_guard_passes_real_pages() -> None:
    """The structure guard lets the example page and pages at the tune part's maxima through."""
    check_structure(EXAMPLE.read_text(encoding="utf-8"))
    check_structure("<p>x</p>" * 15_793)  # the most tags on a wcxb-dev tune page
    check_structure("<div " + 'a="1" ' * 6_993 + ">x</div>")  # the most "=" in one tag there
