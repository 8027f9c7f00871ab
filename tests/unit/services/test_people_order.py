"""The people list in other orders than the name (services.people.ordered_person_ids) and its filters."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from xkld_desktop.domain.enums import Gender, PersonStatus
from xkld_desktop.domain.models import Departure, Person
from xkld_desktop.services.people import (
    PeopleFilter,
    PeopleOrder,
    departure_market_codes,
    departure_years,
    first_person_ids,
    list_person_ids,
    ordered_person_ids,
)
from xkld_desktop.store.session import write_session

PEOPLE = [
    # name, birth, gender, status, hamlet
    ("Nguyễn Văn Đức", date(1998, 3, 5), Gender.MALE, PersonStatus.WORKING_ABROAD, "Ấp 2"),
    ("Trần Thị Hoa", date(2001, 7, 1), Gender.FEMALE, PersonStatus.CANDIDATE, "Ấp 1"),
    ("Lê Văn An", None, None, PersonStatus.RETURNED, ""),
    ("Nguyễn Thị Bình", date(1990, 1, 1), Gender.FEMALE, PersonStatus.REGISTERED, "Ấp 1"),
    ("Phạm Văn Cường", date(1998, 3, 5), Gender.MALE, PersonStatus.CANDIDATE, "Ấp 3"),
]


@pytest.fixture
def ids(database):
    found = {}
    with write_session(database.engine) as session:
        for name, born, gender, status, hamlet in PEOPLE:
            person = Person(full_name=name, date_of_birth=born, gender=gender, status=status, hamlet=hamlet)
            session.add(person)
            session.flush()
            found[name] = person.id
        session.add(Departure(person_id=found["Nguyễn Văn Đức"], market_code="JP", departed_on=date(2023, 4, 1)))
        session.add(Departure(person_id=found["Lê Văn An"], market_code="KR", departed_on=date(2019, 4, 1)))
        gone = Departure(person_id=found["Trần Thị Hoa"], market_code="TW", departed_on=date(2021, 4, 1))
        gone.deleted_at = gone.created_at
        session.add(gone)
    return found


def names(database, ids_in_order, ids) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    return [by_id[i] for i in ids_in_order]


def test_name_order_is_the_lists_own_and_reverses(database, ids) -> None:
    engine = database.engine
    assert ordered_person_ids(engine) == list_person_ids(engine)
    assert names(database, ordered_person_ids(engine), ids) == [
        "Lê Văn An",
        "Nguyễn Thị Bình",
        "Phạm Văn Cường",
        "Nguyễn Văn Đức",
        "Trần Thị Hoa",
    ]
    assert ordered_person_ids(engine, descending=True) == list_person_ids(engine)[::-1]


def test_birth_date_order_puts_the_unknown_last_and_ties_in_name_order(database, ids) -> None:
    engine = database.engine
    assert names(database, ordered_person_ids(engine, order=PeopleOrder.BIRTH_DATE), ids) == [
        "Nguyễn Thị Bình",
        "Phạm Văn Cường",
        "Nguyễn Văn Đức",
        "Trần Thị Hoa",
        "Lê Văn An",
    ]
    assert names(database, ordered_person_ids(engine, order=PeopleOrder.BIRTH_DATE, descending=True), ids) == [
        "Trần Thị Hoa",
        "Phạm Văn Cường",
        "Nguyễn Văn Đức",
        "Nguyễn Thị Bình",
        "Lê Văn An",
    ]


def test_status_order_follows_the_lifecycle(database, ids) -> None:
    found = names(database, ordered_person_ids(database.engine, order=PeopleOrder.STATUS), ids)
    assert found == ["Phạm Văn Cường", "Trần Thị Hoa", "Nguyễn Thị Bình", "Nguyễn Văn Đức", "Lê Văn An"]


def test_other_orders_keep_the_search_and_the_filters(database, ids) -> None:
    engine = database.engine
    flt = PeopleFilter(query="nguyen")
    assert names(database, ordered_person_ids(engine, flt, order=PeopleOrder.BIRTH_DATE), ids) == [
        "Nguyễn Thị Bình",
        "Nguyễn Văn Đức",
    ]
    flt = PeopleFilter(statuses=(PersonStatus.CANDIDATE,))
    assert names(database, ordered_person_ids(engine, flt, order=PeopleOrder.HAMLET), ids) == [
        "Trần Thị Hoa",
        "Phạm Văn Cường",
    ]
    assert ordered_person_ids(engine, PeopleFilter(query="0"), order=PeopleOrder.GENDER) == []
    assert ordered_person_ids(engine, PeopleFilter(query="zzz"), order=PeopleOrder.GENDER) == []


def test_market_and_year_filters_ignore_deleted_departures(database, ids) -> None:
    engine = database.engine
    assert names(database, list_person_ids(engine, PeopleFilter(market_code="JP")), ids) == ["Nguyễn Văn Đức"]
    assert list_person_ids(engine, PeopleFilter(market_code="TW")) == []
    assert names(database, list_person_ids(engine, PeopleFilter(departure_year=2019)), ids) == ["Lê Văn An"]
    assert departure_years(engine) == [2023, 2019]
    assert departure_market_codes(engine) == {"JP", "KR"}


def test_hamlets_sort_in_vietnamese_order_as_the_filter_lists_them(database) -> None:
    from xkld_desktop.services.people import hamlets

    engine = database.engine
    with write_session(engine) as session:
        for name, hamlet in (
            ("Võ Văn Sáu", "Khóm 1"),
            ("Lê Thị Bảy", "Ấp Tân Hòa"),
            ("Trần Văn Tám", "Bình Thạnh"),
            ("Đỗ Thị Chín", "Bình Tân"),
            ("Ngô Văn Mười", ""),
            ("Huỳnh Thị An", "Ấp Tân Hòa"),
        ):
            session.add(Person(full_name=name, hamlet=hamlet))
    with write_session(engine) as session:
        rows = {p.id: (p.hamlet, p.full_name) for p in session.scalars(select(Person))}
    order = [rows[i] for i in ordered_person_ids(engine, order=PeopleOrder.HAMLET)]
    assert order == [
        ("Ấp Tân Hòa", "Huỳnh Thị An"),  # a hamlet's people in name order (given name first)
        ("Ấp Tân Hòa", "Lê Thị Bảy"),
        ("Bình Tân", "Đỗ Thị Chín"),  # "binh tan" before "binh thanh"; the code points put "Bình Thạnh" first
        ("Bình Thạnh", "Trần Văn Tám"),
        ("Khóm 1", "Võ Văn Sáu"),  # the code points put "Khóm" before "Ấp"
        ("", "Ngô Văn Mười"),  # no hamlet: last
    ]
    assert list(dict.fromkeys(h for h, _n in order if h)) == hamlets(engine)  # the filter's order
    backwards = [rows[i] for i in ordered_person_ids(engine, order=PeopleOrder.HAMLET, descending=True)]
    assert [h for h, _n in backwards] == ["Khóm 1", "Bình Thạnh", "Bình Tân", "Ấp Tân Hòa", "Ấp Tân Hòa", ""]
    assert backwards[3:5] == [("Ấp Tân Hòa", "Huỳnh Thị An"), ("Ấp Tân Hòa", "Lê Thị Bảy")]  # names still in order


def test_the_first_ids_and_the_count_begin_the_whole_list(database, ids) -> None:
    """first_person_ids: the people pane's first rows as a database opens — the whole list's beginning
    (either way round) and its length; None for a list no index gives at once."""
    engine = database.engine
    with write_session(engine) as session:  # a deleted person counts only with the deleted
        gone = session.get(Person, ids["Nguyễn Thị Bình"])
        gone.deleted_at = gone.created_at
    for descending in (False, True):
        whole = ordered_person_ids(engine, descending=descending)
        assert first_person_ids(engine, descending=descending, limit=2) == (whole[:2], 4)
        assert first_person_ids(engine, descending=descending, limit=10) == (whole, 4)
    with_deleted = PeopleFilter(include_deleted=True)
    assert first_person_ids(engine, with_deleted, limit=3) == (ordered_person_ids(engine, with_deleted)[:3], 5)
    assert first_person_ids(engine, PeopleFilter(query="hoa"), limit=2) is None
    assert first_person_ids(engine, PeopleFilter(hamlet="Ấp 1"), limit=2) is None
    assert first_person_ids(engine, order=PeopleOrder.BIRTH_DATE, limit=2) is None
