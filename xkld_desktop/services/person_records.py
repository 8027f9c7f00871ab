"""Hồ sơ người lao động — creating, reading, changing and deleting one person's record.

One write transaction per user action. What the user typed arrives as a :class:`PersonInput`
(texts as typed, dates already parsed); :func:`validate_person` says what is wrong with it, per
field, in Vietnamese (errors block saving, warnings do not). The services refuse input with
errors (:class:`~.errors.ValidationFailed`), a CCCD already recorded
(:class:`~.errors.DuplicatePerson`) and, unless the user confirmed, a person with the same name
and date of birth (:class:`PossibleDuplicate`). A save based on a stale copy of the record is
refused (:class:`~.errors.Refused`): the record carries a ``version`` checked on every update.

Deleting is soft: the person and what hangs on them (departures with their loans and support,
returns with their follow-ups, yearly reviews, household membership, the status timeline) get
the same ``deleted_at`` stamp, so :func:`restore_person` can bring exactly those back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from ..domain.enums import (
    DatePrecision,
    EducationLevel,
    Gender,
    IdKind,
    LegalBasis,
    OutreachGroup,
    PersonStatus,
    PolicyGroup,
    Relationship,
)
from ..domain.models import (
    CREATED_NOTE,
    AdministrativeUnit,
    Departure,
    DepartureSupport,
    Household,
    HouseholdMember,
    Loan,
    Person,
    PersonPolicyGroup,
    ReturnFollowUp,
    StatusEvent,
    WorkerReturn,
    YearlyReview,
    utcnow,
)
from ..domain.text import clean_optional, clean_text, fold
from ..domain.validation import (
    Issue,
    Severity,
    check_birth_date,
    check_departure_age,
    check_id_number,
    check_phone,
    format_date,
    normalise_name,
)
from ..store.session import read_session, write_session
from . import access
from .access import Permission
from .errors import DuplicatePerson, NotFound, Refused, ServiceError, ValidationFailed, live_or_not_found
from .households import check_commune
from .settings import own_unit_code

#: the statuses a new record may start in (later ones come from departures and returns)
INITIAL_STATUSES: tuple[PersonStatus, ...] = (
    PersonStatus.CANDIDATE,
    PersonStatus.REGISTERED,
    PersonStatus.TRAINING,
)

STALE_MESSAGE = (
    "Hồ sơ vừa được người khác sửa (hoặc sửa ở cửa sổ khác) trong lúc bạn đang sửa. "
    "Hãy đóng biểu mẫu, mở lại hồ sơ để xem bản mới nhất rồi sửa lại."
)
GONE_MESSAGE = "Không tìm thấy hồ sơ này — có thể hồ sơ vừa bị xóa."
#: audit fields that change with every save and say nothing to the user
_BOOKKEEPING = frozenset({"version", "updated_at", "name_key", "sort_key", "search_key"})


def _conflict_message(session: Session, person_id: int) -> str:
    """:data:`STALE_MESSAGE` with the other's change from the audit log: who, when, which fields.

    Two officers on a shared server (or two windows) edited the same record; the second save is
    refused (optimistic locking, ``version``) and told what the first one changed.
    """
    import json

    from ..domain.models import AuditEvent
    from .audit import FIELD_LABELS, label

    uuid = session.scalar(select(Person.uuid).where(Person.id == person_id))
    event = session.execute(
        select(AuditEvent.at, AuditEvent.username, AuditEvent.after_json)
        .where(AuditEvent.table_name == "person", AuditEvent.record_uuid == uuid)
        .order_by(AuditEvent.id.desc())  # type: ignore[union-attr]
        .limit(1)
    ).first()
    if uuid is None or event is None:
        return STALE_MESSAGE
    at, username, after_json = event
    try:
        after = json.loads(after_json) if after_json else {}
    except ValueError:
        after = {}
    fields = [label(FIELD_LABELS, key) for key in after if key not in _BOOKKEEPING] if isinstance(after, dict) else []
    at = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    when = (at.replace(tzinfo=UTC) if at.tzinfo is None else at).astimezone()
    who = f"tài khoản {username}" if username else "người khác"
    changed = f", đã sửa: {', '.join(fields)}" if fields else ""
    return (
        f"{STALE_MESSAGE.split('. ', 1)[0]}: {who} đã lưu lúc {when:%H:%M %d/%m/%Y}{changed}. "
        "Thay đổi của bạn chưa được lưu. Hãy đóng biểu mẫu, mở lại hồ sơ để xem bản mới nhất rồi sửa lại."
    )


def _conflict(engine: Engine, person_id: int) -> str:
    with read_session(engine) as session:
        return _conflict_message(session, person_id)


#: longest text of each free-text field (the column sizes of ``person``)
MAX_LENGTHS: dict[str, tuple[int, str]] = {
    "hamlet": (80, "Ấp/thôn"),
    "address": (200, "Địa chỉ"),
    "ethnicity": (40, "Dân tộc"),
    "trade_skill": (120, "Nghề, kỹ năng"),
    "foreign_language": (120, "Ngoại ngữ"),
    "worker_code": (32, "Mã số người lao động"),
    "passport_number": (20, "Số hộ chiếu"),
}
_PASSPORT = re.compile(r"^[A-Z]{1,2}\d{7,8}$")
_PASSPORT_SEPARATORS = re.compile(r"[\s.\-]+")


class PossibleDuplicate(ServiceError):
    """Someone with the same name and date of birth is already recorded (maybe the same person).

    Not an error: the user is asked, and the save is repeated with ``allow_same_name=True``.
    """

    def __init__(self, existing_id: int, existing_name: str, date_of_birth: date, precision: DatePrecision) -> None:
        born = format_date(date_of_birth, precision)
        super().__init__(
            f"Đã có hồ sơ {existing_name}, sinh {born} — cùng họ tên và ngày sinh. "
            "Có thể đây là cùng một người. Vẫn lưu hồ sơ này?"
        )
        self.existing_id = existing_id
        self.existing_name = existing_name
        self.date_of_birth = date_of_birth


# --------------------------------------------------------------------------- data


@dataclass
class PersonInput:
    """What the person form holds: texts as the user typed them, dates already parsed.

    ``status`` is only used when creating (the first step of the timeline); later changes of
    status are lifecycle actions (departure, return…), not edits.
    """

    full_name: str = ""
    gender: Gender | None = None
    date_of_birth: date | None = None
    birth_precision: DatePrecision = DatePrecision.DAY
    id_number: str = ""
    id_issued_on: date | None = None
    passport_number: str = ""
    phone: str = ""
    hamlet: str = ""
    commune_id: int | None = None
    address: str = ""
    ethnicity: str = "Kinh"
    education: EducationLevel | None = None
    trade_skill: str = ""
    foreign_language: str = ""
    outreach_group: OutreachGroup | None = None
    policy_groups: frozenset[PolicyGroup] = field(default_factory=frozenset)
    worker_code: str = ""
    notes: str = ""
    consent_on: date | None = None
    # căn cứ lưu giữ dữ liệu cá nhân (Law 91/2025/QH15): None = not recorded yet
    legal_basis: LegalBasis | None = None
    legal_basis_date: date | None = None
    legal_basis_note: str = ""
    status: PersonStatus = PersonStatus.CANDIDATE


@dataclass(frozen=True)
class PersonDetail:
    """One person's record as the UI reads it (a plain copy, never an ORM object)."""

    id: int
    uuid: str
    full_name: str
    gender: Gender | None
    date_of_birth: date | None
    birth_precision: DatePrecision
    id_number: str | None
    id_kind: IdKind | None
    id_issued_on: date | None
    passport_number: str | None
    phone: str | None
    hamlet: str
    commune_id: int | None
    commune_name: str
    address: str
    ethnicity: str
    education: EducationLevel | None
    trade_skill: str
    foreign_language: str
    outreach_group: OutreachGroup | None
    policy_groups: frozenset[PolicyGroup]
    worker_code: str | None
    status: PersonStatus
    status_since: date | None
    consent_on: date | None
    notes: str
    unit_code: str | None
    version: int
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    legal_basis: LegalBasis | None = None
    legal_basis_date: date | None = None
    legal_basis_note: str = ""

    def to_input(self) -> PersonInput:
        """The record as the form's starting point."""
        return PersonInput(
            full_name=self.full_name,
            gender=self.gender,
            date_of_birth=self.date_of_birth,
            birth_precision=self.birth_precision,
            id_number=self.id_number or "",
            id_issued_on=self.id_issued_on,
            passport_number=self.passport_number or "",
            phone=self.phone or "",
            hamlet=self.hamlet,
            commune_id=self.commune_id,
            address=self.address,
            ethnicity=self.ethnicity,
            education=self.education,
            trade_skill=self.trade_skill,
            foreign_language=self.foreign_language,
            outreach_group=self.outreach_group,
            policy_groups=self.policy_groups,
            worker_code=self.worker_code or "",
            notes=self.notes,
            consent_on=self.consent_on,
            legal_basis=self.legal_basis,
            legal_basis_date=self.legal_basis_date,
            legal_basis_note=self.legal_basis_note,
            status=self.status,
        )


