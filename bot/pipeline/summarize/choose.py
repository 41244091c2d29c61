"""Extractive summary: sumy's rankings behind our own small interface and our own tokenizer.

Which sentences depend on how much of the article the reader asked for (count / eligible sentences):

- a **digest** (a small share, CNN/DailyMail's 3 highlights of ~25 sentences): a *lead block* - the
  best few of the first sentences, because news puts the gist first - then any further slots by
  LexRank centrality per square root of the sentence's length (TextRank when LexRank's graph is
  empty), see the research note shared/research/summaries.md;
- a **condensed article** (a large share, BBC's references of ~40% of the sentences): the most
  central sentences by TextRank, which favours the long, story-carrying ones, wherever they are.

Output is in article order. Sentences that are too long, fragments, captions, teaser stubs, with
unbalanced quote marks, headline lines, near-duplicates of a chosen one, or only a quote the card
already shows are not picked (a shown quote comes back only when the article has too few other
sentences for `count`). Both rankings are sumy's power methods over matrices `rank.py` builds.

POSITION_DECAY, LENGTH_WEIGHT and TITLE_WEIGHT were tuned on the CNN/DailyMail DEV sample with
the former `benchmarks/tune_summaries.py` (inner stage, before the TUNE/HELD-OUT split; kept, as
the product-path figures at 3 sentences stayed at lead level); SPREAD_SHARE and the ranking's
stop words on the TUNE parts of summaries-cnndm-dev and summaries-bbc-dev through `Pipeline.run`
(see their comments; `python -m benchmarks.summaries` reports TUNE and HELD-OUT); the rest are
product rules or speed limits, each saying so.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from bot.models import Options
from bot.pipeline.summarize.rank import lexrank, textrank
from bot.pipeline.text import (
    END_MARKS,
    Sentence,
    Text,
    closes_unopened_quote,
    is_title_case,
    stemmer,
    stop_words,
    tokens,
)
from bot.pipeline.text.lexicon import language_name

# Product rules (the issue): never a bullet over 60 words; fewer than 4 words is a fragment.
MAX_WORDS = 60
MIN_WORDS = 4
# Lead block (research note: best 3 of the first 5 sentences of at least 8 words).
LEAD_SIZE = 3
LEAD_WINDOW = 5
LEAD_MIN_WORDS = 8
# Lead-block score = POSITION_DECAY ** rank - LENGTH_WEIGHT * words / 25 + TITLE_WEIGHT * overlap
# (rank within the window; /25, a typical news sentence, only scales LENGTH_WEIGHT; overlap is the
# share of the title's content stems the sentence has).
# Tuned together on the CNN/DM dev set (the former benchmarks/tune_summaries.py, all 84 items, so
# in-sample for both parts; 3 sentences): the surface
# is flat (R-2 0.180-0.182 for decay 0.6-0.8, length 0.05-0.2, title 0.3-0.5); title weight above
# 0.6 falls off (0.75: 0.177, 1.0: 0.173); decay 1.0 (no position) drops to 0.138.
POSITION_DECAY = 0.7
LENGTH_WEIGHT = 0.15
TITLE_WEIGHT = 0.5
# From this share of the eligible sentences on, the summary is a condensed article (TextRank over
# all of it) rather than a digest (lead block + fill). Tuned through Pipeline.run on the TUNE
# parts (59 CNN/DM items at 3 sentences, 193 BBC items at reference length): BBC R-2 0.663 for
# 0.2-0.3 (CNN/DM unchanged there, 3 sentences never exceed SPREAD_MIN_COUNT).
SPREAD_SHARE = 0.25
# ... and only when more sentences are asked than this (the lead block's size): up to that the
# lead block is the whole summary, and the lead is the bar on news (research note).
SPREAD_MIN_COUNT = LEAD_SIZE
# From this many words an article is a long read (the issue: a 2,769-word feature summarized
# from its opening anecdote only): its bullets are spread over the whole piece. A product rule; the
# dev sets have one such article (BBC, condensed mode), so nothing was tuned.
LONG_READ_WORDS = 2000
# Centrality runs over the first CENTRALITY_CAP eligible sentences only: the matrices grow with the
# square of the count (rank.py: ~5 ms at 300 sentences), and a 20,000-word page stops being read
# for its summary somewhere (a speed limit, not tuned).
CENTRALITY_CAP = 300
# Two bullets sharing this share of their content stems (Jaccard) are near-duplicates. A product
# guard for pasted text that repeats itself; on the dev sets it fires once and changes no score.
DUPLICATE_JACCARD = 0.6
# Sentence counts per length preset: (articles up to SHORT_ARTICLE words, from LONG_ARTICLE words),
# linear in between. CNN/DM references average 3.6 sentences for 577-word articles.
PRESETS = {"short": (2, 3), "medium": (3, 5), "long": (5, 8)}
SHORT_ARTICLE = 300
LONG_ARTICLE = 1500


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One article sentence that may become a bullet."""

    index: int
    text: str
    length: int
    stems: frozenset[str]
    terms: tuple[str, ...]  # the content stems in order, repeats kept (the rankings' input)
    shown: bool = False  # only repeats a quote the card already shows


