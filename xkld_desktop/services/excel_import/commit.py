"""Ghi dữ liệu nhập — write the accepted rows in one transaction, all or nothing; undo an import.

:func:`commit_import` keeps the preview's matches when no record has changed since (the audit
log's head is the one the preview saw, and the previews are the group matched together);
otherwise it matches the rows again inside its write transaction (someone saved meanwhile). Then:

* a new row → a new person (and a departure when the row has a market and a departure date),
  inserted through SQLAlchemy Core (the search index and name keys filled here, as the store
  asks of bulk writers);
* a UUID or CCCD match → updated (only the fields the file fills and that differ, with
  optimistic locking) or skipped, as the caller chooses (``on_duplicate``); a record deleted
  earlier is restored;
* a candidate (same name and birth year) → skipped unless the caller decides to import it as a
  new person (``decisions``); never merged automatically;
* a conflict (the same CCCD from two files, with different data or from two communes) → the
  earlier file's version is kept (``on_conflict="keep"`` or ``Decision.SKIP``), or this file's
  version is taken (``on_conflict="take"`` or ``Decision.UPDATE`` for the row): the person the
  earlier row holds is updated with this row's fields (and its commune), reversibly;
* another departure of a person from an earlier row of the same file → added to that person;
* rows with errors → not imported.

Every record created or changed gets an ``audit_event`` row (action ``"import"``) whose
``detail`` JSON names the import batch, the file, the sheet, the row and the source unit; the
update's previous values are in ``before_json``. :func:`undo_import` reverses a batch as a whole:
it soft-deletes what the batch created and restores what it updated. Cancelling (the
``cancelled`` callback) or any failure rolls the whole transaction back.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum, StrEnum
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ...domain.enums import DepartureForm, IdKind, PersonStatus, Programme, StatusAbroad
from ...domain.models import (
    CREATED_NOTE,
    AuditEvent,
    Departure,
    Person,
    PlacementCompany,
    StatusEvent,
    new_uuid,
    utcnow,
)
from ...domain.numbers import group_digits
from ...domain.text import fold
from ...store.bulk import insert_many, no_cyclic_gc
from ...store.engine import defer_checkpoint, sqlite_path
from ...store.events import person_keys
from ...store.search import index_names
from ...store.session import read_session, write_session
from ..audit import append_events
from ..backup import BackupBeside
from ..errors import NotFound, Refused, ServiceError
from .preview import (
    PERSON_FIELDS,
    Change,
    ImportPreview,
    ImportRow,
    MatchKind,
    RowProblem,
    _changes,
    match_rows,
    still_matched,
    unit_id_for,
)

_PERSON = Person.__table__  # type: ignore[attr-defined]
_STATUS_EVENT = StatusEvent.__table__  # type: ignore[attr-defined]
_DEPARTURE = Departure.__table__  # type: ignore[attr-defined]
#: the tables an import writes and its undo reverses (a new record's creation event goes with it unlogged)
_UNDOABLE = {"person": _PERSON, "departure": _DEPARTURE, "status_event": _STATUS_EVENT}
_COMPANY = PlacementCompany.__table__  # type: ignore[attr-defined]
_AUDIT = AuditEvent.__table__  # type: ignore[attr-defined]
_INSERT_CHUNK = 1000
_AUDIT_CHUNK = 5000  # audit entries held before they are written (each ≈ 1 KB of JSON and search text)


class Decision(StrEnum):
    """What to do with one row."""

    NEW = "new"  # import as a new record (for a candidate or a conflict the user judged distinct)
    UPDATE = "update"  # update the matched record
    SKIP = "skip"  # do not import this row


class ImportCancelled(ServiceError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Đã hủy nhập dữ liệu. Chưa có gì được ghi vào cơ sở dữ liệu.")


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    batch_id: str
    read: int
    imported: int
    updated: int
    skipped: int
    errors: int
    departures: int
    problems: tuple[RowProblem, ...]
    dry_run: bool
    seconds: float
    backup: Path | None = None  # the copy of the database as it was before the import
    conflicts: int = 0  # rows whose CCCD (or record) came from another file with other data

    @property
    def counts_text(self) -> str:
        """The counts in Vietnamese (see :func:`counts_text`)."""
        return counts_text(self.read, self.imported, self.updated, self.skipped, self.errors)

    @property
    def summary(self) -> str:
        return ("Thử (chưa ghi): " if self.dry_run else "") + self.counts_text


def counts_text(read: int, imported: int, updated: int, skipped: int, errors: int) -> str:
    """An import's counts in Vietnamese, thousands grouped by dots: "đọc 10.000 dòng, nhập mới 8.694, …"."""
    n = group_digits
    return f"đọc {n(read)} dòng, nhập mới {n(imported)}, cập nhật {n(updated)}, bỏ qua {n(skipped)}, lỗi {n(errors)}"


@dataclass(frozen=True)
class UndoResult:
    batch_id: str
    deleted: int
    restored: int
    not_restored: int