@dataclass(frozen=True)
class DeleteImpact:
    """What goes with a person's record when it is deleted (counts of records not yet deleted).

    ``household_head`` names the head of the household the person is a member of (``None``
    when not a member); ``headed_households`` counts households whose head this person is.

    Deleting a household head is not refused (unlike the households service's
    ``remove_member``, which asks for another head first): a deletion is undone from the recycle
    bin, and the bin and the erasure of a deleted person (``erasure``) both rely on it going
    through. Such a household stays; the head's membership row goes with the record (as every
    membership does), so until the record is restored or the officer chooses a new head, the
    household has no head member — a state the households service already handles (editing the
    household, adding a member as head or ``set_head`` gives it one). ``head_person_id`` is kept
    on purpose: it is how the erasure of the deleted person finds the household to clear their
    name, and how :func:`restore_person` makes them head again.
    """

    person_id: int
    full_name: str
    departures: int = 0
    returns: int = 0
    reviews: int = 0
    status_events: int = 0
    household_head: str | None = None
    headed_households: int = 0

    @property
    def household_member(self) -> bool:
        return self.household_head is not None

    @property
    def is_empty(self) -> bool:
        """True when nothing but the person's own record goes."""
        return not (self.departures or self.returns or self.reviews or self.household_member)


# --------------------------------------------------------------------------- validation


