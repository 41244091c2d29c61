"""Summaries as a user gets them: pasted articles through `Pipeline.run`, against lead-K and sumy.

    python -m benchmarks.summaries                       # CNN/DM dev (K=3), BBC dev (K=reference), ours
    python -m benchmarks.summaries --data ../shared/data/summaries-bbc-dev --limit 50

Each item goes in as a user pastes it: `TextSource(title + "\\n\\n" + text)` with
`Options(sentences=K, quotes=True)` (quotes on, as in every card). K is 3 for CNN/DM and the
multilingual set, and the number of reference lines for BBC (`--sentences ref`), as the READMEs say.
Scored: ROUGE-1/2/L F1 (rouge-score, stemming; other languages a Unicode word tokenizer with the
language's Snowball stems) of the card's bullets joined by newlines, and of bullets + key-quote texts.
Baselines, on the same article text in the same run: lead-K (nupunkt sentences for English, a plain
rule for other languages) and sumy's TextRank, LexRank and Luhn at K sentences over a tokenizer that
needs no NLTK downloads. Paired differences against lead-K with a bootstrap 95% interval; TUNE and
HELD-OUT parts (benchmarks/splits.py, by item id) separately.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.product import REPO, Job, Result, find_data, map_in_pool, open_pipeline, run_all
from benchmarks.splits import Part, part_of
from bot.models import Options, TextSource
from tests.quality.scoring import rouge, words

PARTS: tuple[Part, ...] = ("tune", "held-out")
BOOTSTRAP_SAMPLES = 2000
BASELINES = ("lead-k", "textrank", "lexrank", "luhn")
LONG_ARTICLE_WORDS = 2000
_LANGUAGE_NAMES = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "uk": "ukrainian",
}
# Other languages: a sentence ends at . ! ? … before a space and an upper-case letter, a quote or a dash.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”’)]*\s+(?=[\"«„“(\-–—]?[A-ZА-ЯЁЇІЄҐÀ-ÖØ-Þ0-9])")


@dataclass(frozen=True)
class Item:
    """One article with its reference summary, language and part."""

    id: str
    title: str
    text: str
    reference: str
    language: str

    @property
    def part(self) -> Part:
        return part_of(self.id)

    @property
    def reference_lines(self) -> int:
        return sum(1 for line in self.reference.splitlines() if line.strip())

    @property
    def pasted(self) -> str:
        return f"{self.title}\n\n{self.text}" if self.title else self.text


def load(path: Path) -> list[Item]:
    """Items from a JSON-lines file (or a folder holding data.jsonl)."""
    file = path / "data.jsonl" if path.is_dir() else path
    rows = [
        json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [
        Item(
            str(r["id"]), r.get("title") or "", r["text"], r["reference"], r.get("language") or "en"
        )
        for r in rows
    ]


# --- baselines (run in the worker pool) ---------------------------------------------------------


def split_sentences(text: str, language: str) -> list[str]:
    """The body's sentences: nupunkt for English, a plain end-of-sentence rule for the others."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        if language == "en":
            from nupunkt import sent_tokenize

            out += [s.strip() for s in sent_tokenize(paragraph) if isinstance(s, str) and s.strip()]
        else:
            out += [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]
    return out


class _Tokenizer:
    """sumy's tokenizer interface over our splitter: no NLTK data needed."""

    def __init__(self, language: str) -> None:
        self.language = _LANGUAGE_NAMES.get(language, "english")
        self._code = language

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph, self._code)

    def to_words(self, sentence: str) -> list[str]:
        return words(sentence)


def _stop_words(language: str) -> frozenset[str]:
    from sumy.utils import get_stop_words

    try:
        return frozenset(get_stop_words(_LANGUAGE_NAMES.get(language, "english")))
    except LookupError:
        from stop_words import get_stop_words as more_stop_words

        return frozenset(more_stop_words(language))


