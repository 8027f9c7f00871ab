"""Consistent copies of a SQLite database through SQLite's online backup API.

A plain file copy of a database in WAL mode can miss committed pages still in the ``-wal``
file, or catch a write half-way; the backup API copies a consistent snapshot while others
keep reading and writing.

A copy is made as ``<target>.part`` and renamed into place only when complete, so a power cut
never leaves a half-written file under the backup's name. The copy is switched to the
``DELETE`` journal mode: one self-contained file that can be opened read-only from a USB drive.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from .urls import read_only_uri


def backup_sqlite(
    source: Path,
    target: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    settings: Mapping[str, str] | None = None,
    on_snapshot: Callable[[], None] | None = None,
) -> Path:
    """Copy the database at *source* to *target* (created or replaced) and return *target*.

    *settings* are written into the copy's ``app_setting`` table (when it has one), e.g. the
    time the backup was taken; the source is never written. *on_snapshot* is called once the copy
    holds its snapshot of *source*: what other connections write from then on is not in the copy.
    An exception raised by *progress* stops the copy (its partial file removed) and propagates.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(read_only_uri(source), uri=True, isolation_level=None, timeout=8)
    try:
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:

            def _progress(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            _copy_snapshot(src, dst, _progress, on_snapshot)
            dst.execute("PRAGMA journal_mode=DELETE")
            if settings:
                has_table = dst.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='app_setting'"
                ).fetchone()
                if has_table:
                    dst.executemany(
                        "INSERT OR REPLACE INTO app_setting(key, value) VALUES (?, ?)", list(settings.items())
                    )
        finally:
            dst.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    tmp.replace(target)
    return target


def _copy_snapshot(
    src: sqlite3.Connection,
    dst: sqlite3.Connection,
    progress: Callable[[int, int, int], None],
    on_snapshot: Callable[[], None] | None = None,
) -> None:
    """Run the backup in steps inside one read transaction of *src*.

    Without it, every write by another connection between two steps restarts the copy from the
    start (measured: a 23 MB file under a busy writer took 5,141 steps and 7.8 s instead of
    22 steps and 0.05 s); in WAL mode the held snapshot does not block writers.
    """
    src.execute("BEGIN")
    try:
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if on_snapshot is not None:
            on_snapshot()
        src.backup(dst, pages=256, progress=progress, sleep=0)
    finally:
        with contextlib.suppress(sqlite3.Error):  # never hide the error of the copy
            src.execute("COMMIT")


def copy_into(source: Path, target: Path, *, progress: Callable[[int, int], None] | None = None) -> None:
    """Replace the content of the database *target* by that of *source*, through the backup API.

    Other connections to *target* see the change atomically (SQLite locks it during the copy).
    """
    src = sqlite3.connect(read_only_uri(source), uri=True, isolation_level=None, timeout=8)
    try:
        dst = sqlite3.connect(target, isolation_level=None, timeout=8)
        try:

            def _progress(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            _copy_snapshot(src, dst, _progress)
        finally:
            dst.close()
    finally:
        src.close()


def timestamped_backup_path(source: Path, label: str, *, now: datetime | None = None) -> Path:
    """``<stem>.<label>-YYYYmmdd-HHMMSS<suffix>`` next to *source*."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return source.with_name(f"{source.stem}.{label}-{stamp}{source.suffix or '.db'}")