def validate_person(data: PersonInput, *, today: date | None = None) -> list[Issue]:
    """Every problem of *data*, field by field (``Issue.field`` is the PersonInput attribute).

    Errors: an empty or malformed name, a malformed CCCD/CMND or phone, dates in the future, an
    ID issued before birth, texts too long. Warnings: a CCCD whose digits disagree with the
    gender or birth year, an old CMND, an age outside 15–60, an unusual phone or passport number.
    """
    today = today or date.today()
    issues: list[Issue] = list(normalise_name(data.full_name).issues("full_name"))

    if data.date_of_birth is not None:
        issues += check_birth_date(
            data.date_of_birth, today=today, precision=data.birth_precision, role="candidate"
        ).issues("date_of_birth")

    if clean_text(data.id_number):
        birth_year = data.date_of_birth.year if data.date_of_birth is not None else None
        issues += check_id_number(data.id_number, gender=data.gender, birth_year=birth_year, today=today).issues(
            "id_number"
        )

    if data.id_issued_on is not None:
        if data.id_issued_on > today:
            issues.append(Issue("id_issued_on", "Ngày cấp không được ở tương lai", Severity.ERROR))
        elif (
            data.date_of_birth is not None
            and data.birth_precision is DatePrecision.DAY
            and data.id_issued_on < data.date_of_birth
        ):
            issues.append(Issue("id_issued_on", "Ngày cấp phải sau ngày sinh", Severity.ERROR))

    if clean_text(data.phone):
        issues += check_phone(data.phone).issues("phone")

    passport = _passport(data.passport_number)
    if passport and len(passport) <= MAX_LENGTHS["passport_number"][0] and not _PASSPORT.match(passport):
        issues.append(
            Issue(
                "passport_number",
                "Số hộ chiếu Việt Nam thường gồm 1 chữ cái và 7 hoặc 8 chữ số (ví dụ C1234567), hãy kiểm tra lại",
                Severity.WARNING,
            )
        )

    for name, (limit, label) in MAX_LENGTHS.items():
        value = _passport(data.passport_number) if name == "passport_number" else clean_text(getattr(data, name))
        if len(value) > limit:
            issues.append(Issue(name, f"{label} quá dài (tối đa {limit} ký tự)", Severity.ERROR))

    if data.consent_on is not None and data.consent_on > today:
        issues.append(Issue("consent_on", "Ngày đồng ý không được ở tương lai", Severity.ERROR))
    if data.legal_basis_date is not None and data.legal_basis_date > today:
        issues.append(Issue("legal_basis_date", "Ngày xác lập căn cứ không được ở tương lai", Severity.ERROR))
    elif data.legal_basis is not None and data.legal_basis_date is None:
        issues.append(Issue("legal_basis_date", "Nên ghi ngày xác lập căn cứ lưu giữ dữ liệu", Severity.WARNING))
    if len(clean_text(data.legal_basis_note)) > 200:
        issues.append(Issue("legal_basis_note", "Ghi chú căn cứ quá dài (tối đa 200 ký tự)", Severity.ERROR))
    return issues


