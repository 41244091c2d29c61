"""Feed polling at scale: S subscriptions over F local feeds, polled on one core.

    python benchmarks/feeds.py --feeds 1000 --subscriptions 2000 --rounds 4 --publish 0.05

A second process serves the F feeds (RSS 2.0 with ETag and Last-Modified, 10 items each), the
article pages their items link to, and the fake Bot API; this process runs the FeedPoller as the
bot does (SQLite store, the safe fetcher, the real Service and pipeline) with inline workers, so
everything the bot does for feeds runs here, on one core, and its CPU time is this process's.

Each round moves the poller's clock past every feed's next poll, publishes one new item on a
share of the feeds (`--publish`), polls all due feeds once and posts the queued cards (the
AIORateLimiter of the app: 30 messages a second overall). Reported per round and overall:
feeds polled per minute, CPU milliseconds per feed poll, the share of polls that were 304s, and
from an item's publication to its card arriving at the fake Bot API (p50/p95). The reference in
the same run is round 0: the same polls with no validators kept (every feed answers 200 and is
parsed), so "cost of a 304 poll vs a full poll" is a ratio measured under the same load.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

# Run as a script from anywhere: the project root (bot/, tests/) goes first on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Settings
from bot.feeds.poll import FeedPoller
from bot.limits import JobGate, Limits
from bot.pipeline.core import Pipeline, warm_up
from bot.pipeline.fetch import Fetcher
from bot.service import Service
from bot.storage import SqliteStore
from bot.workers import InlineWorkers
from handlers.feeds import BotSender
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.feeds import Item, rss
from tests.fakes.pages import Feed

TOKEN = "123456789:BenchmarkTokenNotSecret"
ITEMS_PER_FEED = 10
FIRST_CHAT = -1_002_000_000_000


# --- the server process: feeds, articles, fake Bot API ----------------------------------------


def _items(feed: int, newest: int) -> list[Item]:
    pages = list(range(max(0, newest - ITEMS_PER_FEED + 1), newest + 1))
    return [
        Item(
            f"f{feed}-i{n}",
            f"Feed {feed} story {n}",
            f"/a/f{feed}-i{n}",
            f"The council of town {feed} reviewed item {n} of its plans for the harbour.",
        )
        for n in reversed(pages)
    ]


def serve(conn: Connection, feeds: int, chats: int) -> None:
    asyncio.run(_serve(conn, feeds, chats))


async def _serve(conn: Connection, count: int, chats: int) -> None:
    pages, api = ArticleServer(), FakeBotAPI(TOKEN)
    await pages.start()
    await api.start()
    base = pages.url("/")[:-1]
    newest = dict.fromkeys(range(count), ITEMS_PER_FEED - 1)
    feeds = {}
    for n in range(count):
        feeds[n] = Feed(_rss(base, n, newest[n]))
        pages.feed(f"/f/{n}", feeds[n])
    for c in range(chats):
        api.chat(FIRST_CHAT - c, "channel")
    published: dict[str, float] = {}
    conn.send((base, api.base_url))
    loop = asyncio.get_running_loop()
    while True:
        command, arg = await loop.run_in_executor(None, conn.recv)
        if command == "publish":
            for n in arg:
                newest[n] += 1
                feeds[n].publish(_rss(base, n, newest[n]))
                published[f"f{n}-i{newest[n]}"] = time.monotonic()
            conn.send(len(arg))
        elif command == "sent":
            latencies = []
            for sent in api.sent:
                for name, at in published.items():
                    if f'/a/{name}"' in sent.text:  # the card's headline link
                        latencies.append(sent.at - at)
                        break
            stats = {
                "cards": len(api.sent),
                "full": sum(f.full for f in feeds.values()),
                "not_modified": sum(f.not_modified for f in feeds.values()),
                "latencies": latencies,
            }
            conn.send(stats)
        else:
            await pages.stop()
            await api.stop()
            conn.send("bye")
            return


def _rss(base: str, feed: int, newest: int) -> str:
    items = [
        Item(i.guid, i.title, base + i.link, i.summary, published=i.published)
        for i in _items(feed, newest)
    ]
    return rss(items, title=f"Town {feed} news")


# --- the poller process (this one) -----------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


async def run(args: argparse.Namespace) -> dict[str, Any]:
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(
        target=serve, args=(child, args.feeds, args.subscriptions), daemon=True
    )
    server.start()
    cores = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cores[0]})  # the poller: one core
    if len(cores) > 1 and server.pid is not None:  # the servers: the others
        os.sched_setaffinity(server.pid, set(cores[1:]))
    base, api_url = parent.recv()
    tmp = Path(tempfile.mkdtemp(prefix="gistbot-feeds-"))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]  # pydantic-settings init arg
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api_url,
        database_path=tmp / "feeds.sqlite3",
        fetch_allow_networks="127.0.0.0/8",
        feed_max_subscriptions=10,
        feed_poll_concurrency=args.concurrency,
    )
    from telegram.ext import AIORateLimiter, ExtBot

    bot: ExtBot[None] = ExtBot(
        TOKEN,
        base_url=api_url,
        rate_limiter=AIORateLimiter(overall_max_rate=30, group_max_rate=20, max_retries=5),
    )
    await bot.initialize()
    store = await SqliteStore.open(settings.database_path)
    workers = InlineWorkers()
    pipeline = Pipeline(Fetcher(settings.fetch_limits()), workers, max_text_chars=100_000)
    service = Service(settings, store, pipeline, Limits(10**6, 10**6), JobGate(64, 10**6))
    warm_up()  # as the bot's workers do before their first job: models loaded, not timed
    clock = Clock()
    poller = FeedPoller(service, Fetcher(settings.fetch_limits()), BotSender(bot), clock=clock)
    started = time.perf_counter()
    for sub in range(args.subscriptions):
        await poller.subscribe(FIRST_CHAT - sub, f"{base}/f/{sub % args.feeds}")
    setup = time.perf_counter() - started
    rounds = []
    for number in range(args.rounds + 1):
        clock.offset += 2 * settings.feed_max_interval_seconds
        if number == 0:  # the reference: the same polls with no validators kept
            await store._db.execute("UPDATE feeds SET etag = NULL, last_modified = NULL")
            chosen: list[int] = []
        else:
            step = max(1, round(1 / args.publish))
            chosen = list(range(number % step, args.feeds, step))
        parent.send(("publish", chosen))
        parent.recv()
        cpu, wall = time.process_time(), time.perf_counter()
        report = await poller.poll_due()
        poll_cpu, poll_wall = time.process_time() - cpu, time.perf_counter() - wall
        sent = await poller.drain()
        drain_wall = time.perf_counter() - wall - poll_wall
        rounds.append(
            {
                "round": number,
                "polled": report.polled,
                "not_modified_share": round(report.not_modified / max(report.polled, 1), 3),
                "failed": report.failed,
                "feeds_per_minute": round(report.polled / poll_wall * 60),
                "cpu_ms_per_poll": round(poll_cpu / max(report.polled, 1) * 1000, 2),
                "poll_seconds": round(poll_wall, 2),
                "published": len(chosen),
                "queued": report.queued,
                "cards_sent": sent,
                "drain_seconds": round(drain_wall, 2),
            }
        )
        print(json.dumps(rounds[-1]), file=sys.stderr)
    parent.send(("sent", None))
    stats = parent.recv()
    parent.send(("stop", None))
    parent.recv()
    await poller.stop()
    await pipeline.close()
    await store.close()
    await bot.shutdown()
    server.join(5)
    measured = rounds[1:]
    latencies = sorted(stats["latencies"])
    reference = rounds[0]["cpu_ms_per_poll"]
    return {
        "feeds": args.feeds,
        "subscriptions": args.subscriptions,
        "setup_seconds": round(setup, 1),
        "rounds": rounds,
        "feeds_per_minute_median": statistics.median(r["feeds_per_minute"] for r in measured),
        "cpu_ms_per_poll_median": statistics.median(r["cpu_ms_per_poll"] for r in measured),
        "cpu_ms_per_full_poll_reference": reference,
        "cpu_ratio_vs_full_poll": round(
            statistics.median(r["cpu_ms_per_poll"] for r in measured) / reference, 3
        ),
        "not_modified_share": round(
            sum(r["not_modified_share"] * r["polled"] for r in measured)
            / sum(r["polled"] for r in measured),
            3,
        ),
        "cards": stats["cards"],
        "publication_to_card_seconds": {
            "n": len(latencies),
            "p50": round(latencies[len(latencies) // 2], 2) if latencies else None,
            "p95": round(latencies[int(len(latencies) * 0.95)], 2) if latencies else None,
            "max": round(latencies[-1], 2) if latencies else None,
        },
        "load": _uptime(),
        "cpus_used": 1,
    }


def _uptime() -> str:
    with contextlib.suppress(OSError):
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    return " ".join(str(x) for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--subscriptions", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--publish", type=float, default=0.05, help="share of feeds with news")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
