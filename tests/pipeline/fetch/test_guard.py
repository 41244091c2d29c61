"""Address policy and URL checks, without the network."""

from __future__ import annotations

import ipaddress

import pytest

from bot.errors import BlockedUrlError
from bot.pipeline.fetch.guard import AddressPolicy, check_url, parse_ip_host


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("10.0.258", "10.0.1.2"),
        ("127.0.0.1.", "127.0.0.1"),
        ("::ffff:7f00:1", "::ffff:7f00:1"),
        ("8.8.8.8", "8.8.8.8"),
        ("example.com", None),
        ("0x7g.1", None),
        ("1.2.3.4.5", None),
        ("09.1.1.1", None),  # not octal, so a name (no resolver accepts it as an address)
    ],
)
def test_parse_ip_host_reads_every_inet_aton_spelling(host: str, expected: str | None) -> None:
    """Alternative IPv4 spellings normalize to the address a resolver would connect to."""
    parsed = parse_ip_host(host)
    assert (str(parsed) if parsed else None) == expected


@pytest.mark.parametrize("host", ["256.1.1.1", "1.16777216", "0x100.1", "[::zz]", "1:2"])
def test_malformed_ip_literals_are_blocked(host: str) -> None:
    """Out-of-range numeric hosts and broken IPv6 are refused, not guessed at."""
    with pytest.raises(BlockedUrlError):
        parse_ip_host(host)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.215.14", "2606:4700:4700::1111"])
def test_public_addresses_are_permitted(address: str) -> None:
    """Ordinary public unicast addresses pass with no allow-list."""
    assert AddressPolicy().permits(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "100.64.0.1", "224.0.0.1", "::1", "::ffff:8.8.8.8", "64:ff9b:1::1"],
)
def test_special_addresses_are_not_permitted(address: str) -> None:
    """Loopback, private, CGNAT, multicast, mapped v6 and local NAT64 fail with no allow-list."""
    assert not AddressPolicy().permits(ipaddress.ip_address(address))


def test_allow_list_covers_mapped_forms_of_its_networks() -> None:
    """allow 127.0.0.0/8 admits 127.x and ::ffff:127.x, and nothing private besides."""
    policy = AddressPolicy(["127.0.0.0/8"])
    assert policy.permits(ipaddress.ip_address("127.9.9.9"))
    assert policy.permits(ipaddress.ip_address("::ffff:127.0.0.1"))
    assert not policy.permits(ipaddress.ip_address("10.0.0.1"))


@pytest.mark.parametrize(
    "url",
    ["http://%31%32%37.0.0.1/", "http://exa mple.com/", "http:///path", "http://a\\@b/"],
)
def test_odd_hosts_are_blocked(url: str) -> None:
    """Percent-encoded, spaced, empty or backslashed hosts are refused outright."""
    with pytest.raises(BlockedUrlError):
        check_url(url, AddressPolicy())


def test_check_url_keeps_a_normal_url_and_drops_the_fragment() -> None:
    """A public URL passes unchanged except for its fragment; IDN hosts are punycoded."""
    assert str(check_url("https://Example.com/a?b=1#top", AddressPolicy())) == (
        "https://example.com/a?b=1"
    )
    assert check_url("http://exämple.com/", AddressPolicy()).raw_host == "xn--exmple-cua.com"
