"""Fault injection against the real `gistbot run`: kill -9 and SIGTERM of the process group in
the middle of bursts (with restarts), Bot API 5xx and dropped connections while sending, a burst
of 500 updates over 50 chats. Each scenario reports lost and duplicated replies.

    python -m benchmarks.faults                      # the issue's full sizes (takes minutes)
    python -m benchmarks.faults --updates 40 --rounds 1   # a quick look

The bot runs as a subprocess (tests/e2e/process.py) against the fake Bot API and the local
article server of tests/fakes; its database lives in a temporary directory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import signal
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.e2e.harness import TOKEN
from tests.e2e.process import BotProcess
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

FAST_RETRY = {"DELIVERY_RETRY_SECONDS": "0.2"}


def tally(api: FakeBotAPI, messages: list[dict[str, Any]]) -> dict[str, int]:
    """Lost (no reply), duplicated (replies past the first) and busy/sorry answers."""
    counts = [len(api.replies_to(m["chat"]["id"], m["message_id"])) for m in messages]
    return {
        "updates": len(messages),
        "lost": sum(1 for c in counts if c == 0),
        "duplicates": sum(c - 1 for c in counts if c > 1),
        "busy": sum(1 for s in api.sent if "busy" in s.text),
        "sorry": sum(1 for s in api.sent if "Sorry" in s.text),
    }


async def _burst(api: FakeBotAPI, pages: ArticleServer, n: int, chats: int, tag: str) -> list[Any]:
    return [api.send_text(api.chat(10_000 + i % chats), pages.url(f"{tag}{i}")) for i in range(n)]


async def _finish(api: FakeBotAPI, work: Path, messages: list[Any], **env: str) -> BotProcess:
    """Start the bot and wait until every message has a reply; returns the (stopped) process."""
    bot = BotProcess(api.base_url, TOKEN, work, **env).start()
    try:
        await api.wait_until(
            lambda: all(api.replies_to(m["chat"]["id"], m["message_id"]) for m in messages),
            within=900,
        )
        await api.wait_until(lambda: "gistbot is running" in bot.log, within=60)
    finally:
        await bot.stop()
    return bot


async def interrupted(how: str, updates: int, chats: int, seed: int) -> dict[str, Any]:
    """One burst; the bot is killed (`kill9`) or stopped (`sigterm` to the group) after a random
    share of the replies went out, then restarted until everything is answered."""
    api, pages = FakeBotAPI(TOKEN), ArticleServer()
    await api.start()
    await pages.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            messages = await _burst(api, pages, updates, chats, f"{how}{seed}-")
            at = random.Random(seed).randint(updates // 10, updates // 2)
            bot = BotProcess(api.base_url, TOKEN, work, STOP_GRACE_SECONDS="5").start()
            try:
                await api.wait_until(lambda: len(api.sent) >= at, within=900)
            finally:
                if how == "kill9":
                    await bot.kill()
                else:
                    await bot.stop_group(signal.SIGTERM)
            sent_at_stop = len(api.sent)
            started = time.monotonic()
            await _finish(api, work, messages)
            return {
                "scenario": how,
                "stopped_after": sent_at_stop,
                "restart_to_done_s": round(time.monotonic() - started, 1),
                **tally(api, messages),
            }
    finally:
        await pages.stop()
        await api.stop()


async def send_faults(fault: str, count: int) -> dict[str, Any]:
    """One link whose first `count` sendMessage calls fail (`5xx`: 500 and 502 by turns; `drop`:
    the connection is closed unanswered)."""
    api, pages = FakeBotAPI(TOKEN), ArticleServer()
    await api.start()
    await pages.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(count):
                if fault == "drop":
                    api.drop_next("sendMessage", 1)
                else:
                    api.error_next("sendMessage", 1, status=500 if i % 2 == 0 else 502)
            messages = await _burst(api, pages, 1, 1, fault)
            await _finish(api, Path(tmp), messages, **FAST_RETRY)
            return {"scenario": f"{fault} x{count}", "faults_served": len(api.faulted)} | tally(
                api, messages
            )
    finally:
        await pages.stop()
        await api.stop()


async def big_burst(updates: int, chats: int) -> dict[str, Any]:
    """`updates` links over `chats` chats at once, answered by one bot run."""
    api, pages = FakeBotAPI(TOKEN), ArticleServer()
    await api.start()
    await pages.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            messages = await _burst(api, pages, updates, chats, "big")
            started = time.monotonic()
            await _finish(api, Path(tmp), messages)
            return {
                "scenario": f"burst {updates}/{chats} chats",
                "seconds": round(time.monotonic() - started, 1),
            } | tally(api, messages)
    finally:
        await pages.stop()
        await api.stop()


async def main(args: argparse.Namespace) -> None:
    rows: list[dict[str, Any]] = []
    for how in ("kill9", "sigterm"):
        for seed in range(args.rounds):
            rows.append(await interrupted(how, args.updates, args.chats, seed))
            print(json.dumps(rows[-1]), flush=True)
    for fault in ("5xx", "drop"):
        rows.append(await send_faults(fault, 3))
        print(json.dumps(rows[-1]), flush=True)
    rows.append(await big_burst(args.burst, args.chats))
    print(json.dumps(rows[-1]), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="kills and stops of each kind")
    parser.add_argument("--updates", type=int, default=200, help="updates per interrupted burst")
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--burst", type=int, default=500, help="updates of the big burst")
    asyncio.run(main(parser.parse_args()))
