"""Danh sách xuất cảnh và về nước — the departures and returns lists (ids + paged rows).

Like :mod:`.people`, a list is two calls: the ordered ids of everything matching a filter
(:func:`list_departure_ids`, :func:`list_return_ids`) and the rows of the few ids on screen
(:func:`fetch_departure_rows`, :func:`fetch_return_rows`, one query whatever their number). So
60,000 departures cost a list of ints, and painting never runs a query per row.

Search is the people search: the text finds people by name (without marks, any word order),
CCCD or phone, and the list keeps the departures (returns) of the people found. Names are
the people search's match (``store.search.name_match_condition``: the candidates of the rarest
word, every word checked on the folded name) and numbers its prefix ranges on CCCD and phone
(``store.search.prefix_range``), both put straight into the list's query.

What the filters mean:
- ``year`` — the year of ``departed_on`` (departures) or of ``returned_on`` (returns);
- ``stage`` — :class:`DepartureStage`: planned (departure date after today, not returned),
  abroad (departed by today, not returned), returned, or departed (abroad or returned);
- ``status_abroad`` — the status recorded abroad (working, changed employer, absconded);
- ``is_legal`` — legal departures only (``True``) or illegal ones only (``False``);
- ``residence_notified`` / ``has_follow_up`` — returns with (``True``) or without (``False``)
  a residence notification / any follow-up;
- ``commune_ids`` — people registered in these communes;
- ``todo`` — the records of one of the "what to do next" lists (:mod:`.todo`).

Soft-deleted departures, returns and people never show. Each function takes *today* (default:
the computer's date) so that tests and reports can fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, bindparam, exists, false, func, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col

from ..domain.enums import (
    DatePrecision,
    EmploymentAfterReturn,
    LabeledEnum,
    Programme,
    ReturnReason,
    ReturnTiming,
    StatusAbroad,
)
from ..domain.models import Departure, Market, Person, PlacementCompany, ReturnFollowUp, WorkerReturn
from ..domain.text import fold
from ..store.facets import keys_in_use, years_in_use
from ..store.hints import by_scan
from ..store.search import name_match_condition, number_prefix, number_prefix_ids
from ..store.session import read_session
from . import access
from .access import Permission
from .people import DIGIT_QUERY_MIN, query_digits

if TYPE_CHECKING:
    from .todo import TodoKind

__all__ = [
    "DEPARTURE_SORTS",
    "RETURN_SORTS",
    "DepartureChoices",
    "DepartureFilter",
    "DepartureRow",
    "DepartureStage",
    "ReturnFilter",
    "ReturnRow",
    "count_departures",
    "count_returns",
    "departure_choices",
    "departure_conditions",
    "fetch_departure_rows",
    "fetch_return_rows",
    "list_departure_ids",
    "list_return_ids",
    "return_conditions",
    "return_years",
]


class DepartureStage(LabeledEnum):
    """Where a departure stands today (a filter of the departures list)."""

    PLANNED = "planned", "Chưa xuất cảnh (dự kiến)", "Planned (not yet left)"
    ABROAD = "abroad", "Đang ở nước ngoài", "Abroad now"
    RETURNED = "returned", "Đã về nước", "Returned"
    DEPARTED = "departed", "Đã xuất cảnh (kể cả đã về)", "Departed (returned or not)"


@dataclass(frozen=True)
class DepartureFilter:
    """What the departures list shows (every given condition must hold)."""

    query: str = ""
    market_code: str | None = None
    programme: Programme | None = None
    year: int | None = None
    stage: DepartureStage | None = None
    status_abroad: StatusAbroad | None = None
    is_legal: bool | None = None
    commune_ids: tuple[int, ...] = ()
    todo: TodoKind | None = None


@dataclass(frozen=True)
class ReturnFilter:
    """What the returns list shows (every given condition must hold)."""

    query: str = ""
    reason: ReturnReason | None = None
    timing: ReturnTiming | None = None
    year: int | None = None
    residence_notified: bool | None = None
    has_follow_up: bool | None = None
    market_code: str | None = None
    commune_ids: tuple[int, ...] = ()
    todo: TodoKind | None = None


@dataclass(frozen=True)
class DepartureRow:
    """One line of the departures list (a plain read object)."""

    id: int
    person_id: int
    full_name: str
    date_of_birth: date | None
    birth_precision: DatePrecision
    id_number: str | None
    phone: str | None
    hamlet: str
    market_code: str
    market_name: str
    programme: Programme
    company: str
    occupation: str
    departed_on: date
    contract_months: int | None
    expected_end_on: date | None
    is_legal: bool
    status_abroad: StatusAbroad
    returned_on: date | None


@dataclass(frozen=True)
class ReturnRow:
    """One line of the returns list (a plain read object)."""

    id: int
    departure_id: int
    person_id: int
    full_name: str
    date_of_birth: date | None
    birth_precision: DatePrecision
    id_number: str | None
    hamlet: str
    market_code: str
    market_name: str
    programme: Programme
    departed_on: date
    returned_on: date
    timing: ReturnTiming
    reason: ReturnReason
    residence_notified: bool
    residence_notified_on: date | None
    last_follow_up_on: date | None
    last_employment: EmploymentAfterReturn | None


@dataclass(frozen=True)
class DepartureChoices:
    """What the filters offer: the years and markets that occur in the records."""

    departure_years: tuple[int, ...]
    return_years: tuple[int, ...]
    markets: tuple[tuple[str, str, str], ...]  # (code, Vietnamese name, English name) in list order


def _read_whole(sorts: dict[str, tuple[Any, ...]]) -> dict[str, tuple[Any, ...]]:
    """*sorts* with every column :func:`~..store.hints.by_scan`: a list reads all its matches, and
    sorting those (60,000 departures, 20 ms) is cheaper than walking an index of all 200,000 people
    in order to probe each one's departures (by name: 0.19 → 0.08 s; returns by market: 0.24 → 0.05 s)."""
    return {key: tuple(by_scan(column) for column in columns) for key, columns in sorts.items()}


