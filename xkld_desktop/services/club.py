"""CLB gia đình có người đi lao động ở nước ngoài — the family club: members, meetings, visits.

A club (one per commune, usually) has a leader, member households with their join and leave
dates, meetings (date, topic, place, a contribution to the club's small fund in đồng, and the
member households that attended) and visits to families (who visited, the issues raised, the
follow-up and whether it was done).

Rules kept here, each refusal a Vietnamese :class:`Refused` or :class:`ValidationFailed`:
- a household has at most one active membership (no leaving date) at a time, in any club; its
  membership periods in a club do not overlap; nobody joins before the club was founded;
- leaving is not before joining, nor before a meeting of the club the household attended (it was
  a member that day: leaving earlier would make the meeting's attendance wrong, and the meeting
  could no longer be edited), and an ended membership cannot end again;
- dates of joining, leaving, meetings, visits and follow-ups are not in the future;
- a meeting's attendees are households that were members on the meeting's day.

"At a glance" for the club leader: :func:`households_not_visited` lists the member households
with no visit in a calendar quarter (Q1 January–March … Q4 October–December). No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from ..domain.enums import PovertyStatus
from ..domain.models import (
    AdministrativeUnit,
    ClubMeeting,
    ClubMeetingAttendance,
    ClubMembership,
    FamilyClub,
    FamilyVisit,
    Household,
    Person,
    utcnow,
)
from ..domain.text import clean_text, fold, name_sort_key
from ..domain.validation import Issue, Severity, format_date, normalise_name
from ..store.session import read_session
from . import access
from .access import Permission
from .errors import NotFound, Refused, ValidationFailed, live_or_not_found
from .households import (
    MembershipRow,
    VisitRow,
    alive,
    check_optional_phone,
    check_version,
    household_label,
    membership_rows,
    raise_issues,
    saving,
    visit_rows,
)
from .settings import get_own_unit, own_unit_code

# --------------------------------------------------------------------------- quarters


def quarter_number(d: date) -> int:
    """The calendar quarter (1–4) containing *d*."""
    return (d.month - 1) // 3 + 1


def quarter_bounds(d: date) -> tuple[date, date]:
    """First and last day of the calendar quarter containing *d*.

    >>> quarter_bounds(date(2026, 11, 25))
    (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    """
    first_month = (quarter_number(d) - 1) * 3 + 1
    start = date(d.year, first_month, 1)
    end = date(d.year + 1, 1, 1) if first_month == 10 else date(d.year, first_month + 3, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def quarter_label(d: date) -> str:
    """ "Quý 4/2026" — the quarter containing *d*, as Vietnamese reports write it."""
    return f"Quý {quarter_number(d)}/{d.year}"


def previous_quarter(d: date) -> date:
    """A day (the first) of the quarter before the one containing *d*."""
    start, _end = quarter_bounds(d)
    return quarter_bounds(date.fromordinal(start.toordinal() - 1))[0]


# --------------------------------------------------------------------------- read objects


@dataclass(frozen=True)
class ClubRow:
    """A club with its leader and what it has: active member households, meetings, visits."""

    id: int
    version: int
    name: str
    commune_id: int | None
    commune: str
    founded_on: date | None
    leader_name: str
    leader_person_id: int | None
    leader_phone: str | None
    notes: str
    active_households: int
    meetings: int
    visits: int
    last_meeting_on: date | None


@dataclass(frozen=True)
class MeetingRow:
    """Sinh hoạt CLB — a meeting and how many member households attended."""

    id: int
    version: int
    club_id: int
    held_on: date
    topic: str
    place: str
    fund_contribution: int
    notes: str
    attendance: int


@dataclass(frozen=True)
class MeetingDetail:
    """A meeting with the ids of the households that attended."""

    meeting: MeetingRow
    attendee_ids: tuple[int, ...]


@dataclass(frozen=True)
class MemberHousehold:
    """A household that was a member of a club on a given day (for the attendance list)."""

    household_id: int
    head_name: str
    hamlet: str


@dataclass(frozen=True)
class NotVisitedRow:
    """An active member household with no visit in the quarter ("chưa thăm trong quý")."""

    household_id: int
    membership_id: int
    club_id: int
    club_name: str
    head_name: str
    hamlet: str
    phone: str | None
    poverty_status: PovertyStatus
    joined_on: date
    last_visit_on: date | None


# --------------------------------------------------------------------------- helpers


def _today(today: date | None) -> date:
    return today or date.today()


def _not_future(field: str, what: str, value: date, today: date) -> list[Issue]:
    if value > today:
        return [Issue(field, f"{what} không được ở tương lai ({format_date(value)})", Severity.ERROR)]
    return []


def _get_club(session: Session, club_id: int) -> FamilyClub:
    return live_or_not_found(session, FamilyClub, club_id, "Không tìm thấy câu lạc bộ này (có thể đã bị xóa).")


def _household(session: Session, household_id: int) -> Household:
    return live_or_not_found(session, Household, household_id, "Không tìm thấy hộ gia đình này (có thể đã bị xóa).")


# --------------------------------------------------------------------------- clubs


def _club_rows(session: Session, where: list[ColumnElement[bool]]) -> list[ClubRow]:
    active = (
        select(func.count())
        .select_from(ClubMembership)
        .join(Household, col(Household.id) == col(ClubMembership.household_id))
        .where(
            col(ClubMembership.club_id) == col(FamilyClub.id),
            col(ClubMembership.left_on).is_(None),
            alive(col(ClubMembership.deleted_at)),
            alive(col(Household.deleted_at)),
        )
        .correlate(FamilyClub)
        .scalar_subquery()
    )
    meetings = (
        select(func.count())
        .select_from(ClubMeeting)
        .where(col(ClubMeeting.club_id) == col(FamilyClub.id), alive(col(ClubMeeting.deleted_at)))
        .correlate(FamilyClub)
        .scalar_subquery()
    )
    last_meeting = (
        select(func.max(col(ClubMeeting.held_on)))
        .where(col(ClubMeeting.club_id) == col(FamilyClub.id), alive(col(ClubMeeting.deleted_at)))
        .correlate(FamilyClub)
        .scalar_subquery()
    )
    visits = (
        select(func.count())
        .select_from(FamilyVisit)
        .join(Household, col(Household.id) == col(FamilyVisit.household_id))
        .where(
            col(FamilyVisit.club_id) == col(FamilyClub.id),
            alive(col(FamilyVisit.deleted_at)),
            alive(col(Household.deleted_at)),
        )
        .correlate(FamilyClub)
        .scalar_subquery()
    )
    rows = session.execute(
        select(FamilyClub, col(AdministrativeUnit.name), active, meetings, visits, last_meeting)
        .outerjoin(AdministrativeUnit, col(AdministrativeUnit.id) == col(FamilyClub.commune_id))
        .where(alive(col(FamilyClub.deleted_at)), *where)
    ).all()
    clubs = [
        ClubRow(
            id=c.id,
            version=c.version,
            name=c.name,
            commune_id=c.commune_id,
            commune=commune or "",
            founded_on=c.founded_on,
            leader_name=c.leader_name,
            leader_person_id=c.leader_person_id,
            leader_phone=c.leader_phone,
            notes=c.notes,
            active_households=int(n_active or 0),
            meetings=int(n_meetings or 0),
            visits=int(n_visits or 0),
            last_meeting_on=last,
        )
        for c, commune, n_active, n_meetings, n_visits, last in rows
    ]
    return clubs


def _require_meeting(engine: Engine, meeting_id: int, permission: Permission) -> None:
    """*permission* on the meeting's club (a club leader: their own club's meetings only)."""
    if access.scoped_club_id(engine) is None:
        access.require(engine, permission)
        return
    with read_session(engine) as session:
        club_id = session.scalar(select(col(ClubMeeting.club_id)).where(col(ClubMeeting.id) == meeting_id))
    access.require_club(engine, club_id if club_id is not None else -1, permission)


def _require_visit(engine: Engine, visit_id: int, permission: Permission) -> None:
    """*permission* on the visited household (a club leader: households of their club only)."""
    if access.scoped_club_id(engine) is None:
        access.require(engine, permission)
        return
    with read_session(engine) as session:
        household_id = session.scalar(select(col(FamilyVisit.household_id)).where(col(FamilyVisit.id) == visit_id))
    access.require_household(engine, household_id if household_id is not None else -1, permission)


def list_clubs(engine: Engine) -> list[ClubRow]:
    """The clubs, the one of the database's own commune first, then by name."""
    access.require(engine, Permission.RECORDS_READ)
    own = get_own_unit(engine)
    with read_session(engine) as session:
        clubs = _club_rows(session, [])
    own_id = own.id if own else None
    limit = access.scoped_club_id(engine)  # a club leader sees only their own club
    clubs = [c for c in clubs if limit is None or c.id == limit]
    return sorted(clubs, key=lambda c: (c.commune_id != own_id, fold(c.name), c.id))


