"""Sessions as units of work: one transaction per user action.

``read_session(engine)`` for queries; ``write_session(engine)`` for changes — it begins with
``BEGIN IMMEDIATE`` on SQLite, commits when the block ends without error and rolls back
otherwise. Only when the ``with`` block has returned has COMMIT returned, so a caller reports
"saved" after the block, never inside it. Environment failures (locked, read-only, disk full,
damaged file) come out as :class:`~xkld_desktop.store.errors.DatabaseEnvironmentError` with a
Vietnamese message; anything else propagates as the bug it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlmodel import Session

from . import events as _events  # noqa: F401 - registers the ORM hooks
from . import search as _search  # noqa: F401 - registers the search-index hooks
from .engine import WRITE_OPTION
from .errors import classify


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading; nothing it does is committed."""
    try:
        with Session(engine, expire_on_commit=False) as session:
            yield session
            session.rollback()
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed as one transaction when the block ends."""
    bind = engine.execution_options(**{WRITE_OPTION: True})
    try:
        with Session(bind, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise
