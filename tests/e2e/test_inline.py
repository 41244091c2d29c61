"""Inline mode: `@bot <url>` in any chat is answered with an article result whose message is the card."""

from __future__ import annotations

import pytest

import handlers.inline
from bot.app import App
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

USER = 1301


async def _answer(api: FakeBotAPI, query_id: str) -> list[dict[str, object]]:
    await api.wait_for(lambda: api.inline_answer(query_id) is not None)
    results = api.inline_answer(query_id)
    assert results is not None
    return results


async def test_inline_query_with_a_url_is_answered_with_the_card(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """One article result: titled with the headline, its message the card in HTML."""
    [result] = await _answer(api, api.inline(USER, pages.url("inline")))
    assert result["type"] == "article"
    assert "Harbour" in str(result["title"])
    content = result["input_message_content"]
    assert isinstance(content, dict)
    assert content["parse_mode"] == "HTML"
    assert content["message_text"].startswith("<b>")
    assert "•" in content["message_text"]
    assert pages.hits == {"inline": 1}


async def test_inline_query_without_a_url_offers_nothing(api: FakeBotAPI, bot: App) -> None:
    """Words that are no link get an empty answer (no card, no error)."""
    assert await _answer(api, api.inline(USER, "hello there")) == []


async def test_a_slow_page_says_so_then_the_card_is_offered(
    api: FakeBotAPI, pages: ArticleServer, bot: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the inline deadline the result says the page is still being read; the work goes on,
    and the same query afterwards is answered with the card from the cache."""
    monkeypatch.setattr(handlers.inline, "INLINE_DEADLINE", 0.2)
    url = pages.slow_url("later")
    [note] = await _answer(api, api.inline(USER, url))
    assert "Still reading" in str(note["title"])
    pages.slow_gate.set()
    await api.wait_until(lambda: not handlers.inline._BACKGROUND)
    [card] = await _answer(api, api.inline(USER, url))
    assert "Harbour" in str(card["title"])
