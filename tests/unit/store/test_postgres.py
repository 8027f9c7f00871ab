"""The PostgreSQL side of the store: engine, errors in Vietnamese, migrations, backup as a logical export.

Every test here needs the throw-away cluster (``pg_cluster``); the rest of the store, services and
CLI tests run on PostgreSQL through the parametrised ``database``/``db_url`` fixtures.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from xkld_desktop.domain.models import Person
from xkld_desktop.services.backup import backup_info, backup_now, restore
from xkld_desktop.services.database import open_database
from xkld_desktop.services.errors import Refused
from xkld_desktop.services.person_records import PersonInput, create_person
from xkld_desktop.store.engine import create_engine, is_postgresql, normalize_url
from xkld_desktop.store.errors import DatabaseEnvironmentError, EnvironmentKind
from xkld_desktop.store.migrate import current_revision, head_revision, migrate, revisions_oldest_first
from xkld_desktop.store.session import read_session, write_session

TODAY = date(2026, 11, 25)


def test_a_bare_postgresql_url_gets_the_psycopg_driver_and_no_sqlite_pragmas(pg_database_url) -> None:
    url = pg_database_url().replace("postgresql+psycopg://", "postgresql://")
    assert normalize_url(url).drivername == "postgresql+psycopg"
    engine = create_engine(url)
    try:
        assert is_postgresql(engine) and engine.pool._pre_ping  # type: ignore[attr-defined]
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SHOW server_encoding").scalar() == "UTF8"
            assert conn.exec_driver_sql("SHOW application_name").scalar() == "xkld-desktop"
            assert conn.exec_driver_sql("SHOW lock_timeout").scalar() == "8s"
    finally:
        engine.dispose()


def _environment_error(url: str) -> DatabaseEnvironmentError:
    engine = create_engine(url)
    try:
        with pytest.raises(DatabaseEnvironmentError) as caught, read_session(engine) as session:
            session.execute(sa.text("SELECT 1"))
        return caught.value
    finally:
        engine.dispose()


def test_a_server_that_is_not_there_is_unreachable_in_vietnamese(tmp_path: Path) -> None:
    error = _environment_error(f"postgresql+psycopg://can_bo@/xkld?host={tmp_path}&port=5999")
    assert error.kind is EnvironmentKind.UNREACHABLE
    assert error.message.startswith("Không kết nối được máy chủ cơ sở dữ liệu")


def test_an_unknown_role_or_database_is_a_refused_login(pg_cluster) -> None:
    for url in (pg_cluster.url("postgres", user="khong_co_ai"), pg_cluster.url("khong_co_csdl")):
        error = _environment_error(url)
        assert error.kind is EnvironmentKind.AUTH_FAILED
        assert "sai tên đăng nhập hoặc mật khẩu" in error.message


def test_a_read_only_server_says_so(pg_cluster, pg_database_url) -> None:
    url = pg_database_url("seeded")
    name = sa.make_url(url).database
    pg_cluster.admin(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    engine = create_engine(url)
    try:
        with pytest.raises(DatabaseEnvironmentError) as caught, write_session(engine) as session:
            session.add(Person(full_name="Không Ghi Được"))
        assert caught.value.kind is EnvironmentKind.READ_ONLY
        assert "chỉ đọc" in caught.value.message and "máy chủ" in caught.value.message
    finally:
        engine.dispose()


def test_a_row_held_by_another_officer_too_long_is_locked_not_a_hang(pg_database_url) -> None:
    url = pg_database_url("seeded")
    engine = create_engine(url, busy_timeout_ms=300)
    other = create_engine(url)
    try:
        person_id = create_person(engine, data=PersonInput(full_name="Nguyễn Văn Đức"), today=TODAY).id
        holding, release = threading.Event(), threading.Event()

        def hold() -> None:
            with other.begin() as conn:
                conn.execute(sa.text("SELECT id FROM person WHERE id = :id FOR UPDATE"), {"id": person_id})
                holding.set()
                release.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        assert holding.wait(10)
        try:
            with pytest.raises(DatabaseEnvironmentError) as caught, write_session(engine) as session:
                session.execute(sa.text("UPDATE person SET hamlet = 'x' WHERE id = :id"), {"id": person_id})
        finally:
            release.set()
            holder.join()
        assert caught.value.kind is EnvironmentKind.LOCKED
        assert caught.value.message.startswith("Một người khác đang sửa cùng dữ liệu này trên máy chủ")
    finally:
        engine.dispose()
        other.dispose()


@pytest.mark.parametrize("start", revisions_oldest_first())
def test_upgrade_from_each_revision_on_postgresql(pg_database_url, start: str) -> None:
    engine = create_engine(pg_database_url())
    try:
        migrate(engine, target=start)
        report = migrate(engine)
        assert current_revision(engine) == head_revision()
        assert report.backup is None  # no file to copy: the server's administrator keeps its backups
    finally:
        engine.dispose()


def test_backup_of_a_server_database_is_a_sqlite_file_like_any_backup(pg_database_url, tmp_path: Path) -> None:
    db = open_database(pg_database_url("seeded"))
    try:
        for name in ("Nguyễn Văn Đức", "Trần Thị Hoa"):
            create_person(db.engine, data=PersonInput(full_name=name), today=TODAY)
        assert db.daily_backup is None  # no automatic daily copy of a server database
        steps: list[tuple[int, int]] = []
        path = backup_now(db.engine, folder=tmp_path, progress=lambda done, total: steps.append((done, total)))
        assert path.parent == tmp_path and path.suffix == ".db" and not list(tmp_path.glob("*.part*"))
        assert steps and steps[-1][0] == steps[-1][1]
        info = backup_info(path)
        assert info.revision == head_revision() and info.people == 2
        copy = open_database(f"sqlite:///{path.as_posix()}", backup=False)
        with read_session(copy.engine) as session:
            names = set(session.scalars(sa.select(Person.full_name)))
        copy.close()
        assert names == {"Nguyễn Văn Đức", "Trần Thị Hoa"}

        with pytest.raises(Refused, match="copy-to"):  # restoring over a server database: explained, refused
            restore(db.engine, path)
    finally:
        db.close()
