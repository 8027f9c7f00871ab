"""Header detection and mapping, remembered corrections, and the cell-value parsers (with a bounded fuzz)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.services.excel_import_books import messy_workbook, simple_workbook
from xkld_desktop.domain.enums import DatePrecision, Gender, IdKind, PersonStatus, Programme
from xkld_desktop.services.excel_import import values as v
from xkld_desktop.services.excel_import.headers import (
    detect_header,
    guess_field,
    load_remembered,
    remember_mapping,
)
from xkld_desktop.services.excel_import.preview import preview_files
from xkld_desktop.services.excel_import.reader import SheetData, read_sheet
from xkld_desktop.services.reference import list_markets

TODAY = date(2026, 11, 25)


def _sheet(rows: list[list[object]], merged: tuple = ()) -> SheetData:
    return SheetData("x.xlsx", "x.xlsx", "DS", ("DS",), [list(r) for r in rows], merged)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Họ và tên", "full_name"),
        ("HỌ TÊN", "full_name"),
        ("Ho ten", "full_name"),
        ("Họ và tên người lao động", "full_name"),
        ("Ngày, tháng, năm sinh", "date_of_birth"),
        ("NGAY SINH", "date_of_birth"),
        ("Số CCCD/CMND", "id_number"),
        ("CCCD", "id_number"),
        ("so cmnd", "id_number"),
        ("Ngày cấp CCCD", "id_issued_on"),
        ("Nơi cư trú", "address"),
        ("Địa chỉ", "address"),
        ("Ấp", "hamlet"),
        ("Thôn", "hamlet"),
        ("Nước đến", "market"),
        ("Thị trường", "market"),
        ("Quốc gia", "market"),
        ("Ngày xuất cảnh", "departed_on"),
        ("Ngày XC", "departed_on"),
        ("Công ty", "company"),
        ("Doanh nghiệp đưa đi", "company"),
        ("SĐT", "phone"),
        ("Số điện thoại", "phone"),
        ("STT", "stt"),
        ("full_name", "full_name"),  # the program's own data sheet
        ("commune_code", "unit_code"),
        ("Số ĐT", "phone"),
        ("Số ĐT liên hệ", "phone"),
        ("Mã định danh", "id_number"),
        ("Mã định danh cá nhân", "id_number"),
        ("Nơi ở hiện nay", "address"),
        ("Nơi ở hiện tại", "address"),
        ("Tổ dân phố", "hamlet"),
        ("Tổ dân phố/Ấp", "hamlet"),
        ("Khu phố", "hamlet"),
        ("Tên đội bóng", None),
    ],
)
def test_header_synonyms(header: str, field: str | None) -> None:
    assert guess_field(header) == field


def test_header_row_found_under_title_rows_with_a_merged_two_row_header(tmp_path: Path) -> None:
    match = detect_header(read_sheet(messy_workbook(tmp_path / "ds.xlsx")))
    assert match is not None
    assert (match.header_row, match.data_start) == (3, 5)
    assert match.mapped == {
        "stt": 0,
        "full_name": 1,
        "dob_male": 2,
        "dob_female": 3,
        "id_number": 4,
        "phone": 5,
        "hamlet": 6,
        "market": 7,
        "departed_on": 8,
        "company": 9,
    }
    assert match.columns[2].title == "Ngày, tháng, năm sinh / Nam"
    assert match.title_rows[0] == "UBND XÃ TÂN HỘ CƠ"


def test_unmerged_two_row_header_with_gender_marks_and_a_row_of_column_numbers() -> None:
    rows = [
        ["DANH SÁCH"],
        [],
        ["TT", "Họ tên", "Giới tính", "", "Năm sinh", "Thôn"],
        ["", "", "Nam", "Nữ", "", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        [1, "Lò Văn Páo", "x", "", 1990, "Bản Na"],
        [2, "Lò Thị Mai", "", "X", 1992, "Bản Na"],
    ]
    match = detect_header(_sheet(rows))
    assert match is not None
    assert match.mapped == {"stt": 0, "full_name": 1, "male_mark": 2, "female_mark": 3, "date_of_birth": 4, "hamlet": 5}
    assert match.data_start == 5


def test_a_one_row_header_keeps_a_data_row_that_says_nam() -> None:
    match = detect_header(_sheet([["Họ và tên", "Giới tính", "CCCD"], ["Nguyễn Văn An", "Nam", "087098012345"]]))
    assert match is not None and match.data_start == 1


def test_no_header_found() -> None:
    assert detect_header(_sheet([["chỉ có chữ"], ["và chữ"]])) is None


def test_remembered_corrections_apply_to_the_next_file(database, tmp_path: Path) -> None:
    header = ["Họ và tên", "Quê", "Số báo danh"]
    path = simple_workbook(tmp_path / "a.xlsx", header, [["Nguyễn Văn An", "Ấp 1", "123"]])
    match = detect_header(read_sheet(path))
    assert match is not None and match.mapped == {"full_name": 0}

    remember_mapping(database.engine, match.with_field(1, "hamlet"))

    assert load_remembered(database.engine) == {"que": "hamlet"}
    [preview] = preview_files(
        database.engine, [simple_workbook(tmp_path / "b.xlsx", header, [["Trần Thị Bình", "Ấp 4", "9"]])]
    )
    assert preview.header is not None and preview.header.mapped == {"full_name": 0, "hamlet": 1}
    assert preview.rows[0].values["hamlet"] == "Ấp 4"
    # A correction can also say "do not import" a column the guess would map.
    remember_mapping(database.engine, preview.header.with_field(0, None).with_field(2, "full_name"))
    assert load_remembered(database.engine)["ho va ten"] == ""


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (date(1998, 3, 5), (date(1998, 3, 5), DatePrecision.DAY)),
        (datetime(1998, 3, 5, 0, 0), (date(1998, 3, 5), DatePrecision.DAY)),
        ("05/03/1998", (date(1998, 3, 5), DatePrecision.DAY)),
        ("5-3-1998", (date(1998, 3, 5), DatePrecision.DAY)),
        ("05.03.1998", (date(1998, 3, 5), DatePrecision.DAY)),
        ("1998", (date(1998, 1, 1), DatePrecision.YEAR)),
        (1998.0, (date(1998, 1, 1), DatePrecision.YEAR)),
        ("05/03/98", (date(1998, 3, 5), DatePrecision.DAY)),
        (35859.0, (date(1998, 3, 5), DatePrecision.DAY)),  # an Excel serial that lost its date format
    ],
)
def test_dates_day_first(cell: object, expected: tuple[date, DatePrecision]) -> None:
    assert v.parse_cell_date(cell, today=TODAY).value == expected


def test_impossible_and_future_dates() -> None:
    assert v.parse_cell_date("31/02/1990", today=TODAY, label="Ngày sinh").error == (
        "Ngày sinh 31/02/1990 không có thật (tháng 2/1990 chỉ có 28 ngày)"
    )
    assert "tương lai" in (v.parse_cell_date("01/01/2030", today=TODAY, label="Ngày sinh").error or "")
    assert v.parse_cell_date("hôm qua", today=TODAY, label="Ngày sinh").error


def test_ids_and_phones_get_their_zeros_back_with_a_note() -> None:
    parsed = v.parse_id_number(87098012345.0)
    assert parsed.value == ("087098012345", IdKind.CCCD)
    assert parsed.notes[0] == "CCCD có 11 chữ số — đã thêm số 0 ở đầu"
    two = v.parse_id_number(1098012345)  # Hà Nội (001): two zeros lost
    assert two.value == ("001098012345", IdKind.CCCD) and "2 số 0" in two.notes[0]
    assert v.parse_id_number("87654321").value == ("087654321", IdKind.CMND)
    assert v.parse_id_number("12345").error
    phone = v.parse_phone(912345678.0)
    assert phone.value == "0912345678" and phone.notes == ("Số điện thoại có 9 chữ số — đã thêm số 0 ở đầu",)
    assert v.parse_phone("+84 912 345 678").value == "0912345678"
    assert v.parse_phone("12345").error


def test_a_cccd_stored_as_float_text_gets_its_zero_back_not_an_extra_digit() -> None:
    parsed = v.parse_id_number("79203012345.0")
    assert parsed.value == ("079203012345", IdKind.CCCD)
    assert parsed.notes == ("CCCD có 11 chữ số — đã thêm số 0 ở đầu",)
    assert v.parse_id_number("1098012345.0").value == ("001098012345", IdKind.CCCD)
    assert v.parse_phone("912345678.0").value == "0912345678"


def test_the_placeholder_cccd_is_an_error_so_it_never_matches_anyone(database, tmp_path: Path) -> None:
    from xkld_desktop.services.excel_import.commit import commit_import

    header = ["Họ và tên", "Ngày sinh", "Số CCCD"]
    first = simple_workbook(tmp_path / "a.xlsx", header, [["Nguyễn Văn An", "05/03/1998", "000000000000"]])
    second = simple_workbook(tmp_path / "b.xlsx", header, [["Trần Thị Bình", "07/08/1990", "000000000000"]])
    for path in (first, second):
        [preview] = preview_files(database.engine, [path], today=TODAY)
        assert [p.message for p in preview.rows[0].problems if p.error] == [
            "CCCD không hợp lệ: toàn chữ số 0 (số điền tạm, không phải số thật)"
        ]
        assert commit_import(database.engine, [preview], today=TODAY, on_duplicate="update").errors == 1


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nhật", "JP"),
        ("Nhật Bản", "JP"),
        ("Japan", "JP"),
        ("NB", "JP"),
        ("nhat ban (TTS)", "JP"),
        ("Hàn Quốc", "KR"),
        ("Hàn", "KR"),
        ("Đài Loan", "TW"),
        ("ĐL", "TW"),
        ("Trung Quốc", "CN"),
        ("TQ", "CN"),
        ("Đức", "DE"),
        ("Ả Rập Xê Út", "SA"),
    ],
)
def test_market_synonyms(database, text: str, code: str) -> None:
    lookup = v.market_lookup(list_markets(database.engine))
    assert v.parse_market(text, lookup).value == code


def test_other_values() -> None:
    assert v.parse_gender("Nữ").value is Gender.FEMALE and v.parse_gender("nam").value is Gender.MALE
    assert v.parse_gender("?").error
    assert v.is_mark("x") and v.is_mark("X") and v.is_mark("√") and not v.is_mark("")
    assert (
        v.parse_months("36 tháng").value == 36
        and v.parse_months("3 năm").value == 36
        and v.parse_months(12.0).value == 12
    )
    assert v.parse_months("lâu").error
    assert v.parse_status("Đã về nước").value is PersonStatus.RETURNED
    assert v.parse_programme("EPS").value is Programme.KR_EPS
    assert v.cell_text(87098012345.0) == "87098012345" and v.cell_text(date(2024, 1, 2)) == "02/01/2024"


_CELLS = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.dates(),
    st.datetimes(),
    st.booleans(),
    st.timedeltas(max_value=timedelta(days=10**5)),
)


@settings(max_examples=300, deadline=None)
@given(cell=_CELLS)
def test_fuzz_value_parsers_never_raise(cell: object) -> None:
    """Any cell calamine can hand over gives a value or a Vietnamese error — never an exception."""
    for parsed in (
        v.parse_cell_date(cell, today=TODAY, label="Ngày sinh"),
        v.parse_id_number(cell),
        v.parse_phone(cell),
        v.parse_gender(cell),
        v.parse_market(cell, {"nhat": "JP"}),
        v.parse_months(cell),
        v.parse_status(cell),
        v.parse_programme(cell),
        v.parse_text(cell),
    ):
        assert parsed.value is None or parsed.error is None
        if parsed.error is not None:
            assert parsed.error[0].isupper()
    v.is_mark(cell)
    v.cell_text(cell)
