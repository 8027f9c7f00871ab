"""fewer indexes to write for each person: no full index beside its partial twin

Each index costs every insert a page write where its key lands, and a name, a CCCD or a UUID lands
at a random place: importing 10,000 people into a 200,000-person database dirtied tens of
thousands of pages. Bare sqlite3 inserting the 8,694 people of the benchmark's import into a copy
of its database took 0.78 s with these indexes, 0.46 s without them.

The full indexes of ``person`` on ``(status, commune_id)``, ``sort_key``, ``name_key`` and
``phone`` are dropped. Lists, counts, searches and the duplicate checks only look at live people,
and the partial indexes (``WHERE deleted_at IS NULL``, migrations 0002 and 0005) answer them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 00:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PERSON_INDEXES = {
    "ix_person_status_commune": ["status", "commune_id"],
    "ix_person_sort_key": ["sort_key"],
    "ix_person_name_key": ["name_key"],
    "ix_person_phone": ["phone"],
}


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        for name in _PERSON_INDEXES:
            batch_op.drop_index(name)


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        for name, columns in reversed(_PERSON_INDEXES.items()):
            batch_op.create_index(name, columns, unique=False)
