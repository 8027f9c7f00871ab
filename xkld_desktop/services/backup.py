"""Sao lưu và khôi phục — backups and restore of the SQLite database file.

* :func:`backup_now` — a consistent copy (SQLite's online backup API) to a folder of the user's
  choice, while the program keeps running;
* :func:`daily_backup` — once a day on opening, into ``<data folder>/backups``, keeping
  ``keep_days`` days (the ``backup_keep_days`` setting, default 30);
* :func:`backup_before` — before an import (and a restore), into the same folder;
* :func:`backup_info` — the date, schema revision and record counts of a backup (read-only);
* :func:`restore` — replace the database by a backup after checking it, the current database
  backed up first;
* :func:`integrity_check` and :func:`newest_good_backup` — the start-up check of a damaged file.

Only SQLite files are backed up here; a server database (PostgreSQL) has its own tools, and an
in-memory database nothing to keep. Every copy records when it was taken in its own
``app_setting`` row ``backup_taken_at`` (the source is never written).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine

from .. import config
from ..domain.numbers import file_size, group_digits
from ..store.backup import backup_sqlite, copy_into
from ..store.engine import create_engine, sqlite_path, sqlite_url_for
from ..store.errors import DatabaseEnvironmentError
from ..store.session import write_session
from ..store.urls import read_only_uri
from .errors import Refused

log = logging.getLogger(__name__)

TAKEN_AT_KEY = "backup_taken_at"
KEEP_DAYS_KEY = "backup_keep_days"
DEFAULT_KEEP_DAYS = 30
DAILY = "tu-dong"
BEFORE_IMPORT = "truoc-nhap"
BEFORE_RESTORE = "truoc-khoi-phuc"
_KINDS = (DAILY, BEFORE_IMPORT, BEFORE_RESTORE)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds (for the confirmation before restoring it)."""

    path: Path
    taken_at: datetime  # local time; from the copy itself, else the file's modification time
    revision: str | None
    people: int
    departures: int
    returns: int
    size: int

    @property
    def taken_text(self) -> str:
        return self.taken_at.strftime("%H:%M %d/%m/%Y")

    @property
    def counts_text(self) -> str:
        num = group_digits
        return (
            f"{num(self.people)} người lao động, {num(self.departures)} lượt xuất cảnh, "
            f"{num(self.returns)} lượt về nước"
        )


@dataclass(frozen=True)
class RestoreResult:
    """What :func:`restore` did; reopen ``url`` (``open_database``) to show the restored data."""

    url: str
    restored: BackupInfo
    safety_backup: Path | None  # the database as it was before the restore
    damaged_kept: Path | None  # a damaged database that could not be copied is moved here


@dataclass(frozen=True)
class IntegrityResult:
    ok: bool
    messages: tuple[str, ...]

    @property
    def message(self) -> str:
        if self.ok:
            return ""
        return "Tệp cơ sở dữ liệu bị hỏng: " + "; ".join(self.messages[:5])


# --------------------------------------------------------------------------- where backups go


def backup_folder() -> Path:
    """``<data folder>/backups`` — the automatic backups."""
    return config.backups_dir()


def _prefix(db_path: Path) -> str:
    """The file-name prefix of this database's automatic backups (its name, plus a tag if not the default)."""
    try:
        default = config.default_db_path().resolve()
    except OSError:
        default = config.default_db_path()
    resolved = db_path.resolve()
    if resolved == default:
        return db_path.stem
    tag = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:6]
    return f"{db_path.stem}-{tag}"


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _backup_name(db_path: Path, kind: str, now: datetime) -> str:
    return f"{_prefix(db_path)}.{kind}-{_stamp(now)}.db"


