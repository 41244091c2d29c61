"""Webhook mode: Telegram's secret header is required; a verified update is answered."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest

from bot.app import build_application, webhook_options, webhook_server
from bot.workers import Workers
from tests.e2e.harness import make_settings
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

SECRET = "s3cret_Token-1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_webhook_needs_secret(api: FakeBotAPI, tmp_path: Path) -> None:
    """WEBHOOK_URL without WEBHOOK_SECRET refuses to start."""
    settings = make_settings(api, tmp_path, webhook_url="https://bot.example.com/hook")
    with pytest.raises(SystemExit, match="WEBHOOK_SECRET"):
        webhook_options(settings)


async def test_webhook_checks_secret_header(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: Workers
) -> None:
    """A POST without the secret header is refused (403); with it, the update gets its card."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    settings = make_settings(
        api,
        tmp_path,
        webhook_url=url,
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    app = build_application(settings, workers=pool)
    message = api.message(api.chat(7001), pages.url("hooked"))
    update = {"update_id": 1, "message": message}
    async with app:
        assert app.post_init is not None  # set by build_application
        assert app.updater is not None
        await app.post_init(app)
        server = webhook_server(app, settings)
        await server.start()
        await app.bot.set_webhook(url, secret_token=SECRET)
        await app.start()
        try:
            async with aiohttp.ClientSession() as session:
                async with session.post(url, json=update) as response:
                    assert response.status == 403
                headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
                async with session.post(url, json=update, headers=headers) as response:
                    assert response.status == 200
            await api.wait_for(lambda: api.replies_to(7001, message["message_id"]))
        finally:
            await server.stop()
            await app.stop()
            assert app.post_shutdown is not None  # set by build_application
            await app.post_shutdown(app)
    assert api.calls_of("setWebhook")[0]["secret_token"] == SECRET
    assert pages.hits == {"hooked": 1}
