"""Argument parsing for `gistbot run` and `gistbot summarize`."""

from __future__ import annotations

import argparse


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gistbot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the Telegram bot (polling, or webhook when WEBHOOK_URL is set)")
    args = parser.parse_args(argv)
    if args.command == "run":
        from bot.app import run
        from bot.config import Settings

        run(Settings())
    return 0
