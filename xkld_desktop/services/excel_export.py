"""Danh sách Excel — the lists a commune sends upward, one row a person.

Lists (:data:`LISTS`): ``departed`` (xuất cảnh trong kỳ), ``returned`` (về nước trong kỳ, with the
latest follow-up), ``review`` (rà soát lao động trong độ tuổi, the years of the period) and ``club``
(hộ thành viên CLB on the period's last day).

Each workbook has two sheets:

- **Danh sách** — for people to read and print: the unit's title rows, a bold bordered header,
  numbered rows (STT) grouped under a bold row per commune (a former commune marked "(trước
  01/07/2025)"), frozen header, dates as real Excel dates shown ``dd/mm/yyyy``, years without a
  thousands separator, CCCD and phone as text (leading zeros kept), column widths set, text
  wrapped in its column (the rows have no fixed height: they grow with it), printed A4 landscape
  one page wide; a last line "Tổng cộng: 1.234 người" (the club list: "… hộ");
- **du_lieu** — for programs (the import/merge issue): one header row of stable keys
  (:func:`data_keys`), one row per record, the record's ``uuid`` then its person's
  ``person_uuid`` (the household head's for the club list, when the head is a recorded person)
  last, nothing else; enums as their stored values (``male``, ``jp_tits``), yes/no as 1/0, dates
  as Excel dates. The import matches ``person_uuid`` first, so an export imported into an empty
  database gives the same people and departures back.

Written by our own streaming writer (:mod:`.xlsx_stream`: rows streamed from one SQL query, a
fixed amount of memory whatever the size, faster than xlsxwriter's constant-memory mode writing the
rows bare). Every text cell is an inline string, which Excel never evaluates: a text that begins
with ``=``, ``+``, ``-``, ``@`` or a tab stays text and also gets Excel's quote prefix, so Excel
never runs it as a formula, even when the cell is edited. The file is written to a temporary
name and renamed at the end: a cancelled or failed export leaves no half-written file.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..domain.enums import DatePrecision, LabeledEnum
from ..domain.models import (
    AdministrativeUnit,
    ClubMembership,
    Departure,
    FamilyClub,
    Household,
    Market,
    Person,
    PlacementCompany,
    ReturnFollowUp,
    WorkerReturn,
    YearlyReview,
)
from ..domain.numbers import group_digits
from ..domain.validation import format_date
from ..store.errors import classify
from .settings import get_own_unit
from .xlsx_stream import StreamingWorkbook

LISTS = ("departed", "returned", "review", "club")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: after a former commune's name (abolished by the 1 July 2025 merger, ``legacy`` in the database)
LEGACY_MARK = "(trước 01/07/2025)"
_BATCH = 2000

_person = Person.__table__  # type: ignore[attr-defined]
_departure = Departure.__table__  # type: ignore[attr-defined]
_return = WorkerReturn.__table__  # type: ignore[attr-defined]
_follow = ReturnFollowUp.__table__  # type: ignore[attr-defined]
_unit = AdministrativeUnit.__table__  # type: ignore[attr-defined]
_market = Market.__table__  # type: ignore[attr-defined]
_company = PlacementCompany.__table__  # type: ignore[attr-defined]
_review = YearlyReview.__table__  # type: ignore[attr-defined]
_club = FamilyClub.__table__  # type: ignore[attr-defined]
_membership = ClubMembership.__table__  # type: ignore[attr-defined]
_household = Household.__table__  # type: ignore[attr-defined]


class ExportCancelled(Exception):
    """The user cancelled the export; no file was written."""

    message = "Đã hủy xuất danh sách, không ghi tệp nào."


@dataclass(frozen=True)
class Column:
    """One column of a list: its stable data key, its Vietnamese title, its kind and width."""

    key: str
    title: str
    kind: str = "text"  # text | date | int | year | bool | birth
    width: float = 14


@dataclass(frozen=True)
class ListSpec:
    key: str
    title: str  # "DANH SÁCH NGƯỜI LAO ĐỘNG XUẤT CẢNH"
    columns: tuple[Column, ...]


_PERSON_COLUMNS = (
    Column("full_name", "Họ và tên", width=24),
    Column("gender", "Giới tính", width=8),
    Column("date_of_birth", "Ngày sinh", "birth", 11),
    Column("id_number", "Số CCCD/CMND", width=14),
    Column("phone", "Điện thoại", width=12),
    Column("hamlet", "Ấp/thôn", width=14),
)

SPECS: dict[str, ListSpec] = {
    "departed": ListSpec(
        "departed",
        "DANH SÁCH NGƯỜI LAO ĐỘNG XUẤT CẢNH ĐI LÀM VIỆC Ở NƯỚC NGOÀI",
        (
            *_PERSON_COLUMNS,
            Column("market", "Thị trường", width=14),
            Column("programme", "Chương trình", width=20),
            Column("company", "Doanh nghiệp đưa đi", width=28),
            Column("occupation", "Ngành nghề", width=16),
            Column("employer", "Nơi làm việc", width=20),
            Column("departed_on", "Ngày xuất cảnh", "date", 11),
            Column("contract_months", "Thời hạn HĐ (tháng)", "int", 9),
            Column("expected_end_on", "Ngày hết hạn HĐ", "date", 11),
            Column("is_legal", "Hợp pháp", "bool", 8),
            Column("status_abroad", "Tình trạng", width=16),
            Column("notes", "Ghi chú", width=20),
        ),
    ),
    "returned": ListSpec(
        "returned",
        "DANH SÁCH NGƯỜI LAO ĐỘNG VỀ NƯỚC",
        (
            *_PERSON_COLUMNS,
            Column("market", "Thị trường", width=14),
            Column("departed_on", "Ngày xuất cảnh", "date", 11),
            Column("returned_on", "Ngày về nước", "date", 11),
            Column("timing", "Thời điểm về", width=10),
            Column("reason", "Lý do về nước", width=22),
            Column("residence_notified", "Đã khai báo cư trú", "bool", 9),
            Column("followed_on", "Ngày theo dõi gần nhất", "date", 11),
            Column("employment", "Việc làm sau về nước", width=20),
            Column("monthly_income", "Thu nhập (đồng/tháng)", "int", 13),
            Column("notes", "Ghi chú", width=20),
        ),
    ),
    "review": ListSpec(
        "review",
        "DANH SÁCH RÀ SOÁT, PHÂN LOẠI LAO ĐỘNG TRONG ĐỘ TUỔI",
        (
            *_PERSON_COLUMNS,
            Column("year", "Năm", "year", 7),  # a year: no thousands separator (2023, not 2.023)
            Column("classification", "Phân loại", width=18),
            Column("outreach_group", "Nhóm đối tượng", width=22),
            Column("wished_market", "Thị trường mong muốn", width=14),
            Column("counselled", "Đã tư vấn", "bool", 8),
            Column("notes", "Ghi chú", width=20),
        ),
    ),
    "club": ListSpec(
        "club",
        "DANH SÁCH HỘ THÀNH VIÊN CÂU LẠC BỘ GIA ĐÌNH CÓ NGƯỜI ĐI LAO ĐỘNG Ở NƯỚC NGOÀI",
        (
            Column("club", "Câu lạc bộ", width=30),
            Column("head_name", "Chủ hộ", width=24),
            Column("hamlet", "Ấp/thôn", width=14),
            Column("address", "Địa chỉ", width=30),
            Column("phone", "Điện thoại", width=12),
            Column("poverty_status", "Diện hộ", width=16),
            Column("joined_on", "Ngày vào CLB", "date", 11),
            Column("notes", "Ghi chú", width=20),
        ),
    ),
}


def data_keys(list_name: str) -> list[str]:
    """The ``du_lieu`` header: the columns' keys, then ``commune_code``, ``commune``, ``uuid``, ``person_uuid``."""
    return [c.key for c in SPECS[list_name].columns] + ["commune_code", "commune", "uuid", "person_uuid"]


