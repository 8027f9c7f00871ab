"""A person's timeline and page header: order, content, folding of status events, what is possible."""

from __future__ import annotations

from datetime import date

import pytest

from xkld_desktop.domain.enums import (
    DepartureForm,
    EmploymentAfterReturn,
    Gender,
    LoanSource,
    OutreachGroup,
    PersonStatus,
    PolicyGroup,
    Programme,
    Relationship,
    RepaymentStatus,
    ReturnReason,
    ReviewClassification,
    StatusAbroad,
    SupportKind,
    SupportNeed,
)
from xkld_desktop.domain.models import (
    Household,
    HouseholdMember,
    OutreachAttendance,
    OutreachSession,
    Person,
    PersonPolicyGroup,
)
from xkld_desktop.services import lifecycle
from xkld_desktop.services.errors import NotFound
from xkld_desktop.services.lifecycle import DepartureInput, LifecycleAction, LoanInput
from xkld_desktop.services.timeline import TimelineKind, person_summary, person_timeline
from xkld_desktop.store.session import write_session

TODAY = date(2026, 11, 25)


def add_person(engine, name: str = "Nguyễn Văn Đức", *, born: date = date(1998, 3, 5)) -> int:
    with write_session(engine) as session:
        person = Person(
            full_name=name,
            name_key="",
            gender=Gender.MALE,
            date_of_birth=born,
            id_number="087098001234",
            phone="0912345678",
            hamlet="Ấp Gò Bói",
        )
        session.add(person)
        session.flush()
        session.add(PersonPolicyGroup(person_id=person.id or 0, group=PolicyGroup.NEAR_POOR))
        return person.id or 0


@pytest.fixture
def story(database):
    """Đức's story: reviewed, attended a session, registered, trained, went to Japan with a loan and
    supports, worked, changed employer, came back early, was followed up; his household."""
    engine = database.engine
    pid = add_person(engine)
    with write_session(engine) as session:
        outreach = OutreachSession(
            held_on=date(2021, 3, 20), place="Hội trường ấp Gò Bói", organiser="UBND xã", topic="Thị trường Nhật Bản"
        )
        home = Household(head_name="Nguyễn Văn Ba", address="Ấp Gò Bói")
        session.add_all([outreach, home])
        session.flush()
        session.add(OutreachAttendance(session_id=outreach.id or 0, person_id=pid))
        session.add(
            HouseholdMember(
                household_id=home.id or 0, person_id=pid, full_name="Nguyễn Văn Đức", relationship=Relationship.CHILD
            )
        )
    lifecycle.record_review(
        engine,
        person_id=pid,
        year=2021,
        classification=ReviewClassification.WANTS_TO_GO,
        outreach_group=OutreachGroup.SCHOOL_LEAVER,
        wished_market_code="JP",
        counselled=True,
        reviewed_on=date(2021, 3, 1),
        today=TODAY,
    )
    lifecycle.register(engine, person_id=pid, on=date(2021, 4, 2), today=TODAY)
    lifecycle.start_training(engine, person_id=pid, on=date(2021, 5, 3), note="Học tiếng Nhật N4", today=TODAY)
    dep = lifecycle.record_departure(
        engine,
        person_id=pid,
        data=DepartureInput(
            market_code="JP",
            departed_on=date(2021, 10, 1),
            form=DepartureForm.LICENSED_COMPANY,
            programme=Programme.JP_TECHNICAL_INTERN,
            company_name="Công ty Việt – Nhật",
            company_licence="187/LĐTBXH-GP",
            occupation="Hàn",
            employer="Công ty Kobayashi (Saitama)",
            contract_months=36,
            orientation_cert_on=date(2021, 8, 1),
            monthly_salary=30_000_000,
            deposit=None,
            cost_paid=105_000_000,
            loan=LoanInput(LoanSource.NHCSXH, 80_000_000, date(2021, 9, 20)),
            supports=[(SupportKind.HEALTH_CHECK, 750_000), (SupportKind.PASSPORT, 200_000)],
        ),
        today=TODAY,
    ).departure_id
    lifecycle.set_status_abroad(
        engine, departure_id=dep, status=StatusAbroad.WORKING, on=date(2021, 11, 1), today=TODAY
    )
    lifecycle.set_status_abroad(
        engine, departure_id=dep, status=StatusAbroad.CHANGED_EMPLOYER, on=date(2022, 6, 1), today=TODAY
    )
    back = lifecycle.record_return(
        engine,
        departure_id=dep,
        returned_on=date(2023, 2, 1),
        reason=ReturnReason.EARLY_ILLNESS,
        residence_notified_on=date(2023, 2, 10),
        notes="Đau lưng",
        today=TODAY,
    ).return_id
    lifecycle.record_follow_up(
        engine,
        return_id=back,
        followed_on=date(2023, 6, 1),
        employment=EmploymentAfterReturn.SELF_EMPLOYED,
        monthly_income=8_000_000,
        support_needs=[SupportNeed.LOAN, SupportNeed.VOCATIONAL_TRAINING],
        today=TODAY,
    )
    return engine, pid, dep, back


