"""The card's own words follow the article's language; only the article's text stays as it is."""

from __future__ import annotations

import re

import pytest

from bot.i18n import SUPPORTED
from bot.models import Article, Digest, Quote
from bot.pipeline.render import render_html, render_text
from tests.fakes.telegram_html import check

WORD = re.compile(r"[^\W\d_]+")  # words of letters: numbers are no language
TEXT = (
    "Die Stadt Berlin baut eine neue Brücke über die Spree. Der Bau soll im Frühjahr beginnen. "
    "„Wir haben lange auf diese Verbindung gewartet“, sagte Bürgermeisterin Anna Schulz. "
    "Die Kosten liegen bei vierzig Millionen Euro. Anwohner begrüßen das Vorhaben. "
) * 40
# The English card's own phrases: none may show on a card in another language.
ENGLISH_LABELS = ("min read", "Original reduced by", "Summary", "this card covers", "English")


def _digest(language: str, *, title: str | None = None, truncated: bool = True) -> Digest:
    article = Article(
        title=title,
        paragraphs=(TEXT,),
        url="https://zeitung.example/bruecke",
        author="Anna Schulz",
        date="2026-11-30",
        site="Zeitung",
    )
    return Digest(
        article=article,
        summary=("Die Stadt Berlin baut eine neue Brücke über die Spree.",),
        quotes=(Quote("Wir haben lange auf diese Verbindung gewartet", "Anna Schulz"),),
        language=language,
        words=2300,
        summary_words=10,
        keywords=("Berlin", "Spree"),
        truncated=truncated,
    )


def _own_words(digest: Digest) -> set[str]:
    """Every word the article itself brings to the card (text, metadata, quotes, keywords)."""
    article = digest.article
    parts = [article.text, article.url or "", article.author or "", article.date or ""]
    parts += [article.site or "", *digest.keywords, *(q.speaker or "" for q in digest.quotes)]
    return {w.lower() for w in WORD.findall(" ".join(parts))}


def _label_words(card: str, digest: Digest) -> set[str]:
    """The words of a card that the renderer added: not the article's, not markup."""
    visible = re.sub(r"<[^>]*>", " ", card)
    return {w.lower() for w in WORD.findall(visible)} - _own_words(digest)


def test_german_card_has_no_english_word() -> None:
    """A German article's card (no headline, truncated) has no word of the English card's labels."""
    german = _digest("de")
    card = render_html(german)
    check(card)
    english = _label_words(render_html(_digest("en")), _digest("en"))
    assert {"min", "read", "original", "reduced", "summary", "card", "english"} <= english
    assert _label_words(card, german) & english == set()
    assert "Zusammenfassung" in card  # the fallback headline
    assert "Minuten Lesezeit · Deutsch" in card
    assert "Originaltext um" in card
    assert "nur den Anfang" in card


@pytest.mark.parametrize("language", [code for code in SUPPORTED if code != "en"])
def test_every_language_card_has_its_own_labels(language: str) -> None:
    """In each supported language the HTML card and the text card carry none of the English phrases."""
    digest = _digest(language)
    card = render_html(digest)
    check(card)
    for rendered in (card, render_text(digest)):
        assert not [phrase for phrase in ENGLISH_LABELS if phrase in rendered], rendered


def test_english_card_keeps_english_labels() -> None:
    """An English article's card still says "min read" and "Original reduced by"."""
    card = render_html(_digest("en", title="A bridge"))
    assert " min read · English</i>" in card
    assert "Original reduced by " in card


def test_language_we_do_not_speak_gets_english_labels_and_its_code() -> None:
    """An Italian article's card uses English labels and names the language by its code."""
    card = render_html(_digest("it", truncated=False))
    assert "min read · it</i>" in card
    assert "Original reduced by" in card


def test_russian_reading_time_and_reduction() -> None:
    """A Russian card says the reading time and reduction in Russian, the number kept."""
    digest = _digest("ru", title="Мост", truncated=False)
    card = render_html(digest)
    assert f"{digest.reading_minutes} мин чтения · Русский" in card  # the language by its own name
    assert f"Оригинал сокращён на {round(digest.reduction * 100)}%" in card
