"""Past one machine: `gistbot ingress` and `gistbot worker` as real processes on a real PostgreSQL
server, against the fake Bot API: the processes compose.yaml starts, started the same way."""

from __future__ import annotations

import asyncio
import itertools
import socket
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import aiohttp
import psycopg
import pytest

from tests.e2e.harness import TOKEN
from tests.e2e.process import BotProcess
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.feeds import Item, rss
from tests.fakes.pages import Feed
from tests.storage.pg_server import TEST_DATABASE, PgServer

_schemas = itertools.count()
# Quick failure detection for tests: a heartbeat every 0.5 s, dead after 3 s of silence.
RUNNING = "gistbot worker is running"
SECRET = "s3cret_Token-2"
FAST_QUEUE = {"QUEUE_HEARTBEAT_SECONDS": "0.5", "QUEUE_STALLED_SECONDS": "3"}


@pytest.fixture
def queue_url(request: pytest.FixtureRequest, pg_server: PgServer) -> Iterator[str]:
    """A fresh PostgreSQL schema for the roles' store and job queue."""
    if request.config.getoption("--store") == "postgres":
        pytest.skip("the roles always run on PostgreSQL: tested in the first pass")
    schema = f"roles_{next(_schemas)}"
    yield pg_server.create_schema(TEST_DATABASE, schema)
    pg_server.drop_schema(TEST_DATABASE, schema)


class Stack:
    """Role processes started against one fake Bot API and one database; all stopped at the end."""

    def __init__(self, api: FakeBotAPI, workdir: Path, url: str) -> None:
        self.api, self.workdir, self.url = api, workdir, url
        self.processes: list[BotProcess] = []

    def start(self, command: str, **env: str) -> BotProcess:
        process = BotProcess(
            self.api.base_url, TOKEN, self.workdir, command=command,
            DATABASE_URL=self.url, **FAST_QUEUE, **env,
        ).start()  # fmt: skip
        self.processes.append(process)
        return process

    async def stop_all(self) -> None:
        """SIGTERM to every role still running, all at once; each must exit cleanly."""
        alive = [p for p in self.processes if p.proc is not None and p.proc.poll() is None]
        codes = await asyncio.gather(*(process.stop() for process in alive))
        for process, code in zip(alive, codes, strict=True):
            assert code == 0, process.log[-3000:]


@pytest.fixture
async def stack(api: FakeBotAPI, tmp_path: Path, queue_url: str) -> AsyncIterator[Stack]:
    roles = Stack(api, tmp_path, queue_url)
    async with AsyncExitStack() as exits:
        exits.push_async_callback(roles.stop_all)
        yield roles


def _answered(api: FakeBotAPI, messages: list[dict[str, object]]) -> bool:
    return all(api.replies_to(m["chat"]["id"], m["message_id"]) for m in messages)  # type: ignore[index]


async def test_one_ingress_two_workers_answer_every_chat_in_order(
    api: FakeBotAPI, pages: ArticleServer, stack: Stack
) -> None:
    """Updates for several chats through one ingress and two workers: each answered once, and
    each chat's cards go out in the order its messages came."""
    stack.start("worker")
    stack.start("worker")
    stack.start("ingress")
    chats = [api.chat(9100 + i) for i in range(6)]
    messages = [
        api.send_text(chat, pages.url(f"order{c}-{n}"))
        for n in range(4)
        for c, chat in enumerate(chats)
    ]
    await api.wait_until(lambda: _answered(api, messages), within=240)
    counts = [len(api.replies_to(m["chat"]["id"], m["message_id"])) for m in messages]
    assert counts == [1] * len(messages)
    for chat in chats:
        replied_to = [s.reply_to for s in api.sent if s.chat_id == chat["id"]]
        assert replied_to == sorted(replied_to)
        assert len(replied_to) == 4


async def test_a_worker_killed_mid_job_leaves_its_update_to_another(
    api: FakeBotAPI, pages: ArticleServer, stack: Stack
) -> None:
    """kill -9 of the worker holding a job (its card parked in the Bot API): another worker
    takes the job after the heartbeat timeout and the card arrives, once."""
    api.hold_sends(after=0)
    doomed = stack.start("worker")
    stack.start("ingress")
    message = api.send_text(api.chat(9200), pages.url("orphan"))
    await api.wait_until(lambda: len(api.held) > 0, within=120)
    await doomed.kill()
    await api.wait_until(api.held_gone)
    api.release()
    survivor = stack.start("worker")
    await api.wait_until(lambda: _answered(api, [message]), within=120)
    assert len(api.replies_to(9200, message["message_id"])) == 1
    assert "lost its worker; queued again" in survivor.log


