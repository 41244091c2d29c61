"""The fetcher against a real local server: redirects, statuses, limits, content types, charsets."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.errors import (
    FetchError,
    FetchTimeoutError,
    HttpStatusError,
    NotArticleError,
    RedirectError,
    TooLargeError,
    UnreachableError,
)
from bot.pipeline.fetch import Fetcher
from tests.factories import codec_of, fetch_limits, text_of
from tests.fakes.pages import PageServer, compressed, drip, endless, hang

pytestmark = pytest.mark.usefixtures("outbound")

LOCAL = fetch_limits(allow_networks=("127.0.0.0/8",))
RUSSIAN = "Правительство объявило о новых мерах поддержки малого бизнеса в следующем месяце."
FRENCH = "Le président a déclaré que la réforme serait adoptée avant l'été, à la conférence."


def html(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>T</title></head><body><p>{body}</p></body></html>"
    )


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(LOCAL) as fetcher:
        yield fetcher


async def test_happy_path_returns_decoded_page(page_server: PageServer, fetcher: Fetcher) -> None:
    """A UTF-8 HTML page comes back as text with its URL, media type and charset."""
    url = page_server.page("/article", html("Hello — “world”"))
    page = await fetcher.fetch(url)
    assert page.url == url
    assert page.media_type == "text/html"
    assert page.is_html
    assert codec_of(page) == "utf-8"
    assert "Hello — “world”" in text_of(page)


async def test_request_headers_name_us_and_ask_only_for_encodings_we_bound(
    page_server: PageServer, fetcher: Fetcher
) -> None:
    """The request carries our User-Agent and never advertises brotli or zstd."""
    await fetcher.fetch(page_server.page("/", html("x")))
    headers = page_server.request_headers[0]
    assert headers["User-Agent"] == LOCAL.user_agent
    assert headers["Accept-Encoding"] == "gzip, deflate"


async def test_redirect_is_followed_to_final_url(page_server: PageServer, fetcher: Fetcher) -> None:
    """A 301 -> 302 chain ends at the final page, whose URL the Page reports."""
    final = page_server.page("/final", html("arrived"))
    page_server.redirect("/two", "/final", status=302)
    start = page_server.redirect("/one", page_server.url("/two"), status=301)
    page = await fetcher.fetch(start)
    assert page.url == final
    assert "arrived" in text_of(page)
    assert page_server.requests == ["/one", "/two", "/final"]


@pytest.mark.parametrize("status", [303, 307, 308])
async def test_other_redirect_statuses_are_followed(
    page_server: PageServer, fetcher: Fetcher, status: int
) -> None:
    """303, 307 and 308 are followed like 301/302."""
    page_server.page("/final", html("arrived"))
    page = await fetcher.fetch(page_server.redirect("/r", "/final", status=status))
    assert page.url == page_server.url("/final")


async def test_redirects_up_to_the_limit_are_followed(page_server: PageServer) -> None:
    """Exactly max_redirects hops still reach the page."""
    page_server.page("/hop3", html("end"))
    for n in range(3):
        page_server.redirect(f"/hop{n}", f"/hop{n + 1}")
    async with Fetcher(fetch_limits(allow_networks=LOCAL.allow_networks, max_redirects=3)) as f:
        page = await f.fetch(page_server.url("/hop0"))
    assert page.url == page_server.url("/hop3")


async def test_too_many_redirects_fail(page_server: PageServer) -> None:
    """One hop more than max_redirects is a RedirectError, and the extra hop is never requested."""
    page_server.page("/hop4", html("end"))
    for n in range(4):
        page_server.redirect(f"/hop{n}", f"/hop{n + 1}")
    async with Fetcher(fetch_limits(allow_networks=LOCAL.allow_networks, max_redirects=3)) as f:
        with pytest.raises(RedirectError):
            await f.fetch(page_server.url("/hop0"))
    assert "/hop4" not in page_server.requests


async def test_redirect_loop_fails_at_once(page_server: PageServer, fetcher: Fetcher) -> None:
    """a -> b -> a is a RedirectError after two requests, not after max_redirects."""
    page_server.redirect("/a", "/b")
    page_server.redirect("/b", "/a")
    with pytest.raises(RedirectError, match="loop"):
        await fetcher.fetch(page_server.url("/a"))
    assert page_server.requests == ["/a", "/b"]


async def test_redirect_without_location_fails(page_server: PageServer, fetcher: Fetcher) -> None:
    """A 302 with no Location header is a RedirectError."""
    page_server.page("/r", b"", None, status=302)
    with pytest.raises(RedirectError):
        await fetcher.fetch(page_server.url("/r"))


async def test_cookie_set_during_redirect_is_sent_on_next_hop(
    page_server: PageServer, fetcher: Fetcher
) -> None:
    """A site that sets a cookie and redirects gets it back (sites that loop without it work)."""

    async def gate(request: web.Request) -> web.StreamResponse:
        if request.cookies.get("consent") == "yes":
            return web.Response(text=html("inside"), content_type="text/html")
        response = web.Response(status=302, headers={"Location": "/gate"})
        response.set_cookie("consent", "yes")
        return response

    page = await fetcher.fetch(page_server.add("/gate", gate))
    assert "inside" in text_of(page)


async def test_cookies_do_not_leak_between_fetches(
    page_server: PageServer, fetcher: Fetcher
) -> None:
    """A cookie one fetch received is not sent by the next fetch (one jar per fetch)."""
    page_server.page("/set", html("x"), headers={"Set-Cookie": "session=secret"})
    page_server.page("/other", html("y"))
    await fetcher.fetch(page_server.url("/set"))
    await fetcher.fetch(page_server.url("/other"))
    assert "Cookie" not in page_server.request_headers[1]


@pytest.mark.parametrize("status", [404, 410, 500, 503])
async def test_error_status_raises_http_status_error(
    page_server: PageServer, fetcher: Fetcher, status: int
) -> None:
    """4xx/5xx become HttpStatusError carrying the status, shown to the user politely."""
    with pytest.raises(HttpStatusError) as caught:
        await fetcher.fetch(page_server.page("/e", html("error page"), status=status))
    assert caught.value.status == status
    assert str(status) in caught.value.user_message


async def test_slow_drip_fails_at_total_deadline(page_server: PageServer) -> None:
    """A server that drips bytes forever is cut off by the total deadline."""
    async with Fetcher(fetch_limits(allow_networks=LOCAL.allow_networks, total_timeout=0.5)) as f:
        with pytest.raises(FetchTimeoutError):
            await f.fetch(page_server.add("/drip", drip()))


async def test_server_that_never_answers_fails_at_deadline(page_server: PageServer) -> None:
    """No status line at all: the total deadline ends the wait."""
    async with Fetcher(fetch_limits(allow_networks=LOCAL.allow_networks, total_timeout=0.5)) as f:
        with pytest.raises(FetchTimeoutError):
            await f.fetch(page_server.add("/hang", hang()))


async def test_oversize_body_is_too_large(page_server: PageServer) -> None:
    """A body one byte over max_bytes is refused."""
    limits = fetch_limits(allow_networks=LOCAL.allow_networks, max_bytes=10_000)
    url = page_server.page("/big", "<html>" + "x" * 10_000)
    async with Fetcher(limits) as f:
        with pytest.raises(TooLargeError):
            await f.fetch(url)


async def test_body_at_the_cap_is_accepted(page_server: PageServer) -> None:
    """A body of exactly max_bytes is still fine (the cap is inclusive)."""
    limits = fetch_limits(allow_networks=LOCAL.allow_networks, max_bytes=10_000)
    url = page_server.page("/big", "<html>" + "x" * (10_000 - 6))
    async with Fetcher(limits) as f:
        page = await f.fetch(url)
    assert len(text_of(page)) == 10_000


async def test_endless_chunked_body_stops_at_cap(page_server: PageServer) -> None:
    """A chunked body that never ends is refused once it passes the cap."""
    limits = fetch_limits(allow_networks=LOCAL.allow_networks, max_bytes=200_000, total_timeout=60)
    async with Fetcher(limits) as f:
        with pytest.raises(TooLargeError):
            await f.fetch(page_server.add("/endless", endless()))


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "image/png", "video/mp4", "application/zip"]
)
async def test_non_article_content_types_are_refused(
    page_server: PageServer, fetcher: Fetcher, content_type: str
) -> None:
    """PDFs, images, videos and archives are NotArticleError, whatever the bytes say."""
    with pytest.raises(NotArticleError):
        await fetcher.fetch(page_server.page("/f", b"%PDF-1.7 binary", content_type))


async def test_pdf_bytes_without_content_type_are_refused(
    page_server: PageServer, fetcher: Fetcher
) -> None:
    """With no Content-Type, a PDF signature in the first bytes is enough to refuse."""
    with pytest.raises(NotArticleError):
        await fetcher.fetch(page_server.page("/f", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None))


async def test_pdf_bytes_labelled_html_are_refused(
    page_server: PageServer, fetcher: Fetcher
) -> None:
    """A PDF served as text/html is still a PDF."""
    with pytest.raises(NotArticleError):
        await fetcher.fetch(page_server.page("/f", b"%PDF-1.7\n1 0 obj", "text/html"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<!doctype html><html><body><p>hi</p></body></html>", "text/html"),
        ("  \n<html lang='en'><p>hi</p></html>", "text/html"),
        ("Just some words.\nAnd another line.", "text/plain"),
    ],
)
async def test_missing_content_type_is_sniffed(
    page_server: PageServer, fetcher: Fetcher, body: str, expected: str
) -> None:
    """No Content-Type header: markup is HTML, anything else textual is plain text."""
    page = await fetcher.fetch(page_server.page("/s", body, None))
    assert page.media_type == expected


@pytest.mark.parametrize("content_type", ["", "text/html, text/plain"])
async def test_empty_or_garbled_content_type_is_sniffed(
    page_server: PageServer, fetcher: Fetcher, content_type: str
) -> None:
    """An empty or unparsable Content-Type counts as missing: the bytes decide."""
    page = await fetcher.fetch(page_server.page("/s", html("x"), content_type))
    assert page.media_type == "text/html"


async def test_plain_text_page(page_server: PageServer, fetcher: Fetcher) -> None:
    """text/plain stays plain text (not HTML) and is decoded."""
    page = await fetcher.fetch(page_server.page("/t", "Line one.\nLine two.", "text/plain"))
    assert page.media_type == "text/plain"
    assert not page.is_html
    assert text_of(page) == "Line one.\nLine two."


async def test_xhtml_is_accepted_as_html(page_server: PageServer, fetcher: Fetcher) -> None:
    """application/xhtml+xml is an article type and counts as HTML."""
    page = await fetcher.fetch(page_server.page("/x", html("x"), "application/xhtml+xml"))
    assert page.is_html


@pytest.mark.parametrize(
    ("encoding", "raw"), [("gzip", False), ("x-gzip", False), ("deflate", False), ("deflate", True)]
)
async def test_compressed_bodies_are_decoded(
    page_server: PageServer, fetcher: Fetcher, encoding: str, raw: bool
) -> None:
    """gzip, zlib-wrapped deflate and raw deflate bodies come back as the original text."""
    body = html(RUSSIAN * 50)
    page_server.add("/z", compressed(body.encode(), encoding, raw=raw))
    page = await fetcher.fetch(page_server.url("/z"))
    assert text_of(page) == body


async def test_unsupported_content_encoding_is_refused(
    page_server: PageServer, fetcher: Fetcher
) -> None:
    """A Content-Encoding we did not ask for (br) is an error, not garbage text."""
    page_server.page("/b", b"\x1b\x00\x00", "text/html", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match="content-encoding"):
        await fetcher.fetch(page_server.url("/b"))


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html; charset=utf-8",  # wrong header: strict UTF-8 fails
        "text/html; charset=iso-8859-1",  # wrong header: decodes, but to mojibake
        "text/html",  # no charset at all
    ],
)
async def test_cp1251_page_with_wrong_or_missing_charset(
    page_server: PageServer, fetcher: Fetcher, content_type: str
) -> None:
    """A Russian cp1251 page reads right whatever (wrong) charset the header claims."""
    body = html(RUSSIAN * 3).encode("cp1251")
    page = await fetcher.fetch(page_server.page("/ru", body, content_type))
    assert RUSSIAN in text_of(page)
    assert codec_of(page) == "cp1251"


async def test_meta_charset_beats_wrong_header(page_server: PageServer, fetcher: Fetcher) -> None:
    """A page whose <meta charset> is right while the header's is wrong uses the meta one."""
    body = html(RUSSIAN, head='<meta charset="windows-1251">').encode("cp1251")
    page = await fetcher.fetch(page_server.page("/ru", body, "text/html; charset=ISO-8859-1"))
    assert RUSSIAN in text_of(page)
    assert codec_of(page) == "cp1251"