def sentence_count(text: Text, options: Options) -> int:
    """How many summary sentences this article gets for these options."""
    if options.sentences is not None:
        return max(1, options.sentences)
    low, high = PRESETS[options.length]
    share = (text.words - SHORT_ARTICLE) / (LONG_ARTICLE - SHORT_ARTICLE)
    return low + round((high - low) * min(1.0, max(0.0, share)))


def summarize(
    text: Text,
    title: str | None,
    count: int,
    avoid: Callable[[str], bool] | None = None,
) -> tuple[str, ...]:
    """The `count` best sentences in article order (fewer only when the article has fewer
    eligible ones), skipping any `avoid` says only repeat a quote the card already shows, unless
    the card would otherwise carry fewer than `count` sentences of the story."""
    if count <= 0:
        return ()
    language = text.language
    vocabulary = _Vocabulary(text.paragraphs)
    # Sentences are split only as far as the strict pass reads (it stops at CENTRALITY_CAP, so a
    # 100,000-word page is not split past its first few hundred sentences). Headline-like lines
    # are skipped, unless the text has nothing else (a list-style post): the lenient pass runs
    # only when the strict one found nothing, that is after it read every sentence.
    read: list[tuple[Sentence, bool]] = []
    everything = _candidates(
        _recorded(_marked(text, title), read), language, avoid, vocabulary, strict=True
    ) or _candidates(read, language, avoid, vocabulary, strict=False)
    fresh = [c for c in everything if not c.shown]
    if count > SPREAD_MIN_COUNT and count >= SPREAD_SHARE * len(fresh):
        # A condensed article: the card's quotes cannot stand for the many sentences asked, so a
        # sentence the card quotes stays eligible (skipping them cost BBC TUNE R-2 0.669 -> 0.64).
        pool = everything
        chosen = _central(pool, count)
    elif text.words > LONG_READ_WORDS and count > 1:
        # A long read summarized from its opening alone says nothing of its finding: one lead
        # sentence, then the most central sentence of each later stretch of the piece.
        pool = fresh if len(fresh) >= count else everything
        chosen = _lead_block(pool, title or "", language, 1)
        chosen += _spread(pool, chosen, count - len(chosen))
    else:
        pool = fresh if len(fresh) >= count else everything
        chosen = _lead_block(pool, title or "", language, count)
        if len(chosen) < count:
            chosen += _fill(pool, chosen, count - len(chosen))
    chosen += _top_up(pool, chosen, count - len(chosen))
    return tuple(c.text for c in sorted(chosen, key=lambda c: c.index))


def _marked(text: Text, title: str | None) -> Iterable[tuple[Sentence, bool]]:
    """Each sentence in order, with whether it is a heading (a one-sentence paragraph that reads
    like a headline)."""
    for _, group in itertools.groupby(text.sentences(), key=lambda s: s.paragraph):
        sentences = list(group)
        heading = len(sentences) == 1 and _is_heading(sentences[0].text, title)
        for sentence in sentences:
            yield sentence, heading


def _recorded(
    items: Iterable[tuple[Sentence, bool]], into: list[tuple[Sentence, bool]]
) -> Iterator[tuple[Sentence, bool]]:
    """`items`, each also appended to `into` as it is read."""
    for item in items:
        into.append(item)
        yield item


