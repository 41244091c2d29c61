"""What the bot remembers: chat settings, cached cards, each chat's links, the update journal.

`Store` (base.py) is the interface the bot uses. `SqliteStore` (one file, aiosqlite) is the
default for one process; `PostgresStore` (psycopg) is the shared store when several processes run.
`open_store(settings)` picks one: PostgreSQL when DATABASE_URL is set, SQLite at DATABASE_PATH
otherwise. Both bring their schema up to date when they open (migrations.py).
"""

from __future__ import annotations

from bot.config import Settings
from bot.storage.base import CachedCard, SchemaError, Store
from bot.storage.postgres import PostgresStore
from bot.storage.sqlite import SqliteStore

__all__ = ["CachedCard", "PostgresStore", "SchemaError", "SqliteStore", "Store", "open_store"]


async def open_store(settings: Settings) -> Store:
    """The store `settings` ask for, open and migrated."""
    if settings.database_url is not None:
        return await PostgresStore.open(settings.database_url.get_secret_value())
    return await SqliteStore.open(settings.database_path)
