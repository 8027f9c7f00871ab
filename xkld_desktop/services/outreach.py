"""Buổi tư vấn, tuyên truyền — outreach sessions and who attended them.

A session has a date (not in the future), a place, an organiser, a topic, the number of people
who attended (registered or not) and the registered people among them (``attendees``, person
ids: people found with the people search). One write transaction per user action; a session
is deleted softly (``deleted_at``), its attendance kept with it. Updates and deletes carry the
``version`` the user saw: a session changed by someone else meanwhile is refused, not
overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, extract, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from ..domain.enums import DatePrecision
from ..domain.models import AdministrativeUnit, OutreachAttendance, OutreachSession, Person, utcnow
from ..domain.text import clean_text
from ..domain.validation import Issue, Severity, parse_date
from ..store.hints import person_alive
from ..store.session import read_session, write_session
from .errors import NotFound, Refused, ValidationFailed, live_or_not_found
from .households import check_commune
from .settings import get_own_unit

__all__ = [
    "MAX_ATTENDANCE",
    "Attendee",
    "OutreachInput",
    "OutreachSessionDetail",
    "OutreachSessionRow",
    "check_outreach",
    "create_outreach_session",
    "delete_outreach_session",
    "get_outreach_session",
    "list_outreach_sessions",
    "outreach_years",
    "update_outreach_session",
]

MAX_ATTENDANCE = 10_000
TEXT_MAX = 200
STALE_MESSAGE = "Hồ sơ vừa được người khác sửa. Hãy mở lại để xem bản mới rồi sửa tiếp."
GONE_MESSAGE = "Buổi tư vấn này không còn (có thể vừa bị xóa)."


@dataclass(frozen=True)
class Attendee:
    """A registered person who attended."""

    person_id: int
    full_name: str
    date_of_birth: date | None
    hamlet: str


@dataclass(frozen=True)
class OutreachSessionRow:
    """One line of the sessions list."""

    id: int
    held_on: date
    place: str
    organiser: str
    topic: str
    commune: str
    attendance_count: int
    registered_count: int
    version: int


@dataclass(frozen=True)
class OutreachSessionDetail:
    """A session with its notes and registered attendees (for the form)."""

    id: int
    held_on: date
    place: str
    organiser: str
    topic: str
    commune_id: int | None
    attendance_count: int
    notes: str
    attendees: tuple[Attendee, ...]
    version: int


@dataclass(frozen=True)
class OutreachInput:
    """What the form sends: *held_on* as typed (dd/mm/yyyy) or a date."""

    held_on: str | date | None
    place: str = ""
    organiser: str = ""
    topic: str = ""
    attendance_count: int = 0
    attendee_ids: tuple[int, ...] = ()
    notes: str = ""


def check_outreach(data: OutreachInput, *, today: date | None = None) -> tuple[date | None, list[Issue]]:
    """Check a session as typed: the date (day first, not in the future), the texts, the counts.

    Returns the date read (``None`` when it has errors) and the issues per field
    (``held_on``, ``place``, ``organiser``, ``topic``, ``attendance_count``).
    """
    issues: list[Issue] = []
    held = parse_date(data.held_on, today=today)
    held_on: date | None = None
    if held.ok and held.value is not None:
        held_on, precision = held.value
        if precision is not DatePrecision.DAY:
            issues.append(Issue("held_on", "Hãy nhập đủ ngày/tháng/năm của buổi tư vấn", Severity.ERROR))
            held_on = None
    issues += held.issues("held_on")
    if not clean_text(data.topic):
        issues.append(Issue("topic", "Chưa nhập nội dung buổi tư vấn", Severity.ERROR))
    if not clean_text(data.place):
        issues.append(Issue("place", "Chưa nhập địa điểm", Severity.ERROR))
    for name in ("place", "organiser", "topic"):
        if len(clean_text(getattr(data, name))) > TEXT_MAX:
            issues.append(Issue(name, f"Dài quá {TEXT_MAX} ký tự", Severity.ERROR))
    registered = len(set(data.attendee_ids))
    if data.attendance_count < 0 or data.attendance_count > MAX_ATTENDANCE:
        issues.append(Issue("attendance_count", f"Số người dự phải từ 0 đến {MAX_ATTENDANCE}", Severity.ERROR))
    elif data.attendance_count < registered:
        issues.append(
            Issue(
                "attendance_count",
                f"Số người dự ({data.attendance_count}) ít hơn số người có hồ sơ đã chọn ({registered})",
                Severity.ERROR,
            )
        )
    elif data.attendance_count == 0:
        issues.append(Issue("attendance_count", "Chưa nhập số người dự", Severity.WARNING))
    return held_on, issues


def _valid(data: OutreachInput, today: date | None) -> date:
    held_on, issues = check_outreach(data, today=today)
    if any(i.severity is Severity.ERROR for i in issues) or held_on is None:
        raise ValidationFailed(issues)
    return held_on


def _check_people(session: Session, ids: Sequence[int]) -> list[int]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    found = set(
        session.scalars(select(col(Person.id)).where(col(Person.id).in_(wanted), col(Person.deleted_at).is_(None)))
    )
    missing = [i for i in wanted if i not in found]
    if missing:
        raise NotFound("Một số người dự đã chọn không còn trong hồ sơ. Hãy chọn lại.")
    return wanted


def _shown_attendance(engine: Engine) -> list[Any]:
    """What makes an attendance row shown (in the detail) and counted (in the list): a person not
    deleted and, for a club leader, of their club. Other rows stay hidden, not dropped."""
    from .access import person_scope

    where: list[Any] = [person_alive(col(OutreachAttendance.person_id), engine.dialect.name)]
    scope = person_scope(engine, col(OutreachAttendance.person_id))
    if scope is not None:
        where.append(scope)
    return where


def create_outreach_session(
    engine: Engine, *, data: OutreachInput, commune_id: int | None = None, today: date | None = None
) -> int:
    """Record a session; returns its id. The commune defaults to the database's own unit."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_WRITE)
    held_on = _valid(data, today)
    own = get_own_unit(engine)
    with write_session(engine) as session:
        check_commune(session, commune_id)
        people = _check_people(session, data.attendee_ids)
        row = OutreachSession(
            held_on=held_on,
            place=clean_text(data.place),
            organiser=clean_text(data.organiser),
            topic=clean_text(data.topic),
            commune_id=commune_id if commune_id is not None else (own.id if own else None),
            attendance_count=data.attendance_count,
            notes=data.notes.strip(),
            unit_code=own.code if own else None,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        if people:
            session.execute(insert(OutreachAttendance), [{"session_id": row.id, "person_id": p} for p in people])
        return row.id


def _load(session: Session, session_id: int, version: int) -> OutreachSession:
    row = live_or_not_found(session, OutreachSession, session_id, GONE_MESSAGE)
    if row.version != version:
        raise Refused(STALE_MESSAGE)
    return row


def update_outreach_session(
    engine: Engine, *, session_id: int, version: int, data: OutreachInput, today: date | None = None
) -> None:
    """Save changes to a session: the attendees replace the ones the detail shows; attendance of
    people it hides (deleted, or out of a club leader's sight) is kept — a restored person is
    an attendee again."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_WRITE)
    held_on = _valid(data, today)
    shown = _shown_attendance(engine)
    try:
        with write_session(engine) as session:
            row = _load(session, session_id, version)
            people = _check_people(session, data.attendee_ids)
            row.held_on = held_on
            row.place = clean_text(data.place)
            row.organiser = clean_text(data.organiser)
            row.topic = clean_text(data.topic)
            row.attendance_count = data.attendance_count
            row.notes = data.notes.strip()
            session.add(row)
            session.flush()
            this_session = col(OutreachAttendance.session_id) == session_id
            present = set(session.scalars(select(col(OutreachAttendance.person_id)).where(this_session)))
            dropped = set(session.scalars(select(col(OutreachAttendance.person_id)).where(this_session, *shown))) - set(
                people
            )
            if dropped:
                session.execute(
                    delete(OutreachAttendance).where(
                        this_session, col(OutreachAttendance.person_id).in_(sorted(dropped))
                    )
                )
            added = [p for p in people if p not in present]
            if added:
                session.execute(insert(OutreachAttendance), [{"session_id": session_id, "person_id": p} for p in added])
    except StaleDataError as error:
        raise Refused(STALE_MESSAGE) from error


def delete_outreach_session(engine: Engine, *, session_id: int, version: int) -> None:
    """Delete a session (softly: it and its attendance stay in the database, hidden)."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_WRITE)
    try:
        with write_session(engine) as session:
            row = _load(session, session_id, version)
            row.deleted_at = utcnow()
            session.add(row)
    except StaleDataError as error:
        raise Refused(STALE_MESSAGE) from error


def get_outreach_session(engine: Engine, *, session_id: int) -> OutreachSessionDetail:
    """A session with its registered attendees (by name order)."""
    from .access import Permission, apply_scope, person_scope, require

    require(engine, Permission.RECORDS_READ)
    scope = person_scope(engine, col(Person.id))  # a club leader sees only their club's attendees
    with read_session(engine) as session:
        row = live_or_not_found(session, OutreachSession, session_id, GONE_MESSAGE)
        people = session.execute(
            apply_scope(
                select(col(Person.id), col(Person.full_name), col(Person.date_of_birth), col(Person.hamlet))
                .join(OutreachAttendance, col(OutreachAttendance.person_id) == col(Person.id))
                .where(col(OutreachAttendance.session_id) == session_id, col(Person.deleted_at).is_(None))
                .order_by(col(Person.sort_key), col(Person.id)),
                scope,
            )
        ).all()
        assert row.id is not None
        return OutreachSessionDetail(
            id=row.id,
            held_on=row.held_on,
            place=row.place,
            organiser=row.organiser,
            topic=row.topic,
            commune_id=row.commune_id,
            attendance_count=row.attendance_count,
            notes=row.notes,
            attendees=tuple(Attendee(p[0], p[1], p[2], p[3] or "") for p in people),
            version=row.version,
        )


def list_outreach_sessions(engine: Engine, *, year: int | None = None) -> list[OutreachSessionRow]:
    """The sessions (of *year*, or all), newest first, with their registered attendance."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_READ)
    registered = (  # the attendees the detail shows (get_outreach_session)
        select(func.count())
        .select_from(OutreachAttendance)
        .where(col(OutreachAttendance.session_id) == col(OutreachSession.id), *_shown_attendance(engine))
        .correlate(OutreachSession)
        .scalar_subquery()
    )
    stmt = (
        select(
            col(OutreachSession.id),
            col(OutreachSession.held_on),
            col(OutreachSession.place),
            col(OutreachSession.organiser),
            col(OutreachSession.topic),
            col(AdministrativeUnit.name),
            col(OutreachSession.attendance_count),
            registered,
            col(OutreachSession.version),
        )
        .outerjoin(AdministrativeUnit, col(AdministrativeUnit.id) == col(OutreachSession.commune_id))
        .where(col(OutreachSession.deleted_at).is_(None))
        .order_by(col(OutreachSession.held_on).desc(), col(OutreachSession.id).desc())
    )
    if year is not None:
        stmt = stmt.where(
            col(OutreachSession.held_on) >= date(year, 1, 1), col(OutreachSession.held_on) < date(year + 1, 1, 1)
        )
    with read_session(engine) as session:
        return [
            OutreachSessionRow(r[0], r[1], r[2], r[3], r[4], r[5] or "", int(r[6]), int(r[7]), int(r[8]))
            for r in session.execute(stmt)
        ]


def outreach_years(engine: Engine) -> tuple[int, ...]:
    """The years that have sessions, newest first."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_READ)
    year = extract("year", col(OutreachSession.held_on))
    with read_session(engine) as session:
        found = session.execute(
            select(year).where(col(OutreachSession.deleted_at).is_(None)).group_by(year).order_by(year.desc())
        ).scalars()
        return tuple(int(y) for y in found if y is not None)
