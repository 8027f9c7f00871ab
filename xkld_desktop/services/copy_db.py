"""Chép cơ sở dữ liệu — copy every table and row of one database into another.

The way a commune's SQLite file moves into the office's PostgreSQL server
(``xkld-desktop --db sqlite:///xa.db copy-to postgresql+psycopg://…``), and the way a server
database is exported to a SQLite file (its logical backup). The other direction works too.

- The target must be empty. A target without tables is first created by the same Alembic
  migrations as any database; a target with tables must be at the source's schema revision.
- Every row keeps its id, so links between records, the history (audit log) and its hash chain
  stay as they are: :func:`~.audit.verify_chain` holds on the copy exactly when it held on the
  source. PostgreSQL's id sequences are moved past the copied ids.
- One transaction on the target: all or nothing. The source is read in one transaction too (a
  consistent snapshot while others keep working). At the end the rows of every table are counted
  on both sides; any difference and nothing is kept.
- Rows are copied with SQLAlchemy Core (no ORM events, so no new audit entries), in chunks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..domain import models as _models  # noqa: F401 - registers every table on the metadata
from ..domain.models import metadata
from ..domain.numbers import group_digits
from ..store.bulk import bulk_load, insert_many, no_cyclic_gc
from ..store.engine import WRITE_OPTION, create_engine
from ..store.errors import classify
from ..store.migrate import current_revision, head_revision, migrate
from .errors import ServiceError

#: rows read and written at a time
CHUNK = 5000

#: progress(table, rows copied of this table, rows of this table)
CopyProgress = Callable[[str, int, int], None]


class CopyRefused(ServiceError):
    """The copy cannot be made (target not empty, other schema revision…); nothing was written."""


class CopyFailed(ServiceError):
    """The copy failed half-way and was rolled back: the target is as it was."""


@dataclass(frozen=True)
class CopyResult:
    """What :func:`copy_database` copied: rows per table (checked on both sides), time taken."""

    source: str
    target: str
    revision: str
    counts: dict[str, int]
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def display_url(url: str | sa.URL) -> str:
    """A URL as the user may see it: the password hidden."""
    return sa.make_url(url).render_as_string(hide_password=True)


def tables() -> list[sa.Table]:
    """The program's tables, parents before children (the order rows are inserted in)."""
    return list(metadata.sorted_tables)


def table_counts(conn: Connection) -> dict[str, int]:
    """Rows per table of the program (tables missing from the database are left out)."""
    present = set(sa.inspect(conn).get_table_names())
    return {
        t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
        for t in tables()
        if t.name in present
    }


def _self_references(table: sa.Table) -> list[tuple[str, str]]:
    return [(fk.parent.name, fk.column.name) for fk in table.foreign_keys if fk.column.table is table]


