"""insert_many writes what SQLAlchemy's own insert writes, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import select

from xkld_desktop.domain.enums import Gender, PersonStatus
from xkld_desktop.domain.models import Person, PersonNameToken
from xkld_desktop.store.bulk import insert_many, read_ids
from xkld_desktop.store.session import read_session, write_session

PERSON = Person.__table__  # type: ignore[attr-defined]
TOKENS = PersonNameToken.__table__  # type: ignore[attr-defined]
AT = datetime(2026, 11, 20, 8, 30, 15, 123456, tzinfo=UTC)


def _row(uuid: str, name: str) -> dict[str, object]:
    return {
        "uuid": uuid,
        "full_name": name,
        "name_key": name.lower(),
        "created_at": AT,
        "updated_at": AT,
        "gender": Gender.FEMALE,
        "date_of_birth": date(1998, 2, 28),
        "status": PersonStatus.TRAINING,
    }


@pytest.mark.parametrize("copy", [False, True], ids=["insert", "copy"])  # copy: COPY FROM STDIN on PostgreSQL
def test_rows_read_back_as_sqlalchemy_would_have_written_them(database, copy: bool) -> None:
    engine = database.engine
    with write_session(engine) as session:
        conn = session.connection()
        conn.execute(sa.insert(PERSON), [_row("by-sqlalchemy", "Lê Thị Hoa")])
        conn.execute(sa.update(PERSON).where(PERSON.c.uuid == "by-sqlalchemy").values(notes="tab\there\nand a line"))
        notes = {"notes": "tab\there\nand a line"}  # text COPY must escape
        rows = [{**_row("by-insert-many", "Lê Thị Hoa"), **notes}, {**_row("second", "Trần Thị Mai"), **notes}]
        assert insert_many(conn, PERSON, rows, copy=copy) == 2
    names = ", ".join(c.name for c in PERSON.c if c.name not in ("id", "uuid"))
    with read_session(engine) as session:
        stored = {  # the driver's own values (the stored text of dates, enums), no SQLAlchemy type in between
            row[0]: tuple(row[1:])
            for row in session.connection().exec_driver_sql(
                f"SELECT uuid, {names} FROM person WHERE uuid IN ('by-sqlalchemy', 'by-insert-many')"
            )
        }
        people = {p.uuid: p for p in session.exec(select(Person).where(Person.uuid.in_(["by-insert-many", "second"])))}
        assert stored["by-insert-many"] == stored["by-sqlalchemy"]  # the same stored text for dates, enums, defaults
        person = people["by-insert-many"]
        assert (person.gender, person.status, person.date_of_birth) == (
            Gender.FEMALE,
            PersonStatus.TRAINING,
            date(1998, 2, 28),
        )
        assert person.created_at.replace(tzinfo=None) == AT.replace(tzinfo=None)
        assert (person.version, person.ethnicity, person.hamlet) == (1, "Kinh", "")  # columns left out: their defaults
        assert people["second"].full_name == "Trần Thị Mai"
        assert people["second"].notes == "tab\there\nand a line"  # COPY's own escapes undone


def test_a_value_shared_by_rows_and_one_that_differs_are_each_stored_as_their_own(database) -> None:
    # the rows' one shared ``created_at`` goes through its bind processor once: the last row's own differs
    later = datetime(2027, 1, 2, 3, 4, 5, tzinfo=UTC)
    rows = [_row(f"row-{i}", f"Người {i}") for i in range(4)]
    rows[-1]["updated_at"] = later
    with write_session(database.engine) as session:
        insert_many(session.connection(), PERSON, rows)
    with read_session(database.engine) as session:
        made = {p.uuid: p for p in session.exec(select(Person).where(Person.uuid.in_([r["uuid"] for r in rows])))}
        stamps = [(made[r["uuid"]].created_at, made[r["uuid"]].updated_at) for r in rows]
    naive = [(a.replace(tzinfo=None), b.replace(tzinfo=None)) for a, b in stamps]
    at, last = AT.replace(tzinfo=None), later.replace(tzinfo=None)
    assert naive == [(at, at), (at, at), (at, at), (at, last)]


def test_a_copy_that_breaks_a_constraint_fails_as_an_insert_would(database) -> None:
    engine = database.engine
    with pytest.raises(sa.exc.IntegrityError), write_session(engine) as session:
        conn = session.connection()
        insert_many(conn, PERSON, [_row("twice", "Lê Thị Hoa"), _row("twice", "Lê Thị Hoa")], copy=True)
    with read_session(engine) as session:  # nothing written
        assert session.connection().scalar(sa.select(sa.func.count()).select_from(PERSON)) == 0


def test_a_left_out_callable_default_is_called_for_each_row(database) -> None:
    rows = [{"full_name": f"Người {i}", "name_key": f"nguoi {i}"} for i in range(3)]
    with write_session(database.engine) as session:
        insert_many(session.connection(), PERSON, rows)
    with read_session(database.engine) as session:
        made = session.exec(select(Person).where(Person.name_key.in_([r["name_key"] for r in rows]))).all()
        assert len(made) == 3
        assert len({p.uuid for p in made}) == 3  # a uuid each, not one shared
        assert all(p.created_at is not None for p in made)


def test_sequences_follow_the_columns_given_in_any_order(database) -> None:
    with write_session(database.engine) as session:
        conn = session.connection()
        insert_many(conn, PERSON, [{"uuid": "owner", "full_name": "Kim Văn Kiên", "name_key": "kim van kien"}])
        owner = conn.execute(sa.select(PERSON.c.id).where(PERSON.c.uuid == "owner")).scalar_one()
        count = insert_many(
            conn,
            TOKENS,
            [(owner, "kien", "kien kim van"), (owner, "kim", "kien kim van")],
            ("person_id", "token", "sort_key"),
        )
    assert count == 2
    with read_session(database.engine) as session:
        tokens = session.exec(select(PersonNameToken).where(PersonNameToken.person_id == owner)).all()
        assert sorted((t.token, t.sort_key) for t in tokens) == [("kien", "kien kim van"), ("kim", "kien kim van")]


def test_nothing_to_insert_writes_nothing(database) -> None:
    with write_session(database.engine) as session:
        before = session.connection().execute(sa.select(sa.func.count()).select_from(PERSON)).scalar_one()
        assert insert_many(session.connection(), PERSON, []) == 0
        assert session.connection().execute(sa.select(sa.func.count()).select_from(PERSON)).scalar_one() == before


def test_tuples_without_columns_are_refused(database) -> None:
    with write_session(database.engine) as session, pytest.raises(TypeError):
        insert_many(session.connection(), TOKENS, [("kim", 1, "kim")])


def test_a_column_the_table_does_not_have_is_refused(database) -> None:
    with write_session(database.engine) as session, pytest.raises(sa.exc.ArgumentError, match="spelling"):
        insert_many(session.connection(), TOKENS, [{"token": "kim", "person_id": 1, "spelling": "x"}])


@pytest.mark.sqlite_only  # bulk_load changes nothing on other databases
def test_an_interrupt_in_a_bulk_load_is_not_replaced_by_an_error_of_its_clean_up(database) -> None:
    # Ctrl-C during the demo's bulk write invalidates the connection: restoring the page cache on it
    # then failed (PendingRollbackError) and that error replaced the KeyboardInterrupt — a traceback
    # instead of "Đã dừng."
    from xkld_desktop.store.bulk import bulk_load

    with pytest.raises(KeyboardInterrupt), database.engine.connect() as conn, conn.begin(), bulk_load(conn, ["person"]):
        conn.invalidate()
        raise KeyboardInterrupt
    with read_session(database.engine) as session:  # the indexes dropped in the block are back (rolled back)
        names = session.connection().exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
        assert any("person" in name for (name,) in names)


def test_read_ids_gives_the_statement_s_ids_in_its_order(database) -> None:
    """read_ids packs the ids in SQL on SQLite: the same ids, in the statement's order, parameters bound,
    ids past 32 bits whole, an empty answer empty."""
    engine = database.engine
    big = 2**40 + 7 if engine.dialect.name == "sqlite" else 2**31 - 1  # SQLite's ids are 64-bit
    names = ["Trần Thị Mai", "Lê Thị Hoa", "Nguyễn Văn An", "Phạm Thị Bình"]
    with write_session(engine) as session:
        conn = session.connection()
        insert_many(conn, PERSON, [_row(f"p{i}", name) for i, name in enumerate(names)])
        conn.execute(sa.insert(PERSON), [{**_row("big", "Đỗ Văn Lớn"), "id": big}])
    by_name = sa.select(PERSON.c.id).where(PERSON.c.full_name != sa.bindparam("skip", "Lê Thị Hoa"))
    by_name = by_name.order_by(PERSON.c.name_key.desc())
    with read_session(engine) as session:
        conn = session.connection()
        expected = list(conn.scalars(by_name))  # row by row
        assert read_ids(conn, by_name) == expected
        assert len(expected) == 4 and big in expected
        everyone = sorted(conn.scalars(sa.select(PERSON.c.id)), reverse=True)
        assert len(everyone) == 5 and read_ids(conn, sa.select(PERSON.c.id).order_by(PERSON.c.id.desc())) == everyone
        assert read_ids(conn, sa.select(PERSON.c.id).where(PERSON.c.uuid == "nobody")) == []
