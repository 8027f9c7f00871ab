"""Lifecycle actions on a person: every rule, every refusal (with its message), checked in the database."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from xkld_desktop.domain.enums import (
    DatePrecision,
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
from xkld_desktop.domain.models import (
    Departure,
    DepartureSupport,
    FollowUpSupportNeed,
    Loan,
    Person,
    PlacementCompany,
    ReturnFollowUp,
    StatusEvent,
    WorkerReturn,
    YearlyReview,
)
from xkld_desktop.services import lifecycle
from xkld_desktop.services.errors import NotFound, Refused, ValidationFailed
from xkld_desktop.services.lifecycle import (
    CONFLICT_MESSAGE,
    DepartureInput,
    LifecycleAction,
    LoanInput,
    allowed_actions,
    compute_timing,
    programmes_for_market,
)
from xkld_desktop.services.settings import find_unit_id, own_unit_code, set_own_unit
from xkld_desktop.store.session import read_session, write_session

TODAY = date(2026, 11, 25)
RECORD_TABLES = (
    Person,
    StatusEvent,
    YearlyReview,
    Departure,
    Loan,
    DepartureSupport,
    PlacementCompany,
    WorkerReturn,
    ReturnFollowUp,
    FollowUpSupportNeed,
)


def add_person(
    engine,
    name: str = "Nguyễn Văn Đức",
    *,
    born: date | None = date(1998, 3, 5),
    status: PersonStatus = PersonStatus.CANDIDATE,
    since: date | None = None,
    precision: DatePrecision = DatePrecision.DAY,
) -> int:
    with write_session(engine) as session:
        person = Person(
            full_name=name,
            name_key="",
            date_of_birth=born,
            birth_precision=precision,
            status=status,
            status_since=since,
        )
        session.add(person)
        session.flush()
        return person.id or 0


def person(engine, person_id: int) -> SimpleNamespace:
    """The person's lifecycle columns as they are in the database now."""
    with read_session(engine) as session:
        found = session.get(Person, person_id)
        assert found is not None
        return SimpleNamespace(
            status=found.status, status_since=found.status_since, outreach_group=found.outreach_group
        )


def events(engine, person_id: int) -> list[tuple[PersonStatus, date, str]]:
    with read_session(engine) as session:
        rows = session.scalars(
            select(StatusEvent)
            .where(StatusEvent.person_id == person_id, StatusEvent.deleted_at.is_(None))
            .order_by(StatusEvent.happened_on, StatusEvent.id)
        )
        return [(e.status, e.happened_on, e.note) for e in rows]


def snapshot(engine) -> tuple:
    """Row counts of every table the actions write, and every person's status: to prove nothing changed."""
    with read_session(engine) as session:
        counts = tuple(session.scalar(select(func.count()).select_from(table)) for table in RECORD_TABLES)
        people = tuple(session.execute(select(Person.id, Person.status, Person.status_since, Person.version)).all())
        live = session.scalar(select(func.count()).select_from(Departure).where(Departure.deleted_at.is_(None)))
        return counts, people, live


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
        "orientation_cert_on": date(2024, 2, 1),
        "monthly_salary": 30_000_000,
        "cost_paid": 105_000_000,
        **changes,
    }
    return DepartureInput(**values)


@pytest.fixture
def engine(database):
    unit_id = find_unit_id(database.engine, code="30010") or find_unit_id(database.engine, code="00004")
    if unit_id is not None:
        set_own_unit(database.engine, unit_id=unit_id)
    return database.engine


def departed(engine, person_id: int, on: date = date(2024, 4, 16), **changes) -> int:
    return lifecycle.record_departure(engine, person_id=person_id, data=japan(on, **changes), today=TODAY).departure_id


# --------------------------------------------------------------------------- yearly review


def test_review_is_recorded_then_updated_for_the_same_year(engine) -> None:
    pid = add_person(engine)
    first = lifecycle.record_review(
        engine,
        person_id=pid,
        year=2026,
        classification=ReviewClassification.WANTS_TO_GO,
        outreach_group=OutreachGroup.DEMOBILISED,
        wished_market_code="kr",
        counselled=True,
        reviewed_on=date(2026, 3, 2),
        notes="  Muốn đi   Hàn Quốc ",
        today=TODAY,
    )
    assert first.created
    info = lifecycle.get_review(engine, person_id=pid, year=2026)
    assert info is not None
    assert (info.wished_market_code, info.counselled, info.notes) == ("KR", True, "Muốn đi Hàn Quốc")
    assert person(engine, pid).outreach_group is OutreachGroup.DEMOBILISED  # filled from the review

    second = lifecycle.record_review(
        engine,
        person_id=pid,
        year=2026,
        classification=ReviewClassification.NOT_NOW,
        wished_market_code="KR",
        expected_version=info.version,
        today=TODAY,
    )
    assert not second.created and second.record_id == first.record_id
    with read_session(engine) as session:
        reviews = [
            (r.classification, r.wished_market_code, r.unit_code)
            for r in session.scalars(select(YearlyReview).where(YearlyReview.person_id == pid))
        ]
    # one review; the wished market is only kept for "wants to go"
    assert reviews == [(ReviewClassification.NOT_NOW, None, own_unit_code(engine))]
    assert events(engine, pid) == []  # a review changes no status


