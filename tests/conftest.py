"""Shared fixtures. The suite runs Qt offscreen and never touches the user's own data folder."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Nothing a test does may touch the user's own data folder (databases, daily backups, logs),
# not even session fixtures that run before the per-test folder below is set.
os.environ["XKLD_DATA_DIR"] = tempfile.mkdtemp(prefix="xkld-test-data-")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so nothing reads or writes the real one."""
    data = tmp_path_factory.mktemp("xkld-data")
    monkeypatch.setenv("XKLD_DATA_DIR", str(data))
    monkeypatch.delenv("XKLD_DB_URL", raising=False)
    return data


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A SQLite URL for a fresh file in this test's folder."""
    return f"sqlite:///{(tmp_path / 'test.db').as_posix()}"


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the reference data, made once per run and copied per test."""
    from xkld_desktop.services.database import open_database

    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(f"sqlite:///{path.as_posix()}", backup=False).close()
    return path


@pytest.fixture
def database(tmp_path: Path, _seeded_template: Path):
    """An opened (migrated and seeded) database of this test's own; closed after the test."""
    from xkld_desktop.services.database import open_database
    from xkld_desktop.store.backup import backup_sqlite

    path = backup_sqlite(_seeded_template, tmp_path / "test.db")
    db = open_database(f"sqlite:///{path.as_posix()}")
    yield db
    db.close()
