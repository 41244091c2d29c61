"""Handler tests: the real Application (build_application, post_init) on a recording BaseRequest,
real Update objects through `app.process_update`, a real local page server for links."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app import App
from tests.fakes.recording import RecordingRequest, recording_app

TOKEN = "123456:TEST-token-for-handlers"
USER = 42
GROUP = -1001234


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[tuple[App, RecordingRequest]]:
    """The application as `gistbot run` builds it, opened, answering through a recording request."""
    async with recording_app(tmp_path, fetch_allow_networks="127.0.0.0/8") as (
        application,
        request,
    ):
        request.calls.clear()  # start-up calls (getMe, setMyCommands) are not what tests look at
        yield application, request


MakeUpdate = Callable[..., Update]


def url_entity(text: str, url: str) -> dict[str, object]:
    """The url entity Telegram attaches to `url` in `text` (offsets in UTF-16 units)."""
    offset = len(text.encode("utf-16-le")[: text.index(url) * 2]) // 2
    return {"type": "url", "offset": offset, "length": len(url)}


@pytest.fixture
def message_update(app: tuple[App, RecordingRequest]) -> MakeUpdate:
    """Builds a message update from a user in a private chat (or `chat_id`'s group)."""
    counter = iter(range(1, 10_000))

    def make(text: str, chat_id: int = USER, **message: Any) -> Update:
        update_id = next(counter)
        chat: dict[str, Any] = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        payload: dict[str, Any] = {
            "message_id": update_id,
            "date": 0,
            "chat": chat | {"first_name": "R", "title": "Group"},
            "from": {"id": USER, "is_bot": False, "first_name": "R", "language_code": "en"},
            "text": text,
            **message,
        }
        if text.startswith("/"):
            command = len(text.split()[0])
            payload["entities"] = [{"type": "bot_command", "offset": 0, "length": command}]
        return Update.de_json({"update_id": update_id, "message": payload}, app[0].bot)

    return make
