"""Settings that travel with the data (stored in the database, not on the PC).

The unit the database belongs to — the commune (or province office) that keeps it — is chosen
at first start. Its code stamps every new record's ``unit_code`` and names the issuing unit
of reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from ..domain.enums import UnitLevel
from ..domain.models import AdministrativeUnit, AppSetting
from ..store.session import read_session, write_session

OWN_UNIT_KEY = "own_unit_id"
UNIT_DISPLAY_NAME_KEY = "unit_display_name"


@dataclass(frozen=True)
class OwnUnit:
    """The unit that keeps this database."""

    id: int
    code: str
    name: str
    level: UnitLevel
    province_name: str
    display_name: str

    @property
    def full_name(self) -> str:
        """ "Xã Tân Hộ Cơ, Tỉnh Đồng Tháp" — for headings and the status bar."""
        return f"{self.name}, {self.province_name}" if self.province_name else self.name


def get_setting(engine: Engine, key: str, default: str = "") -> str:
    with read_session(engine) as session:
        row = session.get(AppSetting, key)
        return row.value if row is not None else default


def set_setting(engine: Engine, key: str, value: str) -> None:
    with write_session(engine) as session:
        row = session.get(AppSetting, key)
        if row is None:
            session.add(AppSetting(key=key, value=value))
        else:
            row.value = value


def get_own_unit(engine: Engine) -> OwnUnit | None:
    """The unit chosen at first start, or ``None`` when none was chosen yet."""
    with read_session(engine) as session:
        setting = session.get(AppSetting, OWN_UNIT_KEY)
        if setting is None or not setting.value.isdigit():
            return None
        unit = session.get(AdministrativeUnit, int(setting.value))
        if unit is None:
            return None
        province = session.get(AdministrativeUnit, unit.parent_id) if unit.parent_id else None
        display = session.get(AppSetting, UNIT_DISPLAY_NAME_KEY)
        return OwnUnit(
            id=unit.id or 0,
            code=unit.code,
            name=unit.name,
            level=unit.level,
            province_name=province.name if province else "",
            display_name=(display.value if display and display.value else f"UBND {unit.name}"),
        )


def set_own_unit(engine: Engine, *, unit_id: int, display_name: str = "") -> OwnUnit:
    """Record which unit keeps this database; *display_name* is the issuing unit's heading."""
    from .access import Permission, require

    require(engine, Permission.SETTINGS_MANAGE)
    with write_session(engine) as session:
        unit = session.get(AdministrativeUnit, unit_id)
        if unit is None or unit.legacy:
            raise ValueError("Hãy chọn một đơn vị hành chính hiện hành (sau ngày 01/7/2025).")
        for key, value in ((OWN_UNIT_KEY, str(unit_id)), (UNIT_DISPLAY_NAME_KEY, display_name.strip())):
            row = session.get(AppSetting, key)
            if row is None:
                session.add(AppSetting(key=key, value=value))
            else:
                row.value = value
    own = get_own_unit(engine)
    assert own is not None
    return own


def own_unit_code(engine: Engine) -> str | None:
    """The code stamped on new records (``unit_code``)."""
    own = get_own_unit(engine)
    return own.code if own else None


def find_unit_id(engine: Engine, *, code: str, level: UnitLevel = UnitLevel.COMMUNE) -> int | None:
    """The id of the current (post-reform) unit with this official code."""
    with read_session(engine) as session:
        return session.scalar(
            select(AdministrativeUnit.id).where(
                AdministrativeUnit.code == code,
                AdministrativeUnit.level == level,
                AdministrativeUnit.legacy.is_(False),  # type: ignore[attr-defined]
            )
        )


#: Xã Tân Hộ Cơ of the former Tân Hồng district (Đồng Tháp): the demo data's first commune
DEMO_LEGACY_COMMUNE_CODE = "29929"


def adopt_demo_unit(engine: Engine) -> OwnUnit | None:
    """After loading the demo data: make its commune (as it is named today) the database's unit.

    Does nothing when a unit was already chosen; returns the unit adopted, if any.
    """
    from .access import Permission, require

    require(engine, Permission.SETTINGS_MANAGE)
    if get_own_unit(engine) is not None:
        return None
    from .reference import successor_of

    successors = successor_of(engine, DEMO_LEGACY_COMMUNE_CODE, default_only=True)
    if not successors:
        return None
    unit = successors[0].unit
    return set_own_unit(engine, unit_id=unit.id, display_name=f"UBND {unit.name[:1].lower()}{unit.name[1:]}")


#: minutes without input before the window locks and asks the password again (issue 6)
IDLE_LOCK_KEY = "idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 15
MAX_IDLE_LOCK_MINUTES = 24 * 60


def idle_lock_minutes(engine: Engine) -> int:
    """After how many idle minutes the session locks (setting ``idle_lock_minutes``, default 15)."""
    value = get_setting(engine, IDLE_LOCK_KEY, "")
    return int(value) if value.isdigit() and 0 < int(value) <= MAX_IDLE_LOCK_MINUTES else DEFAULT_IDLE_LOCK_MINUTES


def set_idle_lock_minutes(engine: Engine, *, minutes: int) -> None:
    """Set the idle minutes (1 to 1440); administrators only once accounts exist."""
    from .access import Permission, require
    from .errors import Refused

    require(engine, Permission.SETTINGS_MANAGE)
    if not 0 < minutes <= MAX_IDLE_LOCK_MINUTES:
        raise Refused(f"Thời gian chờ khóa phải từ 1 đến {MAX_IDLE_LOCK_MINUTES} phút.")
    set_setting(engine, IDLE_LOCK_KEY, str(minutes))
