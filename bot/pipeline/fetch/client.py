"""Fetch a web page safely with aiohttp: public addresses only, hard limits, our own decoding.

Per link: check the URL (netguard), GET it without aiohttp's redirect handling, check every next hop
the same way (at most `max_redirects`; a loop is refused), refuse a declared non-article type or a
Content-Length over the cap, stream the body through bounded decompression up to `max_bytes`, sniff
binary formats. Decoding to text is CPU work and happens in the worker (charset.py). One deadline, `total_timeout`, covers all hops and all bytes.
`<meta http-equiv="refresh">` is NOT followed: we extract from the page that carries it.

`fetch_feed(url, validators)` is the same walk for a feed: a conditional GET (If-None-Match,
If-Modified-Since from the last answer) whose 304 ends it with `NotModified` before any body is
read, and an allow-list with the feed media types.
"""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp import hdrs
from aiohttp.abc import AbstractResolver
from aiohttp.http_exceptions import LineTooLong
from yarl import URL

from bot.errors import (
    BlockedUrlError,
    FetchError,
    FetchTimeoutError,
    HttpStatusError,
    RedirectError,
    TooLargeError,
    UnreachableError,
)
from bot.models import FetchLimits, NotModified, Page, Validators
from bot.pipeline.fetch.guard import AddressPolicy, GuardedResolver, check_url
from bot.pipeline.fetch.payload import (
    ACCEPT_ENCODING,
    ARTICLE_TYPES,
    FEED_TYPES,
    SNIFF_BYTES,
    ContentDecoder,
    check_declared,
    sniff,
)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
_READ_CHUNK = 64 * 1024
# aiohttp's own defaults, stated here so an upgrade cannot loosen them: one header line / field
# at most 8190 bytes (the same as nginx's and Apache's default request limits).
MAX_LINE_SIZE = 8190
MAX_FIELD_SIZE = 8190
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
_ACCEPT_FEED = (
    "application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,"
    "application/xml;q=0.8,text/xml;q=0.8,text/html;q=0.5,*/*;q=0.1"
)


