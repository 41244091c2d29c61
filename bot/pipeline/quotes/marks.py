"""Find quoted spans in paragraphs: one linear pass over the quote marks, with a small stack.

Handles “…”, "…", «…», „…“ (and „…”), ‘…’, ‚…‘, ‹…›, nesting (« … „…“ … »), stray or unbalanced
marks, apostrophes that look like closing marks, and the newspaper convention for quotes running
over several paragraphs (a paragraph opens a quote without closing it; the next paragraph reopens it).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

# Which marks close a quote opened by each opening mark.
_CLOSERS = {
    "“": "”“",  # “…” (and the “…“ some sites print by mistake)
    "«": "»",
    "„": "“”",  # German „…“, Polish/Romanian „…”
    "‘": "’",
    '"': '"',
    "‚": "‘’",
    "‹": "›",
}
_MARK = re.compile('[“”„«»‘’"‚‹›]')
_MAX_DEPTH = 8  # deeper nesting does not occur in prose; the cap keeps the stack walk constant-time
_MAX_MARKS = 20_000  # marks read per article: 10,000 quotations; beyond that it is not prose
_MAX_CHAIN = 6  # paragraphs one quote may run over; longer runs are a misparse, not a quotation
_OPEN_BEFORE = frozenset('([{—–-:/“«„‘‚‹"')


@dataclass(frozen=True, slots=True)
class Span:
    """A closed top-level quotation: its inner text and where its marks sit.

    `first`/`start` locate the opening mark; `last`/`end` the position just after the closing mark.
    """

    text: str
    first: int
    start: int
    last: int
    end: int


@dataclass(frozen=True, slots=True)
class _Scan:
    spans: tuple[tuple[int, int], ...]  # (open index, close index) of top-level closed quotes
    tail: int | None  # index of an opening mark left open at the end of the paragraph


def _opens(text: str, i: int, mark: str) -> bool:
    """Whether the mark at `i` can open a quote: a space/bracket before it, a word after it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and mark in "«‹" and text[i + 2 : i + 3].isalnum():
        after = text[i + 2]  # French typography: « Bonjour » with a (non-breaking) space inside
    if after.isspace():
        return False
    return before.isspace() or before in _OPEN_BEFORE or (mark not in '"‘' and not before.isalnum())


def _closes(text: str, i: int, mark: str) -> bool:
    """Whether the mark at `i` can close a quote (a ’ between letters is an apostrophe)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark == "’" and before.isalpha() and after.isalpha():
        return False
    if mark == "“":  # only closes when it ends a word: “…“ or German „…“
        return not before.isspace() and not after.isalnum()
    return not before.isspace() or after.isspace() or after in ".,;:!?)"


def _scan(text: str, budget: int) -> tuple[_Scan, int]:
    """One pass over (at most `budget` of) the quote marks of a paragraph; the budget left."""
    stack: list[tuple[str, int]] = []
    closed: list[tuple[int, int]] = []
    for match in itertools.islice(_MARK.finditer(text), budget):
        budget -= 1
        i, mark = match.start(), match.group()
        depth = _closing_depth(stack, text, i, mark)
        if depth is not None:
            opener = stack[depth][1]
            del stack[depth:]
            closed.append((opener, i))
        elif mark in _CLOSERS and len(stack) < _MAX_DEPTH and _opens(text, i, mark):
            stack.append((mark, i))
    return _Scan(spans=_outermost(closed), tail=stack[0][1] if stack else None), budget


def _closing_depth(stack: list[tuple[str, int]], text: str, i: int, mark: str) -> int | None:
    """The stack level this mark closes (innermost match first), or None."""
    for depth in range(len(stack) - 1, -1, -1):
        if mark in _CLOSERS[stack[depth][0]]:
            if depth == len(stack) - 1 and stack[depth][0] == mark == '"':
                return depth  # a straight mark always closes the straight quote it is inside
            return depth if _closes(text, i, mark) else None
    return None


def _outermost(closed: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Closed spans not inside another closed span."""
    result: list[tuple[int, int]] = []
    reach = -1
    for opener, closer in sorted(closed):
        if closer > reach:
            result.append((opener, closer))
            reach = closer
    return tuple(result)


def _inner(text: str, opener: int, closer: int | None) -> str:
    return text[opener + 1 : closer].strip()


def _reopens(text: str, mark: str) -> bool:
    """Whether a paragraph starts by reopening a quote with the same mark."""
    return text.lstrip()[:1] == mark


def find_spans(paragraphs: tuple[str, ...] | list[str]) -> list[Span]:
    """Every top-level quotation in the paragraphs, in reading order."""
    scans: list[_Scan] = []
    budget = _MAX_MARKS
    for paragraph in paragraphs:
        scan, budget = _scan(paragraph, budget)
        scans.append(scan)
    spans: list[Span] = []
    skip_to = -1  # paragraphs already consumed by a multi-paragraph quote
    for index, (text, scan) in enumerate(zip(paragraphs, scans, strict=True)):
        lead = len(text) - len(text.lstrip())
        tail = (
            scan.tail if scan.tail is not None and (index > skip_to or scan.tail > lead) else None
        )
        continued = _continued(paragraphs, scans, index) if tail is not None else None
        for opener, closer in scan.spans:
            if index <= skip_to and opener <= lead:
                continue  # the continuation already became part of the previous quote
            if continued is not None and opener > continued.start:
                continue  # nested inside the quote that runs on into the next paragraph
            spans.append(Span(_inner(text, opener, closer), index, opener, index, closer + 1))
        if continued is not None:
            spans.append(continued)
            skip_to = continued.last
    return spans


def _continued(
    paragraphs: tuple[str, ...] | list[str], scans: list[_Scan], first: int
) -> Span | None:
    """A quote opened at the end of paragraph `first` and reopened by the following paragraphs."""
    tail = scans[first].tail
    if tail is None:
        return None
    mark = paragraphs[first][tail]
    parts = [_inner(paragraphs[first], tail, None)]
    for index in range(first + 1, min(first + 1 + _MAX_CHAIN, len(paragraphs))):
        text, scan = paragraphs[index], scans[index]
        if not _reopens(text, mark):
            return None
        lead = len(text) - len(text.lstrip())
        if scan.spans and scan.spans[0][0] == lead:
            opener, closer = scan.spans[0]
            parts.append(_inner(text, opener, closer))
            return Span(" ".join(parts), first, tail, index, closer + 1)
        if scan.tail != lead:
            return None
        parts.append(_inner(text, lead, None))
    return None
