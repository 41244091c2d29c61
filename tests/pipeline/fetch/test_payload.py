"""Media-type checks, sniffing and bounded decompression, without the network."""

from __future__ import annotations

import zlib

import pytest

from bot.errors import FetchError, NotArticleError
from bot.pipeline.fetch.payload import ContentDecoder, check_declared, sniff


@pytest.mark.parametrize("media_type", ["text/html", "application/xhtml+xml", "text/plain", None])
def test_article_types_pass(media_type: str | None) -> None:
    """HTML, XHTML, plain text and 'nothing declared' are allowed through."""
    check_declared(media_type)


@pytest.mark.parametrize("media_type", ["application/pdf", "image/png", "text/css", "text/xml"])
def test_other_types_are_not_articles(media_type: str) -> None:
    """Everything outside the allow-list is NotArticleError."""
    with pytest.raises(NotArticleError):
        check_declared(media_type)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<!DOCTYPE html><html>", "text/html"),
        (b"\n\n  <HTML lang=en>", "text/html"),
        (b"\xef\xbb\xbf<html><body>", "text/html"),
        (b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", "text/html"),
        (b"Plain words, a < b and x > y.", "text/plain"),
    ],
)
def test_sniff_guesses_html_or_text(head: bytes, expected: str) -> None:
    """Without a declared type: markup means HTML, other text means plain text (BOMs allowed)."""
    assert sniff(head, None) == expected


def test_sniff_keeps_a_declared_text_type() -> None:
    """A declared allowed type stands when the bytes are text."""
    assert sniff(b"<html>", "text/plain") == "text/plain"


def _deflate(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(("encoding", "wbits"), [("gzip", 31), ("deflate", 15), ("deflate", -15)])
def test_bomb_inflates_in_bounded_steps(encoding: str, wbits: int) -> None:
    """20 MB packed in one chunk comes out in pieces of at most 64 KiB, lazily."""
    bomb = _deflate(b"\0" * 20_000_000, wbits)
    pieces = ContentDecoder(encoding).feed(bomb)
    first = [next(pieces) for _ in range(3)]
    assert all(0 < len(piece) <= 64 * 1024 for piece in first)
    assert sum(len(p) for p in pieces) + sum(len(p) for p in first) == 20_000_000


def test_split_stream_decodes_across_chunks() -> None:
    """A gzip body cut into tiny network chunks decodes to the original."""
    data = b"<p>hello</p>" * 5000
    packed = _deflate(data, 31)
    decoder = ContentDecoder("gzip")
    out = b"".join(p for i in range(0, len(packed), 7) for p in decoder.feed(packed[i : i + 7]))
    assert out == data


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, gzip", "gzip, br"])
def test_unknown_or_stacked_encodings_are_refused(encoding: str) -> None:
    """Encodings we did not ask for are refused before any byte is decoded."""
    with pytest.raises(FetchError, match="content-encoding"):
        ContentDecoder(encoding)


def test_corrupt_gzip_is_a_fetch_error() -> None:
    """Garbage labelled gzip is a FetchError, not a zlib.error escaping."""
    with pytest.raises(FetchError, match="corrupt"):
        list(ContentDecoder("gzip").feed(b"\x1f\x8b\x08\x00garbage-garbage-garbage"))


def _gzip_members(*parts: bytes) -> bytes:
    import gzip

    return b"".join(gzip.compress(part) for part in parts)


def test_multi_member_gzip_is_read_whole() -> None:
    """A gzip body of several members (RFC 1952) decodes to all of them, not the first only."""
    body = _gzip_members(b"<p>first member</p>", b"<p>second member</p>", b"<p>third</p>")
    decoded = b"".join(ContentDecoder("gzip").feed(body))
    assert decoded == b"<p>first member</p><p>second member</p><p>third</p>"


def test_multi_member_gzip_split_across_chunks() -> None:
    """Members that start in a later network chunk are read too, however the body is split."""
    body = _gzip_members(b"a" * 100_000, b"b" * 100_000)
    for cut in (1, len(body) // 2, len(body) - 1):
        decoder = ContentDecoder("gzip")
        decoded = b"".join([*decoder.feed(body[:cut]), *decoder.feed(body[cut:])])
        assert decoded == b"a" * 100_000 + b"b" * 100_000
