"""The summary's figures (services/stats.py) against figures computed by hand from a known database."""

from __future__ import annotations

from datetime import date

import pytest

from xkld_desktop.services.database import open_database
from xkld_desktop.services.stats import (
    achieved_text,
    chart_stats,
    compute_stats,
    list_report_units,
    percent_of,
    rate_percent,
)

from .reports_data import D0, D1, build, expected


@pytest.fixture
def built(db_url: str):
    db = open_database(db_url, seed=False)
    units = build(db.engine)
    yield db.engine, units
    db.close()


def _check(stats, want: dict) -> None:
    assert stats.departures == want["departures"]
    assert stats.departures_illegal == want["departures_illegal"]
    assert stats.departures_legal == want["departures_legal"]
    assert {r.name.removeprefix("Xã "): r.departures for r in stats.by_commune if r.departures} == {
        {"A": "An Bình", "B": "Bình Đức"}[u]: n for u, n in want["per_unit"].items()
    }
    assert stats.target == want["target"]
    assert {m.key: m.count for m in stats.by_market} == want["by_market"]
    assert {p.key: p.count for p in stats.by_programme if p.count} == want["by_programme"]
    assert {g.key: g.count for g in stats.by_gender if g.count} == want["by_gender"]
    assert {p.key: p.count for p in stats.by_policy_group if p.count} == want["by_policy"]
    assert stats.currently_abroad == want["currently_abroad"]
    assert stats.absconded == want["absconded"]
    assert stats.returns == want["returns"]
    assert {r.key: r.count for r in stats.returns_by_reason if r.count} == want["returns_by_reason"]
    assert {e.key: e.count for e in stats.returnees_employment if e.count} == want["employment"]
    assert stats.returnees_average_income == want["average_income"]
    assert stats.reviews == want["reviews"]
    assert {r.key: r.count for r in stats.reviews_by_classification if r.count} == want["reviews_by_classification"]
    assert {m.key: m.count for m in stats.reviews_wished_markets} == want["reviews_wished_markets"]
    counts = [m.count for m in stats.reviews_wished_markets]
    assert counts == sorted(counts, reverse=True)  # most wished first
    for key in (
        "loans",
        "loans_amount",
        "loans_nhcsxh",
        "loans_nhcsxh_amount",
        "club_member_households",
        "club_meetings",
        "club_meeting_attendances",
        "family_visits",
        "outreach_sessions",
        "outreach_attendance",
    ):
        assert getattr(stats, key) == want[key], key


def test_year_figures_match_the_hand_count(built) -> None:
    engine, _units = built
    stats = compute_stats(engine, date_from=D0, date_to=D1)
    want = expected()
    _check(stats, want)
    # the concrete numbers, so that a shared mistake in both computations would still show
    assert stats.departures == 4  # deleted person, deleted departure, before/after the year excluded
    assert stats.departures_illegal == 1
    assert stats.departures_legal == 3  # what the target counts (the overview and the targets pane too)
    assert stats.target == 5
    assert stats.percent == 60
    assert stats.currently_abroad == 4
    assert stats.absconded == 1
    assert stats.absconding_rate_percent == 25.0
    assert stats.returns == 2
    assert stats.returnees_average_income == round((9_000_000 + 7_500_001) / 2)
    assert stats.loans_nhcsxh == 2 and stats.loans_nhcsxh_amount == 180_000_000
    by_commune = {row.name: (row.departures, row.target, row.percent) for row in stats.by_commune}
    assert by_commune == {"Xã An Bình": (2, 2, 100), "Xã Bình Đức": (1, 3, 33)}  # Bình Đức's illegal one apart
    assert [(y.year, y.departures, y.target) for y in stats.by_year] == [(2025, 3, 5)]
    # the chart's history: the five years up to the period's end, whole years before it
    assert [(y.year, y.departures, y.target) for y in stats.year_history] == [
        (2021, 1, 0),
        (2022, 1, 0),
        (2023, 0, 0),
        (2024, 1, 9),
        (2025, 3, 5),
    ]
    assert stats.unit_names == []


def test_one_commune_only(built) -> None:
    engine, units = built
    stats = compute_stats(engine, date_from=D0, date_to=D1, unit_ids=[units.units["B"]])
    _check(stats, expected(units={"B"}))
    assert stats.unit_names == ["Xã Bình Đức"]
    assert [row.name for row in stats.by_commune] == ["Xã Bình Đức"]
    assert stats.club_meetings == 0  # the club belongs to commune A