def _passport(text: str) -> str:
    return _PASSPORT_SEPARATORS.sub("", clean_text(text)).upper()


def _errors(issues: list[Issue]) -> bool:
    return any(i.severity is Severity.ERROR for i in issues)


@dataclass(frozen=True)
class _Clean:
    """The values to store, normalised from a valid :class:`PersonInput`."""

    full_name: str
    name_key: str
    id_number: str | None
    id_kind: IdKind | None
    phone: str | None
    passport_number: str | None


def _clean(data: PersonInput, today: date) -> _Clean:
    issues = validate_person(data, today=today)
    if _errors(issues):
        raise ValidationFailed(issues)
    name = normalise_name(data.full_name).value or ""
    id_number, id_kind = None, None
    if clean_text(data.id_number):
        checked = check_id_number(data.id_number, today=today).value
        assert checked is not None
        id_number, id_kind = checked
    phone = check_phone(data.phone).value if clean_text(data.phone) else None
    return _Clean(name, fold(name), id_number, id_kind, phone, _passport(data.passport_number) or None)


def _apply(person: Person, data: PersonInput, clean: _Clean) -> None:
    person.full_name = clean.full_name
    person.gender = data.gender
    person.date_of_birth = data.date_of_birth
    person.birth_precision = data.birth_precision if data.date_of_birth is not None else DatePrecision.DAY
    person.id_number = clean.id_number
    person.id_kind = clean.id_kind
    person.id_issued_on = data.id_issued_on
    person.passport_number = clean.passport_number
    person.phone = clean.phone
    person.hamlet = clean_text(data.hamlet)
    person.commune_id = data.commune_id
    person.address = clean_text(data.address)
    person.ethnicity = clean_text(data.ethnicity)
    person.education = data.education
    person.trade_skill = clean_text(data.trade_skill)
    person.foreign_language = clean_text(data.foreign_language)
    person.outreach_group = data.outreach_group
    person.worker_code = clean_optional(data.worker_code)
    person.notes = data.notes.strip()
    person.consent_on = data.consent_on
    person.legal_basis = data.legal_basis
    person.legal_basis_date = data.legal_basis_date
    person.legal_basis_note = clean_text(data.legal_basis_note)


# --------------------------------------------------------------------------- duplicates


def _check_id_free(session: Session, id_number: str | None, *, own_id: int | None = None) -> None:
    if id_number is None:
        return
    stmt = select(Person.id, Person.full_name, Person.deleted_at).where(Person.id_number == id_number)
    if own_id is not None:
        stmt = stmt.where(Person.id != own_id)
    row = session.execute(stmt).first()
    if row is None:
        return
    if access.scoped_club_id(session) is not None and (
        row.deleted_at is not None or not access.in_club_people(session, [row.id])
    ):
        # a club leader learns that the number is taken, not whose record holds it (nor that it exists)
        raise Refused(
            f"Số CCCD {id_number} đã có trong một hồ sơ khác, ngoài các hồ sơ bạn được xem. "
            "Hãy kiểm tra lại số, hoặc nhờ cán bộ xã xử lý."
        )
    if row.deleted_at is not None:
        raise Refused(
            f"Số CCCD {id_number} thuộc hồ sơ đã xóa của {row.full_name}. Hãy khôi phục hồ sơ đó thay vì tạo hồ sơ mới."
        )
    raise DuplicatePerson(row.id, row.full_name, id_number)


