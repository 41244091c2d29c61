"""Offline sentence splitting per language (and sumy's tokenizer interface, no NLTK data).

English: nupunkt (a Punkt model that ships inside the package). Russian and Ukrainian: razdel.
German, French, Spanish and any other language: sentencex (Wikimedia's segmenter, compiled, with
its own per-language abbreviation data; ~0.1-0.8 us a word here, 2-6x faster than the rule
splitter it replaced), with two repairs of its misses (a lone title such as "M." is joined to the
name after it; "etc." before a capital ends the sentence).
Every splitter is followed by one repair: a sentence that opens a quotation and does not close it
is joined to the next ones until the quotation closes (splitters cut `"We are ready. Are you?"`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

import nupunkt
import razdel
import sentencex

from bot.pipeline.text.abbreviations import ENGLISH_TITLES
from bot.pipeline.text.words import tokens

# Typographic marks spelled as escapes (ruff flags look-alike characters): \u2018 \u2019 single
# quotes, \u201c \u201d \u201e double quotes, \u2013 \u2014 dashes.
END_MARKS = ".!?\u2026"
CLOSING_MARKS = "\"'\u201d\u2019\u00bb)\\]"  # quotes and brackets that may follow an end mark
# A line that ends like a sentence: an end mark, then any closing quotes or brackets.
ENDS_SENTENCE = re.compile(f"[{END_MARKS}][{CLOSING_MARKS}]*$")
# A sentence boundary inside a line: an end mark, closing quotes or brackets, then a space.
BOUNDARY = re.compile(f"[{END_MARKS}][{CLOSING_MARKS}]*\\s")
# razdel ends a sentence at a lower-case one-letter abbreviation (Ukrainian "m." for city, Russian
# "g." for town, before a name): join those, except the few that do end sentences.
_RAZDEL_CUT = re.compile("(?:^|\\D\\s)[\u0430-\u044f\u0456\u0457\u0454\u0491]\\.$")
_RAZDEL_ENDS = (" я.", "т. д.", "т. п.", "т.д.", "т.п.")  # these do end sentences
# ... and it never ends one after a unit with a slash or a degree sign ("25 m/s.", "-8 \u00b0C.")
# or after a year ("2021 g." / "2021 r."): cut there before a capital letter.
_RAZDEL_UNIT_END = re.compile(
    "(?:(?<=[/\u00b0]\\w\\.)|(?<=\\d\\s[\u0433\u0440]\\.))\\s+"
    "(?=[\u0410-\u042f\u0401\u0406\u0407\u0404\u0490A-Z\u00ab])"
)
# A joined quotation longer than this many words stays split: an unclosed quote is more likely a
# stray mark than a real long quotation (CNN/DM quotes run to about 40-50 words).
MAX_QUOTE_JOIN_WORDS = 80
_SINGLE_OPEN = re.compile("(?:^|(?<=[\\s(\\[:\u2014\u2013-]))['\u2018](?=\\w)")
_SINGLE_CLOSE = re.compile("(?<=[\\w.,!?])['\u2019](?=[\\s.,;:!?)\\]]|$)")


class Tokenizer:
    """sumy-compatible tokenizer: `to_sentences(paragraph)` and `to_words(sentence)`."""

    def __init__(self, language: str) -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return split_sentences(paragraph, self.language)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(tokens(sentence))


def split_sentences(text: str, language: str) -> tuple[str, ...]:
    """Split one paragraph into sentences, keeping each sentence's own characters."""
    split = _splitter(language)
    pieces = [p.strip() for chunk in _GLUED.split(text) for p in split(chunk)]
    return tuple(_join_open_quotes([p for p in pieces if p], language))


# Sentences some sites glue together with no space ("on Wednesday.The stabbing"): two lowercase
# letters, an end mark, then a capitalised word. "U.S.", "e.g.", "example.com", "3.5" never match.
_GLUED = re.compile(r"(?<=[a-zß-ÿа-яёїієґ]{2}[.!?])(?=[A-ZÀ-ÞА-ЯЁЇІЄҐ][a-zß-ÿа-яёїієґ])")


def _splitter(language: str) -> Callable[[str], list[str]]:
    if language == "en":
        return _split_english
    if language in ("ru", "uk"):
        return _split_razdel
    return lambda text: _split_sentencex(text, language)


@cache
def _punkt() -> Any:
    # nupunkt.load caches one shared instance; we never mutate it (no add_abbreviation).
    return nupunkt.load("default")


def _split_english(text: str) -> list[str]:
    out: list[str] = []
    for sentence in _punkt().tokenize(text):
        # A title never ends a sentence; nupunkt's model misses a few ("Lt. Col. Smith").
        if out and out[-1].rsplit(maxsplit=1)[-1] in ENGLISH_TITLES:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