@pytest.mark.parametrize(
    ("d0", "d1"),
    [
        (date(2025, 1, 1), date(2025, 3, 31)),
        (date(2020, 1, 1), date(2026, 11, 25)),
        (date(2025, 12, 31), date(2025, 12, 31)),
    ],
)
def test_other_periods(built, d0: date, d1: date) -> None:
    engine, _units = built
    stats = compute_stats(engine, date_from=d0, date_to=d1)
    _check(stats, expected(d0, d1))
    assert [y.year for y in stats.by_year] == list(range(d0.year, d1.year + 1))


def test_json_has_plain_values_and_dd_mm_yyyy_dates(built) -> None:
    engine, _units = built
    data = compute_stats(engine, date_from=D0, date_to=D1).to_json()
    assert data["date_from"] == "01/01/2025" and data["date_to"] == "31/12/2025"
    assert data["by_market"][0] == {"key": "JP", "label": "Nhật Bản", "count": 2}


def test_report_units_are_the_communes_with_data(built) -> None:
    engine, _units = built
    assert [u.name for u in list_report_units(engine)] == ["Xã An Bình", "Xã Bình Đức"]


def test_end_before_start_is_refused(built) -> None:
    engine, _units = built
    with pytest.raises(ValueError, match="Ngày cuối kỳ"):
        compute_stats(engine, date_from=D1, date_to=D0)


def test_percent_and_achieved_text() -> None:
    assert percent_of(335, 250) == 134
    assert percent_of(1, 0) is None
    assert achieved_text(335, 250) == "335/250, đạt 134 %"
    assert achieved_text(1234, 0) == "1.234"
    assert achieved_text(12345, 10000) == "12.345/10.000, đạt 123 %"


@pytest.mark.parametrize(
    ("d0", "d1", "commune"),
    [
        (D0, D1, None),
        (date(2020, 1, 1), date(2026, 11, 25), None),
        (D0, D1, "B"),
        (date(2025, 1, 1), date(2025, 3, 31), "A"),
    ],
)
def test_the_charts_figures_are_the_summarys(built, d0: date, d1: date, commune: str | None) -> None:
    """The overview's charts read chart_stats (≈ 4× quicker): the same bars as the summary's."""
    engine, units = built
    ids = None if commune is None else [units.units[commune]]
    full = compute_stats(engine, date_from=d0, date_to=d1, unit_ids=ids)
    charts = chart_stats(engine, date_from=d0, date_to=d1, unit_ids=ids)
    assert charts.by_year == full.by_year and charts.year_history == full.year_history
    assert charts.by_market == full.by_market
    assert (charts.departures, charts.target, charts.percent) == (full.departures, full.target, full.percent)
    assert full.departures > 0 or commune is not None  # the data has departures to compare
    assert charts.currently_abroad == 0 and charts.by_commune == []  # only what the charts draw


def test_the_report_and_the_overview_count_the_same_achievement(built) -> None:
    """The summary report's "x/y, đạt z %" is the overview's and the targets pane's: legal departures."""
    from xkld_desktop.services.targets import list_targets
    from xkld_desktop.services.todo import year_counts

    engine, _units = built
    stats = compute_stats(engine, date_from=D0, date_to=D1)
    overview = year_counts(engine, year=2025, today=date(2026, 1, 5))
    assert (stats.departures_legal, stats.target, stats.percent) == (
        overview.departed,
        overview.target,
        overview.percent,
    )
    assert stats.achieved_text == "3/5, đạt 60 %"
    achieved = {row.unit_id: row.achieved for row in list_targets(engine, year=2025, today=date(2026, 1, 5))}
    for row in stats.by_commune:
        assert row.departures == achieved.get(row.unit_id, 0), row.name
    assert stats.departures == stats.departures_legal + stats.departures_illegal


# --------------------------------------------------------------------------- the recycle bin


def test_a_deleted_households_meeting_attendance_is_not_counted(database) -> None:
    """As the club's meetings list counts it (1 household), not 2: the deleted household's
    attendance stays in the history, hidden."""
    from xkld_desktop.services import club, households

    engine = database.engine
    today = date(2026, 11, 25)
    first = households.create_household(engine, head_name="Trần Văn Hai", hamlet="Ấp 1", today=today)
    second = households.create_household(engine, head_name="Lê Thị Ba", hamlet="Ấp 2", today=today)
    club_id = club.create_club(engine, name="CLB Ấp 1", founded_on=date(2025, 1, 1), today=today)
    for household in (first, second):
        club.join_club(engine, club_id=club_id, household_id=household, joined_on=date(2025, 2, 1), today=today)
    club.record_meeting(
        engine,
        club_id=club_id,
        held_on=date(2026, 3, 1),
        topic="Họp quý 1",
        attending_household_ids=[first, second],
        today=today,
    )
    households.delete_household(engine, household_id=second)

    stats = compute_stats(engine, date_from=date(2026, 1, 1), date_to=today)
    assert [m.attendance for m in club.list_meetings(engine, club_id=club_id)] == [1]
    assert (stats.club_meetings, stats.club_meeting_attendances, stats.club_member_households) == (1, 1, 1)


