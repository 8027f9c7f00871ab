"""Correcting a recorded departure or return: what the database holds after, what is refused."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from xkld_desktop.domain.enums import (
    DepartureForm,
    Gender,
    LoanSource,
    PersonStatus,
    Programme,
    ReturnReason,
    ReturnTiming,
    StatusAbroad,
    SupportKind,
)
from xkld_desktop.domain.models import (
    Departure,
    DepartureSupport,
    Loan,
    Person,
    PlacementCompany,
    StatusEvent,
    WorkerReturn,
)
from xkld_desktop.services import lifecycle
from xkld_desktop.services.errors import NotFound, Refused, ValidationFailed
from xkld_desktop.services.lifecycle import CONFLICT_MESSAGE, DepartureInput, LoanInput
from xkld_desktop.store.session import read_session, write_session

TODAY = date(2026, 11, 25)


def add_person(engine, *, born: date = date(1998, 3, 5)) -> int:
    with write_session(engine) as session:
        person = Person(full_name="Nguyễn Văn Đức", name_key="", gender=Gender.MALE, date_of_birth=born)
        session.add(person)
        session.flush()
        return person.id or 0


def japan(departed_on: date = date(2024, 4, 16), **changes) -> DepartureInput:
    values = {
        "market_code": "JP",
        "departed_on": departed_on,
        "form": DepartureForm.LICENSED_COMPANY,
        "programme": Programme.JP_TECHNICAL_INTERN,
        "company_name": "Công ty CP Nhân lực Kỹ năng Việt – Nhật",
        "company_licence": "187/LĐTBXH-GP",
        "occupation": "Chế biến thực phẩm",
        "employer": "Công ty Kobayashi (Saitama)",
        "contract_months": 36,
        "monthly_salary": 30_000_000,
        "loan": LoanInput(LoanSource.NHCSXH, 100_000_000, date(2024, 4, 1)),
        "supports": ((SupportKind.TRAINING, 2_000_000),),
        **changes,
    }
    return DepartureInput(**values)


def state(engine, person_id: int) -> dict:
    """Everything an edit may touch, as plain values."""
    with read_session(engine) as session:
        person = session.get(Person, person_id)
        assert person is not None
        departures = session.scalars(select(Departure).where(Departure.person_id == person_id)).all()
        ids = [d.id for d in departures]
        return {
            "person": (person.status, person.status_since, person.version),
            "departures": [d.model_dump(exclude={"updated_at"}) for d in departures],
            "loans": [r.model_dump(exclude={"updated_at"}) for r in session.scalars(select(Loan))],
            "supports": [r.model_dump(exclude={"updated_at"}) for r in session.scalars(select(DepartureSupport))],
            "returns": [
                r.model_dump(exclude={"updated_at"})
                for r in session.scalars(select(WorkerReturn).where(WorkerReturn.departure_id.in_(ids)))
            ],
            "events": [
                (e.status, e.happened_on, e.deleted_at)
                for e in session.scalars(
                    select(StatusEvent).where(StatusEvent.person_id == person_id).order_by(StatusEvent.id)
                )
            ],
            "companies": session.scalars(select(PlacementCompany.name)).all(),
        }


def live_events(engine, person_id: int) -> list[tuple[PersonStatus, date]]:
    with read_session(engine) as session:
        rows = session.scalars(
            select(StatusEvent)
            .where(StatusEvent.person_id == person_id, StatusEvent.deleted_at.is_(None))
            .order_by(StatusEvent.happened_on, StatusEvent.id)
        )
        return [(e.status, e.happened_on) for e in rows]


@pytest.fixture
def engine(database):
    return database.engine


@pytest.fixture
def departed(engine) -> tuple[int, int]:
    """A person registered on 01/02/2024 who left for Japan on 16/04/2024: (person id, departure id)."""
    pid = add_person(engine)
    lifecycle.register(engine, person_id=pid, on=date(2024, 2, 1), today=TODAY)
    result = lifecycle.record_departure(engine, person_id=pid, data=japan(), today=TODAY)
    return pid, result.departure_id


def test_get_departure_gives_back_what_was_recorded(engine, departed) -> None:
    _pid, dep = departed
    info = lifecycle.get_departure(engine, dep)
    assert info.data.market_code == "JP" and info.data.departed_on == date(2024, 4, 16)
    assert info.data.company_name == "Công ty CP Nhân lực Kỹ năng Việt – Nhật"
    assert info.data.loan == LoanInput(LoanSource.NHCSXH, 100_000_000, date(2024, 4, 1))
    assert tuple(info.data.supports) == ((SupportKind.TRAINING, 2_000_000),)
    assert info.expected_end_on == date(2027, 4, 16) and info.returned_on is None


def test_update_departure_changes_what_the_database_holds(engine, departed) -> None:
    pid, dep = departed
    info = lifecycle.get_departure(engine, dep)
    data = dataclasses.replace(
        info.data,
        market_code="KR",
        programme=Programme.KR_EPS,
        departed_on=date(2024, 5, 2),
        company_id=None,
        company_name="Trung tâm Lao động ngoài nước",
        company_licence="",
        contract_months=58,
        occupation="Sản xuất chế tạo",
        loan=LoanInput(LoanSource.NHCSXH, 120_000_000, date(2024, 4, 20)),
        supports=((SupportKind.LANGUAGE, 3_000_000),),
    )
    result = lifecycle.update_departure(engine, dep, data, expected_version=info.version, today=TODAY)
    assert result.expected_end_on == date(2029, 3, 2)
    with read_session(engine) as session:
        row = session.get(Departure, dep)
        assert (row.market_code, row.programme, row.departed_on, row.contract_months, row.occupation) == (
            "KR",
            Programme.KR_EPS,
            date(2024, 5, 2),
            58,
            "Sản xuất chế tạo",
        )
        assert row.expected_end_on == date(2029, 3, 2) and row.version == info.version + 1
        assert session.get(PlacementCompany, row.company_id).name == "Trung tâm Lao động ngoài nước"
        loans = session.scalars(select(Loan).where(Loan.departure_id == dep, Loan.deleted_at.is_(None))).all()
        assert [(loan.amount, loan.disbursed_on) for loan in loans] == [(120_000_000, date(2024, 4, 20))]
        supports = session.scalars(
            select(DepartureSupport).where(DepartureSupport.departure_id == dep, DepartureSupport.deleted_at.is_(None))
        ).all()
        assert [(s.kind, s.amount) for s in supports] == [(SupportKind.LANGUAGE, 3_000_000)]
    # the DEPARTED event follows the date; the person's status with it
    assert live_events(engine, pid) == [
        (PersonStatus.REGISTERED, date(2024, 2, 1)),
        (PersonStatus.DEPARTED, date(2024, 5, 2)),
    ]
    with read_session(engine) as session:
        person = session.get(Person, pid)
        assert (person.status, person.status_since) == (PersonStatus.DEPARTED, date(2024, 5, 2))


def test_removing_the_loan_soft_deletes_it(engine, departed) -> None:
    _pid, dep = departed
    info = lifecycle.get_departure(engine, dep)
    lifecycle.update_departure(
        engine, dep, dataclasses.replace(info.data, loan=None, supports=()), expected_version=info.version, today=TODAY
    )
    assert lifecycle.get_departure(engine, dep).data.loan is None
    assert tuple(lifecycle.get_departure(engine, dep).data.supports) == ()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"departed_on": date(2026, 12, 1)}, "ở tương lai"),
        ({"departed_on": date(2024, 1, 15)}, "không được trước ngày đăng ký (01/02/2024)"),
        ({"departed_on": date(2015, 1, 15)}, "18 tuổi"),
    ],
)
def test_refused_date_changes_leave_the_database_as_it_was(engine, departed, changes, message) -> None:
    pid, dep = departed
    info = lifecycle.get_departure(engine, dep)
    before = state(engine, pid)
    with pytest.raises(Refused) as refusal:
        lifecycle.update_departure(
            engine, dep, dataclasses.replace(info.data, **changes), expected_version=info.version, today=TODAY
        )
    assert message in refusal.value.message
    assert state(engine, pid) == before


def test_wrong_input_is_refused_field_by_field_and_nothing_written(engine, departed) -> None:
    pid, dep = departed
    info = lifecycle.get_departure(engine, dep)
    before = state(engine, pid)
    bad = dataclasses.replace(info.data, market_code="", contract_months=500, loan=LoanInput(LoanSource.NHCSXH, 0))
    with pytest.raises(ValidationFailed) as failure:
        lifecycle.update_departure(engine, dep, bad, expected_version=info.version, today=TODAY)
    assert {issue.field for issue in failure.value.issues} == {"market_code", "contract_months", "loan_amount"}
    assert state(engine, pid) == before


def test_departure_date_cannot_pass_its_return_or_status_abroad(engine, departed) -> None:
    pid, dep = departed
    lifecycle.set_status_abroad(engine, departure_id=dep, status=StatusAbroad.WORKING, on=date(2024, 6, 1), today=TODAY)
    info = lifecycle.get_departure(engine, dep)
    before = state(engine, pid)
    with pytest.raises(Refused, match="tình trạng ở nước ngoài"):
        lifecycle.update_departure(
            engine,
            dep,
            dataclasses.replace(info.data, departed_on=date(2024, 7, 1)),
            expected_version=info.version,
            today=TODAY,
        )
    assert state(engine, pid) == before


def test_a_stale_save_is_refused(engine, departed) -> None:
    pid, dep = departed
    info = lifecycle.get_departure(engine, dep)
    lifecycle.update_departure(
        engine, dep, dataclasses.replace(info.data, occupation="Xây dựng"), expected_version=info.version, today=TODAY
    )
    before = state(engine, pid)
    with pytest.raises(Refused) as refusal:
        lifecycle.update_departure(
            engine,
            dep,
            dataclasses.replace(info.data, occupation="Nông nghiệp"),
            expected_version=info.version,
            today=TODAY,
        )
    assert refusal.value.message == CONFLICT_MESSAGE
    assert state(engine, pid) == before


def test_a_deleted_departure_is_not_found(engine, departed) -> None:
    _pid, dep = departed
    lifecycle.delete_departure(engine, departure_id=dep)
    with pytest.raises(NotFound):
        lifecycle.get_departure(engine, dep)


def test_editing_a_past_trip_may_not_run_into_the_next_one(engine, departed) -> None:
    pid, dep = departed
    lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2025, 1, 10), reason=ReturnReason.CONTRACT_ENDED, today=TODAY
    )
    second = lifecycle.record_departure(engine, person_id=pid, data=japan(date(2025, 6, 1)), today=TODAY)
    info = lifecycle.get_departure(engine, dep)
    before = state(engine, pid)
    with pytest.raises(Refused, match="về nước"):
        lifecycle.update_departure(
            engine,
            dep,
            dataclasses.replace(info.data, departed_on=date(2025, 3, 1)),
            expected_version=info.version,
            today=TODAY,
        )
    second_info = lifecycle.get_departure(engine, second.departure_id)
    with pytest.raises(Refused, match="16/04/2024"):
        lifecycle.update_departure(
            engine,
            second.departure_id,
            dataclasses.replace(second_info.data, departed_on=date(2024, 12, 1)),
            expected_version=second_info.version,
            today=TODAY,
        )
    assert state(engine, pid) == before


# --------------------------------------------------------------------------- returns


@pytest.fixture
def returned(engine, departed) -> tuple[int, int, int]:
    pid, dep = departed
    back = lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2026, 3, 1), reason=ReturnReason.EMPLOYER_CLOSED, today=TODAY
    )
    return pid, dep, back.return_id


def test_update_return_moves_the_date_and_its_status_event(engine, returned) -> None:
    pid, _dep, back = returned
    info = lifecycle.get_return(engine, back)
    assert info.departure.departed_on == date(2024, 4, 16) and info.returned_on == date(2026, 3, 1)
    result = lifecycle.update_return(
        engine,
        return_id=back,
        version=info.version,
        returned_on=date(2026, 4, 20),
        reason=ReturnReason.CONTRACT_ENDED,
        timing=ReturnTiming.EARLY,
        residence_notified=True,
        residence_notified_on=date(2026, 4, 25),
        notes="Về sớm do công ty đóng cửa",
        today=TODAY,
    )
    assert result.timing is ReturnTiming.EARLY
    with read_session(engine) as session:
        row = session.get(WorkerReturn, back)
        assert (row.returned_on, row.reason, row.residence_notified_on, row.notes) == (
            date(2026, 4, 20),
            ReturnReason.CONTRACT_ENDED,
            date(2026, 4, 25),
            "Về sớm do công ty đóng cửa",
        )
        person = session.get(Person, pid)
        assert (person.status, person.status_since) == (PersonStatus.RETURNED, date(2026, 4, 20))
    assert live_events(engine, pid)[-1] == (PersonStatus.RETURNED, date(2026, 4, 20))


def test_changing_a_return_reason_to_or_from_death_removes_or_adds_its_status_event(engine, returned) -> None:
    """A return for death or missing leaves the status alone (record_return); a correction follows that rule."""
    pid, _dep, back = returned
    before = live_events(engine, pid)
    assert before[-1] == (PersonStatus.RETURNED, date(2026, 3, 1))

    info = lifecycle.get_return(engine, back)
    result = lifecycle.update_return(
        engine,
        return_id=back,
        version=info.version,
        residence_notified=False,
        reason=ReturnReason.DEATH_MISSING,
        today=TODAY,
    )
    assert any("Đã chết" in w for w in result.warnings)
    assert live_events(engine, pid) == before[:-1]  # the RETURNED event is gone
    with read_session(engine) as session:
        person = session.get(Person, pid)
        assert (person.status, person.status_since) == before[-2]

    info = lifecycle.get_return(engine, back)
    lifecycle.update_return(
        engine,
        return_id=back,
        version=info.version,
        residence_notified=False,
        reason=ReturnReason.CONTRACT_ENDED,
        returned_on=date(2026, 3, 5),
        today=TODAY,
    )
    assert live_events(engine, pid) == [*before[:-1], (PersonStatus.RETURNED, date(2026, 3, 5))]
    with read_session(engine) as session:
        person = session.get(Person, pid)
        assert (person.status, person.status_since) == (PersonStatus.RETURNED, date(2026, 3, 5))


@pytest.mark.parametrize(
    ("returned_on", "message"),
    [
        (date(2024, 4, 1), "không được trước ngày xuất cảnh (16/04/2024)"),
        (date(2026, 12, 24), "không được sau ngày hôm nay"),
    ],
)
def test_refused_return_dates_leave_the_database_as_it_was(engine, returned, returned_on, message) -> None:
    pid, _dep, back = returned
    info = lifecycle.get_return(engine, back)
    before = state(engine, pid)
    with pytest.raises(Refused) as refusal:
        lifecycle.update_return(
            engine,
            return_id=back,
            version=info.version,
            returned_on=returned_on,
            residence_notified=False,
            today=TODAY,
        )
    assert message in refusal.value.message
    assert state(engine, pid) == before


def test_stale_return_save_is_refused(engine, returned) -> None:
    pid, _dep, back = returned
    info = lifecycle.get_return(engine, back)
    lifecycle.update_return(engine, return_id=back, version=info.version, residence_notified=True, today=TODAY)
    before = state(engine, pid)
    with pytest.raises(Refused, match="vừa được người khác sửa"):
        lifecycle.update_return(
            engine,
            return_id=back,
            version=info.version,
            returned_on=date(2026, 3, 5),
            residence_notified=False,
            today=TODAY,
        )
    assert state(engine, pid) == before
