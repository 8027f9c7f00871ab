"""The bin: what it lists, restoring with dependants, purging after the retention (not before)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from xkld_desktop.domain.enums import PersonStatus, Role
from xkld_desktop.domain.models import (
    AppSetting,
    AuditEvent,
    ClubMeeting,
    Departure,
    FamilyVisit,
    Household,
    HouseholdMember,
    Loan,
    OutreachSession,
    Person,
    PersonNameToken,
    ReturnFollowUp,
    StatusEvent,
    WorkerReturn,
    utcnow,
)
from xkld_desktop.services import access, audit, club, households, lifecycle, outreach
from xkld_desktop.services.database import open_database
from xkld_desktop.services.errors import NotFound, Refused
from xkld_desktop.services.person_records import delete_person
from xkld_desktop.services.recycle_bin import (
    PURGE_ACTION,
    PURGED_ON_KEY,
    BinKind,
    bin_summary,
    empty_bin,
    list_bin,
    purge_expired,
    restore_item,
    retention_days,
)
from xkld_desktop.store.session import read_session, write_session

from .privacy_data import NAME, TODAY, make_story


def count(engine, model, *where) -> int:
    with read_session(engine) as session:
        return int(session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0)


def live(engine, model, *where) -> int:
    return count(engine, model, model.deleted_at.is_(None), *where)


def kinds(items) -> dict[BinKind, list[str]]:
    out: dict[BinKind, list[str]] = {}
    for item in items:
        out.setdefault(item.kind, []).append(item.title)
    return out


def test_bin_lists_each_deleted_thing_once_with_title_date_and_who(database) -> None:
    engine = database.engine
    story = make_story(engine)
    admin = access.bind(engine, access.Actor("quantri", "Quản trị", Role.ADMIN))
    club.delete_meeting(admin, meeting_id=story.meeting_id)
    club.delete_visit(engine, visit_id=story.visit_id)
    session_id = outreach.create_outreach_session(
        engine, data=outreach.OutreachInput(held_on=TODAY, topic="Thị trường Nhật Bản", place="Nhà văn hóa ấp 3")
    )
    with read_session(engine) as session:
        version = session.get(OutreachSession, session_id).version
    outreach.delete_outreach_session(engine, session_id=session_id, version=version)
    delete_person(admin, person_id=story.person_id)  # with her departure, return, follow-up, membership

    items = list_bin(engine)
    found = kinds(items)
    assert found[BinKind.PERSON] == [f"{NAME}, sinh 1996"]
    assert found[BinKind.MEETING] == ["Sinh hoạt 01/03/2026: Phòng tránh lừa đảo — CLB Ấp 3"]
    assert found[BinKind.VISIT] == [f"Thăm hộ {NAME} ngày 01/04/2026"]
    assert found[BinKind.OUTREACH] == ["Buổi tư vấn 25/11/2026: Thị trường Nhật Bản — Nhà văn hóa ấp 3"]
    # the departure, return, follow-up and membership went with the person: not separate items
    assert set(found) == {BinKind.PERSON, BinKind.MEETING, BinKind.VISIT, BinKind.OUTREACH}
    person_item = next(i for i in items if i.kind is BinKind.PERSON)
    assert person_item.days_left == 30
    assert person_item.deleted_by == "quantri"
    assert items[0] is person_item  # most recently deleted first
    assert bin_summary(items).startswith("4 mục")


def test_each_record_in_the_bin_names_its_own_deleter(database) -> None:
    from xkld_desktop.services.person_records import PersonInput, create_person, get_person, update_person

    engine = database.engine

    def officer(name: str):
        return access.bind(engine, access.Actor(name, name, Role.OFFICER))

    def admin(name: str):
        return access.bind(engine, access.Actor(name, name, Role.ADMIN))

    first = create_person(officer("canbo1"), data=PersonInput(full_name="Lê Văn Một"), today=TODAY).id
    second = create_person(officer("canbo2"), data=PersonInput(full_name="Lê Văn Hai"), today=TODAY).id
    third = create_person(officer("canbo3"), data=PersonInput(full_name="Lê Văn Ba"), today=TODAY).id
    edited = get_person(engine, first)
    update_person(
        officer("canbo2"),
        person_id=first,
        data=PersonInput(full_name="Lê Văn Một", hamlet="Ấp 2"),
        expected_version=edited.version,
        today=TODAY,
    )
    delete_person(admin("quantri"), person_id=first)  # created by one, edited by another, deleted by a third
    delete_person(admin("phoquantri"), person_id=second)
    delete_person(admin("quantri"), person_id=third)

    by_id = {i.record_id: i.deleted_by for i in list_bin(engine) if i.kind is BinKind.PERSON}
    assert by_id == {first: "quantri", second: "phoquantri", third: "quantri"}


def test_days_left_count_down_from_the_setting(database) -> None:
    engine = database.engine
    story = make_story(engine)
    delete_person(engine, person_id=story.person_id)
    now = utcnow()
    assert list_bin(engine, now=now + timedelta(days=10))[0].days_left == 20
    with write_session(engine) as session:
        session.add(AppSetting(key="recycle_bin_days", value="60"))
    assert retention_days(engine) == 60
    assert list_bin(engine, now=now + timedelta(days=10))[0].days_left == 50


def test_restoring_a_person_brings_back_what_went_with_them(database) -> None:
    engine = database.engine
    story = make_story(engine)
    delete_person(engine, person_id=story.person_id)
    assert (
        live(engine, Departure) == 0
        and live(engine, HouseholdMember, HouseholdMember.person_id == story.person_id) == 0
    )
    restore_item(engine, kind=BinKind.PERSON, record_id=story.person_id)
    assert live(engine, Person, Person.id == story.person_id) == 1
    assert live(engine, Departure) == 1 and live(engine, Loan) == 1 and live(engine, WorkerReturn) == 1
    assert live(engine, ReturnFollowUp) == 1
    assert live(engine, HouseholdMember, HouseholdMember.person_id == story.person_id) == 1
    assert list_bin(engine) == []
    with pytest.raises(NotFound):
        restore_item(engine, kind=BinKind.PERSON, record_id=story.person_id)


def test_restoring_a_departure_restores_its_parts_and_the_status(database) -> None:
    engine = database.engine
    story = make_story(engine)
    lifecycle.delete_departure(engine, departure_id=story.departure_id)
    with read_session(engine) as session:
        assert session.get(Person, story.person_id).status is not PersonStatus.RETURNED
    items = list_bin(engine)
    assert [i.kind for i in items] == [BinKind.DEPARTURE]
    assert items[0].title == f"Xuất cảnh 10/02/2025 — Nhật Bản ({NAME})"
    restore_item(engine, kind=BinKind.DEPARTURE, record_id=story.departure_id)
    assert live(engine, Departure) == 1 and live(engine, Loan) == 1 and live(engine, WorkerReturn) == 1
    assert live(engine, ReturnFollowUp) == 1
    with read_session(engine) as session:
        person = session.get(Person, story.person_id)
        assert person.status is PersonStatus.RETURNED
    assert live(engine, StatusEvent, StatusEvent.status == PersonStatus.DEPARTED) == 1


def test_a_departure_overlapping_a_newer_one_is_not_restored(database) -> None:
    engine = database.engine
    story = make_story(engine)
    lifecycle.delete_departure(engine, departure_id=story.departure_id)
    lifecycle.record_departure(
        engine,
        person_id=story.person_id,
        data=lifecycle.DepartureInput(market_code="KR", departed_on=TODAY - timedelta(days=400)),
        today=TODAY,
    )
    with pytest.raises(Refused, match="trùng thời gian"):
        restore_item(engine, kind=BinKind.DEPARTURE, record_id=story.departure_id)
    assert live(engine, Departure) == 1


def test_a_return_is_not_restored_while_its_departure_is_in_the_bin(database) -> None:
    engine = database.engine
    story = make_story(engine)
    lifecycle.delete_return(engine, return_id=story.return_id)
    lifecycle.delete_departure(engine, departure_id=story.departure_id)
    found = kinds(list_bin(engine))
    assert set(found) == {BinKind.RETURN, BinKind.DEPARTURE}
    with pytest.raises(Refused, match="khôi phục lần xuất cảnh trước"):
        restore_item(engine, kind=BinKind.RETURN, record_id=story.return_id)
    restore_item(engine, kind=BinKind.DEPARTURE, record_id=story.departure_id)
    assert live(engine, WorkerReturn) == 0  # deleted on its own before: still in the bin
    restore_item(engine, kind=BinKind.RETURN, record_id=story.return_id)
    assert live(engine, WorkerReturn) == 1
    with read_session(engine) as session:
        assert session.get(Person, story.person_id).status is PersonStatus.RETURNED


def test_restoring_a_household_brings_back_its_members(database) -> None:
    engine = database.engine
    story = make_story(engine)
    households.delete_household(engine, household_id=story.household_id)
    assert live(engine, HouseholdMember) == 0
    assert [i.kind for i in list_bin(engine)] == [BinKind.HOUSEHOLD]
    restore_item(engine, kind=BinKind.HOUSEHOLD, record_id=story.household_id)
    assert live(engine, Household) == 1 and live(engine, HouseholdMember) == 2


def test_meeting_visit_and_outreach_come_back(database) -> None:
    engine = database.engine
    story = make_story(engine)
    club.delete_meeting(engine, meeting_id=story.meeting_id)
    club.delete_visit(engine, visit_id=story.visit_id)
    restore_item(engine, kind=BinKind.MEETING, record_id=story.meeting_id)
    restore_item(engine, kind=BinKind.VISIT, record_id=story.visit_id)
    assert live(engine, ClubMeeting) == 1 and live(engine, FamilyVisit) == 1
    # the automatic audit trail recorded the restores
    with read_session(engine) as session:
        actions = session.scalars(
            sa.select(AuditEvent.action).where(AuditEvent.table_name.in_(["club_meeting", "family_visit"]))  # type: ignore[attr-defined]
        ).all()
    assert actions.count("restore") == 2
    assert audit.verify_chain(engine).ok


def test_purge_after_31_days_not_after_29(database) -> None:
    engine = database.engine
    story = make_story(engine)
    delete_person(engine, person_id=story.person_id)
    deleted_at = utcnow()
    with read_session(engine) as session:
        uuids = {session.get(Person, story.person_id).uuid}
        uuids |= set(session.scalars(sa.select(Departure.uuid)))

    assert purge_expired(engine, now=deleted_at + timedelta(days=29)).total == 0
    assert count(engine, Person, Person.id == story.person_id) == 1

    result = purge_expired(engine, now=deleted_at + timedelta(days=31))
    assert result.removed["person"] == 1 and result.removed["departure"] == 1
    assert count(engine, Person, Person.id == story.person_id) == 0
    assert count(engine, Departure) == 0 and count(engine, Loan) == 0 and count(engine, WorkerReturn) == 0
    assert count(engine, StatusEvent, StatusEvent.person_id == story.person_id) == 0
    assert count(engine, PersonNameToken, PersonNameToken.person_id == story.person_id) == 0
    assert count(engine, HouseholdMember, HouseholdMember.person_id == story.person_id) == 0
    # the household she headed stays, without the link to her record
    with read_session(engine) as session:
        assert session.get(Household, story.household_id).head_person_id is None
    # one audit line per purged record, table and uuid only
    with engine.connect() as conn:
        lines = conn.execute(sa.select(AuditEvent.__table__).where(AuditEvent.action == PURGE_ACTION)).all()
    assert {line.record_uuid for line in lines} >= uuids
    assert len(lines) == result.total
    for line in lines:
        assert line.before_json is None and line.after_json is None
        assert NAME not in line.detail
        assert json.loads(line.detail)["text"] == "Đã xóa vĩnh viễn sau 30 ngày trong thùng rác"
        assert line.username == "hệ thống"
    assert audit.verify_chain(engine).ok
    assert list_bin(engine) == []


def _age(engine, days: int) -> None:
    old = utcnow() - timedelta(days=days)
    with engine.begin() as conn:
        for model in (Person, Departure, Loan, WorkerReturn, ReturnFollowUp, StatusEvent, HouseholdMember, ClubMeeting):
            table = model.__table__
            conn.execute(sa.update(table).where(table.c.deleted_at.is_not(None)).values(deleted_at=old))


def test_opening_the_database_purges_what_expired_once_a_day(database) -> None:
    engine = database.engine
    story = make_story(engine)
    delete_person(engine, person_id=story.person_id)
    _age(engine, 40)
    with engine.begin() as conn:  # as if the program had not been started yet today
        conn.execute(sa.delete(AppSetting.__table__).where(AppSetting.__table__.c.key == PURGED_ON_KEY))
    url = database.url
    database.close()
    reopened = open_database(url, backup=False)
    try:
        assert count(reopened.engine, Person, Person.id == story.person_id) == 0
        assert count(reopened.engine, AuditEvent, AuditEvent.action == PURGE_ACTION) > 0
        club.delete_meeting(reopened.engine, meeting_id=story.meeting_id)
        _age(reopened.engine, 40)
    finally:
        reopened.close()
    again = open_database(url, backup=False)  # the same day: no second scan
    try:
        assert count(again.engine, ClubMeeting) == 1
        assert purge_expired(again.engine).removed == {"club_meeting": 1}
    finally:
        again.close()


def test_a_database_that_cannot_be_written_opens_without_purging(database, monkeypatch) -> None:
    from xkld_desktop.services import recycle_bin
    from xkld_desktop.store.errors import DatabaseEnvironmentError, EnvironmentKind

    def read_only(*_args, **_kwargs):
        raise DatabaseEnvironmentError(EnvironmentKind.READ_ONLY)

    monkeypatch.setattr(recycle_bin, "purge_expired", read_only)
    url = database.url
    database.close()
    reopened = open_database(url, backup=False)  # the purge's refusal is logged, not raised
    try:
        assert reopened.migration is not None and reopened.engine is not None
    finally:
        reopened.close()


def test_empty_bin_purges_everything_now_for_an_administrator_only(database) -> None:
    engine = database.engine
    story = make_story(engine)
    club.delete_meeting(engine, meeting_id=story.meeting_id)
    delete_person(engine, person_id=story.person_id)
    officer = access.bind(engine, access.Actor("canbo", "Cán bộ", Role.OFFICER))
    for call in (
        lambda: list_bin(officer),
        lambda: empty_bin(officer),
        lambda: restore_item(officer, kind=BinKind.MEETING, record_id=story.meeting_id),
    ):
        with pytest.raises(access.AccessDenied):
            call()
    assert count(engine, ClubMeeting) == 1
    admin = access.bind(engine, access.Actor("quantri", "Quản trị", Role.ADMIN))
    result = empty_bin(admin)
    assert result.removed["club_meeting"] == 1 and result.removed["person"] == 1
    assert count(engine, ClubMeeting) == 0 and count(engine, Person, Person.id == story.person_id) == 0
    assert list_bin(admin) == []
    with engine.connect() as conn:
        who = set(conn.scalars(sa.select(AuditEvent.username).where(AuditEvent.action == PURGE_ACTION)))
    assert who == {"quantri"}
    assert audit.verify_chain(engine).ok
