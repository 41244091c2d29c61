"""Every shape of a paste, generated from a saved page (the generator lives in tests/quality/shapes.py,
so the gates use the very same shapes); run it to see the shapes of one page.

    python -m benchmarks.paste_shapes --data ../shared/data/wcxb-dev --id 0001 [--shape para]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.quality.shapes import SHAPES, page_shapes, paragraphs, select_all, shapes

__all__ = ["SHAPES", "page_shapes", "paragraphs", "select_all", "shapes"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a wcxb-dev folder")
    parser.add_argument("--id", required=True)
    parser.add_argument("--shape", choices=SHAPES)
    args = parser.parse_args()
    with gzip.open(args.data / "ground-truth.jsonl.gz", "rt", encoding="utf-8") as lines:
        truth = next(t for t in map(json.loads, lines) if t["id"] == args.id)
    path = args.data / "html" / f"{args.id}.html.gz"
    for name, text in page_shapes(str(path), truth["main_content"], truth["title"]).items():
        if args.shape in (None, name):
            print(f"===== {name} ({len(text)} chars)\n{text[:3000]}\n")


if __name__ == "__main__":
    main()
