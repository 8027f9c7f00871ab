"""``live_or_not_found``: the one way services load a record that must still exist (not soft-deleted)."""

from __future__ import annotations

import pytest

from tests.unit.services.test_departure_lists import add_person
from xkld_desktop.domain.models import Household, Person, utcnow
from xkld_desktop.services.errors import NotFound, live_or_not_found
from xkld_desktop.store.session import read_session, write_session

GONE = "Không tìm thấy hồ sơ người lao động này (có thể vừa bị xóa)."


@pytest.fixture
def engine(database):
    return database.engine


def test_a_live_record_is_returned(engine) -> None:
    person_id = add_person(engine, "Nguyễn Văn Đức")
    with write_session(engine) as session:
        household = Household(head_name="Trần Thị Hoa")
        session.add(household)
        session.flush()
        household_id = household.id
    assert household_id is not None

    with read_session(engine) as session:
        person = live_or_not_found(session, Person, person_id, GONE)
        household = live_or_not_found(session, Household, household_id, "Không tìm thấy hộ gia đình này.")
        assert isinstance(person, Person)
        assert (person.id, person.full_name) == (person_id, "Nguyễn Văn Đức")
        assert isinstance(household, Household)
        assert household.head_name == "Trần Thị Hoa"


def test_a_soft_deleted_record_raises_not_found_with_the_given_message(engine) -> None:
    person_id = add_person(engine, "Lê Văn An")
    with write_session(engine) as session:
        person = session.get(Person, person_id)
        assert person is not None
        person.deleted_at = utcnow()
        session.add(person)

    with read_session(engine) as session, pytest.raises(NotFound) as caught:
        live_or_not_found(session, Person, person_id, GONE)
    assert caught.value.message == GONE
    assert str(caught.value) == GONE


def test_a_missing_id_raises_not_found_with_the_given_message(engine) -> None:
    with read_session(engine) as session, pytest.raises(NotFound) as caught:
        live_or_not_found(session, Household, 987_654, "Không tìm thấy hộ gia đình này (có thể đã bị xóa).")
    assert caught.value.message == "Không tìm thấy hộ gia đình này (có thể đã bị xóa)."
