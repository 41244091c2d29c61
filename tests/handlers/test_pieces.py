"""A paste split by Telegram whose pieces reach the handlers out of order still makes one card."""

from __future__ import annotations

import asyncio
from pathlib import Path

from telegram import Update

from tests.factories import page, split_like_telegram
from tests.fakes.recording import recording_app
from tests.handlers.conftest import USER


async def test_pieces_handled_out_of_order_make_one_card_replying_to_the_first(
    tmp_path: Path,
) -> None:
    """Updates are handled concurrently, so the second piece may open the paste before the first
    arrives: the first joins it at the front, and the one card replies to the first piece."""
    pieces = split_like_telegram(page(9000))
    assert len(pieces) == 3
    async with recording_app(tmp_path, paste_window_seconds=0.5) as (application, request):
        request.calls.clear()
        updates = [
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
        second, first, third = updates[1], updates[0], updates[2]
        await asyncio.gather(*(application.process_update(u) for u in (second, first, third)))
        [card] = request.sent()
        assert card["reply_parameters"]["message_id"] == 1
        assert "•" in card["text"]
