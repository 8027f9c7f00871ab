"""Đọc tệp Excel an toàn — read one sheet of an .xlsx/.xls/.ods file into plain Python values.

Nothing in a file is trusted before it is checked:

* the type is sniffed from the first bytes (a zip for .xlsx/.ods, an OLE compound file for .xls
  — or for a password-protected .xlsx, which is an OLE file holding ``EncryptedPackage``);
* a zip's *declared* sizes are checked before anything is decompressed (a zip bomb declares
  gigabytes, or compresses a thousand times), and the sheet's XML is then scanned as a stream
  for the rows and columns its cells really use — never the ``<dimension>`` it declares — so that
  a sheet reaching row 1,000,000 or column XFD is refused before python-calamine builds a grid;
* rows, columns and cell length are capped; a cell longer than :data:`MAX_CELL_CHARS` is cut and
  reported, so the row it is on can be shown as an error;
* formulas without a stored result (a file written by a program that does not compute them) are
  counted, so the preview can say why cells look empty.

python-calamine does the parsing (it reads all three formats, ten times faster than openpyxl)
and returns numbers as floats, dates as :class:`datetime.date`/``datetime``, text as ``str``.
Every failure is an :class:`UnreadableFile` with a Vietnamese message.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...domain.numbers import group_digits
from ..errors import ServiceError

#: the largest file accepted at all (bytes)
MAX_FILE_BYTES = 60 * 1024 * 1024
#: the most a zip may declare once decompressed, all entries together (bytes)
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
#: a zip entry this much larger than its compressed size is a zip bomb (XML compresses 10–30×)
MAX_COMPRESSION_RATIO = 200
#: data rows and columns a sheet may use
MAX_ROWS = 100_000
MAX_COLUMNS = 200
#: characters kept of one cell; longer cells are cut and reported
MAX_CELL_CHARS = 2_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_SCAN_CHUNK = 1 << 20
# Where python-calamine puts a worksheet's <row>/<c> tags (checked against 0.9): at the tag's
# attribute r — in either quote, with whitespace around "=", the tag maybe namespace-prefixed, the
# column letters in either case and of any length, the *last* r when a tag holds two; a cell's r
# places its row too. A tag without r sits one after the previous row (a cell: one after the
# previous cell of its row). Anything else in r (an entity, a space) makes calamine refuse the sheet.
_PREFIX = rb"(?:[^\s<>/:!?=\"']+:)?"
# every r= anywhere in the text that is not the end of a longer name (the fast scan): its row
# number without leading zeros, and its column letters. They start with the letter r, which
# Python's re searches for fast, and give plain bytes (no tuples): the scan's cost is per cell.
_XLSX_REF_ROW = re.compile(rb"r(?<![A-Za-z0-9_.\-]r)\s*=\s*[\"'][A-Za-z]*0*(\d+)[\"']")
_XLSX_REF_COLUMN = re.compile(rb"r(?<![A-Za-z0-9_.\-]r)\s*=\s*[\"']([A-Za-z]+)\d+[\"']")
# a <c> or <row> start tag whose first attribute is not r — unprefixed (a literal start, searched
# fast) and, when the text holds ":c" or ":row" at all, with any prefix
_XLSX_TAGS_WITHOUT_REF = (
    re.compile(rb"<c(?:[/>]|\s++(?!r\s*+=))"),
    re.compile(rb"<row(?:[/>]|\s++(?!r\s*+=))"),
)
_XLSX_PREFIXED_TAG_WITHOUT_REF = re.compile(rb"<[^\s<>/:!?=\"']+:(?:c|row)(?:[/>]|\s++(?!r\s*+=))")
# any <row> or <c> start tag (the slow scan)
_XLSX_TAG = re.compile(rb"<" + _PREFIX + rb"(row|c)(?=[\s/>])")
# the rest of a start tag (attribute values may hold ">") and one attribute, for the slow scan
_XLSX_ATTRIBUTES = re.compile(rb"(?:\s+[^\s=<>/]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*\s*/?>")
_XLSX_ATTRIBUTE = re.compile(rb"([^\s=<>/]+)\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)')")
_XLSX_POSITION = re.compile(rb"([A-Za-z]*)(\d+)")
# a formula whose result was never stored: <f>…</f> then an empty or missing <v>
_XLSX_UNCOMPUTED = re.compile(
    rb"<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)

Cell = Any  # str | float | int | bool | date | datetime | timedelta | None


class UnreadableFile(ServiceError):
    """The file cannot be read as a spreadsheet; ``message`` says why, in Vietnamese."""


@dataclass(frozen=True)
class LongCell:
    """A cell cut to :data:`MAX_CELL_CHARS`: where it is (0-based) and how long it was."""

    row: int
    column: int
    length: int


@dataclass(frozen=True)
class SheetData:
    """One sheet's values as plain Python objects (``rows[r][c]``, 0-based; "" for empty cells).

    ``merged`` lists merged ranges as ``((first_row, first_col), (last_row, last_col))``.
    """

    path: str
    file_name: str
    sheet_name: str
    sheet_names: tuple[str, ...]
    rows: list[list[Cell]]
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    long_cells: tuple[LongCell, ...] = ()
    formula_cells: int = 0  # formulas whose result the file does not hold (they read as empty)
    notes: tuple[str, ...] = field(default=())
    stamp: tuple[int, int] | None = None  # the file's size and modification time when read (:func:`file_stamp`)


def file_stamp(path: str | Path) -> tuple[int, int] | None:
    """The size and modification time (ns) of *path*: a sheet read earlier is still the file's while they hold."""
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


