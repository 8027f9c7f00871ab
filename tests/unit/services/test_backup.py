"""Backups and restore: consistent copies under writes, restore round trip and refusals, daily backups."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.unit.services.excel_import_books import messy_workbook
from xkld_desktop.domain.models import AuditEvent, Person
from xkld_desktop.services import backup as backup_service
from xkld_desktop.services.audit import record_event, verify_chain
from xkld_desktop.services.backup import (
    backup_info,
    backup_now,
    daily_backup,
    integrity_check,
    list_backups,
    newest_good_backup,
    restore,
)
from xkld_desktop.services.database import Database, daily_upkeep, open_database
from xkld_desktop.services.demo import generate_demo
from xkld_desktop.services.errors import Refused
from xkld_desktop.store.session import write_session
from xkld_desktop.store.urls import read_only_uri

TODAY = date(2026, 11, 25)

# SQLite-specific by nature: the file backup API, restore by file, tampering the file with sqlite3.
# On PostgreSQL "backup" is the logical export (tests/unit/store/test_postgres.py).
pytestmark = pytest.mark.sqlite_only


def _count(path: Path, table: str = "person") -> int:
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _names(db: Database) -> dict[str, str]:
    """uuid → name of every person."""
    table = Person.__table__  # type: ignore[attr-defined]
    with db.engine.connect() as conn:
        return dict(conn.execute(sa.select(table.c.uuid, table.c.full_name)).all())


@pytest.fixture
def demo_db(database: Database) -> Database:
    generate_demo(database.engine, people=60, seed=5, today=TODAY)
    return database


def test_backing_up_is_in_the_audit_log_and_in_the_copy(demo_db: Database, tmp_path: Path) -> None:
    path = backup_now(demo_db.engine, folder=tmp_path / "usb")
    audit = AuditEvent.__table__  # type: ignore[attr-defined]
    with demo_db.engine.connect() as conn:
        details = conn.execute(sa.select(audit.c.detail).where(audit.c.action == "export")).scalars().all()
    assert [d for d in details if '"kind":"backup"' in d.replace(" ", "") and str(tmp_path / "usb") in d]
    conn2 = sqlite3.connect(path)
    try:
        copied = conn2.execute("SELECT count(*) FROM audit_event WHERE action = 'export'").fetchone()[0]
    finally:
        conn2.close()
    assert copied == len(details)
    assert verify_chain(demo_db.engine).ok


def test_backup_now_is_a_sound_copy_with_its_counts(demo_db: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    path = backup_now(demo_db.engine, folder=tmp_path / "usb", progress=lambda d, t: seen.append((d, t)))
    assert path.parent == tmp_path / "usb" and path.name.startswith("test.sao-luu-")
    assert not list((tmp_path / "usb").glob("*.part"))
    assert seen and seen[-1][0] == seen[-1][1]
    info = backup_info(path)
    assert info.people == _count(path) == _count(demo_db.path)
    assert info.departures == _count(demo_db.path, "departure") > 0
    assert info.returns == _count(demo_db.path, "worker_return")
    assert abs((info.taken_at - datetime.now()).total_seconds()) < 60
    assert info.revision is not None
    # one self-contained file: readable from a read-only folder, no -wal needed
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_backup_while_another_connection_writes_is_consistent(demo_db: Database, tmp_path: Path) -> None:
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        i = 0
        while not stop.is_set():
            with write_session(demo_db.engine) as session:
                record_event(session, username="w", action="update", table="person", record_uuid=str(i))
            i += 1
            written.append(i)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [backup_now(demo_db.engine, folder=tmp_path / f"b{n}") for n in range(3)]
    finally:
        stop.set()
        thread.join()
    assert written  # the writer did write during the copies
    for path in copies:
        copy = open_database(f"sqlite:///{path.as_posix()}", upgrade=False, seed=False, backup=False)
        try:
            assert integrity_check(copy.engine).ok
            # the audit entries and the chain head are written in one transaction: a torn copy fails this
            result = verify_chain(copy.engine)
            assert result.ok, result.problem
        finally:
            copy.close()


def test_restore_round_trip(demo_db: Database, tmp_path: Path) -> None:
    before = _names(demo_db)
    saved = backup_now(demo_db.engine, folder=tmp_path / "usb")
    table = Person.__table__  # type: ignore[attr-defined]
    with write_session(demo_db.engine) as session:
        session.execute(sa.update(table).values(full_name="Đã sửa"))
    assert set(_names(demo_db).values()) == {"Đã sửa"}

    result = restore(demo_db.engine, saved, username="quan_tri")
    assert result.restored.people == len(before) == 60
    assert result.safety_backup is not None and _count(result.safety_backup) == _count(saved)
    reopened = open_database(result.url)
    try:
        assert _names(reopened) == before
        assert integrity_check(reopened.engine).ok
        # the safety copy holds the database as it was just before the restore
        conn = sqlite3.connect(result.safety_backup)
        assert {r[0] for r in conn.execute("SELECT full_name FROM person")} == {"Đã sửa"}
        conn.close()
        audit = AuditEvent.__table__  # type: ignore[attr-defined]
        with reopened.engine.connect() as conn2:
            actions = list(conn2.scalars(sa.select(audit.c.action).order_by(audit.c.id)))
            taken = conn2.scalar(sa.text("SELECT value FROM app_setting WHERE key = 'backup_taken_at'"))
        assert actions[-1] == "restore"
        assert taken is None  # the backup's own stamp does not stay in the live database
        assert verify_chain(reopened.engine).ok
    finally:
        reopened.close()


def _digest(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.parametrize("kind", ["garbage", "empty", "other_sqlite", "unstamped", "newer"])
def test_restore_refuses_a_bad_file_and_leaves_the_database_untouched(
    demo_db: Database, tmp_path: Path, kind: str
) -> None:
    bad = tmp_path / "bad.db"
    if kind == "garbage":
        bad.write_bytes(b"this is not a database" * 200)
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "other_sqlite":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE x(a)")
        conn.commit()
        conn.close()
    else:
        backup_now(demo_db.engine, folder=tmp_path / "n").replace(bad)
        conn = sqlite3.connect(bad)
        if kind == "unstamped":
            conn.execute("DELETE FROM alembic_version")
        else:
            conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
        conn.commit()
        conn.close()
    names = _names(demo_db)
    assert demo_db.path is not None
    with sqlite3.connect(demo_db.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    content = _digest(demo_db.path)
    with pytest.raises(Refused) as refused:
        restore(demo_db.engine, bad)
    if kind == "newer":
        assert "phiên bản mới hơn" in refused.value.message
    else:
        assert "không phải là bản sao lưu hợp lệ" in refused.value.message
    assert _digest(demo_db.path) == content
    assert _names(demo_db) == names
    assert not [p for p in list_backups(demo_db.path) if "truoc-khoi-phuc" in p.name]  # checked before anything


def test_restore_over_a_damaged_database_keeps_the_damaged_file(demo_db: Database, tmp_path: Path) -> None:
    saved = backup_now(demo_db.engine, folder=tmp_path / "usb")
    path = demo_db.path
    assert path is not None
    demo_db.close()
    path.write_bytes(b"\0garbage" * 4096)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    result = restore(f"sqlite:///{path.as_posix()}", saved)
    assert result.damaged_kept is not None and result.damaged_kept.read_bytes().startswith(b"\0garbage")
    assert _count(path) == result.restored.people


def test_daily_backup_once_a_day_and_pruned(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = database.engine
    assert database.path is not None
    assert database.daily_backup is not None  # opening made today's
    first = daily_backup(engine, now=datetime(2026, 11, 1, 8, 0))
    assert first is not None and first.exists()
    assert daily_backup(engine, now=datetime(2026, 11, 1, 17, 0)) is None  # once a day
    made = [daily_backup(engine, now=datetime(2026, 11, 1, 8) + timedelta(days=d)) for d in range(1, 6)]
    assert all(p is not None for p in made)
    # keep 3 days: on 06/11, the copies of 01/11 and 02/11 are older than 03/11 and go
    pruned = daily_backup(engine, keep_days=3, now=datetime(2026, 11, 6, 20, 0))
    assert pruned is None  # today's (06/11) exists already: nothing done, nothing pruned
    made.append(daily_backup(engine, keep_days=3, now=datetime(2026, 11, 7, 8, 0)))
    kept = sorted(p.name.split("tu-dong-")[1][:8] for p in list_backups(database.path) if p != database.daily_backup)
    assert kept == ["20261104", "20261105", "20261106", "20261107"]
    assert database.daily_backup.exists()  # the one made on opening (today, real date) is newer: kept


def test_daily_backup_is_cheap_when_done(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    assert daily_backup(database.engine) is None  # opening made today's already

    def no_copy(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("today's copy exists: nothing is read")

    monkeypatch.setattr(backup_service, "_copy", no_copy)
    monkeypatch.setattr(backup_service, "backup_keep_days", no_copy)  # not even the setting
    assert [daily_backup(database.engine) for _ in range(3)] == [None, None, None]


def test_opening_can_leave_the_copy_of_the_day_for_later(database: Database) -> None:
    url, path = database.url, database.path
    assert path is not None
    database.close()
    for old in list_backups(path):
        old.unlink()
    db = open_database(url, daily_later=True)  # what the window does: the copy after the first figures
    try:
        assert db.daily_backup is None and list_backups(path) == []
        assert daily_upkeep(db) is True
        assert db.daily_backup is not None and list_backups(path) == [db.daily_backup]
        assert _count(db.daily_backup) == _count(path)
        assert daily_upkeep(db) is False  # once
        assert list_backups(path) == [db.daily_backup]
    finally:
        db.close()


def test_the_copy_left_for_later_goes_to_the_data_folder_of_the_opening(
    database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The window's upkeep runs after the opening, on a thread of its own: the backup folder is the
    one in force when the database was opened, not when the copy is made (a test's data folder
    given back in between sent a late copy into the run-wide one)."""
    url, path = database.url, database.path
    assert path is not None
    database.close()
    opened_in = tmp_path / "data-at-opening"
    monkeypatch.setenv("XKLD_DATA_DIR", str(opened_in))
    db = open_database(url, daily_later=True)
    try:
        later = tmp_path / "data-later"
        monkeypatch.setenv("XKLD_DATA_DIR", str(later))
        assert daily_upkeep(db) is True
        assert db.daily_backup is not None and db.daily_backup.parent == opened_in / "backups"
        assert db.daily_backup.is_file() and not later.exists()
    finally:
        db.close()


