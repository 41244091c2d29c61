"""A long paste that Telegram split into pieces becomes one article, one card.

Telegram clients send a message over 4,096 characters as several consecutive messages. In a private
chat, a plain text message of at least `PIECE_MIN_CHARS` (no link, no forward) opens a paste; each
next message of the same sender in the same chat, with the next message id and within
`paste_window_seconds` of the previous piece, joins it. When no piece came for a window and none is
on its way, the joined text is summarized once, as a reply to the first piece.

Updates are handled concurrently, and what a handler awaits before it gets here (the journal, the
chat's settings) can finish in any order on a store with a connection pool. So a message first
waits for the long message just before it when that one is still on its way from the queue
(handlers.journal.Underway): the pieces reach the collector in Telegram's order, and a short last
piece is not answered alone before the pieces it ends. A paste also stays open while its next
message is on its way, however long its handler takes to get here. (A piece can still join at
either end — the next id after the last piece, or a long piece just before the first — and the
paste's first piece, the one the card replies to and is recorded under, is its lowest id.)

Restart-safe through the journal: every piece's update stays unfinished (its handler waits) until
the card is out, so after a crash the journal replays all the pieces, they re-form the paste, and
the card (recorded under the first piece's update) is sent once. Needs `concurrent_updates` > 1
(the default is 256): the first piece's handler waits while the others run.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from dataclasses import dataclass, field
from typing import Any

from telegram import Message, Update

from bot.models import TextSource
from handlers import sources
from handlers.context import Context
from handlers.journal import journal_of
from handlers.replies import answer, request_for

# Telegram splits at 4,096 UTF-16 units, at the last space or line break before the limit, so
# every piece but the last is close to it; a message this long may be the first of several.
# (3,000 leaves room for a split at a paragraph break; shorter messages are answered at once.)
PIECE_MIN_CHARS = 3000


@dataclass
class _Paste:
    update: Update  # the first piece's (lowest message id)
    first: Message
    texts: dict[int, str]  # message id -> piece
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    closed: bool = False

    def takes(self, message: Message, text: str) -> bool:
        """Whether `message` continues this paste at its end, or precedes it as a long piece."""
        if self.closed:
            return False
        if message.message_id == max(self.texts) + 1:
            return True
        return message.message_id == min(self.texts) - 1 and len(text) >= PIECE_MIN_CHARS

    def add(self, update: Update, message: Message, text: str) -> None:
        if message.message_id < min(self.texts):
            self.update, self.first = update, message
        self.texts[message.message_id] = text
        self.arrived.set()

    def text(self) -> str:
        return join([self.texts[i] for i in sorted(self.texts)])


_OPEN: weakref.WeakKeyDictionary[Any, dict[tuple[int, int], _Paste]] = weakref.WeakKeyDictionary()


async def collect(update: Update, context: Context, message: Message) -> bool:
    """Take `message` as a piece of a paste (True: handled here, the card is out or failed), or
    leave it to the ordinary path (False)."""
    underway = journal_of(context).underway
    user, text = message.from_user, message.text
    if user is None or not text or message.forward_origin is not None:
        underway.reached(update)  # no piece: a paste before it need not wait for its answer
        return False
    window = context.service.settings.paste_window_seconds
    before = underway.coming(message, -1, PIECE_MIN_CHARS)
    if before is not None:  # the piece before this one is still on its way: collect it first
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(before.wait(), timeout=window)
    underway.reached(update)  # from here to joining or opening a paste, nothing is awaited
    pastes = _OPEN.setdefault(context.application, {})
    key = (message.chat.id, user.id)
    paste = pastes.get(key)
    if paste is not None and paste.takes(message, text):
        paste.add(update, message, text)
        await paste.finished.wait()  # this update stays unfinished until the card is out
        return True
    if len(text) < PIECE_MIN_CHARS or sources.links(message):
        return False
    paste = pastes[key] = _Paste(update, message, {message.message_id: text})
    try:
        while True:
            paste.arrived.clear()
            try:
                await asyncio.wait_for(paste.arrived.wait(), timeout=window)
            except TimeoutError:
                if underway.coming(paste.first, max(paste.texts) - paste.first.message_id + 1):
                    continue  # the next piece left the queue and its handler is on the way
                break
        paste.closed = True
        if pastes.get(key) is paste:
            del pastes[key]
        request = request_for(paste.update, paste.first, explicit=True)
        await answer(context, request, [TextSource(paste.text())])
    finally:
        paste.finished.set()
    return True


def join(pieces: list[str]) -> str:
    """The pasted page again: a piece that ends mid-sentence continues on the same line."""
    text = pieces[0]
    for piece in pieces[1:]:
        text += ("\n" if text.rstrip()[-1:] in ".!?…:\"'»”)" else " ") + piece
    return text
