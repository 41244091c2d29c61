"""Tests for bot.pipeline.clean: pasted page text -> headline and article paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import InputError
from bot.pipeline.clean import clean
from bot.pipeline.clean.lines import MAX_CHARS
from tests import paths

DATA = paths.TEST_DATA / "pasted"


def _norm(text: str) -> str:
    """Whitespace collapsed as clean() does (non-breaking spaces included)."""
    return " ".join(text.split())


def _blocks(path: Path) -> list[str]:
    """The file's non-empty lines, whitespace-normalised."""
    return [_norm(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _starting(blocks: list[str], *prefixes: str) -> list[str]:
    """The blocks that start with each prefix, in the prefixes' order (one each)."""
    return [next(b for b in blocks if b.startswith(p)) for p in prefixes]


def test_reference_example_exact() -> None:
    """The product's reference paste gives its headline and exactly its five article paragraphs."""
    reference = paths.shared_data() / "pasted" / "moscow-times-aleppo.txt"
    blocks = _blocks(reference)
    article = clean(reference.read_text(encoding="utf-8"))
    assert article.title == (
        "Putin Rejects Russian Defense Ministry's Request to End ‘Humanitarian Pause’ in Syria"
    )
    assert list(article.paragraphs) == _starting(
        blocks,
        "President Vladimir Putin",
        "Dmitry Peskov",
        "Peskov wouldn",
        "On Oct. 20",
        "The West",
    )
    body = article.text
    for furniture in (
        "Kremlin Press Service",
        "Support us",
        "newsletter",
        "Remind me later",
        "Enjoying ad-free",
        "Dear readers",
    ):
        assert furniture not in body


def test_english_page_pinned() -> None:
    """A news page with menus, cookie note, byline, share bar, caption, related links, newsletter
    box, comment count, donation appeal and footer keeps only its headline and five paragraphs."""
    path = DATA / "en-ferry-pier.txt"
    article = clean(path.read_text(encoding="utf-8"), origin="https://t.me/c/1/2")
    assert article.title == "Harbour Council Approves Plan to Rebuild the Old Ferry Pier"
    assert list(article.paragraphs) == _starting(
        _blocks(path),
        "The town council voted",
        "The plan, approved",
        "“The pier is",
        "Opponents said",
        "The ferry operator",
    )
    assert article.url == "https://t.me/c/1/2"


def test_russian_page_pinned() -> None:
    """A Russian news page keeps its headline and four paragraphs, without menus, the photo credit,
    'Читайте также', the newsletter box, the readers' appeal or the footer."""
    path = DATA / "ru-volga-bridge.txt"
    article = clean(path.read_text(encoding="utf-8"))
    assert article.title == "В Самаре откроют новый мост через Волгу в следующем году"
    assert list(article.paragraphs) == _starting(
        _blocks(path),
        "Новый мост через Волгу",
        "По словам",
        "Стоимость проекта",
        "Эксперты отмечают",
    )


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        (
            "en-ferry-pier.txt",
            (
                "cookie",
                "Photo:",
                "Related",
                "newsletter",
                "comments",
                "Dear reader",
                "Donate",
                "©",
                "Share",
                "By Margaret",
            ),
        ),
        (
            "ru-volga-bridge.txt",
            (
                "cookie",
                "Фото:",
                "Читайте",
                "рассылку",
                "Комментарии",
                "читатели",
                "Поддержать",
                "©",
                "Поделиться",
                "Анна Ковалева",
            ),
        ),
    ],
)
def test_furniture_left_out(name: str, furniture: tuple[str, ...]) -> None:
    """No furniture text survives in the body, and the headline is not repeated as a paragraph."""
    article = clean((DATA / name).read_text(encoding="utf-8"))
    for marker in furniture:
        assert marker not in article.text, marker
    assert article.title not in article.paragraphs


@pytest.mark.parametrize(
    ("name", "title_start", "first", "count"),
    [
        ("en-ferry-pier.txt", "Harbour Council", "The town council voted", 5),
        ("ru-volga-bridge.txt", "В Самаре", "Новый мост через Волгу", 4),
    ],
)
def test_pages_without_blank_lines(name: str, title_start: str, first: str, count: int) -> None:
    """Pasted without blank lines between blocks (as many apps do), a page gives the same
    headline and paragraphs."""
    text = (DATA / name).read_text(encoding="utf-8").replace("\n\n", "\n")
    article = clean(text)
    assert article.title is not None
    assert article.title.startswith(title_start)
    assert article.paragraphs[0].startswith(first)
    assert len(article.paragraphs) == count