def _decide(
    row: ImportRow, on_duplicate: str, decisions: Mapping[tuple[str, int], Decision], on_conflict: str = "keep"
) -> Decision:
    chosen = decisions.get(row.key)
    if row.match in (MatchKind.UUID, MatchKind.CCCD):
        if chosen in (Decision.UPDATE, Decision.SKIP):
            return chosen
        return Decision.UPDATE if on_duplicate == "update" else Decision.SKIP
    if row.match is MatchKind.CANDIDATE:
        return Decision.NEW if chosen is Decision.NEW else Decision.SKIP
    if row.match is MatchKind.CONFLICT:
        # The same CCCD from two files: never two people with one CCCD, never a silent merge. The
        # officer keeps the version already taken (SKIP) or takes this file's (UPDATE).
        if chosen in (Decision.UPDATE, Decision.SKIP):
            return chosen
        return Decision.UPDATE if on_conflict == "take" else Decision.SKIP
    if row.match is MatchKind.REPEATED:
        return Decision.SKIP
    if row.match is MatchKind.DEPARTURE:
        return Decision.SKIP if chosen is Decision.SKIP else Decision.NEW
    return Decision.SKIP if chosen is Decision.SKIP else Decision.NEW


def _json_value(value: Any) -> Any:
    """What JSON cannot write itself: enums by value, dates in ISO form (string enums it writes as their value)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dump(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=_json_value)


def _status_for(row: ImportRow, today: date) -> tuple[PersonStatus, date | None]:
    values = row.values
    if values.get("status") is not None:
        return values["status"], None
    if row.has_departure:
        return _departure_status(row, today), values["departed_on"]
    return PersonStatus.CANDIDATE, None


def _departure_status(row: ImportRow, today: date) -> PersonStatus:
    """Where a departure from a sheet leaves its worker: abroad, or departed when the contract has ended."""
    end = row.values.get("expected_end_on")
    return PersonStatus.DEPARTED if end is not None and end < today else PersonStatus.WORKING_ABROAD


def _live_events(conn: Connection, person_ids: Iterable[int]) -> dict[int, list[Any]]:
    """The live status events of *person_ids*, by person (a query per chunk of people, not per row)."""
    wanted = sorted(set(person_ids))
    found: dict[int, list[Any]] = {pid: [] for pid in wanted}
    columns = (_STATUS_EVENT.c.person_id, _STATUS_EVENT.c.id, _STATUS_EVENT.c.status)
    columns += (_STATUS_EVENT.c.happened_on, _STATUS_EVENT.c.note)
    for start in range(0, len(wanted), _INSERT_CHUNK):
        chunk = wanted[start : start + _INSERT_CHUNK]
        query = sa.select(*columns).where(_STATUS_EVENT.c.person_id.in_(chunk), _STATUS_EVENT.c.deleted_at.is_(None))
        for row in conn.execute(query):
            found[row.person_id].append(row)
    return found


def _status_with(
    events: Sequence[Any], added: Sequence[tuple[PersonStatus, date]] = ()
) -> tuple[PersonStatus, date | None]:
    """The status a person's live status *events* and *added* ones (not written yet) give, by the
    rule every record follows (:func:`~..lifecycle.status_of`)."""
    from ..lifecycle import status_of

    last = max((r.id for r in events), default=0)
    fresh = [SimpleNamespace(id=last + i, status=st, happened_on=on, note="") for i, (st, on) in enumerate(added, 1)]
    return status_of([*events, *fresh])


# Python's cycle collector off while the rows are written (as the demo and copy_db do): the preview's
# rows and the import's own are long-lived, and each full collection walked them all again — a 100,000-row
# sheet into 200,000 people held the interpreter 135-391 ms seven times (2.3 s of 22 s, the window frozen
# each time); 10,000 rows: five stops, 0.33 s of 2.6 s.
@no_cyclic_gc()
def commit_import(
    engine: Engine,
    previews: Sequence[ImportPreview],
    *,
    on_duplicate: str = "skip",
    decisions: Mapping[tuple[str, int], Decision] | None = None,
    on_conflict: str = "keep",
    dry_run: bool = False,
    username: str = "",
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Write the previews' rows in one transaction (see the module doc); nothing at all on error/cancel."""
    from ..access import Permission, require_unlimited

    require_unlimited(engine, Permission.IMPORT)
    if on_duplicate not in ("skip", "update"):
        raise ValueError(on_duplicate)
    if on_conflict not in ("keep", "take"):
        raise ValueError(on_conflict)
    started = time.perf_counter()
    decisions = decisions or {}
    today = today or date.today()
    batch_id = new_uuid()
    now = utcnow()

    class _DryRun(Exception):
        pass

    # The progress bar: the backup of a database file a third of it (a second or two for a
    # province's database), _write's two passes over the rows (reported out of rows × 2) the rest.
    # The backup is made beside the writes (_backup_beside): the two parts advance at once, summed.
    rows = sum(len(p.rows) for p in previews)
    before = 0 if dry_run or sqlite_path(engine) is None else max(rows, 1)
    parts = {"backup": 0, "write": 0}
    parts_lock = threading.Lock()

    def report(part: str, done: int) -> None:
        if progress is not None:
            with parts_lock:  # the two parts come from two threads
                parts[part] = done
                progress(parts["backup"] + parts["write"], before + rows * 2)

    def backup_progress(pages: int, of: int) -> None:
        if of:
            report("backup", before * pages // of)

    def write_progress(done: int, _of: int) -> None:
        report("write", done)

    pending = None if dry_run else _backup_beside(engine, backup_progress)
    backup: Path | None = None
    outcome: dict[str, Any] = {}
    try:
        with write_session(engine) as session:
            conn = session.connection()
            # the copy of the log into the file after COMMIT is left to the caller's checkpoint
            # (services.database.checkpoint: the window runs it in the background)
            defer_checkpoint(conn)
            with _large_cache(conn):
                outcome = _write(
                    conn,
                    previews,
                    on_duplicate=on_duplicate,
                    decisions=decisions,
                    on_conflict=on_conflict,
                    username=username,
                    today=today,
                    batch_id=batch_id,
                    now=now,
                    progress=write_progress,
                    cancelled=cancelled,
                )
            if dry_run:
                raise _DryRun
            if pending is not None:  # committed only once the copy of the database before it is made
                backup = _backup_made(pending)
    except _DryRun:
        pass
    except sa.exc.IntegrityError as error:
        # The preview finds what the unique indexes would refuse (a CCCD or a record code another
        # person holds); one it could not see (written meanwhile, or a case it misses) is refused
        # here as a whole, in Vietnamese — never the database's own English message.
        what = "mã hồ sơ" if "uuid" in str(error.orig) else "số CCCD" if "id_number" in str(error.orig) else None
        raise Refused(
            "Không nhập được: "
            + (f"có {what} trong tệp đã thuộc một hồ sơ khác" if what else "dữ liệu trùng với hồ sơ đã có")
            + ". Chưa có gì được ghi vào cơ sở dữ liệu. Hãy xem trước lại rồi nhập."
        ) from error
    finally:
        if pending is not None:  # the import failed or was cancelled: no copy of it half made
            pending.abandon()
    return ImportResult(
        batch_id=batch_id,
        read=outcome["read"],
        imported=outcome["imported"],
        updated=outcome["updated"],
        skipped=outcome["skipped"],
        errors=outcome["errors"],
        departures=outcome["departures"],
        problems=tuple(outcome["problems"]),
        dry_run=dry_run,
        seconds=time.perf_counter() - started,
        backup=backup,
        conflicts=outcome["conflicts"],
    )


@contextlib.contextmanager
def _large_cache(conn: Connection) -> Iterator[None]:
    """On SQLite, a 64 MiB page cache while the import writes, then the connection's own again.

    Each new person updates a dozen indexes at random places; with SQLite's default 2 MiB cache
    about half the insert time went to reading the same pages again (10,000 rows into 200,000).
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # never hide the import's own error
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(before if before is not None else -2000)}")


def _backup_beside(engine: Engine, progress: Callable[[int, int], None] | None = None) -> BackupBeside | None:
    """The backup of the database file before the import (services.backup), made beside its writes:
    started now, its snapshot taken before the first write; refuse if it cannot even start."""
    try:
        return BackupBeside(engine, progress=progress)
    except (Refused, OSError, sqlite3.Error) as error:
        raise _refusal(error) from error


def _backup_made(pending: BackupBeside) -> Path | None:
    """The backup once made; its failure refuses the import (nothing committed)."""
    try:
        return pending.result()
    except (Refused, OSError, sqlite3.Error) as error:
        raise _refusal(error) from error


def _refusal(error: Exception) -> Refused:
    if isinstance(error, Refused):  # no room on the disk for the copy
        return Refused(f"{error} Chưa nhập gì.")
    return Refused(f"Không sao lưu được cơ sở dữ liệu trước khi nhập ({error}). Chưa nhập gì.")


def _write(
    conn: Connection,
    previews: Sequence[ImportPreview],
    *,
    on_duplicate: str,
    decisions: Mapping[tuple[str, int], Decision],
    on_conflict: str,
    username: str,
    today: date,
    batch_id: str,
    now: datetime,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> dict[str, Any]:
    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled

    if not still_matched(conn, previews):  # someone saved since the preview: match again, inside this transaction
        previews = match_rows(conn, previews)
    problems: list[RowProblem] = [p for preview in previews for p in preview.problems]
    rows = [r for p in previews for r in p.rows]
    total = len(rows)
    counts = {"read": total, "imported": 0, "updated": 0, "skipped": 0, "errors": 0, "departures": 0, "logged": 0}
    counts["conflicts"] = sum(1 for r in rows if r.match is MatchKind.CONFLICT)
    taken_rows: list[ImportRow] = []  # conflicts resolved by taking this file's version
    sheet_of = {p.file_name: p.sheet_name for p in previews}
    units: dict[str | None, int | None] = {}
    companies: dict[str, int] = {}
    audit: list[dict[str, Any]] = []
    new_rows: list[ImportRow] = []
    departure_rows: list[tuple[ImportRow, int | None]] = []  # (row, person_id or None for new rows)
    extra_rows: list[ImportRow] = []  # further departures of a person from an earlier row
    person_of: dict[tuple[str, int], int] = {}  # row key → the person it created or updated
    status_done: set[int] = set()  # people whose status the update of their row already moved on
    # the events of the recorded people whose rows add a departure, read at once (not a query per row)
    events_of = _live_events(
        conn, [r.person_id for r in rows if r.person_id is not None and any(c.field == "departure" for c in r.changes)]
    )

    def unit_id(code: str | None) -> int | None:
        if code not in units:
            units[code] = unit_id_for(conn, code)
        return units[code]

    def detail(row: ImportRow, op: str) -> dict[str, Any]:  # append_events writes it as JSON
        return {
            "batch": batch_id,
            "op": op,
            "file": row.source,
            "sheet": sheet_of.get(row.source, ""),
            "line": row.line,
            "unit_code": row.unit_code,
        }

    def event(table: str, record_uuid: str, op: str, row: ImportRow, before: str | None, after: str | None) -> None:
        if len(audit) >= _AUDIT_CHUNK:  # written as they come, in order: a 100,000-row sheet does not hold them all
            counts["logged"] += append_events(conn, audit)
            audit.clear()
        audit.append(
            {
                "at": now,
                "username": username,
                "action": "import",
                "table_name": table,
                "record_uuid": record_uuid,
                "before_json": before,
                "after_json": after,
                "detail": detail(row, op),
                "title": row.values.get("full_name"),  # the person's, for the log's search (not stored)
            }
        )

    done = 0
    for row in rows:
        done += 1
        if done % 500 == 0:
            check_cancel()
            if progress is not None:
                progress(done, total * 2)
        if row.has_errors:
            counts["errors"] += 1
            continue
        decision = _decide(row, on_duplicate, decisions, on_conflict)
        if row.match is MatchKind.DEPARTURE and decision is not Decision.SKIP:
            extra_rows.append(row)
            continue
        if row.match is MatchKind.CONFLICT and decision is Decision.UPDATE:
            taken_rows.append(row)
            continue
        if decision is Decision.SKIP:
            counts["skipped"] += 1
            if row.match in (MatchKind.UUID, MatchKind.CCCD):
                what = "cùng mã hồ sơ" if row.match is MatchKind.UUID else "cùng CCCD"
                if any(c.field == "deleted_at" for c in row.changes):
                    message = f"Hồ sơ {row.existing_name} ({what}) đã bị xóa — bỏ qua; chọn cập nhật để khôi phục"
                else:
                    message = f"Đã có hồ sơ {row.existing_name} ({what}) — bỏ qua"
                problems.append(RowProblem(row.source, row.line, message, False))
            continue
        if decision is Decision.UPDATE and row.person_id is not None:
            person_of[row.key] = row.person_id
            adds_departure = any(c.field == "departure" for c in row.changes)
            # the departure it adds moves the person on as a recorded one does (in the same update:
            # one audit entry for the undo to reverse)
            status = None
            if adds_departure:
                added = [(_departure_status(row, today), row.values["departed_on"])]
                status = _status_with(events_of[row.person_id], added)
                status_done.add(row.person_id)
            person_changed = _update_person(conn, row, now=now, event=event, status=status)
            person_changed = _update_departure(conn, row, now=now, event=event) or person_changed
            if adds_departure:
                departure_rows.append((row, row.person_id))
            if any(c.field == "deleted_at" for c in row.changes):
                counts["imported"] += 1
            elif person_changed or adds_departure:
                counts["updated"] += 1
            else:
                counts["skipped"] += 1
                problems.append(RowProblem(row.source, row.line, "Đã có, không có gì thay đổi — bỏ qua", False))
            continue
        new_rows.append(row)

    # New people: Core inserts with their search keys and index rows.
    inserted: list[tuple[ImportRow, int, str]] = []
    for start in range(0, len(new_rows), _INSERT_CHUNK):
        check_cancel()
        chunk = new_rows[start : start + _INSERT_CHUNK]
        payload = [_person_insert(row, now=now, today=today, unit_id=unit_id(row.unit_code)) for row in chunk]
        # One executemany, then the ids by uuid (RETURNING would go row by row on SQLite).
        insert_many(conn, _PERSON, payload)
        uuids = [data["uuid"] for data in payload]
        id_of: dict[str, int] = dict(
            conn.execute(sa.select(_PERSON.c.uuid, _PERSON.c.id).where(_PERSON.c.uuid.in_(uuids))).all()
        )
        ids = [id_of[u] for u in uuids]
        index_names(conn, [(pid, data["name_key"], data["sort_key"]) for pid, data in zip(ids, payload, strict=True)])
        insert_many(
            conn,
            _STATUS_EVENT,
            [_creation_event(pid, data, now=now, today=today) for pid, data in zip(ids, payload, strict=True)],
        )
        for row, pid, data in zip(chunk, ids, payload, strict=True):
            inserted.append((row, pid, data["uuid"]))
            person_of[row.key] = pid
            event("person", data["uuid"], "create", row, None, _dump({k: data[k] for k in PERSON_FIELDS if k in data}))
            if row.has_departure:
                departure_rows.append((row, pid))
        counts["imported"] += len(chunk)
        if progress is not None:
            progress(total + start + len(chunk), total * 2)

    for row in taken_rows:
        _take_version(conn, row, person_of, departure_rows, counts, problems, unit_id(row.unit_code), now, event)

    for row in extra_rows:
        owner = person_of.get(row.same_as) if row.same_as else None
        if owner is None:
            counts["skipped"] += 1
            line = row.same_as[1] if row.same_as else 0
            message = f"Không nhập lượt xuất cảnh này vì người ở dòng {line} không được nhập"
            problems.append(RowProblem(row.source, row.line, message, False))
            continue
        departure_rows.append((row, owner))
        counts["imported"] += 1

    # Departures of new and updated people (a departure's own uuid kept unless it is taken already).
    wanted = sorted({r.values["departure_uuid"] for r, _o in departure_rows if r.values.get("departure_uuid")})
    taken_uuids: set[str] = set()
    for start in range(0, len(wanted), _INSERT_CHUNK):
        chunk = wanted[start : start + _INSERT_CHUNK]
        taken_uuids.update(conn.scalars(sa.select(_DEPARTURE.c.uuid).where(_DEPARTURE.c.uuid.in_(chunk))))
    payload = []
    # A departure's status event, as recording it writes one — but not for a new record's own
    # departure: its creation event holds it (the sheet's status since that day).
    created_by = {row.key for row, _pid, _uuid in inserted}
    status_events: list[dict[str, Any]] = []
    moved: dict[int, ImportRow] = {}  # people whose status the events below may move on
    for row, owner in departure_rows:
        company_id = _company_id(conn, row.values.get("company"), companies, now)
        data = _departure_insert(row, owner, company_id, now=now)
        if data["uuid"] in taken_uuids:
            data["uuid"] = new_uuid()
        taken_uuids.add(data["uuid"])
        payload.append(data)
        event(
            "departure", data["uuid"], "create", row, None, _dump({k: data[k] for k in ("market_code", "departed_on")})
        )
        if row.key not in created_by and owner is not None:
            happened = {"status": _departure_status(row, today), "happened_on": row.values["departed_on"]}
            status_events.append(
                {
                    "uuid": new_uuid(),
                    "unit_code": row.unit_code,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                    "person_id": owner,
                    "note": "",
                    **happened,
                }
            )
            event("status_event", status_events[-1]["uuid"], "create", row, None, _dump(happened))
            if owner not in status_done:
                moved[owner] = row
    for start in range(0, len(payload), _INSERT_CHUNK):
        insert_many(conn, _DEPARTURE, payload[start : start + _INSERT_CHUNK])
    for start in range(0, len(status_events), _INSERT_CHUNK):
        insert_many(conn, _STATUS_EVENT, status_events[start : start + _INSERT_CHUNK])
    for owner, row in moved.items():  # a person's further departure in the file, a conflict taken
        _move_status(conn, owner, row, now=now, event=event)
    counts["departures"] = len(payload)

    if audit or counts["logged"]:
        summary = {
            "batch": batch_id,
            "op": "batch",
            "files": [p.file_name for p in previews],
            **{k: counts[k] for k in ("read", "imported", "updated", "skipped", "errors")},
        }
        audit.append(
            {
                "at": now,
                "username": username,
                "action": "import",
                "table_name": "",
                "record_uuid": None,
                "before_json": None,
                "after_json": None,
                "detail": json.dumps(summary, ensure_ascii=False, sort_keys=True),
            }
        )
        append_events(conn, audit)
    check_cancel()
    if progress is not None:
        progress(total * 2, total * 2)
    return {**counts, "problems": problems}


def _creation_event(person_id: int, person: Mapping[str, Any], *, now: datetime, today: date) -> dict[str, Any]:
    """The status event an imported record starts with, as a record typed in gets it
    (:func:`~..person_records.create_person`): the sheet's status, since its departure or today.
    Not in the audit log: the person's own "create" entry holds the same status."""
    return {
        "uuid": new_uuid(),
        "unit_code": person["unit_code"],
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "person_id": person_id,
        "status": person["status"],
        "happened_on": person["status_since"] or today,
        "note": CREATED_NOTE,
    }


def _person_insert(row: ImportRow, *, now: datetime, today: date, unit_id: int | None) -> dict[str, Any]:
    values = row.values
    status, since = _status_for(row, today)
    data: dict[str, Any] = {
        "uuid": values.get("uuid") or new_uuid(),
        "unit_code": row.unit_code,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        **person_keys(values["full_name"]),
        "gender": values.get("gender"),
        "date_of_birth": values.get("date_of_birth"),
        "birth_precision": values.get("birth_precision") or "day",
        "id_number": values.get("id_number"),
        "id_kind": values.get("id_kind"),
        "id_issued_on": values.get("id_issued_on"),
        "passport_number": values.get("passport_number"),
        "phone": values.get("phone"),
        "hamlet": values.get("hamlet") or "",
        "commune_id": unit_id,
        "address": values.get("address") or "",
        "ethnicity": values.get("ethnicity") or "Kinh",
        "trade_skill": values.get("trade_skill") or "",
        "foreign_language": values.get("foreign_language") or "",
        "worker_code": values.get("worker_code"),
        "status": status,
        "status_since": since,
        "notes": values.get("notes") or "",
    }
    return data


def _departure_insert(
    row: ImportRow, person_id: int | None, company_id: int | None, *, now: datetime
) -> dict[str, Any]:
    values = row.values
    return {
        "uuid": values.get("departure_uuid") or new_uuid(),
        "unit_code": row.unit_code,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "person_id": person_id,
        "form": DepartureForm.LICENSED_COMPANY,
        "programme": values.get("programme") or Programme.OTHER,
        "market_code": values["market_code"],
        "company_id": company_id,
        "occupation": values.get("occupation") or "",
        "employer": values.get("employer") or "",
        "contract_months": values.get("contract_months"),
        "departed_on": values["departed_on"],
        "expected_end_on": values.get("expected_end_on"),
        "is_legal": values.get("is_legal", True),
        "status_abroad": values.get("status_abroad") or StatusAbroad.WORKING,
        "notes": values.get("departure_notes") or "",
    }


def _company_id(conn: Connection, name: str | None, cache: dict[str, int], now: datetime) -> int | None:
    if not name:
        return None
    key = fold(name)
    if key not in cache:
        found = conn.scalar(
            sa.select(_COMPANY.c.id).where(_COMPANY.c.name_key == key, _COMPANY.c.deleted_at.is_(None)).limit(1)
        )
        if found is None:
            found = conn.execute(
                sa.insert(_COMPANY).returning(_COMPANY.c.id),
                {
                    "uuid": new_uuid(),
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                    "name": name,
                    "name_key": key,
                    "licence_number": "",
                    "address": "",
                },
            ).scalar_one()
        cache[key] = found
    return cache[key]


_MOVES = ("commune_id", "unit_code")  # a conflict resolved by taking the other commune's version


def _take_version(
    conn: Connection,
    row: ImportRow,
    person_of: dict[tuple[str, int], int],
    departure_rows: list[tuple[ImportRow, int | None]],
    counts: dict[str, Any],
    problems: list[RowProblem],
    commune_id: int | None,
    now: datetime,
    event: Callable[..., None],
) -> None:
    """A conflict resolved by taking *row*'s version: update the person the earlier row holds."""
    owner = (person_of.get(row.same_as) if row.same_as else None) or row.person_id
    if owner is None:
        counts["skipped"] += 1
        line = row.same_as[1] if row.same_as else 0
        message = f"Không lấy được bản của tệp này vì người ở dòng {line} của tệp kia không được nhập"
        problems.append(RowProblem(row.source, row.line, message, False))
        return
    current = conn.execute(sa.select(_PERSON).where(_PERSON.c.id == owner)).mappings().one()
    changes = list(_changes(row, dict(current)))
    values = dict(row.values)
    if commune_id is not None and current["commune_id"] != commune_id:
        values.update(commune_id=commune_id, unit_code=row.unit_code)
        changes += [Change(name, name, str(current[name]), str(values[name])) for name in _MOVES]
    problems[:] = [p for p in problems if not (p.field == "conflict" and (p.source, p.line) == row.key)]
    taken = replace(row, person_id=owner, values=values, changes=tuple(changes), existing_name=current["full_name"])
    person_of[row.key] = owner
    changed = _update_person(conn, taken, now=now, event=event)
    adds = False
    if row.has_departure:
        trip = (row.values["market_code"], row.values["departed_on"])
        query = sa.select(_DEPARTURE.c.market_code, _DEPARTURE.c.departed_on).where(
            _DEPARTURE.c.person_id == owner, _DEPARTURE.c.deleted_at.is_(None)
        )
        trips = {tuple(t) for t in conn.execute(query)}
        trips |= {(r.values["market_code"], r.values["departed_on"]) for r, o in departure_rows if o == owner}
        if trip not in trips:
            departure_rows.append((row, owner))
            adds = True
    if changed or adds:
        counts["updated"] += 1
        message = f"Xung đột: đã lấy bản của tệp này cho {current['full_name']}"
    else:
        counts["skipped"] += 1
        message = "Xung đột: bản của tệp này không khác gì bản đã có"
    problems.append(RowProblem(row.source, row.line, message, False, "conflict"))


def _update_departure(conn: Connection, row: ImportRow, *, now: datetime, event: Callable[..., None]) -> bool:
    """A known departure (same person, market and date) with another status abroad or legality in the file."""
    names = [c.field.removeprefix("departure.") for c in row.changes if c.field.startswith("departure.")]
    if not names:
        return False
    values = row.values
    current = (
        conn.execute(
            sa.select(_DEPARTURE).where(
                _DEPARTURE.c.person_id == row.person_id,
                _DEPARTURE.c.market_code == values["market_code"],
                _DEPARTURE.c.departed_on == values["departed_on"],
                _DEPARTURE.c.deleted_at.is_(None),
            )
        )
        .mappings()
        .first()
    )
    if current is None:
        return False
    data: dict[str, Any] = {name: values[name] for name in names}
    before: dict[str, Any] = {k: current[k] for k in data}
    before["version"] = current["version"]
    data["updated_at"] = now
    data["version"] = current["version"] + 1
    result = conn.execute(
        sa.update(_DEPARTURE)
        .where(_DEPARTURE.c.id == current["id"], _DEPARTURE.c.version == current["version"])
        .values(**data)
    )
    if result.rowcount != 1:
        raise Refused("Hồ sơ vừa được người khác sửa trong lúc nhập. Hãy xem trước lại rồi nhập.")
    after = {k: data[k] for k in data if k != "updated_at"}
    event("departure", current["uuid"], "update", row, _dump(before), _dump(after))
    return True


def _update_person(
    conn: Connection,
    row: ImportRow,
    *,
    now: datetime,
    event: Callable[..., None],
    status: tuple[PersonStatus, date | None] | None = None,
) -> bool:
    """Apply the row's changes (and *status*, the one its added departure gives) to its matched
    person; False when nothing changes."""
    changed = [c.field for c in row.changes if c.field in PERSON_FIELDS or c.field in ("deleted_at", *_MOVES)]
    if not changed and status is None:
        return False
    current = conn.execute(sa.select(_PERSON).where(_PERSON.c.id == row.person_id)).mappings().one_or_none()
    if current is None:
        raise NotFound(f"Dòng {row.line}: hồ sơ {row.existing_name} vừa bị xóa. Hãy xem trước lại rồi nhập.")
    data: dict[str, Any] = {}
    for name in changed:
        if name == "deleted_at":
            data["deleted_at"] = None
        else:
            data[name] = row.values[name]
    if status is not None and (current["status"], current["status_since"]) != status:
        data["status"], data["status_since"] = status
    if not data:
        return False
    if "full_name" in data:
        data.update(person_keys(data["full_name"]))
    if "id_number" in data and "id_kind" not in data:
        data["id_kind"] = row.values.get("id_kind") or IdKind.CCCD
    before = {k: current[k] for k in data}
    before["version"] = current["version"]
    data["updated_at"] = now
    data["version"] = current["version"] + 1
    result = conn.execute(
        sa.update(_PERSON).where(_PERSON.c.id == row.person_id, _PERSON.c.version == current["version"]).values(**data)
    )
    if result.rowcount != 1:
        raise Refused("Hồ sơ vừa được người khác sửa trong lúc nhập. Hãy xem trước lại rồi nhập.")
    if "name_key" in data:
        index_names(conn, [(row.person_id or 0, data["name_key"], data["sort_key"])], replace=True)
    after = {k: data[k] for k in data if k != "updated_at"}
    op = "revive" if "deleted_at" in data else "update"
    event("person", current["uuid"], op, row, _dump(before), _dump(after))
    return True


def _move_status(
    conn: Connection, person_id: int, row: ImportRow, *, now: datetime, event: Callable[..., None]
) -> None:
    """Set a person's status from their events after the import added some (one audit entry)."""
    status, since = _status_with(_live_events(conn, [person_id])[person_id])
    current = conn.execute(
        sa.select(_PERSON.c.uuid, _PERSON.c.status, _PERSON.c.status_since, _PERSON.c.version).where(
            _PERSON.c.id == person_id
        )
    ).one()
    if (current.status, current.status_since) == (status, since):
        return
    data = {"status": status, "status_since": since, "version": current.version + 1}
    conn.execute(sa.update(_PERSON).where(_PERSON.c.id == person_id).values(**data, updated_at=now))
    before = {"status": current.status, "status_since": current.status_since, "version": current.version}
    event("person", current.uuid, "update", row, _dump(before), _dump(data))


# --------------------------------------------------------------------------- undo


def _batch_events(conn: Connection, batch_id: str) -> list[dict[str, Any]]:
    """The audit entries of one import batch (its summary, its records, its undo), oldest first.

    Read through indexes, not by a scan of the whole log (which grows by an entry per imported
    row): the summary and the undo are the batch's only entries without a table; the records'
    entries carry the summary's time (one transaction writes them all with one ``at``).
    """
    pattern = f'%"batch": "{batch_id}"%'
    mine = _AUDIT.c.detail.like(pattern)
    heads = sa.select(_AUDIT).where(_AUDIT.c.table_name == "", _AUDIT.c.action.in_(("import", "import_undo")), mine)
    found = [dict(r) for r in conn.execute(heads).mappings()]
    times = sorted({r["at"] for r in found if r["action"] == "import"})
    if times:
        records = sa.select(_AUDIT).where(
            _AUDIT.c.at.in_(times), _AUDIT.c.table_name != "", _AUDIT.c.action == "import", mine
        )
        found += [dict(r) for r in conn.execute(records).mappings()]
    return sorted(found, key=lambda r: r["id"])


def list_imports(engine: Engine) -> list[dict[str, Any]]:
    """Past import batches, newest first: batch id, time, files and counts (from the audit log)."""
    from ..access import Permission, require_unlimited

    require_unlimited(engine, Permission.IMPORT)
    with read_session(engine) as session:
        conn = session.connection()
        query = (
            sa.select(_AUDIT.c.at, _AUDIT.c.detail)
            .where(_AUDIT.c.action == "import", _AUDIT.c.table_name == "")
            .order_by(_AUDIT.c.id.desc())
        )
        result = []
        for at, text in conn.execute(query):
            data = json.loads(text)
            data.pop("chain", None)
            result.append({"at": at, **data})
        return result


@dataclass(frozen=True)
class ImportBatch:
    """Một lần nhập — one past import batch as the history lists it (times in UTC)."""

    batch_id: str
    at: datetime
    username: str
    files: tuple[str, ...]
    read: int
    imported: int
    updated: int
    skipped: int
    errors: int
    undone_at: datetime | None = None

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    @property
    def counts_text(self) -> str:
        """The counts in Vietnamese, as the undo confirmation names them."""
        return counts_text(self.read, self.imported, self.updated, self.skipped, self.errors)


def list_import_batches(engine: Engine) -> list[ImportBatch]:
    """Past import batches, newest first, each with whether (and when) it was undone."""
    from ..access import Permission, require_unlimited

    require_unlimited(engine, Permission.IMPORT)
    with read_session(engine) as session:
        conn = session.connection()
        undone: dict[str, datetime] = {}
        query = sa.select(_AUDIT.c.at, _AUDIT.c.detail).where(
            _AUDIT.c.table_name == "", _AUDIT.c.action == "import_undo"
        )
        for at, text in conn.execute(query):
            undone.setdefault(str(json.loads(text or "{}").get("batch", "")), at)
        query = (
            sa.select(_AUDIT.c.at, _AUDIT.c.username, _AUDIT.c.detail)
            .where(_AUDIT.c.action == "import", _AUDIT.c.table_name == "")
            .order_by(_AUDIT.c.id.desc())
        )
        result = []
        for at, username, text in conn.execute(query):
            data = json.loads(text or "{}")
            batch_id = str(data.get("batch", ""))
            result.append(
                ImportBatch(
                    batch_id=batch_id,
                    at=at,
                    username=username or "",
                    files=tuple(data.get("files") or ()),
                    read=int(data.get("read", 0)),
                    imported=int(data.get("imported", 0)),
                    updated=int(data.get("updated", 0)),
                    skipped=int(data.get("skipped", 0)),
                    errors=int(data.get("errors", 0)),
                    undone_at=undone.get(batch_id),
                )
            )
        return result


def undo_import(engine: Engine, batch_id: str, *, username: str = "") -> UndoResult:
    """Reverse an import batch: soft-delete what it created, restore what it updated (one transaction).

    A record changed again after the import is left as it is and counted in ``not_restored``.
    """
    from ..access import Permission, require_unlimited

    require_unlimited(engine, Permission.IMPORT)
    now = utcnow()
    with write_session(engine) as session:
        conn = session.connection()
        defer_checkpoint(conn)  # as commit_import: the caller checkpoints
        events = _batch_events(conn, batch_id)
        if not any(e["action"] == "import" for e in events):
            raise NotFound("Không tìm thấy lần nhập này trong nhật ký.")
        if any(e["action"] == "import_undo" for e in events):
            raise Refused("Lần nhập này đã được hoàn tác rồi.")
        deleted = not_restored = 0
        created: dict[str, list[str]] = {name: [] for name in _UNDOABLE}
        undone_to: dict[str, int] = {}  # record uuid → the version its last undone update wrote
        # Newest first: a record the batch created and then updated (a conflict's "take this file's
        # version") gets its update undone before it is deleted with the batch's other new records.
        for record in reversed(events):
            info = json.loads(record["detail"])
            op = info.get("op")
            table = _UNDOABLE.get(record["table_name"])
            if table is None:
                continue
            if op == "create":
                created[record["table_name"]].append(record["record_uuid"])
            elif op in ("update", "revive"):
                before = json.loads(record["before_json"] or "{}")
                after = json.loads(record["after_json"] or "{}")
                version = before.pop("version", None)
                # an entry redacted by an erasure holds no field values any more (just a digest)
                values = {k: _restore_value(table, k, x) for k, x in before.items() if k in table.c}
                if op == "revive":
                    values["deleted_at"] = now
                # the version this batch left — or, for a record it updated twice (a conflict taken, then
                # its status moved on), the version the undo of the later update just wrote
                expected = undone_to.get(record["record_uuid"], after.get("version", version))
                values.update(updated_at=now, version=table.c.version + 1)
                result = conn.execute(
                    sa.update(table)
                    .where(table.c.uuid == record["record_uuid"], table.c.version == expected)
                    .values(**values)
                )
                if result.rowcount == 1:
                    undone_to[record["record_uuid"]] = expected + 1
                    if "name_key" in values:
                        pid = conn.scalar(sa.select(table.c.id).where(table.c.uuid == record["record_uuid"])) or 0
                        index_names(conn, [(pid, values["name_key"], values["sort_key"])], replace=True)
                else:
                    not_restored += 1
        for name, uuids in created.items():  # the new records, a statement per chunk of them
            table = _UNDOABLE[name]
            for start in range(0, len(uuids), _INSERT_CHUNK):
                result = conn.execute(
                    sa.update(table)
                    .where(table.c.uuid.in_(uuids[start : start + _INSERT_CHUNK]), table.c.deleted_at.is_(None))
                    .values(deleted_at=now, updated_at=now, version=table.c.version + 1)
                )
                if name != "status_event":  # the people and departures the user counts, not their events
                    deleted += result.rowcount
        restored = len(undone_to)  # records, each however many updates of it were undone
        append_events(
            conn,
            [
                {
                    "at": now,
                    "username": username,
                    "action": "import_undo",
                    "table_name": "",
                    "record_uuid": None,
                    "detail": {
                        "batch": batch_id,
                        "deleted": deleted,
                        "restored": restored,
                        "not_restored": not_restored,
                    },
                }
            ],
        )
    return UndoResult(batch_id, deleted, restored, not_restored)


def _restore_value(table: sa.Table, name: str, value: Any) -> Any:
    if value is None:
        return None
    column_type = table.c[name].type
    if isinstance(column_type, sa.DateTime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(column_type, sa.Date) and isinstance(value, str):
        return date.fromisoformat(value)
    return value
