"""Nhật ký — the audit trail, append-only and tamper-evident (a SHA-256 hash chain).

Scheme (no new column; the chain lives in the ``detail`` column, which holds a JSON object):

* Every entry written through :func:`record_event` / :func:`append_events` stores
  ``detail = {…the caller's detail…, "chain": {"v": 1, "n": N, "prev": P, "hash": H}}``
  where ``N`` is the entry's position in the log (1-based, every row counts), ``P`` the hash of
  the entry before it, and ``H = sha256(canonical JSON of [v, N, P, at, username, action,
  table_name, record_uuid, before, after, detail without "chain"])``. ``at`` is the UTC time in
  ISO form with microseconds. Version 1 hashed ``before_json`` / ``after_json`` as stored;
  version 2 (written now) hashes their SHA-256, so that an erasure can replace the values by
  that digest (:func:`redact`) and the chain still verifies. A plain-text detail is kept as
  ``{"text": …}``.
* Rows written before the first chained row (by older versions of the program) are "unchained
  legacy": they are hashed into the chain as they are (the first chained row's ``P`` covers them),
  so editing them later is detected too; they are reported, not a failure.
* The head of the chain (``{"n": N, "hash": H}``) is kept in the ``app_setting`` row
  ``audit_chain_head``, written in the same transaction as the entries; it finds entries
  removed from the end, and (``SELECT … FOR UPDATE`` on a server database) serialises appends.
  On SQLite the caller's write transaction (``BEGIN IMMEDIATE``) already does.

:func:`verify_chain` walks the whole log in id order and names the first entry that was edited,
removed, or inserted outside the program. Limits: anyone who can write the file can recompute
every hash; the chain makes a change *evident* to a check, it does not prevent it. ``audit
verify`` prints the head hash, which an office can note on paper to detect even that.

Besides the chain, this module

* records every change automatically (:func:`install`, done on import; ``services.database``
  imports it): a Session hook writes one entry per created / updated / deleted (``deleted_at``
  set) / restored / purged record of ``RECORD_TABLES`` with the changed fields before and after,
  who (``access.username_of``) and when, in the same transaction as the change;
* records exports and prints of personal data (:func:`record_export`, :func:`record_print`);
* lets an administrator browse, filter and export the log (:func:`query`, :func:`export_xlsx`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from ..domain.models import AppSetting, AuditEvent, Person, utcnow
from ..domain.text import search_text
from ..store.bulk import insert_many
from ..store.session import read_session

AUDIT = AuditEvent.__table__  # type: ignore[attr-defined]
_PERSON = Person.__table__  # type: ignore[attr-defined]
SETTING = AppSetting.__table__  # type: ignore[attr-defined]
HEAD_KEY = "audit_chain_head"
CHAIN_VERSION = 2  # v1 hashed before/after as text; v2 hashes their digests (redactable)
REDACTED_KEY = "_redacted_sha256"
_REDACTED_PREFIX = '{"' + REDACTED_KEY + '"'
GENESIS = "0" * 64
_FIELDS = ("username", "action", "table_name", "record_uuid", "before_json", "after_json")


@dataclass(frozen=True)
class VerifyResult:
    """What :func:`verify_chain` found."""

    ok: bool
    count: int  # entries checked
    chained: int
    legacy: int  # unchained entries written before the first chained one
    broken_id: int | None  # the first entry found wrong (or after which entries are missing)
    problem: str  # Vietnamese, empty when ok
    head_hash: str | None

    @property
    def summary(self) -> str:
        if not self.ok:
            return f"Nhật ký đã bị sửa ngoài chương trình: {self.problem}"
        text = f"Nhật ký nguyên vẹn: {self.count} mục"
        if self.legacy:
            text += f" ({self.legacy} mục cũ ghi trước khi có chuỗi kiểm tra)"
        return text + "."


def _at_text(value: Any) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return str(value.isoformat(timespec="microseconds"))


def _split_detail(text: str | None) -> tuple[Any, dict[str, Any] | None]:
    """(the detail to hash, the chain data or None) of a stored ``detail``."""
    text = text or ""
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return text, None
        if isinstance(data, dict) and isinstance(data.get("chain"), dict):
            chain = data.pop("chain")
            return data, chain
    return text, None


def _redaction(text: Any) -> str | None:
    """The digest kept by a redacted ``before_json`` / ``after_json`` (see :func:`redact`), else None."""
    if isinstance(text, str) and text.startswith(_REDACTED_PREFIX):
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if isinstance(data, dict) and set(data) == {REDACTED_KEY} and isinstance(data[REDACTED_KEY], str):
            return data[REDACTED_KEY]
    return None


def _digest(text: Any) -> str | None:
    """What a v2 entry hashes for a before/after column: the SHA-256 of the stored text."""
    if text is None:
        return None
    kept = _redaction(text)
    if kept is not None:
        return kept
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()


def _entry_hash(row: Mapping[Any, Any], body: Any, n: int, prev: str, version: int = 1) -> str:
    fields = [row.get(k) for k in _FIELDS]
    if version >= 2:  # before/after by digest, so that an erasure can drop them and keep the chain
        fields[4], fields[5] = _digest(fields[4]), _digest(fields[5])
    parts = [version, n, prev, _at_text(row["at"]), *fields, body]
    canonical = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _search_text(row: Mapping[str, Any], body: Any, title: str | None = None) -> str:
    """An entry's ``search_text``: the record's name (*title*: the person's, for a departure), its
    user, record and field values, and its detail, folded.

    A redacted before/after gives nothing (its digest is not something to search for); the
    detail's chain is left out (*body* is the detail without it). The title is not stored
    elsewhere in the entry: "nguyen van an" finds the change of his phone number too.
    """
    fields = [row.get("before_json"), row.get("after_json")]
    return search_text(
        title,
        row.get("username"),
        row.get("record_uuid"),
        *(None if _redaction(text) is not None else text for text in fields),
        body,
    )


def rewritten(row: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """*values* to SET on the stored entry *row* (an erasure's redaction), with its ``search_text`` made again.

    Every change to a stored entry goes through here, so that the search finds no value the
    entry no longer holds.
    """
    merged = {**row, **values}
    body, _chain = _split_detail(merged.get("detail"))
    return {**values, "search_text": _search_text(merged, body)}


def _detail_object(detail: Any) -> dict[str, Any]:
    """A caller's ``detail`` (JSON object text or plain text) as a dict."""
    if not detail:
        return {}
    text = str(detail)
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return data
    return {"text": text}


def _connection(conn_or_session: Connection | Session) -> Connection:
    return conn_or_session.connection() if isinstance(conn_or_session, Session) else conn_or_session


def _head(conn: Connection) -> tuple[int, str]:
    """(entries so far, hash of the last) — from the head row, or worked out from the log."""
    query = sa.select(SETTING.c.value).where(SETTING.c.key == HEAD_KEY)
    if conn.dialect.name != "sqlite":
        query = query.with_for_update()
    value = conn.scalar(query)
    if value is None and conn.dialect.name != "sqlite":
        # A server database: FOR UPDATE locks no row that does not exist yet, so two first appends
        # would both start the chain. Create the row first: the second writer's INSERT waits for
        # the first one's COMMIT and fails, and it then reads (and locks) the head the first wrote.
        try:
            with conn.begin_nested():
                conn.execute(sa.insert(SETTING).values(key=HEAD_KEY, value=""))
        except sa.exc.IntegrityError:
            pass
        value = conn.scalar(query)
    if value:
        data = json.loads(value)
        return int(data["n"]), str(data["hash"])
    # No head yet: the first chained append; hash the legacy rows into the chain.
    n, last = 0, GENESIS
    for row in conn.execute(sa.select(AUDIT).order_by(AUDIT.c.id)).mappings():
        body, chain = _split_detail(row["detail"])
        n += 1
        last = str(chain["hash"]) if chain is not None else _entry_hash(row, body, n, last)
    return n, last


def append_events(conn_or_session: Connection | Session, events: Sequence[Mapping[str, Any]]) -> int:
    """Append *events* (dicts with the ``audit_event`` columns) to the chained log; return how many.

    Call inside the caller's write transaction. ``detail`` may be a dict, JSON object text or
    plain text; ``at`` defaults to now.
    """
    if not events:
        return 0
    conn = _connection(conn_or_session)
    n, prev = _head(conn)
    rows: list[dict[str, Any]] = []
    for event in events:
        row: dict[str, Any] = {k: event.get(k) for k in _FIELDS}
        row["username"] = row["username"] or ""
        row["table_name"] = row["table_name"] or ""
        row["at"] = event.get("at") or utcnow()
        detail = event.get("detail")
        if isinstance(detail, Mapping):
            body: Any = dict(detail)
        else:
            body = _detail_object(detail)
        body.pop("chain", None)
        n += 1
        digest = _entry_hash(row, body, n, prev, CHAIN_VERSION)
        row["detail"] = json.dumps(
            {**body, "chain": {"v": CHAIN_VERSION, "n": n, "prev": prev, "hash": digest}},
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        )
        row["search_text"] = _search_text(row, body, event.get("title"))
        rows.append(row)
        prev = digest
    insert_many(conn, AUDIT, rows)
    head = json.dumps({"n": n, "hash": prev})
    if conn.execute(sa.update(SETTING).where(SETTING.c.key == HEAD_KEY).values(value=head)).rowcount == 0:
        conn.execute(sa.insert(SETTING).values(key=HEAD_KEY, value=head))
    return len(rows)


def _json(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record_event(
    conn_or_session: Connection | Session,
    *,
    username: str,
    action: str,
    table: str = "",
    record_uuid: str | None = None,
    before: Any = None,
    after: Any = None,
    detail: Mapping[str, Any] | str | None = None,
) -> None:
    """Append one entry (who, what, the fields before and after) inside the caller's write transaction."""
    append_events(
        conn_or_session,
        [
            {
                "username": username,
                "action": action,
                "table_name": table,
                "record_uuid": record_uuid,
                "before_json": _json(before),
                "after_json": _json(after),
                "detail": detail,
            }
        ],
    )


#: an erasure's entry lists, under this key of its detail, the old (v1) entries it redacted:
#: ``{"<entry id>": content_digest(entry after redaction)}`` (see :mod:`.erasure`, :func:`content_digest`)
REDACTED_V1_KEY = "redacted_v1"
ERASURE_ACTION = "erasure"


def content_digest(row: Mapping[Any, Any]) -> str:
    """SHA-256 of an entry's whole content as stored now (time, fields, detail without the chain).

    A v1 entry hashed its before/after text itself, so redacting it changes its hash; the erasure
    that redacted it records this digest of what it left, and :func:`verify_chain` accepts the
    entry only while it still matches (any later edit is found).
    """
    body, _chain = _split_detail(row["detail"])
    parts = [_at_text(row["at"]), *(row.get(k) for k in _FIELDS), body]
    canonical = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _redacted_v1(conn: Connection) -> dict[int, str]:
    """{entry id: content digest} of the v1 entries that erasures redacted (earlier entries only)."""
    found: dict[int, str] = {}
    query = sa.select(AUDIT.c.id, AUDIT.c.detail).where(AUDIT.c.action == ERASURE_ACTION)
    for erasure_id, detail in conn.execute(query):
        body, _chain = _split_detail(detail)
        listed = body.get(REDACTED_V1_KEY) if isinstance(body, dict) else None
        if isinstance(listed, dict):
            for key, digest in listed.items():
                if str(key).isdigit() and int(key) < erasure_id:
                    found[int(key)] = str(digest)
    return found


def _verify_rows(
    rows: Iterable[Mapping[Any, Any]], head: str | None, redacted: Mapping[int, str] | None = None
) -> VerifyResult:
    n = chained = legacy = 0
    last = GENESIS
    last_id: int | None = None

    def broken(row_id: int | None, problem: str) -> VerifyResult:
        return VerifyResult(False, n, chained, legacy, row_id, problem, None)

    for row in rows:
        body, chain = _split_detail(row["detail"])
        n += 1
        if chain is None:
            if chained:
                return broken(row["id"], f"mục số {row['id']} không có mã kiểm tra — được thêm vào ngoài chương trình")
            legacy += 1
            last = _entry_hash(row, body, n, last)
        else:
            if chain.get("prev") != last or chain.get("n") != n:
                where = f"trước mục số {row['id']}"
                if chained == 0 and legacy:
                    problem = f"các mục cũ {where} đã bị sửa hoặc xóa"
                else:
                    problem = f"có mục bị xóa hoặc chèn {where}"
                return broken(row["id"], problem)
            version = chain.get("v", 1)
            if version not in (1, 2) or (
                _entry_hash(row, body, n, last, version) != chain.get("hash")
                and not (version == 1 and redacted and redacted.get(row["id"]) == content_digest(row))
            ):
                return broken(row["id"], f"mục số {row['id']} đã bị sửa")
            chained += 1
            last = str(chain["hash"])
        last_id = row["id"]
    if head is None:
        if chained:
            return broken(last_id, "mất dấu đầu chuỗi nhật ký (audit_chain_head)")
    else:
        data = json.loads(head)
        if data.get("n") != n or data.get("hash") != last:
            return broken(last_id, f"các mục cuối nhật ký đã bị xóa (sau mục số {last_id})")
    return VerifyResult(True, n, chained, legacy, None, "", last if n else None)


def chain_head(conn: Connection) -> str | None:
    """The audit log's head as stored (entries so far and the last hash), ``None`` before the first.

    Every change the program writes appends to the log in its own transaction, so an unchanged
    head means no record changed in between (the import uses this to keep its preview's matching).
    """
    return conn.scalar(sa.select(SETTING.c.value).where(SETTING.c.key == HEAD_KEY))


def verify_chain(engine: Engine) -> VerifyResult:
    """Check the whole audit log: every entry unchanged, none removed or inserted outside the program."""
    with read_session(engine) as session:
        conn = session.connection()
        head = conn.scalar(sa.select(SETTING.c.value).where(SETTING.c.key == HEAD_KEY))
        redacted = _redacted_v1(conn)  # old entries an erasure redacted (see content_digest)
        result = conn.execution_options(yield_per=5000).execute(sa.select(AUDIT).order_by(AUDIT.c.id))
        try:
            return _verify_rows(result.mappings(), head, redacted)
        finally:
            result.close()  # a server-side cursor (PostgreSQL) left open by an early stop


def redact(conn_or_session: Connection | Session, *, table: str, record_uuids: Iterable[str]) -> int:
    """Drop the field values of the entries about these records, keeping the chain (erasure).

    For the right to erasure: each v2 entry of *table* about one of *record_uuids* gets its
    ``before_json`` / ``after_json`` replaced by ``{"_redacted_sha256": digest}`` — the digest the
    chain hashed — so :func:`verify_chain` still passes and the entry still says who did what
    when, without the personal data. v1 entries (hashed as text) keep their fields here (the
    erasure empties them); every entry about the records gets its ``search_text`` made again,
    without the record's name. Call inside the caller's write transaction; returns how many
    entries were redacted.
    """
    conn = _connection(conn_or_session)
    uuids = list(record_uuids)
    done = 0
    for start in range(0, len(uuids), 500):
        query = sa.select(AUDIT).where(AUDIT.c.table_name == table, AUDIT.c.record_uuid.in_(uuids[start : start + 500]))
        for row in conn.execute(query).mappings().all():
            _body, chain = _split_detail(row["detail"])
            values = {}
            if chain is not None and chain.get("v") == 2:
                for column in ("before_json", "after_json"):
                    text = row[column]
                    if text is not None and _redaction(text) is None:
                        values[column] = json.dumps({REDACTED_KEY: _digest(text)})
            # every entry about the record: its search text made again without the record's name
            # (search_text holds it for the log's search; the chain does not hash that column)
            conn.execute(sa.update(AUDIT).where(AUDIT.c.id == row["id"]).values(**rewritten(row, values)))
            done += 1 if values else 0
    return done


# --------------------------------------------------------------------------- who


def username_of(bind: Any) -> str:
    """The logged-in user of *bind* (engine, connection or session); "" when nobody is logged in."""
    try:
        from . import access
    except ImportError:  # pragma: no cover - before users and roles existed
        return ""
    return str(access.username_of(bind) or "")


def _require_audit_read(bind: Any) -> None:
    """Only an administrator reads the audit trail (nobody is refused on a database without accounts)."""
    try:
        from .access import Permission, require
    except ImportError:  # pragma: no cover - before users and roles existed
        return
    require(bind, Permission.AUDIT_READ)


# --------------------------------------------------------------------------- every change, automatically
#
# A Session hook records every change the program makes through the ORM (and through
# ``session.execute(update(...) / delete(...))``) to the records of RECORD_TABLES: after each flush
# the changes are collected from the objects' attribute history, merged per record, and written
# as chained entries just before COMMIT (``before_commit``), in the same transaction. A rollback
# drops them with the change. Bulk work on a plain Connection (import commit, demo, import undo,
# restore) does not pass here: those services write batch entries of their own.

#: columns never recorded: keys and derived values the store keeps (search keys, timestamps, version)
SKIPPED_COLUMNS = frozenset(
    {"id", "uuid", "created_at", "updated_at", "version", "name_key", "sort_key", "head_name_key"}
)
#: per table, columns not recorded (login bookkeeping: the auth service records logins itself)
_TABLE_SKIPPED = {"user_account": frozenset({"failed_logins", "last_failed_at", "last_login_at"})}
#: columns recorded only as "changed", never with their value
_MASKED = {"user_account": frozenset({"password_hash"})}
MASK = "***"
_PENDING = "xkld_audit_pending"  # session.info: the entries of this transaction, in order
_LATEST = "xkld_audit_latest"  # session.info: (table, uuid) → that record's latest pending entry


#: record tables whose service writes its own entries (accounts: services.auth, never the hash)
SELF_AUDITED = frozenset({"user_account"})


def _audited_tables() -> dict[str, Any]:
    from ..domain.models import RECORD_TABLES

    tables = {model.__table__.name: model.__table__ for model in RECORD_TABLES}  # type: ignore[attr-defined]
    return {name: table for name, table in tables.items() if name not in SELF_AUDITED}


_TABLES: dict[str, Any] = _audited_tables()


def plain(value: Any) -> Any:
    """A column value as JSON: enums by stored value, dates and times in ISO form (times in UTC)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _columns(table: Any) -> list[str]:
    skipped = SKIPPED_COLUMNS | _TABLE_SKIPPED.get(table.name, frozenset())
    return [c.key for c in table.columns if c.key not in skipped]


_COLUMNS: dict[str, list[str]] = {name: _columns(table) for name, table in _TABLES.items()}

#: what names a record: its own column, or the record it belongs to (the person of a departure…)
_OWN_TITLE = {
    "person": "full_name",
    "household": "head_name",
    "household_member": "full_name",
    "family_club": "name",
    "placement_company": "name",
    "club_meeting": "topic",
    "outreach_session": "topic",
}
_TITLE_VIA = ("person_id", "departure_id", "return_id", "household_id")  # followed in this order


def _title_query(table: Any) -> Any:
    """``SELECT uuid, <the record's title>`` for *table*, joined to the records it belongs to (None: nameless)."""
    joined, current = table, table
    for _hop in range(4):
        column = _OWN_TITLE.get(current.name)
        if column is not None:
            return sa.select(table.c.uuid, current.c[column]).select_from(joined)
        via = next((current.c[name] for name in _TITLE_VIA if name in current.c), None)
        if via is None:
            return None
        parent = next(iter(via.foreign_keys)).column.table
        joined = joined.join(parent, parent.c.id == via)
        current = parent
    return None


_TITLE_QUERIES: dict[str, Any] = {
    name: query for name, table in _TABLES.items() if (query := _title_query(table)) is not None
}


def record_titles(conn: Connection, keys: Iterable[tuple[str, str | None]]) -> dict[tuple[str, str], str]:
    """``{(table, uuid): title}``: the name of each record (a person's, a household head's, a club's…), as it is now.

    A departure, a return, a loan is named by its person; a visit by its household. Records no
    longer there (purged, erased) and kinds without a name are left out. A query per kind of
    record and 500 records.
    """
    by_table: dict[str, list[str]] = {}
    for table, uuid in keys:
        if uuid and table in _TITLE_QUERIES:
            by_table.setdefault(table, []).append(uuid)
    found: dict[tuple[str, str], str] = {}
    for table, uuids in by_table.items():
        query = _TITLE_QUERIES[table]
        uuid_column = _TABLES[table].c.uuid
        unique = list(dict.fromkeys(uuids))
        for start in range(0, len(unique), 500):
            for uuid, title in conn.execute(query.where(uuid_column.in_(unique[start : start + 500]))):
                if title:
                    found[(table, uuid)] = str(title)
    return found


def _masked(table: str, key: str, value: Any) -> Any:
    return MASK if key in _MASKED.get(table, ()) and value not in (None, "") else value


def _values(table: str, source: Mapping[str, Any]) -> dict[str, Any]:
    """The recorded fields of a whole record (create / hard delete): every column that has a value (not "")."""
    out: dict[str, Any] = {}
    for key in _COLUMNS[table]:
        value = plain(source.get(key))
        if value is not None and value != "":
            out[key] = _masked(table, key, value)
    return out


def _entry(table: str, uuid: Any, action: str, before: Any, after: Any, who: str | None = None) -> dict[str, Any]:
    return {
        "table_name": table,
        "record_uuid": uuid,
        "action": action,
        "before": before,
        "after": after,
        "username": who,
    }


def _pending(session: Session) -> list[dict[str, Any]]:
    return session.info.setdefault(_PENDING, [])  # type: ignore[no-any-return]


def _add_change(session: Session, change: dict[str, Any]) -> None:
    """Queue *change* for the commit, merging an update into the record's earlier entry of this transaction."""
    pending = _pending(session)
    latest: dict[tuple[str, Any], dict[str, Any]] = session.info.setdefault(_LATEST, {})
    key = (change["table_name"], change["record_uuid"])
    if change["action"] == "update":
        earlier = latest.get(key)
        if earlier is not None and earlier["action"] != "purge":
            before, after = earlier.setdefault("before", {}), earlier.setdefault("after", {})
            for field, value in change["after"].items():
                if earlier["action"] != "create" and field not in before:
                    before[field] = change["before"].get(field)
                after[field] = value
            if earlier["action"] == "update":
                for field in [f for f in after if before.get(f) == after[f]]:
                    before.pop(field, None)
                    after.pop(field)
                if not after:
                    pending.remove(earlier)
                    del latest[key]
            return
    pending.append(change)
    latest[key] = change


def _change_of(state: Any) -> dict[str, Any] | None:
    """(action, before, after) of a flushed dirty object from its attribute history, or None."""
    table = state.mapper.local_table.name
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in _COLUMNS[table]:
        attr = state.attrs[key]
        history = attr.history
        if not history.added and not history.deleted:
            continue
        new = plain(history.added[0]) if history.added else plain(attr.value)
        old = plain(history.deleted[0]) if history.deleted else None
        if new == old:
            continue
        before[key], after[key] = _masked(table, key, old), _masked(table, key, new)
    if not after:
        return None
    action = "update"
    if "deleted_at" in after:
        if before["deleted_at"] is None:
            action = "delete"
        elif after["deleted_at"] is None:
            action = "restore"
    return _entry(table, state.dict.get("uuid"), action, before, after)


@dataclass(frozen=True)
class _Link:
    """A table of pairs that belongs to a record: recorded as one field of that record (a sorted list)."""

    parent: str  # the record's table
    parent_key: str  # this table's column naming the record's id
    value: str  # this table's other column: the list's values
    field: str  # the field name in the record's entry


#: link tables, recorded as a list field of their record ("policy_groups": ["poor", …])
LINKS: dict[str, _Link] = {
    "person_policy_group": _Link("person", "person_id", "group", "policy_groups"),
    "club_meeting_attendance": _Link("club_meeting", "meeting_id", "household_id", "households"),
    "follow_up_support_need": _Link("return_follow_up", "follow_up_id", "need", "support_needs"),
    "outreach_attendance": _Link("outreach_session", "session_id", "person_id", "people"),
}


def _link_changes(session: Session, name: str, changed: Mapping[int, tuple[set[Any], set[Any]]], who: str) -> None:
    """Record, per parent record, its list field before → after (rows *changed*: id → (added, removed))."""
    link = LINKS[name]
    table = AuditEvent.metadata.tables[name]
    parent = AuditEvent.metadata.tables[link.parent]
    conn = session.connection()
    for parent_id, (added, removed) in changed.items():
        uuid = conn.scalar(sa.select(parent.c.uuid).where(parent.c.id == parent_id))
        query = sa.select(table.c[link.value]).where(table.c[link.parent_key] == parent_id)
        now = {plain(v) for v in conn.scalars(query)}
        was = (now - added) | removed
        if was != now and uuid is not None:
            ordered = sorted(was, key=str), sorted(now, key=str)
            _add_change(
                session, _entry(link.parent, uuid, "update", {link.field: ordered[0]}, {link.field: ordered[1]}, who)
            )


def _after_flush(session: Session, _context: Any) -> None:
    who = None
    links: dict[str, dict[int, tuple[set[Any], set[Any]]]] = {}
    for obj, action in (
        *((o, "create") for o in session.new),
        *((o, "update") for o in session.dirty),
        *((o, "purge") for o in session.deleted),
    ):
        state = sa.inspect(obj)
        table = state.mapper.local_table.name
        link = LINKS.get(table)
        if link is not None:
            if action != "update":
                parent_id = state.dict.get(link.parent_key)
                added, removed = links.setdefault(table, {}).setdefault(parent_id, (set(), set()))
                (removed if action == "purge" else added).add(plain(state.dict.get(link.value)))
            continue
        if table not in _TABLES:
            continue
        if action == "create":
            change: dict[str, Any] | None = _entry(
                table, state.dict.get("uuid"), action, None, _values(table, state.dict)
            )
        elif action == "purge":
            change = _entry(table, state.dict.get("uuid"), action, _values(table, state.dict), None)
        else:
            if not session.is_modified(obj, include_collections=False):
                continue
            change = _change_of(state)
        if change is not None:
            if who is None:
                who = username_of(session)
            change["username"] = who
            _add_change(session, change)
    for name, changed in links.items():
        _link_changes(session, name, changed, who if who is not None else username_of(session))


def _on_execute(state: Any) -> Any:
    """``session.execute(update/delete/insert(record table))``: record each row it changes."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return None
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name in LINKS:
        return _on_link_execute(state, name)
    if name not in _TABLES:
        return None
    table = _TABLES[name]
    session = state.session
    who = username_of(session)
    if state.is_insert:
        result = state.invoke_statement()
        params = state.parameters
        rows = params if isinstance(params, list | tuple) else [params] if params else []
        for row in rows:
            if isinstance(row, Mapping) and row.get("uuid"):
                values = {str(getattr(k, "key", k)): v for k, v in row.items()}
                _add_change(session, _entry(name, values["uuid"], "create", None, _values(name, values), who))
        return result
    params = state.parameters
    if isinstance(params, list | tuple) and params:  # ORM bulk update by primary key
        ids = [p.get("id") for p in params if isinstance(p, Mapping)]
        where: Any = table.c.id.in_(ids) if all(i is not None for i in ids) else None
        if where is None:
            return None
    else:
        where = state.statement.whereclause
    conn = session.connection()
    columns = [table.c[k] for k in _COLUMNS[name]]
    query = sa.select(table.c.uuid, *columns)
    if where is not None:
        query = query.where(where)
    before = {r.uuid: dict(r._mapping) for r in conn.execute(query)}
    result = state.invoke_statement()
    if not before:
        return result
    uuids = list(before)
    if state.is_delete:
        after: dict[str, dict[str, Any]] = {}
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            found = conn.execute(sa.select(table.c.uuid, *columns).where(table.c.uuid.in_(chunk)))
            after.update({r.uuid: dict(r._mapping) for r in found})
        for uuid in uuids:
            if uuid not in after:
                _add_change(session, _entry(name, uuid, "purge", _values(name, before[uuid]), None, who))
        return result
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        for row in conn.execute(sa.select(table.c.uuid, *columns).where(table.c.uuid.in_(chunk))):
            old, new = before[row.uuid], dict(row._mapping)
            changed = [k for k in _COLUMNS[name] if plain(old[k]) != plain(new[k])]
            if not changed:
                continue
            b = {k: _masked(name, k, plain(old[k])) for k in changed}
            a = {k: _masked(name, k, plain(new[k])) for k in changed}
            action = "update"
            if "deleted_at" in a:
                action = "delete" if b["deleted_at"] is None else "restore" if a["deleted_at"] is None else "update"
            _add_change(session, _entry(name, row.uuid, action, b, a, who))
    return result


def _on_link_execute(state: Any, name: str) -> Any:
    """``session.execute(insert/delete(link table))``: record the parents' list fields."""
    link = LINKS[name]
    table = AuditEvent.metadata.tables[name]
    changed: dict[Any, tuple[set[Any], set[Any]]] = {}
    if state.is_insert:
        params = state.parameters
        rows = params if isinstance(params, list | tuple) else [params] if params else []
        for row in rows:
            if isinstance(row, Mapping):
                values = {str(getattr(k, "key", k)): v for k, v in row.items()}
                changed.setdefault(values.get(link.parent_key), (set(), set()))[0].add(plain(values.get(link.value)))
        result = state.invoke_statement()
    elif state.is_delete:
        query = sa.select(table.c[link.parent_key], table.c[link.value])
        if state.statement.whereclause is not None:
            query = query.where(state.statement.whereclause)
        for parent_id, value in state.session.connection().execute(query):
            changed.setdefault(parent_id, (set(), set()))[1].add(plain(value))
        result = state.invoke_statement()
    else:
        return None
    changed.pop(None, None)
    if changed:
        _link_changes(state.session, name, changed, username_of(state.session))
    return result


def _before_commit(session: Session) -> None:
    if not session.info.get(_PENDING) and not (session.new or session.deleted or session.dirty):
        return
    session.flush()  # the commit's own flush comes after this event: flush now to see every change
    pending = session.info.pop(_PENDING, None)
    session.info.pop(_LATEST, None)
    if pending:
        # the records' names, for the log's search (a purged record's from its last values)
        titles = record_titles(session.connection(), [(e["table_name"], e["record_uuid"]) for e in pending])
        append_events(
            session,
            [
                {
                    "username": e.get("username") or "",
                    "action": e["action"],
                    "table_name": e["table_name"],
                    "record_uuid": e["record_uuid"],
                    "before_json": _json(e["before"]),
                    "after_json": _json(e["after"]),
                    "title": titles.get((e["table_name"], e["record_uuid"])) or _own_title(e),
                }
                for e in pending
            ],
        )


def _own_title(entry: Mapping[str, Any]) -> str | None:
    """The name a purged record carried in its last values (its own column only)."""
    column = _OWN_TITLE.get(entry["table_name"])
    values = entry.get("before")
    return values.get(column) if column and isinstance(values, dict) else None


def _after_rollback(session: Session, previous: Any) -> None:
    if not previous.nested:
        session.info.pop(_PENDING, None)
        session.info.pop(_LATEST, None)


_installed = False


def install() -> None:
    """Register the automatic recording on every ORM Session (idempotent; done on import)."""
    global _installed
    if _installed:
        return
    sa.event.listen(Session, "after_flush", _after_flush)
    sa.event.listen(Session, "do_orm_execute", _on_execute)
    sa.event.listen(Session, "before_commit", _before_commit)
    sa.event.listen(Session, "after_soft_rollback", _after_rollback)
    _installed = True


install()


# --------------------------------------------------------------------------- export and print of personal data

#: what an "export" / "print" entry names (``detail["kind"]``), with its Vietnamese label
EXPORT_KINDS = {
    "list_departed": "Danh sách xuất cảnh (Excel)",
    "list_returned": "Danh sách về nước (Excel)",
    "list_review": "Danh sách rà soát (Excel)",
    "list_club": "Danh sách hộ thành viên CLB (Excel)",
    "template": "Mẫu Excel điền danh sách",
    "person_sheet": "Phiếu thông tin người lao động",
    "audit_log": "Nhật ký thay đổi (Excel)",
    "backup": "Bản sao lưu toàn bộ cơ sở dữ liệu",
}


def record_export(
    engine: Engine,
    *,
    kind: str,
    count: int,
    detail: Mapping[str, Any] | None = None,
    action: str = "export",
    table: str = "",
    record_uuid: str | None = None,
    person_id: int | None = None,
) -> None:
    """Write one "export" entry (its own transaction): who took *count* records of personal data out.

    *kind* is a key of :data:`EXPORT_KINDS`; *detail* adds what the user chose (period, file
    name). A person's record sheet names the person (*person_id*, or *table* / *record_uuid*).
    """
    from ..store.session import write_session

    body = {"kind": kind, "count": int(count), **(detail or {})}
    with write_session(engine) as session:
        if person_id is not None:
            table = "person"
            record_uuid = session.scalar(sa.select(_PERSON.c.uuid).where(_PERSON.c.id == person_id))
        record_event(
            session,
            username=username_of(engine),
            action=action,
            table=table,
            record_uuid=record_uuid,
            detail={k: plain(v) for k, v in body.items()},
        )


def record_print(
    engine: Engine,
    *,
    kind: str,
    count: int = 1,
    detail: Mapping[str, Any] | None = None,
    table: str = "",
    record_uuid: str | None = None,
    person_id: int | None = None,
) -> None:
    """Write one "print" entry; the window calls it just before it sends personal data to a printer.

    Raises the store's environment errors (Vietnamese message) when it cannot be written: the
    window then does not print, so no personal data is printed without its audit line.
    """
    record_export(
        engine,
        kind=kind,
        count=count,
        detail=detail,
        action="print",
        table=table,
        record_uuid=record_uuid,
        person_id=person_id,
    )


# --------------------------------------------------------------------------- browsing (administrator only)

#: action → (Vietnamese, English) label
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "create": ("Thêm mới", "Created"),
    "update": ("Sửa", "Updated"),
    "delete": ("Xóa (vào thùng rác)", "Deleted"),
    "restore": ("Khôi phục", "Restored"),
    "purge": ("Xóa hẳn", "Purged"),
    "erasure": ("Xóa dữ liệu cá nhân theo yêu cầu", "Personal data erased"),
    "import": ("Nhập Excel", "Imported"),
    "import_undo": ("Hoàn tác lần nhập", "Import undone"),
    "merge": ("Gộp hồ sơ", "Merged"),
    "export": ("Xuất dữ liệu", "Exported"),
    "print": ("In", "Printed"),
    "login": ("Đăng nhập", "Logged in"),
    "failed_login": ("Đăng nhập sai", "Failed login"),
    "password": ("Đổi mật khẩu", "Password changed"),
    "logout": ("Đăng xuất", "Logged out"),
    "backup": ("Sao lưu", "Backed up"),
    "demo": ("Nạp dữ liệu mẫu", "Sample data"),
}

#: table → (Vietnamese, English) label
TABLE_LABELS: dict[str, tuple[str, str]] = {
    "person": ("Người lao động", "Person"),
    "status_event": ("Diễn biến", "Status change"),
    "household": ("Hộ gia đình", "Household"),
    "household_member": ("Thành viên hộ", "Household member"),
    "family_club": ("CLB gia đình", "Family club"),
    "club_membership": ("Hộ thành viên CLB", "Club membership"),
    "club_meeting": ("Sinh hoạt CLB", "Club meeting"),
    "family_visit": ("Thăm hỏi gia đình", "Family visit"),
    "yearly_review": ("Rà soát hằng năm", "Yearly review"),
    "outreach_session": ("Buổi tư vấn", "Outreach session"),
    "placement_company": ("Doanh nghiệp đưa đi", "Placement company"),
    "departure": ("Xuất cảnh", "Departure"),
    "loan": ("Vay vốn", "Loan"),
    "departure_support": ("Khoản hỗ trợ", "Support"),
    "worker_return": ("Về nước", "Return"),
    "return_follow_up": ("Theo dõi sau về nước", "Follow-up"),
    "target": ("Chỉ tiêu", "Target"),
    "user_account": ("Tài khoản", "User account"),
}

#: field → (Vietnamese, English) label, for the fields people read most; others show their column name
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "full_name": ("Họ và tên", "Full name"),
    "gender": ("Giới tính", "Gender"),
    "date_of_birth": ("Ngày sinh", "Date of birth"),
    "birth_precision": ("Độ chính xác ngày sinh", "Birth date precision"),
    "id_number": ("Số CCCD/CMND", "ID number"),
    "id_kind": ("Loại giấy tờ", "ID kind"),
    "id_issued_on": ("Ngày cấp", "Issued on"),
    "passport_number": ("Số hộ chiếu", "Passport"),
    "phone": ("Điện thoại", "Phone"),
    "hamlet": ("Ấp/thôn", "Hamlet"),
    "commune_id": ("Xã/phường (mã nội bộ)", "Commune (internal id)"),
    "address": ("Địa chỉ", "Address"),
    "ethnicity": ("Dân tộc", "Ethnicity"),
    "education": ("Trình độ học vấn", "Education"),
    "trade_skill": ("Nghề", "Trade skill"),
    "foreign_language": ("Ngoại ngữ", "Foreign language"),
    "outreach_group": ("Nhóm tư vấn", "Outreach group"),
    "worker_code": ("Mã số người lao động", "Worker code"),
    "status": ("Trạng thái", "Status"),
    "status_since": ("Trạng thái từ ngày", "Status since"),
    "consent_on": ("Ngày đồng ý lưu dữ liệu", "Consent on"),
    "policy_groups": ("Đối tượng chính sách", "Policy groups"),
    "households": ("Hộ dự (mã nội bộ)", "Households attending (internal ids)"),
    "support_needs": ("Nhu cầu hỗ trợ", "Support needs"),
    "people": ("Người dự (mã nội bộ)", "People attending (internal ids)"),
    "notes": ("Ghi chú", "Notes"),
    "deleted_at": ("Đã xóa lúc", "Deleted at"),
    "unit_code": ("Mã đơn vị", "Unit code"),
    "person_id": ("Người (mã nội bộ)", "Person (internal id)"),
    "household_id": ("Hộ (mã nội bộ)", "Household (internal id)"),
    "head_name": ("Chủ hộ", "Head of household"),
    "poverty_status": ("Hộ nghèo/cận nghèo", "Poverty status"),
    "relationship": ("Quan hệ với chủ hộ", "Relationship"),
    "market_code": ("Thị trường", "Market"),
    "departed_on": ("Ngày xuất cảnh", "Departed on"),
    "expected_end_on": ("Ngày dự kiến về", "Expected end"),
    "returned_on": ("Ngày về nước", "Returned on"),
    "occupation": ("Ngành nghề", "Occupation"),
    "employer": ("Nơi làm việc", "Employer"),
    "amount": ("Số tiền", "Amount"),
    "happened_on": ("Ngày", "Date"),
    "note": ("Ghi chú", "Note"),
    "form": ("Hình thức đi", "Form"),
    "programme": ("Chương trình", "Programme"),
    "company_id": ("Doanh nghiệp (mã nội bộ)", "Company (internal id)"),
    "contract_months": ("Thời hạn hợp đồng (tháng)", "Contract months"),
    "orientation_cert_on": ("Ngày cấp chứng chỉ bồi dưỡng", "Orientation certificate"),
    "monthly_salary": ("Lương tháng", "Monthly salary"),
    "deposit": ("Tiền ký quỹ", "Deposit"),
    "cost_paid": ("Chi phí đã nộp", "Cost paid"),
    "is_legal": ("Xuất cảnh hợp pháp", "Legal departure"),
    "status_abroad": ("Tình trạng ở nước ngoài", "Status abroad"),
    "status_abroad_on": ("Tình trạng từ ngày", "Status abroad since"),
    "timing": ("Về đúng hạn/trước hạn", "Timing"),
    "reason": ("Lý do về", "Reason"),
    "residence_notified": ("Đã khai báo cư trú", "Residence notified"),
    "followed_on": ("Ngày theo dõi", "Followed on"),
    "employment": ("Việc làm sau khi về", "Employment"),
    "monthly_income": ("Thu nhập tháng", "Monthly income"),
    "source": ("Nguồn vay", "Loan source"),
    "disbursed_on": ("Ngày giải ngân", "Disbursed on"),
    "repayment_status": ("Tình trạng trả nợ", "Repayment"),
    "kind": ("Loại", "Kind"),
    "received_on": ("Ngày nhận", "Received on"),
    "club_id": ("CLB (mã nội bộ)", "Club (internal id)"),
    "joined_on": ("Ngày vào", "Joined on"),
    "left_on": ("Ngày ra", "Left on"),
    "held_on": ("Ngày tổ chức", "Held on"),
    "topic": ("Nội dung", "Topic"),
    "place": ("Địa điểm", "Place"),
    "visited_on": ("Ngày thăm", "Visited on"),
    "visitor": ("Người thăm", "Visitor"),
    "issues_raised": ("Vấn đề nêu ra", "Issues raised"),
    "follow_up": ("Việc cần làm tiếp", "Follow-up"),
    "year": ("Năm", "Year"),
    "classification": ("Phân loại", "Classification"),
    "counselled": ("Đã tư vấn", "Counselled"),
    "name": ("Tên", "Name"),
    "licence_number": ("Số giấy phép", "Licence number"),
    "legal_basis": ("Căn cứ lưu giữ dữ liệu", "Legal basis"),
    "legal_basis_date": ("Ngày xác lập căn cứ", "Legal basis date"),
    "legal_basis_note": ("Ghi chú căn cứ", "Legal basis note"),
    "password_hash": ("Mật khẩu", "Password"),
    "role": ("Vai trò", "Role"),
    "username": ("Tên đăng nhập", "Username"),
}


#: keys of an entry's detail (exports, imports…) → (Vietnamese, English) label
DETAIL_LABELS: dict[str, tuple[str, str]] = {
    "kind": ("Nội dung", "Kind"),
    "count": ("Số bản ghi", "Records"),
    "from": ("Từ ngày", "From"),
    "to": ("Đến ngày", "To"),
    "file": ("Tệp", "File"),
    "template": ("Tệp mẫu", "Template"),
    "text": ("Ghi chú", "Note"),
    "batch": ("Lần nhập", "Import batch"),
    "reason": ("Lý do", "Reason"),
}


def label(labels: Mapping[str, tuple[str, str]], key: str, lang: str = "vi") -> str:
    """The label of *key* in *lang* from one of the label tables; the key itself when unknown."""
    pair = labels.get(key)
    if pair is None:
        return key
    return pair[1] if lang.startswith("en") else pair[0]


def value_text(table: str, field: str, value: Any, lang: str = "vi") -> str:
    """A recorded value as people read it: enum labels, dd/mm/yyyy dates, "có"/"không"."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(value_text(table, field, v, lang) for v in value) or "—"
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang.startswith("en") else ("có" if value else "không")
    if isinstance(value, str):
        known = AuditEvent.metadata.tables.get(table)
        column = known.c.get(field) if known is not None else None
        enum_class = getattr(getattr(column, "type", None), "enum_class", None)
        for link_table, link in LINKS.items():  # a list field: the link table's value column
            if link.parent == table and link.field == field:
                value_type = AuditEvent.metadata.tables[link_table].c[link.value].type
                enum_class = getattr(value_type, "enum_class", None)
        if enum_class is not None and hasattr(enum_class, "parse"):
            member = enum_class.parse(value)
            if member is not None:
                return str(member.label(lang))
        if len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
            try:
                if len(value) == 10:
                    return date.fromisoformat(value).strftime("%d/%m/%Y")
                moment = datetime.fromisoformat(value)
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=UTC)
                return moment.astimezone().strftime("%d/%m/%Y %H:%M:%S")
            except ValueError:
                pass
        return value
    return str(value)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show: a period of days (local time, both ends included), user, action, table, text."""

    since: date | None = None
    until: date | None = None
    username: str | None = None
    action: str | None = None
    table: str | None = None
    text: str = ""


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class AuditRow:
    """One entry as the audit browser shows it (plain data)."""

    id: int
    at: datetime  # aware, UTC
    username: str
    action: str
    table_name: str
    record_uuid: str | None
    before: Any  # dict of fields (or other JSON), None
    after: Any
    detail: dict[str, Any]  # the caller's detail, without the chain data
    redacted: bool = False
    title: str = ""  # the record's name now (a departure: its person's); "" when gone or nameless

    @property
    def changes(self) -> list[FieldChange]:
        """Field by field, before → after (a created record: before None; a purged one: after None)."""
        before = self.before if isinstance(self.before, dict) else {}
        after = self.after if isinstance(self.after, dict) else {}
        keys = list(dict.fromkeys([*before, *after]))
        return [FieldChange(k, before.get(k), after.get(k)) for k in keys]

    def summary(self, lang: str = "vi") -> str:
        """One line: what the entry is about (whose record, a few changed fields, or the detail)."""
        text = self._summary(lang)
        return f"{self.title}: {text}" if self.title and text else self.title or text

    def _summary(self, lang: str) -> str:
        if self.redacted:
            return "(dữ liệu cá nhân đã xóa theo yêu cầu)" if not lang.startswith("en") else "(personal data erased)"
        if self.changes:
            names = [label(FIELD_LABELS, c.field, lang) for c in self.changes]
            return ", ".join(names[:6]) + (" …" if len(names) > 6 else "")
        detail = dict(self.detail)
        kind = detail.pop("kind", None)
        parts = [EXPORT_KINDS.get(str(kind), str(kind))] if kind else []
        if "text" in detail:
            parts.append(str(detail.pop("text")))
        order = list(DETAIL_LABELS)
        ranked = sorted(detail.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
        parts += [
            f"{label(DETAIL_LABELS, k, lang)}: {value_text('', k, v, lang)}"
            for k, v in ranked
            if not isinstance(v, dict | list)
        ]
        return "; ".join(parts)


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    count: int | None  # all the entries the filter finds (None when not asked)


def _loads(text: str | None) -> tuple[Any, bool]:
    if text is None:
        return None, False
    if _redaction(text) is not None:
        return None, True
    try:
        return json.loads(text), False
    except ValueError:
        return text, False


def _row(r: Mapping[Any, Any]) -> AuditRow:
    body, _chain = _split_detail(r["detail"])
    before, red1 = _loads(r["before_json"])
    after, red2 = _loads(r["after_json"])
    at = r["at"]
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return AuditRow(
        id=int(r["id"]),
        at=at,
        username=r["username"] or "",
        action=r["action"],
        table_name=r["table_name"] or "",
        record_uuid=r["record_uuid"],
        before=before,
        after=after,
        detail=body if isinstance(body, dict) else {"text": body} if body else {},
        redacted=red1 or red2,
    )


def _with_titles(conn: Connection, rows: list[AuditRow]) -> list[AuditRow]:
    """*rows* with the names of their records (:func:`record_titles`), read for the page at once."""
    titles = record_titles(conn, [(r.table_name, r.record_uuid) for r in rows])
    return [replace(r, title=titles[key]) if (key := (r.table_name, r.record_uuid)) in titles else r for r in rows]


def _day_start(day: date) -> datetime:
    """Local midnight of *day*, in UTC (as the log stores times)."""
    return datetime.combine(day, datetime.min.time()).astimezone().astimezone(UTC)


def _conditions(flt: AuditFilter) -> list[Any]:
    from datetime import timedelta

    where: list[Any] = []
    if flt.since is not None:
        where.append(AUDIT.c.at >= _day_start(flt.since))
    if flt.until is not None:
        where.append(AUDIT.c.at < _day_start(flt.until + timedelta(days=1)))
    if flt.username is not None:
        where.append(AUDIT.c.username == flt.username)
    if flt.action:
        where.append(AUDIT.c.action == flt.action)
    if flt.table is not None:
        # not through ix_audit_event_record: one kind of record is most of the log, and that index
        # would make the database sort all of it for ORDER BY id; walking the ids newest first
        # stops after a page
        where.append(sa.func.coalesce(AUDIT.c.table_name, "") == flt.table)
    text = search_text(flt.text)  # folded, as the entries' search_text: "nguyen" finds "Nguyễn"
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(AUDIT.c.search_text.like(f"%{escaped}%", escape="\\"))
    return where


def query(
    engine: Engine,
    *,
    since: date | None = None,
    until: date | None = None,
    username: str | None = None,
    action: str | None = None,
    table: str | None = None,
    text: str = "",
    offset: int = 0,
    limit: int = 200,
    with_count: bool = True,
) -> AuditPage:
    """Entries matching the filter, newest first: *limit* of them from *offset*, and how many match.

    Administrator only (:class:`~.access.AccessDenied` otherwise). *since* / *until* are days in
    local time, both included; *text* is looked for in the user, record id, fields and detail.
    """
    _require_audit_read(engine)
    flt = AuditFilter(since, until, username, action, table, text)
    where = _conditions(flt)
    with read_session(engine) as session:
        conn = session.connection()
        stmt = sa.select(AUDIT).where(*where).order_by(AUDIT.c.id.desc()).offset(max(0, offset)).limit(max(0, limit))
        rows = _with_titles(conn, [_row(r) for r in conn.execute(stmt).mappings()])
        count = None
        if with_count:
            count = int(conn.scalar(sa.select(sa.func.count()).select_from(AUDIT).where(*where)) or 0)
    return AuditPage(rows, count)


def query_filter(
    engine: Engine, flt: AuditFilter, *, offset: int = 0, limit: int = 200, with_count: bool = True
) -> AuditPage:
    """:func:`query` with an :class:`AuditFilter`."""
    return query(
        engine,
        since=flt.since,
        until=flt.until,
        username=flt.username,
        action=flt.action,
        table=flt.table,
        text=flt.text,
        offset=offset,
        limit=limit,
        with_count=with_count,
    )


@dataclass(frozen=True)
class AuditChoices:
    """What the filters offer: the users, actions and tables that occur in the log."""

    usernames: list[str]
    actions: list[str]
    tables: list[str]


def filter_choices(engine: Engine) -> AuditChoices:
    """The distinct users, actions and tables of the log (administrator only)."""
    _require_audit_read(engine)
    with read_session(engine) as session:
        conn = session.connection()

        def distinct(column: Any) -> list[str]:
            return sorted(v for v in conn.scalars(sa.select(column).distinct()) if v is not None)

        return AuditChoices(distinct(AUDIT.c.username), distinct(AUDIT.c.action), distinct(AUDIT.c.table_name))


_XLSX_HEADERS = (
    ("Số", 8),
    ("Thời điểm", 20),
    ("Người dùng", 16),
    ("Thao tác", 18),
    ("Loại hồ sơ", 20),
    ("Hồ sơ của", 24),
    ("Mã hồ sơ (uuid)", 38),
    ("Trường", 26),
    ("Trước", 40),
    ("Sau", 40),
    ("Chi tiết", 40),
)


def _change_lines(row: AuditRow, lang: str = "vi") -> tuple[str, str, str]:
    fields, before, after = [], [], []
    for change in row.changes:
        fields.append(label(FIELD_LABELS, change.field, lang))
        before.append(value_text(row.table_name, change.field, change.before, lang))
        after.append(value_text(row.table_name, change.field, change.after, lang))
    return "\n".join(fields), "\n".join(before), "\n".join(after)


def export_xlsx(
    engine: Engine,
    filters: AuditFilter,
    path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the entries the filter finds (newest first) to the .xlsx at *path*; return how many.

    Administrator only. Vietnamese headers; one row per entry, the changed fields one per line
    in the cell; every text written as text (a value starting with ``=`` stays text). The file
    is written under a temporary name and renamed at the end. The export is itself recorded.
    """
    import os
    import tempfile

    from .xlsx_stream import StreamingWorkbook

    _require_audit_read(engine)
    final = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=final.parent)
    os.close(fd)
    written = 0
    try:
        with StreamingWorkbook(tmp) as book:
            head = book.style(bold=True, border=True, wrap=True, vertical="top", fill="E8EEF7")
            body = book.style(wrap=True, vertical="top")
            sheet = book.add_sheet("Nhật ký", widths=[w for _t, w in _XLSX_HEADERS], freeze_rows=1)
            sheet.write_row(0, [t for t, _w in _XLSX_HEADERS], head)
            where = _conditions(filters)
            with read_session(engine) as session:
                conn = session.connection()
                total = int(conn.scalar(sa.select(sa.func.count()).select_from(AUDIT).where(*where)) or 0)
                stmt = sa.select(AUDIT).where(*where).order_by(AUDIT.c.id.desc())
                result = conn.execution_options(yield_per=2000).execute(stmt)
                try:
                    for part in result.mappings().partitions():  # the records' names read a part at a time
                        for row in _with_titles(conn, [_row(r) for r in part]):
                            fields, before, after = _change_lines(row)
                            written += 1
                            values = (
                                row.id,
                                row.at.astimezone().strftime("%d/%m/%Y %H:%M:%S"),
                                row.username,
                                label(ACTION_LABELS, row.action),
                                label(TABLE_LABELS, row.table_name) if row.table_name else "",
                                row.title,
                                row.record_uuid or "",
                                fields,
                                before,
                                after,
                                row._summary("vi") if not row.changes else "",
                            )
                            sheet.write_row(written, values, body)
                            if progress is not None and written % 2000 == 0:
                                progress(written, total)
                finally:
                    result.close()
        # the log's personal data leave the program: an audit line first (no line, no file)
        record_export(engine, kind="audit_log", count=written, detail={"file": final.name})
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written
