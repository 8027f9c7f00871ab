"""Erasure on request: the person's data leaves every table and the audit trail, which still verifies."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from xkld_desktop.domain.enums import Role
from xkld_desktop.domain.models import (
    AuditEvent,
    ClubMeeting,
    Departure,
    FamilyClub,
    FamilyVisit,
    Household,
    HouseholdMember,
    Loan,
    Person,
    PersonNameToken,
    ReturnFollowUp,
    StatusEvent,
    WorkerReturn,
)
from xkld_desktop.services import access, audit, club
from xkld_desktop.services.erasure import (
    ERASURE_ACTION,
    WRONG_CONFIRMATION,
    _Matcher,
    confirmation_ok,
    erase_person,
    erasure_preview,
)
from xkld_desktop.services.errors import NotFound, Refused
from xkld_desktop.services.person_records import PersonInput, create_person, delete_person
from xkld_desktop.services.person_sheet import write_person_sheet
from xkld_desktop.store.session import read_session

from .privacy_data import CCCD, NAME, PASSPORT, PHONE, TODAY, make_story, texts_containing


def count(engine, model, *where) -> int:
    with read_session(engine) as session:
        return int(session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0)


def test_before_erasure_the_data_is_everywhere(database) -> None:
    """The check below can fail: the story puts the name, CCCD and phone in many places."""
    make_story(database.engine)
    tables = {t for t, _c, _v in texts_containing(database.engine, NAME)}
    assert {"person", "household", "household_member", "family_club", "club_meeting", "audit_event"} <= tables
    assert {t for t, _c, _v in texts_containing(database.engine, CCCD)} >= {"person", "family_visit", "audit_event"}


def test_erasure_leaves_no_trace_of_the_person_and_audit_verifies(database) -> None:
    engine = database.engine
    story = make_story(engine)
    assert audit.verify_chain(engine).ok

    result = erase_person(engine, person_id=story.person_id, confirmation=NAME)

    for needle in (NAME, CCCD, PHONE, PASSPORT, "TRUONG THI KHANH HUYEN"):
        assert texts_containing(engine, needle) == [], needle
    assert count(engine, Person, Person.id == story.person_id) == 0
    assert count(engine, PersonNameToken, PersonNameToken.person_id == story.person_id) == 0
    assert count(engine, StatusEvent, StatusEvent.person_id == story.person_id) == 0
    assert count(engine, Departure) == 0
    assert count(engine, Loan) == 0
    assert count(engine, WorkerReturn) == 0
    assert count(engine, ReturnFollowUp) == 0
    # others' records stay: the brother, the household (with a placeholder head), club, meeting, visit
    assert count(engine, Person, Person.id == story.other_person_id) == 1
    with read_session(engine) as session:
        household = session.get(Household, story.household_id)
        assert household is not None and household.head_person_id is None
        assert household.head_name == "[đã xóa theo yêu cầu]"
        assert household.phone is None
        members = session.scalars(sa.select(HouseholdMember.full_name)).all()
        assert members == ["Trương Văn Tâm"]
        leader = session.get(FamilyClub, story.club_id)
        assert leader is not None and leader.leader_name == "" and leader.leader_phone is None
        meeting = session.get(ClubMeeting, story.meeting_id)
        assert meeting is not None and meeting.notes == "Chị [đã xóa] chủ trì; chị [đã xóa] phát tài liệu"
        visit = session.get(FamilyVisit, story.visit_id)
        assert visit is not None and visit.issues_raised == "Gia đình [đã xóa] (CCCD [đã xóa]) cần vay vốn"
        brother = session.get(Person, story.other_person_id)
        assert brother is not None and brother.notes == "Em trai của [đã xóa], liên hệ [đã xóa]"
        assert brother.full_name == "Trương Văn Tâm"

    # one audit line without personal data, and the chain still verifies
    with engine.connect() as conn:
        lines = conn.execute(sa.select(AuditEvent.__table__).where(AuditEvent.action == ERASURE_ACTION)).all()
    assert len(lines) == 1
    detail = json.loads(lines[0].detail)
    assert lines[0].table_name == "person" and lines[0].before_json is None and lines[0].after_json is None
    assert detail["removed"]["person"] == 1 and detail["removed"]["departure"] == 1
    assert result.removed == detail["removed"]
    assert result.audit_redacted > 0
    verdict = audit.verify_chain(engine)
    assert verdict.ok, verdict.problem


@pytest.mark.sqlite_only
def test_after_an_erasure_neither_the_file_nor_its_log_holds_the_name(database) -> None:
    # secure_delete zeroes the freed pages; the TRUNCATE checkpoint copies them into the file and
    # empties the write-ahead log, whose older frames still held the pages as they were
    story = make_story(database.engine)
    erase_person(database.engine, person_id=story.person_id, confirmation=NAME)
    wal = database.path.with_name(database.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    for needle in (NAME, CCCD):
        assert needle.encode() not in database.path.read_bytes(), needle


def test_audit_verify_still_detects_a_raw_edit_after_an_erasure(database) -> None:
    engine = database.engine
    story = make_story(engine)
    erase_person(engine, person_id=story.person_id, confirmation="XÓA")
    assert audit.verify_chain(engine).ok
    with engine.begin() as conn:
        target = conn.scalar(
            sa.select(AuditEvent.id).where(AuditEvent.action == ERASURE_ACTION)  # type: ignore[arg-type]
        )
        row = conn.execute(sa.select(AuditEvent.detail).where(AuditEvent.id == target)).scalar_one()
        conn.execute(
            sa.update(AuditEvent.__table__)
            .where(AuditEvent.__table__.c.id == target)
            .values(detail=row.replace('"person": 1', '"person": 2'))
        )
    verdict = audit.verify_chain(engine)
    assert not verdict.ok and verdict.broken_id == target


def test_a_redacted_entry_edited_afterwards_is_detected(database) -> None:
    engine = database.engine
    story = make_story(engine)
    erase_person(engine, person_id=story.person_id, confirmation="XÓA")
    table = AuditEvent.__table__
    with engine.begin() as conn:
        target = conn.scalar(
            sa.select(table.c.id).where(table.c.before_json.like('{"_redacted%')).order_by(table.c.id).limit(1)
        )
        assert target is not None
        conn.execute(sa.update(table).where(table.c.id == target).values(action="restore"))
    verdict = audit.verify_chain(engine)
    assert not verdict.ok and verdict.broken_id == target


def test_wrong_confirmation_is_refused_and_nothing_changes(database) -> None:
    engine = database.engine
    story = make_story(engine)
    before = count(engine, AuditEvent)
    with pytest.raises(Refused) as refused:
        erase_person(engine, person_id=story.person_id, confirmation="Trương Thị Khánh")
    assert refused.value.message == WRONG_CONFIRMATION
    assert count(engine, Person, Person.id == story.person_id) == 1
    assert count(engine, AuditEvent) == before
    assert texts_containing(engine, CCCD)


def test_confirmation_accepts_the_name_without_marks_or_the_word() -> None:
    assert confirmation_ok(NAME, "truong thi khanh huyen")
    assert confirmation_ok(NAME, "  TRƯƠNG  THỊ KHÁNH HUYỀN ")
    assert confirmation_ok(NAME, "xóa")
    assert confirmation_ok(NAME, "XOA")
    assert not confirmation_ok(NAME, "")
    assert not confirmation_ok(NAME, "Huyền")


def test_a_person_in_the_bin_can_be_erased(database) -> None:
    engine = database.engine
    story = make_story(engine)
    delete_person(engine, person_id=story.person_id)
    preview = erasure_preview(engine, story.person_id)
    assert preview.in_bin and preview.full_name == NAME and preview.departures == 1
    assert preview.birth_text == "02/04/1996"
    assert preview.heads_households == 1 and preview.leads_clubs == 1
    erase_person(engine, person_id=story.person_id, confirmation=NAME)
    assert texts_containing(engine, CCCD) == []
    assert audit.verify_chain(engine).ok
    with pytest.raises(NotFound):
        erasure_preview(engine, story.person_id)


def test_only_an_administrator_may_erase(database) -> None:
    engine = database.engine
    story = make_story(engine)
    officer = access.bind(engine, access.Actor("canbo", "Cán bộ", Role.OFFICER))
    with pytest.raises(access.AccessDenied):
        erase_person(officer, person_id=story.person_id, confirmation=NAME)
    with pytest.raises(access.AccessDenied):
        erasure_preview(officer, story.person_id)
    assert count(engine, Person, Person.id == story.person_id) == 1
    admin = access.bind(engine, access.Actor("quantri", "Quản trị", Role.ADMIN))
    erase_person(admin, person_id=story.person_id, confirmation=NAME)
    with engine.connect() as conn:
        who = conn.scalar(sa.select(AuditEvent.username).where(AuditEvent.action == ERASURE_ACTION))
    assert who == "quantri"


def test_entries_of_the_old_v1_chain_are_redacted_too(database, monkeypatch) -> None:
    """A database used with the previous version holds v1 entries (hashed as text)."""
    engine = database.engine
    monkeypatch.setattr(audit, "CHAIN_VERSION", 1)
    story = make_story(engine)
    monkeypatch.undo()
    with engine.connect() as conn:
        details = list(conn.scalars(sa.select(AuditEvent.detail)))
    assert details and all(json.loads(d)["chain"]["v"] == 1 for d in details)
    assert {t for t, _c, _v in texts_containing(engine, CCCD)} >= {"audit_event"}

    erase_person(engine, person_id=story.person_id, confirmation=NAME)
    for needle in (NAME, CCCD, PHONE, PASSPORT):
        assert texts_containing(engine, needle) == [], needle
    assert audit.verify_chain(engine).ok

    # a raw edit of a redacted v1 entry is still found
    table = AuditEvent.__table__
    with engine.connect() as conn:
        detail = json.loads(conn.scalar(sa.select(table.c.detail).where(table.c.action == ERASURE_ACTION)))
    target = int(next(iter(detail["redacted_v1"])))
    with engine.begin() as conn:
        conn.execute(sa.update(table).where(table.c.id == target).values(username="ai-do"))
    verdict = audit.verify_chain(engine)
    assert not verdict.ok and verdict.broken_id == target


def test_undoing_an_import_after_an_erasure_skips_the_erased_records(database, tmp_path) -> None:
    from xkld_desktop.services.excel_import.commit import commit_import, undo_import
    from xkld_desktop.services.excel_import.preview import preview_files

    from .excel_import_books import simple_workbook

    engine = database.engine
    header = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại", "Ấp"]
    row = ["Nguyễn Văn An", "05/03/1998", "Nam", "087098012345", "", "Thôn 1"]
    first = simple_workbook(tmp_path / "a.xlsx", header, [row])
    commit_import(engine, preview_files(engine, [first], today=date(2026, 11, 25)), today=date(2026, 11, 25))
    second = simple_workbook(tmp_path / "b.xlsx", header, [[*row[:4], "0912345678", "Thôn 2"]])
    previews = preview_files(engine, [second], today=date(2026, 11, 25))
    updated = commit_import(engine, previews, on_duplicate="update", today=date(2026, 11, 25))
    assert updated.updated == 1
    with engine.connect() as conn:
        person_id = conn.scalar(sa.select(Person.id))
    erase_person(engine, person_id=person_id, confirmation="XÓA")
    assert texts_containing(engine, "087098012345") == []

    undone = undo_import(engine, updated.batch_id)
    assert (undone.restored, undone.deleted) == (0, 0)
    assert count(engine, Person) == 0
    assert audit.verify_chain(engine).ok


# --------------------------------------------------------------------------- the name and numbers as people write them


def _visit(engine, story, text: str, day: int = 2) -> int:
    return club.record_visit(
        engine,
        household_id=story.household_id,
        visited_on=date(2026, 6, day),
        visitor="Cán bộ",
        issues_raised=text,
        today=TODAY,
    )


def _after_erasure(engine, story) -> None:
    erase_person(engine, person_id=story.person_id, confirmation=NAME)
    verdict = audit.verify_chain(engine)
    assert verdict.ok, verdict.problem


def _issues(engine, visit_id: int) -> str:
    with read_session(engine) as session:
        visit = session.get(FamilyVisit, visit_id)
        assert visit is not None
        return visit.issues_raised


def test_the_name_without_marks_in_a_text_with_a_blank_line_or_double_spaces_is_erased(database) -> None:
    """fold() makes whitespace runs one space: its result no longer lines up with such a text."""
    engine = database.engine
    story = make_story(engine)
    meeting = club.record_meeting(
        engine,
        club_id=story.club_id,
        held_on=date(2026, 6, 1),
        topic="Họp quý 2",
        notes="Nội dung họp.\n\nChị truong thi khanh huyen báo cáo  tình hình vay vốn.",
        today=TODAY,
    )
    visit = _visit(engine, story, "Gặp  chị Truong Thi Khanh Huyen\tở chợ;\n\nhẹn  gặp lại")
    _after_erasure(engine, story)
    with read_session(engine) as session:
        notes = session.get(ClubMeeting, meeting).notes
    assert notes == "Nội dung họp.\n\nChị [đã xóa] báo cáo  tình hình vay vốn."
    assert _issues(engine, visit) == "Gặp  chị [đã xóa]\tở chợ;\n\nhẹn  gặp lại"
    assert texts_containing(engine, "truong thi khanh huyen") == []
    assert texts_containing(engine, "Thi Khanh Huyen") == []


def test_the_name_in_capitals_with_marks_is_erased_from_texts_and_the_audit_trail(database) -> None:
    """SQLite's LIKE folds ASCII letters only: "TRƯƠNG" does not match "Trương" there."""
    engine = database.engine
    story = make_story(engine)
    visit = _visit(engine, story, "Hàng xóm TRƯƠNG THỊ KHÁNH HUYỀN hay sang chơi")
    other = _visit(engine, story, "Gặp trương thị khánh huyền và Trương thị Khánh Huyền", day=3)
    _after_erasure(engine, story)
    assert _issues(engine, visit) == "Hàng xóm [đã xóa] hay sang chơi"
    assert _issues(engine, other) == "Gặp [đã xóa] và [đã xóa]"
    assert texts_containing(engine, "KHÁNH HUYỀN") == []
    assert texts_containing(engine, "khanh huyen") == []  # the audit's search text too
    with read_session(engine) as session:
        after = session.scalars(
            sa.select(AuditEvent.after_json).where(
                AuditEvent.table_name == "family_visit", AuditEvent.action == "create"
            )
        ).all()
    assert after and all(text.startswith('{"_redacted_sha256"') for text in after if text and "HUYỀN" in text)


