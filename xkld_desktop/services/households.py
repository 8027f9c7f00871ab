"""Hộ gia đình — households, their members, and the read objects the club shares.

A household has a head (chủ hộ) and members, each either a registered person (người lao động,
linked by ``person_id``) or just a name with a relationship to the head and a date of birth.
A person belongs to at most one household. The head is always one of the members (the member
whose relationship is :attr:`Relationship.HEAD`); ``Household.head_name``/``head_person_id`` copy
that member, so that lists and search need no join.

The households list holds only ordered ids (:func:`list_household_ids`) and fetches the rows it
paints in pages (:func:`fetch_household_rows`), like the people list. It is in Vietnamese name
order of the head (given name, then family and middle names; ``domain.text.name_sort_key``),
then id. Search ignores case and marks and treats đ as d: each query word must begin a word of
the head's name ("duc nguyen" finds "Nguyễn Văn Đức"), or the whole query must be part of the
hamlet's name ("ap 3" finds "Ấp 3"), or a query of digits must begin the household's phone.

Every change is one transaction (``write_session``); refusals are :class:`Refused` or
:class:`ValidationFailed` with a Vietnamese message, and nothing is written. Records are
deleted softly (``deleted_at``): a deleted household's members go with it, its club membership
and visits stay in the history but no list shows them. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col

from ..domain.enums import PersonStatus, PovertyStatus, Relationship
from ..domain.models import (
    AdministrativeUnit,
    ClubMeeting,
    ClubMeetingAttendance,
    ClubMembership,
    FamilyClub,
    FamilyVisit,
    Household,
    HouseholdMember,
    Person,
    utcnow,
)
from ..domain.text import clean_text, fold, name_sort_key, query_digits
from ..domain.validation import (
    Checked,
    Issue,
    Severity,
    check_birth_date,
    check_phone,
    format_date,
    normalise_name,
)
from ..store.session import read_session, write_session
from . import access
from .access import Permission
from .errors import Refused, ValidationFailed, live_or_not_found
from .settings import get_own_unit, own_unit_code

#: what a save based on an out-of-date copy says (optimistic locking: ``version``)
STALE_MESSAGE = (
    "Hồ sơ vừa được người khác sửa trong lúc bạn đang sửa. Hãy đóng cửa sổ, mở lại để xem bản mới nhất rồi sửa lại."
)
_PHONE_QUERY_MIN = 2
#: how lists and titles mark a head whose person record was deleted (it is in the recycle bin; the
#: household keeps ``head_person_id``, so that restoring the record makes them head again)
HEAD_IN_BIN_MARK = " (hồ sơ đang trong thùng rác)"


# --------------------------------------------------------------------------- read objects


@dataclass(frozen=True)
class HouseholdRow:
    """One line of the households list (a plain read object, safe to hand to the UI).

    ``club_id``/``club_name`` are those of the household's active club membership, if any.
    """

    id: int
    head_name: str
    head_person_id: int | None
    hamlet: str
    commune: str
    address: str
    phone: str | None
    poverty_status: PovertyStatus
    member_count: int
    club_id: int | None
    club_name: str
    last_visit_on: date | None
    #: the head's person record was deleted (``head_name`` ends with :data:`HEAD_IN_BIN_MARK`)
    head_in_recycle_bin: bool = False


@dataclass(frozen=True)
class MemberRow:
    """Thành viên hộ — a member; ``person_status`` is the registered person's status, if any."""

    id: int
    version: int
    household_id: int
    person_id: int | None
    full_name: str
    relationship: Relationship
    date_of_birth: date | None
    person_status: PersonStatus | None = None

    @property
    def is_head(self) -> bool:
        return self.relationship is Relationship.HEAD


@dataclass(frozen=True)
class MembershipRow:
    """Hộ thành viên CLB — a household's membership of a club, with what the club knows of it."""

    id: int
    version: int
    club_id: int
    club_name: str
    household_id: int
    head_name: str
    hamlet: str
    phone: str | None
    poverty_status: PovertyStatus
    joined_on: date
    left_on: date | None
    last_visit_on: date | None = None
    meetings_attended: int = 0

    @property
    def active(self) -> bool:
        """Still a member (no leaving date)."""
        return self.left_on is None


@dataclass(frozen=True)
class VisitRow:
    """Thăm hỏi gia đình — a visit, the issues raised and the follow-up."""

    id: int
    version: int
    household_id: int
    head_name: str
    hamlet: str
    club_id: int | None
    visited_on: date
    visitor: str
    issues_raised: str
    follow_up: str
    follow_up_done: bool
    follow_up_on: date | None


@dataclass(frozen=True)
class HouseholdDetail:
    """A household with its members (head first), club memberships (newest first) and visits."""

    id: int
    version: int
    head_name: str
    head_person_id: int | None
    hamlet: str
    commune_id: int | None
    commune: str
    address: str
    phone: str | None
    poverty_status: PovertyStatus
    notes: str
    members: tuple[MemberRow, ...]
    memberships: tuple[MembershipRow, ...]
    visits: tuple[VisitRow, ...]
    #: the head's person record was deleted: ``head_name`` ends with :data:`HEAD_IN_BIN_MARK`, and
    #: the household has no head member until the record is restored or another head is chosen
    head_in_recycle_bin: bool = False

    @property
    def recorded_head_name(self) -> str:
        """The head's name without the recycle-bin mark (what the household form shows)."""
        return self.head_name.removesuffix(HEAD_IN_BIN_MARK) if self.head_in_recycle_bin else self.head_name

    @property
    def head(self) -> MemberRow | None:
        return next((m for m in self.members if m.is_head), None)

    @property
    def active_membership(self) -> MembershipRow | None:
        return next((m for m in self.memberships if m.active), None)


