"""the audit log's folded search text, so that its search ignores marks and case like every other

The log's text search looked for the typed text in the raw JSON of each entry (``ILIKE``): "nguyen"
found nothing where "Nguyễn" found thousands, and ``ILIKE`` does not fold "Ễ" to "ễ" on SQLite.
``search_text`` holds the entry's values folded (``xkld_desktop.domain.text.search_text``), led by
the name of its record (a person's; a departure's, return's or loan's person; a visit's household
head…), so that "nguyen van an" also finds the change of his phone number: the search matches the
folded query against that one column. Existing entries are filled here, 500 at a time; the
chain does not hash the column, so ``audit verify`` is unchanged.

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

# the record's name, as the program reads it at this revision (services.audit.record_titles)
_OWN = "SELECT t.uuid, t.{col} FROM {table} t WHERE t.uuid IN :uuids"
_BY_PERSON = "SELECT t.uuid, p.full_name FROM {table} t JOIN person p ON p.id = t.person_id WHERE t.uuid IN :uuids"
_BY_DEPARTURE = (
    "SELECT t.uuid, p.full_name FROM {table} t JOIN departure d ON d.id = t.departure_id"
    " JOIN person p ON p.id = d.person_id WHERE t.uuid IN :uuids"
)
_BY_HOUSEHOLD = "SELECT t.uuid, h.head_name FROM {table} t JOIN household h ON h.id = t.household_id WHERE t.uuid IN :uuids"
_TITLES = {
    "person": _OWN.format(col="full_name", table="person"),
    "household": _OWN.format(col="head_name", table="household"),
    "household_member": _OWN.format(col="full_name", table="household_member"),
    "family_club": _OWN.format(col="name", table="family_club"),
    "placement_company": _OWN.format(col="name", table="placement_company"),
    "club_meeting": _OWN.format(col="topic", table="club_meeting"),
    "outreach_session": _OWN.format(col="topic", table="outreach_session"),
    "status_event": _BY_PERSON.format(table="status_event"),
    "yearly_review": _BY_PERSON.format(table="yearly_review"),
    "departure": _BY_PERSON.format(table="departure"),
    "loan": _BY_DEPARTURE.format(table="loan"),
    "departure_support": _BY_DEPARTURE.format(table="departure_support"),
    "worker_return": _BY_DEPARTURE.format(table="worker_return"),
    "return_follow_up": (
        "SELECT t.uuid, p.full_name FROM return_follow_up t JOIN worker_return r ON r.id = t.return_id"
        " JOIN departure d ON d.id = r.departure_id JOIN person p ON p.id = d.person_id WHERE t.uuid IN :uuids"
    ),
    "club_membership": _BY_HOUSEHOLD.format(table="club_membership"),
    "family_visit": _BY_HOUSEHOLD.format(table="family_visit"),
}


def _titles(conn: sa.Connection, rows: Sequence[sa.Row]) -> dict[tuple[str, str], str]:
    wanted: dict[str, list[str]] = {}
    for r in rows:
        if r.record_uuid and r.table_name in _TITLES:
            wanted.setdefault(r.table_name, []).append(r.record_uuid)
    found: dict[tuple[str, str], str] = {}
    for table, uuids in wanted.items():
        query = sa.text(_TITLES[table]).bindparams(sa.bindparam("uuids", expanding=True))
        for uuid, title in conn.execute(query, {"uuids": list(dict.fromkeys(uuids))}):
            if title:
                found[(table, uuid)] = title
    return found


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
        sa.column("table_name", sa.String()),
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
        rows = conn.execute(sa.select(audit).where(audit.c.id > last).order_by(audit.c.id).limit(500)).all()
        if not rows:
            break
        titles = _titles(conn, rows)
        conn.execute(
            update,
            [
                {
                    "entry": r.id,
                    "text": search_text(
                        titles.get((r.table_name, r.record_uuid)),
                        r.username,
                        r.record_uuid,
                        _field(r.before_json),
                        _field(r.after_json),
                        _body(r.detail),
                    ),
                }
                for r in rows
            ],
        )
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("search_text")
