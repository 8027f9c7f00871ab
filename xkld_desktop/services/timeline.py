"""Quá trình của một người — the whole story of one person, for the person page.

:func:`person_timeline` gathers, for one person, the dated status events, yearly reviews,
outreach sessions attended, departures (market, programme, company, term, expected end, loan,
supports), changes of status abroad, returns (reason, residence notification) and follow-ups
(employment, income, needs), as :class:`TimelineEntry` objects in chronological order (oldest
first; same-day entries in the order things happen: review, outreach, status, departure, status
abroad, return, follow-up).

A status event that a richer record already tells — the DEPARTED event on the day of a
departure, RETURNED on the day of a return, ABSCONDED or a change of employer on the day the
departure's status abroad records it — is folded into that record's entry (its note added to the
details, its id kept in ``status_event_ids``) rather than shown twice.

:func:`person_summary` gives the page header: identity, address, household, status, the open
departure and the latest return, and the lifecycle actions possible now. Titles and details are
Vietnamese by default (enum labels, dd/mm/yyyy dates, money with "." separators); a handful of queries per
person, each served by an index on ``person_id`` / ``departure_id`` / ``return_id``. With
``lang="en"`` the program's own words are English (the English UI); record data stay as written.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from ..domain.enums import (
    DatePrecision,
    Gender,
    IdKind,
    PersonStatus,
    PolicyGroup,
    Programme,
    ReturnReason,
    ReturnTiming,
    StatusAbroad,
    SupportNeed,
)
from ..domain.models import (
    AdministrativeUnit,
    Departure,
    DepartureSupport,
    FollowUpSupportNeed,
    Household,
    HouseholdMember,
    Loan,
    Market,
    OutreachAttendance,
    OutreachSession,
    Person,
    PersonPolicyGroup,
    PlacementCompany,
    ReturnFollowUp,
    StatusEvent,
    WorkerReturn,
    YearlyReview,
)
from ..domain.validation import age_on, format_date, format_money
from ..store.session import read_session
from . import access
from .errors import live_or_not_found
from .lifecycle import LifecycleAction, allowed_actions
from .reference import market_name

__all__ = [
    "DepartureBrief",
    "HouseholdBrief",
    "PersonSummary",
    "ReturnBrief",
    "TimelineEntry",
    "TimelineKind",
    "person_summary",
    "person_timeline",
]


class TimelineKind(enum.Enum):
    """What a timeline entry is; the value is its order among same-day entries."""

    REVIEW = 0
    OUTREACH = 1
    STATUS = 2
    DEPARTURE = 3
    STATUS_ABROAD = 4
    RETURN = 5
    FOLLOW_UP = 6


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a person's story, with the ids of the records it shows.

    ``record_id``/``version`` are those of the record of ``kind`` (status event, review,
    outreach session, departure, departure again for a status abroad, return, follow-up);
    ``departure_id``/``return_id`` link the entry to its departure and return when it has them.
    """

    on: date
    kind: TimelineKind
    title: str
    details: tuple[str, ...]
    record_id: int
    version: int | None = None
    status: PersonStatus | None = None
    departure_id: int | None = None
    return_id: int | None = None
    status_event_ids: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class HouseholdBrief:
    """The person's household: its head and the person's relationship to the head."""

    id: int
    head_name: str
    relationship: str
    address: str


@dataclass(frozen=True)
class DepartureBrief:
    """The departure the person is on (no return yet)."""

    id: int
    version: int
    market_code: str
    market_name: str
    programme: Programme
    departed_on: date
    contract_months: int | None
    expected_end_on: date | None
    status_abroad: StatusAbroad
    status_abroad_on: date | None


@dataclass(frozen=True)
class ReturnBrief:
    """The person's latest return."""

    id: int
    version: int
    departure_id: int
    returned_on: date
    timing: ReturnTiming
    reason: ReturnReason
    residence_notified: bool
    residence_notified_on: date | None
    follow_ups: int