def _parents_first(rows: list[dict[str, Any]], links: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """*rows* of a table that points at itself (a unit's parent), each after the rows it points at."""
    child_col, parent_col = links[0]
    parent_of = {row[parent_col]: row[child_col] for row in rows}
    depth: dict[Any, int] = {}

    def depth_of(key: Any) -> int:
        path: list[Any] = []
        while key in parent_of and key not in depth and key not in path:
            path.append(key)
            key = parent_of[key]
        level = depth.get(key, -1)
        for seen in reversed(path):
            level += 1
            depth[seen] = level
        return depth[path[0]] if path else level

    return sorted(rows, key=lambda row: depth_of(row[parent_col]))


def _chunks(conn: Connection, table: sa.Table) -> Iterator[Sequence[Sequence[Any]]]:
    """The rows of *table* in key order, a chunk at a time, as tuples in the order of its columns."""
    order = list(table.primary_key.columns) or list(table.columns)
    result = conn.execution_options(yield_per=CHUNK).execute(sa.select(table).order_by(*order))
    try:
        yield from result.partitions()
    finally:
        result.close()


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: the next id of every table comes after the copied ones."""
    for table in tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].autoincrement is False or not isinstance(pk[0].type, sa.Integer):
            continue
        sequence = conn.scalar(sa.select(sa.func.pg_get_serial_sequence(table.name, pk[0].name)))
        if sequence is None:
            continue
        highest = conn.scalar(sa.select(sa.func.max(pk[0])))
        conn.execute(sa.select(sa.func.setval(sequence, highest or 1, highest is not None)))


def _prepare_target(target: Engine, revision: str) -> None:
    found = current_revision(target)
    if found is None:
        with target.connect() as conn:
            existing = set(sa.inspect(conn).get_table_names()) & {t.name for t in tables()}
        if existing:
            raise CopyRefused(
                "Cơ sở dữ liệu đích đã có bảng nhưng không rõ phiên bản lược đồ: "
                "hãy dùng một cơ sở dữ liệu trống mới tạo."
            )
        migrate(target, target=revision, backup=False)
    elif found != revision:
        raise CopyRefused(
            f"Cơ sở dữ liệu đích ở phiên bản lược đồ {found}, còn nguồn ở {revision}. "
            "Hãy mở cả hai bằng cùng một phiên bản XKLĐ Desktop (hoặc dùng một cơ sở dữ liệu đích trống)."
        )


def _refuse_if_not_empty(counts: Mapping[str, int]) -> None:
    full = {name: n for name, n in counts.items() if n}
    if full:
        listed = ", ".join(f"{name} ({group_digits(n)} dòng)" for name, n in list(full.items())[:5])
        raise CopyRefused(
            f"Cơ sở dữ liệu đích đã có dữ liệu: {listed}. Chỉ chép được vào một cơ sở dữ liệu trống, "
            "để không trộn lẫn hay ghi đè hồ sơ đang có."
        )


def copy_database(
    source: Engine,
    target_url: str | sa.URL,
    *,
    progress: CopyProgress | None = None,
) -> CopyResult:
    """Copy everything of *source* into the empty database at *target_url* (see the module docstring).

    Raises :class:`CopyRefused` (nothing written), :class:`CopyFailed` (rolled back) or a
    :class:`~xkld_desktop.store.errors.DatabaseEnvironmentError` (server unreachable, password wrong…).
    """
    from .access import Permission, require

    require(source, Permission.BACKUP_RESTORE)
    started = time.perf_counter()
    source_url, target_display = source.url, display_url(target_url)
    if display_url(source_url) == target_display:
        raise CopyRefused("Nguồn và đích là cùng một cơ sở dữ liệu.")
    revision = current_revision(source)
    if revision is None:
        raise CopyRefused("Cơ sở dữ liệu nguồn chưa được khởi tạo: không có gì để chép.")
    if revision != head_revision():
        raise CopyRefused(
            f"Cơ sở dữ liệu nguồn ở phiên bản lược đồ {revision} (bản mới nhất là {head_revision()}): "
            "hãy mở nó bằng chương trình một lần để nâng cấp, rồi chép."
        )
    target = create_engine(target_url)
    try:
        try:
            _prepare_target(target, revision)
            with target.execution_options(**{WRITE_OPTION: True}).begin() as tconn:
                _refuse_if_not_empty(table_counts(tconn))
                counts = _copy_rows(source, tconn, progress)
        except ServiceError:
            raise
        except Exception as error:
            env = classify(error)
            if env is not None:
                raise env from error
            raise CopyFailed(
                f"Chép dữ liệu thất bại, cơ sở dữ liệu đích được giữ nguyên như trước. Chi tiết: {error}"
            ) from error
    finally:
        target.dispose()
    return CopyResult(
        source=display_url(source_url),
        target=target_display,
        revision=revision,
        counts=counts,
        seconds=time.perf_counter() - started,
    )


def _copy_rows(source: Engine, tconn: Connection, progress: CopyProgress | None) -> dict[str, int]:
    postgres_target = tconn.dialect.name == "postgresql"
    options: dict[str, Any] = {"isolation_level": "REPEATABLE READ"} if source.dialect.name == "postgresql" else {}
    with source.connect() as sconn, sconn.execution_options(**options).begin(), no_cyclic_gc():
        expected = table_counts(sconn)
        for table in tables():
            total = expected.get(table.name, 0)
            if progress is not None:
                progress(table.name, 0, total)
            if not total:
                continue
            links = _self_references(table)
            done = 0
            columns = [column.name for column in table.columns]
            if links:  # a unit's parent must be there before the unit
                rows = [dict(zip(columns, row, strict=True)) for chunk in _chunks(sconn, table) for row in chunk]
                ordered = [[row[name] for name in columns] for row in _parents_first(rows, links)]
                batches: Iterator[Sequence[Sequence[Any]]] = _split(ordered, CHUNK)
            else:
                batches = _chunks(sconn, table)
            with bulk_load(tconn, [table.name]):  # SQLite: the table's indexes built once, at the end
                for batch in batches:
                    insert_many(tconn, table, batch, columns, copy=True)
                    done += len(batch)
                    if progress is not None and done < total:
                        progress(table.name, done, total)
            if progress is not None:  # done once its indexes are built too
                progress(table.name, done, total)
        if postgres_target:
            _reset_sequences(tconn)
        copied = table_counts(tconn)
    wrong = {name: (n, copied.get(name, 0)) for name, n in expected.items() if copied.get(name, 0) != n}
    if wrong:
        detail = ", ".join(f"{name}: nguồn {a}, đích {b}" for name, (a, b) in wrong.items())
        raise CopyFailed(f"Số dòng sau khi chép không khớp ({detail}); không giữ lại gì ở cơ sở dữ liệu đích.")
    return copied


def _split(rows: list[list[Any]], size: int) -> Iterator[list[list[Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


@dataclass(frozen=True)
class ConnectionInfo:
    """What "Test connection" found: the server, the schema revision there, how many people."""

    url: str  # without the password
    server: str  # "PostgreSQL 15.10" or "SQLite 3.40.1"
    revision: str | None  # None: an empty database (the program creates the tables)
    people: int | None  # None when the tables are not there yet

    @property
    def summary(self) -> str:
        """One Vietnamese sentence for the user."""
        if self.revision is None:
            state = "cơ sở dữ liệu còn trống (chương trình sẽ tạo các bảng khi mở)"
        elif self.revision == head_revision():
            state = f"phiên bản lược đồ {self.revision}, {group_digits(self.people or 0)} người lao động"
        else:
            state = f"phiên bản lược đồ {self.revision} (sẽ được nâng cấp lên {head_revision()} khi mở)"
        return f"Kết nối được {self.server}: {state}."


def with_password(url: str | sa.URL, password: str | None) -> str:
    """*url* with *password* put in (when given): the password lives only in memory."""
    parsed = sa.make_url(url)
    if password:
        parsed = parsed.set(password=password)
    return parsed.render_as_string(hide_password=False)


def without_password(url: str | sa.URL) -> str:
    """*url* as text with its password left out (what Settings may keep)."""
    return sa.make_url(url)._replace(password=None).render_as_string(hide_password=False)  # set() keeps it


def has_password(url: str | sa.URL) -> bool:
    return bool(sa.make_url(url).password)


def check_connection(url: str | sa.URL) -> ConnectionInfo:
    """Connect to *url* and describe it (Settings' "Test connection"); nothing is written.

    Raises :class:`~xkld_desktop.store.errors.DatabaseEnvironmentError` (unreachable, login
    refused…) with its Vietnamese message, or :class:`CopyRefused` for a URL that is not one.
    """
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as error:
        raise CopyRefused(f"Địa chỉ cơ sở dữ liệu không hợp lệ: {url}") from error
    engine = create_engine(parsed)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                version = str(conn.exec_driver_sql("SHOW server_version").scalar()).split()[0]
                server = f"PostgreSQL {version}"
            else:
                server = f"{conn.dialect.name} {'.'.join(map(str, conn.dialect.server_version_info or ()))}"
        revision = current_revision(engine)
        people = None
        if revision is not None:
            with engine.connect() as conn:
                people = table_counts(conn).get("person")
    except Exception as error:
        env = classify(error)
        if env is not None:
            raise env from error
        raise
    finally:
        engine.dispose()
    return ConnectionInfo(display_url(parsed), server, revision, people)
