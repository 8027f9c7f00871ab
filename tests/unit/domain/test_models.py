"""The data model is complete, carries global identity everywhere, and names its constraints."""

from __future__ import annotations

import re
import time
import uuid

import pytest

from xkld_desktop.domain import models
from xkld_desktop.domain.enums import ALL_ENUMS, Gender, LabeledEnum, PersonStatus, Programme

EXPECTED_TABLES = {
    "administrative_unit", "unit_succession", "market", "app_setting", "person", "person_policy_group",
    "person_name_token", "status_event", "household", "household_member", "family_club", "club_membership",
    "club_meeting",
    "club_meeting_attendance", "family_visit", "yearly_review", "outreach_session", "outreach_attendance",
    "placement_company", "departure", "loan", "departure_support", "worker_return", "return_follow_up",
    "follow_up_support_need", "target", "user_account", "audit_event",
}  # fmt: skip


def test_every_record_of_the_brief_has_a_table() -> None:
    assert set(models.metadata.tables) == EXPECTED_TABLES


@pytest.mark.parametrize("cls", models.RECORD_TABLES, ids=lambda c: c.__tablename__)
def test_records_carry_uuid_unit_timestamps_and_version(cls) -> None:
    table = cls.__table__
    for column in ("uuid", "unit_code", "created_at", "updated_at", "version", "deleted_at"):
        assert column in table.c, f"{table.name} lacks {column}"
    assert any(c.name == "uq_" + table.name + "_uuid" for c in table.constraints)
    assert cls.__mapper__.version_id_col is table.c.version


def test_constraint_names_follow_the_convention() -> None:
    pattern = re.compile(r"^(pk|uq|fk|ix|ck)_[a-z_0-9]+$")
    for table in models.metadata.tables.values():
        for constraint in table.constraints:
            assert constraint.name is not None and pattern.match(str(constraint.name)), constraint
        for index in table.indexes:
            assert pattern.match(str(index.name)), index.name


def test_new_records_get_distinct_uuids_and_aware_utc_timestamps() -> None:
    a, b = models.Person(full_name="A"), models.Person(full_name="B")
    assert a.uuid != b.uuid and len(a.uuid) == 36
    assert a.created_at.tzinfo is not None and a.created_at.utcoffset().total_seconds() == 0


def test_new_uuids_are_version_7_and_ordered_by_the_time_they_were_made() -> None:
    earlier = [models.new_uuid() for _ in range(200)]
    time.sleep(0.002)
    later = [models.new_uuid() for _ in range(200)]
    for text in earlier + later:
        parsed = uuid.UUID(text)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == text
    assert len(set(earlier + later)) == 400
    assert max(earlier) < min(later)  # next to each other in an index, in the order they were made
    millis = int(earlier[0].replace("-", "")[:12], 16)
    assert abs(millis - time.time() * 1000) < 60_000


@pytest.mark.parametrize("enum_cls", ALL_ENUMS, ids=lambda e: e.__name__)
def test_every_enum_member_has_distinct_vietnamese_and_english_labels(enum_cls: type[LabeledEnum]) -> None:
    vi = [m.label("vi") for m in enum_cls]
    en = [m.label("en") for m in enum_cls]
    assert len(set(vi)) == len(vi) and len(set(en)) == len(en)
    for member in enum_cls:
        assert member.value.isascii() and member.value == member.value.lower()
        assert member.label("vi") and member.label("en")


def test_enum_parse_accepts_values_and_labels_in_either_language_without_marks() -> None:
    assert Gender.parse("Nữ") is Gender.FEMALE
    assert Gender.parse("nu") is Gender.FEMALE
    assert Gender.parse("MALE") is Gender.MALE
    assert PersonStatus.parse("đã về nước") is PersonStatus.RETURNED
    assert Programme.parse("kr_eps") is Programme.KR_EPS
    assert Gender.parse("") is None and Gender.parse("không rõ") is None