def test_review_edited_meanwhile_is_refused(engine) -> None:
    pid = add_person(engine)
    lifecycle.record_review(engine, person_id=pid, year=2025, classification=ReviewClassification.NOT_NOW, today=TODAY)
    loaded = lifecycle.get_review(engine, person_id=pid, year=2025)
    assert loaded is not None
    lifecycle.record_review(
        engine, person_id=pid, year=2025, classification=ReviewClassification.WANTS_TO_GO, today=TODAY
    )
    before = snapshot(engine)
    with pytest.raises(Refused) as refused:
        lifecycle.record_review(
            engine,
            person_id=pid,
            year=2025,
            classification=ReviewClassification.NOT_ELIGIBLE,
            expected_version=loaded.version,
            today=TODAY,
        )
    assert refused.value.message == CONFLICT_MESSAGE
    assert snapshot(engine) == before


def test_review_input_errors(engine) -> None:
    pid = add_person(engine)
    with pytest.raises(ValidationFailed) as future:
        lifecycle.record_review(
            engine, person_id=pid, year=2027, classification=ReviewClassification.NOT_NOW, today=TODAY
        )
    assert future.value.errors_for("year") == ["Năm rà soát phải từ 2000 đến 2026 (năm đã nhập: 2027)"]
    with pytest.raises(ValidationFailed) as market:
        lifecycle.record_review(
            engine,
            person_id=pid,
            year=2026,
            classification=ReviewClassification.WANTS_TO_GO,
            wished_market_code="XX",
            today=TODAY,
        )
    assert market.value.errors_for("wished_market_code") == ["Không có thị trường mã “XX”"]
    with pytest.raises(NotFound):
        lifecycle.record_review(engine, person_id=9999, year=2026, classification=ReviewClassification.NOT_NOW)


def test_review_outside_working_age_warns(engine) -> None:
    pid = add_person(engine, born=date(1960, 1, 1))
    result = lifecycle.record_review(
        engine, person_id=pid, year=2026, classification=ReviewClassification.NOT_ELIGIBLE, today=TODAY
    )
    assert result.warnings == ("Năm 2026 người này khoảng 66 tuổi, ngoài độ tuổi lao động 15–60",)


def test_many_people_are_reviewed_at_once_keeping_reviews_already_made(engine) -> None:
    first, second = add_person(engine, "Lê Văn Một"), add_person(engine, "Lê Văn Hai")
    done = add_person(engine, "Đã Có Phiếu")
    lifecycle.record_review(
        engine, person_id=done, year=2026, classification=ReviewClassification.WANTS_TO_GO, today=TODAY
    )
    gone = add_person(engine, "Đã Mất", status=PersonStatus.DIED)
    steps: list[tuple[int, int]] = []

    result = lifecycle.record_reviews(
        engine,
        person_ids=[first, second, done, gone, first],
        year=2026,
        classification=ReviewClassification.NOT_NOW,
        reviewed_on=date(2026, 11, 20),
        counselled=True,
        today=TODAY,
        progress=lambda done, total: steps.append((done, total)),
    )

    assert steps == [(4, 4)]  # the four people once each
    assert (result.recorded, result.kept, result.skipped) == (2, 1, 1)
    assert result.text == (
        "Đã ghi rà soát năm 2026 cho 2 người; 1 người đã có phiếu rà soát năm 2026, giữ nguyên; "
        "1 người đã chết hoặc đã bị xóa, bỏ qua."
    )
    with read_session(engine) as session:
        r = YearlyReview
        query = select(r.person_id, r.classification, r.counselled, r.reviewed_on).where(r.year == 2026)
        rows = session.execute(query.order_by(r.person_id)).all()
    assert rows == [
        (first, ReviewClassification.NOT_NOW, True, date(2026, 11, 20)),
        (second, ReviewClassification.NOT_NOW, True, date(2026, 11, 20)),
        (done, ReviewClassification.WANTS_TO_GO, False, None),  # kept as it was
    ]


def test_a_group_that_wants_to_go_to_one_market_is_reviewed_at_once(engine) -> None:
    ids = [add_person(engine, "Lê Văn Một"), add_person(engine, "Lê Văn Hai")]
    lifecycle.record_reviews(
        engine,
        person_ids=ids,
        year=2026,
        classification=ReviewClassification.WANTS_TO_GO,
        wished_market_code="jp",
        today=TODAY,
    )
    with read_session(engine) as session:
        markets = session.scalars(select(YearlyReview.wished_market_code).where(YearlyReview.year == 2026)).all()
    assert markets == ["JP", "JP"]
    with pytest.raises(ValidationFailed) as unknown:
        lifecycle.record_reviews(
            engine,
            person_ids=[add_person(engine, "Lê Văn Ba")],
            year=2026,
            classification=ReviewClassification.WANTS_TO_GO,
            wished_market_code="XX",
            today=TODAY,
        )
    assert unknown.value.errors_for("wished_market_code") == ["Không có thị trường mã “XX”"]
    with read_session(engine) as session:  # nothing written for the third person
        assert session.scalar(select(func.count()).select_from(YearlyReview)) == 2


