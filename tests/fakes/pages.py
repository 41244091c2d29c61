"""The one local page server of the tests: aiohttp.web on loopback, ephemeral port, routes per test.

    server.page("/a", "<html>...</html>")          -> URL of a static page
    server.redirect("/r", "/a")                    -> URL of a redirect
    server.add("/slow", drip())                    -> URL of any handler (see the factories below)
    server.feed("/rss", Feed(rss([...])))          -> URL of a feed a test republishes (ETag, 304)
    server.connections["127.0.0.1"]                -> TCP connections accepted on that address
    server.requests, server.request_headers        -> what was asked, in order

`PageServer(hosts=("127.0.0.1", "127.0.0.2"))` listens on the same port on both loopback addresses,
so a test can tell which address a client really connected to.
"""

from __future__ import annotations

import asyncio
import contextlib
import zlib
from collections import Counter
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from types import TracebackType

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_BIND_ATTEMPTS = 5
# aiohttp.web adds "Content-Type: application/octet-stream" to any non-empty body; a response
# carrying this marker header has both removed just before its headers go out.
_NO_CONTENT_TYPE = "X-Test-No-Content-Type"


class PageServer:
    """Serves whatever handlers a test registers under exact paths; 404 for the rest."""

    def __init__(self, hosts: tuple[str, ...] = ("127.0.0.1",)) -> None:
        self.hosts = hosts
        self.port = 0
        self.routes: dict[str, Handler] = {}
        self.prefixes: dict[str, Handler] = {}
        self.requests: list[str] = []
        self.request_headers: list[dict[str, str]] = []
        self.connections: Counter[str] = Counter()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        app.on_response_prepare.append(_drop_content_type)
        # handler_cancellation: a handler that drips or hangs forever stops when the client leaves.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        self._servers: list[asyncio.Server] = []

    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"http://{host or self.hosts[0]}:{self.port}{path}"

    def add(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def page(
        self,
        path: str,
        body: str | bytes,
        content_type: str | None = "text/html; charset=utf-8",
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> str:
        return self.add(path, static(body, content_type, status=status, headers=headers))

    def feed(self, path: str, feed: Feed) -> str:
        return self.add(path, feed)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.add(path, static(b"", None, status=status, headers={"Location": location}))

    @property
    def total_connections(self) -> int:
        return sum(self.connections.values())

    async def start(self) -> None:
        await self._runner.setup()
        for _ in range(_BIND_ATTEMPTS):
            try:
                await self._listen()
                return
            except OSError:  # the port was free on the first address but not on another: retry
                await self._stop_listening()
        raise OSError(f"could not bind one port on all of {self.hosts}")

    async def close(self) -> None:
        await self._stop_listening()
        await self._runner.cleanup()

    async def __aenter__(self) -> PageServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _listen(self) -> None:
        loop = asyncio.get_running_loop()
        self.port = 0
        for host in self.hosts:
            server = await loop.create_server(self._factory(host), host, self.port)
            self._servers.append(server)
            self.port = server.sockets[0].getsockname()[1]

    async def _stop_listening(self) -> None:
        for server in self._servers:
            server.close()
        self._servers.clear()

    def _factory(self, host: str) -> Callable[[], asyncio.BaseProtocol]:
        low_level = self._runner.server
        assert low_level is not None

        def accept() -> asyncio.BaseProtocol:
            self.connections[host] += 1
            return low_level()

        return accept

    def add_prefix(self, prefix: str, handler: Handler) -> None:
        """Serve every path under `prefix` ('/a/' -> '/a/x', '/a/y') with `handler`."""
        self.prefixes[prefix] = handler

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(request.path)
        self.request_headers.append(dict(request.headers))
        handler = self.routes.get(request.path) or next(
            (h for prefix, h in self.prefixes.items() if request.path.startswith(prefix)), None
        )
        if handler is None:
            raise web.HTTPNotFound()
        return await handler(request)


async def _drop_content_type(request: web.Request, response: web.StreamResponse) -> None:
    if response.headers.pop(_NO_CONTENT_TYPE, None) is not None:
        response.headers.popall("Content-Type", None)


class Feed:
    """A feed document that changes when the test publishes: a new ETag and Last-Modified per
    version, and a bodiless 304 to a request that names the current one (either validator).

    `etag=False` / `last_modified=False` leave that header out; `status` answers every request
    with an error instead (a feed that fails). Counts what it answered."""

    def __init__(
        self,
        body: str,
        content_type: str = "application/rss+xml; charset=utf-8",
        *,
        etag: bool = True,
        last_modified: bool = True,
    ) -> None:
        self.content_type = content_type
        self.use_etag, self.use_last_modified = etag, last_modified
        self.status = 200
        self.full = self.not_modified = self.errors = 0
        self.version = 0
        self.publish(body)

    def publish(self, body: str) -> None:
        """The next version of the document (a new ETag and date even if the bytes are equal)."""
        self.body = body.encode()
        self.version += 1
        self.etag = f'"v{self.version}"'
        # One version per second in HTTP dates, from a fixed day: strictly increasing.
        self.modified = f"Mon, 01 Jun 2026 00:{self.version // 60:02d}:{self.version % 60:02d} GMT"

    async def __call__(self, request: web.Request) -> web.StreamResponse:
        if self.status != 200:
            self.errors += 1
            return web.Response(status=self.status, text="feed is broken")
        headers = {}
        if self.use_etag:
            headers["ETag"] = self.etag
        if self.use_last_modified:
            headers["Last-Modified"] = self.modified
        match = (self.use_etag and request.headers.get("If-None-Match") == self.etag) or (
            self.use_last_modified and request.headers.get("If-Modified-Since") == self.modified
        )
        if match:
            self.not_modified += 1
            return web.Response(status=304, headers=headers)
        self.full += 1
        response = web.Response(body=self.body, headers=headers)
        response.headers["Content-Type"] = self.content_type
        return response


def static(
    body: str | bytes,
    content_type: str | None,
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Handler:
    """The same bytes every time; `content_type=None` sends no Content-Type header at all."""
    data = body.encode() if isinstance(body, str) else body

    async def handle(request: web.Request) -> web.StreamResponse:
        response = web.Response(body=data, status=status, headers=headers)
        if content_type is None:
            response.headers[_NO_CONTENT_TYPE] = "1"
        else:
            response.headers["Content-Type"] = content_type
        return response

    return handle


def streamed(chunks: Callable[[], AsyncGenerator[bytes, None]], **headers: str) -> Handler:
    """A chunked response whose body `chunks()` yields; stops quietly when the client leaves."""

    async def handle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html", **headers})
        await response.prepare(request)
        with contextlib.suppress(ConnectionError):
            async with contextlib.aclosing(chunks()) as body:
                async for chunk in body:
                    await response.write(chunk)
            await response.write_eof()
        return response

    return handle


def drip(every: float = 0.05, byte: bytes = b" ") -> Handler:
    """Headers at once, then one byte per `every` seconds, forever."""

    async def forever() -> AsyncGenerator[bytes, None]:
        yield b"<html><body>"
        while True:
            await asyncio.sleep(every)
            yield byte

    return streamed(forever)


def endless(chunk: bytes = b"<p>" + b"x" * 16_380 + b"</p>") -> Handler:
    """A chunked body that never ends."""

    async def forever() -> AsyncGenerator[bytes, None]:
        while True:
            yield chunk
            await asyncio.sleep(0)

    return streamed(forever)


def hang() -> Handler:
    """Accepts the request and never answers."""

    async def handle(request: web.Request) -> web.StreamResponse:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    return handle


def stall(
    body: bytes = b"<html>", content_type: str = "text/html", *, content_length: int | None = None
) -> Handler:
    """Headers (with `content_length` if given, a lie or not) and `body`, then nothing, forever."""

    async def handle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": content_type})
        if content_length is not None:
            response.content_length = content_length
        await response.prepare(request)
        with contextlib.suppress(ConnectionError):
            await response.write(body)
            await asyncio.Event().wait()
        return response

    return handle


def compressed(
    body: bytes, encoding: str = "gzip", content_type: str = "text/html", *, raw: bool = False
) -> Handler:
    """`body` as gzip or 'deflate' (zlib-wrapped, or raw deflate when `raw`), so labelled."""
    return static(
        _compress(body, encoding, raw=raw), content_type, headers={"Content-Encoding": encoding}
    )


def gzip_bomb(inflated: int, encoding: str = "gzip") -> Handler:
    """A small body that inflates to `inflated` bytes of spaces inside an HTML page."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
    parts = [packer.compress(b"<html><body>")]
    block = b" " * 1_000_000
    for _ in range(
        inflated // len(block)
    ):  # built in steps: the inflated bomb never sits in memory
        parts.append(packer.compress(block))
    parts.append(packer.flush())
    return static(b"".join(parts), "text/html", headers={"Content-Encoding": encoding})


def _compress(body: bytes, encoding: str, *, raw: bool) -> bytes:
    wbits = 31 if encoding in {"gzip", "x-gzip"} else (-15 if raw else 15)
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return packer.compress(body) + packer.flush()
