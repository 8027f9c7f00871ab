"""Opening the program's database: engine, migrations (backup first), reference data.

``open_database(url)`` is what start-up and every CLI command call first. It returns a
:class:`Database` holding the engine; everything else takes that object (or its engine), so
tests pass a database of their own.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from .. import config
from ..domain.models import Person
from ..store.engine import checkpoint as wal_checkpoint
from ..store.engine import create_engine, sqlite_path
from ..store.migrate import MigrationReport, migrate
from ..store.session import read_session
from . import audit as _audit  # noqa: F401 - registers the automatic audit trail of every change
from .errors import Refused
from .process_actor import process_actor

log = logging.getLogger(__name__)


@dataclass
class Database:
    """An open database: its URL, engine, and what opening it did."""

    url: str
    engine: Engine
    migration: MigrationReport | None = None
    seeded: dict[str, int] = field(default_factory=dict)
    daily_backup: Path | None = None  # the automatic backup made on opening (once a day)
    daily_backup_failed: str | None = None  # why the automatic backup of the day could not be made
    #: the day's upkeep that ``open_database(..., daily_later=True)`` left to :func:`daily_upkeep`
    _daily: Callable[[], None] | None = field(default=None, repr=False)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database."""
        return sqlite_path(self.engine)

    @property
    def display_location(self) -> str:
        """What the status bar and Settings show: the file path, or the URL without password."""
        if self.path is not None:
            return str(self.path)
        return self.engine.url.render_as_string(hide_password=True)

    def is_empty(self) -> bool:
        """True when no person has been recorded yet (first start: offer demo data)."""
        with read_session(self.engine) as session:
            return (session.scalar(select(func.count()).select_from(Person)) or 0) == 0

    def close(self) -> None:
        self.engine.dispose()


def _purge_bin(engine: Engine) -> None:
    """Thùng rác: remove for good what was deleted more than 30 days ago (see :mod:`.recycle_bin`).

    A database that cannot be written now (read-only, full, locked) is opened all the same.
    """
    from ..store.errors import StoreError
    from .recycle_bin import purge_expired

    try:
        result = purge_expired(engine, daily=True)
    except StoreError as error:
        log.warning("Purging the bin skipped: %s", error)
        return
    if result.total:
        log.info("Purged from the bin: %s", result.removed)


def _daily_work(db: Database, engine: Engine, *, backup: bool, purge: bool, folder: Path | None = None) -> None:
    """The automatic backup of the day (into *folder*, default the backup folder now), then the bin's
    purge (after it: the backup still holds what is purged)."""
    if backup and db.path is None and engine.dialect.name == "postgresql":
        log.info("Server database: no automatic daily backup here (the server's administrator keeps them)")
    if backup and db.path is not None:
        from .backup import daily_backup

        try:
            db.daily_backup = daily_backup(engine, folder=folder)
        except (OSError, sqlite3.Error, Refused) as error:  # a full disk must not keep the records closed
            log.warning("Automatic backup failed: %s", error)
            db.daily_backup_failed = str(error)
    if purge:
        _purge_bin(engine)


def daily_upkeep(db: Database) -> bool:
    """Run what ``open_database(..., daily_later=True)`` left for later: the backup of the day and
    the bin's purge. Once; False when there was nothing left. Never raises: a failure is logged (the
    records stay open, as when opening does it)."""
    work, db._daily = db._daily, None
    if work is None:
        return False
    try:
        work()
    except Exception as error:  # background upkeep: logged, never in the user's way
        log.warning("Daily upkeep of %s failed: %s", db.display_location, error)
    return True


def checkpoint(engine: Engine, mode: str = "PASSIVE") -> None:
    """Copy a SQLite file's write-ahead log into the file (after an import, which leaves it:
    :func:`~xkld_desktop.store.engine.defer_checkpoint`; TRUNCATE after an erasure, which also
    empties the log). Never raises: a failure (another reader holding the log) is logged, and
    SQLite's next automatic checkpoint does it."""
    started = time.perf_counter()
    try:
        done = wal_checkpoint(engine, mode)
    except Exception as error:  # background upkeep: logged, never in the user's way
        log.warning("WAL checkpoint skipped: %s", error)
        return
    if done is not None:
        log.info("WAL checkpoint: %d of %d pages in %.2f s", done[1], done[0], time.perf_counter() - started)


def open_database(
    url: str,
    *,
    upgrade: bool = True,
    seed: bool = True,
    backup: bool = True,
    on_upgrade: Callable[[str | None, str], None] | None = None,
    daily_later: bool = False,
) -> Database:
    """Open (creating if needed) the database at *url*, migrate it and seed reference data.

    A SQLite file gets its automatic backup of the day (``backup=False``: not now); see
    :func:`~xkld_desktop.services.backup.daily_backup`; then the recycle bin is purged of what
    expired. *daily_later* leaves both to :func:`daily_upkeep`: the window opens on a 500 MB file
    without waiting the second its first copy of the day takes, and runs them on a thread of its
    own once the first figures are read.

    Raises :class:`~xkld_desktop.store.errors.StoreError` subclasses with a Vietnamese message
    when the file is locked, read-only, damaged, or made by a newer version. *on_upgrade* is told
    when the schema is about to be upgraded (:func:`~xkld_desktop.store.migrate.migrate`).
    """
    engine = create_engine(url)
    db = Database(url=url, engine=engine)
    try:
        if upgrade:
            db.migration = migrate(engine, on_upgrade=on_upgrade)
        if seed:
            from .reference import seed_reference_data

            db.seeded = seed_reference_data(engine)
        if daily_later:
            # the backup folder as it is now, not when the work is done: the data folder of this
            # opening (a test's own, which is given back before a late upkeep could run)
            folder = config.backups_dir()
            db._daily = lambda: _daily_work(db, engine, backup=backup, purge=upgrade and seed, folder=folder)
        else:
            _daily_work(db, engine, backup=backup, purge=upgrade and seed)
    except BaseException:
        engine.dispose()
        raise
    actor = process_actor()
    if actor is not None:
        from .access import Actor, bind

        if isinstance(actor, Actor):
            db.engine = bind(engine, actor)
    return db