def _kind_and_stamp(path: Path, db_path: Path) -> tuple[str, datetime] | None:
    """The kind and time in an automatic backup's name, or ``None`` when *path* is not one of *db_path*'s."""
    prefix = _prefix(db_path) + "."
    name = path.name
    if not name.startswith(prefix) or not name.endswith(".db"):
        return None
    rest = name[len(prefix) : -3]
    for kind in _KINDS:
        if rest.startswith(kind + "-"):
            try:
                return kind, datetime.strptime(rest[len(kind) + 1 :], "%Y%m%d-%H%M%S")
            except ValueError:
                return None
    return None


def _stamp_of(path: Path, db_path: Path) -> datetime | None:
    """The time in an automatic backup's name, or ``None`` when *path* is not one of *db_path*'s."""
    found = _kind_and_stamp(path, db_path)
    return None if found is None else found[1]


def list_backups(db_path: Path, folder: Path | None = None) -> list[Path]:
    """The automatic backups of the database at *db_path*, newest first."""
    folder = folder or backup_folder()
    if not folder.is_dir():
        return []
    found = [(stamp, p) for p in folder.glob("*.db") if (stamp := _stamp_of(p, db_path)) is not None]
    return [p for _stamp_value, p in sorted(found, reverse=True)]


def _file_of(engine: Engine) -> Path:
    path = sqlite_path(engine)
    if path is None:
        raise Refused(
            "Chỉ sao lưu được cơ sở dữ liệu dạng tệp SQLite. "
            "Cơ sở dữ liệu trên máy chủ được sao lưu bằng công cụ của máy chủ."
        )
    return path


