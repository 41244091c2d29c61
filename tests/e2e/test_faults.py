"""Fault injection against the running bot: Bot API 5xx and dropped connections while sending,
bursts past the old job cap, a full disk, and the webhook's guards."""

from __future__ import annotations

import asyncio
import io
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.app import App, build_application, stop_in_order, webhook_server
from bot.workers import Workers
from handlers.webhook import SECRET_HEADER
from tests.e2e import stored
from tests.e2e.harness import make_settings, running, until_finished
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

SECRET = "s3cret_Token-1"


@pytest.fixture
async def quick_retry_bot(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: Workers
) -> AsyncIterator[App]:
    """The bot with delivery retries 0.05 s apart (production: 2 s, doubling)."""
    settings = make_settings(api, tmp_path, delivery_retry_seconds=0.05)
    async with running(settings, pool) as app:
        yield app


@pytest.mark.parametrize("fault", ["500", "502", "drop"])
async def test_failed_sends_are_retried_until_delivered(
    api: FakeBotAPI, pages: ArticleServer, quick_retry_bot: App, fault: str
) -> None:
    """Three failed sendMessage calls in a row (5xx or a dropped connection) still end in
    exactly one card, and the update is marked done only after it was delivered."""
    if fault == "drop":
        api.drop_next("sendMessage", 3)
    else:
        api.error_next("sendMessage", 3, status=int(fault))
    message = api.send_text(api.chat(8100), pages.url("flaky"))
    await until_finished(quick_retry_bot, api.last_update_id, within=60)
    assert len(api.faulted) == 3
    [card] = api.replies_to(8100, message["message_id"])
    assert "Harbour" in card.text
    assert not any("Sorry" in s.text for s in api.sent)


async def test_failed_send_leaves_the_update_pending(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: Workers
) -> None:
    """When every try fails the update is left pending in the journal (the next start sends it),
    not marked done, and nobody gets a sorry."""
    settings = make_settings(api, tmp_path, delivery_retry_seconds=30.0)
    async with running(settings, pool) as app:
        api.error_next("sendMessage", 1, status=500)
        api.send_text(api.chat(8200), pages.url("down"))
        await api.wait_for(lambda: api.faulted)
        assert app.bot_data.service is not None
        store = app.bot_data.service.store
        await asyncio.sleep(0.2)  # the error handler runs right after the failed call
        assert not await store.is_done(api.last_update_id)
        assert await store.journal_pending() != []
    assert api.sent == []


async def test_burst_over_the_job_cap_is_queued_in_order(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: Workers
) -> None:
    """60 links over 20 chats with only 2 jobs running at once: none answered "busy", every one
    gets its card, and each chat's cards come in the order its links were sent."""
    settings = make_settings(api, tmp_path, max_queued_jobs=2)
    async with running(settings, pool) as app:
        messages = [api.send_text(api.chat(8300 + i % 20), pages.url(f"q{i}")) for i in range(60)]
        for update_id in range(api.last_update_id - 59, api.last_update_id + 1):
            await until_finished(app, update_id, within=240)
    assert not any("busy" in s.text for s in api.sent)
    assert [len(api.replies_to(m["chat"]["id"], m["message_id"])) for m in messages] == [1] * 60
    for chat in range(8300, 8320):
        replied_to = [s.reply_to for s in api.sent if s.chat_id == chat]
        assert replied_to == sorted(replied_to)


async def test_full_disk_sends_no_sorry_and_stops_promptly(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: Workers
) -> None:
    """With the store refusing to write cards, replies and retries ("database or disk is full")
    ten links get their cards once and no sorry, and the bot still stops in order within seconds."""
    settings = make_settings(api, tmp_path, delivery_retry_seconds=0.05, stop_grace_seconds=2)
    async with running(settings, pool) as app:
        stored.refuse_inserts(
            tmp_path, ("cards_cache", "replies", "retries"), "database or disk is full"
        )
        messages = [api.send_text(api.chat(8400 + i), pages.url(f"full{i}")) for i in range(10)]
        await api.wait_until(lambda: len(api.sent) >= 10, within=120)
        await asyncio.sleep(1)  # the failed records are retried meanwhile
        started = time.monotonic()
        await stop_in_order(app, None, settings.stop_grace_seconds)
        assert time.monotonic() - started < 10
    assert [len(api.replies_to(m["chat"]["id"], m["message_id"])) for m in messages] == [1] * 10
    assert not any("Sorry" in s.text for s in api.sent)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def hook(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: Workers
) -> AsyncIterator[tuple[App, str]]:
    """The bot fed by our webhook server on a free local port; yields it and the hook URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    settings = make_settings(
        api, tmp_path, webhook_url=url, webhook_secret=SECRET, webhook_port=port
    )
    app = build_application(settings, workers=pool)
    server = webhook_server(app, settings)
    async with app:
        assert app.post_init is not None  # set by build_application
        await app.post_init(app)
        await server.start()
        await app.start()
        try:
            yield app, url
        finally:
            await server.stop()
            await app.stop()
            assert app.post_shutdown is not None  # set by build_application
            await app.post_shutdown(app)


def _rss() -> int:
    """This process's resident memory in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


async def _huge_body(total: int) -> AsyncIterator[bytes]:
    chunk = b"x" * (1 << 20)
    for _ in range(total // len(chunk)):
        yield chunk


async def test_webhook_refuses_unsigned_90_mb_unread(hook: tuple[App, str]) -> None:
    """A 90 MB POST without the secret is refused (403) before its body is read: memory grows
    by less than 10 MB."""
    _, url = hook
    before = _rss()
    status = None
    async with aiohttp.ClientSession() as session:
        try:
            headers = {"Content-Length": str(90 << 20)}
            async with session.post(url, data=_huge_body(90 << 20), headers=headers) as response:
                status = response.status
        except (aiohttp.ClientError, ConnectionError):
            status = -1  # the server closed the connection while we were still sending
    assert status in (403, -1)
    assert _rss() - before < 10 << 20


async def test_webhook_rejects_malformed_and_oversized(
    api: FakeBotAPI, pages: ArticleServer, hook: tuple[App, str]
) -> None:
    """With the right secret, malformed JSON gets 400 and an oversized body 413; a real update
    then gets its card (the server kept working)."""
    app, url = hook
    headers = {SECRET_HEADER: SECRET}
    async with aiohttp.ClientSession() as session:
        async with session.post(url, data=b"{not json", headers=headers) as response:
            assert response.status == 400
        async with session.post(url, data=b"[1, 2]", headers=headers) as response:
            assert response.status == 400
        big = io.BytesIO(b"x" * 2_000_000)
        async with session.post(url, data=big, headers=headers) as response:
            assert response.status == 413
        message = api.message(api.chat(8501), pages.url("hook2"))
        update = {"update_id": 77, "message": message}
        async with session.post(url, json=update, headers=headers) as response:
            assert response.status == 200
    await until_finished(app, 77)
    assert api.replies_to(8501, message["message_id"])


def test_webhook_listens_on_loopback_by_default() -> None:
    """Without WEBHOOK_LISTEN the server binds 127.0.0.1 (behind the TLS proxy), not 0.0.0.0."""
    from bot.config import Settings

    assert Settings(_env_file=None).webhook_listen == "127.0.0.1"  # type: ignore[call-arg]
