"""Score the link path (HTML -> article body) on a folder like ../shared/data/extraction-dev.

    python benchmarks/extraction.py --data ../shared/data/extraction-dev

Metric (the data README's): bags of 4-word shingles; precision/recall averaged over pages; F1 of the means.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.metrics import Score, score_pages
from bot.errors import GistError
from bot.models import Page
from bot.pipeline.extract import extract


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--show-worst", type=int, default=0, help="print the N worst pages")
    args = parser.parse_args()
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    pairs: list[tuple[str, str, str]] = []
    for page_id, item in sorted(truth.items()):
        html = gzip.decompress((args.data / "html" / f"{page_id}.html.gz").read_bytes()).decode(
            "utf-8"
        )
        page = Page(url=item.get("url", ""), text=html, content_type="text/html", charset="utf-8")
        try:
            body = extract(page).text
        except GistError:
            body = ""
        pairs.append((page_id, body, item["articleBody"]))
    result = score_pages([(body, want) for _, body, want in pairs])
    print(f"pages {len(pairs)}  {result}")
    if args.show_worst:
        per_page = [(Score.of(body, want).f1, page_id) for page_id, body, want in pairs]
        for f1, page_id in sorted(per_page)[: args.show_worst]:
            print(f"  {f1:.3f} {page_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