def test_reviewing_many_with_a_wrong_year_writes_nothing(engine) -> None:
    pid = add_person(engine)
    before = snapshot(engine)
    with pytest.raises(ValidationFailed) as future:
        lifecycle.record_reviews(
            engine, person_ids=[pid], year=2027, classification=ReviewClassification.NOT_NOW, today=TODAY
        )
    assert future.value.errors_for("year") == ["Năm rà soát phải từ 2000 đến 2026 (năm đã nhập: 2027)"]
    assert snapshot(engine) == before


# --------------------------------------------------------------------------- simple status changes


def test_register_training_and_withdraw_append_events(engine) -> None:
    pid = add_person(engine, since=date(2025, 1, 1))
    lifecycle.register(engine, person_id=pid, on=date(2026, 1, 10), today=TODAY)
    assert (person(engine, pid).status, person(engine, pid).status_since) == (
        PersonStatus.REGISTERED,
        date(2026, 1, 10),
    )
    lifecycle.start_training(engine, person_id=pid, on=date(2026, 2, 1), note="Học tiếng Nhật", today=TODAY)
    lifecycle.withdraw(engine, person_id=pid, on=date(2026, 3, 1), note="Gia đình không đồng ý", today=TODAY)
    assert events(engine, pid) == [
        (PersonStatus.REGISTERED, date(2026, 1, 10), ""),
        (PersonStatus.TRAINING, date(2026, 2, 1), "Học tiếng Nhật"),
        (PersonStatus.WITHDRAWN, date(2026, 3, 1), "Gia đình không đồng ý"),
    ]
    assert person(engine, pid).status is PersonStatus.WITHDRAWN
    with read_session(engine) as session:
        assert {e.unit_code for e in session.scalars(select(StatusEvent))} == {own_unit_code(engine)}


def test_simple_change_refusals_leave_the_database_unchanged(engine) -> None:
    pid = add_person(engine)
    lifecycle.register(engine, person_id=pid, on=date(2026, 1, 10), today=TODAY)
    before = snapshot(engine)
    with pytest.raises(Refused) as again:
        lifecycle.register(engine, person_id=pid, on=date(2026, 2, 10), today=TODAY)
    assert again.value.message == "Không thể ghi nhận đăng ký: người này đang ở trạng thái “Đã đăng ký”."
    with pytest.raises(Refused) as future:
        lifecycle.start_training(engine, person_id=pid, on=date(2026, 12, 1), today=TODAY)
    assert future.value.message == ("Ngày bắt đầu đào tạo (01/12/2026) không được sau ngày hôm nay (25/11/2026).")
    with pytest.raises(Refused) as before_birth:
        lifecycle.start_training(engine, person_id=pid, on=date(1990, 1, 1), today=TODAY)
    assert "không được trước ngày sinh (05/03/1998)" in before_birth.value.message
    with pytest.raises(ValidationFailed) as no_reason:
        lifecycle.withdraw(engine, person_id=pid, on=date(2026, 3, 1), note="  ", today=TODAY)
    assert no_reason.value.errors_for("note") == ["Hãy ghi lý do rút hồ sơ"]
    assert snapshot(engine) == before


def test_abroad_cannot_withdraw_and_death_is_final(engine) -> None:
    pid = add_person(engine)
    departed(engine, pid)
    with pytest.raises(Refused) as abroad:
        lifecycle.withdraw(engine, person_id=pid, on=date(2026, 1, 1), note="Thôi", today=TODAY)
    assert abroad.value.message == (
        "Không thể ghi nhận rút hồ sơ: người này đang ở trạng thái “Đã xuất cảnh” — hãy ghi nhận về nước trước."
    )
    lifecycle.mark_missing(engine, person_id=pid, on=date(2025, 5, 1), note="Mất liên lạc", today=TODAY)
    assert person(engine, pid).status is PersonStatus.MISSING
    lifecycle.mark_died(engine, person_id=pid, on=date(2025, 8, 1), today=TODAY)
    assert person(engine, pid).status is PersonStatus.DIED
    with pytest.raises(Refused) as missing:
        lifecycle.mark_missing(engine, person_id=pid, on=date(2025, 9, 1), today=TODAY)
    assert missing.value.message == "Không thể ghi nhận mất tích: người này đang ở trạng thái “Đã chết”."
    with pytest.raises(Refused, match="đã chết"):
        lifecycle.record_review(
            engine, person_id=pid, year=2026, classification=ReviewClassification.NOT_NOW, today=TODAY
        )


# --------------------------------------------------------------------------- departures


