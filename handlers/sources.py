"""Message -> what to summarize: links (visible or hidden), captions, forwards, long pasted text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from telegram import Message, MessageEntity, MessageOriginChannel

from bot.models import Source, TextSource, UrlSource
from bot.service import offers_text
from bot.urls import host_of

_TELEGRAM_HOSTS = ("t.me", "telegram.me", "telegram.dog")  # links to chats and posts, not articles
_URL_KINDS: list[str | None] = [MessageEntity.URL, MessageEntity.TEXT_LINK]
_HTTP = re.compile(r"(?i)https?://")


def links(message: Message) -> list[str]:
    """Article links in the text or caption, hidden text links included, in order, once each."""
    found: list[str] = []
    for entities in (
        _entity_texts(message.text, message.entities),
        _entity_texts(message.caption, message.caption_entities),
    ):
        for entity, text in entities:
            url = ((entity.url if entity.type == MessageEntity.TEXT_LINK else text) or "").strip()
            if url and re.match(r"(?i)[a-z][a-z0-9+.-]*:(?!\d)", url) and not _HTTP.match(url):
                continue  # javascript:, mailto:, tg:, ... (host:port is not a scheme)
            if url and not _HTTP.match(url):
                url = "http://" + url
            if url and _is_article_link(url) and url not in found:
                found.append(url)
    return found


def _entity_texts(
    text: str | None, entities: Sequence[MessageEntity], kinds: Sequence[str | None] = _URL_KINDS
) -> list[tuple[MessageEntity, str]]:
    """Entities of `kinds` with their text. Offsets count UTF-16 units; unlike PTB's parse_entities,
    an entity that splits a surrogate pair or runs past the text gives what it covers, never an error."""
    raw = (text or "").encode("utf-16-le")
    return [
        (e, raw[e.offset * 2 : (e.offset + e.length) * 2].decode("utf-16-le", errors="ignore"))
        for e in entities
        if e.type in kinds
    ]


def body(message: Message) -> str:
    """The message's text or caption ('' when it has neither)."""
    return message.text or message.caption or ""


def origin_link(message: Message) -> str | None:
    """For a post forwarded from a public channel: its https://t.me/<channel>/<id> address."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginChannel) and origin.chat.username:
        return f"https://t.me/{origin.chat.username}/{origin.message_id}"
    return None


def forward_sources(message: Message) -> list[Source]:
    """A forwarded post: its text, unless it is short and carries a link; then that link."""
    text, found = body(message), links(message)
    if offers_text(text):
        return [TextSource(text, origin_link(message))]
    return [UrlSource(url) for url in found]


def message_sources(message: Message) -> list[Source]:
    """What one message offers: a forward as a whole, else its links, else long text."""
    if message.forward_origin is not None:
        return forward_sources(message)
    found = links(message)
    if found:
        return [UrlSource(url) for url in found]
    text = body(message)
    return [TextSource(text)] if offers_text(text) else []


def auto_sources(message: Message) -> list[Source]:
    """What auto mode takes unasked: article links and long forwards (not members' own text)."""
    if message.forward_origin is not None:
        return forward_sources(message)
    return [UrlSource(url) for url in links(message)]


def mentions(message: Message, username: str, bot_id: int) -> bool:
    """True when the message names the bot (@username or a mention of its account)."""
    kinds: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    for entities in (
        _entity_texts(message.text, message.entities, kinds),
        _entity_texts(message.caption, message.caption_entities, kinds),
    ):
        for entity, text in entities:
            if entity.type == MessageEntity.MENTION and text.lower() == f"@{username.lower()}":
                return True
            if entity.user is not None and entity.user.id == bot_id:
                return True
    return False


def command_url(args: list[str]) -> str | None:
    """The first argument of a command when it looks like a link."""
    for arg in args:
        if re.match(r"(?i)(https?://)?[\w-]+(\.[\w-]+)+(:\d{1,5})?(/\S*)?$", arg):
            return arg if re.match(r"(?i)https?://", arg) else "http://" + arg
    return None


def _is_article_link(url: str) -> bool:
    """A well-formed http(s) link to somewhere other than Telegram; malformed ones (`http://[::1`,
    port 99999) are skipped alone, so the message's other links still get their cards."""
    try:
        host = host_of(url) if urlsplit(url).port != -1 else ""  # .port raises when out of range
    except ValueError:
        return False
    return bool(host) and not any(host == h or host.endswith("." + h) for h in _TELEGRAM_HOSTS)
