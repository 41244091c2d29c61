"""Pasted text in any shape -> lines shaped like a browser's select-all copy, the shape the line
model was trained on.

Apps and channels paste an article as one long paragraph (often under a headline line), as lines
hard-wrapped at a fixed width, or one sentence per line. The line classifier and the furniture
rules judge lines the size of a page's paragraphs: a 900-word line is unlike any line they were
trained on, and a rule meant for a short appeal ("support us") fires anywhere in it. So:

- `unwrap` joins rows that a fixed-width wrap broke (a row is continued when the next row's first
  word would not have fitted on it), so each paragraph is one line again;
- `split_long` cuts a line longer than any paragraph of the dev pages into paragraph-sized runs
  of whole sentences.
"""

from __future__ import annotations

from bot.pipeline.clean import lines as ln
from bot.pipeline.text import detect_language, split_sentences

# The longest article line of the extraction-dev select-all copies has 155 words (99% have <= 115):
# a longer line is outside what the line model saw and is cut into paragraphs.
LONG_WORDS = 150
# Paragraph size the cut aims at: about the 90th percentile (65 words) of those article lines.
PARAGRAPH_WORDS = 60
# Hard-wrapped text: at least this many rows, most of the long ones ending close to one width no
# wider than a terminal/mail wrap; a select-all copy's rows vary far more. Set by hand.
WRAP_MIN_ROWS = 6
WRAP_MAX_WIDTH = 100
WRAP_SLACK = 0.25  # a wrapped row fills at least 1 - slack of the width (words are < 25% of 72)
WRAP_SHARE = 0.6  # share of the non-final rows of blocks that are wrapped rows


def _wrap_width(rows: list[str]) -> int | None:
    """The width the text is hard-wrapped at, or None when it does not look hard-wrapped."""
    stripped = [r.strip() for r in rows]
    # Rows followed by a non-blank row (inside a block): those a wrap would have filled. A
    # headline or a paragraph's last row may be longer or shorter and says nothing.
    inner = [stripped[i] for i in range(len(stripped) - 1) if stripped[i] and stripped[i + 1]]
    if len(inner) < WRAP_MIN_ROWS - 1:
        return None
    width = max(len(r) for r in inner)
    if width > WRAP_MAX_WIDTH:
        return None
    full = sum(len(r) >= (1 - WRAP_SLACK) * width for r in inner)
    return width if full >= WRAP_SHARE * len(inner) else None


def unwrap(text: str) -> str:
    """The text with hard-wrapped paragraphs joined back into one line each (unchanged when it
    does not look hard-wrapped)."""
    rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = _wrap_width(rows)
    if width is None:
        return text
    out: list[str] = []
    current, last = "", ""
    for raw in rows:
        row = raw.strip()
        if not row:
            if current:
                out.append(current)
                current = ""
            out.append("")
            continue
        if current and len(last) + 1 + len(row.split(" ", 1)[0]) > width:
            current = f"{current} {row}"  # the wrap broke here: the word did not fit
        else:
            if current:
                out.append(current)
            current = row
        last = row
    if current:
        out.append(current)
    return "\n".join(out)


def paragraphs_of(text: str) -> list[str]:
    """A long line cut into runs of whole sentences of about PARAGRAPH_WORDS words each."""
    language = detect_language(text)
    pieces: list[str] = []
    current: list[str] = []
    count = 0.0
    for sentence in split_sentences(text, language):
        n = ln.effective_words(sentence)
        if current and count + n / 2 > PARAGRAPH_WORDS:
            pieces.append(" ".join(current))
            current, count = [], 0.0
        current.append(sentence)
        count += n
    if current:
        pieces.append(" ".join(current))
    return pieces


def split_long(lines: list[ln.Line]) -> list[ln.Line]:
    """The lines with every line longer than LONG_WORDS cut into paragraph lines (a blank line
    between them, as between a page's paragraphs)."""
    if all(ln.effective_words(line.text) <= LONG_WORDS for line in lines):
        return lines
    out: list[ln.Line] = []
    for line in lines:
        if ln.effective_words(line.text) <= LONG_WORDS:
            out.append(line)
            continue
        pieces = paragraphs_of(line.text)
        for k, piece in enumerate(pieces):
            first, last = k == 0, k == len(pieces) - 1
            out.append(
                ln.Line(
                    piece,
                    line.blank_before if first else True,
                    line.blank_after if last else True,
                )
            )
    return out[: ln.MAX_LINES]
