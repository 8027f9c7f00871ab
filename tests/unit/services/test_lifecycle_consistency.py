"""A person's status stays what their records say, whatever order things are typed in, deleted or
restored in: the record typed in today for a worker who left years ago, a death, two trips meeting on
one day, the recycle bin bringing back what no longer fits."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from xkld_desktop.domain.enums import (
    EmploymentAfterReturn,
    Gender,
    PersonStatus,
    Programme,
    ReturnReason,
    StatusAbroad,
)
from xkld_desktop.domain.models import Person, ReturnFollowUp, StatusEvent, WorkerReturn
from xkld_desktop.services import lifecycle
from xkld_desktop.services.errors import Refused
from xkld_desktop.services.lifecycle import DepartureInput
from xkld_desktop.services.person_records import PersonInput, create_person
from xkld_desktop.services.recycle_bin import BinKind, restore_item
from xkld_desktop.store.session import read_session

TODAY = date(2026, 11, 25)
_S = PersonStatus


def new_person(engine, *, typed_on: date = date(2019, 1, 1)) -> int:
    """A person typed in on *typed_on* (the record's creation event is dated that day)."""
    data = PersonInput(full_name="Nguyễn Văn Đức", date_of_birth=date(1996, 3, 5), gender=Gender.MALE)
    return create_person(engine, data=data, today=typed_on, allow_same_name=True).id


def departure(engine, person_id: int, on: date) -> int:
    data = DepartureInput(market_code="JP", departed_on=on, programme=Programme.JP_TECHNICAL_INTERN, contract_months=36)
    return lifecycle.record_departure(engine, person_id=person_id, data=data, today=TODAY).departure_id


def come_back(engine, departure_id: int, on: date, reason: ReturnReason = ReturnReason.CONTRACT_ENDED) -> int:
    return lifecycle.record_return(
        engine, departure_id=departure_id, returned_on=on, reason=reason, today=TODAY
    ).return_id


def status(engine, person_id: int) -> tuple[PersonStatus, date | None]:
    with read_session(engine) as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person.status, person.status_since


def live_events(engine, person_id: int) -> list[tuple[PersonStatus, date]]:
    with read_session(engine) as session:
        rows = session.scalars(
            select(StatusEvent)
            .where(StatusEvent.person_id == person_id, StatusEvent.deleted_at.is_(None))
            .order_by(StatusEvent.happened_on, StatusEvent.id)
        )
        return [(e.status, e.happened_on) for e in rows]


# --------------------------------------------------------------------------- typed in late


def test_a_worker_typed_in_today_is_departed_once_their_past_departure_is_recorded(database) -> None:
    engine = database.engine
    pid = new_person(engine, typed_on=TODAY)
    assert status(engine, pid) == (_S.CANDIDATE, TODAY)
    departure(engine, pid, date(2024, 4, 1))
    assert status(engine, pid) == (_S.DEPARTED, date(2024, 4, 1))  # was: still a candidate since today
    assert lifecycle.LifecycleAction.RETURN in lifecycle.allowed_actions(
        status(engine, pid)[0], has_open_departure=True, has_return=False
    )


def test_a_registration_dated_before_the_record_was_typed_in_counts_and_is_not_taken_twice(database) -> None:
    engine = database.engine
    pid = new_person(engine, typed_on=TODAY)
    lifecycle.register(engine, person_id=pid, on=date(2026, 10, 1), today=TODAY)
    assert status(engine, pid) == (_S.REGISTERED, date(2026, 10, 1))
    with pytest.raises(Refused, match="đang ở trạng thái “Đã đăng ký”"):
        lifecycle.register(engine, person_id=pid, on=date(2026, 10, 2), today=TODAY)
    assert [s for s, _on in live_events(engine, pid)].count(_S.REGISTERED) == 1


def test_a_past_trip_typed_in_late_stays_history_behind_a_later_registration(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    lifecycle.register(engine, person_id=pid, on=date(2022, 5, 1), today=TODAY)
    old = departure(engine, pid, date(2019, 4, 1))
    assert status(engine, pid) == (_S.REGISTERED, date(2022, 5, 1))
    come_back(engine, old, date(2021, 4, 1))
    assert status(engine, pid) == (_S.REGISTERED, date(2022, 5, 1))


# --------------------------------------------------------------------------- returns


def test_a_return_before_the_status_abroad_is_refused_as_when_it_is_corrected(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    dep = departure(engine, pid, date(2021, 4, 1))
    lifecycle.set_status_abroad(engine, departure_id=dep, status=StatusAbroad.WORKING, on=date(2023, 6, 1), today=TODAY)
    with pytest.raises(Refused, match=r"không được trước ngày ghi nhận tình trạng ở nước ngoài \(01/06/2023\)"):
        come_back(engine, dep, date(2022, 1, 1))
    assert status(engine, pid) == (_S.WORKING_ABROAD, date(2023, 6, 1))
    with read_session(engine) as session:
        assert session.scalars(select(WorkerReturn)).all() == []


def test_the_return_of_an_old_trip_cannot_fall_inside_a_later_trip(database) -> None:
    engine = database.engine
    pid = new_person(engine, typed_on=date(2018, 1, 1))
    later = departure(engine, pid, date(2022, 1, 10))
    come_back(engine, later, date(2025, 1, 12))
    old = departure(engine, pid, date(2019, 3, 1))  # the first trip, typed in late
    with pytest.raises(Refused, match="không được sau chuyến xuất cảnh ngày 10/01/2022"):
        come_back(engine, old, date(2023, 6, 1))
    come_back(engine, old, date(2022, 1, 10))  # back on the day the next trip left: allowed
    assert status(engine, pid) == (_S.RETURNED, date(2025, 1, 12))


# --------------------------------------------------------------------------- death


def test_a_death_cannot_be_dated_before_what_the_person_did_after_it(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    departure(engine, pid, date(2021, 4, 1))
    with pytest.raises(Refused, match=r"Ngày qua đời \(01/01/2021\) không được trước diễn biến đã ghi ngày 01/04/2021"):
        lifecycle.mark_died(engine, person_id=pid, on=date(2021, 1, 1), today=TODAY)
    assert status(engine, pid) == (_S.DEPARTED, date(2021, 4, 1))
    assert _S.DIED not in [s for s, _on in live_events(engine, pid)]


def test_a_death_stays_when_other_records_are_deleted_and_only_a_return_for_death_may_follow(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    first = departure(engine, pid, date(2019, 1, 5))
    come_back(engine, first, date(2021, 1, 5))
    second = departure(engine, pid, date(2022, 1, 5))
    lifecycle.mark_died(engine, person_id=pid, on=date(2023, 3, 1), today=TODAY)
    with pytest.raises(Refused, match="đã qua đời ngày 01/03/2023"):
        come_back(engine, second, date(2023, 3, 10), ReturnReason.EMPLOYER_CLOSED)
    come_back(engine, second, date(2023, 3, 10), ReturnReason.DEATH_MISSING)  # the body brought home
    lifecycle.delete_departure(engine, departure_id=first)
    assert status(engine, pid) == (_S.DIED, date(2023, 3, 1))


def test_a_departure_after_the_death_is_not_brought_back_from_the_bin(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    dep = departure(engine, pid, date(2022, 4, 1))
    lifecycle.delete_departure(engine, departure_id=dep)
    lifecycle.mark_died(engine, person_id=pid, on=date(2021, 1, 1), today=TODAY)
    with pytest.raises(Refused, match="đã qua đời ngày 01/01/2021, trước ngày đi"):
        restore_item(engine, kind=BinKind.DEPARTURE, record_id=dep)
    assert status(engine, pid) == (_S.DIED, date(2021, 1, 1))


# --------------------------------------------------------------------------- two trips meeting on one day


def test_deleting_a_trip_leaves_the_next_trip_that_left_on_its_return_day(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    first = departure(engine, pid, date(2020, 1, 1))
    come_back(engine, first, date(2023, 1, 1))
    departure(engine, pid, date(2023, 1, 1))
    lifecycle.delete_departure(engine, departure_id=first)
    assert live_events(engine, pid) == [(_S.CANDIDATE, date(2019, 1, 1)), (_S.DEPARTED, date(2023, 1, 1))]
    assert status(engine, pid) == (_S.DEPARTED, date(2023, 1, 1))
    restore_item(engine, kind=BinKind.DEPARTURE, record_id=first)  # a same-day restart is no overlap
    assert (_S.RETURNED, date(2023, 1, 1)) in live_events(engine, pid)
    assert status(engine, pid) == (_S.DEPARTED, date(2023, 1, 1))


def test_deleting_the_later_trip_keeps_the_return_of_the_one_before(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    first = departure(engine, pid, date(2020, 1, 1))
    come_back(engine, first, date(2023, 1, 1))
    second = departure(engine, pid, date(2023, 1, 1))
    lifecycle.delete_departure(engine, departure_id=second)
    assert status(engine, pid) == (_S.RETURNED, date(2023, 1, 1))


# --------------------------------------------------------------------------- the bin checks what changed meanwhile


def test_a_return_is_not_restored_before_its_corrected_departure(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    dep = departure(engine, pid, date(2023, 6, 1))
    back = come_back(engine, dep, date(2024, 1, 1))
    lifecycle.delete_return(engine, return_id=back)
    info = lifecycle.get_departure(engine, dep)
    data = DepartureInput(**{**info.data.__dict__, "departed_on": date(2024, 6, 1)})
    lifecycle.update_departure(engine, departure_id=dep, data=data, expected_version=info.version, today=TODAY)
    with pytest.raises(Refused, match=r"Không khôi phục được lần về nước ngày 01/01/2024: ngày về nước .* trước ngày"):
        restore_item(engine, kind=BinKind.RETURN, record_id=back)
    assert status(engine, pid) == (_S.DEPARTED, date(2024, 6, 1))


def test_a_return_is_not_restored_before_an_absconding_recorded_meanwhile(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    dep = departure(engine, pid, date(2022, 1, 1))
    back = come_back(engine, dep, date(2024, 1, 1))
    lifecycle.delete_return(engine, return_id=back)
    lifecycle.set_status_abroad(
        engine, departure_id=dep, status=StatusAbroad.ABSCONDED, on=date(2025, 1, 1), today=TODAY
    )
    with pytest.raises(Refused, match="Không khôi phục được lần về nước ngày 01/01/2024"):
        restore_item(engine, kind=BinKind.RETURN, record_id=back)
    assert status(engine, pid) == (_S.ABSCONDED, date(2025, 1, 1))


def test_a_follow_up_is_not_restored_before_its_corrected_return(database) -> None:
    engine = database.engine
    pid = new_person(engine)
    dep = departure(engine, pid, date(2021, 1, 1))
    back = come_back(engine, dep, date(2024, 1, 1))
    follow = lifecycle.record_follow_up(
        engine,
        return_id=back,
        followed_on=date(2024, 3, 1),
        employment=EmploymentAfterReturn.SELF_EMPLOYED,
        today=TODAY,
    ).record_id
    lifecycle.delete_follow_up(engine, follow_up_id=follow)
    info = lifecycle.get_return(engine, back)
    lifecycle.update_return(
        engine,
        return_id=back,
        version=info.version,
        residence_notified=False,
        returned_on=date(2024, 6, 1),
        today=TODAY,
    )
    with pytest.raises(Refused, match="ngày về nước đã được sửa thành 01/06/2024"):
        restore_item(engine, kind=BinKind.FOLLOW_UP, record_id=follow)
    with read_session(engine) as session:
        assert session.get(ReturnFollowUp, follow).deleted_at is not None  # type: ignore[union-attr]


# --------------------------------------------------------------------------- the rule itself


def test_the_status_rule_on_its_own() -> None:
    def event(status: PersonStatus, on: date, note: str = "", id_: int = 0) -> StatusEvent:
        return StatusEvent(id=id_, person_id=1, status=status, happened_on=on, note=note)

    created = event(_S.CANDIDATE, TODAY, "Tạo hồ sơ", 1)
    assert lifecycle.status_of([]) == (_S.CANDIDATE, None)
    assert lifecycle.status_of([created]) == (_S.CANDIDATE, TODAY)
    assert lifecycle.status_of([created, event(_S.DEPARTED, date(2024, 4, 1), id_=2)]) == (
        _S.DEPARTED,
        date(2024, 4, 1),
    )
    same_day = [event(_S.RETURNED, date(2023, 1, 1), id_=3), event(_S.DEPARTED, date(2023, 1, 1), id_=4)]
    assert lifecycle.status_of(same_day) == (_S.DEPARTED, date(2023, 1, 1))  # recorded last
    died = [event(_S.DIED, date(2023, 3, 1), id_=5), event(_S.RETURNED, date(2023, 3, 10), id_=6)]
    assert lifecycle.status_of(died) == (_S.DIED, date(2023, 3, 1))


# --------------------------------------------------------------------------- households never list a record in the bin


def _household_with_spouse(engine) -> tuple[int, int, int]:
    from xkld_desktop.domain.enums import Relationship
    from xkld_desktop.services import households

    head = new_person(engine)
    data = PersonInput(full_name="Lê Thị Ba", date_of_birth=date(1998, 1, 1), gender=Gender.FEMALE)
    spouse = create_person(engine, data=data, today=TODAY, allow_same_name=True).id
    household = households.create_household(engine, head_person_id=head, hamlet="Ấp 1", today=TODAY)
    member = households.add_member(engine, household_id=household, relationship=Relationship.SPOUSE, person_id=spouse)
    return household, spouse, member


def _member_names(engine, household: int) -> list[str]:
    from xkld_desktop.services import households

    return [m.full_name for m in households.household_detail(engine, household).members]


def test_a_member_whose_person_is_in_the_bin_is_not_restored_alone(database) -> None:
    from xkld_desktop.services import households
    from xkld_desktop.services.person_records import delete_person

    engine = database.engine
    household, spouse, member = _household_with_spouse(engine)
    households.remove_member(engine, member_id=member)
    delete_person(engine, person_id=spouse)
    with pytest.raises(Refused, match="Hồ sơ của người này cũng đang trong thùng rác"):
        restore_item(engine, kind=BinKind.HOUSEHOLD_MEMBER, record_id=member)
    assert _member_names(engine, household) == ["Nguyễn Văn Đức"]


def test_a_household_comes_back_without_the_member_whose_person_is_in_the_bin(database) -> None:
    from xkld_desktop.services import households
    from xkld_desktop.services.person_records import delete_person

    engine = database.engine
    household, spouse, member = _household_with_spouse(engine)
    households.delete_household(engine, household_id=household)
    delete_person(engine, person_id=spouse)
    restore_item(engine, kind=BinKind.HOUSEHOLD, record_id=household)
    assert _member_names(engine, household) == ["Nguyễn Văn Đức"]
    restore_item(engine, kind=BinKind.PERSON, record_id=spouse)
    restore_item(engine, kind=BinKind.HOUSEHOLD_MEMBER, record_id=member)  # the member waited in the bin
    assert sorted(_member_names(engine, household)) == ["Lê Thị Ba", "Nguyễn Văn Đức"]


def test_a_meeting_is_not_restored_with_a_household_that_left_the_club_before_it(database) -> None:
    from xkld_desktop.services import club, households

    engine = database.engine
    club_id = club.create_club(engine, name="CLB ấp Hai", founded_on=date(2020, 1, 1), today=TODAY)
    household = households.create_household(engine, head_name="Đỗ Thị Kia", hamlet="Ấp 2")
    membership = club.join_club(
        engine, club_id=club_id, household_id=household, joined_on=date(2025, 1, 1), today=TODAY
    )
    meeting = club.record_meeting(
        engine,
        club_id=club_id,
        held_on=date(2026, 1, 10),
        topic="Họp quý",
        attending_household_ids=[household],
        today=TODAY,
    )
    club.delete_meeting(engine, meeting_id=meeting)
    club.leave_club(engine, membership_id=membership, left_on=date(2026, 1, 1), today=TODAY)
    with pytest.raises(Refused, match=r"Đỗ Thị Kia .*không còn là hộ thành viên CLB vào ngày đó"):
        restore_item(engine, kind=BinKind.MEETING, record_id=meeting)
    with read_session(engine) as session:
        from xkld_desktop.domain.models import ClubMeeting

        assert session.get(ClubMeeting, meeting).deleted_at is not None  # type: ignore[union-attr]
