"""Whole lists are read the way SQLite does it fastest: the table in storage order, then sorted.

Without statistics (a program's database never has any) SQLite's planner takes an index for an
order or for the partial index's own "deleted_at IS NULL", and then fetches every row through it
one by one: sorting 200,000 people by birth date went from 0.54 s to 0.24 s, the departures by name
from 0.19 to 0.08 s, the returns by market from 0.24 to 0.05 s when the table is read instead
(``store.hints.by_scan``); a report reads its period's records the same way. Plans do not depend
on the number of rows here (there are no statistics), so a small database shows the province's plan.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from xkld_desktop.domain.models import Departure, Person, WorkerReturn
from xkld_desktop.services.departure_lists import (
    DEPARTURE_SORTS,
    RETURN_SORTS,
    DepartureFilter,
    ReturnFilter,
    list_departure_ids,
    list_return_ids,
)
from xkld_desktop.services.people import PeopleFilter, PeopleOrder, ordered_person_ids
from xkld_desktop.services.stats import compute_stats
from xkld_desktop.store.session import write_session

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def engine(database):
    engine = database.engine
    with write_session(engine) as session:
        for n, name in enumerate(["Nguyễn Văn Đức", "Trần Thị Hoa", "Lê Văn Tâm"]):
            person = Person(full_name=name, id_number=f"08709500{n:04d}", date_of_birth=date(1990 + n, 1, 1))
            session.add(person)
            session.flush()
            departure = Departure(person_id=person.id, market_code="JP", departed_on=date(2024, 3, n + 1))
            session.add(departure)
            session.flush()
            if n:
                session.add(WorkerReturn(departure_id=departure.id, returned_on=date(2026, 1, n)))
    return engine


def plans(engine, call: Callable[[], Any]) -> tuple[Any, list[list[str]]]:
    """What *call* returned, and the query plan of each SELECT it ran (one list of steps each)."""
    statements: list[tuple[str, Any]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        result = call()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    raw = engine.raw_connection()
    try:
        found = [
            [row[3] for row in raw.cursor().execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()]
            for sql, params in statements
        ]
    finally:
        raw.close()
    return result, found


def driving_step(steps: list[list[str]]) -> str:
    """The first table or index read of the list's query (the last SELECT run): the one that drives it."""
    return next(step for step in steps[-1] if step.startswith(("SCAN", "SEARCH")))


@pytest.mark.parametrize("order", [o for o in PeopleOrder if o is not PeopleOrder.NAME])
def test_everyone_sorted_by_a_column_reads_the_table(engine, order) -> None:
    ids, steps = plans(engine, lambda: ordered_person_ids(engine, PeopleFilter(), order=order))
    assert len(ids) == 3
    assert driving_step(steps) == "SCAN person"


def test_a_filtered_people_list_still_uses_its_index(engine) -> None:
    # the partial index is right when it narrows the rows: only the whole list reads the table
    narrow = PeopleFilter(hamlet="Ấp 1")
    ids, steps = plans(engine, lambda: ordered_person_ids(engine, narrow, order=PeopleOrder.BIRTH_DATE))
    assert ids == []
    assert "USING INDEX" in driving_step(steps)


@pytest.mark.parametrize("sort", sorted(DEPARTURE_SORTS))
def test_departures_sorted_by_any_column_read_the_departures(engine, sort) -> None:
    ids, steps = plans(engine, lambda: list_departure_ids(engine, DepartureFilter(), sort=sort, descending=False))
    assert len(ids) == 3
    assert driving_step(steps) == "SCAN departure"


@pytest.mark.parametrize("sort", sorted(RETURN_SORTS))
def test_returns_sorted_by_any_column_read_the_returns(engine, sort) -> None:
    ids, steps = plans(engine, lambda: list_return_ids(engine, ReturnFilter(), sort=sort, descending=False))
    assert len(ids) == 2
    assert driving_step(steps) == "SCAN worker_return"


def test_the_report_reads_its_records_without_the_date_indexes(engine) -> None:
    # a report's period holds a large share of the records: the whole table read in storage order
    # beats fetching them one by one in date order (over 200,000 people 1.3 → 0.5 s)
    date_indexes = (
        "ix_departure_departed_on",
        "ix_worker_return_returned_on",
        "ix_return_follow_up_followed_on",
        "ix_yearly_review_year",
    )
    report, steps = plans(engine, lambda: compute_stats(engine, date_from=date(2024, 1, 1), date_to=date(2026, 12, 31)))
    assert report.departures == 3 and report.returns == 2
    used = [step for query in steps for step in query if any(index in step for index in date_indexes)]
    assert used == []
    assert any(step == "SCAN departure" for query in steps for step in query)


@pytest.mark.parametrize("digits", ["087", "087095000001"])
def test_the_whole_list_of_a_number_prefix_reads_the_number_indexes(engine, digits) -> None:
    """Typing a CCCD, its first digits (the province's code) match nearly everyone: the whole list is
    the two number indexes' ranges, merged and sorted (57,741 of 200,000 people: 85 ms), never every
    person walked in name order with their row read (430 ms)."""
    ids, steps = plans(engine, lambda: ordered_person_ids(engine, PeopleFilter(query=digits)))
    assert len(ids) == (3 if digits == "087" else 1)
    reads = [step for step in steps[-1] if step.startswith(("SCAN", "SEARCH"))]
    assert any("ix_person_live_id_number_sort" in step for step in reads), steps[-1]
    assert any("ix_person_live_phone_sort" in step for step in reads), steps[-1]
    assert not any("ix_person_live_sort_key" in step or step == "SCAN person" for step in reads), steps[-1]


@pytest.mark.parametrize(
    ("lister", "flt", "found"),
    [(list_departure_ids, DepartureFilter(query="van"), 2), (list_return_ids, ReturnFilter(query="thi hoa"), 1)],
)
def test_a_record_list_searched_by_name_reads_the_name_index_in_its_own_query(engine, lister, flt, found) -> None:
    """A name as common as "nguyen" matches a third of a province: the list's own query reads the
    candidates from the name index (21,020 departures at 200,000 people: 376 → 192 ms), where listing
    the people first wrote their ids into it."""
    ids, steps = plans(engine, lambda: lister(engine, flt))
    assert len(ids) == found
    reads = [step for step in steps[-1] if step.startswith(("SCAN", "SEARCH"))]
    assert any("person_name_token" in step for step in reads), steps[-1]
