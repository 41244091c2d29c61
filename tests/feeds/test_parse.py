"""Feed parsing: RSS 2.0, Atom 1.0 and RDF to the same items; discovery; what is not a feed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from bot.errors import NotFeedError
from bot.feeds.items import Alternates, FeedItem, Notice, ParsedFeed, dump_item, load_item
from bot.feeds.parse import MAX_ITEMS, read_feed
from bot.models import Page
from tests.fakes.feeds import Item, atom, rdf, rss, site_page

ITEMS = [
    Item(
        "g1",
        "Harbour & bridge",
        "http://e.com/1",
        "<p>The council <b>approved</b> it.</p><p>Second paragraph.</p>",
        "<p>The whole article.</p>",
        ("Politics", "City"),
    ),
    Item("g2", "Rivers", "/2", "Plain summary"),
]


def parsed(body: str, media_type: str, url: str = "http://e.com/feed") -> ParsedFeed:
    result = read_feed(Page(url, body.encode(), media_type))
    assert isinstance(result, ParsedFeed)
    return result


@pytest.mark.parametrize(
    ("build", "media_type"),
    [(rss, "application/rss+xml"), (atom, "application/atom+xml"), (rdf, "application/rdf+xml")],
)
def test_every_format_gives_title_links_and_plain_text(
    build: Callable[[Sequence[Item]], str], media_type: str
) -> None:
    """Each format yields the feed title, absolute links, and summaries as plain paragraphs."""
    feed = parsed(build(ITEMS), media_type)
    assert feed.title == "Harbour News"
    assert [i.link for i in feed.items] == ["http://e.com/1", "http://e.com/2"]
    assert [i.title for i in feed.items] == ["Harbour & bridge", "Rivers"]
    assert feed.items[0].summary == "The council approved it.\n\nSecond paragraph."
    assert all(i.guid for i in feed.items)


def test_full_content_and_categories_are_kept() -> None:
    """content:encoded becomes the item's text (longer than the teaser); categories are tags."""
    item = parsed(rss(ITEMS), "application/rss+xml").items[0]
    assert item.text == "The whole article."
    assert item.categories == ("Politics", "City")
    assert item.published is not None


def test_a_feed_served_as_text_xml_or_without_a_type_still_parses() -> None:
    """The media type is a hint: an RSS body labelled text/xml or text/plain is still a feed."""
    assert len(parsed(rss(ITEMS), "text/xml").items) == 2
    assert len(parsed(rss(ITEMS), "text/plain").items) == 2


def test_site_page_names_its_feeds() -> None:
    """A page with <link rel=alternate type=application/rss+xml> gives its feed URL, absolute."""
    found = read_feed(Page("http://e.com/news/", site_page("../rss.xml").encode(), "text/html"))
    assert found == Alternates(("http://e.com/rss.xml",))


def test_a_page_without_feed_links_or_garbage_is_not_a_feed() -> None:
    """An ordinary page, or bytes that are neither, raise NotFeedError (a polite answer)."""
    page = b"<html><head><link rel=stylesheet href=a.css></head><body>Hi</body></html>"
    with pytest.raises(NotFeedError):
        read_feed(Page("http://e.com/", page, "text/html"))
    with pytest.raises(NotFeedError):
        read_feed(Page("http://e.com/", b"just words", "text/plain"))


def test_items_and_notices_round_trip_as_json() -> None:
    """What the outbox stores reads back as the same value."""
    item = FeedItem("g", "http://e.com/", "Tïtle", "s", "t", ("a", "b"), 1.5)
    assert load_item(dump_item(item)) == item
    notice = Notice("disabled", "http://e.com/rss", "E")
    assert load_item(dump_item(notice)) == notice


def test_only_web_links_are_kept_and_long_archives_are_cut() -> None:
    """A javascript: link is dropped (the item keeps its title); at most MAX_ITEMS entries."""
    odd = Item("x", "Odd", "javascript:alert(1)", "s")
    [item] = parsed(rss([odd]), "application/rss+xml").items
    assert (item.link, item.title) == ("", "Odd")
    many = [Item(str(n), f"T{n}", f"http://e.com/{n}") for n in range(MAX_ITEMS + 50)]
    assert len(parsed(rss(many), "application/rss+xml").items) == MAX_ITEMS