@dataclass(frozen=True)
class DeleteImpact:
    """What goes with a household when it is deleted (for the confirmation question)."""

    head_name: str
    hamlet: str
    members: int
    registered_members: int
    active_club: str
    visits: int
    meetings_attended: int


@dataclass(frozen=True)
class HouseholdFilter:
    """What the households list shows: a search text and optional filters (all must hold).

    ``in_club`` True keeps households with an active club membership, False those without;
    ``club_id`` keeps the active members of that club.
    """

    query: str = ""
    poverty_status: PovertyStatus | None = None
    in_club: bool | None = None
    club_id: int | None = None
    hamlet: str | None = None
    commune_id: int | None = None


# --------------------------------------------------------------------------- shared helpers


@contextmanager
def saving(engine: Engine) -> Iterator[Session]:
    """A write session whose stale saves (optimistic locking) come out as :class:`Refused`."""
    try:
        with write_session(engine) as session:
            yield session
    except StaleDataError as error:
        raise Refused(STALE_MESSAGE) from error


def _require_member(engine: Engine, member_id: int) -> None:
    """RECORDS_WRITE on the member's household (a club leader: a household of their club)."""
    if access.scoped_club_id(engine) is None:
        access.require(engine, Permission.RECORDS_WRITE)
        return
    with read_session(engine) as session:
        household_id = session.scalar(
            select(col(HouseholdMember.household_id)).where(col(HouseholdMember.id) == member_id)
        )
    access.require_household(engine, household_id if household_id is not None else -1, Permission.RECORDS_WRITE)


def check_version(record: Any, version: int | None) -> None:
    """Refuse when *record* changed since the caller read it at *version* (``None``: no check)."""
    if version is not None and record.version != version:
        raise Refused(STALE_MESSAGE)


def raise_issues(issues: list[Issue]) -> None:
    """Raise :class:`ValidationFailed` when *issues* hold an error (warnings alone pass)."""
    if any(i.severity is Severity.ERROR for i in issues):
        raise ValidationFailed(issues)


def check_optional_phone(text: str | None) -> Checked[str]:
    """A phone that may be left empty (``None`` value, no error)."""
    if not clean_text(text):
        return Checked(None)
    return check_phone(text)


def alive(column: Any) -> ColumnElement[bool]:
    """``deleted_at IS NULL`` for *column* (a ``deleted_at`` column)."""
    return col(column).is_(None)


def head_in_recycle_bin() -> ColumnElement[bool]:
    """The household's head is a person whose record was deleted (correlated to ``Household``)."""
    return (
        select(col(Person.id))
        .where(col(Person.id) == col(Household.head_person_id), col(Person.deleted_at).is_not(None))
        .exists()
    )


def shown_head_name() -> ColumnElement[str]:
    """``Household.head_name`` as lists show it: marked when the head's record is in the recycle bin."""
    return case((head_in_recycle_bin(), col(Household.head_name) + HEAD_IN_BIN_MARK), else_=col(Household.head_name))


def household_label(head_name: str, hamlet: str) -> str:
    """ "Hộ Nguyễn Văn An (Ấp 3)" — how messages name a household."""
    return f"hộ {head_name} ({hamlet})" if hamlet else f"hộ {head_name}"


def _get_household(session: Session, household_id: int) -> Household:
    return live_or_not_found(session, Household, household_id, "Không tìm thấy hộ gia đình này (có thể đã bị xóa).")


def _get_member(session: Session, member_id: int) -> HouseholdMember:
    return live_or_not_found(
        session, HouseholdMember, member_id, "Không tìm thấy thành viên này (có thể đã bị xóa khỏi hộ)."
    )


def _get_person(session: Session, person_id: int) -> Person:
    return live_or_not_found(session, Person, person_id, "Không tìm thấy người lao động này (có thể đã bị xóa).")


def _deleted_head(session: Session, household: Household) -> Person | None:
    """The household's head when their person record is deleted (in the recycle bin), else ``None``."""
    if household.head_person_id is None:
        return None
    person = session.get(Person, household.head_person_id)
    return person if person is not None and person.deleted_at is not None else None


def check_commune(session: Session, commune_id: int | None) -> None:
    """A commune chosen in a form must exist (households, clubs, people and outreach sessions say it alike)."""
    if commune_id is not None and session.get(AdministrativeUnit, commune_id) is None:
        raise ValidationFailed([Issue("commune_id", "Không tìm thấy xã/phường đã chọn", Severity.ERROR)])


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --------------------------------------------------------------------------- the list


def words_of(key: str) -> list[str]:
    return [w for w in key.split(" ") if w]


def _words_begin_words(query_words: list[str], words: list[str]) -> bool:
    """Every query word begins some word ("ap 3" begins words of "ap 3", not of "ap 13")."""
    return all(any(w.startswith(q) for w in words) for q in query_words)