def club_detail(engine: Engine, club_id: int) -> ClubRow:
    """One club with its counts; :class:`NotFound` when it is gone."""
    access.require_club(engine, club_id)
    with read_session(engine) as session:
        found = _club_rows(session, [col(FamilyClub.id) == club_id])
    if not found:
        raise NotFound("Không tìm thấy câu lạc bộ này (có thể đã bị xóa).")
    return found[0]


def _check_club_input(
    session: Session,
    *,
    name: str,
    commune_id: int | None,
    founded_on: date | None,
    leader_name: str,
    leader_person_id: int | None,
    leader_phone: str | None,
    today: date,
) -> tuple[str, str, str | None]:
    issues: list[Issue] = []
    name = clean_text(name)
    if not name:
        issues.append(Issue("name", "Chưa nhập tên câu lạc bộ", Severity.ERROR))
    elif len(name) > 160:
        issues.append(Issue("name", "Tên câu lạc bộ quá dài (tối đa 160 ký tự)", Severity.ERROR))
    if founded_on is not None:
        issues += _not_future("founded_on", "Ngày thành lập", founded_on, today)
    leader = clean_text(leader_name)
    if leader_person_id is not None:
        person = live_or_not_found(
            session, Person, leader_person_id, "Không tìm thấy người lao động đã chọn làm chủ nhiệm."
        )
        leader = leader or person.full_name
    if leader:
        issues += normalise_name(leader).issues("leader_name")
    phone = check_optional_phone(leader_phone)
    issues += phone.issues("leader_phone")
    if commune_id is not None and session.get(AdministrativeUnit, commune_id) is None:
        issues.append(Issue("commune_id", "Không tìm thấy xã/phường đã chọn", Severity.ERROR))
    raise_issues(issues)
    return name, leader, phone.value


