"""The stemmers give the stems sumy's NLTK-backed `Stemmer` gave, so no ranking or keyword moves."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from sumy.nlp.stemmers import Stemmer as SumyStemmer

from bot.languages import LANGUAGES
from bot.pipeline.text import stemmer, tokens
from tests.paths import ROOT, TEST_DATA

# Inflections written for this test, per language: plurals, verb forms, suffix chains, apostrophes.
_WRITTEN = {
    "en": "running runs ran happily happiness university universities added evenings national "
    "international generously hopeful relational conditional government’s isn’t couldn't "
    "children’s ‘quoted’ agreed feed skies dying lying news sky's",
    "ru": "бежать бежит бегущий красивая красивого красивыми человека людьми говорил "
    "говорила заявил заявила правительства правительством ещё всё её",
    "uk": "бігти біжить красива красивого людьми говорив говорила заявив заявила уряду "
    "урядом представниця прем'єр-міністр його з'явилася місяць",
    "de": "laufen läuft gelaufen Häuser häuslich Ministerin Ministerinnen bedeutet ansiedeln "
    "Projektleiterin größten Straßenbahnlinie Bürgermeisterin",
    "fr": "courir courait courons nationale nationales gouvernement heureusement l'avion "
    "c'est qu'on aujourd'hui présidente élections Noël naïve payer",
    "es": "correr corriendo corrieron nacional nacionales gobierno rápidamente ciudades "
    "presidenta elecciones año niños",
}


def _repository_words() -> dict[str, set[str]]:
    """Lower-case words per language from the texts this repository ships, and the list above."""
    words = {code: set(tokens(text.lower())) for code, text in _WRITTEN.items()}
    for code in ("ru", "uk", "de", "fr", "es"):
        html = (TEST_DATA / "lang" / f"{code}.html").read_text(encoding="utf-8")
        words[code].update(tokens(re.sub(r"<[^>]+>", " ", html).lower()))
    for line in (TEST_DATA / "quotes-languages.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["language"] in words:
            words[item["language"]].update(tokens(" ".join(item["paragraphs"]).lower()))
    multilingual = ROOT / "benchmarks" / "data" / "summaries-multilingual" / "data.jsonl"
    for line in multilingual.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        words[item["language"]].update(tokens(item["text"].lower()))
    for line in (TEST_DATA / "quotes.jsonl").read_text(encoding="utf-8").splitlines():
        words["en"].update(tokens(line.lower()))
    return words


# Where NLTK's ports and the Snowball stemmers part, on purpose left as they are: a French word
# that opens with "y" before a vowel or has "ë" (Snowball marks them; NLTK does not); a Russian
# word with a hard sign at the end or a letter only Ukrainian uses (NLTK transliterates, and
# garbles what its table lacks).
_KNOWN = {
    "fr": re.compile("^y[aeiouyâàëéêèïîôûù]|ë"),
    "ru": re.compile("ъ$|[іїєґ'’]"),
}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_stems_are_the_ones_sumy_gave(language: str) -> None:
    """Every word of the repository's texts in this language stems as sumy's Stemmer stemmed it."""
    words = _repository_words()[language]
    assert len(words) > 150
    old = SumyStemmer(LANGUAGES[language].name)
    new = stemmer(language)
    known = _KNOWN.get(language)
    differ = {w: (old(w), new(w)) for w in words if old(w) != new(w)}
    unexplained = {w: pair for w, pair in differ.items() if known is None or not known.search(w)}
    assert unexplained == {}


def test_unknown_language_lowercases() -> None:
    """A language without a stemmer only lower-cases, as sumy's null stemmer did."""
    assert stemmer("xx")("Hello") == "hello"


def test_stemming_does_not_import_nltk() -> None:
    """Stems and stop words come without importing NLTK (seconds of a cold start)."""
    code = (
        "import sys\n"
        "from bot.pipeline.text import stemmer, stop_words\n"
        "for code in ('en', 'ru', 'uk', 'de', 'fr', 'es'):\n"
        "    stemmer(code)('words'); stop_words(code)\n"
        "assert 'nltk' not in sys.modules, 'nltk imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