def baselines(text: str, language: str, count: int) -> dict[str, list[str]]:
    """lead-K and sumy TextRank / LexRank / Luhn at `count` sentences of `text` (a worker task)."""
    from sumy.nlp.stemmers import Stemmer, null_stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    sentences = split_sentences(text, language)
    out = {"lead-k": sentences[:count]}
    name = _LANGUAGE_NAMES.get(language)
    stem = Stemmer(name) if name else null_stemmer
    document = PlaintextParser.from_string(text, _Tokenizer(language)).document
    for label, kind in (
        ("textrank", TextRankSummarizer),
        ("lexrank", LexRankSummarizer),
        ("luhn", LuhnSummarizer),
    ):
        summarizer = kind(stem)
        summarizer.stop_words = _stop_words(language)
        out[label] = [str(s) for s in summarizer(document, count)]
    return out


# --- scoring and report -------------------------------------------------------------------------

Scores = tuple[float, float, float]


def bootstrap(diffs: Sequence[float], seed: int = 0) -> tuple[float, float]:
    """95% interval of the mean of `diffs` by resampling items."""
    rng = random.Random(seed)
    means = sorted(
        statistics.fmean(rng.choices(diffs, k=len(diffs))) for _ in range(BOOTSTRAP_SAMPLES)
    )
    return means[int(0.025 * len(means))], means[int(0.975 * len(means)) - 1]


def paired(rows: Sequence[Scores], base: Sequence[Scores], k: int) -> str:
    """Mean item-by-item difference in score `k`, with its bootstrap 95% interval."""
    diffs = [r[k] - b[k] for r, b in zip(rows, base, strict=True)]
    low, high = bootstrap(diffs)
    return f"{statistics.fmean(diffs):+.3f} [{low:+.3f}, {high:+.3f}]"


def relative_positions(chosen: Sequence[str], sentences: Sequence[str]) -> list[float]:
    """Where each chosen text sits in the article: the best-overlapping sentence's index / (n-1)."""
    sets = [{w.lower() for w in words(s)} for s in sentences]
    out = []
    for text in chosen:
        want = {w.lower() for w in words(text)}
        if not want or len(sets) < 2:
            continue
        best = max(
            range(len(sets)), key=lambda i: len(want & sets[i]) / len(want | sets[i] or {""})
        )
        out.append(best / (len(sets) - 1))
    return out


