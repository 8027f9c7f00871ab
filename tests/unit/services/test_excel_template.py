"""Filling the user's own Excel template: the shipped examples, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from importlib.resources import as_file, files
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from xkld_desktop.services.database import open_database
from xkld_desktop.services.errors import Refused
from xkld_desktop.services.excel_export import ExportCancelled
from xkld_desktop.services.excel_template import fill_template

from .reports_data import D0, D1, DEPARTURES, EVIL, PEOPLE, RETURNS, REVIEWS, build, expected, live_departures

TEMPLATES = files("xkld_desktop.resources") / "templates"
SUMMARY = "bao-cao-ket-qua-xkld.xlsx"
LISTS = "danh-sach-xuat-canh-ve-nuoc.xlsx"


@pytest.fixture
def built(db_url: str):
    db = open_database(db_url, seed=False)
    units = build(db.engine)
    yield db.engine, units
    db.close()


def _fill(engine, tmp_path: Path, name: str, d0: date = D0, d1: date = D1) -> tuple[int, openpyxl.Workbook]:
    out = tmp_path / "out" / name
    out.parent.mkdir(exist_ok=True)
    with as_file(TEMPLATES / name) as template:
        rows = fill_template(
            engine, template_path=template, date_from=d0, date_to=d1, path=out, issued_on=date(2026, 1, 5)
        )
    assert [p.name for p in out.parent.iterdir()] == [name]  # no temporary file left
    return rows, openpyxl.load_workbook(out)


def _find(sheet, text: str) -> int:
    """The row whose column B holds *text*."""
    for row in sheet.iter_rows(min_col=2, max_col=2):
        if row[0].value == text:
            return row[0].row
    raise AssertionError(f"{text!r} not in column B")


def test_summary_template_gets_figures_per_commune_and_market(built, tmp_path: Path) -> None:
    engine, _units = built
    want = expected()
    rows, book = _fill(engine, tmp_path, SUMMARY)
    sheet = book["Báo cáo"]
    assert sheet["A1"].value == "UBND XÃ AN BÌNH"
    assert sheet["C3"].value == "An Bình, ngày 05 tháng 01 năm 2026"
    assert sheet["A6"].value == "Kỳ báo cáo: năm 2025 (từ ngày 01/01/2025 đến ngày 31/12/2025)"
    # a cell holding only a placeholder gets the number itself, with the template's format
    assert sheet["C11"].value == want["departures"] == 4
    assert sheet["C11"].number_format == "#,##0"
    assert sheet["C12"].value == want["departures_legal"] == 3  # those counted against the target
    assert sheet["C13"].value == want["target"] == 5
    assert sheet["C14"].value == 60  # 3/5: the illegal departure is not an achievement
    assert sheet["C15"].value == want["departures_illegal"]
    assert sheet["C16"].value == want["currently_abroad"]
    assert sheet["C18"].value == want["returns"]
    assert sheet["C21"].value == "2 buổi / 65 lượt"  # placeholders inside text
    # the commune table: one numbered row per commune, styles of the marked row copied
    top = _find(sheet, "Xã An Bình")
    assert [c.value for c in sheet[top]] == [1, "Xã An Bình", want["per_unit"]["A"], 2, 100]
    assert [c.value for c in sheet[top + 1]] == [2, "Xã Bình Đức", want["per_unit"]["B"], 3, 33]
    assert sheet.cell(top + 1, 1).border.left.style == "thin"
    assert sheet.cell(top + 1, 3).number_format == "#,##0"
    assert sheet.cell(top + 1, 1).font.name == "Times New Roman"
    total = _find(sheet, "Tổng cộng")
    assert total == top + 2 and sheet.cell(total, 3).value == 3 and sheet.cell(total, 3).font.b  # = the rows
    # the market table below moved down with its header height and the signature's merged cells
    header = _find(sheet, "Thị trường")
    assert sheet.row_dimensions[header].height == 32
    markets = {sheet.cell(r, 2).value: sheet.cell(r, 3).value for r in range(header + 1, header + 4)}
    assert markets == {"Nhật Bản": 2, "Hàn Quốc": 1, "Đài Loan": 1}
    assert sheet.cell(header + 1, 1).value == 1 and sheet.cell(header + 3, 1).value == 3
    signature = next(r for r in range(header, sheet.max_row + 1) if sheet.cell(r, 3).value == "TM. ỦY BAN NHÂN DÂN")
    assert f"C{signature}:E{signature}" in {str(m) for m in sheet.merged_cells.ranges}
    assert rows == 2 + 3  # communes + markets
    # no placeholder is left anywhere
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "{{" in c.value]


def test_list_template_repeats_a_row_per_person_and_keeps_text_as_text(built, tmp_path: Path) -> None:
    engine, _units = built
    d0 = date(2024, 12, 1)  # takes in EVIL's departure of 31/12/2024
    rows, book = _fill(engine, tmp_path, LISTS, d0=d0)
    departed = book["Xuất cảnh"]
    names = [PEOPLE[DEPARTURES[i][0]][0] for i in live_departures(d0, D1)]
    count = len(names)
    assert count == 5
    first = 9
    assert [departed.cell(first + i, 1).value for i in range(count)] == list(range(1, count + 1))
    assert sorted(departed.cell(first + i, 2).value for i in range(count)) == sorted(names)
    assert departed.cell(first + count, 1).value is None  # nothing after the last record
    an = next(first + i for i in range(count) if departed.cell(first + i, 2).value == "Nguyễn Văn An")
    row = {departed.cell(8, c).value: departed.cell(an, c) for c in range(1, 11)}
    assert row["Ngày sinh"].value == datetime(1995, 1, 2) and row["Ngày sinh"].number_format == "DD/MM/YYYY"
    assert row["Số CCCD"].value == "087195000000" and row["Số CCCD"].data_type == "s"  # leading zero kept
    assert row["Giới tính"].value == "Nam"
    assert row["Địa chỉ"].value == "Ấp 1, Xã An Bình"
    assert row["Ngày xuất cảnh"].value == datetime(2025, 2, 10)
    # styles of the marked row on every copy, the row height too
    last = first + count - 1
    assert departed.cell(last, 2).border.bottom.style == "thin"
    assert departed.cell(last, 2).font == Font(name="Times New Roman", size=12)
    assert departed.row_dimensions[last].height == 20
    assert departed.cell(last + 2, 2).value == f"Tổng cộng: {count} người"
    # formula-like text from the database stays text (type string, quote prefix), never a formula
    evil = next(first + i for i in range(count) if departed.cell(first + i, 2).value == EVIL)
    for col, text in ((2, EVIL), (6, "+Ấp 1, Xã An Bình"), (8, "-Công ty @Evil"), (10, "-chú ý")):
        cell = departed.cell(evil, col)
        assert cell.value == text and cell.data_type == "s" and cell.quotePrefix, (col, cell.value)
    assert not [c.coordinate for sheet in book.worksheets for r in sheet.iter_rows() for c in r if c.data_type == "f"]

    returned = book["Về nước"]
    want_returns = sorted(
        PEOPLE[DEPARTURES[d][0]][0]
        for d, day, _t, _r in RETURNS
        if d0 <= day <= D1 and not DEPARTURES[d][6] and not PEOPLE[DEPARTURES[d][0]][4]  # not a deleted person's
    )
    got = sorted(returned.cell(9 + i, 2).value for i in range(len(want_returns)))
    assert got == want_returns
    assert returned.cell(9 + len(want_returns) + 1, 2).value == f"Tổng cộng: {len(want_returns)} người"
    assert rows == count + len(want_returns)


def test_empty_list_removes_the_marked_row(built, tmp_path: Path) -> None:
    engine, _units = built
    _rows, book = _fill(engine, tmp_path, LISTS, d0=date(2030, 1, 1), d1=date(2030, 12, 31))
    sheet = book["Xuất cảnh"]
    assert sheet["A9"].value is None and sheet["B10"].value == "Tổng cộng: 0 người"
    assert "G12:J12" in {str(m) for m in sheet.merged_cells.ranges}  # the signature moved up one row


def _user_template(tmp_path: Path, *cells: tuple[str, str]) -> Path:
    book = openpyxl.Workbook()
    for ref, value in cells:
        book.active[ref] = value
    path = tmp_path / "mau.xlsx"
    book.save(path)
    return path


def test_unknown_placeholder_or_list_is_refused_and_nothing_written(built, tmp_path: Path) -> None:
    engine, _units = built
    out = tmp_path / "out.xlsx"
    for cells, named in (
        ((("B3", "Số: {{khong_co}}"),), "Sheet!B3"),
        ((("A5", "{{#dong nguoi_ngoai_hanh_tinh}}{{stt}}"),), "Sheet!A5"),
        ((("A5", "{{#dong departed}}{{stt}}"), ("B5", "{{ho_ten}} {{tuoi_tho}}")), "Sheet!B"),
    ):
        with pytest.raises(Refused) as refused:
            fill_template(engine, template_path=_user_template(tmp_path, *cells), date_from=D0, date_to=D1, path=out)
        assert named in refused.value.message
        assert not out.exists()


def test_template_that_is_not_a_workbook_is_refused(built, tmp_path: Path) -> None:
    engine, _units = built
    bad = tmp_path / "mau.xlsx"
    bad.write_text("không phải Excel")
    with pytest.raises(Refused) as refused:
        fill_template(engine, template_path=bad, date_from=D0, date_to=D1, path=tmp_path / "out.xlsx")
    assert "mau.xlsx" in refused.value.message
    with pytest.raises(Refused):
        fill_template(engine, template_path=tmp_path / "khong-co.xlsx", date_from=D0, date_to=D1, path=bad)
    good = _user_template(tmp_path, ("A1", "{{xuat_canh}}"))
    before = good.read_bytes()
    with pytest.raises(Refused) as refused:
        fill_template(engine, template_path=good, date_from=D0, date_to=D1, path=good)
    assert "tệp mẫu phải được giữ nguyên" in refused.value.message
    assert good.read_bytes() == before


def test_english_stats_keys_and_template_formulas_work(built, tmp_path: Path) -> None:
    engine, _units = built
    template = _user_template(
        tmp_path,
        ("A1", "{{departures}}"),
        ("A2", "{{loans_nhcsxh_amount}}"),
        ("A3", "=A1*2"),
        ("A4", "{{DEN_NGAY}}"),
    )
    out = tmp_path / "out.xlsx"
    fill_template(engine, template_path=template, date_from=D0, date_to=D1, path=out)
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == 4
    assert sheet["A2"].value == 180_000_000
    assert sheet["A3"].value == "=A1*2" and sheet["A3"].data_type == "f"  # the template's own formula kept
    assert sheet["A4"].value == datetime(2025, 12, 31) and sheet["A4"].number_format == "DD/MM/YYYY"


def test_review_rows_use_their_own_year_and_labels(built, tmp_path: Path) -> None:
    engine, _units = built
    template = _user_template(
        tmp_path,
        ("A1", "Năm {{nam}}"),
        ("A3", "{{#dong review}}{{stt}}"),
        ("B3", "{{ho_ten}}"),
        ("C3", "{{nam}}"),
        ("D3", "{{phan_loai}}"),
    )
    out = tmp_path / "out.xlsx"
    rows = fill_template(engine, template_path=template, date_from=date(2024, 1, 1), date_to=D1, path=out)
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "Năm 2025"  # the period's year outside the list
    got = {(sheet.cell(r, 2).value, sheet.cell(r, 3).value, sheet.cell(r, 4).value) for r in range(3, 3 + rows)}
    live = [p for p, year, *_rest in REVIEWS if year in (2024, 2025) and not PEOPLE[p][4]]
    assert rows == len(live) == 6
    assert ("Lê Văn Cường", 2024, "Có nhu cầu đi") in got  # the review's year, the classification's label
    assert [sheet.cell(r, 1).value for r in range(3, 3 + rows)] == list(range(1, rows + 1))


def test_cancel_writes_nothing(built, tmp_path: Path) -> None:
    engine, _units = built
    out = tmp_path / "out" / "x.xlsx"
    out.parent.mkdir()
    with as_file(TEMPLATES / LISTS) as template, pytest.raises(ExportCancelled):
        fill_template(engine, template_path=template, date_from=D0, date_to=D1, path=out, cancelled=lambda: True)
    assert list(out.parent.iterdir()) == []


def test_market_shares_round_half_up_as_in_the_pdf() -> None:
    from types import SimpleNamespace

    from xkld_desktop.services.excel_template import _stats_rows

    stats = SimpleNamespace(
        departures=16,
        by_market=[SimpleNamespace(label="Úc", count=1), SimpleNamespace(label="Nhật Bản", count=15)],
    )
    rows = _stats_rows("markets", stats)  # type: ignore[arg-type]
    assert [(r["thi_truong"], r["ty_le"]) for r in rows] == [("Úc", 6.3), ("Nhật Bản", 93.8)]  # round() gives 6.2
