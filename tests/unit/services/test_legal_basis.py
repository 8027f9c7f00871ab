"""The legal basis for keeping a person's data: stored, checked, shown on the record sheet, migrated."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa

from xkld_desktop.domain.enums import LegalBasis
from xkld_desktop.domain.models import Person
from xkld_desktop.domain.validation import Severity
from xkld_desktop.services.person_records import (
    PersonInput,
    create_person,
    get_person,
    update_person,
    validate_person,
)
from xkld_desktop.services.person_sheet import person_sheet
from xkld_desktop.store.engine import create_engine
from xkld_desktop.store.migrate import migrate
from xkld_desktop.store.session import read_session

TODAY = date(2026, 11, 25)


def lan(**changes) -> PersonInput:
    return PersonInput(full_name="Lê Thị Lan", date_of_birth=date(2000, 5, 6), **changes)


def test_labels_in_both_languages() -> None:
    assert LegalBasis.CONSENT.label("vi") == "Đồng ý của chủ thể dữ liệu"
    assert LegalBasis.LEGAL_OBLIGATION.label("vi") == "Thực hiện nghĩa vụ theo luật (Luật 69/2020/QH14)"
    assert LegalBasis.PUBLIC_INTEREST.label("en") == "Task in the public interest"
    assert LegalBasis.parse("dong y cua chu the du lieu") is LegalBasis.CONSENT


def test_basis_is_stored_and_read_back(database) -> None:
    engine = database.engine
    created = create_person(
        engine,
        data=lan(
            legal_basis=LegalBasis.CONSENT,
            legal_basis_date=date(2026, 1, 2),
            legal_basis_note="  Phiếu đồng ý số 12 ",
        ),
        today=TODAY,
    )
    with read_session(engine) as session:
        row = session.execute(
            sa.select(Person.legal_basis, Person.legal_basis_date, Person.legal_basis_note).where(
                Person.id == created.id
            )
        ).one()
    assert tuple(row) == (LegalBasis.CONSENT, date(2026, 1, 2), "Phiếu đồng ý số 12")
    detail = get_person(engine, created.id)
    assert detail.to_input().legal_basis is LegalBasis.CONSENT
    changed = update_person(
        engine,
        person_id=created.id,
        data=lan(legal_basis=LegalBasis.LEGAL_OBLIGATION, legal_basis_date=date(2026, 2, 1)),
        expected_version=detail.version,
        today=TODAY,
    )
    assert changed.legal_basis is LegalBasis.LEGAL_OBLIGATION and changed.legal_basis_note == ""


def test_a_future_date_is_an_error_and_a_missing_date_a_warning() -> None:
    future = validate_person(lan(legal_basis=LegalBasis.CONSENT, legal_basis_date=date(2027, 1, 1)), today=TODAY)
    assert [(i.field, i.severity) for i in future] == [("legal_basis_date", Severity.ERROR)]
    undated = validate_person(lan(legal_basis=LegalBasis.CONSENT), today=TODAY)
    assert [(i.field, i.severity) for i in undated] == [("legal_basis_date", Severity.WARNING)]
    assert validate_person(lan(), today=TODAY) == []  # nothing recorded: no nagging
    long_note = validate_person(lan(legal_basis_note="x" * 201), today=TODAY)
    assert [i.field for i in long_note] == ["legal_basis_note"]


def test_record_sheet_shows_the_basis_or_not_recorded(database) -> None:
    engine = database.engine
    with_basis = create_person(
        engine,
        data=lan(legal_basis=LegalBasis.CONSENT, legal_basis_date=date(2026, 1, 2), legal_basis_note="Phiếu số 12"),
        today=TODAY,
    )
    without = create_person(engine, data=PersonInput(full_name="Phạm Văn Hùng"), today=TODAY)
    lines = dict(person_sheet(engine, person_id=with_basis.id, today=TODAY).identity)
    assert lines["Căn cứ lưu giữ dữ liệu cá nhân"] == "Đồng ý của chủ thể dữ liệu, từ ngày 02/01/2026 (Phiếu số 12)"
    lines = dict(person_sheet(engine, person_id=without.id, today=TODAY).identity)
    assert lines["Căn cứ lưu giữ dữ liệu cá nhân"] == "Chưa ghi"


def test_migration_gives_consented_people_the_consent_basis(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{(tmp_path / 'old.db').as_posix()}")
    try:
        migrate(engine, target="0003", backup=False)
        with engine.begin() as conn:
            for uuid, name, consent in (("u1", "Lê Thị Lan", "2025-03-04"), ("u2", "Phạm Văn Hùng", None)):
                conn.execute(
                    sa.text(
                        "INSERT INTO person (uuid, full_name, name_key, sort_key, birth_precision, hamlet, address,"
                        " ethnicity, trade_skill, foreign_language, status, consent_on, notes, created_at, updated_at,"
                        " version) VALUES (:u, :n, '', '', 'day', '', '', 'Kinh', '', '', 'candidate', :c, '',"
                        " '2025-01-01 00:00:00', '2025-01-01 00:00:00', 1)"
                    ),
                    {"u": uuid, "n": name, "c": consent},
                )
        migrate(engine, backup=False)
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT uuid, legal_basis, legal_basis_date, legal_basis_note FROM person ORDER BY uuid")
            ).all()
        assert [tuple(r) for r in rows] == [("u1", "consent", "2025-03-04", ""), ("u2", None, None, "")]
    finally:
        engine.dispose()
