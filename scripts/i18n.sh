#!/usr/bin/env bash
# The message catalogue: re-extract bot/i18n/messages.py into gistbot.pot, merge it into every
# language's gistbot.po, compile the .mo files the bot ships. `scripts/i18n.sh init LANG` starts a
# new language. Needs Babel (in the test extra). Commit the .po and .mo files together.
source "$(dirname "$0")/_venv.sh" test
set -euo pipefail
LOCALE=bot/i18n/locale
POT=$LOCALE/gistbot.pot
.venv/bin/pybabel extract --no-default-keywords -k N_ -k NP_:1,2 --add-comments=TRANSLATORS: \
    --project=gistbot --copyright-holder="gistbot contributors" --sort-by-file \
    -o "$POT" bot/i18n/messages.py
if [[ "${1:-}" == "init" ]]; then
    .venv/bin/pybabel init -D gistbot -i "$POT" -d "$LOCALE" -l "$2"
fi
.venv/bin/pybabel update -D gistbot -i "$POT" -d "$LOCALE" --ignore-obsolete
.venv/bin/pybabel compile -D gistbot -d "$LOCALE" --statistics
