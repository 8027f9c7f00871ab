"""Rows that are easy to misread: surnames like a totals label, repeats inside one file, taken CCCDs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa

from tests.unit.services.excel_import_books import simple_workbook
from xkld_desktop.domain.models import Person
from xkld_desktop.services.excel_import.commit import commit_import
from xkld_desktop.services.excel_import.preview import preview_files

TODAY = date(2026, 11, 25)
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD"]


def _people(engine: sa.Engine) -> list[SimpleNamespace]:
    table = Person.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(table).where(table.c.deleted_at.is_(None)).order_by(table.c.full_name))
        return [SimpleNamespace(**row) for row in rows.mappings()]


# --------------------------------------------------------------------------- totals row


def test_surnames_tong_and_cong_are_people_not_the_totals_row(database: Any, tmp_path: Path) -> None:
    path = simple_workbook(
        tmp_path / "ds.xlsx",
        HEADER,
        [
            [1, "Nguyễn Văn An", "05/03/1998", "087098012345"],
            [2, "Tống Văn Minh", "06/04/1997", "087097012346"],
            [3, "Lê Thị Cúc", "07/05/1996", "087196012347"],
            [4, "Công Tằng Tôn Nữ Hoa", "08/06/1995", "087195012348"],
            [5, "TỐNG THỊ LAN", None, None],  # a name and a number only: still a person
            ["Tổng cộng: 5 người"],
            ["", "Người lập biểu"],
        ],
    )
    [preview] = preview_files(database.engine, [path], today=TODAY)
    assert [row.values["full_name"] for row in preview.rows] == [
        "Nguyễn Văn An",
        "Tống Văn Minh",
        "Lê Thị Cúc",
        "Công Tằng Tôn Nữ Hoa",
        "TỐNG THỊ LAN",
    ]
    assert [(s.line, s.reason) for s in preview.skipped] == [
        (7, "dòng tổng cộng"),
        (8, "không phải dòng dữ liệu (ghi chú, chữ ký …)"),
    ]
    assert commit_import(database.engine, [preview], today=TODAY).imported == 5
    assert len(_people(database.engine)) == 5


@pytest.mark.parametrize(
    "totals",
    [
        ["Tổng"],
        ["TỔNG CỘNG", 3],
        ["Cộng:", None, None, None],
        [None, "Tổng số: 3 người"],
        [None, "Tổng số lao động", None, 3],
        ["Total", 3],
        ["Tổng", "cộng"],
    ],
)
def test_real_totals_labels_end_the_table(database: Any, tmp_path: Path, totals: list[Any]) -> None:
    path = simple_workbook(
        tmp_path / "ds.xlsx",
        HEADER,
        [[1, "Nguyễn Văn An", "05/03/1998", "087098012345"], totals, [2, "Lê Thị Cúc", "07/05/1996", "087196012347"]],
    )
    [preview] = preview_files(database.engine, [path], today=TODAY)
    assert [row.values["full_name"] for row in preview.rows] == ["Nguyễn Văn An"]
    assert (preview.skipped[0].line, preview.skipped[0].reason) == (3, "dòng tổng cộng")


def test_a_row_with_a_birth_date_and_a_cccd_is_a_person_whatever_its_name(database: Any, tmp_path: Path) -> None:
    path = simple_workbook(
        tmp_path / "ds.xlsx", HEADER, [["", "Tổng Cộng", "05/03/1998", "087098012345"], [2, "Lê Thị Cúc", "", ""]]
    )
    [preview] = preview_files(database.engine, [path], today=TODAY)
    assert [row.values["full_name"] for row in preview.rows] == ["Tổng Cộng", "Lê Thị Cúc"]
    assert preview.skipped == ()


# --------------------------------------------------------------------------- repeats inside one file


def test_two_identical_rows_without_a_cccd_are_one_person(database: Any, tmp_path: Path) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Thôn"]
    path = simple_workbook(
        tmp_path / "ds.xlsx",
        header,
        [
            [1, "Nguyễn Văn An", "05/03/1998", None, "Ấp 1"],
            [2, "Nguyễn Văn An", "05/03/1998", None, "Ấp 1"],
            [3, "NGUYỄN VĂN AN", "1998", "087098012345", "Ấp 2"],  # the same name and year, another hamlet
            [4, "Nguyễn Văn An", "05/03/1999", None, "Ấp 1"],  # another year: another person
        ],
    )
    [preview] = preview_files(database.engine, [path], today=TODAY)
    assert [(row.line, row.match.value) for row in preview.rows] == [
        (2, "new"),
        (3, "repeated"),
        (4, "candidate"),
        (5, "new"),
    ]
    assert [p.message for p in preview.rows[1].problems] == ["Giống hệt dòng 2 — bỏ qua"]
    assert [p.message for p in preview.rows[2].problems] == [
        "Có thể trùng với Nguyễn Văn An (sinh 05/03/1998) ở dòng 2 — hãy chọn nhập mới hay bỏ qua"
    ]
    result = commit_import(database.engine, [preview], today=TODAY)
    assert (result.imported, result.skipped) == (2, 2)
    assert [(p.full_name, p.date_of_birth) for p in _people(database.engine)] == [
        ("Nguyễn Văn An", date(1998, 3, 5)),
        ("Nguyễn Văn An", date(1999, 3, 5)),
    ]


# --------------------------------------------------------------------------- a CCCD another person holds


def _two_people_and_a_swap(database: Any, tmp_path: Path) -> Any:
    first = simple_workbook(
        tmp_path / "u1.xlsx",
        HEADER,
        [[1, "Nguyễn Văn An", "05/03/1998", "087098012345"], [2, "Lê Văn Bình", "05/03/1997", "087097012346"]],
    )
    commit_import(database.engine, preview_files(database.engine, [first], today=TODAY), today=TODAY)
    an = next(p for p in _people(database.engine) if p.full_name == "Nguyễn Văn An")
    second = simple_workbook(
        tmp_path / "u2.xlsx",
        [*HEADER, "Mã hồ sơ"],
        [
            [1, "Nguyễn Văn An", "05/03/1998", "087097012346", an.uuid],  # An's record, Bình's CCCD
            [2, "Trần Văn Mới", "05/03/1990", "087090012399", None],
        ],
    )
    return second


def test_a_row_giving_a_person_another_persons_cccd_is_an_error_in_the_preview(database: Any, tmp_path: Path) -> None:
    second = _two_people_and_a_swap(database, tmp_path)
    [preview] = preview_files(database.engine, [second], today=TODAY)
    assert [p.message for p in preview.rows[0].problems if p.error] == [
        "CCCD 087097012346 đã thuộc hồ sơ khác: Lê Văn Bình (sinh 05/03/1997) "
        "— không đổi được CCCD của Nguyễn Văn An thành số này"
    ]
    result = commit_import(database.engine, [preview], on_duplicate="update", today=TODAY)
    assert (result.imported, result.updated, result.errors) == (1, 0, 1)
    assert {p.full_name: p.id_number for p in _people(database.engine)} == {
        "Lê Văn Bình": "087097012346",
        "Nguyễn Văn An": "087098012345",
        "Trần Văn Mới": "087090012399",
    }


def test_commit_refuses_a_taken_cccd_in_vietnamese_and_writes_nothing(database: Any, tmp_path: Path) -> None:
    """Defence in depth: a row the preview did not flag (as it was before the check) never leaks an IntegrityError."""
    from dataclasses import replace

    from xkld_desktop.services.errors import Refused
    from xkld_desktop.services.excel_import.preview import Change

    second = _two_people_and_a_swap(database, tmp_path)
    [preview] = preview_files(database.engine, [second], today=TODAY)
    change = Change("id_number", "Số CCCD/CMND", "087098012345", "087097012346")
    unflagged = replace(preview.rows[0], problems=(), changes=(change,))
    preview = replace(preview, rows=(unflagged, *preview.rows[1:]))
    before = _people(database.engine)
    with pytest.raises(Refused) as refused:
        commit_import(database.engine, [preview], on_duplicate="update", today=TODAY)
    assert refused.value.message == (
        "Không nhập được: có số CCCD trong tệp đã thuộc một hồ sơ khác. "
        "Chưa có gì được ghi vào cơ sở dữ liệu. Hãy xem trước lại rồi nhập."
    )
    assert _people(database.engine) == before


# --------------------------------------------------------------------------- merged cells in the data area


def test_cells_merged_down_over_rows_give_each_row_their_value(database: Any, tmp_path: Path) -> None:
    import openpyxl

    from xkld_desktop.domain.models import Departure
    from xkld_desktop.services.excel_import.reader import read_sheet

    path = tmp_path / "ap-tan-hoa.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Thôn", "Nước đến", "Ngày xuất cảnh"])
    sheet.append([1, "Nguyễn Văn An", "05/03/1998", "Ấp Tân Hòa", "Nhật Bản", "01/02/2024"])
    sheet.append([2, "Lê Văn Bình", "05/03/1997", None, None, None])
    sheet.append([3, "Trần Văn Cường", "05/03/1996", None, None, None])
    sheet.append([4, "Võ Thị Dung", "05/03/1995", "Ấp 2", None, None])
    for cells in ("D2:D4", "E2:E4", "F2:F4"):
        sheet.merge_cells(cells)
    book.save(path)
    engine = database.engine

    [preview] = preview_files(engine, [path], today=TODAY)
    notes = [p.text for p in preview.problems if p.line == 0]
    assert any("ô gộp (merge)" in n and "“Thôn”" in n and "dòng 2–4" in n for n in notes), notes
    commit_import(engine, [preview], today=TODAY)

    people = {p.full_name: p for p in _people(engine)}
    assert [people[n].hamlet for n in ("Nguyễn Văn An", "Lê Văn Bình", "Trần Văn Cường", "Võ Thị Dung")] == [
        "Ấp Tân Hòa",
        "Ấp Tân Hòa",
        "Ấp Tân Hòa",
        "Ấp 2",
    ]
    table = Departure.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        departed = {pid: on for pid, on in conn.execute(sa.select(table.c.person_id, table.c.departed_on))}
    assert {people[n].id for n in ("Nguyễn Văn An", "Lê Văn Bình", "Trần Văn Cường")} == set(departed)
    assert set(departed.values()) == {date(2024, 2, 1)}
    # the sheet as read stays as the file holds it (the wizard's column step shows it)
    assert "Ấp Tân Hòa" not in read_sheet(path).rows[2]
