"""Ghi tệp .xlsx dạng luồng — a small streaming .xlsx writer, in constant memory.

Written for the lists of :mod:`.excel_export` (100,000 rows and more), where xlsxwriter spends most
of its time in per-cell Python bookkeeping. This writer builds each row's XML with string
formatting, deflates it at once into a temporary file per sheet (so several sheets can be written
row by row side by side), and assembles the zip container itself at :meth:`StreamingWorkbook.close`
— memory stays flat whatever the number of rows.

What it writes: several sheets; rows in increasing order; text as inline strings (never a formula,
whatever it begins with — a text that Excel *would* read as a formula if typed in also gets the
style's ``quotePrefix`` twin, so Excel keeps it text when the cell is edited); numbers; dates and
datetimes as serial numbers (give them a style with a date ``num_format``); blank cells that carry a
style (borders); shared cell styles (font, bold/italic, size, thin borders, alignment, wrap, fill,
number format); column widths; row heights; merged ranges; frozen header rows; landscape / paper /
fit-to-width page set-up; rows repeated on every printed page.

What it does not: formulas, shared strings, rich text, images, zip64 (a sheet's XML above 4 GiB —
far beyond Excel's 1,048,576 rows of a list).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import tempfile
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

__all__ = ["FORMULA_STARTS", "MAX_ROWS", "SheetStream", "StreamingWorkbook", "Style", "column_letter"]

#: Excel's row limit per sheet
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
#: a text beginning with one of these would be read as a formula (or a DDE payload) if typed in
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: deflate level: 1 writes about four times faster than the default 6 for a file ~25 % larger
COMPRESS_LEVEL = 1
_FLUSH_ROWS = 400
_EPOCH = date(1899, 12, 30).toordinal()
_LIMIT32 = 0xFFFFFFFF

# characters that need escaping in XML text, characters XML 1.0 forbids, and Excel's own _xHHHH_ escape
_NEEDS_WORK = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_BUILTIN_FORMATS = {
    "General": 0,
    "0": 1,
    "0.00": 2,
    "#,##0": 3,
    "#,##0.00": 4,
    "0%": 9,
    "0.00%": 10,
    "@": 49,
}


def column_letter(index: int) -> str:
    """The letters of the 0-based column *index*: 0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_EDGE = (" ", "\t", "\n", "\r")


def _escape(text: str) -> str:
    """*text* made safe for XML character data (the common case returns it untouched)."""
    if _NEEDS_WORK.search(text) is None:
        return text
    text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    text = _ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _ILLEGAL.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _inline(text: str) -> str:
    """The ``<is>`` element of an inline string cell (``xml:space`` kept for edge spaces)."""
    body = _escape(text)
    if body[:1] in _EDGE or body[-1:] in _EDGE:
        return f'<is><t xml:space="preserve">{body}</t></is>'
    return f"<is><t>{body}</t></is>"


@dataclass(frozen=True)
class Style:
    """A cell style. ``border`` draws thin lines on all four sides; colours are ``"RRGGBB"``."""

    font_name: str = "Calibri"
    font_size: float = 11
    bold: bool = False
    italic: bool = False
    border: bool = False
    horizontal: str | None = None  # left | center | right
    vertical: str | None = None  # top | center | bottom
    wrap: bool = False
    fill: str | None = None
    num_format: str | None = None
    quote_prefix: bool = False


_DEFAULT_STYLE = Style()


