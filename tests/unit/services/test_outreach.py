"""Outreach sessions: create, update, delete (softly), list, and the checks on what was typed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from tests.unit.services.test_departure_lists import add_person
from xkld_desktop.domain.models import OutreachAttendance, OutreachSession
from xkld_desktop.domain.validation import Severity
from xkld_desktop.services.errors import NotFound, Refused, ValidationFailed
from xkld_desktop.services.outreach import (
    OutreachInput,
    check_outreach,
    create_outreach_session,
    delete_outreach_session,
    get_outreach_session,
    list_outreach_sessions,
    outreach_years,
    update_outreach_session,
)
from xkld_desktop.store.session import read_session, write_session

TODAY = date(2026, 11, 25)


@pytest.fixture
def engine(database):
    return database.engine


@pytest.fixture
def people(engine) -> list[int]:
    return [add_person(engine, name) for name in ("Nguyễn Văn Đức", "Trần Thị Hoa", "Lê Văn An")]


def _input(**values) -> OutreachInput:
    base = {
        "held_on": "20/11/2026",
        "place": "Hội trường UBND xã",
        "organiser": "UBND xã phối hợp Trung tâm Dịch vụ việc làm",
        "topic": "Tư vấn thị trường Nhật Bản",
        "attendance_count": 35,
    }
    base.update(values)
    return OutreachInput(**base)


def test_create_with_registered_attendees_and_read_it_back(engine, people) -> None:
    session_id = create_outreach_session(
        engine, data=_input(attendee_ids=(people[0], people[1], people[0]), notes=" ghi chú "), today=TODAY
    )
    detail = get_outreach_session(engine, session_id=session_id)
    assert detail.held_on == date(2026, 11, 20)
    assert detail.topic == "Tư vấn thị trường Nhật Bản"
    assert detail.attendance_count == 35
    assert detail.notes == "ghi chú"
    assert [a.full_name for a in detail.attendees] == ["Nguyễn Văn Đức", "Trần Thị Hoa"]  # name order
    [row] = list_outreach_sessions(engine, year=2026)
    assert (row.id, row.place, row.attendance_count, row.registered_count) == (session_id, "Hội trường UBND xã", 35, 2)
    assert list_outreach_sessions(engine, year=2025) == []
    assert outreach_years(engine) == (2026,)


def test_texts_are_cleaned(engine, people) -> None:
    session_id = create_outreach_session(
        engine, data=_input(place="  Nhà văn hóa   ấp 1 ", topic="Tư vấn xuất khẩu lao động "), today=TODAY
    )
    detail = get_outreach_session(engine, session_id=session_id)
    assert detail.place == "Nhà văn hóa ấp 1"
    assert detail.topic == "Tư vấn xuất khẩu lao động"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"held_on": "26/11/2026"}, "held_on"),  # the future
        ({"held_on": "31/02/2026"}, "held_on"),
        ({"held_on": "2026"}, "held_on"),  # a year alone is not a session date
        ({"held_on": ""}, "held_on"),
        ({"topic": "  "}, "topic"),
        ({"place": ""}, "place"),
        ({"attendance_count": -1}, "attendance_count"),
        ({"attendance_count": 1, "attendee_ids": (1, 2)}, "attendance_count"),  # fewer than those chosen
        ({"organiser": "x" * 201}, "organiser"),
    ],
)
def test_what_is_refused_is_said_per_field(engine, people, values, field) -> None:
    with pytest.raises(ValidationFailed) as raised:
        create_outreach_session(engine, data=_input(**values), today=TODAY)
    assert raised.value.errors_for(field), raised.value.issues
    assert list_outreach_sessions(engine) == []


def test_check_warns_about_an_empty_head_count_and_reads_day_first(engine) -> None:
    held_on, issues = check_outreach(_input(held_on="5/3/2026", attendance_count=0), today=TODAY)
    assert held_on == date(2026, 3, 5)
    assert [(i.field, i.severity) for i in issues] == [("attendance_count", Severity.WARNING)]


def test_a_missing_person_is_refused(engine, people) -> None:
    with pytest.raises(NotFound):
        create_outreach_session(engine, data=_input(attendee_ids=(people[0], 999_999)), today=TODAY)


def test_update_replaces_the_attendees(engine, people) -> None:
    session_id = create_outreach_session(engine, data=_input(attendee_ids=(people[0],)), today=TODAY)
    version = get_outreach_session(engine, session_id=session_id).version
    update_outreach_session(
        engine,
        session_id=session_id,
        version=version,
        data=_input(topic="Tư vấn EPS Hàn Quốc", attendee_ids=(people[1], people[2])),
        today=TODAY,
    )
    detail = get_outreach_session(engine, session_id=session_id)
    assert detail.topic == "Tư vấn EPS Hàn Quốc"
    assert {a.person_id for a in detail.attendees} == {people[1], people[2]}
    assert detail.version == version + 1


def test_a_stale_copy_is_refused_not_saved_over(engine, people) -> None:
    session_id = create_outreach_session(engine, data=_input(), today=TODAY)
    version = get_outreach_session(engine, session_id=session_id).version
    update_outreach_session(engine, session_id=session_id, version=version, data=_input(topic="Lần một"), today=TODAY)
    with pytest.raises(Refused) as raised:
        update_outreach_session(
            engine, session_id=session_id, version=version, data=_input(topic="Lần hai"), today=TODAY
        )
    assert "người khác sửa" in raised.value.message
    assert get_outreach_session(engine, session_id=session_id).topic == "Lần một"
    with pytest.raises(Refused):
        delete_outreach_session(engine, session_id=session_id, version=version)


def test_delete_is_soft_and_keeps_the_attendance(engine, people) -> None:
    session_id = create_outreach_session(engine, data=_input(attendee_ids=(people[0],)), today=TODAY)
    version = get_outreach_session(engine, session_id=session_id).version
    delete_outreach_session(engine, session_id=session_id, version=version)
    assert list_outreach_sessions(engine) == []
    with pytest.raises(NotFound):
        get_outreach_session(engine, session_id=session_id)
    with read_session(engine) as s:
        assert s.get(OutreachSession, session_id).deleted_at is not None
        assert s.scalar(select(func.count()).select_from(OutreachAttendance)) == 1
    with pytest.raises(NotFound):
        delete_outreach_session(engine, session_id=session_id, version=version + 1)


def test_sessions_newest_first(engine) -> None:
    first = create_outreach_session(engine, data=_input(held_on="01/02/2025"), today=TODAY)
    second = create_outreach_session(engine, data=_input(held_on="01/03/2026"), today=TODAY)
    with write_session(engine) as s:
        s.add(OutreachSession(held_on=date(2024, 1, 1), deleted_at=datetime(2024, 2, 1, tzinfo=UTC)))
    assert [r.id for r in list_outreach_sessions(engine)] == [second, first]
    assert outreach_years(engine) == (2026, 2025)


def test_a_deleted_attendee_is_neither_counted_nor_dropped_by_a_save(engine, people) -> None:
    from xkld_desktop.services.person_records import delete_person, restore_person

    session_id = create_outreach_session(engine, data=_input(attendee_ids=(people[0], people[1])), today=TODAY)
    delete_person(engine, person_id=people[1])
    detail = get_outreach_session(engine, session_id=session_id)
    [row] = list_outreach_sessions(engine)
    assert [a.person_id for a in detail.attendees] == [people[0]]
    assert row.registered_count == len(detail.attendees) == 1  # the list counts what the detail shows

    # the form saves what it shows, with another attendee: the hidden one stays
    update_outreach_session(
        engine,
        session_id=session_id,
        version=detail.version,
        data=_input(place="Nhà văn hóa ấp 3", attendee_ids=(people[0], people[2])),
        today=TODAY,
    )
    with read_session(engine) as session:
        stored = session.scalars(
            select(OutreachAttendance.person_id).where(OutreachAttendance.session_id == session_id)
        ).all()
    assert sorted(stored) == sorted(people)
    restore_person(engine, person_id=people[1])
    detail = get_outreach_session(engine, session_id=session_id)
    assert sorted(a.person_id for a in detail.attendees) == sorted(people)  # an attendee again
    assert list_outreach_sessions(engine)[0].registered_count == 3

    # a visible attendee taken off the list is dropped
    update_outreach_session(
        engine, session_id=session_id, version=detail.version, data=_input(attendee_ids=(people[1],)), today=TODAY
    )
    assert [a.person_id for a in get_outreach_session(engine, session_id=session_id).attendees] == [people[1]]


def test_an_unknown_commune_is_a_validation_error_and_writes_nothing(engine) -> None:
    with pytest.raises(ValidationFailed) as failed:
        create_outreach_session(engine, data=_input(), commune_id=99_999_999, today=TODAY)
    assert [(i.field, i.message) for i in failed.value.issues] == [("commune_id", "Không tìm thấy xã/phường đã chọn")]
    assert list_outreach_sessions(engine) == []
