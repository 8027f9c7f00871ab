"""the creation event ("Tạo hồ sơ") of every person who has none: the people imported from sheets

A person typed in through the form gets a status event on creation, holding the status they
started in; the Excel import wrote the status (from the sheet's status or departure columns) on the
person alone. The status is recomputed from the events when a record is deleted or corrected
(``services.lifecycle.status_of``), so an imported worker abroad whose recorded return was deleted
fell back to "candidate" instead of "working abroad". Here every person without any status event gets
the creation event the import now writes: their present status, dated ``status_since`` (the
departure's day for a departure from a sheet) or else the day the record was made. The audit log is
not written: the event repeats what the person's record already says.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 15:10:00
"""

from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

from xkld_desktop.domain.models import Person, StatusEvent, new_uuid, utcnow

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATED_NOTE = "Tạo hồ sơ"  # services.person_records.CREATED_NOTE at this revision
_CHUNK = 5000


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()  # SQLite hands back text


def upgrade() -> None:
    conn = op.get_bind()
    # the models' tables (unchanged since 0001 in what is read and written here): their column types
    # store dates and aware times as the program reads them, on SQLite and PostgreSQL alike
    person = Person.__table__  # type: ignore[attr-defined]
    event = StatusEvent.__table__  # type: ignore[attr-defined]
    without = (
        sa.select(person.c.id, person.c.status, person.c.status_since, person.c.created_at, person.c.unit_code)
        .where(~sa.exists().where(event.c.person_id == person.c.id))
        .order_by(person.c.id)
    )
    now = utcnow()
    last = 0
    while True:
        rows = conn.execute(without.where(person.c.id > last).limit(_CHUNK)).all()
        if not rows:
            break
        conn.execute(
            event.insert(),
            [
                {
                    "uuid": new_uuid(),
                    "person_id": r.id,
                    "status": r.status,
                    "happened_on": _day(r.status_since) if r.status_since is not None else _day(r.created_at),
                    "note": CREATED_NOTE,
                    "unit_code": r.unit_code,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for r in rows
            ],
        )
        last = rows[-1].id


def downgrade() -> None:
    """Nothing to undo: the events say what the people's records say."""
