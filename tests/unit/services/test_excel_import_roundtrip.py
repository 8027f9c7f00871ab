"""Round trip: the lists a database exports, imported into an empty database, give the same records back.

Exported (services.excel_export, the ``du_lieu`` data sheet of each list): every person field the
lists carry — uuid, name, gender, birth date and its precision, CCCD/CMND, phone, hamlet, commune —
and every departure field of the departed list — uuid, person, market, programme, company,
occupation, employer, dates, contract term, legal or not, status abroad, notes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from xkld_desktop.domain.models import AdministrativeUnit, Departure, Person, PlacementCompany
from xkld_desktop.services.database import open_database
from xkld_desktop.services.demo import generate_demo
from xkld_desktop.services.excel_export import export_list
from xkld_desktop.services.excel_import.commit import commit_import
from xkld_desktop.services.excel_import.preview import MatchKind, preview_files
from xkld_desktop.store.backup import backup_sqlite

TODAY = date(2026, 11, 25)
PERSON_FIELDS = (
    "uuid",
    "full_name",
    "gender",
    "date_of_birth",
    "birth_precision",
    "id_number",
    "id_kind",
    "phone",
    "hamlet",
    "commune",
)
DEPARTURE_FIELDS = (
    "uuid",
    "person",
    "market_code",
    "programme",
    "company",
    "occupation",
    "employer",
    "departed_on",
    "contract_months",
    "expected_end_on",
    "is_legal",
    "status_abroad",
    "notes",
)


def _people(engine: Any) -> dict[str, dict[str, Any]]:
    person, unit = Person.__table__, AdministrativeUnit.__table__  # type: ignore[attr-defined]
    query = sa.select(person, unit.c.code.label("commune")).select_from(
        person.outerjoin(unit, unit.c.id == person.c.commune_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query.where(person.c.deleted_at.is_(None))).mappings()
        return {r["uuid"]: {k: r[k] for k in PERSON_FIELDS} for r in rows}


def _departures(engine: Any) -> dict[str, dict[str, Any]]:
    departure, person = Departure.__table__, Person.__table__  # type: ignore[attr-defined]
    company = PlacementCompany.__table__  # type: ignore[attr-defined]
    query = (
        sa.select(departure, person.c.uuid.label("person"), company.c.name.label("company"))
        .select_from(
            departure.join(person, person.c.id == departure.c.person_id).outerjoin(
                company, company.c.id == departure.c.company_id
            )
        )
        .where(departure.c.deleted_at.is_(None), person.c.deleted_at.is_(None))
    )
    with engine.connect() as conn:
        return {r["uuid"]: {k: r[k] for k in DEPARTURE_FIELDS} for r in conn.execute(query).mappings()}


@pytest.fixture
def source(tmp_path: Path, _seeded_template: Path) -> Any:
    path = backup_sqlite(_seeded_template, tmp_path / "source.db")
    db = open_database(f"sqlite:///{path.as_posix()}")
    generate_demo(db.engine, people=150, seed=3, today=TODAY)
    yield db
    db.close()


def _export_all(engine: Any, folder: Path) -> list[Path]:
    paths = []
    for name in ("departed", "returned", "review"):
        path = folder / f"{name}.xlsx"
        export_list(engine, list_name=name, date_from=date(1990, 1, 1), date_to=date(2030, 12, 31), path=path)
        paths.append(path)
    return paths


def test_export_then_import_into_an_empty_database_gives_the_same_records(
    source: Any, database: Any, tmp_path: Path
) -> None:
    paths = _export_all(source.engine, tmp_path)
    previews = preview_files(database.engine, paths, sheet="du_lieu", today=TODAY)
    assert [p.error for p in previews] == [None, None, None]
    errors = [p.text for preview in previews for row in preview.rows for p in row.problems if p.error]
    assert errors == []
    assert not [r for p in previews for r in p.rows if r.match is MatchKind.CONFLICT]

    result = commit_import(database.engine, previews, today=TODAY)
    assert result.errors == 0 and result.conflicts == 0

    exported_people = {r.values["uuid"] for p in previews for r in p.rows}
    original = {u: p for u, p in _people(source.engine).items() if u in exported_people}
    assert len(original) > 50
    assert _people(database.engine) == original  # field for field, uuid included
    original_departures = _departures(source.engine)
    assert len(original_departures) > 20
    assert _departures(database.engine) == original_departures
    assert result.imported == len(original) + result.departures - _first_departures(original_departures)

    # The same files again: nothing changes.
    again = commit_import(
        database.engine, preview_files(database.engine, paths, sheet="du_lieu", today=TODAY), today=TODAY
    )
    assert (again.imported, again.updated, again.departures, again.errors) == (0, 0, 0, 0)
    assert _people(database.engine) == original
    assert _departures(database.engine) == original_departures


def _first_departures(departures: dict[str, dict[str, Any]]) -> int:
    """Departures that came in with their person's new record (counted with the person, not apart)."""
    return len({d["person"] for d in departures.values()})
