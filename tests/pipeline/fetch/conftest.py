"""Security probes: every test runs with the connect tripwire set (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.pages import PageServer


@pytest.fixture(autouse=True)
def _tripwire(outbound: object) -> None:
    """No probe may ever connect off loopback, even if the fetcher regresses."""


@pytest.fixture
async def twin_server() -> AsyncIterator[PageServer]:
    """One PageServer listening on the same port at 127.0.0.1 and 127.0.0.2, counted apart."""
    async with PageServer(hosts=("127.0.0.1", "127.0.0.2")) as server:
        yield server
