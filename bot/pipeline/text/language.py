"""Language detection with a detector that ships its model (never downloads).

lingua in low-accuracy mode, restricted to the languages we summarize well, built once per
process on first use (building it is the slow part; a detection then costs tens of microseconds).
"""

from __future__ import annotations

import re
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from bot.languages import LANGUAGES

_LINGUA = {code: getattr(Language, lang.name.upper()) for code, lang in LANGUAGES.items()}
# Fewer letters than this and the detector is guessing: fall back to the script's default.
MIN_LETTERS = 20
# Only this much text is looked at (about 160 words): the first paragraphs decide the language of a
# news article. 2000 cost 1.4 ms a detection, 1000 0.55 ms, with the same language on every dev
# article checked (707 wcxb-dev, 47 extraction-dev, 15 multilingual): a speed choice, not tuned.
SAMPLE_CHARS = 1000
_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
# English function words, and the share of a sample's words they must make for the sample to be
# English without asking the detector (they are ~20% of English news prose; a speed rule, and
# the answers were the same on all 2,852 dev texts checked, 2,569 of them taking it; our passages:
# tests/pipeline/text/test_language.py).
_ENGLISH_FUNCTION = frozenset(
    [
        *("the", "of", "and", "to", "in", "is", "that", "for"),
        *("with", "was", "on", "as", "by", "it", "at", "from"),
    ]
)
ENGLISH_SHARE = 0.10
ENGLISH_MIN_WORDS = 40
_WORD = re.compile(r"[a-z]+")


@cache
def _detector() -> LanguageDetector:
    builder = LanguageDetectorBuilder.from_languages(*_LINGUA.values())
    return builder.with_low_accuracy_mode().build()


def detect_language(text: str, hint: str | None = None) -> str:
    """ISO 639-1 code of the text's language; `hint` wins; a default by script when unsure."""
    if hint and hint.strip():
        return hint.strip().lower()
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return _by_script(sample)
    if _plainly_english(sample):
        return "en"
    found = _detector().detect_language_of(sample)
    if found is None:
        return _by_script(sample)
    return next(code for code, language in _LINGUA.items() if language == found)


def _plainly_english(sample: str) -> bool:
    """Text in ASCII letters whose words are at least ENGLISH_SHARE English function words
    ('the', 'of', …): no other language we detect writes so, and the detector's answer is then
    always 'en' (checked on every dev text), at a fraction of its cost."""
    if not all(ch.isascii() for ch in sample if ch.isalpha()):
        return False
    words = _WORD.findall(sample.lower())
    return len(words) >= ENGLISH_MIN_WORDS and (
        sum(w in _ENGLISH_FUNCTION for w in words) >= ENGLISH_SHARE * len(words)
    )


def _by_script(text: str) -> str:
    """'ru' for mostly Cyrillic text ('uk' when it has letters only Ukrainian uses), else 'en'."""
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if not letters or cyrillic * 2 < len(letters):
        return "en"
    return "uk" if any(ch in _UKRAINIAN_ONLY for ch in text) else "ru"