def _check_same_name(session: Session, data: PersonInput, clean: _Clean, *, own_id: int | None = None) -> None:
    """Raise :class:`PossibleDuplicate` for a live record with the same folded name and birth date.

    Two records that both have a CCCD, and different ones, are different people: not asked.
    """
    if data.date_of_birth is None:
        return
    stmt = (
        select(Person.id, Person.full_name, Person.id_number, Person.birth_precision)
        .where(
            Person.name_key == clean.name_key,
            Person.date_of_birth == data.date_of_birth,
            Person.deleted_at.is_(None),  # type: ignore[union-attr]
        )
        .order_by(Person.id)
    )
    if own_id is not None:
        stmt = stmt.where(Person.id != own_id)
    for row in session.execute(stmt):
        if clean.id_number and row.id_number and row.id_number != clean.id_number:
            continue
        raise PossibleDuplicate(row.id, row.full_name, data.date_of_birth, row.birth_precision)


# --------------------------------------------------------------------------- the record's own history


def _check_birth_against_history(session: Session, person_id: int, data: PersonInput) -> None:
    """Refuse a date of birth the person's recorded history contradicts (:class:`ValidationFailed`).

    Each live departure must pass the rule :func:`~.lifecycle.record_departure` applies
    (``check_departure_age``: 18 at departure, born before it); no live status event (the record's
    creation, registration, departure, return…) may come before the birth. A year-only date of
    birth stands for 1 January, as in the lifecycle's checks. Only a changed date (or precision) is
    judged, so that a record whose old data break the rule can still be corrected field by field.
    """
    born = data.date_of_birth
    if born is None:
        return
    precision = data.birth_precision
    shown = format_date(born, precision)
    departures = session.scalars(
        select(col(Departure.departed_on))
        .where(col(Departure.person_id) == person_id, col(Departure.deleted_at).is_(None))
        .order_by(col(Departure.departed_on))
    )
    for departed_on in departures:
        age = check_departure_age(born, departed_on, precision=precision)
        if age.errors:
            reason = age.errors[0]
            raise ValidationFailed(
                [
                    Issue(
                        "date_of_birth",
                        f"Ngày sinh {shown} không khớp chuyến xuất cảnh ngày {format_date(departed_on)}: "
                        f"{reason[:1].lower()}{reason[1:]}",
                        Severity.ERROR,
                    )
                ]
            )
    earlier = session.execute(
        select(col(StatusEvent.status), col(StatusEvent.happened_on))
        .where(
            col(StatusEvent.person_id) == person_id,
            col(StatusEvent.deleted_at).is_(None),
            col(StatusEvent.happened_on) < born,
        )
        .order_by(col(StatusEvent.happened_on), col(StatusEvent.id))
        .limit(1)
    ).first()
    if earlier is not None:
        raise ValidationFailed(
            [
                Issue(
                    "date_of_birth",
                    f"Ngày sinh {shown} không khớp diễn biến “{earlier.status.label()}” ngày "
                    f"{format_date(earlier.happened_on)}: ngày sinh phải trước mọi diễn biến của hồ sơ",
                    Severity.ERROR,
                )
            ]
        )


# --------------------------------------------------------------------------- reading


def _detail(session: Session, person: Person) -> PersonDetail:
    assert person.id is not None
    groups = frozenset(session.scalars(select(PersonPolicyGroup.group).where(PersonPolicyGroup.person_id == person.id)))
    commune = session.get(AdministrativeUnit, person.commune_id) if person.commune_id else None
    commune_name = ""
    if commune is not None:
        commune_name = f"{commune.name} (trước 01/07/2025)" if commune.legacy else commune.name
    return PersonDetail(
        id=person.id,
        uuid=person.uuid,
        full_name=person.full_name,
        gender=person.gender,
        date_of_birth=person.date_of_birth,
        birth_precision=person.birth_precision,
        id_number=person.id_number,
        id_kind=person.id_kind,
        id_issued_on=person.id_issued_on,
        passport_number=person.passport_number,
        phone=person.phone,
        hamlet=person.hamlet,
        commune_id=person.commune_id,
        commune_name=commune_name,
        address=person.address,
        ethnicity=person.ethnicity,
        education=person.education,
        trade_skill=person.trade_skill,
        foreign_language=person.foreign_language,
        outreach_group=person.outreach_group,
        policy_groups=groups,
        worker_code=person.worker_code,
        status=person.status,
        status_since=person.status_since,
        consent_on=person.consent_on,
        notes=person.notes,
        unit_code=person.unit_code,
        version=person.version,
        created_at=person.created_at,
        updated_at=person.updated_at,
        deleted_at=person.deleted_at,
        legal_basis=person.legal_basis,
        legal_basis_date=person.legal_basis_date,
        legal_basis_note=person.legal_basis_note,
    )