def _active_membership(*, club_id: int | None = None) -> ColumnElement[bool]:
    where = [
        col(ClubMembership.household_id) == col(Household.id),
        col(ClubMembership.left_on).is_(None),
        alive(col(ClubMembership.deleted_at)),
    ]
    if club_id is not None:
        where.append(col(ClubMembership.club_id) == club_id)
    return select(col(ClubMembership.id)).where(*where).exists()


def _where(session: Session, flt: HouseholdFilter) -> list[ColumnElement[bool]]:
    access.require(session, Permission.RECORDS_READ)
    where: list[ColumnElement[bool]] = [alive(col(Household.deleted_at))]
    scope = access.household_scope(session, col(Household.id))  # a club leader: their club's households
    if scope is not None:
        where.append(scope)
    if flt.poverty_status is not None:
        where.append(col(Household.poverty_status) == flt.poverty_status)
    if flt.in_club is True:
        where.append(_active_membership())
    elif flt.in_club is False:
        where.append(~_active_membership())
    if flt.club_id is not None:
        where.append(_active_membership(club_id=flt.club_id))
    if flt.hamlet:
        where.append(col(Household.hamlet) == flt.hamlet)
    if flt.commune_id is not None:
        where.append(col(Household.commune_id) == flt.commune_id)
    key = fold(flt.query)
    if key:
        digits = query_digits(flt.query)
        if digits is not None:
            if len(digits) < _PHONE_QUERY_MIN:
                where.append(col(Household.id).is_(None))  # matches nothing
            else:
                where.append(col(Household.phone).like(_escape_like(digits) + "%", escape="\\"))
        else:
            words = [_escape_like(w) for w in words_of(key)]
            by_name = and_(
                *(
                    or_(
                        col(Household.head_name_key).like(f"{w}%", escape="\\"),
                        col(Household.head_name_key).like(f"% {w}%", escape="\\"),
                    )
                    for w in words
                )
            )
            known = session.scalars(select(col(Household.hamlet)).where(col(Household.hamlet) != "").distinct())
            hamlets = [h for h in known if _words_begin_words(words_of(key), words_of(fold(h)))]
            where.append(or_(by_name, col(Household.hamlet).in_(hamlets)) if hamlets else by_name)
    return where


def list_household_ids(
    engine: Engine, flt: HouseholdFilter = HouseholdFilter(), *, limit: int | None = None
) -> list[int]:
    """Ids of the households matching *flt*, in Vietnamese name order of the head, then id."""
    with read_session(engine) as session:
        stmt = select(col(Household.id), col(Household.head_name_key)).where(*_where(session, flt))
        rows: list[tuple[str, int]] = [
            (given_name_first(key), hid) for hid, key in session.connection().execute(stmt) if hid is not None
        ]
    rows.sort()
    ids = [hid for _key, hid in rows]
    return ids if limit is None else ids[:limit]


def given_name_first(key: str) -> str:
    """:func:`~..domain.text.name_sort_key` of an already folded name (no folding again)."""
    cut = key.rfind(" ")
    return key if cut < 0 else f"{key[cut + 1 :]} {key[:cut]}"


def count_households(engine: Engine, flt: HouseholdFilter = HouseholdFilter()) -> int:
    """How many households match *flt*."""
    with read_session(engine) as session:
        return session.scalar(select(func.count()).select_from(Household).where(*_where(session, flt))) or 0


def fetch_household_rows(engine: Engine, ids: Sequence[int]) -> dict[int, HouseholdRow]:
    """The list rows of the households with these ids (a fixed number of queries, whatever their number)."""
    access.require(engine, Permission.RECORDS_READ)
    if not ids:
        return {}
    wanted = access.visible_household_ids(engine, ids)
    with read_session(engine) as session:
        base = session.execute(
            select(
                col(Household.id),
                shown_head_name(),
                col(Household.head_person_id),
                col(Household.hamlet),
                col(AdministrativeUnit.name),
                col(Household.address),
                col(Household.phone),
                col(Household.poverty_status),
                head_in_recycle_bin(),
            )
            .outerjoin(AdministrativeUnit, col(AdministrativeUnit.id) == col(Household.commune_id))
            .where(col(Household.id).in_(wanted))
        ).all()
        counts = dict(
            session.execute(
                select(col(HouseholdMember.household_id), func.count())
                .where(col(HouseholdMember.household_id).in_(wanted), alive(col(HouseholdMember.deleted_at)))
                .group_by(col(HouseholdMember.household_id))
            ).all()
        )
        clubs: dict[int, tuple[int, str]] = {}
        for household_id, club_id, club_name in session.execute(
            select(col(ClubMembership.household_id), col(FamilyClub.id), col(FamilyClub.name))
            .join(FamilyClub, col(FamilyClub.id) == col(ClubMembership.club_id))
            .where(
                col(ClubMembership.household_id).in_(wanted),
                col(ClubMembership.left_on).is_(None),
                alive(col(ClubMembership.deleted_at)),
                alive(col(FamilyClub.deleted_at)),
            )
            .order_by(col(ClubMembership.joined_on))
        ):
            clubs[household_id] = (club_id, club_name)
        visits = dict(
            session.execute(
                select(col(FamilyVisit.household_id), func.max(col(FamilyVisit.visited_on)))
                .where(col(FamilyVisit.household_id).in_(wanted), alive(col(FamilyVisit.deleted_at)))
                .group_by(col(FamilyVisit.household_id))
            ).all()
        )
    rows: dict[int, HouseholdRow] = {}
    for hid, head_name, head_person_id, hamlet, commune, address, phone, poverty, in_bin in base:
        club_id, club_name = clubs.get(hid, (None, ""))
        rows[hid] = HouseholdRow(
            id=hid,
            head_name=head_name,
            head_person_id=head_person_id,
            hamlet=hamlet,
            commune=commune or "",
            address=address,
            phone=phone,
            poverty_status=poverty,
            member_count=int(counts.get(hid, 0)),
            club_id=club_id,
            club_name=club_name,
            last_visit_on=visits.get(hid),
            head_in_recycle_bin=bool(in_bin),
        )
    return rows


