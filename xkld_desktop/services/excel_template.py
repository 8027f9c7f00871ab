"""Điền mẫu Excel của người dùng — fill a workbook the user supplies, keeping its formatting.

Provinces send their own forms. The user writes placeholders into the cells of an ordinary
``.xlsx`` (made in Excel, fonts, borders, merged cells and widths as they like), and
:func:`fill_template` writes a copy with the figures and lists of a period filled in. The template
itself is never changed; the result is written to a temporary file and renamed at the end.

Placeholders — ``{{key}}`` anywhere in a text cell (several per cell are fine, keys are not case
sensitive):

- **the unit and the period**: ``{{don_vi}}`` (the issuing unit, e.g. "UBND xã An Bình"),
  ``{{don_vi_in_hoa}}`` (the same in capitals), ``{{dia_danh}}`` ("An Bình"), ``{{cac_xa}}``
  (the communes reported, or "tất cả các xã, phường"), ``{{tu_ngay}}``, ``{{den_ngay}}``
  (dd/mm/yyyy), ``{{ky_bao_cao}}`` ("năm 2025", "quý III năm 2025" …), ``{{ngay_lap}}`` ("An Bình,
  ngày 25 tháng 11 năm 2026"), ``{{nam}}`` (the year of the period's end);
- **figures**: ``{{xuat_canh}}`` (departures), ``{{xuat_canh_trai_phep}}``, ``{{chi_tieu}}``
  (target), ``{{ty_le}}`` (% achieved, whole number), ``{{dat_chi_tieu}}`` ("335/250, đạt 134 %"),
  ``{{dang_o_nuoc_ngoai}}``, ``{{bo_tron}}``, ``{{ty_le_bo_tron}}``, ``{{ve_nuoc}}``,
  ``{{vay_von}}``, ``{{vay_von_tien}}``, ``{{vay_nhcsxh}}``, ``{{vay_nhcsxh_tien}}``,
  ``{{thu_nhap_binh_quan}}``, ``{{ho_thanh_vien_clb}}``, ``{{sinh_hoat_clb}}``, ``{{tham_hoi}}``,
  ``{{tu_van}}``, ``{{luot_tu_van}}`` — and every scalar key of ``stats --json`` under its own
  English name (``{{departures}}``, ``{{currently_abroad}}``, ``{{loans_nhcsxh_amount}}`` …);
- **row counts**: ``{{so_dong_departed}}`` etc. — the number of rows written for a list.

A cell that holds exactly one placeholder receives the value itself (a number stays a number,
a date a real Excel date — shown dd/mm/yyyy unless the cell has its own format), so that the
template's own formulas can compute with it. A placeholder inside longer text is replaced by its
text (numbers with Vietnamese separators ``1.234``).

**A repeated row** — a row with ``{{#dong LIST}}`` in one of its cells is copied once per record,
with its styles, height and merged cells; the marker is removed and the row's placeholders are
filled from the record. ``LIST`` is one of the Excel lists — ``departed`` (xuất cảnh trong kỳ),
``returned`` (về nước), ``review`` (rà soát), ``club`` (hộ thành viên CLB) — or ``communes``
(one row a commune: xuất cảnh, chỉ tiêu, tỷ lệ) or ``markets`` (one row a market). Row
placeholders: ``{{stt}}`` (1, 2, 3 …), ``{{xa}}``, ``{{ma_xa}}``, and the list's columns under the
keys of the Excel lists' data sheet or their Vietnamese names: ``{{ho_ten}}`` (full_name),
``{{gioi_tinh}}``, ``{{ngay_sinh}}``, ``{{cccd}}`` (id_number), ``{{dien_thoai}}``, ``{{ap}}``
(hamlet), ``{{thi_truong}}`` (market), ``{{chuong_trinh}}``, ``{{doanh_nghiep}}``,
``{{nganh_nghe}}``, ``{{noi_lam_viec}}``, ``{{ngay_xuat_canh}}``, ``{{thoi_han}}``,
``{{ngay_het_han}}``, ``{{hop_phap}}``, ``{{tinh_trang}}``, ``{{ghi_chu}}``, ``{{ngay_ve}}``,
``{{thoi_diem_ve}}``, ``{{ly_do}}``, ``{{khai_bao_cu_tru}}``, ``{{ngay_theo_doi}}``,
``{{viec_lam}}``, ``{{thu_nhap}}``, ``{{nam}}``, ``{{phan_loai}}``, ``{{nhom}}``,
``{{thi_truong_mong_muon}}``, ``{{da_tu_van}}``, ``{{cau_lac_bo}}``, ``{{chu_ho}}``,
``{{dia_chi}}``, ``{{dien_ho}}``, ``{{ngay_vao}}``; for ``communes``: ``{{xa}}``,
``{{xuat_canh}}``, ``{{chi_tieu}}``, ``{{ty_le}}``, ``{{dat_chi_tieu}}``; for ``markets``:
``{{thi_truong}}``, ``{{so_nguoi}}``, ``{{ty_le}}``. The period's placeholders work in a repeated
row too. A list with no record removes its marked row.

Safety: text that comes from the database and begins with ``=``, ``+``, ``-``, ``@`` or a tab is
written as text with Excel's quote prefix (never a formula). An unknown placeholder or list is
refused with the cell named (:class:`.errors.Refused`), and nothing is written. The template's
own formulas are kept as written; rows added for a list do not move the references of formulas
below it — put totals there with placeholders (``{{xuat_canh}}``, ``{{so_dong_departed}}``).
The template is read with openpyxl, which parses XML through defusedxml when it is installed.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from copy import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import sqlalchemy as sa
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.engine import Engine

from ..domain.enums import LabeledEnum
from ..domain.validation import format_date, format_money
from ..store.errors import classify
from .errors import Refused
from .excel_export import (  # the Excel lists' own query and row shaping: one definition
    LISTS,
    SPECS,
    ExportCancelled,
    is_formula_like,
    list_cells,
    list_query,
    restrict_list_query,
)
from .report_pdf import Issuer, date_line, period_text
from .settings import get_own_unit
from .stats import ReportStats, compute_stats, rate_percent

__all__ = ["ALIASES", "REPEAT_SOURCES", "fill_template", "scalar_values"]

PLACEHOLDER = re.compile(r"\{\{\s*([#A-Za-z0-9_]+(?:\s+[A-Za-z_]+)?)\s*\}\}")
MARKER = re.compile(r"\{\{\s*#dong\s+([A-Za-z_]+)\s*\}\}", re.IGNORECASE)
REPEAT_SOURCES = (*LISTS, "communes", "markets")
_BATCH = 2000

#: Vietnamese placeholder names of the Excel lists' columns (data-sheet keys)
ALIASES: dict[str, str] = {
    "ho_ten": "full_name",
    "gioi_tinh": "gender",
    "ngay_sinh": "date_of_birth",
    "cccd": "id_number",
    "dien_thoai": "phone",
    "ap": "hamlet",
    "thi_truong": "market",
    "chuong_trinh": "programme",
    "doanh_nghiep": "company",
    "nganh_nghe": "occupation",
    "noi_lam_viec": "employer",
    "ngay_xuat_canh": "departed_on",
    "thoi_han": "contract_months",
    "ngay_het_han": "expected_end_on",
    "hop_phap": "is_legal",
    "tinh_trang": "status_abroad",
    "ghi_chu": "notes",
    "ngay_ve": "returned_on",
    "thoi_diem_ve": "timing",
    "ly_do": "reason",
    "khai_bao_cu_tru": "residence_notified",
    "ngay_theo_doi": "followed_on",
    "viec_lam": "employment",
    "thu_nhap": "monthly_income",
    "phan_loai": "classification",
    "nhom": "outreach_group",
    "thi_truong_mong_muon": "wished_market",
    "da_tu_van": "counselled",
    "cau_lac_bo": "club",
    "chu_ho": "head_name",
    "dia_chi": "address",
    "dien_ho": "poverty_status",
    "ngay_vao": "joined_on",
    "nam": "year",
}


class _Unknown(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


# --------------------------------------------------------------------------- values


def scalar_values(stats: ReportStats, issuer: Issuer, unit_display: str) -> dict[str, Any]:
    """The period's placeholders (Vietnamese names, then every flat scalar of ``stats --json``)."""
    values: dict[str, Any] = {
        key: value for key, value in stats.to_json().items() if isinstance(value, str | int | float) or value is None
    }
    values.update(
        {
            "date_from": stats.date_from,
            "date_to": stats.date_to,
            "don_vi": unit_display,
            "don_vi_in_hoa": unit_display.upper(),
            "dia_danh": issuer.place,
            "cac_xa": ", ".join(stats.unit_names) if stats.unit_names else "tất cả các xã, phường",
            "tu_ngay": stats.date_from,
            "den_ngay": stats.date_to,
            "ky_bao_cao": period_text(stats.date_from, stats.date_to),
            "ngay_lap": date_line(issuer.place, issuer.issued_on),
            "nam": stats.date_to.year,
            "xuat_canh": stats.departures,
            "xuat_canh_hop_phap": stats.departures_legal,
            "xuat_canh_trai_phep": stats.departures_illegal,
            "chi_tieu": stats.target,
            "ty_le": stats.percent,
            "dat_chi_tieu": stats.achieved_text,
            "dang_o_nuoc_ngoai": stats.currently_abroad,
            "bo_tron": stats.absconded,
            "ty_le_bo_tron": stats.absconding_rate_percent,
            "ve_nuoc": stats.returns,
            "vay_von": stats.loans,
            "vay_von_tien": stats.loans_amount,
            "vay_nhcsxh": stats.loans_nhcsxh,
            "vay_nhcsxh_tien": stats.loans_nhcsxh_amount,
            "thu_nhap_binh_quan": stats.returnees_average_income,
            "ho_thanh_vien_clb": stats.club_member_households,
            "sinh_hoat_clb": stats.club_meetings,
            "tham_hoi": stats.family_visits,
            "tu_van": stats.outreach_sessions,
            "luot_tu_van": stats.outreach_attendance,
        }
    )
    return values


