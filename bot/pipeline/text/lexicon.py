"""Stop words and stemmers per language, from data the installed packages ship (no downloads)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import cache, lru_cache

import stop_words as stop_words_package

from bot.languages import LANGUAGES

# Distinct words kept per language; a 20,000-word article has about 4,000.
STEM_CACHE_SIZE = 50_000
# Languages whose stop words mark prose in a paste of unknown language (the cleaner's features):
# ours, and the other big European languages the `stop-words` package ships.
_PROSE_LANGUAGES = ("en", "ru", "uk", "de", "fr", "es", "it", "pt", "nl", "pl")


def language_name(language: str) -> str | None:
    """sumy's and Snowball's name for a supported ISO code, None for any other language."""
    known = LANGUAGES.get(language)
    return known.name if known else None


@cache
def stop_words(language: str) -> frozenset[str]:
    """Lower-case stop words: sumy's list and the `stop-words` package's (none when unknown)."""
    from sumy.utils import get_stop_words  # sumy imports NLTK: only the worker processes need it

    name = language_name(language)
    if name is None:
        return frozenset()
    words: set[str] = set()
    with contextlib.suppress(LookupError):  # sumy ships no Russian list; stop-words has one
        words.update(get_stop_words(name))
    words.update(stop_words_package.get_stop_words(language))
    return frozenset(w.lower() for w in words)


@cache
def any_stop_words() -> frozenset[str]:
    """Stop words of any of the common European languages (for text whose language is unknown)."""
    found: set[str] = set()
    for code in _PROSE_LANGUAGES:
        found.update(w.lower() for w in stop_words_package.get_stop_words(code))
    return frozenset(found)


@cache
def stemmer(language: str) -> Callable[[str], str]:
    """Snowball (or sumy's Ukrainian) stemmer; lower-casing only for languages without one."""
    from sumy.nlp.stemmers import Stemmer, null_stemmer

    name = language_name(language)
    stem: Callable[[str], str] = null_stemmer if name is None else Stemmer(name)
    # News repeats its words: caching stems makes stemming a long article several times cheaper.
    return lru_cache(maxsize=STEM_CACHE_SIZE)(stem)
