"""Schema versions: the pre-versioning SQLite file, step-by-step upgrades, refusals, rollbacks."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from dataclasses import asdict

import psycopg
import pytest

from bot.chats import ChatSettings
from bot.models import TextSource, UrlSource
from bot.storage import CachedCard, SchemaError, SqliteStore
from bot.storage.migrations import LATEST, MIGRATIONS, Migration
from tests.storage.conftest import Engine, FakeClock

# The DDL of the store before schema versions, copied from bot/storage.py as it was: a file
# that code wrote has exactly these tables and no schema_version table.
LEGACY_SCHEMA = """
CREATE TABLE IF NOT EXISTS chat_settings (chat_id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cards_cache (key TEXT PRIMARY KEY, html TEXT NOT NULL,
    words INTEGER NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS seen_urls (chat_id INTEGER, url TEXT, message_id INTEGER NOT NULL,
    at REAL NOT NULL, PRIMARY KEY (chat_id, url));
CREATE TABLE IF NOT EXISTS last_links (chat_id INTEGER PRIMARY KEY, url TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS channel_cards (chat_id INTEGER, post_id INTEGER,
    card_id INTEGER NOT NULL, source_key TEXT NOT NULL, PRIMARY KEY (chat_id, post_id));
CREATE TABLE IF NOT EXISTS updates (update_id INTEGER PRIMARY KEY, payload TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS replies (update_id INTEGER, part INTEGER, chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL, PRIMARY KEY (update_id, part));
CREATE TABLE IF NOT EXISTS retries (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,
    payload TEXT NOT NULL, at REAL NOT NULL);
"""
ALL_VERSIONS = [(m.version,) for m in MIGRATIONS]
BROKEN = Migration(
    LATEST + 1,
    "fails half-way",
    sqlite=("CREATE TABLE extra (x INTEGER)", "SELECT * FROM no_such_table"),
    postgres=("CREATE TABLE extra (x INTEGER)", "SELECT * FROM no_such_table"),
)


def _statements(script: str) -> list[str]:
    return [" ".join(s.split()) for s in script.split(";") if s.strip()]


def _write_legacy_file(path: str, at: float) -> None:
    """A file as the code before schema versions left it: its DDL, rows written its way."""
    db = sqlite3.connect(path)
    db.executescript(LEGACY_SCHEMA)
    settings = ChatSettings(length="long", quotes=False, language="ru", skip_domains=("x.com",))
    db.execute("INSERT INTO chat_settings VALUES (?, ?)", (-1001, json.dumps(asdict(settings))))
    db.execute("INSERT INTO chat_settings VALUES (?, ?)", (2, json.dumps(asdict(ChatSettings()))))
    db.execute("INSERT INTO cards_cache VALUES (?, ?, ?, ?)", ("url:k", "<b>card</b>", 321, at))
    db.execute("INSERT INTO seen_urls VALUES (?, ?, ?, ?)", (-1001, "https://e.com/", 42, at))
    db.execute("INSERT INTO last_links VALUES (?, ?)", (2, "https://e.com/last"))
    db.execute("INSERT INTO channel_cards VALUES (?, ?, ?, ?)", (-1001, 7, 8, "url:k"))
    db.execute("INSERT INTO updates (update_id, payload, at) VALUES (?, ?, ?)", (10, "ten", at))
    db.execute("INSERT INTO updates VALUES (?, ?, ?, ?)", (11, "eleven", 1, at))
    db.execute("INSERT INTO updates (update_id, payload, at) VALUES (?, ?, ?)", (12, "twelve", at))
    db.execute("INSERT INTO replies VALUES (?, ?, ?, ?)", (10, 0, -1001, 100))
    db.execute("INSERT INTO replies VALUES (?, ?, ?, ?)", (10, 1, -1001, 101))
    for kind, payload in [
        ("url", "https://e.com/r"),
        ("text", json.dumps({"text": "body", "origin": "o"})),
    ]:
        db.execute("INSERT INTO retries (kind, payload, at) VALUES (?, ?, ?)", (kind, payload, at))
    db.commit()
    db.close()


def test_migration_1_for_sqlite_is_the_legacy_ddl_unchanged() -> None:
    """Migration 1's SQLite statements are, statement for statement, the pre-versioning DDL."""
    assert [" ".join(s.split()) for s in MIGRATIONS[0].sqlite] == _statements(LEGACY_SCHEMA)


def test_migrations_are_numbered_from_one_without_gaps_for_both_engines() -> None:
    """Versions run 1, 2, 3, ... and every step has statements for SQLite and for PostgreSQL."""
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert len(MIGRATIONS) == LATEST
    assert all(m.sqlite and m.postgres and m.name for m in MIGRATIONS)


async def test_legacy_sqlite_file_keeps_every_row_after_the_upgrade(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    """A file from before schema versions opens at the latest version with all its data intact."""
    _write_legacy_file(sqlite_engine.target, at=clock.now - 60)
    store = await SqliteStore.open(sqlite_engine.target, clock=clock)
    assert await store.chat_settings(-1001) == ChatSettings(
        length="long", quotes=False, language="ru", skip_domains=("x.com",)
    )
    assert await store.chat_settings(2) == ChatSettings()
    assert await store.cached_card("url:k", max_age=61) == CachedCard("<b>card</b>", 321)
    assert await store.seen_url(-1001, "https://e.com/", max_age=61) == 42
    assert await store.last_link(2) == "https://e.com/last"
    assert await store.channel_card(-1001, 7) == (8, "url:k")
    assert await store.journal_pending() == ["ten", "twelve"]
    assert await store.is_done(11)
    assert not await store.journal_add(11, "again")
    assert (await store.reply_for(10, 0), await store.reply_for(10, 1)) == (100, 101)
    assert await store.load_retry(1) == UrlSource("https://e.com/r")
    assert await store.load_retry(2) == TextSource("body", "o")
    assert await store.save_retry(UrlSource("https://e.com/new")) == 3  # AUTOINCREMENT goes on
    await store.close()
    assert sqlite_engine.query("SELECT version FROM schema_version ORDER BY 1") == ALL_VERSIONS
    indexes = sqlite_engine.query("SELECT name FROM sqlite_master WHERE type = 'index'")
    assert ("updates_unfinished",) in indexes  # migration 2 ran on the adopted file


async def test_opening_again_applies_nothing(engine: Engine) -> None:
    """A second open of an up-to-date database records no version twice and keeps its rows."""
    store = await engine.open()
    await store.journal_add(1, "p")
    await store.close()
    store = await engine.open()
    assert await store.journal_pending() == ["p"]
    await store.close()
    assert engine.query("SELECT version FROM schema_version ORDER BY 1") == ALL_VERSIONS


async def test_database_at_version_1_upgrades_keeping_its_rows(engine: Engine) -> None:
    """A database left at version 1 gets the later steps at the next open, its rows untouched."""
    old = await engine.open(steps=MIGRATIONS[:1])
    await old.journal_add(1, "pending")
    await old.journal_add(2, "finished")
    await old.journal_done(2)
    await old.save_chat_settings(5, ChatSettings(auto=False))
    await old.close()
    assert engine.query("SELECT version FROM schema_version") == [(1,)]
    store = await engine.open()
    assert await store.journal_pending() == ["pending"]
    assert await store.is_done(2)
    assert not (await store.chat_settings(5)).auto
    await store.close()
    assert engine.query("SELECT version FROM schema_version ORDER BY 1") == ALL_VERSIONS


async def test_schema_newer_than_the_code_is_refused(engine: Engine) -> None:
    """A database a newer gistbot migrated is not opened by this one (SchemaError names both)."""
    await (await engine.open()).close()
    engine.execute(f"INSERT INTO schema_version VALUES ({LATEST + 1}, 'from the future', 0)")
    with pytest.raises(SchemaError, match=f"version {LATEST + 1}.*up to {LATEST}"):
        await engine.open()


async def test_failing_migration_leaves_the_database_as_it_was(engine: Engine) -> None:
    """A step that fails half-way rolls back whole: no table of its, no version row; opens after."""
    await (await engine.open()).close()
    with pytest.raises((sqlite3.Error, psycopg.Error)):
        await engine.open(steps=(*MIGRATIONS, BROKEN))
    assert engine.query("SELECT version FROM schema_version ORDER BY 1") == ALL_VERSIONS
    with pytest.raises((sqlite3.Error, psycopg.Error), match="extra"):
        engine.query("SELECT * FROM extra")
    await (await engine.open()).close()


async def test_failing_first_open_creates_nothing(engine: Engine) -> None:
    """When the first open fails, not even migration 1 or schema_version is left behind."""
    with pytest.raises((sqlite3.Error, psycopg.Error)):
        await engine.open(steps=(*MIGRATIONS, BROKEN))
    with pytest.raises((sqlite3.Error, psycopg.Error), match="schema_version"):
        engine.query("SELECT * FROM schema_version")


async def test_processes_opening_a_new_database_together_migrate_it_once(engine: Engine) -> None:
    """Stores opened at the same moment on an empty database all open; each step is applied once."""
    stores = await asyncio.gather(*(engine.open() for _ in range(4)))
    for store in stores:
        await store.close()
    assert engine.query("SELECT version FROM schema_version ORDER BY 1") == ALL_VERSIONS
