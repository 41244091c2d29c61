"""Feed documents for tests: the same items as RSS 2.0, Atom 1.0 or RSS 1.0 (RDF)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Item:
    """One feed entry; `content` is a full-content feed's body (content:encoded / Atom content)."""

    guid: str
    title: str
    link: str
    summary: str = ""
    content: str = ""
    categories: tuple[str, ...] = ()
    published: str = "Mon, 01 Jun 2026 08:00:00 GMT"


def rss(
    items: Sequence[Item], title: str = "Harbour News", link: str = "http://example.com/"
) -> str:
    """RSS 2.0, with content:encoded for items that carry content."""
    entries = []
    for item in items:
        extra = "".join(f"<category>{escape(c)}</category>" for c in item.categories)
        if item.content:
            extra += f"<content:encoded>{escape(item.content)}</content:encoded>"
        entries.append(
            f"<item><title>{escape(item.title)}</title><link>{escape(item.link)}</link>"
            f'<guid isPermaLink="false">{escape(item.guid)}</guid>'
            f"<description>{escape(item.summary)}</description>"
            f"<pubDate>{item.published}</pubDate>{extra}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<description>News</description>{''.join(entries)}</channel></rss>"
    )


def atom(items: Sequence[Item], title: str = "Harbour News") -> str:
    """Atom 1.0: id, link rel=alternate, summary and (when given) HTML content."""
    entries = []
    for item in items:
        content = f'<content type="html">{escape(item.content)}</content>' if item.content else ""
        categories = "".join(f'<category term="{escape(c)}"/>' for c in item.categories)
        entries.append(
            f"<entry><id>{escape(item.guid)}</id><title>{escape(item.title)}</title>"
            f'<link rel="alternate" href="{escape(item.link)}"/>'
            f"<updated>2026-06-01T08:00:00Z</updated>"
            f"<summary>{escape(item.summary)}</summary>{content}{categories}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:harbour</id>"
        f"<updated>2026-06-01T08:00:00Z</updated>{''.join(entries)}</feed>"
    )


def rdf(items: Sequence[Item], title: str = "Harbour News") -> str:
    """RSS 1.0 (RDF): items are identified by rdf:about, which is their link."""
    about = "".join(f'<rdf:li rdf:resource="{escape(i.link)}"/>' for i in items)
    entries = "".join(
        f'<item rdf:about="{escape(i.link)}"><title>{escape(i.title)}</title>'
        f"<link>{escape(i.link)}</link><description>{escape(i.summary)}</description></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/">'
        f'<channel rdf:about="http://example.com/"><title>{escape(title)}</title>'
        "<link>http://example.com/</link><description>News</description>"
        f"<items><rdf:Seq>{about}</rdf:Seq></items></channel>{entries}</rdf:RDF>"
    )


def site_page(feed_url: str, kind: str = "application/rss+xml") -> str:
    """A site's home page that names its feed in a <link rel="alternate">."""
    return (
        "<!doctype html><html><head><title>Harbour</title>"
        f'<link rel="alternate" type="{kind}" title="Feed" href="{escape(feed_url)}">'
        "</head><body><p>Welcome</p></body></html>"
    )
