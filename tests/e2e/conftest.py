"""Fixtures for the bot's end-to-end tests: fake Bot API, local article server, running bot."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import App
from bot.pipeline.core import warm_up
from bot.workers import ProcessWorkers
from tests.e2e.harness import TOKEN, make_settings, running
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI


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
def pool() -> Iterator[ProcessWorkers]:
    """One worker process for every in-process bot of the session (spawning one costs seconds).
    The default long lane is on; no e2e test sends a long page, so none may ever start it."""
    workers = ProcessWorkers(1, initializer=warm_up)
    assert workers.limits.long_workers == 1
    yield workers
    asyncio.run(workers.close())
    assert workers.long_started == 0, "a long-read worker started, though no test sent a long page"


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    fake = FakeBotAPI(TOKEN)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def bot(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: ProcessWorkers
) -> AsyncIterator[App]:
    async with running(make_settings(api, tmp_path), pool) as app:
        yield app
