"""Random and malformed updates through the real bot: nothing escapes, Telegram rejects nothing."""

from __future__ import annotations

import logging
import os
import random
from pathlib import Path

import pytest

from bot.pipeline.fetch import Fetcher
from bot.workers import Workers
from fuzz.updates import update
from tests.e2e.harness import make_settings, running, until_finished
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.net import StubResolver

# CI runs a short budget; a long run: GISTBOT_FUZZ_UPDATES=20000 GISTBOT_FUZZ_SEED=2 pytest tests/e2e/test_fuzz_updates.py
UPDATES = int(os.environ.get("GISTBOT_FUZZ_UPDATES", "300"))
SEED = int(os.environ.get("GISTBOT_FUZZ_SEED", "20261126"))


async def test_fuzzed_updates_are_answered_without_errors(
    api: FakeBotAPI,
    pages: ArticleServer,
    tmp_path: Path,
    pool: Workers,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Hundreds of hostile updates: every one handled to the end, no handler error, no rejected message."""
    urls = [
        pages.url("fuzz"),
        pages.dead_url("gone"),
        "http://10.0.0.1/x",
        "ftp://x/y",
        "https://t.me/c/1",
    ]
    settings = make_settings(api, tmp_path, user_rate_per_minute=1000, chat_rate_per_minute=1000)
    async with running(settings, pool) as app:
        pipeline = app.bot_data.service.pipeline
        await pipeline.fetcher.close()
        # Hosts made up from random entity offsets resolve to loopback: no lookup leaves the machine.
        pipeline.fetcher = Fetcher(settings.fetch_limits(), resolver=StubResolver(["127.0.0.1"]))
        rng = random.Random(SEED)
        with caplog.at_level(logging.ERROR):
            ids = [api.push(*update(rng, urls)) for _ in range(UPDATES)]
            for update_id in ids:
                await until_finished(app, update_id, within=600)
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failures == [], [r.getMessage() + str(r.exc_info) for r in failures]
    assert api.html_rejections == []
    assert api.sent, "the fuzz run sent no message at all: it did not exercise the handlers"
