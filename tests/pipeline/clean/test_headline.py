"""Tests for bot.pipeline.headline: which lines may be the headline and how they are described."""

from __future__ import annotations

from bot.pipeline.clean import headline as hl
from bot.pipeline.clean import lines as ln


def _lines(*texts: str) -> list[ln.Line]:
    """Lines as split_lines gives them, one per text."""
    return ln.split_lines("\n".join(texts))


def test_echo_finds_a_breadcrumb_but_not_a_word_for_word_repeat() -> None:
    """A headline repeated inside a breadcrumb echoes; two identical share buttons do not."""
    lines = _lines(
        "Home > Science > Mars rover finds ancient lake bed",
        "Mars rover finds ancient lake bed",
        "Share this with Facebook",
        "Share this with Facebook",
    )
    near = hl.span_words(lines, range(len(lines)))
    assert hl.echo(1, near) == 1.0
    assert hl.echo(2, near) == 0.0


def test_two_sentence_line_inside_the_run_is_no_candidate() -> None:
    """Inside the kept run a line of two sentences is article text; above the lede it may still
    be a headline (some headlines end with 'Why…')."""
    lines = _lines(
        "Stock Is Falling After Its Earnings. Here Is Why",
        "The company reported weaker sales on Tuesday and cut its outlook for the year.",
        "Also, we hope you enjoy it! Here is what he said",
        "Shares fell by nine percent in early trading after the report was published today, and "
        "analysts said the outlook for the rest of the year now looks a good deal weaker.",
    )
    found = hl.candidates(lines, [1, 2, 3])
    assert 0 in found
    assert 2 not in found