# --------------------------------------------------------------------------- sniffing and checks


def _kind(path: Path, head: bytes) -> str:
    """``"zip"`` (xlsx/ods), ``"ole"`` (xls) — or an :class:`UnreadableFile`."""
    if not head:
        raise UnreadableFile(f"Tệp “{path.name}” trống (0 byte).")
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        raise UnreadableFile(
            f"Tệp “{path.name}” là trang web hoặc XML, không phải bảng tính Excel. "
            "Hãy mở tệp bằng Excel rồi lưu lại dạng .xlsx."
        )
    raise UnreadableFile(f"Tệp “{path.name}” không phải là bảng tính Excel (.xlsx, .xls) hay OpenDocument (.ods).")


def _check_zip(path: Path) -> tuple[str | None, int, bool]:
    """Check a zip's declared sizes; return the first sheet's XML name (xlsx), total size, is_ods."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > 1_000_000 and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                    raise UnreadableFile(
                        f"Tệp “{path.name}” có dấu hiệu bất thường (một phần được nén hơn "
                        f"{MAX_COMPRESSION_RATIO} lần — có thể là “bom nén”). Không đọc tệp này."
                    )
                if info.flag_bits & 0x1:
                    raise UnreadableFile(f"Tệp “{path.name}” được đặt mật khẩu. Hãy bỏ mật khẩu rồi nhập lại.")
            if total > MAX_UNCOMPRESSED_BYTES:
                raise UnreadableFile(
                    f"Tệp “{path.name}” khi giải nén lớn {group_digits(total // 1_048_576)} MB, vượt giới hạn "
                    f"{MAX_UNCOMPRESSED_BYTES // 1_048_576} MB. Hãy chia danh sách thành nhiều tệp nhỏ hơn."
                )
            is_ods = "content.xml" in names and "xl/workbook.xml" not in names
            if not is_ods and "xl/workbook.xml" not in names:
                if "word/document.xml" in names:
                    raise UnreadableFile(f"Tệp “{path.name}” là văn bản Word, không phải bảng tính Excel.")
                raise UnreadableFile(f"Tệp “{path.name}” là tệp nén nhưng không phải bảng tính Excel hay OpenDocument.")
            return None, total, is_ods
    except zipfile.BadZipFile:
        raise UnreadableFile(
            f"Tệp “{path.name}” bị hỏng (không đọc được cấu trúc tệp). Hãy mở thử bằng Excel, lưu lại rồi nhập lại."
        ) from None


def _column_number(letters: bytes) -> int:
    """The 1-based number of column *letters* (either case); anything past four letters is simply huge."""
    if len(letters) > 4:
        return 10**9
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ch - 64)
    return number


def _row_number(digits: bytes) -> int:
    digits = digits.lstrip(b"0")
    return int(digits or b"0") if len(digits) < 10 else 10**9


def _too_big(path: Path, rows: int, cols: int) -> None:
    if rows > MAX_ROWS + 50:  # room for title rows, header and notes
        raise UnreadableFile(
            f"Trang tính trong tệp “{path.name}” dùng tới dòng {group_digits(rows)}, "
            f"vượt giới hạn {group_digits(MAX_ROWS)} dòng. "
            "Hãy chia danh sách thành nhiều tệp, hoặc xóa các dòng thừa ở cuối trang."
        )
    if cols > MAX_COLUMNS:
        raise UnreadableFile(
            f"Trang tính trong tệp “{path.name}” dùng tới cột thứ {group_digits(cols)}, "
            f"vượt giới hạn {MAX_COLUMNS} cột. "
            "Hãy xóa các cột thừa bên phải bảng rồi nhập lại."
        )


@dataclass
class _Reach:
    """How far a worksheet's cells go, and where the scan stands (rows and columns 1-based)."""

    rows: int = 0
    columns: int = 0
    row: int = 0  # the row of the last <row> seen — at least that after a fast chunk
    column: int = 0  # the column of the last <c> of that row — likewise


