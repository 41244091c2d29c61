"""A short, fixed-seed run of the pipeline fuzzer: no exception escapes, every card is valid."""

from __future__ import annotations

from dataclasses import replace

from bot.errors import ExtractionError
from bot.models import Digest
from fuzz.run import batch, run_one, seeds
from tests.factories import digest


def test_short_fuzz_run_finds_nothing() -> None:
    """300 mutated inputs through clean/extract/quotes/summarize/render give no failure."""
    corpus = seeds([])
    assert batch((7, 300, corpus)) == []


def test_fuzzer_reports_failures() -> None:
    """The harness reports an exception escaping a stage and a card Telegram would refuse, and
    lets a polite GistError pass (so the run above can fail, and fails only for real faults)."""

    def raises(text: str) -> Digest:
        raise ValueError("a bug")

    def refused(text: str) -> Digest:
        return replace(digest(), card="<b>unclosed")

    def polite(text: str) -> Digest:
        raise ExtractionError("nothing there")

    assert "ValueError: a bug" in (run_one("x", (raises,)) or "")
    assert (run_one("x", (refused,)) or "").startswith("invalid card")
    assert run_one("x", (polite,)) is None
