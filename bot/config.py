"""Settings: read once from the environment (and `.env`) into a frozen object. The only env reader."""

from __future__ import annotations

import ipaddress
import logging
import re
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.feeds.schedule import Schedule
from bot.models import FetchLimits, WorkerLimits

OFFICIAL_API = "https://api.telegram.org/bot"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Settings(BaseSettings):
    """Every setting gistbot reads; `.env.example` explains each one."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", frozen=True, extra="ignore"
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = OFFICIAL_API
    telegram_file_base_url: str | None = None
    telegram_timeout: float = Field(default=20.0, gt=0)
    telegram_max_retries: int = Field(default=30, ge=0)
    # Telegram's bot FAQ: about 30 messages a second overall, 20 a minute into one group/channel.
    telegram_overall_rate: float = Field(default=30.0, ge=0)
    telegram_group_rate_per_minute: float = Field(default=20.0, ge=0)
    concurrent_updates: int = Field(default=256, ge=1)
    typing_delay: float = Field(default=1.0, ge=0)  # answers quicker than this show no "typing"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"  # behind the TLS reverse proxy on the same machine
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    # A Bot API update is at most a few kB of JSON (a long text message: 4096 characters).
    webhook_max_bytes: int = Field(default=1_000_000, ge=1024)
    stop_grace_seconds: float = Field(default=10.0, ge=0)  # in-flight work finishes within this
    delivery_retry_seconds: float = Field(default=2.0, gt=0)  # first backoff; doubles per try
    delivery_attempts: int = Field(default=8, ge=1)

    database_path: Path = Path("gistbot.sqlite3")
    database_url: SecretStr | None = None  # postgresql://…: PostgreSQL instead of DATABASE_PATH
    cache_ttl_seconds: int = Field(default=6 * 3600, ge=0)
    repeat_window_seconds: int = Field(default=24 * 3600, ge=0)

    fetch_max_bytes: int = Field(default=5_000_000, ge=1024)
    fetch_connect_timeout: float = Field(default=5.0, gt=0)
    fetch_total_timeout: float = Field(default=15.0, gt=0)
    fetch_max_redirects: int = Field(default=5, ge=0, le=20)
    fetch_per_host_connections: int = Field(default=4, ge=1)
    fetch_allow_networks: str = ""

    max_text_chars: int = Field(default=100_000, ge=1000)  # pasted text past this is not read
    max_links_per_message: int = Field(default=3, ge=1)
    # A long paste Telegram split into messages: the pieces arrive within a second or two of each
    # other (clients send them back to back); 3 s leaves room for a slow connection.
    paste_window_seconds: float = Field(default=3.0, gt=0, le=60)
    max_document_bytes: int = Field(default=1_000_000, ge=1024)
    user_rate_per_minute: int = Field(default=10, ge=1)
    chat_rate_per_minute: int = Field(default=20, ge=1)
    max_queued_jobs: int = Field(default=64, ge=1)  # summaries in flight at once
    max_waiting_jobs: int = Field(default=5000, ge=0)  # more wait their turn; past this: "busy"
    workers: int = Field(default=0, ge=0)
    # Per job: wall-clock limit; past it the worker is killed and replaced, the reader told "too
    # complex". The slowest wcxb-dev tune page took 9.2 s at load 6 on 2 cores (benchmarks/
    # reliability.py --parts memory); issue 10 wants runaway pages answered within 20 s.
    worker_job_seconds: float = Field(default=20.0, gt=0)
    # Address-space cap per worker process (RLIMIT_AS, MB; 0: none). A warmed-up worker maps ~540 MB
    # (numpy and lingua reserve address space they never touch) at ~200 MB resident; the largest
    # wcxb-dev tune pages (up to 5 MB) peaked at 598 MB mapped, 261 MB resident (same benchmark).
    worker_memory_mb: int = Field(default=800, ge=0)
    # Inputs over this many bytes of text run in the long lane (at most WORKERS - 1 at once, and
    # after any waiting ordinary job), so one worker always stays free for ordinary links. A page's
    # text is estimated from its paragraph tags (bot/pipeline/core.py work_size): 1 MB is about
    # 2,500 paragraphs, a 100,000-word article; dev article pages have at most 626.
    long_input_bytes: int = Field(default=1_000_000, ge=1)
    # Extra worker processes that run only long inputs, at a lower CPU priority (nice), so a
    # long read never holds an ordinary worker and ordinary links get the CPU first; each costs a
    # warmed-up worker's memory. 0: long inputs share the WORKERS as above.
    long_workers: int = Field(default=0, ge=0)

    # Feeds (bot/feeds): the poll interval of a feed with news; quiet and failing feeds back off to
    # the ceiling; a feed failing this many polls in a row is disabled (about 1.5 days).
    feed_interval_seconds: float = Field(default=900.0, ge=10)
    feed_max_interval_seconds: float = Field(default=4 * 3600.0, ge=10)
    feed_max_failures: int = Field(default=12, ge=1)
    # Cards one feed may post into one chat per hour; the rest wait in the outbox, in order.
    feed_posts_per_hour: int = Field(default=10, ge=1)
    feed_max_subscriptions: int = Field(default=50, ge=1)  # per chat
    # Digest mode (/feed digest N on): one message per period, the newest items listed in it.
    feed_digest_seconds: float = Field(default=24 * 3600.0, ge=60)
    feed_digest_items: int = Field(default=10, ge=1, le=50)
    feed_poll_concurrency: int = Field(default=16, ge=1)  # feeds fetched at once

    log_level: str = "INFO"

    @field_validator("fetch_allow_networks")
    @classmethod
    def _check_networks(cls, value: str) -> str:
        for part in _split(value):
            ipaddress.ip_network(part, strict=False)
        return value

    @field_validator("log_level")
    @classmethod
    def _check_level(cls, value: str) -> str:
        if not isinstance(logging.getLevelName(value.upper()), int):
            raise ValueError(f"unknown log level {value!r}")
        return value.upper()

    @field_validator(
        "telegram_bot_token",
        "telegram_file_base_url",
        "webhook_url",
        "webhook_secret",
        "database_url",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # `WEBHOOK_URL=` in a .env file means "not set", as in .env.example.
        return None if value == "" else value

    @field_validator("webhook_secret")
    @classmethod
    def _check_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's own rule for secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
        if value is not None and not _SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: SecretStr | None) -> SecretStr | None:
        # libpq takes both schemes; anything else is a typo better refused at start.
        if value is not None and not value.get_secret_value().startswith(_POSTGRES_SCHEMES):
            raise ValueError("DATABASE_URL must start with postgresql:// (or postgres://)")
        return value

    @property
    def file_base_url(self) -> str:
        """Where file downloads live: the API base URL with /file before its last /bot."""
        if self.telegram_file_base_url:
            return self.telegram_file_base_url
        head, sep, tail = self.telegram_api_base_url.rpartition("/bot")
        return f"{head}/file/bot{tail}" if sep else self.telegram_api_base_url

    @property
    def allow_networks(self) -> tuple[str, ...]:
        return tuple(_split(self.fetch_allow_networks))

    def worker_limits(self) -> WorkerLimits:
        return WorkerLimits(
            job_seconds=self.worker_job_seconds,
            memory_bytes=self.worker_memory_mb * 1024 * 1024,
            long_input_bytes=self.long_input_bytes,
            long_workers=self.long_workers,
        )

    def feed_schedule(self) -> Schedule:
        return Schedule(
            base=self.feed_interval_seconds,
            ceiling=max(self.feed_max_interval_seconds, self.feed_interval_seconds),
            max_failures=self.feed_max_failures,
        )

    def fetch_limits(self) -> FetchLimits:
        return FetchLimits(
            max_bytes=self.fetch_max_bytes,
            connect_timeout=self.fetch_connect_timeout,
            total_timeout=self.fetch_total_timeout,
            max_redirects=self.fetch_max_redirects,
            per_host_connections=self.fetch_per_host_connections,
            allow_networks=self.allow_networks,
        )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]