#: the columns both lists can be sorted by
_SHARED_SORTS: dict[str, tuple[Any, ...]] = {
    "name": (col(Person.sort_key),),
    "date_of_birth": (col(Person.date_of_birth),),
    "id_number": (col(Person.id_number),),
    "hamlet": (col(Person.hamlet),),
    "market": (col(Departure.market_code),),
    "departed_on": (col(Departure.departed_on),),
}
#: sort keys of the departures list → the columns they order by (the id breaks ties)
DEPARTURE_SORTS = _read_whole(
    {
        **_SHARED_SORTS,
        "programme": (col(Departure.programme),),
        "expected_end_on": (col(Departure.expected_end_on),),
        "status": (col(Departure.status_abroad),),
    }
)
#: sort keys of the returns list
RETURN_SORTS = _read_whole(
    {
        **_SHARED_SORTS,
        "returned_on": (col(WorkerReturn.returned_on),),
        "timing": (col(WorkerReturn.timing),),
        "reason": (col(WorkerReturn.reason),),
        "residence": (col(WorkerReturn.residence_notified), col(WorkerReturn.residence_notified_on)),
    }
)


def _today(today: date | None) -> date:
    return today or date.today()


def _year_range(column: Any, year: int) -> ColumnElement[bool]:
    return and_(column >= date(year, 1, 1), column < date(year + 1, 1, 1))


def _live_return() -> ColumnElement[bool]:
    """An undeleted return exists for the departure of the outer query."""
    return exists().where(col(WorkerReturn.departure_id) == col(Departure.id), col(WorkerReturn.deleted_at).is_(None))


def departure_conditions(conn: Connection, flt: DepartureFilter, *, today: date | None = None) -> list[Any]:
    """The conditions of *flt* on ``departure`` (joined to ``person``), search text excepted."""
    today = _today(today)
    access.require(conn, Permission.RECORDS_READ)
    where: list[Any] = [col(Departure.deleted_at).is_(None), col(Person.deleted_at).is_(None)]
    scope = access.person_scope(conn, col(Person.id))  # a club leader: their club's people
    if scope is not None:
        where.append(scope)
    if flt.market_code:
        where.append(col(Departure.market_code) == flt.market_code)
    if flt.programme is not None:
        where.append(col(Departure.programme) == flt.programme)
    if flt.year is not None:
        where.append(_year_range(col(Departure.departed_on), flt.year))
    if flt.status_abroad is not None:
        where.append(col(Departure.status_abroad) == flt.status_abroad)
    if flt.is_legal is not None:
        where.append(col(Departure.is_legal).is_(flt.is_legal))
    if flt.commune_ids:
        where.append(col(Person.commune_id).in_(flt.commune_ids))
    stage = flt.stage
    if stage is DepartureStage.PLANNED:
        where += [col(Departure.departed_on) > today, ~_live_return()]
    elif stage is DepartureStage.ABROAD:
        where += [by_scan(col(Departure.departed_on)) <= today, ~_live_return()]
    elif stage is DepartureStage.RETURNED:
        where.append(_live_return())
    elif stage is DepartureStage.DEPARTED:
        where.append(or_(by_scan(col(Departure.departed_on)) <= today, _live_return()))
    if flt.todo is not None:
        from .todo import departure_condition  # the to-do rules live in .todo, which uses this module

        where.append(departure_condition(conn, flt.todo, today=today))
    return where