def _candidates(
    sentences: Iterable[tuple[Sentence, bool]],
    language: str,
    avoid: Callable[[str], bool] | None,
    vocabulary: _Vocabulary,
    *,
    strict: bool,
) -> list[_Candidate]:
    """The sentences that may become bullets, cleaned, with their lengths and content stems.

    `strict` also skips headings and sentences that do not end like one (a caption, a cut line);
    the lenient pass is for text that has no punctuation at all."""
    stem = stemmer(language)
    stop = _ranking_stop_words(language)
    out: list[_Candidate] = []
    for sentence, heading in sentences:
        if len(out) == CENTRALITY_CAP:
            break  # no stage looks further (the cap keeps 20,000-word articles fast)
        clean = _clean(sentence.text, language, vocabulary)
        words = tokens(clean)
        if not MIN_WORDS <= len(words) <= MAX_WORDS:
            continue
        if strict and (
            heading or not clean.endswith(_SENTENCE_ENDS) or _is_title_case(words, language)
        ):
            continue
        if (
            _is_fragment(clean)
            or _is_stub_or_caption(clean)
            or _is_furniture(clean)
            or closes_unopened_quote(clean, language)
        ):
            continue
        terms = tuple(map(stem, [t for t in map(str.lower, words) if t not in stop]))
        shown = avoid is not None and avoid(sentence.text)
        out.append(_Candidate(sentence.index, clean, len(words), frozenset(terms), terms, shown))
    return out


@cache
def _ranking_stop_words(language: str) -> frozenset[str]:
    """The stop words of the ranking engine: sumy's own list for the language when it has one
    (the shared list, sumy's plus the `stop-words` package's, otherwise). With the shorter list
    common words still link sentences in the TextRank graph, as in plain sumy: BBC TUNE R-2
    0.663 -> 0.678 through Pipeline.run, CNN/DM TUNE unchanged (0.188)."""
    from sumy.utils import get_stop_words  # sumy imports NLTK: only the worker processes need it

    name = language_name(language)
    if name is not None:
        with contextlib.suppress(LookupError):
            return frozenset(w.lower() for w in get_stop_words(name))
    return stop_words(language)


class _Vocabulary:
    """The article's words, lower case (to tell a drop-cap split from a one-letter word), read
    from the paragraphs the first time a drop cap asks (most articles never do)."""

    __slots__ = ("_paragraphs", "_words")

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self._paragraphs = paragraphs
        self._words: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = frozenset(w.lower() for p in self._paragraphs for w in tokens(p))
        return word in self._words


# A list marker left at the start of a line ("* ", "\u2022 "): not part of the sentence.
_LIST_MARKER = re.compile("^(?:[*\u2022\u00b7\u25aa\u25ba\u25a0\u25e6\u2023\u2043]+\\s*)+")
# A drop-cap split: one capital letter, a space, then the rest of the word ("H ong Kong is...").
_DROP_CAP = re.compile("^([\"'\u201c\u201e\u00ab\u2018(]*)([^\\W\\d_])\\s([^\\W\\d_]{2,})")
# A wire-service dateline glued to the first word ("(CNN)They may not be..."): not the sentence's.
_DATELINE = re.compile(r"^\([A-Z][A-Za-z ]{1,20}\)\s*(?=[A-Z\"'\u201c\u2018])")
# A photo caption glued to the sentence it stands above, with no end mark between them ("...has
# denied four counts of assault A senior doctor facing..."): a lower-case word, then a capital
# article or pronoun that starts the real sentence. English only (the Daily Mail's layout).
_GLUED_CAPTION = re.compile(r"(?<=[a-z0-9,)]) (?=(?:A|An|He|She|They|It|We) [a-z])")
# Both sides of such a cut have at least this many words, so "Plan A was" or "grade A pupils"
# are never cut (a judgment call: the shortest glued captions in the CNN/DM TUNE cards had 8).
GLUED_CAPTION_WORDS = 6
# Capital letters that are words on their own at the start of a sentence (no drop-cap split).
_ONE_LETTER_WORDS = {
    "en": "AI",
    "fr": "A\u00c0Y",
    "es": "AYOEU",
    "de": "",
    "ru": "\u0410\u0412\u0418\u041a\u041e\u0421\u0423\u042f",
    "uk": "\u0410\u0412\u0406\u0419\u041e\u0423\u042f\u0417",
}


def _clean(text: str, language: str, vocabulary: _Vocabulary) -> str:
    """The sentence without a leading list marker and with a drop-cap split joined."""
    text = _DATELINE.sub("", _LIST_MARKER.sub("", text)).strip()
    if language == "en":
        text = _without_glued_caption(text)
    found = _DROP_CAP.match(text)
    if found is None or not found.group(2).isupper() or not found.group(3).islower():
        return text
    letter, rest = found.group(2), found.group(3)
    if letter in _ONE_LETTER_WORDS.get(language, "AI"):
        # "A man", "I think": join only when the article uses the joined word and not the tail.
        joined = (letter + rest).lower()
        if joined not in vocabulary or rest.lower() in vocabulary:
            return text
    return text[: found.start(2)] + letter + rest + text[found.end(3) :]