def create_club(
    engine: Engine,
    *,
    name: str,
    commune_id: int | None = None,
    founded_on: date | None = None,
    leader_name: str = "",
    leader_person_id: int | None = None,
    leader_phone: str | None = None,
    notes: str = "",
    today: date | None = None,
) -> int:
    """Record a club; *commune_id* defaults to the database's own unit. Returns its id."""
    access.require(engine, Permission.RECORDS_WRITE)
    unit_code = own_unit_code(engine)
    if commune_id is None:
        own = get_own_unit(engine)
        commune_id = own.id if own else None
    with saving(engine) as session:
        name, leader, phone = _check_club_input(
            session,
            name=name,
            commune_id=commune_id,
            founded_on=founded_on,
            leader_name=leader_name,
            leader_person_id=leader_person_id,
            leader_phone=leader_phone,
            today=_today(today),
        )
        club = FamilyClub(
            name=name,
            commune_id=commune_id,
            founded_on=founded_on,
            leader_name=leader,
            leader_person_id=leader_person_id,
            leader_phone=phone,
            notes=(notes or "").strip(),
            unit_code=unit_code,
        )
        session.add(club)
        session.flush()
        assert club.id is not None
        return club.id


def update_club(
    engine: Engine,
    *,
    club_id: int,
    version: int | None,
    name: str,
    commune_id: int | None = None,
    founded_on: date | None = None,
    leader_name: str = "",
    leader_person_id: int | None = None,
    leader_phone: str | None = None,
    notes: str = "",
    today: date | None = None,
) -> None:
    """Change a club read at *version*. A founding date after a member joined or a meeting is refused."""
    access.require_club(engine, club_id, Permission.CLUB_OWN)
    with saving(engine) as session:
        club = _get_club(session, club_id)
        check_version(club, version)
        name, leader, phone = _check_club_input(
            session,
            name=name,
            commune_id=commune_id,
            founded_on=founded_on,
            leader_name=leader_name,
            leader_person_id=leader_person_id,
            leader_phone=leader_phone,
            today=_today(today),
        )
        if founded_on is not None:
            earliest = session.scalar(
                select(func.min(col(ClubMembership.joined_on))).where(
                    col(ClubMembership.club_id) == club_id, alive(col(ClubMembership.deleted_at))
                )
            )
            first_meeting = session.scalar(
                select(func.min(col(ClubMeeting.held_on))).where(
                    col(ClubMeeting.club_id) == club_id, alive(col(ClubMeeting.deleted_at))
                )
            )
            first = min(d for d in (earliest, first_meeting, date.max) if d is not None)
            if first < founded_on:
                raise ValidationFailed(
                    [
                        Issue(
                            "founded_on",
                            f"Ngày thành lập không được sau ngày có hộ vào CLB hoặc buổi sinh hoạt đầu tiên "
                            f"({format_date(first)})",
                            Severity.ERROR,
                        )
                    ]
                )
        club.name = name
        club.commune_id = commune_id
        club.founded_on = founded_on
        club.leader_name = leader
        club.leader_person_id = leader_person_id
        club.leader_phone = phone
        club.notes = (notes or "").strip()


# --------------------------------------------------------------------------- memberships


def _overlaps(start: date, end: date | None, other_start: date, other_end: date | None) -> bool:
    return start <= (other_end or date.max) and other_start <= (end or date.max)


