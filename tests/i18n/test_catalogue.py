"""The catalogue files: complete, faithful to their msgids, compiled, current, shipped."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import bot.i18n
from bot.i18n import LOCALE_DIR, SOURCE_LANGUAGE, SUPPORTED

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code in SUPPORTED if code != SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"\{\w+\}")
TAG = re.compile(r"</?[a-z]+(?: [^>]*)?>")
# Letters only one of the two Cyrillic languages has: a slip from one into the other shows.
ONLY_IN = {"ru": set("ыэъё"), "uk": set("іїєґ")}


def _po(language: str) -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "gistbot.po").open("rb") as f:
        return read_po(f, locale=language)


def _entries(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]


def _forms(message: Message) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs: each plural form is checked against the English plural."""
    if isinstance(message.id, tuple):
        singular, plural = message.id
        strings = list(message.string)
        return [(singular if i == 0 else plural, s) for i, s in enumerate(strings)]
    return [(message.id, message.string)]


def _key(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def _strings(message: Message) -> tuple[str, ...]:
    string = message.string
    return (string,) if isinstance(string, str) else tuple(string)


def _marked() -> set[str]:
    """The msgids marked in messages.py, extracted the way scripts/i18n.sh does it."""
    found = extract_from_file(
        "python", str(ROOT / "bot" / "i18n" / "messages.py"), keywords={"N_": None, "NP_": (1, 2)}
    )
    return {m[1] if isinstance(m[1], str) else m[1][0] for m in found}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language: str) -> None:
    """Every msgid of the template has a non-empty, non-fuzzy translation in every plural form."""
    catalog = _po(language)
    with (LOCALE_DIR / "gistbot.pot").open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    assert {m.id for m in _entries(catalog)} == template
    for message in _entries(catalog):
        assert not message.fuzzy, message.id
        forms = _forms(message)
        assert len(forms) == (catalog.num_plurals if message.pluralizable else 1), message.id
        assert all(text.strip() for _, text in forms), message.id


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_placeholders_and_tags(language: str) -> None:
    """Each translation has exactly its msgid's placeholders and HTML tags, in Telegram's subset."""
    for message in _entries(_po(language)):
        for msgid, text in _forms(message):
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(msgid)), text
            assert TAG.findall(text) == TAG.findall(msgid), text
            assert text.count("&") == msgid.count("&")
            assert text.count("<") == msgid.count("<")


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_are_not_left_in_english(language: str) -> None:
    """No translation is its English msgid copied over (the usual trace of a forgotten entry)."""
    copied = [m.id for m in _entries(_po(language)) if any(t == i for i, t in _forms(m))]
    assert copied == []


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_russian_and_ukrainian_are_not_mixed(language: str) -> None:
    """Russian texts carry no letter only Ukrainian has, and the other way round."""
    other = ONLY_IN["uk" if language == "ru" else "ru"]
    for message in _entries(_po(language)):
        for _, text in _forms(message):
            assert not other & set(text.lower()), text


def test_template_matches_the_marked_messages() -> None:
    """gistbot.pot holds exactly the messages marked in messages.py (re-run scripts/i18n.sh)."""
    with (LOCALE_DIR / "gistbot.pot").open("rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert template == _marked()
    assert len(template) > 40  # the whole bot's texts, not an empty extraction


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_its_po_file(language: str) -> None:
    """Each shipped .mo has the same entries as its .po (run scripts/i18n.sh after editing)."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / "gistbot.mo").open("rb") as f:
        compiled = {_key(m): _strings(m) for m in read_mo(f) if m.id}
    assert compiled == {_key(m): _strings(m) for m in _entries(_po(language))}


def test_package_data_ships_the_catalogues() -> None:
    """pyproject's package data covers every .mo file, so a plain wheel speaks every language."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["bot"]
    package = Path(bot.i18n.__file__).resolve().parents[1]
    shipped = [p.relative_to(package).as_posix() for p in LOCALE_DIR.rglob("*.mo")]
    assert sorted(Path(s).parts[2] for s in shipped) == sorted(TRANSLATED)
    assert all(any(fnmatch.fnmatch(s, pattern) for pattern in patterns) for s in shipped)
