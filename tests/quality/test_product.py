"""Tests for tests/quality/product.py: the gates' runner really goes through fetch and Pipeline.run."""

from __future__ import annotations

from bot.models import Options, TextSource, UrlSource
from bot.workers import Workers
from tests.quality.product import Job, PageServer, open_pipeline, run_all

_PAGE = (
    "<html><head><title>Harbour bridge reopens</title></head><body><article>"
    "<h1>Harbour bridge reopens</h1>"
    + "<p>The harbour bridge reopened on Tuesday after two years of repairs, the council said. "
    "Traffic returned to the old route within hours, and shops near the quay reported more visitors.</p>"
    * 4
    + "</article></body></html>"
).encode()


async def test_saved_page_becomes_a_card_and_a_missing_one_a_refusal(pool: Workers) -> None:
    """A served page gives its headline and body; a 404 gives the error type and the user's message."""
    async with open_pipeline(pool=pool) as pipeline, PageServer() as server:
        url = server.serve("/a/bridge", lambda: _PAGE)
        jobs = [
            Job("page", UrlSource(url), Options()),
            Job("gone", UrlSource(server.root + "/nothing-here"), Options()),
            Job("paste", TextSource(""), Options()),
        ]
        got = await run_all(pipeline, jobs)
    assert got["page"].ok
    assert got["page"].headline == "Harbour bridge reopens"
    assert "two years of repairs" in got["page"].text
    assert got["page"].summary
    assert not got["gone"].ok
    assert got["gone"].error == "HttpStatusError"
    assert got["gone"].message
    assert not got["paste"].ok
