"""Search finds people whatever the case, the marks, đ/Đ, the spacing or the word order."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from xkld_desktop.domain.enums import PersonStatus
from xkld_desktop.domain.models import Person, PersonNameToken
from xkld_desktop.services.people import PeopleFilter, count_people, list_person_ids, search_people
from xkld_desktop.store import search as search_store
from xkld_desktop.store.session import read_session, write_session

NAMES = [
    "Nguyễn Văn Đức",
    "Trần Thị Hoà",
    "Lê Thị Ngọc Hân",
    "Phạm Quốc Uyển",
    "Huỳnh Thị Mỹ Duyên",
    "Đặng Hữu Đạt",
    "Võ Thị Ánh Tuyết",
    "Bùi Văn Ẩn",
    "Đỗ Thị Ỷ Lan",
    "Hồ Văn Ực",
    "Ngô Thị Thuỷ Tiên",
    "Dương Văn Dũng",
]


@pytest.fixture
def people(database):
    ids = {}
    with write_session(database.engine) as session:
        for i, name in enumerate(NAMES):
            person = Person(
                full_name=name,
                id_number=f"0870{i:02d}123456"[:12],
                phone=f"09{i:02d}555{i:03d}",
                status=PersonStatus.CANDIDATE if i % 2 else PersonStatus.REGISTERED,
            )
            session.add(person)
            session.flush()
            ids[name] = person.id
    return ids


def names(rows) -> list[str]:
    return [row.full_name for row in rows]


@pytest.mark.parametrize(
    "query",
    [
        "nguyen van duc",
        "NGUYEN VAN DUC",
        "Nguyễn Văn Đức",
        "  nguyễn   văn   đức ",
        "duc nguyen",
        "đức",
        "DUC",
        "ng v d",
        "\u200bnguyễn văn\u200b đức\ufeff",  # pasted with zero-width spaces
    ],
)
def test_the_same_person_is_found_however_the_name_is_typed(database, people, query) -> None:
    assert "Nguyễn Văn Đức" in names(search_people(database.engine, query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hoa", "Trần Thị Hoà"),
        ("hòa", "Trần Thị Hoà"),
        ("han", "Lê Thị Ngọc Hân"),
        ("uyen", "Phạm Quốc Uyển"),
        ("duyen", "Huỳnh Thị Mỹ Duyên"),
        ("dat", "Đặng Hữu Đạt"),
        ("dang huu", "Đặng Hữu Đạt"),
        ("tuyet", "Võ Thị Ánh Tuyết"),
        ("an bui", "Bùi Văn Ẩn"),
        ("y lan", "Đỗ Thị Ỷ Lan"),
        ("uc", "Hồ Văn Ực"),
        ("thuy tien", "Ngô Thị Thuỷ Tiên"),
        ("DŨNG", "Dương Văn Dũng"),
    ],
)
def test_every_tone_and_vowel_mark_folds(database, people, query, expected) -> None:
    assert expected in names(search_people(database.engine, query))


def test_words_must_all_match(database, people) -> None:
    assert names(search_people(database.engine, "van duc")) == ["Nguyễn Văn Đức"]
    assert search_people(database.engine, "nguyen thi") == []
    assert search_people(database.engine, "zzz") == []


def test_results_are_in_vietnamese_name_order_given_name_first(database, people) -> None:
    found = names(search_people(database.engine, "thi"))
    given = [name.split()[-1] for name in found]
    from xkld_desktop.domain.text import fold

    assert [fold(g) for g in given] == sorted(fold(g) for g in given)
    assert found[0] == "Huỳnh Thị Mỹ Duyên"  # "duyen" before "han", "hoa", "lan", "tien", …


def test_cccd_and_phone_prefixes(database, people) -> None:
    assert names(search_people(database.engine, "087003")) == ["Phạm Quốc Uyển"]
    assert names(search_people(database.engine, "0904 555")) == ["Huỳnh Thị Mỹ Duyên"]
    assert names(search_people(database.engine, "+84904555")) == ["Huỳnh Thị Mỹ Duyên"]
    assert names(search_people(database.engine, "\u200e0904\u200b555")) == ["Huỳnh Thị Mỹ Duyên"]
    assert search_people(database.engine, "0") == []  # one digit is too little to search
    # full-width digits (a Vietnamese or Chinese input method left in that mode) are digits too
    assert names(search_people(database.engine, "０８７００３")) == ["Phạm Quốc Uyển"]
    assert names(search_people(database.engine, "０９０４ ５５５")) == ["Huỳnh Thị Mỹ Duyên"]


def test_search_combines_with_filters(database, people) -> None:
    flt = PeopleFilter(query="thi", statuses=(PersonStatus.REGISTERED,))
    found = [p for p in search_people(database.engine, "thi") if p.status is PersonStatus.REGISTERED]
    assert count_people(database.engine, flt) == len(found) > 0


def test_renaming_updates_the_index(database, people) -> None:
    with write_session(database.engine) as session:
        person = session.get(Person, people["Nguyễn Văn Đức"])
        person.full_name = "Nguyễn Văn Phúc"
    assert search_people(database.engine, "duc") == []
    assert names(search_people(database.engine, "phuc")) == ["Nguyễn Văn Phúc"]
    with read_session(database.engine) as session:
        tokens = set(
            session.scalars(select(PersonNameToken.token).where(PersonNameToken.person_id == people["Nguyễn Văn Đức"]))
        )
    assert tokens == {"nguyen", "van", "phuc"}


def test_common_words_walk_the_index_in_name_order(database, monkeypatch) -> None:
    """With a tiny cap every word is "common": the ordered-walk paths must give the same answers."""
    with write_session(database.engine) as session:
        for i in range(60):
            session.add(Person(full_name=f"Nguyễn Văn {['An', 'Bình', 'Cường'][i % 3]} {chr(65 + i % 26)}"))
    expected = list_person_ids(database.engine, PeopleFilter(query="nguyen binh"))
    monkeypatch.setattr(search_store, "DRIVER_CAP", 2)
    assert list_person_ids(database.engine, PeopleFilter(query="nguyen binh"), limit=100) == expected
    assert len(expected) == 20
    walked = list_person_ids(database.engine, PeopleFilter(query="n"), limit=5)
    assert walked == list_person_ids(database.engine, PeopleFilter(), limit=5)


def test_common_number_prefixes_walk_in_name_order_with_the_same_answer(database, people, monkeypatch) -> None:
    expected = list_person_ids(database.engine, PeopleFilter(query="0870"))
    assert len(expected) == len(NAMES)
    monkeypatch.setattr(search_store, "DRIVER_CAP", 2)
    assert list_person_ids(database.engine, PeopleFilter(query="0870"), limit=100) == expected
    assert list_person_ids(database.engine, PeopleFilter(query="0870"), limit=3) == expected[:3]


@pytest.mark.parametrize(("driver_cap", "sort_cap"), [(2, 10_000), (2, 3), (2, 1)])
def test_every_search_path_gives_the_same_answer(database, people, monkeypatch, driver_cap, sort_cap) -> None:
    """Candidates, sorted index entries, ordered token walk, table walk: one answer in name order."""
    with write_session(database.engine) as session:
        for i in range(40):
            given = ["Trí", "Trinh", "Triết", "Hoa", "Hoà", "Hoàng"][i % 6]
            session.add(Person(full_name=f"{['Nguyễn Thị', 'Trần Văn', 'Lê Thị'][i % 3]} {given}"))
    queries = ["tri", "thi hoa", "hoa", "nguyen thi", "tran tri", "n", "le thi hoang"]
    expected = {q: list_person_ids(database.engine, PeopleFilter(query=q)) for q in queries}
    monkeypatch.setattr(search_store, "DRIVER_CAP", driver_cap)
    monkeypatch.setattr(search_store, "SORT_CAP", sort_cap)
    for q in queries:
        assert list_person_ids(database.engine, PeopleFilter(query=q), limit=1000) == expected[q], q
        assert list_person_ids(database.engine, PeopleFilter(query=q), limit=3) == expected[q][:3], q


@pytest.mark.parametrize("limit", [None, 100, 2])
def test_number_search_sees_deleted_people_only_when_asked(database, people, limit) -> None:
    """A CCCD/phone prefix counts and finds live people; deleted ones only with include_deleted."""
    from xkld_desktop.domain.models import utcnow

    gone = people["Phạm Quốc Uyển"]  # CCCD 087003…, phone 0903555003
    with write_session(database.engine) as session:
        session.get(Person, gone).deleted_at = utcnow()
    for query in ("087003", "0903555"):
        assert list_person_ids(database.engine, PeopleFilter(query=query), limit=limit) == []
        assert list_person_ids(database.engine, PeopleFilter(query=query, include_deleted=True), limit=limit) == [gone]
    live = list_person_ids(database.engine, PeopleFilter(query="0870"), limit=limit)
    every = list_person_ids(database.engine, PeopleFilter(query="0870", include_deleted=True), limit=limit)
    assert gone not in live and len(live) == min(len(NAMES) - 1, limit or len(NAMES))
    assert len(every) == min(len(NAMES), limit or len(NAMES))
