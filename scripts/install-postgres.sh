#!/usr/bin/env bash
# Install the PostgreSQL server binaries that the storage tests start (tests/storage/pg_server.py),
# when they are missing: Debian's package, without the cluster and service it would set up (the
# tests start a server of their own, on a Unix socket in a temp directory, as the postgres user).
# Idempotent and quiet: nothing happens when pg_ctl is on PATH or under /usr/lib/postgresql/*/bin.
set -euo pipefail
if command -v pg_ctl >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install-postgres: pg_ctl not found; run as root, or install Debian's postgresql" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# postgresql-common first, told not to create the "main" cluster (so no service starts with it),
# then the server itself: as the official postgres images do.
apt-get install -y -qq --no-install-recommends postgresql-common >/dev/null
sed -ri 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' \
    /etc/postgresql-common/createcluster.conf
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
echo "install-postgres: installed $(compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' | head -n 1)"
