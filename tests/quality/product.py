"""The product path for every gate and benchmark: saved pages on a local HTTP server, `Pipeline.run`.

    async with open_pipeline() as pipeline, PageServer() as pages:
        url = pages.serve("/p/1", loader)               # bytes served as text/html, no charset
        results = await run_all(pipeline, [Job("1", UrlSource(url), Options())])

`open_pipeline()` is the ONE place a gate or benchmark builds a pipeline (benchmarks/product.py
re-exports it): when the constructor changes, only it changes. Sources go in exactly as a user sends
them (a link, or a message's text).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass

from aiohttp import web

from bot.config import Settings
from bot.errors import GistError
from bot.models import Options, Source
from bot.pipeline.core import Pipeline, warm_up
from bot.workers import ProcessWorkers, Workers

WORKERS = 2
CONCURRENCY = 8  # sources in flight: enough to keep 2 workers busy while others wait on the fetch


@contextlib.asynccontextmanager
async def open_pipeline(
    workers: int = WORKERS, pool: Workers | None = None
) -> AsyncIterator[Pipeline]:
    """The pipeline a user's message goes through, loopback allowed so it can fetch saved pages.

    Pass `pool` (from `make_pool`) to share one warm pool between pipelines; it stays open.
    """
    settings = Settings(_env_file=None, fetch_allow_networks="127.0.0.0/8")  # type: ignore[call-arg]  # pydantic-settings keyword
    own = pool or make_pool(workers)
    pipeline = Pipeline.from_settings(settings, own)
    try:
        yield pipeline
    finally:
        await pipeline.close()
        if pool is None:
            await own.close()


def make_pool(workers: int = WORKERS) -> ProcessWorkers:
    """The worker processes the bot runs its CPU stages in (warmed up as the bot's are)."""
    limits = Settings(_env_file=None).worker_limits()  # type: ignore[call-arg]  # the product's limits
    return ProcessWorkers(workers, initializer=warm_up, limits=limits)


class PageServer:
    """Saved pages on 127.0.0.1 (ephemeral port), read from disk only when asked for."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[], bytes]] = {}
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._serve)
        self._runner = web.AppRunner(app, access_log=None)
        self.root = ""

    def serve(self, path: str, load: Callable[[], bytes]) -> str:
        """Serve `load()`'s bytes at `path` as text/html without a charset; the page's URL."""
        self.routes[path] = load
        return self.root + path

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        load = self.routes.get(request.path_qs) or self.routes.get(request.path)
        if load is None:
            raise web.HTTPNotFound()
        body = await asyncio.get_running_loop().run_in_executor(None, load)
        response = web.Response(body=body)
        response.headers["Content-Type"] = "text/html"
        return response

    async def __aenter__(self) -> PageServer:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server  # aiohttp exposes the bound port only here
        assert isinstance(server, asyncio.base_events.Server)
        port = server.sockets[0].getsockname()[1]
        self.root = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._runner.cleanup()


@dataclass(frozen=True)
class Job:
    """One source to run: a key to find its result by, the source exactly as sent, the options."""

    key: str
    source: Source
    options: Options


@dataclass(frozen=True)
class Result:
    """What the card would show (ok) or the refusal the user would read (error type and message)."""

    key: str
    ok: bool
    headline: str | None = None
    text: str = ""
    summary: tuple[str, ...] = ()
    quotes: tuple[tuple[str, str | None], ...] = ()
    language: str | None = None
    error: str | None = None
    message: str | None = None

    @property
    def card_text(self) -> str:
        """The card's bullets joined by newlines."""
        return "\n".join(self.summary)


async def run_one(pipeline: Pipeline, job: Job) -> Result:
    """Run one source through `Pipeline.run`; a failure becomes the error the user would see."""
    try:
        digest = await pipeline.run(job.source, job.options)
    except GistError as error:
        return Result(job.key, False, error=type(error).__name__, message=error.user_message)
    except BrokenExecutor:  # a dead pool would turn every later item into a 'crash': stop instead
        raise
    except Exception as error:  # a crash is a result too: the bot would answer with its apology
        return Result(job.key, False, error=f"crash:{type(error).__name__}", message=str(error))
    return Result(
        job.key,
        True,
        headline=digest.article.title,
        text=digest.article.text,
        summary=tuple(digest.summary),
        quotes=tuple((q.text, q.speaker) for q in digest.quotes),
        language=digest.language,
    )


async def run_all(
    pipeline: Pipeline, jobs: Sequence[Job], label: str = "", concurrency: int = CONCURRENCY
) -> dict[str, Result]:
    """Every job through the pipeline, `concurrency` at a time; results by key."""
    gate = asyncio.Semaphore(concurrency)
    done = 0
    started = time.perf_counter()

    async def one(job: Job) -> Result:
        nonlocal done
        async with gate:
            result = await run_one(pipeline, job)
        done += 1
        if label and (done % 200 == 0 or done == len(jobs)):
            elapsed = time.perf_counter() - started
            print(f"  [{label}] {done}/{len(jobs)} in {elapsed:.0f} s", file=sys.stderr)
        return result

    results = await asyncio.gather(*(one(job) for job in jobs))
    return {r.key: r for r in results}
