"""Speed: HTML bytes -> card, against trafilatura's extraction alone on the same bytes, same run.

    python -m benchmarks.speed [--data ../shared/data] [--wcxb 120] [--rounds 2] [--pool]

What a reader pays after the fetch is `digest_page` (decode -> extract -> analyse -> quotes ->
summarize -> keywords -> render). The reference is `trafilatura.extract` on the same bytes with the
settings we use (metadata on, comments off, the same fast/full mode): the cost of extraction alone.
Both run in this one process, page by page, interleaved, and are timed in CPU seconds
(`time.process_time`), so the ratio holds on a loaded machine where wall-clock rates do not.

1. Normal pages: extraction-dev (all) and the first `--wcxb` wcxb-dev articles; the ratio of the
   CPU sums, and each stage's share of our CPU (trafilatura's own call inside `extract` counted apart).
2. Long pages: HTML built from the pages' own paragraphs, 1k-100k words (best of `--repeats`); the
   ratio per size and the growth exponent of each from a log-log fit (1.0 = linear).
3. With `--pool`: cards per second through `--workers` worker processes, trafilatura alone through
   a pool of its own as the reference, the two passing over the pages in turn (wall clock: only
   the ratio means anything under load).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import json
import math
import multiprocessing
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.errors import GistError
from bot.models import Options, Page
from bot.pipeline import extract as extract_stage
from bot.pipeline.core import digest_page, warm_up

URL = "https://example.com/news/story"
MAX_CHARS = 100_000
LONG_SIZES = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)


def reference(data: bytes) -> None:
    """trafilatura alone: its extraction of the same bytes with the settings extract.py uses."""
    import trafilatura
    from trafilatura.settings import set_date_params

    trafilatura.extract(
        data,
        url=URL,
        with_metadata=True,
        include_comments=False,
        fast=extract_stage.FAST,
        date_extraction_params=set_date_params(extract_stage.EXTENSIVE_DATES),
    )


def card(data: bytes) -> int:
    """Ours: bytes to the rendered card, as a worker does it."""
    try:
        return len(digest_page(Page(URL, data, "text/html"), Options(), MAX_CHARS).card)
    except GistError:  # a page we refuse still costs what it cost
        return 0


def cpu(call: Callable[[], Any]) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


# --- stage shares ------------------------------------------------------------------------------


class Stages:
    """CPU seconds per stage of `digest_page`, timed by running its steps one by one."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.process_time()
        try:
            yield
        finally:
            self.seconds[name] += time.process_time() - start

    def run(self, data: bytes) -> None:
        """The steps of core.digest_page/digest_article in their order (kept in step by hand)."""
        import trafilatura

        from bot.models import Digest
        from bot.pipeline.fetch import decode
        from bot.pipeline.quotes import find_quotes, is_quote_only
        from bot.pipeline.render import render_html
        from bot.pipeline.summarize import keywords, sentence_count, summarize
        from bot.pipeline.text import analyse

        options = Options()
        inner = trafilatura.bare_extraction

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage("extract: trafilatura"):
                return inner(*args, **kwargs)

        try:
            with self.stage("decode"):
                text = decode(Page(URL, data, "text/html"))
            trafilatura.bare_extraction = timed
            try:
                with self.stage("extract: ours"):
                    article = extract_stage.extract(text, URL)
            finally:
                trafilatura.bare_extraction = inner
            with self.stage("analyse (language)"):
                analysed = analyse(article.paragraphs)
            with self.stage("quotes (+ sentence split)"):
                quotes = find_quotes(analysed, options.max_quotes, article.title)
            shown = functools.partial(is_quote_only, quotes=quotes) if quotes else None
            with self.stage("summarize"):
                summary = summarize(
                    analysed, article.title, sentence_count(analysed, options), avoid=shown
                )
            with self.stage("keywords"):
                tags = keywords(analysed, article.title)
            with self.stage("render"):
                digest = Digest(
                    article=article,
                    summary=summary,
                    quotes=quotes,
                    language=analysed.language,
                    words=analysed.words,
                    summary_words=0,
                    keywords=tags,
                )
                render_html(digest)
        except GistError:
            pass


# --- pages -------------------------------------------------------------------------------------


def normal_pages(data: Path, wcxb: int) -> list[bytes]:
    pages = [
        gzip.decompress(p.read_bytes())
        for p in sorted((data / "extraction-dev" / "html").glob("*.html.gz"))
    ]
    if wcxb:
        with gzip.open(data / "wcxb-dev" / "ground-truth.jsonl.gz", "rt", encoding="utf-8") as fh:
            ids = [
                page["id"]
                for page in map(json.loads, fh)
                if page["page_type"] == "article" and page["main_content"]
            ][:wcxb]
        pages += [
            gzip.decompress((data / "wcxb-dev" / "html" / f"{i}.html.gz").read_bytes()) for i in ids
        ]
    return pages


def long_page(paragraphs: list[str], words: int) -> bytes:
    """An article page of about `words` words made of real paragraphs, in page order, repeated."""
    out: list[str] = []
    count = 0
    while count < words:
        for p in paragraphs:
            out.append(f"<p>{html.escape(p)}</p>")
            count += len(p.split())
            if count >= words:
                break
    body = "\n".join(out)
    return (
        "<html><head><title>A long read - Example News</title></head><body><header><nav>"
        "<a href='/'>Home</a> <a href='/world'>World</a></nav></header><article>"
        f"<h1>A long read</h1>{body}</article><footer>© 2026 Example News</footer></body></html>"
    ).encode()


