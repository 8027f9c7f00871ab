"""A full disk, a read-only file and a pulled-out drive: a clear message, nothing half-written.

The full disk is real as far as SQLite can tell: ``PRAGMA max_page_count`` caps the file, and
SQLite fails the write with SQLITE_FULL ("database or disk is full") exactly as when the disk
has no room left. Saves and a large import are tried against it; the database must hold
exactly what it held before, pass ``integrity_check``, and take the same save once room is back.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import exc as sa_exc

from tests.robust.environment import full_disk, integrity, pulled_out, read_only_file, row_counts
from tests.robust.harness import SHEET_ROWS, build_sheet
from xkld_desktop.domain.enums import Gender
from xkld_desktop.services.database import open_database
from xkld_desktop.services.excel_import.commit import commit_import
from xkld_desktop.services.excel_import.preview import preview_files
from xkld_desktop.services.person_records import PersonInput, create_person
from xkld_desktop.store.errors import DatabaseEnvironmentError, EnvironmentKind, classify

pytestmark = pytest.mark.sqlite_only
#: Windows cannot move or delete a file that is open; a drive pulled out there gives "disk I/O error"
#: (classified as IO_ERROR, see test_drive_failures_are_classified_with_a_message_that_fits)
ON_POSIX = pytest.mark.skipif(sys.platform == "win32", reason="an open file cannot be moved or deleted on Windows")

FULL = "Ổ đĩa đã đầy"


def _person(n: int) -> PersonInput:
    return PersonInput(
        full_name=f"Nguyễn Thị {['Lan', 'Hương', 'Mai', 'Đào'][n % 4]}",
        gender=Gender.FEMALE,
        hamlet="Ấp Tân Hòa",
        address="Số nhà " + "mười hai " * 20,
        notes="Ghi chú dài để tệp mau đầy. " * 40,
    )


def test_saves_on_a_full_disk_fail_with_the_message_and_write_nothing(database: Any) -> None:
    engine = database.engine
    with full_disk(engine, spare_pages=3):
        for n in range(500):  # save until the disk is full
            before = row_counts(engine)
            try:
                create_person(engine, data=_person(n), allow_same_name=True)
            except DatabaseEnvironmentError as error:
                failed = error
                break
        else:
            pytest.fail("the capped database never filled up")
        assert failed.kind is EnvironmentKind.DISK_FULL
        assert FULL in failed.message
        assert row_counts(engine) == before  # the failed save left nothing behind
        assert integrity(engine) == ["ok"]
        with pytest.raises(DatabaseEnvironmentError):  # still full: still refused, still nothing
            create_person(engine, data=_person(n), allow_same_name=True)
        assert row_counts(engine) == before

    # Room again: the same save goes through.
    saved = create_person(engine, data=_person(n), allow_same_name=True)
    assert saved.full_name == _person(n).full_name
    assert row_counts(engine)["person"] == before["person"] + 1


def test_an_import_on_a_full_disk_is_absent_not_half_written(database: Any, tmp_path: Path) -> None:
    engine = database.engine
    sheet = build_sheet(tmp_path / "ds.xlsx")
    previews = preview_files(engine, [sheet])
    before = row_counts(engine)

    with full_disk(engine, spare_pages=4), pytest.raises(DatabaseEnvironmentError) as info:
        commit_import(engine, previews)

    assert info.value.kind is EnvironmentKind.DISK_FULL
    assert FULL in info.value.message
    assert row_counts(engine) == before
    assert integrity(engine) == ["ok"]
    result = commit_import(engine, preview_files(engine, [sheet]))
    assert result.imported == SHEET_ROWS
    assert row_counts(engine)["person"] == before["person"] + SHEET_ROWS


def test_a_read_only_database_file_says_so_and_keeps_its_records(database: Any) -> None:
    create_person(database.engine, data=_person(0))
    path, url = database.path, database.url
    database.close()
    with read_only_file(path):
        with pytest.raises(DatabaseEnvironmentError) as info:
            db = open_database(url, backup=False)
            try:
                create_person(db.engine, data=_person(1), allow_same_name=True)
            finally:
                db.close()
        # A read-only file refuses the write; on read-only media a WAL database cannot even be opened.
        assert info.value.kind in (EnvironmentKind.READ_ONLY, EnvironmentKind.CANNOT_OPEN)
        assert "chỉ cho phép đọc" in info.value.message or "không có quyền truy cập" in info.value.message
    db = open_database(url, backup=False)
    try:
        assert row_counts(db.engine)["person"] == 1
        assert integrity(db.engine) == ["ok"]
    finally:
        db.close()


@ON_POSIX
def test_a_pulled_out_drive_stops_the_next_save_instead_of_writing_into_the_void(tmp_path: Path) -> None:
    drive = tmp_path / "usb"
    db = open_database(f"sqlite:///{(drive / 'xkld.db').as_posix()}", backup=False)
    try:
        create_person(db.engine, data=_person(0))
        before = row_counts(db.engine)
        with pulled_out(drive) as away:
            with pytest.raises(DatabaseEnvironmentError) as info:
                create_person(db.engine, data=_person(1), allow_same_name=True)
            assert info.value.kind is EnvironmentKind.CANNOT_OPEN
            assert "ổ USB đã rút ra" in info.value.message
            # Nothing went into the file that was moved away either.
            moved = open_database(f"sqlite:///{(away / 'xkld.db').as_posix()}", backup=False, upgrade=False, seed=False)
            try:
                assert row_counts(moved.engine) == before
            finally:
                moved.close()
        # The drive is back: the program carries on with the same engine.
        create_person(db.engine, data=_person(1), allow_same_name=True)
        assert row_counts(db.engine)["person"] == before["person"] + 1
        assert integrity(db.engine) == ["ok"]
    finally:
        db.close()


@ON_POSIX
def test_a_database_file_removed_while_open_is_not_silently_made_again_empty(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    db = open_database(f"sqlite:///{(folder / 'xkld.db').as_posix()}", backup=False)
    try:
        create_person(db.engine, data=_person(0))
        for name in ("xkld.db", "xkld.db-wal", "xkld.db-shm"):  # the folder stays, the files go
            (folder / name).unlink(missing_ok=True)

        with pytest.raises(DatabaseEnvironmentError) as info:
            create_person(db.engine, data=_person(1), allow_same_name=True)

        assert info.value.kind is EnvironmentKind.CANNOT_OPEN
        assert list(folder.iterdir()) == []  # no new, empty database in its place
    finally:
        db.close()


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (sa_exc.OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error")), EnvironmentKind.IO_ERROR),
        (OSError(errno.EIO, "Input/output error"), EnvironmentKind.IO_ERROR),
        (OSError(errno.ENOSPC, "No space left on device"), EnvironmentKind.DISK_FULL),
        (
            sa_exc.OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full")),
            EnvironmentKind.DISK_FULL,
        ),
        (
            sa_exc.OperationalError("SELECT", {}, sqlite3.OperationalError("unable to open database file")),
            EnvironmentKind.CANNOT_OPEN,
        ),
    ],
)
def test_drive_failures_are_classified_with_a_message_that_fits(error: BaseException, kind: EnvironmentKind) -> None:
    env = classify(error)
    assert env is not None and env.kind is kind
    if kind is EnvironmentKind.IO_ERROR:
        assert "bị rút ra" in env.message and "chưa được ghi" in env.message
