"""Automatic backups and the room on the disk: the oldest copies make way, a copy that cannot fit
is refused before anything is written (the import with it), and what Settings reads of them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tests.unit.services.excel_import_books import messy_workbook
from xkld_desktop.services import backup as backup_service
from xkld_desktop.services.backup import (
    BEFORE_IMPORT,
    DAILY,
    MIN_RESERVE,
    automatic_backups,
    backup_before,
    backup_folder,
    daily_backup,
    list_backups,
)
from xkld_desktop.services.database import Database, daily_upkeep, open_database
from xkld_desktop.services.errors import Refused

TODAY = date(2026, 11, 25)

pytestmark = pytest.mark.sqlite_only  # automatic copies of the SQLite file


class FakeDisk:
    """A disk of *capacity* bytes holding the database and the backup folder (measured, not guessed)."""

    def __init__(self, db_path: Path, capacity: int) -> None:
        self.db_path, self.capacity = db_path, capacity

    def used(self) -> int:
        used = sum(p.stat().st_size for p in backup_folder().glob("*") if p.is_file())
        return used + sum(p.stat().st_size for p in self.db_path.parent.glob(self.db_path.name + "*"))

    def __call__(self, _folder: Path) -> int:
        return max(self.capacity - self.used(), 0)


def _copies(db: Database, days: list[int]) -> list[Path]:
    assert db.path is not None
    for old in list_backups(db.path):
        old.unlink()
    return [daily_backup(db.engine, keep_days=365, now=datetime(2026, 11, day, 8)) for day in days]  # type: ignore[misc]


def _day_of(path: Path) -> str:
    return path.name.rsplit("-", 2)[1]


def test_a_short_disk_loses_the_oldest_copies_first_and_keeps_the_newest(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert database.path is not None
    made = _copies(database, [1, 2, 3, 4])
    size = made[0].stat().st_size
    needed = backup_service.room_needed(database.path, backup_folder())  # the copy and its reserve
    disk = FakeDisk(database.path, 0)
    disk.capacity = disk.used() + needed - 3 * size // 2  # one copy and a half short of it
    monkeypatch.setattr(backup_service, "free_bytes", disk)
    made_now = backup_before(database.engine, now=datetime(2026, 11, 5, 9))
    assert made_now is not None and made_now.exists()
    left = list_backups(database.path)
    assert [_day_of(p) for p in left] == ["20261105", "20261104", "20261103"]  # 01/11 and 02/11 made way
    assert BEFORE_IMPORT in left[0].name


def test_no_room_even_then_refuses_in_vietnamese_and_writes_nothing(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert database.path is not None
    made = _copies(database, [1, 2])
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: 10 << 20)  # 10 MB free, whatever is removed
    with pytest.raises(Refused) as refused:
        backup_before(database.engine, now=datetime(2026, 11, 5, 9))
    message = str(refused.value)
    assert message.startswith("Ổ đĩa không đủ chỗ để sao lưu cơ sở dữ liệu")
    assert "chỉ còn 10 MB" in message and str(backup_folder()) in message
    assert list_backups(database.path) == made[::-1]  # none removed in vain
    assert not list(backup_folder().glob("*.part"))


def test_an_import_without_room_for_its_backup_imports_nothing(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import func, select

    from xkld_desktop.domain.models import Person
    from xkld_desktop.services.excel_import.commit import commit_import
    from xkld_desktop.services.excel_import.preview import preview_files
    from xkld_desktop.store.session import read_session

    def people() -> int:
        with read_session(database.engine) as session:
            return int(session.scalar(select(func.count()).select_from(Person)) or 0)

    before = people()
    previews = preview_files(database.engine, [messy_workbook(tmp_path / "ds.xlsx")], today=TODAY)
    free_bytes = backup_service.free_bytes
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: 1 << 20)
    with pytest.raises(Refused) as refused:
        commit_import(database.engine, previews, today=TODAY)
    assert "Ổ đĩa không đủ chỗ" in str(refused.value) and str(refused.value).endswith("Chưa nhập gì.")
    assert people() == before
    monkeypatch.setattr(backup_service, "free_bytes", free_bytes)
    assert commit_import(database.engine, previews, today=TODAY).imported > 0  # with room, it goes in


def test_the_day_without_room_opens_all_the_same_and_says_why(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, path = database.url, database.path
    assert path is not None
    database.close()
    for old in list_backups(path):
        old.unlink()
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: 0)
    db = open_database(url, daily_later=True)
    try:
        assert daily_upkeep(db) is True
        assert db.daily_backup is None and list_backups(path) == []
        assert db.daily_backup_failed is not None and db.daily_backup_failed.startswith("Ổ đĩa không đủ chỗ")
        assert isinstance(db.is_empty(), bool)  # the records stay open: a read works
    finally:
        db.close()


def test_the_reserve_is_half_the_database_and_only_on_its_own_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, big = tmp_path / "xa.db", tmp_path / "tinh.db"
    small.write_bytes(b"x" * 4096)
    with big.open("wb") as sparse:  # 600 MB on paper, nothing on the disk
        sparse.truncate(600 << 20)
    big.with_name(big.name + "-wal").write_bytes(b"w" * 8192)
    folder = tmp_path / "backups"  # not made yet: its parent's disk counts
    assert backup_service.room_needed(small, folder) == 4096 + MIN_RESERVE
    assert backup_service.room_needed(big, folder) == (600 << 20) + 8192 + (300 << 20)
    monkeypatch.setattr(backup_service, "_same_disk", lambda _path, _folder: False)  # a USB drive
    assert backup_service.room_needed(big, folder) == (600 << 20) + 8192


def test_what_settings_reads_of_the_automatic_copies(database: Database) -> None:
    assert database.path is not None
    opening = automatic_backups(database.path)
    assert opening.count == 1 and opening.newest_kind == DAILY  # opening made the copy of the day
    made = _copies(database, [3, 4])
    made.append(backup_before(database.engine, now=datetime(2026, 11, 4, 15, 30)))  # type: ignore[arg-type]
    seen = automatic_backups(database.path)
    assert seen.count == 3 and seen.total_bytes == sum(p.stat().st_size for p in made)
    assert seen.newest_at == datetime(2026, 11, 4, 15, 30) and seen.newest_kind == BEFORE_IMPORT
    assert seen.newest_bytes == made[-1].stat().st_size and seen.free_bytes > 0
    assert seen.days_old(date(2026, 11, 7)) == 3 and seen.folder == backup_folder()
    for path in made:
        path.unlink()
    assert automatic_backups(database.path).count == 0 and automatic_backups(database.path).days_old(TODAY) is None


def test_a_restore_without_room_for_the_copy_before_it_replaces_nothing_and_removes_nothing(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xkld_desktop.services.backup import restore

    assert database.path is not None
    made = _copies(database, [1, 2])
    before = database.path.read_bytes()
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: 10 << 20)
    with pytest.raises(Refused, match=r"^Ổ đĩa không đủ chỗ để sao lưu cơ sở dữ liệu"):
        restore(database.engine, made[0])  # the oldest copy: never removed to make room for the safety copy
    assert list_backups(database.path) == made[::-1]
    assert database.path.read_bytes() == before


def test_back_up_now_to_a_full_usb_drive_is_refused_before_writing(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xkld_desktop.services.backup import backup_now, backup_to

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(backup_service, "_same_disk", lambda _path, _folder: False)
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: 1024)
    with pytest.raises(Refused, match="chỉ còn 1,0 KB"):
        backup_now(database.engine, folder=usb)
    with pytest.raises(Refused, match="chỉ còn 1,0 KB"):
        backup_to(database.engine, target=usb / "xa.db")
    assert list(usb.iterdir()) == []
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: 1 << 30)  # a USB drive with room
    assert backup_now(database.engine, folder=usb).parent == usb


def test_a_disk_that_does_not_tell_its_room_is_tried_as_before(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(_path: object) -> None:
        raise PermissionError("network drive")

    monkeypatch.setattr(backup_service.shutil, "disk_usage", refused)
    assert backup_service.free_bytes(backup_folder()) is None
    made = backup_before(database.engine, now=datetime(2026, 11, 5, 9))
    assert made is not None and made.exists()
    assert automatic_backups(database.path).free_bytes is None  # type: ignore[arg-type]
