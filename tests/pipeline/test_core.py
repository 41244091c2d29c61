"""The stage order and the one entry: every source through Pipeline.run, CPU work in the workers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest

from bot.errors import ExtractionError, InputError
from bot.models import FileSource, Options, Page, TextSource, UrlSource
from bot.pipeline.core import (
    PARAGRAPH_BYTES,
    Pipeline,
    cut_text,
    digest_page,
    digest_text,
    work_size,
)

T = TypeVar("T")
PARAGRAPH = "The council met on Monday to discuss the new budget for the schools of the city."
ARTICLE = "\n\n".join(
    f"{PARAGRAPH} Speaker number {i} said the plan would change the lives of families."
    for i in range(6)
)
HTML = f"<html><head><title>Budget night</title></head><body><article>{''.join(f'<p>{p}</p>' for p in ARTICLE.split(chr(10) * 2))}</article></body></html>"


class RecordingWorkers:
    """Runs each call in this process and remembers which pipeline function it was."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.sizes: list[int] = []

    async def run(self, call: Callable[[], T], *, size: int = 0) -> T:
        self.sizes.append(size)
        self.calls.append(getattr(call, "func", call).__name__)
        return call()

    async def close(self) -> None:
        return None


class PagesByUrl:
    """A fetcher that answers from a dict, as a link's server would (bytes, media type)."""

    def __init__(self, pages: dict[str, Page]) -> None:
        self.pages = pages
        self.closed = False

    async def fetch(self, url: str) -> Page:
        return self.pages[url]

    async def close(self) -> None:
        self.closed = True


def pipeline(pages: dict[str, Page] | None = None) -> tuple[Pipeline, RecordingWorkers]:
    workers = RecordingWorkers()
    return Pipeline(PagesByUrl(pages or {}), workers, max_text_chars=100_000), workers


def test_cut_text_prefers_paragraph_breaks() -> None:
    """A long text is cut at the last paragraph break before the cap."""
    text = "\n\n".join([PARAGRAPH] * 10)
    cut = cut_text(text, 300)
    assert len(cut) <= 300
    assert cut.endswith("city.")
    assert cut_text("short", 300) == "short"


def test_long_text_is_read_up_to_the_cap_and_marked() -> None:
    """Text past max_chars is not read, and the digest (and its card) say it was truncated."""
    digest = digest_text("\n\n".join([PARAGRAPH] * 200), None, Options(), max_chars=2000)
    assert digest.truncated
    assert "beginning only" in digest.card
    assert len(digest.article.text) <= 2000
    assert not digest_text(ARTICLE, None, Options(), max_chars=2000).truncated


async def test_text_goes_to_the_workers() -> None:
    """Pasted text is cleaned and summarized by the workers, never on the caller's side."""
    run, workers = pipeline()
    digest = await run.run(TextSource(ARTICLE), Options(sentences=2))
    assert workers.calls == ["digest_text"]
    assert len(digest.summary) == 2
    assert digest.card.startswith("<b>")
    with pytest.raises(InputError):
        await run.run(TextSource("   "), Options())


async def test_a_link_is_fetched_then_decoded_and_extracted_by_the_workers() -> None:
    """A link's bytes come from the fetcher; decoding and extraction happen in the workers."""
    url = "https://news.example/budget"
    run, workers = pipeline({url: Page(url, HTML.encode("cp1252"), "text/html", "cp1252")})
    digest = await run.run(UrlSource(url), Options())
    assert workers.calls == ["digest_page"]
    assert digest.article.title == "Budget night"
    assert digest.article.url == url


@pytest.mark.parametrize(
    ("name", "data", "title"),
    [("page.html", HTML.encode(), "Budget night"), ("notes.txt", ARTICLE.encode("utf-16"), None)],
)
async def test_files_are_read_by_their_name(name: str, data: bytes, title: str | None) -> None:
    """A .html file is extracted like a page, any other file cleaned like pasted text."""
    run, workers = pipeline()
    digest = await run.run(FileSource(name, data), Options())
    assert workers.calls == ["digest_page"]
    assert digest.summary
    if title is not None:
        assert digest.article.title == title
    else:
        assert digest.article.text.startswith("The council met")


async def test_close_closes_the_fetcher() -> None:
    """Closing the pipeline closes its fetcher (its HTTP session)."""
    fetcher = PagesByUrl({})
    await Pipeline(fetcher, RecordingWorkers(), max_text_chars=1000).close()
    assert fetcher.closed


@pytest.mark.parametrize("text", ["\n".join(["word"] * 100_000), "ok. " * 50_000, "— — —\n" * 1000])
def test_text_without_sentences_is_a_clear_error(text: str) -> None:
    """Inputs with no sentence worth a bullet get a polite ExtractionError, not an empty card."""
    with pytest.raises(ExtractionError) as caught:
        digest_text(text, None, Options(), 100_000)
    assert "sentences" in caught.value.user_message


def test_plain_text_page_is_cleaned() -> None:
    """A fetched text/plain page is read as pasted text."""
    digest = digest_page(
        Page("https://x.example/a.txt", ARTICLE.encode(), "text/plain"), Options(), 100_000
    )
    assert digest.article.url == "https://x.example/a.txt"
    assert digest.summary


async def test_the_input_size_goes_with_the_job() -> None:
    """Each job tells the workers the size of the text it carries (a page's by its paragraph
    tags, not its markup), so a long read can take the long lane."""
    page = Page("https://news.example/a", HTML.encode(), "text/html")
    run, workers = pipeline({page.url: page})
    await run.run(UrlSource(page.url), Options())
    await run.run(TextSource(ARTICLE), Options())
    assert workers.sizes == [HTML.count("<p") * PARAGRAPH_BYTES, len(ARTICLE)]


def test_a_long_read_weighs_more_than_a_page_of_scripts() -> None:
    """2,500 paragraphs of text outweigh a megabyte of scripts with a short article in it."""
    long_read = "<html><body>" + "<p>Words of a long read here.</p>" * 2500 + "</body></html>"
    scripts = "<html><script>" + "x" * 1_000_000 + "</script><p>A short story.</p></html>"
    assert work_size(Page("", long_read.encode(), "text/html")) >= 1_000_000
    assert work_size(Page("", scripts.encode(), "text/html")) < 10_000
    assert work_size(Page("", b"plain text", "text/plain")) == len(b"plain text")
