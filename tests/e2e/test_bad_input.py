"""Malformed links and forged buttons through the running bot: skipped or answered politely."""

from __future__ import annotations

from bot.app import App
from tests.e2e.harness import until_finished
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

USER = 1801


async def test_malformed_text_links_are_skipped_alone(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """javascript:, a broken IPv6 literal and port 99999 are skipped; the valid link gets its card."""
    text = "one two three four"
    bad = ["javascript:alert(1)", "http://[::1", "http://example.com:99999/news"]
    entities = [
        {"type": "text_link", "offset": i * 4, "length": 3, "url": url}
        for i, url in enumerate([*bad, pages.url("good-one")])
    ]
    message = api.send_text(api.chat(USER), text, entities=entities)
    await api.wait_for(lambda: api.replies_to(USER, message["message_id"]))
    await until_finished(bot, api.last_update_id)
    [card] = api.replies_to(USER, message["message_id"])
    assert "Harbour" in card.text
    assert pages.hits == {"good-one": 1}


async def test_forged_buttons_are_answered_politely(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """A Retry or settings button value no button of ours carries gets a polite pop-up, no error."""
    message = api.send_text(api.chat(USER + 1), pages.url("button-host"))
    await api.wait_for(lambda: api.replies_to(USER + 1, message["message_id"]))
    [card] = api.replies_to(USER + 1, message["message_id"])
    for data in ("r:999999999999999999", "r:0", "s:lang:xx", "s:nothing"):
        api.click(card, data, USER + 1)
        await until_finished(bot, api.last_update_id)
    answers = [call.get("text", "") for call in api.calls_of("answerCallbackQuery")]
    assert len(answers) == 4
    assert all("no longer works" in answer for answer in answers)
    assert card.edits == []