def test_timeline_tells_the_story_in_order(story) -> None:
    engine, pid, dep, back = story
    entries = person_timeline(engine, pid)
    assert [(e.on, e.kind, e.title) for e in entries] == [
        (date(2021, 3, 1), TimelineKind.REVIEW, "Rà soát năm 2021: Có nhu cầu đi"),
        (date(2021, 3, 20), TimelineKind.OUTREACH, "Dự buổi tư vấn, tuyên truyền: Thị trường Nhật Bản"),
        (date(2021, 4, 2), TimelineKind.STATUS, "Đăng ký đi làm việc ở nước ngoài"),
        (date(2021, 5, 3), TimelineKind.STATUS, "Bắt đầu đào tạo trước khi đi"),
        (date(2021, 10, 1), TimelineKind.DEPARTURE, "Xuất cảnh đi Nhật Bản"),
        (date(2021, 11, 1), TimelineKind.STATUS, "Làm việc ở nước ngoài"),
        (date(2022, 6, 1), TimelineKind.STATUS_ABROAD, "Chuyển chủ sử dụng"),
        (date(2023, 2, 1), TimelineKind.RETURN, "Về nước (trước hạn)"),
        (date(2023, 6, 1), TimelineKind.FOLLOW_UP, "Theo dõi sau về nước"),
    ]
    review, outreach, _reg, training, departure, _working, changed, returned, follow = entries
    assert review.details == (
        "Nhóm: Tốt nghiệp THPT không học tiếp",
        "Thị trường mong muốn: Nhật Bản",
        "Đã được tư vấn",
    )
    assert outreach.details == ("Địa điểm: Hội trường ấp Gò Bói", "Tổ chức: UBND xã")
    assert training.details == ("Học tiếng Nhật N4",)
    assert departure.details == (
        "Thị trường: Nhật Bản · Chương trình: Thực tập sinh kỹ năng (Nhật Bản)",
        "Hình thức: Qua doanh nghiệp dịch vụ",
        "Doanh nghiệp: Công ty Việt – Nhật (giấy phép 187/LĐTBXH-GP)",
        "Ngành nghề: Hàn · Nơi làm việc: Công ty Kobayashi (Saitama)",
        "Thời hạn hợp đồng: 36 tháng, dự kiến kết thúc 01/10/2024",
        "Lương tháng: 30.000.000 đồng · Chi phí đã nộp: 105.000.000 đồng",
        "Chứng chỉ bồi dưỡng kiến thức cần thiết cấp ngày 01/08/2021",
        "Vay vốn: 80.000.000 đồng — Ngân hàng Chính sách xã hội, giải ngân 20/09/2021 (chưa trả)",
        "Hỗ trợ: Khám sức khỏe 750.000 đồng; Hộ chiếu 200.000 đồng — tổng 950.000 đồng",
    )
    assert (departure.record_id, departure.departure_id) == (dep, dep)
    assert len(departure.status_event_ids) == 1  # the DEPARTED event is told by the departure itself
    assert changed.details == ("Chuyến xuất cảnh ngày 01/10/2021 đi Nhật Bản",)
    assert returned.details == (
        "Lý do: Tai nạn, ốm đau",
        "Chuyến xuất cảnh ngày 01/10/2021 đi Nhật Bản",
        "Đã khai báo cư trú ngày 10/02/2023",
        "Ghi chú: Đau lưng",
    )
    assert (returned.record_id, returned.return_id, returned.departure_id) == (back, back, dep)
    assert follow.details == (
        "Việc làm: Tự làm",
        "Thu nhập bình quân: 8.000.000 đồng/tháng",
        "Nhu cầu hỗ trợ: Đào tạo nghề, Vay vốn",
    )
    assert RepaymentStatus.OUTSTANDING.label().lower() in departure.details[7]


