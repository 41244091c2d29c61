"""HTML -> Article with trafilatura; the title comes from the page's metadata."""

from __future__ import annotations

import json
import math
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from bot.errors import ExtractionError, NoArticleError, TooComplexError
from bot.i18n import messages as msg
from bot.models import Article
from bot.pipeline.text import WORD, word_count
from bot.pipeline.text.shape import SHAPE_FEATURES, shape_features

if TYPE_CHECKING:
    from lxml.html import HtmlElement  # type: ignore[import-untyped]  # lxml ships no stubs

# trafilatura's fast mode skips its fallback extractors (readability, jusText) when its own pass
# finds little; the full mode is what its defaults run.
FAST = False
# htmldate's extensive search guesses a date from any text on the page (a copyright line gives
# '2025-01-01'). On the wcxb-dev TUNE part (919 pages, 487 with a publication date) it finds 401
# right dates against 385 without it, but also puts a date on 417 of the 432 pages that have none
# (216 without it), and costs 14 ms a page (92.6 vs 78.4 ms, 15% of trafilatura's time).
EXTENSIVE_DATES = False

# Fewer words than a two-sentence news brief: a menu or an error page, not an article.
MIN_WORDS = 15

# Lines trafilatura keeps that are page furniture on any site: legal lines, share/print bars, bare links,
# contact lines. Kept short and generic on purpose (checked on extraction-dev, not tuned per page).
_FURNITURE = re.compile(
    r"""^(?:
        .*\b(?:all\ rights\ reserved|copyright\ ©|©\ ?\d{4})\b.*
      | [-•]?\s*(?:order\ reprints|print\ article|share\ this(?:\ article)?|click\ here\b.*|tags:?)
      | (?:https?://|www\.)\S+
      | write\ to\ .{1,60}\ at\ \S+@\S+
      | (?:see\ more|read\ more|related|don'?t\ miss|advertisement)\b.{0,120}
      | .{0,80}\bdelivered\ (?:to\ your\ inbox|(?:every\ )?(?:weekday\ )?(?:mornings?|daily|weekly))\b.{0,40}
      | (?:sign\ up|subscribe)\ (?:for|to)\ (?:our|the)\ .{0,60}newsletter.{0,60}
      | (?:\d+\ )?comments?(?:\ \(\d+\))?
      | (?:view|show|load|read)\ (?:all\ )?(?:\d+\ )?comments.{0,40}
      | (?:by|photo:?|image:?|credit:?)\ (?-i:[A-Z][\w.'’-]*,?(?:\ (?:[A-Z][\w.'’-]*,?|and|&)){0,5})
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


# The parse guard: structure no article has, whose parse grows faster than linearly (issue 10: 20k
# attributes on one tag parse in 1.1 s, 40k in 24 s; 250k table rows take 46 s and 785 MB). Limits
# ~3x the largest seen on wcxb-dev's tune part (919 pages: at most 15,793 tags, at most 6,993 "="
# in one tag, counting "=" inside attribute values), counted on the raw HTML of those pages.
MAX_TAGS = 50_000
MAX_EQUALS_IN_TAG = 20_000
_TAG = re.compile(r"<[A-Za-z][^>]*>?")


def check_structure(html: str) -> None:
    """Refuse, before parsing, a page with more tags or attributes on one tag than any article has."""
    if html.count("<") <= MAX_TAGS and html.count("=") <= MAX_EQUALS_IN_TAG:
        return  # fewer "<" than the tag limit, fewer "=" than one tag may hold: nothing to count
    for count, tag in enumerate(_TAG.finditer(html), 1):
        if count > MAX_TAGS:
            raise TooComplexError(f"more than {MAX_TAGS} tags")
        if tag.group().count("=") > MAX_EQUALS_IN_TAG:
            raise TooComplexError(f"a tag with more than {MAX_EQUALS_IN_TAG} attributes")


def extract(html: str, url: str | None) -> Article:
    """The article body of an HTML page as paragraphs, with title, author, date and site; a page
    that is not an article (a list of links, a shop page) is refused with NoArticleError."""
    article, signs = read_page(html, url)
    refusal = not_an_article(signs)
    if refusal is not None:
        raise NoArticleError(f"not an article: {url}", message=refusal)
    return article


def read_page(html: str, url: str | None) -> tuple[Article, list[float]]:
    """The page's article and its PAGE_FEATURES (what `not_an_article` decides on)."""
    check_structure(html)
    with warnings.catch_warnings():
        # trafilatura's downloader imports urllib3's SOCKS support, which warns when PySocks is
        # missing; we never download with trafilatura. Imported here: heavy, workers only.
        warnings.filterwarnings("ignore", message="SOCKS support in urllib3")
        import trafilatura
    from trafilatura.settings import Document, set_date_params
    from trafilatura.utils import load_html

    # Parsed once, with trafilatura's own parser and repairs: trafilatura works on a copy of the
    # tree, and the page-kind features read the same tree afterwards (a second parse cost ~2 ms).
    tree = load_html(html)
    if tree is None:
        raise ExtractionError(f"no HTML document in {url}")

    headings = _headings(html)
    # trafilatura's default pass can discard a whole article (a newsletter pop-up left open wraps
    # the page: no text at all); its recall-first pass is tried then only. Taken on every page it
    # was worse (wcxb-dev TUNE articles F1 0.944 -> 0.943, seven pages collapsing) and 20% slower.
    for favor_recall in (False, True):
        doc = trafilatura.bare_extraction(
            tree,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            fast=FAST,
            favor_recall=favor_recall,
            date_extraction_params=set_date_params(EXTENSIVE_DATES),
        )
        if not isinstance(doc, Document):  # trafilatura signals "nothing found" with None
            continue
        titles = page_titles(html, doc.title)
        names = plausible_names(site_names(html, doc.sitename, url), titles)
        title = choose_title(titles, headings, names)
        paragraphs = _body(doc.text or "", title)
        if sum(word_count(p) for p in paragraphs) >= MIN_WORDS:
            break
    else:
        raise ExtractionError(f"no article text in {url}")
    article = Article(
        title=title,
        paragraphs=paragraphs,
        url=url or None,
        author=_tidy(doc.author),
        date=_tidy(doc.date),
        site=_tidy(doc.sitename),
    )
    return article, page_features(html, tree, paragraphs)


# --- pages that are not articles ----------------------------------------------------------------
# A listing, a category page or a product grid extracts to item titles, teasers and prices; a card
# of them reads as nonsense. The page's own signs (links, og:type, schema.org types) and the shape
# of the extracted text go into a logistic model trained by benchmarks/train_page_kind.py on the
# wcxb-dev TUNE part (articles against listings and collections, folds by site), its threshold set
# so that at most 0.5% of the TUNE articles are refused in cross-validation.

KIND_FILE = "page_kind.json"
PAGE_FEATURES = (
    *SHAPE_FEATURES,
    "link_share",
    "log_links_per_100_words",
    "og_article",
    "schema_article",
    "schema_list",
    "shop",
)
_OG_TYPE = re.compile(
    r"<meta[^>]+(?:property|name)=[\"']og:type[\"'][^>]*content=[\"']([^\"']*)", re.IGNORECASE
)
_LD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_ARTICLE_TYPES = frozenset({"Article", "NewsArticle", "BlogPosting"})
_LIST_TYPES = frozenset({"CollectionPage", "ItemList"})
_SHOP = PAGE_FEATURES.index("shop")
_PROSE = PAGE_FEATURES.index("prose_share")
_LINKS = PAGE_FEATURES.index("link_share")
# Which answer a refused page gets (wording only, not tuned): under NO_PROSE of its words in prose
# paragraphs and under LINKY of its visible text in links, it "has too little running text"; a
# shop sign makes it "a shop page"; anything else is "a list of links".
NO_PROSE = 0.3
LINKY = 0.3

Floats = npt.NDArray[np.float64]


def page_features(html: str, tree: HtmlElement, paragraphs: tuple[str, ...]) -> list[float]:
    """PAGE_FEATURES: the extracted text's shape, the share of the page's visible text that is
    link text, links per 100 extracted words, and what og:type and schema.org types say.
    `tree` is the page parsed (it loses its scripts and styles here)."""
    og = _OG_TYPE.search(html[:200_000])
    og_type = og.group(1).strip().lower() if og else ""
    types = {t for found in _LD_TYPE.findall(html) for t in re.findall(r'"([^"]+)"', found)}
    text, linked, links = _link_text(tree)
    words = max(sum(word_count(p) for p in paragraphs), 1)
    return [
        *shape_features(paragraphs),
        linked / max(text, 1),
        math.log1p(links / words * 100),
        float(og_type == "article"),
        float(bool(types & _ARTICLE_TYPES)),
        float(bool(types & _LIST_TYPES)),
        float(og_type.startswith("product") or "Product" in types),
    ]


def _link_text(root: HtmlElement) -> tuple[int, int, int]:
    """Characters of visible text in the page's body, of them inside links, and the links."""
    for node in root.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    body = root.find("body")
    body = root if body is None else body
    anchors = list(body.iter("a"))
    linked = sum(len(" ".join(a.text_content().split())) for a in anchors)
    return len(" ".join(body.text_content().split())), linked, len(anchors)


@dataclass(frozen=True, slots=True)
class KindModel:
    """Standardised logistic model: P(the page is a list, not an article) from PAGE_FEATURES."""

    mean: Floats
    scale: Floats
    coef: Floats
    intercept: float
    threshold: float

    def probability(self, x: list[float]) -> float:
        z = float(((np.asarray(x) - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + math.exp(-z))


def kind_from_json(data: dict[str, Any]) -> KindModel:
    """The model from the trainer's JSON; refuses one trained on other features than the code's."""
    if tuple(data.get("features", ())) != PAGE_FEATURES:
        raise ValueError(f"{KIND_FILE} was trained on other features: retrain it")
    return KindModel(
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        coef=np.asarray(data["coef"], dtype=np.float64),
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
    )


@lru_cache(maxsize=1)
def kind_model() -> KindModel:
    """The shipped model (bot/data/page_kind.json), read once per process."""
    text = resources.files("bot").joinpath("data", KIND_FILE).read_text(encoding="utf-8")
    return kind_from_json(json.loads(text))


def not_an_article(x: list[float], model: KindModel | None = None) -> msg.Message | None:
    """The honest answer for a page that is not an article, or None for an article."""
    used = model or kind_model()
    if used.probability(x) <= used.threshold:
        return None
    if x[_SHOP]:
        return msg.ERROR_PAGE_SHOP
    if x[_PROSE] < NO_PROSE and x[_LINKS] < LINKY:
        return msg.ERROR_PAGE_NO_PROSE
    return msg.ERROR_PAGE_LIST


# Separators between a page title and its site's name: "Title - 9to5Mac", "Site | Title".
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-|–—·•:»]|::)\s+")
# A quoted attribute value: "…" or '…' (an apostrophe inside double quotes is text, not the end).
_VALUE = r"(\"[^\"]*\"|'[^']*')"
_OG_SITE = re.compile(
    r"<meta[^>]+(?:property|name)=[\"']og:site_name[\"'][^>]*content=" + _VALUE, re.IGNORECASE
)
_OG_SITE_REVERSED = re.compile(
    r"<meta[^>]+content=" + _VALUE + r"[^>]*(?:property|name)=[\"']og:site_name", re.IGNORECASE
)
# The page's own address: a page fetched through a redirect, a mirror or a local copy still names
# its site.
_OWN_URLS = (
    re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"']([^\"']+)", re.IGNORECASE),
    re.compile(r"<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)", re.IGNORECASE),
)
SITE_NAME_WORDS = 6  # a longer "site name" is a title or a slogan (trafilatura's fallback)
TITLE_NAME_WORDS = 4


