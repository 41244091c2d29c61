"""The update journal: redelivered updates are dropped."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from bot.storage import open_store


async def test_journal_queue_drops_redelivered_updates(tmp_path: Path) -> None:
    """An update Telegram delivers again is queued once; after a restart unfinished ones replay."""
    from telegram import Update

    from handlers.journal import JournalQueue

    settings = Settings(_env_file=None, database_path=tmp_path / "j.sqlite3")  # type: ignore[call-arg]
    store = await open_store(settings)  # SQLite, or PostgreSQL under --store postgres
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
