"""Reference data: administrative units (current and pre-2025), their succession, markets.

Sources, none typed by hand:
- the current units (34 provinces, 3,321 communes since 1 July 2025) come from the
  ``vietnam-provinces`` package (GPL-3.0-or-later) at run time;
- the units before the reform (63 provinces, their districts and communes) and the mapping of
  each former commune to the commune(s) that replaced it come from the MIT package
  ``vietnamadminunits``, compiled once by ``tools/build_admin_units.py`` into
  ``resources/data/admin_units_legacy.json.gz`` (licence beside it);
- markets and their deposit caps follow Circular 21/2021/TT-BLĐTBXH (market groups) and Decree
  112/2021/NĐ-CP (caps, :data:`~xkld_desktop.domain.validation.DEPOSIT_CAPS`).

:func:`seed_reference_data` runs on every start (``open_database``). It stores the version of
what it loaded in the ``app_setting`` row ``reference_version`` and does nothing while that
matches, so the usual start costs one small query. When a package update brings new data, it
inserts the missing rows and corrects changed names, in one write transaction, never deleting a
unit that records may point to.

The query helpers return plain frozen dataclasses (:class:`UnitInfo`, :class:`Successor`,
:class:`MarketInfo`) for the UI, never ORM objects.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import metadata
from importlib.resources import files
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..domain.enums import MarketRegion, UnitLevel
from ..domain.models import AdministrativeUnit, AppSetting, Market, UnitSuccession
from ..domain.text import clean_text, fold
from ..store.engine import WRITE_OPTION
from ..store.errors import classify

__all__ = [
    "CURRENT_VALID_FROM",
    "LEGACY_VALID_TO",
    "MARKETS",
    "REFERENCE_VERSION_KEY",
    "MarketInfo",
    "Successor",
    "UnitInfo",
    "find_commune",
    "get_unit",
    "list_communes",
    "list_districts",
    "list_markets",
    "list_provinces",
    "predecessors_of",
    "reference_version",
    "seed_reference_data",
    "successor_of",
]

#: the ``app_setting`` key holding the version of the reference data in the database
REFERENCE_VERSION_KEY = "reference_version"
#: first day of the current (two-level) units
CURRENT_VALID_FROM = date(2025, 7, 1)
#: last day of the provinces, districts and communes abolished or merged by the reform
LEGACY_VALID_TO = date(2025, 6, 30)
LEGACY_DATA = "admin_units_legacy.json.gz"

#: Bump when :data:`MARKETS` or the way units are written changes.
_SEED_REVISION = 1

# (code, Vietnamese name, English name, region) in the order the market list shows them.
MARKETS: tuple[tuple[str, str, str, MarketRegion], ...] = (
    ("JP", "Nhật Bản", "Japan", MarketRegion.JAPAN),
    ("KR", "Hàn Quốc", "Korea", MarketRegion.KOREA),
    ("TW", "Đài Loan", "Taiwan", MarketRegion.TAIWAN),
    ("CN", "Trung Quốc", "China", MarketRegion.CHINA_SEA),
    ("MY", "Malaysia", "Malaysia", MarketRegion.CHINA_SEA),
    ("SG", "Singapore", "Singapore", MarketRegion.CHINA_SEA),
    ("TH", "Thái Lan", "Thailand", MarketRegion.CHINA_SEA),
    ("MO", "Ma Cao", "Macao", MarketRegion.CHINA_SEA),
    ("HK", "Hồng Kông", "Hong Kong", MarketRegion.CHINA_SEA),
    ("SA", "Ả Rập Xê Út", "Saudi Arabia", MarketRegion.WEST_ASIA_AFRICA),
    ("AE", "UAE", "United Arab Emirates", MarketRegion.WEST_ASIA_AFRICA),
    ("QA", "Qatar", "Qatar", MarketRegion.WEST_ASIA_AFRICA),
    ("DE", "Đức", "Germany", MarketRegion.EUROPE_OCEANIA),
    ("RO", "Romania", "Romania", MarketRegion.EUROPE_OCEANIA),
    ("HU", "Hungary", "Hungary", MarketRegion.EUROPE_OCEANIA),
    ("PL", "Ba Lan", "Poland", MarketRegion.EUROPE_OCEANIA),
    ("CZ", "Séc", "Czechia", MarketRegion.EUROPE_OCEANIA),
    ("AU", "Úc", "Australia", MarketRegion.EUROPE_OCEANIA),
    ("NZ", "New Zealand", "New Zealand", MarketRegion.EUROPE_OCEANIA),
    ("US", "Hoa Kỳ", "United States", MarketRegion.AMERICAS),
    ("CA", "Canada", "Canada", MarketRegion.AMERICAS),
    # Not a country: seafarers work on ships under many flags (Circular 21's own market group).
    ("SEA", "Thuyền viên (tàu biển)", "Seafarers", MarketRegion.SEAFARERS),
)

_MARKET_NAMES = {code: (name_vi, name_en) for code, name_vi, name_en, _region in MARKETS}


def market_name(code: str | None, lang: str = "vi") -> str:
    """A market's name in *lang* (``"vi"``, ``"en"``) from the fixed list :data:`MARKETS`.

    The list is the only source of markets (seeded into every database as it is), so a name needs
    no query; an unknown code is shown as itself, no code as "".
    """
    if not code:
        return ""
    names = _MARKET_NAMES.get(code)
    if names is None:
        return code
    return names[1] if lang.startswith("en") else names[0]


_UNIT_PREFIXES = ("thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "huyen", "quan", "tinh", "xa")
_COMMUNE_PREFIXES = ("xa", "phuong", "thi tran", "dac khu")
_PROVINCE_PREFIXES = ("tinh", "thanh pho")
_CURRENT_TYPES = {
    "tỉnh": "Tỉnh",
    "thành phố trung ương": "Thành phố",
    "xã": "Xã",
    "phường": "Phường",
    "đặc khu": "Đặc khu",
}
_DIGITS = re.compile(r"(\d+)")


# --------------------------------------------------------------------------- read objects


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """An administrative unit as the UI shows it (a plain copy, not an ORM object).

    ``province_code``/``province_name`` are those of the province the unit belongs to (itself for
    a province); ``district_name`` is set for pre-2025 communes only.
    """

    id: int
    code: str
    name: str
    level: UnitLevel
    division_type: str
    legacy: bool
    parent_id: int | None
    province_code: str | None
    province_name: str | None
    district_name: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def short_name(self) -> str:
        """The name without its division type: "Tân Hộ Cơ" for "Xã Tân Hộ Cơ"."""
        prefix = self.division_type + " "
        return self.name[len(prefix) :] if self.division_type and self.name.startswith(prefix) else self.name

    @property
    def full_name(self) -> str:
        """The name with the units above it, e.g. "Xã Tân Hộ Cơ, Huyện Tân Hồng, Tỉnh Đồng Tháp"."""
        parts = [self.name]
        if self.district_name:
            parts.append(self.district_name)
        if self.province_name and self.level is not UnitLevel.PROVINCE:
            parts.append(self.province_name)
        return ", ".join(parts)

    @property
    def label(self) -> str:
        """:attr:`full_name`, marked "(trước 01/07/2025)" for a unit abolished by the reform."""
        return f"{self.full_name} (trước 01/07/2025)" if self.legacy else self.full_name


@dataclass(frozen=True, slots=True)
class Successor:
    """A unit that replaced a pre-2025 one; ``is_default`` marks where its records are counted."""

    unit: UnitInfo
    is_default: bool


@dataclass(frozen=True, slots=True)
class MarketInfo:
    """Thị trường — a market as the UI shows it."""

    code: str
    name_vi: str
    name_en: str
    region: MarketRegion
    deposit_cap: int | None
    sort_order: int


# --------------------------------------------------------------------------- seeding


@lru_cache(maxsize=1)
def _legacy_bytes() -> bytes:
    return (files("xkld_desktop.resources") / "data" / LEGACY_DATA).read_bytes()


def _legacy_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gzip.decompress(_legacy_bytes()))
    return data


@lru_cache(maxsize=1)
def reference_version() -> str:
    """What the reference data of this installation is made of (stored in ``app_setting``)."""
    try:
        provinces = metadata.version("vietnam-provinces")
    except metadata.PackageNotFoundError:  # pragma: no cover - a frozen build without metadata
        import vietnam_provinces

        provinces = vietnam_provinces.__version__
    legacy = f"{zlib.crc32(_legacy_bytes()):08x}"
    return f"seed={_SEED_REVISION};vietnam-provinces={provinces};legacy={legacy}"


def seed_reference_data(engine: Engine) -> dict[str, int]:
    """Insert or bring up to date the reference data; return how many rows it wrote per kind.

    Idempotent: when the stored ``reference_version`` equals :func:`reference_version` it only
    reads that one row and returns an empty dict. Otherwise everything happens in one write
    transaction with Core bulk inserts (about 14,000 units and 10,600 successions).
    Environment failures come out as :class:`~xkld_desktop.store.errors.DatabaseEnvironmentError`.
    """
    wanted = reference_version()
    setting = AppSetting.__table__  # type: ignore[attr-defined]
    query = sa.select(setting.c.value).where(setting.c.key == REFERENCE_VERSION_KEY)
    try:
        with engine.connect() as conn:
            if conn.execute(query).scalar() == wanted:
                return {}
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            # Another program may have seeded while this one waited for the write lock.
            if conn.execute(query).scalar() == wanted:
                return {}
            counts = _sync(conn)
            _set_setting(conn, REFERENCE_VERSION_KEY, wanted)
            return counts
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise


def _set_setting(conn: Connection, key: str, value: str) -> None:
    table = AppSetting.__table__  # type: ignore[attr-defined]
    done = conn.execute(sa.update(table).where(table.c.key == key).values(value=value))
    if done.rowcount == 0:
        conn.execute(sa.insert(table).values(key=key, value=value))


def _current_units() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
    """Current provinces ``(code, name, type)`` and communes ``(code, name, type, province code)``."""
    from vietnam_provinces import Province, Ward

    provinces = []
    for p in Province.iter_all():
        kind = _CURRENT_TYPES[p.division_type.value]
        name = clean_text(p.name)
        if not name.lower().startswith(kind.lower() + " "):
            name = f"{kind} {name}"
        provinces.append((f"{int(p.code):02d}", name, kind))
    communes = [
        (f"{int(w.code):05d}", clean_text(w.name), _CURRENT_TYPES[w.division_type.value], f"{int(w.province_code):02d}")
        for w in Ward.iter_all()
    ]
    return provinces, communes


def _sync(conn: Connection) -> dict[str, int]:
    """Insert what is missing and correct what changed (units, successions, markets)."""
    units = AdministrativeUnit.__table__  # type: ignore[attr-defined]
    existing: dict[tuple[str, str, bool], tuple[int, str, str, int | None]] = {}
    for row in conn.execute(
        sa.select(
            units.c.id,
            units.c.code,
            units.c.level,
            units.c.legacy,
            units.c.name,
            units.c.division_type,
            units.c.parent_id,
        )
    ):
        existing[(row.code, UnitLevel(row.level).value, bool(row.legacy))] = (
            row.id,
            row.name,
            row.division_type,
            row.parent_id,
        )
    next_id = (conn.execute(sa.select(sa.func.max(units.c.id))).scalar() or 0) + 1
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    ids: dict[tuple[str, str, bool], int] = {}

    def unit(code: str, name: str, kind: str, level: UnitLevel, legacy: bool, parent: int | None, counter: str) -> None:
        nonlocal next_id
        key = (code, level.value, legacy)
        found = existing.get(key)
        if found is None:
            ids[key] = next_id
            inserts.append(
                {
                    "id": next_id,
                    "code": code,
                    "name": name,
                    "name_key": fold(name),
                    "level": level,
                    "division_type": kind,
                    "parent_id": parent,
                    "legacy": legacy,
                    "valid_from": None if legacy else CURRENT_VALID_FROM,
                    "valid_to": LEGACY_VALID_TO if legacy else None,
                }
            )
            next_id += 1
            counts[counter] = counts.get(counter, 0) + 1
        else:
            ids[key] = found[0]
            if (found[1], found[2], found[3]) != (name, kind, parent):
                updates.append(
                    {"b_id": found[0], "b_name": name, "b_key": fold(name), "b_type": kind, "b_parent": parent}
                )

    province, commune, district = UnitLevel.PROVINCE, UnitLevel.COMMUNE, UnitLevel.DISTRICT
    current_provinces, current_communes = _current_units()
    for code, name, kind in current_provinces:
        unit(code, name, kind, province, False, None, "provinces")
    for code, name, kind, province_code in current_communes:
        unit(code, name, kind, commune, False, ids[(province_code, province.value, False)], "communes")

    legacy = _legacy_data()
    types: list[str] = legacy["types"]
    for code, name, kind in legacy["provinces"]:
        unit(code, name, types[kind], province, True, None, "legacy_provinces")
    for code, name, kind, province_code in legacy["districts"]:
        unit(code, name, types[kind], district, True, ids[(province_code, province.value, True)], "legacy_districts")
    successions: list[tuple[int, int, bool]] = []

    def succeed(old_id: int, successors: list[list[Any]]) -> None:
        for new, default in successors:
            key = (new, commune.value, False)
            # A commune that vietnam-provinces no longer lists keeps its row (records may point to it).
            new_id = ids.get(key) or (existing[key][0] if key in existing else None)
            if new_id is not None:
                successions.append((old_id, new_id, bool(default)))

    for code, name, kind, district_code, successors in legacy["communes"]:
        unit(code, name, types[kind], commune, True, ids[(district_code, district.value, True)], "legacy_communes")
        succeed(ids[(code, commune.value, True)], successors)
    for code, successors in legacy["district_successors"]:
        succeed(ids[(code, district.value, True)], successors)

    if inserts:
        conn.execute(sa.insert(units), inserts)
    if updates:
        conn.execute(
            sa.update(units)
            .where(units.c.id == sa.bindparam("b_id"))
            .values(
                name=sa.bindparam("b_name"),
                name_key=sa.bindparam("b_key"),
                division_type=sa.bindparam("b_type"),
                parent_id=sa.bindparam("b_parent"),
            ),
            updates,
        )
        counts["units_updated"] = len(updates)

    table = UnitSuccession.__table__  # type: ignore[attr-defined]
    have = {(r.old_unit_id, r.new_unit_id) for r in conn.execute(sa.select(table.c.old_unit_id, table.c.new_unit_id))}
    rows = [
        {"old_unit_id": old, "new_unit_id": new, "is_default": default}
        for old, new, default in successions
        if (old, new) not in have
    ]
    if rows:
        conn.execute(sa.insert(table), rows)
        counts["successions"] = len(rows)

    counts.update(_sync_markets(conn))
    return counts


def _sync_markets(conn: Connection) -> dict[str, int]:
    """Insert the missing markets. Existing ones are left as the user may have edited them."""
    from ..domain.validation import DEPOSIT_CAPS

    table = Market.__table__  # type: ignore[attr-defined]
    have = set(conn.execute(sa.select(table.c.code)).scalars())
    rows = [
        {
            "code": code,
            "name_vi": name_vi,
            "name_en": name_en,
            "region": region,
            "deposit_cap": DEPOSIT_CAPS.get(code),
            "sort_order": (index + 1) * 10,
        }
        for index, (code, name_vi, name_en, region) in enumerate(MARKETS)
        if code not in have
    ]
    if rows:
        conn.execute(sa.insert(table), rows)
    return {"markets": len(rows)} if rows else {}


# --------------------------------------------------------------------------- queries


def _unit_select() -> tuple[sa.Select[Any], Any, Any, Any]:
    """A select of units with their parent and grandparent (for the province and district)."""
    table = AdministrativeUnit.__table__  # type: ignore[attr-defined]
    unit, parent, grand = table.alias("u"), table.alias("p"), table.alias("g")
    query = (
        sa.select(
            unit.c.id,
            unit.c.code,
            unit.c.name,
            unit.c.level,
            unit.c.division_type,
            unit.c.legacy,
            unit.c.parent_id,
            unit.c.valid_from,
            unit.c.valid_to,
            parent.c.code.label("p_code"),
            parent.c.name.label("p_name"),
            parent.c.level.label("p_level"),
            grand.c.code.label("g_code"),
            grand.c.name.label("g_name"),
        )
        .select_from(unit)
        .outerjoin(parent, parent.c.id == unit.c.parent_id)
        .outerjoin(grand, grand.c.id == parent.c.parent_id)
    )
    return query, unit, parent, grand


def _info(row: Any) -> UnitInfo:
    level = UnitLevel(row.level)
    district_name = None
    if level is UnitLevel.PROVINCE:
        province_code, province_name = row.code, row.name
    elif row.p_level is not None and UnitLevel(row.p_level) is UnitLevel.DISTRICT:
        district_name, province_code, province_name = row.p_name, row.g_code, row.g_name
    else:
        province_code, province_name = row.p_code, row.p_name
    return UnitInfo(
        id=row.id,
        code=row.code,
        name=row.name,
        level=level,
        division_type=row.division_type,
        legacy=bool(row.legacy),
        parent_id=row.parent_id,
        province_code=province_code,
        province_name=province_name,
        district_name=district_name,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
    )


def _natural_key(unit: UnitInfo) -> tuple[Any, ...]:
    """Order by folded short name, numbers by value ("Phường 2" before "Phường 10")."""
    parts = _DIGITS.split(fold(unit.short_name))
    return (tuple(int(p) if p.isdigit() else p for p in parts), unit.legacy, unit.code)


def _run(engine: Engine, query: sa.Select[Any]) -> list[UnitInfo]:
    try:
        with engine.connect() as conn:
            return [_info(row) for row in conn.execute(query)]
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise


def _keys_with_prefixes(key: str, prefixes: Sequence[str]) -> list[str]:
    if any(key.startswith(p + " ") for p in _UNIT_PREFIXES):
        return [key]
    return [key, *(f"{p} {key}" for p in prefixes)]


def _province_ids(engine: Engine, province: str | int) -> list[int]:
    """Ids of the provinces (current and former) named or coded *province*."""
    table = AdministrativeUnit.__table__  # type: ignore[attr-defined]
    text = clean_text(str(province))
    query = sa.select(table.c.id).where(table.c.level == UnitLevel.PROVINCE)
    if text.isdigit():
        query = query.where(table.c.code == text.zfill(2))
    else:
        query = query.where(table.c.name_key.in_(_keys_with_prefixes(fold(text), _PROVINCE_PREFIXES)))
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def get_unit(engine: Engine, unit_id: int) -> UnitInfo | None:
    """The unit with id *unit_id*, or ``None``."""
    query, unit, _parent, _grand = _unit_select()
    found = _run(engine, query.where(unit.c.id == unit_id))
    return found[0] if found else None


def find_commune(
    engine: Engine,
    name_or_code: str | int,
    *,
    province: str | int | None = None,
    include_legacy: bool = True,
    limit: int = 50,
) -> list[UnitInfo]:
    """Communes matching a code ("29929") or a name, best first.

    Names are compared folded (case, marks and đ do not matter) and with or without the division
    type: "tan ho co", "Xã Tân Hộ Cơ" and "TÂN HỘ CƠ" all find Xã Tân Hộ Cơ. Whole-name matches
    come first, current units before former ones; when no whole name matches, names containing
    the text are returned. *province* (a name or code, current or former) narrows the search.
    """
    text = clean_text(str(name_or_code))
    if not text:
        return []
    query, unit, parent, grand = _unit_select()
    query = query.where(unit.c.level == UnitLevel.COMMUNE)
    if not include_legacy:
        query = query.where(unit.c.legacy.is_(False))
    if province is not None:
        ids = _province_ids(engine, province)
        query = query.where(
            sa.or_(
                sa.and_(unit.c.legacy.is_(False), parent.c.id.in_(ids)),
                sa.and_(unit.c.legacy.is_(True), grand.c.id.in_(ids)),
            )
        )
    order = (unit.c.legacy, unit.c.name_key, unit.c.code)
    if text.isdigit():
        return _run(engine, query.where(unit.c.code == text.zfill(5)).order_by(*order).limit(limit))
    key = fold(text)
    found = _run(engine, query.where(unit.c.name_key.in_(_keys_with_prefixes(key, _COMMUNE_PREFIXES))).order_by(*order))
    if found:
        return found[:limit]
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return _run(engine, query.where(unit.c.name_key.like(f"%{escaped}%", escape="\\")).order_by(*order).limit(limit))


def _legacy_unit(engine: Engine, unit: UnitInfo | int | str) -> UnitInfo | None:
    if isinstance(unit, UnitInfo):
        return unit
    if isinstance(unit, int):
        return get_unit(engine, unit)
    query, table, _parent, _grand = _unit_select()
    code = clean_text(unit)
    query = query.where(table.c.legacy.is_(True), table.c.level != UnitLevel.PROVINCE)
    query = query.where(sa.or_(table.c.code == code.zfill(5), table.c.code == code.zfill(3)))
    found = sorted(_run(engine, query), key=lambda u: u.level is not UnitLevel.COMMUNE)
    return found[0] if found else None


def successor_of(engine: Engine, unit: UnitInfo | int | str, *, default_only: bool = False) -> list[Successor]:
    """The current units that replaced a pre-2025 commune (or island district), default first.

    *unit* is a :class:`UnitInfo`, a unit id, or the code of a former commune ("29926" is
    Thị trấn Sa Rài, whose successor is Xã Tân Hồng). A current unit has no successor: ``[]``.
    """
    old = _legacy_unit(engine, unit)
    if old is None:
        return []
    succession = UnitSuccession.__table__  # type: ignore[attr-defined]
    query, table, _parent, _grand = _unit_select()
    query = (
        query.add_columns(succession.c.is_default)
        .join(succession, succession.c.new_unit_id == table.c.id)
        .where(succession.c.old_unit_id == old.id)
        .order_by(succession.c.is_default.desc(), table.c.code)
    )
    if default_only:
        query = query.where(succession.c.is_default.is_(True))
    with engine.connect() as conn:
        return [Successor(_info(row), bool(row.is_default)) for row in conn.execute(query)]


def predecessors_of(engine: Engine, unit: UnitInfo | int | str, *, default_only: bool = False) -> list[UnitInfo]:
    """The pre-2025 communes merged into a current commune (*unit*: info, id or current code)."""
    if isinstance(unit, UnitInfo):
        new_id = unit.id
    elif isinstance(unit, int):
        new_id = unit
    else:
        found = find_commune(engine, unit, include_legacy=False)
        if not found:
            return []
        new_id = found[0].id
    succession = UnitSuccession.__table__  # type: ignore[attr-defined]
    query, table, _parent, _grand = _unit_select()
    query = query.join(succession, succession.c.old_unit_id == table.c.id).where(succession.c.new_unit_id == new_id)
    if default_only:
        query = query.where(succession.c.is_default.is_(True))
    return sorted(_run(engine, query), key=_natural_key)


def list_provinces(engine: Engine, *, legacy: bool = False) -> list[UnitInfo]:
    """The 34 current provinces (or the 63 former ones), by name."""
    query, table, _parent, _grand = _unit_select()
    query = query.where(table.c.level == UnitLevel.PROVINCE, table.c.legacy.is_(legacy))
    return sorted(_run(engine, query), key=_natural_key)


def list_districts(engine: Engine, province_code: str | int) -> list[UnitInfo]:
    """The districts of a former province (districts were abolished on 1 July 2025), by name."""
    query, table, parent, _grand = _unit_select()
    query = query.where(
        table.c.level == UnitLevel.DISTRICT,
        parent.c.code == str(province_code).zfill(2),
        parent.c.legacy.is_(True),
    )
    return sorted(_run(engine, query), key=_natural_key)


def list_communes(engine: Engine, province_code: str | int, *, legacy: bool = False) -> list[UnitInfo]:
    """The communes of a current province (or, with *legacy*, of a former one), by name."""
    query, table, parent, grand = _unit_select()
    code = str(province_code).zfill(2)
    query = query.where(table.c.level == UnitLevel.COMMUNE, table.c.legacy.is_(legacy))
    query = query.where(grand.c.code == code) if legacy else query.where(parent.c.code == code)
    return sorted(_run(engine, query), key=_natural_key)


def list_markets(engine: Engine) -> list[MarketInfo]:
    """Every market in display order."""
    table = Market.__table__  # type: ignore[attr-defined]
    query = sa.select(table).order_by(table.c.sort_order, table.c.code)
    try:
        with engine.connect() as conn:
            return [
                MarketInfo(r.code, r.name_vi, r.name_en, MarketRegion(r.region), r.deposit_cap, r.sort_order)
                for r in conn.execute(query)
            ]
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise
