"""Xem trước — every row as it will be stored, with its problems and its match in the database.

:func:`preview_files` reads each file (:mod:`.reader`), finds its header (:mod:`.headers`),
parses each data row (:mod:`.values`) and matches it, in this order, against the database and
the rows before it (from the same or another file):

1. the same record UUID (a file exported by this program) → :attr:`MatchKind.UUID`;
2. the same CCCD/CMND → :attr:`MatchKind.CCCD` (update or skip, as the user chooses);
3. the same folded name and birth year → :attr:`MatchKind.CANDIDATE`, a possible duplicate the
   user decides on — never merged automatically.

The same CCCD twice in one file is an error on the second row; the same CCCD arriving from two
files with other data, or from two communes, is a :attr:`MatchKind.CONFLICT`: shown with what
taking the later file's version would change, never merged silently (the caller keeps the earlier
version or takes the later one). The same person in one commune's several lists (departed,
returned, review) is one person: a further row adds a departure or repeats one. The program's own
data sheet (``du_lieu``) is read field for field: ``person_uuid`` is the person's record, ``uuid``
the departure's (:func:`data_sheet_mapping`). Blank rows, the
totals row ("Tổng cộng") and notes or signatures below the table are skipped and listed.
Nothing is written here.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ...domain.enums import DatePrecision, Gender, IdKind, PersonStatus, Programme, StatusAbroad, UnitLevel
from ...domain.models import AdministrativeUnit, Departure, Household, Person, new_uuid
from ...domain.numbers import group_digits
from ...domain.text import fold
from ...domain.validation import (
    check_birth_date,
    check_departure_age,
    expected_end_date,
    format_date,
    normalise_name,
)
from ...store.bulk import no_cyclic_gc
from ...store.errors import classify
from ..audit import chain_head
from ..reference import list_markets
from ..settings import own_unit_code
from ..xlsx_stream import column_letter
from . import values as v
from .headers import FIELDS, ColumnInfo, HeaderMatch, detect_header, load_remembered
from .reader import Cell, SheetData, UnreadableFile, file_stamp, read_sheet

_CHUNK = 500
#: a sheet's parsing reports its progress every this many lines
PROGRESS_ROWS = 500
# The shares of a preview's time (measured on 10,000 rows: read 0.1 s, parse 0.4 s, match 0.2 s):
# reading and parsing the files the first 70 %, reading a file the first 15 % of its part.
_PARSE_SHARE = 0.7
_READ_SHARE = 0.15
# A totals label is the whole cell: "Tổng", "Tổng cộng", "Cộng", "Tổng số", "Total", maybe with a
# count and these words ("Tổng cộng: 25 người", "Tổng số lao động 12"). Only the start of the folded
# cell would take "Tống Văn Minh" or "Công Tằng Tôn Nữ Hoa" (surnames) for one, and skip every row after.
_TOTALS = re.compile(r"(tong cong|tong so|tong|cong|total)\b(.*)")
_TOTALS_WORDS = frozenset({"so", "co", "la", "gom", "nguoi", "lao", "dong", "ld", "ho", "truong", "hop", "cong"})
# a birth date written as text (day, month, year)
_DATE_TEXT = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}")
#: person fields an update may change, with their Vietnamese labels
PERSON_FIELDS: dict[str, str] = {
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "date_of_birth": "Ngày sinh",
    "birth_precision": "Độ chính xác ngày sinh",
    "id_number": "Số CCCD/CMND",
    "id_kind": "Loại giấy tờ",
    "id_issued_on": "Ngày cấp CCCD",
    "passport_number": "Số hộ chiếu",
    "phone": "Số điện thoại",
    "hamlet": "Ấp, thôn",
    "address": "Địa chỉ",
    "ethnicity": "Dân tộc",
    "trade_skill": "Nghề",
    "foreign_language": "Ngoại ngữ",
    "worker_code": "Mã số người lao động",
    "status": "Tình trạng",
    "notes": "Ghi chú",
}
DEPARTURE_FIELDS = (
    "market_code",
    "departed_on",
    "company",
    "occupation",
    "employer",
    "contract_months",
    "programme",
    "expected_end_on",
    "is_legal",
    "status_abroad",
    "departure_notes",
    "departure_uuid",
)


class MatchKind(StrEnum):
    """How a row relates to what is already recorded."""

    NEW = "new"  # nobody like this yet: a new record
    UUID = "uuid"  # the same record (same UUID) is in the database
    CCCD = "cccd"  # someone with the same CCCD/CMND is in the database
    CANDIDATE = "candidate"  # same name and birth year: perhaps the same person — the user decides
    CONFLICT = "conflict"  # the same CCCD came from another file of this import
    REPEATED = "repeated"  # an identical row already came earlier in this import
    DEPARTURE = "departure"  # another departure of a person from an earlier row of this import


MATCH_LABELS: dict[MatchKind, str] = {
    MatchKind.NEW: "Mới",
    MatchKind.UUID: "Đã có (cùng mã hồ sơ)",
    MatchKind.CCCD: "Đã có (cùng CCCD)",
    MatchKind.CANDIDATE: "Có thể trùng",
    MatchKind.CONFLICT: "Xung đột giữa các tệp",
    MatchKind.REPEATED: "Lặp lại",
    MatchKind.DEPARTURE: "Thêm lượt xuất cảnh",
}


@dataclass(frozen=True)
class RowProblem:
    """A problem on one row, in Vietnamese; ``error`` rows are not imported until fixed."""

    source: str
    line: int
    message: str
    error: bool = True
    field: str = ""

    @property
    def text(self) -> str:
        return f"Dòng {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Change:
    """One field an update would change: its label, the value shown now and the value from the file."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ImportRow:
    """One data row as it will be stored. ``line`` is the sheet's row number (1-based, as Excel shows)."""

    source: str
    line: int
    raw: dict[str, Any]
    values: dict[str, Any]
    problems: tuple[RowProblem, ...] = ()
    match: MatchKind = MatchKind.NEW
    person_id: int | None = None
    existing_name: str = ""
    changes: tuple[Change, ...] = ()
    unit_code: str | None = None
    same_as: tuple[str, int] | None = None  # the earlier row holding this row's person (DEPARTURE)

    @property
    def has_errors(self) -> bool:
        return any(p.error for p in self.problems)

    @property
    def key(self) -> tuple[str, int]:
        return self.source, self.line

    @property
    def has_departure(self) -> bool:
        return bool(self.values.get("market_code") and self.values.get("departed_on"))

    def shown(self, field_name: str) -> str:
        """A value as the preview table shows it (dates dd/mm/yyyy, enums by their label)."""
        return show_value(field_name, self.values.get(field_name), self.values)


