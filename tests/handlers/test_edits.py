"""Edits racing the first answer: the handlers' own ordering, on the real Application."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.app import App
from tests.fakes.articles import ArticleServer
from tests.fakes.recording import RecordingRequest
from tests.handlers.conftest import MakeUpdate, url_entity


def _edited(update: Update, url: str, bot: App) -> Update:
    assert update.message is not None
    text = f"read {url}"
    edit = {"text": text, "entities": [url_entity(text, url)], "edit_date": 1}
    payload = update.message.to_dict() | edit
    return Update.de_json({"update_id": update.update_id + 100, "edited_message": payload}, bot.bot)


async def test_an_edit_while_the_first_card_is_being_made_edits_that_card(
    app: tuple[App, RecordingRequest], message_update: MakeUpdate, pages: ArticleServer
) -> None:
    """The message is edited to another link while its first card is still being fetched: the
    edit waits for that card and then rewrites it, rather than answering with a second card."""
    application, request = app
    first = f"read {pages.slow_url('first')}"
    original = message_update(first, entities=[url_entity(first, pages.slow_url("first"))])
    edit = _edited(original, pages.url("second"), application)
    for update in (original, edit):  # through the Application's own queue, in Telegram's order
        await application.update_queue.put(update)
    for _ in range(2):
        await application.update_queue.get()
    answering = asyncio.create_task(application.process_update(original))
    for _ in range(1000):  # until the first card's page is being fetched
        if pages.slow_waiting:
            break
        await asyncio.sleep(0.01)
    editing = asyncio.create_task(application.process_update(edit))
    done, _ = await asyncio.wait({editing}, timeout=1.0)
    assert not done  # the edit waits for the first answer
    pages.slow_gate.set()
    await asyncio.gather(answering, editing)
    [card] = request.sent()
    assert "first" in card["text"]
    [edited] = [params for name, params in request.calls if name == "editMessageText"]
    assert "second" in edited["text"]