def is_formula_like(text: str) -> bool:
    """True for a text Excel would read as a formula (or a DDE payload) if it were typed in."""
    return text.startswith(FORMULA_STARTS)


# --------------------------------------------------------------------------- queries


def _person_cols() -> list[Any]:
    return [
        _person.c.full_name,
        _person.c.gender,
        _person.c.date_of_birth,
        _person.c.birth_precision,
        _person.c.id_number,
        _person.c.phone,
        _person.c.hamlet,
    ]


def list_query(list_name: str, d0: date, d1: date, ids: list[int] | None) -> tuple[sa.Select[Any], Any]:
    """The list's rows (commune id, code, name, legacy first; uuid and person_uuid last), and the commune column."""
    unit_head = [
        _unit.c.id.label("commune_id"),
        _unit.c.code.label("commune_code"),
        _unit.c.name.label("commune"),
        _unit.c.legacy.label("commune_legacy"),
    ]
    # by name, then by id: two communes of one name (the current one and its former self before the
    # 2025 merger) each stay one block under their own heading row
    by_commune = (_unit.c.name_key, _unit.c.id)
    if list_name == "club":
        where = [
            _membership.c.deleted_at.is_(None),
            _club.c.deleted_at.is_(None),
            _household.c.deleted_at.is_(None),
            _membership.c.joined_on <= d1,
            sa.or_(_membership.c.left_on.is_(None), _membership.c.left_on > d1),
        ]
        if ids is not None:
            where.append(_club.c.commune_id.in_(ids))
        query = (
            sa.select(
                *unit_head,
                _club.c.name,
                _household.c.head_name,
                _household.c.hamlet,
                _household.c.address,
                _household.c.phone,
                _household.c.poverty_status,
                _membership.c.joined_on,
                _household.c.notes,
                _membership.c.uuid,
                _person.c.uuid.label("person_uuid"),
            )
            .select_from(
                _membership.join(_club, _club.c.id == _membership.c.club_id)
                .join(_household, _household.c.id == _membership.c.household_id)
                .outerjoin(_unit, _unit.c.id == _club.c.commune_id)
                .outerjoin(
                    _person, sa.and_(_person.c.id == _household.c.head_person_id, _person.c.deleted_at.is_(None))
                )
            )
            .where(*where)
            .order_by(*by_commune, _club.c.name, _household.c.head_name_key, _membership.c.id)
        )
        return query, _club.c.commune_id

    live = [_person.c.deleted_at.is_(None)]
    if ids is not None:
        live.append(_person.c.commune_id.in_(ids))
    people = _person.outerjoin(_unit, _unit.c.id == _person.c.commune_id)
    if list_name == "departed":
        query = (
            sa.select(
                *unit_head,
                *_person_cols(),
                _market.c.name_vi,
                _departure.c.programme,
                _company.c.name,
                _departure.c.occupation,
                _departure.c.employer,
                _departure.c.departed_on,
                _departure.c.contract_months,
                _departure.c.expected_end_on,
                _departure.c.is_legal,
                _departure.c.status_abroad,
                _departure.c.notes,
                _departure.c.uuid,
                _person.c.uuid.label("person_uuid"),
            )
            .select_from(
                _departure.join(people, _person.c.id == _departure.c.person_id)
                .outerjoin(_market, _market.c.code == _departure.c.market_code)
                .outerjoin(_company, _company.c.id == _departure.c.company_id)
            )
            .where(*live, _departure.c.deleted_at.is_(None), _departure.c.departed_on.between(d0, d1))
            .order_by(*by_commune, _departure.c.departed_on, _person.c.sort_key, _departure.c.id)
        )
    elif list_name == "returned":
        ranked = (
            sa.select(
                _follow.c.return_id,
                _follow.c.followed_on,
                _follow.c.employment,
                _follow.c.monthly_income,
                sa.func.row_number()
                .over(partition_by=_follow.c.return_id, order_by=(_follow.c.followed_on.desc(), _follow.c.id.desc()))
                .label("rank"),
            )
            .where(_follow.c.deleted_at.is_(None), _follow.c.followed_on <= d1)
            .subquery()
        )
        latest = sa.select(ranked).where(ranked.c.rank == 1).subquery()
        query = (
            sa.select(
                *unit_head,
                *_person_cols(),
                _market.c.name_vi,
                _departure.c.departed_on,
                _return.c.returned_on,
                _return.c.timing,
                _return.c.reason,
                _return.c.residence_notified,
                latest.c.followed_on,
                latest.c.employment,
                latest.c.monthly_income,
                _return.c.notes,
                _return.c.uuid,
                _person.c.uuid.label("person_uuid"),
            )
            .select_from(
                _return.join(_departure, _departure.c.id == _return.c.departure_id)
                .join(people, _person.c.id == _departure.c.person_id)
                .outerjoin(_market, _market.c.code == _departure.c.market_code)
                .outerjoin(latest, latest.c.return_id == _return.c.id)
            )
            .where(
                *live,
                _return.c.deleted_at.is_(None),
                _departure.c.deleted_at.is_(None),
                _return.c.returned_on.between(d0, d1),
            )
            .order_by(*by_commune, _return.c.returned_on, _person.c.sort_key, _return.c.id)
        )
    elif list_name == "review":
        query = (
            sa.select(
                *unit_head,
                *_person_cols(),
                _review.c.year,
                _review.c.classification,
                _review.c.outreach_group,
                _market.c.name_vi,
                _review.c.counselled,
                _review.c.notes,
                _review.c.uuid,
                _person.c.uuid.label("person_uuid"),
            )
            .select_from(
                _review.join(people, _person.c.id == _review.c.person_id).outerjoin(
                    _market, _market.c.code == _review.c.wished_market_code
                )
            )
            .where(*live, _review.c.deleted_at.is_(None), _review.c.year.between(d0.year, d1.year))
            .order_by(*by_commune, _review.c.year, _person.c.sort_key, _review.c.id)
        )
    else:
        raise ValueError(f"Không có danh sách “{list_name}”: chọn một trong {', '.join(LISTS)}")
    return query, _person.c.commune_id


