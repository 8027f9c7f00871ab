"""The audit chain: entries are chained by SHA-256; edits, removals and insertions outside the program are found."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

import sqlalchemy as sa

from xkld_desktop.domain.models import AuditEvent
from xkld_desktop.services.audit import HEAD_KEY, record_event, verify_chain
from xkld_desktop.services.database import Database
from xkld_desktop.store.session import write_session

AUDIT = AuditEvent.__table__  # type: ignore[attr-defined]


def _record(db: Database, count: int, *, start: int = 0) -> None:
    with write_session(db.engine) as session:
        for i in range(start, start + count):
            record_event(
                session,
                username="can_bo",
                action="update",
                table="person",
                record_uuid=f"uuid-{i}",
                before={"full_name": f"Nguyễn Văn {i}", "version": 1},
                after={"full_name": f"Nguyễn Văn Đức {i}", "version": 2},
            )


def _sql(db: Database, statement: str, *params: object) -> None:
    """Change the database behind the program's back (as a tamperer would: no ORM, no audit)."""
    if db.path is None:  # PostgreSQL: the driver's own connection, its own parameter style
        raw = db.engine.raw_connection()
        try:
            raw.cursor().execute(statement.replace("?", "%s"), params)
            raw.commit()
        finally:
            raw.close()
        return
    conn = sqlite3.connect(db.path)
    try:
        conn.execute(statement, params)
        conn.commit()
    finally:
        conn.close()


def _rows(db: Database) -> list[dict]:
    with db.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(AUDIT).order_by(AUDIT.c.id)).mappings()]


def test_entries_are_chained_and_verify(database: Database) -> None:
    _record(database, 5)
    rows = _rows(database)
    assert len(rows) == 5
    chains = [json.loads(r["detail"])["chain"] for r in rows]
    assert [c["n"] for c in chains] == [1, 2, 3, 4, 5]
    assert chains[0]["prev"] == "0" * 64
    assert all(chains[i]["prev"] == chains[i - 1]["hash"] for i in range(1, 5))
    assert json.loads(rows[0]["after_json"]) == {"full_name": "Nguyễn Văn Đức 0", "version": 2}
    result = verify_chain(database.engine)
    assert result.ok and result.count == 5 and result.chained == 5 and result.legacy == 0
    assert result.head_hash == chains[-1]["hash"]


def test_an_edited_entry_is_found(database: Database) -> None:
    _record(database, 4)
    third = _rows(database)[2]["id"]
    _sql(database, "UPDATE audit_event SET after_json = ? WHERE id = ?", '{"full_name": "Người khác"}', third)
    result = verify_chain(database.engine)
    assert not result.ok and result.broken_id == third
    assert "đã bị sửa" in result.problem


def test_an_edited_time_or_user_is_found(database: Database) -> None:
    _record(database, 3)
    first = _rows(database)[0]["id"]
    _sql(database, "UPDATE audit_event SET username = 'ke_gian' WHERE id = ?", first)
    assert verify_chain(database.engine).broken_id == first


def test_a_removed_entry_is_found(database: Database) -> None:
    _record(database, 4)
    rows = _rows(database)
    _sql(database, "DELETE FROM audit_event WHERE id = ?", rows[1]["id"])
    result = verify_chain(database.engine)
    assert not result.ok and result.broken_id == rows[2]["id"]


def test_removing_the_last_entries_is_found(database: Database) -> None:
    _record(database, 4)
    rows = _rows(database)
    _sql(database, "DELETE FROM audit_event WHERE id >= ?", rows[2]["id"])
    result = verify_chain(database.engine)
    assert not result.ok and "các mục cuối" in result.problem


