"""Diễn biến của người lao động — the lifecycle actions on a person, one transaction each.

A person moves candidate → registered → training → departed → working abroad → returned (and
may leave again), or ends absconded, dead, missing or withdrawn. Every action here

- writes its record (yearly review, departure with loan and supports, status abroad, return,
  follow-up) stamped with the database's unit (``settings.own_unit_code``);
- appends a :class:`~xkld_desktop.domain.models.StatusEvent` when it changes where the person is
  in the lifecycle, so that the timeline (``services.timeline``) has the dated history;
- updates ``Person.status`` / ``status_since`` — *the latest event wins*: an event dated before
  the person's present ``status_since`` (a past departure typed in late) is kept in the history
  but does not overwrite the present status. A death is never overwritten by a later record.

Decisions, so that callers know what to expect:

- Yearly review: one per person and year. Recording a second review for the same year *updates*
  the first (the officer revisits the classification); ``expected_version`` guards against
  overwriting someone else's edit. A review changes no status (a status event is a *change*).
- Departure: the person's status becomes DEPARTED ("Đã xuất cảnh"); it becomes WORKING_ABROAD
  when the status abroad is recorded (working or changed employer), ABSCONDED when absconded —
  as the commune learns it, usually weeks after the departure.
- An *open* departure is one without a return (absconded ones included: the worker is still
  abroad until a return — deported, for instance — is recorded). A person has at most one.
- Return timing, when not given, is computed from the expected end with a tolerance of
  :data:`ON_TIME_TOLERANCE_DAYS` days either side (on time), earlier (early) or later (late).
- A return for death or missing does not make the person "returned": the officer records the
  death or the disappearance (:func:`mark_died`, :func:`mark_missing`), and a warning says so.
- Correcting a departure (:func:`update_departure`) or a return (:func:`update_return`) runs the
  checks of recording it, keeps the trip's dates in order (registration ≤ departure ≤ status
  abroad ≤ return ≤ follow-ups, next departure after the return) and moves the DEPARTED /
  RETURNED status event with the date; the person's status is then recomputed from the events.
  ``expected_version`` / ``version`` is the version the form loaded: a stale save is refused.
- Deleting a departure or a return is a soft delete (``deleted_at``) of the record, of what
  belongs to it (loan, supports, return, follow-ups) and of the status events it produced; the
  person's status is then recomputed from the remaining events. :func:`departure_impact` and
  :func:`return_impact` name what goes with it, for the confirmation.

Refusals raise :class:`~.errors.Refused`, wrong input :class:`~.errors.ValidationFailed`, a
record that is gone :class:`~.errors.NotFound` — all with a Vietnamese ``message``, nothing
written. Results are plain frozen dataclasses.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col

from ..domain.enums import (
    DepartureForm,
    EmploymentAfterReturn,
    LoanSource,
    OutreachGroup,
    PersonStatus,
    Programme,
    ReturnReason,
    ReturnTiming,
    ReviewClassification,
    StatusAbroad,
    SupportKind,
    SupportNeed,
)
from ..domain.models import (
    CREATED_NOTE,
    Departure,
    DepartureSupport,
    FollowUpSupportNeed,
    Loan,
    Market,
    Person,
    PlacementCompany,
    ReturnFollowUp,
    StatusEvent,
    WorkerReturn,
    YearlyReview,
    utcnow,
)
from ..domain.numbers import group_digits
from ..domain.text import clean_text, fold
from ..domain.validation import (
    WORKING_AGE_MAX,
    WORKING_AGE_MIN,
    Issue,
    Severity,
    check_departure_age,
    check_deposit,
    check_orientation_certificate,
    expected_end_date,
    format_date,
    format_money,
)
from ..store.session import read_session, write_session
from . import access
from .access import Permission
from .errors import Refused, ValidationFailed, live_or_not_found
from .reference import market_name
from .settings import own_unit_code

__all__ = [
    "CONFLICT_MESSAGE",
    "ON_TIME_TOLERANCE_DAYS",
    "RESIDENCE_NOTICE_DAYS",
    "ActionResult",
    "CompanyInfo",
    "DeletionImpact",
    "DepartureInfo",
    "DepartureInput",
    "DepartureRef",
    "DepartureResult",
    "LifecycleAction",
    "LoanInput",
    "ReturnInfo",
    "ReturnResult",
    "ReviewInfo",
    "allowed_actions",
    "check_restored_departure",
    "check_restored_return",
    "compute_timing",
    "delete_departure",
    "delete_follow_up",
    "delete_return",
    "departure_impact",
    "get_departure",
    "get_return",
    "get_review",
    "list_companies",
    "mark_died",
    "mark_missing",
    "preview_departure",
    "programmes_for_market",
    "recompute_status",
    "record_departure",
    "record_follow_up",
    "record_return",
    "record_review",
    "register",
    "return_impact",
    "set_status_abroad",
    "start_training",
    "status_of",
    "update_departure",
    "update_return",
    "withdraw",
]

#: a return within this many days of the expected contract end counts as on time
ON_TIME_TOLERANCE_DAYS = 30
#: residence must be notified within 15 days of the return (Law 69/2020/QH14, Art. 6.2.g)
RESIDENCE_NOTICE_DAYS = 15
#: the longest contract term the form accepts (months)
MAX_CONTRACT_MONTHS = 120
#: what a stale save (optimistic locking) tells the user
CONFLICT_MESSAGE = "Hồ sơ vừa được người khác sửa. Hãy đóng cửa sổ, mở lại hồ sơ để xem bản mới nhất rồi làm lại."

_S = PersonStatus


class LifecycleAction(enum.Enum):
    """What can be done next on a person (the person page enables its buttons from these)."""

    REVIEW = "review"
    REGISTER = "register"
    START_TRAINING = "start_training"
    WITHDRAW = "withdraw"
    DEPARTURE = "departure"
    STATUS_ABROAD = "status_abroad"
    RETURN = "return"
    FOLLOW_UP = "follow_up"
    MARK_DIED = "mark_died"
    MARK_MISSING = "mark_missing"


# From which statuses each simple status change is possible.
_REGISTER_FROM = frozenset({_S.CANDIDATE, _S.RETURNED, _S.WITHDRAWN})
_TRAINING_FROM = frozenset({_S.CANDIDATE, _S.REGISTERED, _S.RETURNED, _S.WITHDRAWN})
_WITHDRAW_FROM = frozenset({_S.CANDIDATE, _S.REGISTERED, _S.TRAINING})
_NO_DEPARTURE = frozenset({_S.DIED, _S.MISSING, _S.WITHDRAWN})

#: Programmes that belong to one market; the rest (seasonal, local cooperation, other) fit many.
_PROGRAMME_MARKET: dict[Programme, str] = {
    Programme.JP_TECHNICAL_INTERN: "JP",
    Programme.JP_SPECIFIED_SKILLED: "JP",
    Programme.KR_EPS: "KR",
    Programme.TAIWAN: "TW",
}
#: Markets of local cooperation across a land border (e.g. Sùng Tả, China).
_BORDER_MARKETS = frozenset({"CN", "LA", "KH"})


def programmes_for_market(market_code: str | None) -> list[Programme]:
    """The programmes that make sense for a market, most likely first (for the form's list)."""
    code = (market_code or "").upper()
    own = [p for p, m in _PROGRAMME_MARKET.items() if m == code]
    if code == "KR":
        own.append(Programme.SEASONAL)
    elif code in _BORDER_MARKETS:
        own += [Programme.LOCAL_COOPERATION, Programme.SEASONAL]
    elif code not in ("JP", "TW"):
        own += [Programme.SEASONAL, Programme.LOCAL_COOPERATION]
    return [*own, Programme.OTHER]


# --------------------------------------------------------------------------- inputs and results


@dataclass(frozen=True)
class LoanInput:
    """Vay vốn — a loan taken for the departure."""

    source: LoanSource
    amount: int
    disbursed_on: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", LoanSource(self.source))


@dataclass(frozen=True)
class DepartureInput:
    """What the departure form gives. The company is an existing id, or a name (+ licence).

    A company given by name is reused when one with the same folded name exists (its licence
    filled in if it had none), otherwise created.
    """

    market_code: str
    departed_on: date
    form: DepartureForm = DepartureForm.LICENSED_COMPANY
    programme: Programme = Programme.OTHER
    company_id: int | None = None
    company_name: str = ""
    company_licence: str = ""
    occupation: str = ""
    employer: str = ""
    contract_months: int | None = None
    orientation_cert_on: date | None = None
    monthly_salary: int | None = None
    deposit: int | None = None
    cost_paid: int | None = None
    is_legal: bool = True
    notes: str = ""
    loan: LoanInput | None = None
    supports: Sequence[tuple[SupportKind, int]] = ()

    def __post_init__(self) -> None:
        # Callers (forms, imports) may hand the enums over as their stored strings.
        object.__setattr__(self, "form", DepartureForm(self.form))
        object.__setattr__(self, "programme", Programme(self.programme))
        object.__setattr__(self, "supports", tuple((SupportKind(kind), amount) for kind, amount in self.supports))


@dataclass(frozen=True)
class ActionResult:
    """What an action wrote: the record's id, and warnings the officer should read."""

    record_id: int
    warnings: tuple[str, ...] = ()
    created: bool = True


@dataclass(frozen=True)
class DepartureResult:
    """A departure saved (or, from :func:`preview_departure`, checked): id 0 when not saved."""

    departure_id: int
    expected_end_on: date | None
    company_id: int | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReturnResult:
    """A return saved, with the timing used (given or computed)."""

    return_id: int
    timing: ReturnTiming
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewInfo:
    """A yearly review as the form shows it."""

    id: int
    version: int
    year: int
    reviewed_on: date | None
    classification: ReviewClassification
    outreach_group: OutreachGroup | None
    wished_market_code: str | None
    counselled: bool
    notes: str


@dataclass(frozen=True)
class CompanyInfo:
    """Doanh nghiệp dịch vụ — for the form's completer."""

    id: int
    name: str
    licence_number: str


@dataclass(frozen=True)
class DeletionImpact:
    """What deleting a record takes with it, named for the confirmation question."""

    record_id: int
    version: int
    description: str
    items: tuple[str, ...] = field(default=())

    @property
    def message(self) -> str:
        """One Vietnamese paragraph: what is deleted and what goes with it."""
        if not self.items:
            return f"{self.description}."
        return f"{self.description}, cùng với: " + "; ".join(self.items) + "."


# --------------------------------------------------------------------------- helpers


@contextmanager
def _action(engine: Engine) -> Iterator[Session]:
    """A write session whose stale saves (optimistic locking) become a clear refusal."""
    try:
        with write_session(engine) as session:
            yield session
    except StaleDataError as error:
        raise Refused(CONFLICT_MESSAGE) from error


def _today(today: date | None) -> date:
    return today or date.today()


def _person(session: Session, person_id: int) -> Person:
    return live_or_not_found(session, Person, person_id, "Không tìm thấy hồ sơ người lao động này (có thể vừa bị xóa).")


def _departure(session: Session, departure_id: int) -> Departure:
    return live_or_not_found(
        session, Departure, departure_id, "Không tìm thấy chuyến xuất cảnh này (có thể vừa bị xóa)."
    )


def _return(session: Session, return_id: int) -> WorkerReturn:
    return live_or_not_found(session, WorkerReturn, return_id, "Không tìm thấy lượt về nước này (có thể vừa bị xóa).")


def _check_version(record_version: int, expected: int | None) -> None:
    if expected is not None and expected != record_version:
        raise Refused(CONFLICT_MESSAGE)


def _not_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise Refused(f"{what} ({format_date(on)}) không được sau ngày hôm nay ({format_date(today)}).")


def _not_before_birth(person: Person, on: date, what: str) -> None:
    if person.date_of_birth is not None and on < person.date_of_birth:
        raise Refused(f"{what} ({format_date(on)}) không được trước ngày sinh ({format_date(person.date_of_birth)}).")


def _open_departure(session: Session, person_id: int) -> Departure | None:
    """The person's departure without a return (the latest, if the data holds several)."""
    returned = select(WorkerReturn.departure_id).where(WorkerReturn.deleted_at.is_(None))  # type: ignore[union-attr]
    return session.scalars(
        select(Departure)
        .where(
            Departure.person_id == person_id,
            Departure.deleted_at.is_(None),  # type: ignore[union-attr]
            Departure.id.not_in(returned),  # type: ignore[union-attr]
        )
        .order_by(Departure.departed_on.desc(), Departure.id.desc())  # type: ignore[attr-defined, union-attr]
        .limit(1)
    ).first()


def _live_return_of(session: Session, departure_id: int) -> WorkerReturn | None:
    return session.scalars(
        select(WorkerReturn).where(
            WorkerReturn.departure_id == departure_id,
            WorkerReturn.deleted_at.is_(None),  # type: ignore[union-attr]
        )
    ).first()


def _change_status(
    session: Session, person: Person, status: PersonStatus, on: date, unit_code: str | None, note: str = ""
) -> StatusEvent:
    """Append the status event; the person's status is then what the events say (:func:`recompute_status`)."""
    event = StatusEvent(
        person_id=person.id or 0, status=status, happened_on=on, note=clean_text(note), unit_code=unit_code
    )
    session.add(event)
    recompute_status(session, person)
    return event


def status_of(events: Sequence[StatusEvent]) -> tuple[PersonStatus, date | None]:
    """The status that a person's live *events* give (see the module doc); a candidate without events.

    - A death is never overwritten: with a death among the events, the person is dead (since it).
    - Otherwise *the latest event wins*, by date then by the order of recording.
    - The event of the record's creation ("Tạo hồ sơ", dated the day the record was typed in, see
      :func:`~.person_records.create_person`) counts only while no other event is there: a worker
      who left in 2024, typed in today, is "departed" once that departure is recorded — the creation
      says where the record started, not when the person got there.
    """
    if not events:
        return _S.CANDIDATE, None
    died = [e for e in events if e.status is _S.DIED]
    if died:
        return _S.DIED, min(e.happened_on for e in died)
    real = [e for e in events if e.note != CREATED_NOTE] or list(events)
    latest = max(real, key=lambda e: (e.happened_on, e.id or 0))
    return latest.status, latest.happened_on


def recompute_status(session: Session, person: Person) -> None:
    """Set ``Person.status`` / ``status_since`` from the person's live status events (:func:`status_of`)."""
    session.flush()
    events = session.scalars(
        select(StatusEvent).where(StatusEvent.person_id == person.id, StatusEvent.deleted_at.is_(None))  # type: ignore[union-attr]
    ).all()
    found = status_of(events)
    if (person.status, person.status_since) != found:
        person.status, person.status_since = found
        session.add(person)


def _departure_label(session: Session, departure: Departure) -> str:
    market = market_name(departure.market_code)
    return f"chuyến xuất cảnh ngày {format_date(departure.departed_on)} đi {market}"


def allowed_actions(status: PersonStatus, *, has_open_departure: bool, has_return: bool) -> frozenset[LifecycleAction]:
    """The actions possible for a person in *status* (the rules the actions themselves enforce)."""
    actions: set[LifecycleAction] = set() if status is _S.DIED else {LifecycleAction.REVIEW}
    if status in _REGISTER_FROM:
        actions.add(LifecycleAction.REGISTER)
    if status in _TRAINING_FROM:
        actions.add(LifecycleAction.START_TRAINING)
    if status in _WITHDRAW_FROM:
        actions.add(LifecycleAction.WITHDRAW)
    if status not in _NO_DEPARTURE and not has_open_departure:
        actions.add(LifecycleAction.DEPARTURE)
    if has_open_departure and status is not _S.DIED:
        actions.add(LifecycleAction.STATUS_ABROAD)
    if has_open_departure:
        actions.add(LifecycleAction.RETURN)
    if has_return and status is not _S.DIED:
        actions.add(LifecycleAction.FOLLOW_UP)
    if status is not _S.DIED:
        actions.add(LifecycleAction.MARK_DIED)
    if status not in (_S.DIED, _S.MISSING):
        actions.add(LifecycleAction.MARK_MISSING)
    return frozenset(actions)


# --------------------------------------------------------------------------- yearly review


def get_review(engine: Engine, *, person_id: int, year: int) -> ReviewInfo | None:
    """The person's review of *year*, if any (the form loads it to edit)."""
    access.require_person(engine, person_id)
    with read_session(engine) as session:
        review = session.scalars(
            select(YearlyReview).where(
                YearlyReview.person_id == person_id,
                YearlyReview.year == year,
                YearlyReview.deleted_at.is_(None),  # type: ignore[union-attr]
            )
        ).first()
        if review is None:
            return None
        return ReviewInfo(
            id=review.id or 0,
            version=review.version,
            year=review.year,
            reviewed_on=review.reviewed_on,
            classification=review.classification,
            outreach_group=review.outreach_group,
            wished_market_code=review.wished_market_code,
            counselled=review.counselled,
            notes=review.notes,
        )


def _check_review_dates(year: int, reviewed_on: date | None, day: date) -> None:
    """A review's year (2000 to this year) and date (not in the future, in or next to the year)."""
    if not 2000 <= year <= day.year:
        raise ValidationFailed(
            [Issue("year", f"Năm rà soát phải từ 2000 đến {day.year} (năm đã nhập: {year})", Severity.ERROR)]
        )
    if reviewed_on is not None:
        if reviewed_on > day:
            raise ValidationFailed([Issue("reviewed_on", "Ngày rà soát không được ở tương lai", Severity.ERROR)])
        if abs(reviewed_on.year - year) > 1:
            message = f"Ngày rà soát {format_date(reviewed_on)} không thuộc năm {year}"
            raise ValidationFailed([Issue("reviewed_on", message, Severity.ERROR)])


def _wished_market(session: Session, classification: ReviewClassification, code: str | None) -> str | None:
    """The wished market of a review: kept only for "wants to go", and a market the list has."""
    market = clean_text(code).upper() or None
    if classification is not ReviewClassification.WANTS_TO_GO:
        return None
    if market is not None and session.get(Market, market) is None:
        raise ValidationFailed([Issue("wished_market_code", f"Không có thị trường mã “{market}”", Severity.ERROR)])
    return market


@dataclass(frozen=True)
class ReviewsResult:
    """What :func:`record_reviews` wrote: new reviews, people who had one already, people skipped."""

    year: int
    recorded: int
    kept: int
    skipped: int

    @property
    def text(self) -> str:
        parts = [f"Đã ghi rà soát năm {self.year} cho {group_digits(self.recorded)} người"]
        if self.kept:
            parts.append(f"{group_digits(self.kept)} người đã có phiếu rà soát năm {self.year}, giữ nguyên")
        if self.skipped:
            parts.append(f"{group_digits(self.skipped)} người đã chết hoặc đã bị xóa, bỏ qua")
        return "; ".join(parts) + "."


def record_reviews(
    engine: Engine,
    *,
    person_ids: Sequence[int],
    year: int,
    classification: ReviewClassification,
    wished_market_code: str | None = None,
    reviewed_on: date | None = None,
    counselled: bool = False,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReviewsResult:
    """Rà soát nhiều người — the same yearly review for many people at once, in one transaction.

    For the people without a review of *year*: one is written as :func:`record_review` would
    (the wished market, for "wants to go": a group counselled about one programme). A review already recorded for that
    year is kept as it is; a person who died or was deleted is skipped. *progress* is called
    with (people done, people) every 500 (≈ 0.15 s; 5,000 people take 1.4 s at 200,000).
    """
    access.require(engine, Permission.RECORDS_WRITE)
    day = _today(today)
    classification = ReviewClassification(classification)
    _check_review_dates(year, reviewed_on, day)
    unit_code = own_unit_code(engine)
    wanted = sorted(set(person_ids))
    recorded = kept = 0
    with _action(engine) as session:
        market = _wished_market(session, classification, wished_market_code)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            people = {
                p.id: p
                for p in session.scalars(
                    select(Person).where(col(Person.id).in_(chunk), col(Person.deleted_at).is_(None))
                )
            }
            reviews = {
                r.person_id: r
                for r in session.scalars(
                    select(YearlyReview).where(col(YearlyReview.person_id).in_(chunk), YearlyReview.year == year)
                )
            }
            for person_id in chunk:
                person = people.get(person_id)
                if person is None or person.status is _S.DIED:
                    continue
                review = reviews.get(person_id)
                if review is not None and review.deleted_at is None:
                    kept += 1
                    continue
                if review is None:
                    review = YearlyReview(person_id=person_id, year=year, classification=classification)
                review.deleted_at = None
                review.unit_code = unit_code
                review.classification = classification
                review.outreach_group = person.outreach_group
                review.wished_market_code = market
                review.counselled = counselled
                review.reviewed_on = reviewed_on
                review.notes = ""
                session.add(review)
                recorded += 1
            if progress is not None:
                progress(start + len(chunk), len(wanted))
    return ReviewsResult(year, recorded, kept, len(wanted) - recorded - kept)


def record_review(
    engine: Engine,
    *,
    person_id: int,
    year: int,
    classification: ReviewClassification,
    outreach_group: OutreachGroup | None = None,
    wished_market_code: str | None = None,
    counselled: bool = False,
    reviewed_on: date | None = None,
    notes: str = "",
    expected_version: int | None = None,
    today: date | None = None,
) -> ActionResult:
    """Rà soát — record (or update: one per person per year) the person's yearly review.

    ``created`` in the result is false when an existing review of *year* was updated. A wished
    market is kept only for "wants to go". The person's outreach group is filled from the review
    when the person had none. Warns when the person is outside working age (15–60) that year.
    """
    access.require(engine, Permission.RECORDS_WRITE)
    day = _today(today)
    classification = ReviewClassification(classification)
    outreach_group = OutreachGroup(outreach_group) if outreach_group else None
    _check_review_dates(year, reviewed_on, day)
    unit_code = own_unit_code(engine)
    with _action(engine) as session:
        person = _person(session, person_id)
        if person.status is _S.DIED:
            raise Refused("Không thể rà soát: người này đã chết.")
        market = _wished_market(session, classification, wished_market_code)
        warnings: list[str] = []
        if person.date_of_birth is not None:
            age = year - person.date_of_birth.year
            if not WORKING_AGE_MIN <= age <= WORKING_AGE_MAX:
                warnings.append(
                    f"Năm {year} người này khoảng {age} tuổi, "
                    f"ngoài độ tuổi lao động {WORKING_AGE_MIN}–{WORKING_AGE_MAX}"
                )
        review = session.scalars(
            select(YearlyReview).where(YearlyReview.person_id == person_id, YearlyReview.year == year)
        ).first()
        created = review is None or review.deleted_at is not None
        if review is None:
            review = YearlyReview(person_id=person_id, year=year, classification=classification, unit_code=unit_code)
        else:
            if review.deleted_at is None:
                _check_version(review.version, expected_version)
            review.deleted_at = None
        review.classification = classification
        review.outreach_group = outreach_group
        review.wished_market_code = market
        review.counselled = counselled
        review.reviewed_on = reviewed_on
        review.notes = clean_text(notes)
        session.add(review)
        if person.outreach_group is None and outreach_group is not None:
            person.outreach_group = outreach_group
            session.add(person)
        session.flush()
        return ActionResult(review.id or 0, tuple(warnings), created)


# --------------------------------------------------------------------------- simple status changes


def _simple_change(
    engine: Engine,
    *,
    person_id: int,
    on: date,
    status: PersonStatus,
    allowed: frozenset[PersonStatus] | None,
    what: str,
    note: str = "",
    today: date | None,
) -> ActionResult:
    day = _today(today)
    unit_code = own_unit_code(engine)
    with _action(engine) as session:
        person = _person(session, person_id)
        if allowed is not None and person.status not in allowed:
            hint = " — hãy ghi nhận về nước trước" if person.status in (_S.DEPARTED, _S.WORKING_ABROAD) else ""
            raise Refused(f"Không thể ghi nhận {what}: người này đang ở trạng thái “{person.status.label()}”{hint}.")
        if person.status is status:
            raise Refused(f"Người này đã ở trạng thái “{status.label()}”.")
        _not_future(on, day, f"Ngày {what}")
        _not_before_birth(person, on, f"Ngày {what}")
        if status is _S.DIED:
            _check_nothing_after_death(session, person, on)
        event = _change_status(session, person, status, on, unit_code, note)
        session.flush()
        return ActionResult(event.id or 0)


def _check_nothing_after_death(session: Session, person: Person, on: date) -> None:
    """A death cannot be dated before what the person did afterwards (a departure, a registration…);
    a return for death may follow it (:func:`_check_alive_at_return`)."""
    after = session.scalars(
        select(StatusEvent)
        .where(
            StatusEvent.person_id == person.id,
            StatusEvent.deleted_at.is_(None),  # type: ignore[union-attr]
            StatusEvent.happened_on > on,
            StatusEvent.note != CREATED_NOTE,
        )
        .order_by(StatusEvent.happened_on.desc())  # type: ignore[attr-defined]
        .limit(1)
    ).first()
    if after is not None:
        raise Refused(
            f"Ngày qua đời ({format_date(on)}) không được trước diễn biến đã ghi ngày "
            f"{format_date(after.happened_on)} (“{after.status.label()}”). Hãy kiểm tra lại ngày."
        )


def register(engine: Engine, *, person_id: int, on: date, note: str = "", today: date | None = None) -> ActionResult:
    """Đăng ký — the person registers to work abroad (from candidate, returned or withdrawn)."""
    access.require(engine, Permission.RECORDS_WRITE)
    return _simple_change(
        engine,
        person_id=person_id,
        on=on,
        status=_S.REGISTERED,
        allowed=_REGISTER_FROM,
        what="đăng ký",
        note=note,
        today=today,
    )


def start_training(
    engine: Engine, *, person_id: int, on: date, note: str = "", today: date | None = None
) -> ActionResult:
    """Đào tạo — the person starts language, trade or orientation training before departure."""
    access.require(engine, Permission.RECORDS_WRITE)
    return _simple_change(
        engine,
        person_id=person_id,
        on=on,
        status=_S.TRAINING,
        allowed=_TRAINING_FROM,
        what="bắt đầu đào tạo",
        note=note,
        today=today,
    )


def withdraw(engine: Engine, *, person_id: int, on: date, note: str, today: date | None = None) -> ActionResult:
    """Rút hồ sơ — the person gives up before departure; *note* (the reason) is required."""
    access.require(engine, Permission.RECORDS_WRITE)
    if not clean_text(note):
        raise ValidationFailed([Issue("note", "Hãy ghi lý do rút hồ sơ", Severity.ERROR)])
    return _simple_change(
        engine,
        person_id=person_id,
        on=on,
        status=_S.WITHDRAWN,
        allowed=_WITHDRAW_FROM,
        what="rút hồ sơ",
        note=note,
        today=today,
    )


def mark_died(engine: Engine, *, person_id: int, on: date, note: str = "", today: date | None = None) -> ActionResult:
    """Đã chết — record the person's death (at home or abroad)."""
    access.require(engine, Permission.RECORDS_WRITE)
    return _simple_change(
        engine, person_id=person_id, on=on, status=_S.DIED, allowed=None, what="qua đời", note=note, today=today
    )


def mark_missing(
    engine: Engine, *, person_id: int, on: date, note: str = "", today: date | None = None
) -> ActionResult:
    """Mất tích — the person cannot be reached (usually abroad). Not possible after a death."""
    access.require(engine, Permission.RECORDS_WRITE)
    allowed = frozenset(set(PersonStatus) - {_S.DIED, _S.MISSING})
    return _simple_change(
        engine, person_id=person_id, on=on, status=_S.MISSING, allowed=allowed, what="mất tích", note=note, today=today
    )


# --------------------------------------------------------------------------- departures


def list_companies(engine: Engine) -> list[CompanyInfo]:
    """Placement companies known to the database, by name (for the form's completer)."""
    access.require(engine, Permission.RECORDS_READ)
    with read_session(engine) as session:
        rows = session.execute(
            select(PlacementCompany.id, PlacementCompany.name, PlacementCompany.licence_number)
            .where(PlacementCompany.deleted_at.is_(None))  # type: ignore[union-attr]
            .order_by(PlacementCompany.name_key, PlacementCompany.id)
        ).all()
        return [CompanyInfo(row.id, row.name, row.licence_number) for row in rows]


def _validate_departure(session: Session, data: DepartureInput, today: date) -> tuple[Market | None, list[Issue]]:
    issues: list[Issue] = []

    def error(field_name: str, message: str) -> None:
        issues.append(Issue(field_name, message, Severity.ERROR))

    code = clean_text(data.market_code).upper()
    market = session.get(Market, code) if code else None
    if not code:
        error("market_code", "Hãy chọn thị trường")
    elif market is None:
        error("market_code", f"Không có thị trường mã “{code}”")
    expected = _PROGRAMME_MARKET.get(data.programme)
    if market is not None and expected is not None and expected != market.code:
        error(
            "programme",
            f"Chương trình “{data.programme.label()}” không thuộc thị trường {market.name_vi}",
        )
    if data.contract_months is not None and not 1 <= data.contract_months <= MAX_CONTRACT_MONTHS:
        error("contract_months", f"Thời hạn hợp đồng phải từ 1 đến {MAX_CONTRACT_MONTHS} tháng")
    for name, label, amount in (
        ("monthly_salary", "Lương tháng", data.monthly_salary),
        ("deposit", "Tiền ký quỹ", data.deposit),
        ("cost_paid", "Chi phí đã nộp", data.cost_paid),
    ):
        if amount is not None and amount < 0:
            error(name, f"{label} không được âm")
    if data.company_id is None and len(clean_text(data.company_name)) > 200:
        error("company_name", "Tên doanh nghiệp quá dài (tối đa 200 ký tự)")
    if len(clean_text(data.company_licence)) > 60:
        error("company_licence", "Số giấy phép quá dài (tối đa 60 ký tự)")
    if data.loan is not None:
        if data.loan.amount <= 0:
            error("loan_amount", "Số tiền vay phải lớn hơn 0")
        if data.loan.disbursed_on is not None and data.loan.disbursed_on > today:
            error("loan_disbursed_on", "Ngày giải ngân không được ở tương lai")
    seen: set[SupportKind] = set()
    for kind, amount in data.supports:
        if kind in seen:
            error("supports", f"Khoản hỗ trợ “{kind.label()}” được nhập hai lần")
        seen.add(kind)
        if amount < 0:
            error("supports", f"Số tiền hỗ trợ “{kind.label()}” không được âm")
    return market, issues


def _evaluate_departure(
    session: Session, person: Person, data: DepartureInput, today: date, editing: Departure | None = None
) -> tuple[Market, date | None, list[str]]:
    """Check a departure for *person*: raises Refused / ValidationFailed, returns the warnings.

    *editing*: the departure being corrected (it is not counted as "another" departure, and its
    new date must keep its registration, status abroad and return in order).
    """
    market, issues = _validate_departure(session, data, today)
    if any(i.severity is Severity.ERROR for i in issues):
        raise ValidationFailed(issues)
    assert market is not None
    on = data.departed_on
    if editing is None and person.status in _NO_DEPARTURE:
        hint = " Hãy ghi nhận đăng ký lại trước." if person.status is _S.WITHDRAWN else ""
        raise Refused(f"Không thể ghi nhận xuất cảnh: người này đang ở trạng thái “{person.status.label()}”.{hint}")
    if on > today:
        raise Refused(f"Ngày xuất cảnh {format_date(on)} ở tương lai. Chỉ ghi nhận xuất cảnh khi người lao động đã đi.")
    warnings: list[str] = []
    if person.date_of_birth is None:
        warnings.append("Hồ sơ chưa có ngày sinh nên chưa kiểm tra được người lao động đã đủ 18 tuổi")
    else:
        age = check_departure_age(person.date_of_birth, on, precision=person.birth_precision)
        if age.errors:
            raise Refused(age.errors[0] + ".")
        warnings += age.warnings
    own_id = editing.id if editing is not None else None
    if editing is not None:
        _check_departure_edit(session, person, editing, on)
    open_one = _open_departure(session, person.id or 0)
    if open_one is not None and open_one.id != own_id:
        raise Refused(
            f"Người này còn {_departure_label(session, open_one)} chưa ghi nhận về nước. "
            "Hãy ghi nhận về nước cho chuyến đó trước khi ghi chuyến mới."
        )
    earlier = session.scalars(
        select(Departure)
        .join(WorkerReturn, WorkerReturn.departure_id == Departure.id)
        .where(
            Departure.person_id == person.id,
            Departure.deleted_at.is_(None),  # type: ignore[union-attr]
            WorkerReturn.deleted_at.is_(None),  # type: ignore[union-attr]
            Departure.departed_on <= on,
            WorkerReturn.returned_on > on,
            Departure.id != (own_id or 0),
        )
    ).first()
    if earlier is not None:
        back = _live_return_of(session, earlier.id or 0)
        assert back is not None
        raise Refused(
            f"Ngày xuất cảnh {format_date(on)} nằm trong {_departure_label(session, earlier)} "
            f"(về nước ngày {format_date(back.returned_on)})."
        )
    warnings += check_deposit(data.deposit, market.code, cap=market.deposit_cap).warnings
    warnings += check_orientation_certificate(data.orientation_cert_on, on).warnings
    if data.form in (DepartureForm.LICENSED_COMPANY, DepartureForm.INTERNSHIP) and not (
        data.company_id or clean_text(data.company_name)
    ):
        warnings.append("Chưa ghi doanh nghiệp dịch vụ đưa người lao động đi")
    end = expected_end_date(on, data.contract_months) if data.contract_months else None
    return market, end, warnings


def preview_departure(
    engine: Engine,
    *,
    person_id: int,
    data: DepartureInput,
    today: date | None = None,
    departure_id: int | None = None,
) -> DepartureResult:
    """Check a departure without saving it: raises what :func:`record_departure` would raise,
    returns the warnings (deposit above the cap, old orientation certificate…) to confirm first.
    With *departure_id*, checks a correction of that departure (:func:`update_departure`).
    """
    access.require(engine, Permission.RECORDS_WRITE)
    with read_session(engine) as session:
        person = _person(session, person_id)
        editing = _departure(session, departure_id) if departure_id is not None else None
        _market, end, warnings = _evaluate_departure(session, person, data, _today(today), editing)
        return DepartureResult(departure_id or 0, end, data.company_id, tuple(warnings))


def _company(session: Session, data: DepartureInput, unit_code: str | None) -> int | None:
    if data.company_id is not None:
        return live_or_not_found(
            session, PlacementCompany, data.company_id, "Không tìm thấy doanh nghiệp đã chọn (có thể vừa bị xóa)."
        ).id
    name = clean_text(data.company_name)
    if not name:
        return None
    licence = clean_text(data.company_licence)
    company = session.scalars(
        select(PlacementCompany)
        .where(PlacementCompany.name_key == fold(name), PlacementCompany.deleted_at.is_(None))  # type: ignore[union-attr]
        .order_by(PlacementCompany.id)
    ).first()
    if company is None:
        company = PlacementCompany(name=name, name_key=fold(name), licence_number=licence, unit_code=unit_code)
        session.add(company)
        session.flush()
    elif licence and not company.licence_number:
        company.licence_number = licence
        session.add(company)
    return company.id


def record_departure(
    engine: Engine, *, person_id: int, data: DepartureInput, today: date | None = None
) -> DepartureResult:
    """Xuất cảnh — record a departure with its loan and supports; the person becomes DEPARTED.

    Refused (nothing written): under 18 at departure, a departure still open (no return), a date
    inside an earlier departure, a date in the future, a person dead, missing or withdrawn.
    Warnings (returned; the departure is saved): deposit above the market's cap, orientation
    certificate older than 24 months at departure, birth date unknown or year-only.
    """
    access.require(engine, Permission.RECORDS_WRITE)
    day = _today(today)
    unit_code = own_unit_code(engine)
    with _action(engine) as session:
        person = _person(session, person_id)
        market, end, warnings = _evaluate_departure(session, person, data, day)
        company_id = _company(session, data, unit_code)
        departure = Departure(
            person_id=person_id,
            form=data.form,
            programme=data.programme,
            market_code=market.code,
            company_id=company_id,
            occupation=clean_text(data.occupation),
            employer=clean_text(data.employer),
            contract_months=data.contract_months,
            departed_on=data.departed_on,
            expected_end_on=end,
            orientation_cert_on=data.orientation_cert_on,
            monthly_salary=data.monthly_salary,
            deposit=data.deposit,
            cost_paid=data.cost_paid,
            is_legal=data.is_legal,
            status_abroad=StatusAbroad.WORKING,
            status_abroad_on=None,
            notes=clean_text(data.notes),
            unit_code=unit_code,
        )
        session.add(departure)
        session.flush()
        if data.loan is not None:
            session.add(
                Loan(
                    departure_id=departure.id or 0,
                    source=data.loan.source,
                    amount=data.loan.amount,
                    disbursed_on=data.loan.disbursed_on,
                    unit_code=unit_code,
                )
            )
        for kind, amount in data.supports:
            session.add(DepartureSupport(departure_id=departure.id or 0, kind=kind, amount=amount, unit_code=unit_code))
        _change_status(session, person, _S.DEPARTED, data.departed_on, unit_code)
        session.flush()
        return DepartureResult(departure.id or 0, end, company_id, tuple(warnings))


# --------------------------------------------------------------------------- correcting a departure


@dataclass(frozen=True)
class DepartureInfo:
    """A recorded departure as its form shows it for correction (``data`` is what the form holds)."""

    id: int
    version: int
    person_id: int
    data: DepartureInput
    expected_end_on: date | None
    returned_on: date | None


def _follow_event(session: Session, person: Person, status: PersonStatus, old: date, new: date) -> None:
    """Move the person's *status* event dated *old* (the record's own event) to *new*."""
    if old == new:
        return
    for event in session.scalars(
        select(StatusEvent).where(
            StatusEvent.person_id == person.id,
            StatusEvent.status == status,
            StatusEvent.happened_on == old,
            StatusEvent.deleted_at.is_(None),  # type: ignore[union-attr]
        )
    ):
        event.happened_on = new
        session.add(event)
    recompute_status(session, person)


def _check_departure_edit(session: Session, person: Person, departure: Departure, on: date) -> None:
    """A corrected departure date must stay after the trip's registration and before its status
    abroad, its return and the person's next departure."""
    if departure.status_abroad_on is not None and on > departure.status_abroad_on:
        raise Refused(
            f"Ngày xuất cảnh ({format_date(on)}) không được sau ngày ghi nhận tình trạng ở nước ngoài "
            f"({format_date(departure.status_abroad_on)})."
        )
    back = _live_return_of(session, departure.id or 0)
    if back is not None and on > back.returned_on:
        raise Refused(
            f"Ngày xuất cảnh ({format_date(on)}) không được sau ngày về nước ({format_date(back.returned_on)})."
        )
    later = session.scalars(
        select(Departure)
        .where(
            Departure.person_id == person.id,
            Departure.deleted_at.is_(None),  # type: ignore[union-attr]
            Departure.id != departure.id,
            Departure.departed_on >= min(on, departure.departed_on),
            Departure.departed_on <= max(on, departure.departed_on),
        )
        .limit(1)
    ).first()
    if later is not None:
        raise Refused(
            f"Ngày xuất cảnh ({format_date(on)}) không được vượt qua {_departure_label(session, later)}: "
            "mỗi chuyến chỉ bắt đầu sau khi chuyến trước đã về nước."
        )
    before = session.scalars(
        select(StatusEvent)
        .where(
            StatusEvent.person_id == person.id,
            StatusEvent.deleted_at.is_(None),  # type: ignore[union-attr]
            StatusEvent.status.in_({_S.REGISTERED, _S.TRAINING}),  # type: ignore[attr-defined]
            StatusEvent.happened_on <= departure.departed_on,
        )
        .order_by(StatusEvent.happened_on.desc())  # type: ignore[attr-defined]
        .limit(1)
    ).first()
    if before is not None and on < before.happened_on:
        what = "đăng ký" if before.status is _S.REGISTERED else "bắt đầu đào tạo"
        raise Refused(
            f"Ngày xuất cảnh ({format_date(on)}) không được trước ngày {what} ({format_date(before.happened_on)})."
        )


def get_departure(engine: Engine, departure_id: int) -> DepartureInfo:
    """A departure with its company, loan and supports, for the form that corrects it."""
    access.require(engine, Permission.RECORDS_READ)
    with read_session(engine) as session:
        departure = _departure(session, departure_id)
        access.require_person(session, departure.person_id)  # a club leader: only their club's people
        loans, supports, back, _follows = _departure_parts(session, departure_id)
        company = session.get(PlacementCompany, departure.company_id) if departure.company_id else None
        loan = loans[0] if loans else None
        data = DepartureInput(
            market_code=departure.market_code,
            departed_on=departure.departed_on,
            form=departure.form,
            programme=departure.programme,
            company_id=company.id if company is not None else None,
            company_name=company.name if company is not None else "",
            company_licence=company.licence_number if company is not None else "",
            occupation=departure.occupation,
            employer=departure.employer,
            contract_months=departure.contract_months,
            orientation_cert_on=departure.orientation_cert_on,
            monthly_salary=departure.monthly_salary,
            deposit=departure.deposit,
            cost_paid=departure.cost_paid,
            is_legal=departure.is_legal,
            notes=departure.notes,
            loan=LoanInput(loan.source, loan.amount, loan.disbursed_on) if loan is not None else None,
            supports=tuple((s.kind, s.amount) for s in supports),
        )
        return DepartureInfo(
            id=departure.id or 0,
            version=departure.version,
            person_id=departure.person_id,
            data=data,
            expected_end_on=departure.expected_end_on,
            returned_on=back.returned_on if back is not None else None,
        )


def _sync_money(session: Session, departure: Departure, data: DepartureInput, unit_code: str | None) -> None:
    """Make the departure's live loan and supports what *data* says (soft-deleting what went)."""
    loans, supports, _back, _follows = _departure_parts(session, departure.id or 0)
    now = utcnow()
    if data.loan is None:
        gone: list[Loan | DepartureSupport] = list(loans)
    else:
        loan = loans[0] if loans else Loan(departure_id=departure.id or 0, amount=0, unit_code=unit_code)
        loan.source = data.loan.source
        loan.amount = data.loan.amount
        loan.disbursed_on = data.loan.disbursed_on
        session.add(loan)
        gone = list(loans[1:])
    wanted = dict(data.supports)
    for support in supports:
        if support.kind in wanted:
            support.amount = wanted.pop(support.kind)
            session.add(support)
        else:
            gone.append(support)
    for kind, amount in wanted.items():
        session.add(DepartureSupport(departure_id=departure.id or 0, kind=kind, amount=amount, unit_code=unit_code))
    for record in gone:
        record.deleted_at = now
        session.add(record)


def update_departure(
    engine: Engine,
    departure_id: int,
    data: DepartureInput,
    *,
    expected_version: int | None,
    today: date | None = None,
) -> DepartureResult:
    """Correct a recorded departure (date, market, company, contract, job, money, loan, supports).

    The checks of :func:`record_departure` apply (age at departure, no date in the future, no
    overlap with another departure), and the date stays after the trip's registration and
    before its status abroad and its return. The DEPARTED status event moves with the date and
    the person's status is recomputed. *expected_version* is the version the form loaded:
    someone else's save in between is refused (:data:`CONFLICT_MESSAGE`).
    """
    access.require(engine, Permission.RECORDS_WRITE)
    day = _today(today)
    unit_code = own_unit_code(engine)
    with _action(engine) as session:
        departure = _departure(session, departure_id)
        _check_version(departure.version, expected_version)
        person = _person(session, departure.person_id)
        market, end, warnings = _evaluate_departure(session, person, data, day, departure)
        old_on = departure.departed_on
        departure.company_id = _company(session, data, unit_code)
        departure.form = data.form
        departure.programme = data.programme
        departure.market_code = market.code
        departure.occupation = clean_text(data.occupation)
        departure.employer = clean_text(data.employer)
        departure.contract_months = data.contract_months
        departure.departed_on = data.departed_on
        departure.expected_end_on = end
        departure.orientation_cert_on = data.orientation_cert_on
        departure.monthly_salary = data.monthly_salary
        departure.deposit = data.deposit
        departure.cost_paid = data.cost_paid
        departure.is_legal = data.is_legal
        departure.notes = clean_text(data.notes)
        departure.updated_at = utcnow()  # the version moves even when only the loan changed
        session.add(departure)
        _sync_money(session, departure, data, unit_code)
        _follow_event(session, person, _S.DEPARTED, old_on, data.departed_on)
        session.flush()
        return DepartureResult(departure.id or 0, end, departure.company_id, tuple(warnings))


def set_status_abroad(
    engine: Engine,
    *,
    departure_id: int,
    status: StatusAbroad,
    on: date,
    note: str = "",
    today: date | None = None,
) -> ActionResult:
    """Tình trạng ở nước ngoài — working (→ WORKING_ABROAD), changed employer (→ WORKING_ABROAD,
    the event noted "Chuyển chủ sử dụng") or absconded (→ ABSCONDED). Only on an open departure.
    """
    access.require(engine, Permission.RECORDS_WRITE)
    day = _today(today)
    status = StatusAbroad(status)
    unit_code = own_unit_code(engine)
    with _action(engine) as session:
        departure = _departure(session, departure_id)
        person = _person(session, departure.person_id)
        if _live_return_of(session, departure_id) is not None:
            raise Refused(f"Không thể ghi tình trạng ở nước ngoài: {_departure_label(session, departure)} đã về nước.")
        if person.status is _S.DIED:
            raise Refused("Không thể ghi tình trạng ở nước ngoài: người này đã chết.")
        _not_future(on, day, "Ngày ghi nhận tình trạng")
        if on < departure.departed_on:
            raise Refused(
                f"Ngày ghi nhận tình trạng ({format_date(on)}) không được trước ngày xuất cảnh "
                f"({format_date(departure.departed_on)})."
            )
        departure.status_abroad = status
        departure.status_abroad_on = on
        session.add(departure)
        person_status = _S.ABSCONDED if status is StatusAbroad.ABSCONDED else _S.WORKING_ABROAD
        text = clean_text(note)
        if status is StatusAbroad.CHANGED_EMPLOYER:
            text = f"{status.label()}: {text}" if text else status.label()
        event = _change_status(session, person, person_status, on, unit_code, text)
        session.flush()
        return ActionResult(event.id or 0)


# --------------------------------------------------------------------------- returns


def compute_timing(returned_on: date, expected_end_on: date | None, reason: ReturnReason) -> ReturnTiming:
    """Early / on time / late against the expected end, ±:data:`ON_TIME_TOLERANCE_DAYS` days.

    Without an expected end: on time when the contract ended, early for any other reason.
    """
    if expected_end_on is None:
        return ReturnTiming.ON_TIME if reason is ReturnReason.CONTRACT_ENDED else ReturnTiming.EARLY
    delta = (returned_on - expected_end_on).days
    if delta < -ON_TIME_TOLERANCE_DAYS:
        return ReturnTiming.EARLY
    if delta > ON_TIME_TOLERANCE_DAYS:
        return ReturnTiming.LATE
    return ReturnTiming.ON_TIME


def _residence_checks(returned_on: date, notified: bool, notified_on: date | None, day: date) -> tuple[bool, list[str]]:
    warnings: list[str] = []
    if notified_on is not None:
        notified = True
        if notified_on < returned_on:
            raise ValidationFailed(
                [Issue("residence_notified_on", "Ngày khai báo cư trú không được trước ngày về nước", Severity.ERROR)]
            )
        if notified_on > day:
            raise ValidationFailed(
                [Issue("residence_notified_on", "Ngày khai báo cư trú không được ở tương lai", Severity.ERROR)]
            )
        if (notified_on - returned_on).days > RESIDENCE_NOTICE_DAYS:
            warnings.append(
                f"Khai báo cư trú sau {(notified_on - returned_on).days} ngày "
                f"(luật quy định trong {RESIDENCE_NOTICE_DAYS} ngày kể từ ngày về nước)"
            )
    return notified, warnings


def _return_warnings(departure: Departure, returned_on: date, reason: ReturnReason, person: Person) -> list[str]:
    warnings: list[str] = []
    end = departure.expected_end_on
    if end is not None and reason is ReturnReason.CONTRACT_ENDED and (end - returned_on).days > ON_TIME_TOLERANCE_DAYS:
        warnings.append(
            f"Về trước ngày hết hạn dự kiến ({format_date(end)}) {(end - returned_on).days} ngày "
            "nhưng lý do ghi là hết hạn hợp đồng"
        )
    if reason is ReturnReason.DEATH_MISSING and person.status not in (_S.DIED, _S.MISSING):
        warnings.append(
            "Lý do về nước là chết hoặc mất tích: hãy ghi nhận thêm “Đã chết” hoặc “Mất tích” cho người này"
        )
    return warnings


def record_return(
    engine: Engine,
    *,
    departure_id: int,
    returned_on: date,
    reason: ReturnReason,
    timing: ReturnTiming | None = None,
    residence_notified: bool = False,
    residence_notified_on: date | None = None,
    notes: str = "",
    today: date | None = None,
) -> ReturnResult:
    """Về nước — the return that ends a departure; the person becomes RETURNED.

    Refused: a return before its departure, a second return for the same departure, a date in
    the future. *timing* is computed (:func:`compute_timing`) when not given. A notification
    date implies *residence_notified*. A return for death or missing leaves the status alone.
    """
    access.require(engine, Permission.RECORDS_WRITE)
    day = _today(today)
    reason = ReturnReason(reason)
    timing = ReturnTiming(timing) if timing else None
    unit_code = own_unit_code(engine)
    with _action(engine) as session:
        departure = _departure(session, departure_id)
        person = _person(session, departure.person_id)
        existing = _live_return_of(session, departure_id)
        if existing is not None:
            label = _departure_label(session, departure)
            raise Refused(
                f"{label[0].upper()}{label[1:]} đã có ngày về nước "
                f"{format_date(existing.returned_on)}. Mỗi chuyến xuất cảnh chỉ có một lần về nước."
            )
        _check_return_date(session, None, departure, returned_on, day)
        _check_alive_at_return(session, person, returned_on, reason)
        notified, warnings = _residence_checks(returned_on, residence_notified, residence_notified_on, day)
        warnings += _return_warnings(departure, returned_on, reason, person)
        used = timing or compute_timing(returned_on, departure.expected_end_on, reason)
        # A return row soft-deleted earlier still holds the departure's unique slot: revive it.
        record = session.scalars(select(WorkerReturn).where(WorkerReturn.departure_id == departure_id)).first()
        if record is None:
            record = WorkerReturn(departure_id=departure_id, returned_on=returned_on, unit_code=unit_code)
        record.deleted_at = None
        record.returned_on = returned_on
        record.timing = used
        record.reason = reason
        record.residence_notified = notified
        record.residence_notified_on = residence_notified_on
        record.notes = clean_text(notes)
        session.add(record)
        if reason is not ReturnReason.DEATH_MISSING:
            _change_status(session, person, _S.RETURNED, returned_on, unit_code)
        session.flush()
        return ReturnResult(record.id or 0, used, tuple(warnings))


@dataclass(frozen=True)
class DepartureRef:
    """The departure a return ends, as the return form names it."""

    id: int
    departed_on: date
    market_code: str
    market_name: str  # Vietnamese
    expected_end_on: date | None


@dataclass(frozen=True)
class ReturnInfo:
    """A recorded return as its form shows it for correction."""

    id: int
    version: int
    departure: DepartureRef
    returned_on: date
    timing: ReturnTiming
    reason: ReturnReason
    residence_notified: bool
    residence_notified_on: date | None
    notes: str


def get_return(engine: Engine, return_id: int) -> ReturnInfo:
    """A return with its departure, for the form that corrects it."""
    access.require(engine, Permission.RECORDS_READ)
    with read_session(engine) as session:
        record = _return(session, return_id)
        departure = _departure(session, record.departure_id)
        access.require_person(session, departure.person_id)  # a club leader: only their club's people
        return ReturnInfo(
            id=record.id or 0,
            version=record.version,
            departure=DepartureRef(
                departure.id or 0,
                departure.departed_on,
                departure.market_code,
                market_name(departure.market_code),
                departure.expected_end_on,
            ),
            returned_on=record.returned_on,
            timing=record.timing,
            reason=record.reason,
            residence_notified=record.residence_notified,
            residence_notified_on=record.residence_notified_on,
            notes=record.notes,
        )


def _check_return_date(
    session: Session, record: WorkerReturn | None, departure: Departure, on: date, day: date
) -> None:
    """A return date (*record*: the return being corrected, else a new one): after the departure and
    its status abroad, before the return's follow-ups and the person's next departure, not in the
    future, and — for a return other than for death or disappearance — not after the person's death."""
    _not_future(on, day, "Ngày về nước")
    if on < departure.departed_on:
        raise Refused(
            f"Ngày về nước ({format_date(on)}) không được trước ngày xuất cảnh ({format_date(departure.departed_on)})."
        )
    if departure.status_abroad_on is not None and on < departure.status_abroad_on:
        raise Refused(
            f"Ngày về nước ({format_date(on)}) không được trước ngày ghi nhận tình trạng ở nước ngoài "
            f"({format_date(departure.status_abroad_on)})."
        )
    follows = _follow_ups(session, record.id or 0) if record is not None else []
    first_follow = min((f.followed_on for f in follows), default=None)
    if first_follow is not None and on > first_follow:
        raise Refused(
            f"Ngày về nước ({format_date(on)}) không được sau lần theo dõi sau về nước "
            f"ngày {format_date(first_follow)}."
        )
    following = session.scalars(
        select(Departure)
        .where(
            Departure.person_id == departure.person_id,
            Departure.deleted_at.is_(None),  # type: ignore[union-attr]
            Departure.id != departure.id,
            Departure.departed_on > departure.departed_on,
            Departure.departed_on < on,
        )
        .limit(1)
    ).first()
    if following is not None:
        raise Refused(f"Ngày về nước ({format_date(on)}) không được sau {_departure_label(session, following)}.")


def _death_of(session: Session, person: Person) -> date | None:
    """The day of the person's recorded (live) death, if any."""
    return session.scalars(
        select(StatusEvent.happened_on)
        .where(
            StatusEvent.person_id == person.id,
            StatusEvent.status == _S.DIED,
            StatusEvent.deleted_at.is_(None),  # type: ignore[union-attr]
        )
        .order_by(StatusEvent.happened_on)
        .limit(1)
    ).first()


def _check_alive_at_return(session: Session, person: Person, on: date, reason: ReturnReason) -> None:
    """A return after the person's recorded death can only be for death (the body or ashes brought home)."""
    died = _death_of(session, person)
    if died is not None and on > died and reason is not ReturnReason.DEATH_MISSING:
        raise Refused(
            f"Người này đã qua đời ngày {format_date(died)}: lần về nước sau ngày đó chỉ có thể ghi lý do "
            f"“{ReturnReason.DEATH_MISSING.label()}”."
        )


def check_restored_departure(session: Session, person: Person, departure: Departure) -> None:
    """A departure brought back from the recycle bin: the person was alive when it left."""
    died = _death_of(session, person)
    if died is not None and departure.departed_on > died:
        raise Refused(
            f"Không khôi phục được {_departure_label(session, departure)}: người này đã qua đời ngày "
            f"{format_date(died)}, trước ngày đi."
        )


def check_restored_return(session: Session, person: Person, departure: Departure, record: WorkerReturn) -> None:
    """A return brought back from the recycle bin is checked as if recorded again: its departure or the
    status abroad may have been corrected, or the person may have left again, while it lay there."""
    try:
        _check_return_date(session, record, departure, record.returned_on, date.today())
        _check_alive_at_return(session, person, record.returned_on, record.reason)
    except Refused as refused:
        why = refused.message[:1].lower() + refused.message[1:]
        raise Refused(f"Không khôi phục được lần về nước ngày {format_date(record.returned_on)}: {why}") from None


def update_return(
    engine: Engine,
    *,
    return_id: int,
    version: int,
    residence_notified: bool,
    residence_notified_on: date | None = None,
    reason: ReturnReason | None = None,
    timing: ReturnTiming | None = None,
    notes: str | None = None,
    returned_on: date | None = None,
    today: date | None = None,
) -> ReturnResult:
    """Correct a return: date, residence notification (often known days later), reason, timing, notes.

    *version* is the version the form loaded; someone else's save in between is refused. A new
    *returned_on* is checked as :func:`record_return` checks it (and must stay before the
    follow-ups and the next departure); the RETURNED status event moves with it, and comes or
    goes when the reason changes from or to death/missing (as :func:`record_return` makes it).
    ``None`` leaves a field as it is.
    """
    access.require(engine, Permission.RECORDS_WRITE)
    day = _today(today)
    with _action(engine) as session:
        record = _return(session, return_id)
        _check_version(record.version, version)
        departure = _departure(session, record.departure_id)
        person = _person(session, departure.person_id)
        old_on, old_reason = record.returned_on, record.reason
        _check_alive_at_return(session, person, returned_on or old_on, reason or old_reason)  # before any change
        if returned_on is not None and returned_on != old_on:
            _check_return_date(session, record, departure, returned_on, day)
            record.returned_on = returned_on
        notified, warnings = _residence_checks(record.returned_on, residence_notified, residence_notified_on, day)
        record.residence_notified = notified
        record.residence_notified_on = residence_notified_on if notified else None
        if reason is not None:
            record.reason = reason
            warnings += _return_warnings(departure, record.returned_on, reason, person)
        if timing is not None:
            record.timing = timing
        if notes is not None:
            record.notes = clean_text(notes)
        record.updated_at = utcnow()
        session.add(record)
        died_before, died_now = old_reason is ReturnReason.DEATH_MISSING, record.reason is ReturnReason.DEATH_MISSING
        if died_before == died_now:
            if not died_now:
                _follow_event(session, person, _S.RETURNED, old_on, record.returned_on)
        else:  # as record_return: a return has its RETURNED event, a death or a disappearance none
            if died_now:
                _soft_delete_events(session, person.id or 0, {_S.RETURNED}, old_on, old_on)
            else:
                _change_status(session, person, _S.RETURNED, record.returned_on, record.unit_code)
            recompute_status(session, person)
        session.flush()
        return ReturnResult(record.id or 0, record.timing, tuple(warnings))


def record_follow_up(
    engine: Engine,
    *,
    return_id: int,
    followed_on: date,
    employment: EmploymentAfterReturn,
    monthly_income: int | None = None,
    support_needs: Sequence[SupportNeed] = (),
    notes: str = "",
    today: date | None = None,
) -> ActionResult:
    """Theo dõi sau về nước — a dated follow-up of a returnee: job, income, support needed."""
    access.require(engine, Permission.RECORDS_WRITE)
    day = _today(today)
    employment = EmploymentAfterReturn(employment)
    support_needs = [SupportNeed(need) for need in support_needs]
    if monthly_income is not None and monthly_income < 0:
        raise ValidationFailed([Issue("monthly_income", "Thu nhập không được âm", Severity.ERROR)])
    unit_code = own_unit_code(engine)
    with _action(engine) as session:
        record = _return(session, return_id)
        departure = _departure(session, record.departure_id)
        person = _person(session, departure.person_id)
        if person.status is _S.DIED and person.status_since is not None and followed_on > person.status_since:
            raise Refused("Không thể ghi theo dõi sau ngày người lao động đã chết.")
        if followed_on < record.returned_on:
            raise Refused(
                f"Ngày theo dõi ({format_date(followed_on)}) không được trước ngày về nước "
                f"({format_date(record.returned_on)})."
            )
        _not_future(followed_on, day, "Ngày theo dõi")
        follow = ReturnFollowUp(
            return_id=return_id,
            followed_on=followed_on,
            employment=employment,
            monthly_income=monthly_income,
            notes=clean_text(notes),
            unit_code=unit_code,
        )
        session.add(follow)
        session.flush()
        for need in dict.fromkeys(support_needs):
            session.add(FollowUpSupportNeed(follow_up_id=follow.id or 0, need=need))
        session.flush()
        return ActionResult(follow.id or 0)


# --------------------------------------------------------------------------- deletions


def _follow_ups(session: Session, return_id: int) -> list[ReturnFollowUp]:
    return list(
        session.scalars(
            select(ReturnFollowUp).where(
                ReturnFollowUp.return_id == return_id,
                ReturnFollowUp.deleted_at.is_(None),  # type: ignore[union-attr]
            )
        )
    )


def _departure_parts(
    session: Session, departure_id: int
) -> tuple[list[Loan], list[DepartureSupport], WorkerReturn | None, list[ReturnFollowUp]]:
    loans = list(
        session.scalars(
            select(Loan).where(Loan.departure_id == departure_id, Loan.deleted_at.is_(None))  # type: ignore[union-attr]
        )
    )
    supports = list(
        session.scalars(
            select(DepartureSupport).where(
                DepartureSupport.departure_id == departure_id,
                DepartureSupport.deleted_at.is_(None),  # type: ignore[union-attr]
            )
        )
    )
    back = _live_return_of(session, departure_id)
    follows = _follow_ups(session, back.id or 0) if back is not None else []
    return loans, supports, back, follows


def departure_impact(engine: Engine, *, departure_id: int) -> DeletionImpact:
    """What deleting the departure takes with it, in words (for the confirmation question)."""
    access.require(engine, Permission.RECORDS_WRITE)
    with read_session(engine) as session:
        departure = _departure(session, departure_id)
        loans, supports, back, follows = _departure_parts(session, departure_id)
        items: list[str] = []
        for loan in loans:
            items.append(f"khoản vay {format_money(loan.amount)} đồng ({loan.source.label()})")
        if supports:
            total = sum(s.amount for s in supports)
            items.append(f"{len(supports)} khoản hỗ trợ (tổng {format_money(total)} đồng)")
        if back is not None:
            items.append(f"lần về nước ngày {format_date(back.returned_on)}")
        if follows:
            items.append(f"{len(follows)} lần theo dõi sau về nước")
        items.append("các diễn biến trạng thái của chuyến đi này")
        label = _departure_label(session, departure)
        return DeletionImpact(departure_id, departure.version, f"Xóa {label}", tuple(items))


def return_impact(engine: Engine, *, return_id: int) -> DeletionImpact:
    """What deleting the return takes with it, in words."""
    access.require(engine, Permission.RECORDS_WRITE)
    with read_session(engine) as session:
        record = _return(session, return_id)
        departure = _departure(session, record.departure_id)
        follows = _follow_ups(session, return_id)
        items = [f"{len(follows)} lần theo dõi sau về nước"] if follows else []
        description = (
            f"Xóa lần về nước ngày {format_date(record.returned_on)} của {_departure_label(session, departure)}"
        )
        return DeletionImpact(return_id, record.version, description, tuple(items))


def _soft_delete_events(
    session: Session, person_id: int, statuses: set[PersonStatus], start: date, stop: date | None
) -> None:
    query = select(StatusEvent).where(
        StatusEvent.person_id == person_id,
        StatusEvent.deleted_at.is_(None),  # type: ignore[union-attr]
        StatusEvent.status.in_(statuses),  # type: ignore[attr-defined]
        StatusEvent.happened_on >= start,
    )
    if stop is not None:
        query = query.where(StatusEvent.happened_on <= stop)
    now = utcnow()
    for event in session.scalars(query):
        event.deleted_at = now
        session.add(event)


def delete_departure(engine: Engine, *, departure_id: int, version: int | None = None) -> None:
    """Soft-delete a departure with its loan, supports, return and follow-ups (see
    :func:`departure_impact`) and the status events it produced; recompute the person's status.
    """
    access.require(engine, Permission.RECORDS_WRITE)
    with _action(engine) as session:
        departure = _departure(session, departure_id)
        _check_version(departure.version, version)
        person = _person(session, departure.person_id)
        loans, supports, back, follows = _departure_parts(session, departure_id)
        now = utcnow()
        for record in (*loans, *supports, *follows, *([back] if back else []), departure):
            record.deleted_at = now
            session.add(record)
        # The next departure (if any) bounds the events that belonged to this one.
        later = session.scalars(
            select(Departure.departed_on)
            .where(
                Departure.person_id == person.id,
                Departure.deleted_at.is_(None),  # type: ignore[union-attr]
                Departure.id != departure_id,
                Departure.departed_on > departure.departed_on,
            )
            .order_by(Departure.departed_on)
            .limit(1)
        ).first()
        # Its events: departed and abroad from its day to its return (the next departure may leave on
        # the day of this return: that day's departure is the next trip's), its return on that day.
        stops = [d for d in (back.returned_on if back else None, later - timedelta(days=1) if later else None) if d]
        abroad = {_S.DEPARTED, _S.WORKING_ABROAD, _S.ABSCONDED}
        _soft_delete_events(session, person.id or 0, abroad, departure.departed_on, min(stops, default=None))
        if back is not None:
            _soft_delete_events(session, person.id or 0, {_S.RETURNED}, back.returned_on, back.returned_on)
        recompute_status(session, person)


def delete_return(engine: Engine, *, return_id: int, version: int | None = None) -> None:
    """Soft-delete a return and its follow-ups and the RETURNED event of that day; the person's
    status goes back to what the remaining events say (usually working abroad).
    """
    access.require(engine, Permission.RECORDS_WRITE)
    with _action(engine) as session:
        record = _return(session, return_id)
        _check_version(record.version, version)
        departure = _departure(session, record.departure_id)
        person = _person(session, departure.person_id)
        now = utcnow()
        for follow in _follow_ups(session, return_id):
            follow.deleted_at = now
            session.add(follow)
        record.deleted_at = now
        session.add(record)
        _soft_delete_events(session, person.id or 0, {_S.RETURNED}, record.returned_on, record.returned_on)
        recompute_status(session, person)


def delete_follow_up(engine: Engine, *, follow_up_id: int, version: int | None = None) -> None:
    """Soft-delete one follow-up (nothing else depends on it)."""
    access.require(engine, Permission.RECORDS_WRITE)
    with _action(engine) as session:
        follow = live_or_not_found(
            session, ReturnFollowUp, follow_up_id, "Không tìm thấy lần theo dõi này (có thể vừa bị xóa)."
        )
        _check_version(follow.version, version)
        follow.deleted_at = utcnow()
        session.add(follow)