@dataclass(frozen=True)
class SkippedLine:
    line: int
    reason: str


@dataclass(frozen=True)
class ImportPreview:
    """One file (sheet) ready to import. ``error`` is set when the file could not be read at all."""

    path: str
    file_name: str
    sheet_name: str = ""
    sheet_names: tuple[str, ...] = ()
    header: HeaderMatch | None = None
    rows: tuple[ImportRow, ...] = ()
    skipped: tuple[SkippedLine, ...] = ()
    notes: tuple[str, ...] = ()
    unit_code: str | None = None
    error: str | None = None
    #: columns with values on data rows that no field takes (title "" for a column without a header):
    #: shown, so that nothing in the file is left out silently
    unused_columns: tuple[ColumnInfo, ...] = ()
    #: (audit head, matching group, position, group size) when :func:`match_rows` matched the rows
    matched: tuple[str, str, int, int] | None = None
    #: what the database answered that matching (:class:`PeopleLookup`), shared by the group's previews
    lookup: PeopleLookup | None = field(default=None, compare=False, repr=False)

    @property
    def problems(self) -> list[RowProblem]:
        found = [RowProblem(self.file_name, 0, self.error)] if self.error else []
        found += [RowProblem(self.file_name, 0, note, error=False) for note in self.notes]
        for row in self.rows:
            found.extend(row.problems)
        return found


@dataclass(frozen=True)
class _Context:
    today: date
    markets: dict[str, str]
    default_unit: str | None


# --------------------------------------------------------------------------- showing values


def show_value(field_name: str, value: Any, values: dict[str, Any] | None = None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, Gender | PersonStatus | Programme | IdKind | DatePrecision | StatusAbroad):
        return value.label("vi")
    if isinstance(value, date):
        precision = (values or {}).get("birth_precision") if field_name == "date_of_birth" else None
        return format_date(value, precision or DatePrecision.DAY)
    return str(value)


# --------------------------------------------------------------------------- parsing rows


def _cell(row: list[Any], index: int | None) -> Any:
    if index is None or index >= len(row):
        return ""
    value = row[index]
    return "" if value is None else value


def _raw_of(row: list[Any], header: HeaderMatch) -> dict[str, Any]:
    return {field_name: _cell(row, index) for field_name, index in header.mapped.items()}


def parse_row(raw: dict[str, Any], *, source: str, line: int, context: _Context) -> ImportRow:
    """Turn one row's mapped cells into field values and problems (no database work)."""
    problems: list[RowProblem] = []
    out: dict[str, Any] = {}

    def problem(message: str, *, error: bool = True, field_name: str = "") -> None:
        problems.append(RowProblem(source, line, message, error, field_name))

    def take(field_name: str, parsed: v.Parsed, target: str | None = None) -> Any:
        if parsed.error:
            problem(parsed.error, field_name=field_name)
        for note in parsed.notes:
            problem(note, error=False, field_name=field_name)
        if parsed.value is not None:
            out[target or field_name] = parsed.value
        return parsed.value

    name = normalise_name(v.cell_text(raw.get("full_name")))
    if name.errors:
        problem(name.errors[0], field_name="full_name")
    else:
        out["full_name"] = name.value
        for warning in name.warnings:
            problem(warning, error=False, field_name="full_name")

    # Gender: a column of its own, "x" marks under Nam/Nữ, or the date column the birth date sits in.
    gender = take("gender", v.parse_gender(raw.get("gender")))
    male, female = v.is_mark(raw.get("male_mark")), v.is_mark(raw.get("female_mark"))
    if male and female:
        problem("Đánh dấu cả cột Nam và cột Nữ", field_name="gender")
    elif male or female:
        marked = Gender.MALE if male else Gender.FEMALE
        if gender is not None and gender is not marked:
            problem("Giới tính ghi khác với cột đánh dấu Nam/Nữ", field_name="gender")
        gender = gender or marked
    birth_cell = raw.get("date_of_birth", "")
    dob_male, dob_female = raw.get("dob_male", ""), raw.get("dob_female", "")
    if not v.is_empty(dob_male) and not v.is_empty(dob_female):
        problem("Ngày sinh ghi ở cả cột Nam và cột Nữ", field_name="date_of_birth")
    elif not v.is_empty(dob_male) or not v.is_empty(dob_female):
        by_column = Gender.MALE if not v.is_empty(dob_male) else Gender.FEMALE
        birth_cell = dob_male if by_column is Gender.MALE else dob_female
        if gender is not None and gender is not by_column:
            problem(f"Giới tính ghi {gender.vi} nhưng ngày sinh ở cột {by_column.vi}", field_name="gender")
        gender = gender or by_column
    if gender is not None:
        out["gender"] = gender
    birth = take("date_of_birth", v.parse_cell_date(birth_cell, today=context.today, label="Ngày sinh"))
    if birth is not None:
        out["date_of_birth"], out["birth_precision"] = birth
        # as the person form warns: outside working age (a "199" typed for 1990 reads as 17/07/1900)
        for warning in check_birth_date(birth[0], today=context.today, precision=birth[1]).warnings:
            problem(warning, error=False, field_name="date_of_birth")

    id_parsed = take(
        "id_number", v.parse_id_number(raw.get("id_number"), gender=gender, birth_year=v.year_of(birth)), "id"
    )
    if id_parsed is not None:
        out.pop("id")
        out["id_number"], out["id_kind"] = id_parsed
    issued = take("id_issued_on", v.parse_cell_date(raw.get("id_issued_on"), today=context.today, label="Ngày cấp"))
    if issued is not None:
        out["id_issued_on"] = issued[0]
    take("phone", v.parse_phone(raw.get("phone")))
    for text_field, limit in (
        ("passport_number", 20),
        ("hamlet", 80),
        ("address", 200),
        ("ethnicity", 40),
        ("trade_skill", 120),
        ("foreign_language", 120),
        ("worker_code", 32),
        ("notes", 2000),
        ("company", 200),
        ("occupation", 160),
        ("employer", 200),
        ("departure_notes", 2000),
    ):
        if text_field in raw:  # a column the sheet has
            take(text_field, v.parse_text(raw[text_field], max_length=limit))
    # "Tình trạng": the situation abroad (Đang làm việc / Chuyển chủ / Bỏ trốn) or the lifecycle status.
    status_pair = take("status", v.parse_status_cell(raw.get("status")), "status_pair")
    if status_pair is not None:
        out.pop("status_pair")
        if status_pair[0] is not None:
            out["status"] = status_pair[0]
        if status_pair[1] is not None:
            out["status_abroad"] = status_pair[1]
    take("status_abroad", v.parse_status_abroad(raw.get("status_abroad")))
    legal = take("is_legal", v.parse_yes_no(raw.get("is_legal"), label="Hợp pháp"))
    illegal_mark = v.parse_yes_no(raw.get("illegal"), label="Xuất cảnh trái phép")
    for note in illegal_mark.notes:
        problem(note, error=False, field_name="illegal")
    if illegal_mark.value is not None:
        if legal is not None and legal == illegal_mark.value:
            problem("Cột Hợp pháp và cột Xuất cảnh trái phép ghi ngược nhau — lấy theo cột Hợp pháp", error=False)
        else:
            out["is_legal"] = not illegal_mark.value
    take("programme", v.parse_programme(raw.get("programme")))
    take("market", v.parse_market(raw.get("market"), context.markets), "market_code")
    departed = take(
        "departed_on", v.parse_cell_date(raw.get("departed_on"), today=context.today, label="Ngày xuất cảnh")
    )
    if departed is not None:
        out["departed_on"] = departed[0]
    end = take(
        "expected_end_on",
        v.parse_cell_date(raw.get("expected_end_on"), today=context.today, label="Ngày hết hạn", allow_future=True),
    )
    if end is not None:
        out["expected_end_on"] = end[0]
    take("contract_months", v.parse_months(raw.get("contract_months")))

    uuid_text = v.cell_text(raw.get("uuid"))
    if uuid_text:
        try:
            out["uuid"] = str(uuid_module.UUID(uuid_text))
        except ValueError:
            problem(f"Mã hồ sơ “{uuid_text[:40]}” không đúng dạng — bỏ qua mã này", error=False, field_name="uuid")
    record_text = v.cell_text(raw.get("record_uuid"))
    if record_text:
        try:
            out["departure_uuid"] = str(uuid_module.UUID(record_text))
        except ValueError:
            problem(f"Mã lượt xuất cảnh “{record_text[:40]}” không đúng dạng — bỏ qua mã này", error=False)
    unit_text = v.cell_text(raw.get("unit_code"))
    unit_code = unit_text.zfill(5) if unit_text.isdigit() and len(unit_text) <= 5 else (unit_text or None)
    unit_code = unit_code or context.default_unit

    # Departure: needs both the market and the date.
    has_market, has_date = "market_code" in out, "departed_on" in out
    if has_market != has_date and not (raw.get("market") and raw.get("departed_on")):
        missing = "ngày xuất cảnh" if has_market else "nước đến"
        problem(f"Thiếu {missing} — chỉ nhập hồ sơ người, chưa nhập lượt xuất cảnh", error=False)
    if has_market and has_date:
        if birth is not None:
            age = check_departure_age(birth[0], out["departed_on"], precision=birth[1])
            for message in age.errors:
                problem(message, field_name="departed_on")
            for message in age.warnings:
                problem(message, error=False, field_name="departed_on")
        if out.get("contract_months") and "expected_end_on" not in out:
            out["expected_end_on"] = expected_end_date(out["departed_on"], out["contract_months"])
    return ImportRow(source, line, raw, out, tuple(problems), unit_code=unit_code)


