"""Digest -> Telegram HTML card (≤ 4096 characters), plain text, or a JSON object."""

from __future__ import annotations

import html
from typing import Any

from bot.models import Digest

LIMIT = 4096


def render_html(digest: Digest) -> str:
    """The card in Telegram's HTML subset, every article string escaped."""
    a = digest.article
    parts = [f"<b>{html.escape(a.title or 'Summary')}</b>", ""]
    parts += [f"• {html.escape(s)}" for s in digest.summary]
    return "\n".join(parts)[:LIMIT]


def render_text(digest: Digest) -> str:
    a = digest.article
    return "\n".join([a.title or "", "", *(f"- {s}" for s in digest.summary)])


def render_json(digest: Digest, source: str) -> dict[str, Any]:
    a = digest.article
    return {
        "ok": True,
        "input": source,
        "headline": a.title,
        "text": a.text,
        "summary": list(digest.summary),
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in digest.quotes],
        "language": digest.language,
        "url": a.url,
        "reduction": round(digest.reduction, 3),
    }
