"""Tổng quan — the figures on the overview page: people by status and the main totals.

Read-only queries, one read transaction each. Soft-deleted records (``deleted_at`` set) are not
counted. No Qt.

The counts are plain SQL (:func:`overview_sql`), the same text on both paths that read them:
:func:`overview_counts` through the database layer, and :func:`first_look_counts` with nothing but
the standard library's ``sqlite3`` — the window shows the figures from it while SQLAlchemy and the
models load (about a second on a slow PC). This module loads neither before it is asked to count
through the database layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain.enums import PersonStatus

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class OverviewCounts:
    """What the overview shows.

    ``people_by_status`` has every :class:`PersonStatus` in declaration order, zeros included;
    ``departures_by_year`` maps the year of departure to the number of departures, oldest first.
    """

    people_by_status: dict[PersonStatus, int] = field(default_factory=dict)
    households: int = 0
    departures: int = 0
    returns: int = 0
    departures_by_year: dict[int, int] = field(default_factory=dict)

    @property
    def people(self) -> int:
        return sum(self.people_by_status.values())


_STATUS_SQL = "SELECT status, count(*) FROM person WHERE deleted_at IS NULL GROUP BY status"


def overview_sql(dialect: str) -> tuple[str, str, str, str]:
    """The overview's four queries on a database of *dialect* (``"sqlite"`` or ``"postgresql"``):
    people by status; live households; live returns of live departures; live departures by year."""
    if dialect == "sqlite":  # dates are ISO text
        year = "CAST(strftime('%Y', departed_on) AS INTEGER)"
    else:
        year = "CAST(EXTRACT(YEAR FROM departed_on) AS INTEGER)"
    return (
        _STATUS_SQL,
        "SELECT count(*) FROM household WHERE deleted_at IS NULL",
        "SELECT count(*) FROM worker_return JOIN departure ON departure.id = worker_return.departure_id"
        " WHERE worker_return.deleted_at IS NULL AND departure.deleted_at IS NULL",
        # every live departure is in one year's group (or the NULL one): the total is their sum, one
        # scan of the departures fewer (a province's 60,000: tens of ms)
        f"SELECT {year}, count(*) FROM departure WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1",
    )


def status_counts(engine: Engine) -> dict[PersonStatus, int]:
    """Number of people in each lifecycle status (every status, zeros included)."""
    return _by_status(_read(engine, (_STATUS_SQL,))[0])


def overview_counts(engine: Engine) -> OverviewCounts:
    """All the overview's figures, read in one transaction."""
    return _counts(_read(engine, overview_sql(engine.dialect.name)))


def first_look_counts(url: str) -> OverviewCounts | None:
    """The overview's figures read from the SQLite file of *url* without the database layer
    (:mod:`xkld_desktop.store.first_look`), or ``None``: another kind of database, a file missing,
    to be upgraded or unreadable, or one with user accounts — whose figures wait for a login."""
    from ..store.first_look import read_snapshot
    from ..store.urls import sqlite_file

    path = sqlite_file(url)
    if path is None:
        return None
    found = read_snapshot(path, ("SELECT id FROM user_account LIMIT 1", *overview_sql("sqlite")))
    if found is None or found[0]:  # unreadable, or login is on
        return None
    try:
        return _counts(found[1:])
    except ValueError:  # a status this version does not know: the real opening reads it
        return None


def _read(engine: Engine, statements: Sequence[str]) -> list[list[Any]]:
    from ..store.session import read_session
    from .access import Permission, require

    require(engine, Permission.RECORDS_READ)
    with read_session(engine) as session:
        conn = session.connection()
        return [list(conn.exec_driver_sql(statement).all()) for statement in statements]


def _by_status(rows: Sequence[Any]) -> dict[PersonStatus, int]:
    found = {PersonStatus(status): int(n) for status, n in rows}
    return {status: found.get(status, 0) for status in PersonStatus}


def _counts(found: Sequence[Sequence[Any]]) -> OverviewCounts:
    by_status, households, returns, years = found
    return OverviewCounts(
        people_by_status=_by_status(by_status),
        households=int(households[0][0]),
        departures=sum(int(n) for _y, n in years),
        returns=int(returns[0][0]),
        departures_by_year={int(y): int(n) for y, n in years if y is not None},
    )