def report(
    label: str,
    items: Sequence[Item],
    counts: dict[str, int],
    results: dict[str, Result],
    base: dict[str, dict[str, list[str]]],
) -> None:
    """Per part: ROUGE table, paired differences against lead-K, bullets and words."""
    for part in PARTS:
        group = [i for i in items if i.part == part]
        if not group:
            continue
        systems: dict[str, list[str]] = {}
        table: dict[str, list[Scores]] = {}
        for name in ("gistbot", "gistbot+quotes", *BASELINES):
            rows = []
            for item in group:
                if name == "gistbot":
                    summary = list(results[item.id].summary)
                elif name == "gistbot+quotes":
                    summary = [*results[item.id].summary, *(q for q, _ in results[item.id].quotes)]
                else:
                    summary = base[item.id][name]
                systems.setdefault(name, []).append("\n".join(summary))
                rows.append(rouge(item.reference, "\n".join(summary), item.language))
            table[name] = rows
        failed = sum(not results[i.id].ok for i in group)
        langs = sorted({i.language for i in group})
        print(
            f"\n{label}, {part.upper()} part: {len(group)} items ({', '.join(langs)}); {failed} got no card"
        )
        print(
            f"  {'system':<15} {'R-1':>6} {'R-2':>6} {'R-L':>6}   minus lead-K: R-1 | R-2 | R-L [95% CI]"
        )
        for name, rows in table.items():
            means = " ".join(f"{statistics.fmean(r[k] for r in rows):6.3f}" for k in range(3))
            diffs = (
                ""
                if name == "lead-k"
                else " | ".join(paired(rows, table["lead-k"], k) for k in range(3))
            )
            print(f"  {name:<15} {means}   {diffs}")
        k_mean = statistics.fmean(counts[i.id] for i in group)
        bullets = statistics.fmean(len(results[i.id].summary) for i in group)
        short = sum(len(results[i.id].summary) < counts[i.id] for i in group)
        quotes = statistics.fmean(len(results[i.id].quotes) for i in group)
        print(
            f"  bullets {bullets:.2f} on average (K asked {k_mean:.2f}); {short} cards with fewer than K; {quotes:.2f} key quotes"
        )
        print(
            "  words per summary: "
            + ", ".join(
                f"{name} {statistics.fmean(len(words(s)) for s in texts):.0f}"
                for name, texts in systems.items()
            )
        )
        if len(langs) > 1:
            for language in langs:
                picked = [j for j, i in enumerate(group) if i.language == language]
                cells = "  ".join(
                    f"{name} "
                    + "/".join(
                        f"{statistics.fmean(table[name][j][k] for j in picked):.3f}"
                        for k in range(3)
                    )
                    for name in ("gistbot", "lead-k", "textrank")
                )
                print(f"    {language} ({len(picked)}): {cells}")
        long = [i for i in group if len(words(i.text)) > LONG_ARTICLE_WORDS]
        if long:
            print(
                f"  position of chosen sentences in {len(long)} articles > {LONG_ARTICLE_WORDS} words (mean, sd of relative position):"
            )
            for name, chosen in (
                ("reference", lambda i: i.reference.splitlines()),
                ("gistbot", lambda i: results[i.id].summary),
                ("lead-k", lambda i: base[i.id]["lead-k"]),
                ("textrank", lambda i: base[i.id]["textrank"]),
            ):
                pos = [
                    p
                    for i in long
                    for p in relative_positions(chosen(i), split_sentences(i.text, i.language))
                ]
                spread = statistics.pstdev(pos) if len(pos) > 1 else 0.0
                print(f"    {name:<10} {statistics.fmean(pos) if pos else 0:.2f} ± {spread:.2f}")
        else:
            print(f"  no article over {LONG_ARTICLE_WORDS} words: no position spread to report")


async def evaluate(sets: Sequence[tuple[str, list[Item], str]]) -> None:
    async with open_pipeline() as pipeline:
        for label, items, k in sets:
            started = time.perf_counter()
            counts = {i.id: (i.reference_lines if k == "ref" else int(k)) for i in items}
            jobs = [
                Job(i.id, TextSource(i.pasted), Options(sentences=counts[i.id], quotes=True))
                for i in items
            ]
            results = await run_all(pipeline, jobs, label)
            ours = time.perf_counter() - started
            made = await map_in_pool(
                pipeline, baselines, [(i.text, i.language, counts[i.id]) for i in items]
            )
            base = dict(zip([i.id for i in items], made, strict=True))
            print(
                f"\n===== {label}: {len(items)} items, K = {k}; product path {ours:.0f} s, baselines {time.perf_counter() - started - ours:.0f} s"
            )
            report(label, items, counts, results, base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, action="append", help="a set's folder or data.jsonl (repeatable)"
    )
    parser.add_argument(
        "--sentences", help="K: a number, or 'ref' for the reference's length (default per set)"
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N items of each set")
    args = parser.parse_args()
    print(f"$ python -m benchmarks.summaries {' '.join(sys.argv[1:])}")
    paths = args.data or [
        find_data() / "summaries-cnndm-dev",
        find_data() / "summaries-bbc-dev",
        REPO / "benchmarks" / "data" / "summaries-multilingual",
    ]
    sets = []
    for path in paths:
        items = load(path)[: args.limit or None]
        k = args.sentences or ("ref" if "bbc" in path.name else "3")
        sets.append((path.name if path.is_dir() else path.parent.name, items, k))
    asyncio.run(evaluate(sets))


if __name__ == "__main__":
    main()