def search_households(
    engine: Engine, query: str, *, limit: int = 100, in_club: bool | None = None, commune_id: int | None = None
) -> list[HouseholdRow]:
    """The first *limit* households matching *query*, in name order (for pickers)."""
    flt = HouseholdFilter(query=query, in_club=in_club, commune_id=commune_id)
    ids = list_household_ids(engine, flt, limit=limit)
    rows = fetch_household_rows(engine, ids)
    return [rows[i] for i in ids if i in rows]


def household_hamlets(engine: Engine) -> list[str]:
    """The hamlets live households and people live in (for the form's list), sorted."""
    access.require(engine, Permission.RECORDS_READ)
    with read_session(engine) as session:
        found = set(
            session.scalars(
                select(col(Household.hamlet))
                .where(col(Household.hamlet) != "", alive(col(Household.deleted_at)))
                .distinct()
            )
        )
        # the people's hamlets from their index alone, each then kept if one live person is found in it
        # (the live people's hamlets read every person's row: 375 → 27 ms at 200,000 people, on the
        # window's thread as the form opens)
        used = select(col(Person.hamlet).label("hamlet")).where(col(Person.hamlet) != "").distinct().subquery()
        other = Person.__table__.alias("resident")  # type: ignore[attr-defined]
        found |= set(
            session.scalars(
                select(used.c.hamlet).where(
                    exists().where(other.c.hamlet == used.c.hamlet, other.c.deleted_at.is_(None))
                )
            )
        )
    return sorted(found, key=lambda h: (fold(h), h))


def household_communes(engine: Engine) -> list[tuple[int, str]]:
    """``(id, name)`` of the communes to offer in the form: the database's own unit first, then
    the communes live households already live in (pre-2025 names marked as such)."""
    access.require(engine, Permission.RECORDS_READ)
    own = get_own_unit(engine)
    with read_session(engine) as session:
        used = session.execute(
            select(col(AdministrativeUnit.id), col(AdministrativeUnit.name), col(AdministrativeUnit.legacy))
            .where(
                col(AdministrativeUnit.id).in_(
                    select(col(Household.commune_id))
                    .where(col(Household.commune_id).is_not(None), alive(col(Household.deleted_at)))
                    .distinct()
                )
            )
            .order_by(col(AdministrativeUnit.legacy), col(AdministrativeUnit.name_key))
        ).all()
    result: list[tuple[int, str]] = []
    if own is not None:
        result.append((own.id, own.name))
    for unit_id, name, legacy in used:
        if own is None or unit_id != own.id:
            result.append((unit_id, f"{name} (trước 01/07/2025)" if legacy else name))
    return result


def household_of_person(engine: Engine, *, person_id: int) -> HouseholdRow | None:
    """The household a registered person belongs to, if any."""
    access.require_person(engine, person_id)
    with read_session(engine) as session:
        household_id = session.scalar(
            select(col(HouseholdMember.household_id))
            .join(Household, col(Household.id) == col(HouseholdMember.household_id))
            .where(
                col(HouseholdMember.person_id) == person_id,
                alive(col(HouseholdMember.deleted_at)),
                alive(col(Household.deleted_at)),
            )
        )
    if household_id is None:
        return None
    return fetch_household_rows(engine, [household_id]).get(household_id)


# --------------------------------------------------------------------------- one household


_RELATIONSHIP_ORDER = {r: i for i, r in enumerate(Relationship)}


def _member_rows(session: Session, household_id: int) -> list[MemberRow]:
    rows = session.execute(
        select(HouseholdMember, col(Person.full_name), col(Person.status), col(Person.date_of_birth))
        .outerjoin(Person, col(Person.id) == col(HouseholdMember.person_id))
        .where(col(HouseholdMember.household_id) == household_id, alive(col(HouseholdMember.deleted_at)))
    ).all()
    members = [
        MemberRow(
            id=m.id,
            version=m.version,
            household_id=m.household_id,
            person_id=m.person_id,
            full_name=person_name or m.full_name,
            relationship=m.relationship,
            date_of_birth=m.date_of_birth or person_dob,
            person_status=status,
        )
        for m, person_name, status, person_dob in rows
    ]
    members.sort(
        key=lambda m: (_RELATIONSHIP_ORDER[m.relationship], m.date_of_birth or date.max, name_sort_key(m.full_name))
    )
    return members


