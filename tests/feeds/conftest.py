"""A FeedPoller on real parts: a SQLite store, the local page server, the real pipeline (inline
workers), a clock that moves when told, and a sender that records what it posted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.config import Settings
from bot.feeds.poll import ChatGoneError, FeedPoller
from bot.limits import JobGate, Limits
from bot.pipeline.core import Pipeline
from bot.pipeline.fetch import Fetcher
from bot.service import Service
from bot.storage import SqliteStore
from bot.workers import InlineWorkers
from tests.fakes.articles import ArticleServer
from tests.storage.conftest import FakeClock


@dataclass
class Posted:
    chat_id: int
    text: str


@dataclass
class RecordingSender:
    """Records each card; chats in `gone` answer ChatGoneError, `failing` a network error."""

    posted: list[Posted] = field(default_factory=list)
    gone: set[int] = field(default_factory=set)
    failing: set[int] = field(default_factory=set)

    async def send(self, chat_id: int, text: str) -> int:
        if chat_id in self.gone:
            raise ChatGoneError(str(chat_id))
        if chat_id in self.failing:
            raise ConnectionError("Bot API unreachable")
        self.posted.append(Posted(chat_id, text))
        return len(self.posted)

    def texts(self, chat_id: int) -> list[str]:
        return [p.text for p in self.posted if p.chat_id == chat_id]


@dataclass
class FeedWorld:
    poller: FeedPoller
    store: SqliteStore
    sender: RecordingSender
    clock: FakeClock
    pages: ArticleServer
    settings: Settings


def feed_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_path": tmp_path / "feeds.sqlite3",
        "fetch_allow_networks": "127.0.0.0/8",
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]  # pydantic-settings init arg


async def open_world(
    settings: Settings,
    pages: ArticleServer,
    clock: FakeClock,
    sender: RecordingSender,
    store_class: type[SqliteStore] = SqliteStore,
) -> FeedWorld:
    store = await store_class.open(settings.database_path, clock=clock)
    workers = InlineWorkers()
    pipeline = Pipeline(
        Fetcher(settings.fetch_limits()), workers, max_text_chars=settings.max_text_chars
    )
    service = Service(settings, store, pipeline, Limits(100, 100), JobGate(8, 100))
    poller = FeedPoller(service, Fetcher(settings.fetch_limits()), sender, clock=clock)
    return FeedWorld(poller, store, sender, clock, pages, settings)


async def close_world(world: FeedWorld) -> None:
    await world.poller.stop()
    await world.poller.service.pipeline.close()
    await world.store.close()


@pytest.fixture
async def world(tmp_path: Path, pages: ArticleServer) -> AsyncIterator[FeedWorld]:
    opened = await open_world(feed_settings(tmp_path), pages, FakeClock(), RecordingSender())
    yield opened
    await close_world(opened)
