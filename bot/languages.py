"""The languages gistbot reads and speaks: one table, imported by the pipeline, the settings and the
card renderer (light: no language library is imported here)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    """One supported language: ISO 639-1 code, its English name (what lingua, Snowball and sumy
    call it) and its own name (what the card shows)."""

    code: str
    name: str
    native: str


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "english", "English"),
        Language("ru", "russian", "Русский"),
        Language("uk", "ukrainian", "Українська"),
        Language("de", "german", "Deutsch"),
        Language("fr", "french", "Français"),
        Language("es", "spanish", "Español"),
    )
}
CODES: tuple[str, ...] = tuple(LANGUAGES)


def native_name(code: str) -> str:
    """The language's own name for a card ('Deutsch'); the code itself for any other language."""
    language = LANGUAGES.get(code)
    return language.native if language else code
