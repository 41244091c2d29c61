"""Limits under attack: slow servers, lying or endless bodies, bombs, huge headers, wrong types.

Each hostile server misbehaves forever (or far past the limit), so only the limit under test can
end the fetch; deadlines are generous next to what the server does, never "must finish in X ms".
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import aiohttp
import pytest
from aiohttp import web
from multidict import CIMultiDict

from bot.errors import FetchError, FetchTimeoutError, NotArticleError, TooLargeError
from bot.models import FetchLimits
from bot.pipeline.fetch import Fetcher
from tests.factories import fetch_limits
from tests.fakes.pages import PageServer, drip, endless, gzip_bomb, hang, stall, static

LOCAL = ("127.0.0.0/8",)


def limits(**overrides: float) -> FetchLimits:
    return fetch_limits(allow_networks=LOCAL, **overrides)  # type: ignore[arg-type]


async def fetch_error(url: str, limits: FetchLimits) -> FetchError:
    async with Fetcher(limits) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(url)
    return caught.value


async def test_drip_feed_is_cut_at_total_deadline(page_server: PageServer) -> None:
    """One byte every 50 ms forever: no read ever times out, the total deadline does."""
    error = await fetch_error(page_server.add("/drip", drip()), limits(total_timeout=0.5))
    assert isinstance(error, FetchTimeoutError)


async def test_silent_server_is_cut_at_total_deadline(page_server: PageServer) -> None:
    """A server that accepts and never answers fails at the deadline."""
    error = await fetch_error(page_server.add("/hang", hang()), limits(total_timeout=0.5))
    assert isinstance(error, FetchTimeoutError)


@pytest.fixture
def unaccepting_port() -> Iterator[int]:
    """A loopback port whose accept queue is full, so a new connect never completes."""
    with socket.socket() as listener, socket.socket() as filler:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        filler.connect(listener.getsockname())  # takes the only backlog slot; never accepted
        yield listener.getsockname()[1]


async def test_connect_timeout_ends_a_hanging_connect(unaccepting_port: int) -> None:
    """A connect that never completes fails at connect_timeout, long before the total deadline."""
    url = f"http://127.0.0.1:{unaccepting_port}/"
    error = await fetch_error(url, limits(connect_timeout=0.3, total_timeout=30))
    assert isinstance(error, FetchTimeoutError)
    assert isinstance(error.__cause__, aiohttp.ServerTimeoutError)  # not our total deadline


async def test_huge_content_length_is_refused_before_reading(page_server: PageServer) -> None:
    """Content-Length: 1 TB is refused on the headers (the server then stalls forever)."""
    url = page_server.add("/lie", stall(content_length=10**12))
    error = await fetch_error(url, limits(total_timeout=10))
    assert isinstance(error, TooLargeError)


async def test_endless_chunked_stream_stops_at_cap(page_server: PageServer) -> None:
    """A chunked body without end is refused once it passes max_bytes (default 5 MB)."""
    error = await fetch_error(page_server.add("/endless", endless()), limits(total_timeout=120))
    assert isinstance(error, TooLargeError)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_compression_bomb_stops_at_cap(page_server: PageServer, encoding: str) -> None:
    """50 MB of spaces in ~50 KB of gzip/deflate is refused at the 5 MB decompressed cap."""
    url = page_server.add("/bomb", gzip_bomb(50_000_000, encoding))
    error = await fetch_error(url, limits(total_timeout=120))
    assert isinstance(error, TooLargeError)


async def test_brotli_is_refused_not_decoded(page_server: PageServer) -> None:
    """We never ask for br; a server that sends it anyway gets an error, not a decompression."""
    url = page_server.page("/br", b"\x8b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
    error = await fetch_error(url, limits())
    assert "content-encoding" in str(error)
    assert page_server.request_headers[0]["Accept-Encoding"] == "gzip, deflate"


async def test_stacked_encodings_are_refused(page_server: PageServer) -> None:
    """'gzip, gzip' (a bomb inside a bomb) is refused rather than unwrapped."""
    url = page_server.page("/gg", b"\x1f\x8b", headers={"Content-Encoding": "gzip, gzip"})
    error = await fetch_error(url, limits())
    assert "content-encoding" in str(error)


async def test_huge_header_line_is_refused(page_server: PageServer) -> None:
    """A 100 KB header is refused by the parser's line limit, as TooLargeError."""
    url = page_server.page("/h", "<html>x</html>", headers={"X-Padding": "a" * 100_000})
    error = await fetch_error(url, limits())
    assert isinstance(error, TooLargeError)


async def test_flood_of_headers_is_refused(page_server: PageServer) -> None:
    """A thousand response headers are refused by aiohttp's header-count limit (128)."""
    flood = CIMultiDict((f"X-H{n}", "v") for n in range(1000))
    error = await fetch_error(page_server.page("/h", "<html>x</html>", headers=flood), limits())
    assert "Too many headers" in str(error)


@pytest.mark.parametrize(
    "content_type",
    [
        "application/pdf",
        "image/jpeg",
        "video/mp4",
        "audio/mpeg",
        "application/zip",
        "application/octet-stream",
        "application/json",
    ],
)
async def test_non_article_type_is_refused_on_headers(
    page_server: PageServer, content_type: str
) -> None:
    """A declared non-article type is refused on the headers (the body never comes)."""
    url = page_server.add("/file", stall(b"\x00\x01", content_type))
    error = await fetch_error(url, limits(total_timeout=10))
    assert isinstance(error, NotArticleError)


@pytest.mark.parametrize(
    "body",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"\x00\x00\x00\x18ftypmp42",
        b"GIF89a\x01\x00",
        b"\x00\x01\x02\x03 binary",
    ],
)
async def test_binary_body_without_type_is_refused(page_server: PageServer, body: bytes) -> None:
    """With no Content-Type, the first bytes decide; binary formats are not articles."""
    error = await fetch_error(page_server.page("/f", body, None), limits())
    assert isinstance(error, NotArticleError)


async def test_per_host_connection_cap_holds(page_server: PageServer) -> None:
    """With per_host_connections=2, a third request waits: at most two are ever in flight."""
    in_flight = 0
    peak = 0
    two_in = asyncio.Event()
    release = asyncio.Event()

    async def slow(request: web.Request) -> web.StreamResponse:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        if in_flight == 2:
            two_in.set()
        await release.wait()
        in_flight -= 1
        return await static("<html><p>ok</p></html>", "text/html")(request)

    url = page_server.add("/slow", slow)
    async with Fetcher(limits(per_host_connections=2, total_timeout=60)) as fetcher:
        tasks = [asyncio.create_task(fetcher.fetch(url)) for _ in range(5)]
        try:
            await two_in.wait()
            # Give the other three every chance to (wrongly) arrive; waiting longer only makes a
            # broken cap easier to see, it cannot make a working one fail.
            for _ in range(50):
                await asyncio.sleep(0.01)
            peak_while_blocked = peak
        finally:
            release.set()
            results = await asyncio.gather(*tasks, return_exceptions=True)
    assert peak_while_blocked == 2
    assert all(not isinstance(r, BaseException) for r in results)
    assert peak == 2