def test_a_failing_upkeep_is_logged_not_raised(
    database: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    url, path = database.url, database.path
    assert path is not None
    database.close()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("ổ đĩa hỏng")

    monkeypatch.setattr(backup_service, "daily_backup", broken)
    db = open_database(url, daily_later=True)
    try:
        assert daily_upkeep(db) is True  # on the window's background thread: never raises
        assert db.daily_backup is None
        assert "ổ đĩa hỏng" in caplog.text
    finally:
        db.close()


def test_no_backup_for_memory_or_server_databases() -> None:
    memory = open_database("sqlite://")
    try:
        assert memory.daily_backup is None
        assert daily_backup(memory.engine) is None
        with pytest.raises(Refused):
            backup_now(memory.engine, folder=Path("/tmp"))
    finally:
        memory.close()
    assert not backup_service.backup_folder().exists()


def test_a_backup_before_every_import(database: Database, tmp_path: Path) -> None:
    from xkld_desktop.services.excel_import.commit import commit_import
    from xkld_desktop.services.excel_import.preview import preview_files

    workbook = messy_workbook(tmp_path / "ds.xlsx")
    dry = commit_import(database.engine, preview_files(database.engine, [workbook], today=TODAY), dry_run=True)
    assert dry.backup is None
    result = commit_import(database.engine, preview_files(database.engine, [workbook], today=TODAY), today=TODAY)
    assert result.backup is not None and "truoc-nhap" in result.backup.name
    assert _count(result.backup) == 0 and _count(database.path) == result.imported > 0
    assert verify_chain(database.engine).ok  # the importer's entries are chained


def _add_person(db: Database, name: str) -> None:
    with write_session(db.engine) as session:
        session.add(Person(full_name=name, name_key=""))


def test_the_copy_made_beside_the_writes_holds_the_database_as_it_was_when_started(demo_db: Database) -> None:
    before = _count(demo_db.path)
    steps: list[tuple[int, int]] = []
    pending = backup_service.BackupBeside(demo_db.engine, progress=lambda done, total: steps.append((done, total)))
    _add_person(demo_db, "Nguyễn Văn Sau")  # written while (or after) the copy is made
    made = pending.result()
    assert made is not None and backup_service.BEFORE_IMPORT in made.name
    assert _count(made) == before and _count(demo_db.path) == before + 1
    assert steps and steps[-1][0] == steps[-1][1]  # the copy's progress, to its end
    pending.abandon()  # after the copy: nothing to stop, the copy stays
    assert made.exists()


def test_an_abandoned_copy_leaves_no_file(demo_db: Database) -> None:
    stepping, go = threading.Event(), threading.Event()

    def progress(_done: int, _total: int) -> None:
        stepping.set()
        assert go.wait(10)

    pending = backup_service.BackupBeside(demo_db.engine, progress=progress)
    assert stepping.wait(10)  # the copy is under way (its first step reported)
    stopping = threading.Thread(target=pending.abandon)
    stopping.start()
    for _ in range(500):  # abandon() has asked the copy to stop
        if pending._stop:
            break
        threading.Event().wait(0.01)
    go.set()
    stopping.join(10)
    assert not stopping.is_alive()
    assert list(backup_service.backup_folder().glob("*.truoc-nhap-*")) == []  # neither the copy nor its .part
    assert pending.result() is None  # abandoned: no copy


def test_a_backup_that_fails_beside_the_import_refuses_it_and_nothing_is_written(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xkld_desktop.services.excel_import.commit import commit_import
    from xkld_desktop.services.excel_import.preview import preview_files

    def failing_copy(source: Path, target: Path, *, on_snapshot=None, **_kw) -> Path:  # type: ignore[no-untyped-def]
        if on_snapshot is not None:
            on_snapshot()
        threading.Event().wait(0.2)  # the import writes meanwhile
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backup_service, "backup_sqlite", failing_copy)
    workbook = messy_workbook(tmp_path / "ds.xlsx")
    previews = preview_files(database.engine, [workbook], today=TODAY)
    with pytest.raises(Refused) as refused:
        commit_import(database.engine, previews, today=TODAY)
    assert str(refused.value) == "Không sao lưu được cơ sở dữ liệu trước khi nhập (disk I/O error). Chưa nhập gì."
    assert _count(database.path) == 0
    assert _count(database.path, "audit_event") == 0


def test_integrity_check_and_newest_good_backup(database: Database, tmp_path: Path) -> None:
    assert integrity_check(database.engine).ok
    assert database.path is not None
    good = daily_backup(database.engine, now=datetime(2026, 11, 20, 8))
    newer = daily_backup(database.engine, now=datetime(2026, 11, 21, 8))
    assert good is not None and newer is not None
    newer.write_bytes(b"broken")
    found = newest_good_backup(database.path)
    assert found is not None
    # today's backup (made on opening) is newest of all and sound
    assert found.path == database.daily_backup
    database.daily_backup.unlink()
    found = newest_good_backup(database.path)
    assert found is not None and found.path == good


def test_integrity_check_finds_a_damaged_page(tmp_path: Path) -> None:
    path = tmp_path / "hong.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT)")
    conn.executemany("INSERT INTO t(a) VALUES (?)", [("x" * 500,)] * 2000)
    conn.execute("CREATE INDEX ix_t_a ON t(a)")
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 5, 4096 * 40, 4096):
        data[offset + 8 : offset + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))
    from xkld_desktop.store.engine import create_engine

    engine = create_engine(f"sqlite:///{path.as_posix()}")
    try:
        result = integrity_check(engine)
        assert not result.ok and result.message.startswith("Tệp cơ sở dữ liệu bị hỏng")
    finally:
        engine.dispose()


