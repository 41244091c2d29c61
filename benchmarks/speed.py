"""Speed: articles/s from HTML bytes to card, and summarizing time against article length.

    python benchmarks/speed.py --data ../shared/data/extraction-dev [--workers 2] [--rounds 4]

Part 1 pushes every page (decode -> extract -> summarize -> quotes -> render) through the same process
pool the bot uses, after a warm-up round, and reports pages per second. Part 2 builds long articles from the
pages' own sentences (1k-20k words) and times the CPU stages for each in this process.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
from concurrent.futures import Executor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from bot.models import Article, Options, Page
from bot.pipeline.core import digest_article, digest_page, warm_up


def card_from_bytes(data: bytes, url: str) -> int:
    """Bytes to card, all in the worker: what the bot pays per article after the fetch."""
    return len(digest_page(Page(url, data, "text/html"), Options(), 100_000).card)


def throughput(pages: list[bytes], executor: Executor, rounds: int) -> float:
    list(executor.map(card_from_bytes, pages, ["https://example.com/"] * len(pages)))  # warm-up
    work = pages * rounds
    start = time.perf_counter()
    list(executor.map(card_from_bytes, work, ["https://example.com/"] * len(work), chunksize=4))
    return len(work) / (time.perf_counter() - start)


def long_article(paragraphs: list[str], words: int) -> Article:
    out: list[str] = []
    count = 0
    while count < words:
        for p in paragraphs:
            out.append(p)
            count += len(p.split())
            if count >= words:
                break
    return Article(title="A long article", paragraphs=tuple(out))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    pages = [
        gzip.decompress(p.read_bytes()) for p in sorted((args.data / "html").glob("*.html.gz"))
    ]
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(args.workers, mp_context=spawn, initializer=warm_up) as executor:
        rate = throughput(pages, executor, args.rounds)
    print(
        f"bytes -> card: {rate:.1f} articles/s ({len(pages)} pages x {args.rounds} rounds, {args.workers} workers)"
    )

    from bot.pipeline.extract import extract

    paragraphs = [
        p
        for data in pages[:20]
        for p in extract(data.decode("utf-8", "replace"), None).paragraphs
        if len(p.split()) > 8
    ]
    digest_article(long_article(paragraphs, 500), Options())  # warm-up: lazy models, caches
    print("words   sentences  ms (median of 5)")
    for words in (1_000, 5_000, 10_000, 20_000):
        article = long_article(paragraphs, words)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            digest = digest_article(article, Options())
            times.append((time.perf_counter() - start) * 1000)
        sentences = sum(p.count(". ") + 1 for p in article.paragraphs)
        print(
            f"{digest.words:6d}  {sentences:9d}  {statistics.median(times):7.1f}  ({len(digest.summary)} bullets)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