def join_club(engine: Engine, *, club_id: int, household_id: int, joined_on: date, today: date | None = None) -> int:
    """A household joins a club on *joined_on*; returns the membership's id.

    Refused: a household already an active member (of this club or another), a period that
    overlaps an earlier membership of this club, a date before the club's founding or in the future.
    """
    access.require(engine, Permission.RECORDS_WRITE)  # not a club leader: it would widen what they see
    today = _today(today)
    raise_issues(_not_future("joined_on", "Ngày vào CLB", joined_on, today))
    unit_code = own_unit_code(engine)
    with saving(engine) as session:
        club = _get_club(session, club_id)
        household = _household(session, household_id)
        if club.founded_on is not None and joined_on < club.founded_on:
            raise ValidationFailed(
                [
                    Issue(
                        "joined_on",
                        f"Ngày vào CLB không được trước ngày thành lập CLB ({format_date(club.founded_on)})",
                        Severity.ERROR,
                    )
                ]
            )
        earlier = session.execute(
            select(ClubMembership, col(FamilyClub.name))
            .join(FamilyClub, col(FamilyClub.id) == col(ClubMembership.club_id))
            .where(col(ClubMembership.household_id) == household_id, alive(col(ClubMembership.deleted_at)))
        ).all()
        who = household_label(household.head_name, household.hamlet)
        for membership, club_name in earlier:
            if membership.left_on is None:
                raise Refused(
                    f"{who[:1].upper()}{who[1:]} đang là hội viên {club_name} "
                    f"(từ {format_date(membership.joined_on)}). Hãy ghi ngày rời CLB trước."
                )
            if _overlaps(joined_on, None, membership.joined_on, membership.left_on):
                raise Refused(
                    f"{who[:1].upper()}{who[1:]} đã là hội viên {club_name} từ {format_date(membership.joined_on)} "
                    f"đến {format_date(membership.left_on)}: ngày vào CLB phải sau ngày rời CLB lần trước."
                )
        membership = ClubMembership(
            club_id=club_id, household_id=household_id, joined_on=joined_on, unit_code=unit_code
        )
        session.add(membership)
        session.flush()
        assert membership.id is not None
        return membership.id


def leave_club(
    engine: Engine, *, membership_id: int, left_on: date, version: int | None = None, today: date | None = None
) -> None:
    """End a membership on *left_on* (not before joining, nor before a meeting of the club the
    household attended, not in the future, not twice)."""
    access.require(engine, Permission.RECORDS_WRITE)
    today = _today(today)
    raise_issues(_not_future("left_on", "Ngày rời CLB", left_on, today))
    with saving(engine) as session:
        membership = live_or_not_found(
            session, ClubMembership, membership_id, "Không tìm thấy tư cách hội viên này (có thể đã bị xóa)."
        )
        check_version(membership, version)
        if membership.left_on is not None:
            raise Refused(f"Hộ này đã rời CLB ngày {format_date(membership.left_on)}.")
        if left_on < membership.joined_on:
            raise ValidationFailed(
                [
                    Issue(
                        "left_on",
                        f"Ngày rời CLB không được trước ngày vào CLB ({format_date(membership.joined_on)})",
                        Severity.ERROR,
                    )
                ]
            )
        attended = session.execute(
            select(col(ClubMeeting.held_on), col(ClubMeeting.topic))
            .join(ClubMeetingAttendance, col(ClubMeetingAttendance.meeting_id) == col(ClubMeeting.id))
            .where(
                col(ClubMeeting.club_id) == membership.club_id,
                col(ClubMeetingAttendance.household_id) == membership.household_id,
                alive(col(ClubMeeting.deleted_at)),
                col(ClubMeeting.held_on) > left_on,
            )
            .order_by(col(ClubMeeting.held_on).desc())
            .limit(1)
        ).first()
        if attended is not None:
            held_on, topic = attended
            household = session.get(Household, membership.household_id)
            who = household_label(household.head_name, household.hamlet) if household is not None else "hộ này"
            raise ValidationFailed(
                [
                    Issue(
                        "left_on",
                        f"{who[:1].upper()}{who[1:]} đã dự buổi sinh hoạt ngày {format_date(held_on)} ({topic}): "
                        f"ngày rời CLB không được trước ngày {format_date(held_on)}",
                        Severity.ERROR,
                    )
                ]
            )
        membership.left_on = left_on


def list_club_members(engine: Engine, *, club_id: int, include_former: bool = True) -> list[MembershipRow]:
    """The club's member households: active first (by head's name), then former (latest left first)."""
    access.require_club(engine, club_id)
    where: list[ColumnElement[bool]] = [col(ClubMembership.club_id) == club_id]
    if not include_former:
        where.append(col(ClubMembership.left_on).is_(None))
    with read_session(engine) as session:
        rows = membership_rows(session, where)
    active = sorted((r for r in rows if r.active), key=lambda r: (name_sort_key(r.head_name), r.id))
    former = sorted((r for r in rows if not r.active), key=lambda r: (r.left_on or date.min, r.id), reverse=True)
    return active + former


def _member_on(club_id: int, on: date) -> list[ColumnElement[bool]]:
    return [
        col(ClubMembership.club_id) == club_id,
        alive(col(ClubMembership.deleted_at)),
        col(ClubMembership.joined_on) <= on,
        or_(col(ClubMembership.left_on).is_(None), col(ClubMembership.left_on) >= on),
    ]


