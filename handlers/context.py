"""Typed access to what post_init opened: `context.service` (python-telegram-bot's
contexttypesbot pattern: a CallbackContext subclass with typed properties)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.feeds.poll import FeedPoller
from bot.service import Service


class BotData:
    """`bot_data` of the Application (PTB creates it empty; post_init fills `service`)."""

    def __init__(self) -> None:
        self.service: Service | None = None
        self.feeds: FeedPoller | None = None


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The callback context every handler gets."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def service(self) -> Service:
        """The running bot's service (store, pipeline, limits); opened in post_init."""
        service = self.bot_data.service
        if service is None:
            raise RuntimeError("the service is opened in post_init; the application is not running")
        return service

    @property
    def feeds(self) -> FeedPoller:
        """The running bot's feed poller; opened in post_init."""
        feeds = self.bot_data.feeds
        if feeds is None:
            raise RuntimeError("the feed poller opens in post_init; the application is not running")
        return feeds
