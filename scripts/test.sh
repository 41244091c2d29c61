#!/usr/bin/env bash
# Set up .venv with the test extra, then lint, type-check and run the whole test suite; with no
# arguments, the tests that open the bot's store (handlers, i18n, e2e) run a second time with the
# store on PostgreSQL (tests/conftest.py, `--store postgres`).
source "$(dirname "$0")/_venv.sh" test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m mypy
if [ "$#" -gt 0 ]; then
    exec .venv/bin/python -m pytest "$@"
fi
.venv/bin/python -m pytest
exec .venv/bin/python -m pytest --store postgres tests/handlers tests/i18n tests/e2e
