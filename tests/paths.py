"""Where tests find things: the repository, its own test data, and the shared evaluation data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = ROOT / "tests" / "data"
# ../shared/data beside the checkout (the main checkout, CI's clone), or one level further up for a
# worktree under /work/wt/<name>.
_SHARED = (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data")


def shared_data() -> Path:
    """The shared evaluation data folder. Where it is missing the test is skipped, except in CI
    (the CI environment variable is set), which always has it: there a missing folder fails."""
    for folder in _SHARED:
        if folder.is_dir():
            return folder
    message = f"no shared evaluation data at {_SHARED[0]}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
