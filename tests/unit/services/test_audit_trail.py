"""The automatic audit trail: every change made through the services is an entry with who, what, before and after."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from xkld_desktop.domain.enums import Gender, PolicyGroup, PovertyStatus, Role
from xkld_desktop.domain.models import AuditEvent, Person
from xkld_desktop.services import access, audit, households, lifecycle
from xkld_desktop.services.database import Database
from xkld_desktop.services.person_records import (
    PersonInput,
    create_person,
    delete_person,
    restore_person,
    update_person,
)
from xkld_desktop.store.session import write_session

AUDIT = AuditEvent.__table__  # type: ignore[attr-defined]
TODAY = date(2026, 11, 25)
OFFICER = access.Actor(username="can_bo_lan", full_name="Lê Thị Lan", role=Role.OFFICER)
ADMIN = access.Actor(username="quan_tri", full_name="Quản trị", role=Role.ADMIN)


def _entries(db: Database, **where: str) -> list[dict]:
    query = sa.select(AUDIT).order_by(AUDIT.c.id)
    for key, value in where.items():
        query = query.where(AUDIT.c[key] == value)
    with db.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    for row in rows:
        row["before"] = json.loads(row["before_json"]) if row["before_json"] else None
        row["after"] = json.loads(row["after_json"]) if row["after_json"] else None
    return rows


def _person(engine, name: str = "Nguyễn Thị Hồng Nhung", today: date = TODAY, **extra) -> object:
    data = PersonInput(full_name=name, gender=Gender.FEMALE, date_of_birth=date(1998, 3, 4), **extra)
    return create_person(engine, data=data, today=today)


def test_a_person_created_updated_deleted_and_restored(database: Database) -> None:
    engine = access.bind(database.engine, OFFICER)
    person = _person(engine, phone="0912345678", policy_groups=frozenset({PolicyGroup.POOR}))
    changed = PersonInput(**{**person.to_input().__dict__, "phone": "0987654321", "policy_groups": frozenset()})
    person = update_person(engine, person_id=person.id, data=changed, expected_version=person.version, today=TODAY)
    delete_person(engine, person_id=person.id)
    restore_person(engine, person_id=person.id)

    with database.engine.connect() as conn:
        uuid = conn.scalar(sa.select(Person.uuid).where(Person.id == person.id))
    rows = _entries(database, table_name="person", record_uuid=uuid)
    assert [r["action"] for r in rows] == ["create", "update", "delete", "restore"]
    assert {r["username"] for r in rows} == {"can_bo_lan"}
    created = rows[0]
    assert created["before"] is None
    assert created["after"]["full_name"] == "Nguyễn Thị Hồng Nhung"
    assert created["after"]["date_of_birth"] == "1998-03-04"  # dates in ISO form
    assert created["after"]["gender"] == "female"  # enums by stored value
    assert created["after"]["policy_groups"] == ["poor"]  # the person's policy groups go with the person
    assert "name_key" not in created["after"] and "version" not in created["after"]  # derived columns skipped
    assert rows[1]["before"] == {"phone": "0912345678", "policy_groups": ["poor"]}
    assert rows[1]["after"] == {"phone": "0987654321", "policy_groups": []}
    assert rows[2]["before"] == {"deleted_at": None} and rows[2]["after"]["deleted_at"]
    assert rows[3]["after"] == {"deleted_at": None}
    # the person's first status event was recorded (created), deleted and restored with them
    events = [r["action"] for r in _entries(database, table_name="status_event")]
    assert events == ["create", "delete", "restore"]
    assert audit.verify_chain(database.engine).ok


def test_a_household_and_a_departure(database: Database) -> None:
    engine = access.bind(database.engine, OFFICER)
    person = _person(engine, today=date(2026, 1, 5))
    household_id = households.create_household(
        engine, head_name="Trần Văn Bình", hamlet="Ấp 2", phone="0909000111", today=TODAY
    )
    households.update_household(
        engine,
        household_id=household_id,
        version=None,
        head_name="Trần Văn Bình",
        hamlet="Ấp 3",
        phone="0909000111",
        poverty_status=PovertyStatus.POOR,
    )
    result = lifecycle.record_departure(
        engine,
        person_id=person.id,
        data=lifecycle.DepartureInput(market_code="JP", departed_on=date(2026, 2, 10), occupation="Cơ khí"),
        today=TODAY,
    )
    lifecycle.delete_departure(engine, departure_id=result.departure_id)

    house = _entries(database, table_name="household")
    assert [r["action"] for r in house] == ["create", "update"]
    assert house[0]["after"]["head_name"] == "Trần Văn Bình" and house[0]["username"] == "can_bo_lan"
    assert house[1]["before"] == {"hamlet": "Ấp 2", "poverty_status": "none"}
    assert house[1]["after"] == {"hamlet": "Ấp 3", "poverty_status": "poor"}
    members = _entries(database, table_name="household_member")
    assert members and members[0]["action"] == "create"  # the head, a member
    departure = _entries(database, table_name="departure")
    assert [r["action"] for r in departure] == ["create", "delete"]
    assert departure[0]["after"]["market_code"] == "JP"
    assert departure[0]["after"]["departed_on"] == "2026-02-10"
    assert departure[0]["after"]["occupation"] == "Cơ khí"
    # the person's status went to "departed" and back: two updates of the person
    statuses = [(r["before"] or {}).get("status") for r in _entries(database, table_name="person", action="update")]
    assert statuses == ["candidate", "departed"]
    assert audit.verify_chain(database.engine).ok


def test_without_login_the_user_is_empty(database: Database) -> None:
    _person(database.engine)
    [row] = _entries(database, table_name="person")
    assert row["username"] == ""


def test_a_rolled_back_save_leaves_no_entry(database: Database) -> None:
    before = len(_entries(database))
    with pytest.raises(RuntimeError), write_session(database.engine) as session:
        session.add(Person(full_name="Phạm Văn Hùng", name_key="pham van hung"))
        session.flush()
        raise RuntimeError("the user's action failed half way")
    assert len(_entries(database)) == before
    # a refused save (validation) writes nothing either
    with pytest.raises(Exception):  # noqa: B017 - any refusal
        _person(database.engine, name="")
    assert len(_entries(database)) == before
    assert audit.verify_chain(database.engine).ok


def test_bulk_updates_through_the_session_are_recorded(database: Database) -> None:
    person = _person(database.engine)
    table = Person.__table__  # type: ignore[attr-defined]
    with write_session(database.engine) as session:
        session.execute(sa.update(table).where(table.c.id == person.id).values(hamlet="Ấp Mới"))
    [row] = _entries(database, table_name="person", action="update")
    assert row["before"] == {"hamlet": ""} and row["after"] == {"hamlet": "Ấp Mới"}


def test_many_changes_keep_the_chain_and_an_edit_is_found(database: Database) -> None:
    engine = access.bind(database.engine, OFFICER)
    people = [_person(engine, name=f"Nguyễn Văn {n}") for n in ("An", "Bình", "Cường", "Dũng", "Giang")]
    for person in people:
        data = PersonInput(**{**person.to_input().__dict__, "notes": "đã gọi điện"})
        update_person(engine, person_id=person.id, data=data, expected_version=person.version, today=TODAY)
    result = audit.verify_chain(database.engine)
    assert result.ok and result.count == len(_entries(database)) >= 15

    target = _entries(database, action="update", table_name="person")[2]
    with database.engine.begin() as conn:  # someone edits the file outside the program
        conn.execute(sa.update(AUDIT).where(AUDIT.c.id == target["id"]).values(after_json='{"notes": "chưa gọi"}'))
    broken = audit.verify_chain(database.engine)
    assert not broken.ok and broken.broken_id == target["id"]


def test_redacting_keeps_the_chain(database: Database) -> None:
    person = _person(database.engine, phone="0912345678")
    with database.engine.connect() as conn:
        uuid = conn.scalar(sa.select(Person.uuid).where(Person.id == person.id))
    with write_session(database.engine) as session:
        assert audit.redact(session, table="person", record_uuids=[uuid]) == 1
    [row] = _entries(database, table_name="person")
    assert "0912345678" not in row["after_json"] and row["action"] == "create"
    assert audit.verify_chain(database.engine).ok
    page = audit.query(database.engine, table="person")
    assert page.rows[0].redacted and page.rows[0].changes == []


def test_query_filters_and_pages(database: Database) -> None:
    engine = access.bind(database.engine, OFFICER)
    for name in ("Võ Thị Mai", "Đặng Văn Tú", "Lý Thị Hoa"):
        _person(engine, name=name)
    _person(database.engine, name="Hồ Văn Sơn")  # nobody logged in
    admin = access.bind(database.engine, ADMIN)

    page = audit.query(admin, table="person", limit=2)
    assert page.count == 4 and [r.after["full_name"] for r in page.rows] == ["Hồ Văn Sơn", "Lý Thị Hoa"]
    second = audit.query(admin, table="person", offset=2, limit=2)
    assert [r.after["full_name"] for r in second.rows] == ["Đặng Văn Tú", "Võ Thị Mai"]
    assert audit.query(admin, username="can_bo_lan", table="person").count == 3
    found = audit.query(admin, text="Đặng Văn")  # his record and his first status: both about him
    assert sorted(r.table_name for r in found.rows) == ["person", "status_event"]
    assert {r.title for r in found.rows} == {"Đặng Văn Tú"}
    assert audit.query(admin, action="delete").count == 0
    assert audit.query(admin, since=date.today(), until=date.today(), table="person").count == 4
    assert audit.query(admin, until=date(2020, 1, 1)).count == 0
    choices = audit.filter_choices(admin)
    assert "can_bo_lan" in choices.usernames and "person" in choices.tables and "create" in choices.actions


def test_text_search_ignores_marks_and_case_and_looks_at_values(database: Database) -> None:
    engine = access.bind(database.engine, OFFICER)
    for name in ("Võ Thị Mai", "Đặng Văn Tú"):
        _person(engine, name=name)
    admin = access.bind(database.engine, ADMIN)

    for typed in ("dang van tu", "ĐẶNG VĂN", "Đặng Văn Tú", "  dang   van "):
        page = audit.query(admin, text=typed, table="person")
        assert [r.after["full_name"] for r in page.rows] == ["Đặng Văn Tú"], typed
        assert page.count == 1
    assert audit.query(admin, text="CAN_BO_LAN", table="person").count == 2  # the user
    assert audit.query(admin, text="can%lan").count == 0  # % and _ are what was typed
    assert audit.query(admin, text="full_name").count == 0  # field names are not values
    [entry] = _entries(database, table_name="person")[:1]
    chain_hash = json.loads(entry["detail"])["chain"]["hash"]
    assert audit.query(admin, text=chain_hash[:20]).count == 0  # nor is the chain
    assert audit.query(admin, text=entry["record_uuid"]).count == 1  # the record's id is


def test_the_name_finds_every_entry_about_the_person_and_the_list_shows_it(database: Database) -> None:
    engine = access.bind(database.engine, OFFICER)
    person = _person(engine, name="Phan Thị Ngọc")
    data = PersonInput(**{**person.to_input().__dict__, "phone": "0987000111"})
    update_person(engine, person_id=person.id, data=data, expected_version=person.version, today=TODAY)
    admin = access.bind(database.engine, ADMIN)

    page = audit.query(admin, text="phan thi ngoc")
    actions = sorted((r.table_name, r.action) for r in page.rows)
    assert actions == [("person", "create"), ("person", "update"), ("status_event", "create")]
    [phone] = [r for r in page.rows if r.action == "update"]
    assert phone.after == {"phone": "0987000111"}  # the entry holds no name: found by its record's
    assert phone.title == "Phan Thị Ngọc"
    assert phone.summary() == "Phan Thị Ngọc: Điện thoại"
    assert phone.summary("en") == "Phan Thị Ngọc: Phone"


def test_a_redacted_value_is_no_longer_found_by_the_search(database: Database) -> None:
    person = _person(database.engine, name="Lê Văn Hùng", phone="0912345678")
    admin = access.bind(database.engine, ADMIN)
    assert audit.query(admin, text="0912345678").count == 1
    assert {r.table_name for r in audit.query(admin, text="le van hung").rows} == {"person", "status_event"}
    with database.engine.connect() as conn:
        uuid = conn.scalar(sa.select(Person.uuid).where(Person.id == person.id))
    with write_session(database.engine) as session:
        audit.redact(session, table="person", record_uuids=[uuid])
    assert audit.query(admin, text="0912345678").count == 0
    # the person's own entry no longer holds the name (the status entry still does: not redacted here)
    assert {r.table_name for r in audit.query(admin, text="le van hung").rows} == {"status_event"}
    assert audit.query(admin, text=uuid).count == 1  # who did what, when is still found
    assert audit.verify_chain(database.engine).ok


def test_only_an_administrator_reads_the_trail(database: Database) -> None:
    officer = access.bind(database.engine, OFFICER)
    with pytest.raises(access.AccessDenied):
        audit.query(officer)
    with pytest.raises(access.AccessDenied):
        audit.export_xlsx(officer, audit.AuditFilter(), Path("/nonexistent/x.xlsx"))


def test_export_xlsx_writes_vietnamese_headers_and_safe_text(database: Database, tmp_path: Path) -> None:
    _person(database.engine, name="Bùi Thị Xuân")
    with write_session(database.engine) as session:  # a value Excel would run as a formula
        audit.record_event(session, username="=cmd|' /C calc'!A0", action="update", table="person",
                           record_uuid="u1", before={"notes": ""}, after={"notes": "=1+1"})  # fmt: skip
    path = tmp_path / "nhat-ky.xlsx"
    written = audit.export_xlsx(database.engine, audit.AuditFilter(table="person"), path)
    assert written == 2
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Số", "Thời điểm", "Người dùng", "Thao tác", "Loại hồ sơ")
    assert rows[1][2:5] == ("=cmd|' /C calc'!A0", "Sửa", "Người lao động")  # newest first
    assert rows[1][5] is None  # no record u1: no name
    assert rows[1][7:10] == ("Ghi chú", "—", "=1+1")
    for cell in (sheet.cell(row=2, column=3), sheet.cell(row=2, column=10)):
        assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula
    assert rows[2][3] == "Thêm mới" and "Họ và tên" in rows[2][7] and "Bùi Thị Xuân" in rows[2][9]
    assert rows[2][5] == "Bùi Thị Xuân"  # whose record, in a column of its own
    # the export itself is recorded
    [entry] = _entries(database, action="export")
    assert json.loads(entry["detail"])["kind"] == "audit_log"


def test_exports_and_prints_of_personal_data_are_recorded(database: Database, tmp_path: Path) -> None:
    from xkld_desktop.services.excel_export import export_list
    from xkld_desktop.services.person_sheet import write_person_sheet

    engine = access.bind(database.engine, OFFICER)
    person = _person(engine)
    lifecycle.record_departure(
        engine,
        person_id=person.id,
        data=lifecycle.DepartureInput(market_code="JP", departed_on=date(2026, 2, 10)),
        today=TODAY,
    )
    rows = export_list(
        engine, list_name="departed", date_from=date(2026, 1, 1), date_to=date(2026, 12, 31), path=tmp_path / "ds.xlsx"
    )
    write_person_sheet(engine, person_id=person.id, path=tmp_path / "phieu.pdf", today=TODAY)
    audit.record_print(engine, kind="person_sheet", person_id=person.id)

    exports = _entries(database, action="export")
    assert [json.loads(e["detail"])["kind"] for e in exports] == ["list_departed", "person_sheet"]
    listed = json.loads(exports[0]["detail"])
    assert listed["count"] == rows == 1 and listed["from"] == "2026-01-01" and listed["file"] == "ds.xlsx"
    assert exports[1]["table_name"] == "person" and exports[1]["username"] == "can_bo_lan"
    [printed] = _entries(database, action="print")
    assert printed["record_uuid"] == exports[1]["record_uuid"] is not None
    assert audit.verify_chain(database.engine).ok


def test_lists_that_belong_to_a_record_are_recorded_as_its_fields(database: Database) -> None:
    from xkld_desktop.services import club, outreach

    engine = database.engine
    first = households.create_household(engine, head_name="Lê Văn Tâm", today=TODAY)
    second = households.create_household(engine, head_name="Phan Thị Lụa", today=TODAY)
    club_id = club.create_club(engine, name="CLB Ấp 1", today=TODAY)
    for household_id in (first, second):
        club.join_club(engine, club_id=club_id, household_id=household_id, joined_on=date(2026, 1, 5), today=TODAY)
    meeting_id = club.record_meeting(
        engine, club_id=club_id, held_on=date(2026, 3, 1), topic="Phòng tránh lừa đảo",
        attending_household_ids=[first], today=TODAY,
    )  # fmt: skip
    club.update_meeting(
        engine, meeting_id=meeting_id, version=None, held_on=date(2026, 3, 1), topic="Phòng tránh lừa đảo",
        attending_household_ids=[first, second], today=TODAY,
    )  # fmt: skip
    meetings = _entries(database, table_name="club_meeting")
    assert [m["action"] for m in meetings] == ["create", "update"]
    assert meetings[0]["after"]["households"] == [first]
    assert meetings[1]["before"] == {"households": [first]}
    assert meetings[1]["after"] == {"households": [first, second]}

    # the outreach service writes its attendance with Core statements through the session
    person = _person(engine)
    held = outreach.OutreachInput(date(2026, 4, 2), "Nhà văn hóa", topic="Tư vấn", attendance_count=1)
    session_id = outreach.create_outreach_session(engine, data=replace(held, attendee_ids=(person.id,)), today=TODAY)
    version = outreach.get_outreach_session(engine, session_id=session_id).version
    outreach.update_outreach_session(
        engine, session_id=session_id, version=version,
        data=held, today=TODAY,
    )  # fmt: skip
    sessions = _entries(database, table_name="outreach_session")
    assert [s["action"] for s in sessions] == ["create", "update"]
    assert sessions[0]["after"]["people"] == [person.id]
    assert sessions[1]["before"] == {"people": [person.id]} and sessions[1]["after"] == {"people": []}
    assert audit.verify_chain(database.engine).ok
