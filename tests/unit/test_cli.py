"""The ``xkld-desktop`` command line, run in-process (and once as ``python -m xkld_desktop``)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest

from xkld_desktop import __version__, cli
from xkld_desktop.cli import main


def _path(db_url: str) -> Path:
    return Path(db_url.removeprefix("sqlite:///"))


def _people(db_url: str) -> int:
    if not db_url.startswith("sqlite"):  # the same count on the PostgreSQL run
        import sqlalchemy as sa

        engine = sa.create_engine(db_url)
        with engine.connect() as conn:
            count = conn.execute(sa.text("SELECT count(*) FROM person")).scalar_one()
        engine.dispose()
        return count
    with sqlite3.connect(_path(db_url)) as con:
        return con.execute("SELECT count(*) FROM person").fetchone()[0]


def _location(db_url: str) -> str:
    """What the commands print as the database's place: the file, or the URL without password."""
    if db_url.startswith("sqlite"):
        return str(_path(db_url))
    import sqlalchemy as sa

    return sa.make_url(db_url).render_as_string(hide_password=True)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"XKLĐ Desktop {__version__}" == "XKLĐ Desktop 0.1.0"


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: xkld-desktop")
    for word in ("init", "demo", "info", "--db", "Tùy chọn", "hiện hướng dẫn này rồi thoát"):
        assert word in out
    assert main(["demo", "--help"]) == 0
    assert "--people N" in capsys.readouterr().out


def test_a_usage_error_exits_2_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--people", "không"]) == 2
    assert "lỗi" in capsys.readouterr().err


def test_init_creates_the_database(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "init"]) == 0
    out = capsys.readouterr().out
    assert _location(db_url) in out
    assert "Đã tạo mới" in out and "10.035" in out  # the former communes loaded
    assert not db_url.startswith("sqlite") or _path(db_url).is_file()

    assert main(["--db", db_url, "init"]) == 0  # again: nothing to do
    assert "mới nhất" in capsys.readouterr().out


def test_demo_then_info(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "demo", "--people", "50", "--seed", "4", "--today", "25/11/2026"]) == 0
    out = capsys.readouterr().out
    assert _people(db_url) == 50
    assert "Người lao động" in out and "giây" in out
    from xkld_desktop.services.database import open_database
    from xkld_desktop.services.settings import get_own_unit

    db = open_database(db_url, upgrade=False, seed=False)
    try:  # the sample commune (as named today) keeps the database, as after the window's demo
        own = get_own_unit(db.engine)
        assert own is not None and own.display_name.startswith("UBND ") and not own.code.startswith("869")
    finally:
        db.close()

    assert main(["--db", db_url, "info"]) == 0
    info = capsys.readouterr().out
    assert _location(db_url) in info
    from xkld_desktop.store.migrate import head_revision

    assert f"Phiên bản lược đồ: {head_revision()} (mới nhất)" in info
    line = next(line for line in info.splitlines() if "Người lao động" in line)
    assert line.split()[-1] == "50"

    assert main(["--db", db_url, "demo", "--people", "5"]) == 2  # not on a database with people
    assert "đã có 50 người lao động" in capsys.readouterr().err
    assert _people(db_url) == 50


def test_default_database_lives_in_the_data_folder(
    _isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    assert (_isolated_data_dir / "xkld.db").is_file()
    assert str(_isolated_data_dir / "xkld.db") in capsys.readouterr().out


@pytest.mark.sqlite_only  # about a database file that does not exist
@pytest.mark.parametrize(
    "command",
    [
        ["info"],
        ["search", "nguyen"],
        ["stats", "--from", "01/01/2026", "--to", "31/12/2026"],
        ["report", "--from", "01/01/2026", "--to", "31/12/2026", "-o", "bao-cao.pdf"],
        ["export", "departed", "--from", "01/01/2026", "--to", "31/12/2026", "-o", "ds.xlsx"],
        ["backup", "-o", "sao-luu.db"],
        ["audit", "verify"],
        ["hamlets"],
    ],
)
def test_a_command_on_a_database_that_is_not_there_says_so_and_creates_nothing(
    db_url: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a mistyped --db made an empty database and an all-zero report
    monkeypatch.chdir(tmp_path)
    path = Path(db_url.removeprefix("sqlite:///"))
    assert main(["--db", db_url, *command]) == 1
    assert f"Chưa có cơ sở dữ liệu tại {path}. Hãy chạy: xkld-desktop init" in capsys.readouterr().err
    assert not path.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx", ".db")) == []
    assert not _path(db_url).exists()


def test_a_path_through_a_file_gives_a_vietnamese_message(tmp_path: Path, capsys) -> None:
    (tmp_path / "afile").write_text("not a folder")
    url = f"sqlite:///{(tmp_path / 'afile' / 'x.db').as_posix()}"

    assert main(["--db", url, "demo", "--people", "5"]) == 2
    err = capsys.readouterr().err
    assert "Không mở được" in err and "Traceback" not in err


def test_a_file_that_is_not_a_database_gives_a_vietnamese_message(tmp_path: Path, capsys) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not a database " * 200)
    url = f"sqlite:///{path.as_posix()}"

    for command in (["demo", "--people", "5"], ["info"]):
        assert main(["--db", url, *command]) == 2
        err = capsys.readouterr().err
        assert "bị hỏng hoặc không phải là cơ sở dữ liệu" in err and "Traceback" not in err


def test_a_bad_url_gives_a_vietnamese_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "khong-phai-url", "init"]) == 2
    assert "Địa chỉ cơ sở dữ liệu không hợp lệ" in capsys.readouterr().err