class _Styles:
    """The workbook's cell styles (``cellXfs``); index 0 is the default style."""

    def __init__(self) -> None:
        self.xfs: list[Style] = [_DEFAULT_STYLE]
        self.index: dict[Style, int] = {_DEFAULT_STYLE: 0}
        self.quoted: dict[int, int] = {}

    def add(self, style: Style) -> int:
        found = self.index.get(style)
        if found is None:
            found = self.index[style] = len(self.xfs)
            self.xfs.append(style)
        return found

    def quoted_twin(self, xf: int) -> int:
        twin = self.quoted.get(xf)
        if twin is None:
            twin = self.quoted[xf] = self.add(replace(self.xfs[xf], quote_prefix=True))
        return twin

    def xml(self) -> str:
        fonts: dict[tuple[Any, ...], int] = {}
        fills: dict[str, int] = {}
        formats: dict[str, int] = {}
        xf_parts: list[str] = []
        for style in self.xfs:
            font_key = (style.font_name, style.font_size, style.bold, style.italic)
            font_id = fonts.setdefault(font_key, len(fonts))
            fill_id = 0 if style.fill is None else fills.setdefault(style.fill.upper(), len(fills) + 2)
            if style.num_format is None:
                fmt_id = 0
            elif style.num_format in _BUILTIN_FORMATS:
                fmt_id = _BUILTIN_FORMATS[style.num_format]
            else:
                fmt_id = formats.setdefault(style.num_format, 164 + len(formats))
            align = ""
            if style.horizontal or style.vertical or style.wrap:
                align = (
                    "<alignment"
                    + (f' horizontal="{style.horizontal}"' if style.horizontal else "")
                    + (f' vertical="{style.vertical}"' if style.vertical else "")
                    + (' wrapText="1"' if style.wrap else "")
                    + "/>"
                )
            flags = (
                (' applyNumberFormat="1"' if fmt_id else "")
                + (' applyFont="1"' if font_id else "")
                + (' applyFill="1"' if fill_id else "")
                + (' applyBorder="1"' if style.border else "")
                + (' applyAlignment="1"' if align else "")
                + (' quotePrefix="1"' if style.quote_prefix else "")
            )
            head = (
                f'<xf numFmtId="{fmt_id}" fontId="{font_id}" fillId="{fill_id}" '
                f'borderId="{1 if style.border else 0}" xfId="0"{flags}'
            )
            xf_parts.append(f"{head}>{align}</xf>" if align else f"{head}/>")
        font_xml = "".join(
            "<font>"
            + ("<b/>" if bold else "")
            + ("<i/>" if italic else "")
            + f'<sz val="{size:g}"/><name val="{_attr(name)}"/><family val="2"/></font>'
            for (name, size, bold, italic) in fonts
        )
        fill_xml = '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
        fill_xml += "".join(
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{colour}"/><bgColor indexed="64"/>'
            "</patternFill></fill>"
            for colour in fills
        )
        thin = '<left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>'
        thin += '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/>'
        num_xml = ""
        if formats:
            num_xml = f'<numFmts count="{len(formats)}">' + "".join(
                f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>' for code, i in formats.items()
            )
            num_xml += "</numFmts>"
        return (
            f'{_XML_HEAD}<styleSheet xmlns="{_NS_MAIN}">{num_xml}'
            f'<fonts count="{len(fonts)}">{font_xml}</fonts>'
            f'<fills count="{len(fills) + 2}">{fill_xml}</fills>'
            f'<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>{thin}</border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xf_parts)}">{"".join(xf_parts)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
        )


class _Deflated:
    """A zip entry's body deflated into a temporary file as it is written (crc and sizes kept)."""

    def __init__(self, directory: Path, level: int) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix=".~xlsx-", dir=directory)  # noqa: SIM115 (closed by the book)
        self.zip = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.crc = 0
        self.size = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self.file.write(self.zip.compress(data))

    def finish(self) -> None:
        self.file.write(self.zip.flush())
        if self.size > _LIMIT32 or self.file.tell() > _LIMIT32:
            raise ValueError("Trang tính quá lớn để ghi (vượt 4 GiB).")
        self.file.seek(0)


