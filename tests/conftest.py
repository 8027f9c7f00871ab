"""Shared fixtures. The suite runs Qt offscreen and never touches the user's own data folder."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Nothing a test does may touch the user's own data folder (databases, daily backups, logs),
# not even session fixtures that run before the per-test folder below is set.
os.environ["XKLD_DATA_DIR"] = tempfile.mkdtemp(prefix="xkld-test-data-")
_SESSION_DATA_DIR = os.environ["XKLD_DATA_DIR"]
atexit.register(shutil.rmtree, _SESSION_DATA_DIR, ignore_errors=True)  # not left in /tmp
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def _written_to_session_folder() -> list[str]:
    root = Path(_SESSION_DATA_DIR)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


_FIRST_SEEN_AFTER: list[str] = []  # the test after which something first lay in the run-wide folder


def pytest_runtest_logfinish(nodeid: str, location: tuple[str, int | None, str]) -> None:
    """Name the culprit: the first test after whose teardown the run-wide folder holds a file."""
    if not _FIRST_SEEN_AFTER and _written_to_session_folder():
        _FIRST_SEEN_AFTER.append(nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if anything wrote to the run-wide data folder instead of its test's own."""
    left = _written_to_session_folder()
    if left:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            where = f"; first seen after {_FIRST_SEEN_AFTER[0]}" if _FIRST_SEEN_AFTER else ""
            reporter.write_line(
                f"written outside a test's own data folder ({_SESSION_DATA_DIR}): {', '.join(left[:10])}{where}",
                red=True,
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so nothing reads or writes the real one."""
    data = tmp_path_factory.mktemp("xkld-data")
    monkeypatch.setenv("XKLD_DATA_DIR", str(data))
    monkeypatch.delenv("XKLD_DB_URL", raising=False)
    return data


# --- PostgreSQL: the store, services and CLI tests run on both databases -------------------------
#
# ``database`` and ``db_url`` are parametrised over ``sqlite`` and ``postgresql`` for the tests in
# PG_SCOPE (GUI tests stay on SQLite). The PostgreSQL server is a throw-away cluster started once
# per run (tests/pg_server.py), only when a PostgreSQL test is collected and run. It is skipped with
# the reason when it truly cannot start — except in CI (``CI`` or ``XKLD_REQUIRE_POSTGRES``, set by
# tools/run.py), where that fails. Tests marked ``sqlite_only`` run on SQLite alone.

BACKENDS = ("sqlite", "postgresql")
PG_SCOPE = ("tests/unit/store/", "tests/unit/services/", "tests/unit/test_cli")


def _in_pg_scope(path: Path) -> bool:
    relative = path.resolve().relative_to(Path(__file__).resolve().parent.parent).as_posix()
    return relative.startswith(PG_SCOPE)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_backend" not in metafunc.fixturenames or not _in_pg_scope(Path(metafunc.definition.path)):
        return
    sqlite_only = any(True for _ in metafunc.definition.iter_markers("sqlite_only"))
    metafunc.parametrize("db_backend", ["sqlite"] if sqlite_only else list(BACKENDS), indirect=True)


def _postgres_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("XKLD_REQUIRE_POSTGRES"))


@pytest.fixture(scope="session")
def pg_cluster():
    """The throw-away PostgreSQL cluster of this run (started on first use, stopped at the end)."""
    from tests.pg_server import Cluster, ClusterError

    try:
        cluster = Cluster().start()
    except (ClusterError, OSError, subprocess.SubprocessError) as error:
        message = f"PostgreSQL cannot start here: {error}"
        if _postgres_required():
            pytest.fail(message + " (CI must run the PostgreSQL tests)", pytrace=False)
        pytest.skip(message)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:
    """The name of a PostgreSQL database migrated and seeded once, copied for each test."""
    from xkld_desktop.services.database import open_database

    pg_cluster.admin('CREATE DATABASE "xkld_template"')
    open_database(pg_cluster.url("xkld_template"), backup=False).close()
    return "xkld_template"


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: which database this test's ``database``/``db_url`` is on."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def pg_database_url(request: pytest.FixtureRequest, pg_cluster):
    """A factory: ``pg_database_url(template=None)`` → the URL of a new PostgreSQL database, dropped after."""
    made: list[str] = []

    def make(template: str | None = None) -> str:
        if template == "seeded":
            template = request.getfixturevalue("pg_template")
        name = pg_cluster.create_database(template=template)
        made.append(name)
        return pg_cluster.url(name)

    yield make
    for name in made:
        pg_cluster.drop_database(name)


@pytest.fixture
def db_url(tmp_path: Path, db_backend: str, request: pytest.FixtureRequest) -> str:
    """The URL of a fresh, empty database: a SQLite file in this test's folder, or a PostgreSQL database."""
    if db_backend == "postgresql":
        return request.getfixturevalue("pg_database_url")()
    return f"sqlite:///{(tmp_path / 'test.db').as_posix()}"


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the reference data, made once per run and copied per test."""
    from xkld_desktop.services.database import open_database

    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(f"sqlite:///{path.as_posix()}", backup=False).close()
    return path


@pytest.fixture
def database(tmp_path: Path, db_backend: str, request: pytest.FixtureRequest):
    """An opened (migrated and seeded) database of this test's own; closed after the test."""
    from xkld_desktop.services.database import open_database
    from xkld_desktop.store.backup import backup_sqlite

    if db_backend == "postgresql":
        url = request.getfixturevalue("pg_database_url")("seeded")
    else:
        path = backup_sqlite(request.getfixturevalue("_seeded_template"), tmp_path / "test.db")
        url = f"sqlite:///{path.as_posix()}"
    db = open_database(url)
    yield db
    db.close()
