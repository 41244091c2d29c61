"""A checker for Telegram's HTML parse mode, strict like the Bot API: what it rejects, this rejects."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Tags the Bot API accepts (https://core.telegram.org/bots/api#html-style) and the attributes each may carry.
ALLOWED: dict[str, set[str]] = {
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "u": set(),
    "ins": set(),
    "s": set(),
    "strike": set(),
    "del": set(),
    "tg-spoiler": set(),
    "span": {"class"},
    "a": {"href"},
    "code": {"class"},
    "pre": set(),
    "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


class TelegramHtmlError(ValueError):
    """The text would make the Bot API answer "can't parse entities"."""


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            raise TelegramHtmlError(f"unsupported start tag {tag!r}")
        for name, _ in attrs:
            if name not in ALLOWED[tag]:
                raise TelegramHtmlError(f"unsupported attribute {name!r} on {tag!r}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise TelegramHtmlError(f"unexpected end tag {tag!r}")
        self.stack.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            raise TelegramHtmlError(f"unsupported entity &{name};")


def check(text: str) -> str:
    """Return the visible text of a valid message, or raise TelegramHtmlError."""
    bare = re.sub(r"<[^>]*>", "", text)
    if "&" in bare and _ENTITY.sub("", bare).count("&"):
        raise TelegramHtmlError("unescaped '&'")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise TelegramHtmlError(f"unclosed tags {checker.stack}")
    if "<" in bare or ">" in bare:
        raise TelegramHtmlError("raw angle bracket")
    visible = _ENTITY.sub("x", bare)
    if not visible.strip():
        raise TelegramHtmlError("message text is empty")
    units = len(visible.encode("utf-16-le")) // 2  # Telegram counts UTF-16 code units
    if units > 4096:
        raise TelegramHtmlError(f"message is too long ({units} > 4096)")
    return visible
