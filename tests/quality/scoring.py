"""The scoring rules of the evaluation sets, as their READMEs state them; shared by gates and benchmarks.

- extraction-dev: bags of 4-word shingles; page precision/recall; F1 of the means (`score_pages`).
- wcxb-dev: bags of lower-cased words; per-page P/R/F1, means (`wcxb_score`); `with` / `without`
  snippet shares as case-insensitive substrings (`snippet_share`); headline right at word F1 >= 0.8.
- summaries: ROUGE-1/2/L F1 with rouge-score, stemming; non-English text through a Unicode word
  tokenizer with the language's Snowball (or sumy's Ukrainian) stems (`rouge`).
- quotes-dev: 50%-overlap one-to-one matching of word sequences; speaker right by surname with no
  first-name conflict; 'full name given' (`match_quotes`, `speaker_right`, `full_name_given`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

_WORD = re.compile(r"\w+")
HEADLINE_F1 = 0.8


def words(text: str) -> list[str]:
    """The text's words: maximal runs of letters, digits and underscores."""
    return _WORD.findall(text)


# --- extraction-dev: shingles -------------------------------------------------------------------


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Bag of every run of `size` consecutive words; 1-3 words make one shingle; empty text none."""
    found = words(text)
    if not found:
        return Counter()
    if len(found) < size:
        return Counter([tuple(found)])
    return Counter(tuple(found[i : i + size]) for i in range(len(found) - size + 1))


@dataclass(frozen=True)
class Score:
    """One page: precision (None when the extraction is empty), recall, exact word-sequence match."""

    precision: float | None
    recall: float
    exact: bool

    @classmethod
    def of(cls, got: str, want: str) -> Score:
        got_bag, want_bag = shingles(got), shingles(want)
        hits = sum((got_bag & want_bag).values())
        false_pos = sum(got_bag.values()) - hits
        misses = sum(want_bag.values()) - hits
        precision = hits / (hits + false_pos) if got_bag else None
        recall = hits / (hits + misses) if hits + misses else 0.0
        return cls(precision, recall, words(got) == words(want))

    @property
    def f1(self) -> float:
        p = self.precision or 0.0
        return 2 * p * self.recall / (p + self.recall) if p + self.recall else 0.0


@dataclass(frozen=True)
class Summary:
    """Set-level figures: mean precision, mean recall, F1 of the means, exact-match share."""

    precision: float
    recall: float
    f1: float
    accuracy: float

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"F1 {self.f1:.3f}  accuracy {self.accuracy:.3f}"
        )


def score_pages(pairs: Iterable[tuple[str, str]]) -> Summary:
    """Average (extracted, truth) page scores as the extraction-dev README says."""
    scores = [Score.of(got, want) for got, want in pairs]
    precisions = [s.precision for s in scores if s.precision is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(s.recall for s in scores) / len(scores) if scores else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return Summary(precision, recall, f1, accuracy)


# --- wcxb-dev: word bags, snippets, headlines ---------------------------------------------------


def _bag(text: str) -> Counter[str]:
    return Counter(w.lower() for w in words(text))


def word_f1(a: str, b: str) -> float:
    """F1 of two texts' case-folded word bags (a headline against a title); 0 when nothing shared."""
    got, want = _bag(a), _bag(b)
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def wcxb_score(got: str, want: str) -> tuple[float, float, float]:
    """WCXB's per-page (precision, recall, F1) of word bags, with its rules for empty texts."""
    got_bag, want_bag = _bag(got), _bag(want)
    if not want_bag:
        return (1.0, 1.0, 1.0) if not got_bag else (0.0, 0.0, 0.0)
    if not got_bag:
        return (0.0, 0.0, 0.0)
    common = sum((got_bag & want_bag).values())
    precision, recall = common / sum(got_bag.values()), common / sum(want_bag.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def snippet_share(text: str, snippets: Sequence[str]) -> float | None:
    """Share of `snippets` found in `text` as case-insensitive substrings; None when there are none."""
    if not snippets:
        return None
    folded = text.lower()
    return sum(s.lower() in folded for s in snippets) / len(snippets)


def headline_right(headline: str | None, titles: Iterable[str]) -> bool:
    """Word F1 of the headline against any of the titles is at least 0.8."""
    return headline is not None and any(word_f1(headline, t) >= HEADLINE_F1 for t in titles)


# What sites put between a headline and their name: ' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', ' » '.
_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»]|::)\s+|\s*[|·•»]\s*")


def keeps_site_suffix(headline: str | None, title: str) -> bool:
    """The headline has a part set off by a separator (' - Site', 'Site | ') absent from the title."""
    if not headline:
        return False
    parts = [p for p in _SEPARATOR.split(headline) if words(p)]
    if len(parts) < 2:
        return False
    title_words = {w.lower() for w in words(title)}
    edges = (parts[0], parts[-1])
    return any(not {w.lower() for w in words(edge)} & title_words for edge in edges)


def is_article_text(bullet: str, truth: str, without: Sequence[str] = ()) -> bool:
    """A summary bullet is article text: >= 80% of its 4-word shingles (or, under 4 words, its
    word sequence) occur in the true content, and it holds none of the must-not snippets."""
    folded = bullet.lower()
    if any(s.lower() in folded for s in without):
        return False
    got = [w.lower() for w in words(bullet)]
    if not got:
        return False
    joined, have = _truth_index(truth)
    if len(got) < 4:
        return " " + " ".join(got) + " " in joined
    grams = [tuple(got[i : i + 4]) for i in range(len(got) - 3)]
    return sum(g in have for g in grams) / len(grams) >= 0.8


