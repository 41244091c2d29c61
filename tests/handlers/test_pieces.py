"""A paste split by Telegram whose pieces reach the handlers out of order still makes one card."""

from __future__ import annotations

import asyncio
from pathlib import Path

from telegram import Update

from bot.app import App
from tests.factories import page, split_like_telegram
from tests.fakes.recording import recording_app
from tests.handlers.conftest import USER


async def test_pieces_handled_out_of_order_make_one_card_replying_to_the_first(
    tmp_path: Path,
) -> None:
    """Updates are handled concurrently, so the second piece may reach its handler before the
    first: it waits for the first (still on its way from the queue), and the one card replies to
    the first piece."""
    pieces = split_like_telegram(page(9000))
    assert len(pieces) == 3
    async with recording_app(tmp_path, paste_window_seconds=0.5) as (application, request):
        request.calls.clear()
        updates = _piece_updates(application, pieces)
        await _taken_from_the_queue(application, updates)
        second, first, third = updates[1], updates[0], updates[2]
        await asyncio.gather(*(application.process_update(u) for u in (second, first, third)))
        [card] = request.sent()
        assert card["reply_parameters"]["message_id"] == 1
        assert "•" in card["text"]


def _piece_updates(application: App, pieces: list[str]) -> list[Update]:
    return [
        Update.de_json(
            {
                "update_id": n,
                "message": {
                    "message_id": n,
                    "date": 0,
                    "chat": {"id": USER, "type": "private", "first_name": "R"},
                    "from": {"id": USER, "is_bot": False, "first_name": "R"},
                    "text": piece,
                },
            },
            application.bot,
        )
        for n, piece in enumerate(pieces, start=1)
    ]


async def _taken_from_the_queue(application: App, updates: list[Update]) -> None:
    """Through the Application's own queue, as the update fetcher takes them (in order)."""
    queue = application.update_queue
    for update in updates:
        await queue.put(update)
    for _ in updates:
        await queue.get()


async def test_a_short_last_piece_handled_first_waits_for_the_pieces_before_it(
    tmp_path: Path,
) -> None:
    """The short last piece reaching its handler before the long ones is not answered alone: it
    waits for the piece before it, still on its way, and all three make one card."""
    pieces = split_like_telegram(page(9000))
    async with recording_app(tmp_path, paste_window_seconds=0.5) as (application, request):
        request.calls.clear()
        first, second, third = _piece_updates(application, pieces)
        await _taken_from_the_queue(application, [first, second, third])
        await asyncio.gather(*(application.process_update(u) for u in (third, second, first)))
        [card] = request.sent()
        assert card["reply_parameters"]["message_id"] == 1


async def test_a_paste_stays_open_while_its_next_piece_is_on_its_way(tmp_path: Path) -> None:
    """A piece whose handler gets to the paste well after the window still joins it, because it
    left the queue before the window ran out."""
    pieces = split_like_telegram(page(9000))
    async with recording_app(tmp_path, paste_window_seconds=0.05) as (application, request):
        request.calls.clear()
        updates = _piece_updates(application, pieces)
        await _taken_from_the_queue(application, updates)

        async def late(update: Update) -> None:
            await asyncio.sleep(0.5)  # ten windows: without the queue's word the paste closes
            await application.process_update(update)

        await asyncio.gather(
            application.process_update(updates[0]),
            application.process_update(updates[1]),
            late(updates[2]),
        )
        [card] = request.sent()
        assert card["reply_parameters"]["message_id"] == 1
