"""The headline of pasted page text: the title-like line just above the article, picked by a
linear ranker (a conditional logit trained by `benchmarks/train_clean.py`) over the line's shape,
its surroundings, its word overlap with the article and its echo in a nearby line (a
breadcrumb or second heading repeating it).

Candidates are the lines above the first kept line (the lede) and the kept run's first lines up to
its first paragraph (the classifier may have kept the headline, and a banner above it). Banner,
credit, byline, date, link, button and appeal lines are never candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.pipeline.clean import furniture
from bot.pipeline.clean import lines as ln
from bot.pipeline.clean import vocabulary as vocab
from bot.pipeline.clean.model import Floats, check_features
from bot.pipeline.text import (
    BOUNDARY,
    CLOSING_MARKS,
    ENDS_SENTENCE,
    WORD,
    any_stop_words,
    is_title_case,
)

# Lines above the lede that may hold the headline: dev pages put up to ~25 lines of bylines, share
# bars and related links between them, a BBC page 43. 50, 60 and 70 gave the same held-out headline
# accuracy (43/47, with the echo feature); 40 missed the BBC page, 80 lost another.
LOOKBACK = 60
# First lines of the kept run that may still be the headline: the run often starts with a menu the
# classifier kept. TUNE CV headline right (wcxb-dev articles / extraction-dev): 8 lines 0.747 / 0.971,
# 20 -> 0.764 / 1.000, 40 -> 0.768, 60 or 100 -> 0.772 / 1.000; as far as LOOKBACK looks up.
INSIDE = LOOKBACK
# A line this long ending in a full stop is a sentence (standfirst, caption), not a headline;
# 15 raised held-out headline accuracy from 0.83 to 0.89 (10, 12 gave 0.87) on the dev pages.
SENTENCE_WORDS = 15
PARAGRAPH_WORDS = 25  # a kept line this long is article text: the headline is above it
ECHO_MARGIN = 5  # lines beyond the candidates' span searched for echoes; set by hand
# A link in a headline line: an address, an e-mail, a domain ('latimes.com'); not '.NET' nor '#39'.
_LINK = re.compile(r"https?://|www\.|\S@\S|\w\.(?:com|org|net|ru)\b", re.IGNORECASE)
# A call to action ("Privacy Policy", "Sign up for our newsletter") excludes a line of at most this
# many words, or one under 8 words that opens with it; otherwise the ranker weighs the `cta` feature
# ('Video Production Process: Complete Guide for 2025' is a headline). TUNE CV headline right on
# wcxb-dev articles: any CTA under 8 words 0.778, 3 -> 0.786, 4 -> 0.789, 5 -> 0.786.
CTA_WORDS = 4
# A line this short with a picture word is a credit ("Image via Jane Doe"); set by hand.
PICTURE_WORDS = 6
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
_FULL_STOP_END = re.compile(f"\\.[{CLOSING_MARKS}]*$")  # '… in July.”'


def eligible(text: str) -> bool:
    """A line that may be a headline: 3-25 words, no byline, credit, link, button, appeal,
    breadcrumb, legal line, error or search-box message, section name or date line."""
    n = ln.effective_words(text)
    if not 3 <= n <= 25 or text.endswith((":", ",", ";")):
        return False
    if (
        n >= SENTENCE_WORDS
        and _FULL_STOP_END.search(text)
        and (text.endswith(".") or not is_title_case(WORD.findall(text)))
    ):
        return False  # a sentence; 'Welch added that “… in July.”' too, unless Title Case
    if vocab.BYLINE.search(text) or vocab.CREDIT.search(text) or _LINK.search(text):
        return False
    picture = vocab.PICTURE.search(text)
    if picture and (picture.start() == 0 or n < PICTURE_WORDS):
        return False
    cta = vocab.CTA.search(text)
    if furniture.is_appeal(text) or (cta and (n <= CTA_WORDS or (n < 8 and cta.start() == 0))):
        return False
    if vocab.BREADCRUMB.search(text) or vocab.LEGAL.search(text) or vocab.UI_MESSAGE.search(text):
        return False
    if n <= 4 and vocab.SECTION.search(text):
        return False
    if _NUMBERED.match(
        text
    ):  # "2. Make a plan for saving": a section of the article, not its title
        return False
    date = vocab.DATE.search(text)
    if vocab.TIMESTAMP.search(text) or (date and (n < 8 or date.start() == 0)):
        return False
    return sum(c.isdigit() for c in text) <= len(text) * 0.3


def _near_byline(lines: list[ln.Line], i: int) -> float:
    """1 when a byline or date follows within three lines (they sit under headlines)."""
    for line in lines[i + 1 : i + 4]:
        if (
            vocab.BYLINE.search(line.text)
            or vocab.DATE.search(line.text)
            or vocab.TIMESTAMP.search(line.text)
        ):
            return 1.0
    return 0.0


def _overlap(text: str, body: frozenset[str]) -> float:
    """Share of the line's content words (not stop words) that occur in the article body."""
    content = [w for w in WORD.findall(text.lower()) if w not in any_stop_words()]
    return sum(w in body for w in content) / len(content) if content else 0.0