def _without_glued_caption(text: str) -> str:
    """The sentence without a photo caption glued in front of it, if one is."""
    for found in _GLUED_CAPTION.finditer(text):
        head, rest = text[: found.start()], text[found.end() :]
        last = head.rsplit(maxsplit=1)[-1].rstrip(",)")
        if not last.islower() and not last.isdigit():
            continue  # "Nurse A with her", "Plan A was": a name with a letter, not a new sentence
        if len(tokens(head)) >= GLUED_CAPTION_WORDS and len(tokens(rest)) >= GLUED_CAPTION_WORDS:
            return rest
    return text


def _is_heading(paragraph: str, title: str | None) -> bool:
    """A one-sentence paragraph that repeats the title or ends without punctuation (a headline)."""
    if title and paragraph.strip().casefold() == title.strip().casefold():
        return True
    return not paragraph.rstrip().endswith(_SENTENCE_ENDS)


# A sentence ends in an end mark, or in a closing quote or bracket ('He said: "We won"').
_SENTENCE_ENDS = (*END_MARKS, '"', "\u201d", "\u00bb", "\u201c", "\u2019", "'", ")")
_CLOSERS = "\"'\u201d\u2019\u00bb)] "
# Words that mark a photo caption or credit glued into the text ("(picture posed by model)").
_CAPTION = re.compile(
    r"\b(?:pictured|picture posed|file (?:photo|picture|image)|photo(?:graph)?:|image:|credit:"
    r"|getty images|pa wire|click here)",
    re.IGNORECASE,
)
# Words one of which every _CAPTION match holds (lower case): a literal alternation, searched on
# the lower-cased sentence before the case-blind regex (half its cost on sentences with none).
_CAPTION_HINTED = re.compile("pictur|file |photo|image|credit:|pa wire|click here")


# Page furniture that reads like a sentence and reaches a page's text on either path: sign-up and
# newsletter pitches, affiliate and editorial disclosures, disclaimers, photo credits, "visit/call"
# calls to action, a table of contents, republishing notes, numbered figure captions and copyright
# credits, shop offers, author bios and the reader-hook questions of a sales page ("Ready for your
# first workout?"). English, generic (no site's wording);
# written from the wcxb-dev TUNE articles' bullets that are not article text.
_FURNITURE = re.compile(
    r"\b(?:sign(?:ing)? up|subscribe|register)\b.{0,60}\b(?:newsletters?|inbox|emails?|updates)\b"
    r"|\bsign up (?:now|today|for free|here)\b"
    r"|\b(?:affiliate (?:links?|commissions?)|(?:may|might) earn (?:a )?(?:small )?commission)\b"
    r"|\b(?:editors?|experts?) (?:hand-?pick|independently (?:select|review))\w*"
    r"|\bdo(?:es)? not (?:necessarily )?reflect the (?:views|opinions)\b"
    r"|\bcode of conduct applies\b|\brepublish (?:a|this|our)\b|\btable of contents\b"
    r"|\b(?:is committed to delivering|meets? our (?:editorial )?standards)\b|\blorem ipsum\b"
    r"|\binternet explorer\b.{0,60}\bsupport|^posted by \w+ on\b"
    r"|^(?:image|photo|picture|video)s? (?:from|by|courtesy|credit)\b"
    r"|^(?:visit|learn more at|read more at|find out more at)\b.{0,40}\b\w+\.(?:com|org|net|co)\b"
    r"|\bcall (?:us )?(?:at |on )?\+?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b"
    r"|\b(?:earns?|receives?) (?:us )?(?:a )?(?:small )?(?:affiliate )?commissions?\b"
    r"|\b(?:purchases?|buying) (?:made )?through (?:our |the )?links\b"
    r"|^(?:figure|fig\.|image|photo|table|chart) \d+[:.]|\u00a9"
    r"|\bfree (?:standard |express |ground )?shipping\b"
    r"|^(?:get started\b|book a demo\b|join \d|check out our\b|learn more about\b|get \d+% off\b)"
    r"|^(?-i:[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}) is (?:the|a|an) (?:[\w-]+ ){0,3}"
    r"(?:editor|writer|reporter|journalist|contributor|correspondent)\b"
    r"|^(?:want|ready|looking|need|not sure|confused|struggling|thinking about|considering"
    r"|ever wondered|curious)\b.*\?[\"'\u201d\u2019)]*$",
    re.IGNORECASE,
)
# A line of program code, not prose: a call, a brace, a semicolon or an operator glued to a name
# ("append(", "c.Err()", "x := 1"), and at least CODE_MARKS code characters.
_CODE_TOKEN = re.compile(r"\w\(|[{};]|==|!=|\+=|->|=>|:=|\w=\w")
_CODE = re.compile(r"[{}();=<>_\[\]+|&\"]")
CODE_MARKS = 4


