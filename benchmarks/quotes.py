"""Key quotes and their speakers on real annotated news (quotes-dev), through the product path.

    python -m benchmarks.quotes                                  # quotes-dev, both runs, both parts
    python -m benchmarks.quotes --part tune                      # while working: TUNE only
    python -m benchmarks.quotes --limit 100
    python -m benchmarks.quotes --ours tests/data/quotes.jsonl   # our own passages (indicative)

Each article goes in as a user pastes it: `TextSource(text)` (the record's text: headline line,
blank-line paragraphs). Two runs: the card's key quotes (`Options()`: at most 3) and every quote
(`Options(max_quotes=1000)`: `max_quotes` is the only cap on what the quote stage returns, besides
its 1,000-span budget). Scoring as the quotes-dev README says: required quotes are direct quotes of
>= 6 words (a repeat required once); a found quote matches a region when their word sequences overlap
by >= 50% of the longer one, one to one; partial quotes (and short or repeated direct quotes) count
as correct but are not required; other quoted regions and nothing are false positives. Speaker
right by surname with no first-name conflict, on matched quotes whose gold name is set, reported for
names from the source span and from coreference separately; 'full name given' where the gold full
name has 2+ words. TUNE and HELD-OUT parts by publisher (benchmarks/splits.py).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.product import Job, Result, find_data, open_pipeline, run_all
from benchmarks.splits import Part, part_of, publisher_of
from bot.models import Options, TextSource
from tests.quality.figures import speakers_by_language
from tests.quality.scoring import full_name_given, match_quotes, speaker_right, words

PARTS: tuple[Part, ...] = ("tune", "held-out")
ALL_QUOTES = 1000


@dataclass(frozen=True)
class Region:
    """A quoted region of the article: its text, whether it is required, correct, and its source."""

    text: str
    required: bool
    correct: bool
    name: str | None = None
    surname: str | None = None
    full: str | None = None
    resolution: str | None = None


def regions(record: dict[str, Any]) -> list[Region]:
    """The record's gold regions: required direct quotes, optional correct ones, false-positive ones."""
    text = record["text"]
    out: list[Region] = []
    seen: set[tuple[str, ...]] = set()
    for quote in record["quotes"]:
        content = text[quote["start"] : quote["end"]]
        key = tuple(w.lower() for w in words(content))
        required = quote["words"] >= 6 and key not in seen
        seen.add(key)
        out.append(
            Region(
                content,
                required,
                True,
                quote["source_name"],
                quote["source_surname"],
                quote["source_full"],
                quote["resolution"],
            )
        )
    for quote in record["partial_quotes"]:
        content = text[quote["start"] : quote["end"]]
        out.append(
            Region(
                content,
                False,
                True,
                quote["source_name"],
                quote["source_surname"],
                quote["source_full"],
                quote["resolution"],
            )
        )
    out += [Region(text[q["start"] : q["end"]], False, False) for q in record["other_quoted"]]
    return out


