"""Tests for bot.pipeline.furniture: prose-like page furniture around the article."""

from __future__ import annotations

import pytest

from bot.pipeline.clean import furniture
from bot.pipeline.clean import lines as ln

_ARTICLE = [
    "The council approved the new budget on Monday after a long debate about school funding.",
    "Members said the plan would add two hundred teachers across the district next year.",
    "Opponents argued that the tax increase needed to pay for it would hurt small businesses.",
]


@pytest.mark.parametrize(
    "tail",
    [
        "Jane Doe is a staff reporter covering local government and education.",
        "Your email address will not be published. Required fields are marked *",
        "About Acme",
        "More from UK",
    ],
)
def test_run_is_cut_at_what_follows_the_article(tail: str) -> None:
    """A bio, comment form, About heading or related-stories heading ends the kept run."""
    lines = ln.split_lines("\n".join([*_ARTICLE, tail, "Acme makes widgets for people."]))
    assert furniture.trim(list(range(len(lines))), lines) == [0, 1, 2]


def test_tail_tell_before_half_the_article_does_not_cut() -> None:
    """A tell near the start (most of the article still to come) is not taken as the article's end."""
    lines = ln.split_lines("\n".join([_ARTICLE[0], "More from UK", *_ARTICLE[1:], *_ARTICLE]))
    assert furniture.trim(list(range(len(lines))), lines) == list(range(len(lines)))


def test_numbered_list_after_a_colon_continues_the_article() -> None:
    """Dated items right after the run's "dates:" line are kept, up to the first line that is
    no item."""
    lines = ln.split_lines(
        "\n".join(
            [
                *_ARTICLE,
                "The tour dates:",
                "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
                "June 10 -- Credit Union Amphitheatre, Tampa, FL",
                "Sept. 2 -- USANA Amphitheatre, Salt Lake City, UT",
                "Share this article",
            ]
        )
    )
    assert furniture.extend_list([0, 1, 2], lines) == [0, 1, 2, 3, 4, 5, 6]


def test_two_numbered_lines_are_no_list() -> None:
    """Fewer than three items after the colon leave the run as it was."""
    lines = ln.split_lines("\n".join([*_ARTICLE, "Dates:", "June 9 -- Tampa", "June 10 -- Miami"]))
    assert furniture.extend_list([0, 1, 2], lines) == [0, 1, 2]


def test_quotation_asking_for_support_is_no_appeal() -> None:
    """A quoted speaker ("We should be supporting ...") is article text; the same words unquoted
    are an appeal."""
    said = "We should be supporting Ukraine's democracy and its fight against corruption."
    assert not furniture.is_appeal(f"“{said}”")
    assert furniture.is_appeal(said)


def test_japanese_related_articles_heading_ends_the_run() -> None:
    """関連記事 ("related articles") is a tail tell like its English counterpart."""
    lines = ln.split_lines(
        "\n".join([*_ARTICLE, "関連記事", "「あずきバー」事件 －商標の判決シリーズ"])
    )
    assert furniture.trim(list(range(len(lines))), lines) == [0, 1, 2]