def _not_members_on(session: Session, club_id: int, on: date, household_ids: Iterable[int]) -> list[str]:
    """The households of *household_ids* that were not live members of the club on *on*, by name."""
    wanted = sorted(set(household_ids))
    if not wanted:
        return []
    members = set(
        session.scalars(
            select(col(ClubMembership.household_id))
            .join(Household, col(Household.id) == col(ClubMembership.household_id))
            .where(
                col(ClubMembership.household_id).in_(wanted),
                alive(col(Household.deleted_at)),
                *_member_on(club_id, on),
            )
        )
    )
    strangers = [h for h in wanted if h not in members]
    if not strangers:
        return []
    names = {
        h.id: household_label(h.head_name, h.hamlet)
        for h in session.scalars(select(Household).where(col(Household.id).in_(strangers)))
    }
    return [names.get(h, str(h)) for h in strangers]


def check_restored_meeting(session: Session, meeting: ClubMeeting) -> None:
    """A meeting brought back from the recycle bin still lists only member households of its day:
    one may have left the club (or gone to the bin) while the meeting lay there."""
    attending = session.scalars(
        select(col(ClubMeetingAttendance.household_id)).where(col(ClubMeetingAttendance.meeting_id) == meeting.id)
    )
    gone = _not_members_on(session, meeting.club_id, meeting.held_on, attending)
    if gone:
        raise Refused(
            f"Không khôi phục được buổi sinh hoạt ngày {format_date(meeting.held_on)}: "
            + ", ".join(gone)
            + " không còn là hộ thành viên CLB vào ngày đó (đã rời CLB hoặc đã bị xóa). "
            "Hãy sửa ngày rời CLB hoặc khôi phục hộ trước."
        )


def member_households_on(engine: Engine, *, club_id: int, on: date) -> list[MemberHousehold]:
    """Households that were members of the club on *on* (joined by then, not left before), by name."""
    access.require_club(engine, club_id)
    with read_session(engine) as session:
        rows = session.execute(
            select(col(Household.id), col(Household.head_name), col(Household.hamlet))
            .join(ClubMembership, col(ClubMembership.household_id) == col(Household.id))
            .where(alive(col(Household.deleted_at)), *_member_on(club_id, on))
            .distinct()
        ).all()
    found = [MemberHousehold(household_id=h, head_name=n, hamlet=a) for h, n, a in rows]
    return sorted(found, key=lambda m: (name_sort_key(m.head_name), m.household_id))


# --------------------------------------------------------------------------- meetings


def _meeting_row(meeting: ClubMeeting, attendance: int) -> MeetingRow:
    assert meeting.id is not None
    return MeetingRow(
        id=meeting.id,
        version=meeting.version,
        club_id=meeting.club_id,
        held_on=meeting.held_on,
        topic=meeting.topic,
        place=meeting.place,
        fund_contribution=meeting.fund_contribution,
        notes=meeting.notes,
        attendance=attendance,
    )


def list_meetings(engine: Engine, *, club_id: int) -> list[MeetingRow]:
    """The club's meetings, newest first, each with its number of attending households."""
    access.require_club(engine, club_id)
    attended = (
        select(func.count())
        .select_from(ClubMeetingAttendance)
        .join(Household, col(Household.id) == col(ClubMeetingAttendance.household_id))
        .where(col(ClubMeetingAttendance.meeting_id) == col(ClubMeeting.id), alive(col(Household.deleted_at)))
        .correlate(ClubMeeting)
        .scalar_subquery()
    )
    with read_session(engine) as session:
        rows = session.execute(
            select(ClubMeeting, attended)
            .where(col(ClubMeeting.club_id) == club_id, alive(col(ClubMeeting.deleted_at)))
            .order_by(col(ClubMeeting.held_on).desc(), col(ClubMeeting.id).desc())
        ).all()
        return [_meeting_row(m, int(n or 0)) for m, n in rows]


def meeting_detail(engine: Engine, meeting_id: int) -> MeetingDetail:
    """A meeting with its attending households' ids."""
    _require_meeting(engine, meeting_id, Permission.RECORDS_READ)
    with read_session(engine) as session:
        meeting = live_or_not_found(
            session, ClubMeeting, meeting_id, "Không tìm thấy buổi sinh hoạt này (có thể đã bị xóa)."
        )
        ids = tuple(
            session.scalars(
                select(col(ClubMeetingAttendance.household_id))
                .join(Household, col(Household.id) == col(ClubMeetingAttendance.household_id))
                .where(col(ClubMeetingAttendance.meeting_id) == meeting_id, alive(col(Household.deleted_at)))
                .order_by(col(ClubMeetingAttendance.household_id))
            )
        )
        return MeetingDetail(_meeting_row(meeting, len(ids)), ids)


