"""Runaway pages, worker deaths and the memory cap, through the product path (`Pipeline.run`).

    python -m benchmarks.reliability                 # all three parts
    python -m benchmarks.reliability --parts runaway --normal 40

runaway  issue 10's two pathological pages (one tag with 400k attributes, 3.6 MB; 250k table rows)
         sent as links at once, while `--normal` ordinary links (wcxb-dev TUNE articles, one chat
         each) arrive one every `--pace` seconds (0: all at once): seconds to each runaway's answer, the peak RSS of every process meanwhile
         (sampled every 20 ms), and the ordinary links' p50/p95 reply times, beside the same links
         sent without the runaways.
backstop the same two pages with the parse guard switched off in the workers: what the per-job
         time limit and the memory cap alone make of them (answer time, peak RSS).
kill     SIGKILL every worker between links, then send a link: does it get its card, how fast.
memory   the `--largest` largest wcxb-dev TUNE pages under the product's per-worker address-space
         cap (WORKER_MEMORY_MB): how many are refused as too complex (should be 0), peak mapped and
         resident memory of the workers.
The pool is the product's (`open_pipeline`: 2 workers, Settings' limits, loopback allowed).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import signal
import statistics
import sys
import threading
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.product import Job, PageServer, find_data, open_pipeline, run_one
from benchmarks.splits import part_of, site_of
from bot.config import Settings
from bot.models import Options, UrlSource
from bot.pipeline.core import Pipeline, warm_up
from bot.workers import ProcessWorkers


def many_attributes_page(count: int = 400_000) -> bytes:
    attributes = "".join(f' a{i}=""' for i in range(count))
    return (
        f"<html><head><title>A</title></head><body><div{attributes}>x</div></body></html>".encode()
    )


def many_rows_page(count: int = 250_000) -> bytes:
    rows = "<tr><td>1</td></tr>" * count
    return f"<html><head><title>R</title></head><body><table>{rows}</table></body></html>".encode()


def tune_articles(data: Path, count: int, *, largest: bool = False) -> list[tuple[str, bytes]]:
    """(id, html bytes) of wcxb-dev TUNE pages: the first `count` articles, or the `count` largest
    pages of any type (a reader may send any link)."""
    folder = data / "wcxb-dev"
    with gzip.open(folder / "ground-truth.jsonl.gz", "rt") as lines:
        rows = [json.loads(line) for line in lines]
    rows = [
        r
        for r in rows
        if (largest or r["page_type"] == "article") and part_of(site_of(r["url"])) == "tune"
    ]
    pages = [
        (r["id"], gzip.decompress((folder / "html" / f"{r['id']}.html.gz").read_bytes()))
        for r in rows
    ]
    if largest:
        pages.sort(key=lambda p: -len(p[1]))
    return pages[:count]


class MemoryWatch:
    """Peak VmRSS and VmSize (MB) of this process and each worker, sampled every 20 ms."""

    def __init__(self, pool: ProcessWorkers) -> None:
        self.pool = pool
        self.peaks: dict[str, tuple[int, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, pid in [("bot", os.getpid()), *((f"worker {p}", p) for p in self.pool.pids)]:
                rss, size = _vm(pid)
                old = self.peaks.get(name, (0, 0))
                self.peaks[name] = (max(old[0], rss), max(old[1], size))
            time.sleep(0.02)


def _vm(pid: int) -> tuple[int, int]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0, 0
    values = {k: v for k, _, v in (line.partition(":") for line in lines)}
    return (
        int(values.get("VmRSS", "0 kB").split()[0]) // 1024,
        int(values.get("VmSize", "0 kB").split()[0]) // 1024,
    )


async def timed(pipeline: Pipeline, url: str, delay: float = 0.0) -> tuple[float, str]:
    """Seconds to the answer (from `delay` on) and what it was ('card' or the error class)."""
    await asyncio.sleep(delay)
    started = time.perf_counter()
    result = await run_one(pipeline, Job(url, UrlSource(url), Options()))
    return time.perf_counter() - started, "card" if result.ok else str(result.error)


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


async def runaway(
    pipeline: Pipeline, pages: PageServer, normal: list[tuple[str, bytes]], pace: float
) -> None:
    urls = [pages.serve(f"/n/{key}", lambda b=body: b) for key, body in normal]
    bad = {
        "400k attributes": pages.serve("/bad/attrs", many_attributes_page),
        "250k table rows": pages.serve("/bad/rows", many_rows_page),
    }
    await asyncio.gather(*(timed(pipeline, u) for u in urls[:4]))  # warm caches and connections
    alone = await asyncio.gather(*(timed(pipeline, u, i * pace) for i, u in enumerate(urls)))
    assert isinstance(pipeline.workers, ProcessWorkers)
    with MemoryWatch(pipeline.workers) as watch:
        answers = await asyncio.gather(
            *(timed(pipeline, u) for u in bad.values()),
            *(timed(pipeline, u, i * pace) for i, u in enumerate(urls)),
        )
    print(f"runaway pages sent at once, with {len(urls)} ordinary links, one every {pace} s:")
    for name, (seconds, what) in zip(bad, answers[: len(bad)], strict=True):
        print(f"  {name:16s} answered {what} in {seconds:.2f} s")
    others = answers[len(bad) :]
    for label, got in (("alone", alone), ("with runaways", others)):
        times = [s for s, _ in got]
        cards = sum(what == "card" for _, what in got)
        print(
            f"  ordinary links {label:14s} p50 {statistics.median(times):.2f} s"
            f"  p95 {p95(times):.2f} s  cards {cards}/{len(got)}"
        )
    for name, (rss, size) in sorted(watch.peaks.items()):
        print(f"  peak {name:18s} RSS {rss:4d} MB  mapped {size:5d} MB")


def warm_up_without_guard() -> None:
    """A worker's warm-up with `extract.check_structure` switched off (the backstop part only)."""
    from bot.pipeline import extract

    extract.check_structure = lambda html: None
    warm_up()