def _for_actor(engine: Engine, detail: PersonDetail) -> PersonDetail:
    """*detail* as the actor may see it: the CCCD masked without CCCD_VIEW."""
    if detail.id_number and not access.shows_cccd(engine):
        return replace(detail, id_number=access.mask_id_number(detail.id_number))
    return detail


def _keep_masked_cccd(engine: Engine, person_id: int, data: PersonInput) -> PersonInput:
    """A form that showed the CCCD masked gives it back masked: keep the stored number then."""
    if data.id_number and access.MASK_CHAR in data.id_number:
        with read_session(engine) as session:
            stored = session.scalar(select(Person.id_number).where(Person.id == person_id))
        if stored and access.mask_id_number(stored) == data.id_number.strip():
            return replace(data, id_number=stored)
    return data


def get_person(engine: Engine, person_id: int, *, include_deleted: bool = False) -> PersonDetail:
    """The record of person *person_id*; :class:`NotFound` when it does not exist or was deleted."""
    access.require_person(engine, person_id)
    with read_session(engine) as session:
        person = session.get(Person, person_id)
        if person is None or (person.deleted_at is not None and not include_deleted):
            raise NotFound(GONE_MESSAGE)
        return _for_actor(engine, _detail(session, person))


def _live_person(session: Session, person_id: int) -> Person:
    return live_or_not_found(session, Person, person_id, GONE_MESSAGE)


# --------------------------------------------------------------------------- writing


def create_person(
    engine: Engine, *, data: PersonInput, today: date | None = None, allow_same_name: bool = False
) -> PersonDetail:
    """Record a new person; the first status (``data.status``) starts the timeline.

    Raises :class:`ValidationFailed` (errors in *data*, a commune that is not in the database —
    said as the households and clubs say it), :class:`DuplicatePerson` (the CCCD is recorded
    already), :class:`Refused` (the CCCD belongs to a deleted record, or the initial status is
    not one a new record can have) and :class:`PossibleDuplicate` (same name and date of birth;
    repeat with *allow_same_name* once the user confirmed).
    """
    access.require(engine, Permission.RECORDS_WRITE)
    today = today or date.today()
    clean = _clean(data, today)
    if data.status not in INITIAL_STATUSES:
        labels = ", ".join(s.vi for s in INITIAL_STATUSES)
        raise Refused(f"Hồ sơ mới chỉ có thể bắt đầu ở một trong các trạng thái: {labels}.")
    unit_code = own_unit_code(engine)
    with write_session(engine) as session:
        check_commune(session, data.commune_id)
        _check_id_free(session, clean.id_number)
        if not allow_same_name:
            _check_same_name(session, data, clean)
        person = Person(full_name=clean.full_name, name_key=clean.name_key, unit_code=unit_code)
        _apply(person, data, clean)
        person.status = data.status
        person.status_since = today
        session.add(person)
        session.flush()
        assert person.id is not None
        for group in sorted(data.policy_groups):
            session.add(PersonPolicyGroup(person_id=person.id, group=group))
        session.add(
            StatusEvent(
                person_id=person.id,
                status=data.status,
                happened_on=today,
                note=CREATED_NOTE,
                unit_code=unit_code,
            )
        )
        session.flush()
        return _for_actor(engine, _detail(session, person))


