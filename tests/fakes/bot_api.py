"""A fake Telegram Bot API on 127.0.0.1 that python-telegram-bot talks to through `base_url`.

It hands out updates by long-polling getUpdates (an offset confirms everything below it), records
every call, keeps the messages the bot sent (so edits apply to them) and rejects what Telegram
rejects: HTML it cannot parse, text over 4096 characters, empty text. Faults, each for the next
`count` calls of a method and before the call is processed: `fail_next` answers 429 with
retry_after, `error_next` a 5xx, `drop_next` closes the connection without an answer,
`stall_next` answers nothing for a while. `hold_sends` parks sendMessage calls so a test can kill
the bot with no reply in flight.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.telegram_html import TelegramHtmlError, check

BOT_ID = 424242
BOT_USERNAME = "gist_test_bot"
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Gist", "username": BOT_USERNAME}
_JSON_FIELDS = {
    "reply_parameters",
    "reply_markup",
    "link_preview_options",
    "allowed_updates",
    "commands",
    "scope",
    "results",
    "result",
}
_INT_FIELDS = {"chat_id", "message_id", "offset", "timeout", "limit", "user_id"}
_ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}
_ENTITIES = {"lt", "gt", "amp", "quot"}
_URL = re.compile(r"https?://[^\s<>]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io)/[^\s<>]*")
_MENTION = re.compile(r"@\w+")
_COMMAND = re.compile(r"^/\w+(@\w+)?")


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text a reader sees; TelegramHtmlError where the Bot API would refuse the markup."""
    if parse_mode != "HTML":
        return text
    check(text)  # the project's one statement of what Telegram's HTML mode accepts
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entities_for(text: str) -> list[dict[str, Any]]:
    """The entities Telegram's clients would attach: links, @mentions, a leading /command."""
    found = []
    for kind, pattern in (("url", _URL), ("mention", _MENTION), ("bot_command", _COMMAND)):
        for match in pattern.finditer(text):
            offset = utf16_len(text[: match.start()])
            found.append({"type": kind, "offset": offset, "length": utf16_len(match.group())})
    return sorted(found, key=lambda e: e["offset"])


@dataclass
class Sent:
    """One message the bot sent (its text updated by later edits)."""

    chat_id: int
    message_id: int
    text: str
    reply_to: int | None
    params: dict[str, Any]
    edits: list[str] = field(default_factory=list)
    at: float = field(default_factory=time.monotonic)

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]


