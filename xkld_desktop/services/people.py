"""People (người lao động): search, lists for the lazy table, and the person read model.

Search ignores case and diacritics and treats đ as d, through the folded ``name_key`` column
the store keeps. A query of digits looks up CCCD and phone prefixes (index range scans); a
query of words finds people whose name has a word starting with each query word, in any order
("duc nguyen" and "nguyen van duc" both find "Nguyễn Văn Đức"). Lists are in Vietnamese name
order (given name, then family and middle names; see ``domain.text.name_sort_key``), then id.

The window's people list holds only the ordered ids (:func:`list_person_ids`) and fetches the
rows it paints in pages (:func:`fetch_person_rows`), so 200,000 people cost a list of ints.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, bindparam, case, exists, extract, func, select
from sqlalchemy.engine import Engine

from ..domain.enums import DatePrecision, Gender, PersonStatus, PolicyGroup
from ..domain.models import AdministrativeUnit, Departure, Person, PersonNameToken, PersonPolicyGroup
from ..domain.text import fold, query_digits
from ..store.bulk import read_ids
from ..store.hints import by_scan
from ..store.search import TOKEN_MAX, name_match_ids, number_match_ids, number_prefix, prefix_range, word_conditions
from ..store.session import read_session
from . import access
from .access import Permission

if TYPE_CHECKING:
    from .todo import TodoKind

#: rows a search returns by default (the view shows these first; the list can page on)
DEFAULT_LIMIT = 100
DIGIT_QUERY_MIN = 2


@dataclass(frozen=True)
class PersonRow:
    """One line of the people list (a plain read object, safe to hand to the UI)."""

    id: int
    full_name: str
    gender: Gender | None
    date_of_birth: date | None
    birth_precision: DatePrecision
    id_number: str | None
    phone: str | None
    hamlet: str
    commune: str
    status: PersonStatus
    market_code: str | None


@dataclass(frozen=True)
class PeopleFilter:
    """What the people list shows: a search text and optional filters (all must hold)."""

    query: str = ""
    statuses: tuple[PersonStatus, ...] = ()
    hamlet: str | None = None
    commune_id: int | None = None
    policy_group: PolicyGroup | None = None
    market_code: str | None = None
    departure_year: int | None = None
    include_deleted: bool = False
    #: the people of one of the "what to do next" lists (:mod:`.todo`), by its rule
    todo: TodoKind | None = None
    extra: tuple[ColumnElement[bool], ...] = field(default=(), compare=False, repr=False)


def _where(flt: PeopleFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if not flt.include_deleted:
        where.append(Person.deleted_at.is_(None))  # type: ignore[union-attr]
    if flt.statuses:
        where.append(Person.status.in_(flt.statuses))  # type: ignore[attr-defined]
    if flt.hamlet:
        where.append(Person.hamlet == flt.hamlet)
    if flt.commune_id is not None:
        where.append(Person.commune_id == flt.commune_id)
    if flt.policy_group is not None:
        where.append(
            exists().where(PersonPolicyGroup.person_id == Person.id, PersonPolicyGroup.group == flt.policy_group)
        )
    if flt.market_code or flt.departure_year:
        # "id IN (departures …)" rather than a correlated EXISTS: the departure indexes (market,
        # date) find the few matching departures instead of probing once per person (1.1 s → 0.1 s
        # for one market among 200,000 people).
        dep = [Departure.deleted_at.is_(None)]  # type: ignore[union-attr]
        if flt.market_code:
            dep.append(Departure.market_code == flt.market_code)
        if flt.departure_year:
            dep.append(Departure.departed_on >= date(flt.departure_year, 1, 1))
            dep.append(Departure.departed_on < date(flt.departure_year + 1, 1, 1))
        where.append(Person.id.in_(select(Departure.person_id).where(*dep)))  # type: ignore[union-attr]
    if flt.todo is not None:
        from .todo import person_condition  # the to-do rules live in .todo, which uses this module

        where.append(person_condition(flt.todo, today=date.today()))
    where.extend(flt.extra)
    return where


def _scoped(engine: Engine, flt: PeopleFilter) -> PeopleFilter:
    """*flt* limited to whom the actor may read (a club leader: their club's people).

    Without CCCD_VIEW a number query matches phones by prefix and a CCCD only when typed whole,
    so the masked digits cannot be guessed a prefix at a time.
    """
    access.require(engine, Permission.RECORDS_READ)
    extra: list[ColumnElement[bool]] = []
    scope = access.person_scope(engine, Person.id)
    if scope is not None:
        extra.append(scope)
    digits = query_digits(flt.query) if fold(flt.query) else None
    if digits is not None and not access.shows_cccd(engine):
        extra.append(number_prefix(digits, live=not flt.include_deleted, whole_id=True))
    return replace(flt, extra=(*flt.extra, *extra)) if extra else flt


def count_people(engine: Engine, flt: PeopleFilter = PeopleFilter()) -> int:
    """How many people match *flt*."""
    flt = _scoped(engine, flt)
    if fold(flt.query):
        return len(list_person_ids(engine, flt))
    with read_session(engine) as session:
        return session.scalar(select(func.count()).select_from(Person).where(*_where(flt))) or 0


def list_person_ids(engine: Engine, flt: PeopleFilter = PeopleFilter(), *, limit: int | None = None) -> list[int]:
    """Ids of the people matching *flt*, in Vietnamese name order."""
    flt = _scoped(engine, flt)
    where = _where(flt)
    with read_session(engine) as session:
        conn = session.connection()
        if fold(flt.query):
            digits = query_digits(flt.query)
            if digits is not None:
                if len(digits) < DIGIT_QUERY_MIN:
                    return []
                return number_match_ids(conn, digits, where, limit=limit, live=not flt.include_deleted)
            return name_match_ids(conn, flt.query, where, limit=limit)
        stmt = select(Person.id).where(*where).order_by(Person.sort_key, Person.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        return read_ids(conn, stmt)


def _latest_market_subquery():  # type: ignore[no-untyped-def]
    return (
        select(Departure.market_code)
        .where(Departure.person_id == Person.id, Departure.deleted_at.is_(None))  # type: ignore[union-attr]
        .order_by(Departure.departed_on.desc())  # type: ignore[attr-defined]
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )


@functools.cache
def _person_rows_statement() -> Any:
    """The list rows of the people in the bound list ``ids`` (made once: building it took as long as
    running it)."""
    return (
        select(
            Person.id,
            Person.full_name,
            Person.gender,
            Person.date_of_birth,
            Person.birth_precision,
            Person.id_number,
            Person.phone,
            Person.hamlet,
            AdministrativeUnit.name,
            Person.status,
            _latest_market_subquery(),
        )
        .outerjoin(AdministrativeUnit, AdministrativeUnit.id == Person.commune_id)
        .where(Person.id.in_(bindparam("ids", expanding=True)))  # type: ignore[union-attr]
    )


def fetch_person_rows(engine: Engine, ids: Sequence[int]) -> dict[int, PersonRow]:
    """The list rows of the people with these ids (one query, whatever their number)."""
    access.require(engine, Permission.RECORDS_READ)
    if not ids:
        return {}
    stmt = access.apply_scope(_person_rows_statement(), access.person_scope(engine, Person.id))
    visible = access.shows_cccd(engine)
    with read_session(engine) as session:
        # (columns only: the connection runs it, without the ORM's work for entities)
        return {
            row[0]: PersonRow(
                *row[:5], access.cccd_for(engine, row[5], visible=visible), *row[6:8], row[8] or "", row[9], row[10]
            )
            for row in session.connection().execute(stmt, {"ids": list(ids)})
        }


def search_people(engine: Engine, query: str, *, limit: int = DEFAULT_LIMIT) -> list[PersonRow]:
    """The first *limit* people matching *query*, in name order."""
    ids = list_person_ids(engine, PeopleFilter(query=query), limit=limit)
    rows = fetch_person_rows(engine, ids)
    return [rows[i] for i in ids]


def hamlets(engine: Engine, *, commune_id: int | None = None) -> list[str]:
    """The hamlets people live in (for the filter), sorted."""
    access.require(engine, Permission.RECORDS_READ)
    stmt = select(Person.hamlet).where(Person.hamlet != "").distinct()
    if commune_id is not None:
        stmt = stmt.where(Person.commune_id == commune_id)
    with read_session(engine) as session:
        return sorted(session.scalars(stmt), key=fold)


def people_by_ids(engine: Engine, ids: Iterable[int]) -> list[PersonRow]:
    """Rows for *ids* in the given order (missing ids skipped)."""
    wanted = list(ids)
    rows = fetch_person_rows(engine, wanted)
    return [rows[i] for i in wanted if i in rows]


# --------------------------------------------------------------------------- other orders


class PeopleOrder(StrEnum):
    """What the people list is sorted by (name: Vietnamese order, given name first)."""

    NAME = "name"
    BIRTH_DATE = "birth_date"
    GENDER = "gender"
    ID_NUMBER = "id_number"
    HAMLET = "hamlet"
    STATUS = "status"


def _enum_rank(column: Any, enum_cls: Any) -> Any:
    """The declaration order of a stored enum value (so statuses sort as the lifecycle runs)."""
    return case({member.value: index for index, member in enumerate(enum_cls)}, value=column, else_=len(enum_cls))


def _order_keys(order: PeopleOrder) -> tuple[Any, Any]:
    """(is-empty flag, value) for *order*; empty values go last whichever the direction."""
    if order is PeopleOrder.BIRTH_DATE:
        return Person.date_of_birth.is_(None), Person.date_of_birth  # type: ignore[union-attr]
    if order is PeopleOrder.GENDER:
        return Person.gender.is_(None), _enum_rank(Person.gender, Gender)  # type: ignore[union-attr]
    if order is PeopleOrder.ID_NUMBER:
        return Person.id_number.is_(None), Person.id_number  # type: ignore[union-attr]
    if order is PeopleOrder.HAMLET:
        return Person.hamlet == "", Person.hamlet
    return Person.status.is_(None), _enum_rank(Person.status, PersonStatus)  # type: ignore[attr-defined]


def _query_conditions(query: str, *, live: bool) -> list[ColumnElement[bool]] | None:
    """The search text as WHERE conditions (``None``: it cannot match anyone); *live*: of live people only."""
    text = fold(query)
    if not text:
        return []
    digits = query_digits(query)
    if digits is not None:
        if len(digits) < DIGIT_QUERY_MIN:
            return None
        return [number_prefix(digits, live=live)]
    words = [w[:TOKEN_MAX] for w in text.split(" ") if w]
    longest = max(words, key=len)
    candidates = select(PersonNameToken.person_id).where(prefix_range(PersonNameToken.token, longest))
    return [Person.id.in_(candidates), *word_conditions(words)]  # type: ignore[union-attr]


def _unfiltered(flt: PeopleFilter) -> bool:
    return not (
        fold(flt.query)
        or flt.statuses
        or flt.hamlet
        or flt.commune_id is not None
        or flt.policy_group is not None
        or flt.market_code
        or flt.departure_year
        or flt.todo is not None
        or flt.extra
    )


def _all_ids_in_name_order(engine: Engine, *, include_deleted: bool) -> list[int]:
    """Everyone, in name order, read from an index alone.

    Live people come from the partial index ``ix_person_live_sort_key`` (``WHERE deleted_at IS
    NULL``): about 0.09 s for 200,000 people, where filtering the full index row by row took 0.5 s.
    """
    stmt = select(Person.id)
    if not include_deleted:
        stmt = stmt.where(Person.deleted_at.is_(None))  # type: ignore[union-attr]
    with read_session(engine) as session:
        return read_ids(session.connection(), stmt.order_by(Person.sort_key, Person.id))


def first_person_ids(
    engine: Engine,
    flt: PeopleFilter = PeopleFilter(),
    *,
    order: PeopleOrder = PeopleOrder.NAME,
    descending: bool = False,
    limit: int,
) -> tuple[list[int], int] | None:
    """The first *limit* ids of :func:`ordered_person_ids` and how many it has in all, read at once
    where an index gives both (everyone, in name order: 200,000 people in about 25 ms, where the
    whole list takes 100 ms and more); ``None`` for any other list (read it whole).
    """
    flt = _scoped(engine, flt)
    if order is not PeopleOrder.NAME or not _unfiltered(flt):
        return None
    ids = select(Person.id)
    count = select(func.count()).select_from(Person)
    if not flt.include_deleted:
        ids = ids.where(Person.deleted_at.is_(None))  # type: ignore[union-attr]
        count = count.where(Person.deleted_at.is_(None))  # type: ignore[union-attr]
    # the whole list reversed, when descending: its last ids first
    keys = (Person.sort_key.desc(), Person.id.desc()) if descending else (Person.sort_key, Person.id)  # type: ignore[union-attr,attr-defined]
    with read_session(engine) as session:  # both from one snapshot
        conn = session.connection()
        return list(conn.scalars(ids.order_by(*keys).limit(limit))), conn.scalar(count) or 0


def ordered_person_ids(
    engine: Engine,
    flt: PeopleFilter = PeopleFilter(),
    *,
    order: PeopleOrder = PeopleOrder.NAME,
    descending: bool = False,
) -> list[int]:
    """Ids of the people matching *flt*, sorted by *order* (people with no value last).

    Ties (the same date of birth, hamlet…) stay in Vietnamese name order. The name order is
    :func:`list_person_ids`'s own (reversed when *descending*); the others are sorted by the
    database.
    """
    flt = _scoped(engine, flt)
    if order is PeopleOrder.NAME:
        if _unfiltered(flt):
            ids = _all_ids_in_name_order(engine, include_deleted=flt.include_deleted)
        else:
            ids = list_person_ids(engine, flt)
        return ids[::-1] if descending else ids
    conditions = _query_conditions(flt.query, live=not flt.include_deleted)
    if conditions is None:
        return []
    empty, value = _order_keys(order)
    where = _where(flt)
    if _unfiltered(flt) and not flt.include_deleted:
        # Everyone: the table read in storage order, not the rows fetched one by one through a
        # partial index SQLite takes for "deleted_at IS NULL" (by birth date, 200,000 people: 0.54 → 0.30 s).
        where = [by_scan(Person.deleted_at).is_(None)]
    if order is PeopleOrder.HAMLET:
        stmt = select(Person.id, Person.hamlet, Person.sort_key).where(*where, *conditions)
        return _in_hamlet_order(engine, stmt, descending)
    stmt = (
        select(Person.id)
        .where(*where, *conditions)
        .order_by(empty, value.desc() if descending else value, Person.sort_key, Person.id)
    )
    with read_session(engine) as session:
        return read_ids(session.connection(), stmt)


def _in_hamlet_order(engine: Engine, stmt: Any, descending: bool) -> list[int]:
    """By hamlet in Vietnamese order — as the hamlet filter lists them (folded: "Ấp 1" among the
    a's, not after "Khóm 5" as the code points put it) — then by name; no hamlet last. Sorted here:
    the databases' own orders of marked letters differ (SQLite's is the code points'). 200,000
    people: ≈ 0.6–0.7 s, where the database's own (code-point) sort took 0.5 s."""
    with read_session(engine) as session:
        rows = [(hamlet or "", sort_key, pid) for pid, hamlet, sort_key in session.connection().execute(stmt)]
    sign = -1 if descending else 1
    rank = {hamlet: sign * i for i, hamlet in enumerate(sorted({row[0] for row in rows}, key=fold))}
    rows.sort(key=lambda row: (not row[0], rank[row[0]], row[1], row[2]))
    return [row[2] for row in rows]


# The people filter's years and markets stay DISTINCT reads of every departure (≈ 100 ms on 200,000
# people, on the database thread right after the list's ids), not store.facets' index seeks (4 ms)
# as the departures pane reads them: with the quick reads the people pane's first paint measured
# 40 ms slower (≈ 125 → 165 ms, alternated bench runs, three each). Why, as traced (each task's
# start and run time on the database thread): the overview's year figures, queued next, then start
# during the paint, and their many small queries hold the GIL in turns with the GUI thread, where a
# DISTINCT is one long step in SQLite with the GIL let go. Reading the list's ids faster does the
# same (tried: 58 → 49 ms alone, the first paint 125 → 160–200 ms).
def departure_years(engine: Engine) -> list[int]:
    """The years in which departures were recorded, newest first (for the list's filter)."""
    access.require(engine, Permission.RECORDS_READ)
    year = extract("year", Departure.departed_on)
    stmt = select(year).where(Departure.deleted_at.is_(None)).distinct()  # type: ignore[union-attr]
    with read_session(engine) as session:
        return sorted((int(y) for y in session.scalars(stmt) if y is not None), reverse=True)


def departure_market_codes(engine: Engine) -> set[str]:
    """The markets people departed to (for the list's filter)."""
    access.require(engine, Permission.RECORDS_READ)
    stmt = select(Departure.market_code).where(Departure.deleted_at.is_(None)).distinct()  # type: ignore[union-attr]
    with read_session(engine) as session:
        return set(session.scalars(stmt))


__all__ = [
    "DEFAULT_LIMIT",
    "PeopleFilter",
    "PeopleOrder",
    "PersonRow",
    "count_people",
    "departure_market_codes",
    "departure_years",
    "fetch_person_rows",
    "hamlets",
    "list_person_ids",
    "ordered_person_ids",
    "people_by_ids",
    "search_people",
]