def _not_itself(path: Path, target: Path) -> None:
    """A copy never goes onto the database's own file (nor its journal): replacing the open file
    under SQLite, whose write-ahead log stays beside it, damages the database."""
    own = {path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")}
    own |= {p.resolve() for p in own}
    if target in own or target.resolve() in own:
        raise Refused(
            f"Không thể sao lưu cơ sở dữ liệu vào chính tệp của nó ({target.name}). "
            "Hãy chọn một tệp khác, ví dụ trên ổ USB."
        )


def _copy(
    path: Path,
    target: Path,
    *,
    now: datetime,
    progress: Progress | None,
    make_way: bool = False,
    on_snapshot: Callable[[], None] | None = None,
) -> Path:
    """Every copy of the file: never onto the file itself (:func:`_not_itself`), room checked first
    (:func:`make_room`; *make_way*: the oldest automatic copies may go), then SQLite's backup API,
    the time taken written into the copy."""
    _not_itself(path, target)
    make_room(path, target.parent, remove_old=make_way)
    taken = {TAKEN_AT_KEY: now.isoformat(timespec="seconds")}
    return backup_sqlite(path, target, progress=progress, settings=taken, on_snapshot=on_snapshot)


# --------------------------------------------------------------------------- backing up


def _record_backup(engine: Engine, where: Path) -> None:
    """An audit line for a copy of every record taken out of the program (written before the copy,
    so the copy holds it). A database that cannot be written (read-only, a failing drive) is still
    copied: saving its data matters more than the line, which the log file then records instead."""
    from .audit import record_export

    try:
        record_export(engine, kind="backup", count=1, detail={"file": str(where)})
    except DatabaseEnvironmentError as error:
        log.warning("backup of %s not in the audit log: %s", where, error)


def backup_now(engine: Engine, *, folder: Path, progress: Progress | None = None, now: datetime | None = None) -> Path:
    """Sao lưu ngay: a consistent copy into *folder* (a USB drive …); returns the file written."""
    from .access import Permission, require

    require(engine, Permission.BACKUP_RESTORE)
    _record_backup(engine, Path(folder))
    if sqlite_path(engine) is None and engine.dialect.name == "postgresql":  # the server's logical export
        now = now or datetime.now()
        name = engine.url.database or "xkld"
        return export_server(engine, Path(folder) / f"{name}.sao-luu-{_stamp(now)}.db", now=now, progress=progress)
    path = _file_of(engine)
    now = now or datetime.now()
    target = Path(folder) / f"{path.stem}.sao-luu-{_stamp(now)}.db"
    return _copy(path, target, now=now, progress=progress)


def backup_to(engine: Engine, *, target: Path, progress: Progress | None = None) -> Path:
    """A consistent copy into the file *target* (replaced if it exists)."""
    from .access import Permission, require

    require(engine, Permission.BACKUP_RESTORE)
    if sqlite_path(engine) is None and engine.dialect.name == "postgresql":  # the server's logical export
        _record_backup(engine, Path(target))
        return export_server(engine, Path(target), now=datetime.now(), progress=progress)
    path = _file_of(engine)
    _not_itself(path, Path(target))  # before the audit line: a refusal writes nothing
    _record_backup(engine, Path(target))
    return _copy(path, Path(target), now=datetime.now(), progress=progress)


def export_server(engine: Engine, target: Path, *, now: datetime, progress: Progress | None = None) -> Path:
    """Sao lưu cơ sở dữ liệu máy chủ: the PostgreSQL database copied table by table into the new
    SQLite file *target* (:func:`~.copy_db.copy_database`: one consistent snapshot, counts checked).

    The result is a backup like any other: :func:`backup_info` reads it, the program opens it, and
    a commune PC can :func:`restore` it. (The server's administrator may also use ``pg_dump``.)
    Written as ``<target>.part`` and renamed when complete.
    """
    from .copy_db import copy_database, tables

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    leftovers = [tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")]
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    order = [table.name for table in tables()]

    def step(table: str, done: int, total: int) -> None:
        if progress is not None:
            progress(order.index(table) + (1 if done >= total else 0), len(order))

    try:
        copy_database(engine, sqlite_url_for(tmp), progress=step)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute(
                "INSERT OR REPLACE INTO app_setting(key, value) VALUES (?, ?)",  # a SQLite file: SQLite's SQL
                (TAKEN_AT_KEY, now.isoformat(timespec="seconds")),
            )
        finally:
            conn.close()
    except BaseException:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise
    tmp.replace(target)
    return target


def backup_before(
    engine: Engine,
    *,
    kind: str = BEFORE_IMPORT,
    now: datetime | None = None,
    progress: Progress | None = None,
    on_snapshot: Callable[[], None] | None = None,
) -> Path | None:
    """A copy into the backup folder before an import or a restore; ``None`` for a non-file database.

    Room is made first (:func:`make_room`): :class:`Refused` when the disk cannot take the copy.
    *on_snapshot*: see :func:`~xkld_desktop.store.backup.backup_sqlite`.
    """
    path = sqlite_path(engine)
    if path is None or not path.exists():
        return None
    now = now or datetime.now()
    target = backup_folder() / _backup_name(path, kind, now)
    return _copy(path, target, now=now, progress=progress, make_way=True, on_snapshot=on_snapshot)


class _Abandoned(Exception):
    """Raised in a copy's progress to stop it (:meth:`BackupBeside.abandon`)."""


class BackupBeside:
    """:func:`backup_before` on a thread of its own, beside the caller's writes.

    Made, it has started the copy and waited until the copy holds its snapshot of the database:
    what the caller writes from then on is not in the copy, which is the database as it was before
    — as if copied first, but in the time of the writes rather than before them (a province's
    500 MB: 2.4 s of an import's 8). An error before the snapshot (no room on the disk) is raised at
    once. :meth:`result` waits for the copy and raises its error (the caller then writes nothing:
    it commits only after it); :meth:`abandon` stops an unfinished copy and removes its partial file.
    A database that is not a file gets no copy (``result()`` is ``None``), and no thread.
    """

    def __init__(self, engine: Engine, *, kind: str = BEFORE_IMPORT, progress: Progress | None = None) -> None:
        self._done, snapshot = threading.Event(), threading.Event()
        self._stop = False
        self._path: Path | None = None
        self._error: BaseException | None = None
        if sqlite_path(engine) is None:
            self._done.set()
            return

        def step(done: int, total: int) -> None:
            if self._stop:
                raise _Abandoned
            if progress is not None:
                progress(done, total)

        def run() -> None:
            try:
                self._path = backup_before(engine, kind=kind, progress=step, on_snapshot=snapshot.set)
            except _Abandoned:  # no copy: result() is None
                pass
            except BaseException as error:  # given to the caller by result()
                self._error = error
            finally:
                snapshot.set()
                self._done.set()

        threading.Thread(target=run, name="xkld-backup-before", daemon=True).start()
        snapshot.wait()
        if self._error is not None:  # refused before copying anything
            raise self._error

    def result(self) -> Path | None:
        """The copy made (``None``: not a file database), once it is; its error if it failed."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._path

    def abandon(self) -> None:
        """Stop the copy if it is still being made (its partial file removed; ``result()`` is then
        ``None``); wait until it has."""
        self._stop = True
        self._done.wait()


@dataclass(frozen=True)
class AutomaticBackups:
    """The automatic backups of one database, as Settings shows them (read from the folder alone)."""

    folder: Path
    count: int
    total_bytes: int
    free_bytes: int | None  # on the folder's disk; None: the system does not tell
    room_needed: int  # free bytes the next automatic copy needs (:func:`room_needed`)
    newest_at: datetime | None = None
    newest_kind: str | None = None  # DAILY, BEFORE_IMPORT or BEFORE_RESTORE
    newest_bytes: int = 0

    def days_old(self, today: date) -> int | None:
        """Whole days since the newest copy was taken; ``None`` when there is none."""
        return None if self.newest_at is None else (today - self.newest_at.date()).days


def automatic_backups(db_path: Path, folder: Path | None = None) -> AutomaticBackups:
    """How many automatic copies of the database at *db_path* there are, their size, the newest and
    the room left on their disk — one listing of the folder, no database read."""
    folder = folder or backup_folder()
    found = list_backups(db_path, folder)
    sizes = [_size(path) for path in found]
    free, room = free_bytes(folder), room_needed(db_path, folder)
    if not found:
        return AutomaticBackups(folder, 0, 0, free, room)
    kind, stamp = _kind_and_stamp(found[0], db_path) or (None, None)
    return AutomaticBackups(folder, len(found), sum(sizes), free, room, stamp, kind, sizes[0])


def backups_of(engine: Engine) -> AutomaticBackups | None:
    """:func:`automatic_backups` of the database file behind *engine*; ``None`` for a server
    database (the server's administrator keeps its backups) or a file not made yet."""
    path = sqlite_path(engine)
    return automatic_backups(path) if path is not None and path.exists() else None


# --------------------------------------------------------------------------- room on the disk

#: What an automatic copy must leave free on the database's own disk, at least: the database has
#: to go on writing (an import of 10,000 people into 200,000 writes ≈ 80 MB of WAL), and a disk
#: filled by a backup would refuse the officer's next save.
MIN_RESERVE = 256 << 20


def _copy_size(path: Path) -> int:
    """What a copy of the database at *path* takes at most: its file and the pages in its WAL."""
    return path.stat().st_size + _size(path.with_name(path.name + "-wal"))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # removed meanwhile
        return 0


def _existing(folder: Path) -> Path:
    """*folder*, or its nearest existing parent (the backup folder is made on the first copy)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def free_bytes(folder: Path) -> int | None:
    """Free space on the disk of *folder* (or of its nearest existing parent); ``None`` when the
    system does not tell (a network drive refusing the question)."""
    try:
        return shutil.disk_usage(_existing(folder)).free
    except OSError as error:
        log.info("Free space of %s unknown: %s", folder, error)
        return None


def room_needed(path: Path, folder: Path) -> int:
    """Free bytes an automatic copy of *path* into *folder* needs: the copy, and — when the copy
    goes to the database's own disk — the reserve it must leave: half the database, at least
    :data:`MIN_RESERVE`."""
    needed = _copy_size(path)
    if _same_disk(path, folder):
        needed += max(MIN_RESERVE, path.stat().st_size // 2)
    return needed


def _same_disk(path: Path, folder: Path) -> bool:
    try:
        return os.stat(_existing(folder)).st_dev == os.stat(path).st_dev
    except OSError:
        return True


def make_room(path: Path, folder: Path, *, remove_old: bool = True) -> list[Path]:
    """Before a copy of the database *path* into *folder*: enough free space for it.

    When the disk is short, this database's oldest automatic copies are removed first — always
    keeping the newest — as a backup program does when its disk fills (the newest copy is worth
    more than the oldest); none when removing all of them would not be enough. Raises
    :class:`Refused` with what is needed and what is free then; nothing is written or removed.
    Returns the copies removed. *remove_old* false: only the check (a copy the user asked for, or
    the one before a restore, which may be restoring one of the automatic copies).
    """
    needed = room_needed(path, folder)
    free = free_bytes(folder)
    if free is None:  # unknown: the copy is tried (and fails cleanly if the disk is full)
        return []
    older = list_backups(path, folder)[1:] if remove_old else []  # newest first; the newest is kept
    removed: list[Path] = []
    if free < needed and free + sum(_size(p) for p in older) >= needed:  # never removed in vain
        for old in reversed(older):  # oldest first
            if free >= needed:
                break
            free += _size(old)
            old.unlink(missing_ok=True)
            removed.append(old)
    if removed:
        log.warning(
            "Disk short for the backup of %s: removed the %d oldest automatic backups (%s)",
            path,
            len(removed),
            ", ".join(p.name for p in removed),
        )
    if free < needed:
        raise Refused(
            f"Ổ đĩa không đủ chỗ để sao lưu cơ sở dữ liệu: cần còn trống khoảng {file_size(needed)} "
            f"(bản sao và chỗ để cơ sở dữ liệu tiếp tục ghi), chỉ còn {file_size(free)}. "
            f"Hãy giải phóng bớt ổ đĩa (thư mục sao lưu: {folder})."
        )
    return removed


def prune_backups(
    db_path: Path, *, keep_days: int, today: date | None = None, folder: Path | None = None
) -> list[Path]:
    """Delete this database's automatic backups (in *folder*, default :func:`backup_folder`) older
    than *keep_days*; return what was deleted."""
    today = today or date.today()
    limit = datetime.combine(today - timedelta(days=max(keep_days, 1)), datetime.min.time())
    removed = []
    for path in list_backups(db_path, folder):
        stamp = _stamp_of(path, db_path)
        if stamp is not None and stamp < limit:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def daily_backup(
    engine: Engine, *, keep_days: int | None = None, now: datetime | None = None, folder: Path | None = None
) -> Path | None:
    """Once a day: copy the database into the backup folder unless today's copy exists; prune old ones.

    *folder*: the backup folder (default :func:`backup_folder`, read now; the window's upkeep passes
    the one of the moment the database was opened). Returns the new backup, or ``None`` when there
    was nothing to do (a server or in-memory database, a database not created yet, or today's copy
    already there — one directory listing).
    """
    path = sqlite_path(engine)
    if path is None or not path.exists():
        if path is None and engine.dialect.name == "postgresql":
            log.info(
                "No automatic daily backup of a server database (%s): the server's own backups keep it",
                engine.url.render_as_string(hide_password=True),
            )
        return None
    now = now or datetime.now()
    folder = folder or backup_folder()
    today_pattern = f"{_prefix(path)}.{DAILY}-{now:%Y%m%d}-*.db"
    if folder.is_dir() and any(folder.glob(today_pattern)):
        return None
    if keep_days is None:
        keep_days = backup_keep_days(engine)
    # first: what expired frees room for the copy
    prune_backups(path, keep_days=keep_days, today=now.date(), folder=folder)
    return _copy(path, folder / _backup_name(path, DAILY, now), now=now, progress=None, make_way=True)


def backup_keep_days(engine: Engine) -> int:
    """How many days automatic backups are kept (setting ``backup_keep_days``, default 30)."""
    from .settings import get_setting

    value = get_setting(engine, KEEP_DAYS_KEY, "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_KEEP_DAYS


def set_backup_keep_days(engine: Engine, *, days: int) -> None:
    from .access import Permission, require

    require(engine, Permission.SETTINGS_MANAGE)
    from .settings import set_setting

    if days < 1:
        raise Refused("Số ngày giữ bản sao lưu phải lớn hơn 0.")
    set_setting(engine, KEEP_DAYS_KEY, str(days))


# --------------------------------------------------------------------------- reading a backup


def _not_valid(path: Path, why: str) -> Refused:
    return Refused(f"Tệp “{path.name}” không phải là bản sao lưu hợp lệ của XKLĐ Desktop ({why}).")


def backup_info(path: Path | str) -> BackupInfo:
    """Date, schema revision and record counts of the backup at *path* (opened read-only).

    Raises :class:`Refused` when the file is not a sound XKLĐ database, or was made by a newer
    version of the program.
    """
    from ..store.migrate import script_directory

    path = Path(path)
    if not path.is_file():
        raise Refused(f"Không tìm thấy tệp “{path}”.")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        raise _not_valid(path, str(error)) from error
    try:
        try:
            check = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.Error as error:
            raise _not_valid(path, "không đọc được: tệp hỏng hoặc không phải cơ sở dữ liệu") from error
        if check != ["ok"]:
            raise _not_valid(path, "tệp bị hỏng")
        if not {"alembic_version", "person", "departure", "worker_return", "app_setting"} <= tables:
            raise _not_valid(path, "không có các bảng hồ sơ của chương trình")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
        if revision is None:
            raise _not_valid(path, "không rõ phiên bản lược đồ")
        known = {rev.revision for rev in script_directory().walk_revisions()}
        if revision not in known:
            raise Refused(
                f"Bản sao lưu “{path.name}” do một phiên bản mới hơn của chương trình tạo ra "
                f"(phiên bản lược đồ {revision}). Hãy cập nhật XKLĐ Desktop trước khi khôi phục nó."
            )

        def count(table: str) -> int:
            try:
                return int(conn.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0])
            except sqlite3.OperationalError:
                return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        people, departures, returns = count("person"), count("departure"), count("worker_return")
        stamp = conn.execute("SELECT value FROM app_setting WHERE key = ?", (TAKEN_AT_KEY,)).fetchone()
    finally:
        conn.close()
    taken: datetime | None = None
    if stamp:
        try:
            taken = datetime.fromisoformat(stamp[0])
        except ValueError:
            taken = None
    if taken is None:
        taken = datetime.fromtimestamp(path.stat().st_mtime)
    return BackupInfo(path, taken, revision, people, departures, returns, path.stat().st_size)


def integrity_check(engine: Engine) -> IntegrityResult:
    """``PRAGMA quick_check`` of a SQLite database (always ok for a server database)."""
    if engine.dialect.name != "sqlite":
        return IntegrityResult(True, ())
    try:
        with engine.connect() as conn:
            rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    except Exception as error:  # a file too damaged to read at all
        return IntegrityResult(False, (str(error),))
    return IntegrityResult(rows == ["ok"], tuple(rows) if rows != ["ok"] else ())


def newest_good_backup(db_path: Path | None) -> BackupInfo | None:
    """The newest automatic backup of *db_path* that passes the checks of :func:`backup_info`."""
    if db_path is None:
        return None
    for path in list_backups(db_path):
        try:
            return backup_info(path)
        except Refused:
            continue
    return None


# --------------------------------------------------------------------------- restoring


def restore(engine_or_url: Engine | str, backup_path: Path | str, *, username: str = "") -> RestoreResult:
    """Replace the database by the backup at *backup_path*; the current database is backed up first.

    The backup is checked first (:func:`backup_info`); a bad or newer file leaves the database
    untouched. An open engine is disposed: reopen ``result.url`` with ``open_database`` (which
    also upgrades an older backup's schema). The restore is written to the audit trail.
    """
    if not isinstance(engine_or_url, str):  # a URL: the caller checked (the CLI binds the user first)
        from .access import Permission, require, username_of

        require(engine_or_url, Permission.BACKUP_RESTORE)
        username = username or username_of(engine_or_url)
    info = backup_info(backup_path)
    url = engine_or_url if isinstance(engine_or_url, str) else engine_or_url.url.render_as_string(hide_password=False)
    path = sqlite_path(url)
    if path is None:
        raise Refused(
            "Chỉ khôi phục được vào cơ sở dữ liệu dạng tệp SQLite. Với máy chủ PostgreSQL: tạo một cơ sở dữ liệu "
            "trống mới trên máy chủ rồi chép bản sao lưu vào đó (xkld-desktop --db sqlite:///TỆP_SAO_LƯU.db "
            "copy-to URL_MÁY_CHỦ), hoặc dùng pg_restore với bản pg_dump."
        )
    if path.exists() and path.resolve() == info.path.resolve():
        raise Refused("Không thể khôi phục một tệp vào chính nó.")
    if not isinstance(engine_or_url, str):
        engine_or_url.dispose()
    now = datetime.now()
    safety: Path | None = None
    damaged: Path | None = None
    if path.exists():
        try:
            safety = backup_before_path(path, now)
        except sqlite3.Error:
            safety = None  # too damaged to copy: the file itself is kept aside below
    try:
        if path.exists() and safety is None:
            raise sqlite3.DatabaseError("damaged")
        copy_into(info.path, path)
    except sqlite3.DatabaseError:
        # The current file cannot be written through SQLite (damaged): keep it aside, start fresh.
        damaged = path.with_name(f"{path.stem}.hong-{_stamp(now)}{path.suffix or '.db'}")
        if path.exists():
            path.replace(damaged)
        for suffix in ("-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        copy_into(info.path, path)
    _after_restore(sqlite_url_for(path), info, username=username)
    return RestoreResult(url, info, safety, damaged)


def backup_before_path(path: Path, now: datetime) -> Path:
    """Copy the database file *path* into the backup folder before a restore (:class:`Refused`
    when the disk has no room for it: nothing is replaced then)."""
    return _copy(path, backup_folder() / _backup_name(path, BEFORE_RESTORE, now), now=now, progress=None)


def _after_restore(url: str, info: BackupInfo, *, username: str) -> None:
    """The restored file brought to this version's schema (a backup of an older version: its audit
    log lacks columns the line below writes), then the restore written to its audit trail."""
    import sqlalchemy as sa

    from ..domain.models import AppSetting
    from ..store.migrate import migrate
    from .audit import record_event

    engine = create_engine(url)
    try:
        migrate(engine, backup=False)  # the copy before the restore holds what was replaced
        with write_session(engine) as session:
            table = AppSetting.__table__  # type: ignore[attr-defined]
            session.execute(sa.delete(table).where(table.c.key == TAKEN_AT_KEY))
            record_event(
                session,
                username=username,
                action="restore",
                detail={
                    "file": info.path.name,
                    "taken_at": info.taken_at.isoformat(timespec="seconds"),
                    "revision": info.revision,
                    "people": info.people,
                    "departures": info.departures,
                    "returns": info.returns,
                    "restored_at": datetime.now(UTC).isoformat(timespec="seconds"),
                },
            )
    finally:
        engine.dispose()
