"""Dedupe keys, new items, keyword filters and the poll schedule: the feed rules without I/O."""

from __future__ import annotations

import pytest

from bot.feeds.cards import plain_card, with_hashtags
from bot.feeds.dedupe import content_fingerprint, item_keys, new_items
from bot.feeds.digest import gist, render_digest
from bot.feeds.filters import parse_filter, passes
from bot.feeds.items import FeedItem
from bot.feeds.schedule import Schedule
from bot.i18n import translator
from bot.storage.base import FeedState

SUMMARY = "The council approved a plan to rebuild the harbour bridge after months of debate."


def item(
    guid: str, link: str = "", title: str = "Harbour bridge", summary: str = SUMMARY
) -> FeedItem:
    return FeedItem(guid=guid, link=link, title=title, summary=summary)


def test_keys_strongest_first_and_links_normalised() -> None:
    """guid, then the normalised link, then the fingerprint; tracking parameters don't matter."""
    a = item_keys(item("g1", "http://E.com/story?utm_source=rss#top"))
    b = item_keys(item("g2", "http://e.com/story"))
    assert a[0] == "g:g1"
    assert a[1] == b[1] == "l:http://e.com/story"
    assert a[2] == b[2]
    assert a[2].startswith("f:")


def test_republished_item_with_new_guid_and_link_is_not_new() -> None:
    """The same title and summary under a new guid and link is recognised by its fingerprint."""
    seen = set(item_keys(item("g1", "http://e.com/1")))
    again = item(
        "g-new", "http://e.com/1-updated", title="Harbour  Bridge!", summary=SUMMARY.upper()
    )
    assert new_items([again], seen) == []
    other = item("g3", "http://e.com/3", summary="A different story about the river mills.")
    assert [i for i, _ in new_items([other], seen)] == [other]


def test_short_texts_have_no_fingerprint() -> None:
    """Two 'Daily briefing' items with no summary are two items (guid and link differ)."""
    assert content_fingerprint("Daily briefing", "") is None
    first, second = (
        item("a", "http://e.com/a", "Daily briefing", ""),
        item("b", "http://e.com/b", "Daily briefing", ""),
    )
    assert len(new_items([first, second], set())) == 2


def test_new_items_oldest_first_and_duplicates_within_a_document_once() -> None:
    """Feeds list newest first; the queue gets oldest first, a repeated entry once."""
    newest, older = item("2", "http://e.com/2", "Two", "x"), item("1", "http://e.com/1", "One", "y")
    fresh = new_items([newest, older, newest], set())
    assert [i.guid for i, _ in fresh] == ["1", "2"]


def test_filters_are_whole_words_case_insensitive() -> None:
    """+words: at least one must appear; -words: none may; categories count as words."""
    include, exclude = parse_filter(["+Rust", "python", "-Ads"])
    assert (include, exclude) == (("rust", "python"), ("ads",))
    news = FeedItem("g", "", "Rust 2.0 released", "Big news", categories=("Programming",))
    assert passes(news, include, exclude)
    assert not passes(FeedItem("g", "", "Trusty rusted bikes", ""), include, exclude)
    assert not passes(FeedItem("g", "", "Rust ads everywhere", ""), include, exclude)
    assert passes(news, (), ("sports",))
    assert passes(news, ("programming",), ())


@pytest.mark.parametrize("args", [[], ["+"], ["-" + "x" * 41], [f"w{n}" for n in range(21)]])
def test_bad_filters_are_refused(args: list[str]) -> None:
    """No words, empty words, overlong words or too many words raise ValueError."""
    with pytest.raises(ValueError, match=r"words|filter word"):
        parse_filter(args)


SCHEDULE = Schedule(base=900, ceiling=4 * 3600, max_failures=3)
FEED = FeedState(1, "http://e.com/rss", "", None, None, next_poll=0, interval=900)


def test_quiet_feeds_slow_down_and_news_resets_the_interval() -> None:
    """No news: the interval grows by half up to the ceiling; news: back to the base."""
    state = FEED
    intervals = []
    for _ in range(8):
        state = SCHEDULE.after_success(state, 1000, changed=False)
        intervals.append(state.interval)
    assert intervals[:2] == [1350, 2025]
    assert intervals[-1] == 4 * 3600
    assert state.next_poll == 1000 + 4 * 3600
    assert SCHEDULE.after_success(state, 5, changed=True).interval == 900


def test_failures_back_off_and_disable_after_the_limit() -> None:
    """Each failure doubles the wait; the third in a row disables; a success clears the count."""
    once = SCHEDULE.after_failure(FEED, 0)
    twice = SCHEDULE.after_failure(once, 0)
    assert (once.interval, twice.interval, twice.disabled) == (1800, 3600, False)
    assert SCHEDULE.after_failure(twice, 0).disabled
    assert SCHEDULE.after_success(twice, 0, changed=False).failures == 0


def test_categories_become_hashtags_that_fit() -> None:
    """Categories become #words (spaces and punctuation to _), at most five, none if too long."""
    tags = ("World news", "C++", "2026", "world-news", "a", "b", "c", "d")
    assert with_hashtags("<b>card</b>", tags) == "<b>card</b>\n#World_news #C #world_news #a #b"
    assert with_hashtags("x" * 4090, ("Politics",)) == "x" * 4090
    assert with_hashtags("card", ()) == "card"


def test_plain_card_escapes_the_feed_text() -> None:
    """A card made from the item alone links its title and escapes everything from the feed."""
    card = plain_card(FeedItem("g", "http://e.com/?a=1&b=2", "<Tom & Jerry>", "1 < 2"))
    assert card == (
        '<b><a href="http://e.com/?a=1&amp;b=2">&lt;Tom &amp; Jerry&gt;</a></b>\n\n1 &lt; 2'
    )


def test_digest_lists_the_newest_with_gists_and_counts_the_rest() -> None:
    """Newest first, at most `limit`, each a linked headline and the feed's first sentence."""
    news = [
        FeedItem(str(n), f"http://e.com/{n}", f"T{n} <b>", f"First {n}. Second sentence.")
        for n in range(5)
    ]
    text = render_digest("Town & news", news, translator("en"), limit=3)
    assert text.startswith("<b>Town &amp; news</b> · new items: 5")
    assert text.index("T4") < text.index("T3") < text.index("T2")
    assert "T1" not in text
    assert '<a href="http://e.com/4">T4 &lt;b&gt;</a>' in text
    assert "First 4." in text
    assert "Second sentence" not in text
    assert text.endswith("…and more: 2")
    assert gist(FeedItem("g", "", "t", "x" * 500)) == "x" * 199 + "…"
