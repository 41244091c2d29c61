"""Shared fixtures: a real local page server and a tripwire on outgoing connections."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.fakes.net import ConnectLog, set_tripwire
from tests.fakes.pages import PageServer


@pytest.fixture
async def page_server() -> AsyncIterator[PageServer]:
    """A PageServer on 127.0.0.1 (ephemeral port); add routes with .page/.redirect/.add."""
    async with PageServer() as server:
        yield server


@pytest.fixture
def outbound(monkeypatch: pytest.MonkeyPatch) -> Iterator[ConnectLog]:
    """Records every TCP connect; refuses, and fails the test on, any connect off loopback."""
    log = set_tripwire(monkeypatch)
    yield log
    assert log.refused == [], f"connects attempted off loopback: {log.refused}"
