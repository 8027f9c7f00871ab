"""Several officers on one database (a shared PostgreSQL server, or one SQLite file): optimistic locking.

Each officer is a separate engine on the same URL, as two PCs would be. Runs on both databases.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from xkld_desktop.domain.enums import Role
from xkld_desktop.domain.models import Person
from xkld_desktop.services import access
from xkld_desktop.services.errors import Refused
from xkld_desktop.services.people import PeopleFilter, list_person_ids
from xkld_desktop.services.person_records import PersonInput, create_person, get_person, update_person
from xkld_desktop.store.engine import create_engine

TODAY = date(2026, 11, 25)


@pytest.fixture
def two_officers(database):
    """Two engines on the same database, each carrying its officer (who the audit log names)."""
    other = create_engine(database.url)
    lan = access.bind(database.engine, access.Actor(username="lan", full_name="Đỗ Thị Lan", role=Role.OFFICER))
    minh = access.bind(other, access.Actor(username="minh", full_name="Lê Văn Minh", role=Role.OFFICER))
    yield lan, minh
    other.dispose()


def test_the_second_save_of_the_same_record_is_refused_with_the_others_change(two_officers) -> None:
    lan, minh = two_officers
    created = create_person(lan, data=PersonInput(full_name="Nguyễn Văn Đức", hamlet="Ấp 1"), today=TODAY)
    lans_copy, minhs_copy = get_person(lan, created.id), get_person(minh, created.id)  # both open the form

    lans = lans_copy.to_input()
    lans.phone = "0912345678"
    update_person(lan, person_id=created.id, data=lans, expected_version=lans_copy.version, today=TODAY)

    minhs = minhs_copy.to_input()
    minhs.hamlet = "Ấp 2"
    with pytest.raises(Refused) as refused:
        update_person(minh, person_id=created.id, data=minhs, expected_version=minhs_copy.version, today=TODAY)
    message = refused.value.message
    assert message.startswith("Hồ sơ vừa được người khác sửa")
    assert "tài khoản lan đã lưu lúc" in message and "đã sửa: Điện thoại" in message and "chưa được lưu" in message

    # nothing lost: Lan's change is there, Minh's was not written over it …
    now = get_person(minh, created.id)
    assert (now.phone, now.hamlet, now.version) == ("0912345678", "Ấp 1", lans_copy.version + 1)
    # … and Minh, having reopened the record, saves his change on top of hers
    again = now.to_input()
    again.hamlet = "Ấp 2"
    saved = update_person(minh, person_id=created.id, data=again, expected_version=now.version, today=TODAY)
    assert (saved.phone, saved.hamlet) == ("0912345678", "Ấp 2")


def test_an_update_racing_between_read_and_write_is_caught_by_the_version_column(database) -> None:
    """Two ORM sessions read version 1; the first commits; the second's UPDATE … WHERE version = 1 finds nothing."""
    other = create_engine(database.url)
    try:
        created = create_person(database.engine, data=PersonInput(full_name="Trần Thị Hoa"), today=TODAY)
        with Session(database.engine) as first:
            mine = first.get(Person, created.id)
            assert mine is not None and mine.version == 1
            mine.hamlet = "Ấp của tôi"
            with Session(other) as second:
                theirs = second.get(Person, created.id)
                assert theirs is not None
                theirs.hamlet = "Ấp của người khác"
                second.commit()
            if database.path is not None:
                # SQLite: the first session's read snapshot predates the other's commit, so even the
                # attempt to write is refused as "busy"; either way nothing is overwritten
                with pytest.raises((StaleDataError, OperationalError)):
                    first.commit()
            else:
                with pytest.raises(StaleDataError):
                    first.commit()
        assert get_person(database.engine, created.id).hamlet == "Ấp của người khác"
        assert get_person(database.engine, created.id).version == 2
    finally:
        other.dispose()


def test_lists_show_the_other_officers_new_records_on_refresh(two_officers) -> None:
    lan, minh = two_officers
    before = list_person_ids(lan, PeopleFilter(query="hoa"))
    hoa = create_person(minh, data=PersonInput(full_name="Phạm Thị Hòa"), today=TODAY)
    assert hoa.id not in before
    assert hoa.id in list_person_ids(lan, PeopleFilter(query="hoa"))
