"""Shared fixtures: a real local page server, a tripwire on outgoing connections, and the store
engine the bot's tests run on.

`pytest --store postgres` runs every test that opens the bot's store (handlers, i18n, e2e) on a
real PostgreSQL server instead of SQLite: each test gets a fresh schema and `DATABASE_URL` pointing
at it, which every `Settings` of that test reads, in this process and in the bot processes the
e2e tests start (they inherit the environment). `scripts/test.sh` runs those tests a second time
that way. Where the server binaries are missing the PostgreSQL tests are skipped, with the reason,
except under CI (the `CI` environment variable set): there they fail, because CI must run them
(.ci/run installs the server).
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from typing import NoReturn

import pytest

from tests.fakes.articles import ArticleServer
from tests.fakes.net import ConnectLog, set_tripwire
from tests.fakes.pages import PageServer
from tests.storage.pg_server import TEST_DATABASE, PgServer, find_bindir, start_server

_bot_schemas = itertools.count()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--store",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="the engine of the bot's store in handler, i18n and e2e tests (default: sqlite)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test is about the SQLite file itself"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--store") != "postgres":
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {marker.args[0]}"))


def _missing(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the PostgreSQL tests must run; see .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for this test session (skipped locally, failed in CI, when missing)."""
    bindir = find_bindir()
    if bindir is None:
        _missing("PostgreSQL server binaries (pg_ctl) not found; apt-get install postgresql")
    try:
        server = start_server(bindir)
    except KeyError:
        _missing("running as root, but there is no 'postgres' OS user to run the server as")
    yield server
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _store_engine(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Under `--store postgres`: a fresh schema for this test, named by DATABASE_URL."""
    if request.config.getoption("--store") != "postgres" or "storage" in request.path.parts:
        yield
        return
    server: PgServer = request.getfixturevalue("pg_server")
    schema = f"bot_{next(_bot_schemas)}"
    monkeypatch.setenv("DATABASE_URL", server.create_schema(TEST_DATABASE, schema))
    yield
    monkeypatch.delenv("DATABASE_URL")
    server.drop_schema(TEST_DATABASE, schema)


@pytest.fixture
async def page_server() -> AsyncIterator[PageServer]:
    """A PageServer on 127.0.0.1 (ephemeral port); add routes with .page/.redirect/.add."""
    async with PageServer() as server:
        yield server


@pytest.fixture
async def pages() -> AsyncIterator[ArticleServer]:
    """An ArticleServer on 127.0.0.1: realistic article pages (and feeds) by path."""
    server = ArticleServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def outbound(monkeypatch: pytest.MonkeyPatch) -> Iterator[ConnectLog]:
    """Records every TCP connect; refuses, and fails the test on, any connect off loopback."""
    log = set_tripwire(monkeypatch)
    yield log
    assert log.refused == [], f"connects attempted off loopback: {log.refused}"
