"""Language detection: lingua for six languages, hints, and sane defaults."""

from __future__ import annotations

import pytest

from bot.pipeline.text import detect_language

SAMPLES = {
    "en": "The city council approved the new budget on Tuesday after a long debate.",
    "ru": "Городской совет во вторник утвердил новый бюджет после долгих споров.",
    "uk": "Міська рада ухвалила новий бюджет після тривалих суперечок депутатів.",
    "de": "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen.",
    "fr": "Le conseil municipal a approuvé mardi le nouveau budget après un long débat.",
    "es": "El ayuntamiento aprobó el martes el nuevo presupuesto tras un largo debate.",
}


@pytest.mark.parametrize(("language", "text"), SAMPLES.items())
def test_detects_six_languages(language: str, text: str) -> None:
    """One news sentence is enough to tell the six supported languages apart."""
    assert detect_language(text) == language


def test_hint_wins() -> None:
    """A chat's language hint overrides detection, normalised to lower case."""
    assert detect_language(SAMPLES["en"], hint=" DE ") == "de"


def test_unsupported_hint_passes_through() -> None:
    """A hint for a language we have no detector for is still honoured."""
    assert detect_language(SAMPLES["en"], hint="it") == "it"


@pytest.mark.parametrize(
    ("text", "language"),
    [("ok", "en"), ("", "en"), ("Привет!", "ru"), ("Їжачок їсть", "uk"), ("12345 !!!", "en")],
)
def test_short_text_falls_back_by_script(text: str, language: str) -> None:
    """Too little text to detect: Cyrillic means ru (uk with Ukrainian-only letters), else en."""
    assert detect_language(text) == language