def test_departure_writes_everything_and_the_person_departs(engine) -> None:
    pid = add_person(engine, since=date(2024, 1, 1), status=PersonStatus.TRAINING)
    result = lifecycle.record_departure(
        engine,
        person_id=pid,
        data=japan(
            loan=LoanInput(LoanSource.NHCSXH, 80_000_000, date(2024, 3, 20)),
            supports=[(SupportKind.HEALTH_CHECK, 750_000), (SupportKind.PASSPORT, 200_000)],
        ),
        today=TODAY,
    )
    assert result.expected_end_on == date(2027, 4, 16)
    assert result.warnings == ()
    with read_session(engine) as session:
        dep = session.get(Departure, result.departure_id)
        assert dep is not None
        assert (dep.market_code, dep.contract_months, dep.expected_end_on) == ("JP", 36, date(2027, 4, 16))
        assert dep.unit_code == own_unit_code(engine) and dep.unit_code is not None
        company = session.get(PlacementCompany, dep.company_id)
        assert company is not None
        assert (company.name, company.licence_number) == ("Công ty CP Nhân lực Kỹ năng Việt – Nhật", "187/LĐTBXH-GP")
        loan = session.scalars(select(Loan).where(Loan.departure_id == dep.id)).one()
        assert (loan.source, loan.amount, loan.disbursed_on) == (LoanSource.NHCSXH, 80_000_000, date(2024, 3, 20))
        supports = session.scalars(select(DepartureSupport).where(DepartureSupport.departure_id == dep.id)).all()
        assert sorted((s.kind, s.amount) for s in supports) == [
            (SupportKind.HEALTH_CHECK, 750_000),
            (SupportKind.PASSPORT, 200_000),
        ]
    assert (person(engine, pid).status, person(engine, pid).status_since) == (PersonStatus.DEPARTED, date(2024, 4, 16))
    assert events(engine, pid)[-1] == (PersonStatus.DEPARTED, date(2024, 4, 16), "")


def test_company_is_reused_by_its_folded_name_and_gets_its_licence(engine) -> None:
    first = add_person(engine, "Trần Văn An")
    second = add_person(engine, "Lê Thị Bình", born=date(1999, 1, 1))
    departed(engine, first, company_name="Công ty Mê Kông", company_licence="")
    departed(engine, second, company_name="  CÔNG TY  me kong ", company_licence="189/LĐTBXH-GP")
    with read_session(engine) as session:
        companies = [(c.name, c.licence_number) for c in session.scalars(select(PlacementCompany))]
    assert companies == [("Công ty Mê Kông", "189/LĐTBXH-GP")]
    assert [c.name for c in lifecycle.list_companies(engine)] == ["Công ty Mê Kông"]


def test_a_17_year_old_cannot_depart(engine) -> None:
    pid = add_person(engine, born=date(2008, 6, 1))
    before = snapshot(engine)
    with pytest.raises(Refused) as refused:
        lifecycle.record_departure(engine, person_id=pid, data=japan(date(2026, 5, 1)), today=TODAY)
    assert refused.value.message == (
        "Người lao động phải đủ 18 tuổi khi xuất cảnh (ngày xuất cảnh 01/05/2026 mới 17 tuổi)."
    )
    with pytest.raises(Refused):
        lifecycle.preview_departure(engine, person_id=pid, data=japan(date(2026, 5, 1)), today=TODAY)
    assert snapshot(engine) == before


def test_a_second_open_departure_is_refused(engine) -> None:
    pid = add_person(engine)
    departed(engine, pid)
    before = snapshot(engine)
    with pytest.raises(Refused) as refused:
        departed(engine, pid, date(2026, 1, 5))
    assert refused.value.message == (
        "Người này còn chuyến xuất cảnh ngày 16/04/2024 đi Nhật Bản chưa ghi nhận về nước. "
        "Hãy ghi nhận về nước cho chuyến đó trước khi ghi chuyến mới."
    )
    assert snapshot(engine) == before


def test_absconded_departure_stays_open_until_a_return(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid)
    lifecycle.set_status_abroad(
        engine, departure_id=dep, status=StatusAbroad.ABSCONDED, on=date(2025, 2, 1), today=TODAY
    )
    with pytest.raises(Refused, match="chưa ghi nhận về nước"):
        departed(engine, pid, date(2026, 1, 5))
    lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2025, 10, 1), reason=ReturnReason.DEPORTED, today=TODAY
    )
    departed(engine, pid, date(2026, 1, 5), programme=Programme.JP_SPECIFIED_SKILLED)
    assert person(engine, pid).status is PersonStatus.DEPARTED


def test_departure_date_rules(engine) -> None:
    pid = add_person(engine)
    before = snapshot(engine)
    with pytest.raises(Refused) as future:
        departed(engine, pid, date(2026, 12, 1))
    assert future.value.message == (
        "Ngày xuất cảnh 01/12/2026 ở tương lai. Chỉ ghi nhận xuất cảnh khi người lao động đã đi."
    )
    dep = departed(engine, pid, date(2020, 1, 10))
    lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2023, 1, 10), reason=ReturnReason.CONTRACT_ENDED, today=TODAY
    )
    with pytest.raises(Refused) as inside:
        departed(engine, pid, date(2022, 5, 1))
    assert inside.value.message == (
        "Ngày xuất cảnh 01/05/2022 nằm trong chuyến xuất cảnh ngày 10/01/2020 đi Nhật Bản (về nước ngày 10/01/2023)."
    )
    assert snapshot(engine)[0][3] == before[0][3] + 1  # only the 2020 departure was added


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (PersonStatus.DIED, "Không thể ghi nhận xuất cảnh: người này đang ở trạng thái “Đã chết”."),
        (PersonStatus.MISSING, "Không thể ghi nhận xuất cảnh: người này đang ở trạng thái “Mất tích”."),
        (
            PersonStatus.WITHDRAWN,
            "Không thể ghi nhận xuất cảnh: người này đang ở trạng thái “Rút hồ sơ”. Hãy ghi nhận đăng ký lại trước.",
        ),
    ],
)
def test_no_departure_for_the_dead_missing_or_withdrawn(engine, status: PersonStatus, message: str) -> None:
    pid = add_person(engine, status=status, since=date(2023, 1, 1))
    before = snapshot(engine)
    with pytest.raises(Refused) as refused:
        departed(engine, pid)
    assert refused.value.message == message
    assert snapshot(engine) == before


