"""English titles that nupunkt's model sometimes takes for a sentence end (other languages use
sentencex's own abbreviation data).

Written for this project from common newspaper usage (no list copied).
"""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English titles before a name never end a sentence (the English splitter is nupunkt; this list
# only repairs its rare misses).
ENGLISH_TITLES = _set(
    "Mr. Mrs. Ms. Dr. Prof. Rev. Gov. Sen. Rep. Gen. Lt. Col. Maj. Capt. Sgt. Cpl. Adm. Pvt."
)