# For each _FURNITURE alternative in its order, the words (lower case) one of which any match of it
# contains: a sentence with none of them is no furniture and is not searched (the regex costs ~28 µs
# a sentence, this check ~2; test_choose has a furniture sentence for each alternative).
_FURNITURE_HINTS = (
    *("sign", "subscribe", "register"), "sign up", *("affiliate", "commission"),
    *("editor", "expert"), "reflect the", "code of conduct", "republish", "table of contents",
    *("committed to delivering", "standards"), "lorem ipsum", "internet explorer", "posted by",
    *("image", "photo", "picture", "video"), *("visit", "more at"), "call",
    *("purchas", "buying"), *("figure", "fig.", "table", "chart", "\u00a9"), "shipping",
    *("get started", "book a demo", "join", "check out our", "learn more about", "% off"),
    *("writer", "reporter", "journalist", "contributor", "correspondent"), "?",
)  # fmt: skip
# Whether a lower-cased sentence holds any of the hints: one pass of a literal alternation, half
# the cost of ~50 substring tests (0.43 vs 0.91 ms an article on the speed benchmark's pages).
_FURNITURE_HINTED = re.compile("|".join(map(re.escape, _FURNITURE_HINTS)))
# Characters one of which every _CODE_TOKEN match contains.
_CODE_HINTS = "({};=>"


def _is_furniture(text: str) -> bool:
    """A sentence that is page furniture (a pitch, a disclosure, a credit) or a line of code."""
    lowered = text.lower()
    if _FURNITURE_HINTED.search(lowered) and _FURNITURE.search(text):
        return True
    if not any(mark in text for mark in _CODE_HINTS):
        return False
    return bool(_CODE_TOKEN.search(text)) and len(_CODE.findall(text)) >= CODE_MARKS


def _is_title_case(words: Sequence[str], language: str) -> bool:
    """A heading or a run of menu items, not a sentence: TITLE_CASE_SHARE of its words capitalised
    ("What Is Digital Marketing?", "Average Cost of College Average Cost of ..."). German
    capitalises every noun, so German text is never judged so."""
    if language == "de":
        return False
    return is_title_case(words, TITLE_CASE_SHARE, TITLE_CASE_MIN_WORDS)


TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_SHARE = 0.9


def _is_fragment(text: str) -> bool:
    """A piece that does not start like a sentence (a continuation, a list tail, a bare caption)."""
    first = text.lstrip("\"\u201c\u00ab\u201e'\u2018(\u2014\u2013- ")[:1]
    return not first or first.islower() or not any(ch.isalpha() for ch in text)


def _is_stub_or_caption(text: str) -> bool:
    """A teaser cut off with an ellipsis, a run-on list, or a photo caption or credit."""
    tail = text.rstrip(_CLOSERS)
    if tail.endswith(("...", "\u2026")):
        return True
    if "\u2022" in text or " * " in text:
        return True
    return _CAPTION_HINTED.search(text.lower()) is not None and _CAPTION.search(text) is not None


def _lead_block(
    candidates: Sequence[_Candidate], title: str, language: str, count: int
) -> list[_Candidate]:
    """The best min(count, LEAD_SIZE) of the first LEAD_WINDOW long-enough sentences."""
    window = [c for c in candidates if c.length >= LEAD_MIN_WORDS][:LEAD_WINDOW]
    title_stems = _title_stems(title, language)

    def score(rank: int, candidate: _Candidate) -> float:
        overlap = len(candidate.stems & title_stems) / len(title_stems) if title_stems else 0.0
        return POSITION_DECAY**rank - LENGTH_WEIGHT * candidate.length / 25 + TITLE_WEIGHT * overlap

    ranked = sorted(enumerate(window), key=lambda item: -score(*item))
    chosen: list[_Candidate] = []
    for _, candidate in ranked:
        if len(chosen) == min(count, LEAD_SIZE):
            break
        if not _near_duplicate(candidate, chosen):
            chosen.append(candidate)
    return chosen


