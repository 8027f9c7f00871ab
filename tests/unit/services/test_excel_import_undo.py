"""Undo reachable by the user: the batches listed with their counts, and undo as a whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.unit.services.excel_import_books import messy_workbook, simple_workbook
from xkld_desktop.domain.models import AdministrativeUnit, Person
from xkld_desktop.services.errors import NotFound, Refused
from xkld_desktop.services.excel_import.commit import commit_import, list_import_batches, undo_import
from xkld_desktop.services.excel_import.preview import MatchKind, preview_files

TODAY = date(2026, 11, 25)


def _person(engine: Any, id_number: str) -> dict[str, Any]:
    person, unit = Person.__table__, AdministrativeUnit.__table__  # type: ignore[attr-defined]
    query = (
        sa.select(person, unit.c.code.label("commune"))
        .select_from(person.outerjoin(unit, unit.c.id == person.c.commune_id))
        .where(person.c.id_number == id_number)
    )
    with engine.connect() as conn:
        return dict(conn.execute(query).mappings().one())


def test_batches_are_listed_newest_first_with_their_counts_and_undone_state(database: Any, tmp_path: Path) -> None:
    assert list_import_batches(database.engine) == []
    first = commit_import(database.engine, preview_files(database.engine, [messy_workbook(tmp_path / "a.xlsx")]))
    other = simple_workbook(tmp_path / "b.xlsx", ["Họ và tên", "Năm sinh"], [["Mai Văn Tư", 1990]])
    second = commit_import(database.engine, preview_files(database.engine, [other]), username="can_bo")

    newest, oldest = list_import_batches(database.engine)
    assert (newest.batch_id, newest.files, newest.username) == (second.batch_id, ("b.xlsx",), "can_bo")
    assert (newest.read, newest.imported, newest.updated, newest.skipped, newest.errors) == (1, 1, 0, 0, 0)
    assert (oldest.batch_id, oldest.files) == (first.batch_id, ("a.xlsx",))
    assert oldest.counts_text == "đọc 5 dòng, nhập mới 4, cập nhật 0, bỏ qua 0, lỗi 1"
    assert not newest.undone and not oldest.undone

    undo_import(database.engine, first.batch_id)
    newest, oldest = list_import_batches(database.engine)
    assert oldest.undone and oldest.undone_at is not None and not newest.undone
    with pytest.raises(Refused, match="đã được hoàn tác rồi"):
        undo_import(database.engine, first.batch_id)
    with pytest.raises(NotFound):
        undo_import(database.engine, "khong-co-lan-nhap-nay")


def test_undoing_a_taken_conflict_gives_the_person_back_its_values_and_commune(database: Any, tmp_path: Path) -> None:
    header = ["Họ và tên", "Ngày sinh", "CCCD", "Ấp", "Mã xã"]
    an = ["Nguyễn Văn An", "05/03/1998", "087098012345"]
    a = simple_workbook(tmp_path / "xa-a.xlsx", header, [[*an, "Ấp 1", "29929"]])
    b = simple_workbook(tmp_path / "xa-b.xlsx", header, [[*an, "Ấp 9", "29926"]])
    commit_import(database.engine, preview_files(database.engine, [a], today=TODAY), today=TODAY)
    before = _person(database.engine, "087098012345")
    assert (before["hamlet"], before["commune"]) == ("Ấp 1", "29929")

    previews = preview_files(database.engine, [a, b], today=TODAY)
    assert previews[1].rows[0].match is MatchKind.CONFLICT
    taken = commit_import(database.engine, previews, on_conflict="take", today=TODAY)
    assert taken.updated == 1
    after = _person(database.engine, "087098012345")
    assert (after["hamlet"], after["commune"], after["unit_code"]) == ("Ấp 9", "29926", "29926")

    undone = undo_import(database.engine, taken.batch_id)
    assert (undone.restored, undone.not_restored) == (1, 0)
    restored = _person(database.engine, "087098012345")
    assert (restored["hamlet"], restored["commune"], restored["unit_code"]) == ("Ấp 1", "29929", before["unit_code"])
    assert restored["deleted_at"] is None


def test_counts_are_written_as_vietnamese_writes_numbers() -> None:
    from xkld_desktop.services.excel_import.commit import ImportResult, counts_text

    assert counts_text(10_000, 8_694, 0, 1_306, 2) == "đọc 10.000 dòng, nhập mới 8.694, cập nhật 0, bỏ qua 1.306, lỗi 2"
    result = ImportResult(
        batch_id="b",
        read=1_200,
        imported=1_150,
        updated=0,
        skipped=50,
        errors=0,
        departures=0,
        problems=(),
        dry_run=True,
        seconds=0.5,
    )
    assert result.summary == "Thử (chưa ghi): đọc 1.200 dòng, nhập mới 1.150, cập nhật 0, bỏ qua 50, lỗi 0"
