"""an index on live people's (name_key, date_of_birth, id_number) for the import's duplicate check

The importer looks for live people with the same folded name born the same year (and no CCCD, or
the same one). With only ``ix_person_name_key`` every person of a common name is read from the
table (a 10,000-row sheet on a 200,000-person database: about 150,000 table rows, seconds); with
this partial index the check is an index range seek per name and year.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 17:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            "ix_person_live_name_birth",
            ["name_key", "date_of_birth", "id_number"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_person_live_name_birth",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
