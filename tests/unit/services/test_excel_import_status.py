"""Status abroad (Đang làm việc / Bỏ trốn / Chuyển chủ) and legal or illegal departure columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.unit.services.excel_import_books import simple_workbook
from xkld_desktop.domain.enums import PersonStatus, StatusAbroad
from xkld_desktop.domain.models import Departure, Person
from xkld_desktop.services.excel_import.commit import commit_import, undo_import
from xkld_desktop.services.excel_import.headers import guess_field
from xkld_desktop.services.excel_import.preview import preview_files
from xkld_desktop.services.excel_import.values import parse_status_cell, parse_yes_no

TODAY = date(2026, 11, 25)


def _stored(engine: Any) -> dict[str, tuple[Any, ...]]:
    person, departure = Person.__table__, Departure.__table__  # type: ignore[attr-defined]
    query = sa.select(person.c.full_name, person.c.status, departure.c.status_abroad, departure.c.is_legal).select_from(
        person.outerjoin(departure, departure.c.person_id == person.c.id)
    )
    with engine.connect() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.execute(query)}


def test_header_synonyms() -> None:
    assert guess_field("Tình trạng") == "status"
    assert guess_field("TINH TRANG O NUOC NGOAI") == "status_abroad"
    assert guess_field("Hợp pháp") == "is_legal"
    assert guess_field("Xuất cảnh trái phép") == "illegal"
    assert guess_field("Xuat canh bat hop phap") == "illegal"
    assert guess_field("Ngày xuất cảnh") == "departed_on"  # still the date
    assert guess_field("Ngày hết hạn HĐ") == "expected_end_on"


def test_status_cell_values() -> None:
    assert parse_status_cell("Đang làm việc").value == (None, StatusAbroad.WORKING)
    assert parse_status_cell("chuyen chu").value == (None, StatusAbroad.CHANGED_EMPLOYER)
    assert parse_status_cell("Bỏ trốn").value == (PersonStatus.ABSCONDED, StatusAbroad.ABSCONDED)
    assert parse_status_cell("Đã về nước").value == (PersonStatus.RETURNED, None)
    unknown = parse_status_cell("??")
    assert unknown.value is None and unknown.notes == ("Không rõ tình trạng “??” — bỏ qua cột này",)
    assert parse_yes_no("Có", label="Hợp pháp").value is True
    assert parse_yes_no(0.0, label="Hợp pháp").value is False
    assert parse_yes_no("Trái phép", label="Hợp pháp").value is False
    assert parse_yes_no("hmm", label="Hợp pháp").notes == (
        "Không hiểu “hmm” ở cột Hợp pháp (ghi Có hoặc Không) — bỏ qua",
    )


def test_status_and_legal_columns_are_stored(database: Any, tmp_path: Path) -> None:
    path = simple_workbook(
        tmp_path / "ds.xlsx",
        ["Họ và tên", "Ngày sinh", "Nước đến", "Ngày XC", "Tình trạng", "Hợp pháp", "Xuất cảnh trái phép"],
        [
            ["Nguyễn Văn An", "05/03/1998", "Nhật", "01/02/2024", "Đang làm việc", "Có", ""],
            ["Trần Văn Bình", "05/03/1997", "Hàn", "01/02/2023", "Bỏ trốn", "", "x"],
            ["Lê Thị Cúc", "05/03/1996", "Đài Loan", "01/02/2024", "Chuyển chủ", "Không", ""],
            ["Phạm Văn Dũng", "05/03/1995", "Nhật", "01/02/2024", "", "", ""],
            ["Võ Văn Em", "05/03/1994", "Nhật", "01/02/2024", "", "Có", "x"],
        ],
    )
    [preview] = preview_files(database.engine, [path], today=TODAY)
    notes = [p.message for p in preview.rows[4].problems]
    assert "Cột Hợp pháp và cột Xuất cảnh trái phép ghi ngược nhau — lấy theo cột Hợp pháp" in notes
    assert preview.rows[1].shown("status_abroad") == "Bỏ trốn, cư trú bất hợp pháp"
    assert preview.rows[1].shown("is_legal") == "Không"

    result = commit_import(database.engine, [preview], today=TODAY)
    assert (result.imported, result.errors) == (5, 0)
    assert _stored(database.engine) == {
        "Nguyễn Văn An": ("working_abroad", "working", True),
        "Trần Văn Bình": ("absconded", "absconded", False),
        "Lê Thị Cúc": ("working_abroad", "changed_employer", False),
        "Phạm Văn Dũng": ("working_abroad", "working", True),  # no column: working, legal
        "Võ Văn Em": ("working_abroad", "working", True),
    }


def test_a_new_status_abroad_for_a_known_departure_updates_it_and_undo_restores_it(
    database: Any, tmp_path: Path
) -> None:
    header = ["Họ và tên", "Ngày sinh", "CCCD", "Nước đến", "Ngày XC", "Tình trạng"]
    an = ["Nguyễn Văn An", "05/03/1998", "087098012345", "Nhật", "01/02/2024"]
    first = simple_workbook(tmp_path / "thang-1.xlsx", header, [[*an, "Đang làm việc"]])
    commit_import(database.engine, preview_files(database.engine, [first], today=TODAY), today=TODAY)
    later = simple_workbook(tmp_path / "thang-6.xlsx", header, [[*an, "Chuyển chủ"]])

    [preview] = preview_files(database.engine, [later], today=TODAY)
    assert [(c.label, c.old, c.new) for c in preview.rows[0].changes] == [
        ("Tình trạng ở nước ngoài", "Đang làm việc", "Chuyển chủ sử dụng")
    ]
    skipped = commit_import(database.engine, [preview], today=TODAY)
    assert (skipped.updated, skipped.skipped) == (0, 1)
    assert _stored(database.engine)["Nguyễn Văn An"][1] == "working"

    updated = commit_import(database.engine, [preview], on_duplicate="update", today=TODAY)
    assert (updated.updated, updated.departures) == (1, 0)
    assert _stored(database.engine)["Nguyễn Văn An"][1] == "changed_employer"

    assert undo_import(database.engine, updated.batch_id).restored == 1
    assert _stored(database.engine)["Nguyễn Văn An"][1] == "working"