def test_without_a_command_the_window_opens(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str | None] = []
    fake = types.ModuleType("xkld_desktop.ui.app")
    fake.run_gui = lambda db_url=None: calls.append(db_url) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "xkld_desktop.ui.app", fake)

    assert main(["--db", db_url]) == 0
    assert main([]) == 0
    assert calls == [db_url, None]  # None: the window finds the default database itself


def test_without_the_window_module_a_clear_message(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "xkld_desktop.ui.app", None)  # import fails

    assert main([]) == 2
    assert "Không mở được cửa sổ chương trình" in capsys.readouterr().err


def test_python_m_runs_the_command_and_stays_light() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "xkld_desktop", "--version"], capture_output=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").strip() == f"XKLĐ Desktop {__version__}"

    probe = (
        "import sys; from xkld_desktop.cli import main; main(['--help']); "
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'PySide6', 'xkld_desktop.services') if m in sys.modules]; "
        "sys.stderr.write(repr(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode() == "[]"


def test_search_prints_tab_separated_people_found_like_the_window(tmp_path, capsys) -> None:
    import sqlite3

    from xkld_desktop.cli import main

    path = tmp_path / "search.db"
    url = f"sqlite:///{path.as_posix()}"
    assert main(["--db", url, "demo", "--people", "80", "--seed", "5"]) == 0
    with sqlite3.connect(path) as conn:
        pid, name, dob, cccd = conn.execute(
            "SELECT id, full_name, date_of_birth, id_number FROM person WHERE id_number IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
    capsys.readouterr()
    assert main(["--db", url, "search", cccd]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    y, m, d = dob.split("-")
    assert [line.split("\t")[:4] for line in lines] == [[str(pid), name, f"{d}/{m}/{y}", cccd]]
    from xkld_desktop.domain.text import fold

    assert main(["--db", url, "search", fold(name).upper()]) == 0
    found = [line.split("\t")[1] for line in capsys.readouterr().out.strip().splitlines()]
    assert name in found
    assert all(fold(f) == fold(name) or set(fold(name).split()) <= set(fold(f).split()) for f in found)


@pytest.mark.parametrize(
    "words",
    [
        [],
        ["--db", "sqlite:////tmp/x.db"],
        ["--db", "init"],
        ["--db", "-x"],
        ["info"],
        ["--db", "a", "info"],
        ["--user", "u"],
    ],
)
def test_the_window_start_reads_its_arguments_as_the_full_command_line_does(words: list[str]) -> None:
    quick = cli.window_start_args(words)
    if quick is None:  # not a plain window start: the full command line reads it
        assert words not in ([], ["--db", "sqlite:////tmp/x.db"], ["--db", "init"])
        return
    assert vars(quick) == vars(cli.build_parser().parse_args(words))


def test_hamlets_lists_the_names_and_merges_two_spellings(database, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import select

    from xkld_desktop.domain.models import Person
    from xkld_desktop.store.session import read_session, write_session

    with write_session(database.engine) as session:
        for i, hamlet in enumerate(["Ấp 1", "Ấp 1", "ấp 1", "Khóm 2"]):
            session.add(Person(full_name=f"Lê Văn {chr(65 + i)}", hamlet=hamlet))
    url = database.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "hamlets"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Ấp 1\t2\t0\tấp 1", "ấp 1\t1\t0\tẤp 1", "Khóm 2\t1\t0\t"]

    assert main(["--db", url, "hamlets", "--rename", "ấp 1"]) == 2  # --to missing: nothing written
    assert "cần cả --rename TÊN… và --to TÊN_MỚI" in capsys.readouterr().err
    assert main(["--db", url, "hamlets", "--rename", "Ấp 1", "ấp 1", "--to", " "]) == 2
    assert capsys.readouterr().err.strip() == "Hãy nhập tên ấp/thôn mới."
    assert main(["--db", url, "hamlets", "--rename", "Ấp 1", "ấp 1", "--to", "Ấp Hòa Bình"]) == 0
    assert capsys.readouterr().out.strip() == "Đã ghi “Ấp Hòa Bình” cho 3 người lao động và 0 hộ gia đình."
    with read_session(database.engine) as session:
        hamlets = sorted(session.scalars(select(Person.hamlet)))
    assert hamlets == ["Khóm 2", "Ấp Hòa Bình", "Ấp Hòa Bình", "Ấp Hòa Bình"]
