"""The departures and returns lists: ordered ids, paged rows, search through the people search, filters."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from xkld_desktop.domain.enums import (
    EmploymentAfterReturn,
    Programme,
    ReturnReason,
    ReturnTiming,
    StatusAbroad,
)
from xkld_desktop.domain.models import Departure, Person, PlacementCompany, ReturnFollowUp, WorkerReturn
from xkld_desktop.services.departure_lists import (
    DepartureFilter,
    DepartureStage,
    ReturnFilter,
    count_departures,
    count_returns,
    departure_choices,
    fetch_departure_rows,
    fetch_return_rows,
    list_departure_ids,
    list_return_ids,
)
from xkld_desktop.store.session import write_session

TODAY = date(2026, 11, 25)
DELETED = datetime(2026, 1, 1, tzinfo=UTC)


def add_person(engine, name: str, **values) -> int:
    with write_session(engine) as s:
        person = Person(full_name=name, name_key="", **values)
        s.add(person)
        s.flush()
        assert person.id is not None
        return person.id


def add_departure(engine, person_id: int, departed_on: date, *, market: str = "JP", **values) -> int:
    with write_session(engine) as s:
        departure = Departure(person_id=person_id, market_code=market, departed_on=departed_on, **values)
        s.add(departure)
        s.flush()
        assert departure.id is not None
        return departure.id


def add_return(engine, departure_id: int, returned_on: date, **values) -> int:
    with write_session(engine) as s:
        row = WorkerReturn(departure_id=departure_id, returned_on=returned_on, **values)
        s.add(row)
        s.flush()
        assert row.id is not None
        return row.id


def add_follow_up(engine, return_id: int, on: date, employment=EmploymentAfterReturn.EMPLOYED, **values) -> int:
    with write_session(engine) as s:
        row = ReturnFollowUp(return_id=return_id, followed_on=on, employment=employment, **values)
        s.add(row)
        s.flush()
        assert row.id is not None
        return row.id


@pytest.fixture
def engine(database):
    return database.engine


@pytest.fixture
def sample(engine) -> dict[str, int]:
    """Four people, five departures (one deleted, one of a deleted person), two returns."""
    duc = add_person(engine, "Nguyễn Văn Đức", id_number="087095000111", phone="0912345678", hamlet="Ấp 1")
    hoa = add_person(engine, "Trần Thị Hoa", id_number="087195000222", phone="0987654321", hamlet="Ấp 2")
    an = add_person(engine, "Lê Văn An", hamlet="Ấp 1")
    gone = add_person(engine, "Phạm Văn Xóa", deleted_at=DELETED)
    with write_session(engine) as s:
        company = PlacementCompany(name="Công ty CP Nhân lực Mẫu", licence_number="12/LĐTBXH-GP")
        s.add(company)
        s.flush()
        company_id = company.id
    ids = {
        "duc_2021": add_departure(
            engine,
            duc,
            date(2021, 3, 1),
            programme=Programme.JP_TECHNICAL_INTERN,
            contract_months=36,
            expected_end_on=date(2024, 3, 1),
            company_id=company_id,
        ),
        "duc_2026": add_departure(engine, duc, date(2026, 2, 10), market="KR", programme=Programme.KR_EPS),
        "hoa_2025": add_departure(
            engine, hoa, date(2025, 6, 1), market="TW", programme=Programme.TAIWAN, status_abroad=StatusAbroad.ABSCONDED
        ),
        "an_planned": add_departure(engine, an, date(2026, 12, 20)),
        "an_illegal": add_departure(engine, an, date(2019, 5, 5), market="CN", is_legal=False),
        "deleted": add_departure(engine, an, date(2026, 1, 1), deleted_at=DELETED),
        "of_deleted_person": add_departure(engine, gone, date(2026, 1, 2)),
    }
    ids["duc_return"] = add_return(
        engine, ids["duc_2021"], date(2024, 3, 5), residence_notified=True, residence_notified_on=date(2024, 3, 10)
    )
    ids["an_return"] = add_return(
        engine,
        ids["an_illegal"],
        date(2020, 1, 10),
        timing=ReturnTiming.EARLY,
        reason=ReturnReason.DEPORTED,
    )
    add_follow_up(engine, ids["duc_return"], date(2024, 6, 1), EmploymentAfterReturn.EMPLOYED)
    add_follow_up(engine, ids["duc_return"], date(2025, 1, 2), EmploymentAfterReturn.STARTED_BUSINESS)
    ids.update(duc=duc, hoa=hoa, an=an, company=company_id or 0)
    return ids


def test_departures_newest_first_without_deleted_records(engine, sample) -> None:
    ids = list_departure_ids(engine, today=TODAY)
    assert ids == [
        sample["an_planned"],
        sample["duc_2026"],
        sample["hoa_2025"],
        sample["duc_2021"],
        sample["an_illegal"],
    ]
    assert count_departures(engine, today=TODAY) == 5


def test_departures_sort_by_name_in_vietnamese_order_and_by_contract_end(engine, sample) -> None:
    by_name = list_departure_ids(engine, sort="name", descending=False, today=TODAY)
    # An, Đức (two departures, id order), Hoa — given names first
    assert by_name == [
        sample["an_planned"],
        sample["an_illegal"],
        sample["duc_2021"],
        sample["duc_2026"],
        sample["hoa_2025"],
    ]
    by_end = list_departure_ids(engine, DepartureFilter(market_code="JP"), sort="expected_end_on", descending=True)
    assert by_end[0] == sample["duc_2021"]
    with pytest.raises(ValueError):
        list_departure_ids(engine, sort="nonsense")


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (DepartureFilter(market_code="KR"), ["duc_2026"]),
        (DepartureFilter(programme=Programme.TAIWAN), ["hoa_2025"]),
        (DepartureFilter(year=2026), ["an_planned", "duc_2026"]),
        (DepartureFilter(stage=DepartureStage.PLANNED), ["an_planned"]),
        (DepartureFilter(stage=DepartureStage.ABROAD), ["duc_2026", "hoa_2025"]),
        (DepartureFilter(stage=DepartureStage.RETURNED), ["duc_2021", "an_illegal"]),
        (DepartureFilter(stage=DepartureStage.DEPARTED), ["duc_2026", "hoa_2025", "duc_2021", "an_illegal"]),
        (DepartureFilter(status_abroad=StatusAbroad.ABSCONDED), ["hoa_2025"]),
        (DepartureFilter(is_legal=False), ["an_illegal"]),
        (DepartureFilter(is_legal=True, year=2019), []),
        (DepartureFilter(year=2026, stage=DepartureStage.DEPARTED, is_legal=True), ["duc_2026"]),
    ],
)
def test_departure_filters(engine, sample, flt, expected) -> None:
    assert list_departure_ids(engine, flt, today=TODAY) == [sample[k] for k in expected]
    assert count_departures(engine, flt, today=TODAY) == len(expected)


def test_departure_filter_by_commune(engine, database, sample) -> None:
    from xkld_desktop.services.reference import find_commune

    commune = find_commune(engine, "29929")[0]
    with write_session(engine) as s:
        person = s.get(Person, sample["hoa"])
        person.commune_id = commune.id
    assert list_departure_ids(engine, DepartureFilter(commune_ids=(commune.id,)), today=TODAY) == [sample["hoa_2025"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van duc", ["duc_2026", "duc_2021"]),  # without marks, đ as d
        ("ĐỨC", ["duc_2026", "duc_2021"]),
        ("duc nguyen", ["duc_2026", "duc_2021"]),  # any word order
        ("0871950", ["hoa_2025"]),  # CCCD prefix
        ("0912 345", ["duc_2026", "duc_2021"]),  # phone prefix, spaces ignored
        ("van", ["an_planned", "duc_2026", "duc_2021", "an_illegal"]),
        ("xoa", []),  # a deleted person
        ("khong co ai", []),
        ("\u200bnguyễn văn\u200b đức", ["duc_2026", "duc_2021"]),  # pasted with zero-width spaces
        ("\u200b", []),  # nothing but an invisible character: no one, as the people list
    ],
)
def test_search_departures_with_the_people_search(engine, sample, query, expected) -> None:
    flt = DepartureFilter(query=query)
    assert list_departure_ids(engine, flt, today=TODAY) == [sample[k] for k in expected]
    assert count_departures(engine, flt, today=TODAY) == len(expected)


def test_search_combines_with_filters(engine, sample) -> None:
    assert list_departure_ids(engine, DepartureFilter(query="duc", market_code="JP"), today=TODAY) == [
        sample["duc_2021"]
    ]
    assert list_departure_ids(engine, DepartureFilter(query="hoa", market_code="JP"), today=TODAY) == []


def test_departure_rows_carry_what_the_list_shows(engine, sample) -> None:
    rows = fetch_departure_rows(engine, [sample["duc_2021"], sample["duc_2026"], 999_999])
    assert set(rows) == {sample["duc_2021"], sample["duc_2026"]}
    row = rows[sample["duc_2021"]]
    assert row.full_name == "Nguyễn Văn Đức"
    assert row.person_id == sample["duc"]
    assert row.id_number == "087095000111"
    assert row.market_name == "Nhật Bản"
    assert row.programme is Programme.JP_TECHNICAL_INTERN
    assert row.company == "Công ty CP Nhân lực Mẫu"
    assert row.departed_on == date(2021, 3, 1)
    assert row.expected_end_on == date(2024, 3, 1)
    assert row.returned_on == date(2024, 3, 5)
    assert rows[sample["duc_2026"]].returned_on is None
    assert rows[sample["duc_2026"]].market_name == "Hàn Quốc"


def test_fetching_more_ids_than_sqlite_takes_as_parameters(engine, sample) -> None:
    many = list(range(1, 40_001))
    assert set(fetch_departure_rows(engine, many)) <= set(many)
    assert sample["duc_2021"] in fetch_departure_rows(engine, many)
    assert set(fetch_return_rows(engine, many)) == {sample["duc_return"], sample["an_return"]}


def test_returns_newest_first_and_filters(engine, sample) -> None:
    assert list_return_ids(engine, today=TODAY) == [sample["duc_return"], sample["an_return"]]
    assert list_return_ids(engine, ReturnFilter(reason=ReturnReason.DEPORTED)) == [sample["an_return"]]
    assert list_return_ids(engine, ReturnFilter(timing=ReturnTiming.ON_TIME)) == [sample["duc_return"]]
    assert list_return_ids(engine, ReturnFilter(year=2024)) == [sample["duc_return"]]
    assert list_return_ids(engine, ReturnFilter(year=2023)) == []
    assert list_return_ids(engine, ReturnFilter(residence_notified=False)) == [sample["an_return"]]
    assert list_return_ids(engine, ReturnFilter(residence_notified=True)) == [sample["duc_return"]]
    assert list_return_ids(engine, ReturnFilter(has_follow_up=True)) == [sample["duc_return"]]
    assert list_return_ids(engine, ReturnFilter(has_follow_up=False)) == [sample["an_return"]]
    assert list_return_ids(engine, ReturnFilter(market_code="CN")) == [sample["an_return"]]
    assert count_returns(engine, ReturnFilter(has_follow_up=False)) == 1
    assert list_return_ids(engine, sort="name", descending=False) == [sample["an_return"], sample["duc_return"]]


def test_search_returns(engine, sample) -> None:
    assert list_return_ids(engine, ReturnFilter(query="le van an")) == [sample["an_return"]]
    assert list_return_ids(engine, ReturnFilter(query="hoa")) == []  # Hoa has not returned
    assert count_returns(engine, ReturnFilter(query="087095")) == 1


def test_a_deleted_return_does_not_show_and_the_departure_is_abroad_again(engine, sample) -> None:
    with write_session(engine) as s:
        s.get(WorkerReturn, sample["an_return"]).deleted_at = DELETED
    assert list_return_ids(engine) == [sample["duc_return"]]
    abroad = list_departure_ids(engine, DepartureFilter(stage=DepartureStage.ABROAD), today=TODAY)
    assert sample["an_illegal"] in abroad


def test_return_rows_carry_the_latest_follow_up(engine, sample) -> None:
    rows = fetch_return_rows(engine, [sample["duc_return"], sample["an_return"]])
    duc = rows[sample["duc_return"]]
    assert duc.full_name == "Nguyễn Văn Đức"
    assert duc.departure_id == sample["duc_2021"]
    assert duc.market_name == "Nhật Bản"
    assert duc.residence_notified and duc.residence_notified_on == date(2024, 3, 10)
    assert duc.last_follow_up_on == date(2025, 1, 2)
    assert duc.last_employment is EmploymentAfterReturn.STARTED_BUSINESS
    an = rows[sample["an_return"]]
    assert (an.last_follow_up_on, an.last_employment) == (None, None)
    assert an.reason is ReturnReason.DEPORTED and an.timing is ReturnTiming.EARLY


def test_filter_choices_are_the_years_and_markets_in_the_records(engine, sample) -> None:
    choices = departure_choices(engine)
    assert choices.departure_years == (2026, 2025, 2021, 2019)
    assert choices.return_years == (2024, 2020)
    assert [code for code, _vi, _en in choices.markets] == ["JP", "KR", "TW", "CN"]
    assert ("JP", "Nhật Bản", "Japan") in choices.markets
