"""With the network cut, a fresh install summarizes: nothing downloads data or models at run time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import paths

ROOT = paths.ROOT
EXAMPLE = ROOT / "examples" / "harbour-bridge.html"

# Loaded into the child through PYTHONPATH: every non-loopback connect or DNS lookup is refused and logged.
GUARD = """
import ipaddress, os, socket
_log = os.environ["NET_GUARD_LOG"]
def _refuse(what):
    with open(_log, "a") as f:
        f.write(repr(what) + "\\n")
    raise OSError(101, "network is unreachable (cut by test)")
def _local(host):
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
_connect = socket.socket.connect
def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse(address)
    return _connect(self, address)
socket.socket.connect = connect
_getaddrinfo = socket.getaddrinfo
def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _local(host if isinstance(host, str) else host.decode()):
        _refuse(host)
    return _getaddrinfo(host, *args, **kwargs)
socket.getaddrinfo = getaddrinfo
"""

TEXT = (
    "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen. Die Schulen bekommen mehr Geld. "
    "Die Bürgermeisterin sagte, das sei ein guter Tag für die Stadt. Die Opposition stimmte dagegen. "
    "Sie kritisierte die hohen Schulden der Stadt. Der Haushalt gilt ab Januar. "
) * 4


def run_cut_off(tmp_path: Path, prefix: list[str]) -> subprocess.CompletedProcess[str]:
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    text_file = tmp_path / "artikel.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),  # no cached NLTK or model data from the developer's home
        "NLTK_DATA": str(tmp_path / "no-nltk-data"),
        "PYTHONPATH": str(guard_dir),
        "NET_GUARD_LOG": str(tmp_path / "attempts.log"),
        "LOG_LEVEL": "WARNING",
    }
    cmd = [
        *prefix,
        sys.executable,
        "-m",
        "bot",
        "summarize",
        "--format",
        "json",
        str(EXAMPLE),
        str(text_file),
    ]
    return subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def check_ok(result: subprocess.CompletedProcess[str], tmp_path: Path) -> None:
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["ok"] for r in lines] == [True, True]
    assert lines[1]["language"] == "de"
    attempts = tmp_path / "attempts.log"
    assert not attempts.exists(), attempts.read_text()


def test_summarize_with_network_guard(tmp_path: Path) -> None:
    """Every outbound connection or lookup is refused and recorded; none is attempted."""
    check_ok(run_cut_off(tmp_path, []), tmp_path)


def _can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    return (
        subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False).returncode == 0
    )


@pytest.mark.skipif(
    not _can_unshare(), reason="needs `unshare -rn` (user namespaces) to cut the network"
)
def test_summarize_in_a_network_namespace_without_network(tmp_path: Path) -> None:
    """In a namespace with no network at all, the example and a German text still summarize."""
    check_ok(run_cut_off(tmp_path, ["unshare", "-rn"]), tmp_path)
