"""The filters' choices read by index seeks give what SELECT DISTINCT gives, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlmodel import col

from xkld_desktop.domain.models import Departure, Market, Person, utcnow
from xkld_desktop.store.facets import keys_in_use, years_in_use
from xkld_desktop.store.session import read_session, write_session


def _departures(database, trips: list[tuple[str, date, bool]]) -> None:
    with write_session(database.engine) as session:
        person = Person(full_name="Trần Văn Phúc")
        session.add(person)
        session.flush()
        for market, departed, deleted in trips:
            session.add(
                Departure(
                    person_id=person.id,
                    market_code=market,
                    departed_on=departed,
                    deleted_at=utcnow() if deleted else None,
                )
            )


def test_years_skip_the_gaps_and_the_deleted_rows_newest_first(database) -> None:
    _departures(
        database,
        [
            ("JP", date(2019, 12, 31), False),
            ("JP", date(2021, 1, 1), False),
            ("KR", date(2022, 6, 1), True),  # only deleted departures in 2022
            ("KR", date(2024, 3, 15), False),
            ("TW", date(2025, 7, 9), True),  # the last date is a deleted one
        ],
    )
    with read_session(database.engine) as session:
        conn = session.connection()
        live = col(Departure.deleted_at).is_(None)
        assert years_in_use(conn, col(Departure.departed_on), live) == [2024, 2021, 2019]
        assert years_in_use(conn, col(Departure.departed_on)) == [2025, 2024, 2022, 2021, 2019]
        assert years_in_use(conn, col(Departure.departed_on), col(Departure.market_code) == "CN") == []


def test_keys_are_those_some_live_row_holds_in_the_small_tables_order(database) -> None:
    _departures(
        database, [("KR", date(2024, 3, 15), False), ("JP", date(2021, 1, 1), False), ("TW", date(2020, 1, 1), True)]
    )
    with read_session(database.engine) as session:
        conn = session.connection()
        live = col(Departure.deleted_at).is_(None)
        used = keys_in_use(conn, col(Market.code), col(Departure.market_code), live)
        everything = keys_in_use(conn, col(Market.code), col(Departure.market_code))
    assert sorted(used) == ["JP", "KR"]
    assert sorted(everything) == ["JP", "KR", "TW"]
