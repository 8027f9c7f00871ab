"""Copying a whole database to another (``copy-to``): SQLite → PostgreSQL and PostgreSQL → SQLite.

The source is the parametrised ``database``; the target is a fresh database of the *other* kind.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from xkld_desktop import cli
from xkld_desktop.domain.models import metadata
from xkld_desktop.services.audit import verify_chain
from xkld_desktop.services.copy_db import CopyFailed, CopyRefused, copy_database, table_counts
from xkld_desktop.services.database import open_database
from xkld_desktop.services.demo import generate_demo
from xkld_desktop.services.people import PeopleFilter, list_person_ids
from xkld_desktop.services.person_records import PersonInput, create_person, get_person
from xkld_desktop.store.engine import create_engine
from xkld_desktop.store.migrate import current_revision, head_revision

TODAY = date(2026, 11, 25)


@pytest.fixture
def other_url(db_backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database of the other kind: PostgreSQL for a SQLite source, a SQLite file for a PostgreSQL one."""
    if db_backend == "sqlite":
        return request.getfixturevalue("pg_database_url")()
    return f"sqlite:///{(tmp_path / 'copy.db').as_posix()}"


@pytest.fixture
def filled(database):
    generate_demo(database.engine, people=40, seed=2, today=TODAY)
    return database


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return table_counts(conn)
    finally:
        engine.dispose()


def _index_names(url, table: str) -> set[str]:
    engine = create_engine(url)
    try:
        return {index["name"] for index in sa.inspect(engine).get_indexes(table)}
    finally:
        engine.dispose()


def test_every_row_is_copied_with_its_id_and_the_history_stays_valid(filled, other_url: str) -> None:
    steps: list[tuple[str, int, int]] = []
    with filled.engine.connect() as conn:
        before = table_counts(conn)

    result = copy_database(filled.engine, other_url, progress=lambda *step: steps.append(step))

    assert result.counts == before == _counts(other_url)
    assert result.counts["person"] == 40 and result.counts["audit_event"] > 0 and result.counts["departure"] > 0
    assert ("person", 40, 40) in steps  # progress per table, ending at its total
    assert [s for s in steps if s[0] == "person"][-1] == ("person", 40, 40)  # its end comes last
    for name in ("person", "person_name_token", "departure"):  # built again after the rows (SQLite)
        declared = {index.name for index in metadata.tables[name].indexes}
        assert declared and declared <= _index_names(other_url, name)
    copy = open_database(other_url, backup=False)
    try:
        assert current_revision(copy.engine) == head_revision()
        assert verify_chain(copy.engine).ok  # the hash chain of the audit log holds on the copy
        some = list_person_ids(filled.engine)[:5]
        for person_id in some:  # the same ids, the same records
            assert get_person(copy.engine, person_id).full_name == get_person(filled.engine, person_id).full_name
        name = get_person(filled.engine, some[0]).full_name
        assert list_person_ids(copy.engine, PeopleFilter(query=name)) == list_person_ids(
            filled.engine, PeopleFilter(query=name)
        )  # the search keys came along
        # new records get new ids after the copied ones (PostgreSQL's sequences were moved on)
        new = create_person(copy.engine, data=PersonInput(full_name="Người Mới Sau Khi Chép"), today=TODAY)
        assert new.id > max(list_person_ids(filled.engine))
    finally:
        copy.close()


def test_a_target_with_records_is_refused_and_left_alone(database, other_url: str) -> None:
    target = open_database(other_url, backup=False)
    create_person(target.engine, data=PersonInput(full_name="Hồ Sơ Đã Có"), today=TODAY)
    target.close()
    before = _counts(other_url)

    with pytest.raises(CopyRefused, match="đã có dữ liệu"):
        copy_database(database.engine, other_url)
    assert _counts(other_url) == before


def test_a_failure_half_way_leaves_the_target_empty(database, other_url: str) -> None:
    create_person(database.engine, data=PersonInput(full_name="Nguyễn Văn Đức"), today=TODAY)

    def unplug(table: str, done: int, total: int) -> None:
        if table == "person" and done:
            raise OSError("the network cable was pulled")

    with pytest.raises(CopyFailed, match="giữ nguyên"):
        copy_database(database.engine, other_url, progress=unplug)
    assert not any(_counts(other_url).values())  # not even the reference lists copied before the failure


def test_a_target_at_another_schema_revision_is_refused(database, other_url: str) -> None:
    from xkld_desktop.store.migrate import migrate, revisions_oldest_first

    engine = create_engine(other_url)
    migrate(engine, target=revisions_oldest_first()[0], backup=False)
    engine.dispose()
    with pytest.raises(CopyRefused, match="phiên bản lược đồ"):
        copy_database(database.engine, other_url)


def test_the_same_database_is_refused(database) -> None:
    with pytest.raises(CopyRefused, match="cùng một"):
        copy_database(database.engine, database.url)


def test_copy_to_on_the_command_line(filled, other_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", filled.url, "copy-to", other_url]) == 0
    out = capsys.readouterr().out
    assert "số dòng hai bên khớp nhau" in out and "Người lao động" in out
    assert sa.make_url(other_url).password is None or "***" in out
    assert _counts(other_url)["person"] == 40

    assert cli.main(["--db", filled.url, "copy-to", other_url]) == 2  # not again into a full database
    assert "đã có dữ liệu" in capsys.readouterr().err


def test_check_connection_describes_the_database_or_says_why_not(database, other_url: str, tmp_path: Path) -> None:
    from xkld_desktop.services.copy_db import check_connection, with_password
    from xkld_desktop.store.errors import DatabaseEnvironmentError

    create_person(database.engine, data=PersonInput(full_name="Nguyễn Văn Đức"), today=TODAY)
    info = check_connection(database.url)
    assert info.revision == head_revision() and info.people == 1
    assert info.summary == f"Kết nối được {info.server}: phiên bản lược đồ {head_revision()}, 1 người lao động."
    many = replace(info, people=12_345)  # thousands grouped by a dot; the sentence's comma stays a comma
    assert many.summary.endswith(f"phiên bản lược đồ {head_revision()}, 12.345 người lao động.")
    empty = check_connection(other_url)
    assert empty.revision is None and "còn trống" in empty.summary

    url = with_password(f"postgresql+psycopg://can_bo@/xkld?host={tmp_path}&port=5999", "mật-khẩu")
    assert sa.make_url(url).password == "mật-khẩu"
    with pytest.raises(DatabaseEnvironmentError, match="Không kết nối được máy chủ"):
        check_connection(url)