@lru_cache(maxsize=64)
def _truth_index(truth: str) -> tuple[str, frozenset[tuple[str, ...]]]:
    """The true content's lower-cased words joined by spaces, and its set of 4-word shingles."""
    found = [w.lower() for w in words(truth)]
    grams = frozenset(tuple(found[i : i + 4]) for i in range(len(found) - 3))
    return " " + " ".join(found) + " ", grams


# --- summaries: ROUGE ---------------------------------------------------------------------------

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
_LANGUAGE_NAMES = {
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "uk": "ukrainian",
    "it": "italian",
    "pt": "portuguese",
}


class UnicodeTokenizer:
    """rouge-score tokenizer for non-English text: lower-case Unicode words, the language's stems."""

    def __init__(self, language: str) -> None:
        from sumy.nlp.stemmers import Stemmer, null_stemmer

        name = _LANGUAGE_NAMES.get(language)
        self.stem = Stemmer(name) if name else null_stemmer

    def tokenize(self, text: str) -> list[str]:
        return [str(self.stem(w.lower())) for w in words(text)]


@lru_cache(maxsize=16)
def _scorer(language: str) -> object:
    from rouge_score.rouge_scorer import RougeScorer

    if language == "en":
        return RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    return RougeScorer(list(ROUGE_TYPES), tokenizer=UnicodeTokenizer(language))


def rouge(reference: str, summary: str, language: str = "en") -> tuple[float, float, float]:
    """ROUGE-1, ROUGE-2, ROUGE-L F1 of `summary` against `reference` (stemming on)."""
    result = _scorer(language).score(reference, summary)  # type: ignore[attr-defined]  # rouge-score is untyped
    r1, r2, rl = (float(result[t].fmeasure) for t in ROUGE_TYPES)
    return r1, r2, rl


# --- quotes-dev: matching and speakers ----------------------------------------------------------

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# A name's words keep their inner hyphens and apostrophes ('Lopez-Cantera', 'O'Malley'), as the gold
# `source_surname` does; a typographic apostrophe counts as the straight one the gold spells.
_NAME_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def quote_overlap(a: str, b: str) -> float:
    """Overlap of two texts' lower-cased word sequences, as a share of the longer one."""
    wa, wb = [w.lower() for w in words(a)], [w.lower() for w in words(b)]
    if not wa or not wb:
        return 0.0
    blocks = SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / max(len(wa), len(wb))


def match_quotes(predicted: Sequence[str], gold: Sequence[str]) -> dict[int, int]:
    """One-to-one matches {predicted index: gold index} at >= 50% overlap, best overlaps first."""
    pairs = sorted(
        (
            (overlap, p, g)
            for p, text in enumerate(predicted)
            for g, want in enumerate(gold)
            if (overlap := quote_overlap(text, want)) >= 0.5
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, p, g in pairs:
        if p not in matched and g not in used:
            matched[p] = g
            used.add(g)
    return matched


def _name_words(name: str) -> list[str]:
    found = _NAME_WORD.findall(name.replace("’", "'"))
    return [w for w in found if w.lower() not in _SUFFIXES]


def _surname(name: str) -> str | None:
    capitalised = [w for w in _name_words(name) if w[:1].isupper()]
    return capitalised[-1].lower() if capitalised else None


def speaker_right(predicted: str | None, surname: str, full: str | None) -> bool:
    """The predicted speaker's last capitalised word is the gold surname and the first names
    (when both are given) do not conflict."""
    if not predicted or _surname(predicted) != surname.lower():
        return False
    got = [w for w in _name_words(predicted) if w[:1].isupper()]
    want = _name_words(full or "")
    if len(got) >= 2 and len(want) >= 2:
        # 'Hillary' vs 'Bill' conflict; an initial ('H.') agrees with its name, on either side
        # (a gold 'B. Sanders' and a predicted 'Bernie Sanders' do not conflict). A few gold
        # names keep their titles ('Vermont Sen. Bernie Sanders'): any of their words before
        # the surname may be the first name.
        return any(_same_first(got[0], w) for w in want[:-1])
    return True


def _same_first(got: str, want: str) -> bool:
    """Whether two first names agree: equal, or an initial and a name it starts."""
    short, long = sorted((got.lower(), want.lower()), key=len)
    return short == long or (len(short) == 1 and long.startswith(short))


def full_name_given(predicted: str | None, full: str | None) -> bool | None:
    """Whether the prediction gives the first name of a gold full name of 2+ words (None: n/a).
    Its capitalised words count, as for `speaker_right` ('a New Hampshire Republican' gives the
    gold 'New Hampshire Republican' in full), and a name gives an initial ('Bernie Sanders' for
    a gold 'B. Sanders')."""
    want = _name_words(full or "")
    if len(want) < 2:
        return None
    got = [w.lower() for w in _name_words(predicted or "") if w[:1].isupper()]
    if len(got) < 2:
        return False
    return any(_same_first(got[0], w) for w in want[:-1])
