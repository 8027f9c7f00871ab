"""Cái nhìn đầu tiên — a first look into a SQLite file, before the database layer is loaded.

Opening a database in the window loads SQLAlchemy, SQLModel and the models before the first query:
about a second on a slow office PC. A few plain counts need none of that: :func:`read_snapshot`
runs them with the standard library's ``sqlite3`` on a read-only connection while the database
layer loads on the database thread (:func:`xkld_desktop.services.overview.first_look_counts`).

Only a file already at this version's newest schema is read, and nothing is written (the
connection is read-only: no checkpoint, no recovery written back). A missing file, one to be
upgraded, or any SQLite error gives ``None``: the database's real opening then says what it finds.

:func:`head_revision_from_files` lives here, not in :mod:`.migrate` (which loads SQLAlchemy), so
that the first look stays free of it.
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from .urls import read_only_uri

log = logging.getLogger(__name__)

# Alembic (about 0.1 s of imports) loads only when a database needs migrating or a caller asks for
# the script directory: opening a database that is already at the newest revision — every start
# but the first after an update — reads the revision ids from the migration files' text instead.
_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)

#: how long the first look waits on a lock (a writer finishing a checkpoint) before giving up
LOOK_TIMEOUT_S = 0.5


@functools.cache  # the files shipped do not change while the program runs: read once (first look, then migrate)
def head_revision_from_files() -> str | None:
    """The newest revision, read from the text of the migration files without importing Alembic.

    ``None`` when the files do not say it plainly (several heads, a merge, an unusual line):
    the caller then asks Alembic. A test checks that this agrees with Alembic's head.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for entry in (files("xkld_desktop.db") / "versions").iterdir():
        if not entry.name.endswith(".py") or entry.name.startswith("__"):
            continue
        found = dict((key, value) for key, value in _REVISION_LINE.findall(entry.read_text(encoding="utf-8")))
        revision, parent = found.get("revision", ""), found.get("down_revision", "")
        if not re.fullmatch(r"[\"'][\w-]+[\"']", revision) or not re.fullmatch(r"None|[\"'][\w-]+[\"']", parent):
            return None
        revisions.add(revision.strip("\"'"))
        if parent != "None":
            parents.add(parent.strip("\"'"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def read_snapshot(path: Path, statements: Sequence[str]) -> list[list[tuple[Any, ...]]] | None:
    """The rows of each of *statements* (plain SQL, no parameters), all read in one transaction from
    the SQLite file at *path* — or ``None`` when the file is missing, is not stamped with this
    version's newest schema, or cannot be read (locked, damaged, not a database…)."""
    head = head_revision_from_files()
    if head is None or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=LOOK_TIMEOUT_S, isolation_level=None)
    except (sqlite3.Error, ValueError, OSError) as error:
        log.debug("First look at %s: %s", path, error)
        return None
    try:
        conn.execute("BEGIN")  # one snapshot: the counts agree with one another
        stamped = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if stamped != [(head,)]:
            return None
        return [conn.execute(statement).fetchall() for statement in statements]
    except sqlite3.Error as error:  # not stamped yet, damaged, locked, not a database
        log.debug("First look at %s: %s", path, error)
        return None
    finally:
        conn.close()
