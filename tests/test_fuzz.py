"""A short, fixed-seed run of the pipeline fuzzer: no exception escapes, every card is valid."""

from __future__ import annotations

from fuzz.run import batch, mutate, run_one, seeds


def test_short_fuzz_run_finds_nothing() -> None:
    """300 mutated inputs through clean/extract/quotes/summarize/render give no failure."""
    corpus = seeds([])
    assert batch((7, 300, corpus)) == []


def test_fuzzer_reports_failures() -> None:
    """The harness catches an exception that escapes a stage (so the run above can fail)."""
    import random

    text = mutate(random.Random(3), ["<p>abc</p>"])
    assert isinstance(text, str)
    assert run_one(None) is not None  # type: ignore[arg-type]  # a non-string input must surface as a failure
