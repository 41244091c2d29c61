"""Charset decoding: BOM, strict UTF-8, declared charsets checked for mojibake, the detector."""

from __future__ import annotations

import codecs
import random

import pytest

from bot.errors import NotTextError
from bot.models import Page
from bot.pipeline.fetch.charset import decode, decode_body, looks_like_mojibake, normalize_codec

RUSSIAN = "Москва. Правительство объявило о новых мерах поддержки малого бизнеса в стране."
GREEK = "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα στήριξης για τις μικρές επιχειρήσεις."
FRENCH = "Le président a déclaré mercredi que la réforme serait adoptée avant l'été."
GERMAN = "Die Größe der Förderung für Übergänge wird erhöht, sagte der Minister: 5 €."


def page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>x</title></head><body><p>{text}</p></body></html>"


def test_utf8_wins_over_a_wrong_declared_charset() -> None:
    """Bytes that are valid UTF-8 are UTF-8, whatever the header says."""
    assert decode_body(page(RUSSIAN).encode(), "iso-8859-1", html=True) == (page(RUSSIAN), "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [(codecs.BOM_UTF8, "utf-8", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16")],
)
def test_bom_decides_and_is_dropped(bom: bytes, codec: str, name: str) -> None:
    """A byte-order mark picks the codec and does not end up in the text."""
    text, used = decode_body(bom + FRENCH.encode(codec), "cp1251", html=False)
    assert (text, used) == (FRENCH, name)


def test_declared_charset_used_when_strict_and_plausible() -> None:
    """A correct header charset (koi8-r) is taken as given."""
    assert decode_body(RUSSIAN.encode("koi8-r"), "koi8-r", html=False) == (RUSSIAN, "koi8-r")


def test_meta_charset_is_read_when_header_is_silent() -> None:
    """<meta http-equiv content-type> supplies the charset when the header has none."""
    head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    text, used = decode_body(page(RUSSIAN, head).encode("cp1251"), None, html=True)
    assert RUSSIAN in text
    assert used == "cp1251"


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", "us-ascii", None, "bogus"])
def test_cyrillic_cp1251_survives_wrong_latin_labels(declared: str | None) -> None:
    """cp1251 bytes labelled Latin (they decode, to mojibake), ASCII, nothing or junk: cp1251."""
    text, used = decode_body(page(RUSSIAN * 2).encode("cp1251"), declared, html=True)
    assert RUSSIAN in text
    assert used == "cp1251"


@pytest.mark.parametrize(("text", "codec"), [(FRENCH, "latin-1"), (GERMAN, "cp1252")])
def test_latin_pages_without_label_prefer_cp1252(text: str, codec: str) -> None:
    """Western European pages with no usable label decode as cp1252, not cp1250 or mac-roman."""
    decoded, used = decode_body(page(text * 3).encode(codec), "utf-8", html=True)
    assert text in decoded
    assert used == "cp1252"


def test_latin_label_is_trusted_for_latin_text() -> None:
    """iso-8859-1 on a real French page is used (as cp1252, the web's reading of that label)."""
    assert decode_body(FRENCH.encode("latin-1"), "ISO-8859-1", html=False) == (FRENCH, "cp1252")


def test_undecodable_bytes_still_give_text() -> None:
    """Random high bytes never raise; the result is text with a named codec."""
    text, used = decode_body(bytes(range(128, 256)) * 4, None, html=False)
    assert isinstance(text, str)
    assert codecs.lookup(used)


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (RUSSIAN, "cp1251", True),
        (GREEK, "cp1253", True),
        (FRENCH, "latin-1", False),
        (GERMAN, "cp1252", False),
    ],
)
def test_mojibake_detector(text: str, codec: str, expected: bool) -> None:
    """Non-Latin text read as cp1252 is mojibake; real Latin-script text is not."""
    as_cp1252 = text.encode(codec).decode("cp1252", errors="replace")
    assert looks_like_mojibake(as_cp1252) is expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("UTF-8", "utf-8"),
        ("windows-1251", "cp1251"),
        ("latin1", "cp1252"),
        ("US-ASCII", "cp1252"),
        ('"koi8-r"', "koi8-r"),
        ("utf-16", None),
        ("x-no-such-charset", None),
    ],
)
def test_normalize_codec(label: str, expected: str | None) -> None:
    """Labels map to Python codec names the way browsers read them; UTF-16 labels are ignored."""
    assert normalize_codec(label) == expected


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes(range(256)) * 3)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "body",
    [random.Random(7).randbytes(200_000), _png(), _png()[8:]],
    ids=["random-bytes", "png", "png-without-signature"],
)
def test_binary_bytes_are_not_text(body: bytes) -> None:
    """Random bytes and a PNG (with or without its signature) are refused, not decoded into a card."""
    with pytest.raises(NotTextError) as caught:
        decode(Page("", body, "text/plain"))
    assert "binary file" in caught.value.user_message


def test_text_with_a_few_control_characters_is_still_text() -> None:
    """A page with stray control characters (as real pages have) still decodes."""
    text = ("A sentence of an ordinary article. " * 30 + "\x0b\x1b") * 20
    assert decode(Page("", text.encode(), "text/plain")) == text
