"""The window reads a database URL's file without SQLAlchemy: it must read it as SQLAlchemy does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from xkld_desktop.store.engine import sqlite_path, sqlite_url_for
from xkld_desktop.store.urls import sqlite_file

URLS = [
    "sqlite://",
    "sqlite:///:memory:",
    "sqlite:///relative/x.db",
    "sqlite:////abs/x.db",
    "sqlite+pysqlite:////abs/Dữ liệu/x.db",
    "sqlite:///C:\\Users\\Cán bộ\\AppData\\xkld.db",
    "sqlite:///C:/Users/can%20bo/xkld.db",
    "sqlite:////abs/x.db?timeout=5",
    "sqlite:///file:/abs/ro.db?mode=ro&uri=true",
    "sqlite:///file::memory:?cache=shared&uri=true",
    "sqlite:///file:?uri=true",
    "postgresql://u:p@host:5432/xkld",
    "postgresql+psycopg://u@[::1]/xkld",
    "mysql://h/db",
]


@pytest.mark.parametrize("url", URLS)
def test_sqlite_file_reads_a_url_as_sqlalchemy_does(url: str) -> None:
    assert sqlite_file(url) == sqlite_path(url)


def test_sqlite_file_of_a_real_database_and_of_garbage(tmp_path: Path) -> None:
    url = sqlite_url_for(tmp_path / "Xã Đông Hưng.db")
    assert sqlite_file(url) == sqlite_path(url) == (tmp_path / "Xã Đông Hưng.db").resolve()
    assert sqlite_file("not a url") is None
    assert sqlite_file("") is None


def test_the_window_lock_does_not_import_sqlalchemy() -> None:
    """Taking the lock on the first event-loop turn must not pull in SQLAlchemy (≈ 0.3 s frozen)."""
    code = (
        "import sys; from xkld_desktop.ui.instance_lock import DatabaseLocks; "
        "from xkld_desktop.store.urls import sqlite_file; sqlite_file('sqlite:////tmp/x.db'); "
        "print('sqlalchemy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_file_uri_has_an_empty_authority_and_every_unplain_character_encoded() -> None:
    from xkld_desktop.store.urls import file_uri

    assert file_uri("/home/lan/xkld.db") == "file:///home/lan/xkld.db"
    assert file_uri("C:/Users/Lan/Xã #2/xkld.db") == "file:///C:/Users/Lan/X%C3%A3%20%232/xkld.db"
    assert file_uri("//may-chu/chung/xkld.db") == "file:////may-chu/chung/xkld.db"  # a network share
    assert file_uri("/a?b/100%/x.db") == "file:///a%3Fb/100%25/x.db"


def test_a_backup_of_a_database_in_a_folder_named_with_a_hash_copies_that_database(tmp_path) -> None:
    """Before, "file:/…/Xã #2/xkld.db?mode=ro" opened (and created) "…/Xã " and copied an empty database."""
    import sqlite3

    from xkld_desktop.store.backup import backup_sqlite

    folder = tmp_path / "Xã #2 ?100%"
    folder.mkdir()
    source = folder / "xkld.db"
    with sqlite3.connect(source) as conn:
        conn.execute("CREATE TABLE person(id INTEGER PRIMARY KEY, full_name TEXT)")
        conn.executemany("INSERT INTO person(full_name) VALUES (?)", [("Nguyễn Văn An",), ("Trần Thị Bình",)])
    conn.close()
    copy = backup_sqlite(source, tmp_path / "ban-sao.db")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT full_name FROM person ORDER BY id").fetchall() == [
            ("Nguyễn Văn An",),
            ("Trần Thị Bình",),
        ]
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Xã #2 ?100%", "ban-sao.db"]  # no stray file made
