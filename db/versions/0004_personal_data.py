"""personal data: the legal basis for keeping each person's data (Law 91/2025/QH15)

Adds ``person.legal_basis`` / ``legal_basis_date`` / ``legal_basis_note``. Existing records that
already hold a consent date (``consent_on``) get the basis "consent" dated that day; the others
stay NULL, shown as "chưa ghi" (not recorded): the program does not invent a basis nobody
recorded — the officer fills it in when the record is next opened.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 17:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "legal_basis",
                sa.Enum(
                    "consent", "legal_obligation", "public_interest", name="legalbasis", native_enum=False, length=32
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("legal_basis_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("legal_basis_note", sa.String(length=200), nullable=False, server_default=""))
    person = sa.table(
        "person",
        sa.column("consent_on", sa.Date()),
        sa.column("legal_basis", sa.String()),
        sa.column("legal_basis_date", sa.Date()),
    )
    op.execute(
        person.update()
        .where(person.c.consent_on.is_not(None))
        .values(legal_basis="consent", legal_basis_date=person.c.consent_on)
    )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("legal_basis_note")
        batch_op.drop_column("legal_basis_date")
        batch_op.drop_column("legal_basis")