def membership_rows(session: Session, where: list[ColumnElement[bool]]) -> list[MembershipRow]:
    """Memberships matching *where* with their household and club, last visit and meetings attended."""
    last_visit = (
        select(func.max(col(FamilyVisit.visited_on)))
        .where(col(FamilyVisit.household_id) == col(ClubMembership.household_id), alive(col(FamilyVisit.deleted_at)))
        .correlate(ClubMembership)
        .scalar_subquery()
    )
    attended = (
        select(func.count())
        .select_from(ClubMeetingAttendance)
        .join(ClubMeeting, col(ClubMeeting.id) == col(ClubMeetingAttendance.meeting_id))
        .where(
            col(ClubMeetingAttendance.household_id) == col(ClubMembership.household_id),
            col(ClubMeeting.club_id) == col(ClubMembership.club_id),
            alive(col(ClubMeeting.deleted_at)),
        )
        .correlate(ClubMembership)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            col(ClubMembership.id),
            col(ClubMembership.version),
            col(ClubMembership.club_id),
            col(FamilyClub.name),
            col(Household.id),
            shown_head_name(),
            col(Household.hamlet),
            col(Household.phone),
            col(Household.poverty_status),
            col(ClubMembership.joined_on),
            col(ClubMembership.left_on),
            last_visit,
            attended,
        )
        .join(FamilyClub, col(FamilyClub.id) == col(ClubMembership.club_id))
        .join(Household, col(Household.id) == col(ClubMembership.household_id))
        .where(alive(col(ClubMembership.deleted_at)), alive(col(Household.deleted_at)), *where)
    ).all()
    found = []
    for *fields, attended_count in rows:
        found.append(MembershipRow(*fields, meetings_attended=int(attended_count or 0)))  # type: ignore[misc]
    return found


