"""/settings: an inline keyboard per chat; only admins change a group's or channel's settings."""

from __future__ import annotations

import contextlib
import html

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest
from telegram.ext import ExtBot

from bot.chats import LANGUAGES, LENGTHS, MIN_WORDS_STEPS, ChatSettings
from bot.i18n import Translator
from bot.i18n import messages as msg
from bot.urls import host_of
from handlers.context import Context
from handlers.language import reader
from handlers.replies import edit_html, reply_text, request_for

_ADMIN_STATUSES = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


async def settings_command(update: Update, context: Context) -> None:
    """Show the settings keyboard; `/settings skip|unskip DOMAIN...` edits auto mode's skip list."""
    message = update.effective_message
    assert message is not None  # CommandHandler only passes messages
    store = context.service.store
    chat, args = message.chat, context.args or []
    request = request_for(update, message, explicit=True)
    current = await store.chat_settings(chat.id)
    labels = reader(update, current)
    if args and args[0] in {"skip", "unskip"}:
        user_id = update.effective_user.id if update.effective_user else None
        if not await may_change(context.bot, message, user_id):
            await reply_text(context, request, 0, labels.gettext(msg.ADMINS_ONLY))
            return
        domains = tuple(d for d in (_domain(a) for a in args[1:]) if d)
        if args[0] == "skip":
            current = current.with_domains(add=domains)
        else:
            current = current.with_domains(remove=domains)
        await store.save_chat_settings(chat.id, current)
    text, markup = describe(current, chat, labels), keyboard(current, chat, labels)
    await reply_text(context, request, 0, text, markup)


async def settings_button(update: Update, context: Context) -> None:
    """Apply one keyboard choice, if the person pressing it may change this chat."""
    query = update.callback_query
    assert query is not None  # the pattern matched a callback query
    assert query.data is not None
    message = query.message
    if not isinstance(message, Message):  # too old for Telegram to show us
        await _answer(query.answer())
        return
    chat, store = message.chat, context.service.store
    if not await may_change(context.bot, message, query.from_user.id, by_button=True):
        # The alert is for the person who pressed: in their own language.
        await _answer(query.answer(reader(update).gettext(msg.ADMINS_ONLY), show_alert=True))
        return
    try:
        _, key, value = query.data.split(":", 2)
        new = (await store.chat_settings(chat.id)).changed(key, value)
    except ValueError:  # stale or forged button data: nothing to change, and say so
        await _answer(query.answer(reader(update).gettext(msg.BUTTON_EXPIRED), show_alert=True))
        return
    await store.save_chat_settings(chat.id, new)
    labels = reader(update, new)
    await _answer(query.answer(labels.gettext(msg.SAVED)))
    text, markup = describe(new, chat, labels), keyboard(new, chat, labels)
    await edit_html(context.bot, chat, message.message_id, text, markup)


async def may_change(
    bot: ExtBot[None], message: Message, user_id: int | None, *, by_button: bool = False
) -> bool:
    """Private: yes. Groups, channels: the chat itself (anonymous admins, posts) or an admin."""
    chat = message.chat
    if chat.type == ChatType.PRIVATE:
        return True
    if not by_button and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True
    if user_id is None:
        return False
    member = await bot.get_chat_member(chat.id, user_id)
    return member.status in _ADMIN_STATUSES


def describe(s: ChatSettings, chat: Chat, labels: Translator) -> str:
    """The settings as a short HTML text."""
    length = labels.gettext(msg.LENGTH_NAMES[s.length])
    language = _language(s.language, labels)
    lines = [
        labels.gettext(msg.SETTINGS_TITLE),
        labels.gettext(
            msg.SETTINGS_SUMMARY, length=length, quotes=_state(s.quotes, labels), language=language
        ),
    ]
    if chat.type != ChatType.PRIVATE:
        none = labels.gettext(msg.NONE)
        skipped = ", ".join(html.escape(d) for d in s.skip_domains) or none
        auto, words = _state(s.auto, labels), s.min_words
        lines += [
            labels.ngettext(msg.SETTINGS_AUTO, words, auto=auto, words=words),
            labels.gettext(msg.SETTINGS_SKIPPED, domains=skipped),
            "",
            labels.gettext(msg.SETTINGS_ADMIN_HINT),
        ]
    return "\n".join(lines)


def keyboard(s: ChatSettings, chat: Chat, labels: Translator) -> InlineKeyboardMarkup:
    """One button row per setting; each button's data is `s:<key>:<value>` (well under 64 bytes)."""
    lengths = [
        _button(("• " if s.length == n else "") + labels.gettext(msg.LENGTH_NAMES[n]), f"s:len:{n}")
        for n in LENGTHS
    ]
    quotes = labels.gettext(msg.BUTTON_QUOTES, state=_state(s.quotes, labels))
    toggles = [_button(quotes, f"s:q:{int(not s.quotes)}")]
    current = labels.gettext(msg.BUTTON_LANGUAGE, language=_language(s.language, labels))
    language = [_button(current, f"s:lang:{_next(LANGUAGES, s.language)}")]
    if chat.type != ChatType.PRIVATE:
        auto = labels.gettext(msg.BUTTON_AUTO, state=_state(s.auto, labels))
        toggles.append(_button(auto, f"s:auto:{int(not s.auto)}"))
        minimum = _next(MIN_WORDS_STEPS, s.min_words)
        words = labels.ngettext(msg.BUTTON_MIN_LENGTH, s.min_words, words=s.min_words)
        language.append(_button(words, f"s:min:{minimum}"))
    return InlineKeyboardMarkup([lengths, toggles, language])


def _state(on: bool, labels: Translator) -> str:
    return labels.gettext(msg.ON if on else msg.OFF)


def _language(code: str, labels: Translator) -> str:
    """A language setting's name in the reader's language ("detect" when unset)."""
    if not code:
        return labels.gettext(msg.DETECT)
    name = msg.LANGUAGE_NAMES.get(code)
    return labels.gettext(name) if name else code


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def _next(choices: tuple[object, ...], current: object) -> object:
    index = choices.index(current) if current in choices else -1
    return choices[(index + 1) % len(choices)]


def _domain(arg: str) -> str:
    return host_of(arg if "//" in arg else "//" + arg).removeprefix("www.")


async def _answer(call: object) -> None:
    # An old callback can no longer be answered; the setting is saved regardless.
    with contextlib.suppress(BadRequest):
        await call  # type: ignore[misc]  # a coroutine from CallbackQuery.answer
