"""The Title Case test shared by the summary's headings and the quote stage's titles."""

from __future__ import annotations

import pytest

from bot.pipeline.text import is_title_case, tokens


@pytest.mark.parametrize(
    ("text", "share", "min_words", "expected"),
    [
        ("What Is Digital Marketing?", 0.9, 4, True),
        ("The Lord of the Rings: The Return of the King", 0.8, 1, True),  # short words aside
        ("Charlton Athletic v Leicester City", 0.8, 1, True),  # 4 of 5 capitalised: at the line
        ("Charlton Athletic v Leicester City", 0.9, 4, False),
        ("Who Is Amp For?", 0.9, 4, False),  # three counted words, four needed
        ("Top 10 Best Language Apps 2025", 0.9, 4, True),  # numbers are not counted
        ("The council approved the school budget on Monday.", 0.9, 4, False),
        ("", 0.8, 1, False),
    ],
)
def test_title_case(text: str, share: float, min_words: int, expected: bool) -> None:
    assert is_title_case(tokens(text), share, min_words) is expected
