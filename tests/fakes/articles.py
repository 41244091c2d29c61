"""A local article server on 127.0.0.1: generated articles, dead links that come back, slow ones."""

from __future__ import annotations

import asyncio
import html
import random

from aiohttp import web

from tests.fakes.pages import PageServer

_NAMES = ["Maria Lopez", "Daniel Okafor", "Priya Raman", "Thomas Becker", "Elena Petrova"]
_SUBJECTS = [
    "The city council",
    "Researchers at the university",
    "The regional water board",
    "A coalition of farmers",
    "The transport ministry",
    "Local shop owners",
]
_VERBS = ["approved", "questioned", "announced", "delayed", "expanded", "reviewed"]
_OBJECTS = [
    "a plan to rebuild the old harbour bridge",
    "new rules for night-time deliveries",
    "a study of river pollution near the mills",
    "funding for three rural clinics",
    "the budget for the winter road programme",
    "a pilot scheme for shared electric bikes",
]
_TAILS = [
    "after months of public debate.",
    "despite objections from several neighbourhoods.",
    "following a report published last spring.",
    "in a vote that surprised observers.",
    "as costs continued to rise across the region.",
    "with support from national agencies.",
]


def article_html(name: str, paragraphs: int = 8) -> str:
    """A deterministic article page for `name`: title with HTML-hostile characters, body, quotes."""
    rng = random.Random(name)
    speaker = rng.choice(_NAMES)
    title = f"Harbour & river <plans> {name}: what changes"
    body = []
    for index in range(paragraphs):
        sentences = [
            " ".join(rng.choice(words) for words in (_SUBJECTS, _VERBS, _OBJECTS, _TAILS))
            for _ in range(4)
        ]
        if index == 2:
            sentences.append(
                f"“We have waited far too long for a decision that every family here can feel,” "
                f"said {speaker}, who leads the residents' association."
            )
        body.append(f"<p>{html.escape(' '.join(sentences))}</p>")
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{html.escape(title)}</title>"
        f'<meta property="og:title" content="{html.escape(title)}"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>"
        f"<p class=byline>By {speaker}</p>{''.join(body)}</article><footer>© Local News</footer>"
        "</body></html>"
    )


class ArticleServer(PageServer):
    """The page server with generated articles: `/a/<name>` is an article; `/dead/<name>` answers
    404 until `revive(name)`; `/slow/<name>` waits for `slow_gate`; `/real/<n>` serves saved pages."""

    def __init__(self, real_pages: list[bytes] | None = None) -> None:
        super().__init__()
        self.real_pages = real_pages or []  # `/real/<n>` serves these saved pages, round robin
        self.alive: set[str] = set()
        self.hits: dict[str, int] = {}
        self.slow_gate = asyncio.Event()
        self.slow_waiting = 0
        self.add_prefix("/a/", self._article)
        self.add_prefix("/dead/", self._dead)
        self.add_prefix("/slow/", self._slow)
        self.add_prefix("/real/", self._real)

    async def stop(self) -> None:
        self.slow_gate.set()
        await self.close()

    def url(self, path: str = "/", host: str | None = None) -> str:
        """The article called `path` (a bare name), or any path on the server ('/x')."""
        return super().url(path if path.startswith("/") else f"/a/{path}", host)

    def dead_url(self, name: str) -> str:
        return super().url(f"/dead/{name}")

    def slow_url(self, name: str) -> str:
        return super().url(f"/slow/{name}")

    def real_url(self, n: int) -> str:
        return super().url(f"/real/{n}")

    def revive(self, name: str) -> None:
        self.alive.add(name)

    async def _article(self, request: web.Request) -> web.Response:
        name = _name(request)
        self.hits[name] = self.hits.get(name, 0) + 1
        return web.Response(text=article_html(name), content_type="text/html")

    async def _real(self, request: web.Request) -> web.Response:
        page = self.real_pages[int(_name(request)) % len(self.real_pages)]
        return web.Response(body=page, content_type="text/html", charset="utf-8")

    async def _dead(self, request: web.Request) -> web.Response:
        name = _name(request)
        if name not in self.alive:
            return web.Response(status=404, text="gone")
        return web.Response(text=article_html(name), content_type="text/html")

    async def _slow(self, request: web.Request) -> web.Response:
        """An article that is served only once `slow_gate` is set (holds a job slot meanwhile)."""
        self.slow_waiting += 1
        await self.slow_gate.wait()
        return web.Response(text=article_html(_name(request)), content_type="text/html")


def _name(request: web.Request) -> str:
    return request.path.rsplit("/", 1)[-1]
