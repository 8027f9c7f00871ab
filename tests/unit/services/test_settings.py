"""The unit that keeps the database: chosen once, kept in the database, stamped on records."""

from __future__ import annotations

import pytest

from xkld_desktop.domain.enums import UnitLevel
from xkld_desktop.services.demo import generate_demo
from xkld_desktop.services.settings import (
    adopt_demo_unit,
    find_unit_id,
    get_own_unit,
    get_setting,
    own_unit_code,
    set_own_unit,
    set_setting,
)


def test_no_unit_until_one_is_chosen(database) -> None:
    assert get_own_unit(database.engine) is None
    assert own_unit_code(database.engine) is None


def test_choosing_a_current_commune(database) -> None:
    unit_id = find_unit_id(database.engine, code="29929")
    assert unit_id is not None
    own = set_own_unit(database.engine, unit_id=unit_id, display_name="  UBND xã Tân Hộ Cơ ")
    assert (own.name, own.province_name, own.display_name) == ("Xã Tân Hộ Cơ", "Tỉnh Đồng Tháp", "UBND xã Tân Hộ Cơ")
    assert own.full_name == "Xã Tân Hộ Cơ, Tỉnh Đồng Tháp"
    assert own_unit_code(database.engine) == "29929"


def test_a_unit_abolished_by_the_reform_is_refused(database) -> None:
    from sqlalchemy import select

    from xkld_desktop.domain.models import AdministrativeUnit
    from xkld_desktop.store.session import read_session

    with read_session(database.engine) as session:
        legacy_id = session.scalar(
            select(AdministrativeUnit.id).where(
                AdministrativeUnit.legacy.is_(True), AdministrativeUnit.level == UnitLevel.COMMUNE
            )
        )
    with pytest.raises(ValueError, match="hiện hành"):
        set_own_unit(database.engine, unit_id=legacy_id)
    assert get_own_unit(database.engine) is None


def test_demo_adopts_its_commune_only_when_none_was_chosen(database) -> None:
    generate_demo(database.engine, people=20, seed=2)
    adopted = adopt_demo_unit(database.engine)
    assert adopted is not None and adopted.name == "Xã Tân Hộ Cơ" and adopted.display_name == "UBND xã Tân Hộ Cơ"
    assert adopt_demo_unit(database.engine) is None


def test_plain_settings_round_trip(database) -> None:
    assert get_setting(database.engine, "x", "mặc định") == "mặc định"
    set_setting(database.engine, "x", "giá trị")
    set_setting(database.engine, "x", "giá trị mới")
    assert get_setting(database.engine, "x") == "giá trị mới"
