"""`gistbot run` starts the bot; `gistbot summarize INPUT...` runs the pipeline without Telegram."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sqlite3
import sys
from collections import deque
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from bot.config import Settings
from bot.errors import GistError, InputError
from bot.logs import configure_logging
from bot.models import Digest, FileSource, Options, Source, UrlSource
from bot.pipeline.core import Pipeline, warm_up
from bot.pipeline.render import render_error, render_json, render_text
from bot.workers import InlineWorkers, ProcessWorkers, Workers

log = logging.getLogger("gistbot")

FORMATS = ("text", "html", "json")


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        for line in setting_errors(exc):
            print(f"gistbot: {line}", file=sys.stderr)
        return 2
    token = settings.telegram_bot_token
    configure_logging(settings.log_level, [token.get_secret_value()] if token else [])
    if args.command == "run":
        return _run(settings)
    options = Options(
        length=args.length,
        sentences=args.sentences,
        language=args.language,
        quotes=not args.no_quotes,
    )
    return asyncio.run(summarize_inputs(args.inputs, options, args.format, settings))


def _run(settings: Settings) -> int:
    """`gistbot run`: 0 after a stop signal; a start-up failure is one line on stderr, exit 1."""
    from bot.app import StartupError, run  # the only path that needs Telegram

    try:
        run(settings)
    except StartupError as exc:
        print(f"gistbot: cannot start: {exc}", file=sys.stderr)
        return 1
    except (sqlite3.Error, OSError) as exc:
        print(f"gistbot: cannot start: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


def setting_errors(exc: ValidationError) -> list[str]:
    """One line per bad setting: its environment name and what is wrong (never the value)."""
    return [
        f"bad setting {'.'.join(str(p) for p in error['loc']).upper() or '?'}: {error['msg']}"
        for error in exc.errors(include_input=False, include_url=False)
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gistbot", description="Summarize articles into cards.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the Telegram bot (polling, or webhook when WEBHOOK_URL is set)")
    s = sub.add_parser("summarize", help="summarize URLs, files or standard input without Telegram")
    s.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="URL, .html/.htm file, text file, or -"
    )
    s.add_argument("--format", choices=FORMATS, default="text")
    s.add_argument(
        "--sentences", type=int, default=None, help="summary sentences (default: by length)"
    )
    s.add_argument("--length", choices=("short", "medium", "long"), default="medium")
    s.add_argument("--language", default=None, help="language code to assume (default: detect)")
    s.add_argument("--no-quotes", action="store_true", help="leave key quotes out")
    return parser


# A batch runs in worker processes only from this many inputs on. Starting the pool (a fresh
# interpreter per worker that imports the pipeline and warms up: 2-5 s on a busy 2-core machine)
# costs more than the second core saves on fewer: measured in one run at load 5.3 on 2 cores,
# 40 saved pages took 9.8 s through the pool and 4.6 s in this process, 120 pages 12.8 s and 7.8 s.
POOL_MIN_INPUTS = 200
# Inputs read and summarized ahead of the one being printed: enough to keep the workers and the
# network busy, few enough that a long list of files is never held in memory at once.
AHEAD_PER_WORKER = 4


async def summarize_inputs(
    inputs: Sequence[str], options: Options, fmt: str, settings: Settings
) -> int:
    """Summarize every input, print one result per input in order; 1 if any failed."""
    pooled = len(inputs) >= POOL_MIN_INPUTS
    workers: Workers = (
        ProcessWorkers(settings.workers, initializer=warm_up, limits=settings.worker_limits())
        if pooled
        else InlineWorkers()
    )
    ahead = AHEAD_PER_WORKER * (settings.workers or os.cpu_count() or 1)
    pipeline = Pipeline.from_settings(settings, workers)
    failed = 0
    try:
        pending: deque[tuple[str, asyncio.Future[Digest]]] = deque()
        for item in [*inputs, None]:
            if item is not None:
                pending.append((item, asyncio.ensure_future(_one(pipeline, item, options))))
            while pending and (item is None or len(pending) > ahead):
                failed += await _report(*pending.popleft(), fmt)
    finally:
        for _, job in pending:
            job.cancel()
        await pipeline.close()
        await workers.close()
    return 1 if failed else 0


async def _report(item: str, job: asyncio.Future[Digest], fmt: str) -> int:
    """Print one input's card or failure; 1 when it failed."""
    try:
        digest = await job
    except GistError as exc:
        log.info("%s: %s", item, exc)
        _print_failure(item, exc.user_message, fmt)
        return 1
    except Exception as exc:
        log.exception("unexpected failure on %s", item, exc_info=exc)
        _print_failure(item, "Sorry, something went wrong on my side.", fmt)
        return 1
    _print_digest(item, digest, fmt)
    return 0


async def _one(pipeline: Pipeline, item: str, options: Options) -> Digest:
    return await pipeline.run(await source_of(item), options)


async def source_of(item: str) -> Source:
    """What a command-line INPUT names: a link, standard input ('-', read as text) or a file."""
    if item == "-":
        return FileSource("-", await asyncio.to_thread(sys.stdin.buffer.read))
    if "://" in item or item.lower().startswith("www."):
        return UrlSource(item)
    path = Path(item)
    try:
        return FileSource(path.name, await asyncio.to_thread(path.read_bytes))
    except OSError as exc:
        raise InputError(str(exc), user_message=f"Can't read {item}: {exc.strerror}.") from exc


def _print_digest(item: str, digest: Digest, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(render_json(digest, item), ensure_ascii=False), flush=True)
    elif fmt == "html":
        print(digest.card + "\n", flush=True)
    else:
        print(render_text(digest) + "\n", flush=True)


def _print_failure(item: str, message: str, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(render_error(item, message), ensure_ascii=False), flush=True)
    else:
        print(f"{item}: {message}", file=sys.stderr, flush=True)
