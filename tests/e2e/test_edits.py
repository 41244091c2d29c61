"""Edited messages in private chats and groups: a new link (or text) updates the bot's reply in
place; a typo fix that keeps the link changes nothing."""

from __future__ import annotations

from bot.app import App
from tests.e2e.harness import until_finished
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

USER = 1001
GROUP = -1005003


async def test_edited_private_message_with_a_new_link_gets_the_new_card(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """Editing a private message to another link rewrites its card; a typo fix around the same
    link edits nothing and fetches nothing."""
    message = api.send_text(api.chat(USER), f"read {pages.url('first')}")
    await api.wait_for(lambda: api.replies_to(USER, message["message_id"]))
    [card] = api.replies_to(USER, message["message_id"])
    assert "first" in card.text
    api.edit(message, f"read {pages.url('second')}")
    await api.wait_for(lambda: card.edits)
    assert "second" in card.text
    api.edit(message, f"Read this: {pages.url('second')}")
    await until_finished(bot, api.last_update_id)
    assert len(card.edits) == 1
    assert pages.hits == {"first": 1, "second": 1}
    assert len(api.sent) == 1  # every answer was an edit of the one card


async def test_edit_fixing_a_dead_link_turns_the_failure_into_the_card(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """A failure note under a mistyped link becomes the card when the message is edited to the
    right link (its Retry button goes)."""
    message = api.send_text(api.chat(USER), pages.dead_url("typo"))
    await api.wait_for(lambda: api.replies_to(USER, message["message_id"]))
    [note] = api.replies_to(USER, message["message_id"])
    assert note.buttons
    api.edit(message, pages.url("fixed"))
    await api.wait_for(lambda: note.edits)
    assert "fixed" in note.text
    assert note.buttons == []


async def test_edited_group_message_updates_the_auto_mode_card(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """In a group in auto mode, a member's edited link rewrites the card under it."""
    message = api.send_text(api.chat(GROUP, "supergroup"), pages.url("g-old"), user_id=8)
    await api.wait_for(lambda: api.replies_to(GROUP, message["message_id"]))
    [card] = api.replies_to(GROUP, message["message_id"])
    api.edit(message, pages.url("g-new"))
    await api.wait_for(lambda: card.edits)
    assert "g-new" in card.text
    assert len(api.sent) == 1


async def test_edit_adding_a_link_to_a_short_private_message_answers_it(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """A message that only got the hint, edited to carry a link, gets its card."""
    message = api.send_text(api.chat(USER), "hello")
    await api.wait_for(lambda: api.replies_to(USER, message["message_id"]))
    api.edit(message, f"hello {pages.url('late')}")
    await api.wait_for(lambda: len(api.replies_to(USER, message["message_id"])) == 2)
    hint, card = api.replies_to(USER, message["message_id"])
    assert "link" in hint.text
    assert "late" in card.text
