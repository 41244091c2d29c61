"""scripts/_venv.sh, the setup behind the README's two commands: it installs only when
pyproject.toml changed, and a test install also serves a plain run. Real bash runs the real script
in a copy of the repository's top level; only pip is replaced by a recorder (an install needs the
network)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import paths

INSTALL = "-m pip install --quiet --disable-pip-version-check --editable "
PIP_RECORDER = """#!/bin/sh
echo "$@" >> "$(dirname "$0")/../pip.log"
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of scripts/ and pyproject.toml with a .venv whose python records pip calls."""
    shutil.copytree(paths.ROOT / "scripts", tmp_path / "scripts")
    shutil.copy(paths.ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    fake = bin_dir / "python"
    fake.write_text(PIP_RECORDER)
    fake.chmod(0o755)
    return tmp_path


def setup(checkout: Path, extra: str = "") -> list[str]:
    """Source _venv.sh as run.sh (no extra) or test.sh ('test') does; the pip calls it made."""
    subprocess.run(
        ["bash", "-c", f"source scripts/_venv.sh {extra}"],
        cwd=checkout,
        check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
    )
    log = checkout / ".venv" / "pip.log"
    calls = log.read_text().splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return calls


def digest(checkout: Path) -> str:
    return hashlib.sha256((checkout / "pyproject.toml").read_bytes()).hexdigest()


def test_first_start_installs_and_second_installs_nothing(checkout: Path) -> None:
    assert setup(checkout) == [INSTALL + "."]
    assert (checkout / ".venv" / ".installed-base").read_text().strip() == digest(checkout)
    assert setup(checkout) == []


def test_a_test_install_serves_a_plain_run_but_not_the_reverse(checkout: Path) -> None:
    assert setup(checkout, "test") == [INSTALL + ".[test]"]
    assert setup(checkout) == []  # run.sh after test.sh: nothing to install
    (checkout / ".venv" / ".installed-test").unlink()
    setup(checkout)  # a base install
    # The test extras are not in a base install.
    assert setup(checkout, "test") == [INSTALL + ".[test]"]


def test_a_changed_pyproject_installs_again(checkout: Path) -> None:
    setup(checkout)
    with (checkout / "pyproject.toml").open("a") as file:
        file.write("\n# changed\n")
    assert setup(checkout) == [INSTALL + "."]