# --------------------------------------------------------------------------- reading a file


def _may_total(text: str) -> bool:
    return text.lstrip()[:1] in ("T", "t", "C", "c")


def _is_totals_label(text: str) -> bool:
    """Whether a whole cell is a totals label (:data:`_TOTALS`), not a name that begins like one."""
    # a totals label starts with T or C (Tổng, Cộng, Total): fold only what may be one
    if not _may_total(text):
        return False
    match = _TOTALS.fullmatch(fold(text).strip())
    return match is not None and all(word in _TOTALS_WORDS for word in re.findall(r"[a-z]+", match.group(2)))


def _looks_like_a_person(raw: dict[str, Any]) -> bool:
    """A birth date, a CCCD/CMND or a gender on the row: a person, whatever the name cell says."""
    birth = raw.get("date_of_birth")
    if isinstance(birth, date) or (isinstance(birth, str) and _DATE_TEXT.search(birth)):
        return True
    if len(v.digits_of(raw.get("id_number"))) in (9, 12):
        return True
    return v.parse_gender(raw.get("gender")).value is not None


def _row_kind(row: list[Any], raw: dict[str, Any], header: HeaderMatch) -> str:
    """ "data", "blank", "totals" or "note"."""
    texts: list[str] = []  # the first two filled cells (a totals label and its neighbour)
    for cell in row:
        if not v.is_empty(cell):
            texts.append(v.cell_text(cell))
            if len(texts) == 2:
                break
    if not texts:
        return "blank"
    label = any(_is_totals_label(text) for text in (*texts, " ".join(texts), v.cell_text(raw.get("full_name"))))
    if label and not _looks_like_a_person(raw):
        return "totals"
    has_name = not v.is_empty(raw.get("full_name"))
    stt = raw.get("stt")
    numbered = isinstance(stt, float | int) or (isinstance(stt, str) and stt.strip().rstrip(".").isdigit())
    other = any(not v.is_empty(value) for f, value in raw.items() if f not in ("full_name", "stt", "notes"))
    if has_name and (numbered or other):
        return "data"
    if not has_name and other and numbered:
        return "data"  # a numbered row without a name: shown as an error to fix
    return "note"


def _context(engine: Engine, today: date | None, unit_code: str | None) -> _Context:
    return _Context(today or date.today(), v.market_lookup(list_markets(engine)), unit_code or own_unit_code(engine))


def _unit_from_titles(engine: Engine, titles: Sequence[str]) -> str | None:
    """The commune named by a title row ("UBND XÃ TÂN HỘ CƠ"), when exactly one commune has that name."""
    from ..reference import find_commune

    for title in titles:
        match = re.search(r"(?:ubnd|uy ban nhan dan)\s+((?:xa|phuong|thi tran|dac khu)\s+.+)$", fold(title))
        if match:
            found = find_commune(engine, match.group(1), limit=3)
            current = [u for u in found if not u.legacy] or found
            if len(current) == 1:
                return current[0].code
    return None


