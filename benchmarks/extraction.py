"""The article, and only the article: links and every shape of paste, through the product path.

    python -m benchmarks.extraction                      # extraction-dev + wcxb-dev + the cnndm check
    python -m benchmarks.extraction --sets extraction-dev --limit 20 --tracks link

Links: each saved page is served by a local HTTP server (text/html, no charset) and fetched through
`UrlSource(url)`: the real fetcher, decoding and extraction. trafilatura's defaults
(`trafilatura.extract(html, url=...)`, its metadata title) run on the same bytes in the same run as
the reference. Pastes: `benchmarks/paste_shapes.py` turns each page into six shapes, each sent as
`TextSource(text)`; 'no cleaning' scores the select-all text itself. Quotes on, as in a card.

Metrics (the data READMEs'): extraction-dev, 4-word shingle bags, F1 of mean P and mean R;
wcxb-dev, word bags, means of per-page P/R/F1, with/without snippet shares. Headline right at word
F1 >= 0.8 against the title (extraction-dev: og:title, <h1> or <title>). Every table shows the TUNE
and HELD-OUT parts (benchmarks/splits.py, by site) separately.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.paste_shapes import SHAPES, page_shapes
from benchmarks.product import (
    Job,
    PageServer,
    Result,
    find_data,
    map_in_pool,
    open_pipeline,
    run_all,
)
from benchmarks.splits import Part, part_of, publisher_of, site_of
from bot.models import Options, TextSource, UrlSource
from tests.quality.scoring import (
    headline_right,
    is_article_text,
    keeps_site_suffix,
    score_pages,
    snippet_share,
    wcxb_score,
)

PARTS: tuple[Part, ...] = ("tune", "held-out")
CNNDM_KEPT_FLOOR = 0.5
LINK_GAP = 0.05  # --failures link-vs-trafilatura lists pages where our link F1 trails by more


@dataclass(frozen=True)
class DevPage:
    """One saved page with its truth: body, titles, snippets, page type and part."""

    dataset: str
    id: str
    url: str
    path: Path
    page_type: str
    body: str
    title: str  # the true headline the paste shapes start with
    titles: tuple[str, ...]  # any of these counts as the right headline
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.id}"

    @property
    def part(self) -> Part:
        return part_of(site_of(self.url))

    @property
    def route(self) -> str:
        return f"/{self.dataset}/{self.id}{urlsplit(self.url).path or '/'}"


def page_titles(html: str) -> tuple[str, ...]:
    """The page's own <h1>, og:title and <title>, whichever exist (extraction-dev has no title)."""
    import lxml.html  # type: ignore[import-untyped]  # lxml ships no stubs

    root = lxml.html.fromstring(html)
    found = [
        *(h.text_content() for h in root.xpath("//h1")[:1]),
        *root.xpath("//meta[@property='og:title']/@content"),
        *(t.text_content() for t in root.xpath("//title")[:1]),
    ]
    return tuple(" ".join(str(t).split()) for t in found if str(t).strip())


def load_extraction_dev(folder: Path) -> list[DevPage]:
    """The 47 news pages, in id order."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = folder / "html" / f"{page_id}.html.gz"
        titles = page_titles(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        body = truth[page_id]["articleBody"]
        title = titles[0] if titles else ""
        pages.append(
            DevPage(
                "extraction-dev",
                page_id,
                truth[page_id]["url"],
                path,
                "article",
                body,
                title,
                titles,
            )
        )
    return pages


def load_wcxb(folder: Path) -> list[DevPage]:
    """The 1,357 pages of seven types, in id order."""
    with gzip.open(folder / "ground-truth.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [
        DevPage(
            "wcxb-dev",
            row["id"],
            row["url"],
            folder / "html" / f"{row['id']}.html.gz",
            row["page_type"],
            row["main_content"] or "",
            row["title"] or "",
            (row["title"],) if row["title"] else (),
            tuple(row.get("with") or ()),
            tuple(row.get("without") or ()),
        )
        for row in rows
    ]


def trafilatura_defaults(path: str, url: str) -> tuple[str, str | None]:
    """trafilatura's default extraction and metadata title of the saved bytes (run in a worker)."""
    import trafilatura

    data = gzip.decompress(Path(path).read_bytes())
    text = trafilatura.extract(data, url=url) or ""
    meta = trafilatura.extract_metadata(data, default_url=url)
    return text, (meta.title if meta is not None else None)