#: numbers written without thousands separators inside text ("năm 2025", not "năm 2.025")
PLAIN_NUMBERS = frozenset({"nam", "year", "stt", "thoi_han", "contract_months"})


def _text_of(value: Any, key: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, LabeledEnum):
        return value.label("vi")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int):
        return str(value) if key.lower() in PLAIN_NUMBERS else format_money(value)
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _cell_value(value: Any) -> Any:
    """What a cell holding only this placeholder receives: numbers and dates as such, labels as text."""
    if isinstance(value, LabeledEnum):
        return value.label("vi")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return value


def _lookup(key: str, context: dict[str, Any]) -> Any:
    key = key.lower()
    if key in context:
        return context[key]
    alias = ALIASES.get(key)
    if alias is not None and alias in context:
        return context[alias]
    raise _Unknown(key)


def _fill_cell(cell: Cell, context: dict[str, Any]) -> None:
    """Replace the placeholders of a text cell from *context* (raises :class:`_Unknown`)."""
    text = cell.value
    if not isinstance(text, str) or "{{" not in text:
        return
    whole = PLACEHOLDER.fullmatch(text.strip())
    if whole is not None:
        value = _cell_value(_lookup(whole.group(1), context))
    else:
        value = PLACEHOLDER.sub(lambda m: _text_of(_lookup(m.group(1), context), m.group(1)), text)
    if isinstance(value, datetime | date):
        own_format = cell.number_format != "General"
        fmt = cell.number_format
        cell.value = value  # openpyxl sets yyyy-mm-dd on a General cell: dd/mm/yyyy, or the template's own
        cell.number_format = fmt if own_format else "DD/MM/YYYY"
    elif isinstance(value, str):
        _put_text(cell, value)
    else:
        cell.value = value