def _scan_xlsx_sheet(path: Path, member: str) -> int:
    """Stream a worksheet's XML: refuse it when its cells reach too far; count formulas without a result.

    Most chunks are read fast: when every <row> and <c> tag in the chunk starts with a plain r
    attribute, the largest row and column of every r= in the text is the sheet's reach (a
    cell's text that looks like r="…" only makes the sheet look bigger, never smaller). A chunk
    with a tag without r (allowed: it follows the one before it), or with r further into the
    tag, is walked tag by tag as calamine does (:func:`_walk_tags`) — slower, but only for
    files written that way.
    """
    reach = _Reach()
    formulas = 0
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")
            if cut <= 0:
                cut = len(data)
            body, tail = data[:cut], data[cut:]
            if len(tail) > 1 << 16:  # a single tag this long is no spreadsheet
                raise UnreadableFile(f"Tệp “{path.name}” có nội dung bất thường, không đọc được.")
            if _every_tag_has_ref(body):
                numbers = set(_XLSX_REF_ROW.findall(body))  # a set first: a row's number repeats per cell
                if numbers:
                    reach.rows = max(reach.rows, _row_number(max(numbers, key=lambda d: (len(d), d))))
                letters = {column.upper() for column in set(_XLSX_REF_COLUMN.findall(body))}
                if letters:
                    reach.columns = max(reach.columns, _column_number(max(letters, key=lambda c: (len(c), c))))
                reach.row, reach.column = reach.rows, reach.columns
            else:
                _walk_tags(path, body, reach)
            formulas += len(_XLSX_UNCOMPUTED.findall(body))
            _too_big(path, reach.rows, reach.columns)
    return formulas


def _every_tag_has_ref(body: bytes) -> bool:
    """Whether every <row> and <c> start tag in *body* begins with an r attribute.

    Its value need not be checked here: calamine refuses any r but column letters and a row
    number, and :data:`_XLSX_REF_ROW` finds every one of those.
    """
    if any(pattern.search(body) for pattern in _XLSX_TAGS_WITHOUT_REF):
        return False
    return not ((b":c" in body or b":row" in body) and _XLSX_PREFIXED_TAG_WITHOUT_REF.search(body))


def _walk_tags(path: Path, body: bytes, reach: _Reach) -> None:
    """Follow calamine tag by tag through *body*: a tag without r goes one after the previous one."""
    row, column, max_row, max_column = reach.row, reach.column, reach.rows, reach.columns
    for tag in _XLSX_TAG.finditer(body):
        attributes = _XLSX_ATTRIBUTES.match(body, tag.end())
        if attributes is None:  # a "<" inside a value, an attribute without a value: not XML calamine reads
            raise UnreadableFile(f"Tệp “{path.name}” có nội dung bất thường, không đọc được.")
        rows, columns = _positions(path, attributes.group(0)) if b"r" in attributes.group(0) else ((), ())
        if tag.group(1) == b"row":
            row = max(rows) if rows else row + 1
            column = 0
        else:
            column = max(columns) if columns else column + 1
            max_row = max(max_row, *rows) if rows else max_row
        max_row = max(max_row, row)
        max_column = max(max_column, column)
    reach.row, reach.column, reach.rows, reach.columns = row, column, max_row, max_column


def _positions(path: Path, attributes: bytes) -> tuple[list[int], list[int]]:
    """The rows and columns a tag's r attributes name (calamine reads the last; the largest is safe)."""
    rows: list[int] = []
    columns: list[int] = []
    for attribute in _XLSX_ATTRIBUTE.finditer(attributes):
        name = attribute.group(1)
        if name != b"r" and not name.endswith(b":r"):
            continue
        value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
        position = _XLSX_POSITION.fullmatch(value)
        if position is None:
            if name == b"r":  # calamine refuses the sheet too; say it in Vietnamese
                raise UnreadableFile(f"Tệp “{path.name}” có nội dung bất thường, không đọc được.")
            continue
        letters, digits = position.groups()
        rows.append(_row_number(digits))
        if letters:
            columns.append(_column_number(letters))
    return rows, columns