def _check_meeting(
    session: Session,
    club: FamilyClub,
    *,
    held_on: date,
    topic: str,
    place: str,
    fund_contribution: int,
    attending: Iterable[int],
    today: date,
) -> tuple[str, str, list[int]]:
    issues: list[Issue] = _not_future("held_on", "Ngày sinh hoạt", held_on, today)
    if club.founded_on is not None and held_on < club.founded_on:
        issues.append(
            Issue(
                "held_on",
                f"Ngày sinh hoạt không được trước ngày thành lập CLB ({format_date(club.founded_on)})",
                Severity.ERROR,
            )
        )
    topic = clean_text(topic)
    if not topic:
        issues.append(Issue("topic", "Chưa nhập nội dung sinh hoạt", Severity.ERROR))
    elif len(topic) > 200:
        issues.append(Issue("topic", "Nội dung quá dài (tối đa 200 ký tự)", Severity.ERROR))
    place = clean_text(place)
    if len(place) > 200:
        issues.append(Issue("place", "Địa điểm quá dài (tối đa 200 ký tự)", Severity.ERROR))
    if fund_contribution < 0:
        issues.append(Issue("fund_contribution", "Số tiền đóng góp không được âm", Severity.ERROR))
    raise_issues(issues)
    wanted = sorted(set(attending))
    assert club.id is not None
    strangers = _not_members_on(session, club.id, held_on, wanted)
    if strangers:
        raise Refused(
            f"Không phải hộ thành viên CLB vào ngày {format_date(held_on)}: "
            + ", ".join(strangers)
            + ". Chỉ ghi nhận hộ thành viên dự sinh hoạt."
        )
    return topic, place, wanted


def record_meeting(
    engine: Engine,
    *,
    club_id: int,
    held_on: date,
    topic: str,
    place: str = "",
    fund_contribution: int = 0,
    attending_household_ids: Sequence[int] = (),
    notes: str = "",
    today: date | None = None,
) -> int:
    """Record a meeting and its attending member households; returns the meeting's id."""
    access.require_club(engine, club_id, Permission.CLUB_OWN)
    if access.scoped_club_id(engine) is not None and not access.in_club_households(engine, attending_household_ids):
        raise access.AccessDenied(access.OUT_OF_SCOPE)
    unit_code = own_unit_code(engine)
    with saving(engine) as session:
        club = _get_club(session, club_id)
        topic, place, wanted = _check_meeting(
            session,
            club,
            held_on=held_on,
            topic=topic,
            place=place,
            fund_contribution=fund_contribution,
            attending=attending_household_ids,
            today=_today(today),
        )
        meeting = ClubMeeting(
            club_id=club_id,
            held_on=held_on,
            topic=topic,
            place=place,
            fund_contribution=fund_contribution,
            notes=(notes or "").strip(),
            unit_code=unit_code,
        )
        session.add(meeting)
        session.flush()
        assert meeting.id is not None
        session.add_all(ClubMeetingAttendance(meeting_id=meeting.id, household_id=h) for h in wanted)
        return meeting.id


def update_meeting(
    engine: Engine,
    *,
    meeting_id: int,
    version: int | None,
    held_on: date,
    topic: str,
    place: str = "",
    fund_contribution: int = 0,
    attending_household_ids: Sequence[int] = (),
    notes: str = "",
    today: date | None = None,
) -> None:
    """Change a meeting read at *version*; the attendance list is replaced by the one given."""
    _require_meeting(engine, meeting_id, Permission.CLUB_OWN)
    if access.scoped_club_id(engine) is not None and not access.in_club_households(engine, attending_household_ids):
        raise access.AccessDenied(access.OUT_OF_SCOPE)
    with saving(engine) as session:
        meeting = live_or_not_found(
            session, ClubMeeting, meeting_id, "Không tìm thấy buổi sinh hoạt này (có thể đã bị xóa)."
        )
        check_version(meeting, version)
        club = _get_club(session, meeting.club_id)
        topic, place, wanted = _check_meeting(
            session,
            club,
            held_on=held_on,
            topic=topic,
            place=place,
            fund_contribution=fund_contribution,
            attending=attending_household_ids,
            today=_today(today),
        )
        meeting.held_on = held_on
        meeting.topic = topic
        meeting.place = place
        meeting.fund_contribution = fund_contribution
        meeting.notes = (notes or "").strip()
        present = {
            a.household_id: a
            for a in session.scalars(
                select(ClubMeetingAttendance).where(col(ClubMeetingAttendance.meeting_id) == meeting_id)
            )
        }
        for household_id, row in present.items():
            if household_id not in wanted:
                session.delete(row)
        session.add_all(
            ClubMeetingAttendance(meeting_id=meeting_id, household_id=h) for h in wanted if h not in present
        )


