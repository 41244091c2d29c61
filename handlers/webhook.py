"""Our webhook server (PTB's customwebhookbot pattern: any server feeding `update_queue`).

Unlike PTB's built-in tornado server it checks Telegram's secret header before reading a byte of
the body, refuses bodies over a size cap unread, answers 400 to what is not an update, and answers
200 only once the update is journaled (JournalQueue.put), so an update Telegram considers
delivered is on disk.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookServer:
    """An aiohttp server on (listen, port) answering POSTs to `path` for `application`."""

    def __init__(
        self,
        application: Any,
        *,
        listen: str,
        port: int,
        path: str,
        secret: str,
        max_bytes: int,
    ) -> None:
        self.application = application
        self.listen, self.port, self.path = listen, port, "/" + path.lstrip("/")
        self._secret = secret.encode()
        self.max_bytes = max_bytes
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=self.max_bytes)
        app.router.add_post(self.path, self._update)
        # lingering_time=0: a refused request's unread body is not drained, the connection closes.
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, lingering_time=0)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.listen, self.port).start()
        log.info("webhook server listening on %s:%d%s", self.listen, self.port, self.path)

    async def stop(self) -> None:
        """Stop taking updates (requests in progress finish first)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _update(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            return _closing(403)
        if request.content_length is not None and request.content_length > self.max_bytes:
            return _closing(413)
        try:
            body = await request.read()  # client_max_size caps a body sent without a length
        except web.HTTPRequestEntityTooLarge:
            return _closing(413)
        try:
            data = json.loads(body)
            update = Update.de_json(data, self.application.bot) if isinstance(data, dict) else None
        except (ValueError, TypeError, KeyError) as exc:
            log.info("webhook: not an update (%s)", type(exc).__name__)
            return web.Response(status=400)
        if update is None:
            return web.Response(status=400)
        await self.application.update_queue.put(update)  # journals before we answer 200
        return web.Response(status=200)


def _closing(status: int) -> web.Response:
    response = web.Response(status=status)
    response.force_close()
    return response
