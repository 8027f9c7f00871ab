"""Chỉ tiêu — departures targeted per unit per year, and how far each is achieved.

Which units take a target: the communes of the own unit's province as they are today, plus the
communes abolished by the 1 July 2025 reform that still hold records (people registered there),
so that 2020–2025 plans stay comparable. A target is a positive whole number of workers; setting
none (``None``) removes it (a soft delete: the row keeps its history and comes back when set
again).

What counts as achieved (the plans' "335/250 lao động, đạt 134 %"): *legal* departures with
their departure date in the year and not after today, of people registered in the unit — for a
current commune, also in the former communes whose records are counted under it
(``unit_succession.is_default``). Illegal departures are reported apart, never against a target.

The whole database's target for a year (:func:`total_target`) is the sum over communes; a
former commune's target is left out when the commune its records are counted under has a target
of its own that year, so a plan is never counted twice. Targets of districts or provinces (the
level above) are theirs, not summed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from ..domain.enums import UnitLevel
from ..domain.models import AdministrativeUnit, Departure, Person, Target, UnitSuccession, utcnow
from ..domain.numbers import group_digits
from ..domain.text import fold
from ..domain.validation import Issue, Severity
from ..store.facets import keys_in_use
from ..store.session import read_session, write_session
from .departure_lists import DepartureFilter, DepartureStage, departure_conditions
from .errors import NotFound, Refused, ValidationFailed
from .settings import get_own_unit, own_unit_code

__all__ = [
    "MAX_TARGET",
    "TargetRow",
    "TargetUnit",
    "achieved_filter",
    "achievement_text",
    "get_target",
    "list_targets",
    "percent_achieved",
    "set_target",
    "set_targets",
    "target_units",
    "total_target",
    "totals_of",
    "units_of",
]

#: no commune plans more departures than this in a year (a typing slip otherwise)
MAX_TARGET = 100_000
FIRST_YEAR = 2000
STALE_MESSAGE = "Hồ sơ vừa được người khác sửa. Hãy mở lại để xem bản mới rồi sửa tiếp."


@dataclass(frozen=True)
class TargetUnit:
    """A unit that can take a target."""

    id: int
    name: str
    legacy: bool
    has_records: bool


@dataclass(frozen=True)
class TargetRow:
    """A unit's target for a year and what has been achieved (``target`` ``None``: none set)."""

    unit_id: int
    unit_name: str
    legacy: bool
    has_records: bool
    year: int
    target: int | None
    achieved: int
    #: for a former commune: the commune its records are counted under (``achieved`` there includes them)
    counted_under: int | None = None

    @property
    def percent(self) -> int | None:
        return percent_achieved(self.achieved, self.target)


def percent_achieved(done: int, target: int | None) -> int | None:
    """*done* as a whole percentage of *target*, rounded half up (``None`` without a target)."""
    if not target or target <= 0:
        return None
    return (done * 200 + target) // (2 * target)


def achievement_text(done: int, target: int | None) -> str:
    """As the plans write it: "335/250 lao động, đạt 134 %" (or "335 lao động" without target)."""
    percent = percent_achieved(done, target)
    if percent is None:
        return f"{group_digits(done)} lao động"
    return f"{group_digits(done)}/{group_digits(target or 0)} lao động, đạt {percent} %"


def achieved_filter(commune_ids: tuple[int, ...], year: int) -> DepartureFilter:
    """The departures counted against a target: legal, departed in *year* (see the module doc)."""
    return DepartureFilter(year=year, is_legal=True, stage=DepartureStage.DEPARTED, commune_ids=commune_ids)


# --------------------------------------------------------------------------- units


def _units_with_records(conn: Connection) -> set[int]:
    live = col(Person.deleted_at).is_(None)
    return {int(i) for i in keys_in_use(conn, col(AdministrativeUnit.id), col(Person.commune_id), live)}