def _title_stems(title: str, language: str) -> frozenset[str]:
    stem = stemmer(language)
    stop = stop_words(language)
    return frozenset(stem(w.lower()) for w in tokens(title) if w.lower() not in stop)


def _fill(
    candidates: Sequence[_Candidate], chosen: Sequence[_Candidate], slots: int
) -> list[_Candidate]:
    """Up to `slots` more sentences by centrality per sqrt(length), none a near-duplicate.

    Dividing by sqrt(length) is the fill stage's mild preference for shorter sentences: on the
    CNN/DM dev set at 5 sentences it moved R-1/R-2/R-L from 0.355/0.163/0.227 (plain LexRank) to
    0.380/0.166/0.238; TextRank instead of LexRank scored 0.333/0.154/0.214 (0.365/0.162/0.231
    per sqrt(length)). LexRank's thresholded graph has no edges on many short articles (13 of
    our 15 non-English ones, 5 of 84 CNN/DM): its ratings are then all equal and say nothing,
    and TextRank, whose weighted graph keeps any shared word, ranks instead.
    """
    pool = list(candidates)
    if not pool or slots <= 0:
        return []
    centrality = lexrank([c.terms for c in pool])
    if len(set(centrality)) <= 1:
        centrality = textrank([c.terms for c in pool])
    # Shortness stops paying below LEAD_MIN_WORDS: else a short aside ("Cats sleep all day.")
    # beats on-topic sentences (neutral on CNN/DM: R-2 0.166 -> 0.165 at 5 sentences).
    ratings = {
        c.index: rating / max(c.length, LEAD_MIN_WORDS) ** 0.5
        for c, rating in zip(pool, centrality, strict=True)
    }
    return _best(pool, ratings, chosen, slots)


def _spread(
    candidates: Sequence[_Candidate], chosen: Sequence[_Candidate], slots: int
) -> list[_Candidate]:
    """`slots` more sentences, one from each later stretch of the article cut into `slots` + 1
    equal stretches (the chosen lead is the first's), each its stretch's best by the fill rating."""
    parts = slots + 1
    picked: list[_Candidate] = []
    for part in range(1, parts):
        stretch = candidates[
            part * len(candidates) // parts : (part + 1) * len(candidates) // parts
        ]
        picked += _fill(stretch, [*chosen, *picked], 1)
    return picked


def _central(candidates: Sequence[_Candidate], count: int) -> list[_Candidate]:
    """The `count` most central sentences by TextRank, none a near-duplicate."""
    pool = list(candidates)
    ratings = dict(zip((c.index for c in pool), textrank([c.terms for c in pool]), strict=True))
    return _best(pool, ratings, [], count)


def _best(
    pool: Sequence[_Candidate],
    ratings: dict[int, float],
    chosen: Sequence[_Candidate],
    slots: int,
) -> list[_Candidate]:
    """Up to `slots` of `pool` by rating (ties: earlier first), skipping chosen and near-duplicates."""
    picked: list[_Candidate] = []
    taken = {c.index for c in chosen}
    for candidate in sorted(pool, key=lambda c: (-ratings[c.index], c.index)):
        if len(picked) == slots:
            break
        if candidate.index in taken or _near_duplicate(candidate, [*chosen, *picked]):
            continue
        picked.append(candidate)
    return picked


def _top_up(
    pool: Sequence[_Candidate], chosen: Sequence[_Candidate], slots: int
) -> list[_Candidate]:
    """When the near-duplicate guard left slots empty: the earliest sentences not yet chosen whose
    text differs from every chosen one (exactly `count` when the article has that many)."""
    if slots <= 0:
        return []
    texts = {c.text for c in chosen}
    extra: list[_Candidate] = []
    for candidate in pool:
        if len(extra) == slots:
            break
        if candidate.text not in texts:
            texts.add(candidate.text)
            extra.append(candidate)
    return extra


def _near_duplicate(candidate: _Candidate, chosen: Sequence[_Candidate]) -> bool:
    for other in chosen:
        union = candidate.stems | other.stems
        if union and len(candidate.stems & other.stems) / len(union) >= DUPLICATE_JACCARD:
            return True
    return False