def restrict_list_query(bind: Any, list_name: str, query: sa.Select[Any]) -> sa.Select[Any]:
    """*query* (from :func:`list_query`) as the actor bound to *bind* may export it.

    A club leader gets their own club's households and people only; without CCCD_VIEW the CCCD
    column shows only its last four digits (``••••••••1234``, computed in SQL, portable).
    """
    from . import access

    if list_name == "club":
        return access.apply_scope(query, access.club_scope(bind, _club.c.id))
    query = access.apply_scope(query, access.person_scope(bind, _person.c.id))
    if access.shows_cccd(bind):
        return query
    number = _person.c.id_number
    length = sa.func.length(number)
    dots = sa.literal(access.MASK_CHAR * 12)
    masked = sa.case(
        (length > 4, sa.func.substr(dots, 1, length - 4).concat(sa.func.substr(number, length - 3))),
        else_=sa.func.substr(dots, 1, length),
    ).label("id_number")
    columns = [masked if column is number else column for column in query.selected_columns]
    return query.with_only_columns(*columns, maintain_column_froms=True)


# --------------------------------------------------------------------------- writing


class _Formats:
    """The cell styles of both sheets (indexes into the workbook's style table)."""

    def __init__(self, book: StreamingWorkbook) -> None:
        font = {"font_name": "Times New Roman", "font_size": 12}
        border = {**font, "border": True, "vertical": "center"}
        # text wraps inside its column: the data rows get no fixed height, so Excel and LibreOffice
        # fit each row to its longest text (a fixed height would clip it)
        self.text = book.style(**border, wrap=True)
        self.date = book.style(**border, num_format="dd/mm/yyyy", horizontal="center")
        self.int = book.style(**border, num_format="#,##0")
        self.year = book.style(**border, num_format="0", horizontal="center")  # 2023, never 2.023
        self.center = book.style(**border, horizontal="center")
        self.header = book.style(**border, bold=True, horizontal="center", wrap=True, fill="E6E6E6")
        self.group = book.style(**border, bold=True, fill="F2F2F2")
        self.unit = book.style(**font, bold=True)
        self.title = book.style(font_name="Times New Roman", font_size=14, bold=True, horizontal="center")
        self.subtitle = book.style(**font, italic=True, horizontal="center")
        self.data_date = book.style(num_format="dd/mm/yyyy")


