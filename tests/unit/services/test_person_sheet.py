"""The person's record sheet (phiếu thông tin): the PDF carries identity, household and the whole timeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from xkld_desktop.domain.enums import Gender, PolicyGroup, Programme, Relationship, ReturnReason
from xkld_desktop.domain.models import AuditEvent, Household, HouseholdMember, Person, PersonPolicyGroup
from xkld_desktop.services import lifecycle
from xkld_desktop.services.errors import NotFound
from xkld_desktop.services.lifecycle import DepartureInput
from xkld_desktop.services.person_sheet import person_sheet, sheet_html, write_person_sheet
from xkld_desktop.store.session import read_session, write_session

TODAY = date(2026, 11, 25)


def add_worker(engine) -> int:
    """Đức, CCCD 087098001234, son of Nguyễn Văn Ba's household; went to Japan, came back ill."""
    with write_session(engine) as session:
        person = Person(
            full_name="Nguyễn Văn Đức",
            name_key="",
            gender=Gender.MALE,
            date_of_birth=date(1998, 3, 5),
            id_number="087098001234",
            phone="0912345678",
            hamlet="Ấp Gò Bói",
            notes='=HYPERLINK("x") <b>không phải thẻ</b>',
        )
        home = Household(head_name="Nguyễn Văn Ba", address="Ấp Gò Bói")
        session.add_all([person, home])
        session.flush()
        session.add(PersonPolicyGroup(person_id=person.id or 0, group=PolicyGroup.NEAR_POOR))
        session.add_all(
            [
                HouseholdMember(household_id=home.id or 0, full_name="Nguyễn Văn Ba", relationship=Relationship.HEAD),
                HouseholdMember(
                    household_id=home.id or 0,
                    person_id=person.id,
                    full_name="Nguyễn Văn Đức",
                    relationship=Relationship.CHILD,
                ),
            ]
        )
        pid = person.id or 0
    dep = lifecycle.record_departure(
        engine,
        person_id=pid,
        data=DepartureInput(
            market_code="JP",
            departed_on=date(2021, 10, 1),
            programme=Programme.JP_TECHNICAL_INTERN,
            occupation="Hàn",
            contract_months=36,
        ),
        today=TODAY,
    ).departure_id
    lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2023, 2, 1), reason=ReturnReason.EARLY_ILLNESS, today=TODAY
    )
    return pid


def _flat_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def test_sheet_pdf_shows_identity_household_and_timeline(database, tmp_path: Path) -> None:
    pid = add_worker(database.engine)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "phieu.pdf"
    sheet = write_person_sheet(database.engine, person_id=pid, path=out, today=TODAY)
    pages, flat = _flat_text(out)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat and "Độc lập - Tự do - Hạnh phúc" in flat
    assert "PHIẾU THÔNG TIN NGƯỜI LAO ĐỘNG" in flat
    assert "Nguyễn Văn Đức" in flat
    assert "087098001234" in flat
    assert "05/03/1998 (28 tuổi)" in flat
    assert "Hộ cận nghèo" in flat  # policy group label
    # household: head, relationship, the members table marks the worker
    assert "Chủ hộ Nguyễn Văn Ba" in flat
    assert "Quan hệ với chủ hộ Con" in flat
    assert "Nguyễn Văn Đức (người lao động)" in flat
    # the whole timeline, oldest first, numbered
    assert "01/10/2021 Xuất cảnh đi Nhật Bản" in flat
    assert "Ngành nghề: Hàn" in flat
    assert "01/02/2023 Về nước (trước hạn)" in flat
    assert flat.index("Xuất cảnh đi Nhật Bản") < flat.index("Về nước (trước hạn)")
    assert len(sheet.timeline) >= 2
    # user text is printed as text, never as markup
    assert '=HYPERLINK("x") <b>không phải thẻ</b>' in flat
    assert f"Trang {pages}/{pages}" in flat
    assert [p.name for p in folder.iterdir()] == ["phieu.pdf"]  # no temporary file left


def test_sheet_html_carries_the_same_content(database) -> None:
    pid = add_worker(database.engine)
    sheet = person_sheet(database.engine, person_id=pid, today=TODAY)
    page = sheet_html(sheet)
    assert "PHIẾU THÔNG TIN NGƯỜI LAO ĐỘNG" in page
    assert "087098001234" in page and "Nguyễn Văn Ba" in page
    assert "Xuất cảnh đi Nhật Bản" in page and "Về nước (trước hạn)" in page
    assert "&lt;b&gt;không phải thẻ&lt;/b&gt;" in page  # escaped


def test_unknown_or_deleted_person_is_refused_and_nothing_written(database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(NotFound) as refused:
        write_person_sheet(database.engine, person_id=999_999, path=folder / "phieu.pdf")
    assert refused.value.message
    assert list(folder.iterdir()) == []


def test_sheet_without_household_or_events_says_so(database, tmp_path: Path) -> None:
    with write_session(database.engine) as session:
        person = Person(full_name="Lê Thị Én", name_key="", id_number="001199000111")
        session.add(person)
        session.flush()
        pid = person.id or 0
    out = tmp_path / "phieu.pdf"
    write_person_sheet(database.engine, person_id=pid, path=out, today=TODAY)
    _pages, flat = _flat_text(out)
    assert "Lê Thị Én" in flat and "001199000111" in flat
    assert "Chưa ghi nhận hộ gia đình" in flat


def test_the_audit_entry_of_a_saved_sheet_names_the_person_by_uuid_not_by_the_file_name(
    database, tmp_path: Path
) -> None:
    """The suggested file name carries the person's name; the hash-chained log must not keep it."""
    pid = add_worker(database.engine)
    write_person_sheet(
        database.engine, person_id=pid, path=tmp_path / "phieu-thong-tin-nguyen-van-duc.pdf", today=TODAY
    )
    with read_session(database.engine) as session:
        uuid = session.scalar(select(Person.uuid).where(Person.id == pid))
        entries = session.execute(
            select(AuditEvent.table_name, AuditEvent.record_uuid, AuditEvent.detail, AuditEvent.search_text).where(
                AuditEvent.action == "export"
            )
        ).all()
    assert len(entries) == 1
    table, record_uuid, detail, search = entries[0]
    assert (table, record_uuid) == ("person", uuid)
    assert json.loads(detail)["kind"] == "person_sheet"
    assert "nguyen-van-duc" not in detail and "nguyen-van-duc" not in (search or "")
    assert "phieu-thong-tin" not in detail