#: column keys of the program's own data sheets whose row record is not a departure
_NOT_DEPARTURE_LISTS = {"returned on", "year", "classification", "head name", "joined on", "followed on"}


def data_sheet_mapping(header: HeaderMatch) -> HeaderMatch:
    """The mapping of the program's own data sheet (``du_lieu``: a ``uuid`` column per record) made exact.

    In the departed list the row's ``uuid`` and ``notes`` are the departure's; in the other lists
    (returns, review, club) they belong to records this import does not bring in, so they are not
    imported. A sheet without a ``uuid`` column is left as it is.
    """
    uuid_column = header.column_of("record_uuid")
    if uuid_column is None:
        return header
    keys = {c.key for c in header.columns}
    notes_column = header.column_of("notes")
    if keys & _NOT_DEPARTURE_LISTS:
        header = header.with_field(uuid_column, None)
        return header.with_field(notes_column, None) if notes_column is not None else header
    if notes_column is not None:
        header = header.with_field(notes_column, "departure_notes")
    return header


def _merged_filled_down(sheet: SheetData, header: HeaderMatch) -> tuple[dict[int, list[Cell]], str]:
    """The data rows under cells merged down over several rows, with the merged value in each of
    them — what a person reading the sheet sees ("Ấp 1" merged over a hamlet's people; a name merged
    over one person's several departures). Excel keeps the value in the range's first cell only: read
    as it is, the other rows would be imported without it, silently. Only downwards, in the range's
    first column: a value merged across columns belongs to one field. Returns the changed rows (copies:
    the sheet read is kept for the wizard's other steps) and the note that says so."""
    filled: dict[int, list[Cell]] = {}
    columns: set[str] = set()
    lines: list[int] = []
    for (r0, c0), (r1, _c1) in sheet.merged:
        if r1 <= r0 or r0 < header.data_start or r0 >= len(sheet.rows):
            continue
        top = sheet.rows[r0]
        value = top[c0] if c0 < len(top) else ""
        if value == "" or value is None:
            continue
        for r in range(r0 + 1, min(r1, len(sheet.rows) - 1) + 1):
            row = filled.get(r)
            if row is None:
                row = filled[r] = list(sheet.rows[r])
            if c0 >= len(row):
                row.extend([""] * (c0 + 1 - len(row)))
            row[c0] = value
        column = next((c for c in header.columns if c.index == c0), None)
        columns.add(column.title if column is not None and column.title else column_letter(c0))
        lines += [r0 + 1, min(r1, len(sheet.rows) - 1) + 1]
    if not filled:
        return {}, ""
    names = ", ".join(f"“{name}”" for name in sorted(columns))
    note = (
        f"Có ô gộp (merge) kéo xuống nhiều dòng ở cột {names} (dòng {min(lines)}–{max(lines)}): giá trị của ô gộp "
        "đã được điền cho từng dòng — hãy kiểm tra lại trước khi nhập."
    )
    return filled, note