def return_conditions(conn: Connection, flt: ReturnFilter, *, today: date | None = None) -> list[Any]:
    """The conditions of *flt* on ``worker_return`` joined to ``departure`` and ``person``."""
    today = _today(today)
    where: list[Any] = [
        col(WorkerReturn.deleted_at).is_(None),
        col(Departure.deleted_at).is_(None),
        col(Person.deleted_at).is_(None),
    ]
    access.require(conn, Permission.RECORDS_READ)
    scope = access.person_scope(conn, col(Person.id))  # a club leader: their club's people
    if scope is not None:
        where.append(scope)
    if flt.reason is not None:
        where.append(col(WorkerReturn.reason) == flt.reason)
    if flt.timing is not None:
        where.append(col(WorkerReturn.timing) == flt.timing)
    if flt.year is not None:
        where.append(_year_range(col(WorkerReturn.returned_on), flt.year))
    if flt.residence_notified is not None:
        where.append(col(WorkerReturn.residence_notified).is_(flt.residence_notified))
    if flt.has_follow_up is not None:
        followed = exists().where(
            col(ReturnFollowUp.return_id) == col(WorkerReturn.id), col(ReturnFollowUp.deleted_at).is_(None)
        )
        where.append(followed if flt.has_follow_up else ~followed)
    if flt.market_code:
        where.append(col(Departure.market_code) == flt.market_code)
    if flt.commune_ids:
        where.append(col(Person.commune_id).in_(flt.commune_ids))
    if flt.todo is not None:
        from .todo import return_condition

        where.append(return_condition(conn, flt.todo, today=today))
    return where


