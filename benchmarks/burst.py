"""Burst fairness: 50 ordinary links at once, alone and beside two 100,000-word links.

    python -m benchmarks.burst [--data ../shared/data] [--links 50] [--long 2] [--rounds 2]

The real bot (build_application, polling) against the fake Bot API, the pages served on 127.0.0.1
(extraction-dev pages for the ordinary links; long pages built from their paragraphs as in
benchmarks/speed.py). Each scenario gets a fresh bot and database, so nothing is cached:

- alone: `--links` private chats each send one link, all at once;
- beside long reads: `--long` other chats first send a 100,000-word link each, then the same burst.

Reported per scenario (alternating, in turn first, so both see the same machine load): p50 / p95 time to
reply of the ordinary links (update available -> reply at the fake API), the long reads' times,
and the event-loop lag p99 (a 10 ms ticker in the bot's loop). The target: p95 beside the long
reads at most 1.2x p95 alone; lag p99 under 50 ms. Telegram's outgoing rate limit is off by
default (`--telegram-rate`), so the figure is the bot's own scheduling, not the send queue.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bot_load import TOKEN, _percentile, _probe_lag
from benchmarks.product import find_data
from benchmarks.speed import URL, long_page
from bot.app import ALLOWED_UPDATES, build_application
from bot.config import Settings
from bot.models import Page
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI


async def scenario(
    pages: ArticleServer, long_urls: list[str], args: argparse.Namespace, tag: str
) -> dict[str, Any]:
    """One fresh bot; the long links (if any) first, then the burst; times per reply."""
    api = FakeBotAPI(TOKEN)
    await api.start()
    workdir = Path(tempfile.mkdtemp(prefix="gistbot-burst-"))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]  # pydantic-settings init argument
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        database_path=workdir / "burst.sqlite3",
        fetch_allow_networks="127.0.0.0/8",
        workers=args.workers,
        telegram_overall_rate=args.telegram_rate,
        long_input_bytes=args.long_input_bytes,
        long_workers=args.long_workers,
        log_level="WARNING",
    )
    app = build_application(settings)
    pushed: dict[tuple[int, int], float] = {}
    long_chats: set[int] = set()
    lag: list[float] = []
    stop = asyncio.Event()
    async with app:
        assert app.post_init is not None
        assert app.updater is not None
        await app.post_init(app)  # opens the pool and warms its workers before the clock starts
        await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await app.start()
        probe = asyncio.create_task(_probe_lag(lag, stop))
        await asyncio.sleep(0.2)
        for index, url in enumerate(long_urls):
            chat = api.chat(20_000 + index)
            long_chats.add(chat["id"])
            message = api.send_text(chat, url)
            pushed[(chat["id"], message["message_id"])] = time.monotonic()
        for index in range(args.links):
            chat = api.chat(10_000 + index)
            message = api.send_text(chat, pages.real_url(index) + f"?{tag}")
            pushed[(chat["id"], message["message_id"])] = time.monotonic()
        total = args.links + len(long_urls)
        await api.wait_until(lambda: len(api.sent) >= total, within=300)
        stop.set()
        await probe
        await app.updater.stop()
        await app.stop()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)
    await api.stop()
    short = [
        s.at - pushed[(s.chat_id, s.reply_to or 0)] for s in api.sent if s.chat_id not in long_chats
    ]
    long = [
        s.at - pushed[(s.chat_id, s.reply_to or 0)] for s in api.sent if s.chat_id in long_chats
    ]
    cards = sum(s.text.startswith("<b>") for s in api.sent)
    return {
        "p50": statistics.median(short),
        "p95": _percentile(short, 0.95),
        "long": sorted(long),
        "lag_p99_ms": _percentile(lag, 0.99) * 1000,
        "cards": cards,
        "replies": len(api.sent),
    }


async def run(args: argparse.Namespace) -> None:
    # The fake Bot API logs the long poll that each bot's shutdown cuts off; that is no result.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    data = find_data(args.data)
    real = [
        gzip.decompress(p.read_bytes())
        for p in sorted((data / "extraction-dev" / "html").glob("*.html.gz"))
    ]
    pages = ArticleServer(real)
    from bot.pipeline.extract import extract
    from bot.pipeline.fetch import decode

    paragraphs = [
        p
        for page in real[:20]
        for p in extract(decode(Page(URL, page, "text/html")), URL).paragraphs
        if len(p.split()) > 8
    ]
    body = long_page(paragraphs, args.long_words)
    await pages.start()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"long page: {args.long_words} words, {len(body) / 1e6:.2f} MB")
    results: dict[str, list[dict[str, Any]]] = {"alone": [], "beside long reads": []}
    for round_ in range(args.rounds):
        long_urls = [
            pages.page(f"/long/{round_}-{i}", body, content_type="text/html; charset=utf-8")
            for i in range(args.long)
        ]
        plan: list[tuple[str, list[str]]] = [("alone", []), ("beside long reads", long_urls)]
        for name, urls in plan if round_ % 2 == 0 else plan[::-1]:  # neither always goes first
            result = await scenario(pages, urls, args, f"{name[0]}{round_}")
            results[name].append(result)
            print(
                f"  round {round_ + 1} {name:18s} p50 {result['p50']:.2f} s  p95 {result['p95']:.2f} s"
                f"  lag p99 {result['lag_p99_ms']:.0f} ms  long reads "
                f"{', '.join(f'{t:.2f}' for t in result['long']) or '-'} s  "
                f"({result['cards']} cards of {result['replies']} replies)"
            )
    await pages.stop()
    alone = statistics.median(r["p95"] for r in results["alone"])
    beside = statistics.median(r["p95"] for r in results["beside long reads"])
    lag = max(r["lag_p99_ms"] for rs in results.values() for r in rs)
    print(
        f"p95 of {args.links} links: alone {alone:.2f} s, beside {args.long} long reads {beside:.2f} s"
        f" -> {beside / alone:.2f}x (target <= 1.2x); worst event-loop lag p99 {lag:.0f} ms"
        " (target < 50 ms)"
    )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--links", type=int, default=50)
    parser.add_argument("--long", type=int, default=2, help="long links beside the burst")
    parser.add_argument("--long-words", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=0, help="worker processes (0: one per core)")
    parser.add_argument(
        "--long-input-bytes",
        type=int,
        default=Settings.model_fields["long_input_bytes"].default,
        help="the long lane's threshold (default: the bot's)",
    )
    parser.add_argument(
        "--long-workers", type=int, default=0, help="dedicated long-read workers (LONG_WORKERS)"
    )
    parser.add_argument(
        "--telegram-rate", type=float, default=0.0, help="outgoing msg/s limit (0: none)"
    )
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