def visit_rows(session: Session, where: list[ColumnElement[bool]], *, limit: int | None = None) -> list[VisitRow]:
    """Visits matching *where*, newest first, with the household's head and hamlet."""
    stmt = (
        select(
            col(FamilyVisit.id),
            col(FamilyVisit.version),
            col(FamilyVisit.household_id),
            shown_head_name(),
            col(Household.hamlet),
            col(FamilyVisit.club_id),
            col(FamilyVisit.visited_on),
            col(FamilyVisit.visitor),
            col(FamilyVisit.issues_raised),
            col(FamilyVisit.follow_up),
            col(FamilyVisit.follow_up_done),
            col(FamilyVisit.follow_up_on),
        )
        .join(Household, col(Household.id) == col(FamilyVisit.household_id))
        .where(alive(col(FamilyVisit.deleted_at)), alive(col(Household.deleted_at)), *where)
        .order_by(col(FamilyVisit.visited_on).desc(), col(FamilyVisit.id).desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [VisitRow(*row) for row in session.execute(stmt)]


def household_detail(engine: Engine, household_id: int) -> HouseholdDetail:
    """The household with its members, club memberships and visits; :class:`NotFound` if deleted."""
    access.require_household(engine, household_id)
    with read_session(engine) as session:
        household = _get_household(session, household_id)
        commune = session.get(AdministrativeUnit, household.commune_id) if household.commune_id else None
        memberships = membership_rows(session, [col(ClubMembership.household_id) == household_id])
        memberships.sort(key=lambda m: (m.left_on is None, m.joined_on), reverse=True)  # active, then newest
        in_bin = _deleted_head(session, household) is not None
        return HouseholdDetail(
            id=household_id,
            version=household.version,
            head_name=household.head_name + HEAD_IN_BIN_MARK if in_bin else household.head_name,
            head_person_id=household.head_person_id,
            hamlet=household.hamlet,
            commune_id=household.commune_id,
            commune=commune.name if commune else "",
            address=household.address,
            phone=household.phone,
            poverty_status=household.poverty_status,
            notes=household.notes,
            members=tuple(_member_rows(session, household_id)),
            memberships=tuple(memberships),
            visits=tuple(visit_rows(session, [col(FamilyVisit.household_id) == household_id])),
            head_in_recycle_bin=in_bin,
        )


# --------------------------------------------------------------------------- changes: households


@dataclass(frozen=True)
class _HouseholdInput:
    head_name: str
    phone: str | None
    hamlet: str
    address: str
    notes: str


def _check_household_input(
    *, head_name: str, head_person: Person | None, phone: str | None, hamlet: str, address: str, notes: str
) -> _HouseholdInput:
    issues: list[Issue] = []
    name = normalise_name(head_person.full_name if head_person is not None and not clean_text(head_name) else head_name)
    issues += name.issues("head_name")
    checked_phone = check_optional_phone(phone)
    issues += checked_phone.issues("phone")
    hamlet = clean_text(hamlet)
    if len(hamlet) > 80:
        issues.append(Issue("hamlet", "Tên ấp/thôn quá dài (tối đa 80 ký tự)", Severity.ERROR))
    address = clean_text(address)
    if len(address) > 200:
        issues.append(Issue("address", "Địa chỉ quá dài (tối đa 200 ký tự)", Severity.ERROR))
    raise_issues(issues)
    assert name.value is not None
    return _HouseholdInput(name.value, checked_phone.value, hamlet, address, (notes or "").strip())


def _person_household(session: Session, person_id: int) -> tuple[HouseholdMember, Household] | None:
    """The live member row holding *person_id* and its household, if any."""
    found = session.execute(
        select(HouseholdMember, Household)
        .join(Household, col(Household.id) == col(HouseholdMember.household_id))
        .where(
            col(HouseholdMember.person_id) == person_id,
            alive(col(HouseholdMember.deleted_at)),
            alive(col(Household.deleted_at)),
        )
    ).first()
    return (found[0], found[1]) if found else None


def _free_person(session: Session, person: Person, *, household_id: int | None) -> HouseholdMember | None:
    """Make sure *person* can join *household_id*: refuse when they are in another household.

    A deleted member row (or a row of a deleted household) may still hold the person's id, which
    is unique: such a row of the same household is returned for reuse; elsewhere the link is
    cleared (the row keeps the name, for the history).
    """
    current = _person_household(session, person.id or 0)
    if current is not None:
        _member, household = current
        if household.id == household_id:
            raise Refused(f"{person.full_name} đã là thành viên của hộ này.")
        raise Refused(
            f"{person.full_name} đã là thành viên của {household_label(household.head_name, household.hamlet)}. "
            "Mỗi người chỉ thuộc một hộ: hãy bỏ người này khỏi hộ kia trước."
        )
    old = session.scalars(select(HouseholdMember).where(col(HouseholdMember.person_id) == person.id)).first()
    if old is None:
        return None
    if old.household_id == household_id and old.deleted_at is not None:
        return old
    old.person_id = None
    session.flush()
    return None


def create_household(
    engine: Engine,
    *,
    head_name: str = "",
    head_person_id: int | None = None,
    head_date_of_birth: date | None = None,
    hamlet: str = "",
    commune_id: int | None = None,
    address: str = "",
    phone: str | None = None,
    poverty_status: PovertyStatus = PovertyStatus.NONE,
    notes: str = "",
    today: date | None = None,
) -> int:
    """Record a household and its head (a member with relationship "Chủ hộ"); returns its id.

    The head is a registered person (*head_person_id*; their name is used when *head_name* is
    empty) or just a name. *commune_id* defaults to the database's own unit.
    """
    access.require(engine, Permission.RECORDS_WRITE)
    if head_date_of_birth is not None:
        raise_issues(
            check_birth_date(head_date_of_birth, today=today, role="household_member").issues("head_date_of_birth")
        )
    unit_code = own_unit_code(engine)
    if commune_id is None:
        own = get_own_unit(engine)
        commune_id = own.id if own is not None else None
    with saving(engine) as session:
        person = _get_person(session, head_person_id) if head_person_id is not None else None
        data = _check_household_input(
            head_name=head_name, head_person=person, phone=phone, hamlet=hamlet, address=address, notes=notes
        )
        check_commune(session, commune_id)
        household = Household(
            head_name=data.head_name,
            head_person_id=head_person_id,
            hamlet=data.hamlet,
            commune_id=commune_id,
            address=data.address,
            phone=data.phone,
            poverty_status=poverty_status,
            notes=data.notes,
            unit_code=unit_code,
        )
        session.add(household)
        session.flush()
        assert household.id is not None
        reuse = _free_person(session, person, household_id=household.id) if person is not None else None
        assert reuse is None  # a new household has no old rows
        session.add(
            HouseholdMember(
                household_id=household.id,
                person_id=head_person_id,
                full_name=data.head_name,
                relationship=Relationship.HEAD,
                date_of_birth=head_date_of_birth or (person.date_of_birth if person else None),
                unit_code=unit_code,
            )
        )
        session.flush()
        assert household.id is not None
        return household.id


def update_household(
    engine: Engine,
    *,
    household_id: int,
    version: int | None,
    head_name: str,
    head_person_id: int | None = None,
    hamlet: str = "",
    commune_id: int | None = None,
    address: str = "",
    phone: str | None = None,
    poverty_status: PovertyStatus = PovertyStatus.NONE,
    notes: str = "",
) -> None:
    """Change a household read at *version*; the head member follows the head's name and person.

    A person who is another member of this household becomes head through :func:`set_head`; a
    person removed from it earlier may be chosen here. When the head's person record is in the
    recycle bin, leaving the head as the detail shows it (same name, unlinked, or that same
    person) changes the rest and keeps the head's link; another name or person becomes head.
    """
    access.require_household(engine, household_id, Permission.RECORDS_WRITE)
    with saving(engine) as session:
        household = _get_household(session, household_id)
        check_version(household, version)
        in_bin = _deleted_head(session, household)
        # The head's record is in the recycle bin: the household keeps its link to them (restoring
        # the record makes them head again, erasing it clears their name here) while the form
        # leaves the head as it is — unlinked, with the same name — or sends the same person.
        keep_head = in_bin is not None and (
            head_person_id == in_bin.id
            or (
                head_person_id is None
                and clean_text(head_name)
                in ("", clean_text(household.head_name), clean_text(household.head_name + HEAD_IN_BIN_MARK))
            )
        )
        if keep_head:
            head_name, head_person_id = household.head_name, None
        else:
            access.require_person(session, head_person_id)
        person = _get_person(session, head_person_id) if head_person_id is not None else None
        data = _check_household_input(
            head_name=head_name, head_person=person, phone=phone, hamlet=hamlet, address=address, notes=notes
        )
        check_commune(session, commune_id)
        head = _head_of(session, household_id)
        reuse: HouseholdMember | None = None
        if not keep_head and person is not None and (head is None or head.person_id != person.id):
            current = _person_household(session, person.id or 0)
            if current is not None and current[1].id == household_id:
                raise Refused(
                    f"{person.full_name} đã là thành viên của hộ này: hãy chọn người đó trong danh sách thành viên "
                    "và bấm “Đặt làm chủ hộ”."
                )
            reuse = _free_person(session, person, household_id=household_id)
            if reuse is not None and head is not None:  # a removed member row of this household holds the person
                reuse.person_id = None
                session.flush()
                reuse = None
        household.hamlet = data.hamlet
        household.commune_id = commune_id
        household.address = data.address
        household.phone = data.phone
        household.poverty_status = poverty_status
        household.notes = data.notes
        if keep_head:
            return
        household.head_name = data.head_name
        household.head_person_id = head_person_id
        if head is None and reuse is not None:  # the person's removed row of this household comes back as head
            reuse.deleted_at = None
            reuse.full_name = data.head_name
            reuse.relationship = Relationship.HEAD
            if person is not None and person.date_of_birth is not None:
                reuse.date_of_birth = person.date_of_birth
        elif head is None:
            session.add(
                HouseholdMember(
                    household_id=household_id,
                    person_id=head_person_id,
                    full_name=data.head_name,
                    relationship=Relationship.HEAD,
                    date_of_birth=person.date_of_birth if person else None,
                    unit_code=household.unit_code,
                )
            )
        elif head.full_name != data.head_name or head.person_id != head_person_id:
            head.full_name = data.head_name
            head.person_id = head_person_id
            if person is not None and person.date_of_birth is not None:
                head.date_of_birth = person.date_of_birth


def delete_impact(engine: Engine, household_id: int) -> DeleteImpact:
    """What deleting the household takes with it (asked before :func:`delete_household`)."""
    access.require(engine, Permission.RECORDS_WRITE)
    detail = household_detail(engine, household_id)
    active = detail.active_membership
    with read_session(engine) as session:
        attended = session.scalar(
            select(func.count())
            .select_from(ClubMeetingAttendance)
            .join(ClubMeeting, col(ClubMeeting.id) == col(ClubMeetingAttendance.meeting_id))
            .where(col(ClubMeetingAttendance.household_id) == household_id, alive(col(ClubMeeting.deleted_at)))
        )
    return DeleteImpact(
        head_name=detail.head_name,
        hamlet=detail.hamlet,
        members=len(detail.members),
        registered_members=sum(1 for m in detail.members if m.person_id is not None),
        active_club=active.club_name if active else "",
        visits=len(detail.visits),
        meetings_attended=int(attended or 0),
    )


def delete_household(engine: Engine, *, household_id: int, version: int | None = None) -> None:
    """Delete a household softly, with its members (registered people stay, free to join another
    household); its club membership, attendance and visits stay in the history, hidden."""
    access.require(engine, Permission.RECORDS_WRITE)
    with saving(engine) as session:
        household = _get_household(session, household_id)
        check_version(household, version)
        stamp = utcnow()
        household.deleted_at = stamp
        for member in session.scalars(
            select(HouseholdMember).where(
                col(HouseholdMember.household_id) == household_id, alive(col(HouseholdMember.deleted_at))
            )
        ):
            member.deleted_at = stamp


# --------------------------------------------------------------------------- changes: members


def _check_member_input(
    *, full_name: str, person: Person | None, date_of_birth: date | None, today: date | None
) -> tuple[str, date | None]:
    issues: list[Issue] = []
    name: Checked[str] = normalise_name(person.full_name if person is not None else full_name)
    issues += name.issues("full_name")
    dob = date_of_birth if date_of_birth is not None else (person.date_of_birth if person is not None else None)
    if date_of_birth is not None:
        issues += check_birth_date(date_of_birth, today=today, role="household_member").issues("date_of_birth")
    raise_issues(issues)
    assert name.value is not None
    return name.value, dob


def _head_of(session: Session, household_id: int) -> HouseholdMember | None:
    return session.scalars(
        select(HouseholdMember).where(
            col(HouseholdMember.household_id) == household_id,
            col(HouseholdMember.relationship) == Relationship.HEAD,
            alive(col(HouseholdMember.deleted_at)),
        )
    ).first()


def _refuse_second_head(session: Session, household_id: int, *, except_member: int | None = None) -> None:
    head = _head_of(session, household_id)
    if head is not None and head.id != except_member:
        raise Refused(
            f"Hộ đã có chủ hộ là {head.full_name}. Để đổi chủ hộ, chọn thành viên trong danh sách và bấm "
            "“Đặt làm chủ hộ”."
        )


def add_member(
    engine: Engine,
    *,
    household_id: int,
    relationship: Relationship,
    person_id: int | None = None,
    full_name: str = "",
    date_of_birth: date | None = None,
    today: date | None = None,
) -> int:
    """Add a member: a registered person (*person_id*) or just a name; returns the member's id.

    Refused: a person already in a household (this one or another), a second head.
    """
    access.require_household(engine, household_id, Permission.RECORDS_WRITE)
    access.require_person(engine, person_id)  # a club leader adds only people they may see
    with saving(engine) as session:
        household = _get_household(session, household_id)
        person = _get_person(session, person_id) if person_id is not None else None
        name, dob = _check_member_input(full_name=full_name, person=person, date_of_birth=date_of_birth, today=today)
        if relationship is Relationship.HEAD:
            _refuse_second_head(session, household_id)
        reuse = _free_person(session, person, household_id=household_id) if person is not None else None
        if reuse is not None:
            reuse.deleted_at = None
            reuse.full_name = name
            reuse.relationship = relationship
            reuse.date_of_birth = dob
            member = reuse
        else:
            member = HouseholdMember(
                household_id=household_id,
                person_id=person_id,
                full_name=name,
                relationship=relationship,
                date_of_birth=dob,
                unit_code=household.unit_code,
            )
            session.add(member)
        if relationship is Relationship.HEAD:
            household.head_name = name
            household.head_person_id = person_id
        session.flush()
        assert member.id is not None
        return member.id


def update_member(
    engine: Engine,
    *,
    member_id: int,
    version: int | None,
    relationship: Relationship,
    person_id: int | None = None,
    full_name: str = "",
    date_of_birth: date | None = None,
    today: date | None = None,
) -> None:
    """Change a member read at *version* (name, person link, relationship, date of birth).

    The head stays head (use :func:`set_head` to change it); nobody else can be made head here.
    """
    _require_member(engine, member_id)
    access.require_person(engine, person_id)
    with saving(engine) as session:
        member = _get_member(session, member_id)
        check_version(member, version)
        household = _get_household(session, member.household_id)
        if member.relationship is Relationship.HEAD and relationship is not Relationship.HEAD:
            raise Refused(
                "Không đổi quan hệ của chủ hộ ở đây: hãy đặt một thành viên khác làm chủ hộ trước "
                "(nút “Đặt làm chủ hộ”)."
            )
        if relationship is Relationship.HEAD:
            _refuse_second_head(session, member.household_id, except_member=member.id)
        person = _get_person(session, person_id) if person_id is not None else None
        name, dob = _check_member_input(full_name=full_name, person=person, date_of_birth=date_of_birth, today=today)
        if person is not None and member.person_id != person.id:
            old = _free_person(session, person, household_id=member.household_id)
            if old is not None:  # a removed member row of this household still holds the person
                old.person_id = None
                session.flush()
        member.person_id = person_id
        member.full_name = name
        member.relationship = relationship
        member.date_of_birth = dob
        if relationship is Relationship.HEAD:
            household.head_name = name
            household.head_person_id = person_id


def remove_member(engine: Engine, *, member_id: int, version: int | None = None) -> None:
    """Take a member out of the household (softly); the head cannot be removed this way."""
    _require_member(engine, member_id)
    with saving(engine) as session:
        member = _get_member(session, member_id)
        check_version(member, version)
        _get_household(session, member.household_id)
        if member.relationship is Relationship.HEAD:
            raise Refused(
                f"{member.full_name} là chủ hộ: hãy đặt một thành viên khác làm chủ hộ trước, hoặc xóa cả hộ."
            )
        member.deleted_at = utcnow()


def set_head(
    engine: Engine,
    *,
    member_id: int,
    former_head_relationship: Relationship = Relationship.OTHER,
) -> None:
    """Make a member the head; the former head stays a member with *former_head_relationship*.

    The other members' relationships were stated towards the former head: the officer reviews
    them afterwards.
    """
    _require_member(engine, member_id)
    if former_head_relationship is Relationship.HEAD:
        raise ValidationFailed(
            [Issue("former_head_relationship", "Hãy chọn quan hệ mới của chủ hộ cũ với chủ hộ mới", Severity.ERROR)]
        )
    with saving(engine) as session:
        member = _get_member(session, member_id)
        household = _get_household(session, member.household_id)
        if member.relationship is Relationship.HEAD:
            return
        former = _head_of(session, member.household_id)
        if former is not None:
            former.relationship = former_head_relationship
            session.flush()  # one head at a time, even half-way
        member.relationship = Relationship.HEAD
        person = session.get(Person, member.person_id) if member.person_id is not None else None
        household.head_name = person.full_name if person is not None else member.full_name
        household.head_person_id = member.person_id


class _NamesHousehold(Protocol):
    @property
    def head_name(self) -> str: ...
    @property
    def hamlet(self) -> str: ...


def format_household_line(row: _NamesHousehold) -> str:
    """ "Nguyễn Văn An — Ấp 3" (for pickers and messages)."""
    return f"{row.head_name} — {row.hamlet}" if row.hamlet else row.head_name


def describe_member(member: MemberRow) -> str:
    """ "Nguyễn Văn An (Con, 05/03/1998)" — a member as messages name them."""
    born = f", {format_date(member.date_of_birth)}" if member.date_of_birth else ""
    return f"{member.full_name} ({member.relationship.label('vi')}{born})"


__all__ = [
    "HEAD_IN_BIN_MARK",
    "STALE_MESSAGE",
    "DeleteImpact",
    "HouseholdDetail",
    "HouseholdFilter",
    "HouseholdRow",
    "MemberRow",
    "MembershipRow",
    "VisitRow",
    "add_member",
    "count_households",
    "create_household",
    "delete_household",
    "delete_impact",
    "fetch_household_rows",
    "household_communes",
    "household_detail",
    "household_hamlets",
    "household_of_person",
    "list_household_ids",
    "remove_member",
    "search_households",
    "set_head",
    "update_household",
    "update_member",
]
