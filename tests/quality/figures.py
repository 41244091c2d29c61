"""The figures the quality gates pin, each measured through the product path on a FIXED sample.

Every function takes the shared data folder and a warm worker pool and returns named figures;
`python -m benchmarks.gates` prints them all (that is how each floor in test_gates.py was measured).
"""

from __future__ import annotations

import gzip
import json
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.models import Options, TextSource, UrlSource
from bot.workers import Workers
from tests.quality.product import Job, PageServer, Result, open_pipeline, run_all
from tests.quality.scoring import (
    full_name_given,
    headline_right,
    is_article_text,
    match_quotes,
    rouge,
    score_pages,
    speaker_right,
    wcxb_score,
)
from tests.quality.shapes import select_all

Figures = dict[str, float]

WCXB_ARTICLE_STEP = 12  # every 12th wcxb-dev article by id: 60 pages from as many sites
WCXB_LIST_STEP = 3  # every 3rd wcxb-dev listing or collection page by id: 63 pages
CNNDM_PASTE_ITEMS = 20  # the first 20 summaries-cnndm-dev items pasted as headline + one paragraph
BBC_STEP = 5  # every 5th summaries-bbc-dev item: 60 articles
LANGUAGE_PASSAGES = Path(__file__).resolve().parents[1] / "data" / "quotes-languages.jsonl"
QUOTES_STEP = 9  # every 9th quotes-dev article by id: 103 articles over all publishers


