#!/usr/bin/env bash
# Set up .venv and run gistbot: the bot when TELEGRAM_BOT_TOKEN is set (environment or .env),
# otherwise the offline `summarize` command on the bundled example article.
source "$(dirname "$0")/_venv.sh"
if [ -n "${TELEGRAM_BOT_TOKEN:-}" ] || grep -qs '^TELEGRAM_BOT_TOKEN=.' .env; then
    exec .venv/bin/gistbot run "$@"
fi
echo "No TELEGRAM_BOT_TOKEN set: summarizing examples/harbour-bridge.html offline." >&2
echo "(To run the bot: TELEGRAM_BOT_TOKEN=123:abc ./scripts/run.sh — see README.)" >&2
exec .venv/bin/gistbot summarize "${@:-examples/harbour-bridge.html}"
