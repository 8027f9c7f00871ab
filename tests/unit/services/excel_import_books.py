"""Workbooks like the ones communes really keep, made by the import tests (openpyxl, and a tiny ODS writer)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl

MESSY_HEADERS = [
    "STT",
    "Ho ten",  # no diacritics
    "Ngày, tháng, năm sinh",  # merged over "Nam" | "Nữ"
    None,
    "Số CCCD/CMND",
    "SĐT",
    "Ấp",
    "Nước đến",
    "Ngày XC",
    "Doanh nghiệp đưa đi",
]

#: data rows of the messy sheet, as typed (numbers where Excel dropped zeros, text dates…)
MESSY_ROWS: list[list[Any]] = [
    [1, "Nguyễn Văn An", date(1998, 3, 5), None, 87098012345, 912345678, "Ấp 1", "Nhật", "05/03/2024", "Công ty ABC"],
    [2, "Trần Thị Bình", None, "5-3-1999", "087199012346", "0987654321", "Ấp 2", "Hàn Quốc", date(2024, 6, 1), None],
    [3, "Lê Văn Cường", "1997", None, None, None, "Ấp 3", "ĐL", None, None],
    [4, "Phạm Thị Dung", None, "31/02/1990", None, None, "Ấp 1", "TQ", None, None],
    [5, "Võ Thị Em", None, "05.03.01", None, "0901.234.567", "Ấp 2", "Japan", "1/8/2025", "Công ty ABC"],
]


def messy_workbook(path: Path, rows: list[list[Any]] | None = None, *, title: str = "UBND XÃ TÂN HỘ CƠ") -> Path:
    """Two title rows and a blank line, a two-row merged header, the rows, a totals row, notes below."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "DS"
    sheet["A1"] = title
    sheet["A2"] = "DANH SÁCH LAO ĐỘNG ĐI LÀM VIỆC Ở NƯỚC NGOÀI NĂM 2024"
    sheet.merge_cells("A2:J2")
    for column, text in enumerate(MESSY_HEADERS, 1):
        if text:
            sheet.cell(4, column, text)
    sheet.merge_cells("C4:D4")
    sheet.cell(5, 3, "Nam")
    sheet.cell(5, 4, "Nữ")
    for letter in "ABEFGHIJ":
        sheet.merge_cells(f"{letter}4:{letter}5")
    rows = MESSY_ROWS if rows is None else rows
    for r, row in enumerate(rows, 6):
        for c, value in enumerate(row, 1):
            if value is not None:
                sheet.cell(r, c, value)
    end = 6 + len(rows)
    sheet.cell(end, 1, "Tổng cộng")
    sheet.cell(end, 2, f"{len(rows)} người")
    sheet.cell(end + 3, 2, "Người lập biểu")
    sheet.cell(end + 6, 2, "Nguyễn Thị Lập")
    book.save(path)
    return path


def simple_workbook(path: Path, header: list[str], rows: list[list[Any]], *, sheet_name: str = "Sheet1") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def ods_workbook(path: Path, rows: list[list[Any]], *, sheet_name: str = "DS") -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice saves), written by hand."""

    def cell(value: Any) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
            )
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet_name}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path