def _scan_ods(path: Path) -> None:
    """Walk content.xml (safely, as a stream): refuse data beyond the row/column caps.

    ODS repeats rows and cells by count ("number-rows-repeated"); empty repeats to the sheet's
    end are normal, but a value after a million repeated rows would make a huge grid.
    """
    from defusedxml.ElementTree import iterparse

    table_ns = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    office_ns = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    row = 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                if element.tag == table_ns + "table":
                    row = 0
                continue
            if element.tag != table_ns + "table-row":
                continue
            repeat = int(element.get(table_ns + "number-rows-repeated", "1"))
            column = 0
            has_data = False
            for cell in element:
                span = int(cell.get(table_ns + "number-columns-repeated", "1"))
                if cell.get(office_ns + "value-type") or len(cell):
                    has_data = True
                    _too_big(path, 0, column + span)
                column += span
            if has_data:
                _too_big(path, row + repeat, 0)
            row += repeat
            element.clear()


def _xlsx_sheet_members(path: Path) -> list[str]:
    """Worksheet XML members in workbook order (via the workbook's relationships)."""
    from defusedxml import ElementTree

    with zipfile.ZipFile(path) as archive:
        try:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        except Exception:  # defusedxml refuses entities: a hostile or broken file
            raise UnreadableFile(f"Tệp “{path.name}” bị hỏng hoặc có nội dung không an toàn.") from None
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
        members: list[str] = []
        for sheet in workbook.iter():
            if not sheet.tag.endswith("}sheet"):
                continue
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rid, "")
            if not target:
                continue
            target = target.lstrip("/")
            members.append(target if target.startswith("xl/") else "xl/" + target)
        return members


# --------------------------------------------------------------------------- reading


def _open(path: Path) -> tuple[Any, str]:
    import python_calamine

    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableFile(f"Không mở được tệp “{path.name}”: {_os_reason(error)}.") from None
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"Tệp “{path.name}” lớn {size // 1_048_576} MB, vượt giới hạn {MAX_FILE_BYTES // 1_048_576} MB."
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            kind = _kind(path, head)
            if kind == "ole":
                handle.seek(0)
                if _ENCRYPTED_MARK in handle.read(min(size, 4 << 20)):
                    raise UnreadableFile(f"Tệp “{path.name}” được đặt mật khẩu. Hãy bỏ mật khẩu rồi nhập lại.")
    except OSError as error:
        raise UnreadableFile(f"Không đọc được tệp “{path.name}”: {_os_reason(error)}.") from None
    if kind == "zip":
        _, _, is_ods = _guarded(path, _check_zip, path)
        kind = "ods" if is_ods else "xlsx"
        if is_ods:
            _guarded(path, _scan_ods, path)
    # Opened by what the bytes are, not by the name: from_path goes by the extension, so a real
    # .xlsx saved as "ds.xls" (common: renamed by hand, or by a web form) would be read as an old
    # Excel file and refused, and an .xls named ".xlsx" would skip the checks above.
    try:
        with path.open("rb") as handle:
            workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
    except OSError as error:
        raise UnreadableFile(f"Không đọc được tệp “{path.name}”: {_os_reason(error)}.") from None
    except python_calamine.PasswordError:
        raise UnreadableFile(f"Tệp “{path.name}” được đặt mật khẩu. Hãy bỏ mật khẩu rồi nhập lại.") from None
    except Exception:  # the library's own words are English internals: not for the user
        raise UnreadableFile(
            f"Tệp “{path.name}” bị hỏng hoặc không phải bảng tính. Hãy mở thử bằng Excel, lưu lại rồi nhập lại."
        ) from None
    return workbook, kind


def _guarded(path: Path, function: Callable[..., Any], *args: Any) -> Any:
    """Run a check on the raw file; any failure of a damaged file becomes an :class:`UnreadableFile`."""
    try:
        return function(*args)
    except UnreadableFile:
        raise
    except MemoryError:
        raise UnreadableFile(f"Tệp “{path.name}” quá lớn để đọc.") from None
    except Exception:  # the library's own words are English internals: not for the user
        raise UnreadableFile(
            f"Tệp “{path.name}” bị hỏng (không đọc được cấu trúc bên trong). "
            "Hãy mở thử bằng Excel, lưu lại rồi nhập lại."
        ) from None


