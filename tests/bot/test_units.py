"""The bot's plain-Python parts: URL keys, token buckets, job gate, log redaction, the store."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.chats import ChatSettings
from bot.errors import BusyError, RateLimitedError
from bot.limits import JobGate, Limits, TokenBuckets
from bot.logs import RedactFilter
from bot.models import TextSource, UrlSource
from bot.storage import CachedCard, SqliteStore
from bot.urls import in_domains, normalize_url


def test_normalize_url_drops_tracking_and_fragment() -> None:
    """Tracking parameters, the fragment, default port and host case don't make a new article."""
    url = "HTTPS://News.Example.COM:443/a/b?id=7&utm_source=x&fbclid=1&gclid=2#comments"
    assert normalize_url(url) == "https://news.example.com/a/b?id=7"
    assert normalize_url("http://example.com") == "http://example.com/"
    assert normalize_url("http://example.com:8080/x?q=1") == "http://example.com:8080/x?q=1"


def test_in_domains_matches_subdomains_only() -> None:
    """A skipped domain covers its subdomains but not look-alikes."""
    assert in_domains("https://m.youtube.com/watch", ("youtube.com",))
    assert not in_domains("https://notyoutube.com/", ("youtube.com",))


def test_token_bucket_refills_with_time() -> None:
    """A bucket allows its per-minute burst, refuses more, and refills at the per-minute rate."""
    now = [0.0]
    buckets = TokenBuckets(2, clock=lambda: now[0])
    assert [buckets.take("u") for _ in range(3)] == [True, True, False]
    now[0] = 30.0  # half a minute: one token back
    assert buckets.take("u")
    assert not buckets.take("u")
    assert buckets.take("other")


def test_limits_check_user_then_chat() -> None:
    """The user budget and the chat budget are both spent; either one empty refuses."""
    limits = Limits(user_per_minute=5, chat_per_minute=1, clock=lambda: 0.0)
    limits.check(1, 100)
    with pytest.raises(RateLimitedError):
        limits.check(2, 100)
    assert limits.should_warn(100)
    assert not limits.should_warn(100)


async def test_job_gate_refuses_when_full() -> None:
    """The gate admits `capacity` jobs and answers BusyError to one more, then frees the slot."""
    gate = JobGate(1)
    async with gate.slot():
        with pytest.raises(BusyError):
            async with gate.slot():
                pass
    async with gate.slot():
        assert gate.active == 1


def test_redact_filter_covers_args_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    """The token vanishes from messages, their arguments and exception text."""
    secret = "123:SECRET"
    logger = logging.getLogger("test.redact")
    caplog.handler.addFilter(RedactFilter([secret]))
    try:
        raise RuntimeError(f"GET https://api.telegram.org/bot{secret}/getMe failed")
    except RuntimeError:
        logger.exception("calling %s", f"/bot{secret}/sendMessage")
    text = caplog.text
    assert secret not in text
    assert text.count("<redacted>") == 2


def test_chat_settings_changes() -> None:
    """Button values change exactly one setting; unknown ones are refused."""
    s = ChatSettings().changed("len", "short").changed("auto", "0").changed("min", "300")
    assert (s.length, s.auto, s.min_words) == ("short", False, 300)
    assert s.options().length == "short"
    with pytest.raises(ValueError, match="bad setting"):
        s.changed("len", "huge")
    assert s.with_domains(add=("a.com", "b.com")).with_domains(remove=("a.com",)).skip_domains == (
        "b.com",
    )


async def test_store_round_trips(tmp_path: Path) -> None:
    """Settings, cache with TTL, seen URLs, journal and retries survive a reopen of the file."""
    store = await SqliteStore.open(tmp_path / "s.sqlite3")
    await store.save_chat_settings(1, ChatSettings(length="long", skip_domains=("x.com",)))
    await store.cache_card("k", CachedCard("<b>x</b>", 120))
    await store.remember_url(1, "https://e.com/", 42)
    assert await store.journal_add(10, '{"update_id": 10}')
    assert not await store.journal_add(10, '{"update_id": 10}')
    await store.record_reply(10, 0, 1, 43)
    retry_id = await store.save_retry(TextSource("body", "https://t.me/c/1"))
    await store.close()
    store = await SqliteStore.open(tmp_path / "s.sqlite3")
    assert (await store.chat_settings(1)).skip_domains == ("x.com",)
    assert await store.cached_card("k", max_age=60) == CachedCard("<b>x</b>", 120)
    assert await store.cached_card("k", max_age=0) is None
    assert await store.seen_url(1, "https://e.com/", max_age=60) == 42
    assert await store.journal_pending() == ['{"update_id": 10}']
    assert await store.reply_for(10, 0) == 43
    await store.journal_done(10)
    assert await store.journal_pending() == []
    assert await store.is_done(10)
    assert await store.load_retry(retry_id) == TextSource("body", "https://t.me/c/1")
    assert await store.load_retry(await store.save_retry(UrlSource("https://e.com"))) == UrlSource(
        "https://e.com"
    )
    await store.close()


async def test_journal_queue_drops_redelivered_updates(tmp_path: Path) -> None:
    """An update Telegram delivers again is queued once; after a restart unfinished ones replay."""
    from telegram import Update

    from handlers.journal import JournalQueue

    store = await SqliteStore.open(tmp_path / "j.sqlite3")
    queue = JournalQueue()
    queue.attach(store)
    update = Update(update_id=77)
    await queue.put(update)
    await queue.put(update)
    assert queue.qsize() == 1
    restarted = JournalQueue()
    restarted.attach(store)
    assert await restarted.replay(bot=None) == 1  # type: ignore[arg-type]  # de_json accepts None
    await store.journal_done(77)
    assert await JournalQueue.replay(restarted, bot=None) == 0  # type: ignore[arg-type]
    await store.close()


async def test_prune_keeps_fresh_rows(tmp_path: Path) -> None:
    """Pruning drops expired cache entries and keeps fresh ones and unfinished journal entries."""
    store = await SqliteStore.open(tmp_path / "p.sqlite3")
    await store.cache_card("k", CachedCard("x", 1))
    await store.journal_add(1, "{}")
    await store.prune(cache_ttl=3600, repeat_window=3600)
    assert await store.cached_card("k", max_age=3600) is not None
    await store.prune(cache_ttl=-1, repeat_window=-1)
    assert await store.cached_card("k", max_age=3600) is None
    assert await store.journal_pending() == ["{}"]
    await store.close()


def test_env_example_documents_every_setting() -> None:
    """.env.example names every Settings field and loads as a valid .env file."""
    import re

    from bot.config import Settings

    example = Path(__file__).resolve().parents[2] / ".env.example"
    names = {m.group(1).lower() for m in re.finditer(r"^([A-Z_]+)=", example.read_text(), re.M)}
    assert names == set(Settings.model_fields)
    settings = Settings(_env_file=example)  # type: ignore[call-arg]  # pydantic-settings init arg
    assert settings.webhook_url is None
    assert settings.webhook_secret is None


def test_redaction_covers_every_record_and_url_encoded_tokens(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Once installed, records from any logger lose the token, plain or percent-encoded."""
    import logging

    from bot.logs import install_redaction

    secret = "987654:SecretForRedactionTest"
    install_redaction([secret])
    with caplog.at_level(logging.INFO):
        logging.getLogger("httpx").info(
            "GET https://api/bot%s/getMe and /file/bot987654%%3ASecretForRedactionTest/x", secret
        )
    assert "SecretForRedactionTest" not in caplog.text
    assert caplog.text.count("<redacted>") == 2
