"""The streaming .xlsx writer read back with openpyxl, python-calamine and zipfile."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from xkld_desktop.services.xlsx_stream import StreamingWorkbook, column_letter


def _book(path: Path) -> None:
    with StreamingWorkbook(path) as book:
        bold = book.style(font_name="Times New Roman", font_size=12, bold=True, border=True, fill="E6E6E6")
        day = book.style(border=True, num_format="dd/mm/yyyy", horizontal="center")
        money = book.style(border=True, num_format="#,##0")
        boxed = book.style(border=True)
        sheet = book.add_sheet(
            "Danh sách", widths=[5, 24], freeze_rows=2, landscape=True, paper=9, fit_width=True, repeat_rows=(1, 1)
        )
        data = book.add_sheet("du_lieu", freeze_rows=1)
        sheet.write_row(0, ["TIÊU ĐỀ", None, None], bold)
        sheet.merge(0, 0, 0, 2)
        sheet.write_row(1, ["STT", "Họ và tên", "Ngày"], bold, height=32)
        data.write_row(0, ["full_name", "day", "income", "flag"])
        rows = [
            ("Nguyễn Văn Đức", date(2025, 2, 10), 7_500_000, True),
            ('=HYPERLINK("http://x")', datetime(2024, 12, 31, 12, 0), 1.5, False),
            ("a < b & c > d", None, None, None),
            ("  hai đầu có dấu cách ", date(1900, 3, 1), -3, None),
            ("bell\x07 and _x0041_ kept", None, None, None),
            ("-1+2", None, None, None),
            ("\tcheck", None, None, None),
        ]
        for i, (name, day_value, amount, flag) in enumerate(rows, start=1):
            sheet.write_row(i + 1, [i, name, day_value], [boxed, boxed, day])
            data.write_row(i, [name, day_value, amount, flag], [0, day, money, 0])


def test_values_types_and_layout_read_back_with_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    _book(path)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Danh sách", "du_lieu"]
    sheet, data = book["Danh sách"], book["du_lieu"]
    assert sheet["A1"].value == "TIÊU ĐỀ" and sheet["A1"].font.b and sheet["A1"].font.name == "Times New Roman"
    assert sheet["A1"].fill.fgColor.rgb == "FFE6E6E6"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:C1"]
    assert sheet.freeze_panes == "A3" and data.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width > 24
    assert sheet.row_dimensions[2].height == 32
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$2:$2"
    assert sheet["C3"].value == datetime(2025, 2, 10) and sheet["C3"].number_format == "dd/mm/yyyy"
    assert sheet["B3"].border.left.style == "thin" and sheet["A3"].value == 1
    values = list(data.iter_rows(min_row=2, values_only=True))
    assert values[0] == ("Nguyễn Văn Đức", datetime(2025, 2, 10), 7_500_000, True)
    assert values[1] == ('=HYPERLINK("http://x")', datetime(2024, 12, 31, 12, 0), 1.5, False)
    assert values[2][0] == "a < b & c > d"
    assert values[3][:3] == ("  hai đầu có dấu cách ", datetime(1900, 3, 1), -3)
    assert values[4][0].startswith("bell and _x")  # a control character XML forbids is dropped


@pytest.mark.parametrize("row", [4, 8, 9])
def test_formula_like_text_is_text_with_a_quote_prefix(tmp_path: Path, row: int) -> None:
    path = tmp_path / "out.xlsx"
    _book(path)
    book = openpyxl.load_workbook(path)
    for cell in (book["Danh sách"].cell(row=row, column=2), book["du_lieu"].cell(row=row - 1, column=1)):
        assert cell.data_type == "s", cell.coordinate
        assert cell.quotePrefix, cell.coordinate
    plain = book["du_lieu"]["A2"]
    assert plain.data_type == "s" and not plain.quotePrefix


def test_calamine_reads_both_sheets(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    _book(path)
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names == ["Danh sách", "du_lieu"]
    data = workbook.get_sheet_by_name("du_lieu").to_python()
    assert data[0] == ["full_name", "day", "income", "flag"]
    assert data[1][0] == "Nguyễn Văn Đức" and data[1][1] == date(2025, 2, 10) and data[1][2] == 7_500_000
    assert data[6][0] == "-1+2" and data[7][0] == "\tcheck"
    assert data[5][0] == "bell and _x0041_ kept"  # Excel's own _xHHHH_ escape escaped, read back as typed


def test_many_rows_and_columns_stream_in_order(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    with StreamingWorkbook(path) as book:
        sheet = book.add_sheet("S")
        for r in range(3000):
            sheet.write_row(r, [r, *(f"v{r}-{c}" for c in range(1, 70))])
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert len(rows) == 3000 and len(rows[0]) == 70
    assert rows[2999][0] == 2999 and rows[2999][69] == "v2999-69"
    assert column_letter(0) == "A" and column_letter(25) == "Z" and column_letter(27) == "AB"
    assert column_letter(16383) == "XFD"


def test_rows_out_of_order_are_refused(tmp_path: Path) -> None:
    with StreamingWorkbook(tmp_path / "x.xlsx") as book:
        sheet = book.add_sheet("S")
        sheet.write_row(3, ["a"])
        with pytest.raises(ValueError, match="in order"):
            sheet.write_row(2, ["b"])


def test_an_error_inside_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with pytest.raises(RuntimeError), StreamingWorkbook(path) as book:
        book.add_sheet("S").write_row(0, ["a"])
        raise RuntimeError("stop")
    assert list(tmp_path.iterdir()) == []


def test_bad_sheet_names_are_refused(tmp_path: Path) -> None:
    book = StreamingWorkbook(tmp_path / "x.xlsx")
    with pytest.raises(ValueError):
        book.add_sheet("a/b")
    book.abort()
    assert list(tmp_path.iterdir()) == []
