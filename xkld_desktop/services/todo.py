"""Việc cần làm — the lists that tell an officer what to do next, and the year's counts.

Each list (:class:`TodoKind`) is a rule over the records, counted and listed by
:func:`todo_lists` / :func:`todo_ids`; the departures and returns lists filter on the same rule
(``DepartureFilter.todo`` / ``ReturnFilter.todo`` / ``PeopleFilter.todo``), so a count and the list it opens agree.
Soft-deleted records never count. *today* defaults to the computer's date.

The rules, as written here:
- **contracts ending** (departures): departed by today, not returned, not absconded, expected
  contract end from today to today + 90 days (both included) — families to visit, returnees to
  expect;
- **residence not notified** (returns): returned more than 15 days ago (the return date is at
  least 16 days before today; Law 69/2020 Art. 6.2.g gives 15 days), no residence notification
  recorded, not a return for death or missing;
- **no follow-up in 6 months** (returns): the returnee is still at home (no later departure;
  not died or missing) and neither the return nor any follow-up happened in the last 6 months
  (on or after the same day 6 months ago) — a first follow-up is due 6 months after return;
- **loan not repaid** (departures): departed by today (returned or not), with a loan whose
  repayment is not "repaid";
- **families not visited this quarter** (households): member households of a family club with
  no family visit in the current calendar quarter — the club service's
  :func:`~.club.households_not_visited`, reused as it is;
- **orientation certificate too old** (departures): a planned departure — departure date today
  or later, or the person still registered or in training — not returned, whose orientation
  certificate (valid 24 months, Circular 21/2021 Art. 12) will have expired on the departure date
  (:func:`~xkld_desktop.domain.validation.orientation_valid_until`). A departure without a
  certificate date is not on this list;
- **not reviewed this year** (people): the yearly review the plans ask of every working-age
  person ("rà soát, phân loại lao động trong độ tuổi") not yet recorded for the current year —
  alive and at home (candidate, registered, in training, returned or withdrawn), born in a year
  that makes them 15–60 this year (the review's own age rule), no review of this year. A person
  without a birth date is not on this list (their age is not known). The people list filters on
  the same rule (``PeopleFilter.todo``).

:func:`year_counts` gives the overview's "this year" figures, each with the filter of the list
it opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, select, union
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col

from ..domain.enums import LabeledEnum, PersonStatus, RepaymentStatus, ReturnReason, StatusAbroad
from ..domain.models import (
    AdministrativeUnit,
    Departure,
    Loan,
    Person,
    ReturnFollowUp,
    WorkerReturn,
    YearlyReview,
)
from ..domain.validation import WORKING_AGE_MAX, WORKING_AGE_MIN, add_months, orientation_valid_until
from ..store.hints import by_scan
from ..store.session import read_session
from .club import households_not_visited
from .departure_lists import (
    DepartureFilter,
    DepartureStage,
    ReturnFilter,
    count_departures,
    count_returns,
)
from .people import PeopleFilter, count_people
from .targets import achieved_filter, achievement_text, percent_achieved, total_target, units_of

__all__ = [
    "CONTRACT_ENDING_DAYS",
    "FOLLOW_UP_MONTHS",
    "RESIDENCE_NOTICE_DAYS",
    "TodoItem",
    "TodoKind",
    "YearCounts",
    "departure_condition",
    "return_condition",
    "todo_ids",
    "todo_lists",
    "year_counts",
]

CONTRACT_ENDING_DAYS = 90
RESIDENCE_NOTICE_DAYS = 15
FOLLOW_UP_MONTHS = 6


class TodoKind(LabeledEnum):
    """Việc cần làm — one of the lists of what to do next (see the module doc for each rule)."""

    CONTRACTS_ENDING = (
        "contracts_ending",
        "Hợp đồng hết hạn trong 90 ngày tới",
        "Contracts ending in the next 90 days",
    )
    RESIDENCE_NOT_NOTIFIED = (
        "residence_not_notified",
        "Về nước quá 15 ngày chưa khai báo cư trú",
        "Returned over 15 days ago, residence not notified",
    )
    NO_RECENT_FOLLOW_UP = (
        "no_recent_follow_up",
        "Người về nước chưa được theo dõi trong 6 tháng",
        "Returnees without a follow-up in 6 months",
    )
    LOAN_NOT_REPAID = (
        "loan_not_repaid",
        "Người đã xuất cảnh chưa trả hết nợ vay",
        "Departed workers with a loan not repaid",
    )
    FAMILIES_NOT_VISITED = (
        "families_not_visited",
        "Hộ thành viên CLB chưa được thăm trong quý",
        "Member families not visited this quarter",
    )
    ORIENTATION_EXPIRING = (
        "orientation_expiring",
        "Chứng chỉ bồi dưỡng quá 24 tháng khi xuất cảnh",
        "Orientation certificates older than 24 months at departure",
    )
    NOT_REVIEWED = (
        "not_reviewed",
        "Người trong độ tuổi chưa được rà soát năm nay",
        "Working-age people not yet reviewed this year",
    )

    @property
    def subject(self) -> str:
        """What the list's ids are: ``"departure"``, ``"return"`` or ``"household"``."""
        return _SUBJECTS[self]


