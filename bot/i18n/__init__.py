"""The reader's language: one gettext catalogue for every text the bot shows, in six languages.

    messages.py                      the English texts (msgids), marked with N_ / NP_
    locale/gistbot.pot               the template extracted from messages.py
    locale/<lang>/LC_MESSAGES/       gistbot.po (translations) and gistbot.mo (compiled, shipped)

`translator(language)` reads the compiled catalogue with the standard library's gettext, offline;
Babel is only the tool that extracts and compiles (`scripts/i18n.sh`). No Telegram here: the
renderer and the error classes use it as the handlers do.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

from bot.i18n.messages import Message, Plural
from bot.languages import CODES

DOMAIN = "gistbot"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SUPPORTED = CODES  # the bot speaks every language it reads (bot/languages.py)
SOURCE_LANGUAGE = "en"  # the msgids' language: it needs no catalogue

__all__ = [
    "SUPPORTED",
    "Message",
    "Plural",
    "Translator",
    "base_language",
    "reader_language",
    "translator",
]


class Translator:
    """The catalogue's texts in one language, with their placeholders filled in."""

    __slots__ = ("_catalog", "language")

    def __init__(self, language: str, catalog: gettext.NullTranslations) -> None:
        self.language = language
        self._catalog = catalog

    def gettext(self, message: Message, /, **params: object) -> str:
        """`message` in this language, its `{placeholders}` filled from `params`."""
        return self._catalog.gettext(message.msgid).format(**params)

    def ngettext(self, message: Plural, n: int, /, **params: object) -> str:
        """The plural form of `message` that fits the number `n`, filled from `params`."""
        return self._catalog.ngettext(message.singular, message.plural, n).format(**params)

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"


def base_language(code: str | None) -> str:
    """'pt-BR' -> 'pt', 'ru_RU' -> 'ru', 'DE' -> 'de'; '' for None or ''."""
    return (code or "").replace("_", "-").split("-", 1)[0].strip().lower()


def translator(language: str | None) -> Translator:
    """The translator for `language` (regional codes use their base; unknown or None: English)."""
    base = base_language(language)
    return _load(base if base in SUPPORTED else SOURCE_LANGUAGE)


@functools.cache
def _load(language: str) -> Translator:
    if language == SOURCE_LANGUAGE:
        return Translator(language, gettext.NullTranslations())
    # No fallback: a supported language without its compiled catalogue is a packaging bug.
    catalog = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language])
    return Translator(language, catalog)


def reader_language(chat_setting: str, user_language_code: str | None) -> str:
    """The language the bot speaks to a reader: the chat's setting when set and supported, else
    the user's Telegram language when supported, else English."""
    for code in (base_language(chat_setting), base_language(user_language_code)):
        if code in SUPPORTED:
            return code
    return SOURCE_LANGUAGE
