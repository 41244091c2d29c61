"""One storage test suite, run against both engines: the `engine` fixture is SQLite, then PostgreSQL.

PostgreSQL is a real server (pg_server.py) started once per session from the installed binaries
(the `pg_server` fixture of tests/conftest.py: skipped locally, failed under CI, when missing).
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.storage import PostgresStore, SqliteStore, Store
from bot.storage.base import Clock
from bot.storage.migrations import MIGRATIONS, Migration
from tests.storage.pg_server import TEST_DATABASE, PgServer

_schema_numbers = itertools.count()


class FakeClock:
    """A clock that moves only when told: row ages without waiting."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass(frozen=True)
class Engine:
    """One empty database of one engine: open stores on it, and read or change it directly."""

    name: str  # "sqlite" | "postgres"
    target: str  # the SQLite file's path, or the PostgreSQL URL

    async def open(
        self, clock: Clock = time.time, steps: tuple[Migration, ...] = MIGRATIONS
    ) -> Store:
        if self.name == "sqlite":
            return await SqliteStore.open(self.target, clock=clock, steps=steps)
        return await PostgresStore.open(self.target, clock=clock, steps=steps)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows of one SELECT that both dialects understand, on a connection of its own."""
        if self.name == "sqlite":
            with sqlite3.connect(self.target) as db:
                return db.execute(sql).fetchall()
        with psycopg.connect(self.target) as conn:
            return conn.execute(sql).fetchall()

    def execute(self, sql: str) -> None:
        if self.name == "sqlite":
            db = sqlite3.connect(self.target)
            db.execute(sql)
            db.commit()
            db.close()
            return
        with psycopg.connect(self.target, autocommit=True) as conn:
            conn.execute(sql)


@pytest.fixture
def postgres_engine(pg_server: PgServer) -> Iterator[Engine]:
    """A fresh, empty PostgreSQL schema (all its connections see), dropped after the test."""
    schema = f"test_{next(_schema_numbers)}"
    url = pg_server.create_schema(TEST_DATABASE, schema)
    yield Engine("postgres", url)
    pg_server.drop_schema(TEST_DATABASE, schema)


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Engine:
    """A path for a fresh SQLite file."""
    return Engine("sqlite", str(tmp_path / "store.sqlite3"))


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each engine in turn (PostgreSQL only started when a test asks for it)."""
    return request.getfixturevalue(f"{request.param}_engine")  # type: ignore[no-any-return]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