_SUBJECTS = {
    TodoKind.CONTRACTS_ENDING: "departure",
    TodoKind.RESIDENCE_NOT_NOTIFIED: "return",
    TodoKind.NO_RECENT_FOLLOW_UP: "return",
    TodoKind.LOAN_NOT_REPAID: "departure",
    TodoKind.FAMILIES_NOT_VISITED: "household",
    TodoKind.ORIENTATION_EXPIRING: "departure",
    TodoKind.NOT_REVIEWED: "person",
}

#: the statuses of a person at home, whom the yearly review concerns
AT_HOME = (
    PersonStatus.CANDIDATE,
    PersonStatus.REGISTERED,
    PersonStatus.TRAINING,
    PersonStatus.RETURNED,
    PersonStatus.WITHDRAWN,
)


@dataclass(frozen=True)
class TodoItem:
    """A to-do list: its kind, how many records, and their ids (departures, returns or households)."""

    kind: TodoKind
    count: int
    ids: tuple[int, ...]

    @property
    def subject(self) -> str:
        return self.kind.subject


# --------------------------------------------------------------------------- rules


def _live_return() -> Any:
    return exists().where(col(WorkerReturn.departure_id) == col(Departure.id), col(WorkerReturn.deleted_at).is_(None))


def _orientation_ids(conn: Connection, today: date) -> list[int]:
    def planned(condition: ColumnElement[bool]) -> Any:
        return (
            select(col(Departure.id), col(Departure.orientation_cert_on), col(Departure.departed_on))
            .join(Person, col(Person.id) == col(Departure.person_id))
            .where(
                col(Departure.deleted_at).is_(None),
                col(Person.deleted_at).is_(None),
                col(Departure.orientation_cert_on).is_not(None),
                condition,
                ~_live_return(),
            )
        )

    # two reads through their indexes (the departure date; the people's status), not one OR that
    # reads every departure: 60 → 7 ms at 60,000 departures
    rows = conn.execute(
        union(
            planned(col(Departure.departed_on) >= today),
            planned(col(Person.status).in_((PersonStatus.REGISTERED, PersonStatus.TRAINING))),
        )
    )
    return sorted(
        i
        for i, cert, departed in rows
        if i is not None and cert is not None and departed > orientation_valid_until(cert)
    )


def departure_condition(conn: Connection, kind: TodoKind, *, today: date) -> ColumnElement[bool]:
    """The rule of a departures to-do list, on ``departure`` joined to ``person``."""
    if kind is TodoKind.CONTRACTS_ENDING:
        return and_(
            col(Departure.departed_on) <= today,
            ~_live_return(),
            col(Departure.status_abroad) != StatusAbroad.ABSCONDED,
            col(Departure.expected_end_on) >= today,
            col(Departure.expected_end_on) <= today + timedelta(days=CONTRACT_ENDING_DAYS),
        )
    if kind is TodoKind.LOAN_NOT_REPAID:
        return and_(
            by_scan(col(Departure.departed_on)) <= today,
            col(Departure.id).in_(  # from the loans: fewer than departures
                select(col(Loan.departure_id)).where(
                    col(Loan.deleted_at).is_(None), col(Loan.repayment_status) != RepaymentStatus.REPAID
                )
            ),
        )
    if kind is TodoKind.ORIENTATION_EXPIRING:
        ids = _orientation_ids(conn, today)
        return col(Departure.id).in_(ids) if ids else false()
    raise ValueError(f"{kind} is not a list of departures")


