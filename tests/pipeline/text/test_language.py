"""Language detection: lingua for six languages, hints, and sane defaults."""

from __future__ import annotations

import json

import pytest

from bot.pipeline.text import detect_language, language
from tests import paths

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


def _passages() -> list[tuple[str, str]]:
    """Our quote passages in every supported language (tests/data), as (language, text)."""
    out = []
    for name in ("quotes-languages.jsonl", "quotes.jsonl"):
        path = paths.TEST_DATA / name
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            out.append((case["language"], "\n\n".join(case["paragraphs"])))
    return out


def test_the_english_shortcut_agrees_with_the_detector() -> None:
    """A sample plainly English (ASCII letters, enough function words) skips the detector; on
    our passages and the samples the answer is the detector's, and only English takes it."""
    texts = [*_passages(), *((lang, text * 6) for lang, text in SAMPLES.items())]
    shortcut = [(lang, text) for lang, text in texts if language._plainly_english(text[:1000])]
    assert {lang for lang, _ in shortcut} == {"en"}
    assert len(shortcut) >= 3
    detector = language._detector()
    for _, text in shortcut:
        found = detector.detect_language_of(text[: language.SAMPLE_CHARS])
        assert found is not None
        assert found.iso_code_639_1.name.lower() == "en"
    for lang, text in texts:
        assert detect_language(text) == lang
