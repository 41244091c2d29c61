"""Corpus-driven fuzzer for the pipeline: clean, extract, quotes, summarize and render.

    python -m fuzz.run --count 100000 [--data ../shared/data/extraction-dev] [--workers 2] [--seed 1]

Each input is a mutated seed (the bundled example, the test pages, and any --data pages). Every input runs
through clean (as pasted text) and extract (as HTML), then the whole CPU pipeline and the card renderer.
A GistError is an expected answer; any other exception, or a card that the Bot API would reject, is a
failure: it is counted and the input saved under fuzz/failures/ for replay. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import random
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.errors import GistError  # noqa: E402
from bot.models import Digest, Options, Page  # noqa: E402
from bot.pipeline.core import digest_page, digest_text  # noqa: E402
from tests.fakes.telegram_html import TelegramHtmlError, check  # noqa: E402

Stage = Callable[[str], Digest]
OPTIONS = Options(length="long")


def as_pasted_text(text: str) -> Digest:
    """The input as text someone pasted (clean, quotes, summarize, render)."""
    return digest_text(text, None, OPTIONS, 100_000)


def as_fetched_page(text: str) -> Digest:
    """The input as the HTML a link returned (decode, extract, quotes, summarize, render)."""
    page = Page("https://fuzz.example/a", text.encode("utf-8", "surrogatepass"), "text/html")
    return digest_page(page, OPTIONS, 100_000)


STAGES: tuple[Stage, ...] = (as_pasted_text, as_fetched_page)

FAILURES = ROOT / "fuzz" / "failures"
SPICE = [
    "“", "”", "«", "»", "„", "‘", "’", '"', "'", "<", ">", "&", "&amp;", "\u200b", "\u202e", "\u0301",
    "😀", "𝕏", "\x00", "\r", "\n\n", "\t", "…", " — ", "said", "told reporters", "заявил", "<b>", "</i>",
    "<p>", "</p>", "<script>", "<!--", "]]>", "\ufeff", "\ud7ff", "Ω", "ß", "İ", "ﬁ", ". ", "? ", "\\",
]  # fmt: skip


def seeds(data_dirs: list[Path]) -> list[str]:
    """Texts to mutate: the bundled example, test pages, and pages from --data folders."""
    found = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((ROOT / "examples").iterdir())
    ]
    found += [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((ROOT / "tests" / "data").rglob("*"))
        if p.is_file() and p.suffix in {".txt", ".html", ".jsonl"}
    ]
    for folder in data_dirs:
        for p in sorted(folder.rglob("*.html.gz"))[:20]:
            found.append(gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace"))
    return found


def mutate(rng: random.Random, corpus: list[str]) -> str:
    """One fuzzed input: a seed, cut and spliced, with hostile characters and shapes mixed in."""
    text = rng.choice(corpus)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(9)
        i = rng.randrange(len(text) + 1)
        if op == 0:
            text = text[:i] + rng.choice(SPICE) * rng.randint(1, 50) + text[i:]
        elif op == 1:
            j = rng.randrange(len(text) + 1)
            text = text[: min(i, j)] + text[max(i, j) :]
        elif op == 2:
            other = rng.choice(corpus)
            k = rng.randrange(len(other) + 1)
            text = text[:i] + other[k : k + rng.randint(0, 5000)] + text[i:]
        elif op == 3:
            chunk = text[i : i + rng.randint(1, 200)]
            text = text[:i] + chunk * rng.randint(2, 200) + text[i:]
        elif op == 4:
            text = (
                text[:i]
                + "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randint(1, 300)))
                + text[i:]
            )
        elif op == 5:
            text = text[:i] + "\n" * _sized(rng, 3000) + text[i:]
        elif op == 6:
            text = text[:i] + "word\n" * _sized(rng, 5000) + text[i:]
        elif op == 7:
            text = text[:i] + "x" * _sized(rng, 200_000) + text[i:]
        else:
            text = text[: rng.randint(0, 400)]
    return "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)


def _sized(rng: random.Random, most: int) -> int:
    """A count from 1 to `most`, log-uniform: mostly small, now and then the hostile extreme."""
    return max(1, round(most ** rng.random()))


def run_one(text: str, stages: tuple[Stage, ...] = STAGES) -> str | None:
    """Push one input through the pipeline's CPU path both ways (pasted, fetched); None when all
    is well, else the failure: an exception that escaped, or a card Telegram would refuse."""
    try:
        for stage in stages:
            try:
                digest = stage(text)
            except GistError:
                continue
            check(digest.card)
    except TelegramHtmlError as exc:
        return f"invalid card: {exc}"
    except Exception:
        return traceback.format_exc()
    return None


def batch(args: tuple[int, int, list[str]]) -> list[tuple[str, str]]:
    seed, count, corpus = args
    rng = random.Random(seed)
    failures = []
    for _ in range(count):
        text = mutate(rng, corpus)
        problem = run_one(text)
        if problem is not None:
            failures.append((text, problem))
    return failures


def jobs(
    seed: int, total: int, size: int, corpus: list[str]
) -> Iterator[tuple[int, int, list[str]]]:
    for n, start in enumerate(range(0, total, size)):
        yield (seed * 1_000_003 + n, min(size, total - start), corpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--data", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    corpus = seeds(args.data)
    start = time.perf_counter()
    failures: list[tuple[str, str]] = []
    with ProcessPoolExecutor(args.workers) as pool:
        for found in pool.map(batch, jobs(args.seed, args.count, 250, corpus)):
            failures += found
    for text, problem in failures:
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:16]
        (FAILURES / f"{name}.txt").write_text(text, encoding="utf-8", errors="replace")
        (FAILURES / f"{name}.err").write_text(problem, encoding="utf-8")
    seconds = time.perf_counter() - start
    print(
        f"{args.count} inputs, {len(corpus)} seeds, seed {args.seed}: {len(failures)} failures in {seconds:.0f} s"
    )
    for _, problem in failures[:5]:
        print("---\n" + problem[-1500:])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