def test_an_inserted_entry_is_found(database: Database) -> None:
    _record(database, 3)
    _sql(
        database,
        "INSERT INTO audit_event(at, username, action, table_name, detail) VALUES (?, 'x', 'update', 'person', '')",
        "2026-11-25 01:00:00.000000",
    )
    result = verify_chain(database.engine)
    assert not result.ok and "thêm vào ngoài chương trình" in result.problem
    # a forged entry copying another's chain data is found too
    _sql(database, "DELETE FROM audit_event WHERE username = 'x'")
    assert verify_chain(database.engine).ok
    rows = _rows(database)
    _sql(
        database,
        "INSERT INTO audit_event(at, username, action, table_name, detail) VALUES (?, 'x', 'update', 'person', ?)",
        "2026-11-25 01:00:00.000000",
        rows[-1]["detail"],
    )
    assert not verify_chain(database.engine).ok


def test_legacy_entries_before_the_chain_are_reported_not_failed(database: Database) -> None:
    with database.engine.begin() as conn:
        conn.execute(
            sa.insert(AUDIT),
            [
                {"at": datetime(2025, 1, 1, tzinfo=UTC), "action": "demo", "detail": "Tạo dữ liệu mẫu"},
                {"at": datetime(2025, 1, 2, tzinfo=UTC), "action": "import", "detail": '{"batch": "b1"}'},
            ],
        )
    assert verify_chain(database.engine).ok  # only legacy rows: nothing to break yet
    _record(database, 2)
    result = verify_chain(database.engine)
    assert result.ok and result.legacy == 2 and result.chained == 2 and result.count == 4
    assert "2 mục cũ" in result.summary
    # editing a legacy entry afterwards is detected: the first chained entry covers it
    legacy_id = _rows(database)[0]["id"]
    _sql(database, "UPDATE audit_event SET detail = 'sửa' WHERE id = ?", legacy_id)
    result = verify_chain(database.engine)
    assert not result.ok and "các mục cũ" in result.problem


def test_removing_the_head_row_is_found(database: Database) -> None:
    _record(database, 2)
    _sql(database, "DELETE FROM app_setting WHERE key = ?", HEAD_KEY)
    assert not verify_chain(database.engine).ok


def test_a_rolled_back_transaction_leaves_the_chain_whole(database: Database) -> None:
    _record(database, 2)
    try:
        with write_session(database.engine) as session:
            record_event(session, username="a", action="update", table="person", record_uuid="u")
            raise RuntimeError("lỗi giữa chừng")
    except RuntimeError:
        pass
    _record(database, 1, start=10)
    result = verify_chain(database.engine)
    assert result.ok and result.count == 3


def test_the_importer_and_demo_write_chained_entries(database: Database) -> None:
    from xkld_desktop.services.demo import generate_demo

    generate_demo(database.engine, people=30, seed=3)
    rows = _rows(database)
    assert rows and all("chain" in json.loads(r["detail"]) for r in rows)
    assert json.loads(rows[-1]["detail"])["text"].startswith("Tạo dữ liệu mẫu: 30 người")
    assert verify_chain(database.engine).ok


def test_two_writers_at_once_keep_one_chain(database: Database) -> None:
    import threading

    def writer(name: str) -> None:
        for i in range(25):
            with write_session(database.engine) as session:
                record_event(session, username=name, action="update", table="person", record_uuid=f"{name}-{i}")

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = verify_chain(database.engine)
    assert result.ok and result.count == 50
    assert [json.loads(r["detail"])["chain"]["n"] for r in _rows(database)] == list(range(1, 51))


def test_import_and_its_undo_stay_verifiable(database: Database, tmp_path) -> None:
    from datetime import date

    from tests.unit.services.excel_import_books import messy_workbook
    from xkld_desktop.services.excel_import.commit import commit_import, list_imports, undo_import
    from xkld_desktop.services.excel_import.preview import preview_files

    today = date(2026, 11, 25)
    path = messy_workbook(tmp_path / "ds.xlsx")
    result = commit_import(database.engine, preview_files(database.engine, [path], today=today), today=today)
    [batch] = list_imports(database.engine)
    assert "chain" not in batch and batch["batch"] == result.batch_id
    undo_import(database.engine, result.batch_id)
    verified = verify_chain(database.engine)
    assert verified.ok and verified.count == len(_rows(database)) > result.imported
    actions = [r["action"] for r in _rows(database)]
    assert actions[-1] == "import_undo"
