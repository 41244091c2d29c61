"""Private chats: every kind of input gets one threaded card; failures get a reason and Retry."""

from __future__ import annotations

from tests.bot.fake_api import FakeBotAPI
from tests.bot.pages import ArticleServer

USER = 1001


async def test_link_gets_one_threaded_card(api: FakeBotAPI, pages: ArticleServer, bot: object) -> None:
    """A plain link in a private chat gets exactly one HTML card threaded to the message."""
    chat = api.chat(USER)
    message = api.send_text(chat, f"look {pages.url('one')}")
    await api.wait_for(lambda: api.replies_to(USER, message["message_id"]))
    [card] = api.replies_to(USER, message["message_id"])
    assert card.params["parse_mode"] == "HTML"
    assert "Harbour" in card.text
    assert api.calls_of("sendChatAction")
