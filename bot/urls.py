"""URL keys: one spelling per article, so caches and "already summarized" checks match repeats.

courlan (trafilatura's URL library) does the normalisation: scheme and host case, default ports,
its tracking-parameter list, sorted query parameters. We drop the fragment too, and the few click
trackers its list lacks.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan

# Click trackers courlan 1.4 keeps, from what browsers' "copy clean link" features strip.
_MORE_TRACKING = frozenset(
    {"si", "ncid", "cmpid", "ttclid", "li_fat_id", "s_cid", "_hsenc", "_hsmi"}
)


def normalize_url(url: str) -> str:
    """`url` with the host lowercased, default port, fragment and tracking parameters removed."""
    parts = urlsplit(courlan.normalize_url(url.strip()))
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _MORE_TRACKING
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))


def host_of(url: str) -> str:
    """The lowercased host name of `url` ('' when it has none)."""
    return (urlsplit(url).hostname or "").lower()


def in_domains(url: str, domains: tuple[str, ...]) -> bool:
    """True when `url`'s host is one of `domains` or a subdomain of one."""
    host = host_of(url)
    return any(host == d or host.endswith("." + d) for d in domains)