def return_condition(conn: Connection, kind: TodoKind, *, today: date) -> ColumnElement[bool]:
    """The rule of a returns to-do list, on ``worker_return`` joined to ``departure`` and ``person``."""
    del conn  # both rules are plain SQL
    not_death = col(WorkerReturn.reason) != ReturnReason.DEATH_MISSING
    alive = col(Person.status).not_in((PersonStatus.DIED, PersonStatus.MISSING))
    if kind is TodoKind.RESIDENCE_NOT_NOTIFIED:
        return and_(
            col(WorkerReturn.residence_notified).is_(False),
            col(WorkerReturn.returned_on) < today - timedelta(days=RESIDENCE_NOTICE_DAYS),
            not_death,
            alive,
        )
    if kind is TodoKind.NO_RECENT_FOLLOW_UP:
        cutoff = add_months(today, -FOLLOW_UP_MONTHS)
        later = Departure.__table__.alias("later_departure")  # type: ignore[attr-defined]
        went_again = exists().where(
            later.c.person_id == col(Departure.person_id),
            later.c.deleted_at.is_(None),
            later.c.departed_on > col(WorkerReturn.returned_on),
        )
        recent_follow_up = col(WorkerReturn.id).in_(  # the few recent follow-ups, read once
            select(col(ReturnFollowUp.return_id)).where(
                col(ReturnFollowUp.deleted_at).is_(None), col(ReturnFollowUp.followed_on) >= cutoff
            )
        )
        returned_before = by_scan(col(WorkerReturn.returned_on)) < cutoff  # most returns: read them all
        return and_(returned_before, not_death, alive, ~went_again, ~recent_follow_up)
    raise ValueError(f"{kind} is not a list of returns")


def person_condition(kind: TodoKind, *, today: date) -> ColumnElement[bool]:
    """The rule of a people to-do list, on ``person``."""
    if kind is not TodoKind.NOT_REVIEWED:
        raise ValueError(f"{kind} is not a list of people")
    year = today.year
    reviewed = select(col(YearlyReview.person_id)).where(
        col(YearlyReview.year) == year, col(YearlyReview.deleted_at).is_(None)
    )
    return and_(
        col(Person.status).in_(AT_HOME),
        col(Person.date_of_birth) >= date(year - WORKING_AGE_MAX, 1, 1),
        col(Person.date_of_birth) <= date(year - WORKING_AGE_MIN, 12, 31),
        col(Person.id).not_in(reviewed),
    )


def _ids(conn: Connection, kind: TodoKind, today: date) -> list[int]:
    if kind.subject == "person":
        # read the table in storage order (the partial status index walks 168,000 people one by one:
        # 0.35 → 0.18 s at 200,000); the people list the line opens has its own order
        stmt = (
            select(col(Person.id))
            .where(by_scan(col(Person.deleted_at)).is_(None), person_condition(kind, today=today))
            .order_by(col(Person.id))
        )
    elif kind.subject == "departure":
        order = {
            TodoKind.CONTRACTS_ENDING: by_scan(col(Departure.expected_end_on)),
            TodoKind.LOAN_NOT_REPAID: by_scan(col(Departure.departed_on)),
            TodoKind.ORIENTATION_EXPIRING: by_scan(col(Departure.departed_on)),
        }[kind]
        stmt = (
            select(col(Departure.id))
            .join(Person, col(Person.id) == col(Departure.person_id))
            .where(
                col(Departure.deleted_at).is_(None),
                col(Person.deleted_at).is_(None),
                departure_condition(conn, kind, today=today),
            )
            .order_by(order, col(Departure.id))
        )
    elif kind.subject == "return":
        stmt = (
            select(col(WorkerReturn.id))
            .join(Departure, col(Departure.id) == col(WorkerReturn.departure_id))
            .join(Person, col(Person.id) == col(Departure.person_id))
            .where(
                col(WorkerReturn.deleted_at).is_(None),
                col(Departure.deleted_at).is_(None),
                col(Person.deleted_at).is_(None),
                return_condition(conn, kind, today=today),
            )
            .order_by(by_scan(col(WorkerReturn.returned_on)), col(WorkerReturn.id))
        )
    else:
        raise ValueError(f"{kind} is a list of households: see households_not_visited()")
    return [int(i) for i in conn.scalars(stmt) if i is not None]


