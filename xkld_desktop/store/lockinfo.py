"""Who has a SQLite database open in a window — read without Qt, for the command line and messages.

The window takes a lock file next to the database (``xkld.db.lock``, a Qt ``QLockFile``: the
holder's process id, program name and host name, one a line) and writes beside it
``xkld.db.lock.info``: a small JSON object with the OS user, the host and the time it opened the
database. :func:`read_holder` reads both and says who holds the database, or ``None`` when
nobody does — no lock file, or a lock left by a process of this PC that is no longer running
(a crash or a power cut). A lock from another PC (a shared folder) cannot be checked and counts
as held.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

LOCK_SUFFIX = ".lock"
INFO_SUFFIX = ".lock.info"


def lock_path(db_path: Path) -> Path:
    """The lock file of the database at *db_path*."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def info_path(db_path: Path) -> Path:
    """The file beside the lock that names the holder (user, host, since when)."""
    return db_path.with_name(db_path.name + INFO_SUFFIX)


def os_user() -> str:
    """The OS account running this process ("" when it cannot be told)."""
    try:
        return getpass.getuser()
    except Exception:  # no USER/USERNAME and no password entry (a container)
        return ""


def host_name() -> str:
    return socket.gethostname()


@dataclass(frozen=True)
class LockHolder:
    """The process holding a database: OS user, host name, process id, since when."""

    user: str
    host: str
    pid: int | None
    since: datetime | None

    @property
    def describe(self) -> str:
        """Vietnamese: "người dùng “lan” trên máy “UBND-XA”, từ 08:15 ngày 25/11/2026"."""
        parts = []
        if self.user:
            parts.append(f"người dùng “{self.user}”")
        parts.append(f"trên máy “{self.host}”" if self.host else "trên một máy khác")
        text = " ".join(parts)
        if self.since is not None:
            text += f", từ {self.since:%H:%M} ngày {self.since:%d/%m/%Y}"
        return text


def write_info(db_path: Path, *, since: datetime | None = None) -> Path:
    """Write the holder's details beside the lock (called by the process that took it)."""
    path = info_path(db_path)
    data = {
        "user": os_user(),
        "host": host_name(),
        "pid": os.getpid(),
        "since": (since or datetime.now()).isoformat(timespec="seconds"),
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def remove_info(db_path: Path) -> None:
    with contextlib.suppress(OSError):
        info_path(db_path).unlink(missing_ok=True)


def read_holder(db_path: Path, *, ignore_own: bool = True) -> LockHolder | None:
    """Who holds the database at *db_path* now, or ``None`` (no lock, a stale lock, or this process)."""
    try:
        lines = lock_path(db_path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    pid = int(lines[0]) if lines and lines[0].strip().isdigit() else None
    host = lines[2].strip() if len(lines) > 2 else ""
    if host == host_name() or not host:
        if pid is None or not _alive(pid):
            return None  # left behind by a process that ended without unlocking
        if ignore_own and pid == os.getpid():
            return None
    info: dict[str, object] = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(info_path(db_path).read_text(encoding="utf-8"))
        if isinstance(loaded, dict) and loaded.get("pid") == pid:
            info = loaded
    since = None
    with contextlib.suppress(TypeError, ValueError):
        since = datetime.fromisoformat(str(info.get("since")))
    return LockHolder(user=str(info.get("user") or ""), host=str(info.get("host") or host), pid=pid, since=since)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(ok) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's process
        return True
    return True


def held_message(db_path: Path) -> str | None:
    """Why a command that changes records does not run now (Vietnamese), or ``None`` when it may.

    The command line refuses record-changing commands while a window has the database open: the
    officer at the window would see records change under their hands (or a restore pull the file
    away). Reading commands run; SQLite's own locking keeps their few audit lines safe.
    """
    holder = read_holder(db_path)
    if holder is None:
        return None
    return (
        f"Cơ sở dữ liệu {db_path} đang được mở trong cửa sổ chương trình ({holder.describe}). "
        "Lệnh này thay đổi dữ liệu nên không chạy khi cửa sổ đang mở: hãy đóng cửa sổ chương trình rồi chạy lại. "
        "Các lệnh chỉ đọc (search, info, stats, report, export, backup) vẫn chạy được."
    )
