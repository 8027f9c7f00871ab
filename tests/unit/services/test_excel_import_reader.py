"""Bad files get a clear Vietnamese message, memory stays bounded and the database is untouched."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.services.excel_import_books import messy_workbook, ods_workbook, simple_workbook
from xkld_desktop.domain.models import AuditEvent, Person
from xkld_desktop.services.excel_import import reader
from xkld_desktop.services.excel_import.commit import commit_import
from xkld_desktop.services.excel_import.preview import preview_files
from xkld_desktop.services.excel_import.reader import UnreadableFile, list_sheets, read_sheet


def _message(path: Path) -> str:
    with pytest.raises(UnreadableFile) as raised:
        read_sheet(path)
    return raised.value.message


def _minimal_xlsx(path: Path, sheet_xml: bytes, *, compress: int = zipfile.ZIP_DEFLATED) -> Path:
    """An .xlsx with one worksheet whose XML the test writes itself."""
    with zipfile.ZipFile(path, "w", compress) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def _sheet_xml(cells: str, dimension: str = "A1:B2") -> bytes:
    return (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>'
    ).encode()


def test_a_good_file_reads_with_its_merged_ranges(tmp_path: Path) -> None:
    data = read_sheet(messy_workbook(tmp_path / "ds.xlsx"))
    assert data.sheet_name == "DS" and data.sheet_names == ("DS",)
    assert data.rows[0] == ["UBND XÃ TÂN HỘ CƠ"]
    assert ((3, 2), (3, 3)) in data.merged
    assert data.rows[5][4] == 87098012345.0  # calamine gives numbers as floats
    assert list_sheets(tmp_path / "ds.xlsx") == ["DS"]


def test_a_named_sheet_and_a_missing_one(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Bìa"
    book.active["A1"] = "Bìa"
    book.create_sheet("Danh sách")["A1"] = "Họ và tên"
    book.save(tmp_path / "two.xlsx")
    assert read_sheet(tmp_path / "two.xlsx", sheet="Danh sách").rows == [["Họ và tên"]]
    with pytest.raises(UnreadableFile, match=r"không có trang tính “Khác”\. Các trang có: Bìa, Danh sách"):
        read_sheet(tmp_path / "two.xlsx", sheet="Khác")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "trống (0 byte)"),
        (b"Ho ten,CCCD\nAn,123\n", "không phải là bảng tính Excel"),
        (b"<html><body>bang</body></html>", "là trang web hoặc XML"),
        (b"PK\x03\x04" + b"\x00" * 100, "bị hỏng"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "bị hỏng hoặc không phải bảng tính"),
    ],
)
def test_files_that_are_not_spreadsheets(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(content)
    assert expected in _message(path)


def test_a_word_document_and_a_random_zip(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "word.xlsx", "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "văn bản Word" in _message(tmp_path / "word.xlsx")
    with zipfile.ZipFile(tmp_path / "anh.xlsx", "w") as archive:
        archive.writestr("anh.png", b"png")
    assert "không phải bảng tính Excel" in _message(tmp_path / "anh.xlsx")


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    # Excel saves an encrypted .xlsx as an OLE compound file holding an "EncryptedPackage" stream.
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    ole[600 : 600 + 32] = "EncryptedPackage".encode("utf-16-le")
    (tmp_path / "mat-khau.xlsx").write_bytes(bytes(ole))
    assert "đặt mật khẩu" in _message(tmp_path / "mat-khau.xlsx")


def test_a_corrupt_zip_inside(tmp_path: Path) -> None:
    good = messy_workbook(tmp_path / "good.xlsx").read_bytes()
    broken = good[: len(good) // 2]
    (tmp_path / "cut.xlsx").write_bytes(broken)
    assert "bị hỏng" in _message(tmp_path / "cut.xlsx")


def test_an_empty_workbook(tmp_path: Path) -> None:
    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    assert "không có dữ liệu" in _message(tmp_path / "empty.xlsx")


def test_a_zip_bomb_is_refused_from_its_declared_sizes(tmp_path: Path) -> None:
    # 200 MB of one repeated byte compresses to about 200 KB: refused before anything is inflated.
    path = tmp_path / "bomb.xlsx"
    _minimal_xlsx(path, _sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>Họ tên</t></is></c></row>'))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("xl/media/bomb.bin", "w") as out:
        chunk = b"\x00" * (1 << 20)
        for _ in range(200):
            out.write(chunk)
    assert "bom nén" in _message(path)


def test_declared_sizes_above_the_cap_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED_BYTES", 10_000)
    path = simple_workbook(tmp_path / "ds.xlsx", ["Họ và tên"], [[f"Người {i}"] for i in range(2000)])
    assert "khi giải nén lớn" in _message(path)


def test_a_sheet_reaching_row_a_million_or_column_xfd_is_refused_before_parsing(tmp_path: Path) -> None:
    far_row = _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="A1000000"><v>1</v></c></row>')
    assert _message(_minimal_xlsx(tmp_path / "rows.xlsx", far_row)) == (
        "Trang tính trong tệp “rows.xlsx” dùng tới dòng 1.000.000, vượt giới hạn 100.000 dòng. "
        "Hãy chia danh sách thành nhiều tệp, hoặc xóa các dòng thừa ở cuối trang."
    )
    far_column = _sheet_xml('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>', "A1:A1")
    assert "dùng tới cột thứ 16.384, vượt giới hạn 200 cột" in _message(
        _minimal_xlsx(tmp_path / "cols.xlsx", far_column)
    )


def test_far_cells_are_found_out_of_order_with_leading_zeros_and_prefixed_tags(tmp_path: Path) -> None:
    """The scan reads every cell's reference: not only the last row, nor only unprefixed tags."""
    zeros = _sheet_xml(
        '<row r="0001000000"><c r="A0001000000"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>'
    )
    assert "dùng tới dòng 1.000.000, vượt giới hạn" in _message(_minimal_xlsx(tmp_path / "zeros.xlsx", zeros))
    prefixed = _sheet_xml('<x:row r="1"><x:c r="AAA1"><x:v>1</x:v></x:c><x:c r="B1"><x:v>1</x:v></x:c></x:row>')
    assert "dùng tới cột thứ 703, vượt giới hạn 200 cột" in _message(
        _minimal_xlsx(tmp_path / "prefixed.xlsx", prefixed)
    )


