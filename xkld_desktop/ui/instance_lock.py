"""Một cơ sở dữ liệu, một cửa sổ — the lock file that keeps a second copy of the program off a database.

When the window opens a SQLite database it takes ``<file>.lock`` (a :class:`QLockFile`) and
writes beside it who it is (OS user, host, since when; :mod:`xkld_desktop.store.lockinfo`). A
second copy of the program — another window on the same PC, or an officer on another PC opening
the same file on a shared folder — finds the lock taken and says clearly that the database is in
use and by whom, then offers to open another file (or to close, when it has nothing open). A
lock left by a program that crashed or lost power on this PC is stale and taken over (Qt checks
whether its process still runs); a lock from another PC is never taken over by age.

The lock is released when the window switches to another database or closes. A folder where no
lock can be created (read-only media) does not stop the opening: the database will refuse writes
by itself there.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject
from PySide6.QtWidgets import QWidget

from ..store.lockinfo import LockHolder, lock_path, read_holder, remove_info, write_info
from ..store.urls import sqlite_file

log = logging.getLogger(__name__)


class DatabaseLocks(QObject):
    """The lock files held by one window (normally one; two for a moment while switching)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._locks: dict[Path, QLockFile] = {}

    @property
    def held(self) -> list[Path]:
        """The databases whose lock this window holds."""
        return list(self._locks)

    def acquire(self, url: str) -> bool:
        """Take the lock of the database at *url*; on refusal tell the user and return False."""
        path = sqlite_file(url)  # not SQLAlchemy's make_url: importing it would freeze the window
        if path is None:  # a server database: the server does its own locking
            return True
        key = _key(path)
        if key in self._locks:
            return True
        with contextlib.suppress(OSError):  # a first start: the data folder is made with the database
            key.parent.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(lock_path(key)))
        lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        if lock.tryLock(0):
            try:
                write_info(key)
            except OSError as error:
                log.warning("Could not write the lock details of %s: %s", key, error)
            self._locks[key] = lock
            return True
        if lock.error() != QLockFile.LockError.LockFailedError:
            # No lock file possible (a read-only folder, a CD): open anyway, writes will be refused.
            log.warning("No lock file for %s (error %s)", key, lock.error())
            return True
        holder = read_holder(key, ignore_own=False) or _holder_from_qt(lock)
        self.refuse(key, holder)
        return False

    def refuse(self, path: Path, holder: LockHolder) -> None:
        """Say who has *path* open; offer to open another file (or close a window with nothing open)."""
        from .widgets import ask_yes_no  # (the form widgets: not imported on the way to a database opened)

        window = self.window
        text = self.tr(
            "The database {file} is already open in XKLĐ Desktop: {holder}.\n\n"
            "Two copies of the program writing to one file at the same time could damage it, so it was not "
            "opened here. Close the program there first. If that computer is switched off or the program "
            "crashed there, delete the file {lock} and try again.\n\n"
            "Open another database file?"
        ).format(file=path, holder=self.describe(holder), lock=lock_path(path))
        if ask_yes_no(window, self.tr("Database in use"), text, default_yes=True):
            window.choose_database_file()  # type: ignore[attr-defined]
        elif getattr(window, "database", None) is None:
            window.close()

    def describe(self, holder: LockHolder) -> str:
        """The holder in words: user “lan” on computer “UBND-XA”, since 08:15 on 25/11/2026 (translated)."""
        host = holder.host or self.tr("another computer")
        if holder.user:
            text = self.tr("user “{user}” on computer “{host}”").format(user=holder.user, host=host)
        else:
            text = self.tr("computer “{host}”").format(host=host)
        if holder.since is not None:
            text += self.tr(", since {time} on {date}").format(
                time=holder.since.strftime("%H:%M"), date=holder.since.strftime("%d/%m/%Y")
            )
        return text

    def keep_only(self, db: object | None) -> None:
        """Release every lock but that of *db* (a ``Database``, or None: release all)."""
        path = getattr(db, "path", None) if db is not None else None
        keep = _key(path) if path is not None else None
        for key in list(self._locks):
            if key != keep:
                self.release(key)

    def release(self, key: Path) -> None:
        lock = self._locks.pop(key, None)
        if lock is not None:
            remove_info(key)
            lock.unlock()

    def release_all(self) -> None:
        self.keep_only(None)


def lock_guard(window: QWidget) -> DatabaseLocks:
    """The window's :class:`DatabaseLocks`, made on first use."""
    guard = window.findChild(DatabaseLocks)
    if guard is None:
        guard = DatabaseLocks(window)
    return guard


def _key(path: Path) -> Path:
    with contextlib.suppress(OSError):
        return path.resolve()
    return path.absolute()


def _holder_from_qt(lock: QLockFile) -> LockHolder:
    pid, host, _app = lock.getLockInfo()
    return LockHolder(user="", host=host or "", pid=pid or None, since=None)
