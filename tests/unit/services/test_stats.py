"""The summary's figures (services/stats.py) against figures computed by hand from a known database."""

from __future__ import annotations

from datetime import date

import pytest

from xkld_desktop.services.database import open_database
from xkld_desktop.services.stats import achieved_text, chart_stats, compute_stats, list_report_units, percent_of

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
