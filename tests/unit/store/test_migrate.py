"""Migrations create the schema, upgrade every earlier revision after a backup, refuse newer ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from xkld_desktop.domain.models import metadata
from xkld_desktop.store.engine import create_engine, sqlite_url_for
from xkld_desktop.store.errors import NewerDatabaseError
from xkld_desktop.store.migrate import (
    current_revision,
    downgrade,
    head_revision,
    migrate,
    revisions_oldest_first,
)


def schema_diff(engine) -> list:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, metadata)


def test_new_database_gets_the_whole_schema(db_url: str) -> None:  # SQLite and PostgreSQL
    eng = create_engine(db_url)
    report = migrate(eng)
    assert report.from_revision is None
    assert report.to_revision == head_revision()
    assert report.backup is None  # nothing to back up in a new file
    assert schema_diff(eng) == []
    tables = set(inspect(eng).get_table_names())
    assert {"person", "household", "departure", "worker_return", "family_club", "target"} <= tables
    # Migrating again does nothing.
    assert migrate(eng).changed is False
    eng.dispose()


@pytest.mark.parametrize("start", revisions_oldest_first())
def test_upgrade_from_each_revision_backs_up_first(tmp_path: Path, start: str) -> None:
    path = tmp_path / "old.db"
    eng = create_engine(sqlite_url_for(path))
    migrate(eng, target=start)
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS marker (x TEXT)"))
        conn.execute(text("INSERT INTO marker VALUES ('dữ liệu cũ')"))
    report = migrate(eng)
    assert current_revision(eng) == head_revision()
    if start == head_revision():
        assert report.backup is None
    else:
        assert report.backup is not None and report.backup.exists()
        with sqlite3.connect(report.backup) as bak:
            assert bak.execute("SELECT version_num FROM alembic_version").fetchone() == (start,)
            assert bak.execute("SELECT x FROM marker").fetchone() == ("dữ liệu cũ",)
    eng.dispose()


def test_downgrade_to_base_and_up_again(db_url: str) -> None:  # SQLite and PostgreSQL
    eng = create_engine(db_url)
    migrate(eng)
    downgrade(eng, "base")
    assert current_revision(eng) is None
    assert "person" not in inspect(eng).get_table_names()
    migrate(eng)
    assert schema_diff(eng) == []
    eng.dispose()


def test_database_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path, db_url: str) -> None:
    eng = create_engine(db_url)  # SQLite and PostgreSQL
    migrate(eng)
    with eng.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dcafe9999'"))
    with pytest.raises(NewerDatabaseError) as info:
        migrate(eng)
    assert "phiên bản mới hơn" in info.value.message
    assert current_revision(eng) == "f00dcafe9999"
    assert list(tmp_path.glob("*.truoc-nang-cap-*")) == []
    eng.dispose()


def test_failed_migration_leaves_the_database_as_it_was(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's and PostgreSQL's DDL is transactional: a migration failing half-way rolls back entirely."""
    from alembic import command

    from xkld_desktop.store.errors import MigrationError

    eng = create_engine(db_url)

    def broken_upgrade(cfg, _target) -> None:
        conn = cfg.attributes["connection"]
        conn.execute(text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("migration bug")

    monkeypatch.setattr(command, "upgrade", broken_upgrade)  # migrate() loads Alembic when it needs it
    with pytest.raises(MigrationError) as info:
        migrate(eng)
    assert "giữ nguyên" in info.value.message
    assert "half_done" not in inspect(eng).get_table_names()
    eng.dispose()


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    from xkld_desktop.store.first_look import head_revision_from_files

    assert head_revision_from_files() == head_revision()


def test_opening_a_database_at_the_newest_revision_does_not_load_alembic(tmp_path: Path) -> None:
    """Every start but the first after an update: the start-up path stays without Alembic's imports."""
    import subprocess
    import sys

    path = tmp_path / "at-head.db"
    migrate(create_engine(sqlite_url_for(path)))
    probe = (
        "import sys\n"
        "from xkld_desktop.store.engine import create_engine, sqlite_url_for\n"
        "from xkld_desktop.store.migrate import migrate\n"
        f"report = migrate(create_engine(sqlite_url_for({str(path)!r})))\n"
        "print(report.from_revision, report.to_revision, report.changed, 'alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == [head_revision(), head_revision(), "False", "False"]
    # an older database still goes through Alembic and ends at the head
    older = create_engine(sqlite_url_for(tmp_path / "older.db"))
    first = revisions_oldest_first()[0]
    migrate(older, target=first)
    assert migrate(older).to_revision == head_revision() == current_revision(older)


def test_upgrade_to_0008_fills_the_audit_search_text(tmp_path: Path) -> None:
    eng = create_engine(sqlite_url_for(tmp_path / "old.db"))
    migrate(eng, target="0007")
    chain = '"chain": {"hash": "ab12cd34", "n": 1, "prev": "00", "v": 2}'
    with eng.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, uuid, created_at, updated_at, version, full_name, name_key, sort_key,"
                " birth_precision, hamlet, address, ethnicity, trade_skill, foreign_language, status, notes)"
                " VALUES (7, 'uuid-1', '2026-11-20', '2026-11-20', 1, 'Đặng Văn Tuấn', 'dang van tuan',"
                " 'tuan dang van', 'day', '', '', '', '', '', 'candidate', '')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO market (code, name_vi, name_en, region, sort_order)"
                " VALUES ('JP', 'Nhật Bản', 'Japan', 'japan', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO departure (id, uuid, created_at, updated_at, version, person_id, form, programme,"
                " market_code, occupation, employer, departed_on, is_legal, status_abroad, notes) VALUES (3, 'dep-1',"
                " '2026-11-20', '2026-11-20', 1, 7, 'licensed_company', 'jp_tits', 'JP', '', '', '2026-01-05', 1,"
                " 'working', '')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO audit_event (at, username, action, table_name, record_uuid, before_json, after_json,"
                " detail) VALUES (:at, :u, :a, :t, :r, :b, :f, :d)"
            ),
            [
                {
                    "at": "2026-11-20 08:00:00",
                    "u": "can_bo_lan",
                    "a": "update",
                    "t": "person",
                    "r": "uuid-1",
                    "b": '{"full_name": "Đặng Văn Tú"}',
                    "f": '{"full_name": "Đặng Văn Tuấn", "year": 1990}',
                    "d": "{" + chain + ', "file": "Danh sách Xã Phú Lộc.xlsx"}',
                },
                {
                    "at": "2026-11-20 09:00:00",
                    "u": "quan_tri",
                    "a": "create",
                    "t": "person",
                    "r": "uuid-2",
                    "b": None,
                    "f": '{"_redacted_sha256": "ffee"}',
                    "d": "ghi chú cũ: Hà Nội",
                },
                {  # his departure: the entry holds no name, the search text gets his
                    "at": "2026-11-20 10:00:00",
                    "u": "can_bo_lan",
                    "a": "update",
                    "t": "departure",
                    "r": "dep-1",
                    "b": '{"contract_months": 24}',
                    "f": '{"contract_months": 36}',
                    "d": "{" + chain + "}",
                },
            ],
        )
    migrate(eng)
    with eng.connect() as conn:
        texts = conn.execute(text("SELECT search_text FROM audit_event ORDER BY id")).scalars().all()
    assert texts == [
        "dang van tuan\ncan_bo_lan\nuuid-1\ndang van tu\n1990\ndanh sach xa phu loc.xlsx",
        "quan_tri\nuuid-2\nghi chu cu: ha noi",  # no person uuid-2 any more: no name
        "dang van tuan\ncan_bo_lan\ndep-1\n24\n36",
    ]
    eng.dispose()