def body_words(lines: list[ln.Line], lede: int, prob: Floats, limit: int) -> frozenset[str]:
    """Lower-cased words of the first `limit` likely article lines from the lede on (p >= 0.5)."""
    found: set[str] = set()
    taken = 0
    for i in range(lede, min(len(lines), lede + 50)):
        if prob[i] >= 0.5 or i == lede:
            found.update(WORD.findall(lines[i].text.lower()))
            taken += 1
            if taken >= limit:
                break
    return frozenset(found)


def content_words(text: str) -> frozenset[str]:
    """The line's lower-cased words that are not stop words."""
    return frozenset(w for w in WORD.findall(text.lower()) if w not in any_stop_words())


Words = dict[int, tuple[str, frozenset[str]]]  # line index -> (lower-cased text, content words)


def span_words(lines: list[ln.Line], span: range) -> Words:
    """Each line of the span's lower-cased text and content words, computed once per page."""
    return {j: (lines[j].text.lower(), content_words(lines[j].text)) for j in span}


def echo(i: int, near: Words) -> float:
    """Largest share of line i's content words found together in one other nearby line with
    different text: a page repeats its headline in the breadcrumb, a kicker or a second heading,
    while repeated furniture (share bars, menus) repeats word for word."""
    text, own = near[i]
    if len(own) < 2:
        return 0.0
    shares = [len(own & words) / len(own) for j, (t, words) in near.items() if j != i and t != text]
    return max(shares, default=0.0)


def candidate_features(
    lines: list[ln.Line],
    i: int,
    lede: int,
    rank: int,
    prob: float,
    body: tuple[frozenset[str], frozenset[str]],
    near: Words,
) -> list[float]:
    """Features of line i as the headline of an article whose first line is `lede`."""
    text = lines[i].text
    words = WORD.findall(text)
    listy = sum(
        eligible(lines[j].text) for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(lines)
    )
    n = max(len(words), 1)
    eff = ln.effective_words(text)
    nxt = ln.effective_words(lines[i + 1].text) if i + 1 < len(lines) else 0.0
    return [
        float(np.sign(lede - i) * np.log1p(abs(lede - i))),
        float(i > lede),
        float(rank),
        float(i == lede),
        float(np.log1p(eff)),
        float(text.endswith(".")),
        float(text.endswith(("?", "!"))),
        float(bool(BOUNDARY.search(text))),
        sum(w[:1].isupper() for w in words) / n,
        sum(w.lower() in any_stop_words() for w in words) / n,
        float(bool(vocab.CTA.search(text))),
        float(lines[i].blank_before),
        float(lines[i].blank_after),
        _near_byline(lines, i),
        float(np.log1p(nxt) - np.log1p(eff)),
        float(bool(vocab.SEPARATORS.search(text))),
        prob,
        float(i / max(len(lines) - 1, 1)),
        _overlap(text, body[0]),
        float(listy),
        _overlap(text, body[1]),
        echo(i, near),
    ]


# The columns of candidate_features, in order, then the two candidate_matrix adds.
OWN_FEATURES = (
    "log_distance_to_lede",
    "below_lede",
    "candidate_rank",
    "is_lede",
    "log_words",
    "ends_period",
    "ends_question_or_exclamation",
    "has_sentence_boundary",
    "title_case_share",
    "stop_share",
    "cta",
    "blank_before",
    "blank_after",
    "byline_below",
    "log_next_line_ratio",
    "separators",
    "article_probability",
    "position",
    "body_overlap",
    "eligible_neighbours",
    "lede_overlap",
    "echo",
)
FEATURES = (*OWN_FEATURES, "body_overlap_below_best", "candidate_rank_share")
_OVERLAP = OWN_FEATURES.index("body_overlap")


def _article_sentence(text: str) -> bool:
    """A kept line the headline cannot come after: a paragraph, or a sentence of SENTENCE_WORDS
    or more that ends as one ('Donald Trump unleashed a harsh attack on Ben Carson last night,
    comparing Carson to a child molester.')."""
    n = ln.effective_words(text)
    if n >= PARAGRAPH_WORDS:
        return True
    return n >= SENTENCE_WORDS and bool(ENDS_SENTENCE.search(text))


