"""The pipeline knows nothing of Telegram: only the wiring (bot/app.py, bot/roles.py, bot/__main__.py)
may import it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests import paths

ROOT = paths.ROOT
ALLOWED = {ROOT / "bot" / "app.py", ROOT / "bot" / "roles.py", ROOT / "bot" / "__main__.py"}
FORBIDDEN = ("telegram", "handlers")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_bot_package_does_not_import_telegram_or_handlers() -> None:
    """No module under bot/ except the app wiring imports telegram or handlers."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN
        )
        for path in (ROOT / "bot").rglob("*.py")
        if path not in ALLOWED
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_guard_sees_imports(tmp_path: Path) -> None:
    """The import scanner finds both import forms (so the guard above can fail)."""
    sample = tmp_path / "m.py"
    sample.write_text("import telegram.ext\nfrom handlers import register\n", encoding="utf-8")
    assert imported_modules(sample) == {"telegram.ext", "handlers"}


PIPELINE = ROOT / "bot" / "pipeline"
SHARED = "text"  # the analysed text and its vocabulary: every stage reads it
STAGES = ("fetch", "extract", "clean", "text", "summarize", "quotes", "render")


def stage_of(module: str) -> str | None:
    """The pipeline stage a dotted module name belongs to ('bot.pipeline.clean.lines' -> 'clean')."""
    parts = module.split(".")
    if parts[:2] != ["bot", "pipeline"] or len(parts) < 3:
        return None
    return parts[2]


def crossings(path: Path) -> list[str]:
    """Imports of another stage (other than the shared text layer) from a module of a stage."""
    own = stage_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return sorted(
        m
        for m in imported_modules(path)
        if (other := stage_of(m)) is not None and other not in (own, SHARED, "core")
    )


def test_only_core_imports_across_stages() -> None:
    """Stages import only themselves and the shared text layer; core.py alone orders them."""
    assert sorted(
        p.stem if p.is_file() else p.name
        for p in PIPELINE.iterdir()
        if p.name in {*STAGES, *(f"{s}.py" for s in STAGES)} or p.stem in STAGES
    ) == sorted(STAGES)
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in PIPELINE.rglob("*.py")
        if path.name != "core.py" and (found := crossings(path))
    }
    assert offenders == {}


def test_the_stage_guard_sees_a_crossing(tmp_path: Path) -> None:
    """A summarize module importing the quotes stage is reported (so the guard above can fail)."""
    sample = PIPELINE / "summarize" / "choose.py"
    fake = tmp_path / "choose.py"
    fake.write_text("from bot.pipeline.quotes import find_quotes\n", encoding="utf-8")
    assert stage_of("bot.pipeline.quotes.choose") == "quotes"
    assert [
        m for m in imported_modules(fake) if stage_of(m) not in (None, "summarize", SHARED)
    ] == ["bot.pipeline.quotes"]
    assert crossings(sample) == []


def test_pipeline_knows_nothing_above_it() -> None:
    """Nothing under bot/pipeline imports the service, the store, the app or the handlers."""
    above = ("bot.service", "bot.storage", "bot.app", "bot.cli", "handlers", "telegram")
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.startswith(above)
        )
        for path in PIPELINE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_tests_never_import_benchmarks() -> None:
    """Benchmarks are scripts: tests (and the CI gates) never import them."""
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in (ROOT / "tests").rglob("*.py")
        if (found := sorted(m for m in imported_modules(path) if m.split(".")[0] == "benchmarks"))
    }
    assert offenders == {}
