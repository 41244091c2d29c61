"""SSRF probes: every refused address is refused before any connection is made.

Addresses other than loopback are never reached: they are refused before connecting, and the
tripwire (tests/conftest.py `outbound`) would refuse the connect and fail the test if they were not.
With `ONLY_ONE` limits, 127.0.0.1 plays a public address and 127.0.0.2 a private one, so a probe can
show, by the connections counted on each, which address the fetcher really connected to.
"""

from __future__ import annotations

import pytest

from bot.errors import BlockedUrlError, UnreachableError
from bot.models import FetchLimits
from bot.pipeline.fetch import Fetcher
from tests.factories import fetch_limits, text_of
from tests.fakes.net import ConnectLog, StubResolver
from tests.fakes.pages import PageServer

ONLY_ONE = fetch_limits(allow_networks=("127.0.0.1/32",))
PAGE = "<!DOCTYPE html><html><head><title>T</title></head><body><p>public page</p></body></html>"


async def refused(url: str, limits: FetchLimits | None = None, **kwargs: StubResolver) -> None:
    """Fetch `url` and insist on BlockedUrlError."""
    async with Fetcher(limits or fetch_limits(), **kwargs) as fetcher:
        with pytest.raises(BlockedUrlError) as caught:
            await fetcher.fetch(url)
    assert "127." not in caught.value.user_message  # the user never sees addresses


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/file.txt",
        "gopher://127.0.0.1:70/_GET",
        "data:text/html,<p>hi</p>",
        "javascript:alert(1)",
        "ws://example.com/socket",
        "//example.com/no-scheme",
        "not a url at all",
    ],
)
async def test_non_http_schemes_are_refused(url: str, outbound: ConnectLog) -> None:
    """Only http and https are fetched; nothing else even opens a socket."""
    await refused(url)
    assert outbound.attempts == []


@pytest.mark.parametrize(
    "template",
    [
        "http://public@127.0.0.1:{port}/",
        "http://example.com@127.0.0.1:{port}/",
        "http://user:pass@127.0.0.1:{port}/",
        "http://example.com:80@127.0.0.1:{port}/",
    ],
)
async def test_userinfo_tricks_are_refused(
    page_server: PageServer, outbound: ConnectLog, template: str
) -> None:
    """Credentials in the URL are refused even for an allowed host: they hide the real host."""
    await refused(template.format(port=page_server.port), ONLY_ONE)
    assert page_server.total_connections == 0


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "2130706433",  # decimal
        "017700000001",  # octal
        "0x7f000001",  # hex
        "0177.0.0.1",  # octal first octet
        "0x7f.1",  # hex, two-part
        "0x7f.0.0.1",
        "127.1",  # two-part
        "127.0.1",  # three-part
        "127.0.0.1.",  # trailing dot
        "localhost",  # a name the system resolver maps to 127.0.0.1
        "LOCALHOST",
        "[::ffff:127.0.0.1]",  # IPv4-mapped IPv6
        "[::ffff:7f00:1]",
        "[::127.0.0.1]",  # IPv4-compatible IPv6
    ],
)
async def test_loopback_in_any_spelling_is_refused(
    page_server: PageServer, outbound: ConnectLog, host: str
) -> None:
    """Each spelling of the server's own address is normalized, checked and refused unconnected."""
    await refused(f"http://{host}:{page_server.port}/")
    assert page_server.total_connections == 0
    assert outbound.attempts == []


@pytest.mark.parametrize(
    "host",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # CGNAT
        "0.0.0.0",
        "0.1.2.3",
        "224.0.0.1",  # multicast
        "239.255.255.250",
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "198.18.0.1",  # benchmarking
        "192.0.2.1",  # documentation
        "167772161",  # 10.0.0.1 in decimal
        "0xa9.0xfe.0xa9.0xfe",  # 169.254.169.254 in hex
        "0251.0376.0251.0376",  # 169.254.169.254 in octal
        "169.254.43518",  # 169.254.169.254, three-part
        "[::1]",
        "[::]",
        "[fc00::1]",
        "[fd12:3456::1]",
        "[fe80::1]",
        "[fe80::1%25eth0]",
        "[ff02::1]",
        "[::ffff:10.0.0.1]",
        "[::ffff:169.254.169.254]",
        "[::10.0.0.1]",  # IPv4-compatible
        "[64:ff9b::10.0.0.1]",  # NAT64 of a private address
        "[64:ff9b::a9fe:a9fe]",  # NAT64 of the metadata address
        "[2002:a00:1::]",  # 6to4 of 10.0.0.1
    ],
)
async def test_private_and_reserved_addresses_are_refused(outbound: ConnectLog, host: str) -> None:
    """Private, link-local, CGNAT, multicast, reserved and embedded-v4 addresses: no connect."""
    await refused(f"http://{host}/")
    assert outbound.attempts == []


@pytest.mark.parametrize(
    "answer",
    [
        ["127.0.0.1"],
        ["10.0.0.1"],
        ["169.254.169.254"],
        ["::1"],
        ["::ffff:127.0.0.1"],
        ["fd00::1"],
        ["93.184.215.14", "10.0.0.1"],  # one public answer does not excuse a private one
        ["10.0.0.1", "93.184.215.14"],
    ],
)
async def test_hostname_with_a_private_dns_answer_is_refused(
    outbound: ConnectLog, answer: list[str]
) -> None:
    """A name is refused if any of its DNS answers is private, before any connect."""
    resolver = StubResolver(answer)
    await refused("http://intranet.example/", resolver=resolver)
    assert resolver.lookups == ["intranet.example"]
    assert outbound.attempts == []