class SheetStream:
    """One sheet, written row by row in increasing row order (0-based rows and columns)."""

    def __init__(
        self,
        book: StreamingWorkbook,
        name: str,
        *,
        widths: Sequence[float | None] = (),
        freeze_rows: int = 0,
        landscape: bool = False,
        paper: int | None = None,
        fit_width: bool = False,
        repeat_rows: tuple[int, int] | None = None,
    ) -> None:
        self.book = book
        self.name = name
        self.repeat_rows = repeat_rows
        self._landscape = landscape
        self._paper = paper
        self._fit_width = fit_width
        self._body = _Deflated(book.directory, book.level)
        self._rows: list[str] = []
        self._next = 0
        self._merges: list[str] = []
        self._letters: list[str] = [column_letter(i) for i in range(64)]
        self._quoted = book._styles.quoted_twin
        head = [f'{_XML_HEAD}<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">']
        if fit_width:
            head.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
        selected = ' tabSelected="1"' if not book._sheets else ""
        if freeze_rows:
            top = f"A{freeze_rows + 1}"
            head.append(
                f'<sheetViews><sheetView{selected} workbookViewId="0"><pane ySplit="{freeze_rows}" '
                f'topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
                f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/></sheetView></sheetViews>'
            )
        else:
            head.append(f'<sheetViews><sheetView{selected} workbookViewId="0"/></sheetViews>')
        head.append('<sheetFormatPr defaultRowHeight="15"/>')
        cols = [
            f'<col min="{i + 1}" max="{i + 1}" width="{_excel_width(w)}" customWidth="1"/>'
            for i, w in enumerate(widths)
            if w is not None
        ]
        if cols:
            head.append(f"<cols>{''.join(cols)}</cols>")
        head.append("<sheetData>")
        self._body.write("".join(head))

    def _letter(self, col: int) -> str:
        while col >= len(self._letters):
            if len(self._letters) >= MAX_COLUMNS:
                raise ValueError("Quá số cột tối đa của Excel (16.384).")
            self._letters.append(column_letter(len(self._letters)))
        return self._letters[col]

    def write_row(
        self,
        row: int,
        values: Sequence[Any],
        styles: Sequence[int] | int = 0,
        *,
        first_col: int = 0,
        height: float | None = None,
    ) -> None:
        """Write *values* on *row* from *first_col*; *styles* is one style for all or one per value.

        ``None`` (and ``""``) is a blank cell, written only when it has a style (borders); ``str`` is
        inline text; ``bool`` is TRUE/FALSE; ``int``/``float`` a number; ``date``/``datetime`` a
        serial number.
        """
        if row < self._next:
            raise ValueError(f"rows must be written in order: row {row} after {self._next - 1}")
        if row >= MAX_ROWS:
            raise ValueError("Quá số dòng tối đa của Excel (1.048.576 dòng một trang tính).")
        self._next = row + 1
        number = str(row + 1)
        head = f'<row r="{number}">' if height is None else f'<row r="{number}" ht="{height:g}" customHeight="1">'
        parts = [head]
        letters = self._letters
        if first_col + len(values) > len(letters):
            self._letter(first_col + len(values) - 1)
        single = isinstance(styles, int)
        quoted = self._quoted
        # one scan of the row's texts for anything XML needs escaped (rare): then the careful path per cell
        dirty = _NEEDS_WORK.search("|".join([v for v in values if v.__class__ is str])) is not None
        for i, value in enumerate(values):
            xf: int = styles if single else styles[i]  # type: ignore[assignment,index]
            ref = letters[first_col + i] + number
            kind = type(value)
            if kind is str:
                if not value:
                    if xf:
                        parts.append(f'<c r="{ref}" s="{xf}"/>')
                    continue
                if value.startswith(FORMULA_STARTS):
                    xf = quoted(xf)
                if dirty or value[0] in _EDGE or value[-1] in _EDGE:
                    parts.append(f'<c r="{ref}" s="{xf}" t="inlineStr">{_inline(value)}</c>')
                else:
                    parts.append(f'<c r="{ref}" s="{xf}" t="inlineStr"><is><t>{value}</t></is></c>')
            elif value is None:
                if xf:
                    parts.append(f'<c r="{ref}" s="{xf}"/>')
            elif kind is int:
                parts.append(f'<c r="{ref}" s="{xf}"><v>{value}</v></c>')
            elif kind is date:
                parts.append(f'<c r="{ref}" s="{xf}"><v>{value.toordinal() - _EPOCH}</v></c>')
            else:
                parts.append(self._other(ref, xf, value))
        parts.append("</row>")
        self._rows.append("".join(parts))
        if len(self._rows) >= _FLUSH_ROWS:
            self.flush()

    def _other(self, ref: str, xf: int, value: Any) -> str:
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{xf}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, datetime):
            seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
            return f'<c r="{ref}" s="{xf}"><v>{value.toordinal() - _EPOCH + seconds / 86400!r}</v></c>'
        if isinstance(value, date):
            return f'<c r="{ref}" s="{xf}"><v>{value.toordinal() - _EPOCH}</v></c>'
        if isinstance(value, int):
            return f'<c r="{ref}" s="{xf}"><v>{int(value)}</v></c>'
        if isinstance(value, float) and value == value and abs(value) != float("inf"):
            return f'<c r="{ref}" s="{xf}"><v>{value!r}</v></c>'
        text = str(value)
        if text.startswith(FORMULA_STARTS):
            xf = self._quoted(xf)
        return f'<c r="{ref}" s="{xf}" t="inlineStr">{_inline(text)}</c>'

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Merge a range (its first cell holds the value; write the others blank to draw borders)."""
        self._merges.append(
            f'<mergeCell ref="{self._letter(first_col)}{first_row + 1}:{self._letter(last_col)}{last_row + 1}"/>'
        )

    def flush(self) -> None:
        if self._rows:
            self._body.write("".join(self._rows))
            self._rows.clear()

    def finish(self) -> _Deflated:
        self.flush()
        tail = ["</sheetData>"]
        if self._merges:
            tail.append(f'<mergeCells count="{len(self._merges)}">{"".join(self._merges)}</mergeCells>')
        tail.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
        setup = ""
        if self._paper is not None:
            setup += f' paperSize="{self._paper}"'
        if self._landscape:
            setup += ' orientation="landscape"'
        if self._fit_width:
            setup += ' fitToWidth="1" fitToHeight="0"'
        if setup:
            tail.append(f"<pageSetup{setup}/>")
        tail.append("</worksheet>")
        self._body.write("".join(tail))
        self._body.finish()
        return self._body

    def close_temp(self) -> None:
        self._body.file.close()


def _excel_width(width: float) -> str:
    """A width in characters as Excel stores it (xlsxwriter's rule: padding of 5 pixels, 7-pixel digits)."""
    if width <= 0:
        return "0"
    pixels = int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)
    return f"{int(pixels / 7 * 256) / 256:g}"


