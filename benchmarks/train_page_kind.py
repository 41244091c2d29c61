"""Train the 'not an article' model on wcxb-dev's TUNE part -> bot/data/page_kind.json.

    python -m benchmarks.train_page_kind --wcxb /work/shared/data/wcxb-dev --cache /tmp/kinds.json

Each TUNE page goes through `bot.pipeline.extract.read_page` (what `extract` runs, the same
features); a standardised logistic regression learns articles (0) against listings and
collections (1): the pages whose card would be a list of item titles. Other page types are not
trained on: product pages, forum threads, documentation and service pages get a card when their
text reads as prose, and are only reported. Cross-validation holds out whole sites (GroupKFold);
the threshold is the out-of-fold score above which at most MAX_REFUSED of the TUNE articles lie,
and the printed table is out-of-fold. The final model is fitted on every TUNE page.
scikit-learn is needed here only (the `test` extra); the bot evaluates the model with numpy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.splits import part_of, site_of
from bot.errors import GistError
from bot.pipeline.extract import PAGE_FEATURES, read_page

MODEL_PATH = Path(__file__).resolve().parents[1] / "bot" / "data" / "page_kind.json"
MAX_REFUSED = 0.005  # share of TUNE articles refused out-of-fold (the held-out bound is 1%)
POSITIVE = ("listing", "collection")
TYPES = ("article", "listing", "collection", "product", "forum", "documentation", "service")
C = 1.0  # L2 strength of the logistic regression (sklearn's default; 0.3 and 3 within noise)


def page_row(path: str, url: str) -> list[float] | None:
    """The page's features, None when extraction itself refuses it (run in a worker)."""
    html = gzip.decompress(Path(path).read_bytes()).decode("utf-8", "replace")
    try:
        return read_page(html, url)[1]
    except GistError:
        return None


def load_rows(folder: Path, cache: Path | None, jobs: int) -> list[dict[str, object]]:
    """Every TUNE page's id, type, site and features (read from / written to `cache`)."""
    if cache and cache.exists():
        rows: list[dict[str, object]] = json.loads(cache.read_text(encoding="utf-8"))
        return rows
    with gzip.open(folder / "ground-truth.jsonl.gz", "rt", encoding="utf-8") as lines:
        truth = [json.loads(line) for line in lines if line.strip()]
    tune = [t for t in truth if part_of(site_of(t["url"])) == "tune"]
    paths = [str(folder / "html" / f"{t['id']}.html.gz") for t in tune]
    with ProcessPoolExecutor(jobs) as pool:
        found = list(pool.map(page_row, paths, [t["url"] for t in tune], chunksize=8))
    rows = [
        {"id": t["id"], "type": t["page_type"], "site": site_of(t["url"]), "x": x}
        for t, x in zip(tune, found, strict=True)
        if x is not None
    ]
    if cache:
        cache.write_text(json.dumps(rows), encoding="utf-8")
    return rows


def fit(x: np.ndarray, y: np.ndarray):  # type: ignore[no-untyped-def]  # sklearn is untyped
    """Standardised logistic regression."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=5000)).fit(x, y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wcxb", type=Path, required=True, help="the wcxb-dev folder")
    parser.add_argument("--cache", type=Path, help="keep the pages' features here (dev aid)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--no-write", action="store_true", help="cross-validate only")
    args = parser.parse_args()
    from sklearn.model_selection import GroupKFold

    print(f"$ {' '.join(sys.argv)}")
    rows = load_rows(args.wcxb, args.cache, args.jobs)
    x = np.array([r["x"] for r in rows], dtype=np.float64)
    kinds = np.array([r["type"] for r in rows])
    y = np.isin(kinds, POSITIVE).astype(np.int64)
    trained = np.isin(kinds, ("article", *POSITIVE))
    sites = {s: i for i, s in enumerate(sorted({str(r["site"]) for r in rows}))}
    groups = np.array([sites[str(r["site"])] for r in rows])
    scores = np.zeros(len(rows))
    for train, test in GroupKFold(args.folds).split(x, y, groups):
        used = train[trained[train]]
        scores[test] = fit(x[used], y[used]).predict_proba(x[test])[:, 1]
    articles = np.sort(scores[kinds == "article"])
    threshold = float(articles[int(np.ceil(len(articles) * (1 - MAX_REFUSED)))])
    print(f"{len(rows)} TUNE pages; threshold {threshold:.3f} ({args.folds}-fold CV by site)")
    print("  page type       pages  refused (out-of-fold)")
    for kind in TYPES:
        mine = scores[kinds == kind]
        print(
            f"  {kind:<14} {len(mine):6d}  {np.sum(mine > threshold):4d}  {np.mean(mine > threshold):.3f}"
        )
    if args.no_write:
        return
    model = fit(x[trained], y[trained])
    scaler, logit = model.steps[0][1], model.steps[1][1]
    data = {
        "kind": "standardised logistic regression (sklearn): P(list page, not an article)",
        "features": list(PAGE_FEATURES),
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "coef": logit.coef_[0].tolist(),
        "intercept": float(logit.intercept_[0]),
        "threshold": threshold,
        "trained_on": f"wcxb-dev TUNE: {int(trained.sum())} pages (articles, {', '.join(POSITIVE)})",
    }
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