def site_names(html: str, sitename: str | None, url: str | None) -> list[str]:
    """Names the page's site goes by: trafilatura's sitename, og:site_name (and each part of one
    set off by separators) and the host's name of the URL and of the page's canonical address
    ("www.9to5mac.com" -> "9to5mac")."""
    import html as entities

    names = [sitename or ""]
    head = html[:200_000]
    for pattern in (_OG_SITE, _OG_SITE_REVERSED):
        found = pattern.search(head)
        if found:
            own = entities.unescape(found.group(1)[1:-1])
            names += [own, *_TITLE_SEPARATOR.split(own)]  # "CNX Software - Embedded News"
    urls = [url or "", *(m.group(1) for p in _OWN_URLS if (m := p.search(head)))]
    for address in urls:
        host = urlsplit(address).hostname or ""
        parts = [p for p in host.lower().removeprefix("www.").split(".") if p]
        if len(parts) >= 2 and not host.replace(".", "").isdigit():
            names.append(parts[-2] if len(parts[-2]) > 3 or len(parts) == 2 else parts[-3])
    out: list[str] = []
    for name in (" ".join(n.split()) for n in names):
        if name and name not in out:
            out.append(name)
    return out


def plausible_names(names: list[str], titles: list[str]) -> list[str]:
    """The names that can be a site's: at most SITE_NAME_WORDS words, and not a whole page title
    of TITLE_NAME_WORDS or more (trafilatura falls back to the title when a page names no site;
    a one-word title such as "Robomow" may well be the site's name)."""
    whole = {_squash(t) for t in titles}
    return [
        n
        for n in names
        if len(n.split()) <= SITE_NAME_WORDS
        and not (_squash(n) in whole and len(n.split()) >= TITLE_NAME_WORDS)
    ]