@dataclass(frozen=True)
class PersonSummary:
    """The person page's header: who, where, status, what is going on, what can be done."""

    id: int
    version: int
    full_name: str
    gender: Gender | None
    date_of_birth: date | None
    birth_precision: DatePrecision
    age: int | None
    id_number: str | None
    id_kind: IdKind | None
    phone: str | None
    hamlet: str
    commune: str
    address: str
    ethnicity: str
    status: PersonStatus
    status_since: date | None
    policy_groups: tuple[PolicyGroup, ...]
    household: HouseholdBrief | None
    open_departure: DepartureBrief | None
    latest_return: ReturnBrief | None
    actions: frozenset[LifecycleAction]

    @property
    def birth_text(self) -> str:
        """ "05/03/1998 (28 tuổi)" — the date as precise as it is known, with the age."""
        text = format_date(self.date_of_birth, self.birth_precision)
        return f"{text} ({self.age} tuổi)" if text and self.age is not None else text

    @property
    def place_text(self) -> str:
        """Hamlet and commune, "Ấp 1, Xã Tân Hộ Cơ"."""
        return ", ".join(part for part in (self.hamlet, self.commune) if part)


_STATUS_TITLES: dict[PersonStatus, tuple[str, str]] = {
    PersonStatus.CANDIDATE: ("Đưa vào diện rà soát", "Listed for the yearly review"),
    PersonStatus.REGISTERED: ("Đăng ký đi làm việc ở nước ngoài", "Registered to work abroad"),
    PersonStatus.TRAINING: ("Bắt đầu đào tạo trước khi đi", "Started pre-departure training"),
    PersonStatus.DEPARTED: ("Xuất cảnh", "Departed"),
    PersonStatus.WORKING_ABROAD: ("Làm việc ở nước ngoài", "Working abroad"),
    PersonStatus.RETURNED: ("Về nước", "Returned home"),
    PersonStatus.ABSCONDED: ("Bỏ trốn, cư trú bất hợp pháp", "Absconded, staying illegally"),
    PersonStatus.DIED: ("Qua đời", "Died"),
    PersonStatus.MISSING: ("Mất tích", "Missing"),
    PersonStatus.WITHDRAWN: ("Rút hồ sơ", "Withdrew the application"),
}

_ABROAD_STATUS: dict[StatusAbroad, PersonStatus] = {
    StatusAbroad.WORKING: PersonStatus.WORKING_ABROAD,
    StatusAbroad.CHANGED_EMPLOYER: PersonStatus.WORKING_ABROAD,
    StatusAbroad.ABSCONDED: PersonStatus.ABSCONDED,
}


_NEED_ORDER = list(SupportNeed)


def _live(column: object) -> object:
    return column.is_(None)  # type: ignore[attr-defined]


class _Words:
    """The timeline's words in one language: ``say(vietnamese, english)``, money and enum labels."""

    def __init__(self, lang: str) -> None:
        self.lang = "en" if lang == "en" else "vi"

    def __call__(self, vi: str, en: str) -> str:
        return en if self.lang == "en" else vi

    def money(self, amount: int | None) -> str:
        if amount is None:
            return ""
        return f"{amount:,} VND" if self.lang == "en" else f"{format_money(amount)} đồng"

    def label(self, value: Any) -> str:
        return str(value.label(self.lang))


def _markets(session: Session, lang: str = "vi") -> dict[str, str]:
    name = Market.name_en if lang == "en" else Market.name_vi
    return {row[0]: row[1] or row[0] for row in session.execute(select(Market.code, name))}


