"""URL keys: one spelling per article, so caches and "already summarized" checks match repeats."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the click, never change the page. The list follows what
# browsers' "copy clean link" features strip (utm_*, click ids of the big ad networks, mail tools).
_TRACKING_PREFIXES = ("utm_", "_hs", "mc_", "pk_", "mtm_")
_TRACKING_NAMES = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
     "ttclid", "li_fat_id", "_ga", "_gl", "ref_src", "ref_url", "si", "s_cid", "ncid", "cmpid"}
)  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """`url` with the host lowercased, default port, fragment and tracking parameters removed."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def host_of(url: str) -> str:
    """The lowercased host name of `url` ('' when it has none)."""
    return (urlsplit(url).hostname or "").lower()


def in_domains(url: str, domains: tuple[str, ...]) -> bool:
    """True when `url`'s host is one of `domains` or a subdomain of one."""
    host = host_of(url)
    return any(host == d or host.endswith("." + d) for d in domains)


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return low in _TRACKING_NAMES or low.startswith(_TRACKING_PREFIXES)
