"""Conflicts between files: the same CCCD from two communes' files with different data — keep or take."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.unit.services.excel_import_books import simple_workbook
from xkld_desktop.domain.models import AdministrativeUnit, Departure, Person
from xkld_desktop.services.excel_import.commit import Decision, commit_import, undo_import
from xkld_desktop.services.excel_import.preview import MatchKind, preview_files

TODAY = date(2026, 11, 25)
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Ấp", "Điện thoại", "Thị trường", "Ngày xuất cảnh", "Mã xã"]


def _books(tmp_path: Path) -> tuple[Path, Path]:
    a = simple_workbook(
        tmp_path / "xa-a.xlsx",
        HEADER,
        [
            [1, "Nguyễn Văn An", "05/03/1998", "087098012345", "Ấp 1", "0912345678", "Nhật Bản", "01/02/2024", "29929"],
            [2, "Trần Thị Bình", "05/03/1999", "087199012346", "Ấp 2", "", "Hàn", "01/06/2024", "29929"],
        ],
    )
    b = simple_workbook(
        tmp_path / "xa-b.xlsx",
        HEADER,
        [
            [
                1,
                "Nguyễn Văn An",
                "05/03/1998",
                "087098012345",
                "Ấp Mới",
                "0987654321",
                "Đài Loan",
                "01/09/2024",
                "29926",
            ],
            [2, "Lý Văn Chín", "1995", "087095012399", "Ấp 5", "", "NB", "01/03/2025", "29926"],
        ],
    )
    return a, b


def _person(engine: Any, id_number: str) -> dict[str, Any]:
    person, unit = Person.__table__, AdministrativeUnit.__table__  # type: ignore[attr-defined]
    query = (
        sa.select(person, unit.c.code.label("commune"))
        .select_from(person.outerjoin(unit, unit.c.id == person.c.commune_id))
        .where(person.c.id_number == id_number, person.c.deleted_at.is_(None))
    )
    with engine.connect() as conn:
        [row] = conn.execute(query).mappings().all()
        return dict(row)


def _markets(engine: Any, person_id: int) -> set[str]:
    table = Departure.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        query = sa.select(table.c.market_code).where(table.c.person_id == person_id, table.c.deleted_at.is_(None))
        return set(conn.scalars(query))


def test_a_conflict_shows_what_taking_the_other_file_would_change(database: Any, tmp_path: Path) -> None:
    previews = preview_files(database.engine, list(_books(tmp_path)), today=TODAY)
    conflict = previews[1].rows[0]
    assert conflict.match is MatchKind.CONFLICT
    assert conflict.same_as == ("xa-a.xlsx", 2)
    [message] = [p.message for p in conflict.problems if p.field == "conflict"]
    assert message.startswith("Xung đột: CCCD 087098012345 cũng có ở dòng 2 của tệp “xa-a.xlsx”")
    assert "chọn giữ bản đã có hoặc lấy bản của tệp này" in message
    assert {(c.field, c.old, c.new) for c in conflict.changes} == {
        ("hamlet", "Ấp 1", "Ấp Mới"),
        ("phone", "0912345678", "0987654321"),
    }


def test_keeping_the_existing_version_is_the_default(database: Any, tmp_path: Path) -> None:
    previews = preview_files(database.engine, list(_books(tmp_path)), today=TODAY)
    result = commit_import(database.engine, previews, today=TODAY)
    assert (result.imported, result.updated, result.skipped, result.conflicts) == (3, 0, 1, 1)
    an = _person(database.engine, "087098012345")
    assert (an["hamlet"], an["phone"], an["commune"]) == ("Ấp 1", "0912345678", "29929")
    assert _markets(database.engine, an["id"]) == {"JP"}


def test_taking_the_other_files_version_updates_the_person_and_can_be_undone(database: Any, tmp_path: Path) -> None:
    previews = preview_files(database.engine, list(_books(tmp_path)), today=TODAY)
    conflict = previews[1].rows[0]
    result = commit_import(database.engine, previews, decisions={conflict.key: Decision.UPDATE}, today=TODAY)
    assert (result.imported, result.updated, result.skipped, result.conflicts) == (3, 1, 0, 1)
    assert any(p.message.startswith("Xung đột: đã lấy bản của tệp này") for p in result.problems)
    assert not any("chưa nhập dòng này" in p.message for p in result.problems)
    an = _person(database.engine, "087098012345")
    assert (an["hamlet"], an["phone"], an["commune"], an["unit_code"]) == ("Ấp Mới", "0987654321", "29926", "29926")
    assert _markets(database.engine, an["id"]) == {"JP", "TW"}  # one person, both departures

    undone = undo_import(database.engine, result.batch_id)
    # the update of a person this batch created is undone first, then the person deleted
    assert (undone.restored, undone.not_restored) == (1, 0)
    with database.engine.connect() as conn:
        table = Person.__table__  # type: ignore[attr-defined]
        assert conn.scalar(sa.select(sa.func.count()).where(table.c.deleted_at.is_(None))) == 0


def test_on_conflict_take_applies_to_every_conflict_and_an_explicit_skip_wins(database: Any, tmp_path: Path) -> None:
    previews = preview_files(database.engine, list(_books(tmp_path)), today=TODAY)
    conflict = previews[1].rows[0]
    kept = commit_import(
        database.engine, previews, on_conflict="take", decisions={conflict.key: Decision.SKIP}, dry_run=True
    )
    assert (kept.updated, kept.skipped) == (0, 1)
    taken = commit_import(database.engine, previews, on_conflict="take", today=TODAY)
    assert (taken.imported, taken.updated) == (3, 1)
    assert _person(database.engine, "087098012345")["hamlet"] == "Ấp Mới"

    # Both files again: the database already holds the taken version; nothing new is written.
    again = commit_import(database.engine, preview_files(database.engine, list(_books(tmp_path))), today=TODAY)
    assert (again.imported, again.updated) == (0, 0)


def test_one_communes_two_lists_naming_the_same_person_are_not_a_conflict(database: Any, tmp_path: Path) -> None:
    departed = simple_workbook(
        tmp_path / "xuat-canh.xlsx",
        ["Họ và tên", "Ngày sinh", "CCCD", "Thị trường", "Ngày xuất cảnh", "Thời hạn HĐ", "Mã xã"],
        [["Nguyễn Văn An", "05/03/1998", "087098012345", "Nhật", "01/02/2020", 36, "29929"]],
    )
    returned = simple_workbook(
        tmp_path / "ve-nuoc.xlsx",
        ["Họ và tên", "Ngày sinh", "CCCD", "Thị trường", "Ngày xuất cảnh", "Mã xã"],
        [["Nguyễn Văn An", "05/03/1998", "087098012345", "Nhật", "01/02/2020", "29929"]],
    )
    previews = preview_files(database.engine, [departed, returned], today=TODAY)
    assert previews[1].rows[0].match is MatchKind.REPEATED
    result = commit_import(database.engine, previews, today=TODAY)
    assert (result.imported, result.conflicts, result.departures) == (1, 0, 1)