def _household_ids(engine: Engine, today: date) -> list[int]:
    """Member households not visited this quarter, as the club service lists them (the never
    visited first, then the longest since the last visit)."""
    rows = households_not_visited(engine, quarter_of=today)
    return list(dict.fromkeys(r.household_id for r in rows))


def todo_ids(engine: Engine, kind: TodoKind, *, today: date | None = None) -> list[int]:
    """The ids of one to-do list, in the order an officer works through it (soonest first)."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_READ)
    today = today or date.today()
    if kind is TodoKind.FAMILIES_NOT_VISITED:
        return _household_ids(engine, today)
    with read_session(engine) as session:
        return _ids(session.connection(), kind, today)


def todo_lists(engine: Engine, *, today: date | None = None) -> list[TodoItem]:
    """Every to-do list with its count and ids, in :class:`TodoKind` order."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_READ)
    today = today or date.today()
    found: dict[TodoKind, list[int]] = {TodoKind.FAMILIES_NOT_VISITED: _household_ids(engine, today)}
    with read_session(engine) as session:
        conn = session.connection()
        for kind in TodoKind:
            if kind not in found:
                found[kind] = _ids(conn, kind, today)
    return [TodoItem(kind, len(found[kind]), tuple(found[kind])) for kind in TodoKind]


# --------------------------------------------------------------------------- the year's counts


@dataclass(frozen=True)
class YearCounts:
    """Tình hình năm — the overview's "this year" block, each figure with the filter of its list.

    ``candidates`` and ``registered`` are people in that status now; ``departed`` are legal
    departures in the year up to today, against ``target`` (``None``: none set); ``abroad`` are
    departures not yet returned (``absconded`` of them recorded as absconded abroad);
    ``returned`` are returns in the year.
    """

    year: int
    candidates: int
    registered: int
    departed: int
    target: int | None
    abroad: int
    absconded: int
    returned: int
    unit_name: str = ""
    filters: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def percent(self) -> int | None:
        return percent_achieved(self.departed, self.target)

    @property
    def target_text(self) -> str:
        """ "335/250 lao động, đạt 134 %" (Vietnamese, as the plans write it)."""

        return achievement_text(self.departed, self.target)


def year_counts(engine: Engine, *, year: int, unit: int | None = None, today: date | None = None) -> YearCounts:
    """The figures of *year* for the whole database, or for one unit (id of a commune, counted
    with the former communes whose records go under it). ``filters`` maps ``"candidates"``,
    ``"registered"`` (:class:`~.people.PeopleFilter`), ``"departed"``, ``"abroad"``,
    ``"absconded"`` (:class:`~.departure_lists.DepartureFilter`) and ``"returned"``
    (:class:`~.departure_lists.ReturnFilter`) to the lists the figures count."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_READ)
    today = today or date.today()
    communes: tuple[int, ...] = units_of(engine, unit) if unit is not None else ()
    unit_name = ""
    if unit is not None:
        with read_session(engine) as session:
            found = session.get(AdministrativeUnit, unit)
            unit_name = found.name if found is not None else ""
    extra = (col(Person.commune_id).in_(communes),) if communes else ()
    filters: dict[str, Any] = {
        "candidates": PeopleFilter(statuses=(PersonStatus.CANDIDATE,), extra=extra),
        "registered": PeopleFilter(statuses=(PersonStatus.REGISTERED,), extra=extra),
        "departed": achieved_filter(communes, year),
        "abroad": DepartureFilter(stage=DepartureStage.ABROAD, commune_ids=communes),
        "absconded": DepartureFilter(
            stage=DepartureStage.ABROAD, status_abroad=StatusAbroad.ABSCONDED, commune_ids=communes
        ),
        "returned": ReturnFilter(year=year, commune_ids=communes),
    }
    return YearCounts(
        year=year,
        candidates=count_people(engine, filters["candidates"]),
        registered=count_people(engine, filters["registered"]),
        departed=count_departures(engine, filters["departed"], today=today),
        target=total_target(engine, year=year, unit_id=unit),
        abroad=count_departures(engine, filters["abroad"], today=today),
        absconded=count_departures(engine, filters["absconded"], today=today),
        returned=count_returns(engine, filters["returned"], today=today),
        unit_name=unit_name,
        filters=filters,
    )