def preview_sheet(
    engine: Engine,
    sheet: SheetData,
    *,
    header: HeaderMatch | None = None,
    today: date | None = None,
    unit_code: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPreview:
    """Parse one read sheet (no matching: see :func:`match_previews`).

    *progress* is called with (lines parsed, lines of the sheet) every :data:`PROGRESS_ROWS` lines.
    """
    from ..access import Permission, require_unlimited

    require_unlimited(engine, Permission.IMPORT)
    if header is None:
        detected = detect_header(sheet, remembered=load_remembered(engine))
        header = data_sheet_mapping(detected) if detected is not None else None
    base = ImportPreview(sheet.path, sheet.file_name, sheet.sheet_name, sheet.sheet_names, notes=sheet.notes)
    if header is None:
        return replace(
            base,
            error=(
                f"Không tìm thấy dòng tiêu đề trong trang “{sheet.sheet_name}” của tệp “{sheet.file_name}” "
                "(cần ít nhất hai cột như Họ và tên, Ngày sinh, CCCD …)."
            ),
        )
    if "full_name" not in header.mapped:
        return replace(
            base, header=header, error=f"Tệp “{sheet.file_name}”: không có cột Họ và tên — hãy chọn cột chứa họ tên."
        )
    unit = unit_code or _unit_from_titles(engine, header.title_rows)
    context = _context(engine, today, unit)
    filled, fill_note = _merged_filled_down(sheet, header)
    if fill_note:
        base = replace(base, notes=(*base.notes, fill_note))
    long_by_row: dict[int, list[int]] = {}
    for cell in sheet.long_cells:
        long_by_row.setdefault(cell.row, []).append(cell.length)
    rows: list[ImportRow] = []
    skipped: list[SkippedLine] = []
    after_totals = False
    width = max((c.index for c in header.columns), default=-1) + 1
    unmapped = {c.index: c for c in header.columns if c.field is None}
    unused: dict[int, ColumnInfo] = {}
    for r in range(header.data_start, len(sheet.rows)):
        if progress is not None and r % PROGRESS_ROWS == 0:
            progress(r, len(sheet.rows))
        row = filled.get(r) or sheet.rows[r]
        raw = _raw_of(row, header)
        kind = _row_kind(row, raw, header)
        if kind == "blank":
            continue
        if after_totals or kind == "note":
            skipped.append(SkippedLine(r + 1, "không phải dòng dữ liệu (ghi chú, chữ ký …)"))
            continue
        if kind == "totals":
            skipped.append(SkippedLine(r + 1, "dòng tổng cộng"))
            after_totals = True
            continue
        parsed = parse_row(raw, source=sheet.file_name, line=r + 1, context=context)
        for index in [*unmapped, *range(width, len(row))]:
            if index < len(row) and index not in unused and not v.is_empty(row[index]):
                unused[index] = unmapped.get(index) or ColumnInfo(index, "", None)
        if r in long_by_row:
            extra = tuple(
                RowProblem(
                    sheet.file_name,
                    r + 1,
                    f"Có ô dài {group_digits(length)} ký tự (tối đa 2.000) — hãy kiểm tra lại ô này",
                )
                for length in long_by_row[r]
            )
            parsed = replace(parsed, problems=parsed.problems + extra)
        rows.append(parsed)
    return replace(
        base,
        header=header,
        rows=tuple(rows),
        skipped=tuple(skipped),
        unit_code=context.default_unit,
        unused_columns=tuple(unused[i] for i in sorted(unused)),
    )


@no_cyclic_gc()  # as commit_import: no full collections walking the rows read so far
def preview_files(
    engine: Engine,
    paths: Iterable[str | Path],
    *,
    sheet: str | None = None,
    headers: dict[str, HeaderMatch] | None = None,
    today: date | None = None,
    unit_code: str | None = None,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    read: Mapping[str, SheetData] | None = None,
) -> list[ImportPreview]:
    """Read, parse and match several files (one sheet each); a file that cannot be read has ``error``.

    *progress* is called with (per mille done, 1000) as the work goes: reading and parsing each
    file take the first 70 % in equal shares, matching every row against the database the rest.
    *read* holds sheets read already (the wizard's column step read the first file: a second
    read of a 100,000-row sheet is a second), by path; one is used while its file is unchanged.
    """
    from ..access import Permission, require_unlimited

    require_unlimited(engine, Permission.IMPORT)
    paths = [Path(path) for path in paths]
    share = _PARSE_SHARE / max(len(paths), 1)

    def report(fraction: float) -> None:
        if progress is not None:
            progress(min(int(1000 * fraction), 1000), 1000)

    previews: list[ImportPreview] = []
    for i, path in enumerate(paths):
        report(i * share)
        try:
            data = _already_read(read, path, sheet) or read_sheet(path, sheet=sheet, cancelled=cancelled)
        except UnreadableFile as error:
            previews.append(ImportPreview(str(path), path.name, error=error.message))
            continue
        header = (headers or {}).get(str(path))

        def parsed(done: int, total: int, i: int = i) -> None:
            report((i + _READ_SHARE + (1 - _READ_SHARE) * done / max(total, 1)) * share)

        previews.append(preview_sheet(engine, data, header=header, today=today, unit_code=unit_code, progress=parsed))
    report(_PARSE_SHARE)
    matched = match_previews(engine, previews)
    report(1.0)
    return matched


def _already_read(read: Mapping[str, SheetData] | None, path: Path, sheet: str | None) -> SheetData | None:
    """The sheet of *path* read earlier, if it is the one asked for and the file has not changed since."""
    data = (read or {}).get(str(path))
    if data is None or data.path != str(path) or data.stamp is None or data.stamp != file_stamp(path):
        return None
    return data if sheet is None or data.sheet_name == sheet else None


# --------------------------------------------------------------------------- matching


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


_PERSON = Person.__table__  # type: ignore[attr-defined]
_DEPARTURE = Departure.__table__  # type: ignore[attr-defined]


@dataclass
class PeopleLookup:
    """What the database answered a matching, while nothing has been written since (*head*: the
    audit log's head then): the keys asked and the people and departures found.

    A cell corrected in the preview matches every row again, but asks the database only for what
    no row asked before: at 100,000 rows the questions are most of the two seconds a correction
    took. Answers only ever grow; a write (another head) starts a new lookup.
    """

    head: str | None
    asked: dict[str, set[Any]] = field(default_factory=lambda: {"uuid": set(), "id_number": set(), "name": set()})
    found: dict[str, dict[Any, Any]] = field(
        default_factory=lambda: {"uuid": {}, "id_number": {}, "name": {}, "trips": {}}
    )
    departures: dict[Any, set[tuple[str, date]]] = field(default_factory=dict)
    trips_read: set[int] = field(default_factory=set)  # people whose departures were read


def existing_people(
    conn: Connection, rows: Sequence[ImportRow], lookup: PeopleLookup | None = None
) -> dict[str, dict[Any, dict[str, Any]]]:
    """People already recorded that rows may match: by uuid, by id number, and by folded name.

    With *lookup*, only what it has not asked yet is asked, and the answers are added to it.
    """
    lookup = lookup or PeopleLookup(None)
    asked, found = lookup.asked, lookup.found
    uuids = sorted({r.values["uuid"] for r in rows if r.values.get("uuid")} - asked["uuid"])
    numbers = sorted({r.values["id_number"] for r in rows if r.values.get("id_number")} - asked["id_number"])
    # A name candidate must share the birth year too, and have no CCCD when the row has one (a
    # person with the same CCCD is matched by it; another CCCD is another person — see _match_db):
    # ask per year from ix_person_live_name_birth, so that a common name ("Nguyễn Văn Hùng",
    # hundreds at 200,000 people) brings back only that year's few.
    names_by_year: dict[tuple[int, bool], set[str]] = {}
    for r in rows:
        born, name = r.values.get("date_of_birth"), r.values.get("full_name")
        if born and name:
            key = (born.year, bool(r.values.get("id_number")), fold(name))
            if key not in asked["name"]:
                names_by_year.setdefault(key[:2], set()).add(key[2])
    for column, keys, bucket in (("uuid", uuids, "uuid"), ("id_number", numbers, "id_number")):
        for chunk in _chunks(keys):
            for record in conn.execute(sa.select(_PERSON).where(_PERSON.c[column].in_(chunk))).mappings():
                found[bucket][record[column]] = dict(record)
    name_columns = [getattr(_PERSON.c, c) for c in ("id", "name_key", "full_name", "date_of_birth", "id_number")]
    for (year, numbered), year_names in sorted(names_by_year.items()):
        for chunk in _chunks(sorted(year_names)):
            query = sa.select(*name_columns).where(
                _PERSON.c.name_key.in_(chunk),
                _PERSON.c.date_of_birth.between(date(year, 1, 1), date(year, 12, 31)),
                _PERSON.c.deleted_at.is_(None),
            )
            if numbered:
                # coalesce(): "no CCCD" as _match_db reads it ('' too), and no use of the CCCD index,
                # which the planner would otherwise pick for "IS NULL" and scan every person without one
                query = query.where(sa.func.coalesce(_PERSON.c.id_number, "") == "")
            for record in conn.execute(query).mappings():
                found["name"].setdefault(record["name_key"], {})[record["id"]] = dict(record)
    # asked only once answered: a question that failed (a locked database) is asked again next time
    asked["uuid"].update(uuids)
    asked["id_number"].update(numbers)
    asked["name"].update((year, numbered, name) for (year, numbered), names in names_by_year.items() for name in names)
    return found


def _changes(row: ImportRow, person: dict[str, Any]) -> tuple[Change, ...]:
    changes: list[Change] = []
    for name, label in PERSON_FIELDS.items():
        new = row.values.get(name)
        if new is None or new == "":
            continue
        old = person.get(name)
        if isinstance(old, str) and name in ("gender", "id_kind", "status", "birth_precision"):
            old_enum = {"gender": Gender, "id_kind": IdKind, "status": PersonStatus, "birth_precision": DatePrecision}
            old = old_enum[name](old)
        if old != new:
            changes.append(Change(name, label, show_value(name, old, person), show_value(name, new, row.values)))
    if person.get("deleted_at") is not None:
        changes.insert(0, Change("deleted_at", "Hồ sơ đã xóa", "đã xóa", "khôi phục"))
    return tuple(changes)


def still_matched(conn: Connection, previews: Sequence[ImportPreview]) -> bool:
    """True when *previews* are, in this order, the group :func:`match_rows` matched last, and no record
    has changed since (the audit log's head is the same): their matches still hold."""
    stamps = [p.matched for p in previews]
    first = stamps[0] if stamps else None
    if first is None:
        return False
    head = chain_head(conn)
    return head is not None and stamps == [(head, first[1], i, len(previews)) for i in range(len(previews))]


def match_rows(conn: Connection, previews: Sequence[ImportPreview]) -> list[ImportPreview]:
    """Match every row against *conn*'s people and the rows before it (see the module doc)."""
    head = chain_head(conn)
    group = new_uuid()
    previews = [
        replace(
            p,
            matched=(head, group, i, len(previews)) if head is not None else None,
            rows=tuple(_unmatched(r) for r in p.rows),
        )
        for i, p in enumerate(previews)
    ]
    lookup = next((p.lookup for p in previews if p.lookup is not None), None)
    if lookup is None or head is None or lookup.head != head:  # something was written since: ask again
        lookup = PeopleLookup(head)
    previews = [replace(p, lookup=lookup) for p in previews]
    previews = settle_hamlets(previews, known_hamlets(conn))
    all_rows = [r for p in previews for r in p.rows if not r.has_errors]
    found = existing_people(conn, all_rows, lookup)
    departures = lookup.departures
    matched_ids = sorted({p["id"] for p in [*found["uuid"].values(), *found["id_number"].values()]} - lookup.trips_read)
    for chunk in _chunks(matched_ids):
        query = sa.select(
            _DEPARTURE.c.person_id,
            _DEPARTURE.c.market_code,
            _DEPARTURE.c.departed_on,
            _DEPARTURE.c.status_abroad,
            _DEPARTURE.c.is_legal,
        ).where(_DEPARTURE.c.person_id.in_(chunk), _DEPARTURE.c.deleted_at.is_(None))
        trips = found["trips"]
        for person_id, market, departed, status_abroad, is_legal in conn.execute(query):
            departures.setdefault(person_id, set()).add((market, departed))
            trips[(person_id, market, departed)] = {"status_abroad": status_abroad, "is_legal": is_legal}
    lookup.trips_read.update(matched_ids)  # once read (see existing_people)

    seen_ids: dict[str, ImportRow] = {}
    seen_uuids: dict[str, ImportRow] = {}
    seen_names: dict[tuple[str, int], list[ImportRow]] = {}
    return _each_row(
        previews,
        lambda row: row if row.has_errors else _match_one(row, found, departures, seen_ids, seen_uuids, seen_names),
    )


def _each_row(previews: Sequence[ImportPreview], change: Callable[[ImportRow], ImportRow]) -> list[ImportPreview]:
    """The previews with *change* made to every row, in order (file by file, line by line)."""
    return [replace(preview, rows=tuple(change(row) for row in preview.rows)) for preview in previews]


# --------------------------------------------------------------------------- hamlet spellings

#: the field of the notes :func:`settle_hamlets` adds (made again at every matching)
HAMLET_SPELLING = "hamlet_spelling"
_HOUSEHOLD = Household.__table__  # type: ignore[attr-defined]


def known_hamlets(conn: Connection) -> dict[str, str]:
    """The hamlets recorded, by folded name: the spelling most people and households have.

    Deleted people count too: the hamlet index alone answers (≈ 16 ms at 200,000 people; asking
    for the live ones only reads every row, 0.57 s).
    """
    counts: dict[str, int] = {}
    for table in (_PERSON, _HOUSEHOLD):
        query = sa.select(table.c.hamlet, sa.func.count()).where(table.c.hamlet != "").group_by(table.c.hamlet)
        for hamlet, n in conn.execute(query):
            counts[hamlet] = counts.get(hamlet, 0) + n
    best: dict[str, str] = {}
    for hamlet, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        best.setdefault(fold(hamlet), hamlet)
    return best


def _spelling_rank(spelling: str, count: int, first: int) -> tuple[int, bool, int, int]:
    """Which of a new hamlet's spellings in the files wins: marks, then not all capitals, then the most rows."""
    return sum(not ch.isascii() for ch in spelling), not spelling.isupper(), count, -first


def settle_hamlets(previews: Sequence[ImportPreview], known: dict[str, str]) -> list[ImportPreview]:
    """Each row's hamlet written as the register writes it: "AP CONG BINH", "ấp công bình" → "Ấp Công Bình".

    A hamlet the register has (same letters without case and marks) takes its spelling there; a new
    one spelt several ways in the files takes the spelling with marks (then not in capitals, then the
    most common). The row says so in a note. Made from each row's own cell, so it can run again.
    """
    originals: dict[tuple[str, int], tuple[str, str]] = {}  # row → (its hamlet, folded)
    seen: dict[str, dict[str, list[int]]] = {}  # key → spelling → [rows, first position]
    cells: dict[tuple[type, Any], tuple[str, str]] = {}  # a cell as read → (text, folded): few hamlets a sheet
    for preview in previews:
        for row in preview.rows:
            cell = row.raw.get("hamlet")
            if cell is None:
                continue
            parsed = cells.get((type(cell), cell))
            if parsed is None:
                text = v.parse_text(cell, max_length=80).value or ""
                parsed = cells[(type(cell), cell)] = (text, fold(text))
            original, key = parsed
            if not original:
                continue
            originals[row.key] = parsed
            if key not in known:
                entry = seen.setdefault(key, {}).setdefault(original, [0, len(originals)])
                entry[0] += 1
    chosen = dict(known)
    for key, spellings in seen.items():
        chosen[key] = max(spellings, key=lambda s: _spelling_rank(s, *spellings[s]))

    def settle(row: ImportRow) -> ImportRow:
        original, key = originals.get(row.key, ("", ""))
        problems = tuple(p for p in row.problems if p.field != HAMLET_SPELLING)
        if not original or row.values.get("hamlet") == chosen[key] == original:
            return row if len(problems) == len(row.problems) else replace(row, problems=problems)
        spelling = chosen[key]
        if spelling != original:
            where = "trong sổ" if key in known else "các dòng khác"
            message = f"Ấp/thôn “{original}” sẽ ghi là “{spelling}” cho giống {where}"
            problems += (RowProblem(row.source, row.line, message, False, HAMLET_SPELLING),)
        return replace(row, values={**row.values, "hamlet": spelling}, problems=problems)

    return _each_row(previews, settle)


def _unmatched(row: ImportRow) -> ImportRow:
    """*row* as :func:`preview_sheet` made it, before any matching (itself when it was never matched)."""
    problems = tuple(x for x in row.problems if x.field not in ("match", "conflict"))
    if (
        row.match is MatchKind.NEW
        and row.person_id is None
        and not row.existing_name
        and not row.changes
        and row.same_as is None
        and len(problems) == len(row.problems)
    ):
        return row
    return replace(
        row, match=MatchKind.NEW, person_id=None, existing_name="", changes=(), same_as=None, problems=problems
    )


def _same_data(a: ImportRow, b: ImportRow) -> bool:
    return {k: x for k, x in a.values.items()} == {k: x for k, x in b.values.items()}


def _match_one(
    row: ImportRow,
    found: dict[str, dict[Any, dict[str, Any]]],
    departures: dict[Any, set[tuple[str, date]]],
    seen_ids: dict[str, ImportRow],
    seen_uuids: dict[str, ImportRow],
    seen_names: dict[tuple[str, int], list[ImportRow]],
) -> ImportRow:
    values = row.values
    number, record_uuid = values.get("id_number"), values.get("uuid")
    earlier = (seen_uuids.get(record_uuid) if record_uuid else None) or (seen_ids.get(number) if number else None)
    by_name = False
    if earlier is None:
        matched = _match_db(row, found, departures)
        if number:
            seen_ids.setdefault(number, matched)
        if record_uuid:
            seen_uuids.setdefault(record_uuid, matched)
        name_key = _name_key(values)
        # Rows without a CCCD have only their name and birth year to tell them apart: matched
        # against the rows before them as against the database (_match_db), two identical rows of
        # one list are one person, not two.
        namesake = (
            _namesake(values, seen_names.get(name_key, ())) if name_key and matched.match is MatchKind.NEW else None
        )
        if namesake is None:
            if name_key:
                seen_names.setdefault(name_key, []).append(matched)
            return matched
        earlier, by_name = namesake, True
    where = f"dòng {earlier.line}" + (f" của tệp “{earlier.source}”" if earlier.source != row.source else "")
    if _same_data(earlier, row):
        message = f"Giống hệt {where} — bỏ qua"
        return replace(
            row,
            match=MatchKind.REPEATED,
            problems=(*row.problems, RowProblem(row.source, row.line, message, False, "match")),
        )
    # The same person when no field both rows fill differs (a list without a column says nothing).
    same_person = all(
        earlier.values.get(k) == values.get(k)
        for k in PERSON_FIELDS
        if earlier.values.get(k) not in (None, "") and values.get(k) not in (None, "")
    )
    if same_person and (earlier.source == row.source or earlier.unit_code == row.unit_code):
        # The same person again: a departures list has one row per departure, and one commune's
        # lists (departed, returned, review) name the same people. From another commune the same
        # CCCD is a conflict to resolve instead (below).
        owner = _owner_key(earlier)
        known = departures.get(earlier.person_id or -1, set()) | departures.setdefault(owner, set())
        if earlier.has_departure:
            departures[owner].add((earlier.values["market_code"], earlier.values["departed_on"]))
        if not row.has_departure:
            note = RowProblem(row.source, row.line, f"Người này đã có ở {where} — bỏ qua", False, "match")
            return replace(row, match=MatchKind.REPEATED, problems=(*row.problems, note))
        trip = (values["market_code"], values["departed_on"])
        if trip in known or trip == (earlier.values.get("market_code"), earlier.values.get("departed_on")):
            note = RowProblem(
                row.source, row.line, f"Lượt xuất cảnh này đã có (người ở {where}) — bỏ qua", False, "match"
            )
            return replace(row, match=MatchKind.REPEATED, problems=(*row.problems, note))
        departures[owner].add(trip)
        note = RowProblem(row.source, row.line, f"Thêm lượt xuất cảnh cho người ở {where}", False, "match")
        return replace(
            row,
            match=MatchKind.DEPARTURE,
            person_id=earlier.person_id,
            existing_name=earlier.values.get("full_name", ""),
            same_as=earlier.key,
            problems=(*row.problems, note),
        )
    if by_name:
        born = earlier.values["date_of_birth"]
        message = (
            f"Có thể trùng với {earlier.values.get('full_name', '')} (sinh {format_date(born)}) ở {where} "
            "— hãy chọn nhập mới hay bỏ qua"
        )
        return replace(
            row,
            match=MatchKind.CANDIDATE,
            person_id=earlier.person_id,
            existing_name=earlier.values.get("full_name", ""),
            problems=(*row.problems, RowProblem(row.source, row.line, message, False, "match")),
        )
    if earlier.source == row.source:
        message = f"Trùng CCCD {number} với {where}" if number else f"Trùng mã hồ sơ với {where}"
        return replace(row, problems=(*row.problems, RowProblem(row.source, row.line, message, True, "match")))
    units = " và ".join(u for u in (earlier.unit_code, row.unit_code) if u)
    what = f"CCCD {number}" if number else "Mã hồ sơ"
    differs = "thông tin khác nhau" if not same_person else "ở đơn vị khác"
    message = (
        f"Xung đột: {what} cũng có ở {where}, {differs}"
        + (f" (đơn vị {units})" if units else "")
        + " — chưa nhập dòng này; chọn giữ bản đã có hoặc lấy bản của tệp này"
    )
    return replace(
        row,
        match=MatchKind.CONFLICT,
        person_id=earlier.person_id,
        existing_name=earlier.values.get("full_name", ""),
        same_as=earlier.key,
        changes=_value_changes(earlier.values, values),
        problems=(*row.problems, RowProblem(row.source, row.line, message, False, "conflict")),
    )


def _name_key(values: dict[str, Any]) -> tuple[str, int] | None:
    """The folded name and birth year a row is matched by when it has no CCCD in common (None: not both)."""
    name, born = values.get("full_name"), values.get("date_of_birth")
    return (fold(name), born.year) if name and born else None


def _namesake(values: dict[str, Any], earlier: Sequence[ImportRow]) -> ImportRow | None:
    """The first earlier row of this import with the same name and birth year, as :func:`_match_db` asks it."""
    number = values.get("id_number")
    for row in earlier:
        if number and row.values.get("id_number") and row.values["id_number"] != number:
            continue  # two different CCCDs: two different people
        return row
    return None


def _value_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[Change, ...]:
    """What taking *new* instead of *old* changes in the person (a conflict between two files)."""
    changes = []
    for name, label in PERSON_FIELDS.items():
        if new.get(name) not in (None, "") and new.get(name) != old.get(name):
            changes.append(Change(name, label, show_value(name, old.get(name), old), show_value(name, new[name], new)))
    return tuple(changes)


#: departure fields an update of a known departure (same person, market and date) may change
DEPARTURE_UPDATES = {"status_abroad": "Tình trạng ở nước ngoài", "is_legal": "Xuất cảnh hợp pháp"}


def _departure_changes(values: dict[str, Any], recorded: dict[str, Any]) -> list[Change]:
    changes = []
    for name, label in DEPARTURE_UPDATES.items():
        new, old = values.get(name), recorded.get(name)
        if new is None or not recorded:
            continue
        if name == "status_abroad" and isinstance(old, str):
            old = StatusAbroad(old)
        if old != new:
            changes.append(Change(f"departure.{name}", label, show_value(name, old), show_value(name, new)))
    return changes


def _owner_key(row: ImportRow) -> Any:
    return ("row", row.source, row.line)


def _match_db(
    row: ImportRow,
    found: dict[str, dict[Any, dict[str, Any]]],
    departures: dict[Any, set[tuple[str, date]]],
) -> ImportRow:
    values = row.values
    number, record_uuid = values.get("id_number"), values.get("uuid")
    person = found["uuid"].get(record_uuid) if record_uuid else None
    kind = MatchKind.UUID
    if person is None and number:
        person = found["id_number"].get(number)
        kind = MatchKind.CCCD
    if person is not None and number and person.get("id_number") != number:
        holder = found["id_number"].get(number)
        if holder is not None and holder["id"] != person["id"]:
            # The unique CCCD index would refuse the update at commit: say it here, on the row.
            message = (
                f"CCCD {number} đã thuộc hồ sơ khác: {holder['full_name']}"
                + (f" (sinh {format_date(holder['date_of_birth'])})" if holder.get("date_of_birth") else "")
                + f" — không đổi được CCCD của {person['full_name']} thành số này"
            )
            return replace(
                row,
                match=kind,
                person_id=person["id"],
                existing_name=person["full_name"],
                problems=(*row.problems, RowProblem(row.source, row.line, message, True, "match")),
            )
    if person is not None:
        changes = list(_changes(row, person))
        if row.has_departure and (values["market_code"], values["departed_on"]) not in departures.get(
            person["id"], set()
        ):
            shown = f"{values['market_code']}, {format_date(values['departed_on'])}"
            changes.append(Change("departure", "Lượt xuất cảnh", "", f"thêm ({shown})"))
        elif row.has_departure:
            recorded = found.get("trips", {}).get((person["id"], values["market_code"], values["departed_on"]), {})
            changes.extend(_departure_changes(values, recorded))
        return replace(
            row, match=kind, person_id=person["id"], existing_name=person["full_name"], changes=tuple(changes)
        )

    name_key = fold(values.get("full_name"))
    year = values["date_of_birth"].year if values.get("date_of_birth") else None
    for candidate in found["name"].get(name_key, {}).values():
        born = candidate.get("date_of_birth")
        if year is None or born is None or born.year != year:
            continue
        if number and candidate.get("id_number") and candidate["id_number"] != number:
            continue  # two different CCCDs: two different people
        message = (
            f"Có thể trùng với {candidate['full_name']} (sinh {format_date(born)}) đã có — hãy chọn nhập mới hay bỏ qua"
        )
        return replace(
            row,
            match=MatchKind.CANDIDATE,
            person_id=candidate["id"],
            existing_name=candidate["full_name"],
            problems=(*row.problems, RowProblem(row.source, row.line, message, False, "match")),
        )
    return row


def match_previews(engine: Engine, previews: Sequence[ImportPreview]) -> list[ImportPreview]:
    """:func:`match_rows` on a read connection."""
    from ..access import Permission, require_unlimited

    require_unlimited(engine, Permission.IMPORT)
    try:
        with engine.connect() as conn:
            return match_rows(conn, previews)
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise


def revise_row(
    engine: Engine, previews: Sequence[ImportPreview], *, source: str, line: int, field_name: str, value: Any
) -> list[ImportPreview]:
    """The previews with one cell of one row corrected (as the user types it in the preview), re-matched."""
    from ..access import Permission, require_unlimited

    require_unlimited(engine, Permission.IMPORT)
    if field_name not in FIELDS:
        raise ValueError(field_name)

    def revise(row: ImportRow) -> ImportRow:
        if row.key != (source, line):
            return row
        raw = {**row.raw, field_name: value}
        return parse_row(raw, source=source, line=line, context=_context(engine, None, row.unit_code))

    return match_previews(engine, _each_row(previews, revise))


def unit_id_for(conn: Connection, code: str | None) -> int | None:
    """The commune with this code (a current one first), for ``person.commune_id``."""
    if not code:
        return None
    table = AdministrativeUnit.__table__  # type: ignore[attr-defined]
    query = (
        sa.select(table.c.id)
        .where(table.c.code == code, table.c.level == UnitLevel.COMMUNE)
        .order_by(table.c.legacy)
        .limit(1)
    )
    return conn.scalar(query)
