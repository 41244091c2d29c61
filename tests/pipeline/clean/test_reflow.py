"""Every shape of paste keeps its body: one long paragraph (with or without a headline line),
hard-wrapped rows, one sentence per line; made-up articles only."""

from __future__ import annotations

import textwrap

import pytest

from bot.pipeline.clean import clean, reflow
from bot.pipeline.clean import lines as ln
from bot.pipeline.clean.furniture import is_appeal

HEADLINE = "Harbour town votes to rebuild its flooded sea wall before winter"
SENTENCES = [
    f"Sentence {i} of the report says the council of Port Avery met {day} to weigh the cost "
    f"of the new wall, and {who} told residents that the work would start soon."
    for i, (day, who) in enumerate(
        [
            (d, w)
            for d in ("on Monday", "on Tuesday", "late on Friday")
            for w in ("the mayor", "an engineer", "the treasurer", "a fisherman")
        ]
        * 3
    )
]
# A long body that also says "supporters" and "we" (no appeal) and ends with a credit-like line.
SENTENCES[-2] = (
    "We are grateful to the supporters who stayed, the mayor said at the end of the meeting."
)
BODY = " ".join(SENTENCES)


def _words(text: str) -> list[str]:
    """The text's words, for comparing what was kept with what was pasted."""
    return text.split()


def _kept_share(article_text: str) -> float:
    """Share of the body's words that the cleaned article kept."""
    kept = set(_words(article_text))
    body = _words(BODY)
    return sum(w in kept for w in body) / len(body)


@pytest.mark.parametrize(
    "shape",
    [
        f"{HEADLINE}\n\n{BODY}",
        BODY,
        f"{HEADLINE}\n\n" + "\n".join(textwrap.wrap(BODY, 72)),
        f"{HEADLINE}\n\n" + "\n".join(SENTENCES),
        f"{HEADLINE}\n{BODY}\n",
    ],
    ids=["headline-blank-paragraph", "paragraph-alone", "wrapped-72", "sentence-lines", "no-blank"],
)
def test_every_paste_shape_keeps_the_whole_body(shape: str) -> None:
    """A pasted body is never dropped because its lines are long, wrapped or one per sentence."""
    article = clean(shape)
    assert len(BODY.split()) > 3 * reflow.LONG_WORDS  # the made-up body is one huge line
    assert _kept_share(article.text) >= 0.99
    assert "the mayor said at the end of the meeting." in article.text


@pytest.mark.parametrize("shape", ["headline-blank", "wrapped"])
def test_a_pastes_headline_is_its_title_line(shape: str) -> None:
    """The headline line above one long paragraph is the card's headline, not part of the body."""
    body = BODY if shape == "headline-blank" else "\n".join(textwrap.wrap(BODY, 72))
    article = clean(f"{HEADLINE}\n\n{body}")
    assert article.title == HEADLINE
    assert HEADLINE not in article.text


def test_long_line_is_cut_into_paragraphs_of_whole_sentences() -> None:
    """A line longer than any page paragraph becomes paragraph-sized lines of whole sentences."""
    pieces = reflow.split_long([ln.Line(BODY, True, True)])
    assert len(pieces) > 1
    assert " ".join(p.text for p in pieces) == BODY
    assert all(p.blank_before and p.blank_after for p in pieces)
    assert all(ln.effective_words(p.text) <= 2 * reflow.PARAGRAPH_WORDS for p in pieces)
    assert all(p.text.endswith(".") for p in pieces)


def test_short_lines_are_left_alone() -> None:
    """Lines of ordinary length pass through split_long unchanged."""
    lines = [ln.Line(s, True, True) for s in SENTENCES[:3]]
    assert reflow.split_long(lines) == lines


def test_unwrap_joins_hard_wrapped_paragraphs_and_keeps_paragraph_breaks() -> None:
    """Rows a fixed-width wrap broke are joined; blank lines between paragraphs stay."""
    first, second = " ".join(SENTENCES[:6]), " ".join(SENTENCES[6:12])
    text = "\n".join(textwrap.wrap(first, 72)) + "\n\n" + "\n".join(textwrap.wrap(second, 72))
    assert reflow.unwrap(text) == f"{first}\n\n{second}"


def test_unwrap_leaves_a_select_all_copy_alone() -> None:
    """A page copy (short menu rows, long paragraphs) is not mistaken for hard-wrapped text."""
    text = "\n".join(["Home", "World", "Sport", "Weather", "Sign in", HEADLINE, "", *SENTENCES[:4]])
    assert reflow.unwrap(text) == text


def test_a_paragraph_mentioning_support_is_no_appeal() -> None:
    """One "support" word and one "we" in a paragraph-long line make no appeal; a short ask does."""
    assert not is_appeal(SENTENCES[0] + " " + SENTENCES[-2])
    assert is_appeal("Support us: we need your help to keep reporting.")