async def test_an_update_given_up_is_tried_again_when_a_worker_starts(
    api: FakeBotAPI, pages: ArticleServer, stack: Stack
) -> None:
    """A reply the Bot API refused on the only try (DELIVERY_ATTEMPTS=1) leaves its job failed
    and no card; the next worker to start tries it once more, and the card arrives once."""
    api.error_next("sendMessage", 1, status=500)
    first = stack.start("worker", DELIVERY_ATTEMPTS="1")
    stack.start("ingress")
    message = api.send_text(api.chat(9500), pages.url("outage"))

    def given_up() -> bool:
        with psycopg.connect(stack.url) as conn:
            try:
                rows = conn.execute("SELECT status FROM procrastinate_jobs").fetchall()
            except psycopg.errors.UndefinedTable:  # the roles have not created it yet
                return False
        return rows == [("failed",)]

    await api.wait_until(given_up, within=120)
    assert api.replies_to(9500, message["message_id"]) == []
    assert await first.stop() == 0
    second = stack.start("worker")
    await api.wait_until(lambda: _answered(api, [message]), within=120)
    assert len(api.replies_to(9500, message["message_id"])) == 1
    assert "1 updates whose delivery was given up are queued once more" in second.log


async def test_telegram_limit_holds_across_two_workers(api: FakeBotAPI, stack: Stack) -> None:
    """With the bot limited to 10 messages a second, 50 answers from two workers together take
    at least (50 - 10) / 10 = 4 s: one shared limit, not one each (two limits of their own would
    allow 20 a second, 1.5 s; with no limit it took 0.7 s here)."""
    limited = {"TELEGRAM_OVERALL_RATE": "10"}
    workers = [stack.start("worker", **limited), stack.start("worker", **limited)]
    stack.start("ingress")
    await api.wait_until(lambda: all(RUNNING in w.log for w in workers), within=120)
    started = time.monotonic()  # no message was limited before: every slot is reserved after
    messages = [api.send_text(api.chat(9300 + i), "/help") for i in range(50)]
    await api.wait_until(lambda: _answered(api, messages), within=240)
    last = max(s.at for s in api.sent)
    assert last - started >= 4.0
    assert len(api.sent) == 50


async def test_two_webhook_ingresses_behind_a_balancer_queue_each_update_once(
    api: FakeBotAPI, pages: ArticleServer, stack: Stack
) -> None:
    """Two ingresses in webhook mode: updates posted to either are answered; one that Telegram
    posts to both (a retry landing on the other ingress) is answered once."""
    ports = [_free_port(), _free_port()]
    ingresses = [
        stack.start(
            "ingress",
            WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port),
        )
        for port in ports
    ]
    stack.start("worker")
    await api.wait_until(lambda: all("webhook server listening" in i.log for i in ingresses))
    messages = [api.message(api.chat(9400 + i), pages.url(f"hook{i}")) for i in range(4)]
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with aiohttp.ClientSession() as session:
        for n, message in enumerate(messages):
            update = {"update_id": 500 + n, "message": message}
            targets = ports if n == 0 else [ports[n % 2]]  # the first one reaches both
            for port in targets:
                hook = f"http://127.0.0.1:{port}/hook"
                async with session.post(hook, json=update, headers=headers) as response:
                    assert response.status == 200
    await api.wait_until(lambda: _answered(api, messages), within=180)
    assert "update 500 was delivered before; not queued again" in ingresses[1].log
    counts = [len(api.replies_to(m["chat"]["id"], m["message_id"])) for m in messages]
    assert counts == [1] * 4


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_the_feed_poller_runs_in_one_of_two_workers(
    api: FakeBotAPI, pages: ArticleServer, stack: Stack
) -> None:
    """A channel subscribes through the ingress; of two workers one polls the feed, and each new
    item becomes one card."""
    channel = api.chat(-1009600, "channel")
    feed = Feed(rss([Item("g-old", "Old", pages.url("old"), "Teaser.")]))
    url = pages.feed("/rss", feed)
    quick = {"FEED_INTERVAL_SECONDS": "10", "FEED_MAX_INTERVAL_SECONDS": "10"}
    workers = [stack.start("worker", **quick), stack.start("worker", **quick)]
    stack.start("ingress")
    api.send_text(channel, f"/feed add {url}")
    await api.wait_until(lambda: any("Subscribed" in s.text for s in api.sent), within=120)
    names = ("f1", "f2", "f3")
    items = [Item(f"g-{n}", f"Story {n}", pages.url(n), f"Teaser of {n}.") for n in names]
    feed.publish(rss([*reversed(items), Item("g-old", "Old", pages.url("old"), "Teaser.")]))

    def cards() -> list[str]:
        return [s.text for s in api.sent if s.chat_id == -1009600 and "Subscribed" not in s.text]

    await api.wait_until(lambda: len(cards()) >= 3, within=180)
    assert sum("runs the exactly-one duties" in w.log for w in workers) == 1
    assert len(cards()) == 3
    assert all(any(n in card for card in cards()) for n in names)


async def test_roles_refuse_to_start_without_database_url(api: FakeBotAPI, tmp_path: Path) -> None:
    """Without DATABASE_URL, ingress and worker exit at once with one clear line."""
    for command in ("ingress", "worker"):
        process = BotProcess(api.base_url, TOKEN, tmp_path, command=command, DATABASE_URL="")
        assert await process.run_to_exit() == 1
        assert f"gistbot {command} needs DATABASE_URL" in process.log
        assert "Traceback" not in process.log
