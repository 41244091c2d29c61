"""The repository itself: no merge left half-done in a tracked file."""

from __future__ import annotations

import subprocess

from tests import paths

MARKERS = ("<<<<<<< ", ">>>>>>> ")


def test_no_conflict_markers_in_tracked_files() -> None:
    """No tracked text file carries a merge's conflict markers."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=paths.ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders = []
    for name in tracked:
        path = paths.ROOT / name
        if path.suffix in {".mo", ".gz", ".png"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(line.startswith(MARKERS) for line in text.splitlines()):
            offenders.append(name)
    assert offenders == []