# --- scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One track's figures on one group of pages."""

    n: int
    precision: float
    recall: float
    f1: float
    headline: float | None
    with_: float | None
    without: float | None
    cards: int

    def cells(self) -> str:
        head = "   -  " if self.headline is None else f"{self.headline:6.3f}"
        w = "   -  " if self.with_ is None else f"{self.with_:6.3f}"
        wo = "   -  " if self.without is None else f"{self.without:6.3f}"
        return (
            f"{self.n:4d} {self.f1:6.3f} {self.precision:6.3f} {self.recall:6.3f} {head} {w} {wo}"
            f" {self.cards:5d}"
        )


HEADER = f"{'n':>4} {'F1':>6} {'prec':>6} {'recall':>6} {'head':>6} {'with':>6} {'w/out':>6} {'cards':>5}"


@dataclass(frozen=True)
class Outcome:
    """A page's extracted body and headline on one track (empty text on a refusal)."""

    text: str
    headline: str | None
    ok: bool


def score_group(pages: Sequence[DevPage], outcomes: dict[str, Outcome], heads: bool = True) -> Row:
    """The set's own metric over `pages` (those with an outcome on this track)."""
    pages = [p for p in pages if p.key in outcomes]
    got = [outcomes[p.key] for p in pages]
    if not pages:
        return Row(0, 0.0, 0.0, 0.0, None, None, None, 0)
    if pages[0].dataset == "extraction-dev":
        s = score_pages((o.text, p.body) for o, p in zip(got, pages, strict=True))
        precision, recall, f1 = s.precision, s.recall, s.f1
    else:
        scores = [wcxb_score(o.text, p.body) for o, p in zip(got, pages, strict=True)]
        precision, recall, f1 = (statistics.fmean(s[k] for s in scores) for k in range(3))
    withs = [
        x
        for o, p in zip(got, pages, strict=True)
        if (x := snippet_share(o.text, p.with_)) is not None
    ]
    withouts = [
        x
        for o, p in zip(got, pages, strict=True)
        if (x := snippet_share(o.text, p.without)) is not None
    ]
    headline = (
        statistics.fmean(
            headline_right(o.headline, p.titles) for o, p in zip(got, pages, strict=True)
        )
        if heads
        else None
    )
    return Row(
        len(pages),
        precision,
        recall,
        f1,
        headline,
        statistics.fmean(withs) if withs else None,
        statistics.fmean(withouts) if withouts else None,
        sum(o.ok for o in got),
    )


def outcome(result: Result) -> Outcome:
    return Outcome(
        result.text if result.ok else "", result.headline if result.ok else None, result.ok
    )


# --- the run ------------------------------------------------------------------------------------


@dataclass
class Run:
    """Every track's outcomes and results by page key."""

    tracks: dict[str, dict[str, Outcome]]
    results: dict[str, dict[str, Result]]
    seconds: dict[str, float]
    pasted: dict[str, str] = field(default_factory=dict)  # page key -> its select-all paste


