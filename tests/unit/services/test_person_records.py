"""Creating, changing and deleting a person's record: every rule, checked in the database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from xkld_desktop.domain.enums import (
    DatePrecision,
    EducationLevel,
    Gender,
    IdKind,
    PersonStatus,
    PolicyGroup,
    Relationship,
    ReturnReason,
    ReviewClassification,
)
from xkld_desktop.domain.models import (
    Departure,
    Household,
    HouseholdMember,
    Loan,
    Person,
    PersonPolicyGroup,
    StatusEvent,
    WorkerReturn,
    YearlyReview,
)
from xkld_desktop.domain.validation import Severity
from xkld_desktop.services.errors import DuplicatePerson, NotFound, Refused, ValidationFailed
from xkld_desktop.services.people import PeopleFilter, list_person_ids, search_people
from xkld_desktop.services.person_records import (
    STALE_MESSAGE,
    PersonInput,
    PossibleDuplicate,
    create_person,
    delete_person,
    deletion_impact,
    get_person,
    restore_person,
    update_person,
    validate_person,
)
from xkld_desktop.services.reference import list_communes
from xkld_desktop.services.settings import set_own_unit
from xkld_desktop.store.session import read_session, write_session

TODAY = date(2026, 11, 25)
# 087 Đồng Tháp, 0 = male born 1900s, 98 = 1998
DUC_CCCD = "087098001234"


def duc(**changes) -> PersonInput:
    data = PersonInput(
        full_name="  Nguyễn   Văn Đức ",
        gender=Gender.MALE,
        date_of_birth=date(1998, 3, 5),
        id_number="087 098 001 234",
        phone="+84 912 345 678",
        hamlet="Ấp Tân Hòa",
        education=EducationLevel.UPPER_SECONDARY,
        passport_number="c1234567",
        policy_groups=frozenset({PolicyGroup.POOR, PolicyGroup.DEMOBILISED}),
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def messages(issues, field, severity=None) -> list[str]:
    return [i.message for i in issues if i.field == field and (severity is None or i.severity is severity)]


def count(engine, model) -> int:
    with read_session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def own_unit(database):
    commune = list_communes(database.engine, "82")[0]  # a commune of Đồng Tháp
    return set_own_unit(database.engine, unit_id=commune.id)


# --------------------------------------------------------------------------- validation


def test_a_good_record_has_no_issue() -> None:
    assert validate_person(duc(), today=TODAY) == []


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"full_name": "   "}, "full_name", "Họ tên không được để trống"),
        ({"full_name": "Nguyễn Văn 2"}, "full_name", "Họ tên không được chứa chữ số"),
        ({"id_number": "08709800123"}, "id_number", "Số CCCD phải gồm 12 chữ số"),
        ({"id_number": "087998001234"}, "id_number", "chữ số thứ 4 (9) phải từ 0 đến 5"),
        ({"id_number": "08709800123a"}, "id_number", "Số CCCD chỉ được gồm chữ số"),
        ({"phone": "12345"}, "phone", "Số điện thoại phải gồm 10 chữ số"),
        ({"date_of_birth": date(2027, 1, 1)}, "date_of_birth", "Ngày sinh không được ở tương lai"),
        ({"id_issued_on": date(2026, 12, 1)}, "id_issued_on", "Ngày cấp không được ở tương lai"),
        ({"id_issued_on": date(1990, 1, 1)}, "id_issued_on", "Ngày cấp phải sau ngày sinh"),
        ({"consent_on": date(2027, 1, 1)}, "consent_on", "Ngày đồng ý không được ở tương lai"),
        ({"hamlet": "x" * 81}, "hamlet", "Ấp/thôn quá dài (tối đa 80 ký tự)"),
    ],
)
def test_errors_name_the_field_in_vietnamese(changes, field, expected) -> None:
    errors = messages(validate_person(duc(**changes), today=TODAY), field, Severity.ERROR)
    assert any(expected in m for m in errors), errors


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"gender": Gender.FEMALE}, "id_number", "Số CCCD cho biết giới tính Nam, hồ sơ ghi Nữ"),
        ({"date_of_birth": date(1997, 3, 5)}, "id_number", "Số CCCD cho biết năm sinh 1998, hồ sơ ghi 1997"),
        ({"id_number": "087098001"}, "id_number", "Đây là số CMND cũ"),
        ({"date_of_birth": date(1960, 1, 1), "id_number": ""}, "date_of_birth", "Ngoài độ tuổi lao động 15–60"),
        ({"phone": "0212345678"}, "phone", "Đầu số 02 không phải đầu số di động"),
        ({"passport_number": "12345"}, "passport_number", "Số hộ chiếu Việt Nam thường gồm"),
        ({"full_name": "Đức"}, "full_name", "Họ tên chỉ có một từ"),
    ],
)
def test_warnings_do_not_block(changes, field, expected) -> None:
    issues = validate_person(duc(**changes), today=TODAY)
    assert [i for i in issues if i.severity is Severity.ERROR] == []
    assert any(expected in m for m in messages(issues, field, Severity.WARNING)), issues


def test_a_year_of_birth_alone_is_checked_against_the_cccd() -> None:
    data = duc(date_of_birth=date(1998, 1, 1), birth_precision=DatePrecision.YEAR)
    assert validate_person(data, today=TODAY) == []
    data = duc(date_of_birth=date(2027, 1, 1), birth_precision=DatePrecision.YEAR)
    assert messages(validate_person(data, today=TODAY), "date_of_birth", Severity.ERROR)


# --------------------------------------------------------------------------- create


def test_create_stores_normalised_values_stamps_the_unit_and_starts_the_timeline(database, own_unit) -> None:
    detail = create_person(database.engine, data=duc(), today=TODAY)

    with read_session(database.engine) as session:
        person = session.get(Person, detail.id)
        assert person.full_name == "Nguyễn Văn Đức"
        assert person.name_key == "nguyen van duc"
        assert person.id_number == DUC_CCCD
        assert person.id_kind is IdKind.CCCD
        assert person.phone == "0912345678"
        assert person.passport_number == "C1234567"
        assert person.hamlet == "Ấp Tân Hòa"
        assert person.unit_code == own_unit.code
        assert person.status is PersonStatus.CANDIDATE
        assert person.status_since == TODAY
        groups = set(session.scalars(select(PersonPolicyGroup.group).where(PersonPolicyGroup.person_id == detail.id)))
        assert groups == {PolicyGroup.POOR, PolicyGroup.DEMOBILISED}
        [event] = session.scalars(select(StatusEvent).where(StatusEvent.person_id == detail.id)).all()
        assert (event.status, event.happened_on, event.note, event.unit_code) == (
            PersonStatus.CANDIDATE,
            TODAY,
            "Tạo hồ sơ",
            own_unit.code,
        )
    assert detail.policy_groups == frozenset({PolicyGroup.POOR, PolicyGroup.DEMOBILISED})
    assert detail.version == 1
    assert [r.full_name for r in search_people(database.engine, "nguyen van duc")] == ["Nguyễn Văn Đức"]


def test_create_can_start_as_registered_but_not_as_departed(database) -> None:
    detail = create_person(database.engine, data=duc(status=PersonStatus.REGISTERED), today=TODAY)
    assert get_person(database.engine, detail.id).status is PersonStatus.REGISTERED
    with pytest.raises(Refused, match="Hồ sơ mới chỉ có thể bắt đầu"):
        create_person(database.engine, data=duc(id_number="", status=PersonStatus.DEPARTED), today=TODAY)


def test_create_refuses_errors_and_writes_nothing(database) -> None:
    with pytest.raises(ValidationFailed) as caught:
        create_person(database.engine, data=duc(full_name="", id_number="123"), today=TODAY)
    assert caught.value.errors_for("full_name") == ["Họ tên không được để trống"]
    assert caught.value.errors_for("id_number")[0].startswith("Số CCCD phải gồm 12 chữ số")
    assert "Họ tên không được để trống" in caught.value.message
    assert count(database.engine, Person) == 0


def test_a_cccd_already_recorded_is_refused_with_the_other_record(database) -> None:
    first = create_person(database.engine, data=duc(), today=TODAY)
    with pytest.raises(DuplicatePerson) as caught:
        create_person(database.engine, data=duc(full_name="Trần Văn Đức", id_number=DUC_CCCD), today=TODAY)
    assert caught.value.existing_id == first.id
    assert caught.value.message == (
        f"Số CCCD {DUC_CCCD} đã có trong hồ sơ của Nguyễn Văn Đức. Mở hồ sơ đó thay vì tạo mới?"
    )
    assert count(database.engine, Person) == 1


def test_the_cccd_of_a_deleted_record_is_refused_and_says_so(database) -> None:
    first = create_person(database.engine, data=duc(), today=TODAY)
    delete_person(database.engine, person_id=first.id)
    with pytest.raises(Refused, match="thuộc hồ sơ đã xóa của Nguyễn Văn Đức"):
        create_person(database.engine, data=duc(full_name="Lê Văn Tám"), today=TODAY)


def test_same_name_and_birth_date_asks_first(database) -> None:
    first = create_person(database.engine, data=duc(), today=TODAY)
    twin = duc(full_name="nguyen van duc", id_number="", passport_number="")
    with pytest.raises(PossibleDuplicate) as caught:
        create_person(database.engine, data=twin, today=TODAY)
    assert caught.value.existing_id == first.id
    assert caught.value.message.startswith("Đã có hồ sơ Nguyễn Văn Đức, sinh 05/03/1998")
    assert count(database.engine, Person) == 1

    second = create_person(database.engine, data=twin, today=TODAY, allow_same_name=True)
    assert second.full_name == "nguyen van duc"
    assert count(database.engine, Person) == 2


def test_same_name_and_birth_date_with_different_cccds_are_different_people(database) -> None:
    create_person(database.engine, data=duc(), today=TODAY)
    other = create_person(database.engine, data=duc(id_number="087098009999"), today=TODAY)
    assert other.id_number == "087098009999"


# --------------------------------------------------------------------------- update


def test_update_saves_the_changes_and_bumps_the_version(database) -> None:
    detail = create_person(database.engine, data=duc(), today=TODAY)
    changed = detail.to_input()
    changed.phone = "0987 654 321"
    changed.hamlet = "Ấp Thống Nhất"
    changed.policy_groups = frozenset({PolicyGroup.NEAR_POOR})

    after = update_person(
        database.engine, person_id=detail.id, data=changed, expected_version=detail.version, today=TODAY
    )

    assert after.version == detail.version + 1
    reread = get_person(database.engine, detail.id)
    assert (reread.phone, reread.hamlet) == ("0987654321", "Ấp Thống Nhất")
    assert reread.policy_groups == frozenset({PolicyGroup.NEAR_POOR})
    assert reread.status is PersonStatus.CANDIDATE


def test_a_change_of_policy_groups_alone_is_a_new_version(database) -> None:
    detail = create_person(database.engine, data=duc(), today=TODAY)
    changed = detail.to_input()
    changed.policy_groups = frozenset()
    after = update_person(database.engine, person_id=detail.id, data=changed, expected_version=1, today=TODAY)
    assert after.version == 2
    assert after.policy_groups == frozenset()


def test_a_stale_copy_is_refused_and_changes_nothing(database) -> None:
    detail = create_person(database.engine, data=duc(), today=TODAY)
    mine, theirs = detail.to_input(), detail.to_input()
    theirs.hamlet = "Ấp của người khác"
    update_person(database.engine, person_id=detail.id, data=theirs, expected_version=1, today=TODAY)

    mine.hamlet = "Ấp của tôi"
    with pytest.raises(Refused) as caught:
        update_person(database.engine, person_id=detail.id, data=mine, expected_version=1, today=TODAY)
    assert caught.value.message.startswith(STALE_MESSAGE.split(". ")[0])  # "Hồ sơ vừa được người khác sửa …"
    assert "đã sửa: Ấp" in caught.value.message and "chưa được lưu" in caught.value.message
    assert get_person(database.engine, detail.id).hamlet == "Ấp của người khác"


def test_update_refuses_another_persons_cccd_but_keeps_its_own(database) -> None:
    first = create_person(database.engine, data=duc(), today=TODAY)
    second = create_person(
        database.engine,
        data=duc(full_name="Trần Thị Hoa", gender=Gender.FEMALE, id_number="087198001111", date_of_birth=None),
        today=TODAY,
    )
    changed = second.to_input()
    changed.id_number = DUC_CCCD
    with pytest.raises(DuplicatePerson) as caught:
        update_person(database.engine, person_id=second.id, data=changed, expected_version=1, today=TODAY)
    assert caught.value.existing_id == first.id

    same = first.to_input()
    same.notes = "Đã liên hệ"
    assert update_person(database.engine, person_id=first.id, data=same, expected_version=1, today=TODAY).notes == (
        "Đã liên hệ"
    )


def test_update_asks_about_the_same_name_only_when_name_or_birth_changed(database) -> None:
    create_person(database.engine, data=duc(), today=TODAY)
    other = create_person(
        database.engine, data=duc(full_name="Nguyễn Văn Đông", id_number="", passport_number=""), today=TODAY
    )
    renamed = other.to_input()
    renamed.full_name = "Nguyễn Văn Đức"
    with pytest.raises(PossibleDuplicate):
        update_person(database.engine, person_id=other.id, data=renamed, expected_version=1, today=TODAY)
    saved = update_person(
        database.engine, person_id=other.id, data=renamed, expected_version=1, today=TODAY, allow_same_name=True
    )
    again = saved.to_input()
    again.notes = "ghi chú"  # the name did not change this time: no question
    update_person(database.engine, person_id=other.id, data=again, expected_version=saved.version, today=TODAY)


def test_update_of_a_deleted_record_is_not_found(database) -> None:
    detail = create_person(database.engine, data=duc(), today=TODAY)
    delete_person(database.engine, person_id=detail.id)
    with pytest.raises(NotFound, match="có thể hồ sơ vừa bị xóa"):
        update_person(database.engine, person_id=detail.id, data=detail.to_input(), expected_version=1)


def test_get_person_names_the_commune(database) -> None:
    commune = list_communes(database.engine, "82")[0]
    detail = create_person(database.engine, data=duc(commune_id=commune.id), today=TODAY)
    assert get_person(database.engine, detail.id).commune_name == commune.name
    with pytest.raises(NotFound):
        get_person(database.engine, 999_999)


# --------------------------------------------------------------------------- delete


@pytest.fixture
def worker_with_history(database):
    """A worker with two departures (one returned, with a loan), a review and a household."""
    detail = create_person(database.engine, data=duc(), today=TODAY)
    with write_session(database.engine) as session:
        first = Departure(person_id=detail.id, market_code="JP", departed_on=date(2019, 4, 1), contract_months=36)
        second = Departure(person_id=detail.id, market_code="KR", departed_on=date(2023, 5, 1))
        session.add_all([first, second])
        session.flush()
        session.add(Loan(departure_id=first.id, amount=100_000_000))
        session.add(
            WorkerReturn(departure_id=first.id, returned_on=date(2022, 4, 2), reason=ReturnReason.CONTRACT_ENDED)
        )
        session.add(YearlyReview(person_id=detail.id, year=2026, classification=ReviewClassification.WANTS_TO_GO))
        household = Household(head_name="Nguyễn Văn Hai")
        session.add(household)
        session.flush()
        session.add(
            HouseholdMember(
                household_id=household.id,
                person_id=detail.id,
                full_name="Nguyễn Văn Đức",
                relationship=Relationship.CHILD,
            )
        )
    return detail


def test_deletion_impact_counts_what_goes_with_the_person(database, worker_with_history) -> None:
    impact = deletion_impact(database.engine, worker_with_history.id)
    assert impact.full_name == "Nguyễn Văn Đức"
    assert (impact.departures, impact.returns, impact.reviews, impact.status_events) == (2, 1, 1, 1)
    assert impact.household_head == "Nguyễn Văn Hai"
    assert impact.household_member and not impact.is_empty


def test_delete_is_soft_and_takes_the_history_along(database, worker_with_history) -> None:
    pid = worker_with_history.id
    impact = delete_person(database.engine, person_id=pid, expected_version=1)
    assert impact.departures == 2

    assert list_person_ids(database.engine) == []
    assert pid in list_person_ids(database.engine, PeopleFilter(include_deleted=True))
    with pytest.raises(NotFound):
        get_person(database.engine, pid)
    with read_session(database.engine) as session:
        person = session.get(Person, pid)
        assert person is not None and person.deleted_at is not None
        for model in (Departure, Loan, WorkerReturn, YearlyReview, HouseholdMember, StatusEvent):
            stamps = set(session.scalars(select(model.deleted_at)))
            assert stamps == {person.deleted_at}, model.__name__
        assert session.scalar(select(func.count()).select_from(Household)) == 1  # the household stays
        assert session.scalar(select(Household.deleted_at)) is None
    with pytest.raises(NotFound):
        delete_person(database.engine, person_id=pid)


def test_restore_brings_back_exactly_what_was_deleted(database, worker_with_history) -> None:
    pid = worker_with_history.id
    with write_session(database.engine) as session:  # deleted before, on its own: must stay deleted
        review = session.scalars(select(YearlyReview)).one()
        session.add(YearlyReview(person_id=pid, year=2025, classification=ReviewClassification.NOT_NOW))
        session.flush()
        old = session.scalars(select(YearlyReview).where(YearlyReview.year == 2025)).one()
        old.deleted_at = review.created_at
    delete_person(database.engine, person_id=pid)

    restored = restore_person(database.engine, person_id=pid)

    assert restored.deleted_at is None
    assert list_person_ids(database.engine) == [pid]
    impact = deletion_impact(database.engine, pid)
    assert (impact.departures, impact.returns, impact.reviews) == (2, 1, 1)
    assert impact.household_head == "Nguyễn Văn Hai"


def test_delete_with_a_stale_version_is_refused(database) -> None:
    detail = create_person(database.engine, data=duc(), today=TODAY)
    changed = detail.to_input()
    changed.notes = "sửa"
    update_person(database.engine, person_id=detail.id, data=changed, expected_version=1, today=TODAY)
    with pytest.raises(Refused, match="Hồ sơ vừa được người khác sửa"):
        delete_person(database.engine, person_id=detail.id, expected_version=1)
    assert get_person(database.engine, detail.id).deleted_at is None


# --------------------------------------------------------------------------- what the record refers to


def test_an_unknown_commune_is_a_validation_error_and_writes_nothing(database) -> None:
    with pytest.raises(ValidationFailed) as failed:
        create_person(database.engine, data=duc(commune_id=999_999), today=TODAY)
    assert failed.value.errors_for("commune_id") == ["Không tìm thấy xã/phường đã chọn"]
    assert count(database.engine, Person) == 0

    detail = create_person(database.engine, data=duc(), today=TODAY)
    with pytest.raises(ValidationFailed) as failed:
        update_person(
            database.engine, person_id=detail.id, data=duc(commune_id=999_999), expected_version=1, today=TODAY
        )
    assert failed.value.errors_for("commune_id") == ["Không tìm thấy xã/phường đã chọn"]
    after = get_person(database.engine, detail.id)
    assert (after.commune_id, after.version) == (None, 1)


# --------------------------------------------------------------------------- the date of birth and the history


def _departed(engine) -> int:
    from xkld_desktop.domain.enums import Programme
    from xkld_desktop.services.lifecycle import DepartureInput, record_departure

    detail = create_person(engine, data=duc(), today=date(2020, 1, 1))
    record_departure(
        engine,
        person_id=detail.id,
        data=DepartureInput(
            market_code="JP",
            departed_on=date(2021, 4, 1),
            programme=Programme.JP_TECHNICAL_INTERN,
            company_name="Công ty A",
            contract_months=36,
        ),
        today=TODAY,
    )
    return detail.id


@pytest.mark.parametrize(
    ("born", "precision", "expected"),
    [
        pytest.param(
            date(2010, 1, 1),
            DatePrecision.DAY,
            "Ngày sinh 01/01/2010 không khớp chuyến xuất cảnh ngày 01/04/2021: "
            "người lao động phải đủ 18 tuổi khi xuất cảnh (ngày xuất cảnh 01/04/2021 mới 11 tuổi)",
            id="eleven at departure",
        ),
        pytest.param(
            date(2003, 4, 2),
            DatePrecision.DAY,
            "Ngày sinh 02/04/2003 không khớp chuyến xuất cảnh ngày 01/04/2021: "
            "người lao động phải đủ 18 tuổi khi xuất cảnh (ngày xuất cảnh 01/04/2021 mới 17 tuổi)",
            id="a day short of 18",
        ),
        pytest.param(
            date(2022, 1, 1),
            DatePrecision.DAY,
            "Ngày sinh 01/01/2022 không khớp chuyến xuất cảnh ngày 01/04/2021: ngày xuất cảnh phải sau ngày sinh",
            id="born after the departure",
        ),
        pytest.param(
            date(2005, 1, 1),
            DatePrecision.YEAR,
            "Ngày sinh 2005 không khớp chuyến xuất cảnh ngày 01/04/2021: "
            "người lao động phải đủ 18 tuổi khi xuất cảnh (ngày xuất cảnh 01/04/2021 mới 16 tuổi)",
            id="year only, 16 at most",
        ),
    ],
)
def test_a_birth_date_the_departure_contradicts_is_refused(database, born, precision, expected) -> None:
    engine = database.engine
    pid = _departed(engine)
    before = get_person(engine, pid)
    with pytest.raises(ValidationFailed) as failed:
        update_person(
            engine,
            person_id=pid,
            data=duc(date_of_birth=born, birth_precision=precision, id_number=""),
            expected_version=before.version,
            today=TODAY,
        )
    assert failed.value.errors_for("date_of_birth") == [expected]
    after = get_person(engine, pid)
    assert (after.date_of_birth, after.version) == (date(1998, 3, 5), before.version)


def test_a_birth_date_the_departure_allows_is_saved(database) -> None:
    engine = database.engine
    pid = _departed(engine)
    version = get_person(engine, pid).version
    # 18 on the day of departure; a year-only 2003 may be 17 or 18 (a warning at departure, not an error)
    for born, precision in ((date(2003, 4, 1), DatePrecision.DAY), (date(2003, 1, 1), DatePrecision.YEAR)):
        saved = update_person(
            engine,
            person_id=pid,
            data=duc(date_of_birth=born, birth_precision=precision, id_number=""),
            expected_version=version,
            today=TODAY,
        )
        assert (saved.date_of_birth, saved.birth_precision) == (born, precision)
        version = saved.version


def test_a_deleted_departure_does_not_hold_the_birth_date_back(database) -> None:
    from xkld_desktop.services.lifecycle import delete_departure

    engine = database.engine
    pid = _departed(engine)
    with read_session(engine) as session:
        departure_id = session.scalar(select(Departure.id).where(Departure.person_id == pid))
    delete_departure(engine, departure_id=departure_id)
    version = get_person(engine, pid).version
    saved = update_person(
        engine,
        person_id=pid,
        data=duc(date_of_birth=date(2010, 1, 1), id_number=""),
        expected_version=version,
        today=TODAY,
    )
    assert saved.date_of_birth == date(2010, 1, 1)


def test_a_birth_date_after_a_status_event_is_refused(database) -> None:
    from xkld_desktop.services.lifecycle import register

    engine = database.engine
    detail = create_person(engine, data=duc(date_of_birth=None, id_number=""), today=date(2024, 1, 1))
    register(engine, person_id=detail.id, on=date(2021, 3, 15), today=TODAY)  # recorded late, dated back
    version = get_person(engine, detail.id).version
    with pytest.raises(ValidationFailed) as failed:
        update_person(
            engine,
            person_id=detail.id,
            data=duc(date_of_birth=date(2022, 1, 1), id_number=""),
            expected_version=version,
            today=TODAY,
        )
    assert failed.value.errors_for("date_of_birth") == [
        "Ngày sinh 01/01/2022 không khớp diễn biến “Đã đăng ký” ngày 15/03/2021: "
        "ngày sinh phải trước mọi diễn biến của hồ sơ"
    ]
    assert get_person(engine, detail.id).date_of_birth is None


# --------------------------------------------------------------------------- a household head


def test_a_restored_head_is_head_again_unless_another_head_was_chosen(database) -> None:
    from xkld_desktop.services import households

    engine = database.engine
    head = create_person(engine, data=PersonInput(full_name="Trần Văn Hai"), today=TODAY).id
    wife = create_person(engine, data=PersonInput(full_name="Lê Thị Ba"), today=TODAY).id
    household = households.create_household(engine, head_person_id=head, hamlet="Ấp 1", today=TODAY)
    households.add_member(engine, household_id=household, relationship=Relationship.SPOUSE, person_id=wife)

    def heads() -> list[tuple[str, Relationship]]:
        detail = households.household_detail(engine, household)
        return [(m.full_name, m.relationship) for m in detail.members]

    # nobody chose another head meanwhile: he is head again
    delete_person(engine, person_id=head)
    restore_person(engine, person_id=head)
    detail = households.household_detail(engine, household)
    assert (detail.head_person_id, detail.head_name) == (head, "Trần Văn Hai")
    assert sorted(heads()) == [("Lê Thị Ba", Relationship.SPOUSE), ("Trần Văn Hai", Relationship.HEAD)]

    # his wife became head while his record was in the bin: she stays head, he comes back as a member
    delete_person(engine, person_id=head)
    wife_row = next(m for m in households.household_detail(engine, household).members if m.person_id == wife)
    households.set_head(engine, member_id=wife_row.id, former_head_relationship=Relationship.SPOUSE)
    restore_person(engine, person_id=head)
    detail = households.household_detail(engine, household)
    assert (detail.head_person_id, detail.head_name) == (wife, "Lê Thị Ba")
    assert sorted(heads()) == [("Lê Thị Ba", Relationship.HEAD), ("Trần Văn Hai", Relationship.OTHER)]


def test_renaming_a_head_renames_their_household_in_lists_titles_and_search(database) -> None:
    from xkld_desktop.services import households

    engine = database.engine
    head = create_person(
        engine, data=PersonInput(full_name="Trần Thị Lan", date_of_birth=date(1990, 1, 2)), today=TODAY
    )
    household = households.create_household(engine, head_person_id=head.id, hamlet="Ấp 3", today=TODAY)
    update_person(
        engine,
        person_id=head.id,
        data=PersonInput(full_name="Trần  Thị Hoa", date_of_birth=date(1990, 1, 2)),
        expected_version=head.version,
        today=TODAY,
    )
    assert households.fetch_household_rows(engine, [household])[household].head_name == "Trần Thị Hoa"
    detail = households.household_detail(engine, household)
    assert detail.head_name == "Trần Thị Hoa"
    assert detail.head is not None and detail.head.full_name == "Trần Thị Hoa"
    assert [r.id for r in households.search_households(engine, "hoa")] == [household]
    assert households.search_households(engine, "lan") == []
    with read_session(engine) as session:
        row = session.get(HouseholdMember, detail.head.id)
        assert row is not None and row.full_name == "Trần Thị Hoa"
