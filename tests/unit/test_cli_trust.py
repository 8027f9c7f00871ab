"""``backup``, ``restore`` and ``audit verify`` on the command line: files written, refusals, exit codes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from xkld_desktop import cli
from xkld_desktop.services.audit import record_event
from xkld_desktop.services.database import open_database
from xkld_desktop.services.demo import generate_demo
from xkld_desktop.store.session import write_session

# SQLite-specific by nature: the file backup API, restore by file, tampering the file with sqlite3.
# On PostgreSQL "backup" is the logical export (tests/unit/store/test_postgres.py).
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def url(db_url: str) -> str:
    db = open_database(db_url)
    generate_demo(db.engine, people=40, seed=2)
    with write_session(db.engine) as session:
        for i in range(3):
            record_event(session, username="cb", action="update", table="person", record_uuid=str(i))
    db.close()
    return db_url


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])
    finally:
        conn.close()


def test_backup_to_a_file_and_to_a_folder(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "sao-luu.db"
    assert cli.main(["--db", url, "backup", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert _people(target) == 40
    assert "Đã sao lưu." in out and "40 người lao động" in out
    folder = tmp_path / "usb"
    folder.mkdir()
    assert cli.main(["--db", url, "backup", "-o", str(folder)]) == 0
    [copy] = folder.glob("test.sao-luu-*.db")
    assert _people(copy) == 40


def test_restore_asks_and_restores(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sao-luu.db"
    assert cli.main(["--db", url, "backup", "-o", str(target)]) == 0
    conn = sqlite3.connect(_path(url))
    conn.execute("DELETE FROM person_name_token")
    conn.execute("UPDATE person SET deleted_at = '2026-11-25 00:00:00.000000'")
    conn.commit()
    conn.close()
    capsys.readouterr()

    # no console and no --yes: nothing happens
    assert cli.main(["--db", url, "restore", str(target)]) == 1
    captured = capsys.readouterr()
    assert "Ngày sao lưu:" in captured.out and "40 người lao động" in captured.out
    assert "--yes" in captured.err

    # on a console, "k" keeps the data, "c" restores
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda _prompt: "k")
    assert cli.main(["--db", url, "restore", str(target)]) == 1
    monkeypatch.setattr("builtins.input", lambda _prompt: "c")
    assert cli.main(["--db", url, "restore", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục." in out and "truoc-khoi-phuc" in out
    conn = sqlite3.connect(_path(url))
    assert conn.execute("SELECT count(*) FROM person WHERE deleted_at IS NULL").fetchone()[0] == 40
    conn.close()


def test_restore_refuses_garbage_with_exit_2(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "rac.db"
    bad.write_bytes(b"rubbish" * 1000)
    assert cli.main(["--db", url, "restore", str(bad), "--yes"]) == 2
    assert "không phải là bản sao lưu hợp lệ" in capsys.readouterr().err
    assert _people(_path(url)) == 40


def test_audit_verify_exit_codes(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", url, "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "Nhật ký nguyên vẹn: 4 mục" in out and "Mã kiểm tra cuối chuỗi" in out
    conn = sqlite3.connect(_path(url))
    conn.execute("UPDATE audit_event SET username = 'khac' WHERE id = (SELECT max(id) FROM audit_event)")
    conn.commit()
    conn.close()
    assert cli.main(["--db", url, "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "Nhật ký đã bị sửa ngoài chương trình" in err and "đã bị sửa" in err


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("backup", "restore", "audit"):
        assert name in out