def test_departure_warnings_come_back_and_preview_writes_nothing(engine) -> None:
    pid = add_person(engine)
    data = DepartureInput(
        market_code="TW",
        departed_on=date(2026, 10, 1),
        programme=Programme.TAIWAN,
        company_name="Công ty Đài Việt",
        contract_months=36,
        deposit=15_000_000,
        orientation_cert_on=date(2024, 1, 1),
    )
    before = snapshot(engine)
    preview = lifecycle.preview_departure(engine, person_id=pid, data=data, today=TODAY)
    expected = (
        "Tiền ký quỹ 15.000.000 đồng vượt mức tối đa 12.000.000 đồng của thị trường Đài Loan",
        "Chứng chỉ bồi dưỡng kiến thức cần thiết cấp ngày 01/01/2024 đã quá 24 tháng vào ngày xuất cảnh 01/10/2026",
    )
    assert preview.warnings == expected
    assert preview.departure_id == 0
    assert snapshot(engine) == before
    saved = lifecycle.record_departure(engine, person_id=pid, data=data, today=TODAY)
    assert saved.warnings == expected and saved.departure_id > 0


def test_year_only_birth_and_unknown_birth_warn(engine) -> None:
    unsure = add_person(engine, "Võ Văn Tư", born=date(2008, 1, 1), precision=DatePrecision.YEAR)
    unknown = add_person(engine, "Võ Văn Năm", born=None)
    first = lifecycle.record_departure(
        engine, person_id=unsure, data=japan(date(2026, 3, 1), orientation_cert_on=None), today=TODAY
    )
    assert first.warnings == ("Chỉ biết năm sinh nên chưa chắc người lao động đã đủ 18 tuổi khi xuất cảnh",)
    second = lifecycle.record_departure(
        engine, person_id=unknown, data=japan(date(2026, 3, 1), orientation_cert_on=None), today=TODAY
    )
    assert second.warnings == ("Hồ sơ chưa có ngày sinh nên chưa kiểm tra được người lao động đã đủ 18 tuổi",)


def test_departure_input_errors(engine) -> None:
    pid = add_person(engine)
    before = snapshot(engine)
    with pytest.raises(ValidationFailed) as failure:
        lifecycle.record_departure(
            engine,
            person_id=pid,
            data=japan(
                market_code="KR",
                programme=Programme.JP_TECHNICAL_INTERN,
                contract_months=200,
                deposit=-1,
                loan=LoanInput(LoanSource.OTHER, 0),
                supports=[(SupportKind.VISA, 1), (SupportKind.VISA, 2)],
            ),
            today=TODAY,
        )
    errors = failure.value
    assert errors.errors_for("programme") == [
        "Chương trình “Thực tập sinh kỹ năng (Nhật Bản)” không thuộc thị trường Hàn Quốc"
    ]
    assert errors.errors_for("contract_months") == ["Thời hạn hợp đồng phải từ 1 đến 120 tháng"]
    assert errors.errors_for("deposit") == ["Tiền ký quỹ không được âm"]
    assert errors.errors_for("loan_amount") == ["Số tiền vay phải lớn hơn 0"]
    assert errors.errors_for("supports") == ["Khoản hỗ trợ “Thị thực” được nhập hai lần"]
    with pytest.raises(ValidationFailed) as no_market:
        lifecycle.record_departure(engine, person_id=pid, data=japan(market_code=""), today=TODAY)
    assert no_market.value.errors_for("market_code") == ["Hãy chọn thị trường"]
    assert snapshot(engine) == before


def test_programmes_follow_the_market() -> None:
    assert programmes_for_market("JP") == [
        Programme.JP_TECHNICAL_INTERN,
        Programme.JP_SPECIFIED_SKILLED,
        Programme.OTHER,
    ]
    assert programmes_for_market("KR") == [Programme.KR_EPS, Programme.SEASONAL, Programme.OTHER]
    assert programmes_for_market("TW") == [Programme.TAIWAN, Programme.OTHER]
    assert programmes_for_market("CN") == [Programme.LOCAL_COOPERATION, Programme.SEASONAL, Programme.OTHER]
    assert Programme.KR_EPS not in programmes_for_market("DE")


# --------------------------------------------------------------------------- status abroad


