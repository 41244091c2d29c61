"""Rate limits shared by every process on one PostgreSQL server (the workers' Telegram limits).

Each limit ("at most `rate` calls per `period` seconds" for one key: the whole bot, one group) is
one row, kept by the generic cell rate algorithm (GCRA): the row holds the *theoretical arrival
time* `tat`; a caller reserves the next slot with one atomic upsert,
    tat := max(tat, now) + period / rate,
and may go at `tat - period` (now, when under the limit; later, when `rate` calls were reserved
within the last `period`). So a burst of up to `rate` goes at once and the long-run pace is
`rate` per `period`, as aiolimiter's leaky bucket (PTB's AIORateLimiter) does inside one process.
The server's clock is the only clock, so workers on several machines agree. A reservation is never
given back: a caller cancelled while it waits leaves its slot unused (the limit errs on the safe
side).

Why our own ~40 lines: the libraries that share limits across processes (limits, aiolimiter's
forks, pyrate-limiter's backends) do it on Redis or on their own tables with several round trips
and a lock; this is one statement on the server we already run. The table is UNLOGGED and created
here rather than by a store migration: its rows matter for a minute, a crash may drop them (the
limits start afresh), and there is nothing in it to upgrade.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from bot.storage.postgres import Pool, open_pool

_CREATE_LOCK = int.from_bytes(b"gistbotr", "big") & 0x7FFF_FFFF_FFFF_FFFF
_CREATE = (
    "CREATE UNLOGGED TABLE IF NOT EXISTS rate_slots (key TEXT PRIMARY KEY,"
    " tat DOUBLE PRECISION NOT NULL)"
)
# One round trip: reserve the next slot of `key`, return when it may go and the server's now.
_RESERVE = """
WITH now AS (SELECT extract(epoch FROM clock_timestamp())::double precision AS t)
INSERT INTO rate_slots AS s (key, tat) SELECT %(key)s, now.t + %(step)s FROM now
ON CONFLICT (key) DO UPDATE SET tat = greatest(s.tat, (SELECT t FROM now)) + %(step)s
RETURNING tat - %(period)s, (SELECT t FROM now)
"""
_PAUSE = """
INSERT INTO rate_slots AS s (key, tat)
VALUES (%(key)s, extract(epoch FROM clock_timestamp()) + %(seconds)s + %(period)s)
ON CONFLICT (key) DO UPDATE SET tat = greatest(s.tat, EXCLUDED.tat)
"""


@dataclass(frozen=True, slots=True)
class Slot:
    """A reserved slot: when it may be used, and the server's time at the reservation (epoch s)."""

    at: float
    now: float

    @property
    def wait(self) -> float:
        return max(0.0, self.at - self.now)


class SharedRates:
    """GCRA limits in a PostgreSQL table; any number of processes may share one database."""

    def __init__(self, pool: Pool) -> None:
        self._pool = pool

    @classmethod
    async def open(cls, conninfo: str, max_size: int = 4) -> SharedRates:
        pool = await open_pool(conninfo, max_size=max_size, name="gistbot-rates")
        try:
            # Concurrent CREATE ... IF NOT EXISTS can still collide in PostgreSQL's catalogue
            # (a unique violation on pg_type): workers starting together take turns.
            async with pool.connection() as conn, conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_CREATE_LOCK,))
                await conn.execute(_CREATE)
        except BaseException:
            await pool.close()
            raise
        return cls(pool)

    async def close(self) -> None:
        await self._pool.close()

    async def reserve(self, key: str, rate: float, period: float) -> Slot:
        """Reserve the next slot of `key` under the limit `rate` per `period`."""
        args: dict[str, Any] = {"key": key, "step": period / rate, "period": period}
        async with self._pool.connection() as conn:
            cursor = await conn.execute(_RESERVE, args)
            row = await cursor.fetchone()
        assert row is not None  # INSERT ... RETURNING returns the row it wrote
        return Slot(at=float(row[0]), now=float(row[1]))

    async def acquire(self, key: str, rate: float, period: float) -> None:
        """Wait until a call under the limit `rate` per `period` for `key` may go."""
        slot = await self.reserve(key, rate, period)
        if slot.wait > 0:
            await asyncio.sleep(slot.wait)

    async def pause(self, key: str, seconds: float, period: float) -> None:
        """Push `key`'s next free slot `seconds` ahead (Telegram answered 429 "retry after")."""
        async with self._pool.connection() as conn:
            await conn.execute(_PAUSE, {"key": key, "seconds": seconds, "period": period})