async def backstop(pages: PageServer) -> None:
    limits = Settings(_env_file=None).worker_limits()  # type: ignore[call-arg]  # the product's
    pool = ProcessWorkers(2, initializer=warm_up_without_guard, limits=limits)
    await pool.warm_up()
    bad = {
        "400k attributes": pages.serve("/backstop/attrs", many_attributes_page),
        "250k table rows": pages.serve("/backstop/rows", many_rows_page),
    }
    async with open_pipeline(pool=pool) as pipeline:
        with MemoryWatch(pool) as watch:
            answers = await asyncio.gather(*(timed(pipeline, u) for u in bad.values()))
    await pool.close()
    print("the same pages without the parse guard (time and memory limits only):")
    for name, (seconds, what) in zip(bad, answers, strict=True):
        print(f"  {name:16s} answered {what} in {seconds:.2f} s")
    for name, (rss, size) in sorted(watch.peaks.items()):
        print(f"  peak {name:18s} RSS {rss:4d} MB  mapped {size:5d} MB")


async def kill(pipeline: Pipeline, pages: PageServer, normal: list[tuple[str, bytes]]) -> None:
    assert isinstance(pipeline.workers, ProcessWorkers)
    urls = [pages.serve(f"/k/{key}", lambda b=body: b) for key, body in normal[:3]]
    print("kill -9 of every worker between links:")
    for round_, url in enumerate(urls, 1):
        await timed(pipeline, url)
        for pid in pipeline.workers.pids:
            os.kill(pid, signal.SIGKILL)
        seconds, what = await timed(pipeline, url)
        print(f"  round {round_}: next link answered {what} in {seconds:.2f} s (new workers start)")


async def memory(pipeline: Pipeline, pages: PageServer, largest: list[tuple[str, bytes]]) -> None:
    assert isinstance(pipeline.workers, ProcessWorkers)
    urls = [pages.serve(f"/m/{key}", lambda b=body: b) for key, body in largest]
    with MemoryWatch(pipeline.workers) as watch:
        answers = [await timed(pipeline, u) for u in urls]
    sizes = [len(body) for _, body in largest]
    outcomes: dict[str, int] = {}
    for _, what in answers:
        outcomes[what] = outcomes.get(what, 0) + 1
    print(
        f"the {len(urls)} largest wcxb-dev TUNE pages ({min(sizes) / 1e6:.1f}-{max(sizes) / 1e6:.1f} MB):"
    )
    print(f"  answers {outcomes}; slowest {max(s for s, _ in answers):.2f} s")
    for (key, body), (seconds, what) in zip(largest, answers, strict=True):
        if seconds > 3 or what != "card":
            print(f"  slow: wcxb-dev {key} ({len(body) / 1e6:.1f} MB) {what} in {seconds:.2f} s")
    for name, (rss, size) in sorted(watch.peaks.items()):
        print(f"  peak {name:18s} RSS {rss:4d} MB  mapped {size:5d} MB")


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--parts", nargs="+", default=["runaway", "backstop", "kill", "memory"])
    parser.add_argument("--normal", type=int, default=40)
    parser.add_argument("--largest", type=int, default=20)
    parser.add_argument("--pace", type=float, default=0.5, help="seconds between ordinary links")
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    data = find_data(args.data)
    normal = tune_articles(data, args.normal)
    async with open_pipeline() as pipeline, PageServer() as pages:
        assert isinstance(pipeline.workers, ProcessWorkers)
        print(f"limits: {pipeline.workers.limits}; load {os.getloadavg()[0]:.1f}")
        if "runaway" in args.parts:
            await runaway(pipeline, pages, normal, args.pace)
        if "backstop" in args.parts:
            await backstop(pages)
        if "kill" in args.parts:
            await kill(pipeline, pages, normal)
        if "memory" in args.parts:
            await memory(pipeline, pages, tune_articles(data, args.largest, largest=True))


if __name__ == "__main__":
    asyncio.run(main())
