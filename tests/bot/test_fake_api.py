"""The fake Bot API refuses what Telegram refuses, so the bot's tests can actually fail."""

from __future__ import annotations

import pytest

from tests.bot.fake_api import ParseError, entities_for, visible_text


@pytest.mark.parametrize(
    "markup",
    ["<b>open", "<b>x</i>", "<div>x</div>", "a < b", "Tom & Jerry", "&nbsp;", "<a>no href</a>"],
)
def test_rejects_what_telegram_rejects(markup: str) -> None:
    """Unbalanced or unsupported tags, raw < and &, unknown entities are parse errors."""
    with pytest.raises(ParseError):
        visible_text(markup, "HTML")


def test_accepts_the_card_subset() -> None:
    """The tags our card uses parse, and the visible text is what a reader sees."""
    card = (
        '<b><a href="https://e.com/?a=1&amp;b=2">T &amp; U</a></b>\n'
        "<blockquote expandable>“q”</blockquote>"
    )
    assert visible_text(card, "HTML") == "T & U\n“q”"


def test_entities_use_utf16_offsets() -> None:
    """Link entities count UTF-16 code units, as Telegram does (an emoji is two)."""
    [entity] = entities_for("😀 http://127.0.0.1/a")
    assert (entity["type"], entity["offset"]) == ("url", 3)