_FAR = "dùng tới dòng 1.048.576, vượt giới hạn 100.000 dòng"
_WIDE = "vượt giới hạn 200 cột"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # every legal way of writing the attribute (calamine reads them all)
        ("<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>", _FAR),
        ('<row r = "1048576"><c r = "XFD1048576"><v>1</v></c></row>', _FAR),
        ("<row\tr\t=\t'1048576'><c\nr\n=\n'A1048576'><v>1</v></c></row>", _FAR),
        ('<row r="3"><c r="xfd3"><v>1</v></c></row>', "dùng tới cột thứ 16.384, " + _WIDE),  # lower case
        ('<row r="3"><c r="AAAA3"><v>1</v></c></row>', "dùng tới cột thứ 18.279, " + _WIDE),  # four letters
        ('<row r="3"><c t="n" r="A3" r="XFD3"><v>1</v></c></row>', "cột thứ 16.384"),  # calamine takes the last
        ('<row r="3"><c s=">" r="XFD3"><v>1</v></c></row>', "cột thứ 16.384"),  # ">" inside a value
        # tags without r: a row after the previous row, a cell after the previous cell of its row
        ('<row r="1048575"><c r="A1048575"><v>1</v></c></row><row><c><v>1</v></c></row>', _FAR),
        ('<row r="1048576"><c><v>1</v></c></row>', _FAR),
        ('<row r="3"><c r="GR3"><v>1</v></c><c><v>1</v></c></row>', "dùng tới cột thứ 201, " + _WIDE),
        ("<row>" + "<c/>" * 300 + "<c><v>1</v></c></row>", "dùng tới cột thứ 301, " + _WIDE),
    ],
)
def test_far_cells_are_refused_however_their_position_is_written(tmp_path: Path, cells: str, expected: str) -> None:
    """The scan alone refuses the sheet: python-calamine is never asked to build it (it would abort)."""
    path = _minimal_xlsx(tmp_path / "far.xlsx", _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + cells))
    with pytest.raises(UnreadableFile) as raised:
        reader._scan_xlsx_sheet(path, "xl/worksheets/sheet1.xml")
    assert expected in raised.value.message


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # an entity in r: calamine refuses the sheet (in English), the user reads why in Vietnamese
        ('<row r="2"><c r="X&#70;2"><v>1</v></c></row>', "Trang “DS” của tệp “odd.xlsx” bị hỏng, không đọc được."),
        ('<row r="2"><c r=" A2"><v>1</v></c><c/></row>', "Tệp “odd.xlsx” có nội dung bất thường, không đọc được."),
    ],
)
def test_an_unreadable_position_is_refused_in_vietnamese(tmp_path: Path, cells: str, expected: str) -> None:
    path = _minimal_xlsx(tmp_path / "odd.xlsx", _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' + cells))
    assert _message(path).startswith(expected)


def test_the_content_decides_the_type_not_the_name(tmp_path: Path) -> None:
    """A real .xlsx renamed .xls or .ods reads; an old-Excel (OLE) file named .xlsx is not sent to the zip reader."""
    good = simple_workbook(tmp_path / "good.xlsx", ["Họ và tên", "Số CCCD"], [["Nguyễn Văn An", "087098012345"]])
    for name in ("ds.xls", "ds.ods", "ds"):
        (tmp_path / name).write_bytes(good.read_bytes())
        assert read_sheet(tmp_path / name).rows == [["Họ và tên", "Số CCCD"], ["Nguyễn Văn An", "087098012345"]]
    (tmp_path / "ole.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    assert _message(tmp_path / "ole.xlsx") == (
        "Tệp “ole.xlsx” bị hỏng hoặc không phải bảng tính. Hãy mở thử bằng Excel, lưu lại rồi nhập lại."
    )


def test_messages_never_show_the_libraries_english(tmp_path: Path) -> None:
    assert _message(tmp_path / "nope.xlsx") == (
        "Không mở được tệp “nope.xlsx”: không tìm thấy tệp (có thể tệp đã bị xóa hoặc chuyển đi)."
    )
    (tmp_path / "dir.xlsx").mkdir()
    assert _message(tmp_path / "dir.xlsx") == "Không đọc được tệp “dir.xlsx”: đây là một thư mục, không phải tệp."
    # a workbook whose sheet part is missing: zipfile's KeyError is not shown
    good = simple_workbook(tmp_path / "good.xlsx", ["Họ và tên"], [["An"]])
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tmp_path / "no-sheet.xlsx", "w") as target:
        for name in source.namelist():
            if "worksheets/" not in name:
                target.writestr(name, source.read(name))
    message = _message(tmp_path / "no-sheet.xlsx")
    assert message.startswith("Tệp “no-sheet.xlsx” bị hỏng") and "archive" not in message and "item" not in message


