"""The fake Bot API refuses what Telegram refuses, so the bot's tests can actually fail."""

from __future__ import annotations

import pytest

from tests.fakes.bot_api import FakeBotAPI, entities_for, visible_text
from tests.fakes.telegram_html import TelegramHtmlError


@pytest.mark.parametrize(
    "markup",
    ["<b>open", "<b>x</i>", "<div>x</div>", "a < b", "Tom & Jerry", "&nbsp;"],
)
def test_rejects_what_telegram_rejects(markup: str) -> None:
    """Unbalanced or unsupported tags, raw < and &, unknown entities are parse errors."""
    with pytest.raises(TelegramHtmlError):
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


async def test_send_message_refusals(api: FakeBotAPI) -> None:
    """Over-long, empty and unparsable texts get Telegram's 400 answers and are not recorded."""
    import aiohttp

    cases = {
        "x" * 4097: "message is too long",
        "<b></b>": "message text is empty",
        "<b>open": "can't parse entities",
    }
    async with aiohttp.ClientSession() as session:
        for text, answer in cases.items():
            data = {"chat_id": "1", "text": text, "parse_mode": "HTML"}
            async with session.post(
                f"{api.base_url}{api.token}/sendMessage", data=data
            ) as response:
                body = await response.json()
            assert response.status == 400
            assert answer in body["description"]
    assert api.sent == []