def _departure_entry(
    dep: Departure,
    market: str,
    company: PlacementCompany | None,
    loans: list[Loan],
    supports: list[DepartureSupport],
    say: _Words,
) -> TimelineEntry:
    details: list[str] = []
    line = say("Thị trường", "Market") + f": {market}"
    if dep.programme is not Programme.OTHER:
        line += " · " + say("Chương trình", "Programme") + f": {say.label(dep.programme)}"
    details.append(line)
    details.append(say("Hình thức", "Form") + f": {say.label(dep.form)}")
    if company is not None:
        licence = f" ({say('giấy phép', 'licence')} {company.licence_number})" if company.licence_number else ""
        details.append(say("Doanh nghiệp", "Company") + f": {company.name}{licence}")
    work = [
        part
        for part in (
            dep.occupation and say("Ngành nghề", "Occupation") + f": {dep.occupation}",
            dep.employer and say("Nơi làm việc", "Employer") + f": {dep.employer}",
        )
        if part
    ]
    if work:
        details.append(" · ".join(work))
    if dep.contract_months:
        term = say("Thời hạn hợp đồng", "Contract") + f": {dep.contract_months} " + say("tháng", "months")
        if dep.expected_end_on:
            term += say(", dự kiến kết thúc ", ", expected to end on ") + format_date(dep.expected_end_on)
        details.append(term)
    money = [
        f"{label}: {say.money(amount)}"
        for label, amount in (
            (say("Lương tháng", "Monthly salary"), dep.monthly_salary),
            (say("Tiền ký quỹ", "Deposit"), dep.deposit),
            (say("Chi phí đã nộp", "Costs paid"), dep.cost_paid),
        )
        if amount is not None
    ]
    if money:
        details.append(" · ".join(money))
    if dep.orientation_cert_on:
        details.append(
            say("Chứng chỉ bồi dưỡng kiến thức cần thiết cấp ngày ", "Pre-departure orientation certificate of ")
            + format_date(dep.orientation_cert_on)
        )
    for loan in loans:
        text = say("Vay vốn", "Loan") + f": {say.money(loan.amount)} — {say.label(loan.source)}"
        if loan.disbursed_on:
            text += say(", giải ngân ", ", disbursed on ") + format_date(loan.disbursed_on)
        text += f" ({say.label(loan.repayment_status).lower()})"
        details.append(text)
    if supports:
        parts = [f"{say.label(s.kind)} {say.money(s.amount)}" for s in supports]
        total = say.money(sum(s.amount for s in supports))
        details.append(say("Hỗ trợ: ", "Support: ") + "; ".join(parts) + say(" — tổng ", " — total ") + total)
    if not dep.is_legal:
        details.append(say("Xuất cảnh trái phép", "Left the country illegally"))
    if dep.notes:
        details.append(say("Ghi chú", "Notes") + f": {dep.notes}")
    return TimelineEntry(
        on=dep.departed_on,
        kind=TimelineKind.DEPARTURE,
        title=say("Xuất cảnh đi ", "Departed for ") + market,
        details=tuple(details),
        record_id=dep.id or 0,
        version=dep.version,
        status=PersonStatus.DEPARTED,
        departure_id=dep.id,
    )


