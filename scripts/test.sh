#!/usr/bin/env bash
# Set up .venv with the test extra, then lint, type-check and run the whole test suite.
source "$(dirname "$0")/_venv.sh" test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m mypy
exec .venv/bin/python -m pytest "$@"
