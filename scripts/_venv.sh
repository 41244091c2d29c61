# Sourced by run.sh and test.sh: make .venv (Python >= 3.11) and install the project into it,
# again only when pyproject.toml changed (the install is editable: code changes need none).
# Usage: source scripts/_venv.sh [EXTRA]   e.g. EXTRA=test installs '.[test]'
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "gistbot needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
    exit 1
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
spec="."
[ -n "${1:-}" ] && spec=".[$1]"
stamp=".venv/.installed-${1:-base}"
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
# The test install holds everything the base one does: after it, a plain run installs nothing.
if [ -z "${1:-}" ] && [ "$(cat .venv/.installed-test 2>/dev/null)" = "$wanted" ]; then
    stamp=".venv/.installed-test"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --editable "$spec"
    echo "$wanted" > "$stamp"
fi