def update_person(
    engine: Engine,
    *,
    person_id: int,
    data: PersonInput,
    expected_version: int,
    today: date | None = None,
    allow_same_name: bool = False,
) -> PersonDetail:
    """Save the user's changes to person *person_id* (``data.status`` is ignored).

    *expected_version* is the ``version`` of the copy the user edited; when the record changed
    since, nothing is written and :class:`Refused` says so. Also raises
    :class:`ValidationFailed` (errors in *data*, an unknown commune, a changed date of birth that
    the person's departures or timeline contradict: :func:`_check_birth_against_history`),
    :class:`DuplicatePerson`, :class:`NotFound`, and — only when the name or date of birth
    changed — :class:`PossibleDuplicate`.
    """
    access.require_person(engine, person_id, Permission.RECORDS_WRITE)
    data = _keep_masked_cccd(engine, person_id, data)
    today = today or date.today()
    clean = _clean(data, today)
    try:
        with write_session(engine) as session:
            person = _live_person(session, person_id)
            if person.version != expected_version:
                raise Refused(_conflict_message(session, person_id))
            check_commune(session, data.commune_id)
            if (person.date_of_birth, person.birth_precision) != (data.date_of_birth, data.birth_precision):
                _check_birth_against_history(session, person_id, data)
            _check_id_free(session, clean.id_number, own_id=person_id)
            identity_changed = person.name_key != clean.name_key or person.date_of_birth != data.date_of_birth
            if identity_changed and not allow_same_name:
                _check_same_name(session, data, clean, own_id=person_id)
            _apply(person, data, clean)
            person.updated_at = utcnow()  # always an UPDATE: a change of policy groups bumps the version too
            _rename_in_households(session, person)
            current = set(
                session.scalars(select(PersonPolicyGroup.group).where(PersonPolicyGroup.person_id == person_id))
            )
            for group in current - set(data.policy_groups):
                row = session.get(PersonPolicyGroup, (person_id, group))
                if row is not None:
                    session.delete(row)
            for group in sorted(set(data.policy_groups) - current):
                session.add(PersonPolicyGroup(person_id=person_id, group=group))
            session.flush()
            return _for_actor(engine, _detail(session, person))
    except StaleDataError as error:  # changed between our read and our write by another program
        raise Refused(_conflict(engine, person_id)) from error


def _rename_in_households(session: Session, person: Person) -> None:
    """The households they head and their member rows carry the person's name: it follows a rename."""
    name = clean_text(person.full_name)
    for household in session.scalars(select(Household).where(col(Household.head_person_id) == person.id)):
        if household.head_name != name:
            household.head_name = name  # head_name_key follows (store.events)
    for member in session.scalars(
        select(HouseholdMember).where(
            col(HouseholdMember.person_id) == person.id, col(HouseholdMember.deleted_at).is_(None)
        )
    ):
        if member.full_name != name:
            member.full_name = name


# --------------------------------------------------------------------------- deleting


def _departure_ids(person_id: int) -> Any:
    return select(Departure.id).where(Departure.person_id == person_id)


def _return_ids(person_id: int) -> Any:
    return select(WorkerReturn.id).where(WorkerReturn.departure_id.in_(_departure_ids(person_id)))  # type: ignore[attr-defined]


def _count(session: Session, model: Any, *conditions: Any) -> int:
    stmt = select(func.count()).select_from(model).where(*conditions, model.deleted_at.is_(None))
    return int(session.scalar(stmt) or 0)


def _impact(session: Session, person: Person) -> DeleteImpact:
    assert person.id is not None
    pid = person.id
    member = session.execute(
        select(Household.head_name)
        .join(HouseholdMember, HouseholdMember.household_id == Household.id)
        .where(
            HouseholdMember.person_id == pid,
            HouseholdMember.deleted_at.is_(None),  # type: ignore[union-attr]
            Household.deleted_at.is_(None),  # type: ignore[union-attr]
        )
    ).first()
    return DeleteImpact(
        person_id=pid,
        full_name=person.full_name,
        departures=_count(session, Departure, Departure.person_id == pid),
        returns=_count(session, WorkerReturn, WorkerReturn.departure_id.in_(_departure_ids(pid))),  # type: ignore[attr-defined]
        reviews=_count(session, YearlyReview, YearlyReview.person_id == pid),
        status_events=_count(session, StatusEvent, StatusEvent.person_id == pid),
        household_head=member.head_name if member is not None else None,
        headed_households=_count(session, Household, Household.head_person_id == pid),
    )


def deletion_impact(engine: Engine, person_id: int) -> DeleteImpact:
    """What deleting person *person_id* would take with it (for the confirmation question)."""
    access.require_person(engine, person_id)
    with read_session(engine) as session:
        return _impact(session, _live_person(session, person_id))