async def run_tracks(pages: Sequence[DevPage], tracks: set[str], shapes: Sequence[str]) -> Run:
    """Links through the local server, trafilatura's defaults, then every paste shape."""
    run = Run({}, {}, {})
    by_key = {p.key: p for p in pages}
    async with open_pipeline() as pipeline, PageServer() as server:
        if "link" in tracks:
            started = time.perf_counter()
            urls = {p.key: server.serve(p.route, _gunzip(p.path)) for p in pages}
            jobs = [Job(key, UrlSource(url), Options()) for key, url in urls.items()]
            results = await run_all(pipeline, jobs, "link")
            run.results["link"] = results
            run.tracks["link"] = {k: outcome(r) for k, r in results.items()}
            run.seconds["link"] = time.perf_counter() - started
            started = time.perf_counter()
            refs = await map_in_pool(
                pipeline, trafilatura_defaults, [(str(by_key[k].path), u) for k, u in urls.items()]
            )
            run.tracks["trafilatura"] = {
                k: Outcome(text, title, bool(text))
                for k, (text, title) in zip(urls, refs, strict=True)
            }
            run.seconds["trafilatura"] = time.perf_counter() - started
        if "paste" in tracks:
            started = time.perf_counter()
            made = await map_in_pool(
                pipeline,
                page_shapes,
                [(str(p.path), p.body, p.title, "select-all" in shapes) for p in pages],
            )
            run.seconds["shapes"] = time.perf_counter() - started
            texts = dict(zip([p.key for p in pages], made, strict=True))
            if "select-all" in shapes:
                run.pasted = {k: t["select-all"] for k, t in texts.items()}
                run.tracks["no cleaning"] = {
                    k: Outcome(t["select-all"], None, True) for k, t in texts.items()
                }
            for shape in shapes:
                started = time.perf_counter()
                # b-e are built from the true body: a page without one has no such paste.
                jobs = [
                    Job(p.key, TextSource(texts[p.key][shape]), Options())
                    for p in pages
                    if shape == "select-all" or p.body.strip()
                ]
                results = await run_all(pipeline, jobs, shape)
                run.results[shape] = results
                run.tracks[shape] = {k: outcome(r) for k, r in results.items()}
                run.seconds[shape] = time.perf_counter() - started
    return run


def _gunzip(path: Path) -> Callable[[], bytes]:
    return lambda: gzip.decompress(path.read_bytes())


# --- reports ------------------------------------------------------------------------------------


def report_tables(dataset: str, pages: Sequence[DevPage], run: Run) -> None:
    """Main table (articles), then F1 per page type and part, headline suffixes, refusals, bullets."""
    articles = [p for p in pages if p.page_type == "article"]
    title = "articles" if dataset == "wcxb-dev" else "news pages"
    for part in PARTS:
        group = [p for p in articles if p.part == part]
        print(f"\n{dataset} {title}, {part.upper()} part ({len(group)} pages)")
        print(f"  {'track':<22} {HEADER}")
        for name, outcomes in run.tracks.items():
            row = score_group(group, outcomes, heads=name not in ("no cleaning", "para"))
            print(f"  {name:<22} {row.cells()}")
    types = sorted({p.page_type for p in pages})
    if len(types) > 1:
        for part in PARTS:
            print(f"\n{dataset} F1 per page type, {part.upper()} part (pages: ", end="")
            print(
                ", ".join(
                    f"{t} {sum(p.page_type == t and p.part == part for p in pages)}" for t in types
                )
                + ")"
            )
            print(f"  {'track':<22} " + " ".join(f"{t[:10]:>10}" for t in types) + f" {'all':>10}")
            for name, outcomes in run.tracks.items():
                cells = []
                for t in [*types, None]:
                    group = [p for p in pages if p.part == part and (t is None or p.page_type == t)]
                    cells.append(f"{score_group(group, outcomes, heads=False).f1:10.3f}")
                print(f"  {name:<22} " + " ".join(cells))
            for track in ("link", "select-all"):
                if track in run.tracks:
                    shares = [_headline_share(pages, run, track, part, t) for t in [*types, None]]
                    label = f"headline, {track}"
                    print(f"  {label:<22} " + " ".join(f"{x:10.3f}" for x in shares))
    if "link" in run.tracks:
        print(
            f"\n{dataset} link headlines (all page types): right / keeps a site suffix / site name alone"
        )
        for part in PARTS:
            group = [p for p in pages if p.part == part and p.title]
            for name in ("link", "trafilatura"):
                got = run.tracks[name]
                right = sum(headline_right(got[p.key].headline, p.titles) for p in group)
                suffix = sum(keeps_site_suffix(got[p.key].headline, p.title) for p in group)
                alone = sum(_site_alone(got[p.key].headline, p) for p in group)
                print(
                    f"  {part:<9} {name:<12} {right:4d}/{len(group)} right ({right / max(1, len(group)):.3f})"
                    f"  {suffix:3d} keep a site suffix  {alone:3d} the site name alone"
                )
    _report_refusals(dataset, pages, run)
    _report_bullets(dataset, pages, run)
    _report_limits(dataset, articles, run)


