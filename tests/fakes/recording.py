"""The Bot API faked at python-telegram-bot's own network seam: a BaseRequest that answers every
call as Telegram would and records it (the pattern of PTB's tests/auxil/networking.py). Handler
tests push real Update objects through `app.process_update` against it, in milliseconds."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot.app import App, build_application
from bot.config import Settings
from bot.workers import InlineWorkers

BOT = {"id": 123456, "is_bot": True, "first_name": "Gist", "username": "gist_test_bot"}


class RecordingRequest(BaseRequest):
    """Answers every Bot API call like Telegram would, and remembers (method, parameters)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._message_id = 1000

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        self.calls.append((name, params))
        return 200, json.dumps({"ok": True, "result": self._result(name, params)}).encode()

    def _result(self, name: str, params: dict[str, Any]) -> object:
        if name == "getMe":
            return BOT
        if name == "sendMessage":
            self._message_id += 1
            chat_id = int(params["chat_id"])
            kind = "private" if chat_id > 0 else "supergroup"
            chat = {"id": chat_id, "type": kind, "first_name": "R", "title": "T"}
            return {"message_id": self._message_id, "date": 0, "chat": chat, "text": params["text"]}
        return True

    def sent(self) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == "sendMessage"]


@asynccontextmanager
async def recording_app(
    tmp_path: Path, **settings: Any
) -> AsyncIterator[tuple[App, RecordingRequest]]:
    """The application as `gistbot run` builds it, opened (post_init), answering every Bot API call
    through a RecordingRequest; CPU work in this process."""
    request = RecordingRequest()
    values: dict[str, Any] = {
        "telegram_bot_token": "123456:TEST-token-for-handlers",
        "database_path": tmp_path / "gistbot.sqlite3",
        "typing_delay": 0,
        **settings,
    }
    config = Settings(_env_file=None, **values)  # type: ignore[call-arg]  # pydantic-settings
    application = build_application(config, workers=InlineWorkers(), request=request)
    async with application:
        assert application.post_init is not None
        assert application.post_shutdown is not None
        await application.post_init(application)
        try:
            yield application, request
        finally:
            await application.post_shutdown(application)
