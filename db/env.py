"""Alembic environment of XKLĐ Desktop.

The program runs migrations itself (``xkld_desktop.store.migrate``), passing an open connection
in ``config.attributes["connection"]``; the ``alembic`` command line works too, with
``-x url=...`` or the ``XKLD_DB_URL`` environment variable.
"""

from __future__ import annotations

import os

from alembic import context

from xkld_desktop.domain import models  # noqa: F401 - registers every table on the metadata
from xkld_desktop.domain.models import metadata

config = context.config


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters tables by copying them; PostgreSQL's ALTER TABLE needs no batch (the
        # migrations' batch_alter_table blocks emit plain ALTERs there)
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        compare_server_default=True,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from xkld_desktop.store.engine import create_engine

    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get("XKLD_DB_URL")
    if not url:
        raise SystemExit("Give the database: alembic -x url=sqlite:///path.db ... (or set XKLD_DB_URL)")
    engine = create_engine(url)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run them against a database.")
run_migrations_online()
