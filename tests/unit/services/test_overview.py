"""The overview's figures: people by status, totals, departures per year."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from xkld_desktop.domain.enums import MarketRegion, PersonStatus
from xkld_desktop.domain.models import Departure, Household, Market, Person, WorkerReturn
from xkld_desktop.services.database import open_database
from xkld_desktop.services.overview import OverviewCounts, first_look_counts, overview_counts, status_counts
from xkld_desktop.store.engine import sqlite_path
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


# -- the first look: the same figures from the file, without the database layer ------------------


def _fill_more(engine) -> None:
    """Deleted departures and returns: the first look must skip them as the database layer does."""
    with write_session(engine) as s:
        person = Person(full_name="Vũ Thị Em", name_key="", status=PersonStatus.RETURNED)
        s.add(person)
        s.flush()
        gone = Departure(
            person_id=person.id,
            market_code="JP",
            departed_on=date(2023, 6, 1),
            deleted_at=datetime(2026, 2, 1, tzinfo=UTC),
        )
        kept = Departure(person_id=person.id, market_code="JP", departed_on=date(2019, 12, 31))
        s.add_all([gone, kept])
        s.flush()
        s.add(WorkerReturn(departure_id=gone.id, returned_on=date(2025, 1, 1)))  # of a deleted departure
        s.add(
            WorkerReturn(
                departure_id=kept.id, returned_on=date(2022, 1, 1), deleted_at=datetime(2026, 2, 1, tzinfo=UTC)
            )
        )


@pytest.mark.sqlite_only
def test_the_first_look_reads_the_same_figures_as_the_database_layer(engine, db_url) -> None:
    _fill(engine)
    _fill_more(engine)
    looked = first_look_counts(db_url)
    assert looked is not None
    assert looked == overview_counts(engine)
    assert looked.departures_by_year == {2019: 1, 2024: 1, 2025: 2}
    assert (looked.people, looked.households, looked.departures, looked.returns) == (5, 1, 4, 1)


@pytest.mark.sqlite_only
def test_the_first_look_writes_nothing_into_the_file(engine, db_url) -> None:
    _fill(engine)
    engine.dispose()  # everything checkpointed into the file
    path = sqlite_path(db_url)
    before = path.read_bytes()
    assert first_look_counts(db_url) is not None
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
def test_the_first_look_waits_for_the_login_when_accounts_exist(engine, db_url) -> None:
    from xkld_desktop.domain.enums import Role
    from xkld_desktop.services.auth import create_account

    _fill(engine)
    assert first_look_counts(db_url) is not None
    create_account(engine, "admin", "Trần Thị Quản", "mat-khau-dai-1", Role.ADMIN)
    assert first_look_counts(db_url) is None


@pytest.mark.sqlite_only
def test_the_first_look_leaves_a_database_to_upgrade_to_its_real_opening(engine, db_url) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0008'")
    assert first_look_counts(db_url) is None


@pytest.mark.sqlite_only
def test_the_first_look_finds_nothing_where_there_is_no_readable_database(tmp_path) -> None:
    missing = tmp_path / "khong-co.db"
    assert first_look_counts(f"sqlite:///{missing.as_posix()}") is None
    assert not missing.exists()  # not created either
    garbage = tmp_path / "hong.db"
    garbage.write_bytes(b"day khong phai co so du lieu" * 100)
    assert first_look_counts(f"sqlite:///{garbage.as_posix()}") is None
    assert first_look_counts("sqlite://") is None
    assert first_look_counts("postgresql://xkld@localhost/xkld") is None


@pytest.mark.sqlite_only
def test_the_first_look_reads_a_file_whose_path_has_vietnamese_letters_spaces_and_a_hash(tmp_path) -> None:
    from xkld_desktop.store.engine import sqlite_url_for

    url = sqlite_url_for(tmp_path / "Nguyễn Văn #1" / "Xã Đông Hòa.db")  # a file URI would cut it at "#"
    db = open_database(url, seed=False)
    try:
        _fill(db.engine)
        expected = overview_counts(db.engine)
    finally:
        db.close()
    assert first_look_counts(url) == expected
