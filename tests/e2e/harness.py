"""Running the real bot for end-to-end tests: settings against the fake Bot API, start, stop, wait."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.app import ALLOWED_UPDATES, App, build_application, close
from bot.config import Settings
from bot.workers import Workers
from tests.fakes.bot_api import FakeBotAPI

TOKEN = "123456789:AAFakeTokenForTests_do-not-leak-42"


def make_settings(api: FakeBotAPI, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": api.base_url,
        "database_path": tmp_path / "gistbot.sqlite3",
        "fetch_allow_networks": "127.0.0.0/8",
        "typing_delay": 0,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]  # pydantic-settings init arg


@asynccontextmanager
async def running(settings: Settings, pool: Workers) -> AsyncIterator[App]:
    """The bot as `gistbot run` starts it (long polling the fake API), stopped afterwards."""
    app = build_application(settings, workers=pool)
    await app.initialize()
    try:
        assert app.post_init is not None  # build_application always sets it
        await app.post_init(app)
        assert app.updater is not None  # built with the default Updater
        # A short long-poll keeps teardown quick: Updater.stop waits for the poll in flight.
        await app.updater.start_polling(
            poll_interval=0, timeout=0.5, allowed_updates=ALLOWED_UPDATES
        )
        await app.start()
        yield app
    finally:
        await close(app)


async def until_finished(app: App, update_id: int, within: float = 60.0) -> None:
    """Wait until the bot's journal says `update_id` was handled to the end."""
    assert app.bot_data.service is not None  # opened by post_init
    store = app.bot_data.service.store
    async with asyncio.timeout(within):
        while not await store.is_done(update_id):  # noqa: ASYNC110 - the state lives in SQLite
            await asyncio.sleep(0.01)