def _put_text(cell: Cell, text: str) -> None:
    """Write *text* as text: a formula-like text gets type string and Excel's quote prefix."""
    cell.value = text
    if is_formula_like(text):
        cell.data_type = "s"
        cell.quotePrefix = True


# --------------------------------------------------------------------------- repeated rows


def _markers(sheet: Worksheet) -> list[tuple[int, int, str]]:
    """(row, column, list) of every marked row, top to bottom (one marker a row)."""
    found = []
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "{{" in cell.value:
                match = MARKER.search(cell.value)
                if match is not None:
                    found.append((cell.row, cell.column, match.group(1).lower()))
                    break
    return found


def _list_rows(conn: Any, source: str, d0: date, d1: date, ids: list[int] | None) -> Iterator[dict[str, Any]]:
    query, _commune = list_query(source, d0, d1, ids)
    query = restrict_list_query(conn, source, query)  # a club leader's club only; CCCD masked if not allowed
    keys = [c.key for c in SPECS[source].columns]
    result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(query)
    try:
        for number, row in enumerate(result, 1):
            record = dict(zip(keys, list_cells(source, row), strict=True))
            record.update(stt=number, xa=row[2] or "", ma_xa=row[1] or "", commune=row[2] or "")
            # the Vietnamese names too, so that a record's column wins over a period placeholder of that name
            record.update({vi: record[key] for vi, key in ALIASES.items() if key in record})
            yield record
    finally:
        result.close()


