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