def commune_heading(name: str | None, legacy: Any) -> str:
    """The bold row above a commune's people: its name, a former commune (before the 1 July 2025
    merger) marked so that it is told apart from the current commune of the same name."""
    if not name:
        return "Chưa rõ xã"
    return f"{name} {LEGACY_MARK}" if legacy else name


def total_line(list_name: str, count: int) -> str:
    """ "Tổng cộng: 9.196 người" (digits grouped); the club list counts households: "… hộ"."""
    return f"Tổng cộng: {group_digits(count)} {'hộ' if list_name == 'club' else 'người'}"


def header_height(spec: ListSpec) -> float:
    """The header row's height (points) for its longest title wrapped in its column (bold 12 pt)."""
    lines = 2
    for column in spec.columns:
        per_line = max(4, int(column.width * 0.9))  # a bold Times character is a little wider than a digit
        lines = max(lines, len(textwrap.wrap(column.title, per_line, break_long_words=False)))
    return 16.0 * lines + 2


def list_cells(list_name: str, row: Any) -> list[Any]:
    """The row's values in column order (dates as date, enums as Vietnamese labels)."""
    values = list(row[4:-2])  # the commune (id, code, name, legacy) opens the row; the uuids close it
    if list_name != "club":
        # person columns: full_name, gender, dob, precision, id, phone, hamlet → precision folded into dob
        dob, precision = values[2], values[3]
        if dob is not None and precision is DatePrecision.YEAR:
            dob = dob.year
        values[2:4] = [dob]
    return values