def test_status_abroad_moves_the_person(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid)
    lifecycle.set_status_abroad(
        engine, departure_id=dep, status=StatusAbroad.WORKING, on=date(2024, 5, 20), today=TODAY
    )
    assert person(engine, pid).status is PersonStatus.WORKING_ABROAD
    lifecycle.set_status_abroad(
        engine,
        departure_id=dep,
        status=StatusAbroad.CHANGED_EMPLOYER,
        on=date(2025, 1, 5),
        note="Sang xưởng may ở Osaka",
        today=TODAY,
    )
    lifecycle.set_status_abroad(
        engine, departure_id=dep, status=StatusAbroad.ABSCONDED, on=date(2025, 6, 1), today=TODAY
    )
    assert (person(engine, pid).status, person(engine, pid).status_since) == (PersonStatus.ABSCONDED, date(2025, 6, 1))
    assert events(engine, pid)[1:] == [
        (PersonStatus.WORKING_ABROAD, date(2024, 5, 20), ""),
        (PersonStatus.WORKING_ABROAD, date(2025, 1, 5), "Chuyển chủ sử dụng: Sang xưởng may ở Osaka"),
        (PersonStatus.ABSCONDED, date(2025, 6, 1), ""),
    ]
    with read_session(engine) as session:
        row = session.get(Departure, dep)
        assert row is not None
        assert (row.status_abroad, row.status_abroad_on) == (StatusAbroad.ABSCONDED, date(2025, 6, 1))


def test_status_abroad_refusals(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid)
    before = snapshot(engine)
    with pytest.raises(Refused) as early:
        lifecycle.set_status_abroad(
            engine, departure_id=dep, status=StatusAbroad.WORKING, on=date(2024, 4, 1), today=TODAY
        )
    assert early.value.message == (
        "Ngày ghi nhận tình trạng (01/04/2024) không được trước ngày xuất cảnh (16/04/2024)."
    )
    assert snapshot(engine) == before
    lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2026, 1, 1), reason=ReturnReason.EARLY_ILLNESS, today=TODAY
    )
    with pytest.raises(Refused) as back:
        lifecycle.set_status_abroad(
            engine, departure_id=dep, status=StatusAbroad.WORKING, on=date(2026, 2, 1), today=TODAY
        )
    assert back.value.message == (
        "Không thể ghi tình trạng ở nước ngoài: chuyến xuất cảnh ngày 16/04/2024 đi Nhật Bản đã về nước."
    )


# --------------------------------------------------------------------------- returns and follow-ups


def test_timing_is_computed_with_a_month_of_tolerance() -> None:
    end = date(2027, 4, 16)
    assert compute_timing(date(2027, 3, 1), end, ReturnReason.CONTRACT_ENDED) is ReturnTiming.EARLY
    assert compute_timing(date(2027, 3, 20), end, ReturnReason.CONTRACT_ENDED) is ReturnTiming.ON_TIME
    assert compute_timing(date(2027, 5, 16), end, ReturnReason.CONTRACT_ENDED) is ReturnTiming.ON_TIME
    assert compute_timing(date(2027, 5, 17), end, ReturnReason.CONTRACT_ENDED) is ReturnTiming.LATE
    assert compute_timing(date(2025, 1, 1), None, ReturnReason.CONTRACT_ENDED) is ReturnTiming.ON_TIME
    assert compute_timing(date(2025, 1, 1), None, ReturnReason.DEPORTED) is ReturnTiming.EARLY


def test_return_ends_the_departure(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid, date(2022, 1, 10))
    result = lifecycle.record_return(
        engine,
        departure_id=dep,
        returned_on=date(2025, 1, 12),
        reason=ReturnReason.CONTRACT_ENDED,
        residence_notified_on=date(2025, 1, 20),
        notes="Về đúng hạn",
        today=TODAY,
    )
    assert result.timing is ReturnTiming.ON_TIME and result.warnings == ()
    with read_session(engine) as session:
        back = session.get(WorkerReturn, result.return_id)
        assert back is not None
        assert (back.residence_notified, back.residence_notified_on) == (True, date(2025, 1, 20))
        assert back.unit_code == own_unit_code(engine)
    assert (person(engine, pid).status, person(engine, pid).status_since) == (PersonStatus.RETURNED, date(2025, 1, 12))
    assert events(engine, pid)[-1] == (PersonStatus.RETURNED, date(2025, 1, 12), "")


def test_return_refusals_leave_the_database_unchanged(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid)
    before = snapshot(engine)
    with pytest.raises(Refused) as early:
        lifecycle.record_return(
            engine, departure_id=dep, returned_on=date(2024, 4, 1), reason=ReturnReason.OTHER, today=TODAY
        )
    assert early.value.message == "Ngày về nước (01/04/2024) không được trước ngày xuất cảnh (16/04/2024)."
    with pytest.raises(Refused) as future:
        lifecycle.record_return(
            engine, departure_id=dep, returned_on=date(2026, 12, 1), reason=ReturnReason.OTHER, today=TODAY
        )
    assert future.value.message == "Ngày về nước (01/12/2026) không được sau ngày hôm nay (25/11/2026)."
    assert snapshot(engine) == before
    lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2025, 4, 1), reason=ReturnReason.EARLY_ILLNESS, today=TODAY
    )
    before = snapshot(engine)
    with pytest.raises(Refused) as second:
        lifecycle.record_return(
            engine, departure_id=dep, returned_on=date(2025, 5, 1), reason=ReturnReason.OTHER, today=TODAY
        )
    assert second.value.message == (
        "Chuyến xuất cảnh ngày 16/04/2024 đi Nhật Bản đã có ngày về nước 01/04/2025. "
        "Mỗi chuyến xuất cảnh chỉ có một lần về nước."
    )
    assert snapshot(engine) == before