class StreamingWorkbook:
    """An .xlsx written in constant memory: add styles and sheets, write rows, :meth:`close`.

    Use as a context manager: leaving it by an exception calls :meth:`abort` (the temporary
    sheet files are removed and *path* is not written).
    """

    def __init__(self, path: str | os.PathLike[str], *, level: int = COMPRESS_LEVEL) -> None:
        self.path = Path(path)
        self.directory = self.path.parent
        self.level = level
        self._styles = _Styles()
        self._sheets: list[SheetStream] = []
        self._closed = False

    def __enter__(self) -> StreamingWorkbook:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def style(self, **fields: Any) -> int:
        """The index of a cell style (see :class:`Style` for the fields); the same fields, the same index."""
        return self._styles.add(Style(**fields))

    def add_sheet(self, name: str, **options: Any) -> SheetStream:
        """A new sheet (options: see :class:`SheetStream`)."""
        if not name or len(name) > 31 or any(ch in name for ch in "[]:*?/\\"):
            raise ValueError(f"invalid sheet name: {name!r}")
        sheet = SheetStream(self, name, **options)
        self._sheets.append(sheet)
        return sheet

    def abort(self) -> None:
        """Forget everything written; *path* is left untouched."""
        self._closed = True
        for sheet in self._sheets:
            sheet.close_temp()

    def close(self) -> None:
        """Finish every sheet and write the .xlsx file at *path*."""
        if self._closed:
            return
        self._closed = True
        try:
            bodies = [sheet.finish() for sheet in self._sheets]
            with open(self.path, "wb") as out:
                zipper = _Zip(out, self.level)
                zipper.add("[Content_Types].xml", self._content_types())
                zipper.add("_rels/.rels", self._root_rels())
                zipper.add("docProps/core.xml", self._core())
                zipper.add("xl/workbook.xml", self._workbook())
                zipper.add("xl/_rels/workbook.xml.rels", self._workbook_rels())
                zipper.add("xl/styles.xml", self._styles.xml())
                for i, body in enumerate(bodies, 1):
                    zipper.add_deflated(f"xl/worksheets/sheet{i}.xml", body)
                zipper.finish()
        finally:
            for sheet in self._sheets:
                sheet.close_temp()

    # ----------------------------------------------------------------- package parts

    def _content_types(self) -> str:
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(self._sheets) + 1)
        )
        return (
            f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{sheets}"
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            "</Types>"
        )

    def _root_rels(self) -> str:
        return (
            f'{_XML_HEAD}<Relationships xmlns="{_NS_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_NS_REL}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/></Relationships>'
        )

    def _core(self) -> str:
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        return (
            f"{_XML_HEAD}<cp:coreProperties "
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:creator>XKLĐ Desktop</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
            "</cp:coreProperties>"
        )

    def _workbook(self) -> str:
        sheets = "".join(
            f'<sheet name="{_attr(s.name)}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(self._sheets, 1)
        )
        names = ""
        for i, s in enumerate(self._sheets):
            if s.repeat_rows is not None:
                quoted = _attr("'" + s.name.replace("'", "''") + "'")
                first, last = s.repeat_rows
                names += (
                    f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                    f"{quoted}!${first + 1}:${last + 1}</definedName>"
                )
        if names:
            names = f"<definedNames>{names}</definedNames>"
        return (
            f'{_XML_HEAD}<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}"><workbookPr/>'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>{names}'
            '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
        )

    def _workbook_rels(self) -> str:
        sheets = "".join(
            f'<Relationship Id="rId{i}" Type="{_NS_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(self._sheets) + 1)
        )
        n = len(self._sheets) + 1
        return (
            f'{_XML_HEAD}<Relationships xmlns="{_NS_PKG_REL}">{sheets}'
            f'<Relationship Id="rId{n}" Type="{_NS_REL}/styles" Target="styles.xml"/></Relationships>'
        )