def _soft_delete_dependants(session: Session, person_id: int, stamp: datetime, *, restore: bool = False) -> None:
    """Stamp (or, with *restore*, un-stamp) the records that hang on the person."""
    departures = _departure_ids(person_id)
    returns = _return_ids(person_id)
    targets: list[tuple[Any, Any]] = [
        (Loan, Loan.departure_id.in_(departures)),  # type: ignore[attr-defined]
        (DepartureSupport, DepartureSupport.departure_id.in_(departures)),  # type: ignore[attr-defined]
        (ReturnFollowUp, ReturnFollowUp.return_id.in_(returns)),  # type: ignore[attr-defined]
        (WorkerReturn, WorkerReturn.departure_id.in_(departures)),  # type: ignore[attr-defined]
        (Departure, Departure.person_id == person_id),
        (YearlyReview, YearlyReview.person_id == person_id),
        (HouseholdMember, HouseholdMember.person_id == person_id),
        (StatusEvent, StatusEvent.person_id == person_id),
    ]
    for model, condition in targets:
        table = model.__table__
        where = table.c.deleted_at == stamp if restore else table.c.deleted_at.is_(None)
        session.execute(
            update(table)
            .where(condition, where)
            .values(deleted_at=None if restore else stamp, version=table.c.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )


def delete_person(engine: Engine, *, person_id: int, expected_version: int | None = None) -> DeleteImpact:
    """Soft-delete person *person_id* and what hangs on them; returns what was deleted.

    With *expected_version*, a record changed since the user looked at it is refused.
    """
    access.require(engine, Permission.RECORDS_WRITE)
    try:
        with write_session(engine) as session:
            person = _live_person(session, person_id)
            if expected_version is not None and person.version != expected_version:
                raise Refused(STALE_MESSAGE)
            impact = _impact(session, person)
            stamp = utcnow()
            _soft_delete_dependants(session, person_id, stamp)
            person.deleted_at = stamp
            session.flush()
            return impact
    except StaleDataError as error:
        raise Refused(STALE_MESSAGE) from error


def _restore_headship(session: Session, person: Person) -> None:
    """After a restore, keep one head per household (see :class:`DeleteImpact`).

    The person's membership row came back. If it is a head's row and their household chose no
    other head meanwhile, they are its head again (``head_name``/``head_person_id`` copy them,
    as the households service keeps them). If another head was chosen (``set_head``, a new head
    added or typed in the household form), that head stays and the person comes back as an
    ordinary member, relationship "Khác", for the officer to review.
    """
    pid = person.id
    assert pid is not None
    member = session.scalars(  # one row at most: a person is in one household (``person_id`` is unique)
        select(HouseholdMember)
        .where(col(HouseholdMember.person_id) == pid, col(HouseholdMember.deleted_at).is_(None))
        .execution_options(populate_existing=True)
    ).first()
    if member is None or member.relationship is not Relationship.HEAD:
        return
    household = session.get(Household, member.household_id, populate_existing=True)
    if household is None or household.deleted_at is not None:
        return
    others = session.scalars(
        select(HouseholdMember).where(
            col(HouseholdMember.household_id) == member.household_id,
            col(HouseholdMember.deleted_at).is_(None),
            col(HouseholdMember.id) != member.id,
        )
    )
    if any(m.relationship is Relationship.HEAD for m in others) or household.head_person_id not in (None, pid):
        member.relationship = Relationship.OTHER
        return
    household.head_person_id = pid
    household.head_name = person.full_name


def restore_person(engine: Engine, *, person_id: int) -> PersonDetail:
    """Undo :func:`delete_person`: the person and the records deleted with them come back.

    A household head becomes head again unless the household chose another head meanwhile
    (:func:`_restore_headship`).
    """
    access.require(engine, Permission.RECORDS_WRITE)
    with write_session(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(GONE_MESSAGE)
        if person.deleted_at is None:
            return _for_actor(engine, _detail(session, person))
        stamp = person.deleted_at
        _soft_delete_dependants(session, person_id, stamp, restore=True)
        person.deleted_at = None
        _restore_headship(session, person)
        session.flush()
        return _for_actor(engine, _detail(session, person))


__all__ = [
    "INITIAL_STATUSES",
    "STALE_MESSAGE",
    "DeleteImpact",
    "PersonDetail",
    "PersonInput",
    "PossibleDuplicate",
    "create_person",
    "delete_person",
    "deletion_impact",
    "get_person",
    "restore_person",
    "update_person",
    "validate_person",
]