def test_return_warnings_and_death_abroad(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid)
    late = lifecycle.record_return(
        engine,
        departure_id=dep,
        returned_on=date(2025, 1, 1),
        reason=ReturnReason.CONTRACT_ENDED,
        residence_notified_on=date(2025, 2, 1),
        today=TODAY,
    )
    assert late.timing is ReturnTiming.EARLY
    assert late.warnings == (
        "Khai báo cư trú sau 31 ngày (luật quy định trong 15 ngày kể từ ngày về nước)",
        "Về trước ngày hết hạn dự kiến (16/04/2027) 835 ngày nhưng lý do ghi là hết hạn hợp đồng",
    )
    other = add_person(engine, "Lê Văn Tám")
    dep2 = departed(engine, other)
    death = lifecycle.record_return(
        engine, departure_id=dep2, returned_on=date(2025, 3, 1), reason=ReturnReason.DEATH_MISSING, today=TODAY
    )
    assert death.warnings == (
        "Lý do về nước là chết hoặc mất tích: hãy ghi nhận thêm “Đã chết” hoặc “Mất tích” cho người này",
    )
    assert person(engine, other).status is PersonStatus.DEPARTED  # not "returned"


def test_update_return_records_the_residence_notification(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid)
    back = lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2026, 11, 1), reason=ReturnReason.EARLY_ILLNESS, today=TODAY
    )
    with read_session(engine) as session:
        version = session.get(WorkerReturn, back.return_id).version  # type: ignore[union-attr]
    lifecycle.update_return(
        engine, return_id=back.return_id, version=version, residence_notified=True,
        residence_notified_on=date(2026, 11, 10), today=TODAY,
    )  # fmt: skip
    with read_session(engine) as session:
        row = session.get(WorkerReturn, back.return_id)
        assert row is not None
        assert (row.residence_notified, row.residence_notified_on, row.version) == (
            True,
            date(2026, 11, 10),
            version + 1,
        )
    with pytest.raises(Refused) as stale:
        lifecycle.update_return(engine, return_id=back.return_id, version=version, residence_notified=False)
    assert stale.value.message == CONFLICT_MESSAGE


def test_follow_up_with_needs(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid, date(2021, 1, 1))
    back = lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2024, 1, 5), reason=ReturnReason.CONTRACT_ENDED, today=TODAY
    )
    result = lifecycle.record_follow_up(
        engine,
        return_id=back.return_id,
        followed_on=date(2024, 6, 1),
        employment=EmploymentAfterReturn.STARTED_BUSINESS,
        monthly_income=15_000_000,
        support_needs=[SupportNeed.START_UP, SupportNeed.LOAN, SupportNeed.LOAN],
        notes="Mở xưởng mộc",
        today=TODAY,
    )
    with read_session(engine) as session:
        follow = session.get(ReturnFollowUp, result.record_id)
        assert follow is not None
        assert (follow.employment, follow.monthly_income, follow.notes) == (
            EmploymentAfterReturn.STARTED_BUSINESS,
            15_000_000,
            "Mở xưởng mộc",
        )
        needs = set(session.scalars(select(FollowUpSupportNeed.need)))
    assert needs == {SupportNeed.START_UP, SupportNeed.LOAN}
    before = snapshot(engine)
    with pytest.raises(Refused) as early:
        lifecycle.record_follow_up(
            engine,
            return_id=back.return_id,
            followed_on=date(2023, 12, 1),
            employment=EmploymentAfterReturn.JOBLESS,
            today=TODAY,
        )
    assert early.value.message == "Ngày theo dõi (01/12/2023) không được trước ngày về nước (05/01/2024)."
    with pytest.raises(ValidationFailed):
        lifecycle.record_follow_up(
            engine,
            return_id=back.return_id,
            followed_on=date(2024, 7, 1),
            employment=EmploymentAfterReturn.JOBLESS,
            monthly_income=-5,
            today=TODAY,
        )
    assert snapshot(engine) == before


# --------------------------------------------------------------------------- latest wins, deletions


def test_a_past_departure_typed_late_does_not_overwrite_the_present(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid, date(2022, 1, 10))
    lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2025, 1, 12), reason=ReturnReason.CONTRACT_ENDED, today=TODAY
    )
    old = departed(engine, pid, date(2018, 3, 1), programme=Programme.OTHER, contract_months=24)
    assert (person(engine, pid).status, person(engine, pid).status_since) == (PersonStatus.RETURNED, date(2025, 1, 12))
    assert (PersonStatus.DEPARTED, date(2018, 3, 1), "") in events(engine, pid)
    assert old > dep