@dataclass
class Tally:
    """Counts over a group of articles for one run."""

    found: int = 0
    correct: int = 0
    required: int = 0
    required_found: int = 0
    named: dict[str, int] = field(default_factory=lambda: {"span": 0, "coref": 0})
    right: dict[str, int] = field(default_factory=lambda: {"span": 0, "coref": 0})
    full_wanted: int = 0
    full_given: int = 0
    no_card: int = 0

    def add(self, record: dict[str, Any], result: Result) -> None:
        gold = regions(record)
        self.required += sum(r.required for r in gold)
        if not result.ok:
            self.no_card += 1
            return
        predicted = [q for q, _ in result.quotes]
        matches = match_quotes(predicted, [r.text for r in gold])
        self.found += len(predicted)
        for p, g in matches.items():
            region = gold[g]
            if not region.correct:
                continue
            self.correct += 1
            self.required_found += region.required
            if region.name and region.surname:
                kind = "coref" if region.resolution == "coref" else "span"
                speaker = result.quotes[p][1]
                self.named[kind] += 1
                self.right[kind] += speaker_right(speaker, region.surname, region.full)
                given = full_name_given(speaker, region.full)
                if given is not None:
                    self.full_wanted += 1
                    self.full_given += given

    def line(self, all_quotes: bool) -> str:
        precision = self.correct / self.found if self.found else 0.0
        named = sum(self.named.values())
        right = sum(self.right.values())
        cells = [f"found {self.found:5d}  precision {precision:.3f}"]
        if all_quotes:
            recall = self.required_found / self.required if self.required else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            cells.append(
                f"recall {recall:.3f} ({self.required_found}/{self.required})  F1 {f1:.3f}"
            )
        cells.append(f"speaker {right / named if named else 0:.3f} of {named}")
        for kind in ("span", "coref"):
            n = self.named[kind]
            cells.append(f"{kind} {self.right[kind] / n if n else 0:.3f} of {n}")
        cells.append(
            f"full name {self.full_given / self.full_wanted if self.full_wanted else 0:.3f} of {self.full_wanted}"
        )
        if self.no_card:
            cells.append(f"{self.no_card} no card")
        return "  ".join(cells)


def load(path: Path) -> list[dict[str, Any]]:
    """quotes-dev records (the folder or its data.jsonl.gz)."""
    file = path / "data.jsonl.gz" if path.is_dir() else path
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def part(record: dict[str, Any]) -> Part:
    return part_of(publisher_of(record["id"]))


def _tune_matches(
    records: Sequence[dict[str, Any]], results: dict[str, Result]
) -> Iterator[tuple[str, list[tuple[str, str | None]], list[Region], dict[int, int]]]:
    """For each TUNE record with a card: its id, our quotes, its gold regions, and which region
    each of our quotes matched (the failure listings read these; held-out records never)."""
    for record in records:
        result = results[record["id"]]
        if part(record) != "tune" or not result.ok:
            continue
        gold = regions(record)
        quotes = list(result.quotes)
        yield (
            record["id"],
            quotes,
            gold,
            match_quotes([q for q, _ in quotes], [r.text for r in gold]),
        )


def list_misses(records: Sequence[dict[str, Any]], results: dict[str, Result]) -> None:
    """The TUNE quotes given a wrong speaker (or none), one line each, for looking at while tuning."""
    print("\nTUNE failures: speaker (gold surname | ours | how the gold resolved it | quote)")
    for key, quotes, gold, matches in _tune_matches(records, results):
        for p, g in matches.items():
            region = gold[g]
            if not (region.correct and region.name and region.surname):
                continue
            speaker = quotes[p][1]
            if not speaker_right(speaker, region.surname, region.full):
                print(
                    f"  {key} {region.full or region.name!r} | {speaker!r} | "
                    f"{region.resolution} | {region.text[:70]!r}"
                )
    print("\nTUNE failures: right speaker, first name not given (gold full name | ours | quote)")
    for key, quotes, gold, matches in _tune_matches(records, results):
        for p, g in matches.items():
            region = gold[g]
            speaker = quotes[p][1]
            if not (region.correct and region.name and region.surname):
                continue
            right = speaker_right(speaker, region.surname, region.full)
            if right and full_name_given(speaker, region.full) is False:
                print(f"  {key} {region.full!r} | {speaker!r} | {region.text[:70]!r}")


def list_false_quotes(records: Sequence[dict[str, Any]], results: dict[str, Result]) -> None:
    """The TUNE card quotes that match no correct quoted region (titles, scare quotes, nothing)."""
    print("\nTUNE failures: key quotes that are no quote (ours | the region it matched, if any)")
    for key, quotes, gold, matches in _tune_matches(records, results):
        for p, (text, _) in enumerate(quotes):
            g = matches.get(p)
            if g is None or not gold[g].correct:
                where = "none" if g is None else repr(gold[g].text[:60])
                print(f"  {key} {text[:90]!r} | {where}")