def _gunzip(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def _loader(path: Path) -> Any:
    return lambda: _gunzip(path)


def _titles(html: str) -> tuple[str, ...]:
    """A page's <h1>, og:title and <title>: the headline is right against any of them."""
    import lxml.html  # type: ignore[import-untyped]  # lxml ships no stubs

    root = lxml.html.fromstring(html)
    found = [
        *(h.text_content() for h in root.xpath("//h1")[:1]),
        *root.xpath("//meta[@property='og:title']/@content"),
        *(t.text_content() for t in root.xpath("//title")[:1]),
    ]
    return tuple(" ".join(str(t).split()) for t in found if str(t).strip())


def _jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


async def extraction_dev(data: Path, pool: Workers) -> Figures:
    """extraction-dev, all 47 pages: link F1/precision; select-all paste F1/precision and headline."""
    folder = data / "extraction-dev"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    paths = {i: folder / "html" / f"{i}.html.gz" for i in ids}
    htmls = {i: _gunzip(paths[i]).decode("utf-8", "replace") for i in ids}
    async with open_pipeline(pool=pool) as pipeline, PageServer() as server:
        links = [
            Job(
                i,
                UrlSource(server.serve(f"/{i}{urlsplit(truth[i]['url']).path}", _loader(paths[i]))),
                Options(),
            )
            for i in ids
        ]
        linked = await run_all(pipeline, links)
        pastes = [Job(i, TextSource(select_all(htmls[i])), Options()) for i in ids]
        pasted = await run_all(pipeline, pastes)
    link = score_pages((linked[i].text, truth[i]["articleBody"]) for i in ids)
    paste = score_pages((pasted[i].text, truth[i]["articleBody"]) for i in ids)
    heads = statistics.fmean(headline_right(pasted[i].headline, _titles(htmls[i])) for i in ids)
    return {
        "link_f1": link.f1,
        "link_precision": link.precision,
        "paste_f1": paste.f1,
        "paste_precision": paste.precision,
        "paste_headline": heads,
    }


async def wcxb_articles(data: Path, pool: Workers) -> Figures:
    """A fixed sample of wcxb-dev articles as links: mean word F1 and headline right."""
    folder = data / "wcxb-dev"
    rows = [r for r in _jsonl(folder / "ground-truth.jsonl.gz") if r["page_type"] == "article"]
    sample = rows[::WCXB_ARTICLE_STEP]
    async with open_pipeline(pool=pool) as pipeline, PageServer() as server:
        jobs = [
            Job(
                r["id"],
                UrlSource(
                    server.serve(
                        f"/{r['id']}{urlsplit(r['url']).path}",
                        _loader(folder / "html" / f"{r['id']}.html.gz"),
                    )
                ),
                Options(),
            )
            for r in sample
        ]
        got = await run_all(pipeline, jobs)
    f1 = statistics.fmean(wcxb_score(got[r["id"]].text, r["main_content"] or "")[2] for r in sample)
    heads = statistics.fmean(headline_right(got[r["id"]].headline, [r["title"]]) for r in sample)
    bullets = [
        is_article_text(b, r["main_content"] or "", r.get("without") or ())
        for r in sample
        for b in got[r["id"]].summary
    ]
    return {
        "link_f1": f1,
        "link_headline": heads,
        "bullets_article_text": statistics.fmean(bullets),
        "pages": float(len(sample)),
    }


async def wcxb_list_pages(data: Path, pool: Workers) -> Figures:
    """A fixed sample of wcxb-dev listings and collections as links: the share answered with
    NoArticleError ("not an article") rather than a card; and the articles' sample refusals."""
    folder = data / "wcxb-dev"
    rows = _jsonl(folder / "ground-truth.jsonl.gz")
    lists = [r for r in rows if r["page_type"] in ("listing", "collection")][::WCXB_LIST_STEP]
    articles = [r for r in rows if r["page_type"] == "article"][::WCXB_ARTICLE_STEP]
    async with open_pipeline(pool=pool) as pipeline, PageServer() as server:
        jobs = [
            Job(
                r["id"],
                UrlSource(
                    server.serve(
                        f"/{r['id']}{urlsplit(r['url']).path}",
                        _loader(folder / "html" / f"{r['id']}.html.gz"),
                    )
                ),
                Options(),
            )
            for r in lists + articles
        ]
        got = await run_all(pipeline, jobs)
    refused = [got[r["id"]].error == "NoArticleError" for r in lists]
    wrong = [got[r["id"]].error == "NoArticleError" for r in articles]
    return {
        "pages": float(len(lists)),
        "lists_refused": statistics.fmean(refused),
        "articles_refused": float(sum(wrong)),
    }


async def cnndm_one_paragraph(data: Path, pool: Workers) -> Figures:
    """The first 20 cnndm articles pasted as headline, blank line, body as ONE paragraph: body kept."""
    rows = _jsonl(data / "summaries-cnndm-dev" / "data.jsonl")[:CNNDM_PASTE_ITEMS]
    bodies = {r["id"]: " ".join(r["text"].split()) for r in rows}
    async with open_pipeline(pool=pool) as pipeline:
        jobs = [
            Job(r["id"], TextSource(f"{r['title']}\n\n{bodies[r['id']]}"), Options()) for r in rows
        ]
        got = await run_all(pipeline, jobs)
    kept = [min(1.0, len(got[k].text) / len(body)) for k, body in bodies.items()]
    return {"kept": statistics.fmean(kept), "below_half": float(sum(k < 0.5 for k in kept))}


async def summaries(data: Path, pool: Workers) -> Figures:
    """Pasted articles, quotes on: ROUGE-1/2 of the bullets on cnndm (all 84, K=3) and a BBC sample."""
    cnndm = _jsonl(data / "summaries-cnndm-dev" / "data.jsonl")
    bbc = _jsonl(data / "summaries-bbc-dev" / "data.jsonl")[::BBC_STEP]
    out: Figures = {}
    async with open_pipeline(pool=pool) as pipeline:
        for name, rows, fixed in (("cnndm", cnndm, 3), ("bbc", bbc, 0)):
            jobs = [
                Job(
                    r["id"],
                    TextSource(f"{r['title']}\n\n{r['text']}" if r["title"] else r["text"]),
                    Options(sentences=fixed or len(r["reference"].splitlines()), quotes=True),
                )
                for r in rows
            ]
            got = await run_all(pipeline, jobs)
            scores = [rouge(r["reference"], got[r["id"]].card_text) for r in rows]
            out[f"{name}_r1"] = statistics.fmean(s[0] for s in scores)
            out[f"{name}_r2"] = statistics.fmean(s[1] for s in scores)
    return out


async def key_quotes(data: Path, pool: Workers) -> Figures:
    """The card's key quotes on a fixed quotes-dev sample: precision and speaker accuracy."""
    records = _jsonl(data / "quotes-dev" / "data.jsonl.gz")[::QUOTES_STEP]
    async with open_pipeline(pool=pool) as pipeline:
        got = await run_all(
            pipeline, [Job(r["id"], TextSource(r["text"]), Options()) for r in records]
        )
    found = correct = named = right = full_wanted = full_given = 0
    for record in records:
        text = record["text"]
        gold = [(q, True) for q in record["quotes"] + record["partial_quotes"]]
        gold += [(q, False) for q in record["other_quoted"]]
        result = got[record["id"]]
        found += len(result.quotes)
        matches = match_quotes(
            [q for q, _ in result.quotes], [text[q["start"] : q["end"]] for q, _ in gold]
        )
        for p, g in matches.items():
            quote, real = gold[g]
            if not real:
                continue
            correct += 1
            if quote.get("source_name") and quote.get("source_surname"):
                named += 1
                speaker = result.quotes[p][1]
                right += speaker_right(speaker, quote["source_surname"], quote["source_full"])
                given = full_name_given(speaker, quote["source_full"])
                if given is not None:
                    full_wanted += 1
                    full_given += given
    return {
        "precision": correct / max(1, found),
        "speaker": right / max(1, named),
        "full_name": full_given / max(1, full_wanted),
        "quotes": float(found),
    }


def speakers_by_language(
    cases: list[dict[str, Any]], got: dict[str, Result]
) -> dict[str, tuple[int, int]]:
    """Per language of our passages: card quotes carrying the speaker their sentence names, and
    card quotes in all (a passage whose quote is missed counts as one wrong)."""
    tally: dict[str, tuple[int, int]] = {}
    for case in cases:
        speakers = [speaker for _, speaker in got[case["id"]].quotes]
        right, total = tally.get(case["language"], (0, 0))
        right += sum(s == case["speaker"] for s in speakers)
        tally[case["language"]] = (right, total + max(1, len(speakers)))
    return dict(sorted(tally.items()))


async def language_speakers(pool: Workers) -> Figures:
    """Our de/fr/es/uk/ru passages (tests/data/quotes-languages.jsonl, hence indicative) pasted as
    a message carries them: per language, the share of card quotes with the named speaker."""
    cases = _jsonl(LANGUAGE_PASSAGES)
    async with open_pipeline(pool=pool) as pipeline:
        jobs = [Job(c["id"], TextSource("\n\n".join(c["paragraphs"])), Options()) for c in cases]
        got = await run_all(pipeline, jobs)
    return {k: right / total for k, (right, total) in speakers_by_language(cases, got).items()}