def _split_razdel(text: str) -> list[str]:
    out: list[str] = []
    for sentence in razdel.sentenize(text):
        if out and _RAZDEL_CUT.search(out[-1]) and not out[-1].endswith(_RAZDEL_ENDS):
            out[-1] = f"{out[-1]} {sentence.text}"
        else:
            out.append(sentence.text)
    return [piece for sentence in out for piece in _RAZDEL_UNIT_END.split(sentence)]


def _split_sentencex(text: str, language: str) -> list[str]:
    """sentencex's sentences, with its two misses repaired (cut only where it cut, or after
    "etc.": the sentences keep the paragraph's own characters)."""
    cuts: list[int] = []
    offset = 0
    for piece in sentencex.segment(language, text):
        found = text.find(piece, offset)
        offset = found + len(piece) if found >= 0 else offset + len(piece)
        if offset >= len(text) or text[offset].isspace() or text[offset - 1].isspace():
            cuts.append(offset)  # it also cuts inside "p. ex.,": only a cut at a space is one
    cuts.extend(m.end() for m in _ETC_END.finditer(text))
    out: list[str] = []
    start = 0
    for cut in sorted(set(cuts)):
        sentence = text[start:cut].strip()
        if not sentence:
            continue
        if out and (_LONE_TITLE.fullmatch(out[-1]) or _INITIAL_END.search(out[-1])):
            out[-1] = text[
                text.rfind(out[-1], 0, start) : cut
            ].strip()  # "M." alone: a name's title
        else:
            out.append(sentence)
        start = cut
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


# A piece that is only a short capitalised abbreviation ("M.", "Sr.", "Dr."): never a sentence.
_LONE_TITLE = re.compile(r"[^\W\d_][^\W\d_]{0,3}\.")
# ... or a piece that ends in one capital letter and a period: an initial or "M." before a name.
_INITIAL_END = re.compile(r"(?:^|\s)[^\W\d_a-z\u00e0-\u00ff]\.$")
# "etc." followed by a capitalised word ends the sentence (sentencex keeps them together).
_ETC_END = re.compile("(?<=\\betc\\.)\\s+(?=[A-Z\u00c0-\u00de])")


def _join_open_quotes(pieces: list[str], language: str) -> list[str]:
    """Join a sentence that leaves a quotation open with the following ones until it closes."""
    out: list[str] = []
    buffer: list[str] = []
    for piece in pieces:
        buffer.append(piece)
        joined = " ".join(buffer)
        balanced = _quote_depth(joined, language) <= 0
        if balanced and len(buffer) == 1:
            out.append(joined)  # the usual sentence: nothing to join, no need to count its words
            buffer = []
            continue
        too_long = len(tokens(joined)) > MAX_QUOTE_JOIN_WORDS
        if balanced or too_long:
            if too_long and len(buffer) > 1:
                out.extend(buffer)
            else:
                out.append(joined)
            buffer = []
    if buffer:
        out.extend(buffer)  # the quotation never closed: keep the splitter's sentences
    return out


def closes_unopened_quote(text: str, language: str) -> bool:
    """True when `text` closes a quotation it never opened: the tail of a quote cut from its
    start (`only 10% of the agenda."`). A quotation left open is not flagged: news quotes run on
    over several sentences ("He said: "We won. ...")."""
    depth = 0
    for mark in _QUOTE_MARK.finditer(text):
        char, start = mark.group(), mark.start()
        before = text[start - 1] if start else " "
        after = text[start + 1] if start + 1 < len(text) else " "
        if char in _OPENING.get(language, _OPENING["en"]):
            opening = True
        elif char in _CLOSING.get(language, _CLOSING["en"]):
            opening = False
        elif char == '"':  # a straight mark opens after a space or bracket, before a word
            opening = (before.isspace() or before in "([:\u2014\u2013-") and not after.isspace()
        else:
            continue
        if opening:
            depth += 1
        elif depth == 0:
            return True
        else:
            depth -= 1
    return False


_QUOTE_MARK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_OPENING = {"en": "\u201c\u00ab\u201e", "de": "\u201e\u00ab"}
_CLOSING = {"en": "\u201d\u00bb", "de": "\u201c\u00bb"}


def _quote_depth(text: str, language: str) -> int:
    """How many quotations are left open at the end of `text` (0 when balanced)."""
    depth = text.count("«") - text.count("»")
    # German opens with „ and closes with “; elsewhere “ opens and ” closes.
    if language == "de":
        depth += text.count("„") - text.count("“")
    else:
        depth += text.count("“") + text.count("„") - text.count("”")
    depth += text.count('"') % 2
    # Single quotes (the Daily Mail's style) only count at word edges: "wasn't" is no quote.
    if "'" in text or "\u2018" in text:  # the marks _SINGLE_OPEN opens with
        depth += max(0, len(_SINGLE_OPEN.findall(text)) - len(_SINGLE_CLOSE.findall(text)))
    return depth
