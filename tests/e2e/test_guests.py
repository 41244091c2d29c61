"""Guest mode: a mention of the bot in a chat it is not in gets the card posted there."""

from __future__ import annotations

from bot.app import App
from tests.e2e.harness import until_finished
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import BOT_USERNAME, FakeBotAPI

STRANGERS = -1007001  # a group the bot was never added to
USER = 1401


async def test_guest_mention_with_a_link_is_answered_in_the_guest_chat(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """`@bot <link>` in a chat the bot is not in: the card is posted into that chat, once."""
    chat = api.chat(STRANGERS, "supergroup")
    api.guest(chat, f"@{BOT_USERNAME} {pages.url('guest')}", USER)
    await api.wait_for(lambda: api.sent)
    await until_finished(bot, api.last_update_id)
    [card] = api.sent
    assert card.chat_id == STRANGERS
    assert "Harbour" in card.text
    assert card.params["parse_mode"] == "HTML"
    assert not api.calls_of("sendMessage")  # the bot can't send there: only the guest answer


async def test_guest_mention_replying_to_a_link_summarizes_that_link(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """A bare mention in reply to someone's message with a link gets that link's card."""
    chat = api.chat(STRANGERS, "supergroup")
    original = api.message(chat, f"look {pages.url('replied-guest')}", user_id=5)
    api.guest(chat, f"@{BOT_USERNAME}", USER, reply_to_message=original)
    await api.wait_for(lambda: api.sent)
    [card] = api.sent
    assert card.chat_id == STRANGERS
    assert pages.hits == {"replied-guest": 1}


async def test_guest_mention_without_a_link_posts_nothing(api: FakeBotAPI, bot: App) -> None:
    """A mention with no link anywhere gets no answer (nothing to summarize)."""
    api.guest(api.chat(STRANGERS, "supergroup"), f"@{BOT_USERNAME} hi", USER)
    await until_finished(bot, api.last_update_id)
    assert api.sent == []
    assert not api.calls_of("answerGuestQuery")
