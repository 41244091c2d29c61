"""Digest -> the Telegram HTML card (never over 4096 characters), plain text, or a JSON object.

Every piece of article text is escaped here and nowhere else. When a card would pass Telegram's limit we give
up detail in a fixed order (extra bullets, then quotes, then long sentences are shortened) rather than cut
the HTML anywhere. The card's own words (reading time, language, reduction, notes) are in the
article's language, from the message catalogue (bot.i18n).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.i18n import Translator, translator
from bot.i18n import messages as msg
from bot.languages import native_name
from bot.models import Digest, Quote

Shorten = Callable[[str], str]
LIMIT = 4096
MAX_HREF = 2000  # longer links stay out of the card: the smallest card must fit whatever the input
MAX_TAGS = 5
VISIBLE_BULLETS = 5  # more than this and the rest go into an expandable quote block
_HASHTAG_JUNK = re.compile(r"[^\w]+")
# Never shown: C0/C1 controls but tab and newline, bidi embeddings/overrides/isolates (U+202E can
# make a card read backwards: a spoof), noncharacters, lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)


@dataclass(frozen=True, slots=True)
class _Cut:
    """How much of the digest a card shows: the knobs the fitting loop turns."""

    bullets: int
    quotes: int
    max_chars: int


def render_html(digest: Digest, limit: int = LIMIT) -> str:
    """The card in Telegram's HTML subset, at most `limit` characters."""
    cut = _Cut(len(digest.summary), len(digest.quotes), max_chars=limit)
    card = _card(digest, cut)
    while utf16_len(card) > limit:
        smaller = _smaller(cut)
        if (
            smaller == cut
        ):  # unreachable with LIMIT: the smallest card is well under 2,000 characters
            raise ValueError(f"cannot fit a card in {limit} characters")
        cut = smaller
        card = _card(digest, cut)
    return card


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units); we bound the raw HTML, a safe upper bound."""
    return len(text.encode("utf-16-le")) // 2


def _smaller(cut: _Cut) -> _Cut:
    if cut.bullets > 3:
        return _Cut(cut.bullets - 1, cut.quotes, cut.max_chars)
    if cut.quotes > 1:
        return _Cut(cut.bullets, cut.quotes - 1, cut.max_chars)
    if cut.max_chars > 200:
        return _Cut(cut.bullets, cut.quotes, cut.max_chars * 2 // 3)
    if cut.quotes:
        return _Cut(cut.bullets, 0, cut.max_chars)
    if cut.bullets > 1:
        return _Cut(cut.bullets - 1, 0, cut.max_chars)
    if cut.max_chars > 20:
        return _Cut(cut.bullets, 0, max(20, cut.max_chars // 2))
    return _Cut(0, 0, 20)


def _card(digest: Digest, cut: _Cut) -> str:
    short = _shortener(cut.max_chars)
    sections = [_head(digest, short)]
    bullets = [f"• {esc(short(s))}" for s in digest.summary[: cut.bullets]]
    if bullets:
        visible, folded = bullets[:VISIBLE_BULLETS], bullets[VISIBLE_BULLETS:]
        body = "\n".join(visible)
        if folded:
            body += "\n<blockquote expandable>" + "\n".join(folded) + "</blockquote>"
        sections.append(body)
    sections += [_quote(q, short) for q in digest.quotes[: cut.quotes]]
    sections.append(_footer(digest))
    return "\n\n".join(s for s in sections if s)


def _head(digest: Digest, short: Shorten) -> str:
    article = digest.article
    title = esc(short(article.title or translator(digest.language).gettext(msg.SUMMARY_TITLE)))
    if (
        article.url
        and urlsplit(article.url).scheme in {"http", "https"}
        and len(article.url) <= MAX_HREF
    ):
        title = f'<a href="{html.escape(safe(article.url), quote=True)}">{title}</a>'
    meta = " · ".join(esc(short(m)) for m in _meta(digest))
    return f"<b>{title}</b>\n<i>{meta}</i>"


def _meta(digest: Digest) -> list[str]:
    article = digest.article
    parts = [p for p in (article.site, article.author, article.date) if p]
    labels = translator(digest.language)
    minutes = digest.reading_minutes
    parts.append(labels.ngettext(msg.MIN_READ, minutes, minutes=minutes))
    parts.append(native_name(digest.language))
    return [p[:80] for p in parts]


def _quote(quote: Quote, short: Shorten) -> str:
    opening, closing = quote.marks
    text = f"<blockquote>{esc(opening)}{esc(short(quote.text))}{esc(closing)}"
    if quote.speaker:
        text += f"\n— {esc(short(quote.speaker))}"
    return text + "</blockquote>"


def _footer(digest: Digest) -> str:
    labels = translator(digest.language)
    line = f"<i>{esc(_reduced(digest, labels))}</i>"
    if digest.truncated:
        line = f"<i>{esc(labels.gettext(msg.TRUNCATED))}</i>\n" + line
    tags = [t for t in (hashtag(k) for k in digest.keywords[:MAX_TAGS]) if t]
    return line + ("  " + " ".join(tags) if tags else "")


def _reduced(digest: Digest, labels: Translator) -> str:
    percent = round(digest.reduction * 100)
    return labels.ngettext(msg.REDUCED, percent, percent=percent)


def hashtag(keyword: str) -> str:
    """'New York' -> '#NewYork'; '' for keywords that make no valid hashtag (empty or all digits)."""
    words = [w for w in _HASHTAG_JUNK.split(keyword) if w]
    tag = "".join(w[:1].upper() + w[1:] if len(words) > 1 else w for w in words)[:40]
    return f"#{tag}" if tag and not tag.isdigit() else ""


def esc(text: str) -> str:
    """Escape article text for Telegram HTML (only &, <, > matter outside attributes), unsafe
    characters removed."""
    return html.escape(safe(text), quote=False)


def safe(text: str) -> str:
    """`text` without control, bidi-override and noncharacter code points."""
    return _UNSAFE.sub("", text)


def _shortener(max_chars: int) -> Shorten:
    def short(text: str) -> str:
        if len(text) <= max_chars:
            return text
        head = text[: max_chars - 1]
        space = head.rfind(" ")
        return (head[:space] if space > max_chars // 2 else head).rstrip() + "…"

    return short


def render_text(digest: Digest) -> str:
    """The card as plain text, for terminals."""
    article, labels = digest.article, translator(digest.language)
    lines = [article.title or labels.gettext(msg.SUMMARY_TITLE), " · ".join(_meta(digest))]
    if article.url:
        lines.append(article.url)
    lines.append("")
    lines += [f"• {s}" for s in digest.summary]
    for q in digest.quotes:
        opening, closing = q.marks
        lines += ["", f"{opening}{q.text}{closing}" + (f"\n  — {q.speaker}" if q.speaker else "")]
    if digest.truncated:
        lines += ["", labels.gettext(msg.TRUNCATED)]
    lines += ["", _reduced(digest, labels)]
    if digest.keywords:
        lines[-1] += "  " + " ".join(t for t in map(hashtag, digest.keywords) if t)
    return safe("\n".join(lines))


def render_json(digest: Digest, source: str) -> dict[str, Any]:
    """The JSON object `gistbot summarize --format json` prints for one input."""
    article = digest.article
    return {
        "ok": True,
        "input": source,
        "headline": article.title,
        "text": article.text,
        "summary": list(digest.summary),
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in digest.quotes],
        "language": digest.language,
        "url": article.url,
        "reduction": round(digest.reduction, 3),
        "keywords": list(digest.keywords),
        "reading_minutes": digest.reading_minutes,
        "truncated": digest.truncated,
        "site": article.site,
        "author": article.author,
        "date": article.date,
    }


def render_error(source: str, message: str) -> dict[str, Any]:
    """The JSON object for an input that failed."""
    return {"ok": False, "input": source, "error": message}
