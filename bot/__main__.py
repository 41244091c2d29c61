"""Command line: `python -m bot run` starts the bot; `python -m bot summarize INPUT...` runs the pipeline."""

from __future__ import annotations

import sys

from bot.cli import main as _cli_main


def main(argv: list[str] | None = None) -> int:
    return _cli_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