def person_timeline(engine: Engine, person_id: int, *, lang: str = "vi") -> list[TimelineEntry]:
    """Everything that happened to the person, oldest first (see the module docstring), in *lang*
    ("vi" or "en": titles and details; record data such as names and notes as they were written)."""
    access.require_person(engine, person_id)
    say = _Words(lang)
    with read_session(engine) as session:
        live_or_not_found(session, Person, person_id, "Không tìm thấy hồ sơ người lao động này (có thể vừa bị xóa).")
        markets = _markets(session, say.lang)
        entries: list[TimelineEntry] = []
        # (status, date) → index of the entry that already tells that status change
        implied: dict[tuple[PersonStatus, date], int] = {}
        vi_titles: dict[int, str] = {}  # entry index → its title in Vietnamese, the language of the notes

        for review in session.scalars(
            select(YearlyReview).where(YearlyReview.person_id == person_id, _live(YearlyReview.deleted_at))
        ):
            details = []
            if review.outreach_group is not None:
                details.append(say("Nhóm", "Group") + f": {say.label(review.outreach_group)}")
            if review.wished_market_code:
                wished = markets.get(review.wished_market_code, review.wished_market_code)
                details.append(say("Thị trường mong muốn", "Wished market") + f": {wished}")
            if review.counselled:
                details.append(say("Đã được tư vấn", "Counselled"))
            if review.notes:
                details.append(say("Ghi chú", "Notes") + f": {review.notes}")
            entries.append(
                TimelineEntry(
                    on=review.reviewed_on or date(review.year, 1, 1),
                    kind=TimelineKind.REVIEW,
                    title=say("Rà soát năm", "Review") + f" {review.year}: {say.label(review.classification)}",
                    details=tuple(details),
                    record_id=review.id or 0,
                    version=review.version,
                )
            )

        sessions = session.scalars(
            select(OutreachSession)
            .join(OutreachAttendance, OutreachAttendance.session_id == OutreachSession.id)
            .where(OutreachAttendance.person_id == person_id, _live(OutreachSession.deleted_at))
        )
        for outreach in sessions:
            details = [
                text
                for text in (
                    outreach.place and say("Địa điểm", "Place") + f": {outreach.place}",
                    outreach.organiser and say("Tổ chức", "Organised by") + f": {outreach.organiser}",
                )
                if text
            ]
            topic = f": {outreach.topic}" if outreach.topic else ""
            entries.append(
                TimelineEntry(
                    on=outreach.held_on,
                    kind=TimelineKind.OUTREACH,
                    title=say("Dự buổi tư vấn, tuyên truyền", "Attended an outreach session") + topic,
                    details=tuple(details),
                    record_id=outreach.id or 0,
                    version=outreach.version,
                )
            )

        departures = list(
            session.scalars(
                select(Departure)
                .where(Departure.person_id == person_id, _live(Departure.deleted_at))
                .order_by(Departure.departed_on, Departure.id)
            )
        )
        dep_ids = [d.id for d in departures]
        loans: dict[int, list[Loan]] = defaultdict(list)
        supports: dict[int, list[DepartureSupport]] = defaultdict(list)
        returns: dict[int, WorkerReturn] = {}
        companies: dict[int, PlacementCompany] = {}
        if dep_ids:
            for loan in session.scalars(
                select(Loan).where(Loan.departure_id.in_(dep_ids), _live(Loan.deleted_at)).order_by(Loan.id)  # type: ignore[attr-defined]
            ):
                loans[loan.departure_id].append(loan)
            for support in session.scalars(
                select(DepartureSupport)
                .where(DepartureSupport.departure_id.in_(dep_ids), _live(DepartureSupport.deleted_at))  # type: ignore[attr-defined]
                .order_by(DepartureSupport.id)
            ):
                supports[support.departure_id].append(support)
            for back in session.scalars(
                select(WorkerReturn).where(WorkerReturn.departure_id.in_(dep_ids), _live(WorkerReturn.deleted_at))  # type: ignore[attr-defined]
            ):
                returns[back.departure_id] = back
            company_ids = {d.company_id for d in departures if d.company_id is not None}
            if company_ids:
                for company in session.scalars(select(PlacementCompany).where(PlacementCompany.id.in_(company_ids))):  # type: ignore[union-attr]
                    companies[company.id or 0] = company

        for dep in departures:
            market = markets.get(dep.market_code, dep.market_code)
            entry = _departure_entry(
                dep,
                market,
                companies.get(dep.company_id) if dep.company_id else None,
                loans[dep.id or 0],
                supports[dep.id or 0],
                say,
            )
            implied[(PersonStatus.DEPARTED, dep.departed_on)] = len(entries)
            entries.append(entry)
            trip = say("Chuyến xuất cảnh ngày {date} đi {market}", "Departure of {date} to {market}").format(
                date=format_date(dep.departed_on), market=market
            )
            if dep.status_abroad is not StatusAbroad.WORKING and dep.status_abroad_on is not None:
                implied[(_ABROAD_STATUS[dep.status_abroad], dep.status_abroad_on)] = len(entries)
                vi_titles[len(entries)] = dep.status_abroad.label("vi")  # the note of a change of employer
                entries.append(
                    TimelineEntry(
                        on=dep.status_abroad_on,
                        kind=TimelineKind.STATUS_ABROAD,
                        title=say.label(dep.status_abroad),
                        details=(trip,),
                        record_id=dep.id or 0,
                        version=dep.version,
                        status=_ABROAD_STATUS[dep.status_abroad],
                        departure_id=dep.id,
                    )
                )
            back = returns.get(dep.id or 0)
            if back is not None:
                details = [say("Lý do", "Reason") + f": {say.label(back.reason)}", trip]
                if back.residence_notified:
                    on = back.residence_notified_on
                    when = say(" ngày ", " on ") + format_date(on) if on else ""
                    details.append(say("Đã khai báo cư trú", "Residence declared") + when)
                else:
                    details.append(say("Chưa khai báo cư trú", "Residence not declared yet"))
                if back.notes:
                    details.append(say("Ghi chú", "Notes") + f": {back.notes}")
                if back.reason is not ReturnReason.DEATH_MISSING:
                    implied[(PersonStatus.RETURNED, back.returned_on)] = len(entries)
                entries.append(
                    TimelineEntry(
                        on=back.returned_on,
                        kind=TimelineKind.RETURN,
                        title=say("Về nước", "Returned home") + f" ({say.label(back.timing).lower()})",
                        details=tuple(details),
                        record_id=back.id or 0,
                        version=back.version,
                        status=PersonStatus.RETURNED,
                        departure_id=dep.id,
                        return_id=back.id,
                    )
                )

        if returns:
            by_id = {r.id: r for r in returns.values()}
            follows = list(
                session.scalars(
                    select(ReturnFollowUp).where(
                        ReturnFollowUp.return_id.in_(list(by_id)),  # type: ignore[attr-defined]
                        _live(ReturnFollowUp.deleted_at),
                    )
                )
            )
            needs: dict[int, list[SupportNeed]] = defaultdict(list)
            if follows:
                for row in session.execute(
                    select(FollowUpSupportNeed.follow_up_id, FollowUpSupportNeed.need).where(
                        FollowUpSupportNeed.follow_up_id.in_([f.id for f in follows])  # type: ignore[attr-defined]
                    )
                ):
                    needs[row.follow_up_id].append(row.need)
            for follow in follows:
                details = [say("Việc làm", "Work") + f": {say.label(follow.employment)}"]
                if follow.monthly_income is not None:
                    income = say.money(follow.monthly_income) + say("/tháng", " a month")
                    details.append(say("Thu nhập bình quân", "Average income") + f": {income}")
                if needs[follow.id or 0]:
                    wanted = sorted(needs[follow.id or 0], key=_NEED_ORDER.index)
                    details.append(say("Nhu cầu hỗ trợ: ", "Support needed: ") + ", ".join(map(say.label, wanted)))
                if follow.notes:
                    details.append(say("Ghi chú", "Notes") + f": {follow.notes}")
                parent = by_id[follow.return_id]
                entries.append(
                    TimelineEntry(
                        on=follow.followed_on,
                        kind=TimelineKind.FOLLOW_UP,
                        title=say("Theo dõi sau về nước", "Follow-up after return"),
                        details=tuple(details),
                        record_id=follow.id or 0,
                        version=follow.version,
                        departure_id=parent.departure_id,
                        return_id=parent.id,
                    )
                )

        for event in session.scalars(
            select(StatusEvent)
            .where(StatusEvent.person_id == person_id, _live(StatusEvent.deleted_at))
            .order_by(StatusEvent.happened_on, StatusEvent.id)
        ):
            index = implied.pop((event.status, event.happened_on), None)
            if index is not None:
                host = entries[index]
                told = vi_titles.get(index, host.title)
                extra = (say("Ghi chú", "Notes") + f": {event.note}",) if event.note and event.note not in told else ()
                entries[index] = replace(
                    host,
                    details=host.details + extra,
                    status_event_ids=(*host.status_event_ids, event.id or 0),
                )
                continue
            entries.append(
                TimelineEntry(
                    on=event.happened_on,
                    kind=TimelineKind.STATUS,
                    title=say(*_STATUS_TITLES[event.status]),
                    details=(event.note,) if event.note else (),
                    record_id=event.id or 0,
                    version=event.version,
                    status=event.status,
                    status_event_ids=(event.id or 0,),
                )
            )

    entries.sort(key=lambda e: (e.on, e.kind.value, e.record_id))
    return entries


