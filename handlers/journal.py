"""Exactly-once updates: journal each update before Telegram learns we have it; skip finished ones.

PTB's Updater puts every update of a getUpdates batch into `update_queue` and only then asks for
the next batch with a higher offset, which is what tells Telegram the batch arrived. The webhook
server puts the update into the queue before it answers 200. So a queue whose `put` first commits
the update to the journal means: whatever Telegram considers delivered is on disk, and anything
not yet on disk will be delivered again. After a crash, `replay` feeds the unfinished entries
back in; the per-part reply records (handlers.replies) keep sent replies from going out twice.
"""

from __future__ import annotations

import asyncio
import json
import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ExtBot

from bot.storage import Store
from handlers.context import Context

log = logging.getLogger(__name__)


class JournalQueue(asyncio.Queue[object]):
    """The Application's update queue; `put` journals an update first and drops ones seen before."""

    def __init__(self) -> None:
        super().__init__()
        self._store: Store | None = None

    def attach(self, store: Store | None) -> None:
        self._store = store

    async def put(self, item: object) -> None:
        if isinstance(item, Update) and not await self._journal(item):
            log.info("update %d was delivered before; not queued again", item.update_id)
            return
        await super().put(item)

    async def _journal(self, update: Update) -> bool:
        """Commit `update` to the journal; False when it was already there."""
        if self._store is None:  # before post_init: nothing to journal into yet
            return True
        return await self._store.journal_add(update.update_id, update.to_json())

    async def replay(self, bot: ExtBot[None]) -> int:
        """Queue the journal's unfinished updates again (after a crash); returns how many."""
        assert self._store is not None, "attach a store first"
        pending = await self._store.journal_pending()
        for payload in pending:
            update = Update.de_json(json.loads(payload), bot)
            await super().put(update)
        if pending:
            log.warning("replaying %d updates left unfinished by the last run", len(pending))
        return len(pending)


async def skip_finished(update: Update, context: Context) -> None:
    """Stop here when this update was already handled to the end."""
    if await context.service.store.is_done(update.update_id):
        raise ApplicationHandlerStop


async def mark_finished(update: Update, context: Context) -> None:
    """Note that this update's handling ended (after a failure too: no poison-update loops)."""
    await context.service.store.journal_done(update.update_id)