def test_the_keep_days_setting_is_used(database: Database) -> None:
    from xkld_desktop.services.backup import backup_keep_days, set_backup_keep_days

    assert backup_keep_days(database.engine) == 30
    set_backup_keep_days(database.engine, days=2)
    assert backup_keep_days(database.engine) == 2
    with pytest.raises(Refused):
        set_backup_keep_days(database.engine, days=0)
    assert database.path is not None
    for day in (1, 2, 3, 4):
        daily_backup(database.engine, now=datetime(2026, 10, day, 8))
    kept = sorted(p.name.split("tu-dong-")[1][:8] for p in list_backups(database.path) if p != database.daily_backup)
    assert kept == ["20261002", "20261003", "20261004"]  # 01/10 is older than 04/10 minus 2 days


def test_a_backup_onto_the_databases_own_file_is_refused_and_writes_nothing(demo_db: Database) -> None:
    from xkld_desktop.services.backup import backup_to
    from xkld_desktop.store.engine import sqlite_path

    path = sqlite_path(demo_db.engine)
    assert path is not None
    audit = AuditEvent.__table__  # type: ignore[attr-defined]
    with demo_db.engine.connect() as conn:
        entries = conn.scalar(sa.select(sa.func.count()).select_from(audit))
    for target in (path, path.with_name(path.name + "-wal"), path.parent / "." / path.name):
        with pytest.raises(Refused, match="Không thể sao lưu cơ sở dữ liệu vào chính tệp của nó"):
            backup_to(demo_db.engine, target=target)
    assert integrity_check(demo_db.engine).ok
    assert _count(path) == 60
    with demo_db.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(audit)) == entries  # no audit line either


def test_a_backup_made_by_an_older_version_is_restored_and_its_restore_logged(
    database: Database, tmp_path: Path
) -> None:
    from xkld_desktop.store.engine import create_engine, sqlite_url_for
    from xkld_desktop.store.migrate import current_revision, head_revision, migrate

    old = tmp_path / "ban-cu.db"
    engine = create_engine(sqlite_url_for(old))
    migrate(engine, target="0007")  # its audit log has no search_text column yet
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO app_setting (key, value) VALUES ('backup_taken_at', '2026-01-02T08:00:00')"))
    engine.dispose()

    result = restore(database.engine, old, username="quan_tri")
    reopened = open_database(result.url)
    try:
        assert current_revision(reopened.engine) == head_revision()
        audit = AuditEvent.__table__  # type: ignore[attr-defined]
        with reopened.engine.connect() as conn:
            assert list(conn.scalars(sa.select(audit.c.action).order_by(audit.c.id)))[-1] == "restore"
    finally:
        reopened.close()