# A page whose card keeps less than this share of its true body's words lost the article, not a
# paragraph: counted apart, as the decoder kept the wrong part of the page.
COLLAPSE_RECALL = 0.5


def _report_limits(dataset: str, articles: Sequence[DevPage], run: Run) -> None:
    """Two ceilings on the article figures: how many select-all pastes hold the title as a line at
    all (no paste headline can be right without one), and how many cards kept less than half the
    true body (a collapse: the wrong part of the page kept)."""
    if dataset != "wcxb-dev":
        return
    print(f"\n{dataset} articles: where the figures are lost")
    for part in PARTS:
        group = [p for p in articles if p.part == part and p.body.strip()]
        if not group:
            continue
        cells = []
        if run.pasted:
            holding = sum(
                any(
                    headline_right(line.strip(), p.titles)
                    for line in run.pasted[p.key].splitlines()
                )
                for p in group
                if p.key in run.pasted
            )
            cells.append(f"select-all pastes holding the title as a line {holding}/{len(group)}")
        for track in ("link", "select-all"):
            got = run.tracks.get(track)
            if got is None:
                continue
            scored = [wcxb_score(got[p.key].text, p.body) for p in group if p.key in got]
            low = [sc for sc in scored if sc[1] < COLLAPSE_RECALL]
            lost = sum(1 - sc[1] for sc in scored)
            share = sum(1 - sc[1] for sc in low) / lost if lost else 0.0
            cells.append(
                f"{track}: {len(low)} kept < {COLLAPSE_RECALL:.0%} of the body "
                f"({share:.0%} of the recall lost)"
            )
        print(f"  {part:<9} " + "; ".join(cells))


def _headline_share(
    pages: Sequence[DevPage], run: Run, track: str, part: str, page_type: str | None
) -> float:
    group = [
        p
        for p in pages
        if p.part == part and (page_type is None or p.page_type == page_type) and p.title
    ]
    got = run.tracks[track]
    group = [p for p in group if p.key in got]
    return (
        statistics.fmean(headline_right(got[p.key].headline, p.titles) for p in group)
        if group
        else 0.0
    )


def _site_alone(headline: str | None, page: DevPage) -> bool:
    """The headline is only the site's name (its words all in the host name, as 'NPR' for npr.org)."""
    if not headline:
        return False
    host = site_of(page.url).replace(".", " ").replace("-", " ").lower()
    words = headline.lower().replace(" ", "")
    return bool(words) and words in host.replace(" ", "") and len(words) >= 3


def _report_refusals(dataset: str, pages: Sequence[DevPage], run: Run) -> None:
    print(f"\n{dataset} cards vs refusals per page type (tune + held-out; top refusal reasons)")
    types = sorted({p.page_type for p in pages})
    for name in ("link", "select-all"):
        results = run.results.get(name)
        if results is None:
            continue
        for t in types:
            group = [p for p in pages if p.page_type == t and p.key in results]
            refused = Counter(results[p.key].error for p in group if not results[p.key].ok)
            cards = len(group) - sum(refused.values())
            reasons = ", ".join(f"{e} {n}" for e, n in refused.most_common(3))
            print(
                f"  {name:<10} {t:<13} {cards:4d} cards {sum(refused.values()):4d} refused  {reasons}"
            )