def _stats_rows(source: str, stats: ReportStats) -> list[dict[str, Any]]:
    if source == "communes":
        return [
            {
                "stt": i,
                "xa": r.name,
                "commune": r.name,
                "xuat_canh": r.departures,
                "departures": r.departures,
                "chi_tieu": r.target or None,
                "target": r.target or None,
                "ty_le": r.percent,
                "percent": r.percent,
                "dat_chi_tieu": r.achieved_text,
            }
            for i, r in enumerate(stats.by_commune, 1)
        ]
    total = stats.departures
    return [
        {
            "stt": i,
            "thi_truong": line.label,
            "market": line.label,
            "so_nguoi": line.count,
            "count": line.count,
            "ty_le": rate_percent(line.count, total),  # rounded half up, as the PDF's shares
        }
        for i, line in enumerate(stats.by_market, 1)
    ]


def _shift_below(sheet: Worksheet, row: int, by: int) -> None:
    """After rows were inserted (by > 0) or deleted (by < 0) below *row*: move merges and heights too."""
    for merged in list(sheet.merged_cells.ranges):
        if merged.min_row > row:
            sheet.merged_cells.remove(merged)
            merged.shift(0, by)
            sheet.merged_cells.add(merged)
    heights = {r: dim.height for r, dim in list(sheet.row_dimensions.items()) if r > row and dim.height is not None}
    for r in heights:
        sheet.row_dimensions[r].height = None
    for r, height in heights.items():
        if r + by > row:
            sheet.row_dimensions[r + by].height = height


def _expand(
    sheet: Worksheet,
    row: int,
    marker_col: int,
    records: Sequence[dict[str, Any]],
    scalars: dict[str, Any],
    where: str,
    tick: Callable[[], None],
) -> None:
    """Copy the marked *row* once per record (styles, height, merges) and fill it."""
    template = []
    for cell in sheet[row]:
        if isinstance(cell, MergedCell):
            template.append((cell.column, None, None))
            continue
        value = cell.value
        if cell.column == marker_col and isinstance(value, str):
            value = MARKER.sub("", value) or None
        template.append((cell.column, value, cell._style))
    height = sheet.row_dimensions[row].height
    row_merges = [m for m in sheet.merged_cells.ranges if m.min_row == row == m.max_row]
    count = len(records)
    if count == 0:
        for merged in row_merges:
            sheet.merged_cells.remove(merged)
        sheet.delete_rows(row, 1)
        _shift_below(sheet, row, -1)
        return
    if count > 1:
        sheet.insert_rows(row + 1, count - 1)
        _shift_below(sheet, row, count - 1)
    for offset, record in enumerate(records):
        target = row + offset
        context = {**scalars, **record}
        for column, value, style in template:
            if style is None:
                continue
            cell = sheet.cell(row=target, column=column)
            cell._style = copy(style)
            cell.value = value
            try:
                _fill_cell(cell, context)
            except _Unknown as unknown:
                raise Refused(_unknown_message(unknown.key, f"{where}!{cell.coordinate}")) from None
        if offset:
            if height is not None:
                sheet.row_dimensions[target].height = height
            for merged in row_merges:
                sheet.merge_cells(
                    start_row=target, start_column=merged.min_col, end_row=target, end_column=merged.max_col
                )
        tick()


def _unknown_message(key: str, where: str) -> str:
    return (
        f"Ô {where} của mẫu có chỗ điền “{{{{{key}}}}}” không rõ nghĩa. "
        "Xem danh sách các chỗ điền trong resources/templates/README.md."
    )


# --------------------------------------------------------------------------- the service


