"""Past one machine, on one machine: 1 ingress + N workers (`gistbot ingress`, `gistbot worker`) on a
real PostgreSQL server, through the fake Bot API, with the rate limit off.

    python -m benchmarks.scale                          # 1,000 updates over 200 chats (minutes)
    python -m benchmarks.scale --updates 200 --chats 40 # a quick look

Three runs, each on a fresh database: 3 workers, then 1 worker (the scaling ratio: replies per
second of 3 workers over 1, measured in the same invocation), then 3 workers with a kill -9 of
one worker after a quarter of the replies and of the ingress after half (the ingress restarted,
the worker not): lost and duplicated replies, and whether each chat's cards kept its order.
Each worker runs WORKERS=1 CPU process. Prints one JSON object per run and the load (`uptime`).

The processes are the ones compose.yaml starts (tests/e2e/process.py runs `python -m bot ROLE`);
the PostgreSQL server is started from the machine's binaries (tests/storage/pg_server.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.e2e.harness import TOKEN
from tests.e2e.process import BotProcess
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI
from tests.storage.pg_server import PgServer, find_bindir, start_server

ROLE_ENV = {
    "TELEGRAM_OVERALL_RATE": "0",  # the rate limit off: what the roles can do, not Telegram
    "TELEGRAM_GROUP_RATE_PER_MINUTE": "0",
    "QUEUE_HEARTBEAT_SECONDS": "1",
    "QUEUE_STALLED_SECONDS": "5",
    "DELIVERY_RETRY_SECONDS": "0.2",
    "LOG_LEVEL": "INFO",
}
_databases = iter(range(1, 1000))


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def tally(api: FakeBotAPI, messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Lost and duplicated replies; chats whose cards went out in another order than asked."""
    counts = [len(api.replies_to(m["chat"]["id"], m["message_id"])) for m in messages]
    chats = {m["chat"]["id"] for m in messages}
    out_of_order = 0
    for chat in chats:
        first_replies: list[int] = []
        for sent in api.sent:
            mine = sent.chat_id == chat and sent.reply_to is not None
            if mine and sent.reply_to not in first_replies:
                first_replies.append(sent.reply_to)
        out_of_order += first_replies != sorted(first_replies)
    return {
        "updates": len(messages),
        "lost": sum(1 for c in counts if c == 0),
        "duplicates": sum(c - 1 for c in counts if c > 1),
        "chats_out_of_order": out_of_order,
        "sorry": sum(1 for s in api.sent if "Sorry" in s.text),
        "busy": sum(1 for s in api.sent if "busy" in s.text),
    }


async def one_run(
    server: PgServer, workers: int, updates: int, chats: int, faults: bool
) -> dict[str, Any]:
    name = f"scale_{next(_databases)}"
    server.create_database(name)
    url = server.url(name)
    api, pages = FakeBotAPI(TOKEN), ArticleServer()
    await api.start()
    await pages.start()
    processes: list[BotProcess] = []

    def start(command: str) -> BotProcess:
        process = BotProcess(
            api.base_url, TOKEN, work, command=command, DATABASE_URL=url, **ROLE_ENV
        ).start()
        processes.append(process)
        return process

    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            try:
                return await _measure(api, pages, start, processes, workers, updates, chats, faults)
            except BaseException:
                for process in processes:
                    print(f"--- {process.command} log, last lines:\n{process.log[-3000:]}")
                raise
    finally:
        for process in processes:
            if process.proc is not None and process.proc.poll() is None:
                await process.kill()
        await pages.stop()
        await api.stop()


async def _measure(
    api: FakeBotAPI,
    pages: ArticleServer,
    start: Callable[[str], BotProcess],
    processes: list[BotProcess],
    workers: int,
    updates: int,
    chats: int,
    faults: bool,
) -> dict[str, Any]:
    """Start the roles, send the burst, wait for every reply (killing as told); the figures."""
    crew = [start("worker") for _ in range(workers)]
    ingress = start("ingress")
    # Ready: every worker warmed up its CPU process and takes jobs, the ingress polls.
    await api.wait_until(
        lambda: (
            all("gistbot worker is running" in w.log for w in crew)
            and "gistbot ingress is running" in ingress.log
        ),
        within=120,
    )
    messages = [
        api.send_text(api.chat(20_000 + i % chats), pages.url(f"s{workers}-{i}"))
        for i in range(updates)
    ]
    started = time.monotonic()

    def answered() -> int:
        return sum(1 for m in messages if api.replies_to(m["chat"]["id"], m["message_id"]))

    if faults:
        await api.wait_until(lambda: answered() >= updates // 4, within=1800)
        await crew[0].kill()
        await api.wait_until(lambda: answered() >= updates // 2, within=1800)
        await ingress.kill()
        ingress = start("ingress")
    await api.wait_until(lambda: answered() == updates, within=3600)
    elapsed = max(s.at for s in api.sent) - started
    await asyncio.sleep(2)  # a late duplicate would show now
    result = {
        "workers": workers,
        "faults": "kill -9 of 1 worker at 25%, of the ingress at 50%" if faults else None,
        "seconds": round(elapsed, 1),
        "replies_per_second": round(updates / elapsed, 2),
        **tally(api, messages),
    }
    for process in processes:
        assert process.proc is not None
        if process.proc.poll() is None:
            await process.stop()
    return result


async def main(args: argparse.Namespace) -> None:
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server binaries not found (scripts/install-postgres.sh)")
    server = start_server(bindir)
    try:
        print(json.dumps({"machine": f"{os.cpu_count()} cores, shared", "load": _uptime()}))
        results = []
        for workers, faults in ((3, False), (1, False), (3, True)):
            if workers not in args.workers and not faults:
                continue
            if faults and args.no_faults:
                continue
            result = await one_run(server, workers, args.updates, args.chats, faults)
            result["load"] = _uptime()
            results.append(result)
            print(json.dumps(result), flush=True)
        rates = {r["workers"]: r["replies_per_second"] for r in results if not r["faults"]}
        if 1 in rates and 3 in rates:
            print(json.dumps({"scaling_3_over_1": round(rates[3] / rates[1], 2)}))
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="*", default=[3, 1])
    parser.add_argument("--no-faults", action="store_true")
    asyncio.run(main(parser.parse_args()))
