"""Quote finder benchmark: precision/recall of quotes and of their speakers on a JSONL set.

    python benchmarks/quotes.py --data tests/data/quotes.jsonl [--limit 3] [--verbose]

Each line: {"id", "language", "paragraphs": [...], "expected": [{"text", "speaker"}]}.
A found quote matches an expected one when their words are the same (case and punctuation aside).
Speaker precision: correct speakers / matched quotes given a non-None speaker.
Speaker recall: correct speakers / matched quotes whose expected speaker is not None.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# The project is not installed: run from the checkout, importable from any working directory.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.models import Article, Quote
from bot.pipeline.quotes import find_quotes

_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    matched: int = 0
    spoken: int = 0  # matched quotes given a speaker
    named: int = 0  # matched quotes whose expected speaker is a name
    right: int = 0  # matched quotes whose speaker is correct and not None

    def add(self, found: tuple[Quote, ...], expected: list[dict[str, str | None]]) -> list[str]:
        """Count one passage; return the problems found in it."""
        problems: list[str] = []
        wanted = {normalize(str(e["text"])): e["speaker"] for e in expected}
        self.found += len(found)
        self.expected += len(wanted)
        for quote in found:
            key = normalize(quote.text)
            if key not in wanted:
                problems.append(f"extra quote: {quote.text!r}")
                continue
            self.matched += 1
            speaker = wanted.pop(key)
            self.spoken += quote.speaker is not None
            self.named += speaker is not None
            if quote.speaker is not None and quote.speaker == speaker:
                self.right += 1
            elif quote.speaker != speaker:
                problems.append(f"speaker {quote.speaker!r} != {speaker!r} for {quote.text[:40]!r}")
        problems += [f"missed quote: {text!r}" for text in wanted]
        return problems

    def report(self) -> dict[str, float]:
        return {
            "quote_precision": self.matched / self.found if self.found else 1.0,
            "quote_recall": self.matched / self.expected if self.expected else 1.0,
            "speaker_precision": self.right / self.spoken if self.spoken else 1.0,
            "speaker_recall": self.right / self.named if self.named else 1.0,
        }


def evaluate(path: Path, limit: int, verbose: bool = False) -> Score:
    score = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        article = Article(title=None, paragraphs=tuple(case["paragraphs"]))
        problems = score.add(find_quotes(article, case["language"], limit), case["expected"])
        if verbose:
            for problem in problems:
                print(f"{case['id']}: {problem}")
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="print every miss and mismatch")
    args = parser.parse_args()
    started = time.perf_counter()
    score = evaluate(args.data, args.limit, args.verbose)
    elapsed = time.perf_counter() - started
    for name, value in score.report().items():
        print(f"{name}: {value:.3f}")
    print(f"quotes found/expected/matched: {score.found}/{score.expected}/{score.matched}")
    print(f"speakers given/right: {score.spoken}/{score.right}   time: {elapsed:.2f}s")


if __name__ == "__main__":
    main()