def delete_meeting(engine: Engine, *, meeting_id: int, version: int | None = None) -> None:
    """Delete a meeting softly (its attendance list stays with it, hidden)."""
    _require_meeting(engine, meeting_id, Permission.CLUB_OWN)
    with saving(engine) as session:
        meeting = live_or_not_found(
            session, ClubMeeting, meeting_id, "Không tìm thấy buổi sinh hoạt này (có thể đã bị xóa)."
        )
        check_version(meeting, version)
        meeting.deleted_at = utcnow()


# --------------------------------------------------------------------------- visits


def _check_visit(
    *,
    visited_on: date,
    visitor: str,
    issues_raised: str,
    follow_up: str,
    follow_up_done: bool,
    follow_up_on: date | None,
    today: date,
) -> tuple[str, str, str]:
    issues = _not_future("visited_on", "Ngày thăm", visited_on, today)
    visitor = clean_text(visitor)
    if not visitor:
        issues.append(Issue("visitor", "Chưa nhập người đi thăm", Severity.ERROR))
    elif len(visitor) > 160:
        issues.append(Issue("visitor", "Tên người đi thăm quá dài (tối đa 160 ký tự)", Severity.ERROR))
    if follow_up_on is not None:
        if not follow_up_done:
            issues.append(
                Issue("follow_up_on", "Chỉ ghi ngày giải quyết khi việc cần làm tiếp đã xong", Severity.ERROR)
            )
        issues += _not_future("follow_up_on", "Ngày giải quyết", follow_up_on, today)
        if follow_up_on < visited_on:
            issues.append(Issue("follow_up_on", "Ngày giải quyết không được trước ngày thăm", Severity.ERROR))
    raise_issues(issues)
    return visitor, (issues_raised or "").strip(), (follow_up or "").strip()


def _club_of_on(session: Session, household_id: int, on: date) -> int | None:
    """The club the household was a member of on *on* (joined by then, not left before), if any;
    on a day it left one club and joined another, the one it joined."""
    return session.scalar(
        select(col(ClubMembership.club_id))
        .join(FamilyClub, col(FamilyClub.id) == col(ClubMembership.club_id))
        .where(
            col(ClubMembership.household_id) == household_id,
            alive(col(ClubMembership.deleted_at)),
            alive(col(FamilyClub.deleted_at)),
            col(ClubMembership.joined_on) <= on,
            or_(col(ClubMembership.left_on).is_(None), col(ClubMembership.left_on) >= on),
        )
        .order_by(col(ClubMembership.joined_on).desc(), col(ClubMembership.id).desc())
        .limit(1)
    )


def record_visit(
    engine: Engine,
    *,
    household_id: int,
    visited_on: date,
    visitor: str,
    club_id: int | None = None,
    issues_raised: str = "",
    follow_up: str = "",
    follow_up_done: bool = False,
    follow_up_on: date | None = None,
    today: date | None = None,
) -> int:
    """Record a visit to a household; *club_id* defaults to the club the household was a member of
    on *visited_on* (none when it was in no club that day)."""
    access.require_household(engine, household_id, Permission.CLUB_OWN)
    access.require_club(engine, club_id, Permission.CLUB_OWN)
    unit_code = own_unit_code(engine)
    visitor, issues_raised, follow_up = _check_visit(
        visited_on=visited_on,
        visitor=visitor,
        issues_raised=issues_raised,
        follow_up=follow_up,
        follow_up_done=follow_up_done,
        follow_up_on=follow_up_on,
        today=_today(today),
    )
    with saving(engine) as session:
        _household(session, household_id)
        if club_id is None:
            club_id = _club_of_on(session, household_id, visited_on)
        else:
            _get_club(session, club_id)
        visit = FamilyVisit(
            household_id=household_id,
            club_id=club_id,
            visited_on=visited_on,
            visitor=visitor,
            issues_raised=issues_raised,
            follow_up=follow_up,
            follow_up_done=follow_up_done,
            follow_up_on=follow_up_on,
            unit_code=unit_code,
        )
        session.add(visit)
        session.flush()
        assert visit.id is not None
        return visit.id


def update_visit(
    engine: Engine,
    *,
    visit_id: int,
    version: int | None,
    visited_on: date,
    visitor: str,
    issues_raised: str = "",
    follow_up: str = "",
    follow_up_done: bool = False,
    follow_up_on: date | None = None,
    today: date | None = None,
) -> None:
    """Change a visit read at *version* (typically: the follow-up is done)."""
    _require_visit(engine, visit_id, Permission.CLUB_OWN)
    visitor, issues_raised, follow_up = _check_visit(
        visited_on=visited_on,
        visitor=visitor,
        issues_raised=issues_raised,
        follow_up=follow_up,
        follow_up_done=follow_up_done,
        follow_up_on=follow_up_on,
        today=_today(today),
    )
    with saving(engine) as session:
        visit = live_or_not_found(session, FamilyVisit, visit_id, "Không tìm thấy lần thăm này (có thể đã bị xóa).")
        check_version(visit, version)
        visit.visited_on = visited_on
        visit.visitor = visitor
        visit.issues_raised = issues_raised
        visit.follow_up = follow_up
        visit.follow_up_done = follow_up_done
        visit.follow_up_on = follow_up_on


