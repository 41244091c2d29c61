"""Channels: a silent card under each post with a link, once; an edited link rewrites the card."""

from __future__ import annotations

import time

from bot.app import App
from tests.e2e.harness import until_finished
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

CHANNEL, DISCUSSION = -1009001, -1009002


async def test_post_gets_silent_card_and_its_group_copy_none(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """A channel post gets one silent card; its automatic copy in the discussion group gets none."""
    channel = api.chat(CHANNEL, "channel", username="gist_news")
    group = api.chat(DISCUSSION, "supergroup")
    post = api.send_text(channel, f"Today: {pages.url('post')}")
    origin = {
        "type": "channel",
        "chat": channel,
        "message_id": post["message_id"],
        "date": int(time.time()),
    }
    api.send_text(
        group, post["text"], is_automatic_forward=True, sender_chat=channel, forward_origin=origin
    )
    await until_finished(bot, api.last_update_id)
    await api.wait_for(lambda: api.replies_to(CHANNEL, post["message_id"]))
    [card] = api.replies_to(CHANNEL, post["message_id"])
    assert card.params["disable_notification"] is True
    assert card.params["link_preview_options"] == {"is_disabled": True}
    assert [s.chat_id for s in api.sent] == [CHANNEL]
    assert not api.calls_of("sendChatAction")  # nobody sees "typing" in a channel


async def test_edited_post_updates_card(api: FakeBotAPI, pages: ArticleServer, bot: App) -> None:
    """A post edited to a new link gets its card edited; keeping the link changes nothing."""
    channel = api.chat(CHANNEL, "channel")
    post = api.send_text(channel, f"Read {pages.url('first')}")
    await api.wait_for(lambda: api.replies_to(CHANNEL, post["message_id"]))
    [card] = api.replies_to(CHANNEL, post["message_id"])
    assert "first" in card.text
    api.push(
        "edited_channel_post",
        api.message(channel, f"Read this: {pages.url('first')}", message_id=post["message_id"]),
    )
    await until_finished(bot, api.last_update_id)
    assert card.edits == []
    api.push(
        "edited_channel_post",
        api.message(channel, f"Fixed: {pages.url('second')}", message_id=post["message_id"]),
    )
    await api.wait_for(lambda: card.edits)
    assert "second" in card.text
    assert len(api.sent) == 1