async def test_latin1_page_with_wrong_header(page_server: PageServer, fetcher: Fetcher) -> None:
    """A French latin-1 page served as UTF-8 comes out right, named cp1252."""
    body = html(FRENCH * 3).encode("latin-1")
    page = await fetcher.fetch(page_server.page("/fr", body, "text/html; charset=utf-8"))
    assert FRENCH in text_of(page)
    assert codec_of(page) == "cp1252"


async def test_declared_charset_is_used_when_it_decodes(
    page_server: PageServer, fetcher: Fetcher
) -> None:
    """A correct, non-UTF-8 header charset is taken as given."""
    body = html(RUSSIAN * 3).encode("koi8-r")
    page = await fetcher.fetch(page_server.page("/koi", body, "text/html; charset=koi8-r"))
    assert RUSSIAN in text_of(page)
    assert codec_of(page) == "koi8-r"


async def test_connection_refused_is_unreachable(fetcher: Fetcher) -> None:
    """Nobody listening on the port: UnreachableError, with a polite message."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The port is closed now; nothing else binds it during this test.
    with pytest.raises(UnreachableError) as caught:
        await fetcher.fetch(f"http://127.0.0.1:{port}/")
    assert "127.0.0.1" not in caught.value.user_message


async def test_fetcher_works_again_after_close(page_server: PageServer) -> None:
    """close() releases the session; a later fetch opens a new one."""
    url = page_server.page("/", html("again"))
    fetcher = Fetcher(LOCAL)
    await fetcher.fetch(url)
    await fetcher.close()
    page = await fetcher.fetch(url)
    await fetcher.close()
    assert "again" in text_of(page)


async def test_concurrent_fetches_share_one_session(page_server: PageServer) -> None:
    """Many fetches at once reuse keep-alive connections: no more than the per-host cap open."""
    url = page_server.page("/", html("shared"))
    limits = fetch_limits(allow_networks=LOCAL.allow_networks, per_host_connections=2)
    async with Fetcher(limits) as f:
        pages = await asyncio.gather(*(f.fetch(url) for _ in range(10)))
    assert all("shared" in text_of(p) for p in pages)
    assert page_server.total_connections <= 2
