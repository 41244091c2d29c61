"""`/feed add`: find the feed behind an address (a feed, or a site page that links one).

The feed is fetched and parsed when it is added, so a wrong address is answered at once and the
feed's title is known for the reply; the poller then records what the feed lists now as seen
(`FeedPoller.subscribe`), which is how the first poll after subscribing posts nothing old.
"""

from __future__ import annotations

import functools
from typing import Protocol

from bot.errors import NotFeedError
from bot.feeds.items import Alternates, ParsedFeed
from bot.feeds.parse import read_feed
from bot.models import NotModified, Page, Validators
from bot.workers import Workers

NO_VALIDATORS = Validators()  # a first fetch: nothing to compare with


class FeedFetching(Protocol):
    """What the poller needs of a fetcher (bot.pipeline.fetch.Fetcher)."""

    async def fetch_feed(self, url: str, validators: Validators) -> Page | NotModified: ...
    async def close(self) -> None: ...


async def fetch_parsed(
    fetcher: FeedFetching, workers: Workers, url: str, validators: Validators = NO_VALIDATORS
) -> tuple[Page, ParsedFeed | Alternates] | NotModified:
    """One feed document fetched (conditionally) and parsed in the workers."""
    page = await fetcher.fetch_feed(url, validators)
    if isinstance(page, NotModified):
        return page
    parsed = await workers.run(functools.partial(read_feed, page), size=len(page.body))
    return page, parsed


async def find_feed(
    fetcher: FeedFetching, workers: Workers, url: str
) -> tuple[str, Page, ParsedFeed]:
    """The feed at `url` or linked from the page at `url`: (its URL, its page, its parse)."""
    for _ in range(2):  # the address itself, then the first feed its page links
        answer = await fetch_parsed(fetcher, workers, url)
        if isinstance(answer, NotModified):  # cannot happen without validators
            break
        page, parsed = answer
        if isinstance(parsed, ParsedFeed):
            return url, page, parsed
        url = parsed.urls[0]
    raise NotFeedError(f"{url}: no feed found")
