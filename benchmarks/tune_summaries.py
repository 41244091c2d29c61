"""Grid search of the summarizer's lead-block constants on a DEV set (never on a test set).

    python -m benchmarks.tune_summaries --data /work/shared/data/summaries-cnndm-dev

Prints every setting's mean ROUGE-1/2/L F1 at 3 sentences, best R-2 last (180 settings, about
a minute). The lead-block constants in bot/pipeline/summarize.py were chosen from this output on
the CNN/DM dev sample (84 articles): the best R-2 inside a flat neighbourhood (0.7/0.15/0.5,
R-2 0.182; its neighbours 0.180-0.182), not a lone peak.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
from pathlib import Path

from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # ships no types

from benchmarks.summaries import gistbot, load, score
from bot.pipeline.summarize import choose as module

GRID = {
    "POSITION_DECAY": (0.6, 0.7, 0.8, 0.9, 1.0),
    "LENGTH_WEIGHT": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3),
    "TITLE_WEIGHT": (0.0, 0.15, 0.3, 0.5, 0.75, 1.0),
}


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
            rows = score(items, gistbot, args.sentences)
            means = tuple(statistics.fmean(r[k] for r in rows) for k in range(3))
            results.append((means[1], means, values))
    for _, means, values in sorted(results):
        setting = " ".join(f"{n}={v}" for n, v in zip(GRID, values, strict=True))
        print(f"{setting}  R-1 {means[0]:.4f}  R-2 {means[1]:.4f}  R-L {means[2]:.4f}")


if __name__ == "__main__":
    main()
