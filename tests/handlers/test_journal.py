"""The update journal: redelivered updates are dropped."""

from __future__ import annotations

from pathlib import Path

from bot.storage import SqliteStore


async def test_journal_queue_drops_redelivered_updates(tmp_path: Path) -> None:
    """An update Telegram delivers again is queued once; after a restart unfinished ones replay."""
    from telegram import Update

    from handlers.journal import JournalQueue

    store = await SqliteStore.open(tmp_path / "j.sqlite3")
    queue = JournalQueue()
    queue.attach(store)
    update = Update(update_id=77)
    await queue.put(update)
    await queue.put(update)
    assert queue.qsize() == 1
    restarted = JournalQueue()
    restarted.attach(store)
    assert await restarted.replay(bot=None) == 1  # type: ignore[arg-type]  # de_json accepts None
    await store.journal_done(77)
    assert await JournalQueue.replay(restarted, bot=None) == 0  # type: ignore[arg-type]
    await store.close()