def _report_bullets(dataset: str, pages: Sequence[DevPage], run: Run) -> None:
    print(
        f"\n{dataset} bullets that are not article text (share of all bullets; pages with a true body)"
    )
    for name, results in run.results.items():
        cells = []
        for part in PARTS:
            for only_articles in (True, False):
                good = bad = 0
                for p in pages:
                    if (
                        p.part != part
                        or not p.body.strip()
                        or (only_articles and p.page_type != "article")
                    ):
                        continue
                    r = results.get(p.key)
                    if r is None or not r.ok:
                        continue
                    for bullet in r.summary:
                        if is_article_text(bullet, p.body, p.without):
                            good += 1
                        else:
                            bad += 1
                label = "articles" if only_articles else "all"
                cells.append(f"{part} {label} {bad / max(1, good + bad):.3f} of {good + bad}")
        print(f"  {name:<12} " + "  ".join(cells))


def list_failures(kind: str, pages: Sequence[DevPage], run: Run) -> None:
    """The TUNE pages that fail one check, one line each, for looking at while tuning."""
    track = {"headline-link": "link", "headline-paste": "select-all"}.get(kind)
    print(f"\nTUNE failures: {kind}")
    for p in pages:
        if track is not None:
            got = run.tracks.get(track, {}).get(p.key)
            if (
                got is not None
                and got.ok
                and p.title
                and not headline_right(got.headline, p.titles)
            ):
                print(f"  {p.key} {p.page_type:<13} got {got.headline!r}  want {p.title!r}")
        elif kind == "bullets":
            for name, results in run.results.items():
                r = results.get(p.key)
                if r is None or not r.ok or not p.body.strip():
                    continue
                for bullet in r.summary:
                    if not is_article_text(bullet, p.body, p.without):
                        print(f"  {p.key} {p.page_type:<13} {name:<10} {bullet[:160]!r}")
        elif kind == "link-vs-trafilatura" and p.dataset == "wcxb-dev" and p.body.strip():
            ours = run.tracks.get("link", {}).get(p.key)
            theirs = run.tracks.get("trafilatura", {}).get(p.key)
            if ours is None or theirs is None:
                continue
            a, b = wcxb_score(ours.text, p.body), wcxb_score(theirs.text, p.body)
            if a[2] < b[2] - LINK_GAP:
                print(
                    f"  {p.key} {p.page_type:<13} F1 {a[2]:.3f} (P {a[0]:.3f} R {a[1]:.3f}) vs "
                    f"trafilatura {b[2]:.3f} (P {b[0]:.3f} R {b[1]:.3f})"
                )
        elif kind == "refused":
            for name, results in run.results.items():
                r = results.get(p.key)
                if r is not None and not r.ok:
                    print(f"  {p.key} {p.page_type:<13} {name:<10} {r.error}")


