"""Người dùng của lệnh — the user the command line logged in (``--user``), for the whole process.

Kept apart from :mod:`.database` (which loads SQLAlchemy and SQLModel): the command line sets
and forgets it around every command, the window's start included, and must not load the database
layer to do so.
"""

from __future__ import annotations

_actor: object | None = None


def set_process_actor(actor: object | None) -> None:
    """Bind every database this process opens from now on to *actor* (the CLI's ``--user``).

    The window does not use this: it binds the engine itself after its login screen.
    Start-up work (migration, reference data, the daily backup) runs before the binding, as the
    program itself (see :mod:`.access`).
    """
    global _actor
    _actor = actor


def process_actor() -> object | None:
    """The actor :func:`set_process_actor` set, or ``None``."""
    return _actor