def test_a_commune_only_a_deleted_person_names_is_not_a_report_unit(database) -> None:
    from xkld_desktop.services.person_records import PersonInput, create_person, delete_person
    from xkld_desktop.services.reference import list_communes

    engine = database.engine
    kept, binned = list_communes(engine, "82")[:2]
    create_person(engine, data=PersonInput(full_name="Trần Văn Hai", commune_id=kept.id))
    gone = create_person(engine, data=PersonInput(full_name="Lê Thị Ba", commune_id=binned.id))
    assert {u.id for u in list_report_units(engine)} == {kept.id, binned.id}

    delete_person(engine, person_id=gone.id)
    assert [u.id for u in list_report_units(engine)] == [kept.id]


# --------------------------------------------------------------------------- communes merged on 1 July 2025


@pytest.fixture
def merged(database):
    """The current Xã Tân Hộ Cơ and its two former communes (Tân Hộ Cơ, Tân Thành B), each with
    people who left in 2025, a 2024 plan of the former communes and a 2025 plan of all three."""
    from tests.unit.services.test_departure_lists import add_departure, add_person, add_return
    from xkld_desktop.services.reference import find_commune, predecessors_of, successor_of
    from xkld_desktop.services.targets import set_targets

    engine = database.engine
    old = next(u for u in find_commune(engine, "29929") if u.legacy)
    new = successor_of(engine, old, default_only=True)[0].unit
    other = next(u for u in predecessors_of(engine, new, default_only=True) if u.id != old.id)
    for commune, day in ((old, date(2025, 3, 1)), (other, date(2025, 5, 1)), (new, date(2025, 8, 1))):
        person = add_person(engine, f"Người {commune.name} {commune.id}", commune_id=commune.id)
        departure = add_departure(engine, person, day)
    add_departure(engine, add_person(engine, "Đi Trái Phép", commune_id=old.id), date(2025, 4, 1), is_legal=False)
    add_departure(engine, add_person(engine, "Năm Trước", commune_id=old.id), date(2024, 6, 1))
    add_return(engine, departure, date(2025, 11, 1))  # the new commune's own worker
    today = date(2026, 1, 5)
    set_targets(engine, year=2024, targets={old.id: 5, other.id: 4}, today=today)
    set_targets(engine, year=2025, targets={old.id: 5, other.id: 4, new.id: 12}, today=today)
    return engine, old, new, other, today


def test_a_merged_communes_target_is_counted_once_with_its_former_communes_records(merged) -> None:
    """As the overview and the targets pane count it: 3/12, not 3/21 (the former communes' plans
    of 2025 are replaced by the merged commune's), and the former communes' departures in its row."""
    from xkld_desktop.services.targets import list_targets, total_target
    from xkld_desktop.services.todo import year_counts

    engine, _old, new, _other, today = merged
    stats = compute_stats(engine, date_from=D0, date_to=D1)
    overview = year_counts(engine, year=2025, today=today)
    assert (stats.departures_legal, stats.target, stats.percent) == (3, 12, 25)
    assert (stats.departures_legal, stats.target, stats.percent) == (
        overview.departed,
        overview.target,
        overview.percent,
    )
    assert stats.target == total_target(engine, year=2025)
    assert stats.achieved_text == "3/12, đạt 25 %"
    # one row, the merged commune's, as the targets pane shows it (its former communes' records in it)
    pane = {row.unit_id: row for row in list_targets(engine, year=2025, today=today)}[new.id]
    assert [(r.unit_id, r.departures, r.target, r.percent) for r in stats.by_commune] == [
        (new.id, pane.achieved, pane.target, pane.percent)
    ]
    assert (pane.achieved, pane.target, pane.percent) == (3, 12, 25)
    # 2024: the former communes' plans, summed (nobody had a target of the merged commune yet)
    assert {y.year: (y.departures, y.target) for y in stats.year_history}[2024] == (1, 9)
    assert stats.departures_illegal == 1


