"""The tables of XKLĐ Desktop (SQLModel), complete from the first release.

Every record (:class:`RecordMixin`) carries
- ``id``: the local integer key, used only inside one database;
- ``uuid``: a global identifier, stable across export, import and upward merge;
- ``unit_code``: the administrative unit (commune code) whose office made the record;
- ``created_at`` / ``updated_at``: timezone-aware UTC timestamps;
- ``version``: incremented on every change, for conflict detection and merging;
- ``deleted_at``: a soft delete, so that merges and undo can see what was removed.

Enums are stored as short strings (``sa.Enum(native_enum=False)``), money as integer đồng,
dates as ``date``. Text that users search has a folded key column kept by the store.
Constraint names follow :data:`NAMING_CONVENTION`, so migrations can alter them by name.
"""

from __future__ import annotations

import os
import time
import uuid as uuid_module
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa
from pydantic import ConfigDict
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from .enums import (
    DatePrecision,
    DepartureForm,
    EducationLevel,
    EmploymentAfterReturn,
    Gender,
    IdKind,
    LegalBasis,
    LoanSource,
    MarketRegion,
    OutreachGroup,
    PersonStatus,
    PolicyGroup,
    PovertyStatus,
    Programme,
    Relationship,
    RepaymentStatus,
    ReturnReason,
    ReturnTiming,
    ReviewClassification,
    Role,
    StatusAbroad,
    SupportKind,
    SupportNeed,
    UnitLevel,
)

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION
metadata = SQLModel.metadata


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (SQLModel stores aware datetimes and returns them in UTC)."""
    return datetime.now(UTC)


def new_uuid() -> str:
    """A new record's uuid: version 7 (RFC 9562), the time in milliseconds first, then 74 random bits.

    Records made one after another get uuids next to each other, so the unique index on ``uuid``
    and the audit log's ``(table_name, record_uuid)`` index take them at one place. Random (version
    4) uuids landed all over those indexes: an import of 8,694 people into a province's database
    with 200,000 audit entries wrote 96 MB of WAL in 1.00 s, with these 73 MB in 0.90 s (bare
    sqlite3, the same rows). Uuids made elsewhere (another commune's export) are kept as they are.
    """
    millis = time.time_ns() // 1_000_000 & 0xFFFF_FFFF_FFFF
    rand = int.from_bytes(os.urandom(10), "big")  # 80 bits: 12 for rand_a, 62 for rand_b
    value = millis << 80 | 0x7 << 76 | (rand >> 62 & 0xFFF) << 64 | 0b10 << 62 | rand & (1 << 62) - 1
    return str(uuid_module.UUID(int=value))


def enum_type(enum_cls: type[Enum]) -> sa.Enum:
    """A portable VARCHAR column type storing the members' values (no native PG enum)."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def fk(target: str, *, ondelete: str = "RESTRICT", index: bool = True, nullable: bool = False) -> Any:
    """A foreign-key field to *target* ("table.column")."""
    return Field(
        default=None,
        sa_column_args=[sa.ForeignKey(target, ondelete=ondelete)],
        index=index,
        nullable=nullable,
    )


def partial_index(name: str, *columns: str, where: str) -> sa.Index:
    """An index of the rows meeting *where* only (SQLite and PostgreSQL both have them)."""
    return sa.Index(name, *columns, sqlite_where=sa.text(where), postgresql_where=sa.text(where))


def live_index(name: str, *columns: str) -> sa.Index:
    """An index of the live rows (``deleted_at IS NULL``): what every list, count and search reads."""
    return partial_index(name, *columns, where="deleted_at IS NULL")


class TableModel(SQLModel):
    """The base of every table class: pydantic builds a class's validator when first asked, not as
    the class is made. Table models are never validated (SQLModel's tables skip it), so it is never
    built: the models' import at start-up, on the database thread before the first figures, ≈ 0.32 →
    0.25 s on the 2-core benchmark machine."""

    model_config = ConfigDict(defer_build=True)  # type: ignore[assignment]


class RecordMixin(TableModel):
    """Columns every record carries (see the module docstring)."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, max_length=36, unique=True, nullable=False)
    unit_code: str | None = Field(default=None, max_length=16, index=True)
    created_at: datetime = Field(default_factory=utcnow, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, nullable=False)
    version: int = Field(default=1, nullable=False)
    deleted_at: datetime | None = Field(default=None)

    @declared_attr  # type: ignore[misc, arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:
        # SQLAlchemy's optimistic locking: every UPDATE checks and bumps ``version``; a save based
        # on a stale copy updates no row and raises StaleDataError instead of overwriting.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- reference data


class AdministrativeUnit(TableModel, table=True):
    """Đơn vị hành chính — a province, a (former) district or a commune/ward/town.

    ``code`` is the official code of the General Statistics Office. Codes were reused by the
    1 July 2025 reform (province 82 was Tiền Giang, is now Đồng Tháp), so a unit is identified by
    (``code``, ``level``, ``legacy``). Units abolished by the reform have ``legacy`` true and
    ``valid_to`` 2025-06-30; :class:`UnitSuccession` maps them to the units that replaced them.
    """

    __tablename__ = "administrative_unit"
    __table_args__ = (sa.UniqueConstraint("code", "level", "legacy"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, index=True)
    name: str = Field(max_length=120)
    name_key: str = Field(max_length=120, index=True)
    level: UnitLevel = Field(sa_type=enum_type(UnitLevel))
    division_type: str = Field(default="", max_length=40)
    parent_id: int | None = fk("administrative_unit.id", nullable=True)
    legacy: bool = Field(default=False)
    valid_from: date | None = None
    valid_to: date | None = None


class UnitSuccession(TableModel, table=True):
    """Sáp nhập — a pre-2025 commune mapped to the commune(s) that replaced it.

    A commune split between several new ones has one row per successor; ``is_default`` marks the
    one its records are counted under when nothing more precise (the hamlet) is known.
    """

    __tablename__ = "unit_succession"
    __table_args__ = (sa.UniqueConstraint("old_unit_id", "new_unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    old_unit_id: int = fk("administrative_unit.id", ondelete="CASCADE")
    new_unit_id: int = fk("administrative_unit.id", ondelete="CASCADE")
    is_default: bool = Field(default=True)


class Market(TableModel, table=True):
    """Thị trường — a destination country or territory (ISO 3166 alpha-2 code)."""

    __tablename__ = "market"

    code: str = Field(primary_key=True, max_length=8)
    name_vi: str = Field(max_length=80)
    name_en: str = Field(max_length=80)
    region: MarketRegion = Field(sa_type=enum_type(MarketRegion))
    deposit_cap: int | None = Field(default=None, description="Mức ký quỹ tối đa (đồng)")
    sort_order: int = Field(default=100)


class AppSetting(TableModel, table=True):
    """Cài đặt lưu trong cơ sở dữ liệu — settings that travel with the data (the unit's name)."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True, max_length=80)
    value: str = Field(default="")


# --------------------------------------------------------------------------- people


class Person(RecordMixin, table=True):
    """Người lao động — a working-age person, candidate or worker."""

    __tablename__ = "person"
    # Every index costs each insert a page write where its key lands (a random place for a name,
    # a CCCD, a UUID): an import of 10,000 people into 200,000 writes tens of thousands of pages.
    # So no index here has a twin: lists, counts and searches only ever look at live records,
    # and partial indexes (SQLite and PostgreSQL both have them) answer "WHERE deleted_at IS NULL
    # … GROUP BY status / ORDER BY sort_key / name_key = …" from the index alone (migration 0006
    # dropped the full ones on status, sort_key, name_key and phone that they made redundant).
    __table_args__ = (
        live_index("ix_person_live_status", "status", "commune_id"),
        live_index("ix_person_live_sort_key", "sort_key", "id"),
        # The import's duplicate check (a live person of the same folded name and birth year, with
        # no CCCD or the same one) answered from the index alone.
        live_index("ix_person_live_name_birth", "name_key", "date_of_birth", "id_number"),
        # A CCCD or phone prefix typed in the search: the matches' name order from the index alone.
        live_index("ix_person_live_id_number_sort", "id_number", "sort_key"),
        live_index("ix_person_live_phone_sort", "phone", "sort_key"),
        # The people in the recycle bin (a few, or none): the reports count the departures, returns
        # and reviews of everyone else from this short list, without reading each one's person row.
        # No cost to an insert: a new person is alive.
        partial_index("ix_person_deleted", "id", where="deleted_at IS NOT NULL"),
    )

    full_name: str = Field(max_length=120)
    name_key: str = Field(max_length=120, description="Folded name for search")
    sort_key: str = Field(default="", max_length=120, description="Given name first, folded")
    gender: Gender | None = Field(default=None, sa_type=enum_type(Gender))
    date_of_birth: date | None = None
    birth_precision: DatePrecision = Field(default=DatePrecision.DAY, sa_type=enum_type(DatePrecision))
    id_number: str | None = Field(default=None, max_length=12, unique=True, description="CCCD or CMND")
    id_kind: IdKind | None = Field(default=None, sa_type=enum_type(IdKind))
    id_issued_on: date | None = None
    passport_number: str | None = Field(default=None, max_length=20)
    phone: str | None = Field(default=None, max_length=16, description="Digits, 0-prefixed")
    hamlet: str = Field(default="", max_length=80, index=True, description="Ấp/thôn/khóm/bản")
    commune_id: int | None = fk("administrative_unit.id", nullable=True)
    address: str = Field(default="", max_length=200)
    ethnicity: str = Field(default="Kinh", max_length=40)
    education: EducationLevel | None = Field(default=None, sa_type=enum_type(EducationLevel))
    trade_skill: str = Field(default="", max_length=120)
    foreign_language: str = Field(default="", max_length=120)
    outreach_group: OutreachGroup | None = Field(default=None, sa_type=enum_type(OutreachGroup))
    worker_code: str | None = Field(default=None, max_length=32, description="Mã số người lao động")
    status: PersonStatus = Field(default=PersonStatus.CANDIDATE, sa_type=enum_type(PersonStatus))
    status_since: date | None = None
    consent_on: date | None = Field(default=None, description="Ngày đồng ý cho lưu dữ liệu")
    # Căn cứ lưu giữ dữ liệu cá nhân (Law 91/2025/QH15): which basis, since when, and a note (the
    # consent form's number, the article of law). NULL = not recorded yet ("chưa ghi").
    legal_basis: LegalBasis | None = Field(default=None, sa_type=enum_type(LegalBasis))
    legal_basis_date: date | None = Field(default=None, description="Ngày xác lập căn cứ")
    legal_basis_note: str = Field(default="", max_length=200)
    notes: str = Field(default="")


class PersonNameToken(TableModel, table=True):
    """Search index: one row per word of a person's folded name (kept by the store).

    "Nguyễn Văn Đức" gives ``nguyen``, ``van``, ``duc``. A query word is looked up as a prefix
    range on ``token`` — an index range scan on SQLite and PostgreSQL alike — so a name is found
    from any of its words, in any order, without scanning the table. The copy of the person's
    ``sort_key`` lets the index hand out one word's people already in name order.
    """

    __tablename__ = "person_name_token"
    __table_args__ = (sa.Index("ix_person_name_token_token_sort_key", "token", "sort_key", "person_id"),)

    # The key stays (token, person_id), though new tokens land all over it: keyed (person_id, token)
    # the import wrote its tokens in half the time, but a two-word search checking the other word
    # per person ("dung tru") then seeks all over the key instead of in one word's stretch (5 → 11 ms).
    token: str = Field(primary_key=True, max_length=40)
    person_id: int = Field(
        primary_key=True, index=True, sa_column_args=[sa.ForeignKey("person.id", ondelete="CASCADE")]
    )
    sort_key: str = Field(default="", max_length=120, description="Copy of person.sort_key, for ordered walks")


class PersonPolicyGroup(TableModel, table=True):
    """Đối tượng chính sách của một người (several per person)."""

    __tablename__ = "person_policy_group"

    person_id: int = Field(primary_key=True, sa_column_args=[sa.ForeignKey("person.id", ondelete="CASCADE")])
    group: PolicyGroup = Field(primary_key=True, sa_type=enum_type(PolicyGroup))


#: the note of the status event a record starts with (the status it was typed in with, dated that day)
CREATED_NOTE = "Tạo hồ sơ"


class StatusEvent(RecordMixin, table=True):
    """Diễn biến — a dated change of a person's lifecycle status (the timeline's backbone)."""

    __tablename__ = "status_event"

    person_id: int = fk("person.id", ondelete="CASCADE")
    status: PersonStatus = Field(sa_type=enum_type(PersonStatus))
    happened_on: date
    note: str = Field(default="")


class Household(RecordMixin, table=True):
    """Hộ gia đình."""

    __tablename__ = "household"

    head_name: str = Field(max_length=120)
    head_name_key: str = Field(default="", max_length=120, index=True)
    head_person_id: int | None = fk("person.id", ondelete="SET NULL", nullable=True)
    hamlet: str = Field(default="", max_length=80, index=True)
    commune_id: int | None = fk("administrative_unit.id", nullable=True)
    address: str = Field(default="", max_length=200)
    phone: str | None = Field(default=None, max_length=16)
    poverty_status: PovertyStatus = Field(default=PovertyStatus.NONE, sa_type=enum_type(PovertyStatus))
    notes: str = Field(default="")


class HouseholdMember(RecordMixin, table=True):
    """Thành viên hộ — a member, a registered person or just a name, with the relationship."""

    __tablename__ = "household_member"

    household_id: int = fk("household.id", ondelete="CASCADE")
    person_id: int | None = Field(
        default=None,
        unique=True,
        sa_column_args=[sa.ForeignKey("person.id", ondelete="SET NULL")],
    )
    full_name: str = Field(max_length=120)
    relationship: Relationship = Field(sa_type=enum_type(Relationship))
    date_of_birth: date | None = None


# --------------------------------------------------------------------------- family club


class FamilyClub(RecordMixin, table=True):
    """CLB gia đình có người đi lao động ở nước ngoài."""

    __tablename__ = "family_club"

    name: str = Field(max_length=160)
    commune_id: int | None = fk("administrative_unit.id", nullable=True)
    founded_on: date | None = None
    leader_name: str = Field(default="", max_length=120)
    leader_person_id: int | None = fk("person.id", ondelete="SET NULL", nullable=True)
    leader_phone: str | None = Field(default=None, max_length=16)
    notes: str = Field(default="")


class ClubMembership(RecordMixin, table=True):
    """Hộ thành viên CLB — a household's membership of a club, with join and leave dates."""

    __tablename__ = "club_membership"

    club_id: int = fk("family_club.id", ondelete="CASCADE")
    household_id: int = fk("household.id", ondelete="CASCADE")
    joined_on: date
    left_on: date | None = None


class ClubMeeting(RecordMixin, table=True):
    """Sinh hoạt CLB — a meeting of the club."""

    __tablename__ = "club_meeting"

    club_id: int = fk("family_club.id", ondelete="CASCADE")
    held_on: date = Field(index=True)
    topic: str = Field(max_length=200)
    place: str = Field(default="", max_length=200)
    fund_contribution: int = Field(default=0, description="Đóng góp quỹ (đồng)")
    notes: str = Field(default="")


class ClubMeetingAttendance(TableModel, table=True):
    """Hộ dự sinh hoạt — which member households attended a meeting."""

    __tablename__ = "club_meeting_attendance"
    # A household's deletion cascades here by household_id, the key's second column (migration 0007).
    __table_args__ = (sa.Index("ix_club_meeting_attendance_household_id", "household_id"),)

    meeting_id: int = Field(primary_key=True, sa_column_args=[sa.ForeignKey("club_meeting.id", ondelete="CASCADE")])
    household_id: int = Field(primary_key=True, sa_column_args=[sa.ForeignKey("household.id", ondelete="CASCADE")])


class FamilyVisit(RecordMixin, table=True):
    """Thăm hỏi gia đình — a visit to a family, the issues raised and the follow-up."""

    __tablename__ = "family_visit"

    household_id: int = fk("household.id", ondelete="CASCADE")
    club_id: int | None = fk("family_club.id", ondelete="SET NULL", nullable=True)
    visited_on: date = Field(index=True)
    visitor: str = Field(default="", max_length=160)
    issues_raised: str = Field(default="")
    follow_up: str = Field(default="")
    follow_up_done: bool = Field(default=False)
    follow_up_on: date | None = None


# --------------------------------------------------------------------------- review and outreach


class YearlyReview(RecordMixin, table=True):
    """Rà soát, phân loại lao động trong độ tuổi — one per person per year."""

    __tablename__ = "yearly_review"
    __table_args__ = (
        sa.UniqueConstraint("person_id", "year"),
        # The report's count of the reviews by classification and wished market, from the index alone
        # and in its order (services.stats).
        live_index("ix_yearly_review_live_class", "classification", "wished_market_code", "year", "person_id"),
    )

    person_id: int = fk("person.id", ondelete="CASCADE")
    year: int = Field(index=True)
    reviewed_on: date | None = None
    classification: ReviewClassification = Field(sa_type=enum_type(ReviewClassification))
    outreach_group: OutreachGroup | None = Field(default=None, sa_type=enum_type(OutreachGroup))
    wished_market_code: str | None = fk("market.code", nullable=True)
    counselled: bool = Field(default=False)
    notes: str = Field(default="")


class OutreachSession(RecordMixin, table=True):
    """Buổi tư vấn, tuyên truyền."""

    __tablename__ = "outreach_session"

    held_on: date = Field(index=True)
    place: str = Field(default="", max_length=200)
    organiser: str = Field(default="", max_length=200)
    topic: str = Field(default="", max_length=200)
    commune_id: int | None = fk("administrative_unit.id", nullable=True)
    attendance_count: int = Field(default=0, description="Số người dự (kể cả người chưa có hồ sơ)")
    notes: str = Field(default="")


class OutreachAttendance(TableModel, table=True):
    """Người dự buổi tư vấn — a registered person who attended."""

    __tablename__ = "outreach_attendance"
    # A person's deletion cascades here by person_id, the key's second column (migration 0007).
    __table_args__ = (sa.Index("ix_outreach_attendance_person_id", "person_id"),)

    session_id: int = Field(primary_key=True, sa_column_args=[sa.ForeignKey("outreach_session.id", ondelete="CASCADE")])
    person_id: int = Field(primary_key=True, sa_column_args=[sa.ForeignKey("person.id", ondelete="CASCADE")])


# --------------------------------------------------------------------------- departures and returns


class PlacementCompany(RecordMixin, table=True):
    """Doanh nghiệp dịch vụ / đơn vị đưa đi — with its licence number."""

    __tablename__ = "placement_company"

    name: str = Field(max_length=200)
    name_key: str = Field(default="", max_length=200, index=True)
    licence_number: str = Field(default="", max_length=60)
    address: str = Field(default="", max_length=200)
    phone: str | None = Field(default=None, max_length=16)


class Departure(RecordMixin, table=True):
    """Xuất cảnh — one departure of a person (a person can have several)."""

    __tablename__ = "departure"
    __table_args__ = (sa.Index("ix_departure_market_departed", "market_code", "departed_on"),)

    person_id: int = fk("person.id", ondelete="CASCADE")
    form: DepartureForm = Field(default=DepartureForm.LICENSED_COMPANY, sa_type=enum_type(DepartureForm))
    programme: Programme = Field(default=Programme.OTHER, sa_type=enum_type(Programme))
    market_code: str = fk("market.code")
    company_id: int | None = fk("placement_company.id", ondelete="SET NULL", nullable=True)
    occupation: str = Field(default="", max_length=160)
    employer: str = Field(default="", max_length=200, description="Nơi làm việc / chủ sử dụng")
    contract_months: int | None = None
    departed_on: date = Field(index=True)
    expected_end_on: date | None = Field(default=None, index=True)
    orientation_cert_on: date | None = Field(default=None, description="Ngày cấp chứng chỉ bồi dưỡng")
    monthly_salary: int | None = Field(default=None, description="Lương tháng (đồng)")
    deposit: int | None = Field(default=None, description="Tiền ký quỹ (đồng)")
    cost_paid: int | None = Field(default=None, description="Chi phí đã nộp (đồng)")
    is_legal: bool = Field(default=True, description="Xuất cảnh hợp pháp")
    status_abroad: StatusAbroad = Field(default=StatusAbroad.WORKING, sa_type=enum_type(StatusAbroad))
    status_abroad_on: date | None = None
    notes: str = Field(default="")


class Loan(RecordMixin, table=True):
    """Vay vốn — a loan for a departure."""

    __tablename__ = "loan"

    departure_id: int = fk("departure.id", ondelete="CASCADE")
    source: LoanSource = Field(default=LoanSource.NHCSXH, sa_type=enum_type(LoanSource))
    amount: int = Field(description="Số tiền vay (đồng)")
    disbursed_on: date | None = None
    repayment_status: RepaymentStatus = Field(default=RepaymentStatus.OUTSTANDING, sa_type=enum_type(RepaymentStatus))
    repaid_on: date | None = None


class DepartureSupport(RecordMixin, table=True):
    """Khoản hỗ trợ — one kind of support received for a departure, with its amount."""

    __tablename__ = "departure_support"

    departure_id: int = fk("departure.id", ondelete="CASCADE")
    kind: SupportKind = Field(sa_type=enum_type(SupportKind))
    amount: int = Field(default=0, description="Số tiền (đồng)")
    received_on: date | None = None


class WorkerReturn(RecordMixin, table=True):
    """Về nước — the return that ends a departure."""

    __tablename__ = "worker_return"

    departure_id: int = Field(unique=True, sa_column_args=[sa.ForeignKey("departure.id", ondelete="CASCADE")])
    returned_on: date = Field(index=True)
    timing: ReturnTiming = Field(default=ReturnTiming.ON_TIME, sa_type=enum_type(ReturnTiming))
    reason: ReturnReason = Field(default=ReturnReason.CONTRACT_ENDED, sa_type=enum_type(ReturnReason))
    residence_notified: bool = Field(default=False, description="Đã khai báo cư trú trong 15 ngày")
    residence_notified_on: date | None = None
    notes: str = Field(default="")


class ReturnFollowUp(RecordMixin, table=True):
    """Theo dõi sau về nước — a dated follow-up: job, income, support needed."""

    __tablename__ = "return_follow_up"

    return_id: int = fk("worker_return.id", ondelete="CASCADE")
    followed_on: date = Field(index=True)
    employment: EmploymentAfterReturn = Field(sa_type=enum_type(EmploymentAfterReturn))
    monthly_income: int | None = Field(default=None, description="Thu nhập bình quân tháng (đồng)")
    notes: str = Field(default="")


class FollowUpSupportNeed(TableModel, table=True):
    """Nhu cầu hỗ trợ ghi nhận trong một lần theo dõi."""

    __tablename__ = "follow_up_support_need"

    follow_up_id: int = Field(
        primary_key=True, sa_column_args=[sa.ForeignKey("return_follow_up.id", ondelete="CASCADE")]
    )
    need: SupportNeed = Field(primary_key=True, sa_type=enum_type(SupportNeed))


class Target(RecordMixin, table=True):
    """Chỉ tiêu — departures targeted for a unit in a year."""

    __tablename__ = "target"
    __table_args__ = (sa.UniqueConstraint("unit_id", "year"),)

    unit_id: int = fk("administrative_unit.id")
    year: int
    departures: int


# --------------------------------------------------------------------------- users and audit


class UserAccount(RecordMixin, table=True):
    """Tài khoản người dùng — password kept only as an Argon2id hash."""

    __tablename__ = "user_account"

    username: str = Field(max_length=60, unique=True)
    full_name: str = Field(default="", max_length=120)
    password_hash: str = Field(default="", max_length=255)
    role: Role = Field(sa_type=enum_type(Role))
    club_id: int | None = fk("family_club.id", ondelete="SET NULL", nullable=True)
    active: bool = Field(default=True)
    failed_logins: int = Field(default=0)
    last_failed_at: datetime | None = None
    last_login_at: datetime | None = None


class AuditEvent(TableModel, table=True):
    """Nhật ký — who changed what, when; before and after as JSON text. Append-only."""

    __tablename__ = "audit_event"
    __table_args__ = (sa.Index("ix_audit_event_record", "table_name", "record_uuid"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    username: str = Field(default="", max_length=60)
    action: str = Field(max_length=40)
    table_name: str = Field(default="", max_length=60)
    record_uuid: str | None = Field(default=None, max_length=36)
    before_json: str | None = None
    after_json: str | None = None
    detail: str = Field(default="")
    # what the log's text search looks through: the values of the fields above, folded
    # (domain.text.search_text), so that "nguyen" finds "Nguyễn"; derived, not hashed by the chain
    search_text: str = Field(default="")


RECORD_TABLES: tuple[type[RecordMixin], ...] = (
    Person,
    StatusEvent,
    Household,
    HouseholdMember,
    FamilyClub,
    ClubMembership,
    ClubMeeting,
    FamilyVisit,
    YearlyReview,
    OutreachSession,
    PlacementCompany,
    Departure,
    Loan,
    DepartureSupport,
    WorkerReturn,
    ReturnFollowUp,
    Target,
    UserAccount,
)