def test_timeline_in_english_for_the_english_ui(story) -> None:
    """The program's own words in English; what the officer wrote (places, notes, companies) as written."""
    engine, pid, _dep, _back = story
    entries = person_timeline(engine, pid, lang="en")
    assert [e.title for e in entries] == [
        "Review 2021: Wants to go",
        "Attended an outreach session: Thị trường Nhật Bản",
        "Registered to work abroad",
        "Started pre-departure training",
        "Departed for Japan",
        "Working abroad",
        "Changed employer",
        "Returned home (early)",
        "Follow-up after return",
    ]
    review, outreach, _reg, _training, departure, _working, changed, returned, follow = entries
    assert review.details[1:] == ("Wished market: Japan", "Counselled")
    assert outreach.details == ("Place: Hội trường ấp Gò Bói", "Organised by: UBND xã")
    assert departure.details[2:8] == (
        "Company: Công ty Việt – Nhật (licence 187/LĐTBXH-GP)",
        "Occupation: Hàn · Employer: Công ty Kobayashi (Saitama)",
        "Contract: 36 months, expected to end on 01/10/2024",
        "Monthly salary: 30,000,000 VND · Costs paid: 105,000,000 VND",
        "Pre-departure orientation certificate of 01/08/2021",
        "Loan: 80,000,000 VND — " + departure.details[7].split(" — ", 1)[1],
    )
    assert departure.details[8].startswith("Support: ") and departure.details[8].endswith(" — total 950,000 VND")
    assert changed.details == ("Departure of 01/10/2021 to Japan",)
    assert returned.details[2:] == ("Residence declared on 10/02/2023", "Notes: Đau lưng")
    assert follow.details[1] == "Average income: 8,000,000 VND a month"
    summary = person_summary(engine, pid, today=TODAY, lang="en")
    assert summary.household is not None and summary.household.relationship == Relationship.CHILD.label("en")
    # every word the program wrote is English: Vietnamese letters only inside the record data above
    data = ("Thị trường Nhật Bản", "Hội trường ấp Gò Bói", "UBND xã", "Công ty Việt – Nhật", "LĐTBXH", "Hàn")
    data += ("Công ty Kobayashi (Saitama)", "Đau lưng", "Học tiếng Nhật N4")
    for entry in entries:
        for text in (entry.title, *entry.details):
            for kept in data:
                text = text.replace(kept, "")
            assert not [ch for ch in text if ch.isalpha() and not ch.isascii()], text


def test_no_status_event_is_shown_twice(story) -> None:
    engine, pid, *_ = story
    titles = [e.title for e in person_timeline(engine, pid)]
    assert titles.count("Xuất cảnh") == 0  # folded into "Xuất cảnh đi Nhật Bản"
    assert titles.count("Về nước") == 0  # folded into "Về nước (trước hạn)"
    assert sum(len(e.status_event_ids) for e in person_timeline(engine, pid)) == 6


def test_summary_of_the_returnee(story) -> None:
    engine, pid, _dep, back = story
    summary = person_summary(engine, pid, today=TODAY)
    assert (summary.full_name, summary.age, summary.birth_text) == ("Nguyễn Văn Đức", 28, "05/03/1998 (28 tuổi)")
    assert (summary.id_number, summary.phone, summary.place_text) == ("087098001234", "0912345678", "Ấp Gò Bói")
    assert (summary.status, summary.status_since) == (PersonStatus.RETURNED, date(2023, 2, 1))
    assert summary.policy_groups == (PolicyGroup.NEAR_POOR,)
    assert summary.household is not None
    assert (summary.household.head_name, summary.household.relationship) == ("Nguyễn Văn Ba", "Con")
    assert summary.open_departure is None
    assert summary.latest_return is not None
    assert (summary.latest_return.id, summary.latest_return.follow_ups) == (back, 1)
    assert {LifecycleAction.FOLLOW_UP, LifecycleAction.DEPARTURE, LifecycleAction.REVIEW} <= summary.actions
    assert LifecycleAction.RETURN not in summary.actions


def test_summary_while_abroad_and_after_a_deletion(story) -> None:
    engine, pid, dep, _back = story
    again = lifecycle.record_departure(
        engine,
        person_id=pid,
        data=DepartureInput(
            market_code="KR", departed_on=date(2025, 3, 1), programme=Programme.KR_EPS, contract_months=58
        ),
        today=TODAY,
    ).departure_id
    summary = person_summary(engine, pid, today=TODAY)
    assert summary.open_departure is not None
    assert (summary.open_departure.id, summary.open_departure.market_name) == (again, "Hàn Quốc")
    assert summary.open_departure.expected_end_on == date(2030, 1, 1)
    assert {LifecycleAction.RETURN, LifecycleAction.STATUS_ABROAD} <= summary.actions
    assert LifecycleAction.DEPARTURE not in summary.actions

    lifecycle.delete_departure(engine, departure_id=dep)
    entries = person_timeline(engine, pid)
    assert [e.title for e in entries if e.kind is TimelineKind.DEPARTURE] == ["Xuất cảnh đi Hàn Quốc"]
    assert not [e for e in entries if e.kind in (TimelineKind.RETURN, TimelineKind.FOLLOW_UP)]
    assert person_summary(engine, pid).latest_return is None


def test_unknown_person_is_not_found(database) -> None:
    with pytest.raises(NotFound):
        person_timeline(database.engine, 424242)
    with pytest.raises(NotFound):
        person_summary(database.engine, 424242)


def test_a_new_candidate_has_an_empty_story(database) -> None:
    pid = add_person(database.engine, "Trần Thị Hoa", born=date(2001, 1, 1))
    assert person_timeline(database.engine, pid) == []
    summary = person_summary(database.engine, pid)
    assert summary.status is PersonStatus.CANDIDATE and summary.household is None
    assert LifecycleAction.RETURN not in summary.actions and LifecycleAction.REGISTER in summary.actions