def test_asking_for_a_merged_commune_counts_its_former_communes(merged) -> None:
    """`stats --unit` of the merged commune: the overview's figures for the unit (6/12 there, not 0/12)."""
    from xkld_desktop.services.targets import total_target
    from xkld_desktop.services.todo import year_counts

    engine, _old, new, other, today = merged
    stats = compute_stats(engine, date_from=D0, date_to=D1, unit_ids=[new.id])
    overview = year_counts(engine, year=2025, unit=new.id, today=today)
    assert (stats.departures_legal, stats.target, stats.percent) == (3, 12, 25)
    assert (stats.departures_legal, stats.target, stats.percent) == (
        overview.departed,
        overview.target,
        overview.percent,
    )
    assert [(r.unit_id, r.departures, r.target) for r in stats.by_commune] == [(new.id, 3, 12)]
    assert (stats.departures, stats.departures_illegal, stats.returns) == (4, 1, 1)
    assert stats.unit_names == ["Xã Tân Hộ Cơ"]
    # the merged commune and a former one asked for together: the former one's figures once, in the merged row
    both = compute_stats(engine, date_from=D0, date_to=D1, unit_ids=[new.id, other.id])
    assert [(r.unit_id, r.departures, r.target) for r in both.by_commune] == [(new.id, 3, 12)]
    # a former commune alone: its own records and plan, as total_target gives it
    alone = compute_stats(engine, date_from=D0, date_to=D1, unit_ids=[other.id])
    assert (alone.departures_legal, alone.target) == (1, total_target(engine, year=2025, unit_id=other.id)) == (1, 4)
    assert [(r.unit_id, r.departures, r.target) for r in alone.by_commune] == [(other.id, 1, 4)]


def test_without_its_own_target_a_merged_commune_takes_its_former_communes(merged) -> None:
    from xkld_desktop.services.targets import set_targets, total_target

    engine, _old, new, _other, today = merged
    set_targets(engine, year=2025, targets={new.id: None}, today=today)
    stats = compute_stats(engine, date_from=D0, date_to=D1)
    assert stats.target == total_target(engine, year=2025) == 9
    assert [(r.unit_id, r.departures, r.target, r.percent) for r in stats.by_commune] == [(new.id, 3, 9, 33)]
    charts = chart_stats(engine, date_from=D0, date_to=D1)
    assert (charts.target, charts.percent) == (stats.target, stats.percent)
    one = compute_stats(engine, date_from=D0, date_to=D1, unit_ids=[new.id])
    assert one.target == total_target(engine, year=2025, unit_id=new.id) == 9


# --------------------------------------------------------------------------- absconded by the period's end


def test_absconded_counts_only_those_absconded_by_the_periods_end(database) -> None:
    """Departure b absconded in 2023: in 2022 it was still working. An absconding without a date
    counts (see the module doc). 1 of 16 abroad is 6.25 %: 6.3 rounded half up (round() gives 6.2)."""
    from tests.unit.services.test_departure_lists import add_departure, add_person
    from xkld_desktop.domain.enums import StatusAbroad
    from xkld_desktop.services.reference import list_communes

    engine = database.engine
    commune = list_communes(engine, "82")[0]
    gone = StatusAbroad.ABSCONDED

    def leave(name: str, day: date, **values) -> None:
        add_departure(engine, add_person(engine, name, commune_id=commune.id), day, **values)

    leave("Bỏ Trốn Năm 2022", date(2022, 2, 1), status_abroad=gone, status_abroad_on=date(2022, 6, 1))
    leave("Bỏ Trốn Năm 2023", date(2022, 3, 1), status_abroad=gone, status_abroad_on=date(2023, 8, 25))
    for i in range(14):
        leave(f"Đang Làm Việc {i}", date(2022, 4, 1))
    leave("Bỏ Trốn Không Rõ Ngày", date(2023, 1, 10), status_abroad=gone)

    y2022 = compute_stats(engine, date_from=date(2022, 1, 1), date_to=date(2022, 12, 31))
    assert (y2022.currently_abroad, y2022.absconded) == (16, 1)
    assert y2022.absconding_rate_percent == 6.3
    y2023 = compute_stats(engine, date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))
    assert (y2023.currently_abroad, y2023.absconded) == (17, 3)
    assert y2023.absconding_rate_percent == 17.6
    # the period's last day is included
    on_the_day = compute_stats(engine, date_from=date(2023, 1, 1), date_to=date(2023, 8, 25))
    assert on_the_day.absconded == 3
    day_before = compute_stats(engine, date_from=date(2023, 1, 1), date_to=date(2023, 8, 24))
    assert day_before.absconded == 2


@pytest.mark.parametrize(
    ("part", "whole", "rate"),
    [
        (1, 16, 6.3),  # 6.25: half up (round() gives 6.2)
        (1, 80, 1.3),  # 1.25
        (1, 8, 12.5),
        (1, 3, 33.3),
        (2, 3, 66.7),
        (0, 5, 0.0),
        (5, 5, 100.0),
        (1, 0, None),
    ],
)
def test_rate_percent_rounds_half_up(part: int, whole: int, rate: float | None) -> None:
    assert rate_percent(part, whole) == rate
