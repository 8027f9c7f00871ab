"""What to do next: each to-do rule around its boundary, and the year's counts against the target."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.unit.services.test_departure_lists import add_departure, add_follow_up, add_person, add_return
from xkld_desktop.domain.enums import PersonStatus, RepaymentStatus, ReturnReason, StatusAbroad
from xkld_desktop.domain.models import (
    ClubMembership,
    FamilyClub,
    FamilyVisit,
    Household,
    Loan,
    Person,
    Target,
)
from xkld_desktop.services.departure_lists import (
    DepartureFilter,
    ReturnFilter,
    list_departure_ids,
    list_return_ids,
)
from xkld_desktop.services.people import list_person_ids
from xkld_desktop.services.reference import find_commune, predecessors_of
from xkld_desktop.services.todo import TodoKind, todo_ids, todo_lists, year_counts
from xkld_desktop.store.session import write_session

TODAY = date(2026, 11, 25)
DELETED = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def engine(database):
    return database.engine


def _ids(engine, kind: TodoKind) -> list[int]:
    return todo_ids(engine, kind, today=TODAY)


def _abroad(engine, name: str, **departure) -> int:
    person = add_person(engine, name, status=PersonStatus.WORKING_ABROAD)
    return add_departure(engine, person, departure.pop("departed_on", date(2024, 1, 10)), **departure)


# --------------------------------------------------------------------------- contracts ending


def test_contracts_ending_in_the_next_90_days_boundaries(engine) -> None:
    today = _abroad(engine, "Người Một", expected_end_on=TODAY)
    last_day = _abroad(engine, "Người Hai", expected_end_on=TODAY + timedelta(days=90))
    _abroad(engine, "Người Ba", expected_end_on=TODAY + timedelta(days=91))
    _abroad(engine, "Người Bốn", expected_end_on=TODAY - timedelta(days=1))
    returned = _abroad(engine, "Người Năm", expected_end_on=TODAY + timedelta(days=10))
    add_return(engine, returned, TODAY - timedelta(days=3))
    _abroad(engine, "Người Sáu", expected_end_on=TODAY + timedelta(days=10), status_abroad=StatusAbroad.ABSCONDED)
    _abroad(engine, "Người Bảy", departed_on=TODAY + timedelta(days=5), expected_end_on=TODAY + timedelta(days=30))
    _abroad(engine, "Người Tám", expected_end_on=TODAY + timedelta(days=20), deleted_at=DELETED)

    assert _ids(engine, TodoKind.CONTRACTS_ENDING) == [today, last_day]  # soonest first


# --------------------------------------------------------------------------- residence notification


def test_residence_not_notified_more_than_15_days_after_return(engine) -> None:
    def returned(name: str, days_ago: int, **values) -> int:
        departure = _abroad(engine, name)
        return add_return(engine, departure, TODAY - timedelta(days=days_ago), **values)

    returned("Về Mười Lăm Ngày", 15)  # the 15 days are not over
    sixteen = returned("Về Mười Sáu Ngày", 16)
    long_ago = returned("Về Từ Lâu", 400)
    returned("Đã Khai Báo", 40, residence_notified=True, residence_notified_on=TODAY - timedelta(days=35))
    returned("Mất Ở Nước Ngoài", 60, reason=ReturnReason.DEATH_MISSING)

    assert _ids(engine, TodoKind.RESIDENCE_NOT_NOTIFIED) == [long_ago, sixteen]  # longest waiting first
    assert list_return_ids(engine, ReturnFilter(todo=TodoKind.RESIDENCE_NOT_NOTIFIED), today=TODAY) == [
        sixteen,
        long_ago,
    ]


# --------------------------------------------------------------------------- follow-ups


def test_returnees_without_a_follow_up_in_the_last_6_months(engine) -> None:
    cutoff = date(2026, 5, 25)  # six months before 25/11/2026

    def returned(name: str, on: date, **values) -> tuple[int, int]:
        person = add_person(engine, name, status=values.pop("status", PersonStatus.RETURNED))
        departure = add_departure(engine, person, date(2022, 1, 5))
        return person, add_return(engine, departure, on, **values)

    _p, recent = returned("Mới Về", cutoff)  # returned within the 6 months: not due yet
    _p, due = returned("Về Đã Lâu", cutoff - timedelta(days=1))
    _p, followed = returned("Được Theo Dõi", date(2024, 1, 1))
    add_follow_up(engine, followed, cutoff)  # a follow-up on the first day of the 6 months counts
    _p, stale = returned("Theo Dõi Cũ", date(2024, 1, 1))
    add_follow_up(engine, stale, cutoff - timedelta(days=1))
    again, went_again = returned("Đi Tiếp", date(2024, 1, 1))
    add_departure(engine, again, date(2025, 3, 1))  # abroad again: not a returnee any more
    returned("Đã Mất", date(2024, 1, 1), reason=ReturnReason.DEATH_MISSING)
    returned("Qua Đời Sau Khi Về", date(2024, 1, 1), status=PersonStatus.DIED)

    found = _ids(engine, TodoKind.NO_RECENT_FOLLOW_UP)
    assert found == [stale, due]  # oldest return first
    assert recent not in found and followed not in found and went_again not in found
    assert set(list_return_ids(engine, ReturnFilter(todo=TodoKind.NO_RECENT_FOLLOW_UP), today=TODAY)) == set(found)


# --------------------------------------------------------------------------- loans


def _loan(engine, departure_id: int, status: RepaymentStatus, **values) -> None:
    with write_session(engine) as s:
        s.add(Loan(departure_id=departure_id, amount=100_000_000, repayment_status=status, **values))


def test_departed_people_with_a_loan_not_repaid(engine) -> None:
    outstanding = _abroad(engine, "Nợ Chưa Trả", departed_on=date(2025, 1, 1))
    _loan(engine, outstanding, RepaymentStatus.OUTSTANDING)
    overdue = _abroad(engine, "Nợ Quá Hạn", departed_on=date(2024, 1, 1))
    _loan(engine, overdue, RepaymentStatus.OVERDUE)
    repaying = _abroad(engine, "Đang Trả Nợ", departed_on=date(2023, 1, 1))
    _loan(engine, repaying, RepaymentStatus.REPAID, repaid_on=date(2023, 6, 1))
    _loan(engine, repaying, RepaymentStatus.REPAYING)  # two loans, one still running: listed once
    repaid = _abroad(engine, "Đã Trả Hết", departed_on=date(2022, 1, 1))
    _loan(engine, repaid, RepaymentStatus.REPAID)
    planned = _abroad(engine, "Chưa Đi", departed_on=TODAY + timedelta(days=1))
    _loan(engine, planned, RepaymentStatus.OUTSTANDING)
    deleted_loan = _abroad(engine, "Khoản Vay Đã Xóa", departed_on=date(2025, 1, 1))
    _loan(engine, deleted_loan, RepaymentStatus.OUTSTANDING, deleted_at=DELETED)
    returned = _abroad(engine, "Về Còn Nợ", departed_on=date(2021, 1, 1))
    _loan(engine, returned, RepaymentStatus.REPAYING)
    add_return(engine, returned, date(2024, 1, 1))

    assert _ids(engine, TodoKind.LOAN_NOT_REPAID) == [returned, repaying, overdue, outstanding]
    shown = list_departure_ids(engine, DepartureFilter(todo=TodoKind.LOAN_NOT_REPAID), today=TODAY)
    assert sorted(shown) == sorted([returned, repaying, overdue, outstanding])


# --------------------------------------------------------------------------- family visits


def test_member_families_not_visited_this_quarter(engine) -> None:
    with write_session(engine) as s:
        club = FamilyClub(name="CLB gia đình xã Mẫu", founded_on=date(2020, 1, 1))
        s.add(club)
        households = {name: Household(head_name=name) for name in ("Chưa Thăm", "Thăm Đầu Quý", "Thăm Quý Trước")}
        households["Đã Rời"] = Household(head_name="Đã Rời")
        households["Không Là Hội Viên"] = Household(head_name="Không Là Hội Viên")
        s.add_all(households.values())
        s.flush()
        for name in ("Chưa Thăm", "Thăm Đầu Quý", "Thăm Quý Trước"):
            s.add(ClubMembership(club_id=club.id, household_id=households[name].id, joined_on=date(2021, 1, 1)))
        s.add(
            ClubMembership(
                club_id=club.id,
                household_id=households["Đã Rời"].id,
                joined_on=date(2021, 1, 1),
                left_on=date(2022, 1, 1),
            )
        )
        s.add(FamilyVisit(household_id=households["Thăm Đầu Quý"].id, visited_on=date(2026, 10, 1), visitor="Cán bộ"))
        s.add(FamilyVisit(household_id=households["Thăm Quý Trước"].id, visited_on=date(2026, 9, 30), visitor="Cán bộ"))
        s.flush()
        expected = {households["Chưa Thăm"].id, households["Thăm Quý Trước"].id}

    assert set(_ids(engine, TodoKind.FAMILIES_NOT_VISITED)) == expected


# --------------------------------------------------------------------------- orientation certificates


def test_orientation_certificates_that_will_be_too_old_at_the_planned_departure(engine) -> None:
    planned_on = date(2026, 12, 10)
    person = add_person(engine, "Sắp Đi Một", status=PersonStatus.TRAINING)
    expired = add_departure(engine, person, planned_on, orientation_cert_on=date(2024, 12, 9))
    person = add_person(engine, "Sắp Đi Hai", status=PersonStatus.TRAINING)
    add_departure(engine, person, planned_on, orientation_cert_on=date(2024, 12, 10))  # valid through 10/12/2026
    person = add_person(engine, "Chưa Có Chứng Chỉ", status=PersonStatus.REGISTERED)
    add_departure(engine, person, planned_on)
    # still registered, the planned date already past: the departure has not happened yet
    person = add_person(engine, "Hoãn Đi", status=PersonStatus.REGISTERED)
    postponed = add_departure(engine, person, date(2026, 11, 1), orientation_cert_on=date(2024, 1, 1))
    # gone already with an old certificate: too late for a to-do
    person = add_person(engine, "Đã Đi", status=PersonStatus.WORKING_ABROAD)
    add_departure(engine, person, date(2026, 11, 1), orientation_cert_on=date(2024, 1, 1))

    # a departure date ahead, whatever the status says (the rule's other branch)
    person = add_person(engine, "Ngày Đi Sau", status=PersonStatus.CANDIDATE)
    ahead = add_departure(engine, person, date(2027, 1, 5), orientation_cert_on=date(2024, 6, 1))

    assert _ids(engine, TodoKind.ORIENTATION_EXPIRING) == [postponed, expired, ahead]
    shown = list_departure_ids(engine, DepartureFilter(todo=TodoKind.ORIENTATION_EXPIRING), today=TODAY)
    assert set(shown) == {postponed, expired, ahead}


def test_working_age_people_at_home_not_yet_reviewed_this_year(engine) -> None:
    from xkld_desktop.domain.enums import ReviewClassification
    from xkld_desktop.services.lifecycle import record_review
    from xkld_desktop.services.people import PeopleFilter, PeopleOrder, count_people, ordered_person_ids

    today = date.today()  # the people list's filter is on the computer's date
    year = today.year

    def born(name: str, on: date | None, status: PersonStatus = PersonStatus.CANDIDATE) -> int:
        return add_person(engine, name, date_of_birth=on, status=status)

    youngest = born("Mười Lăm Tuổi", date(year - 15, 12, 31))  # 15 this year (the review's rule: by year)
    born("Mười Bốn Tuổi", date(year - 14, 1, 1))
    oldest = born("Sáu Mươi Tuổi", date(year - 60, 1, 1))
    born("Sáu Mốt Tuổi", date(year - 61, 12, 31))
    born("Chưa Rõ Tuổi", None)  # age unknown: not listed
    returned = born("Đã Về", date(year - 30, 5, 5), PersonStatus.RETURNED)
    born("Đang Ở Nước Ngoài", date(year - 30, 5, 5), PersonStatus.WORKING_ABROAD)
    born("Đã Mất", date(year - 30, 5, 5), PersonStatus.DIED)
    reviewed = born("Đã Rà Soát", date(year - 35, 1, 1))
    record_review(engine, person_id=reviewed, year=year, classification=ReviewClassification.WANTS_TO_GO, today=today)
    last_year = born("Rà Soát Năm Ngoái", date(year - 35, 1, 1), PersonStatus.WITHDRAWN)
    record_review(engine, person_id=last_year, year=year - 1, classification=ReviewClassification.NOT_NOW, today=today)
    deleted = born("Đã Xóa", date(year - 35, 1, 1))
    with write_session(engine) as session:
        session.get(Person, deleted).deleted_at = DELETED

    expected = [youngest, oldest, returned, last_year]
    assert todo_ids(engine, TodoKind.NOT_REVIEWED, today=today) == expected
    assert TodoKind.NOT_REVIEWED.subject == "person"
    # the people list the line opens shows the same people
    listed = PeopleFilter(todo=TodoKind.NOT_REVIEWED)
    assert sorted(list_person_ids(engine, listed)) == sorted(expected)
    assert count_people(engine, listed) == len(expected)
    assert sorted(ordered_person_ids(engine, listed, order=PeopleOrder.HAMLET)) == sorted(expected)  # other path


def test_every_list_counts_its_ids_and_an_empty_database_has_nothing_to_do(engine) -> None:
    items = todo_lists(engine, today=TODAY)
    assert [i.kind for i in items] == list(TodoKind)
    assert all(i.count == 0 and i.ids == () for i in items)
    departure = _abroad(engine, "Hết Hạn Sớm", expected_end_on=TODAY + timedelta(days=3))
    items = {i.kind: i for i in todo_lists(engine, today=TODAY)}
    assert items[TodoKind.CONTRACTS_ENDING].count == 1
    assert items[TodoKind.CONTRACTS_ENDING].ids == (departure,)
    assert items[TodoKind.CONTRACTS_ENDING].subject == "departure"
    assert TodoKind.CONTRACTS_ENDING.label("vi") == "Hợp đồng hết hạn trong 90 ngày tới"


# --------------------------------------------------------------------------- the year's counts


def _commune_with_successor(engine):
    """A pre-2025 commune of the demo area and the current commune its records go under."""
    from xkld_desktop.services.reference import successor_of

    old = next(u for u in find_commune(engine, "29929") if u.legacy)  # Xã Tân Hộ Cơ (former Tân Hồng district)
    new = successor_of(engine, old, default_only=True)[0].unit
    return old, new


def test_year_counts_against_the_target(engine) -> None:
    old, new = _commune_with_successor(engine)
    other_old = next(u for u in predecessors_of(engine, new) if u.id != old.id)
    district_id = old.parent_id
    add_person(engine, "Ứng Viên", status=PersonStatus.CANDIDATE)
    add_person(engine, "Ứng Viên Xóa", status=PersonStatus.CANDIDATE, deleted_at=DELETED)
    add_person(engine, "Đăng Ký", status=PersonStatus.REGISTERED, commune_id=old.id)
    for i in range(3):
        _abroad(engine, f"Đi Năm Nay {i}", departed_on=date(2026, 3, 1 + i))
    _abroad(engine, "Đi Trái Phép", departed_on=date(2026, 4, 1), is_legal=False)
    _abroad(engine, "Sắp Đi", departed_on=date(2026, 12, 1))
    back = _abroad(engine, "Về Năm Nay", departed_on=date(2023, 1, 1))
    add_return(engine, back, date(2026, 2, 1))
    _abroad(engine, "Bỏ Trốn", departed_on=date(2024, 1, 1), status_abroad=StatusAbroad.ABSCONDED)
    with write_session(engine) as s:
        s.add(Target(unit_id=old.id, year=2026, departures=2))
        s.add(Target(unit_id=other_old.id, year=2026, departures=1))
        s.add(Target(unit_id=district_id, year=2026, departures=50))  # the level above: not summed
        s.add(Target(unit_id=old.id, year=2025, departures=9))

    counts = year_counts(engine, year=2026, today=TODAY)
    assert counts.candidates == 1
    assert counts.registered == 1
    assert counts.departed == 3  # legal, this year, not after today
    assert counts.target == 3
    assert counts.percent == 100
    assert counts.target_text == "3/3 lao động, đạt 100 %"
    assert counts.abroad == 5  # 3 this year + illegal + absconded (the planned one is not gone yet)
    assert counts.absconded == 1
    assert counts.returned == 1
    # each count is the length of the list it opens
    assert len(list_departure_ids(engine, counts.filters["departed"], today=TODAY)) == counts.departed
    assert len(list_departure_ids(engine, counts.filters["abroad"], today=TODAY)) == counts.abroad
    assert len(list_departure_ids(engine, counts.filters["absconded"], today=TODAY)) == counts.absconded
    assert len(list_return_ids(engine, counts.filters["returned"], today=TODAY)) == counts.returned
    assert len(list_person_ids(engine, counts.filters["candidates"])) == counts.candidates

    # once the merged commune has a target of its own, its former communes' targets are not added again
    with write_session(engine) as s:
        s.add(Target(unit_id=new.id, year=2026, departures=4))
    assert year_counts(engine, year=2026, today=TODAY).target == 4


def test_year_counts_of_one_commune_include_its_former_communes(engine) -> None:
    old, new = _commune_with_successor(engine)
    elsewhere = next(u for u in find_commune(engine, "00004") if not u.legacy)  # a commune far away
    mine = add_person(engine, "Người Xã Cũ", status=PersonStatus.WORKING_ABROAD, commune_id=old.id)
    add_departure(engine, mine, date(2026, 5, 1))
    theirs = add_person(engine, "Người Nơi Khác", status=PersonStatus.WORKING_ABROAD, commune_id=elsewhere.id)
    add_departure(engine, theirs, date(2026, 5, 2))
    with write_session(engine) as s:
        s.add(Target(unit_id=old.id, year=2026, departures=4))

    counts = year_counts(engine, year=2026, unit=new.id, today=TODAY)
    assert counts.departed == 1
    assert counts.target == 4  # no target of its own: its former communes' targets
    assert counts.percent == 25
    assert counts.unit_name == new.name
    assert year_counts(engine, year=2026, unit=elsewhere.id, today=TODAY).departed == 1


def test_year_counts_without_target(engine) -> None:
    _abroad(engine, "Đi Một Mình", departed_on=date(2026, 1, 2))
    counts = year_counts(engine, year=2026, today=TODAY)
    assert counts.target is None and counts.percent is None
    assert counts.target_text == "1 lao động"


def test_a_person_deleted_is_not_counted(engine) -> None:
    departure = _abroad(engine, "Sẽ Bị Xóa", departed_on=date(2026, 1, 2))
    with write_session(engine) as s:
        from xkld_desktop.domain.models import Departure

        s.get(Person, s.get(Departure, departure).person_id).deleted_at = DELETED
    assert year_counts(engine, year=2026, today=TODAY).departed == 0