def _squash(text: str) -> str:
    """Lower-cased letters and digits only: "9to5 Mac" and "9to5mac" compare equal."""
    return "".join(c for c in text.lower() if c.isalnum())


def _is_site(segment: str, names: list[str]) -> bool:
    """Whether a title segment is the site's name (or contains it, or is contained in it)."""
    seg = _squash(segment)
    if not seg:
        return False
    for name in names:
        squashed = _squash(name)
        if not squashed:
            continue
        if seg == squashed or (len(seg) >= 4 and seg in squashed):
            return True
        # "9to5Mac.com", "The Verge News": the name plus a few characters.
        if len(squashed) >= 6 and squashed in seg and len(seg) <= len(squashed) + 8:
            return True
    return False


def headline(title: str | None, names: list[str]) -> str | None:
    """The page title without the site's name before or after it ("Title - 9to5Mac",
    "Site | Title"); None when the title is the site's name alone."""
    if not title:
        return None
    cuts = list(_TITLE_SEPARATOR.finditer(title))
    start, end = 0, len(title)
    # Trailing site names first ("Title | Section | Site" loses only what names the site).
    while cuts and _is_site(title[cuts[-1].end() : end], names):
        end = cuts.pop().start()
    while cuts and _is_site(title[start : cuts[0].start()], names):
        start = cuts.pop(0).end()
    kept = title[start:end].strip()
    if not kept or _is_site(kept, names):
        return None
    return kept


