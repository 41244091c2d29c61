"""The real process: kill -9 mid-burst loses and repeats nothing; the token never gets logged."""

from __future__ import annotations

from pathlib import Path

from tests.e2e import stored
from tests.e2e.harness import TOKEN
from tests.e2e.process import BotProcess
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

BURST = 24
SENT_BEFORE_KILL = 8


async def test_kill_9_mid_burst_then_restart(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path
) -> None:
    """Every update of a burst is answered exactly once across a SIGKILL and a restart."""
    messages = [api.send_text(api.chat(5000 + i), pages.url(f"burst{i}")) for i in range(BURST)]
    api.hold_sends(after=SENT_BEFORE_KILL)
    first = BotProcess(api.base_url, TOKEN, tmp_path).start()
    try:
        # Telegram has been told every update arrived (offset past the last), 8 replies went out and
        # were recorded, the rest are parked: the kill lands mid-burst with nothing half-sent.
        await api.wait_until(lambda: api.confirmed > api.last_update_id, within=120)
        await api.wait_until(lambda: stored.count(tmp_path, "replies") >= SENT_BEFORE_KILL)
        await api.wait_until(lambda: len(api.held) > 0)
    finally:
        await first.kill()
    assert len(api.sent) == SENT_BEFORE_KILL
    second = BotProcess(api.base_url, TOKEN, tmp_path).start()
    try:
        await api.wait_until(api.held_gone)
        api.release()

        def all_answered() -> bool:
            return all(api.replies_to(m["chat"]["id"], m["message_id"]) for m in messages)

        await api.wait_until(all_answered, within=180)
    finally:
        assert await second.stop() == 0
    counts = [len(api.replies_to(m["chat"]["id"], m["message_id"])) for m in messages]
    assert counts == [1] * BURST
    assert f"replaying {BURST - SENT_BEFORE_KILL} updates" in second.log


async def test_token_never_logged(api: FakeBotAPI, pages: ArticleServer, tmp_path: Path) -> None:
    """At DEBUG, through a card and a failure, the log shows <redacted>, never the token."""
    chat = api.chat(6001)
    good = api.send_text(chat, pages.url("logged"))
    bad = api.send_text(chat, pages.dead_url("gone"))
    process = BotProcess(api.base_url, TOKEN, tmp_path, LOG_LEVEL="DEBUG").start()
    try:
        await api.wait_until(
            lambda: (
                api.replies_to(6001, good["message_id"]) and api.replies_to(6001, bad["message_id"])
            ),
            within=120,
        )
    finally:
        assert await process.stop() == 0
    log = process.log
    assert "<redacted>" in log
    assert TOKEN not in log
    assert TOKEN.split(":")[1] not in log
