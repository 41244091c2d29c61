"""Summary quality and speed: gistbot against lead-k and every plain sumy algorithm.

    python -m benchmarks.summaries --data /work/shared/data/summaries-cnndm-dev [--sentences 3]
    python -m benchmarks.summaries --data benchmarks/data/summaries-multilingual
    python -m benchmarks.summaries --speed --data /work/shared/data/summaries-cnndm-dev

DATA is a folder with `data.jsonl` (or the file itself): {id, title, text, reference[, language]}
a line; paragraphs separated by blank lines, reference one sentence a line. Scores: ROUGE-1/2/L F1
(rouge-score, stemming on) of the summary sentences joined by newlines. English uses rouge-score's
own tokenizer (the harness's); other languages a Unicode word tokenizer with the language's Snowball
stems (rouge-score's default drops every non-ASCII letter). Each system is also compared with
lead-3 item by item: mean paired difference and a bootstrap 95% interval.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rouge_score.rouge_scorer import RougeScorer
from sumy.models.dom import ObjectDocumentModel
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # ships no types

from bot.models import Article
from bot.pipeline.summarize import summarize
from bot.pipeline.text import Tokenizer, detect_language, split_sentences
from bot.pipeline.text import stemmer as stemmer_for
from bot.pipeline.text import stop_words as stop_words_for
from bot.pipeline.text import tokens as words

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
BOOTSTRAP_SAMPLES = 2000
SUMY = {
    "luhn": LuhnSummarizer,
    "edmundson": EdmundsonSummarizer,
    "lsa": LsaSummarizer,
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
    "reduction": ReductionSummarizer,
}


@dataclass(frozen=True)
class Item:
    """One benchmark article with its reference summary."""

    id: str
    article: Article
    reference: str
    language: str


System = Callable[[Item, int], Sequence[str]]
Scores = tuple[float, float, float]


def load(path: Path) -> list[Item]:
    """Items from a JSON-lines file (or a folder holding data.jsonl)."""
    file = path / "data.jsonl" if path.is_dir() else path
    items = []
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            paragraphs = tuple(p.strip() for p in row["text"].split("\n\n") if p.strip())
            article = Article(title=row.get("title") or None, paragraphs=paragraphs)
            language = row.get("language") or detect_language(article.text)
            items.append(Item(str(row["id"]), article, row["reference"], language))
    return items


def gistbot(item: Item, count: int) -> Sequence[str]:
    return summarize(item.article, item.language, count)


def lead(item: Item, count: int) -> Sequence[str]:
    sentences = [s for p in item.article.paragraphs for s in split_sentences(p, item.language)]
    return sentences[:count]


def sumy_system(name: str) -> System:
    """A plain sumy algorithm over our tokenizer, stemmer and stop words."""

    def run(item: Item, count: int) -> Sequence[str]:
        summarizer = SUMY[name](stemmer_for(item.language))
        stop = stop_words_for(item.language)
        summarizer.stop_words = stop
        if name == "edmundson":
            summarizer.bonus_words = words((item.article.title or "").lower()) or ["the"]
            summarizer.stigma_words = ["zzzz"]  # sumy insists on non-empty sets
            summarizer.null_words = sorted(stop) or ["zzzz"]
        return [str(s) for s in summarizer(_document(item), count)]

    return run


def _document(item: Item) -> ObjectDocumentModel:
    return PlaintextParser.from_string(item.article.text, Tokenizer(item.language)).document


def systems() -> dict[str, System]:
    out: dict[str, System] = {"gistbot": gistbot, "lead-k": lead}
    out.update({name: sumy_system(name) for name in SUMY})
    return out


class _UnicodeTokenizer:
    """rouge-score tokenizer for non-English text: lower-case words, Snowball stems."""

    def __init__(self, language: str) -> None:
        self.stem = stemmer_for(language)

    def tokenize(self, text: str) -> list[str]:
        return [self.stem(w.lower()) for w in words(text)]


def scorer(language: str) -> RougeScorer:
    if language == "en":
        return RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    return RougeScorer(list(ROUGE_TYPES), tokenizer=_UnicodeTokenizer(language))


def score(items: Sequence[Item], system: System, count: int) -> list[Scores]:
    """Per item (ROUGE-1, ROUGE-2, ROUGE-L) F1."""
    scorers: dict[str, RougeScorer] = {}
    out: list[Scores] = []
    for item in items:
        rouge = scorers.setdefault(item.language, scorer(item.language))
        result = rouge.score(item.reference, "\n".join(system(item, count)))
        r1, r2, rl = (result[t].fmeasure for t in ROUGE_TYPES)
        out.append((r1, r2, rl))
    return out


def bootstrap(diffs: Sequence[float], seed: int = 0) -> tuple[float, float]:
    """95% interval of the mean of `diffs` by resampling items."""
    rng = random.Random(seed)
    means = sorted(
        statistics.fmean(rng.choices(diffs, k=len(diffs))) for _ in range(BOOTSTRAP_SAMPLES)
    )
    return means[int(0.025 * len(means))], means[int(0.975 * len(means)) - 1]


def quality(items: Sequence[Item], count: int) -> None:
    """Print the ROUGE table, paired differences against lead-3, and gistbot's against rivals."""
    table = {name: score(items, system, count) for name, system in systems().items()}
    base = score(items, lead, 3)
    languages = sorted({i.language for i in items})
    print(f"{len(items)} items ({', '.join(languages)}), {count} sentences")
    print(f"{'system':<10} {'R-1':>6} {'R-2':>6} {'R-L':>6}   R-2 minus lead-3 [95% CI]")
    for name, rows in table.items():
        means = [statistics.fmean(r[k] for r in rows) for k in range(3)]
        cells = " ".join(f"{m:6.3f}" for m in means)
        print(f"{name:<10} {cells}   {_paired(rows, base, 1)}")
    best = max(SUMY, key=lambda name: statistics.fmean(r[1] for r in table[name]))
    print("\ngistbot paired differences, R-1 | R-2 | R-L [95% CI]:")
    rivals = {"lead-3": base, f"lead-{count}": table["lead-k"], best: table[best]}
    for label, rows in rivals.items():
        cells = " | ".join(_paired(table["gistbot"], rows, k) for k in range(3))
        print(f"  minus {label:<10} {cells}")
    if len(languages) > 1:
        print("\ngistbot vs lead-k per language (R-1/R-2/R-L):")
        for language in languages:
            picked = [k for k, item in enumerate(items) if item.language == language]
            ours, theirs = (
                "/".join(
                    f"{statistics.fmean(table[name][j][k] for j in picked):.3f}" for k in range(3)
                )
                for name in ("gistbot", "lead-k")
            )
            print(f"  {language} ({len(picked)}): gistbot {ours}  lead-k {theirs}")