# An <h1> whose attributes may hold ">" inside quotes (data-action="click->title#go").
_H1 = re.compile(r"<h1\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_MARKUP = re.compile(r"<[^>]+>")  # any tag inside a heading, closing tags too
_TIME = re.compile(r"<time\b.*?</time\s*>", re.IGNORECASE | re.DOTALL)  # a date inside the heading
HEADINGS = 3  # the first <h1>s looked at: a blog's name often comes before the post's heading
# The visible heading is the page's headline when it is this long and shares this share of its
# words with the metadata title (an SEO title rewords the heading; a logo or section <h1> shares
# nothing); set by hand, checked on the tune parts of wcxb-dev and extraction-dev.
HEADING_WORDS = (3, 30)
HEADING_OVERLAP = 0.3


def _headings(html: str) -> list[str]:
    """The texts of the page's first HEADINGS non-empty <h1>s, without a date inside them."""
    import html as entities

    found: list[str] = []
    for match in _H1.finditer(html):
        text = _tidy(entities.unescape(_MARKUP.sub(" ", _TIME.sub(" ", match.group(1)))))
        if text:
            found.append(text)
            if len(found) == HEADINGS:
                break
    return found


_OG_TITLE = re.compile(
    r"<meta[^>]+(?:property|name)=[\"']og:title[\"'][^>]*content=" + _VALUE, re.IGNORECASE
)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def page_titles(html: str, found: str | None) -> list[str]:
    """The page's og:title, its <title> and trafilatura's pick (which may be a part of them)."""
    import html as entities

    head = html[:200_000]
    og, tag = _OG_TITLE.search(head), _TITLE.search(head)
    titles = [og.group(1)[1:-1]] if og else []
    titles += [tag.group(1)] if tag else []
    titles = [_tidy(entities.unescape(t)) or "" for t in titles] + [_tidy(found) or ""]
    return [t for t in titles if t]


def choose_title(titles: list[str], headings: list[str], names: list[str]) -> str | None:
    """The page's headline: a visible <h1> that is the metadata title's first part ("Climate
    Change" of "Climate Change | Research Service"); else the <h1> sharing the most words with the
    metadata title, when it shares enough (or the first of headline length when there is no
    metadata title); else the first metadata title; all without the site's name."""
    meta = next((t for t in (headline(title, names) for title in titles) if t), None)
    best, best_share = None, 0.0
    for heading in headings:
        head = headline(heading, names)
        if head is None:
            continue
        if any(_leads(head, title) for title in titles):
            return head
        n = len(_words(head))
        if not HEADING_WORDS[0] <= n <= HEADING_WORDS[1]:
            continue
        if meta is None:
            return head
        share = len(set(_words(head)) & set(_words(meta))) / n
        if share >= HEADING_OVERLAP and share > best_share:
            best, best_share = head, share
    return best or meta


def _leads(head: str, title: str) -> bool:
    """The heading is the title's part before its first separator."""
    parts = _TITLE_SEPARATOR.split(title, maxsplit=1)
    return len(parts) == 2 and bool(_words(head)) and _words(parts[0]) == _words(head)


def _body(text: str, title: str | None) -> tuple[str, ...]:
    """Paragraphs of trafilatura's text without the repeated headline and generic furniture lines."""
    lines = [line.strip() for line in text.split("\n")]
    kept = [line for line in lines if line and not _FURNITURE.match(line)]
    title_words = _words(title or "")
    # The headline repeated as the body's first lines is shown once, as the card's title.
    while kept and title_words and _same_words(_words(kept[0]), title_words):
        kept.pop(0)
    return tuple(kept)


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _same_words(line: list[str], title: list[str]) -> bool:
    """True when the line is the title, or the title minus a section prefix like 'Opinion |'."""
    return bool(line) and (line == title or (len(line) >= 3 and title[-len(line) :] == line))


def _tidy(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
