"""Every search path gives the same people in the same order as the plain, unlimited query.

The limited searches (a page of the list) walk a word's tokens in name order, check other words on
the token index, or sort a CCCD range; the unlimited ones filter and sort everything. A page must
be the head of the whole list, whichever path answered it.
"""

from __future__ import annotations

import pytest

from xkld_desktop.domain.models import Person, utcnow
from xkld_desktop.services.people import PeopleFilter, list_person_ids
from xkld_desktop.store import search as search_store
from xkld_desktop.store.session import write_session

GIVEN = ["Kim", "Kiên", "Kiều", "Lệ", "Hoa", "Hùng", "Kiệt", "Lợi", "Trang", "Tâm"]
FAMILY = ["Nguyễn", "Lê", "Kim", "Trần", "Kiều"]
MIDDLE = ["Văn", "Thị", "Kiên", ""]


@pytest.fixture
def crowd(database):
    with write_session(database.engine) as session:
        n = 0
        for family in FAMILY:
            for middle in MIDDLE:
                for given in GIVEN:
                    name = " ".join(w for w in (family, middle, given) if w)
                    session.add(Person(full_name=name, id_number=f"0872{n % 7:02d}{n:06d}", phone=f"09{n:08d}"))
                    n += 1
        # a deleted person, who must never show
        session.add(Person(full_name="Kim Văn Kiên", id_number="087299999999", deleted_at=utcnow()))
    return database.engine


@pytest.mark.parametrize("query", ["ki", "kie", "le ngu", "ngu le", "kim kie", "th", "loi tra", "087200", "0872"])
@pytest.mark.parametrize("limit", [1, 17])
def test_a_page_is_the_head_of_the_whole_list(crowd, query: str, limit: int, monkeypatch) -> None:
    monkeypatch.setattr(search_store, "DRIVER_CAP", 5)  # small caps: every path runs on a small database
    monkeypatch.setattr(search_store, "TIE_CAP", 10)
    monkeypatch.setattr(search_store, "MERGE_TOKENS", 3)
    monkeypatch.setattr(search_store, "NUMBER_SORT_CAP", 40)
    whole = list_person_ids(crowd, PeopleFilter(query=query))
    page = list_person_ids(crowd, PeopleFilter(query=query), limit=limit)
    assert whole, query
    assert page == whole[:limit]
    assert len(set(page)) == len(page)


def test_a_person_with_two_matching_words_shows_once(crowd) -> None:
    page = list_person_ids(crowd, PeopleFilter(query="ki"), limit=500)
    assert len(page) == len(set(page)) == len(list_person_ids(crowd, PeopleFilter(query="ki")))


def test_a_walk_compiled_once_takes_each_search_s_own_words_and_never_a_filter(crowd, monkeypatch) -> None:
    """The merged walk is compiled once per shape and run with each search's words bound: searches of
    the same shape find their own people; a search with a filter builds its own statement."""
    from sqlmodel import select

    from xkld_desktop.domain.enums import PersonStatus

    monkeypatch.setattr(search_store, "MERGE_TOKENS", 3)
    monkeypatch.setattr(search_store, "_WALKS", {})
    for query in ["kim kie", "kie kim", "le hoa", "tran hung", "ki", "kiê lợi"]:
        page = list_person_ids(crowd, PeopleFilter(query=query), limit=5)
        assert page == list_person_ids(crowd, PeopleFilter(query=query))[:5], query
        assert page, query
    shapes = dict(search_store._WALKS)
    assert 0 < len(shapes) < 6  # shapes shared by the searches above
    with write_session(crowd) as session:
        for person in session.exec(select(Person).where(Person.full_name.like("Lê%")).limit(4)):
            person.status = PersonStatus.RETURNED
    returned = PeopleFilter(query="ki", statuses=(PersonStatus.RETURNED,))
    page = list_person_ids(crowd, returned, limit=3)
    assert page and page == list_person_ids(crowd, returned)[:3]
    assert shapes == search_store._WALKS  # nothing compiled or reused for the filtered search
