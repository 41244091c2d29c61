"""`gistbot summarize` end to end, as a subprocess: files, stdin, URLs, batches, failures, formats."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

from tests import paths
from tests.fakes.pages import PageServer

ROOT = paths.ROOT
EXAMPLE = ROOT / "examples" / "harbour-bridge.html"
HEADLINE = "Riverton opens its new harbour bridge after six years of work"


async def gistbot(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    env = {**os.environ, "FETCH_ALLOW_NETWORKS": "127.0.0.0/8", "LOG_LEVEL": "WARNING"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args,
        cwd=ROOT, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await proc.communicate(stdin)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


def json_lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def article_url(page_server: PageServer) -> str:
    """The example article served over real HTTP on 127.0.0.1."""
    return page_server.page("/story", EXAMPLE.read_bytes(), content_type="text/html; charset=utf-8")


async def test_example_file_as_text() -> None:
    """The README's no-token command prints the headline and bullets."""
    code, out, _ = await gistbot("summarize", str(EXAMPLE))
    assert code == 0
    assert out.splitlines()[0] == HEADLINE
    assert "• The city of Riverton opened its new harbour bridge" in out


async def test_json_has_the_documented_fields() -> None:
    """JSON output carries every field DESIGN.md promises."""
    code, out, _ = await gistbot("summarize", "--format", "json", "--sentences", "2", str(EXAMPLE))
    assert code == 0
    (obj,) = json_lines(out)
    for key in (
        "ok",
        "input",
        "headline",
        "text",
        "summary",
        "quotes",
        "language",
        "url",
        "reduction",
    ):
        assert key in obj
    assert obj["ok"] is True
    assert obj["headline"] == HEADLINE
    assert obj["language"] == "en"
    assert isinstance(obj["summary"], list)
    assert len(obj["summary"]) == 2
    assert isinstance(obj["reduction"], float)
    assert 0.5 < obj["reduction"] < 1.0


async def test_stdin_text() -> None:
    """`-` reads pasted text from standard input."""
    text = " ".join(
        f"Sentence number {i} talks about the harbour and the bridge." for i in range(12)
    )
    code, out, _ = await gistbot("summarize", "--format", "json", "-", stdin=text.encode())
    assert code == 0
    (obj,) = json_lines(out)
    assert obj["ok"] is True
    assert obj["summary"]


async def test_url_over_local_http(article_url: str) -> None:
    """A URL is fetched, extracted and summarized."""
    code, out, _ = await gistbot("summarize", "--format", "json", article_url)
    assert code == 0
    (obj,) = json_lines(out)
    assert obj["headline"] == HEADLINE
    assert obj["url"] == article_url


async def test_html_format_is_a_valid_card() -> None:
    """--format html prints the Telegram card."""
    from tests.fakes.telegram_html import check

    code, out, _ = await gistbot("summarize", "--format", "html", str(EXAMPLE))
    assert code == 0
    check(out.strip())
    assert out.startswith(f"<b>{HEADLINE}</b>")


async def test_batch_keeps_order_and_reports_failures(tmp_path: Path) -> None:
    """Several inputs: one line each, in input order; a failed input gives ok:false and exit 1."""
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, out, _ = await gistbot(
        "summarize", "--format", "json", str(EXAMPLE), str(missing), str(empty), str(EXAMPLE)
    )
    assert code == 1
    results = json_lines(out)
    assert [r["input"] for r in results] == [str(EXAMPLE), str(missing), str(empty), str(EXAMPLE)]
    assert [r["ok"] for r in results] == [True, False, False, True]
    assert all(isinstance(r.get("error"), str) and r["error"] for r in results if not r["ok"])


async def test_unknown_option_is_a_usage_error() -> None:
    """A wrong flag exits 2 with a usage message, not a traceback."""
    code, _, err = await gistbot("summarize", "--bogus", str(EXAMPLE))
    assert code == 2
    assert "usage:" in err
    assert "Traceback" not in err


async def test_batch_streams_its_inputs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A long batch keeps only a few inputs in flight at once and prints them in input order."""
    from bot import cli
    from bot.config import Settings
    from bot.models import Options

    in_flight = peak = 0

    async def one(pipeline: object, item: str, options: Options) -> object:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.001 * (int(item) % 3))
        in_flight -= 1
        raise cli.InputError(item, user_message=f"input {item}")

    monkeypatch.setattr(cli, "_one", one)
    items = [str(i) for i in range(100)]
    code = await cli.summarize_inputs(items, Options(), "json", Settings(workers=2))
    assert code == 1
    assert [r["input"] for r in json_lines(capsys.readouterr().out)] == items
    assert peak <= cli.AHEAD_PER_WORKER * 2 + 1


async def test_large_batch_uses_the_pool(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """From POOL_MIN_INPUTS inputs on, the cards come from worker processes, in input order."""
    from bot import cli
    from bot.config import Settings
    from bot.models import Options

    started: list[int] = []
    real = cli.ProcessWorkers

    def pool(*args: object, **kwargs: object) -> object:
        started.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "POOL_MIN_INPUTS", 2)
    monkeypatch.setattr(cli, "ProcessWorkers", pool)
    code = await cli.summarize_inputs([str(EXAMPLE)] * 3, Options(), "json", Settings(workers=1))
    assert code == 0
    assert started == [1]
    results = json_lines(capsys.readouterr().out)
    assert [r["headline"] for r in results] == [HEADLINE] * 3
