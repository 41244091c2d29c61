"""Print every figure the quality gates (tests/quality/test_gates.py) pin, on their fixed samples.

    python -m benchmarks.gates

A floor is the figure printed here on main, minus 0.01; the gate's docstring says which.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.product import find_data
from tests.quality import figures
from tests.quality.product import make_pool


async def measure(data: Path) -> None:
    pool = make_pool()
    try:
        for name in (
            "extraction_dev",
            "wcxb_articles",
            "wcxb_list_pages",
            "cnndm_one_paragraph",
            "summaries",
            "key_quotes",
        ):
            started = time.perf_counter()
            values = await getattr(figures, name)(data, pool)
            cells = "  ".join(f"{k} {v:.4f}" for k, v in values.items())
            print(f"{name:<20} {cells}  ({time.perf_counter() - started:.1f} s)")
        started = time.perf_counter()
        values = await figures.language_speakers(pool)  # our passages: no shared data
        cells = "  ".join(f"{k} {v:.4f}" for k, v in values.items())
        print(f"{'language_speakers':<20} {cells}  ({time.perf_counter() - started:.1f} s)")
    finally:
        await pool.close()


def main() -> None:
    print(f"$ python -m benchmarks.gates {' '.join(sys.argv[1:])}")
    asyncio.run(measure(find_data(Path(sys.argv[1]) if len(sys.argv) > 1 else None)))


if __name__ == "__main__":
    main()
