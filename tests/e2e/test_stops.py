"""The real process stopping and starting: SIGTERM to the whole group mid-burst loses and
repeats nothing; start-up failures are one line, without the token."""

from __future__ import annotations

import asyncio
import signal
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.harness import TOKEN
from tests.e2e.process import BotProcess
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

BURST = 20
SENT_BEFORE_STOP = 4


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_signal_to_group_mid_burst_then_restart(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, sig: int
) -> None:
    """SIGTERM or SIGINT to the whole process group right after a burst arrives: the bot exits 0,
    nobody gets a sorry, and after a restart every link has exactly one card."""
    messages = [api.send_text(api.chat(9000 + i), pages.url(f"stop{i}")) for i in range(BURST)]
    api.hold_sends(after=SENT_BEFORE_STOP)  # the rest are in flight when the signal lands
    first = BotProcess(api.base_url, TOKEN, tmp_path, STOP_GRACE_SECONDS="1").start()
    try:
        await api.wait_until(lambda: api.confirmed > api.last_update_id, within=120)
        await api.wait_until(lambda: len(api.held) > 0, within=120)
    finally:
        assert await first.stop_group(sig) == 0, first.log[-3000:]
    assert "stay pending for the next start" in first.log
    await api.wait_until(api.held_gone)
    api.release()
    second = BotProcess(api.base_url, TOKEN, tmp_path).start()
    try:

        def all_answered() -> bool:
            return all(api.replies_to(m["chat"]["id"], m["message_id"]) for m in messages)

        await api.wait_until(all_answered, within=180)
        await api.wait_until(lambda: "gistbot is running" in second.log)
    finally:
        assert await second.stop() == 0
    counts = [len(api.replies_to(m["chat"]["id"], m["message_id"])) for m in messages]
    assert counts == [1] * BURST
    assert not any("Sorry" in s.text for s in api.sent)


async def test_rejected_token_is_one_line_without_the_token(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """A token the Bot API rejects (401) ends the start with one line on stderr, exit 1, and the
    token nowhere in the output."""
    wrong = "987654321:AAWrongTokenNobodyKnows_xyz-00"
    process = BotProcess(api.base_url, wrong, tmp_path, LOG_LEVEL="WARNING")
    assert await process.run_to_exit() == 1
    output = process.log
    assert output.strip().splitlines() == [
        "gistbot: cannot start: the Bot API rejected TELEGRAM_BOT_TOKEN (check it with @BotFather)"
    ]
    assert wrong.split(":")[1] not in output


async def test_bad_setting_is_one_line(api: FakeBotAPI, tmp_path: Path) -> None:
    """A setting out of range stops the start with one line naming it."""
    process = BotProcess(api.base_url, TOKEN, tmp_path, WEBHOOK_PORT="99999")
    assert await process.run_to_exit() == 2
    [line] = process.log.strip().splitlines()
    assert line.startswith("gistbot: bad setting WEBHOOK_PORT:")
    assert TOKEN.split(":")[1] not in line


async def test_unreachable_api_at_start_is_retried(tmp_path: Path) -> None:
    """With nothing listening at the Bot API address the bot keeps trying (one warning line per
    try, no traceback) instead of exiting, and a SIGTERM meanwhile ends it cleanly."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = BotProcess(f"http://127.0.0.1:{port}/bot", TOKEN, tmp_path).start()
    try:
        await asyncio.wait_for(_until(lambda: process.log.count("Bot API unreachable") >= 2), 60)
    finally:
        assert await process.stop() == 0
    assert "Traceback" not in process.log
    assert TOKEN.split(":")[1] not in process.log


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():  # noqa: ASYNC110 - the state is a file another process writes
        await asyncio.sleep(0.05)