def test_a_short_name_of_two_words_is_erased_a_short_single_word_stays(database) -> None:
    engine = database.engine
    story = make_story(engine)
    na = create_person(
        engine, data=PersonInput(full_name="Lê Na", id_number="087300112233", phone="0987000111"), today=TODAY
    )
    visit = _visit(engine, story, "Chị Lê Na (0987000111) nhờ hỏi vay vốn; LÊ NA, le na, Na, Lê Nam")
    erase_person(engine, person_id=na.id, confirmation="Lê Na")
    # the name in every spelling; a single "Na" (an everyday word too) and "Lê Nam" stay
    assert _issues(engine, visit) == "Chị [đã xóa] ([đã xóa]) nhờ hỏi vay vốn; [đã xóa], [đã xóa], Na, Lê Nam"
    assert texts_containing(engine, "Lê Na,") == texts_containing(engine, "087300112233") == []
    assert audit.verify_chain(engine).ok
    single = _Matcher("Na")
    assert single.like_terms() == [] and single.replace("Chị Na đi chợ") == "Chị Na đi chợ"


def test_the_record_sheet_file_name_leaves_no_trace(database, tmp_path) -> None:
    """The sheet's suggested file name is the name as a slug: not in the audit entry, and erased
    wherever it was written (a note, the search text of entries written by earlier versions)."""
    engine = database.engine
    story = make_story(engine)
    slug = "truong-thi-khanh-huyen"
    write_person_sheet(engine, person_id=story.person_id, path=tmp_path / f"phieu-thong-tin-{slug}.pdf", today=TODAY)
    audit.record_export(  # as the previous version wrote it
        engine, kind="person_sheet", count=1, person_id=story.person_id, detail={"note": f"ban-in {slug}_2"}
    )
    visit = _visit(engine, story, f"Đã gửi phieu-thong-tin-{slug}.pdf và TRUONG_THI_KHANH_HUYEN.docx")
    _after_erasure(engine, story)
    assert _issues(engine, visit) == "Đã gửi phieu-thong-tin-[đã xóa].pdf và [đã xóa].docx"
    with read_session(engine) as session:
        search = session.scalars(sa.select(AuditEvent.search_text)).all()
        details = session.scalars(sa.select(AuditEvent.detail).where(AuditEvent.action == "export")).all()
    assert [text for text in search if text and "khanh" in text] == []
    assert len(details) == 2 and slug not in details[0]  # the entry this version writes has no file name
    assert [(t, c) for t, c, _v in texts_containing(engine, slug)] == [("audit_event", "detail")]  # the old one's


def test_a_phone_written_in_groups_is_erased(database) -> None:
    engine = database.engine
    story = make_story(engine)
    visits = [
        _visit(engine, story, "Số của chị Huyền: 0912 345 678", day=2),
        _visit(engine, story, "ĐT 0912.345.678 hoặc 091 234 5678", day=3),
        _visit(engine, story, "Zalo +84 912 345 678; +84912345678", day=4),
        _visit(engine, story, "Số khác: 0912 345 6789 và 10912345678", day=5),
    ]
    _after_erasure(engine, story)
    assert [_issues(engine, v) for v in visits] == [
        "Số của chị Huyền: [đã xóa]",
        "ĐT [đã xóa] hoặc [đã xóa]",
        "Zalo [đã xóa]; [đã xóa]",
        "Số khác: 0912 345 6789 và 10912345678",  # other numbers stay
    ]
    for needle in ("0912 345 678 ", "0912.345.678", "+84 912", "+84912345678", "091 234 5678"):
        assert texts_containing(engine, needle) == [], needle
