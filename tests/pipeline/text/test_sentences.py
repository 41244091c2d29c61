"""Sentence and word splitting per language, offline."""

from __future__ import annotations

import json
from typing import Any

import nltk.data  # type: ignore[import-untyped]  # nltk ships no types
import pytest
from sumy.parsers.plaintext import PlaintextParser

from bot.pipeline.text import Tokenizer, split_sentences
from tests import paths

CASES: list[dict[str, Any]] = json.loads(
    (paths.TEST_DATA / "splitting.json").read_text(encoding="utf-8")
)
LANGUAGES = ("en", "ru", "uk", "de", "fr", "es", "it")


@pytest.fixture
def no_nltk_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any NLTK data lookup fail, as it would on a machine without downloaded data."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise LookupError("NLTK data must not be needed")

    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)
    monkeypatch.setattr(nltk, "download", refuse)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['language']}: {c['what']}" for c in CASES])
def test_split_tricky_text(case: dict[str, Any]) -> None:
    """Abbreviations, numbers, quotes and ellipses split where a reader would split them."""
    assert list(split_sentences(case["text"], case["language"])) == case["sentences"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_split_keeps_every_character(language: str) -> None:
    """Splitting only cuts at whitespace: the sentences rejoin to the paragraph."""
    text = " ".join(c["text"] for c in CASES)
    assert " ".join(split_sentences(text, language)).split() == text.split()


def test_split_empty_paragraph() -> None:
    """Blank text has no sentences."""
    assert split_sentences("   ", "en") == ()


def test_generic_splitter_for_other_languages() -> None:
    """A language without its own splitter still cuts at sentence ends, initials aside."""
    text = "Il signor Rossi è arrivato. Ha detto: «Siamo pronti.» Poi J. Bianchi è partito."
    assert split_sentences(text, "it") == (
        "Il signor Rossi è arrivato.",
        "Ha detto: «Siamo pronti.»",
        "Poi J. Bianchi è partito.",
    )


def test_unclosed_quote_stays_split() -> None:
    """A stray opening quote does not glue the rest of a long paragraph into one sentence."""
    text = '"Stray mark here. ' + " ".join(f"Sentence number {i} is short." for i in range(30))
    assert len(split_sentences(text, "en")) == 31


def test_to_words_keeps_inner_hyphens_and_apostrophes() -> None:
    """Words are letters and digits; hyphenated words and contractions stay whole."""
    assert Tokenizer("en").to_words("It's a well-known 3-day event, isn't it?") == (
        "It's",
        "a",
        "well-known",
        "3-day",
        "event",
        "isn't",
        "it",
    )


@pytest.mark.usefixtures("no_nltk_data")
@pytest.mark.parametrize("language", LANGUAGES)
def test_sumy_parser_uses_our_tokenizer_without_nltk_data(language: str) -> None:
    """sumy parses text through our tokenizer with no NLTK data present."""
    document = PlaintextParser.from_string(CASES[0]["text"], Tokenizer(language)).document
    assert len(document.sentences) >= 4
    assert all(sentence.words for sentence in document.sentences)


def test_no_code_downloads_nltk_data() -> None:
    """Nothing under bot/ asks NLTK to download data."""
    sources = (paths.ROOT / "bot").rglob("*.py")
    assert not [p for p in sources if "nltk.download" in p.read_text(encoding="utf-8")]


def test_glued_sentences_are_split() -> None:
    """Sentences a site glued together with no space ("Wednesday.The") are split; U.S./e.g. are not."""
    from bot.pipeline.text import split_sentences

    text = "Kan reported on Wednesday.The stabbing occurred in Berlin. The U.S. Army, e.g. its staff, said so."
    assert split_sentences(text, "en") == (
        "Kan reported on Wednesday.",
        "The stabbing occurred in Berlin.",
        "The U.S. Army, e.g. its staff, said so.",
    )
    assert split_sentences("Он сказал это вчера.Сегодня всё иначе.", "ru") == (
        "Он сказал это вчера.",
        "Сегодня всё иначе.",
    )
