"""A throwaway PostgreSQL server for the storage tests, started from the installed binaries.

Why not pytest-postgresql's `postgresql_proc`: it runs `initdb` as the current user and keeps the
data under pytest's temp root (mode 0700, owned by that user). CI runs as root, and initdb and
postgres refuse to run as root. So this starts the server itself, in ~40 lines:
- as root, every server command runs as the `postgres` OS user (the Debian package creates it)
  through `runuser`, on a data directory owned by that user in a fresh /tmp directory;
- otherwise as the current user;
- the server listens on a Unix socket in its own directory only (listen_addresses=''), so it never
  collides with another server or test run on the machine, and with fsync off (throwaway data).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

SUPERUSER = "postgres"  # the database role initdb creates (trust authentication, socket only)
TEST_DATABASE = "gistbot_test"


def find_bindir() -> Path | None:
    """Where pg_ctl and initdb are: on PATH, or Debian's /usr/lib/postgresql/<major>/bin."""
    on_path = shutil.which("pg_ctl")
    if on_path is not None:
        return Path(on_path).resolve().parent
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3])
    )
    return Path(found[-1]).parent if found else None


@dataclass
class PgServer:
    """A running server; `url(dbname)` is a postgresql:// URL over its Unix socket."""

    bindir: Path
    root: Path
    run_as: list[str]

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{dbname}?host={self.root}"

    def _pg(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [*self.run_as, str(self.bindir / tool), *args],
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} failed:\n{done.stdout}{done.stderr}")

    def start(self) -> None:
        self._pg("initdb", "-D", str(self.datadir), "-U", SUPERUSER, "-A", "trust", "--no-sync")
        options = f"-F -k {self.root} -c listen_addresses='' -c max_connections=200"
        log = str(self.root / "server.log")
        self._pg("pg_ctl", "start", "-w", "-D", str(self.datadir), "-o", options, "-l", log)

    def stop(self) -> None:
        self._pg("pg_ctl", "stop", "-D", str(self.datadir), "-m", "immediate")

    def create_database(self, name: str) -> None:
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')

    def create_schema(self, dbname: str, schema: str) -> str:
        """A new empty schema; the URL returned makes it the only one its connections see.

        A schema per test rather than a database: CREATE DATABASE takes ~0.4 s, this a few ms.
        """
        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        return f"{self.url(dbname)}&options=-csearch_path%3D{schema}"

    def drop_schema(self, dbname: str, schema: str) -> None:
        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def start_server(bindir: Path) -> PgServer:
    """Start a server in a new temp directory (as the postgres OS user when we are root)."""
    root = Path(tempfile.mkdtemp(prefix="gistbot-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")  # KeyError: no such OS user; the caller reports it
        os.chown(root, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    server = PgServer(bindir, root, run_as)
    try:
        server.start()
        server.create_database(TEST_DATABASE)
    except BaseException:
        if (root / "data" / "postmaster.pid").exists():
            server.stop()
        shutil.rmtree(root, ignore_errors=True)
        raise
    return server
