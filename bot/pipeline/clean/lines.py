"""Pasted page text -> lines with numeric features for the article/furniture line classifier.

A browser's select-all copy gives one line per page block; paragraphs are usually separated by blank
lines while menus, banners and button rows are not. Each line gets features of its own (length,
stop-word share, punctuation, capitals, call-to-action and appeal words) and of its neighbourhood
(window means, position, distance to the main run of prose lines). `bot/pipeline/clean/training.py`
trains on exactly these features, so any change here needs a retrain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.pipeline.clean import vocabulary as vocab
from bot.pipeline.text import BOUNDARY, CJK, ENDS_SENTENCE, WORD, any_stop_words

Matrix = npt.NDArray[np.float64]

# What we look at, at most: a pasted article is a few thousand words (a Telegram message is at most
# 4096 characters); these caps keep pathological inputs (5 MB on one line, 100k lines) linear
# and fast.
MAX_CHARS = 300_000
MAX_LINES = 4_000

INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the pasted text and whether blank lines surround it."""

    text: str
    blank_before: bool
    blank_after: bool


def split_lines(text: str) -> list[Line]:
    """The text's non-blank lines (a line without letters or digits counts as blank), capped."""
    rows = INVISIBLE.sub("", text[:MAX_CHARS]).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    blank = True
    for raw in rows:
        row = " ".join(raw.split())
        if not WORD.search(row):
            blank = True
            if lines and not lines[-1].blank_after:
                lines[-1] = Line(lines[-1].text, lines[-1].blank_before, True)
            continue
        if len(lines) >= MAX_LINES:
            break
        lines.append(Line(row, blank, False))
        blank = False
    if lines:
        lines[-1] = Line(lines[-1].text, lines[-1].blank_before, True)
    return lines


def effective_words(text: str) -> float:
    """Word count, counting CJK text (no spaces between words) as one word per two characters."""
    cjk = len(CJK.findall(text))
    return len(WORD.findall(text)) + cjk / 2.0 - (1 if cjk else 0)


OWN = (
    "log_words",
    "log_chars",
    "stop_share",
    "short_share",
    "ends_sentence",
    "ends_colon",
    "sentence_marks",
    "upper_share",
    "title_share",
    "digit_share",
    "punct_share",
    "urlish",
    "separators",
    "person12",
    "cta",
    "appeal",
    "appeal_head",
    "blank_before",
    "blank_after",
    "starts_quote",
    "timestamp",
    "date",
    "prose",
    "comment",
)


def own_features(line: Line) -> list[float]:
    """Features of the line alone, in the order of OWN."""
    text = line.text
    words = WORD.findall(text.lower())
    n = max(len(words), 1)
    eff = max(effective_words(text), 1.0)
    letters = [c for c in text if c.isalpha()]
    stops = any_stop_words()
    stop_share = sum(w in stops for w in words) / n
    ends = bool(ENDS_SENTENCE.search(text))
    return [
        float(np.log1p(eff)),
        float(np.log1p(len(text))),
        stop_share,
        sum(len(w) <= 3 for w in words) / n,
        float(ends),
        float(text.endswith(":")),
        len(BOUNDARY.findall(text + " ")) / n,
        sum(c.isupper() for c in letters) / max(len(letters), 1),
        sum(w[:1].isupper() for w in WORD.findall(text)) / n,
        sum(c.isdigit() for c in text) / len(text),
        sum(not (c.isalnum() or c.isspace()) for c in text) / len(text),
        float(bool(vocab.URLISH.search(text))),
        min(len(vocab.SEPARATORS.findall(text)), 5) / 5.0,
        sum(w in vocab.PERSON12 for w in words) / n,
        min(len(vocab.CTA.findall(text)), 5) / 5.0,
        min(len(vocab.APPEAL.findall(text)) / n * 10.0, 1.0),
        float(bool(vocab.APPEAL_HEAD.search(text))),
        float(line.blank_before),
        float(line.blank_after),
        float(text[:1] in "\"“«„'‘—–-"),
        float(bool(vocab.TIMESTAMP.search(text))),
        float(bool(vocab.DATE.search(text))),
        float(eff >= 10 and (stop_share >= 0.15 or ends)),
        float(bool(vocab.COMMENT.search(text))),
    ]


# Own features also averaged over the lines around each line, at these radii.
WINDOWED = (
    "log_words",
    "stop_share",
    "prose",
    "title_share",
    "ends_sentence",
    "cta",
    "appeal",
    "person12",
    "blank_after",
    "digit_share",
    "comment",
    "timestamp",
)
RADII = (2, 5, 10)
CONTEXT = (
    "position",
    "words_before_share",
    "length_rank",
    "log_lines",
    "in_main_run",
    "log_lines_before_run",
    "log_lines_after_run",
    "run_position",
    "run_position_from_end",
    "run_words_share",
    "near_appeal_head",
    "repeated_line",
    "log_comments_above",
    "log_appeals_above",
)
# The columns of `features`, in order: what the model file records and its loader checks.
FEATURES = (*OWN, *(f"{c}@{r}" for r in RADII for c in WINDOWED), *CONTEXT)
# The columns `stacked_features` adds for the second stage.
STACKED = (
    "p1",
    *(f"p1@{r}" for r in (1, 2, 5)),
    "p1_previous",
    "p1_next",
    "p1_relative",
    "p1_page_best",
    "p1_rank",
    "in_p1_run",
    "log_lines_before_p1_run",
    "log_lines_after_p1_run",
)
STAGE2_FEATURES = (*FEATURES, *STACKED)