class Fetcher:
    """Owns the one shared ClientSession; `await fetch(url)` returns a decoded Page.

    `resolver` is the DNS seam (tests inject a stub; the caller owns it); whatever it answers is
    checked before use. Without one, the system resolver (getaddrinfo in a thread) is used.
    """

    def __init__(self, limits: FetchLimits, *, resolver: AbstractResolver | None = None) -> None:
        self.limits = limits
        self.policy = AddressPolicy(self.limits.allow_networks)
        self._resolver = resolver
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def fetch(self, url: str) -> Page:
        """The page at `url` after redirects (its bytes, undecoded), or a FetchError subclass."""
        page = await self._fetch(url, {}, ARTICLE_TYPES)
        assert isinstance(page, Page)  # without validators nothing answers NotModified
        return page

    async def fetch_feed(self, url: str, validators: Validators) -> Page | NotModified:
        """A feed (or the site page that links it) by conditional GET: NotModified on a 304."""
        headers: dict[str, str] = {hdrs.ACCEPT: _ACCEPT_FEED}
        if validators.etag:
            headers[hdrs.IF_NONE_MATCH] = validators.etag
        if validators.last_modified:
            headers[hdrs.IF_MODIFIED_SINCE] = validators.last_modified
        return await self._fetch(url, headers, FEED_TYPES)

    async def _fetch(
        self, url: str, headers: dict[str, str], types: frozenset[str]
    ) -> Page | NotModified:
        session = self._get_session()
        try:
            async with asyncio.timeout(self.limits.total_timeout):
                return await self._follow(session, url, headers, types)
        except TimeoutError as exc:  # our deadline, or aiohttp's connect timeout
            raise FetchTimeoutError(f"{url}: timed out ({exc!r})") from exc
        except aiohttp.ClientError as exc:
            raise _translate(exc) from exc

    async def close(self) -> None:
        """Close the session; a later fetch opens a new one. An injected resolver stays open."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            inner = self._resolver or aiohttp.ThreadedResolver()
            connector = aiohttp.TCPConnector(
                resolver=GuardedResolver(self.policy, inner),
                # No DNS cache: every new connection resolves once, through the guard, and connects
                # to exactly the addresses the guard returned.
                use_dns_cache=False,
                limit_per_host=self.limits.per_host_connections,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=self.limits.connect_timeout),
                headers={
                    hdrs.USER_AGENT: self.limits.user_agent,
                    hdrs.ACCEPT: _ACCEPT,
                    hdrs.ACCEPT_ENCODING: ACCEPT_ENCODING,
                },
                auto_decompress=False,  # payload.ContentDecoder bounds every inflation step
                cookie_jar=aiohttp.DummyCookieJar(),  # cookies live per fetch, see _follow
                max_line_size=MAX_LINE_SIZE,
                max_field_size=MAX_FIELD_SIZE,
                trust_env=False,  # no proxy from the environment: it would bypass the address guard
            )
        return self._session

    async def _follow(
        self,
        session: aiohttp.ClientSession,
        url: str,
        headers: dict[str, str],
        types: frozenset[str],
    ) -> Page | NotModified:
        target = check_url(url, self.policy)
        # Sites that set a cookie and redirect (often to the same URL) loop without it; a jar per
        # fetch keeps one user's cookies out of another's requests.
        jar = aiohttp.CookieJar(unsafe=True)
        seen: set[tuple[URL, str]] = set()
        for _ in range(self.limits.max_redirects + 1):
            cookies = jar.filter_cookies(target)
            visit = (target, cookies.output())  # the same URL with new cookies is not a loop
            if visit in seen:
                raise RedirectError(f"redirect loop at {target}")
            seen.add(visit)
            async with session.get(
                target, allow_redirects=False, cookies=cookies, headers=headers
            ) as response:
                jar.update_cookies(response.cookies, response.url)
                if response.status == 304 and _conditional(headers):
                    return NotModified()
                if response.status not in REDIRECTS:
                    return await self._read_page(response, types)
                target = self._next_hop(response)
        raise RedirectError(f"more than {self.limits.max_redirects} redirects")

    def _next_hop(self, response: aiohttp.ClientResponse) -> URL:
        location = response.headers.get(hdrs.LOCATION, "").strip()
        if not location:
            raise RedirectError(f"HTTP {response.status} without Location")
        try:
            target = response.url.join(URL(location))
        except ValueError:
            raise RedirectError(f"bad Location {location!r}") from None
        return check_url(target, self.policy)

    async def _read_page(self, response: aiohttp.ClientResponse, types: frozenset[str]) -> Page:
        if not 200 <= response.status < 300:
            raise HttpStatusError(response.status)
        declared = _declared_type(response)
        check_declared(declared, types)
        length = response.content_length
        if length is not None and length > self.limits.max_bytes:
            raise TooLargeError(f"Content-Length {length} > {self.limits.max_bytes}")
        body = await self._read_body(response)
        media_type = sniff(body[:SNIFF_BYTES], declared)
        charset = response.charset if declared else None
        return Page(
            url=str(response.url),
            body=body,
            media_type=media_type,
            charset=charset,
            etag=response.headers.get(hdrs.ETAG),
            last_modified=response.headers.get(hdrs.LAST_MODIFIED),
        )

    async def _read_body(self, response: aiohttp.ClientResponse) -> bytes:
        """The decoded body, refused as soon as raw or decoded bytes pass `max_bytes`."""
        cap = self.limits.max_bytes
        decoder = ContentDecoder(response.headers.get(hdrs.CONTENT_ENCODING, ""))
        pieces: list[bytes] = []
        raw = size = 0
        async for data in response.content.iter_chunked(_READ_CHUNK):
            raw += len(data)
            if raw > cap:
                raise TooLargeError(f"raw body passed {cap} bytes")
            for piece in decoder.feed(data):
                size += len(piece)
                if size > cap:
                    raise TooLargeError(f"body passed {cap} bytes")
                pieces.append(piece)
        return b"".join(pieces)


def _conditional(headers: dict[str, str]) -> bool:
    """Whether we asked conditionally: a 304 to a plain GET is a server's error, not an answer."""
    return hdrs.IF_NONE_MATCH in headers or hdrs.IF_MODIFIED_SINCE in headers


def _declared_type(response: aiohttp.ClientResponse) -> str | None:
    """The media type the server declared; None when it declared none we can read (sniff then)."""
    raw = response.headers.get(hdrs.CONTENT_TYPE, "").strip().lower()
    parsed = response.content_type
    # aiohttp reports an absent, empty or unparsable header as application/octet-stream.
    if not raw or (parsed == "application/octet-stream" and "octet-stream" not in raw):
        return None
    return parsed


def _translate(exc: aiohttp.ClientError) -> FetchError:
    """Our error for one of aiohttp's; the detail keeps aiohttp's text for the logs."""
    if isinstance(exc, aiohttp.InvalidURL):
        return BlockedUrlError(f"invalid URL: {exc}")
    if isinstance(exc, aiohttp.ClientConnectorError):
        return UnreachableError(str(exc))
    if isinstance(exc, aiohttp.ClientResponseError) and _caused_by(exc, LineTooLong):
        return TooLargeError(f"response headers too large: {exc.message[:200]}")
    return FetchError(f"{type(exc).__name__}: {str(exc)[:300]}")


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is in the chain of causes (aiohttp wraps parser errors twice)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, kind):
            return True
        cause = cause.__cause__
    return False
