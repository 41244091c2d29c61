"""Fixtures for the bot's end-to-end tests: fake Bot API, local article server, running bot."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.app import ALLOWED_UPDATES, App, build_application
from bot.config import Settings
from bot.pipeline.core import make_executor
from tests.bot.fake_api import FakeBotAPI
from tests.bot.pages import ArticleServer

TOKEN = "123456789:AAFakeTokenForTests_do-not-leak-42"


class _LeakWatch(logging.Handler):
    """Remembers every log record, from any logger, whose text carries the bot token."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.leaks: list[str] = []
        self.seen = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.seen += 1
        text = record.getMessage() + (record.exc_text or "") + (record.stack_info or "")
        if TOKEN in text or TOKEN.split(":")[1] in text:
            self.leaks.append(f"{record.name}: {text[:300]}")


@pytest.fixture(scope="session", autouse=True)
def _no_token_in_logs() -> Iterator[None]:
    """Every bot test runs with all loggers at DEBUG (httpx logs each Bot API URL, token inside);
    at the end of the session, not one record may contain the token."""
    root = logging.getLogger()
    watch, level = _LeakWatch(), root.level
    root.addHandler(watch)
    root.setLevel(logging.DEBUG)
    yield
    root.removeHandler(watch)
    root.setLevel(level)
    assert watch.seen > 0, "the watch saw no log record: it checked nothing"
    assert watch.leaks == [], watch.leaks[:5]


@pytest.fixture(autouse=True)
def _timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB 22's timedelta `retry_after`; the old int form warns on every 429."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture(scope="session")
def pool() -> Iterator[ProcessPoolExecutor]:
    """One worker process for every in-process bot of the session (spawning one costs seconds)."""
    executor = make_executor(1)
    yield executor
    executor.shutdown(wait=True, cancel_futures=True)


@pytest.fixture
async def pages() -> AsyncIterator[ArticleServer]:
    server = ArticleServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    fake = FakeBotAPI(TOKEN)
    await fake.start()
    yield fake
    await fake.stop()


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
async def running(settings: Settings, pool: ProcessPoolExecutor) -> AsyncIterator[App]:
    """The bot as `gistbot run` starts it (long polling the fake API), stopped afterwards."""
    app = build_application(settings, executor=pool)
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
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        await app.shutdown()


async def until_finished(app: App, update_id: int, within: float = 60.0) -> None:
    """Wait until the bot's journal says `update_id` was handled to the end."""
    store = app.bot_data.services.store
    async with asyncio.timeout(within):
        while not await store.is_done(update_id):  # noqa: ASYNC110 - the state lives in SQLite
            await asyncio.sleep(0.01)


@pytest.fixture
async def bot(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: ProcessPoolExecutor
) -> AsyncIterator[App]:
    async with running(make_settings(api, tmp_path), pool) as app:
        yield app