def test_reference_example_without_blank_lines() -> None:
    """The reference paste with its blank lines removed still loses its banner and credit."""
    reference = paths.shared_data() / "pasted" / "moscow-times-aleppo.txt"
    article = clean(reference.read_text(encoding="utf-8").replace("\n\n", "\n"))
    assert article.title is not None
    assert article.title.startswith("Putin Rejects")
    assert len(article.paragraphs) == 5
    assert article.paragraphs[0].startswith("President Vladimir Putin")


def test_forward_without_headline_gets_first_sentence() -> None:
    """A forwarded post that starts with its text gets the first sentence, cut to 12 words with '…',
    and keeps every paragraph."""
    path = DATA / "en-forward.txt"
    article = clean(path.read_text(encoding="utf-8"))
    assert article.title == "The city's main library will stay open until midnight during the exam…"
    assert list(article.paragraphs) == _blocks(path)


def test_short_first_sentence_is_whole_headline() -> None:
    """A first sentence of at most 12 words becomes the headline unshortened."""
    text = (
        "Heavy snow closed the mountain pass on Sunday. Drivers were told to wait in the valley "
        "towns until the ploughs had cleared both lanes, which could take until Tuesday morning."
    )
    article = clean(text)
    assert article.title == "Heavy snow closed the mountain pass on Sunday."
    assert article.paragraphs == (text,)


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("Dr. Ben Carson spoke in Iowa on Monday.", "Dr. Ben Carson spoke in Iowa on Monday."),
        ("The U.S. Senate voted on Monday.", "The U.S. Senate voted on Monday."),
        ("Он сказал: «Нет.»", "Он сказал: «Нет.»"),
    ],
)
def test_a_first_sentence_headline_is_not_cut_at_an_abbreviation(first: str, expected: str) -> None:
    """'Dr.' and 'U.S.' end no sentence, and a closing quote mark stays with its sentence."""
    text = (
        f"{first} Drivers were told to wait in the valley towns until the ploughs had cleared "
        "both lanes, which could take until Tuesday morning."
    )
    assert clean(text).title == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n", "\u00a0\n \u2003", "\u200b\ufeff\n"])
def test_empty_text_raises_input_error(text: str) -> None:
    """Empty or whitespace-only text is an InputError, not an empty article."""
    with pytest.raises(InputError):
        clean(text)


def test_punctuation_only_text_is_returned_as_is() -> None:
    """Text without a letter or digit is not empty input: it comes back unclassified, untitled
    (the summarizer then reports that it has no sentences)."""
    article = clean("---\n***\n. . .")
    assert article.paragraphs == ("---", "***", ". . .")
    assert article.title is None


def test_hundred_thousand_one_word_lines_return() -> None:
    """100,000 one-word lines are cleaned without error (the input is capped, not rejected)."""
    article = clean("\n".join(f"word{i % 97}" for i in range(100_000)))
    assert article.paragraphs
    assert article.title


def test_five_megabyte_single_line_returns() -> None:
    """A single 5 MB line is cleaned without error: read up to the cap, cut into paragraphs."""
    line = ("The committee met again on Thursday to discuss the budget. " * 90_000)[:5_000_000]
    article = clean(line)
    assert len(article.paragraphs) > 1
    assert sum(len(p) for p in article.paragraphs) <= MAX_CHARS
    assert article.title is not None
    assert article.title.endswith("budget.")


@pytest.mark.parametrize(
    ("name", "sentence_start"),
    [("el-scrap.txt", "Το νέο"), ("ja-scrap.txt", "東京都は")],
)
def test_other_scripts_keep_their_article_line(name: str, sentence_start: str) -> None:
    """Greek and Japanese (no trained word lists) degrade gracefully: the prose line is kept."""
    article = clean((DATA / name).read_text(encoding="utf-8"))
    assert any(p.startswith(sentence_start) for p in article.paragraphs)
    assert article.title


@pytest.mark.parametrize("text", ["x", "1\n2\n3", "a\n\nb", "—\nword\n—"])
def test_tiny_scraps_do_not_crash(text: str) -> None:
    """Tiny scraps still give a non-empty headline and non-empty paragraphs."""
    article = clean(text)
    assert article.paragraphs
    assert all(p.strip() for p in article.paragraphs)
    assert article.title


def test_crlf_and_nbsp_are_normalised() -> None:
    """Windows line ends and non-breaking spaces do not leak into paragraphs."""
    path = DATA / "en-forward.txt"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n").replace(" the ", "\u00a0the ")
    article = clean(text)
    assert list(article.paragraphs) == _blocks(path)
