"""A hostile environment for the tests: a full disk, a read-only file, a USB drive pulled out.

* :func:`full_disk` caps the database with ``PRAGMA max_page_count`` on every new connection of
  the engine (SQLite answers SQLITE_FULL, "database or disk is full", exactly as on a full disk);
* :func:`read_only_file` makes the database file read-only for real: ``chmod`` for a normal user
  (and Windows' read-only attribute); for root, whom permissions do not stop, a read-only bind
  mount of its folder (skipped where mounting is not allowed);
* :func:`pulled_out` moves the database's folder away while the program has it open, as when a
  USB drive is pulled out, and puts it back afterwards.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel


@contextmanager
def full_disk(engine: Engine, *, spare_pages: int = 0) -> Iterator[int]:
    """Let *engine*'s database grow by at most *spare_pages* pages while the block runs."""
    with engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    limit = pages + spare_pages

    def cap(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA max_page_count = {limit}")
        cursor.close()

    engine.dispose()  # pooled connections would not have the cap
    event.listen(engine, "connect", cap)
    try:
        yield limit
    finally:
        event.remove(engine, "connect", cap)
        engine.dispose()


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows in every table of the model (what "nothing half-written" is checked against)."""
    with engine.connect() as conn:
        return {
            table.name: int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
            for table in SQLModel.metadata.sorted_tables
        }


def integrity(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.exec_driver_sql("PRAGMA integrity_check").scalars())


def _is_root() -> bool:
    return sys.platform != "win32" and os.geteuid() == 0


@contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """Make the database file at *path* read-only (really: the OS refuses writes) inside the block."""
    if not _is_root():
        mode = path.stat().st_mode
        os.chmod(path, stat.S_IREAD)
        try:
            yield
        finally:
            os.chmod(path, mode)
        return
    folder = str(path.parent)
    made = subprocess.run(
        ["mount", "--bind", folder, folder], capture_output=True, text=True, check=False
    ).returncode == 0 and (
        subprocess.run(["mount", "-o", "remount,bind,ro", folder], capture_output=True, check=False).returncode == 0
    )
    if not made:
        subprocess.run(["umount", folder], capture_output=True, check=False)
        pytest.skip("running as root without permission to mount: a file cannot be made read-only for root")
    try:
        yield
    finally:
        subprocess.run(["umount", folder], capture_output=True, check=True)


@contextmanager
def pulled_out(folder: Path) -> Iterator[Path]:
    """Move *folder* away (the drive is gone) and put it back at the end; yields where it went."""
    away = folder.with_name(folder.name + "-rut-ra")
    os.replace(folder, away)
    try:
        yield away
    finally:
        if away.exists():
            os.replace(away, folder)
