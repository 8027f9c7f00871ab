"""Targets per commune per year: which units take one, setting and removing, achievement."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.unit.services.test_departure_lists import add_departure, add_person
from xkld_desktop.domain.models import Target
from xkld_desktop.services.errors import NotFound, ValidationFailed
from xkld_desktop.services.reference import find_commune, list_communes, successor_of
from xkld_desktop.services.settings import set_own_unit
from xkld_desktop.services.targets import (
    achievement_text,
    get_target,
    list_targets,
    percent_achieved,
    set_target,
    set_targets,
    target_units,
    total_target,
    totals_of,
)
from xkld_desktop.store.session import read_session

TODAY = date(2026, 11, 25)


@pytest.fixture
def engine(database):
    return database.engine


@pytest.fixture
def units(engine):
    """The own unit (a current commune), a former commune merged into it with people, another."""
    old = next(u for u in find_commune(engine, "29929") if u.legacy)
    new = successor_of(engine, old, default_only=True)[0].unit
    set_own_unit(engine, unit_id=new.id)
    person = add_person(engine, "Người Xã Cũ", commune_id=old.id)
    add_departure(engine, person, date(2026, 3, 1))
    add_departure(engine, person, date(2025, 3, 1))
    illegal = add_person(engine, "Đi Trái Phép", commune_id=old.id)
    add_departure(engine, illegal, date(2026, 4, 1), is_legal=False)
    return {"old": old, "new": new}


@pytest.mark.parametrize(
    ("done", "target", "percent", "text"),
    [
        (335, 250, 134, "335/250 lao động, đạt 134 %"),  # as the Tân Hồng plan writes it
        (1, 3, 33, "1/3 lao động, đạt 33 %"),
        (2, 3, 67, "2/3 lao động, đạt 67 %"),
        (1, 8, 13, "1/8 lao động, đạt 13 %"),  # 12.5 rounds half up
        (0, 5, 0, "0/5 lao động, đạt 0 %"),
        (1234, 1000, 123, "1.234/1.000 lao động, đạt 123 %"),
        (7, None, None, "7 lao động"),
    ],
)
def test_percentage_as_the_plans_write_it(done, target, percent, text) -> None:
    assert percent_achieved(done, target) == percent
    assert achievement_text(done, target) == text


def test_units_are_the_province_communes_and_former_communes_with_records(engine, units) -> None:
    found = target_units(engine)
    ids = {u.id for u in found}
    province = list_communes(engine, units["new"].province_code)
    assert {c.id for c in province} <= ids  # every current commune of the own unit's province
    assert units["old"].id in ids  # a former commune that holds records
    assert found[0].id == units["old"].id and found[0].has_records  # units with records first
    other_legacy = next(u for u in find_commune(engine, "29926") if u.legacy)  # Sa Rài: no records here
    assert other_legacy.id not in ids


def test_set_get_update_and_remove_a_target(engine, units) -> None:
    unit = units["new"].id
    assert get_target(engine, unit_id=unit, year=2026) is None
    set_target(engine, unit_id=unit, year=2026, departures=250, today=TODAY)
    assert get_target(engine, unit_id=unit, year=2026) == 250
    set_target(engine, unit_id=unit, year=2026, departures=260, today=TODAY)
    assert get_target(engine, unit_id=unit, year=2026) == 260
    set_target(engine, unit_id=unit, year=2026, departures=None, today=TODAY)
    assert get_target(engine, unit_id=unit, year=2026) is None
    with read_session(engine) as s:  # removed softly: the row keeps its history
        row = s.execute(select(Target).where(Target.unit_id == unit, Target.year == 2026)).scalar_one()
        assert row.deleted_at is not None and row.departures == 260
    set_target(engine, unit_id=unit, year=2026, departures=5, today=TODAY)  # and comes back
    assert get_target(engine, unit_id=unit, year=2026) == 5


def test_several_targets_in_one_save(engine, units) -> None:
    changed = set_targets(engine, year=2026, targets={units["new"].id: 10, units["old"].id: 3}, today=TODAY)
    assert changed == 2
    assert set_targets(engine, year=2026, targets={units["new"].id: 10}, today=TODAY) == 0  # nothing new


@pytest.mark.parametrize(
    ("year", "departures", "field"),
    [
        (2026, 0, "departures"),
        (2026, -3, "departures"),
        (2026, 100_001, "departures"),
        (1999, 5, "year"),
        (2032, 5, "year"),
    ],
)
def test_a_target_must_be_a_positive_number_for_a_sensible_year(engine, units, year, departures, field) -> None:
    with pytest.raises(ValidationFailed) as raised:
        set_target(engine, unit_id=units["new"].id, year=year, departures=departures, today=TODAY)
    assert raised.value.errors_for(field)
    assert get_target(engine, unit_id=units["new"].id, year=year) is None


def test_a_unit_that_takes_no_target_is_refused(engine, units) -> None:
    far = next(u for u in find_commune(engine, "00004") if not u.legacy)
    with pytest.raises(NotFound):
        set_target(engine, unit_id=far.id, year=2026, departures=5, today=TODAY)


def test_list_shows_targets_with_legal_departures_achieved(engine, units) -> None:
    set_targets(engine, year=2026, targets={units["old"].id: 4}, today=TODAY)
    rows = {r.unit_id: r for r in list_targets(engine, year=2026, today=TODAY)}
    old, new = rows[units["old"].id], rows[units["new"].id]
    assert (old.target, old.achieved, old.percent) == (4, 1, 25)  # the illegal departure is not counted
    assert (new.target, new.achieved, new.percent) == (None, 1, None)  # its former commune's people count
    assert old.legacy and not new.legacy
    assert rows[units["old"].id].unit_name == "Xã Tân Hộ Cơ"
    assert {r.achieved for r in list_targets(engine, year=2025, today=TODAY) if r.unit_id == units["old"].id} == {1}


def test_total_target_sums_communes_without_counting_a_plan_twice(engine, units) -> None:
    assert total_target(engine, year=2026) is None
    set_targets(engine, year=2026, targets={units["old"].id: 4}, today=TODAY)
    assert total_target(engine, year=2026) == 4
    assert total_target(engine, year=2026, unit_id=units["new"].id) == 4  # from its former commune
    set_targets(engine, year=2026, targets={units["new"].id: 6}, today=TODAY)
    assert total_target(engine, year=2026) == 6  # the merged commune's own target replaces it
    assert total_target(engine, year=2026, unit_id=units["new"].id) == 6
    assert total_target(engine, year=2026, unit_id=units["old"].id) == 4


def test_the_targets_tab_total_counts_a_former_commune_and_its_successor_once(engine, units) -> None:
    from xkld_desktop.services.todo import year_counts
    from xkld_desktop.ui.outreach_targets import TargetsModel

    old, new = units["old"].id, units["new"].id
    set_targets(engine, year=2026, targets={old: 4}, today=TODAY)
    rows = list_targets(engine, year=2026, today=TODAY)
    assert {r.unit_id: r.counted_under for r in rows}[old] == new
    assert totals_of(rows) == (1, 4)  # only the former commune has a plan: it counts
    set_targets(engine, year=2026, targets={new: 6}, today=TODAY)
    rows = list_targets(engine, year=2026, today=TODAY)
    assert totals_of(rows) == (1, 6)  # the successor's plan (and departures) replace the former commune's
    counts = year_counts(engine, year=2026, today=TODAY)
    assert (counts.departed, counts.target) == totals_of(rows) == (1, total_target(engine, year=2026))
    assert totals_of(rows, {new: None}) == (1, 4)  # an unsaved removal of the successor's plan

    model = TargetsModel()  # what the Targets tab totals
    model.set_rows(rows)
    assert model.totals() == (1, 6)
    model.edits = {new: None}
    assert model.totals() == (1, 4)