def test_rows_and_cells_without_positions_read_where_excel_puts_them(tmp_path: Path) -> None:
    xml = _sheet_xml(
        '<row><c t="inlineStr"><is><t>Họ và tên</t></is></c><c t="inlineStr"><is><t>CCCD</t></is></c></row>'
        "<row><c t=\"inlineStr\"><is><t>An</t></is></c><c t='inlineStr'><is><t>087098012345</t></is></c></row>"
    )
    assert read_sheet(_minimal_xlsx(tmp_path / "plain.xlsx", xml)).rows == [
        ["Họ và tên", "CCCD"],
        ["An", "087098012345"],
    ]


def test_a_far_cell_in_single_quotes_does_not_kill_the_program(tmp_path: Path) -> None:
    """The whole way (preview of the file) in a child process: an abort there cannot take pytest with it."""
    xml = _sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>'
        "<row r='1048576'><c r='XFD1048576' t='n'><v>1</v></c></row>"
    )
    path = _minimal_xlsx(tmp_path / "far.xlsx", xml)
    script = (
        "import sys\n"
        "from xkld_desktop.services.excel_import.reader import UnreadableFile, read_sheet\n"
        "try:\n"
        "    read_sheet(sys.argv[1])\n"
        "except UnreadableFile as error:\n"
        "    sys.stdout.buffer.write(error.message.encode())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-500:]
    assert done.stdout.decode() == (
        "Trang tính trong tệp “far.xlsx” dùng tới dòng 1.048.576, vượt giới hạn 100.000 dòng. "
        "Hãy chia danh sách thành nhiều tệp, hoặc xóa các dòng thừa ở cuối trang."
    )


def test_an_ods_with_data_after_a_million_repeated_rows_is_refused_before_parsing(tmp_path: Path) -> None:
    rows = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Họ và tên</text:p>'
        "</table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row>'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
        "</table:table-row>"
    )
    path = ods_workbook(tmp_path / "rows.ods", [])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["content.xml"] = parts["content.xml"].replace(b'table:name="DS">', b'table:name="DS">' + rows.encode())
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert "dùng tới dòng 1.000.002, vượt giới hạn 100.000 dòng" in _message(path)
    # The same with trailing empty repeats only (as LibreOffice saves): read normally.
    plain = ods_workbook(tmp_path / "ok.ods", [["Họ và tên", "CCCD"], ["Nguyễn Văn An", "087098012345"]])
    assert read_sheet(plain).rows == [["Họ và tên", "CCCD"], ["Nguyễn Văn An", "087098012345"]]


