"""`python -m bot run` (or `ingress`, `worker`) as a child process pointed at the fake Bot API (for
crash, log and scale-out tests)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    """The real entry point in its own session, so a kill takes its worker processes along."""

    def __init__(
        self, base_url: str, token: str, workdir: Path, *, command: str = "run", **env: str
    ) -> None:
        self.command = command
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": token,
            "TELEGRAM_API_BASE_URL": base_url,
            "DATABASE_PATH": str(workdir / "gistbot.sqlite3"),
            "FETCH_ALLOW_NETWORKS": "127.0.0.0/8",
            "WORKERS": "1",
            "LOG_LEVEL": "INFO",
            **env,
        }
        self.log_path = workdir / f"bot-{command}-{id(self)}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> BotProcess:
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", self.command],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    async def kill(self) -> None:
        """SIGKILL the bot and its workers at once, as a crashed machine or OOM killer would."""
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        await asyncio.to_thread(self.proc.wait, 60)

    async def stop(self) -> int:
        """SIGTERM and wait for a graceful exit; returns the exit status."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return await asyncio.to_thread(self.proc.wait, 120)

    async def stop_group(self, sig: int = signal.SIGTERM) -> int:
        """Send `sig` to the whole process group (Ctrl-C, systemd's stop) and wait for the exit."""
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)
        return await asyncio.to_thread(self.proc.wait, 120)

    async def run_to_exit(self, within: float = 120) -> int:
        """Start the bot and wait for it to exit on its own (a start-up failure)."""
        self.start()
        assert self.proc is not None
        return await asyncio.to_thread(self.proc.wait, within)

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")
