"""Reference data: current and former administrative units, their succession, markets."""

from __future__ import annotations

import gzip
import json
from importlib.resources import files

import pytest
import sqlalchemy as sa
from vietnam_provinces import Ward

from xkld_desktop.domain.enums import MarketRegion, UnitLevel
from xkld_desktop.domain.models import AdministrativeUnit, AppSetting, Market, UnitSuccession
from xkld_desktop.services import reference
from xkld_desktop.services.database import open_database
from xkld_desktop.services.reference import (
    REFERENCE_VERSION_KEY,
    find_commune,
    list_communes,
    list_districts,
    list_markets,
    list_provinces,
    predecessors_of,
    reference_version,
    seed_reference_data,
    successor_of,
)

UNITS = AdministrativeUnit.__table__
SUCCESSION = UnitSuccession.__table__

# The former Huyện Tân Hồng (Đồng Tháp) and the communes that replaced its nine on 1 July 2025.
TAN_HONG_SUCCESSORS = {
    "Thị trấn Sa Rài": "Xã Tân Hồng",
    "Xã Bình Phú": "Xã Tân Hồng",
    "Xã Tân Công Chí": "Xã Tân Hồng",
    "Xã Tân Hộ Cơ": "Xã Tân Hộ Cơ",
    "Xã Tân Thành B": "Xã Tân Hộ Cơ",
    "Xã Thông Bình": "Xã Tân Thành",
    "Xã Tân Thành A": "Xã Tân Thành",
    "Xã Tân Phước": "Xã An Phước",
    "Xã An Phước": "Xã An Phước",
}