def fill_template(
    engine: Engine,
    *,
    template_path: str | os.PathLike[str],
    date_from: date,
    date_to: date,
    path: str | os.PathLike[str],
    unit_ids: Sequence[int] | None = None,
    issued_on: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Fill the workbook at *template_path* for the period and write it to *path*; return the list rows written.

    Raises :class:`Refused` (Vietnamese message, nothing written) when the template cannot be read
    or names an unknown placeholder or list, :class:`ExportCancelled` when ``cancelled()`` turned
    true. See the module docstring for the placeholders.
    """
    from .access import Permission, require

    require(engine, Permission.EXPORT_PERSONAL)
    if date_to < date_from:
        raise ValueError("Ngày cuối kỳ phải sau ngày đầu kỳ")
    ids = list(unit_ids) if unit_ids is not None else None
    source_path = Path(template_path)
    if source_path.resolve() == Path(path).resolve():
        raise Refused("Hãy ghi kết quả ra một tệp khác: tệp mẫu phải được giữ nguyên.")
    try:
        book = openpyxl.load_workbook(source_path)
    except FileNotFoundError:
        raise Refused(f"Không tìm thấy tệp mẫu “{source_path}”.") from None
    except Exception as error:  # a broken zip, not a workbook, unsafe XML…
        raise Refused(
            f"Không đọc được tệp mẫu “{source_path.name}”: tệp phải là sổ tính Excel .xlsx ({error})."
        ) from None

    stats = compute_stats(engine, date_from=date_from, date_to=date_to, unit_ids=ids)
    own = get_own_unit(engine)
    issuer = Issuer.from_unit(own, issued_on=issued_on or date.today())
    unit_display = (own.display_name or f"UBND {own.name}") if own else ""
    scalars = scalar_values(stats, issuer, unit_display)
    report = progress or (lambda done, total: None)
    written = 0
    total = 0

    def tick() -> None:
        nonlocal written
        written += 1
        if written % _BATCH == 0:
            report(written, total)
            if cancelled is not None and cancelled():
                raise ExportCancelled

    # 1. the records of every marked row; 2. the period's placeholders everywhere but in marked rows
    # (so that a record's own text is never read as a placeholder); 3. the marked rows, bottom up.
    plans: list[tuple[Worksheet, int, int, Sequence[dict[str, Any]]]] = []
    try:
        with engine.connect() as conn:
            for sheet in book.worksheets:
                for row, column, source in _markers(sheet):
                    where = f"{sheet.title}!{sheet.cell(row=row, column=column).coordinate}"
                    if source not in REPEAT_SOURCES:
                        raise Refused(
                            f"Ô {where} của mẫu đánh dấu lặp danh sách “{source}” không có; "
                            f"chọn một trong: {', '.join(REPEAT_SOURCES)}."
                        )
                    if source in LISTS:
                        records: Sequence[dict[str, Any]] = list(_list_rows(conn, source, date_from, date_to, ids))
                    else:
                        records = _stats_rows(source, stats)
                    scalars[f"so_dong_{source}"] = scalars.get(f"so_dong_{source}", 0) + len(records)
                    plans.append((sheet, row, column, records))
                    if cancelled is not None and cancelled():
                        raise ExportCancelled
            conn.rollback()
    except sa.exc.SQLAlchemyError as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise
    for source in REPEAT_SOURCES:
        scalars.setdefault(f"so_dong_{source}", 0)
    total = sum(len(plan[3]) for plan in plans)
    report(0, total)
    for sheet in book.worksheets:
        marked = {row for owner, row, _col, _records in plans if owner is sheet}
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell, MergedCell) or cell.row in marked:
                    continue
                try:
                    _fill_cell(cell, scalars)
                except _Unknown as unknown:
                    raise Refused(_unknown_message(unknown.key, f"{sheet.title}!{cell.coordinate}")) from None
    for sheet, row, column, records in reversed(plans):
        _expand(sheet, row, column, records, scalars, sheet.title, tick)
    if cancelled is not None and cancelled():
        raise ExportCancelled

    final = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=final.parent)
    os.close(fd)
    try:
        book.save(tmp)
        people = sum(int(scalars.get(f"so_dong_{source}", 0)) for source in LISTS)
        if people:  # lists of people leave the program: an audit line first (no line, no file)
            from .audit import record_export

            detail = {"from": date_from, "to": date_to, "file": final.name, "template": source_path.name}
            record_export(engine, kind="template", count=people, detail=detail)
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    report(written, written)
    return written
