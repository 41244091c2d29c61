"""The pipeline knows nothing of Telegram: only bot/app.py and bot/__main__.py may import it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {ROOT / "bot" / "app.py", ROOT / "bot" / "__main__.py"}
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
