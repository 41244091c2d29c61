"""Stop words and stemmers per language, from data the installed packages ship (no downloads)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import cache, lru_cache

import stop_words
from sumy.nlp.stemmers import Stemmer, null_stemmer
from sumy.utils import get_stop_words

# Distinct words kept per language; a 20,000-word article has about 4,000.
STEM_CACHE_SIZE = 50_000
# ISO 639-1 -> the language name sumy and NLTK's Snowball stemmers use.
_NAMES = {
    "en": "english",
    "ru": "russian",
    "uk": "ukrainian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
}


def language_name(language: str) -> str | None:
    """sumy's name for a supported ISO code, None for any other language."""
    return _NAMES.get(language)


@cache
def stop_words_for(language: str) -> frozenset[str]:
    """Lower-case stop words: sumy's list and the `stop-words` package's (none when unknown)."""
    name = language_name(language)
    if name is None:
        return frozenset()
    words: set[str] = set()
    with contextlib.suppress(LookupError):  # sumy ships no Russian list; stop-words has one
        words.update(get_stop_words(name))
    words.update(stop_words.get_stop_words(language))
    return frozenset(w.lower() for w in words)


@cache
def stemmer_for(language: str) -> Callable[[str], str]:
    """Snowball (or sumy's Ukrainian) stemmer; lower-casing only for languages without one."""
    name = language_name(language)
    stem: Callable[[str], str] = null_stemmer if name is None else Stemmer(name)
    # News repeats its words: caching stems makes stemming a long article several times cheaper.
    return lru_cache(maxsize=STEM_CACHE_SIZE)(stem)
