"""translator() and reader_language(): which language, which plural form, which fallback."""

from __future__ import annotations

import pytest

from bot.chats import LANGUAGES
from bot.i18n import SUPPORTED, base_language, reader_language, translator
from bot.i18n import messages as msg


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ru", "ru"), ("ru-RU", "ru"), ("uk_UA", "uk"), ("DE", "de"), ("pt-BR", "en"), ("", "en")],
)
def test_translator_takes_the_base_language_or_english(code: str, expected: str) -> None:
    """Regional codes use their base language; languages we don't speak get English."""
    assert translator(code).language == expected


def test_no_language_is_english() -> None:
    """A user without a language_code is spoken to in English."""
    labels = translator(None)
    assert labels.language == "en"
    assert labels.gettext(msg.SAVED) == "Saved"


def test_translators_are_cached_per_language() -> None:
    """The catalogue is read once per language, whatever code asked for it."""
    assert translator("ru-RU") is translator("ru")


def test_base_language() -> None:
    """Region, script and case are dropped; nothing stays nothing."""
    assert [base_language(c) for c in ("pt-BR", "sr_Latn", "FR", None)] == ["pt", "sr", "fr", ""]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 слово"), (3, "3 слова"), (5, "5 слов"), (11, "11 слов"), (21, "21 слово")],
)
def test_russian_plural_forms(n: int, expected: str) -> None:
    """Russian picks among its three plural forms by the number."""
    text = translator("ru").ngettext(msg.BUTTON_MIN_LENGTH, n, words=n)
    assert text == f"Мин. длина: {expected}"


def test_english_plural_and_placeholders() -> None:
    """English has singular and plural; the placeholders are filled in."""
    labels = translator("en")
    assert labels.ngettext(msg.MIN_READ, 1, minutes=1) == "1 min read"
    assert labels.ngettext(msg.BUTTON_MIN_LENGTH, 1, words=1) == "Min length: 1 word"
    assert labels.ngettext(msg.BUTTON_MIN_LENGTH, 150, words=150) == "Min length: 150 words"


def test_german_translation_is_used() -> None:
    """A supported language's texts come from its compiled catalogue."""
    assert translator("de").ngettext(msg.MIN_READ, 4, minutes=4) == "4 Minuten Lesezeit"


def test_missing_placeholder_value_fails_loudly() -> None:
    """A caller that forgets a placeholder gets an error, not a text with braces in it."""
    with pytest.raises(KeyError):
        translator("fr").gettext(msg.ERROR_HTTP_STATUS)


def test_chat_languages_are_the_catalogue_languages() -> None:
    """Every language a chat can choose in /settings has a catalogue, and the other way round."""
    assert tuple(code for code in LANGUAGES if code) == SUPPORTED
    assert set(msg.LANGUAGE_NAMES) == set(SUPPORTED)


@pytest.mark.parametrize(
    ("chat", "user", "expected"),
    [
        ("de", "ru", "de"),  # the chat's setting wins
        ("", "ru", "ru"),  # else the user's Telegram language
        ("", "uk-UA", "uk"),  # regional codes count as their base
        ("", "pt-BR", "en"),  # a language we don't speak
        ("", None, "en"),  # no user (channel posts) and no setting
        ("xx", "fr", "fr"),  # a setting we don't know does not hide the user's language
    ],
)
def test_reader_language(chat: str, user: str | None, expected: str) -> None:
    """The chat's setting when set, else the user's supported language, else English."""
    assert reader_language(chat, user) == expected
