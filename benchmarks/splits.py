"""The one held-out split of every evaluation set, fixed before any tuning.

A record belongs to the HELD-OUT part when the SHA-256 of ``"gistbot-holdout:" + key`` (UTF-8) in
hex starts with 0-4 (5/16 of keys, about 31%); everything else is the TUNE part. The key groups
what must not be split across the parts:

| set                  | key                                   | held-out                          |
|----------------------|---------------------------------------|-----------------------------------|
| wcxb-dev             | the page's site (host without www.)   | 438 of 1,357 pages (223 articles) |
| extraction-dev       | the page's site                       | 13 of 47 pages                    |
| quotes-dev           | the publisher (id before the first _) | huff-post, nyt, wash-post (396)   |
| summaries-bbc-dev    | the item id                           | 107 of 300                        |
| summaries-cnndm-dev  | the item id                           | 25 of 84                          |

Tune only on the TUNE part; report HELD-OUT figures; never read held-out failures while tuning.
Anything trained is cross-validated within TUNE (folds by the same key).
"""

from __future__ import annotations

import hashlib
from typing import Literal
from urllib.parse import urlsplit

Part = Literal["tune", "held-out"]
_SALT = "gistbot-holdout:"


def part_of(key: str) -> Part:
    """The part a record with this grouping key belongs to."""
    digest = hashlib.sha256((_SALT + key).encode("utf-8")).hexdigest()
    return "held-out" if digest[0] in "01234" else "tune"


def site_of(url: str) -> str:
    """The grouping key of a web page: its host without a leading www."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def publisher_of(record_id: str) -> str:
    """The grouping key of a quotes-dev article: its publisher ('nyt_2016-...' -> 'nyt')."""
    return record_id.split("_", 1)[0]