def _legacy_file() -> dict:
    raw = (files("xkld_desktop.resources") / "data" / "admin_units_legacy.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def _count(engine, table, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one()


def test_seeding_inserts_the_current_and_former_units_and_the_markets(db_url: str) -> None:
    legacy = _legacy_file()
    successions = sum(len(c[4]) for c in legacy["communes"]) + sum(len(s) for _, s in legacy["district_successors"])

    database = open_database(db_url)  # a new file: migrated, then seeded for the first time
    try:
        _check_first_seed(database, successions)
    finally:
        database.close()


def _check_first_seed(database, successions: int) -> None:
    assert database.seeded == {
        "provinces": 34,
        "communes": 3321,
        "legacy_provinces": 63,
        "legacy_districts": 696,
        "legacy_communes": 10035,
        "successions": successions,
        "markets": len(reference.MARKETS),
    }
    engine = database.engine
    province, commune = UnitLevel.PROVINCE, UnitLevel.COMMUNE
    assert _count(engine, UNITS, UNITS.c.level == province, UNITS.c.legacy.is_(False)) == 34
    assert _count(engine, UNITS, UNITS.c.level == commune, UNITS.c.legacy.is_(False)) == 3321
    assert _count(engine, UNITS, UNITS.c.legacy.is_(True), UNITS.c.valid_to != reference.LEGACY_VALID_TO) == 0
    assert _count(engine, UNITS, UNITS.c.legacy.is_(False), UNITS.c.valid_from != reference.CURRENT_VALID_FROM) == 0
    assert _count(engine, UNITS, UNITS.c.level != province, UNITS.c.parent_id.is_(None)) == 0
    assert _count(engine, SUCCESSION) == successions


def test_seeding_again_adds_nothing_and_reads_one_row(database) -> None:
    engine = database.engine
    before = {t.name: _count(engine, t) for t in (UNITS, SUCCESSION, Market.__table__)}

    reference.reference_version.cache_clear()
    reference._legacy_bytes.cache_clear()
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", seen)
    try:
        for _ in range(3):
            assert seed_reference_data(engine) == {}
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)

    # every start opens with it: one read of the version row each time, no table read, nothing written
    assert "BEGIN IMMEDIATE" not in statements  # no write transaction
    reads = [s for s in statements if s.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK")]
    assert len(reads) == 3, statements
    assert all(s.lstrip().upper().startswith("SELECT") and "app_setting" in s for s in reads), statements
    assert {t.name: _count(engine, t) for t in (UNITS, SUCCESSION, Market.__table__)} == before


def test_a_lost_version_row_resyncs_without_duplicates(database) -> None:
    engine = database.engine
    setting = AppSetting.__table__
    before = {t.name: _count(engine, t) for t in (UNITS, SUCCESSION, Market.__table__)}
    with engine.begin() as conn:
        conn.execute(sa.delete(setting).where(setting.c.key == REFERENCE_VERSION_KEY))
        conn.execute(sa.update(UNITS).where(UNITS.c.code == "29929").values(name="Xã Tân Hộ Cơ (sửa tay)"))

    written = seed_reference_data(engine)

    assert written == {"units_updated": 2}  # the name edited above, current and former, put back
    assert {t.name: _count(engine, t) for t in (UNITS, SUCCESSION, Market.__table__)} == before
    with engine.connect() as conn:
        stored = conn.execute(sa.select(setting.c.value).where(setting.c.key == REFERENCE_VERSION_KEY)).scalar()
    assert stored == reference_version()


@pytest.mark.parametrize("query", ["Xã Tân Hộ Cơ", "tan ho co", "TÂN HỘ CƠ", "29929"])
def test_tan_ho_co_is_found_among_the_current_communes_of_dong_thap(database, query: str) -> None:
    found = find_commune(database.engine, query, province="Đồng Tháp", include_legacy=False)

    assert [(u.code, u.name, u.legacy) for u in found] == [("29929", "Xã Tân Hộ Cơ", False)]
    unit = found[0]
    assert unit.level is UnitLevel.COMMUNE
    assert (unit.province_code, unit.province_name) == ("82", "Tỉnh Đồng Tháp")
    assert unit.short_name == "Tân Hộ Cơ"
    assert unit.full_name == "Xã Tân Hộ Cơ, Tỉnh Đồng Tháp"


def test_find_commune_lists_current_units_before_former_ones(database) -> None:
    found = find_commune(database.engine, "Tân Hộ Cơ")

    assert [(u.code, u.legacy) for u in found] == [("29929", False), ("29929", True)]
    former = found[1]
    assert former.district_name == "Huyện Tân Hồng"
    assert former.label == "Xã Tân Hộ Cơ, Huyện Tân Hồng, Tỉnh Đồng Tháp (trước 01/07/2025)"


def test_find_commune_falls_back_to_names_containing_the_text(database) -> None:
    found = find_commune(database.engine, "ho co", province="87")

    assert [u.name for u in found] == ["Xã Tân Hộ Cơ"]
    assert find_commune(database.engine, "không có xã này") == []


def test_the_nine_communes_of_former_tan_hong_map_to_their_successors(database) -> None:
    engine = database.engine
    districts = {d.name: d for d in list_districts(engine, "87")}
    assert districts["Huyện Tân Hồng"].code == "869"

    communes = [c for c in list_communes(engine, "87", legacy=True) if c.district_name == "Huyện Tân Hồng"]
    assert sorted(c.name for c in communes) == sorted(TAN_HONG_SUCCESSORS)
    for old in communes:
        successors = successor_of(engine, old)
        assert [(s.unit.name, s.is_default) for s in successors] == [(TAN_HONG_SUCCESSORS[old.name], True)]
        assert successors[0].unit.legacy is False
        assert successors[0].unit.province_name == "Tỉnh Đồng Tháp"
    assert successor_of(engine, "29926")[0].unit.name == "Xã Tân Hồng"  # Sa Rài, by its code

    merged = predecessors_of(engine, "29926")  # Xã Tân Hồng, current code
    assert sorted(u.name for u in merged) == ["Thị trấn Sa Rài", "Xã Bình Phú", "Xã Tân Công Chí"]


def test_every_former_commune_has_exactly_one_default_successor(database) -> None:
    with database.engine.connect() as conn:
        per_old = conn.execute(
            sa.select(SUCCESSION.c.old_unit_id, sa.func.sum(sa.cast(SUCCESSION.c.is_default, sa.Integer))).group_by(
                SUCCESSION.c.old_unit_id
            )
        ).all()
        new_units = conn.execute(
            sa.select(UNITS.c.legacy, UNITS.c.level).distinct().join(SUCCESSION, SUCCESSION.c.new_unit_id == UNITS.c.id)
        ).all()
    assert len(per_old) == 10035 + 5  # communes, and the five island districts without communes
    assert {defaults for _old, defaults in per_old} == {1}
    assert new_units == [(False, UnitLevel.COMMUNE)]


def test_island_districts_map_to_special_zones(database) -> None:
    successors = successor_of(database.engine, "755")  # Huyện Côn Đảo
    assert [s.unit.name for s in successors] == ["Đặc khu Côn Đảo"]
    assert successors[0].unit.division_type == "Đặc khu"


def test_provinces_are_listed_by_name(database) -> None:
    current = list_provinces(database.engine)
    former = list_provinces(database.engine, legacy=True)

    assert len(current) == 34
    assert len(former) == 63
    assert current[0].name == "Tỉnh An Giang"
    assert {"Thành phố Hà Nội", "Tỉnh Đồng Tháp", "Tỉnh Lạng Sơn"} <= {p.name for p in current}
    assert all(p.name.startswith(("Tỉnh ", "Thành phố ")) for p in current + former)
    assert "Tỉnh Tiền Giang" in {p.name for p in former}


def test_communes_of_a_province_are_in_natural_order(database) -> None:
    communes = list_communes(database.engine, "82")

    assert len(communes) == sum(1 for w in Ward.iter_all() if int(w.province_code) == 82)
    names = [c.name for c in communes]
    assert "Xã Tân Hộ Cơ" in names
    numbered = [n for n in names if n.startswith("Phường ") and n.split()[-1].isdigit()]
    assert numbered == sorted(numbered, key=lambda n: int(n.split()[-1]))


def test_markets_have_regions_and_the_decree_caps(database) -> None:
    markets = {m.code: m for m in list_markets(database.engine)}

    assert list(markets)[:3] == ["JP", "KR", "TW"]
    assert len(markets) == 22
    assert markets["TW"].deposit_cap == 12_000_000
    assert markets["KR"].deposit_cap == 36_000_000
    assert {code for code, m in markets.items() if m.deposit_cap is not None} == {"TW", "KR"}
    assert markets["SEA"].region is MarketRegion.SEAFARERS
    assert markets["DE"].region is MarketRegion.EUROPE_OCEANIA
    assert markets["SA"].name_vi == "Ả Rập Xê Út"


def test_the_legacy_file_maps_only_to_communes_vietnam_provinces_knows() -> None:
    legacy = _legacy_file()
    current = {f"{int(w.code):05d}" for w in Ward.iter_all()}
    mapped = {s[0] for c in legacy["communes"] for s in c[4]} | {
        s[0] for _, succ in legacy["district_successors"] for s in succ
    }

    assert legacy["source"]["package"] == "vietnamadminunits"
    assert legacy["source"]["license"] == "MIT"
    assert mapped == current  # every new commune has at least one predecessor, and no unknown code
    assert all(c[4] for c in legacy["communes"])
