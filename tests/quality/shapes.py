"""Every shape in which people paste or forward an article, generated from a saved page.

    select-all   a browser's select-all copy of the whole page (inscriptis render, no bullets/indent)
    head+para    the true headline line, a blank line, the true body as ONE long paragraph
    para         the true body as one long paragraph, nothing else
    wrap72       headline line, blank line, the body hard-wrapped at 72 characters (paragraphs kept)
    sentences    headline line, then the body one sentence per line, no blank lines
    forward      a forwarded Telegram post as `message.text` carries it: headline line (bold is an
                 entity, not text), blank line, the paragraphs separated by blank lines

All but select-all are built from the TRUE content and the true title: they are about what apps copy
of the article itself, so every shape should score within a whisker of select-all.
"""

from __future__ import annotations

import gzip
import re
import textwrap
from pathlib import Path

SHAPES = ("select-all", "head+para", "para", "wrap72", "sentences", "forward")
# inscriptis's unordered-list bullets (inscriptis/model/tag/list_tag.py); browsers do not copy them.
_BULLET = re.compile(r"^(?:[*+o-] )+")


def read_html(path: Path) -> str:
    """A saved page (gzip) as text, UTF-8 with replacement, as the data READMEs say."""
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def select_all(html: str) -> str:
    """The text a browser's select-all copy of this HTML gives (approximated with inscriptis)."""
    from inscriptis import get_text

    lines = (_BULLET.sub("", line.strip()) for line in get_text(html).split("\n"))
    return "\n".join(line.strip() for line in lines)


def paragraphs(body: str) -> list[str]:
    """The true body's paragraphs (blank-line separated; a single line break inside one is a space)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]


def blocks(body: str) -> list[str]:
    """The true body's lines (headings and paragraphs each on their own), whitespace collapsed."""
    return [" ".join(line.split()) for line in body.splitlines() if line.strip()]


def sentences(text: str) -> list[str]:
    """Sentences of one paragraph by nupunkt (deterministic, no downloads)."""
    from nupunkt import sent_tokenize

    return [s.strip() for s in sent_tokenize(text) if isinstance(s, str) and s.strip()]


def shapes(html: str | None, body: str, title: str) -> dict[str, str]:
    """Every paste shape of one page; select-all only when its HTML is given."""
    lines = blocks(body)
    one = " ".join(lines)
    out: dict[str, str] = {}
    if html is not None:
        out["select-all"] = select_all(html)
    out["head+para"] = f"{title}\n\n{one}"
    out["para"] = one
    wrapped = "\n\n".join(textwrap.fill(line, width=72) for line in lines)
    out["wrap72"] = f"{title}\n\n{wrapped}"
    out["sentences"] = title + "\n" + "\n".join(s for line in lines for s in sentences(line))
    out["forward"] = (title + "\n\n" + "\n\n".join(lines)).strip()
    return out


def page_shapes(path: str, body: str, title: str, with_select_all: bool = True) -> dict[str, str]:
    """`shapes` of the saved page at `path` (a top-level function, so worker processes can run it)."""
    html = read_html(Path(path)) if with_select_all else None
    return shapes(html, body, title)
