"""Rules for page furniture that reads like prose, applied after the line classifier.

Donation and newsletter appeals ("Dear readers, ... please support us"), photo captions with a
credit, and reader comments are written like the article, so a line-by-line model keeps them. They
are recognised here over a whole block (the lines between two blank lines) or by their tells.
"""

from __future__ import annotations

from bot.pipeline.clean import lines as ln
from bot.pipeline.clean import vocabulary as vocab

MAX_BLOCK = 8  # lines; appeal boxes and banners are short (the reference banner has 5)


_QUOTES = '"“«„'


def is_appeal(text: str) -> bool:
    """Whether one line asks the reader for support or a sign-up (or opens such an appeal)."""
    if vocab.APPEAL_HEAD.search(text):
        return True
    if text[:1] in _QUOTES:  # someone quoted in the article ("We should be supporting ...")
        return False
    return bool(vocab.ASK.search(text)) and bool(vocab.READER.search(text))


def blocks(lines: list[ln.Line]) -> list[tuple[int, int]]:
    """[start, end) of each run of lines with no blank line between them."""
    spans, start = [], 0
    for i, line in enumerate(lines):
        if line.blank_after or i == len(lines) - 1:
            spans.append((start, i + 1))
            start = i + 1
    return spans


def appeal_lines(lines: list[ln.Line]) -> set[int]:
    """Lines of blocks that make an appeal: an appeal heading opens the block, or the block asks
    at least twice and addresses the reader. A long block (a page without blank lines) is judged
    line by line."""
    found: set[int] = set()
    for start, end in blocks(lines):
        if end - start > MAX_BLOCK:
            found.update(i for i in range(start, end) if _in_appeal_window(lines, i, start, end))
            continue
        text = " ".join(line.text for line in lines[start:end])
        asks = len(vocab.ASK.findall(text))
        if vocab.APPEAL_HEAD.search(lines[start].text) or (asks >= 2 and vocab.READER.search(text)):
            found.update(range(start, end))
        else:
            found.update(i for i in range(start, end) if is_appeal(lines[i].text))
    return found


def _in_appeal_window(lines: list[ln.Line], i: int, start: int, end: int) -> bool:
    """For text without blank lines: line i asks or addresses the reader, and the lines around it
    (two each side) ask at least twice and address the reader."""
    text = lines[i].text
    if is_appeal(text):
        return True
    if not (vocab.ASK.search(text) or vocab.READER.search(text)):
        return False
    window = " ".join(line.text for line in lines[max(start, i - 2) : min(end, i + 3)])
    return len(vocab.ASK.findall(window)) >= 2 and bool(vocab.READER.search(window))


def comments_start(lines: list[ln.Line]) -> int:
    """Index where a reader-comment section begins (two or more "Name says:" lines from there on),
    or len(lines)."""
    tells = [i for i, line in enumerate(lines) if vocab.SAYS.search(line.text)]
    if len(tells) < 2:
        return len(lines)
    first = tells[0]
    for i in range(first - 1, max(-1, first - 6), -1):
        if vocab.COMMENTS_HEAD.search(lines[i].text):
            return i
    return first


def trim(kept: list[int], lines: list[ln.Line]) -> list[int]:
    """The kept run without captions, without appeal lines at its ends, and cut at an appeal
    heading ("A Message from ...", "Dear readers") or a tail tell (TAIL: comment form, author bio,
    About, related stories) inside its span (kept or not) once at least half of its words came
    before."""
    kept = [i for i in kept if not vocab.CAPTION.search(lines[i].text)]
    if not kept:
        return kept
    total = sum(ln.effective_words(lines[i].text) for i in kept)
    seen = 0.0
    position = {i: k for k, i in enumerate(kept)}
    for j in range(kept[0], kept[-1] + 1):
        heading = vocab.APPEAL_HEAD.search(lines[j].text) or vocab.TAIL.search(lines[j].text)
        if j > kept[0] and heading and seen >= total / 2:
            kept = [i for i in kept if i < j]
            break
        if j in position:
            seen += ln.effective_words(lines[j].text)
    appeals = appeal_lines(lines)
    lo, hi = 0, len(kept)
    while hi > lo + 1 and kept[hi - 1] in appeals:
        hi -= 1
    while lo < hi - 1 and kept[lo] in appeals:
        lo += 1
    return kept[lo:hi]


LIST_ITEM_WORDS = 20  # list items are short; set by hand
LIST_MIN_ITEMS = 3  # fewer numbered lines after a colon are no list; set by hand


def extend_list(kept: list[int], lines: list[ln.Line]) -> list[int]:
    """The run plus a numbered list the article introduces with a colon at its end ("The tour
    dates:"): a line classifier drops such lists, the items being short and furniture-shaped."""
    end = kept[-1]
    start = end + 1
    if not lines[end].text.endswith(":"):
        intro = start < len(lines) and lines[start].text.endswith(":")
        if not intro or ln.effective_words(lines[start].text) < 3:
            return kept
        start += 1
    stop = start
    while (
        stop < len(lines)
        and ln.effective_words(lines[stop].text) <= LIST_ITEM_WORDS
        and vocab.NUMBERED.search(lines[stop].text)
        and not vocab.URLISH.search(lines[stop].text)
    ):
        stop += 1
    if stop - start < LIST_MIN_ITEMS:
        return kept
    return [*kept, *range(end + 1, stop)]
