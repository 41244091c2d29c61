"""What a response body is: the media-type allow-list, binary sniffing, bounded decompression."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from w3lib.encoding import read_bom

from bot.errors import FetchError, NotArticleError

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# A feed's URL may also answer with a site's page (feed discovery reads its <link rel=alternate>).
FEED_TYPES = ARTICLE_TYPES | frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
# Content-Encodings we ask for and undo ourselves. No brotli: we never advertise it, and refuse it,
# because Python's brotli bindings cannot bound the output of one decompression call everywhere.
ACCEPT_ENCODING = "gzip, deflate"
SNIFF_BYTES = 1024
# Most output one decompression call may produce: a bomb inflates in steps this big, never at once.
_STEP = 64 * 1024

# Leading bytes of formats that are never articles: PDF, archives, images, audio, video, ELF.
_MAGIC = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"fLaC",
    b"\x1a\x45\xdf\xa3",
    b"wOF",
    b"\x7fELF",
)
_HTML_MARK = re.compile(rb"<(?:!doctype\s+html|html|head|body|title|meta)[\s>/]")


def check_declared(media_type: str | None, allowed: frozenset[str] = ARTICLE_TYPES) -> None:
    """Refuse a declared media type outside the allow-list (None: nothing declared, sniff later)."""
    if media_type is not None and media_type not in allowed:
        raise NotArticleError(f"content type {media_type!r}")


def is_binary_signature(head: bytes) -> bool:
    """True when the bytes start like a file format that is never an article (PDF, PNG, zip, ...)."""
    return head.startswith(_MAGIC) or head[4:8] == b"ftyp"


def sniff(head: bytes, declared: str | None) -> str:
    """The body's media type: the declared one unless the bytes are a binary format; else guess."""
    if read_bom(head)[0] is not None:  # UTF-16 text has NULs: look at it without them
        probe = head.replace(b"\x00", b"").lower()
    elif is_binary_signature(head):
        raise NotArticleError("binary file signature")
    elif b"\x00" in head:
        raise NotArticleError("binary data")
    else:
        probe = head.lower()
    if declared is not None:
        return declared
    return "text/html" if _HTML_MARK.search(probe) else "text/plain"


class ContentDecoder:
    """Undo one Content-Encoding in bounded steps; unknown or stacked encodings are refused."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding.strip().lower()
        if self.encoding not in {"", "identity", "gzip", "x-gzip", "deflate"}:
            raise FetchError(f"unsupported content-encoding {encoding!r}")
        self._zlib: zlib._Decompress | None = None
        if self.encoding in {"gzip", "x-gzip"}:
            self._zlib = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces of `data`, each at most 64 KiB, produced lazily so the caller can stop."""
        if not data:
            return
        if self.encoding in {"", "identity"}:
            yield data
            return
        if self._zlib is None:
            # "deflate" is meant to be zlib-wrapped, but many servers send raw deflate.
            raw = data[0] & 0x0F != 8
            self._zlib = zlib.decompressobj(wbits=-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
        pending = data
        while True:
            if self._zlib.eof:
                # A gzip body may hold several members one after another (RFC 1952 2.2): read them
                # all. After a deflate stream, or a gzip stream's padding, nothing more is read.
                pending = self._zlib.unused_data + pending
                if self.encoding == "deflate" or not pending.strip(b"\x00"):
                    return
                self._zlib = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            try:
                piece = self._zlib.decompress(pending, _STEP)
            except zlib.error as exc:
                raise FetchError(f"corrupt {self.encoding} body: {exc}") from exc
            if piece:
                yield piece
            if self._zlib.eof:
                pending = b""  # what follows the member is in unused_data (taken at the top)
                continue
            pending = self._zlib.unconsumed_tail
            if not pending and len(piece) < _STEP:
                return  # input used up and nothing left buffered (a full step may leave some)
