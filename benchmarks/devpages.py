"""The extraction-dev pages as a reader would paste them: rendered text, true body, page titles.

A browser's select-all copy keeps the page's block structure (one line per block, blank lines
between paragraphs) but not the layout: no indentation and no list bullets. inscriptis renders the
layout, so both are stripped here.
"""

from __future__ import annotations

import gzip
import json
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.splits import Part, part_of, publisher_of, site_of

_WORD = re.compile(r"\w+")
# inscriptis's unordered-list bullets (inscriptis/model/tag/list_tag.py); browsers do not copy them.
_BULLET = re.compile(r"^(?:[*+o-] )+")


@dataclass(frozen=True, slots=True)
class DevPage:
    """One benchmark page: id, pasted-like text, the true article body, its title candidates."""

    page_id: str
    text: str
    body: str
    titles: tuple[str, ...]
    site: str = ""  # the grouping key of benchmarks.splits


def render(html: str) -> str:
    """The text a browser's select-all copy of this HTML gives (approximated with inscriptis)."""
    from inscriptis import get_text

    lines = (_BULLET.sub("", line.strip()) for line in get_text(html).split("\n"))
    return "\n".join(line.strip() for line in lines)


def page_titles(html: str) -> tuple[str, ...]:
    """The page's own og:title, first <h1> and <title>, whichever exist."""
    import lxml.html  # type: ignore[import-untyped]  # lxml ships no stubs

    root = lxml.html.fromstring(html)
    found = [
        *root.xpath("//meta[@property='og:title']/@content"),
        *(h.text_content() for h in root.xpath("//h1")[:1]),
        *(t.text_content() for t in root.xpath("//title")[:1]),
    ]
    return tuple(" ".join(str(t).split()) for t in found if str(t).strip())


def _rendered(path: Path, cache: Path | None, key: str) -> tuple[str, tuple[str, ...]]:
    """The page's pasted-like text and titles, kept in `cache` (a development aid) if given."""
    stored = cache / f"{key}.pkl" if cache else None
    if stored and stored.exists():
        text, titles = pickle.loads(stored.read_bytes())
        return str(text), tuple(titles)
    html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    text, titles = render(html), page_titles(html)
    if stored:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(pickle.dumps((text, titles)))
    return text, titles


def load(data: Path, part: Part | None = None, cache: Path | None = None) -> Iterator[DevPage]:
    """The pages of the extraction-dev folder (only those of `part` when given), in id order."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        if part and part_of(site_of(truth[page_id].get("url", ""))) != part:
            continue
        text, titles = _rendered(data / "html" / f"{page_id}.html.gz", cache, f"ext-{page_id}")
        yield DevPage(
            page_id,
            text,
            truth[page_id]["articleBody"],
            titles,
            site_of(truth[page_id].get("url", "")),
        )


def load_wcxb(
    data: Path,
    part: Part | None = None,
    types: tuple[str, ...] = ("article",),
    cache: Path | None = None,
    limit: int | None = None,
) -> Iterator[DevPage]:
    """The wcxb-dev pages of these page types (and `part`), in id order: body from main_content,
    title from the ground truth."""
    with gzip.open(data / "ground-truth.jsonl.gz", "rt", encoding="utf-8") as fh:
        truth = [json.loads(line) for line in fh]
    count = 0
    for page in truth:
        site = site_of(page["url"])
        if page["page_type"] not in types or (part and part_of(site) != part):
            continue
        if not page["main_content"]:
            continue
        if limit is not None and count >= limit:
            return
        count += 1
        text, _ = _rendered(data / "html" / f"{page['id']}.html.gz", cache, f"wcxb-{page['id']}")
        yield DevPage(page["id"], text, page["main_content"], (page["title"],), site)


def load_news_pastes(
    data: Path, part: Part | None = None, limit: int | None = None
) -> Iterator[DevPage]:
    """quotes-dev articles as pasted when they are stored (headline line, then the paragraphs; no
    page furniture), of `part` (split by publisher), every `len/limit`-th one in id order; the body
    is all but the headline line."""
    from benchmarks import quotes

    rows = sorted(
        (
            r
            for r in quotes.load(data)
            if "\n" in r["text"] and (not part or quotes.part(r) == part)
        ),
        key=lambda r: str(r["id"]),
    )
    step = max(1, len(rows) // limit) if limit else 1
    for r in rows[::step][:limit]:
        title, body = r["text"].split("\n", 1)
        yield DevPage(r["id"], r["text"], body.strip(), (title.strip(),), publisher_of(r["id"]))


def words(text: str) -> list[str]:
    """The text's words as the extraction metric splits them."""
    return _WORD.findall(text)


def line_labels(lines: list[str], body: str) -> list[bool]:
    """Whether each line belongs to the true body: most of its 4-word shingles occur there.

    Lines of 1-3 words count when their words occur in that order in the body and a neighbour
    is a body line (short words alone occur anywhere by chance).
    """
    body_words = words(body)
    body_grams = {tuple(body_words[i : i + 4]) for i in range(len(body_words) - 3)}
    joined = " " + " ".join(body_words) + " "
    labels: list[bool | None] = []
    for line in lines:
        ws = words(line)
        if len(ws) >= 4:
            grams = [tuple(ws[i : i + 4]) for i in range(len(ws) - 3)]
            labels.append(sum(g in body_grams for g in grams) / len(grams) >= 0.5)
        elif ws and " " + " ".join(ws) + " " in joined:
            labels.append(None)  # decided by the neighbours below
        else:
            labels.append(False)
    out = []
    for i, lab in enumerate(labels):
        if lab is None:
            near = [labels[j] for j in (i - 1, i + 1) if 0 <= j < len(labels)]
            lab = any(n is True for n in near)
        out.append(bool(lab))
    return out
