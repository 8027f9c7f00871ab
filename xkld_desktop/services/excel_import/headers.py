"""Tìm dòng tiêu đề và ghép cột — find the header row and map header words to fields.

Real sheets put one to ten title rows above the table ("UBND XÃ …", "DANH SÁCH …", blank lines),
write header words in many ways ("Họ và tên", "HỌ TÊN", "Ho ten"; "Số CCCD/CMND"), and span a
header over two rows with merged cells ("Ngày sinh" over "Nam" / "Nữ": the date sits in the
column of the person's gender). :func:`detect_header` scores the first rows by how many cells
name a known field, reads a second header row under the best one, and returns a
:class:`HeaderMatch`. Words are compared folded (no marks, lower case, punctuation as spaces).

The user can correct the mapping; :func:`remember_mapping` stores the corrections as JSON in the
database's settings (``import.header_mapping``) and :func:`detect_header` applies them first next
time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.engine import Engine

from ...domain.text import fold
from ..settings import get_setting, set_setting
from .reader import Cell, SheetData

MAPPING_SETTING = "import.header_mapping"
#: how many rows from the top can hold the header
HEADER_SEARCH_ROWS = 15

#: field → Vietnamese label (what the mapping table shows), in display order
FIELDS: dict[str, str] = {
    "stt": "Số thứ tự (bỏ qua)",
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "male_mark": "Giới tính: cột Nam (đánh dấu x)",
    "female_mark": "Giới tính: cột Nữ (đánh dấu x)",
    "date_of_birth": "Ngày sinh",
    "dob_male": "Ngày sinh (cột Nam)",
    "dob_female": "Ngày sinh (cột Nữ)",
    "id_number": "Số CCCD/CMND",
    "id_issued_on": "Ngày cấp CCCD",
    "passport_number": "Số hộ chiếu",
    "phone": "Số điện thoại",
    "hamlet": "Ấp, thôn, khóm",
    "address": "Địa chỉ, nơi cư trú",
    "ethnicity": "Dân tộc",
    "trade_skill": "Nghề, trình độ chuyên môn",
    "foreign_language": "Ngoại ngữ",
    "worker_code": "Mã số người lao động",
    "status": "Tình trạng",
    "market": "Nước đến, thị trường",
    "departed_on": "Ngày xuất cảnh",
    "company": "Doanh nghiệp đưa đi",
    "occupation": "Ngành nghề, công việc",
    "employer": "Nơi làm việc",
    "contract_months": "Thời hạn hợp đồng (tháng)",
    "programme": "Chương trình",
    "expected_end_on": "Ngày hết hạn hợp đồng",
    "status_abroad": "Tình trạng ở nước ngoài",
    "is_legal": "Xuất cảnh hợp pháp (Có/Không)",
    "illegal": "Xuất cảnh trái phép (đánh dấu x)",
    "departure_notes": "Ghi chú lượt xuất cảnh",
    "notes": "Ghi chú",
    "uuid": "Mã hồ sơ người (UUID)",
    "record_uuid": "Mã lượt xuất cảnh (UUID)",
    "unit_code": "Mã đơn vị (xã)",
}

# Whole-header synonyms (folded, punctuation as spaces) → field.
_EXACT: dict[str, str] = {
    "stt": "stt",
    "tt": "stt",
    "so tt": "stt",
    "so thu tu": "stt",
    "ho va ten": "full_name",
    "ho ten": "full_name",
    "ten": "full_name",
    "ho va ten nguoi lao dong": "full_name",
    "ho ten nguoi lao dong": "full_name",
    "ten nguoi lao dong": "full_name",
    "gioi tinh": "gender",
    "gt": "gender",
    "phai": "gender",
    "nam nu": "gender",
    "nam": "male_mark",
    "nu": "female_mark",
    "ngay sinh": "date_of_birth",
    "ngay thang nam sinh": "date_of_birth",
    "nam sinh": "date_of_birth",
    "ns": "date_of_birth",
    "cccd": "id_number",
    "cmnd": "id_number",
    "so cccd": "id_number",
    "so cmnd": "id_number",
    "so cccd cmnd": "id_number",
    "so cmnd cccd": "id_number",
    "cccd cmnd": "id_number",
    "so dinh danh": "id_number",
    "so dinh danh ca nhan": "id_number",
    "ma dinh danh": "id_number",
    "ma dinh danh ca nhan": "id_number",
    "can cuoc": "id_number",
    "can cuoc cong dan": "id_number",
    "ho chieu": "passport_number",
    "so ho chieu": "passport_number",
    "dien thoai": "phone",
    "so dien thoai": "phone",
    "sdt": "phone",
    "dt": "phone",
    "so dt": "phone",
    "dien thoai lien he": "phone",
    "ap": "hamlet",
    "thon": "hamlet",
    "khom": "hamlet",
    "ban": "hamlet",
    "to": "hamlet",
    "xom": "hamlet",
    "ap thon": "hamlet",
    "thon ap": "hamlet",
    "ap khom": "hamlet",
    "thon xom": "hamlet",
    "to dan pho": "hamlet",  # the urban form of a hamlet
    "khu pho": "hamlet",
    "dia chi": "address",
    "noi cu tru": "address",
    "noi o": "address",
    "noi o hien nay": "address",
    "noi o hien tai": "address",
    "cho o hien nay": "address",
    "cho o": "address",
    "que quan": "address",
    "thuong tru": "address",
    "dia chi thuong tru": "address",
    "noi thuong tru": "address",
    "dan toc": "ethnicity",
    "nghe": "trade_skill",
    "nghe nghiep": "trade_skill",
    "trinh do chuyen mon": "trade_skill",
    "tay nghe": "trade_skill",
    "ngoai ngu": "foreign_language",
    "ma so nguoi lao dong": "worker_code",
    "ma nld": "worker_code",
    "tinh trang": "status",
    "trang thai": "status",
    "nuoc den": "market",
    "nuoc di": "market",
    "nuoc": "market",
    "thi truong": "market",
    "quoc gia": "market",
    "nuoc lam viec": "market",
    "di nuoc": "market",
    "noi den": "market",
    "ngay xuat canh": "departed_on",
    "ngay xc": "departed_on",
    "xuat canh": "departed_on",
    "ngay di": "departed_on",
    "thoi gian xuat canh": "departed_on",
    "cong ty": "company",
    "doanh nghiep": "company",
    "doanh nghiep dua di": "company",
    "cong ty dua di": "company",
    "don vi dua di": "company",
    "ten doanh nghiep": "company",
    "doanh nghiep dich vu": "company",
    "nganh nghe": "occupation",
    "cong viec": "occupation",
    "nganh nghe cong viec": "occupation",
    "noi lam viec": "employer",
    "chu su dung": "employer",
    "thoi han hop dong": "contract_months",
    "thoi han": "contract_months",
    "thoi han hd": "contract_months",
    "so thang": "contract_months",
    "chuong trinh": "programme",
    "ghi chu": "notes",
    "uuid": "record_uuid",  # the program's data sheet: the row's own record (a departure in the departed list)
    "ma ho so": "uuid",
    "ma ho so nguoi": "uuid",
    "ma luot xuat canh": "record_uuid",
    "ngay het han": "expected_end_on",
    "ngay het han hd": "expected_end_on",
    "ngay het han hop dong": "expected_end_on",
    "het han hop dong": "expected_end_on",
    "tinh trang o nuoc ngoai": "status_abroad",
    "tinh trang lam viec": "status_abroad",
    "hop phap": "is_legal",
    "xuat canh hop phap": "is_legal",
    "hop phap trai phep": "is_legal",
    "xuat canh trai phep": "illegal",
    "xuat canh bat hop phap": "illegal",
    "trai phep": "illegal",
    "xctp": "illegal",
    "ghi chu xuat canh": "departure_notes",
    "ma don vi": "unit_code",
    "ma xa": "unit_code",
    "commune code": "unit_code",
    "person uuid": "uuid",
}

# Header words that are enough when contained in a longer header, checked in this order.
_CONTAINS: tuple[tuple[str, str], ...] = (
    ("ngay cap", "id_issued_on"),
    ("trai phep", "illegal"),
    ("het han", "expected_end_on"),
    ("hop phap", "is_legal"),
    ("ngay xuat canh", "departed_on"),
    ("xuat canh", "departed_on"),
    ("ngay sinh", "date_of_birth"),
    ("nam sinh", "date_of_birth"),
    ("ho va ten", "full_name"),
    ("ho ten", "full_name"),
    ("cccd", "id_number"),
    ("cmnd", "id_number"),
    ("can cuoc", "id_number"),
    ("dinh danh", "id_number"),
    ("ho chieu", "passport_number"),
    ("dien thoai", "phone"),
    ("sdt", "phone"),
    ("so dt", "phone"),
    ("gioi tinh", "gender"),
    ("thi truong", "market"),
    ("nuoc den", "market"),
    ("quoc gia", "market"),
    ("doanh nghiep", "company"),
    ("cong ty", "company"),
    ("noi cu tru", "address"),
    ("dia chi", "address"),
    ("thuong tru", "address"),
    ("noi o hien", "address"),
    ("to dan pho", "hamlet"),
    ("dan toc", "ethnicity"),
    ("thoi han", "contract_months"),
    ("nganh nghe", "occupation"),
    ("noi lam viec", "employer"),
    ("ghi chu", "notes"),
)

_PUNCT = re.compile(r"[^0-9a-z]+")


def header_key(text: Cell) -> str:
    """A header cell folded for comparison: "Số CCCD/CMND" → "so cccd cmnd"."""
    if text is None:
        return ""
    return _PUNCT.sub(" ", fold(str(text))).strip()


def guess_field(text: Cell, remembered: dict[str, str] | None = None) -> str | None:
    """The field a header names, or ``None``; *remembered* corrections (key → field or "") win."""
    key = header_key(text)
    if not key:
        return None
    if remembered and key in remembered:
        return remembered[key] or None
    if key in _EXACT:
        return _EXACT[key]
    if key.replace(" ", "_") in FIELDS:  # the stable keys of the program's own data sheet ("du_lieu")
        return key.replace(" ", "_")
    for word, field in _CONTAINS:
        if f" {word} " in f" {key} ":
            return field
    return None


@dataclass(frozen=True)
class ColumnInfo:
    """One column of the table: its header as written (two rows joined by " / ") and its field."""

    index: int
    title: str
    field: str | None
    key: str = ""

    @property
    def field_label(self) -> str:
        return FIELDS.get(self.field or "", "(không nhập)")


@dataclass(frozen=True)
class HeaderMatch:
    """Where the table starts and what its columns hold (0-based rows and columns)."""

    header_row: int
    data_start: int
    columns: tuple[ColumnInfo, ...]
    title_rows: tuple[str, ...] = ()

    def column_of(self, field: str) -> int | None:
        return next((c.index for c in self.columns if c.field == field), None)

    def with_field(self, index: int, field: str | None) -> HeaderMatch:
        """This mapping with column *index* set to *field* (a field maps to one column at most)."""
        columns = []
        for column in self.columns:
            if column.index == index:
                columns.append(replace(column, field=field))
            elif field is not None and column.field == field:
                columns.append(replace(column, field=None))
            else:
                columns.append(column)
        return replace(self, columns=tuple(columns))

    @property
    def mapped(self) -> dict[str, int]:
        return {c.field: c.index for c in self.columns if c.field}


def _cell(rows: list[list[Cell]], r: int, c: int) -> Cell:
    if r < len(rows) and c < len(rows[r]):
        value = rows[r][c]
        return "" if value is None else value
    return ""


def _text(value: Cell) -> str:
    return " ".join(str(value).split()) if value not in ("", None) else ""


def _merged_parent(sheet: SheetData, r: int, c: int) -> tuple[int, int] | None:
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 <= r <= r1 and c0 <= c <= c1:
            return r0, c0
    return None


def _row_score(rows: list[list[Cell]], r: int, remembered: dict[str, str]) -> int:
    fields = set()
    for value in rows[r] if r < len(rows) else ():
        if isinstance(value, str) and len(value) <= 80:
            field = guess_field(value, remembered)
            if field:
                fields.add(field)
    return len(fields)


def _is_column_numbers(row: list[Cell]) -> bool:
    """A row of column numbers under the header: "(1) (2) (3)" or 1 2 3 4 …, or A B C."""
    values = [_text(v) for v in row if _text(v)]
    if len(values) < 3:
        return False
    numbers = []
    for value in values:
        stripped = value.strip("()[] ")
        if stripped.replace(".0", "").isdigit():
            numbers.append(int(float(stripped)))
        elif len(stripped) == 1 and stripped.isalpha():
            numbers.append(ord(stripped.upper()) - 64)
        else:
            return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def load_remembered(engine: Engine | None) -> dict[str, str]:
    """The user's remembered header corrections (folded header → field, "" for "do not import")."""
    if engine is None:
        return {}
    try:
        data = json.loads(get_setting(engine, MAPPING_SETTING, "{}") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items() if v == "" or v in FIELDS} if isinstance(data, dict) else {}


