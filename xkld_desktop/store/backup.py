"""Consistent copies of a SQLite database through SQLite's online backup API.

A plain file copy of a database in WAL mode can miss committed pages still in the ``-wal``
file, or catch a write half-way; the backup API copies a consistent snapshot while others
keep reading and writing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path


def backup_sqlite(source: Path, target: Path, *, progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy the database at *source* to *target* (created or replaced) and return *target*."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:

            def _progress(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            src.backup(dst, pages=256, progress=_progress)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    return target


def timestamped_backup_path(source: Path, label: str, *, now: datetime | None = None) -> Path:
    """``<stem>.<label>-YYYYmmdd-HHMMSS<suffix>`` next to *source*."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return source.with_name(f"{source.stem}.{label}-{stamp}{source.suffix or '.db'}")