def target_units(engine: Engine) -> list[TargetUnit]:
    """The units that can take a target: current communes of the own unit's province, and
    communes (current or former) holding records. Ordered: units with records first, by name."""
    own = get_own_unit(engine)
    unit = AdministrativeUnit
    with read_session(engine) as session:
        conn = session.connection()
        with_records = _units_with_records(conn)
        ids = set(with_records)
        if own is not None:
            own_row = session.get(unit, own.id)
            if own_row is not None and own_row.level is UnitLevel.COMMUNE and own_row.parent_id is not None:
                ids.update(
                    conn.scalars(
                        select(col(unit.id)).where(
                            col(unit.parent_id) == own_row.parent_id,
                            col(unit.level) == UnitLevel.COMMUNE,
                            col(unit.legacy).is_(False),
                        )
                    )
                )
            ids.add(own.id)
        # Communes that have a target already stay choosable (their records may have moved).
        ids.update(conn.scalars(select(col(Target.unit_id)).where(col(Target.deleted_at).is_(None)).distinct()))
        rows = conn.execute(
            select(col(unit.id), col(unit.name), col(unit.legacy), col(unit.level)).where(col(unit.id).in_(ids))
        ).all()
    units = [
        TargetUnit(id=r[0], name=r[1], legacy=bool(r[2]), has_records=r[0] in with_records)
        for r in rows
        if r[0] is not None and UnitLevel(r[3]) is UnitLevel.COMMUNE
    ]
    return sorted(units, key=lambda u: (not u.has_records, u.legacy, fold(u.name), u.id))


def _default_predecessors(conn: Connection, unit_ids: set[int]) -> dict[int, set[int]]:
    """For each current unit in *unit_ids*, the former communes counted under it."""
    found: dict[int, set[int]] = defaultdict(set)
    if unit_ids:
        rows = conn.execute(
            select(col(UnitSuccession.new_unit_id), col(UnitSuccession.old_unit_id)).where(
                col(UnitSuccession.new_unit_id).in_(unit_ids), col(UnitSuccession.is_default).is_(True)
            )
        )
        for new_id, old_id in rows:
            found[int(new_id)].add(int(old_id))
    return found


def units_of(engine: Engine, unit_id: int) -> tuple[int, ...]:
    """The unit itself and the former communes whose records are counted under it."""
    with read_session(engine) as session:
        olds = _default_predecessors(session.connection(), {unit_id}).get(unit_id, set())
    return (unit_id, *sorted(olds))


def _default_successor(conn: Connection) -> dict[int, int]:
    rows = conn.execute(
        select(col(UnitSuccession.old_unit_id), col(UnitSuccession.new_unit_id)).where(
            col(UnitSuccession.is_default).is_(True)
        )
    )
    return {int(old): int(new) for old, new in rows}


def _targets_of_year(conn: Connection, year: int) -> dict[int, int]:
    rows = conn.execute(
        select(col(Target.unit_id), col(Target.departures))
        .join(AdministrativeUnit, col(AdministrativeUnit.id) == col(Target.unit_id))
        .where(
            col(Target.year) == year,
            col(Target.deleted_at).is_(None),
            col(AdministrativeUnit.level) == UnitLevel.COMMUNE,
        )
    )
    return {int(u): int(n) for u, n in rows}


def total_target(engine: Engine, *, year: int, unit_id: int | None = None) -> int | None:
    """The target for *year*: of one unit (its own, else the sum of its former communes'), or of
    the whole database (summed over communes, see the module doc). ``None`` when none is set."""
    with read_session(engine) as session:
        conn = session.connection()
        targets = _targets_of_year(conn, year)
        if unit_id is not None:
            if unit_id in targets:
                return targets[unit_id]
            olds = _default_predecessors(conn, {unit_id}).get(unit_id, set())
            found = [targets[o] for o in olds if o in targets]
            return sum(found) if found else None
        successor = _default_successor(conn)
    counted = [n for u, n in targets.items() if successor.get(u) not in targets]
    return sum(counted) if counted else None


def totals_of(rows: Iterable[TargetRow], targets: Mapping[int, int | None] | None = None) -> tuple[int, int]:
    """Departed and targeted over the *rows* that have a target (*targets*: unsaved changes by unit
    id, ``None`` removing one), counted as :func:`total_target` counts: a former commune whose
    successor has a target is left out, its plan and its departures being the successor's."""
    rows = list(rows)
    changes = targets or {}
    chosen = {r.unit_id: changes.get(r.unit_id, r.target) for r in rows}
    counted = [
        (r.achieved, target)
        for r in rows
        if (target := chosen[r.unit_id]) is not None
        and (r.counted_under is None or chosen.get(r.counted_under) is None)
    ]
    return sum(a for a, _t in counted), sum(t for _a, t in counted)


