"""Reading and changing the bot's store behind its back, on whichever engine the test runs
(`pytest --store`, tests/conftest.py): the SQLite file in the test's directory, or the PostgreSQL
schema DATABASE_URL names."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import psycopg

SQLITE_FILE = "gistbot.sqlite3"  # harness.make_settings and process.BotProcess put it here


def _url() -> str | None:
    return os.environ.get("DATABASE_URL")


def count(workdir: Path, table: str) -> int:
    """Rows in `table`; 0 while the bot has not created its tables yet."""
    rows = query(workdir, f"SELECT COUNT(*) FROM {table}")
    return int(rows[0][0]) if rows else 0


def query(workdir: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of one SELECT both dialects understand; [] while the tables do not exist."""
    url = _url()
    if url is None:
        db = workdir / SQLITE_FILE
        if not db.exists():
            return []
        with sqlite3.connect(db) as conn:
            try:
                return conn.execute(sql).fetchall()
            except sqlite3.OperationalError:  # no such table yet
                return []
    with psycopg.connect(url, autocommit=True) as conn:
        try:
            return conn.execute(sql).fetchall()
        except psycopg.errors.UndefinedTable:
            return []


def refuse_inserts(workdir: Path, tables: tuple[str, ...], message: str) -> None:
    """Make every INSERT into `tables` fail with `message` (a full disk, as the store sees it)."""
    url = _url()
    if url is None:
        with sqlite3.connect(workdir / SQLITE_FILE) as conn:
            for table in tables:
                conn.execute(
                    f"CREATE TRIGGER full_{table} BEFORE INSERT ON {table} "
                    f"BEGIN SELECT RAISE(FAIL, '{message}'); END"
                )
        return
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS"
            f" $$ BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'disk_full'; END $$"
        )
        for table in tables:
            conn.execute(
                f"CREATE TRIGGER full_{table} BEFORE INSERT ON {table}"
                " FOR EACH ROW EXECUTE FUNCTION refuse_insert()"
            )
