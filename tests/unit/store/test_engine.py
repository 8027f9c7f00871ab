"""SQLite is opened safely, writes take the lock up front, and failures reach the user in Vietnamese."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from xkld_desktop.domain.models import Person
from xkld_desktop.store.engine import create_engine, sqlite_path, sqlite_pragmas, sqlite_url_for
from xkld_desktop.store.errors import DatabaseEnvironmentError, EnvironmentKind, classify
from xkld_desktop.store.migrate import migrate
from xkld_desktop.store.session import read_session, write_session


@pytest.fixture
def engine(tmp_path: Path):
    eng = create_engine(sqlite_url_for(tmp_path / "t.db"), busy_timeout_ms=200)
    migrate(eng)
    yield eng
    eng.dispose()


def count_people(engine) -> int:
    with read_session(engine) as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def test_sqlite_connections_use_wal_full_sync_foreign_keys_and_busy_timeout(engine) -> None:
    assert sqlite_pragmas(engine) == {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2, "busy_timeout": 200}


def test_write_session_begins_immediate_and_commits_at_the_end(engine) -> None:
    statements: list[str] = []

    from sqlalchemy import event

    @event.listens_for(engine, "before_cursor_execute")
    def _log(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    with write_session(engine) as session:
        session.add(Person(full_name="Lê Thị Hồng"))
        session.flush()
        # Not visible to another connection before COMMIT.
        assert count_people(engine) == 0
    assert "BEGIN IMMEDIATE" in statements
    assert count_people(engine) == 1


def test_error_inside_write_session_rolls_everything_back(engine) -> None:
    with pytest.raises(RuntimeError), write_session(engine) as session:
        session.add(Person(full_name="Trần Văn Bình"))
        session.flush()
        raise RuntimeError("boom")
    assert count_people(engine) == 0


def test_second_writer_gets_a_vietnamese_locked_message_and_nothing_is_half_written(engine, tmp_path) -> None:
    holder = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseEnvironmentError) as info, write_session(engine) as session:
            session.add(Person(full_name="Phạm Văn Công"))
        assert info.value.kind is EnvironmentKind.LOCKED
        assert "khóa" in info.value.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert count_people(engine) == 0


def test_writers_queue_instead_of_failing(tmp_path) -> None:
    eng = create_engine(sqlite_url_for(tmp_path / "q.db"))
    migrate(eng)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                with write_session(eng) as session:
                    session.add(Person(full_name=f"Người {n}-{i}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert count_people(eng) == 40
    eng.dispose()


def test_read_only_database_refuses_writes_with_a_clear_message(engine, tmp_path) -> None:
    with write_session(engine) as session:
        session.add(Person(full_name="Võ Thị Lan"))
    engine.dispose()
    ro = create_engine(f"sqlite:///file:{(tmp_path / 't.db').as_posix()}?mode=ro&uri=true")
    with pytest.raises(DatabaseEnvironmentError) as info, write_session(ro) as session:
        session.add(Person(full_name="Đỗ Văn Tài"))
    assert info.value.kind is EnvironmentKind.READ_ONLY
    assert "chỉ cho phép đọc" in info.value.message
    assert count_people(ro) == 1
    ro.dispose()


def test_a_file_that_is_not_a_database_is_reported_as_damaged(tmp_path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"PK\x03\x04 this is a zip file, not SQLite" * 100)
    eng = create_engine(sqlite_url_for(bad))
    with pytest.raises(DatabaseEnvironmentError) as info:
        migrate(eng)
    assert info.value.kind is EnvironmentKind.CORRUPT
    assert "bị hỏng" in info.value.message
    assert bad.read_bytes().startswith(b"PK\x03\x04")
    eng.dispose()


def test_classify_leaves_bugs_alone() -> None:
    assert classify(ValueError("not a database problem")) is None


def test_foreign_keys_are_enforced(engine) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), write_session(engine) as session:
        session.execute(
            text(
                "INSERT INTO status_event (uuid, created_at, updated_at, version, person_id, status, "
                "happened_on, note) VALUES ('u', '2024-01-01', '2024-01-01', 1, 999, 'registered', "
                "'2024-01-01', '')"
            )
        )


def test_sqlite_path_of_urls(tmp_path) -> None:
    assert sqlite_path(sqlite_url_for(tmp_path / "a.db")) == (tmp_path / "a.db").resolve()
    assert sqlite_path("sqlite://") is None
    assert sqlite_path(f"sqlite:///file:{tmp_path.as_posix()}/b.db?mode=ro&uri=true") == tmp_path / "b.db"
    assert sqlite_path("postgresql+psycopg://u@h/db") is None


def test_a_server_name_that_does_not_resolve_is_unreachable() -> None:
    # psycopg 3 resolves the host itself: its message matched no pattern and the command line showed a traceback
    import psycopg
    from sqlalchemy.exc import OperationalError

    orig = psycopg.OperationalError(
        "failed to resolve host 'nonexistent.invalid': [Errno -2] Name or service not known"
    )
    env = classify(OperationalError("connect", {}, orig))
    assert env is not None and env.kind is EnvironmentKind.UNREACHABLE
    assert "Không kết nối được máy chủ" in env.message


def test_a_deferred_checkpoint_leaves_the_log_to_checkpoint_and_turns_back_on(tmp_path: Path) -> None:
    from tests.sqlite_wal import wal_frames
    from xkld_desktop.store.engine import AUTOCHECKPOINT_PAGES, checkpoint, defer_checkpoint

    path = tmp_path / "t.db"
    eng = create_engine(sqlite_url_for(path))
    try:
        with eng.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x TEXT)")
        many = "INSERT INTO t SELECT hex(randomblob(500)) FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 12000) SELECT i FROM r)"  # noqa: E501
        with write_session(eng) as session:
            conn = session.connection()
            defer_checkpoint(conn)
            conn.exec_driver_sql(many)
        frames, copied = wal_frames(path)
        assert frames > 2 * AUTOCHECKPOINT_PAGES  # the commit left the log as it was: nothing copied
        assert copied < frames
        with eng.connect() as conn:  # the pooled connection has its automatic checkpoint back
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == AUTOCHECKPOINT_PAGES
        assert checkpoint(eng) == (frames, frames)
        assert wal_frames(path) == (frames, frames)
        with write_session(eng) as session:  # a plain large write checkpoints in its COMMIT, as before
            session.connection().exec_driver_sql(many)
        frames, copied = wal_frames(path)
        assert frames > AUTOCHECKPOINT_PAGES and copied == frames
    finally:
        eng.dispose()


_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("INSERT INTO t VALUES (2)")
print("held", flush=True)
sys.stdin.readline()
conn.close()  # the last connection? only if no other process holds a lock on the file
print("closed", flush=True)
"""


def test_a_backup_keeps_this_process_s_locks_on_the_database(tmp_path: Path) -> None:
    # A copy made by opening and closing the database file in this process (not through SQLite) drops
    # every POSIX lock the process holds on it (SQLite's "How To Corrupt An SQLite Database File",
    # 2.2). Another process closing next then believes it is the last, checkpoints and deletes the
    # write-ahead log under this one's connections: "disk I/O error". (A byte copy of the file and its
    # log was tried for speed, and taken back for this.)
    import subprocess
    import sys

    from xkld_desktop.store.backup import backup_sqlite

    path = tmp_path / "t.db"
    eng = create_engine(sqlite_url_for(path))
    holder = None
    try:
        with eng.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        with eng.connect() as conn:  # this process's pooled connection stays open
            assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 1
        holder = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "held"
        backup_sqlite(path, tmp_path / "copy.db")
        holder.stdin.write("close\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
        assert path.with_name(path.name + "-wal").exists()  # this process still has the database open
        with eng.begin() as conn:
            conn.exec_driver_sql("INSERT INTO t VALUES (3)")
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 3
    finally:
        if holder is not None:
            holder.kill()
            holder.communicate()  # waits, and closes its pipes
        eng.dispose()
