"""The bot's own texts reach each reader in their language: real updates through the application,
the Bot API faked at its seam (a BaseRequest that records every call)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app import App
from bot.chats import ChatSettings
from bot.i18n import messages as msg
from bot.i18n import translator
from tests.fakes.recording import RecordingRequest, recording_app

TOKEN = "123456:TEST-token-for-i18n"
CHAT = 42


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[tuple[App, RecordingRequest]]:
    """The application as build_application makes it, opened (post_init), on a recording request."""
    async with recording_app(tmp_path) as opened:
        yield opened


def _private(app: App, text: str, language_code: str | None, update_id: int = 1) -> Update:
    user: dict[str, Any] = {"id": CHAT, "is_bot": False, "first_name": "R"}
    if language_code is not None:
        user["language_code"] = language_code
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 0,
        "chat": {"id": CHAT, "type": "private", "first_name": "R"},
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return Update.de_json({"update_id": update_id, "message": message}, app.bot)


async def _reply(app: App, request: RecordingRequest, update: Update) -> dict[str, Any]:
    await app.process_update(update)
    [sent] = request.sent()
    return sent


async def test_help_in_russian_for_a_russian_user(app: tuple[App, RecordingRequest]) -> None:
    """/help from a user whose Telegram speaks Russian is answered in Russian."""
    application, request = app
    sent = await _reply(application, request, _private(application, "/help", "ru"))
    ru = translator("ru")
    parts = (msg.HELP, msg.HELP_FEEDS, msg.HELP_PRIVACY)
    assert sent["text"] == "\n\n".join(ru.gettext(m) for m in parts)
    assert sent["text"].startswith("<b>Что я умею</b>")
    assert "privacy mode" not in sent["text"]


async def test_start_in_english_for_a_language_we_do_not_speak(
    app: tuple[App, RecordingRequest],
) -> None:
    """/start from a Brazilian Portuguese user is answered in English."""
    application, request = app
    sent = await _reply(application, request, _private(application, "/start", "pt-br"))
    assert sent["text"] == msg.START.msgid


async def test_chat_setting_wins_over_the_user_language(app: tuple[App, RecordingRequest]) -> None:
    """A chat set to German gets /start in German even from a Russian-speaking user."""
    application, request = app
    assert application.bot_data.service is not None
    store = application.bot_data.service.store
    await store.save_chat_settings(CHAT, ChatSettings(language="de"))
    sent = await _reply(application, request, _private(application, "/start", "ru"))
    assert sent["text"].startswith("Hallo!")


async def test_short_text_hint_in_spanish(app: tuple[App, RecordingRequest]) -> None:
    """A too-short private message gets the hint in Spanish, with the minimum word count."""
    application, request = app
    sent = await _reply(application, request, _private(application, "hola", "es"))
    assert "(al menos 60 palabras)" in sent["text"]


async def test_settings_menu_in_ukrainian(app: tuple[App, RecordingRequest]) -> None:
    """/settings shows its text and every button in Ukrainian."""
    application, request = app
    sent = await _reply(application, request, _private(application, "/settings", "uk"))
    assert sent["text"].startswith("<b>Налаштування цього чату</b>")
    assert "Довжина переказу: середня · цитати: увімк. · мова: авто" in sent["text"]
    buttons = [b["text"] for row in sent["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["коротка", "• середня", "довга", "Цитати: увімк.", "Мова: авто"]


async def test_command_menus_are_published_per_language(
    app: tuple[App, RecordingRequest],
) -> None:
    """Start-up publishes the English menu for everyone and a translated one per language."""
    _, request = app
    menus = {
        params.get("language_code"): {c["command"]: c["description"] for c in params["commands"]}
        for name, params in request.calls
        if name == "setMyCommands"
    }
    assert set(menus) == {None, "ru", "uk", "de", "fr", "es"}
    assert menus[None]["help"] == "Where it works and how"
    assert menus["ru"]["help"] == "Где и как он работает"
    assert menus["de"]["settings"] == "Länge der Zusammenfassung, Zitate, Automodus, Sprache"
