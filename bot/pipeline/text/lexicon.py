"""Stop words and stemmers per language, from data the installed packages ship (no downloads)."""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

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
    """The language's Snowball stemmer (sumy's own for Ukrainian); lower-casing for languages
    without one. The stems are those sumy's `Stemmer` gives (NLTK's Snowball ports), from a library
    that imports in milliseconds instead of NLTK's seconds (see `_snowball`)."""
    name = language_name(language)
    stem: Callable[[str], str]
    if name is None:
        stem = str.lower  # sumy's null_stemmer
    elif language == "uk":
        stem = _sumy_ukrainian()
    else:
        stem = _snowball(name)
    # News repeats its words: caching stems makes stemming a long article several times cheaper.
    return lru_cache(maxsize=STEM_CACHE_SIZE)(stem)


# What NLTK's English stemmer reads as an apostrophe (it replaces them before stemming).
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'"})


def _snowball(name: str) -> Callable[[str], str]:
    """The Snowball stemmer for `name`, from PyStemmer (Snowball's own C library).

    Version 2.x: the algorithms NLTK's pure-Python ports implement (3.x revised English, German
    and French, which would change our stems and so the tuned summaries), ~12x faster than them.
    NLTK turns typographic apostrophes into straight ones before stemming English; so do we. Where
    the two still differ, on words no article uses (a French initial "y" before a vowel, an "ë",
    Russian letter runs NLTK's transliteration garbles), tests/pipeline/text/test_lexicon.py says
    which.
    """
    import Stemmer  # type: ignore[import-not-found]  # PyStemmer (a C module) ships no types

    algorithm = Stemmer.Stemmer(name)
    if name == "english":
        return lambda word: str(algorithm.stemWord(word.lower().translate(_APOSTROPHES)))
    return lambda word: str(algorithm.stemWord(word.lower()))


@cache
def _sumy_ukrainian() -> Callable[[str], str]:
    """sumy's Ukrainian stemmer, loaded from its file. Imported as `sumy.nlp.stemmers.ukrainian`
    it would run that package's `__init__`, which imports all of NLTK (seconds) for the Snowball
    ports we take from `snowballstemmer`; the module itself needs only `re`."""
    spec = importlib.util.find_spec("sumy")
    if spec is None or spec.origin is None:
        raise ImportError("sumy is not installed")
    path = Path(spec.origin).parent / "nlp" / "stemmers" / "ukrainian.py"
    found = importlib.util.spec_from_file_location("_gistbot_sumy_ukrainian", path)
    if found is None or found.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    stem: Callable[[str], str] = module.stem_word
    return stem
