"""The family club: clubs, memberships, meetings with attendance, visits, and the not-visited list."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from xkld_desktop.domain.models import ClubMeeting, ClubMembership, FamilyClub, FamilyVisit
from xkld_desktop.services.club import (
    club_detail,
    create_club,
    delete_meeting,
    delete_visit,
    households_not_visited,
    join_club,
    leave_club,
    list_club_members,
    list_clubs,
    list_meetings,
    list_visits,
    meeting_detail,
    member_households_on,
    previous_quarter,
    quarter_bounds,
    quarter_label,
    quarter_number,
    record_meeting,
    record_visit,
    update_club,
    update_meeting,
    update_visit,
)
from xkld_desktop.services.errors import NotFound, Refused, ValidationFailed
from xkld_desktop.services.households import create_household, delete_household
from xkld_desktop.services.settings import find_unit_id, set_own_unit
from xkld_desktop.store.session import read_session

TODAY = date(2026, 11, 25)


@pytest.fixture
def engine(database):
    return database.engine


@pytest.fixture
def club(engine) -> int:
    return create_club(
        engine,
        name="CLB gia đình có người đi lao động ở nước ngoài xã Tân Hộ Cơ",
        founded_on=date(2020, 3, 1),
        leader_name="Phạm Thị Vy",
        leader_phone="0912 000 111",
        today=TODAY,
    )


@pytest.fixture
def homes(engine) -> dict[str, int]:
    return {
        name: create_household(engine, head_name=name, hamlet=hamlet)
        for name, hamlet in (
            ("Nguyễn Văn Đức", "Ấp 3"),
            ("Trần Văn An", "Ấp 1"),
            ("Lê Thị Bình", "Ấp 2"),
            ("Đặng Hữu Đạt", "Ấp 3"),
        )
    }


def join(engine, club: int, household: int, on: date = date(2021, 1, 10)) -> int:
    return join_club(engine, club_id=club, household_id=household, joined_on=on, today=TODAY)


def visit(engine, household: int, on: date, **kwargs) -> int:
    return record_visit(engine, household_id=household, visited_on=on, visitor="Phạm Thị Vy", today=TODAY, **kwargs)


def not_visited(engine, club: int | None, on: date) -> list[str]:
    return [r.head_name for r in households_not_visited(engine, club_id=club, quarter_of=on)]


# --------------------------------------------------------------------------- quarters


@pytest.mark.parametrize(
    ("day", "start", "end", "number"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31), 1),
        (date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 31), 1),
        (date(2026, 4, 1), date(2026, 4, 1), date(2026, 6, 30), 2),
        (date(2026, 9, 30), date(2026, 7, 1), date(2026, 9, 30), 3),
        (date(2026, 10, 1), date(2026, 10, 1), date(2026, 12, 31), 4),
        (date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31), 4),
        (date(2024, 2, 29), date(2024, 1, 1), date(2024, 3, 31), 1),
    ],
)
def test_quarter_bounds(day, start, end, number) -> None:
    assert quarter_bounds(day) == (start, end)
    assert quarter_number(day) == number
    assert quarter_label(day) == f"Quý {number}/{day.year}"


def test_previous_quarter_crosses_the_year() -> None:
    assert previous_quarter(date(2026, 1, 15)) == date(2025, 10, 1)
    assert previous_quarter(date(2026, 11, 25)) == date(2026, 7, 1)


# --------------------------------------------------------------------------- clubs


def test_a_club_is_stamped_with_the_unit_and_lists_its_counts(engine, homes) -> None:
    unit_id = find_unit_id(engine, code="29929")
    assert unit_id is not None
    set_own_unit(engine, unit_id=unit_id)
    club_id = create_club(engine, name="  CLB  xã Tân Hộ Cơ ", leader_name="Phạm Thị Vy", today=TODAY)
    join(engine, club_id, homes["Trần Văn An"])
    record_meeting(engine, club_id=club_id, held_on=date(2026, 5, 5), topic="Sinh hoạt định kỳ", today=TODAY)
    visit(engine, homes["Trần Văn An"], date(2026, 6, 1))
    row = club_detail(engine, club_id)
    assert (row.name, row.commune_id, row.leader_name) == ("CLB xã Tân Hộ Cơ", unit_id, "Phạm Thị Vy")
    assert (row.active_households, row.meetings, row.visits, row.last_meeting_on) == (1, 1, 1, date(2026, 5, 5))
    with read_session(engine) as session:
        for model in (FamilyClub, ClubMembership, ClubMeeting, FamilyVisit):
            assert {r.unit_code for r in session.scalars(select(model))} == {"29929"}, model
    assert [c.id for c in list_clubs(engine)] == [club_id]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "  "}, "name", "Chưa nhập tên câu lạc bộ"),
        ({"name": "CLB", "founded_on": date(2026, 11, 26)}, "founded_on", "Ngày thành lập không được ở tương lai"),
        ({"name": "CLB", "leader_phone": "0912"}, "leader_phone", "Số điện thoại phải gồm 10 chữ số"),
        ({"name": "CLB", "leader_name": "Vy 2"}, "leader_name", "Họ tên không được chứa chữ số"),
    ],
)
def test_invalid_clubs_are_refused(engine, fields, field, message) -> None:
    with pytest.raises(ValidationFailed) as caught:
        create_club(engine, today=TODAY, **fields)
    assert any(m.startswith(message) for m in caught.value.errors_for(field))
    assert list_clubs(engine) == []


def test_update_club_keeps_the_founding_before_its_history_and_checks_the_version(engine, club, homes) -> None:
    join(engine, club, homes["Trần Văn An"], date(2021, 1, 10))
    before = club_detail(engine, club)
    with pytest.raises(ValidationFailed, match="10/01/2021"):
        update_club(engine, club_id=club, version=before.version, name=before.name, founded_on=date(2022, 1, 1))
    update_club(
        engine,
        club_id=club,
        version=before.version,
        name="CLB mới",
        founded_on=date(2019, 1, 1),
        leader_name="Lê Văn Tư",
        today=TODAY,
    )
    after = club_detail(engine, club)
    assert (after.name, after.founded_on, after.leader_name, after.leader_phone) == (
        "CLB mới",
        date(2019, 1, 1),
        "Lê Văn Tư",
        None,
    )
    with pytest.raises(Refused, match="Hồ sơ vừa được người khác sửa"):
        update_club(engine, club_id=club, version=before.version, name="CLB cũ")


# --------------------------------------------------------------------------- memberships


def test_joining_and_leaving_follow_the_dates(engine, club, homes) -> None:
    hid = homes["Trần Văn An"]
    with pytest.raises(ValidationFailed, match="Ngày vào CLB không được ở tương lai"):
        join(engine, club, hid, date(2026, 12, 1))
    with pytest.raises(ValidationFailed, match=r"trước ngày thành lập CLB \(01/03/2020\)"):
        join(engine, club, hid, date(2020, 2, 28))
    membership = join(engine, club, hid, date(2020, 3, 1))
    with pytest.raises(Refused, match=r"Hộ Trần Văn An \(Ấp 1\) đang là hội viên CLB gia đình"):
        join(engine, club, hid, date(2022, 1, 1))
    other = create_club(engine, name="CLB thị trấn Sa Rài", today=TODAY)
    with pytest.raises(Refused, match="đang là hội viên"):
        join(engine, other, hid, date(2022, 1, 1))
    with pytest.raises(ValidationFailed, match=r"không được trước ngày vào CLB \(01/03/2020\)"):
        leave_club(engine, membership_id=membership, left_on=date(2020, 2, 29), today=TODAY)
    with pytest.raises(ValidationFailed, match="Ngày rời CLB không được ở tương lai"):
        leave_club(engine, membership_id=membership, left_on=date(2027, 1, 1), today=TODAY)
    leave_club(engine, membership_id=membership, left_on=date(2023, 6, 30), today=TODAY)
    with pytest.raises(Refused, match="đã rời CLB ngày 30/06/2023"):
        leave_club(engine, membership_id=membership, left_on=date(2024, 1, 1), today=TODAY)
    with pytest.raises(Refused, match="ngày vào CLB phải sau ngày rời CLB lần trước"):
        join(engine, club, hid, date(2023, 6, 30))
    with pytest.raises(Refused, match="phải sau ngày rời CLB"):
        join(engine, other, hid, date(2022, 1, 1))  # overlaps the first membership
    again = join(engine, club, hid, date(2024, 2, 1))
    members = list_club_members(engine, club_id=club)
    assert [(m.id, m.joined_on, m.left_on, m.active) for m in members] == [
        (again, date(2024, 2, 1), None, True),
        (membership, date(2020, 3, 1), date(2023, 6, 30), False),
    ]
    assert [m.id for m in list_club_members(engine, club_id=club, include_former=False)] == [again]


def test_member_list_is_active_first_in_name_order_with_visits_and_meetings(engine, club, homes) -> None:
    for name in ("Nguyễn Văn Đức", "Trần Văn An", "Lê Thị Bình"):
        join(engine, club, homes[name])
    left = join(engine, club, homes["Đặng Hữu Đạt"])
    leave_club(engine, membership_id=left, left_on=date(2022, 1, 1), today=TODAY)
    record_meeting(
        engine,
        club_id=club,
        held_on=date(2021, 6, 1),
        topic="Họp",
        attending_household_ids=[homes["Lê Thị Bình"], homes["Đặng Hữu Đạt"]],
        today=TODAY,
    )
    visit(engine, homes["Lê Thị Bình"], date(2026, 2, 2))
    members = list_club_members(engine, club_id=club)
    assert [m.head_name for m in members] == ["Trần Văn An", "Lê Thị Bình", "Nguyễn Văn Đức", "Đặng Hữu Đạt"]
    binh = members[1]
    assert (binh.meetings_attended, binh.last_visit_on) == (1, date(2026, 2, 2))
    assert [m.head_name for m in member_households_on(engine, club_id=club, on=date(2021, 12, 31))] == [
        "Trần Văn An",
        "Lê Thị Bình",
        "Đặng Hữu Đạt",
        "Nguyễn Văn Đức",
    ]
    assert "Đặng Hữu Đạt" not in [m.head_name for m in member_households_on(engine, club_id=club, on=TODAY)]


# --------------------------------------------------------------------------- meetings


def test_a_meeting_records_its_attending_member_households(engine, club, homes) -> None:
    join(engine, club, homes["Trần Văn An"], date(2021, 1, 1))
    join(engine, club, homes["Lê Thị Bình"], date(2026, 10, 1))
    meeting_id = record_meeting(
        engine,
        club_id=club,
        held_on=date(2026, 11, 9),
        topic="  Tổng kết năm ",
        place="Hội trường UBND xã",
        fund_contribution=1_050_000,
        attending_household_ids=[homes["Trần Văn An"], homes["Lê Thị Bình"], homes["Trần Văn An"]],
        today=TODAY,
    )
    [row] = list_meetings(engine, club_id=club)
    assert (row.id, row.topic, row.place, row.fund_contribution, row.attendance) == (
        meeting_id,
        "Tổng kết năm",
        "Hội trường UBND xã",
        1_050_000,
        2,
    )
    assert set(meeting_detail(engine, meeting_id).attendee_ids) == {homes["Trần Văn An"], homes["Lê Thị Bình"]}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"held_on": date(2026, 11, 26)}, "held_on", "Ngày sinh hoạt không được ở tương lai"),
        ({"held_on": date(2020, 2, 1)}, "held_on", "Ngày sinh hoạt không được trước ngày thành lập CLB"),
        ({"topic": "   "}, "topic", "Chưa nhập nội dung sinh hoạt"),
        ({"fund_contribution": -1}, "fund_contribution", "Số tiền đóng góp không được âm"),
    ],
)
def test_invalid_meetings_are_refused(engine, club, fields, field, message) -> None:
    values = {"held_on": date(2026, 5, 5), "topic": "Sinh hoạt định kỳ"} | fields
    with pytest.raises(ValidationFailed) as caught:
        record_meeting(engine, club_id=club, today=TODAY, **values)
    assert any(m.startswith(message) for m in caught.value.errors_for(field))
    assert list_meetings(engine, club_id=club) == []


def test_only_households_that_were_members_on_the_day_can_attend(engine, club, homes) -> None:
    join(engine, club, homes["Lê Thị Bình"], date(2026, 10, 1))  # joined after the meeting
    former = join(engine, club, homes["Trần Văn An"], date(2021, 1, 1))
    leave_club(engine, membership_id=former, left_on=date(2026, 6, 30), today=TODAY)
    with pytest.raises(Refused, match=r"Không phải hộ thành viên CLB vào ngày 05/05/2026: hộ Lê Thị Bình \(Ấp 2\)"):
        record_meeting(
            engine,
            club_id=club,
            held_on=date(2026, 5, 5),
            topic="Họp",
            attending_household_ids=[homes["Lê Thị Bình"], homes["Trần Văn An"]],
            today=TODAY,
        )
    with pytest.raises(Refused, match="Nguyễn Văn Đức"):  # never a member
        record_meeting(
            engine,
            club_id=club,
            held_on=date(2026, 5, 5),
            topic="Họp",
            attending_household_ids=[homes["Nguyễn Văn Đức"]],
            today=TODAY,
        )
    # a former member was still a member then
    record_meeting(
        engine,
        club_id=club,
        held_on=date(2026, 5, 5),
        topic="Họp",
        attending_household_ids=[homes["Trần Văn An"]],
        today=TODAY,
    )
    assert [m.attendance for m in list_meetings(engine, club_id=club)] == [1]


def test_leaving_before_a_meeting_the_household_attended_is_refused(engine, club, homes) -> None:
    hid = homes["Trần Văn An"]
    membership = join(engine, club, hid, date(2025, 2, 1))
    meeting = record_meeting(
        engine, club_id=club, held_on=date(2026, 3, 1), topic="Họp quý 1", attending_household_ids=[hid], today=TODAY
    )
    deleted = record_meeting(
        engine, club_id=club, held_on=date(2026, 6, 1), topic="Họp quý 2", attending_household_ids=[hid], today=TODAY
    )
    delete_meeting(engine, meeting_id=deleted)  # a deleted meeting does not hold the household back
    with pytest.raises(ValidationFailed) as refused:
        leave_club(engine, membership_id=membership, left_on=date(2025, 12, 31), today=TODAY)
    assert refused.value.errors_for("left_on") == [
        "Hộ Trần Văn An (Ấp 1) đã dự buổi sinh hoạt ngày 01/03/2026 (Họp quý 1): "
        "ngày rời CLB không được trước ngày 01/03/2026"
    ]
    with read_session(engine) as session:
        assert session.get(ClubMembership, membership).left_on is None
    # leaving on the meeting's day (still a member that day) is fine, and the meeting stays editable
    leave_club(engine, membership_id=membership, left_on=date(2026, 3, 1), today=TODAY)
    detail = meeting_detail(engine, meeting)
    update_meeting(
        engine,
        meeting_id=meeting,
        version=detail.meeting.version,
        held_on=date(2026, 3, 1),
        topic="Họp quý I",
        attending_household_ids=list(detail.attendee_ids),
        today=TODAY,
    )
    assert [m.topic for m in list_meetings(engine, club_id=club)] == ["Họp quý I"]


def test_updating_a_meeting_replaces_its_attendance_and_deleting_hides_it(engine, club, homes) -> None:
    for name in ("Trần Văn An", "Lê Thị Bình", "Nguyễn Văn Đức"):
        join(engine, club, homes[name])
    meeting_id = record_meeting(
        engine,
        club_id=club,
        held_on=date(2026, 5, 5),
        topic="Họp",
        attending_household_ids=[homes["Trần Văn An"], homes["Lê Thị Bình"]],
        today=TODAY,
    )
    update_meeting(
        engine,
        meeting_id=meeting_id,
        version=1,
        held_on=date(2026, 5, 6),
        topic="Họp quý 2",
        attending_household_ids=[homes["Lê Thị Bình"], homes["Nguyễn Văn Đức"]],
        today=TODAY,
    )
    detail = meeting_detail(engine, meeting_id)
    assert (detail.meeting.held_on, detail.meeting.topic, detail.meeting.version) == (date(2026, 5, 6), "Họp quý 2", 2)
    assert set(detail.attendee_ids) == {homes["Lê Thị Bình"], homes["Nguyễn Văn Đức"]}
    with pytest.raises(Refused, match="Hồ sơ vừa được người khác sửa"):
        update_meeting(engine, meeting_id=meeting_id, version=1, held_on=date(2026, 5, 6), topic="X", today=TODAY)
    delete_meeting(engine, meeting_id=meeting_id)
    assert list_meetings(engine, club_id=club) == []
    with pytest.raises(NotFound):
        meeting_detail(engine, meeting_id)


# --------------------------------------------------------------------------- visits


def test_a_visit_is_stamped_with_the_households_club_and_follows_up(engine, club, homes) -> None:
    hid = homes["Trần Văn An"]
    join(engine, club, hid)
    visit_id = visit(engine, hid, date(2026, 10, 5), issues_raised="Con chậm gửi tiền về", follow_up="Liên hệ công ty")
    [row] = list_visits(engine, club_id=club)
    assert (row.id, row.club_id, row.head_name, row.issues_raised, row.follow_up_done) == (
        visit_id,
        club,
        "Trần Văn An",
        "Con chậm gửi tiền về",
        False,
    )
    update_visit(
        engine,
        visit_id=visit_id,
        version=row.version,
        visited_on=row.visited_on,
        visitor=row.visitor,
        issues_raised=row.issues_raised,
        follow_up=row.follow_up,
        follow_up_done=True,
        follow_up_on=date(2026, 10, 20),
        today=TODAY,
    )
    [row] = list_visits(engine, household_id=hid)
    assert (row.follow_up_done, row.follow_up_on) == (True, date(2026, 10, 20))
    delete_visit(engine, visit_id=visit_id)
    assert list_visits(engine, club_id=club) == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"visited_on": date(2026, 11, 26)}, "visited_on", "Ngày thăm không được ở tương lai"),
        ({"visitor": "  "}, "visitor", "Chưa nhập người đi thăm"),
        (
            {"follow_up_done": True, "follow_up_on": date(2026, 9, 1)},
            "follow_up_on",
            "Ngày giải quyết không được trước",
        ),
        ({"follow_up_on": date(2026, 10, 9)}, "follow_up_on", "Chỉ ghi ngày giải quyết khi việc cần làm tiếp đã xong"),
        (
            {"follow_up_done": True, "follow_up_on": date(2026, 12, 1)},
            "follow_up_on",
            "Ngày giải quyết không được ở tương lai",
        ),
    ],
)
def test_invalid_visits_are_refused(engine, homes, fields, field, message) -> None:
    values = {"visited_on": date(2026, 10, 5), "visitor": "Trưởng ấp"} | fields
    with pytest.raises(ValidationFailed) as caught:
        record_visit(engine, household_id=homes["Trần Văn An"], today=TODAY, **values)
    assert any(m.startswith(message) for m in caught.value.errors_for(field))
    assert list_visits(engine) == []


def test_visiting_a_deleted_household_is_not_found(engine, homes) -> None:
    delete_household(engine, household_id=homes["Trần Văn An"])
    with pytest.raises(NotFound):
        visit(engine, homes["Trần Văn An"], date(2026, 10, 5))


# --------------------------------------------------------------------------- not visited this quarter


def test_not_visited_lists_active_members_without_a_visit_in_the_quarter(engine, club, homes) -> None:
    for name in homes:
        join(engine, club, homes[name], date(2021, 1, 10))
    assert not_visited(engine, club, TODAY) == ["Trần Văn An", "Lê Thị Bình", "Đặng Hữu Đạt", "Nguyễn Văn Đức"]

    visit(engine, homes["Trần Văn An"], date(2026, 9, 30))  # last day of Q3: not this quarter
    visit(engine, homes["Lê Thị Bình"], date(2026, 10, 1))  # first day of Q4
    # never visited first, then the longest since the last visit
    assert not_visited(engine, club, TODAY) == ["Đặng Hữu Đạt", "Nguyễn Văn Đức", "Trần Văn An"]
    assert not_visited(engine, club, date(2026, 7, 1)) == ["Lê Thị Bình", "Đặng Hữu Đạt", "Nguyễn Văn Đức"]
    assert not_visited(engine, club, date(2026, 12, 31)) == not_visited(engine, club, TODAY)

    visit(engine, homes["Đặng Hữu Đạt"], TODAY)  # the list shrinks
    assert not_visited(engine, club, TODAY) == ["Nguyễn Văn Đức", "Trần Văn An"]
    row = households_not_visited(engine, club_id=club, quarter_of=TODAY)[1]
    assert (row.hamlet, row.last_visit_on, row.joined_on) == ("Ấp 1", date(2026, 9, 30), date(2021, 1, 10))


def test_not_visited_knows_who_was_a_member_in_that_quarter(engine, club, homes) -> None:
    joined_late = join(engine, club, homes["Trần Văn An"], date(2026, 10, 1))
    assert joined_late
    left = join(engine, club, homes["Lê Thị Bình"], date(2021, 1, 1))
    leave_club(engine, membership_id=left, left_on=date(2026, 8, 15), today=TODAY)
    join(engine, club, homes["Nguyễn Văn Đức"], date(2021, 1, 1))
    # Q4: the late joiner counts, the one who left does not
    assert not_visited(engine, club, TODAY) == ["Trần Văn An", "Nguyễn Văn Đức"]
    # Q3: the late joiner was not a member yet; the one who left in August was not one at its end
    assert not_visited(engine, club, date(2026, 8, 1)) == ["Nguyễn Văn Đức"]
    # Q2: she was still a member at the end of June
    assert not_visited(engine, club, date(2026, 5, 1)) == ["Lê Thị Bình", "Nguyễn Văn Đức"]


def test_not_visited_ignores_deleted_visits_and_households_and_filters_by_club(engine, club, homes) -> None:
    other = create_club(engine, name="CLB thị trấn Sa Rài", today=TODAY)
    join(engine, club, homes["Trần Văn An"])
    join(engine, other, homes["Lê Thị Bình"])
    join(engine, club, homes["Nguyễn Văn Đức"])
    visit_id = visit(engine, homes["Trần Văn An"], date(2026, 11, 1))
    assert not_visited(engine, club, TODAY) == ["Nguyễn Văn Đức"]
    delete_visit(engine, visit_id=visit_id)
    assert not_visited(engine, club, TODAY) == ["Trần Văn An", "Nguyễn Văn Đức"]
    assert not_visited(engine, other, TODAY) == ["Lê Thị Bình"]
    assert sorted(not_visited(engine, None, TODAY)) == sorted(["Trần Văn An", "Lê Thị Bình", "Nguyễn Văn Đức"])
    delete_household(engine, household_id=homes["Nguyễn Văn Đức"])
    assert not_visited(engine, club, TODAY) == ["Trần Văn An"]


def test_a_visit_goes_to_the_club_of_its_day_and_club_cards_count_what_they_list(engine, club, homes) -> None:
    newer = create_club(engine, name="CLB ấp 2", founded_on=date(2026, 1, 1), today=TODAY)
    hid = homes["Trần Văn An"]
    membership = join(engine, club, hid, date(2021, 1, 1))
    leave_club(engine, membership_id=membership, left_on=date(2025, 12, 1), today=TODAY)
    join(engine, newer, hid, date(2026, 2, 1))

    old_visit = visit(engine, hid, date(2025, 6, 1))  # entered today, made while a member of the first club
    new_visit = visit(engine, hid, date(2026, 3, 1))
    between = visit(engine, hid, date(2026, 1, 15))  # between the two memberships: no club
    before = visit(engine, homes["Lê Thị Bình"], date(2026, 1, 15))  # never a member

    for club_id, expected in ((club, [old_visit]), (newer, [new_visit])):
        assert [v.id for v in list_visits(engine, club_id=club_id)] == expected
        assert club_detail(engine, club_id).visits == len(expected)
    by_id = {v.id: v.club_id for v in list_visits(engine)}
    assert (by_id[between], by_id[before]) == (None, None)
