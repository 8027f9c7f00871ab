"""A throw-away PostgreSQL cluster for the tests: ``initdb`` in a temporary folder, one Unix socket.

The server runs as the unprivileged ``postgres`` user when the tests run as root (``initdb``
refuses root), with fsync off (the cluster is deleted at the end). Each test gets a database of
its own, made with ``CREATE DATABASE … TEMPLATE …`` from a template migrated once.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

PORT = 54329  # any port: the socket lives in our own folder, and TCP is switched off
SUPERUSER = "postgres"


class ClusterError(RuntimeError):
    """The PostgreSQL server could not be started here (the reason is the message)."""


def _bin_dir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    raise ClusterError("PostgreSQL is not installed (no initdb/pg_ctl; Debian: apt-get install postgresql)")


class Cluster:
    """A running throw-away cluster; :meth:`url` gives SQLAlchemy URLs for its databases."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="xkld-pg-"))
        self.data = self.root / "data"
        self._counter = itertools.count(1)
        self._as_user: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            _ensure_postgres_user()
            self._as_user = ["runuser", "-u", "postgres", "--"]
            os.chown(self.root, pwd.getpwnam("postgres").pw_uid, pwd.getpwnam("postgres").pw_gid)
        self.root.chmod(0o700)

    def _run(self, *cmd: str) -> None:
        result = subprocess.run([*self._as_user, *cmd], capture_output=True, text=True, check=False, timeout=120)
        if result.returncode != 0:
            raise ClusterError(f"{Path(cmd[0]).name} failed: {(result.stderr or result.stdout).strip()[-800:]}")

    def start(self) -> Cluster:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-k {self.root} -p {PORT} -c listen_addresses='' -c fsync=off -c full_page_writes=off "
            "-c synchronous_commit=off -c max_connections=200 -c wal_level=minimal -c max_wal_senders=0"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"
        )
        return self

    def stop(self) -> None:
        with contextlib.suppress(ClusterError, subprocess.TimeoutExpired):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str, *, user: str = SUPERUSER, password: str | None = None) -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql+psycopg://{auth}@/{database}?host={self.root}&port={PORT}"

    def admin(self, sql: str) -> None:
        """Run *sql* outside a transaction (CREATE/DROP DATABASE) as the superuser."""
        import psycopg

        with psycopg.connect(
            host=str(self.root), port=PORT, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)

    def create_database(self, *, template: str | None = None, prefix: str = "t") -> str:
        """A new database (empty, or a copy of *template*); returns its name."""
        name = f"{prefix}_{os.getpid()}_{next(self._counter)}"
        # FILE_COPY: a file copy of the template, faster here than PostgreSQL 15's default WAL_LOG
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}" STRATEGY = FILE_COPY' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _ensure_postgres_user() -> None:
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        result = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ClusterError(f"cannot create the postgres user: {result.stderr.strip()}") from None