def test_delete_departure_names_and_removes_what_belongs_to_it(engine) -> None:
    pid = add_person(engine)
    lifecycle.register(engine, person_id=pid, on=date(2021, 5, 1), today=TODAY)
    dep = lifecycle.record_departure(
        engine,
        person_id=pid,
        data=japan(
            date(2021, 10, 1),
            loan=LoanInput(LoanSource.NHCSXH, 60_000_000),
            supports=[(SupportKind.VISA, 500_000), (SupportKind.PASSPORT, 200_000)],
        ),
        today=TODAY,
    ).departure_id
    lifecycle.set_status_abroad(
        engine, departure_id=dep, status=StatusAbroad.WORKING, on=date(2021, 11, 1), today=TODAY
    )
    back = lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2024, 10, 1), reason=ReturnReason.CONTRACT_ENDED, today=TODAY
    ).return_id
    lifecycle.record_follow_up(
        engine, return_id=back, followed_on=date(2025, 1, 1), employment=EmploymentAfterReturn.EMPLOYED, today=TODAY
    )
    impact = lifecycle.departure_impact(engine, departure_id=dep)
    assert impact.message == (
        "Xóa chuyến xuất cảnh ngày 01/10/2021 đi Nhật Bản, cùng với: khoản vay 60.000.000 đồng "
        "(Ngân hàng Chính sách xã hội); 2 khoản hỗ trợ (tổng 700.000 đồng); lần về nước ngày 01/10/2024; "
        "1 lần theo dõi sau về nước; các diễn biến trạng thái của chuyến đi này."
    )
    with pytest.raises(Refused) as stale:
        lifecycle.delete_departure(engine, departure_id=dep, version=impact.version - 1)
    assert stale.value.message == CONFLICT_MESSAGE

    lifecycle.delete_departure(engine, departure_id=dep, version=impact.version)
    with read_session(engine) as session:
        for table in (Departure, Loan, DepartureSupport, WorkerReturn, ReturnFollowUp):
            rows = session.scalars(select(table)).all()
            assert rows and all(row.deleted_at is not None for row in rows), table.__name__
    assert events(engine, pid) == [(PersonStatus.REGISTERED, date(2021, 5, 1), "")]
    assert (person(engine, pid).status, person(engine, pid).status_since) == (PersonStatus.REGISTERED, date(2021, 5, 1))
    with pytest.raises(NotFound):
        lifecycle.delete_departure(engine, departure_id=dep)
    # the departure can be recorded again (nothing open is left behind)
    departed(engine, pid, date(2021, 10, 1))


def test_delete_return_reopens_the_departure(engine) -> None:
    pid = add_person(engine)
    dep = departed(engine, pid)
    lifecycle.set_status_abroad(engine, departure_id=dep, status=StatusAbroad.WORKING, on=date(2024, 5, 1), today=TODAY)
    back = lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2025, 5, 1), reason=ReturnReason.EARLY_ILLNESS, today=TODAY
    ).return_id
    lifecycle.record_follow_up(
        engine, return_id=back, followed_on=date(2025, 8, 1), employment=EmploymentAfterReturn.JOBLESS, today=TODAY
    )
    impact = lifecycle.return_impact(engine, return_id=back)
    assert impact.message == (
        "Xóa lần về nước ngày 01/05/2025 của chuyến xuất cảnh ngày 16/04/2024 đi Nhật Bản, "
        "cùng với: 1 lần theo dõi sau về nước."
    )
    lifecycle.delete_return(engine, return_id=back, version=impact.version)
    assert person(engine, pid).status is PersonStatus.WORKING_ABROAD
    # the same departure can get its (corrected) return again
    again = lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2025, 6, 1), reason=ReturnReason.EARLY_ILLNESS, today=TODAY
    )
    assert again.return_id == back  # the soft-deleted row is revived: one return per departure
    assert person(engine, pid).status is PersonStatus.RETURNED


def test_allowed_actions_follow_the_rules() -> None:
    candidate = allowed_actions(PersonStatus.CANDIDATE, has_open_departure=False, has_return=False)
    assert LifecycleAction.REGISTER in candidate and LifecycleAction.DEPARTURE in candidate
    assert LifecycleAction.RETURN not in candidate and LifecycleAction.FOLLOW_UP not in candidate
    abroad = allowed_actions(PersonStatus.WORKING_ABROAD, has_open_departure=True, has_return=True)
    assert {LifecycleAction.STATUS_ABROAD, LifecycleAction.RETURN, LifecycleAction.FOLLOW_UP} <= abroad
    assert LifecycleAction.DEPARTURE not in abroad and LifecycleAction.REGISTER not in abroad
    returned = allowed_actions(PersonStatus.RETURNED, has_open_departure=False, has_return=True)
    assert {LifecycleAction.DEPARTURE, LifecycleAction.FOLLOW_UP, LifecycleAction.REGISTER} <= returned
    died = allowed_actions(PersonStatus.DIED, has_open_departure=True, has_return=False)
    assert died == frozenset({LifecycleAction.RETURN})
    withdrawn = allowed_actions(PersonStatus.WITHDRAWN, has_open_departure=False, has_return=False)
    assert LifecycleAction.DEPARTURE not in withdrawn and LifecycleAction.REGISTER in withdrawn
