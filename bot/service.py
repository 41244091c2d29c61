"""What the bot does with one thing to summarize, Telegram aside: the product's rules.

    Service.answer(request, source, chat) -> Card | Repeat | Skip | Failure

In order: skipped domains (auto mode), too-short text (known before any work), repeats in groups,
the per-user and per-chat budgets, the cache (keyed by the source and every option), then the
pipeline inside the job gate, then the auto-mode minimum length. `handlers/` turn the outcome into
Telegram messages and report back what they sent (`delivered`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass
from typing import Literal

from bot.chats import ChatSettings
from bot.config import Settings
from bot.errors import (
    BlockedUrlError,
    InputError,
    NoArticleError,
    NotArticleError,
    RateLimitedError,
    TooComplexError,
    TooLargeError,
)
from bot.limits import JobGate, Limits
from bot.models import FileSource, Options, Source, TextSource, UrlSource
from bot.pipeline.core import Pipeline
from bot.pipeline.text.words import word_count
from bot.storage import CachedCard, Store
from bot.urls import in_domains, normalize_url

log = logging.getLogger(__name__)
ChatKind = Literal["private", "group", "channel"]
# Pasted or forwarded text of fewer words is no article (DESIGN.md: 60 words).
MIN_TEXT_WORDS = 60


@dataclass(frozen=True, slots=True)
class Request:
    """Who asked, where, and whether they asked at all (`explicit` is False in auto mode)."""

    chat_id: int
    chat_kind: ChatKind
    user_id: int | None
    explicit: bool
    replayed: bool = False  # left unfinished by the last run: queued whatever the queue's length


@dataclass(frozen=True, slots=True)
class Card:
    """A card to send: its HTML, the article's length, and the key its repeats are found by."""

    html: str
    words: int
    key: str


@dataclass(frozen=True, slots=True)
class Repeat:
    """This chat got this article's card recently: point to that message instead."""

    message_id: int


@dataclass(frozen=True, slots=True)
class Skip:
    """Nothing to send (auto mode's skipped domains and minimum length)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Failure:
    """A short, polite reason to show (or not, in auto mode), and whether a Retry can help."""

    error: Exception
    show: bool
    retry: bool


Outcome = Card | Repeat | Skip | Failure
Progress = Callable[[], AbstractAsyncContextManager[None]]


def source_key(source: Source) -> str:
    """One key per article: the normalized URL, or a hash of the text or file."""
    if isinstance(source, UrlSource):
        return normalize_url(source.url)
    data = source.text.encode("utf-8", "replace") if isinstance(source, TextSource) else source.data
    return "sha1:" + hashlib.sha1(data, usedforsecurity=False).hexdigest()


def cache_key(source: Source, options: Options) -> str:
    """The card cache's key: the article and every option that shapes its card."""
    return "|".join([source_key(source), *(str(v) for v in dataclasses.astuple(options))])


class Service:
    """The policy around the pipeline, shared by every handler (and, later, every worker)."""

    def __init__(
        self, settings: Settings, store: Store, pipeline: Pipeline, limits: Limits, gate: JobGate
    ) -> None:
        self.settings = settings
        self.store = store
        self.pipeline = pipeline
        self.limits = limits
        self.gate = gate

    async def answer(
        self,
        request: Request,
        source: Source,
        chat: ChatSettings,
        progress: Progress = nullcontext,
    ) -> Outcome:
        """What to send for one source; `progress` wraps the pipeline's work (a typing sign)."""
        if (
            not request.explicit
            and isinstance(source, UrlSource)
            and in_domains(source.url, chat.skip_domains)
        ):
            return Skip("domain skipped in this chat")
        if (
            not request.explicit
            and isinstance(source, TextSource)
            and word_count(source.text) < chat.min_words
        ):
            return Skip(f"text shorter than {chat.min_words} words")
        key = source_key(source)
        if request.chat_kind == "group":
            window = self.settings.repeat_window_seconds
            earlier = await self.store.seen_url(request.chat_id, key, window)
            if earlier is not None:
                return Repeat(earlier)
        try:
            self.limits.check(request.user_id, request.chat_id)
            card = await self.card(source, chat.options(), progress, request)
        except Exception as exc:  # every failure becomes a short reply (or silence in auto mode)
            return self._failure(
                request, exc, retry=not isinstance(source, FileSource) and retry_helps(exc)
            )
        if not request.explicit and card.words < chat.min_words:
            return Skip(f"article shorter than {chat.min_words} words")
        return Card(card.html, card.words, key)

    async def card(
        self,
        source: Source,
        options: Options,
        progress: Progress = nullcontext,
        request: Request | None = None,
    ) -> CachedCard:
        """The card for `source`, from the cache when fresh; GistError subclasses on failure.
        The job waits its turn in the gate's queue for `request`'s chat."""
        key = cache_key(source, options)
        cached = await self.store.cached_card(key, self.settings.cache_ttl_seconds)
        if cached is not None:
            return cached
        chat = None if request is None else request.chat_id
        replayed = request is not None and request.replayed
        async with self.gate.slot(chat, replayed=replayed), progress():
            digest = await self.pipeline.run(source, options)
        card = CachedCard(html=digest.card, words=digest.words)
        try:
            await self.store.cache_card(key, card)
        except Exception as exc:  # a cache that cannot be written (full disk) costs no card
            log.warning("card not cached: %s: %s", type(exc).__name__, exc)
        return card

    async def delivered(
        self, request: Request, card: Card, message_id: int, post_id: int | None
    ) -> None:
        """Remember a sent card: for repeats in groups, and as the card of message `post_id` (its
        first article; in any chat) for edits of that message (handlers.edits)."""
        if request.chat_kind == "group":
            await self.store.remember_url(request.chat_id, card.key, message_id)
        if post_id is not None:
            await self.store.save_channel_card(request.chat_id, post_id, message_id, card.key)

    def _failure(self, request: Request, exc: Exception, *, retry: bool = False) -> Failure:
        if not request.explicit:
            return Failure(exc, show=False, retry=False)  # auto mode is quiet about unasked links
        if isinstance(
            exc, RateLimitedError
        ):  # one warning a minute: answering a flood amplifies it
            return Failure(exc, show=self.limits.should_warn(request.chat_id), retry=True)
        return Failure(exc, show=True, retry=retry)


# Failures that end the same way every time: an address we never fetch, a PDF or image, a page over
# the byte cap, input too short or empty, a page that is not an article (a list of links). A Retry button under them could never succeed. (An HTTP
# error keeps its button: a 404 or 503 page can come back.)
# A page too complex to parse (or one that ran past the job limit) will be so again on a retry.
_FINAL_ERRORS = (
    BlockedUrlError,
    NotArticleError,
    NoArticleError,
    TooLargeError,
    InputError,
    TooComplexError,
)


def retry_helps(exc: Exception) -> bool:
    """Whether trying the same source again could give a card (a Retry button is worth showing)."""
    return not isinstance(exc, _FINAL_ERRORS)


def offers_text(text: str) -> bool:
    """Whether pasted or forwarded text is long enough to be an article."""
    return word_count(text) >= MIN_TEXT_WORDS