def test_upgrade_to_0009_gives_imported_people_their_creation_event(tmp_path: Path) -> None:
    eng = create_engine(sqlite_url_for(tmp_path / "old.db"))
    migrate(eng, target="0008")
    person = (
        "INSERT INTO person (id, uuid, created_at, updated_at, version, full_name, name_key, sort_key,"
        " birth_precision, hamlet, address, ethnicity, trade_skill, foreign_language, status, status_since, notes)"
        " VALUES (:id, :uuid, '2026-11-20 08:00:00', '2026-11-20 08:00:00', 1, 'Đặng Văn Tuấn', 'dang van tuan',"
        " 'tuan dang van', 'day', '', '', '', '', '', :status, :since, '')"
    )
    with eng.begin() as conn:
        conn.execute(text(person), {"id": 1, "uuid": "u-1", "status": "working_abroad", "since": "2024-04-16"})
        conn.execute(text(person), {"id": 2, "uuid": "u-2", "status": "candidate", "since": None})
        conn.execute(text(person), {"id": 3, "uuid": "u-3", "status": "registered", "since": "2025-01-02"})
        conn.execute(
            text(
                "INSERT INTO status_event (uuid, created_at, updated_at, version, person_id, status, happened_on, note)"
                " VALUES ('e-3', '2025-01-02', '2025-01-02', 1, 3, 'registered', '2025-01-02', '')"
            )
        )
    migrate(eng)
    with eng.connect() as conn:
        rows = conn.execute(
            text("SELECT person_id, status, happened_on, note FROM status_event ORDER BY person_id, id")
        ).all()
    assert [tuple(r) for r in rows] == [
        (1, "working_abroad", "2024-04-16", "Tạo hồ sơ"),  # a worker abroad from a sheet: since the departure
        (2, "candidate", "2026-11-20", "Tạo hồ sơ"),  # since the record was made
        (3, "registered", "2025-01-02", ""),  # had an event: nothing added
    ]