def person_summary(engine: Engine, person_id: int, *, today: date | None = None, lang: str = "vi") -> PersonSummary:
    """The page header of the person (raises NotFound for a deleted or unknown id); the household
    relationship and the market's name in *lang* ("vi" or "en")."""
    access.require_person(engine, person_id)
    say = _Words(lang)
    today = today or date.today()
    with read_session(engine) as session:
        person = live_or_not_found(
            session, Person, person_id, "Không tìm thấy hồ sơ người lao động này (có thể vừa bị xóa)."
        )
        commune = session.get(AdministrativeUnit, person.commune_id) if person.commune_id else None
        groups = tuple(session.scalars(select(PersonPolicyGroup.group).where(PersonPolicyGroup.person_id == person_id)))
        household: HouseholdBrief | None = None
        membership = session.execute(
            select(HouseholdMember, Household)
            .join(Household, Household.id == HouseholdMember.household_id)
            .where(
                HouseholdMember.person_id == person_id,
                _live(HouseholdMember.deleted_at),
                _live(Household.deleted_at),
            )
        ).first()
        if membership is not None:
            member, home = membership
            household = HouseholdBrief(home.id or 0, home.head_name, say.label(member.relationship), home.address)
        else:
            home = session.scalars(
                select(Household).where(Household.head_person_id == person_id, _live(Household.deleted_at))
            ).first()
            if home is not None:
                household = HouseholdBrief(home.id or 0, home.head_name, say("Chủ hộ", "Head"), home.address)

        returned_ids = select(WorkerReturn.departure_id).where(_live(WorkerReturn.deleted_at))
        open_dep = session.scalars(
            select(Departure)
            .where(
                Departure.person_id == person_id,
                _live(Departure.deleted_at),
                Departure.id.not_in(returned_ids),  # type: ignore[union-attr]
            )
            .order_by(Departure.departed_on.desc(), Departure.id.desc())  # type: ignore[attr-defined, union-attr]
            .limit(1)
        ).first()
        open_brief: DepartureBrief | None = None
        if open_dep is not None:
            open_brief = DepartureBrief(
                id=open_dep.id or 0,
                version=open_dep.version,
                market_code=open_dep.market_code,
                market_name=market_name(open_dep.market_code, say.lang),
                programme=open_dep.programme,
                departed_on=open_dep.departed_on,
                contract_months=open_dep.contract_months,
                expected_end_on=open_dep.expected_end_on,
                status_abroad=open_dep.status_abroad,
                status_abroad_on=open_dep.status_abroad_on,
            )
        latest = session.scalars(
            select(WorkerReturn)
            .join(Departure, Departure.id == WorkerReturn.departure_id)
            .where(Departure.person_id == person_id, _live(Departure.deleted_at), _live(WorkerReturn.deleted_at))
            .order_by(WorkerReturn.returned_on.desc(), WorkerReturn.id.desc())  # type: ignore[attr-defined, union-attr]
            .limit(1)
        ).first()
        return_brief: ReturnBrief | None = None
        if latest is not None:
            follow_count = len(
                session.scalars(
                    select(ReturnFollowUp.id).where(
                        ReturnFollowUp.return_id == latest.id, _live(ReturnFollowUp.deleted_at)
                    )
                ).all()
            )
            return_brief = ReturnBrief(
                id=latest.id or 0,
                version=latest.version,
                departure_id=latest.departure_id,
                returned_on=latest.returned_on,
                timing=latest.timing,
                reason=latest.reason,
                residence_notified=latest.residence_notified,
                residence_notified_on=latest.residence_notified_on,
                follow_ups=follow_count,
            )
        age = None
        if person.date_of_birth is not None:
            age = (
                today.year - person.date_of_birth.year
                if person.birth_precision is DatePrecision.YEAR
                else age_on(person.date_of_birth, today)
            )
        return PersonSummary(
            id=person.id or 0,
            version=person.version,
            full_name=person.full_name,
            gender=person.gender,
            date_of_birth=person.date_of_birth,
            birth_precision=person.birth_precision,
            age=age,
            id_number=access.cccd_for(engine, person.id_number),
            id_kind=person.id_kind,
            phone=person.phone,
            hamlet=person.hamlet,
            commune=commune.name if commune else "",
            address=person.address,
            ethnicity=person.ethnicity,
            status=person.status,
            status_since=person.status_since,
            policy_groups=groups,
            household=household,
            open_departure=open_brief,
            latest_return=return_brief,
            actions=allowed_actions(
                person.status, has_open_departure=open_brief is not None, has_return=return_brief is not None
            ),
        )
