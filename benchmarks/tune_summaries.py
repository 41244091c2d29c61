"""Grid search of the summarizer's lead-block constants on a DEV set (never on a test set).

    python -m benchmarks.tune_summaries --data /work/shared/data/summaries-cnndm-dev

Prints every setting's mean ROUGE-1/2/L F1 at 3 sentences, best R-2 last (180 settings, about
a minute). The lead-block constants in bot/pipeline/summarize.py were chosen from this output on
the CNN/DM dev sample (84 articles): the best R-2 inside a flat neighbourhood (0.7/0.15/0.5,
R-2 0.182; its neighbours 0.180-0.182), not a lone peak.

It sets the constants in this process, so it calls the summarize stage directly (not the product
path, which runs in worker processes): use it to search, then confirm with benchmarks.summaries.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
from pathlib import Path

from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # ships no types

from benchmarks.summaries import Item, load
from bot.models import Article
from bot.pipeline.summarize import choose as module
from bot.pipeline.text import analyse
from tests.quality.scoring import rouge

GRID = {
    "POSITION_DECAY": (0.6, 0.7, 0.8, 0.9, 1.0),
    "LENGTH_WEIGHT": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3),
    "TITLE_WEIGHT": (0.0, 0.15, 0.3, 0.5, 0.75, 1.0),
}


def score(items: list[Item], count: int) -> list[tuple[float, float, float]]:
    """ROUGE-1/2/L F1 of the summarize stage's sentences on each item's own paragraphs."""
    out = []
    for item in items:
        paragraphs = tuple(p.strip() for p in item.text.split("\n\n") if p.strip())
        article = Article(title=item.title or None, paragraphs=paragraphs)
        summary = module.summarize(
            analyse(article.paragraphs, hint=item.language), article.title, count
        )
        out.append(rouge(item.reference, "\n".join(summary), item.language))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--sentences", type=int, default=3)
    args = parser.parse_args()
    items = load(args.data)
    results = []
    with threadpool_limits(limits=1, user_api="blas"):
        for values in itertools.product(*GRID.values()):
            for name, value in zip(GRID, values, strict=True):
                setattr(module, name, value)
            rows = score(items, args.sentences)
            means = tuple(statistics.fmean(r[k] for r in rows) for k in range(3))
            results.append((means[1], means, values))
    for _, means, values in sorted(results):
        setting = " ".join(f"{n}={v}" for n, v in zip(GRID, values, strict=True))
        print(f"{setting}  R-1 {means[0]:.4f}  R-2 {means[1]:.4f}  R-L {means[2]:.4f}")


if __name__ == "__main__":
    main()