class FakeBotAPI:
    """The server plus the helpers tests use to play the Telegram side."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.updates: list[dict[str, Any]] = []
        self.confirmed = 0  # every update_id below this was acknowledged by an offset
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.sent: list[Sent] = []
        self.html_rejections: list[str] = []  # every "can't parse entities" this server answered
        self.files: dict[str, bytes] = {}
        self.admins: dict[int, set[int]] = {}
        self.chats: dict[int, dict[str, Any]] = {}
        self._guest_chats: dict[str, int] = {}  # guest_query_id -> the chat it was asked in
        self._failures: dict[str, list[int]] = {}
        self._faults: dict[str, list[tuple[str, float]]] = {}
        self.faulted: list[tuple[str, str]] = []  # (method, fault) for every fault served
        self._hold_after: int | None = None
        self.held: list[web.Request] = []
        self._release = asyncio.Event()
        self._changed = asyncio.Condition()
        self._ids = itertools.count(1)
        self.last_update_id = 0
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # --- lifecycle ------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        # No access log: its lines carry the bot token in every path (the leak watch would see it).
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]  # bound above
        self.root = f"http://127.0.0.1:{port}"
        self.base_url = f"{self.root}/bot"

    async def stop(self) -> None:
        self._release.set()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- the Telegram side: chats, messages, callbacks ---------------------------------------
    def chat(self, chat_id: int, kind: str = "private", **extra: Any) -> dict[str, Any]:
        chat = {"id": chat_id, "type": kind, **extra}
        if kind == "private":
            chat.setdefault("first_name", f"User{chat_id}")
        else:
            chat.setdefault("title", f"Chat {chat_id}")
        self.chats[chat_id] = chat
        return chat

    def next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def message(
        self, chat: dict[str, Any], text: str = "", *, user_id: int | None = None, **extra: Any
    ) -> dict[str, Any]:
        """A message dict as Telegram would deliver it, entities included."""
        message: dict[str, Any] = {
            "message_id": self.next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
        }
        if chat["type"] != "channel":
            uid = (
                user_id if user_id is not None else (chat["id"] if chat["type"] == "private" else 1)
            )
            message["from"] = {"id": uid, "is_bot": False, "first_name": f"User{uid}"}
        else:
            message["sender_chat"] = chat
        if text:
            message["text"] = text
            message["entities"] = entities_for(text)
        message.update(extra)
        return message

    def push(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update_id = self.last_update_id = next(self._ids)
        self.updates.append({"update_id": update_id, kind: payload})
        asyncio.get_running_loop().create_task(self._notify())
        return update_id

    def send_text(self, chat: dict[str, Any], text: str, **extra: Any) -> dict[str, Any]:
        """A person (or a channel) posts `text`; returns the message."""
        message = self.message(chat, text, **extra)
        self.push("channel_post" if chat["type"] == "channel" else "message", message)
        return message

    def edit(self, original: dict[str, Any], text: str) -> int:
        """The sender edits `original` (a message this fake delivered) to `text`: an
        edited_message (edited_channel_post in a channel) update with the same message_id."""
        chat = original["chat"]
        sender = {"user_id": original["from"]["id"]} if "from" in original else {}
        edited = self.message(
            chat,
            text,
            message_id=original["message_id"],
            date=original["date"],
            edit_date=int(time.time()),
            **sender,
        )
        kind = "edited_channel_post" if chat["type"] == "channel" else "edited_message"
        return self.push(kind, edited)

    def inline(self, user_id: int, query: str) -> str:
        """Someone types `@bot <query>` in any chat; returns the inline query's id."""
        query_id = f"iq{next(self._ids)}"
        user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
        self.push("inline_query", {"id": query_id, "from": user, "query": query, "offset": ""})
        return query_id

    def guest(self, chat: dict[str, Any], text: str, user_id: int, **extra: Any) -> str:
        """`user_id` mentions the bot in `chat`, which the bot is not in: a guest_message update
        with a guest_query_id; returns that id (answerGuestQuery posts into `chat`)."""
        query_id = f"gq{next(self._ids)}"
        self._guest_chats[query_id] = chat["id"]
        message = self.message(chat, text, user_id=user_id, guest_query_id=query_id, **extra)
        self.push("guest_message", message)
        return query_id

    def inline_answer(self, query_id: str) -> list[dict[str, Any]] | None:
        """The results the bot answered inline query `query_id` with (None: not answered)."""
        for params in self.calls_of("answerInlineQuery"):
            if params["inline_query_id"] == query_id:
                return list(params["results"])
        return None

    def click(self, sent: Sent, data: str, user_id: int) -> int:
        """Someone presses an inline button with `data` under a message the bot sent."""
        chat = self.chats.get(sent.chat_id) or self.chat(sent.chat_id)
        message = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            "text": sent.text,
        }
        query = {
            "id": str(next(self._ids)),
            "chat_instance": "1",
            "data": data,
            "message": message,
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
        }
        return self.push("callback_query", query)

    # --- what tests inspect ------------------------------------------------------------------
    def replies_to(self, chat_id: int, message_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id and s.reply_to == message_id]

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def wait_for(self, condition: Callable[[], object], within: float = 60.0) -> None:
        """Wait until `condition()` holds (re-checked on every call the bot makes)."""
        async with asyncio.timeout(within):
            async with self._changed:
                await self._changed.wait_for(lambda: bool(condition()))

    async def wait_until(self, condition: Callable[[], object], within: float = 60.0) -> None:
        """Wait until `condition()` holds, re-checked every 10 ms (state outside this server)."""
        async with asyncio.timeout(within):
            while not condition():  # noqa: ASYNC110 - e.g. a file another process writes
                await asyncio.sleep(0.01)

    def held_gone(self) -> bool:
        """Every parked sendMessage lost its connection (its sender died)."""
        return all(r.transport is None or r.transport.is_closing() for r in self.held)

    def fail_next(self, method: str, count: int, retry_after: int = 1) -> None:
        """The next `count` calls of `method` get 429 Too Many Requests."""
        self._failures.setdefault(method, []).extend([retry_after] * count)

    def error_next(self, method: str, count: int, status: int = 500) -> None:
        """The next `count` calls of `method` get HTTP `status` (a 5xx) and are not processed."""
        self._faults.setdefault(method, []).extend([("status", status)] * count)

    def drop_next(self, method: str, count: int) -> None:
        """The next `count` calls of `method` lose their connection before being processed."""
        self._faults.setdefault(method, []).extend([("drop", 0.0)] * count)

    def stall_next(self, method: str, count: int, seconds: float) -> None:
        """The next `count` calls of `method` get no answer for `seconds`, then a 504."""
        self._faults.setdefault(method, []).extend([("stall", seconds)] * count)

    def hold_sends(self, after: int) -> None:
        """sendMessage calls beyond the first `after` wait, unprocessed, until `release`."""
        self._hold_after = after
        self._release.clear()

    def release(self) -> None:
        self._hold_after = None
        self._release.set()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # --- the HTTP side -----------------------------------------------------------------------
    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _params(request)
        faults = self._faults.get(method)
        if faults:
            kind, value = faults.pop(0)
            self.faulted.append((method, kind))
            await self._notify()
            if kind == "drop":
                assert request.transport is not None  # a request being handled has one
                request.transport.abort()
                return web.Response(status=500)  # never reaches the closed connection
            if kind == "stall":
                await asyncio.sleep(value)
                return _error(504, "Gateway Timeout")
            return _error(int(value), "Internal Server Error" if value == 500 else "Bad Gateway")
        hold = self._hold_after
        if method == "sendMessage" and hold is not None and len(self.sent) >= hold:
            self.held.append(request)
            await self._release.wait()
            if request.transport is None or request.transport.is_closing():
                raise ConnectionResetError("the bot went away before we processed it")
        self.calls.append((method, params))
        try:
            retry = self._failures.get(method)
            if retry:
                seconds = retry.pop(0)
                return web.json_response(
                    {
                        "ok": False,
                        "error_code": 429,
                        "description": f"Too Many Requests: retry after {seconds}",
                        "parameters": {"retry_after": seconds},
                    },
                    status=429,
                )
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                return _error(404, "Not Found")
            if method == "getUpdates":
                return web.json_response({"ok": True, "result": await handler(params)})
            return web.json_response({"ok": True, "result": handler(params)})
        except TelegramHtmlError as exc:
            self.html_rejections.append(str(exc))
            return _error(400, _bad_request(str(exc)))
        except _ApiError as exc:
            return _error(exc.code, exc.description)
        finally:
            await self._notify()

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        data = self.files.get(request.match_info["path"])
        return web.Response(status=404) if data is None else web.Response(body=data)

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        if offset:
            self.confirmed = max(self.confirmed, offset)
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        with_timeout = asyncio.timeout(timeout)
        try:
            async with with_timeout, self._changed:
                await self._changed.wait_for(lambda: bool(self.updates))
        except TimeoutError:
            pass
        return self.updates[:limit]

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **BOT_USER,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    def _api_answerInlineQuery(self, params: dict[str, Any]) -> bool:
        for result in params["results"]:  # Telegram checks each result's message like a send
            content = result["input_message_content"]
            _checked_text(
                {"text": content["message_text"], "parse_mode": content.get("parse_mode")}
            )
            if not 1 <= len(result["id"].encode()) <= 64:
                raise _ApiError(400, "Bad Request: RESULT_ID_INVALID")
        return True

    def _api_answerGuestQuery(self, params: dict[str, Any]) -> dict[str, Any]:
        """Post the result's message into the chat the guest query came from (once per query)."""
        chat_id = self._guest_chats.pop(str(params["guest_query_id"]), None)
        if chat_id is None:
            raise _ApiError(400, "Bad Request: query is too old and response timeout expired")
        content = params["result"]["input_message_content"]
        message = {"text": content["message_text"], "parse_mode": content.get("parse_mode")}
        text = _checked_text(message)
        sent = Sent(chat_id, self.next_message_id(chat_id), text, None, message)
        self.sent.append(sent)
        return {"inline_message_id": f"im{sent.message_id}"}

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        text = _checked_text(params)
        chat_id = int(params["chat_id"])
        reply = params.get("reply_parameters") or {}
        sent = Sent(chat_id, self.next_message_id(chat_id), text, reply.get("message_id"), params)
        self.sent.append(sent)
        return self._as_message(sent)

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        text = _checked_text(params)
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        sent = next(
            (s for s in self.sent if (s.chat_id, s.message_id) == (chat_id, message_id)), None
        )
        if sent is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if text == sent.text and params.get("reply_markup") == sent.params.get("reply_markup"):
            raise _ApiError(400, "Bad Request: message is not modified")
        sent.edits.append(sent.text)
        sent.text = text
        sent.params = {**sent.params, **params, "reply_markup": params.get("reply_markup")}
        return self._as_message(sent)

    def _api_getChat(self, params: dict[str, Any]) -> dict[str, Any]:
        """A chat the test made (by id, or @username for public ones), as ChatFullInfo."""
        wanted = params["chat_id"]
        for chat in self.chats.values():
            if chat["id"] == wanted or (
                isinstance(wanted, str) and chat.get("username") == wanted.lstrip("@")
            ):
                return {"accent_color_id": 0, "max_reaction_count": 11, **chat}
        raise _ApiError(400, "Bad Request: chat not found")

    def _api_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
        if user_id not in self.admins.get(chat_id, set()):
            return {"status": "member", "user": user}
        rights = (
            "can_be_edited",
            "is_anonymous",
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_promote_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
        )
        # An administrator of a channel may post in it (the bot needs that to post feed cards).
        posting = (
            {"can_post_messages": True}
            if self.chats.get(chat_id, {}).get("type") == "channel"
            else {}
        )
        return {"status": "administrator", "user": user, **dict.fromkeys(rights, False), **posting}

    def _api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params["file_id"])
        if file_id not in self.files:
            raise _ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(self.files[file_id]),
            "file_path": file_id,
        }

    def _as_message(self, sent: Sent) -> dict[str, Any]:
        chat = self.chats.get(sent.chat_id) or {
            "id": sent.chat_id,
            "type": "private",
            "first_name": "X",
        }
        return {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            "text": visible_text(sent.text, sent.params.get("parse_mode")),
        }


class _ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code, self.description = code, description


def _bad_request(problem: str) -> str:
    """The Bot API's wording for each way a message text can be refused."""
    if "empty" in problem:
        return "Bad Request: message text is empty"
    if "too long" in problem:
        return "Bad Request: message is too long"
    return f"Bad Request: can't parse entities: {problem}"


def _checked_text(params: dict[str, Any]) -> str:
    text = str(params.get("text") or "")
    visible = visible_text(text, params.get("parse_mode"))
    if not visible.strip():
        raise _ApiError(400, "Bad Request: message text is empty")
    if utf16_len(visible) > 4096:
        raise _ApiError(400, "Bad Request: message is too long")
    return text


def _error(code: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": code, "description": description}, status=code
    )


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        return dict(await request.json())
    form = await request.post() if request.can_read_body else {}
    params: dict[str, Any] = {}
    for key, value in (form or {}).items():
        value = str(value)
        if key in _JSON_FIELDS:
            params[key] = json.loads(value)
        elif key in _INT_FIELDS:
            params[key] = int(value) if re.fullmatch(r"-?\d+", value) else value
        elif value in {"true", "false"} and key not in {"text", "caption"}:
            params[key] = value == "true"
        else:
            params[key] = value
    return params
