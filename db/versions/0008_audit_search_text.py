"""the audit log's folded search text, so that its search ignores marks and case like every other

The log's text search looked for the typed text in the raw JSON of each entry (``ILIKE``): "nguyen"
found nothing where "Nguyễn" found thousands, and ``ILIKE`` does not fold "Ễ" to "ễ" on SQLite.
``search_text`` holds the entry's values folded (``xkld_desktop.domain.text.search_text``): the
search matches the folded query against that one column. Existing entries are filled here, a
thousand at a time; the chain does not hash the column, so ``audit verify`` is unchanged.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 03:40:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from xkld_desktop.domain.text import search_text

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REDACTED_PREFIX = '{"_redacted_sha256"'


def _body(detail: str | None) -> object:
    """The detail without its chain (the chain's hashes are nothing to search for)."""
    if detail and detail.startswith("{"):
        try:
            data = json.loads(detail)
        except ValueError:
            return detail
        if isinstance(data, dict):
            data.pop("chain", None)
            return data
    return detail


def _field(text: str | None) -> str | None:
    return None if text is not None and text.startswith(_REDACTED_PREFIX) else text


def upgrade() -> None:
    op.add_column(
        "audit_event",
        sa.Column("search_text", sa.String(), nullable=False, server_default=""),
    )
    audit = sa.table(
        "audit_event",
        sa.column("id", sa.Integer()),
        sa.column("username", sa.String()),
        sa.column("record_uuid", sa.String()),
        sa.column("before_json", sa.String()),
        sa.column("after_json", sa.String()),
        sa.column("detail", sa.String()),
        sa.column("search_text", sa.String()),
    )
    conn = op.get_bind()
    update = audit.update().where(audit.c.id == sa.bindparam("entry")).values(search_text=sa.bindparam("text"))
    last = 0
    while True:
        rows = conn.execute(sa.select(audit).where(audit.c.id > last).order_by(audit.c.id).limit(1000)).all()
        if not rows:
            break
        conn.execute(
            update,
            [
                {
                    "entry": r.id,
                    "text": search_text(
                        r.username, r.record_uuid, _field(r.before_json), _field(r.after_json), _body(r.detail)
                    ),
                }
                for r in rows
            ],
        )
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("search_text")
