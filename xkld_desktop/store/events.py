"""ORM hooks that keep derived columns right, whoever saves: folded search keys and timestamps.

Bulk inserts through SQLAlchemy Core bypass these hooks and must fill the same columns with
:func:`person_keys` and friends (the demo generator and the importer do).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from ..domain.models import (
    AdministrativeUnit,
    Household,
    Person,
    PlacementCompany,
    RecordMixin,
    utcnow,
)
from ..domain.text import clean_text, fold, name_sort_key


def person_keys(full_name: str) -> dict[str, str]:
    """The derived name columns of a person: NFC name, folded key, sort key."""
    name = clean_text(full_name)
    return {"full_name": name, "name_key": fold(name), "sort_key": name_sort_key(name)}


def _fill_person(_mapper: Any, _conn: Any, target: Person) -> None:
    for key, value in person_keys(target.full_name).items():
        setattr(target, key, value)


def _fill_household(_mapper: Any, _conn: Any, target: Household) -> None:
    target.head_name = clean_text(target.head_name)
    target.head_name_key = fold(target.head_name)


def _fill_company(_mapper: Any, _conn: Any, target: PlacementCompany) -> None:
    target.name = clean_text(target.name)
    target.name_key = fold(target.name)


def _fill_unit(_mapper: Any, _conn: Any, target: AdministrativeUnit) -> None:
    target.name_key = fold(target.name)


def _touch(_mapper: Any, _conn: Any, target: RecordMixin) -> None:
    target.updated_at = utcnow()


_installed = False


def install() -> None:
    """Register the hooks once (idempotent)."""
    global _installed
    if _installed:
        return
    for cls, fill in (
        (Person, _fill_person),
        (Household, _fill_household),
        (PlacementCompany, _fill_company),
        (AdministrativeUnit, _fill_unit),
    ):
        event.listen(cls, "before_insert", fill)
        event.listen(cls, "before_update", fill)
    event.listen(RecordMixin, "before_update", _touch, propagate=True)
    _installed = True


install()
