"""The shared runner of the benchmarks: the product path (tests/quality/product.py) plus data lookup.

Every benchmark builds its pipeline with `open_pipeline()` and feeds it what a user sends: saved
pages through the local `PageServer` as `UrlSource(url)`, pasted text as `TextSource(text)`.
"""

from __future__ import annotations

import asyncio
import functools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make the repo root importable
    sys.path.insert(0, str(REPO))

from bot.pipeline.core import Pipeline  # noqa: E402
from tests.quality.product import (  # noqa: E402
    WORKERS,
    Job,
    PageServer,
    Result,
    open_pipeline,
    run_all,
    run_one,
)

__all__ = [
    "REPO",
    "WORKERS",
    "Job",
    "PageServer",
    "Result",
    "find_data",
    "map_in_pool",
    "open_pipeline",
    "run_all",
    "run_one",
]

T = TypeVar("T")


def find_data(given: Path | None = None) -> Path:
    """The shared evaluation data: `given`, else the first of <repo>/../shared/data, ../../shared/data."""
    if given is not None:
        return given
    for candidate in (REPO.parent / "shared" / "data", REPO.parent.parent / "shared" / "data"):
        if candidate.is_dir():
            return candidate
    raise SystemExit(f"no evaluation data beside {REPO}: pass --data")


async def map_in_pool(
    pipeline: Pipeline, function: Callable[..., T], args: Iterable[tuple[Any, ...]]
) -> list[T]:
    """`function(*a)` for every `a` in the pipeline's worker pool (top-level functions only)."""
    calls = [functools.partial(function, *a) for a in args]
    return list(await asyncio.gather(*(pipeline.workers.run(call) for call in calls)))
