"""Pasted-text benchmark: how well `clean` recovers the article from a whole page's copied text.

    python -m benchmarks.pasted --data /work/shared/data/extraction-dev          # shipped model
    python -m benchmarks.pasted --data /work/shared/data/extraction-dev --cv     # held-out pages

Each dev page is rendered to the text a browser's select-all copy gives (benchmarks.devpages),
cleaned, and the body scored against the true articleBody with the extraction metric
(benchmarks.metrics).
The headline is right when its word F1 against the page's og:title, <h1> or <title> is >= 0.8.
The shipped model was trained on these very pages, so its numbers are optimistic; `--cv` retrains
on folds of pages and scores each page with models that never saw it (needs scikit-learn, from the
`test` extra).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.devpages import DevPage, load
from benchmarks.metrics import Score, Summary, score_pages, word_f1
from bot.pipeline.clean import clean


def headline_right(title: str | None, page: DevPage) -> bool:
    """Word F1 >= 0.8 against any of the page's own titles."""
    return title is not None and any(word_f1(title, t) >= 0.8 for t in page.titles)


def run_shipped(pages: list[DevPage], verbose: bool) -> tuple[Summary, float]:
    """Scores of the shipped `clean` on every page."""
    pairs: list[tuple[str, str]] = []
    heads = []
    for page in pages:
        article = clean(page.text)
        pairs.append((article.text, page.body))
        heads.append(headline_right(article.title, page))
        if verbose:
            s = Score.of(article.text, page.body)
            print(
                f"  {page.page_id[:10]}  P={s.precision or 0:.2f} R={s.recall:.2f} "
                f"head={'ok ' if heads[-1] else 'BAD'} {article.title!r:.70}"
            )
    return score_pages(pairs), sum(heads) / len(heads)


def run_cv(data: Path, folds: int) -> tuple[Summary, float]:
    """Held-out scores: models trained on the other folds' pages (benchmarks.train_clean)."""
    from benchmarks import train_clean as tc

    everything = tc.prepare_all(list(load(data)), augment=False)  # as the shipped model
    probs = tc.out_of_fold(everything, folds, tc.INNER_FOLDS)
    result = tc.held_out(everything, probs, folds)
    print(result.table())
    return result.summary, result.headline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the extraction-dev folder")
    parser.add_argument(
        "--cv", action="store_true", help="cross-validate instead of the shipped model"
    )
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--pages", action="store_true", help="print every page's scores")
    args = parser.parse_args()

    print(f"$ python -m benchmarks.pasted {' '.join(sys.argv[1:])}")
    pages = list(load(args.data))
    baseline = score_pages((p.text, p.body) for p in pages)
    started = time.perf_counter()
    if args.cv:
        label = f"clean, {args.folds}-fold CV (held-out pages)"
        result, heads = run_cv(args.data, args.folds)
    else:
        label = "clean, shipped model (trained on these pages)"
        result, heads = run_shipped(pages, args.pages)
    elapsed = time.perf_counter() - started
    print(f"{len(pages)} pages; {elapsed:.1f} s")
    print(f"{'method':48} {'F1':>6} {'prec':>6} {'recall':>6} {'exact':>6} {'headline':>8}")
    print(
        f"{'no cleaning (whole pasted text)':48} {baseline.f1:6.3f} {baseline.precision:6.3f} "
        f"{baseline.recall:6.3f} {baseline.accuracy:6.3f} {'-':>8}"
    )
    print(
        f"{label:48} {result.f1:6.3f} {result.precision:6.3f} {result.recall:6.3f} "
        f"{result.accuracy:6.3f} {heads:8.3f}"
    )


if __name__ == "__main__":
    main()
