"""Which URLs and addresses the fetcher may reach, and a resolver that enforces it per connection.

Two gates, because aiohttp skips the resolver for IP literals:
  check_url        scheme, userinfo and an IP-literal host (in any spelling a resolver accepts)
  GuardedResolver  every DNS answer for a hostname; one bad answer refuses the host, and the
                   connector only ever sees the answers we checked (no second lookup to rebind)
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable

from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.errors import BlockedUrlError, UnreachableError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SCHEMES = frozenset({"http", "https"})
# Ranges Python's ipaddress flags (is_global) do not cover: NAT64 local-use (RFC 8215).
_EXTRA_BLOCKED = (ipaddress.ip_network("64:ff9b:1::/48"),)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HOSTNAME = re.compile(r"[a-z0-9_.-]+")


class AddressPolicy:
    """Public unicast addresses only, plus whatever `allow_networks` (CIDR strings) lets through."""

    def __init__(self, allow_networks: Iterable[str] = ()) -> None:
        self.allowed = tuple(ipaddress.ip_network(net, strict=False) for net in allow_networks)

    def permits(self, address: IPAddress) -> bool:
        forms = (address, *_embedded_ipv4(address))
        if any(form in net for form in forms for net in self.allowed):
            return True
        return all(_is_public(form) for form in forms)

    def check(self, address: IPAddress, host: str) -> None:
        if not self.permits(address):
            raise BlockedUrlError(f"{host} -> {address} is not a public address")


def _is_public(address: IPAddress) -> bool:
    special = (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or any(address in net for net in _EXTRA_BLOCKED)
    )
    return address.is_global and not special


def _embedded_ipv4(address: IPAddress) -> tuple[ipaddress.IPv4Address, ...]:
    """IPv4 addresses an IPv6 address carries (mapped, compatible, 6to4, Teredo, NAT64)."""
    if not isinstance(address, ipaddress.IPv6Address):
        return ()
    found = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
    low32 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _NAT64 or int(address) >> 32 == 0:  # NAT64 and IPv4-compatible ::a.b.c.d
        found.append(low32)
    return tuple(a for a in found if a is not None)


def parse_ip_host(host: str) -> IPAddress | None:
    """The address an IP-literal host names, as inet_aton reads it (127.1, 0x7f.1, 2130706433)."""
    host = host.strip("[]")
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.replace("%25", "%"))
        except ValueError:
            raise BlockedUrlError(f"bad IPv6 literal {host!r}") from None
    parts = host.removesuffix(".").split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_inet_number(part) for part in parts]
    if any(n is None for n in numbers):
        return None
    *head, last = [n for n in numbers if n is not None]
    if any(n > 0xFF for n in head) or last >= 256 ** (5 - len(parts)):
        raise BlockedUrlError(f"bad IPv4 literal {host!r}")
    value = last
    for index, n in enumerate(head):  # leading parts fill the top bytes, the last part the rest
        value |= n << (24 - 8 * index)
    return ipaddress.IPv4Address(value)


def _inet_number(part: str) -> int | None:
    """One inet_aton component: 0x hex, leading-zero octal or decimal; None if not a number."""
    try:
        if part[:2].lower() == "0x":
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part, 8)
        return int(part, 10) if part.isascii() and part.isdigit() else None
    except ValueError:
        return None


def check_url(url: str | URL, policy: AddressPolicy) -> URL:
    """The parsed URL if its scheme, credentials and literal host pass; BlockedUrlError if not."""
    try:
        parsed = url if isinstance(url, URL) else URL(url.strip())
    except ValueError:
        raise BlockedUrlError("unparsable URL") from None
    if parsed.scheme not in SCHEMES:
        raise BlockedUrlError(f"scheme {parsed.scheme!r} is not fetched")
    if parsed.raw_user is not None or parsed.raw_password is not None:
        # `http://public@127.0.0.1` fools readers about the host, and aiohttp would send the
        # credentials as Basic auth: never useful for an article.
        raise BlockedUrlError("URLs with credentials are not fetched")
    host = parsed.raw_host
    if not host:
        raise BlockedUrlError("URL has no host")
    address = parse_ip_host(host)
    if address is not None:
        policy.check(address, host)
    elif not _HOSTNAME.fullmatch(host):
        raise BlockedUrlError(f"unusual host {host!r}")
    return parsed.with_fragment(None)


class GuardedResolver(AbstractResolver):
    """Resolve once through `inner`; refuse the host if any answer is not permitted."""

    def __init__(self, policy: AddressPolicy, inner: AbstractResolver) -> None:
        self.policy = policy
        self.inner = inner

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        literal = parse_ip_host(host)
        if literal is not None:
            # aiohttp hands non-canonical literals (0x7f.1) to the resolver; answer them ourselves.
            self.policy.check(literal, host)
            return [_literal_answer(host, literal, port)]
        try:
            answers = await self.inner.resolve(host, port, family)
        except OSError as exc:
            raise UnreachableError(f"cannot resolve {host}: {exc}") from exc
        if not answers:
            raise UnreachableError(f"no addresses for {host}")
        checked: list[ResolveResult] = []
        for answer in answers:
            try:
                address = ipaddress.ip_address(answer["host"])
            except ValueError:
                raise BlockedUrlError(f"{host} answered {answer['host']!r}") from None
            self.policy.check(address, host)
            checked.append(ResolveResult(**answer))
        return checked

    async def close(self) -> None:
        await self.inner.close()


def _literal_answer(host: str, address: IPAddress, port: int) -> ResolveResult:
    family = socket.AF_INET if address.version == 4 else socket.AF_INET6
    return ResolveResult(
        hostname=host, host=str(address), port=port, family=family, proto=0, flags=0
    )
