"""The fetcher's conditional GET for feeds: validators sent, a 304 costs no body, guards kept."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.errors import BlockedUrlError, HttpStatusError, NotArticleError
from bot.models import NotModified, Page, Validators
from bot.pipeline.fetch import Fetcher
from tests.factories import fetch_limits
from tests.fakes.feeds import Item, rss
from tests.fakes.pages import Feed, PageServer

pytestmark = pytest.mark.usefixtures("outbound")
ITEMS = [Item("1", "One", "http://example.com/1")]


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(fetch_limits(allow_networks=("127.0.0.0/8",))) as fetcher:
        yield fetcher


async def test_feed_answers_304_to_its_own_etag_and_a_new_version_after(
    page_server: PageServer, fetcher: Fetcher
) -> None:
    """The validators of one answer make the next request a 304, until the feed changes."""
    feed = Feed(rss(ITEMS))
    url = page_server.feed("/rss", feed)
    page = await fetcher.fetch_feed(url, Validators())
    assert isinstance(page, Page)
    assert page.media_type == "application/rss+xml"
    assert (page.etag, page.last_modified) == (feed.etag, feed.modified)
    validators = Validators(page.etag, page.last_modified)
    assert await fetcher.fetch_feed(url, validators) == NotModified()
    sent = page_server.request_headers[-1]
    assert sent["If-None-Match"] == feed.etag
    assert sent["If-Modified-Since"] == feed.modified
    feed.publish(rss([*ITEMS, Item("2", "Two", "http://example.com/2")]))
    again = await fetcher.fetch_feed(url, validators)
    assert isinstance(again, Page)
    assert b"Two" in again.body
    assert (feed.full, feed.not_modified) == (2, 1)


async def test_last_modified_alone_is_enough(page_server: PageServer, fetcher: Fetcher) -> None:
    """A server without ETags gets If-Modified-Since and answers 304 to it."""
    url = page_server.feed("/rss", Feed(rss(ITEMS), etag=False))
    page = await fetcher.fetch_feed(url, Validators())
    assert isinstance(page, Page)
    assert page.etag is None
    assert await fetcher.fetch_feed(url, Validators(None, page.last_modified)) == NotModified()
    assert "If-None-Match" not in page_server.request_headers[-1]


async def test_a_304_nobody_asked_for_is_an_error(
    page_server: PageServer, fetcher: Fetcher
) -> None:
    """Without validators a 304 cannot mean 'as before': it is an HTTP error like any other."""
    url = page_server.page("/odd", "", status=304)
    with pytest.raises(HttpStatusError):
        await fetcher.fetch_feed(url, Validators())


async def test_feed_types_only_for_feeds_and_the_address_guard_still_holds(
    page_server: PageServer,
) -> None:
    """An article fetch still refuses RSS; a feed fetch refuses a loopback address not allowed."""
    url = page_server.feed("/rss", Feed(rss(ITEMS)))
    async with Fetcher(fetch_limits(allow_networks=("127.0.0.0/8",))) as fetcher:
        with pytest.raises(NotArticleError):
            await fetcher.fetch(url)
    async with Fetcher(fetch_limits()) as guarded:
        with pytest.raises(BlockedUrlError):
            await guarded.fetch_feed(url, Validators())
