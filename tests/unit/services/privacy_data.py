"""A person with a full story, made through the services (so the audit trail has it all), for the
recycle-bin and erasure tests; and a scan of every text column of every table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from xkld_desktop.domain.enums import (
    EmploymentAfterReturn,
    Gender,
    LoanSource,
    Relationship,
    ReturnReason,
)
from xkld_desktop.domain.models import metadata
from xkld_desktop.services import club, households, lifecycle
from xkld_desktop.services.person_records import PersonInput, create_person, update_person

TODAY = date(2026, 11, 25)
RECORDED = date(2024, 6, 1)  # when Huyền's record was made (before her departure)
NAME = "Trương Thị Khánh Huyền"
CCCD = "087196004321"  # 087 Đồng Tháp, 1 = woman born in the 1900s, 96 = 1996
PHONE = "0912345678"
PASSPORT = "C7654321"


@dataclass
class Story:
    person_id: int
    household_id: int
    other_person_id: int
    club_id: int
    meeting_id: int
    visit_id: int
    departure_id: int
    return_id: int


def make_story(engine) -> Story:
    """Huyền (household head, club leader, departed and returned) and her brother Tâm."""
    huyen = create_person(
        engine,
        data=PersonInput(
            full_name=NAME,
            gender=Gender.FEMALE,
            date_of_birth=date(1996, 4, 2),
            id_number=CCCD,
            phone=PHONE,
            passport_number=PASSPORT,
            hamlet="Ấp 3",
            address="Số 12, ấp 3",
            notes="Đã tư vấn tại nhà",
        ),
        today=RECORDED,
    )
    update_person(
        engine,
        person_id=huyen.id,
        data=PersonInput(
            **{**huyen.to_input().__dict__, "notes": "Đã tư vấn tại nhà; gọi lại sau Tết"},
        ),
        expected_version=huyen.version,
        today=RECORDED,
    )
    tam = create_person(
        engine,
        data=PersonInput(
            full_name="Trương Văn Tâm",
            gender=Gender.MALE,
            date_of_birth=date(1999, 1, 1),
            notes=f"Em trai của {NAME}, liên hệ {PHONE}",
        ),
        today=TODAY,
    )
    household_id = households.create_household(
        engine, head_name=NAME, head_person_id=huyen.id, hamlet="Ấp 3", phone=PHONE, today=TODAY
    )
    households.add_member(engine, household_id=household_id, relationship=Relationship.SIBLING, person_id=tam.id)
    club_id = club.create_club(
        engine, name="CLB Ấp 3", leader_name=NAME, leader_person_id=huyen.id, leader_phone=PHONE, today=TODAY
    )
    club.join_club(engine, club_id=club_id, household_id=household_id, joined_on=date(2026, 1, 5), today=TODAY)
    meeting_id = club.record_meeting(
        engine,
        club_id=club_id,
        held_on=date(2026, 3, 1),
        topic="Phòng tránh lừa đảo",
        attending_household_ids=[household_id],
        notes=f"Chị {NAME} chủ trì; chị TRUONG THI KHANH HUYEN phát tài liệu",
        today=TODAY,
    )
    visit_id = club.record_visit(
        engine,
        household_id=household_id,
        visited_on=date(2026, 4, 1),
        visitor="Cán bộ LĐTBXH",
        issues_raised=f"Gia đình {NAME} (CCCD {CCCD}) cần vay vốn",
        today=TODAY,
    )
    departure = lifecycle.record_departure(
        engine,
        person_id=huyen.id,
        data=lifecycle.DepartureInput(
            market_code="JP",
            departed_on=date(2025, 2, 10),
            occupation="Chế biến thực phẩm",
            notes=f"Hộ chiếu {PASSPORT}",
            loan=lifecycle.LoanInput(source=LoanSource.NHCSXH, amount=100_000_000, disbursed_on=date(2025, 1, 20)),
        ),
        today=TODAY,
    )
    back = lifecycle.record_return(
        engine,
        departure_id=departure.departure_id,
        returned_on=date(2026, 2, 10),
        reason=ReturnReason.CONTRACT_ENDED,
        today=TODAY,
    )
    lifecycle.record_follow_up(
        engine,
        return_id=back.return_id,
        followed_on=date(2026, 3, 10),
        employment=EmploymentAfterReturn.SELF_EMPLOYED,
        today=TODAY,
    )
    return Story(huyen.id, household_id, tam.id, club_id, meeting_id, visit_id, departure.departure_id, back.return_id)


def texts_containing(engine, needle: str) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text value in the database that contains *needle*."""
    found: list[tuple[str, str, str]] = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for column in table.columns:
                kind = column.type.impl_instance if isinstance(column.type, sa.types.TypeDecorator) else column.type
                if not isinstance(kind, sa.String):
                    continue
                for value in conn.scalars(sa.select(column).where(column.is_not(None))):
                    if needle.casefold() in str(value).casefold():
                        found.append((table.name, column.name, str(value)))
    return found


__all__ = ["CCCD", "NAME", "PASSPORT", "PHONE", "TODAY", "Story", "make_story", "texts_containing"]