def _os_reason(error: OSError) -> str:
    """Why the system could not open or read a file, in Vietnamese (its own text is English)."""
    if isinstance(error, FileNotFoundError):
        return "không tìm thấy tệp (có thể tệp đã bị xóa hoặc chuyển đi)"
    if isinstance(error, IsADirectoryError):
        return "đây là một thư mục, không phải tệp"
    if isinstance(error, PermissionError):
        return "không có quyền đọc tệp (tệp có thể đang được mở trong chương trình khác)"
    return "lỗi của hệ thống khi đọc tệp"


def list_sheets(path: str | Path) -> list[str]:
    """The names of the visible worksheets of a file, in workbook order."""
    path = Path(path)
    workbook, _kind_name = _open(path)
    try:
        return _visible_sheets(workbook)
    finally:
        workbook.close()


def _visible_sheets(workbook: Any) -> list[str]:
    names: list[str] = []
    for meta in workbook.sheets_metadata:
        if "WorkSheet" in str(meta.typ) and "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible):
            names.append(meta.name)
    return names or list(workbook.sheet_names)


def read_sheet(path: str | Path, *, sheet: str | None = None, cancelled: Callable[[], bool] | None = None) -> SheetData:
    """Read one sheet (by name; default the first visible one) of *path* safely. See the module doc."""
    import python_calamine

    path = Path(path)
    stamp = file_stamp(path)  # before reading: a file changed while it is read is not taken for this read
    workbook, kind = _open(path)
    try:
        names = _visible_sheets(workbook)
        all_names = list(workbook.sheet_names)
        if not all_names:
            raise UnreadableFile(f"Tệp “{path.name}” không có trang tính nào.")
        name = sheet if sheet is not None else names[0]
        if name not in all_names:
            raise UnreadableFile(
                f"Tệp “{path.name}” không có trang tính “{name}”. Các trang có: " + ", ".join(names) + "."
            )
        formulas = 0
        if kind == "xlsx":
            members = _guarded(path, _xlsx_sheet_members, path)
            index = all_names.index(name)
            if index < len(members):
                formulas = _guarded(path, _scan_xlsx_sheet, path, members[index])
        if cancelled is not None and cancelled():
            raise UnreadableFile("Đã hủy.")
        try:
            data = workbook.get_sheet_by_name(name)
            _too_big(path, data.height, data.width)
            raw = data.to_python(skip_empty_area=False)
            merged = tuple(data.merged_cell_ranges or ())
        except UnreadableFile:
            raise
        except python_calamine.PasswordError:
            raise UnreadableFile(f"Tệp “{path.name}” được đặt mật khẩu. Hãy bỏ mật khẩu rồi nhập lại.") from None
        except Exception as error:  # its words (English internals) are never shown
            if "limit" in str(error).lower():
                raise UnreadableFile(
                    f"Trang “{name}” của tệp “{path.name}” quá lớn (vượt giới hạn {group_digits(MAX_ROWS)} dòng, "
                    f"{MAX_COLUMNS} cột). Hãy xóa các dòng, cột thừa hoặc chia thành nhiều tệp."
                ) from None
            raise UnreadableFile(
                f"Trang “{name}” của tệp “{path.name}” bị hỏng, không đọc được. "
                "Hãy mở thử bằng Excel, lưu lại rồi nhập lại."
            ) from None
    finally:
        workbook.close()

    rows, long_cells = _clean_rows(raw)
    if not any(any(cell != "" and cell is not None for cell in row) for row in rows):
        raise UnreadableFile(f"Trang “{name}” của tệp “{path.name}” không có dữ liệu.")
    notes: list[str] = []
    if formulas:
        notes.append(
            f"Trang có {formulas} ô công thức chưa có kết quả tính sẵn (các ô này trống khi nhập). "
            "Hãy mở tệp bằng Excel, lưu lại rồi nhập lại."
        )
    return SheetData(
        path=str(path),
        file_name=path.name,
        sheet_name=name,
        sheet_names=tuple(names),
        rows=rows,
        merged=merged,
        long_cells=tuple(long_cells),
        formula_cells=formulas,
        notes=tuple(notes),
        stamp=stamp,
    )


def _clean_rows(raw: list[list[Cell]]) -> tuple[list[list[Cell]], list[LongCell]]:
    long_cells: list[LongCell] = []
    rows: list[list[Cell]] = []
    for r, row in enumerate(raw):
        values = list(row)
        for c, value in enumerate(values):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                long_cells.append(LongCell(r, c, len(value)))
                values[c] = value[:MAX_CELL_CHARS]
        while values and (values[-1] == "" or values[-1] is None):
            values.pop()
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    return rows, long_cells