def _window_mean(values: Matrix, radius: int) -> Matrix:
    """Mean of each column over lines i-radius..i+radius (clipped at the ends)."""
    n = values.shape[0]
    padded = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)])
    lo = np.clip(np.arange(n) - radius, 0, n)
    hi = np.clip(np.arange(n) + radius + 1, 0, n)
    return np.asarray((padded[hi] - padded[lo]) / (hi - lo)[:, None], dtype=np.float64)


def best_segment(gain: Matrix) -> tuple[int, int]:
    """[start, end] of the maximum-sum contiguous segment (Kadane); the best single line if all
    gains are negative."""
    best, span = -np.inf, (0, 0)
    total, start = 0.0, 0
    for i, g in enumerate(gain.tolist()):
        if total <= 0:
            total, start = 0.0, i
        total += g
        if total > best:
            best, span = total, (start, i)
    return span


def main_run(prose: Matrix, words: Matrix) -> tuple[int, int]:
    """The contiguous run of lines [start, end] richest in prose: prose words minus a cost per
    other line."""
    return best_segment(np.where(prose > 0, words, -(2.0 + 0.5 * words)))


def features(lines: list[Line]) -> Matrix:
    """One row of features per line: its own, window means around it, position, main run."""
    own = np.array([own_features(line) for line in lines], dtype=np.float64)
    n = own.shape[0]
    idx = {name: k for k, name in enumerate(OWN)}
    ctx = own[:, [idx[c] for c in WINDOWED]]
    windows = [_window_mean(ctx, r) for r in RADII]
    words = np.expm1(own[:, idx["log_words"]])
    prose = own[:, idx["prose"]]
    start, end = main_run(prose, words)
    pos = np.arange(n, dtype=np.float64)
    cum = np.cumsum(words)
    rank = np.argsort(np.argsort(-words, kind="stable"), kind="stable") / max(n - 1, 1)
    before = np.clip(start - pos, 0, None)
    after = np.clip(pos - end, 0, None)
    run_words = words[start : end + 1].sum()
    heads = np.flatnonzero(own[:, idx["appeal_head"]] > 0)
    since_head = np.full(n, 99.0)
    for h in heads.tolist():
        span = np.arange(h, min(n, h + 30))
        since_head[span] = np.minimum(since_head[span], span - h)
    # Comments and appeals follow the article: how many of their tells came before this line.
    comments_above = np.cumsum(own[:, idx["comment"]]) - own[:, idx["comment"]]
    appeals_above = np.cumsum(own[:, idx["appeal_head"]]) - own[:, idx["appeal_head"]]
    texts = [line.text.lower() for line in lines]
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    context = np.column_stack(
        [
            pos / max(n - 1, 1),
            (cum - words) / max(cum[-1], 1.0),
            rank,
            np.log1p(np.full(n, n)),
            ((pos >= start) & (pos <= end)).astype(np.float64),
            np.log1p(before),
            np.log1p(after),
            (pos - start) / max(end - start + 1, 1),
            (end - pos) / max(end - start + 1, 1),
            np.full(n, run_words / max(cum[-1], 1.0)),
            1.0 / (1.0 + since_head),
            np.array([counts[t] > 1 for t in texts], dtype=np.float64),
            np.log1p(comments_above),
            np.log1p(appeals_above),
        ]
    )
    return np.hstack([own, *windows, context])


def stacked_features(x: Matrix, first: Matrix, words: Matrix) -> Matrix:
    """Second-stage features: the first stage's probabilities around each line, relative to the
    page's best, and the line's place in the run those probabilities suggest."""
    n = x.shape[0]
    p = first[:, None]
    windows = [_window_mean(p, r)[:, 0] for r in (1, 2, 5)]
    top = float(first.max()) if n else 1.0
    start, end = main_run((first >= 0.5 * top).astype(np.float64), words)
    pos = np.arange(n, dtype=np.float64)
    rank = np.argsort(np.argsort(-first, kind="stable"), kind="stable") / max(n - 1, 1)
    prev_p = np.concatenate([[0.0], first[:-1]])
    next_p = np.concatenate([first[1:], [0.0]])
    extra = np.column_stack(
        [
            first,
            *windows,
            prev_p,
            next_p,
            first / max(top, 1e-6),
            np.full(n, top),
            rank,
            ((pos >= start) & (pos <= end)).astype(np.float64),
            np.log1p(np.clip(start - pos, 0, None)),
            np.log1p(np.clip(pos - end, 0, None)),
        ]
    )
    return np.hstack([x, extra])
