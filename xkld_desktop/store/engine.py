"""Engines from a database URL, with SQLite made safe for a shared office PC.

SQLite connections get ``foreign_keys=ON``, the WAL journal, ``synchronous=FULL`` (a save the
user was told about survives a power cut) and a busy timeout. Python's sqlite3 driver begins
transactions lazily and on its own; we switch that off and emit ``BEGIN`` ourselves — ``BEGIN
IMMEDIATE`` for sessions that will write (see :func:`xkld_desktop.store.session.write_session`),
so that two writers queue up at the start instead of failing half-way with "database is locked".
This is the recipe of SQLAlchemy's SQLite dialect documentation ("Serializable isolation /
Savepoints / Transactional DDL").

PostgreSQL (the shared office server, ``postgresql+psycopg://user@host/db``) gets none of that:
its default READ COMMITTED transactions, a pool that checks a connection before handing it out
(the server or the network may have dropped it), a connect timeout and a lock timeout, so a
write blocked by another officer's transaction fails with "locked" instead of hanging.

Everything database-specific lives here; the rest of the program speaks portable SQL.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from .urls import file_of

#: execution option that makes the next BEGIN an IMMEDIATE one on SQLite
WRITE_OPTION = "xkld_write"
BUSY_TIMEOUT_MS = 8000
#: SQLite's automatic checkpoint: a COMMIT that leaves more pages than this in the log copies them
AUTOCHECKPOINT_PAGES = 1000
_AUTOCHECKPOINT_OFF = "xkld_autocheckpoint_off"
#: seconds to wait for the PostgreSQL server to answer a new connection
CONNECT_TIMEOUT_S = 10


def sqlite_url_for(path: Path | str) -> str:
    """A SQLAlchemy URL for the SQLite file at *path*."""
    return f"sqlite:///{Path(path).expanduser().resolve().as_posix()}"


def is_postgresql(engine_or_url: Engine | str | sa.URL) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.get_backend_name() == "postgresql"


def normalize_url(url: str | sa.URL) -> sa.URL:
    """*url* as an URL object; a bare ``postgresql://`` gets the psycopg (3) driver we ship."""
    url = make_url(url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def is_sqlite(engine_or_url: Engine | str | sa.URL) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.get_backend_name() == "sqlite"


def sqlite_path(engine_or_url: Engine | str | sa.URL) -> Path | None:
    """The file behind a SQLite URL, or ``None`` (another database, or in memory)."""
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return file_of(url.get_backend_name(), url.database)


def create_engine(
    url: str | sa.URL, *, echo: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS, **kwargs: Any
) -> Engine:
    """An engine for *url*; SQLite files get the pragmas and transaction handling above.

    *busy_timeout_ms* is how long a write waits for another writer before "database is locked".
    """
    url = normalize_url(url)
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("timeout", busy_timeout_ms / 1000)
        # The UI may open a session in a worker thread; each thread gets its own connection.
        connect_args.setdefault("check_same_thread", False)
        engine = sa.create_engine(url, echo=echo, connect_args=connect_args, **kwargs)
        _install_sqlite_hooks(engine, busy_timeout_ms)
        if path is not None:
            _watch_file(engine, path)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if url.get_backend_name() == "postgresql":
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        connect_args.setdefault("application_name", "xkld-desktop")
        connect_args.setdefault("options", f"-c lock_timeout={int(busy_timeout_ms)}")
        kwargs["connect_args"] = connect_args
    return sa.create_engine(url, echo=echo, **kwargs)


def _install_sqlite_hooks(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Stop pysqlite from emitting BEGIN itself; we emit it in _on_begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            if _is_file(engine):
                # WAL needs write access; a read-only file keeps its journal mode.
                with contextlib.suppress(Exception):
                    cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection: Any, record: Any) -> None:
        # A connection whose commit left the write-ahead log alone (defer_checkpoint) goes back to
        # the pool with SQLite's automatic checkpoint on again.
        if record.info.pop(_AUTOCHECKPOINT_OFF, False):
            with contextlib.suppress(Exception):
                dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def defer_checkpoint(conn: sa.Connection) -> None:
    """SQLite: the COMMIT of *conn*'s transaction leaves the write-ahead log for :func:`checkpoint`.

    SQLite copies the log into the database file (a checkpoint) in the COMMIT that takes it past
    1,000 pages: 10,000 imported people write 18,000 pages, and that copy was a second of the
    user's wait. The commit stays as durable (the log is synced with ``synchronous=FULL``); the
    caller runs :func:`checkpoint` afterwards, where nobody waits for it. The automatic
    checkpoint is on again when the connection goes back to the pool.
    """
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
    conn.info[_AUTOCHECKPOINT_OFF] = True


#: SQLite's checkpoint modes :func:`checkpoint` runs
CHECKPOINT_MODES = ("PASSIVE", "TRUNCATE")


def checkpoint(engine: Engine, mode: str = "PASSIVE") -> tuple[int, int] | None:
    """SQLite: copy the write-ahead log into the database file now; (pages in the log, pages copied),
    or ``None`` for a server database.

    PASSIVE waits for no reader or writer; TRUNCATE (an erasure: no freed page may keep the text)
    also empties the log file once every reader is past it.
    """
    if mode not in CHECKPOINT_MODES:
        raise ValueError(mode)
    if engine.dialect.name != "sqlite":
        return None
    with engine.connect() as conn:
        row = conn.exec_driver_sql(f"PRAGMA wal_checkpoint({mode})").one()
        conn.commit()
    return int(row[1]), int(row[2])


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _watch_file(engine: Engine, path: Path) -> None:
    """Drop pooled connections to a file that is no longer at *path* (a USB drive pulled, a folder renamed).

    An open connection keeps writing to the file it opened, wherever it went — into a deleted file,
    silently lost. Each checkout compares the file at *path* with the one the connection opened;
    when they differ the pool reconnects, and opening the missing file fails with a message
    (:mod:`.errors`, "unable to open database file"), before anything is written. A failure to
    open the file comes out as :class:`~.errors.DatabaseEnvironmentError` from any caller.
    """

    opened: list[bool] = []

    @event.listens_for(engine, "do_connect")
    def _no_new_empty_file(_dialect: Any, _record: Any, _cargs: Any, _cparams: Any) -> None:
        # Once the file was open, a missing file means it went away: SQLite must not quietly make
        # a new, empty database in its place (the user would see an empty register, or a crash).
        if opened and not path.exists():
            import sqlite3

            raise sqlite3.OperationalError("unable to open database file")

    @event.listens_for(engine, "connect")
    def _remember(_dbapi_connection: Any, record: Any) -> None:
        record.info["xkld_file"] = _file_identity(path)
        if not opened:
            opened.append(True)

    @event.listens_for(engine, "checkout")
    def _check(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if record.info.get("xkld_file") != _file_identity(path):
            raise sa.exc.DisconnectionError(f"the database file {path} was moved or removed")

    @event.listens_for(engine, "handle_error")
    def _cannot_connect(context: Any) -> None:
        # Failing to open the file is an environment failure wherever it happens — also in a plain
        # engine.connect() outside the store's sessions — so it always carries the user's message.
        if context.connection is None:
            from .errors import classify

            env = classify(context.sqlalchemy_exception or context.original_exception)
            if env is not None:
                raise env from context.original_exception


def _is_file(engine: Engine) -> bool:
    return sqlite_path(engine) is not None


def sqlite_pragmas(engine: Engine) -> dict[str, Any]:
    """The pragmas a connection of *engine* runs with (for tests and the About box)."""
    with engine.connect() as conn:
        return {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
        }
