"""What a message offers to summarize: links (visible or hidden), forwards, long text, mentions."""

from __future__ import annotations

from typing import Any

from telegram import Message

from bot.models import TextSource, UrlSource
from handlers import sources

LONG = " ".join(["The harbour council agreed to rebuild the old ferry pier."] * 8)


def message(text: str, entities: list[dict[str, Any]] | None = None, **extra: Any) -> Message:
    data = {
        "message_id": 1,
        "date": 0,
        "chat": {"id": 1, "type": "private"},
        "text": text,
        "entities": entities or [],
        **extra,
    }
    found = Message.de_json(data, None)
    assert found is not None
    return found


def url(text: str, part: str) -> dict[str, Any]:
    return {"type": "url", "offset": text.index(part), "length": len(part)}


def test_visible_and_hidden_links_in_order_once_each() -> None:
    """Visible URLs and text links are found in order, repeats and t.me links left out."""
    text = "see example.com/a and here and https://t.me/chan/1 and example.com/a"
    entities = [
        url(text, "example.com/a"),
        {
            "type": "text_link",
            "offset": text.index("here"),
            "length": 4,
            "url": "https://b.example/x",
        },
        url(text, "https://t.me/chan/1"),
        {"type": "url", "offset": text.rindex("example.com/a"), "length": 13},
    ]
    assert sources.links(message(text, entities)) == ["http://example.com/a", "https://b.example/x"]


def test_long_text_is_an_article_short_text_is_not() -> None:
    """Sixty words or more of pasted text is an article; a greeting is not."""
    assert sources.message_sources(message(LONG)) == [TextSource(LONG)]
    assert sources.message_sources(message("hi there")) == []


def test_a_short_forward_with_a_link_offers_the_link() -> None:
    """A forwarded teaser with a link offers the link; a long forward offers its own text."""
    origin = {
        "type": "channel",
        "date": 0,
        "message_id": 7,
        "chat": {"id": -100, "type": "channel", "username": "news"},
    }
    teaser = "Read: news.example/story"
    short = message(teaser, [url(teaser, "news.example/story")], forward_origin=origin)
    assert sources.message_sources(short) == [UrlSource("http://news.example/story")]
    long = message(LONG, forward_origin=origin)
    assert sources.message_sources(long) == [TextSource(LONG, "https://t.me/news/7")]


def test_auto_mode_takes_links_but_not_members_own_text() -> None:
    """Auto mode answers links, never a member's own long text."""
    assert sources.auto_sources(message(LONG)) == []
    text = "look https://a.example/x"
    assert sources.auto_sources(message(text, [url(text, "https://a.example/x")])) == [
        UrlSource("https://a.example/x")
    ]


def test_entity_splitting_a_surrogate_pair_gives_what_it_covers() -> None:
    """An entity whose offsets cut an emoji in half yields its text, never an exception."""
    text = "😀 https://a.example/x"
    entities = [{"type": "url", "offset": 1, "length": 22}]
    assert sources.links(message(text, entities)) == ["https://a.example/x"]


def test_mentions_by_username_or_account() -> None:
    """The bot is mentioned by @username (any case) or by a text mention of its account."""
    text = "@Gist_Bot please"
    by_name = message(text, [{"type": "mention", "offset": 0, "length": 9}])
    assert sources.mentions(by_name, "gist_bot", 99)
    by_account = message(
        "bot please",
        [
            {
                "type": "text_mention",
                "offset": 0,
                "length": 3,
                "user": {"id": 99, "is_bot": True, "first_name": "G"},
            }
        ],
    )
    assert sources.mentions(by_account, "gist_bot", 99)
    assert not sources.mentions(message("nobody"), "gist_bot", 99)


def test_command_url_takes_the_first_link_like_argument() -> None:
    """/tldr's argument is a link with or without a scheme; other words are not."""
    assert sources.command_url(["please", "news.example/a"]) == "http://news.example/a"
    assert sources.command_url(["https://x.example"]) == "https://x.example"
    assert sources.command_url(["hello"]) is None


def test_command_url_keeps_a_port() -> None:
    """A link with a port (a self-hosted site) is a link too, port included."""
    assert sources.command_url(["news.example:8080/a"]) == "http://news.example:8080/a"
    assert sources.command_url(["x.example:port/a"]) is None
