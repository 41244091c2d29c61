"""/feed: a chat's RSS/Atom subscriptions; and the Bot API side of posting their cards.

    /feed add URL | list | remove N | pause [N] | resume [N] | filter N +word -word | filter N off
          | digest N on | digest N off

In groups only admins change feeds (the check /settings uses). A channel's feeds are changed by a
command posted in the channel, or sent in private naming the channel (`/feed add @channel URL`,
or its -100… id): the sender must be an administrator there and the bot able to post.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import re

from telegram import LinkPreviewOptions, Message, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.ext import ExtBot

from bot.errors import GistError
from bot.feeds.filters import parse_filter
from bot.feeds.poll import ChatGoneError, FeedPoller
from bot.i18n import Translator
from bot.i18n import messages as msg
from bot.storage.base import FeedState, Subscription
from handlers.context import Context
from handlers.language import reader_of
from handlers.replies import failure_text, plain_text, reply_text, request_for
from handlers.settings import may_change
from handlers.sources import command_url

log = logging.getLogger(__name__)
_ADMINS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
_CHAT_NAME = re.compile(r"@\w{4,32}|-100\d{5,15}")
_SUBCOMMANDS = ("add", "list", "remove", "pause", "resume", "filter", "digest")


async def feed_command(update: Update, context: Context) -> None:
    """Add, list, remove, pause, resume or filter this chat's (or a named channel's) feeds."""
    message = update.effective_message
    assert message is not None  # CommandHandler only passes messages and channel posts
    request = request_for(update, message, explicit=True)
    labels = await reader_of(context, update)
    args = context.args or []
    if not args or args[0].lower() not in _SUBCOMMANDS:
        await reply_text(context, request, 0, labels.gettext(msg.FEED_USAGE))
        return
    action, rest = args[0].lower(), args[1:]
    user_id = update.effective_user.id if update.effective_user else None
    target = await _target(context.bot, message, user_id, rest)
    if target is None:
        await reply_text(context, request, 0, labels.gettext(msg.FEED_NOT_ADMIN_THERE))
        return
    chat_id, rest = target
    if chat_id == message.chat.id and not await may_change(context.bot, message, user_id):
        await reply_text(context, request, 0, labels.gettext(msg.FEED_ADMINS_ONLY))
        return
    text = await _ACTIONS[action](context.feeds, chat_id, rest, labels)
    await reply_text(context, request, 0, text)


async def _target(
    bot: ExtBot[None], message: Message, user_id: int | None, args: list[str]
) -> tuple[int, list[str]] | None:
    """The chat whose feeds change, and the arguments left: a channel named in a private chat
    (None unless the user administers it and the bot can post there), else this chat."""
    if message.chat.type != ChatType.PRIVATE or not args or not _CHAT_NAME.fullmatch(args[0]):
        return message.chat.id, args
    if user_id is None:
        return None
    try:
        chat = await bot.get_chat(args[0])
        member = await bot.get_chat_member(chat.id, user_id)
        me = await bot.get_chat_member(chat.id, bot.id)
    except (BadRequest, Forbidden) as exc:  # no such chat, or the bot is not in it
        log.info("feed command for %s refused: %s", args[0], exc.message)
        return None
    can_post = me.status in _ADMINS and (
        chat.type != ChatType.CHANNEL or bool(getattr(me, "can_post_messages", False))
    )
    if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        can_post = me.status in (*_ADMINS, ChatMemberStatus.MEMBER)
    return (chat.id, args[1:]) if member.status in _ADMINS and can_post else None


async def _add(feeds: FeedPoller, chat_id: int, args: list[str], labels: Translator) -> str:
    url = command_url(args)
    if url is None:
        return labels.gettext(msg.FEED_USAGE)
    try:
        state, created = await feeds.subscribe(chat_id, url)
    except GistError as exc:
        return html.escape(failure_text(exc, labels))
    title = html.escape(_title(state))
    return labels.gettext(msg.FEED_ADDED if created else msg.FEED_ALREADY, title=title)


async def _list(feeds: FeedPoller, chat_id: int, args: list[str], labels: Translator) -> str:
    subs = await feeds.store.subscriptions(chat_id=chat_id)
    if not subs:
        return labels.gettext(msg.FEED_LIST_EMPTY)
    lines = [labels.gettext(msg.FEED_LIST_TITLE)]
    for number, sub in enumerate(subs, 1):
        state = await feeds.store.feed(sub.feed_id)
        if state is None:
            continue
        link = f'<a href="{html.escape(state.url, quote=True)}">{html.escape(_title(state))}</a>'
        notes = []
        if sub.paused:
            notes.append(labels.gettext(msg.FEED_STATE_PAUSED))
        if sub.mode == "digest":
            notes.append(labels.gettext(msg.FEED_STATE_DIGEST))
        if state.disabled:
            notes.append(labels.gettext(msg.FEED_STATE_DISABLED))
        if sub.include or sub.exclude:
            notes.append(labels.gettext(msg.FEED_FILTER_SHOWN, words=_words(sub)))
        lines.append(f"{number}. {link}" + (f" · {' · '.join(notes)}" if notes else ""))
    return "\n".join(lines)


async def _remove(feeds: FeedPoller, chat_id: int, args: list[str], labels: Translator) -> str:
    found = await _numbered(feeds, chat_id, args)
    if isinstance(found, str):
        return labels.gettext(msg.FEED_NO_SUCH, number=html.escape(found))
    sub, state = found
    await feeds.store.unsubscribe(chat_id, sub.feed_id)
    return labels.gettext(msg.FEED_REMOVED, title=html.escape(_title(state)))


async def _pause(feeds: FeedPoller, chat_id: int, args: list[str], labels: Translator) -> str:
    return await _set_paused(feeds, chat_id, args, labels, paused=True)


async def _resume(feeds: FeedPoller, chat_id: int, args: list[str], labels: Translator) -> str:
    return await _set_paused(feeds, chat_id, args, labels, paused=False)


async def _set_paused(
    feeds: FeedPoller, chat_id: int, args: list[str], labels: Translator, *, paused: bool
) -> str:
    """Pause or resume one subscription (by number) or, without one, all of the chat's.
    Items a paused feed publishes are not queued: resuming does not flood the chat."""
    if args:
        found = await _numbered(feeds, chat_id, args)
        if isinstance(found, str):
            return labels.gettext(msg.FEED_NO_SUCH, number=html.escape(found))
        chosen = [found[0]]
    else:
        chosen = await feeds.store.subscriptions(chat_id=chat_id)
        if not chosen:
            return labels.gettext(msg.FEED_LIST_EMPTY)
    for sub in chosen:
        await feeds.store.save_subscription(dataclasses.replace(sub, paused=paused))
    return labels.gettext(msg.FEED_PAUSED if paused else msg.FEED_RESUMED)


async def _filter(feeds: FeedPoller, chat_id: int, args: list[str], labels: Translator) -> str:
    found = await _numbered(feeds, chat_id, args[:1])
    if isinstance(found, str):
        return labels.gettext(msg.FEED_NO_SUCH, number=html.escape(found))
    sub, state = found
    title = html.escape(_title(state))
    if [a.lower() for a in args[1:]] == ["off"]:
        await feeds.store.save_subscription(dataclasses.replace(sub, include=(), exclude=()))
        return labels.gettext(msg.FEED_FILTER_CLEARED, title=title)
    try:
        include, exclude = parse_filter(args[1:])
    except ValueError:
        return labels.gettext(msg.FEED_FILTER_BAD)
    changed = dataclasses.replace(sub, include=include, exclude=exclude)
    await feeds.store.save_subscription(changed)
    return labels.gettext(msg.FEED_FILTER_SAVED, title=title, words=html.escape(_words(changed)))


async def _digest(feeds: FeedPoller, chat_id: int, args: list[str], labels: Translator) -> str:
    """Switch one subscription between a card per item and one digest per period."""
    found = await _numbered(feeds, chat_id, args[:1])
    if isinstance(found, str):
        return labels.gettext(msg.FEED_NO_SUCH, number=html.escape(found))
    switch = [a.lower() for a in args[1:]]
    if switch not in (["on"], ["off"]):
        return labels.gettext(msg.FEED_DIGEST_BAD)
    sub, state = found
    on = switch == ["on"]
    await feeds.store.save_subscription(dataclasses.replace(sub, mode="digest" if on else "card"))
    title = html.escape(_title(state))
    if not on:
        return labels.gettext(msg.FEED_DIGEST_OFF, title=title)
    hours = f"{feeds.digest_seconds / 3600:g}"
    return labels.gettext(msg.FEED_DIGEST_ON, title=title, hours=hours)


async def _numbered(
    feeds: FeedPoller, chat_id: int, args: list[str]
) -> tuple[Subscription, FeedState] | str:
    """The subscription numbered args[0] in /feed list, or the text that named none."""
    given = args[0] if args else "?"
    subs = await feeds.store.subscriptions(chat_id=chat_id)
    if not given.isdigit() or not 1 <= int(given) <= len(subs):
        return given[:20]
    sub = subs[int(given) - 1]
    state = await feeds.store.feed(sub.feed_id)
    return (sub, state) if state is not None else given


def _title(state: FeedState) -> str:
    return state.title or state.url


def _words(sub: Subscription) -> str:
    return " ".join([*(f"+{w}" for w in sub.include), *(f"-{w}" for w in sub.exclude)])


_ACTIONS = {
    "add": _add,
    "list": _list,
    "remove": _remove,
    "pause": _pause,
    "resume": _resume,
    "filter": _filter,
    "digest": _digest,
}


class BotSender:
    """Posts feed cards over the Bot API: silent in channels, link previews off outside private
    chats, plain text if Telegram refuses the HTML. Sends go through the application's
    AIORateLimiter (20 a minute per group or channel, 30 a second overall; 429s waited out)."""

    def __init__(self, bot: ExtBot[None]) -> None:
        self.bot = bot
        self._types: dict[int, str] = {}  # chat id -> its type, asked once per process

    async def send(self, chat_id: int, text: str) -> int:
        try:
            kind = await self._type(chat_id)
            preview = LinkPreviewOptions(is_disabled=kind != ChatType.PRIVATE)
            silent = kind == ChatType.CHANNEL
            try:
                message = await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=preview,
                    disable_notification=silent,
                )
            except BadRequest as exc:
                if "parse entities" not in exc.message.lower():
                    raise
                message = await self.bot.send_message(
                    chat_id,
                    plain_text(text),
                    link_preview_options=preview,
                    disable_notification=silent,
                )
        except Forbidden as exc:  # removed from the channel, blocked in private
            raise ChatGoneError(exc.message) from exc
        except BadRequest as exc:
            reason = exc.message.lower()
            if "chat not found" in reason or "not enough rights" in reason:
                raise ChatGoneError(exc.message) from exc
            raise
        return message.message_id

    async def _type(self, chat_id: int) -> str:
        if chat_id > 0:
            return ChatType.PRIVATE
        if chat_id not in self._types:
            chat = await self.bot.get_chat(chat_id)
            self._types[chat_id] = chat.type
        return self._types[chat_id]
