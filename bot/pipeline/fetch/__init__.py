"""Fetch: a web page's bytes, safely (public addresses only, hard limits), and their decoding.

Fetcher(limits).fetch(url) -> Page      on the event loop (aiohttp)
decode(page) -> str                     CPU work: BOM, UTF-8, declared charsets, detection
"""

from bot.pipeline.fetch.charset import decode
from bot.pipeline.fetch.client import Fetcher

__all__ = ["Fetcher", "decode"]