async def test_mixed_answers_connect_to_neither(twin_server: PageServer) -> None:
    """Answers [allowed, blocked]: refused, and neither address sees a connection."""
    resolver = StubResolver(["127.0.0.1", "127.0.0.2"])
    await refused(f"http://mixed.example:{twin_server.port}/", ONLY_ONE, resolver=resolver)
    assert twin_server.total_connections == 0


async def test_rebinding_connects_to_the_address_it_checked(twin_server: PageServer) -> None:
    """DNS answers allowed first, blocked after: one lookup; the connection goes to the first."""
    twin_server.page("/", PAGE)
    resolver = StubResolver(["127.0.0.1"], ["127.0.0.2"])
    async with Fetcher(ONLY_ONE, resolver=resolver) as fetcher:
        page = await fetcher.fetch(f"http://rebind.example:{twin_server.port}/")
    assert "public page" in text_of(page)
    assert resolver.lookups == ["rebind.example"]
    assert twin_server.connections == {"127.0.0.1": 1}


async def test_rebinding_blocked_first_is_refused_without_second_lookup(
    twin_server: PageServer,
) -> None:
    """DNS answers blocked first, allowed after: refused on the one lookup, nothing connects."""
    twin_server.page("/", PAGE)
    resolver = StubResolver(["127.0.0.2"], ["127.0.0.1"])
    await refused(f"http://rebind.example:{twin_server.port}/", ONLY_ONE, resolver=resolver)
    assert resolver.lookups == ["rebind.example"]
    assert twin_server.total_connections == 0


async def test_name_that_does_not_resolve_is_unreachable(outbound: ConnectLog) -> None:
    """A DNS answer with no addresses is UnreachableError, not a crash."""
    async with Fetcher(fetch_limits(), resolver=StubResolver([])) as fetcher:
        with pytest.raises(UnreachableError):
            await fetcher.fetch("http://nothing.example/")
    assert outbound.attempts == []


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.2:{port}/secret",
        "//127.0.0.2:{port}/secret",  # scheme-relative
        "http://2130706434:{port}/secret",  # 127.0.0.2 in decimal
        "http://[::ffff:127.0.0.2]:{port}/secret",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/admin",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{port}/_x",
        "http://user@127.0.0.1:{port}/",
    ],
)
async def test_redirect_to_a_refused_target_is_refused(
    twin_server: PageServer, outbound: ConnectLog, location: str
) -> None:
    """Every hop is checked like the first: the redirect is requested, its target never is."""
    start = twin_server.redirect("/start", location.format(port=twin_server.port))
    await refused(start, ONLY_ONE)
    assert twin_server.requests == ["/start"]
    assert twin_server.connections == {"127.0.0.1": 1}
    assert set(outbound.attempts) == {"127.0.0.1"}


async def test_redirect_to_a_name_with_private_dns_is_refused(twin_server: PageServer) -> None:
    """A redirect to another name is resolved (once) and checked: its private answer is refused."""
    twin_server.redirect("/start", f"http://inside.example:{twin_server.port}/secret")
    resolver = StubResolver(["127.0.0.1"], ["127.0.0.2"])
    await refused(f"http://outside.example:{twin_server.port}/start", ONLY_ONE, resolver=resolver)
    assert resolver.lookups == ["outside.example", "inside.example"]
    assert twin_server.connections == {"127.0.0.1": 1}


async def test_proxy_environment_is_ignored(
    twin_server: PageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP(S)_PROXY cannot route fetches around the address guard."""
    proxy = twin_server.url("/", host="127.0.0.2")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, proxy)
    url = twin_server.page("/", PAGE)
    async with Fetcher(ONLY_ONE) as fetcher:
        await fetcher.fetch(url)
    assert twin_server.connections == {"127.0.0.1": 1}


async def test_meta_refresh_is_not_followed(twin_server: PageServer) -> None:
    """<meta http-equiv=refresh> to a private address: the page itself comes back, no second hop."""
    target = twin_server.url("/secret", host="127.0.0.2")
    refresh = f'<meta http-equiv="refresh" content="0; url={target}">'
    url = twin_server.page("/", PAGE.replace("<title>", refresh + "<title>"))
    async with Fetcher(ONLY_ONE) as fetcher:
        page = await fetcher.fetch(url)
    assert page.url == url
    assert twin_server.connections == {"127.0.0.1": 1}


async def test_allow_list_admits_only_its_networks(twin_server: PageServer) -> None:
    """allow_networks=127.0.0.1/32 lets 127.0.0.1 through and still refuses 127.0.0.2."""
    twin_server.page("/", PAGE)
    async with Fetcher(ONLY_ONE) as fetcher:
        await fetcher.fetch(twin_server.url("/"))
        with pytest.raises(BlockedUrlError):
            await fetcher.fetch(twin_server.url("/", host="127.0.0.2"))
    assert twin_server.connections == {"127.0.0.1": 1}
