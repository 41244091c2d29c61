"""One sane card per language: right headline and language, whole sentences, the «» / „“ quote found."""

from __future__ import annotations

import re

import pytest

from bot.models import Options, Page
from bot.pipeline.core import digest_page
from bot.pipeline.render import render_html
from tests import paths
from tests.fakes.telegram_html import check

DATA = paths.TEST_DATA / "lang"

CASES = {
    "ru": (
        "В Казани открыли новую линию метро",
        "Мы ждали этого дня почти десять лет",
        "Ильсур Метшин",
    ),
    "uk": (
        "У Львові відкрили оновлену бібліотеку",
        "Ми хотіли, щоб бібліотека стала місцем",
        "Оксана Гнатюк",
    ),
    "de": (
        "Bremen baut die erste schwimmende Solaranlage des Landes",
        "Wir nutzen eine Fläche",
        "Kathrin Moosdorf",
    ),
    "fr": (
        "À Nantes, le tramway devient gratuit le week-end",
        "Nous voulons que chaque habitant",
        "Johanna Rolland",
    ),
    "es": (
        "Valencia planta 10.000 árboles para combatir el calor",
        "No se trata solo de embellecer",
        "Marta Torrado",
    ),
}
# Abbreviations in these articles that a naive splitter breaks sentences at.
NOT_SENTENCE_ENDS = re.compile(r"(?:млрд|Mio|z\. B|т\. е|ст)\.$")


@pytest.mark.parametrize("language", sorted(CASES))
def test_card_per_language(language: str) -> None:
    """The language is detected, the headline is the page's, bullets are whole article sentences."""
    headline, quote_start, speaker = CASES[language]
    html = (DATA / f"{language}.html").read_text(encoding="utf-8")
    digest = digest_page(
        Page("https://news.example/a", html.encode(), "text/html"), Options(sentences=4), 100_000
    )
    assert digest.language == language
    assert digest.article.title == headline
    body = digest.article.text
    assert len(digest.summary) == 4
    for bullet in digest.summary:
        assert bullet in body
        assert bullet[0].isupper() or bullet[0] in '«„“"', bullet
        assert bullet[-1] in '.!?…»“”"', bullet
        assert not NOT_SENTENCE_ENDS.search(bullet), bullet
    quotes = [q for q in digest.quotes if q.text.startswith(quote_start)]
    assert quotes, digest.quotes
    assert quotes[0].speaker in (speaker, None)
    check(render_html(digest))


def test_russian_speaker_resolved() -> None:
    """Russian attribution ('заявил Метшин') resolves to the full name used earlier."""
    html = (DATA / "ru.html").read_text(encoding="utf-8")
    digest = digest_page(
        Page("https://news.example/a", html.encode(), "text/html"), Options(), 100_000
    )
    speakers = {q.speaker for q in digest.quotes}
    assert "Ильсур Метшин" in speakers