def export_list(
    engine: Engine,
    *,
    list_name: str,
    date_from: date,
    date_to: date,
    path: str | os.PathLike[str],
    unit_ids: Sequence[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the list *list_name* for the period to the .xlsx at *path*; return the number of rows.

    ``progress(done, total)`` is called every few thousand rows; when ``cancelled()`` turns true
    the export stops, removes its temporary file and raises :class:`ExportCancelled`.
    """
    if list_name not in SPECS:
        raise ValueError(f"Không có danh sách “{list_name}”: chọn một trong {', '.join(LISTS)}")
    from .access import Permission, require

    require(engine, Permission.EXPORT_PERSONAL)  # not a viewer; a club leader's list is limited below
    spec = SPECS[list_name]
    ids = list(unit_ids) if unit_ids is not None else None
    query, _commune_col = list_query(list_name, date_from, date_to, ids)
    query = restrict_list_query(engine, list_name, query)
    own = get_own_unit(engine)
    final = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=final.parent)
    os.close(fd)
    try:
        with engine.connect() as conn:
            counted = sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
            total = int(conn.execute(counted).scalar_one())
            written = _write(conn, spec, query, tmp, own, date_from, date_to, total, progress, cancelled)
            conn.rollback()
        if written:  # personal data leaves the program: an audit line first (no line, no file)
            from .audit import record_export

            period = {"from": date_from, "to": date_to, "file": final.name}
            record_export(engine, kind=f"list_{list_name}", count=written, detail=period)
        os.replace(tmp, final)
        return written
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        env = classify(error) if isinstance(error, Exception) else None
        if env is not None:
            raise env from error
        raise


def _write(
    conn: Any,
    spec: ListSpec,
    query: sa.Select[Any],
    tmp: str,
    own: Any,
    d0: date,
    d1: date,
    total: int,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> int:
    """Both sheets written side by side by :class:`~.xlsx_stream.StreamingWorkbook` (constant memory).

    Text is stored as inline strings, which Excel never evaluates; a text that would be a formula
    if typed in also gets the quote prefix (the writer picks the style's quoted twin).
    """
    with StreamingWorkbook(tmp) as book:
        fmt = _Formats(book)
        ncols = len(spec.columns) + 1
        sheet = book.add_sheet(
            "Danh sách",
            widths=[5, *(c.width for c in spec.columns)],
            freeze_rows=5,
            landscape=True,
            paper=9,  # A4
            fit_width=True,
            repeat_rows=(4, 4),
        )
        data = book.add_sheet("du_lieu", freeze_rows=1)
        unit_line = (own.display_name if own else "").upper()
        sheet.write_row(0, [unit_line], fmt.unit)
        sheet.write_row(1, [spec.title, *[None] * (ncols - 1)], fmt.title)
        sheet.merge(1, 0, 1, ncols - 1)
        period = f"Từ ngày {format_date(d0)} đến ngày {format_date(d1)}"
        if spec.key == "club":
            period = f"Đến ngày {format_date(d1)}"
        sheet.write_row(2, [period, *[None] * (ncols - 1)], fmt.subtitle)
        sheet.merge(2, 0, 2, ncols - 1)
        sheet.write_row(4, ["STT", *(c.title for c in spec.columns)], fmt.header, height=header_height(spec))
        data.write_row(0, data_keys(spec.key))

        row_no = 5
        done = 0
        group: Any = object()
        filler = [None] * (ncols - 1)
        labels: dict[Any, str] = {}
        bools = [c.kind == "bool" for c in spec.columns]
        years = [c.kind in ("birth", "year") for c in spec.columns]  # a year (of birth): no separator
        report = progress or (lambda done, total: None)
        report(0, total)
        result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(query)
        for row in result:
            if row[0] != group:
                group = row[0]
                sheet.write_row(row_no, [commune_heading(row[2], row[3]), *filler], fmt.group)
                sheet.merge(row_no, 0, row_no, ncols - 1)
                row_no += 1
            done += 1
            shown: list[Any] = [done]
            shown_styles = [fmt.center]
            plain: list[Any] = []
            plain_styles: list[int] = []
            for i, value in enumerate(list_cells(spec.key, row)):
                if isinstance(value, LabeledEnum):  # readable label for people, stable value for programs
                    label = labels.get(value)
                    if label is None:
                        label = labels[value] = value.label("vi")
                    shown.append(label)
                    shown_styles.append(fmt.text)
                    plain.append(value.value)
                    plain_styles.append(0)
                elif bools[i]:
                    shown.append(None if value is None or value == "" else ("Có" if value else "Không"))
                    shown_styles.append(fmt.text)
                    plain.append(1 if value else 0)
                    plain_styles.append(0)
                elif value is None or value == "":
                    shown.append(None)
                    shown_styles.append(fmt.text)
                    plain.append(None)
                    plain_styles.append(0)
                elif isinstance(value, date):
                    shown.append(value)
                    shown_styles.append(fmt.date)
                    plain.append(value)
                    plain_styles.append(fmt.data_date)
                elif isinstance(value, int | float):
                    shown.append(value)
                    shown_styles.append(fmt.year if years[i] else fmt.int)
                    plain.append(value)
                    plain_styles.append(0)
                else:
                    text = str(value)
                    shown.append(text)
                    shown_styles.append(fmt.text)
                    plain.append(text)
                    plain_styles.append(0)
            sheet.write_row(row_no, shown, shown_styles)
            plain += (row[1] or "", row[2] or "", row[-2], row[-1] or None)
            plain_styles += (0, 0, 0, 0)
            data.write_row(done, plain, plain_styles)
            row_no += 1
            if done % _BATCH == 0:
                report(done, total)
                if cancelled is not None and cancelled():
                    result.close()
                    raise ExportCancelled
        result.close()
        if cancelled is not None and cancelled():
            raise ExportCancelled
        sheet.write_row(row_no + 1, [total_line(spec.key, done)], fmt.unit, first_col=1)
    report(done, total)
    return done