def delete_visit(engine: Engine, *, visit_id: int, version: int | None = None) -> None:
    """Delete a visit softly."""
    _require_visit(engine, visit_id, Permission.CLUB_OWN)
    with saving(engine) as session:
        visit = live_or_not_found(session, FamilyVisit, visit_id, "Không tìm thấy lần thăm này (có thể đã bị xóa).")
        check_version(visit, version)
        visit.deleted_at = utcnow()


def list_visits(
    engine: Engine, *, club_id: int | None = None, household_id: int | None = None, limit: int | None = None
) -> list[VisitRow]:
    """Visits, newest first: of a club (those filed under it, as :func:`club_detail` counts them:
    by default a visit goes to the club the household was a member of that day), of one
    household, or all."""
    if access.scoped_club_id(engine) is not None and club_id is None:
        club_id = access.scoped_club_id(engine)  # a club leader: their club's visits at most
    access.require_club(engine, club_id)
    access.require_household(engine, household_id)
    where: list[ColumnElement[bool]] = []
    if club_id is not None:
        where.append(col(FamilyVisit.club_id) == club_id)
    if household_id is not None:
        where.append(col(FamilyVisit.household_id) == household_id)
    with read_session(engine) as session:
        return visit_rows(session, where, limit=limit)


def households_not_visited(engine: Engine, *, club_id: int | None = None, quarter_of: date) -> list[NotVisitedRow]:
    """Member households with no visit in the calendar quarter containing *quarter_of*.

    A household counts when it is a member on the quarter's last day (joined by then and not
    left; for the current quarter: every active member). Any visit counts, whoever recorded it.
    Order: never visited first, then the longest since the last visit (as of the quarter's end),
    then the head's name.
    """
    if access.scoped_club_id(engine) is not None and club_id is None:
        club_id = access.scoped_club_id(engine)
    access.require_club(engine, club_id)
    start, end = quarter_bounds(quarter_of)
    visited_in_quarter = (
        select(col(FamilyVisit.id))
        .where(
            col(FamilyVisit.household_id) == col(Household.id),
            alive(col(FamilyVisit.deleted_at)),
            col(FamilyVisit.visited_on) >= start,
            col(FamilyVisit.visited_on) <= end,
        )
        .exists()
    )
    last_visit = (
        select(func.max(col(FamilyVisit.visited_on)))
        .where(
            col(FamilyVisit.household_id) == col(Household.id),
            alive(col(FamilyVisit.deleted_at)),
            col(FamilyVisit.visited_on) <= end,
        )
        .correlate(Household)
        .scalar_subquery()
    )
    where = [
        alive(col(ClubMembership.deleted_at)),
        alive(col(Household.deleted_at)),
        alive(col(FamilyClub.deleted_at)),
        col(ClubMembership.joined_on) <= end,
        or_(col(ClubMembership.left_on).is_(None), col(ClubMembership.left_on) > end),
        ~visited_in_quarter,
    ]
    if club_id is not None:
        where.append(col(ClubMembership.club_id) == club_id)
    with read_session(engine) as session:
        rows = session.execute(
            select(
                col(Household.id),
                col(ClubMembership.id),
                col(ClubMembership.club_id),
                col(FamilyClub.name),
                col(Household.head_name),
                col(Household.hamlet),
                col(Household.phone),
                col(Household.poverty_status),
                col(ClubMembership.joined_on),
                last_visit,
            )
            .join(Household, col(Household.id) == col(ClubMembership.household_id))
            .join(FamilyClub, col(FamilyClub.id) == col(ClubMembership.club_id))
            .where(*where)
        ).all()
    found = [NotVisitedRow(*row) for row in rows]
    found.sort(key=lambda r: (r.last_visit_on is not None, r.last_visit_on or date.min, name_sort_key(r.head_name)))
    return found


__all__ = [
    "ClubRow",
    "MeetingDetail",
    "MeetingRow",
    "MemberHousehold",
    "MembershipRow",
    "NotVisitedRow",
    "VisitRow",
    "club_detail",
    "create_club",
    "delete_meeting",
    "delete_visit",
    "households_not_visited",
    "join_club",
    "leave_club",
    "list_club_members",
    "list_clubs",
    "list_meetings",
    "list_visits",
    "meeting_detail",
    "member_households_on",
    "previous_quarter",
    "quarter_bounds",
    "quarter_label",
    "quarter_number",
    "record_meeting",
    "record_visit",
    "update_club",
    "update_meeting",
    "update_visit",
]
