"""open_store: DATABASE_URL picks PostgreSQL, DATABASE_PATH is SQLite otherwise."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.config import Settings
from bot.storage import PostgresStore, SqliteStore, open_store
from tests.storage.conftest import Engine


def _settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]  # pydantic-settings init arg


async def test_without_database_url_the_store_is_the_sqlite_file(tmp_path: Path) -> None:
    """With DATABASE_URL unset (or empty) the store is SQLite, in the DATABASE_PATH file."""
    path = tmp_path / "bot.sqlite3"
    store = await open_store(_settings(database_path=path, database_url=""))
    assert isinstance(store, SqliteStore)
    await store.journal_add(1, "p")
    await store.close()
    assert path.exists()


async def test_database_url_opens_postgresql(postgres_engine: Engine, tmp_path: Path) -> None:
    """A postgresql:// DATABASE_URL opens that database, migrated, and no SQLite file."""
    path = tmp_path / "unused.sqlite3"
    store = await open_store(_settings(database_path=path, database_url=postgres_engine.target))
    assert isinstance(store, PostgresStore)
    assert await store.journal_add(1, "p")
    await store.close()
    assert postgres_engine.query("SELECT payload FROM updates") == [("p",)]
    assert not path.exists()


@pytest.mark.parametrize("url", ["sqlite:///x.db", "localhost:5432/gistbot", "mysql://h/db"])
def test_database_url_must_be_a_postgresql_url(url: str) -> None:
    """A DATABASE_URL that is not postgresql:// or postgres:// is refused when settings load."""
    with pytest.raises(ValidationError, match="DATABASE_URL must start with postgresql://"):
        _settings(database_url=url)


def test_database_url_is_secret_in_the_settings_repr() -> None:
    """The URL (it may hold a password) does not show when settings are printed or logged."""
    settings = _settings(database_url="postgres://bot:hunter2@db/gistbot")
    assert "hunter2" not in repr(settings)
    assert settings.database_url is not None
    assert settings.database_url.get_secret_value().endswith("@db/gistbot")


async def test_new_sqlite_file_opens_while_another_opener_holds_its_lock(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """SQLite refuses the switch to WAL at once (no busy wait) while another connection writes to
    a new file, as when processes open it together: the open retries and succeeds once it's free."""
    path = tmp_path / "bot.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE other (a)")
    other.execute("BEGIN IMMEDIATE")
    caplog.set_level(logging.DEBUG, logger="bot.storage.sqlite")
    opening = asyncio.ensure_future(SqliteStore.open(path))
    for _ in range(1000):  # until the open has met the lock (or failed on it)
        if opening.done() or "locked by another opener" in caplog.text:
            break
        await asyncio.sleep(0.01)
    other.execute("ROLLBACK")
    other.close()
    store = await opening
    await store.journal_add(1, "p")
    await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