class _Zip:
    """The zip container written by hand: small entries deflated whole, sheet bodies copied deflated."""

    def __init__(self, out: IO[bytes], level: int) -> None:
        self.out = out
        self.level = level
        self.entries: list[tuple[bytes, int, int, int, int]] = []  # name, crc, csize, usize, offset
        t = time.localtime()
        self.dos_time = (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2)
        self.dos_date = ((max(t.tm_year, 1980) - 1980) << 9) | (t.tm_mon << 5) | t.tm_mday

    def _header(self, name: bytes, crc: int, csize: int, usize: int) -> None:
        self.entries.append((name, crc, csize, usize, self.out.tell()))
        self.out.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, self.dos_time, self.dos_date, crc, csize, usize, len(name), 0
            )
        )
        self.out.write(name)

    def add(self, name: str, text: str) -> None:
        data = text.encode("utf-8")
        packer = zlib.compressobj(self.level, zlib.DEFLATED, -15)
        body = packer.compress(data) + packer.flush()
        self._header(name.encode("ascii"), zlib.crc32(data), len(body), len(data))
        self.out.write(body)

    def add_deflated(self, name: str, body: _Deflated) -> None:
        body.file.seek(0, os.SEEK_END)
        csize = body.file.tell()
        body.file.seek(0)
        self._header(name.encode("ascii"), body.crc, csize, body.size)
        shutil.copyfileobj(body.file, self.out, 1 << 20)

    def finish(self) -> None:
        start = self.out.tell()
        for name, crc, csize, usize, offset in self.entries:
            self.out.write(
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    20,
                    20,
                    0,
                    8,
                    self.dos_time,
                    self.dos_date,
                    crc,
                    csize,
                    usize,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0,  # external attributes (made on "MS-DOS": none)
                    offset,
                )
            )
            self.out.write(name)
        size = self.out.tell() - start
        count = len(self.entries)
        self.out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, start, 0))
