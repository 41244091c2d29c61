"""Typed access to what post_init opened: `context.bot_data.services`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from bot.limits import JobGate, Limits
from bot.pipeline.core import Pipeline
from bot.storage import Store


@dataclass(slots=True)
class Services:
    """The long-lived resources every handler uses."""

    settings: Settings
    store: Store
    pipeline: Pipeline
    limits: Limits
    gate: JobGate


class BotData:
    """`bot_data` of the Application (PTB creates it empty; post_init fills `services`)."""

    def __init__(self) -> None:
        self._services: Services | None = None

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("services are opened in post_init; the application is not running")
        return self._services

    @services.setter
    def services(self, value: Services | None) -> None:
        self._services = value


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
