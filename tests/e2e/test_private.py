"""Private chats: every kind of input gets one threaded card; failures get a reason and Retry."""

from __future__ import annotations

import time

from bot.app import App
from bot.chats import ChatSettings
from bot.models import UrlSource
from bot.service import cache_key
from bot.storage import CachedCard
from tests.e2e.harness import until_finished
from tests.fakes.articles import ArticleServer, article_html
from tests.fakes.bot_api import FakeBotAPI, Sent, entities_for

USER = 1001
LONG_TEXT = " ".join(
    f"Paragraph sentence number {i} explains how the harbour bridge plan moved ahead this week."
    for i in range(12)
)


async def _only_reply(api: FakeBotAPI, message: dict[str, object]) -> Sent:
    message_id = int(message["message_id"])  # type: ignore[call-overload]  # ints in our dicts
    await api.wait_for(lambda: api.replies_to(USER, message_id))
    replies = api.replies_to(USER, message_id)
    assert len(replies) == 1
    return replies[0]


def _all_html(api: FakeBotAPI) -> bool:
    """No message fell back to plain text: Telegram accepted every card's HTML."""
    return all(s.params.get("parse_mode") == "HTML" for s in api.sent)


async def test_link_gets_one_threaded_card(
    api: FakeBotAPI, pages: ArticleServer, bot: object
) -> None:
    """A plain link gets exactly one HTML card threaded to the message, after a typing action."""
    message = api.send_text(api.chat(USER), f"look {pages.url('one')}")
    card = await _only_reply(api, message)
    assert "Harbour" in card.text
    assert "&amp;" in card.text  # the title's "&" arrived escaped and Telegram took the markup
    assert _all_html(api)
    assert api.calls_of("sendChatAction")[0]["action"] == "typing"


async def test_hidden_text_link(api: FakeBotAPI, pages: ArticleServer, bot: object) -> None:
    """A link hidden behind words (text_link entity) is found and summarized."""
    entity = {"type": "text_link", "offset": 0, "length": 9, "url": pages.url("hidden")}
    message = api.send_text(api.chat(USER), "read this please", entities=[entity])
    await _only_reply(api, message)
    assert pages.hits == {"hidden": 1}


async def test_caption_link(api: FakeBotAPI, pages: ArticleServer, bot: object) -> None:
    """A link in a photo's caption is summarized."""
    caption = f"photo from {pages.url('caption')}"
    photo = [{"file_id": "p1", "file_unique_id": "p1", "width": 10, "height": 10}]
    message = api.message(
        api.chat(USER), photo=photo, caption=caption, caption_entities=entities_for(caption)
    )
    api.push("message", message)
    await _only_reply(api, message)
    assert pages.hits == {"caption": 1}


async def test_reply_to_message_with_link(
    api: FakeBotAPI, pages: ArticleServer, bot: object
) -> None:
    """A message without a link that replies to one with a link summarizes the replied link."""
    chat = api.chat(USER)
    original = api.message(chat, f"{pages.url('replied')}")
    message = api.send_text(chat, "summarize?", reply_to_message=original)
    await _only_reply(api, message)
    assert pages.hits == {"replied": 1}