def slope(xs: list[float], ys: list[float]) -> float:
    """The least-squares slope of log(y) on log(x)."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum(
        (a - mx) ** 2 for a in lx
    )


# --- the parts ---------------------------------------------------------------------------------


def part_normal(pages: list[bytes], rounds: int) -> None:
    for data in pages[:5]:  # warm-up: models, caches, lazy imports
        reference(data)
        card(data)
    # Each page's fastest of `rounds` runs, interleaved: other jobs on a shared machine only ever
    # add time, so the minimum is the steadiest estimate of a page's own cost.
    refs = [math.inf] * len(pages)
    ours = [math.inf] * len(pages)
    for _ in range(rounds):
        for i, data in enumerate(pages):
            refs[i] = min(refs[i], cpu(functools.partial(reference, data)))
            ours[i] = min(ours[i], cpu(functools.partial(card, data)))
    ratios = sorted(o / r for o, r in zip(ours, refs, strict=True))
    print(
        f"normal pages ({len(pages)}, best of {rounds}): trafilatura alone "
        f"{1000 * sum(refs) / len(pages):.1f} ms/page, bytes -> card "
        f"{1000 * sum(ours) / len(pages):.1f} ms/page (CPU): ratio {sum(ours) / sum(refs):.2f}x "
        f"(per page: median {statistics.median(ratios):.2f}x, p90 {ratios[int(0.9 * len(ratios))]:.2f}x)"
    )
    stages = Stages()
    for data in pages:
        stages.run(data)
    # "extract: ours" timed the whole stage, trafilatura's call inside it included: keep our part.
    stages.seconds["extract: ours"] -= stages.seconds["extract: trafilatura"]
    total = sum(stages.seconds.values())
    print("  stage shares of our CPU (one pass):")
    for name, seconds in sorted(stages.seconds.items(), key=lambda kv: -kv[1]):
        print(
            f"    {name:28s} {100 * seconds / total:5.1f}%  {1000 * seconds / len(pages):6.1f} ms/page"
        )


def part_long(pages: list[bytes], sizes: tuple[int, ...], repeats: int) -> None:
    from bot.pipeline.extract import extract
    from bot.pipeline.fetch import decode

    paragraphs = [
        p
        for data in pages[:20]
        for p in extract(decode(Page(URL, data, "text/html")), URL).paragraphs
        if len(p.split()) > 8
    ]
    print(f"long pages   words   trafilatura ms   bytes->card ms   ratio  (CPU, best of {repeats})")
    rows = []
    for words in sizes:
        data = long_page(paragraphs, words)
        ref = min(cpu(functools.partial(reference, data)) for _ in range(repeats))
        ours = min(cpu(functools.partial(card, data)) for _ in range(repeats))
        rows.append((words, ref, ours))
        print(
            f"           {words:7d}   {1000 * ref:14.1f}   {1000 * ours:14.1f}   {ours / ref:5.2f}x"
        )
    xs = [float(w) for w, _, _ in rows]
    if len(set(xs)) < 2:
        return  # a fit needs two sizes
    print(
        f"  growth exponent (log-log fit): trafilatura {slope(xs, [r for _, r, _ in rows]):.2f}, "
        f"bytes -> card {slope(xs, [o for _, _, o in rows]):.2f}"
    )


def part_pool(pages: list[bytes], workers: int, rounds: int) -> None:
    """Pages per second through two pools of `workers` processes (trafilatura alone, ours), both
    started before timing; their passes alternate and each keeps its best, so that a change in
    the machine's load during the run does not fall on one side only."""
    spawn = multiprocessing.get_context("spawn")
    with (
        ProcessPoolExecutor(workers, mp_context=spawn, initializer=warm_up) as ref_pool,
        ProcessPoolExecutor(workers, mp_context=spawn, initializer=warm_up) as our_pool,
    ):
        list(ref_pool.map(reference, pages))  # warm-up
        list(our_pool.map(card, pages))
        best = {"ref": 0.0, "ours": 0.0}
        for _ in range(max(rounds, 2)):
            for side, pool, job in (("ref", ref_pool, reference), ("ours", our_pool, card)):
                start = time.perf_counter()
                list(pool.map(job, pages, chunksize=4))
                best[side] = max(best[side], len(pages) / (time.perf_counter() - start))
    ref, ours = best["ref"], best["ours"]
    print(
        f"pool of {workers}: trafilatura alone {ref:.1f} pages/s, bytes -> card {ours:.1f} cards/s "
        f"(wall clock, best of {max(rounds, 2)} alternating passes): {ref / ours:.2f}x the time"
    )


def main() -> int:
    from benchmarks.product import find_data

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--wcxb", type=int, default=120, help="wcxb-dev articles to add (0: none)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--long", default=",".join(map(str, LONG_SIZES)), help="long-page sizes")
    parser.add_argument("--repeats", type=int, default=3, help="runs per long page (the best)")
    parser.add_argument("--pool", action="store_true", help="also measure a worker pool")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    data = find_data(args.data)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    pages = normal_pages(data, args.wcxb)
    part_normal(pages, args.rounds)
    sizes = tuple(int(s) for s in args.long.split(",") if s)
    if sizes:
        part_long(pages, sizes, args.repeats)
    if args.pool:
        part_pool(pages, args.workers, args.rounds)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
