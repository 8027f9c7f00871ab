"""Nhật ký — the audit trail, append-only and tamper-evident (a SHA-256 hash chain).

Scheme (no new column; the chain lives in the ``detail`` column, which holds a JSON object):

* Every entry written through :func:`record_event` / :func:`append_events` stores
  ``detail = {…the caller's detail…, "chain": {"v": 1, "n": N, "prev": P, "hash": H}}``
  where ``N`` is the entry's position in the log (1-based, every row counts), ``P`` the hash of
  the entry before it, and ``H = sha256(canonical JSON of [v, N, P, at, username, action,
  table_name, record_uuid, before_json, after_json, detail without "chain"])``. ``at`` is the UTC
  time in ISO form with microseconds; ``before_json`` / ``after_json`` are hashed as stored.
  A plain-text detail is kept as ``{"text": …}``.
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
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from ..domain.models import AppSetting, AuditEvent, utcnow
from ..store.session import read_session

AUDIT = AuditEvent.__table__  # type: ignore[attr-defined]
SETTING = AppSetting.__table__  # type: ignore[attr-defined]
HEAD_KEY = "audit_chain_head"
CHAIN_VERSION = 1
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


def _entry_hash(row: Mapping[Any, Any], body: Any, n: int, prev: str) -> str:
    parts = [CHAIN_VERSION, n, prev, _at_text(row["at"]), *(row.get(k) for k in _FIELDS), body]
    canonical = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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
        digest = _entry_hash(row, body, n, prev)
        row["detail"] = json.dumps(
            {**body, "chain": {"v": CHAIN_VERSION, "n": n, "prev": prev, "hash": digest}},
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        )
        rows.append(row)
        prev = digest
    conn.execute(sa.insert(AUDIT), rows)
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


def _verify_rows(rows: Iterable[Mapping[Any, Any]], head: str | None) -> VerifyResult:
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
            if _entry_hash(row, body, n, last) != chain.get("hash"):
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


def verify_chain(engine: Engine) -> VerifyResult:
    """Check the whole audit log: every entry unchanged, none removed or inserted outside the program."""
    with read_session(engine) as session:
        conn = session.connection()
        head = conn.scalar(sa.select(SETTING.c.value).where(SETTING.c.key == HEAD_KEY))
        rows = conn.execution_options(yield_per=5000).execute(sa.select(AUDIT).order_by(AUDIT.c.id)).mappings()
        return _verify_rows(rows, head)