async def test_five_links_give_three_cards_and_a_note(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """Five links give three cards (max_links_per_message) and one note naming the two skipped."""
    urls = [pages.url(f"n{i}") for i in range(5)]
    message = api.send_text(api.chat(USER), " ".join(urls))
    await until_finished(bot, api.last_update_id)
    replies = api.replies_to(USER, message["message_id"])
    assert len(replies) == 4
    assert sorted(pages.hits) == ["n0", "n1", "n2"]
    *cards, note = replies
    assert all("Harbour" in card.text for card in cards)
    assert "at most 3 links" in note.text
    assert urls[3] in note.text
    assert urls[4] in note.text
    assert not any(url in note.text for url in urls[:3])
    assert note.buttons == []


async def test_forwarded_channel_post_text(
    api: FakeBotAPI, pages: ArticleServer, bot: object
) -> None:
    """A long post forwarded from a channel is summarized as text (nothing is fetched)."""
    origin = {
        "type": "channel",
        "date": int(time.time()),
        "message_id": 55,
        "chat": {"id": -1001234, "type": "channel", "title": "News", "username": "newsroom"},
    }
    message = api.send_text(api.chat(USER), LONG_TEXT, forward_origin=origin)
    card = await _only_reply(api, message)
    assert "harbour bridge" in card.text
    assert 'href="https://t.me/newsroom/55"' in card.text  # the card links to the original post
    assert pages.hits == {}


async def test_short_forward_with_link_uses_link(
    api: FakeBotAPI, pages: ArticleServer, bot: object
) -> None:
    """A short forward that carries a link is summarized from the link."""
    origin = {"type": "hidden_user", "date": int(time.time()), "sender_user_name": "Someone"}
    message = api.send_text(
        api.chat(USER), f"worth a read {pages.url('fwd')}", forward_origin=origin
    )
    await _only_reply(api, message)
    assert pages.hits == {"fwd": 1}


async def test_pasted_long_text(api: FakeBotAPI, bot: object) -> None:
    """Pasted text of 60+ words gets a card."""
    message = api.send_text(api.chat(USER), LONG_TEXT)
    card = await _only_reply(api, message)
    assert "harbour bridge" in card.text


async def test_short_text_gets_hint(api: FakeBotAPI, bot: object) -> None:
    """A short message without a link gets a hint about what to send, not a card."""
    message = api.send_text(api.chat(USER), "hello there")
    reply = await _only_reply(api, message)
    assert "link" in reply.text
    assert not api.calls_of("sendChatAction")


async def test_txt_and_html_documents(api: FakeBotAPI, bot: object) -> None:
    """A .txt file is summarized as text and an .html file as a page."""
    chat = api.chat(USER)
    api.files["doc-txt"] = LONG_TEXT.encode()
    api.files["doc-html"] = article_html("document").encode()
    txt = api.message(
        chat,
        document={
            "file_id": "doc-txt",
            "file_unique_id": "t",
            "file_name": "story.txt",
            "file_size": len(LONG_TEXT),
        },
    )
    api.push("message", txt)
    assert "harbour bridge" in (await _only_reply(api, txt)).text
    page = api.message(
        chat,
        document={
            "file_id": "doc-html",
            "file_unique_id": "h",
            "file_name": "page.HTML",
            "file_size": 5000,
        },
    )
    api.push("message", page)
    assert "Harbour" in (await _only_reply(api, page)).text


async def test_oversized_document_refused(api: FakeBotAPI, bot: object) -> None:
    """A file over the size cap is refused without downloading it."""
    chat = api.chat(USER)
    big = api.message(
        chat,
        document={
            "file_id": "big",
            "file_unique_id": "b",
            "file_name": "huge.txt",
            "file_size": 50_000_000,
        },
    )
    api.push("message", big)
    reply = await _only_reply(api, big)
    assert "too large" in reply.text
    assert not api.calls_of("getFile")


async def test_dead_link_then_retry(api: FakeBotAPI, pages: ArticleServer, bot: object) -> None:
    """A dead link gets a reason and Retry; once the page is back, Retry edits in the card."""
    message = api.send_text(api.chat(USER), pages.dead_url("later"))
    note = await _only_reply(api, message)
    assert "404" in note.text
    [button] = note.buttons
    assert len(button["callback_data"]) <= 64
    pages.revive("later")
    api.click(note, button["callback_data"], USER)
    await api.wait_for(lambda: note.edits)
    assert "Harbour" in note.text
    assert note.buttons == []
    assert api.calls_of("answerCallbackQuery")


async def test_no_retry_where_a_retry_cannot_help(
    api: FakeBotAPI, pages: ArticleServer, bot: object
) -> None:
    """A PDF and a private-network link get their reason and no Retry button (they end the same
    way every time); a dead link keeps its button (the page may come back)."""
    pdf = pages.page("/paper.pdf", "%PDF-1.7 not an article", content_type="application/pdf")
    chat = api.chat(USER)
    for url, reason in ((pdf, "not an article"), ("http://10.1.2.3/admin", "only fetch public")):
        note = await _only_reply(api, api.send_text(chat, url))
        assert note.buttons == [], (url, note.text)
        assert reason.lower() in note.text.lower(), note.text
    dead = await _only_reply(api, api.send_text(chat, pages.dead_url("gone")))
    assert [b["text"] for b in dead.buttons] == ["🔄 Retry"]


async def test_rejected_html_falls_back_to_plain_text(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """If Telegram refuses a card's HTML, the same words still arrive as plain text."""
    url = pages.url("broken")
    assert bot.bot_data.service is not None
    broken = CachedCard("<b>Broken & unbalanced", words=300)  # a card as if a renderer bug made it
    key = cache_key(UrlSource(url), ChatSettings().options())
    await bot.bot_data.service.store.cache_card(key, broken)
    message = api.send_text(api.chat(USER), url)
    card = await _only_reply(api, message)
    assert card.text == "Broken & unbalanced"
    assert "parse_mode" not in card.params
    assert len(api.calls_of("sendMessage")) == 2  # the refused HTML attempt, then plain text
