"""Abbreviations that end in a period without ending the sentence, for the rule splitter.

Written for this project from common newspaper usage (no list copied); lower case, without the
final period; one-letter abbreviations and initials are handled by a rule, not listed here.
"""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


ABBREVIATIONS: dict[str, frozenset[str]] = {
    "de": _set(
        "abs bzw ca co dr evtl ggf hr hrsg inkl jh jhd mio mrd nr prof str vgl bspw bzgl"
        " gegr geb gest max min mind sog tel u.a z.b d.h u.ä z.t o.ä s.o s.u v.a"
        " jan feb febr mär apr aug sep sept okt nov dez st"
    ),
    "fr": _set(
        "mm mme mmes mlle mlles dr pr me st ste av bd cf chap env ex éd vol art p.ex c.-à-d"
        " janv févr avr juil sept oct nov déc"
    ),
    "es": _set(
        "sr sra srta sres dr dra dña ud uds lic ing prof ej p.ej núm pág aprox avda av gral"
        " col sto sta ee.uu cía vs ene feb mar abr jun jul ago sept oct nov dic"
    ),
}

# English titles before a name never end a sentence (the English splitter is nupunkt; this list
# only repairs its rare misses).
ENGLISH_TITLES = _set(
    "Mr. Mrs. Ms. Dr. Prof. Rev. Gov. Sen. Rep. Gen. Lt. Col. Maj. Capt. Sgt. Cpl. Adm. Pvt."
)

# German writes ordinal dates as "am 3. Oktober": a number's period before a month is no boundary.
MONTHS: dict[str, frozenset[str]] = {
    "de": _set(
        "januar jänner februar märz april mai juni juli august september oktober november dezember"
        " jan feb mär apr jun jul aug sep sept okt nov dez"
    ),
}
