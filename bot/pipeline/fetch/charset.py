"""Bytes to text, never trusting one signal blindly.

Order: a BOM; strict UTF-8; each declared charset (HTTP header, then `<meta>`) that decodes
strictly and, for Latin code pages, does not turn the text into mojibake; charset-normalizer's
guess; UTF-8 with replacement characters as the last resort. w3lib (Scrapy's web library) reads
the BOM, finds the `<meta>` declaration and maps labels the way browsers do (WHATWG); the order
and the mojibake and cp1252 rules are ours. Bytes that are not text at all (a binary signature, or
a decoded text full of control and replacement characters) are refused.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding

from bot.errors import NotTextError
from bot.models import Page
from bot.pipeline.fetch.payload import is_binary_signature

_META_SCAN_BYTES = 4096
_LATIN = frozenset({"cp1252", "iso8859-15"})
_WORD = re.compile(r"[^\W\d_]{3,}")
# How close (in charset-normalizer "chaos", 0-1) cp1252 must come to the best guess to be preferred:
# ties only; Czech cp1250 read as cp1252 scores ~0.01 worse and must stay cp1250.
_CP1252_TIE = 0.001
# Characters no text carries: C0 controls but tab, newlines and form feed; DEL and C1 controls; the
# replacement character; U+FFFE/U+FFFF. Their share in the first 64k characters: at most 0.31% on
# wcxb-dev's tune part (919 pages), 56% for random bytes (which decode as "UTF-8 with
# replacements" or a guessed code page). Past 5%, the bytes are a binary file, not an article.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
_NOT_TEXT_SAMPLE = 65_536
MAX_NOT_TEXT_SHARE = 0.05


def decode(page: Page) -> str:
    """The page's text: its bytes decoded by the rules above; NotTextError for binary bytes."""
    if is_binary_signature(page.body):
        raise NotTextError("binary file signature")
    text = decode_body(page.body, page.charset, html=page.is_html)[0]
    check_text(text)
    return text


def check_text(text: str) -> None:
    """Refuse a decoded text whose start is too full of control/replacement characters to be text."""
    sample = text[:_NOT_TEXT_SAMPLE]
    if len(_NOT_TEXT.findall(sample)) > MAX_NOT_TEXT_SHARE * len(sample):
        raise NotTextError("control or replacement characters: binary data, not text")


def decode_body(body: bytes, declared: str | None, *, html: bool) -> tuple[str, str]:
    """(text, codec name used) for a response body; `declared` is the HTTP header's charset."""
    codec, bom = read_bom(body)
    if codec is not None and bom is not None:
        text = _strict(body[len(bom) :], codec)
        if text is not None:
            return text, "utf-16" if codec.startswith("utf-16") else codec
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    for codec in _declared_codecs(body, declared, html=html):
        text = _strict(body, codec)
        if text is not None and not (codec in _LATIN and looks_like_mojibake(text)):
            return text, codec
    guess = guess_codec(body)
    if guess is not None:
        text = _strict(body, guess)
        if text is not None:
            return text, guess
    return body.decode("utf-8", errors="replace"), "utf-8"


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_codecs(body: bytes, declared: str | None, *, html: bool) -> list[str]:
    """Codec names the header and the page's `<meta>` declare, normalized, in that order."""
    labels = [declared] if declared else []
    if html:
        meta = html_body_declared_encoding(body[:_META_SCAN_BYTES])
        labels += [meta] if meta else []
    codecs_found: list[str] = []
    for label in labels:
        codec = normalize_codec(label)
        if codec is not None and codec not in codecs_found:
            codecs_found.append(codec)
    return codecs_found


def normalize_codec(label: str) -> str | None:
    """Python's canonical codec name for a charset label; None for unknown or UTF-16/32 labels."""
    resolved = resolve_encoding(label.strip().strip("\"'"))
    if resolved is None:
        return None
    try:
        name = codecs.lookup(resolved).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # an ASCII-compatible document cannot be UTF-16; WHATWG ignores such labels
    return name


def looks_like_mojibake(text: str) -> bool:
    """True when most words with non-ASCII letters have no ASCII letter at all.

    That is Cyrillic, Greek, Arabic... read through a Latin code page ("Ïðàâèòåëüñòâî"); real
    Latin-script words mix in ASCII letters ("été", "für").
    """
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if len(words) < 3:
        return False
    foreign = sum(1 for w in words if not any(c.isascii() for c in w))
    return foreign * 2 > len(words)


def guess_codec(body: bytes) -> str | None:
    """charset-normalizer's best guess, but cp1252 when it reads the bytes as well (the web's
    default Latin code page)."""
    matches = from_bytes(body)
    best = matches.best()
    if best is None:
        return None
    cp1252_ties = "cp1252" in best.could_be_from_charset or any(
        match.encoding == "cp1252" and match.chaos <= best.chaos + _CP1252_TIE for match in matches
    )
    return "cp1252" if cp1252_ties else normalize_codec(best.encoding)
