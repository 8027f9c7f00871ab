"""Thùng rác — deleted records, restorable for 30 days, then purged for good.

Deleting a record in the program is soft (``deleted_at``). The bin lists what a user deleted —
people, households, household members, departures, returns, follow-ups, club meetings, family
visits, outreach sessions — each as one item: what hangs on a record and was deleted with it
(a person's departures, a household's members…) carries the same ``deleted_at`` stamp and comes
back with it. For every item the bin says what it is, when it was deleted, by whom (from the
audit trail) and how many days are left before it is purged.

* :func:`list_bin` / :func:`restore_item` / :func:`empty_bin` are for administrators only
  (:attr:`~.access.Permission.DATA_ERASE`).
* :func:`purge_expired` runs at start-up (:func:`~.database.open_database`): every record
  deleted more than :func:`retention_days` days ago (setting ``recycle_bin_days``, 30 by default)
  is removed from the database with what depends on it, and the audit trail gets one line per
  removed record — its table and uuid, never its content.

Hard deletes go through :func:`hard_delete`, which follows the foreign keys of the schema
(children first; ``SET NULL`` links are cleared) on a plain connection, so that they work the
same on SQLite and PostgreSQL and write no automatic audit entry holding the record's data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, aliased

from ..domain.enums import LabeledEnum, PersonStatus
from ..domain.models import (
    RECORD_TABLES,
    AppSetting,
    AuditEvent,
    ClubMeeting,
    Departure,
    DepartureSupport,
    FamilyClub,
    FamilyVisit,
    Household,
    HouseholdMember,
    Loan,
    Market,
    OutreachSession,
    Person,
    ReturnFollowUp,
    StatusEvent,
    WorkerReturn,
    metadata,
    utcnow,
)
from ..domain.validation import format_date
from ..store.session import read_session, write_session
from . import access
from .audit import append_events
from .errors import NotFound, Refused
from .lifecycle import check_restored_departure, check_restored_return, recompute_status

RETENTION_KEY = "recycle_bin_days"
PURGED_ON_KEY = "recycle_bin_purged_on"  # the day (UTC) of the last start-up purge
DEFAULT_RETENTION_DAYS = 30
PURGE_ACTION = "purge"
PURGED_TEXT = "Đã xóa vĩnh viễn sau {days} ngày trong thùng rác"
EMPTIED_TEXT = "Đã xóa vĩnh viễn khi quản trị viên dọn thùng rác"
GONE = "Mục này không còn trong thùng rác (có thể vừa được khôi phục hoặc xóa hẳn)."
#: tables never purged here (accounts are the users' business)
_KEEP_TABLES = frozenset({"user_account"})
_CHUNK = 500
#: events a departure's deletion removed are stamped a moment after the departure itself
_EVENT_SLACK = timedelta(seconds=5)


class BinKind(LabeledEnum):
    """What a bin item is."""

    PERSON = "person", "Hồ sơ người lao động", "Worker's record"
    HOUSEHOLD = "household", "Hộ gia đình", "Household"
    HOUSEHOLD_MEMBER = "household_member", "Thành viên hộ", "Household member"
    DEPARTURE = "departure", "Xuất cảnh", "Departure"
    RETURN = "worker_return", "Về nước", "Return"
    FOLLOW_UP = "return_follow_up", "Theo dõi sau về nước", "Follow-up"
    MEETING = "club_meeting", "Sinh hoạt CLB", "Club meeting"
    VISIT = "family_visit", "Thăm hỏi gia đình", "Family visit"
    OUTREACH = "outreach_session", "Buổi tư vấn", "Outreach session"


@dataclass(frozen=True)
class BinItem:
    """One deleted record in the bin (with what was deleted along with it)."""

    kind: BinKind
    record_id: int
    uuid: str
    title: str  # Vietnamese: "Nguyễn Văn An, sinh 1990", "Xuất cảnh 02/03/2024 — Nhật Bản (Nguyễn Văn An)"
    deleted_at: datetime  # UTC, aware
    deleted_by: str  # username from the audit trail ("" when unknown)
    days_left: int  # whole days before the purge (0: purged at the next start)

    @property
    def table(self) -> str:
        return self.kind.value


@dataclass(frozen=True)
class PurgeResult:
    """What a purge removed: records per table (dependants included)."""

    removed: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.removed.values())


# --------------------------------------------------------------------------- settings, time


def retention_days(engine: Engine) -> int:
    """Days a deleted record stays restorable (setting ``recycle_bin_days``, default 30, at least 1)."""
    with read_session(engine) as session:
        value = session.scalar(sa.select(AppSetting.value).where(AppSetting.key == RETENTION_KEY))
    try:
        return max(1, int(value)) if value is not None else DEFAULT_RETENTION_DAYS
    except ValueError:
        return DEFAULT_RETENTION_DAYS


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _days_left(deleted_at: datetime, now: datetime, days: int) -> int:
    left = _aware(deleted_at) + timedelta(days=days) - now
    return max(0, left.days + (1 if left.seconds or left.microseconds else 0)) if left > timedelta(0) else 0


# --------------------------------------------------------------------------- hard delete


def _table(name: str) -> sa.Table:
    return metadata.tables[name]


def _children(table: sa.Table) -> list[tuple[sa.Table, sa.Column[Any], str]]:
    """(child table, its column, ondelete) for every foreign key pointing at *table*."""
    found = []
    for child in metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table:
                found.append((child, fk.parent, (fk.ondelete or "RESTRICT").upper()))
    return found


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def hard_delete(conn: Connection, table: sa.Table, ids: Iterable[int], *, done: list[tuple[str, str]]) -> int:
    """Delete rows *ids* of *table* and, first, every row that depends on them (following the
    schema's foreign keys: ``CASCADE`` children are deleted, ``SET NULL`` links cleared).

    Appends ``(table name, uuid)`` of every deleted record to *done*; returns the rows deleted
    from *table* itself. Runs on a plain connection: no ORM hook sees it.
    """
    id_list = sorted({int(i) for i in ids})
    if not id_list:
        return 0
    for child, column, ondelete in _children(table):
        if child is table:
            continue
        for chunk in _chunks(id_list):
            if ondelete == "SET NULL":
                values: dict[str, Any] = {column.name: None}
                if "version" in child.c:
                    values["version"] = child.c.version + 1
                conn.execute(sa.update(child).where(column.in_(chunk)).values(**values))
            elif "id" in child.c:
                child_ids = list(conn.scalars(sa.select(child.c.id).where(column.in_(chunk))))
                hard_delete(conn, child, child_ids, done=done)
            else:
                conn.execute(sa.delete(child).where(column.in_(chunk)))
    removed = 0
    for chunk in _chunks(id_list):
        if "uuid" in table.c:
            done.extend(
                (table.name, str(u)) for u in conn.scalars(sa.select(table.c.uuid).where(table.c.id.in_(chunk)))
            )
        removed += conn.execute(sa.delete(table).where(table.c.id.in_(chunk))).rowcount or 0
    return removed


def _purge_lines(done: list[tuple[str, str]], *, text: str, username: str) -> list[dict[str, Any]]:
    now = utcnow()
    return [
        {
            "at": now,
            "username": username,
            "action": PURGE_ACTION,
            "table_name": table,
            "record_uuid": uuid,
            "detail": {"text": text},
        }
        for table, uuid in done
    ]


def _purge(conn: Connection, cutoff: datetime | None, *, text: str, username: str) -> PurgeResult:
    """Hard-delete every soft-deleted record (deleted before *cutoff*; ``None``: all) and its dependants."""
    done: list[tuple[str, str]] = []
    for model in RECORD_TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        if table.name in _KEEP_TABLES:
            continue
        condition = table.c.deleted_at.is_not(None)
        if cutoff is not None:
            condition = sa.and_(condition, table.c.deleted_at < cutoff)
        ids = list(conn.scalars(sa.select(table.c.id).where(condition)))
        hard_delete(conn, table, ids, done=done)
    removed: dict[str, int] = {}
    for table_name, _uuid in done:
        removed[table_name] = removed.get(table_name, 0) + 1
    if done:
        append_events(conn, _purge_lines(done, text=text, username=username))
    return PurgeResult(removed)


def purge_expired(engine: Engine, *, now: datetime | None = None, daily: bool = False) -> PurgeResult:
    """Start-up work (no permission asked): purge what was deleted more than the retention ago.

    With *daily* (start-up), only the first call of the day (UTC) looks: the scan of every table
    costs about half a second at 200,000 people, and nothing expires faster than a day.
    """
    now = now or utcnow()
    days = retention_days(engine)
    cutoff = now - timedelta(days=days)
    today = now.date().isoformat()
    setting = AppSetting.__table__  # type: ignore[attr-defined]
    if daily:
        with read_session(engine) as session:
            if session.scalar(sa.select(setting.c.value).where(setting.c.key == PURGED_ON_KEY)) == today:
                return PurgeResult({})
    with write_session(engine) as session:
        conn = session.connection()
        result = _purge(conn, cutoff, text=PURGED_TEXT.format(days=days), username=access.SYSTEM.username)
        if conn.execute(sa.update(setting).where(setting.c.key == PURGED_ON_KEY).values(value=today)).rowcount == 0:
            conn.execute(sa.insert(setting).values(key=PURGED_ON_KEY, value=today))
        return result


def empty_bin(engine: Engine) -> PurgeResult:
    """Thùng rác ▸ Dọn sạch: purge everything in the bin now (administrator; asked to confirm first)."""
    actor = access.require(engine, access.Permission.DATA_ERASE)
    with write_session(engine) as session:
        return _purge(session.connection(), None, text=EMPTIED_TEXT, username=actor.username if actor else "")


# --------------------------------------------------------------------------- listing


def _differs(child: Any, parent: Any) -> Any:
    """The child was deleted on its own: the parent is live, or was deleted at another moment."""
    return sa.or_(parent.is_(None), parent != child)


def _rows(session: Session) -> Iterator[tuple[BinKind, Any, str]]:
    p, h, m, d, r, f = Person, Household, HouseholdMember, Departure, WorkerReturn, ReturnFollowUp
    market = Market
    for row in session.execute(
        sa.select(p.id, p.uuid, p.deleted_at, p.full_name, p.date_of_birth).where(p.deleted_at.is_not(None))  # type: ignore[union-attr]
    ):
        born = f", sinh {row.date_of_birth.year}" if row.date_of_birth else ""
        yield BinKind.PERSON, row, f"{row.full_name}{born}"
    for row in session.execute(
        sa.select(h.id, h.uuid, h.deleted_at, h.head_name, h.hamlet).where(h.deleted_at.is_not(None))  # type: ignore[union-attr]
    ):
        yield BinKind.HOUSEHOLD, row, f"Hộ {row.head_name}" + (f" ({row.hamlet})" if row.hamlet else "")
    member_person = aliased(Person)
    for row in session.execute(
        sa.select(m.id, m.uuid, m.deleted_at, m.full_name, h.head_name)
        .join(h, h.id == m.household_id)
        .outerjoin(member_person, member_person.id == m.person_id)
        .where(
            m.deleted_at.is_not(None),  # type: ignore[union-attr]
            _differs(m.deleted_at, h.deleted_at),
            _differs(m.deleted_at, member_person.deleted_at),
        )
    ):
        yield BinKind.HOUSEHOLD_MEMBER, row, f"{row.full_name} — thành viên hộ {row.head_name}"
    for row in session.execute(
        sa.select(d.id, d.uuid, d.deleted_at, d.departed_on, p.full_name, market.name_vi)
        .join(p, p.id == d.person_id)
        .outerjoin(market, market.code == d.market_code)
        .where(d.deleted_at.is_not(None), _differs(d.deleted_at, p.deleted_at))  # type: ignore[union-attr]
    ):
        yield (
            BinKind.DEPARTURE,
            row,
            f"Xuất cảnh {format_date(row.departed_on)} — {row.name_vi or ''} ({row.full_name})",
        )
    for row in session.execute(
        sa.select(r.id, r.uuid, r.deleted_at, r.returned_on, p.full_name)
        .join(d, d.id == r.departure_id)
        .join(p, p.id == d.person_id)
        .where(r.deleted_at.is_not(None), _differs(r.deleted_at, d.deleted_at))  # type: ignore[union-attr]
    ):
        yield BinKind.RETURN, row, f"Về nước {format_date(row.returned_on)} ({row.full_name})"
    for row in session.execute(
        sa.select(f.id, f.uuid, f.deleted_at, f.followed_on, p.full_name)
        .join(r, r.id == f.return_id)
        .join(d, d.id == r.departure_id)
        .join(p, p.id == d.person_id)
        .where(f.deleted_at.is_not(None), _differs(f.deleted_at, r.deleted_at))  # type: ignore[union-attr]
    ):
        yield BinKind.FOLLOW_UP, row, f"Theo dõi sau về nước {format_date(row.followed_on)} ({row.full_name})"
    for row in session.execute(
        sa.select(ClubMeeting.id, ClubMeeting.uuid, ClubMeeting.deleted_at, ClubMeeting.held_on, ClubMeeting.topic)
        .add_columns(FamilyClub.name)
        .join(FamilyClub, FamilyClub.id == ClubMeeting.club_id)
        .where(ClubMeeting.deleted_at.is_not(None))  # type: ignore[union-attr]
    ):
        yield BinKind.MEETING, row, f"Sinh hoạt {format_date(row.held_on)}: {row.topic} — {row.name}"
    for row in session.execute(
        sa.select(FamilyVisit.id, FamilyVisit.uuid, FamilyVisit.deleted_at, FamilyVisit.visited_on, h.head_name)
        .join(h, h.id == FamilyVisit.household_id)
        .where(FamilyVisit.deleted_at.is_not(None))  # type: ignore[union-attr]
    ):
        yield BinKind.VISIT, row, f"Thăm hộ {row.head_name} ngày {format_date(row.visited_on)}"
    o = OutreachSession
    for row in session.execute(
        sa.select(o.id, o.uuid, o.deleted_at, o.held_on, o.topic, o.place).where(o.deleted_at.is_not(None))  # type: ignore[union-attr]
    ):
        parts = [p for p in (row.topic, row.place) if p]
        yield (
            BinKind.OUTREACH,
            row,
            f"Buổi tư vấn {format_date(row.held_on)}" + (f": {' — '.join(parts)}" if parts else ""),
        )


def _deleted_by(session: Session, records: Sequence[tuple[str, str, datetime]]) -> dict[tuple[str, str], str]:
    """Who deleted each ``(table, uuid, deleted_at)`` record: of the latest five audit entries about
    it up to a minute after it was deleted, the user of the deletion, else of the latest one.

    Read a chunk of records per query (an undone import leaves thousands in the bin)."""
    audit = AuditEvent.__table__  # type: ignore[attr-defined]
    cutoff = {(table, uuid): _aware(at) + timedelta(minutes=1) for table, uuid, at in records}
    entries: dict[tuple[str, str], list[tuple[str, str]]] = {}
    by_table: dict[str, list[str]] = {}
    for table, uuid, _at in records:
        by_table.setdefault(table, []).append(uuid)
    for table, uuids in by_table.items():
        for chunk in _chunks(uuids):
            query = (
                sa.select(audit.c.record_uuid, audit.c.at, audit.c.username, audit.c.action)
                .where(audit.c.table_name == table, audit.c.record_uuid.in_(chunk))
                .order_by(audit.c.id.desc())
            )
            for row in session.execute(query):
                key = (table, str(row.record_uuid))
                latest = entries.setdefault(key, [])
                if len(latest) < 5 and _aware(row.at) <= cutoff[key]:
                    latest.append((str(row.username or ""), str(row.action)))
    found: dict[tuple[str, str], str] = {}
    for key, latest in entries.items():
        deleters = [user for user, action in latest if action == "delete"]
        found[key] = deleters[0] if deleters else latest[0][0] if latest else ""
    return found


def list_bin(engine: Engine, *, now: datetime | None = None) -> list[BinItem]:
    """Everything in the bin, most recently deleted first (administrator)."""
    access.require(engine, access.Permission.DATA_ERASE)
    days = retention_days(engine)
    now = now or utcnow()
    items: list[BinItem] = []
    with read_session(engine) as session:
        rows = list(_rows(session))
        deleted_by = _deleted_by(session, [(kind.value, str(row.uuid), row.deleted_at) for kind, row, _t in rows])
        for kind, row, title in rows:
            items.append(
                BinItem(
                    kind=kind,
                    record_id=int(row.id),
                    uuid=str(row.uuid),
                    title=title,
                    deleted_at=_aware(row.deleted_at),
                    deleted_by=deleted_by.get((kind.value, str(row.uuid)), ""),
                    days_left=_days_left(row.deleted_at, now, days),
                )
            )
    items.sort(key=lambda i: (i.deleted_at, i.record_id), reverse=True)
    return items


# --------------------------------------------------------------------------- restoring


def _deleted(session: Session, model: Any, record_id: int) -> Any:
    record = session.get(model, record_id)
    if record is None or record.deleted_at is None:
        raise NotFound(GONE)
    return record


def _undelete(session: Session, model: Any, *conditions: Any) -> None:
    for record in session.scalars(sa.select(model).where(*conditions)):
        record.deleted_at = None
        session.add(record)


def _live_people() -> Any:
    return sa.select(Person.id).where(Person.deleted_at.is_(None))  # type: ignore[union-attr]


def _live_person_of(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise Refused("Hồ sơ của người này cũng đang trong thùng rác: hãy khôi phục hồ sơ người đó trước.")
    return person


def _restore_departure(session: Session, record_id: int) -> None:
    dep = _deleted(session, Departure, record_id)
    stamp = dep.deleted_at
    person = _live_person_of(session, dep.person_id)
    back = session.scalars(sa.select(WorkerReturn).where(WorkerReturn.departure_id == dep.id)).first()
    end: date | None = back.returned_on if back is not None and back.deleted_at == stamp else None
    others = session.execute(
        sa.select(Departure.departed_on, WorkerReturn.returned_on)
        .outerjoin(
            WorkerReturn,
            sa.and_(WorkerReturn.departure_id == Departure.id, WorkerReturn.deleted_at.is_(None)),  # type: ignore[union-attr]
        )
        .where(Departure.person_id == person.id, Departure.deleted_at.is_(None), Departure.id != dep.id)  # type: ignore[union-attr]
    ).all()
    for other_start, other_end in others:
        # a trip may leave on the day the one before it came back (as recording allows)
        overlaps = (end is None or other_start < end) and (other_end is None or other_end > dep.departed_on)
        if overlaps:
            raise Refused(
                f"Không khôi phục được lần xuất cảnh ngày {format_date(dep.departed_on)}: người này đã có lần xuất "
                f"cảnh khác (ngày {format_date(other_start)}) trùng thời gian."
            )
    check_restored_departure(session, person, dep)
    returns = sa.select(WorkerReturn.id).where(WorkerReturn.departure_id == dep.id)
    _undelete(session, Loan, Loan.departure_id == dep.id, Loan.deleted_at == stamp)
    _undelete(session, DepartureSupport, DepartureSupport.departure_id == dep.id, DepartureSupport.deleted_at == stamp)
    _undelete(session, ReturnFollowUp, ReturnFollowUp.return_id.in_(returns), ReturnFollowUp.deleted_at == stamp)  # type: ignore[attr-defined]
    _undelete(session, WorkerReturn, WorkerReturn.departure_id == dep.id, WorkerReturn.deleted_at == stamp)
    statuses = {PersonStatus.DEPARTED, PersonStatus.WORKING_ABROAD, PersonStatus.ABSCONDED, PersonStatus.RETURNED}
    _undelete(
        session,
        StatusEvent,
        StatusEvent.person_id == person.id,
        StatusEvent.status.in_(statuses),  # type: ignore[attr-defined]
        StatusEvent.deleted_at >= stamp,  # type: ignore[operator]
        StatusEvent.deleted_at <= _aware(stamp) + _EVENT_SLACK,  # type: ignore[operator]
        StatusEvent.happened_on >= dep.departed_on,
    )
    dep.deleted_at = None
    session.add(dep)
    recompute_status(session, person)


def _restore_return(session: Session, record_id: int) -> None:
    back = _deleted(session, WorkerReturn, record_id)
    stamp = back.deleted_at
    dep = session.get(Departure, back.departure_id)
    if dep is None or dep.deleted_at is not None:
        raise Refused("Lần xuất cảnh của lần về nước này cũng đang trong thùng rác: hãy khôi phục lần xuất cảnh trước.")
    person = _live_person_of(session, dep.person_id)
    check_restored_return(session, person, dep, back)
    _undelete(session, ReturnFollowUp, ReturnFollowUp.return_id == back.id, ReturnFollowUp.deleted_at == stamp)
    _undelete(
        session,
        StatusEvent,
        StatusEvent.person_id == person.id,
        StatusEvent.status == PersonStatus.RETURNED,
        StatusEvent.happened_on == back.returned_on,
        StatusEvent.deleted_at >= stamp,  # type: ignore[operator]
        StatusEvent.deleted_at <= _aware(stamp) + _EVENT_SLACK,  # type: ignore[operator]
    )
    back.deleted_at = None
    session.add(back)
    recompute_status(session, person)


#: records restored alone only when what they belong to is not in the bin too: (table, parent
#: table, the column naming the parent, why not)
_RESTORED_UNDER: dict[BinKind, tuple[Any, Any, str, str]] = {
    BinKind.HOUSEHOLD_MEMBER: (
        HouseholdMember,
        Household,
        "household_id",
        "Hộ của thành viên này cũng đang trong thùng rác: hãy khôi phục hộ trước.",
    ),
    BinKind.FOLLOW_UP: (
        ReturnFollowUp,
        WorkerReturn,
        "return_id",
        "Lần về nước của lần theo dõi này cũng đang trong thùng rác: hãy khôi phục lần về nước trước.",
    ),
    BinKind.VISIT: (
        FamilyVisit,
        Household,
        "household_id",
        "Hộ được thăm cũng đang trong thùng rác: hãy khôi phục hộ trước.",
    ),
}


def _restore_simple(session: Session, kind: BinKind, record_id: int) -> None:
    if kind is BinKind.HOUSEHOLD:
        household = _deleted(session, Household, record_id)
        # its members come back with it — but not one whose own record is in the bin: that member
        # stays there, to be restored after the person (a household never lists a deleted record)
        _undelete(
            session,
            HouseholdMember,
            HouseholdMember.household_id == household.id,
            HouseholdMember.deleted_at == household.deleted_at,
            sa.or_(HouseholdMember.person_id.is_(None), HouseholdMember.person_id.in_(_live_people())),  # type: ignore[union-attr]
        )
        household.deleted_at = None
        session.add(household)
        return
    parent_rule = _RESTORED_UNDER.get(kind)
    if parent_rule is not None:
        model, parent_model, column, message = parent_rule
        record = _deleted(session, model, record_id)
        parent = session.get(parent_model, getattr(record, column))
        if parent is None or parent.deleted_at is not None:
            raise Refused(message)
        if kind is BinKind.HOUSEHOLD_MEMBER and record.person_id is not None:
            _live_person_of(session, record.person_id)
        if kind is BinKind.FOLLOW_UP and record.followed_on < parent.returned_on:
            raise Refused(
                f"Không khôi phục được lần theo dõi ngày {format_date(record.followed_on)}: ngày về nước đã được "
                f"sửa thành {format_date(parent.returned_on)}, sau ngày theo dõi này."
            )
    else:
        model = {BinKind.MEETING: ClubMeeting, BinKind.OUTREACH: OutreachSession}[kind]
        record = _deleted(session, model, record_id)
        if kind is BinKind.MEETING:
            from .club import check_restored_meeting

            check_restored_meeting(session, record)
    record.deleted_at = None
    session.add(record)


def restore_item(engine: Engine, *, kind: BinKind, record_id: int) -> None:
    """Bring an item back from the bin, with what was deleted along with it (administrator).

    Refused (:class:`Refused`) when what it belongs to is itself in the bin, or when it would
    clash with what was recorded since (a departure overlapping a newer one).
    """
    access.require(engine, access.Permission.DATA_ERASE)
    if kind is BinKind.PERSON:
        from .person_records import restore_person

        with read_session(engine) as session:
            _deleted(session, Person, record_id)
        restore_person(engine, person_id=record_id)
        return
    with write_session(engine) as session:
        if kind is BinKind.DEPARTURE:
            _restore_departure(session, record_id)
        elif kind is BinKind.RETURN:
            _restore_return(session, record_id)
        else:
            _restore_simple(session, kind, record_id)


def bin_summary(items: Sequence[BinItem]) -> str:
    """ "3 mục: Hồ sơ người lao động: 1, Xuất cảnh: 2" — for the confirmation of :func:`empty_bin`."""
    counts: dict[BinKind, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    parts = ", ".join(f"{kind.vi}: {n}" for kind, n in counts.items())
    return f"{len(items)} mục: {parts}" if items else "0 mục"


__all__ = [
    "DEFAULT_RETENTION_DAYS",
    "RETENTION_KEY",
    "BinItem",
    "BinKind",
    "PurgeResult",
    "bin_summary",
    "empty_bin",
    "hard_delete",
    "list_bin",
    "purge_expired",
    "restore_item",
    "retention_days",
]