def _achieved_by_commune(conn: Connection, year: int, today: date | None) -> dict[int, int]:
    flt = achieved_filter((), year)
    rows = conn.execute(
        select(col(Person.commune_id), func.count())
        .select_from(Departure)
        .join(Person, col(Person.id) == col(Departure.person_id))
        .where(*departure_conditions(conn, flt, today=today))
        .group_by(col(Person.commune_id))
    )
    return {int(c): int(n) for c, n in rows if c is not None}


def list_targets(engine: Engine, *, year: int, today: date | None = None) -> list[TargetRow]:
    """Every unit that can take a target (:func:`target_units`) with its target and achievement."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_READ)
    units = target_units(engine)
    with read_session(engine) as session:
        conn = session.connection()
        targets = _targets_of_year(conn, year)
        by_commune = _achieved_by_commune(conn, year, today)
        olds = _default_predecessors(conn, {u.id for u in units if not u.legacy})
        successor = _default_successor(conn)
    rows = []
    for u in units:
        achieved = by_commune.get(u.id, 0) + sum(by_commune.get(o, 0) for o in olds.get(u.id, ()))
        rows.append(
            TargetRow(u.id, u.name, u.legacy, u.has_records, year, targets.get(u.id), achieved, successor.get(u.id))
        )
    return rows


def get_target(engine: Engine, *, unit_id: int, year: int) -> int | None:
    """The target set for this unit and year, or ``None``."""
    from .access import Permission, require

    require(engine, Permission.RECORDS_READ)
    with read_session(engine) as session:
        row = _target_row(session, unit_id, year)
        return row.departures if row is not None and row.deleted_at is None else None


def _target_row(session: Session, unit_id: int, year: int) -> Target | None:
    return session.execute(
        select(Target).where(col(Target.unit_id) == unit_id, col(Target.year) == year)
    ).scalar_one_or_none()


def _check(year: int, departures: int | None, today: date) -> list[Issue]:
    issues = []
    if not FIRST_YEAR <= year <= today.year + 5:
        issues.append(Issue("year", f"Năm phải từ {FIRST_YEAR} đến {today.year + 5}", Severity.ERROR))
    if departures is not None and not 1 <= departures <= MAX_TARGET:
        issues.append(
            Issue("departures", f"Chỉ tiêu phải là số nguyên dương, tối đa {group_digits(MAX_TARGET)}", Severity.ERROR)
        )
    return issues


def set_targets(engine: Engine, *, year: int, targets: Mapping[int, int | None], today: date | None = None) -> int:
    """Set the targets of several units for *year* in one transaction (``None`` removes one).

    Returns how many targets changed. Raises :class:`ValidationFailed` (year or a number out of
    range), :class:`NotFound` (a unit that cannot take a target) or :class:`Refused` (changed by
    someone else meanwhile).
    """
    from .access import Permission, require

    require(engine, Permission.SETTINGS_MANAGE)
    today = today or date.today()
    issues = [i for n in targets.values() for i in _check(year, n, today)] or _check(year, None, today)
    if issues:
        raise ValidationFailed(list(dict.fromkeys(issues)))
    allowed = {u.id for u in target_units(engine)}
    unknown = [u for u in targets if u not in allowed]
    if unknown:
        raise NotFound("Đơn vị không nhận chỉ tiêu (không phải xã/phường của tỉnh, hoặc không có hồ sơ).")
    unit_code = own_unit_code(engine)
    changed = 0
    try:
        with write_session(engine) as session:
            for unit_id, departures in targets.items():
                row = _target_row(session, unit_id, year)
                if departures is None:
                    if row is not None and row.deleted_at is None:
                        row.deleted_at = utcnow()
                        changed += 1
                elif row is None:
                    session.add(Target(unit_id=unit_id, year=year, departures=departures, unit_code=unit_code))
                    changed += 1
                elif row.deleted_at is not None or row.departures != departures:
                    row.deleted_at = None
                    row.departures = departures
                    changed += 1
    except StaleDataError as error:
        raise Refused(STALE_MESSAGE) from error
    return changed


def set_target(engine: Engine, *, unit_id: int, year: int, departures: int | None, today: date | None = None) -> None:
    """Set (or with ``None`` remove) one unit's target for *year*."""
    from .access import Permission, require

    require(engine, Permission.SETTINGS_MANAGE)
    set_targets(engine, year=year, targets={unit_id: departures}, today=today)