def _paired(rows: Sequence[Scores], base: Sequence[Scores], k: int) -> str:
    """Mean item-by-item difference in score `k`, with its bootstrap 95% interval."""
    diffs = [r[k] - b[k] for r, b in zip(rows, base, strict=True)]
    low, high = bootstrap(diffs)
    return f"{statistics.fmean(diffs):+.3f} [{low:+.3f}, {high:+.3f}]"


def synthetic(items: Sequence[Item], size: int) -> Article:
    """An article of about `size` words made of the benchmark's paragraphs, in a seeded order."""
    paragraphs = [p for item in items for p in item.article.paragraphs]
    rng = random.Random(size)
    out: list[str] = []
    total = 0
    while total < size:
        paragraph = rng.choice(paragraphs)
        out.append(paragraph)
        total += len(words(paragraph))
    return Article(title=items[0].article.title, paragraphs=tuple(out))


def speed(items: Sequence[Item], sizes: Sequence[int], count: int) -> None:
    """Print split and summarize time (median of 5 runs) against article length."""
    language = items[0].language
    print(f"{'words':>6} {'sentences':>9} {'split ms':>9} {'gistbot ms':>11} {'lexrank ms':>11}")
    for size in sizes:
        article = synthetic(items, size)
        item = Item("speed", article, "", language)
        split = _median_ms(partial(lead, item, 10**6))
        ours = _median_ms(partial(gistbot, item, count))
        n = len(lead(item, 10**6))
        # Plain LexRank over the whole article, for comparison; skipped where it takes seconds.
        lexrank = partial(sumy_system("lexrank"), item, count)
        lex = _median_ms(lexrank) if n <= 600 else float("nan")
        print(f"{article.word_count:6d} {n:9d} {split:9.1f} {ours:11.1f} {lex:11.1f}")


def _median_ms(run: Callable[[], object]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--speed", action="store_true", help="time against article length instead")
    parser.add_argument("--sizes", default="1000,5000,10000,20000")
    args = parser.parse_args()
    items = load(args.data)
    # One BLAS thread: threaded BLAS made LSA 4-40x slower on this 2-core machine.
    with threadpool_limits(limits=1, user_api="blas"):
        if args.speed:
            speed(items, [int(s) for s in args.sizes.split(",")], args.sentences)
        else:
            quality(items, args.sentences)


if __name__ == "__main__":
    main()
