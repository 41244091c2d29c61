"""Random and malformed Telegram updates for fuzzing the handlers.

Updates are well-formed enough for python-telegram-bot to parse (the Bot API never sends less), and
hostile in every other way: entities whose offsets run past the text, huge or zero lengths, astral
characters that shift UTF-16 offsets, markup characters, missing senders, odd chat kinds, forwards
from every origin, nested replies, documents with lying sizes, callback data of any shape.
Links only ever point at the `urls` given (the tests' local servers or refused addresses).
"""

from __future__ import annotations

import random
from typing import Any

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCXYZ абвгдежзиклмн ЁЇІЄҐ äöüßéèçñ 0123456789 \n\n"
    "“”«»„‘’\"'<>&;—–-…?!, 😀𝕏🇺🇦\u200b\u202e\u0301\ufeff"
)
ENTITY_TYPES = ["url", "text_link", "mention", "bot_command", "bold", "italic", "hashtag", "code"]
CHAT_KINDS = ["private", "group", "supergroup", "channel"]
COMMANDS = [
    "/tldr",
    "/start",
    "/help",
    "/settings",
    "/settings skip",
    "/settings unskip",
    "/tldr@gist_bot",
]


def _text(rng: random.Random, urls: list[str]) -> str:
    size = rng.choice([0, 1, 5, 40, 80, 300, 5000])
    parts = ["".join(rng.choice(ALPHABET) for _ in range(size))]
    for _ in range(rng.randint(0, 3)):
        parts.insert(rng.randint(0, len(parts)), rng.choice([*urls, *COMMANDS, "@gist_bot"]))
    if rng.random() < 0.2:
        parts.append(" ".join(["word"] * rng.choice([59, 60, 61, 500])))
    return " ".join(parts)


def _entities(rng: random.Random, text: str, urls: list[str]) -> list[dict[str, Any]]:
    out = []
    length = len(text.encode("utf-16-le")) // 2
    for _ in range(rng.randint(0, 6)):
        kind = rng.choice(ENTITY_TYPES)
        offset = rng.choice([0, rng.randint(0, max(0, length)), length + rng.randint(0, 50)])
        entity: dict[str, Any] = {
            "type": kind,
            "offset": offset,
            "length": rng.choice([0, 1, 7, length, 10**6]),
        }
        if kind == "text_link":
            entity["url"] = rng.choice(urls)
        out.append(entity)
    return out


def _chat(rng: random.Random, kind: str | None = None) -> dict[str, Any]:
    kind = kind or rng.choice(CHAT_KINDS)
    chat: dict[str, Any] = {
        "id": rng.choice([1, 2, -100123, -4242]) * rng.randint(1, 3),
        "type": kind,
    }
    if kind == "private":
        chat["first_name"] = "Fuzz"
    else:
        chat["title"] = "Fuzz chat"
    if rng.random() < 0.3:
        chat["username"] = rng.choice(["newsroom", "x" * 32, "канал"])
    return chat


def _origin(rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(["channel", "user", "hidden_user", "chat"])
    origin: dict[str, Any] = {"type": kind, "date": 1_700_000_000}
    if kind == "channel":
        origin["chat"] = _chat(rng, "channel")
        origin["message_id"] = rng.randint(1, 10**9)
    elif kind == "user":
        origin["sender_user"] = {"id": 7, "is_bot": False, "first_name": "Someone"}
    elif kind == "hidden_user":
        origin["sender_user_name"] = "Hidden"
    else:
        origin["sender_chat"] = _chat(rng, "group")
    return origin


def message(rng: random.Random, urls: list[str], depth: int = 0) -> dict[str, Any]:
    """A message dict with random content."""
    chat = _chat(rng)
    msg: dict[str, Any] = {"message_id": rng.randint(1, 10**6), "date": 1_700_000_000, "chat": chat}
    if chat["type"] == "channel":
        msg["sender_chat"] = chat
    elif rng.random() < 0.9:
        msg["from"] = {
            "id": rng.choice([1, 2, 3, 777]),
            "is_bot": rng.random() < 0.1,
            "first_name": "U",
        }
    text = _text(rng, urls)
    field = rng.choice(["text", "text", "caption", "none"])
    if field == "text" and text:
        msg["text"] = text
        msg["entities"] = _entities(rng, text, urls)
    elif field == "caption":
        msg["caption"] = text
        msg["caption_entities"] = _entities(rng, text, urls)
        msg["photo"] = [{"file_id": "p", "file_unique_id": "pu", "width": 1, "height": 1}]
    if rng.random() < 0.25:
        msg["forward_origin"] = _origin(rng)
    if rng.random() < 0.1:
        msg["is_automatic_forward"] = True
    if rng.random() < 0.2:
        msg["document"] = {
            "file_id": "doc",
            "file_unique_id": "docu",
            "file_name": rng.choice(["a.txt", "b.html", "c.pdf", "", "x" * 300 + ".txt"]),
            "file_size": rng.choice([0, 10, 10**9]),
        }
    if depth < 2 and rng.random() < 0.2:
        msg["reply_to_message"] = message(rng, urls, depth + 1)
    return msg


def update(rng: random.Random, urls: list[str]) -> tuple[str, dict[str, Any]]:
    """(update kind, payload) for FakeBotAPI.push."""
    kind = rng.choice(
        [
            "message",
            "message",
            "edited_message",
            "channel_post",
            "edited_channel_post",
            "callback_query",
        ]
    )
    if kind == "callback_query":
        data = rng.choice(
            ["r:1", "r:999999", "s:len:short", "s:quotes", "s:", "garbage", "r:" + "9" * 60]
        )
        return kind, {
            "id": str(rng.randint(1, 10**9)),
            "from": {"id": rng.choice([1, 2, 777]), "is_bot": False, "first_name": "U"},
            "chat_instance": "ci",
            "data": data,
            "message": message(rng, urls),
        }
    payload = message(rng, urls)
    if kind in ("edited_message", "edited_channel_post"):
        payload["edit_date"] = 1_700_000_100
    if kind.endswith("channel_post"):
        payload["chat"] = _chat(rng, "channel")
        payload["sender_chat"] = payload["chat"]
        payload.pop("from", None)
    return kind, payload