def test_a_lying_dimension_is_not_trusted(tmp_path: Path) -> None:
    # The sheet declares A1:XFD1048576 but uses two cells: it reads fine.
    xml = _sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>CCCD</t></is></c></row>',
        "A1:XFD1048576",
    )
    assert read_sheet(_minimal_xlsx(tmp_path / "dim.xlsx", xml)).rows == [["Họ và tên", "CCCD"]]


def test_a_huge_cell_is_cut_and_its_row_is_an_error(database, tmp_path: Path) -> None:
    # Excel itself stops at 32,767 characters a cell; a file made by another program can hold more.
    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    xml = _sheet_xml(
        f'<row r="1">{text("A1", "STT")}{text("B1", "Họ và tên")}{text("C1", "Ghi chú")}</row>'
        f'<row r="2"><c r="A2"><v>1</v></c>{text("B2", "Nguyễn Văn An")}{text("C2", "x" * 100_000)}</row>'
        f'<row r="3"><c r="A3"><v>2</v></c>{text("B3", "Trần Thị Bình")}{text("C3", "ngắn")}</row>'
    )
    path = _minimal_xlsx(tmp_path / "ds.xlsx", xml)
    data = read_sheet(path)
    assert len(data.rows[1][2]) == reader.MAX_CELL_CHARS
    assert [(c.row, c.column, c.length) for c in data.long_cells] == [(1, 2, 100_000)]
    [preview] = preview_files(database.engine, [path])
    assert "Dòng 2: Có ô dài 100.000 ký tự (tối đa 2.000) — hãy kiểm tra lại ô này" in [
        p.text for p in preview.problems
    ]
    result = commit_import(database.engine, [preview])
    assert (result.imported, result.errors) == (1, 1)


def test_formulas_without_results_are_reported(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Năm sinh", "Tuổi"])
    sheet.append(["Nguyễn Văn An", 1998, "=2026-B2"])
    book.save(tmp_path / "f.xlsx")
    data = read_sheet(tmp_path / "f.xlsx")
    assert data.formula_cells == 1
    assert data.rows[1] == ["Nguyễn Văn An", 1998.0]  # the formula's cell reads as empty
    assert "1 ô công thức chưa có kết quả" in data.notes[0]


def test_bad_files_leave_the_database_untouched(database, tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"not a spreadsheet")
    (tmp_path / "b.xlsx").write_bytes(b"")
    previews = preview_files(database.engine, [tmp_path / "a.xlsx", tmp_path / "b.xlsx"])
    assert all(p.error for p in previews)
    result = commit_import(database.engine, previews)
    assert (result.read, result.imported) == (0, 0)
    with database.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Person.__table__)) == 0  # type: ignore[attr-defined]
        assert conn.scalar(sa.select(sa.func.count()).select_from(AuditEvent.__table__)) == 0  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- fuzzing


_GOOD = io.BytesIO()


def _good_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if not _GOOD.getvalue():
        path = tmp_path_factory.mktemp("fuzz") / "good.xlsx"
        _GOOD.write(messy_workbook(path).read_bytes())
    return _GOOD.getvalue()


@settings(
    max_examples=150,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzz_the_reader_with_damaged_workbooks(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    """Flipped, cut and spliced bytes of a real workbook: a SheetData or an UnreadableFile, nothing else."""
    good = bytearray(_good_bytes(tmp_path_factory))
    mode = data.draw(st.sampled_from(["flip", "cut", "splice", "random"]))
    if mode == "flip":
        for _ in range(data.draw(st.integers(1, 20))):
            index = data.draw(st.integers(0, len(good) - 1))
            good[index] = data.draw(st.integers(0, 255))
        content = bytes(good)
    elif mode == "cut":
        content = bytes(good[: data.draw(st.integers(0, len(good)))])
    elif mode == "splice":
        start = data.draw(st.integers(0, len(good)))
        content = bytes(good[:start]) + data.draw(st.binary(max_size=200)) + bytes(good[start:])
    else:
        prefix = data.draw(st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b""]))
        content = prefix + data.draw(st.binary(max_size=2000))
    path = tmp_path_factory.mktemp("case") / "ds.xlsx"
    path.write_bytes(content)
    try:
        sheet = read_sheet(path)
    except UnreadableFile as error:
        assert error.message and error.message[0].isupper()
    else:
        assert isinstance(sheet.rows, list)
        assert all(len(row) <= reader.MAX_COLUMNS for row in sheet.rows)
