"""Load test of the Telegram layer: N updates from C chats, links to local pages, fake Bot API.

    python benchmarks/bot_load.py --updates 500 --chats 100 --rate 30

Everything runs on 127.0.0.1: the article server and the fake Bot API share this process and event
loop with the bot (so the loop-lag figure is pessimistic); the pipeline's CPU work goes to the bot's
own process pool. Time to reply = from the update becoming available to getUpdates until the fake
API receives the reply. Reports replies/s, p50/p95 time to reply, event-loop lag p99, peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Run as a script from anywhere: the project root (bot/, tests/) goes first on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import ALLOWED_UPDATES, build_application
from bot.config import Settings
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

TOKEN = "123456789:BenchmarkTokenNotSecret"
LAG_TICK = 0.01  # seconds between event-loop lag probes


async def _probe_lag(samples: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        start = loop.time()
        await asyncio.sleep(LAG_TICK)
        samples.append(loop.time() - start - LAG_TICK)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


async def run(args: argparse.Namespace) -> dict[str, Any]:
    real = (
        [gzip.decompress(p.read_bytes()) for p in sorted(args.pages.glob("html/*.html.gz"))]
        if args.pages
        else []
    )
    pages, api = ArticleServer(real), FakeBotAPI(TOKEN)
    await pages.start()
    await api.start()
    workdir = Path(tempfile.mkdtemp(prefix="gistbot-bench-"))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]  # pydantic-settings init argument
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        database_path=workdir / "bench.sqlite3",
        fetch_allow_networks="127.0.0.0/8",
        workers=args.workers,
        telegram_overall_rate=args.telegram_rate,
        max_queued_jobs=args.max_queued,
        log_level="WARNING",
    )
    app = build_application(settings)
    chats = [api.chat(10_000 + i) for i in range(args.chats)]
    pushed: dict[tuple[int, int], float] = {}
    lag: list[float] = []
    stop = asyncio.Event()
    async with app:
        assert app.post_init is not None  # set by build_application
        assert app.updater is not None
        await app.post_init(app)  # opens the pool and warms its workers before the clock starts
        await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await app.start()
        probe = asyncio.create_task(_probe_lag(lag, stop))
        started = time.monotonic()
        for index in range(args.updates):
            chat = chats[index % len(chats)]
            link = pages.real_url(index) if real else pages.url(f"bench{index}")
            message = api.send_text(chat, f"read {link}")
            pushed[(chat["id"], message["message_id"])] = time.monotonic()
            if args.rate > 0:
                await asyncio.sleep(max(0.0, started + (index + 1) / args.rate - time.monotonic()))
        await api.wait_until(lambda: len(api.sent) >= args.updates, within=args.updates * 2)
        finished = time.monotonic()
        stop.set()
        await probe
        await app.updater.stop()
        await app.stop()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)  # shuts the pool down, so its workers' peak RSS is known
    await api.stop()
    await pages.stop()
    latencies = [s.at - pushed[(s.chat_id, s.reply_to or 0)] for s in api.sent]
    cards = sum(s.text.startswith("<b>") for s in api.sent)
    return {
        "updates": args.updates,
        "chats": args.chats,
        "offered_rate": args.rate or "all at once",
        "cards": cards,
        "other_replies": len(api.sent) - cards,
        "replies_per_s": round(len(api.sent) / (finished - started), 1),
        "p50_reply_s": round(statistics.median(latencies), 3),
        "p95_reply_s": round(_percentile(latencies, 0.95), 3),
        "loop_lag_p99_ms": round(_percentile(lag, 0.99) * 1000, 1),
        "peak_rss_bot_mb": round(_peak_rss_mb(resource.RUSAGE_SELF), 1),
        "peak_rss_worker_mb": round(_peak_rss_mb(resource.RUSAGE_CHILDREN), 1),
        "pages": str(args.pages) if args.pages else "generated",
        "workers": args.workers,
        "telegram_rate": args.telegram_rate,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=500)
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument(
        "--rate", type=float, default=30.0, help="updates offered per second; 0: all at once"
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="CPU worker processes (0: one per core)"
    )
    parser.add_argument(
        "--telegram-rate", type=float, default=30.0, help="outgoing msg/s limit (0: none)"
    )
    parser.add_argument(
        "--pages",
        type=Path,
        default=None,
        help="serve saved pages (e.g. extraction-dev) round robin",
    )
    parser.add_argument("--max-queued", type=int, default=64, help="jobs in flight before 'busy'")
    print(json.dumps(asyncio.run(run(parser.parse_args())), indent=2))


if __name__ == "__main__":
    main()