async def cnndm_check(folder: Path) -> None:
    """The 84 summaries-cnndm-dev articles pasted as headline, blank line, body: share of body kept."""
    rows = [
        json.loads(line)
        for line in (folder / "data.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    started = time.perf_counter()
    async with open_pipeline() as pipeline:
        jobs = [Job(r["id"], TextSource(f"{r['title']}\n\n{r['text']}"), Options()) for r in rows]
        results = await run_all(pipeline, jobs, "cnndm")
    print(
        f"\nsummaries-cnndm-dev pasted as 'headline, blank line, body' ({time.perf_counter() - started:.0f} s)"
    )
    for part in PARTS:
        kept = [
            min(1.0, len(results[r["id"]].text) / max(1, len(r["text"])))
            for r in rows
            if part_of(r["id"]) == part
        ]
        low = sum(k < CNNDM_KEPT_FLOOR for k in kept)
        print(
            f"  {part:<9} {len(kept):3d} items: mean share of body kept {statistics.fmean(kept):.3f}; {low} kept < 50%"
        )


async def quotes_check(folder: Path, part: Part | None) -> None:
    """The quotes-dev news articles pasted as they are stored (headline line, blank lines, short
    paragraphs; no page furniture at all): headline right and share of the body kept, by part
    (split by publisher, as for the quotes benchmark)."""
    with gzip.open(folder / "data.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    if part:
        rows = [r for r in rows if part_of(publisher_of(r["id"])) == part]
    started = time.perf_counter()
    async with open_pipeline() as pipeline:
        jobs = [Job(r["id"], TextSource(r["text"]), Options()) for r in rows]
        results = await run_all(pipeline, jobs, "quotes-dev")
    print(f"\nquotes-dev news pasted as stored ({time.perf_counter() - started:.0f} s)")
    for name in PARTS:
        group = [r for r in rows if part_of(publisher_of(r["id"])) == name]
        if not group:
            continue
        title = [r["text"].split("\n", 1)[0] for r in group]
        body = [r["text"].split("\n", 1)[1] if "\n" in r["text"] else "" for r in group]
        got = [results[r["id"]] for r in group]
        heads = statistics.fmean(
            headline_right(g.headline, [t]) for g, t in zip(got, title, strict=True)
        )
        kept = [
            min(1.0, len(g.text) / max(1, len(b.strip()))) for g, b in zip(got, body, strict=True)
        ]
        print(
            f"  {name:<9} {len(group):3d} articles: headline right {heads:.3f}; mean share of "
            f"body kept {statistics.fmean(kept):.3f}; {sum(k < 0.9 for k in kept)} kept < 90%"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, help="the shared data folder (default: ../shared/data)"
    )
    parser.add_argument("--sets", default="extraction-dev,wcxb-dev,cnndm,quotes-dev")
    parser.add_argument("--tracks", default="link,paste")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--types", default="", help="wcxb page types to keep (default all)")
    parser.add_argument(
        "--part", choices=PARTS, help="only this part's pages (tune while tuning; default both)"
    )
    parser.add_argument(
        "--failures",
        default="",
        help="comma-separated: headline-link, headline-paste, bullets, refused, link-vs-trafilatura; "
        "list the TUNE "
        "part's failures of each (held-out failures are never listed)",
    )
    args = parser.parse_args()
    data = find_data(args.data)
    sets = args.sets.split(",")
    tracks = set(args.tracks.split(","))
    shapes = [s for s in args.shapes.split(",") if s]
    print(f"$ python -m benchmarks.extraction {' '.join(sys.argv[1:])}")
    for dataset in ("extraction-dev", "wcxb-dev"):
        if dataset not in sets:
            continue
        pages = (
            load_extraction_dev(data / dataset)
            if dataset == "extraction-dev"
            else load_wcxb(data / dataset)
        )
        if args.types:
            pages = [p for p in pages if p.page_type in args.types.split(",")]
        if args.part:
            pages = [p for p in pages if p.part == args.part]
        if args.limit:
            pages = pages[: args.limit]
        started = time.perf_counter()
        run = asyncio.run(run_tracks(pages, tracks, shapes))
        elapsed = time.perf_counter() - started
        timing = ", ".join(f"{k} {v:.0f} s" for k, v in run.seconds.items())
        print(f"\n===== {dataset}: {len(pages)} pages in {elapsed:.0f} s ({timing})")
        report_tables(dataset, pages, run)
        for kind in filter(None, args.failures.split(",")):
            list_failures(kind, [p for p in pages if p.part == "tune"], run)
    if "cnndm" in sets:
        asyncio.run(cnndm_check(data / "summaries-cnndm-dev"))
    if "quotes-dev" in sets:
        asyncio.run(quotes_check(data / "quotes-dev", args.part))


if __name__ == "__main__":
    main()
