"""The overview's figures: people by status, totals, departures per year."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from xkld_desktop.domain.enums import MarketRegion, PersonStatus
from xkld_desktop.domain.models import Departure, Household, Market, Person, WorkerReturn
from xkld_desktop.services.database import open_database
from xkld_desktop.services.overview import OverviewCounts, overview_counts, status_counts
from xkld_desktop.store.session import write_session


@pytest.fixture
def engine(db_url: str):
    # No reference seeding: these tests make the one market they need.
    db = open_database(db_url, seed=False)
    yield db.engine
    db.close()


def _fill(engine) -> None:
    with write_session(engine) as s:
        s.add(Market(code="JP", name_vi="Nhật Bản", name_en="Japan", region=MarketRegion.JAPAN))
        people = [
            Person(full_name="Nguyễn Văn An", name_key="", status=PersonStatus.CANDIDATE),
            Person(full_name="Trần Thị Bình", name_key="", status=PersonStatus.WORKING_ABROAD),
            Person(full_name="Lê Văn Cường", name_key="", status=PersonStatus.WORKING_ABROAD),
            Person(full_name="Phạm Thị Dung", name_key="", status=PersonStatus.RETURNED),
            Person(
                full_name="Đỗ Văn Đức",
                name_key="",
                status=PersonStatus.RETURNED,
                deleted_at=datetime(2026, 1, 1, tzinfo=UTC),
            ),
        ]
        s.add_all(people)
        s.add(Household(head_name="Nguyễn Văn Ba"))
        s.add(Household(head_name="Đã Xóa", deleted_at=datetime(2026, 1, 1, tzinfo=UTC)))
        s.flush()
        d1 = Departure(person_id=people[1].id, market_code="JP", departed_on=date(2024, 3, 1))
        d2 = Departure(person_id=people[2].id, market_code="JP", departed_on=date(2025, 5, 2))
        d3 = Departure(person_id=people[3].id, market_code="JP", departed_on=date(2025, 1, 9))
        s.add_all([d1, d2, d3])
        s.flush()
        s.add(WorkerReturn(departure_id=d3.id, returned_on=date(2026, 2, 1)))


def test_empty_database_counts_zero_for_every_status(engine) -> None:
    counts = status_counts(engine)
    assert list(counts) == list(PersonStatus)
    assert set(counts.values()) == {0}
    assert overview_counts(engine) == OverviewCounts(people_by_status=counts)


def test_counts_group_by_status_and_skip_deleted_records(engine) -> None:
    _fill(engine)
    counts = status_counts(engine)
    assert counts[PersonStatus.CANDIDATE] == 1
    assert counts[PersonStatus.WORKING_ABROAD] == 2
    assert counts[PersonStatus.RETURNED] == 1  # the deleted one is not counted
    assert sum(counts.values()) == 4


def test_overview_totals_and_departures_per_year(engine) -> None:
    _fill(engine)
    o = overview_counts(engine)
    assert o.people == 4
    assert o.households == 1
    assert o.departures == 3
    assert o.returns == 1
    assert o.departures_by_year == {2024: 1, 2025: 2}
    assert list(o.departures_by_year) == [2024, 2025]