def remember_mapping(engine: Engine, match: HeaderMatch) -> None:
    """Remember the user's choices: every header whose field differs from the automatic guess."""
    from ..access import Permission, require_unlimited

    require_unlimited(engine, Permission.IMPORT)
    remembered = load_remembered(engine)
    for column in match.columns:
        if not column.key:
            continue
        automatic = guess_field(column.title.split(" / ")[-1]) if " / " in column.title else guess_field(column.key)
        if column.field != automatic or column.key in remembered:
            remembered[column.key] = column.field or ""
    set_setting(engine, MAPPING_SETTING, json.dumps(remembered, ensure_ascii=False, sort_keys=True))


def detect_header(sheet: SheetData, *, remembered: dict[str, str] | None = None) -> HeaderMatch | None:
    """Find the header row among the first rows and map its columns; ``None`` when none is found.

    A second header row is read when the row below the header names fields too, or holds
    "Nam"/"Nữ" under a merged parent: "Ngày sinh" over "Nam" / "Nữ" maps to the date-of-birth
    columns of each gender, "Giới tính" over "Nam" / "Nữ" to gender marks.
    """
    remembered = remembered or {}
    rows = sheet.rows
    limit = min(len(rows), HEADER_SEARCH_ROWS)
    scores = [(_row_score(rows, r, remembered), -r) for r in range(limit)]
    if not scores:
        return None
    best_score, neg_row = max(scores)
    header = -neg_row
    names_a_person = any(
        guess_field(value, remembered) == "full_name" for value in rows[header] if isinstance(value, str)
    )
    if best_score < 2 and not (best_score == 1 and names_a_person):
        return None
    width = max((len(rows[r]) for r in range(header, min(len(rows), header + 3))), default=0)

    # Is the next row a second header row?
    below = header + 1
    sub_values = [_text(_cell(rows, below, c)) for c in range(width)]
    sub_keys = [header_key(v) for v in sub_values]
    has_gender_split = "nam" in sub_keys and "nu" in sub_keys  # "Nam" | "Nữ" side by side, not a data row's "Nam"
    merged_down = any(r0 == header and r1 > header for (r0, _c0), (r1, _c1) in sheet.merged)
    # A sub-header sits under an empty cell or a parent merged across columns; data does not.
    sub_under_parent = any(
        sub_values[c]
        and guess_field(sub_values[c], remembered)
        and (not _text(_cell(rows, header, c)) or _spans_columns(sheet, header, c))
        for c in range(width)
    )
    two_rows = below < len(rows) and (has_gender_split or merged_down or sub_under_parent) and _mostly_text(rows[below])

    columns: list[ColumnInfo] = []
    parent_text = ""
    for c in range(width):
        top = _text(_cell(rows, header, c))
        if not top:
            parent = _merged_parent(sheet, header, c)
            if parent is not None and parent[0] == header:
                top = _text(_cell(rows, parent[0], parent[1]))
            elif two_rows and parent_text and sub_keys[c] in ("nam", "nu"):
                top = parent_text  # an unmerged parent written once over "Nam" | "Nữ"
        parent_text = top if top else parent_text
        sub = sub_values[c] if two_rows else ""
        if _merged_parent(sheet, below, c) not in (None, (below, c)):
            sub = ""  # the top cell merged down over both rows
        title = f"{top} / {sub}" if top and sub and header_key(top) != header_key(sub) else (top or sub)
        field = _column_field(top, sub, remembered)
        key = header_key(title)
        columns.append(ColumnInfo(c, title, field, key))
    # One column per field: the first wins.
    seen: set[str] = set()
    unique = []
    for column in columns:
        if column.field and column.field in seen:
            column = replace(column, field=None)
        if column.field:
            seen.add(column.field)
        unique.append(column)
    data_start = below + 1 if two_rows else below
    if data_start < len(rows) and _is_column_numbers(rows[data_start]):
        data_start += 1
    titles = tuple(" ".join(_text(v) for v in rows[r] if _text(v)) for r in range(header))
    return HeaderMatch(header, data_start, tuple(unique), tuple(t for t in titles if t))


