"""an index on the second column of the two attendance tables, which foreign keys delete by

``outreach_attendance`` is keyed ``(session_id, person_id)`` and ``club_meeting_attendance``
``(meeting_id, household_id)``: deleting a person or a household made the database look through
every attendance row for that person or household (``ON DELETE CASCADE``), once per record.
Emptying a recycle bin holding an undone import's 8,694 people read the 105,000 outreach
attendances 8,694 times: 77 s on a province's database. With these indexes each is a seek.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 01:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = {
    "ix_outreach_attendance_person_id": ("outreach_attendance", ["person_id"]),
    "ix_club_meeting_attendance_household_id": ("club_meeting_attendance", ["household_id"]),
}


def upgrade() -> None:
    for name, (table, columns) in _INDEXES.items():
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, (table, _columns) in reversed(_INDEXES.items()):
        op.drop_index(name, table_name=table)
