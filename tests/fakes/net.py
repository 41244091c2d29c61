"""Network seams for tests: a scripted DNS resolver and a tripwire on outgoing TCP connects."""

from __future__ import annotations

import errno
import ipaddress
import socket
from collections.abc import Sequence
from typing import Any

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult


class StubResolver(AbstractResolver):
    """Answers lookup n with `rounds[n]` (the last round repeats) and records every lookup."""

    def __init__(self, *rounds: Sequence[str]) -> None:
        self.rounds = rounds
        self.lookups: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.lookups.append(host)
        answer = self.rounds[min(len(self.lookups), len(self.rounds)) - 1]
        return [_result(host, address, port) for address in answer]

    async def close(self) -> None:
        return None


def _result(host: str, address: str, port: int) -> ResolveResult:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    return ResolveResult(hostname=host, host=address, port=port, family=family, proto=0, flags=0)


class ConnectLog:
    """Every TCP destination a socket tried to connect to while the tripwire was set."""

    def __init__(self) -> None:
        self.attempts: list[str] = []
        self.refused: list[str] = []


def _is_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return host == "localhost"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def set_tripwire(monkeypatch: pytest.MonkeyPatch) -> ConnectLog:
    """Record every IP connect and refuse (EACCES) any that is not to a loopback address.

    asyncio's selector loop connects through `socket.socket.connect`, so this sees aiohttp's
    connections too; a regression in the fetcher can therefore never send a packet off this host.
    """
    log = ConnectLog()
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        host = str(address[0])
        log.attempts.append(host)
        if not _is_loopback(host):
            log.refused.append(host)
            raise PermissionError(errno.EACCES, f"test tripwire: no connects to {host}")

    def connect(sock: socket.socket, address: Any) -> None:
        check(sock, address)
        original_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        check(sock, address)
        return original_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    return log