def _spans_columns(sheet: SheetData, r: int, c: int) -> bool:
    return any(r0 <= r <= r1 and c0 <= c <= c1 and c1 > c0 for (r0, c0), (r1, c1) in sheet.merged)


def _mostly_text(row: list[Cell]) -> bool:
    values = [v for v in row if v not in ("", None)]
    return bool(values) and sum(isinstance(v, str) for v in values) == len(values)


def _column_field(top: str, sub: str, remembered: dict[str, str]) -> str | None:
    combined = header_key(f"{top} {sub}") if top and sub else ""
    if combined and combined in remembered:
        return remembered[combined] or None
    top_field = guess_field(top, remembered) if top else None
    sub_key = header_key(sub)
    if sub_key in ("nam", "nu"):
        if top_field in ("date_of_birth", None) and top and "sinh" in header_key(top):
            return "dob_male" if sub_key == "nam" else "dob_female"
        if top_field == "gender" or not top:
            return "male_mark" if sub_key == "nam" else "female_mark"
    if sub:
        sub_field = guess_field(sub, remembered)
        if sub_field:
            return sub_field
    return top_field


def describe_mapping(match: HeaderMatch) -> list[tuple[str, str]]:
    """``(header as written, field label)`` pairs, for the CLI and the wizard's summary."""
    return [(c.title or f"Cột {c.index + 1}", c.field_label) for c in match.columns if c.title or c.field]


def as_dict(match: HeaderMatch) -> dict[str, Any]:
    return {"header_row": match.header_row + 1, "columns": describe_mapping(match)}
