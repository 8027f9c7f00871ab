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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.engine import Engine

from ..domain.enums import DatePrecision, Gender, PersonStatus, PolicyGroup
from ..domain.models import AdministrativeUnit, Departure, Person, PersonPolicyGroup
from ..domain.text import fold
from ..store.search import name_match_ids, number_match_ids
from ..store.session import read_session

#: rows a search returns by default (the view shows these first; the list can page on)
DEFAULT_LIMIT = 100
_DIGIT_QUERY_MIN = 2


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
    extra: tuple[ColumnElement[bool], ...] = field(default=(), compare=False, repr=False)


def _query_digits(query: str) -> str | None:
    """The digits of a CCCD/phone query ("0912 345", "+84 912"), or ``None`` for a name query."""
    compact = fold(query).replace(" ", "").replace(".", "").replace("-", "")
    if compact.startswith("+84"):
        compact = "0" + compact[3:]
    return compact if compact.isdigit() else None


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
        dep = [Departure.person_id == Person.id, Departure.deleted_at.is_(None)]  # type: ignore[union-attr]
        if flt.market_code:
            dep.append(Departure.market_code == flt.market_code)
        if flt.departure_year:
            dep.append(Departure.departed_on >= date(flt.departure_year, 1, 1))
            dep.append(Departure.departed_on < date(flt.departure_year + 1, 1, 1))
        where.append(exists().where(*dep))
    where.extend(flt.extra)
    return where


def count_people(engine: Engine, flt: PeopleFilter = PeopleFilter()) -> int:
    """How many people match *flt*."""
    if fold(flt.query):
        return len(list_person_ids(engine, flt))
    with read_session(engine) as session:
        return session.scalar(select(func.count()).select_from(Person).where(*_where(flt))) or 0


def list_person_ids(engine: Engine, flt: PeopleFilter = PeopleFilter(), *, limit: int | None = None) -> list[int]:
    """Ids of the people matching *flt*, in Vietnamese name order."""
    where = _where(flt)
    with read_session(engine) as session:
        conn = session.connection()
        if fold(flt.query):
            digits = _query_digits(flt.query)
            if digits is not None:
                if len(digits) < _DIGIT_QUERY_MIN:
                    return []
                return number_match_ids(conn, digits, where, limit=limit)
            return name_match_ids(conn, flt.query, where, limit=limit)
        stmt = select(Person.id).where(*where).order_by(Person.sort_key, Person.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        return list(conn.scalars(stmt))


def _latest_market_subquery():  # type: ignore[no-untyped-def]
    return (
        select(Departure.market_code)
        .where(Departure.person_id == Person.id, Departure.deleted_at.is_(None))  # type: ignore[union-attr]
        .order_by(Departure.departed_on.desc())  # type: ignore[attr-defined]
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )


def fetch_person_rows(engine: Engine, ids: Sequence[int]) -> dict[int, PersonRow]:
    """The list rows of the people with these ids (one query, whatever their number)."""
    if not ids:
        return {}
    stmt = (
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
        .where(Person.id.in_(list(ids)))  # type: ignore[union-attr]
    )
    with read_session(engine) as session:
        return {row[0]: PersonRow(*row[:8], row[8] or "", row[9], row[10]) for row in session.execute(stmt)}


def search_people(engine: Engine, query: str, *, limit: int = DEFAULT_LIMIT) -> list[PersonRow]:
    """The first *limit* people matching *query*, in name order."""
    ids = list_person_ids(engine, PeopleFilter(query=query), limit=limit)
    rows = fetch_person_rows(engine, ids)
    return [rows[i] for i in ids]


def hamlets(engine: Engine, *, commune_id: int | None = None) -> list[str]:
    """The hamlets people live in (for the filter), sorted."""
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


__all__ = [
    "DEFAULT_LIMIT",
    "PeopleFilter",
    "PersonRow",
    "count_people",
    "fetch_person_rows",
    "hamlets",
    "list_person_ids",
    "people_by_ids",
    "search_people",
]