async def evaluate(
    records: Sequence[dict[str, Any]], parts: Sequence[Part] = PARTS, misses: bool = False
) -> None:
    async with open_pipeline() as pipeline:
        for label, options in (
            ("key quotes (card, max 3)", Options()),
            ("all quotes", Options(max_quotes=ALL_QUOTES)),
        ):
            started = time.perf_counter()
            jobs = [Job(r["id"], TextSource(r["text"]), options) for r in records]
            results = await run_all(pipeline, jobs, label)
            print(f"\n{label}: {len(records)} articles in {time.perf_counter() - started:.0f} s")
            for name in parts:
                tally = Tally()
                group = [r for r in records if part(r) == name]
                for record in group:
                    tally.add(record, results[record["id"]])
                print(
                    f"  {name.upper():<8} ({len(group)} articles)  {tally.line(options.max_quotes == ALL_QUOTES)}"
                )
            if misses and options.max_quotes == ALL_QUOTES:
                list_misses(records, results)
            elif misses:
                list_false_quotes(records, results)


def load_ours(path: Path) -> list[dict[str, Any]]:
    """Our own passages: {id, language, paragraphs, expected: [{text, speaker}]} a line."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


async def evaluate_ours(name: str, cases: Sequence[dict[str, Any]]) -> None:
    """Our own passages as pasted text: exact-word matching of the card's key quotes. A passage
    of the language set gives one `speaker` for its quote instead of `expected` quotes: there
    every card quote should carry that speaker (a passage whose quote is missed counts wrong)."""
    async with open_pipeline() as pipeline:
        jobs = [Job(c["id"], TextSource("\n\n".join(c["paragraphs"])), Options()) for c in cases]
        results = await run_all(pipeline, jobs)
    if all("expected" not in c for c in cases):
        for language, (right, total) in speakers_by_language(list(cases), results).items():
            passages = sum(c["language"] == language for c in cases)
            print(f"{name} {language}: {passages} passages; speaker right {right}/{total}")
        return
    found = expected = matched = right = named = 0
    for case in cases:
        result = results[case["id"]]
        wanted = {" ".join(words(e["text"].lower())): e["speaker"] for e in case["expected"]}
        expected += len(wanted)
        for text, speaker in result.quotes:
            found += 1
            key = " ".join(words(text.lower()))
            if key in wanted:
                matched += 1
                want = wanted.pop(key)
                named += want is not None
                right += want is not None and speaker == want
    print(
        f"{name}: {len(cases)} passages; quote precision {matched / max(1, found):.3f} "
        f"recall {matched / max(1, expected):.3f}; speaker right {right}/{named}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, help="the quotes-dev folder (default ../shared/data/quotes-dev)"
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument(
        "--part",
        choices=[*PARTS, "both"],
        default="both",
        help="run one part only: 'tune' while working, 'held-out' once at the end",
    )
    parser.add_argument(
        "--failures",
        action="store_true",
        help="list the TUNE card quotes that are no quote and the TUNE quotes whose speaker is wrong "
        "(held-out failures are never listed)",
    )
    parser.add_argument(
        "--ours", type=Path, action="append", help="one of our tests/data/quotes*.jsonl sets"
    )
    args = parser.parse_args()
    print(f"$ python -m benchmarks.quotes {' '.join(sys.argv[1:])}")
    if args.ours:
        for path in args.ours:
            asyncio.run(evaluate_ours(path.name, load_ours(path)))
        return
    records = load(args.data or find_data() / "quotes-dev")
    if args.limit:  # spread over the publishers (records are in id order, publisher first)
        records = records[:: max(1, len(records) // args.limit)][: args.limit]
    parts: tuple[Part, ...] = PARTS if args.part == "both" else (args.part,)
    records = [r for r in records if part(r) in parts]
    asyncio.run(evaluate(records, parts, misses=args.failures))


if __name__ == "__main__":
    main()