def _ids_in(column: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    """``column IN (ids)`` with the ids written into the SQL: no limit on how many (the rows of
    tens of thousands of ids may be asked for at once, more than SQLite takes as parameters)."""
    return column.in_(bindparam("ids", list(ids), expanding=True, literal_execute=True, unique=True))


#: a CCCD begins with the 3-digit code of the province of birth: a prefix this short matches most
#: people of a commune, and reading the table beats walking the index (0.1 s against 0.9 s)
_PROVINCE_DIGITS = 3


def _search_condition(conn: Connection, query: str) -> ColumnElement[bool] | None:
    """The search text as a condition on ``person`` (``None`` without a text).

    Numbers (CCCD, phone) are the people search's prefix ranges, and words its name match
    (:func:`.store.search.name_match_condition`), both written straight into the query: listing the
    people first would read every person whose CCCD starts "087" (a whole province), or whose
    name has a "nguyen", only to write their ids into the query.
    """
    if not fold(query):
        return None
    digits = query_digits(query)
    if digits is not None:
        if len(digits) < DIGIT_QUERY_MIN:
            return false()
        # without CCCD_VIEW a CCCD only when typed whole, as the people list: the masked digits are
        # not to be guessed a prefix at a time
        whole_id = not access.shows_cccd(conn)
        if len(digits) <= _PROVINCE_DIGITS:  # "087" is a whole province's CCCDs: read the table
            return number_prefix(
                digits,
                live=False,
                id_number=by_scan(col(Person.id_number)),
                phone=by_scan(col(Person.phone)),
                whole_id=whole_id,
            )
        return col(Person.id).in_(number_prefix_ids(digits, whole_id=whole_id))  # live people only, as the lists
    return name_match_condition(conn, query)


def _order(
    sorts: dict[str, tuple[Any, ...]], sort: str, descending: bool, id_column: Any, engine: Engine | None = None
) -> list[Any]:
    if sort not in sorts:
        raise ValueError(f"Unknown sort key {sort!r}")
    columns = [*sorts[sort], id_column]
    if engine is not None and engine.dialect.name != "sqlite":
        # SQLite's order (an empty date is the smallest) on PostgreSQL, where NULL is the largest
        return [c.desc().nulls_last() if descending else c.asc().nulls_first() for c in columns]
    return [c.desc() if descending else c.asc() for c in columns]


def list_departure_ids(
    engine: Engine,
    flt: DepartureFilter = DepartureFilter(),
    *,
    sort: str = "departed_on",
    descending: bool = True,
    today: date | None = None,
) -> list[int]:
    """Ids of the departures matching *flt*, ordered by *sort* (a key of :data:`DEPARTURE_SORTS`)."""
    order = _order(DEPARTURE_SORTS, sort, descending, col(Departure.id), engine)
    with read_session(engine) as session:
        conn = session.connection()
        where = departure_conditions(conn, flt, today=today)
        found = _search_condition(conn, flt.query)
        if found is not None:
            where.append(found)
        stmt = select(col(Departure.id)).join(Person, col(Person.id) == col(Departure.person_id)).where(*where)
        return list(conn.scalars(stmt.order_by(*order)))


def count_departures(engine: Engine, flt: DepartureFilter = DepartureFilter(), *, today: date | None = None) -> int:
    """How many departures match *flt*."""
    if fold(flt.query):
        return len(list_departure_ids(engine, flt, today=today))
    with read_session(engine) as session:
        conn = session.connection()
        stmt = (
            select(func.count())
            .select_from(Departure)
            .join(Person, col(Person.id) == col(Departure.person_id))
            .where(*departure_conditions(conn, flt, today=today))
        )
        return int(conn.scalar(stmt) or 0)


def fetch_departure_rows(engine: Engine, ids: Sequence[int]) -> dict[int, DepartureRow]:
    """The list rows of the departures with these ids (one query, whatever their number)."""
    if not ids:
        return {}
    stmt = (
        select(
            col(Departure.id),
            col(Departure.person_id),
            col(Person.full_name),
            col(Person.date_of_birth),
            col(Person.birth_precision),
            col(Person.id_number),
            col(Person.phone),
            col(Person.hamlet),
            col(Departure.market_code),
            col(Market.name_vi),
            col(Departure.programme),
            col(PlacementCompany.name),
            col(Departure.occupation),
            col(Departure.departed_on),
            col(Departure.contract_months),
            col(Departure.expected_end_on),
            col(Departure.is_legal),
            col(Departure.status_abroad),
            col(WorkerReturn.returned_on),
        )
        .join(Person, col(Person.id) == col(Departure.person_id))
        .outerjoin(Market, col(Market.code) == col(Departure.market_code))
        .outerjoin(PlacementCompany, col(PlacementCompany.id) == col(Departure.company_id))
        .outerjoin(
            WorkerReturn,
            and_(col(WorkerReturn.departure_id) == col(Departure.id), col(WorkerReturn.deleted_at).is_(None)),
        )
        .where(_ids_in(col(Departure.id), ids))
    )
    access.require(engine, Permission.RECORDS_READ)
    stmt = access.apply_scope(stmt, access.person_scope(engine, col(Person.id)))
    visible = access.shows_cccd(engine)
    rows: dict[int, DepartureRow] = {}
    with read_session(engine) as session:
        for r in session.execute(stmt):
            rows[r[0]] = DepartureRow(
                id=r[0],
                person_id=r[1],
                full_name=r[2],
                date_of_birth=r[3],
                birth_precision=r[4],
                id_number=access.cccd_for(engine, r[5], visible=visible),
                phone=r[6],
                hamlet=r[7] or "",
                market_code=r[8],
                market_name=r[9] or r[8],
                programme=r[10],
                company=r[11] or "",
                occupation=r[12] or "",
                departed_on=r[13],
                contract_months=r[14],
                expected_end_on=r[15],
                is_legal=bool(r[16]),
                status_abroad=r[17],
                returned_on=r[18],
            )
    return rows


def _return_from() -> Any:
    return (
        select(col(WorkerReturn.id))
        .join(Departure, col(Departure.id) == col(WorkerReturn.departure_id))
        .join(Person, col(Person.id) == col(Departure.person_id))
    )


def list_return_ids(
    engine: Engine,
    flt: ReturnFilter = ReturnFilter(),
    *,
    sort: str = "returned_on",
    descending: bool = True,
    today: date | None = None,
) -> list[int]:
    """Ids of the returns matching *flt*, ordered by *sort* (a key of :data:`RETURN_SORTS`)."""
    order = _order(RETURN_SORTS, sort, descending, col(WorkerReturn.id), engine)
    with read_session(engine) as session:
        conn = session.connection()
        where = return_conditions(conn, flt, today=today)
        found = _search_condition(conn, flt.query)
        if found is not None:
            where.append(found)
        return list(conn.scalars(_return_from().where(*where).order_by(*order)))


def count_returns(engine: Engine, flt: ReturnFilter = ReturnFilter(), *, today: date | None = None) -> int:
    """How many returns match *flt*."""
    if fold(flt.query):
        return len(list_return_ids(engine, flt, today=today))
    with read_session(engine) as session:
        conn = session.connection()
        inner = _return_from().where(*return_conditions(conn, flt, today=today)).subquery()
        return int(conn.scalar(select(func.count()).select_from(inner)) or 0)


def fetch_return_rows(engine: Engine, ids: Sequence[int]) -> dict[int, ReturnRow]:
    """The list rows of the returns with these ids (one query, whatever their number)."""
    if not ids:
        return {}
    live_follow_up = and_(
        col(ReturnFollowUp.return_id) == col(WorkerReturn.id), col(ReturnFollowUp.deleted_at).is_(None)
    )
    last_on = select(func.max(col(ReturnFollowUp.followed_on))).where(live_follow_up).scalar_subquery()
    last_employment = (
        select(col(ReturnFollowUp.employment))
        .where(live_follow_up)
        .order_by(col(ReturnFollowUp.followed_on).desc(), col(ReturnFollowUp.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    stmt = (
        select(
            col(WorkerReturn.id),
            col(Departure.id),
            col(Person.id),
            col(Person.full_name),
            col(Person.date_of_birth),
            col(Person.birth_precision),
            col(Person.id_number),
            col(Person.hamlet),
            col(Departure.market_code),
            col(Market.name_vi),
            col(Departure.programme),
            col(Departure.departed_on),
            col(WorkerReturn.returned_on),
            col(WorkerReturn.timing),
            col(WorkerReturn.reason),
            col(WorkerReturn.residence_notified),
            col(WorkerReturn.residence_notified_on),
            last_on,
            last_employment,
        )
        .join(Departure, col(Departure.id) == col(WorkerReturn.departure_id))
        .join(Person, col(Person.id) == col(Departure.person_id))
        .outerjoin(Market, col(Market.code) == col(Departure.market_code))
        .where(_ids_in(col(WorkerReturn.id), ids))
    )
    access.require(engine, Permission.RECORDS_READ)
    stmt = access.apply_scope(stmt, access.person_scope(engine, col(Person.id)))
    visible = access.shows_cccd(engine)
    rows: dict[int, ReturnRow] = {}
    with read_session(engine) as session:
        for r in session.execute(stmt):
            rows[r[0]] = ReturnRow(
                id=r[0],
                departure_id=r[1],
                person_id=r[2],
                full_name=r[3],
                date_of_birth=r[4],
                birth_precision=r[5],
                id_number=access.cccd_for(engine, r[6], visible=visible),
                hamlet=r[7] or "",
                market_code=r[8],
                market_name=r[9] or r[8],
                programme=r[10],
                departed_on=r[11],
                returned_on=r[12],
                timing=r[13],
                reason=r[14],
                residence_notified=bool(r[15]),
                residence_notified_on=r[16],
                last_follow_up_on=_as_date(r[17]),
                last_employment=EmploymentAfterReturn(r[18]) if r[18] is not None else None,
            )
    return rows


def _as_date(value: Any) -> date | None:
    """A date from an aggregate (SQLite hands ``max()`` of a date column back as text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def return_years(engine: Engine) -> tuple[int, ...]:
    """The years in which returns were recorded, newest first."""
    with read_session(engine) as session:
        live = col(WorkerReturn.deleted_at).is_(None)
        return tuple(years_in_use(session.connection(), col(WorkerReturn.returned_on), live))


def departure_choices(engine: Engine) -> DepartureChoices:
    """The years and markets the filters offer (markets that have departures, in list order)."""
    live = col(Departure.deleted_at).is_(None)
    with read_session(engine) as session:
        conn = session.connection()
        years = years_in_use(conn, col(Departure.departed_on), live)
        used = set(keys_in_use(conn, col(Market.code), col(Departure.market_code), live))
        markets = session.execute(
            select(col(Market.code), col(Market.name_vi), col(Market.name_en)).order_by(
                col(Market.sort_order), col(Market.code)
            )
        ).all()
    return DepartureChoices(
        departure_years=tuple(years),
        return_years=return_years(engine),
        markets=tuple((code, vi, en) for code, vi, en in markets if code in used),
    )
