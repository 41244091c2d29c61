"""`gistbot run` starts the bot; `gistbot summarize INPUT...` runs the pipeline without Telegram."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from concurrent.futures import Executor
from pathlib import Path

from bot.config import Settings
from bot.errors import GistError, InputError
from bot.models import Digest, Options, Page, TextSource, UrlSource
from bot.pipeline.core import Pipeline, make_executor
from bot.pipeline.decode import decode_body
from bot.pipeline.render import render_error, render_html, render_json, render_text

log = logging.getLogger("gistbot")

FORMATS = ("text", "html", "json")


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "run":
        from bot.app import run  # the only path that needs Telegram

        run(settings)
        return 0
    options = Options(
        length=args.length,
        sentences=args.sentences,
        language=args.language,
        quotes=not args.no_quotes,
    )
    return asyncio.run(summarize_inputs(args.inputs, options, args.format, settings))


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


async def summarize_inputs(
    inputs: Sequence[str], options: Options, fmt: str, settings: Settings
) -> int:
    """Summarize every input, print one result per input in order; 1 if any failed."""
    # One input: work in this process (a pool costs more to start than it saves). Batches: both cores.
    executor: Executor | None = make_executor(settings.workers) if len(inputs) > 1 else None
    pipeline = Pipeline.create(settings.fetch_limits(), executor=executor)
    failed = 0
    try:
        jobs = [asyncio.ensure_future(_one(pipeline, item, options)) for item in inputs]
        for item, job in zip(inputs, jobs, strict=True):
            try:
                digest = await job
            except GistError as exc:
                failed += 1
                log.info("%s: %s", item, exc)
                _print_failure(item, exc.user_message, fmt)
            except Exception as exc:
                failed += 1
                log.exception("unexpected failure on %s", item, exc_info=exc)
                _print_failure(item, "Sorry, something went wrong on my side.", fmt)
            else:
                _print_digest(item, digest, fmt)
    finally:
        await pipeline.close()
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return 1 if failed else 0


async def _one(pipeline: Pipeline, item: str, options: Options) -> Digest:
    if item == "-":
        return await pipeline.run(TextSource(_decode(sys.stdin.buffer.read())), options)
    if "://" in item or item.lower().startswith("www."):
        return await pipeline.run(UrlSource(item), options)
    path = Path(item)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except OSError as exc:
        raise InputError(str(exc), user_message=f"Can't read {item}: {exc.strerror}.") from exc
    is_html = path.suffix.lower() in {".html", ".htm"}
    text = _decode(data, html=is_html)
    if is_html:
        page = Page(url="", text=text, content_type="text/html", charset="utf-8")
        return await pipeline.run_page(page, options)
    return await pipeline.run(TextSource(text), options)


def _decode(data: bytes, *, html: bool = False) -> str:
    """Local files and stdin get the fetcher's decoding: BOM, UTF-8, declared charset, detection."""
    return decode_body(data, None, html=html)[0]


def _print_digest(item: str, digest: Digest, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(render_json(digest, item), ensure_ascii=False), flush=True)
    elif fmt == "html":
        print(render_html(digest) + "\n", flush=True)
    else:
        print(render_text(digest) + "\n", flush=True)


def _print_failure(item: str, message: str, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(render_error(item, message), ensure_ascii=False), flush=True)
    else:
        print(f"{item}: {message}", file=sys.stderr, flush=True)