def candidates(lines: list[ln.Line], kept: list[int]) -> list[int]:
    """Eligible lines from the run's start up to its first paragraph (banners the classifier kept
    come before the headline; at most INSIDE lines, never the run's last line) and LOOKBACK lines
    above the run, nearest the lede first; never a line of an appeal block, nor a line inside the
    run that holds two sentences (article text: it took held-out headline accuracy from 43 to 45 of
    47 dev pages)."""
    lede = kept[0]
    paragraphs = [i for i in kept if _article_sentence(lines[i].text)]
    stop = min(paragraphs[0] if paragraphs else lede + 1, lede + INSIDE, kept[-1])
    stop = max(stop, lede + 1) if len(kept) > 1 else lede
    offset = max(0, lede - LOOKBACK)
    appeals = furniture.appeal_lines(lines)
    order = [*range(lede, stop), *range(lede - 1, offset - 1, -1)]
    return [
        i
        for i in order
        if i not in appeals
        and eligible(lines[i].text)
        and not (i > lede and BOUNDARY.search(lines[i].text))
    ]


def candidate_matrix(
    lines: list[ln.Line], kept: list[int], prob: Floats
) -> tuple[list[int], Floats]:
    """The candidates and their feature rows."""
    found = candidates(lines, kept)
    lede = kept[0]
    # Echoes are looked for among the lines a headline may be in, and a few more around them.
    near = span_words(
        lines,
        range(max(0, lede - LOOKBACK - ECHO_MARGIN), min(len(lines), lede + INSIDE + ECHO_MARGIN)),
    )
    bodies: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    rows = []
    for rank, i in enumerate(found):
        # The body starts after the candidate (or after the lede, which may be the headline).
        start = min(max(i, lede) + 1, len(lines) - 1)
        if start not in bodies:
            bodies[start] = (body_words(lines, start, prob, 50), body_words(lines, start, prob, 3))
        rows.append(candidate_features(lines, i, lede, rank, float(prob[i]), bodies[start], near))
    x = np.array(rows, dtype=np.float64).reshape(len(found), len(OWN_FEATURES))
    # Relative to the other candidates: overlap below the best one, and a share-of-candidates rank.
    overlap = x[:, _OVERLAP]
    best = overlap.max() if len(found) else 0.0
    extra = np.column_stack([overlap - best, np.arange(len(found)) / max(len(found), 1)])
    return found, np.hstack([x, extra.reshape(len(found), 2)])


@dataclass(frozen=True, slots=True)
class HeadlineModel:
    """Standardised linear scorer over candidate features, trained as a conditional logit (softmax
    over each page's candidates); a best score below `threshold` means no headline line."""

    mean: Floats
    scale: Floats
    coef: Floats
    intercept: float
    threshold: float

    def scores(self, x: Floats) -> Floats:
        """The score of each candidate row (higher is more headline-like)."""
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(z, dtype=np.float64)


def headline_from_json(data: dict[str, Any]) -> HeadlineModel:
    """The headline model from the JSON layout the trainer writes; refuses one trained on other
    features than `FEATURES`."""
    check_features(data, FEATURES)
    return HeadlineModel(
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        coef=np.asarray(data["coef"], dtype=np.float64),
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
    )


def find_headline(
    lines: list[ln.Line], kept: list[int], prob: Floats, model: HeadlineModel
) -> int | None:
    """Index of the headline line for the article in the `kept` lines, or None."""
    found, x = candidate_matrix(lines, kept, prob)
    if not found:
        return None
    scores = model.scores(x)
    best = int(np.argmax(scores))
    return found[best] if scores[best] >= model.threshold else None


def _abbreviated(text: str, mark: int) -> bool:
    """Whether the full stop at `mark` ends an abbreviation or an initial ('Dr. Ben Carson', 'J.
    Smith', 'U.S.'), not a sentence."""
    if text[mark] != ".":
        return False
    word = text[:mark].rsplit(None, 1)[-1] if text[:mark].strip() else ""
    return len(word) == 1 or "." in word or word.lower() in vocab.ABBREVIATIONS


def first_sentence(paragraph: str, max_words: int) -> str:
    """The paragraph's first sentence, cut to max_words words at a word boundary with '…'."""
    boundary = next(
        (b for b in BOUNDARY.finditer(paragraph) if not _abbreviated(paragraph, b.start())), None
    )
    sentence = (paragraph[: boundary.end()] if boundary else paragraph).strip()
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    return " ".join(words[:max_words]).rstrip(",;:—–-") + "…"
