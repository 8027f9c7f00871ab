"""``--user`` and the ``user`` commands: a database with accounts asks who works, with that user's rights."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from xkld_desktop import cli_users
from xkld_desktop.cli import main
from xkld_desktop.domain.enums import PersonStatus
from xkld_desktop.domain.models import Person
from xkld_desktop.services import access, auth
from xkld_desktop.services.database import open_database
from xkld_desktop.store.session import write_session

ADMIN = "mật khẩu quản trị viên"
VIEWER = "mật khẩu chỉ xem"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.delenv("XKLD_PASSWORD", raising=False)
    monkeypatch.delenv("XKLD_NEW_PASSWORD", raising=False)

    def no_terminal(label: str) -> str:
        raise EOFError

    monkeypatch.setattr(cli_users, "prompt", no_terminal)


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{(tmp_path / 'xkld.db').as_posix()}"
    db = open_database(url)
    with write_session(db.engine) as session:
        session.add(Person(full_name="Nguyễn Văn Đức", id_number="087203001234", status=PersonStatus.REGISTERED))
    db.close()
    return url


def _run(capsys, monkeypatch, argv: list[str], **env: str) -> tuple[int, str, str]:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    code = main(argv)
    for key in env:
        monkeypatch.delenv(key)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def with_accounts(url, capsys, monkeypatch) -> str:
    code, out, _ = _run(
        capsys,
        monkeypatch,
        ["--db", url, "user", "add", "QuanTri", "--role", "admin", "--full-name", "Nguyễn Văn Quản"],
        XKLD_NEW_PASSWORD=ADMIN,
    )
    assert (code, out.strip()) == (0, "Đã tạo tài khoản quantri (Quản trị).")
    code, _, _ = _run(
        capsys,
        monkeypatch,
        ["--db", url, "--user", "quantri", "user", "add", "xem", "--role", "chỉ xem"],
        XKLD_PASSWORD=ADMIN,
        XKLD_NEW_PASSWORD=VIEWER,
    )
    assert code == 0
    return url


def _hashes(url: str) -> dict[str, str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as con:
        return dict(con.execute("SELECT username, password_hash FROM user_account"))


def test_without_accounts_no_login_is_asked(url, capsys, monkeypatch) -> None:
    code, out, err = _run(capsys, monkeypatch, ["--db", url, "search", "duc"])
    assert code == 0 and "Nguyễn Văn Đức\t" in out and "087203001234" in out and err == ""


def test_the_first_account_must_be_an_admin(url, capsys, monkeypatch) -> None:
    code, _, err = _run(
        capsys,
        monkeypatch,
        ["--db", url, "user", "add", "canbo", "--role", "officer"],
        XKLD_NEW_PASSWORD="mật khẩu cán bộ",
    )
    assert code == 2 and "Tài khoản đầu tiên phải là tài khoản quản trị." in err
    assert _hashes(url) == {}


def test_accounts_are_stored_as_argon2id(with_accounts) -> None:
    hashes = _hashes(with_accounts)
    assert set(hashes) == {"quantri", "xem"}
    assert all(h.startswith("$argon2id$") for h in hashes.values())


def test_with_accounts_a_command_without_user_is_refused(with_accounts, capsys, monkeypatch) -> None:
    code, out, err = _run(capsys, monkeypatch, ["--db", with_accounts, "search", "duc"])
    assert code == 2 and out == ""
    assert "đã có tài khoản người dùng" in err and "--user" in err and "XKLD_PASSWORD" in err


def test_user_and_password_from_the_environment_or_the_prompt(with_accounts, capsys, monkeypatch) -> None:
    code, out, _ = _run(
        capsys, monkeypatch, ["--db", with_accounts, "--user", "quantri", "search", "duc"], XKLD_PASSWORD=ADMIN
    )
    assert code == 0 and "087203001234" in out
    asked: list[str] = []
    monkeypatch.setattr(cli_users, "prompt", lambda label: asked.append(label) or ADMIN)
    code, out, _ = _run(capsys, monkeypatch, ["--db", with_accounts, "--user", "quantri", "search", "duc"])
    assert code == 0 and "Nguyễn Văn Đức" in out and asked == ["Mật khẩu của quantri: "]


def test_a_wrong_or_missing_password_is_refused(with_accounts, capsys, monkeypatch) -> None:
    code, out, err = _run(
        capsys, monkeypatch, ["--db", with_accounts, "--user", "quantri", "search", "duc"], XKLD_PASSWORD="sai mật khẩu"
    )
    assert code == 2 and out == "" and "Tên đăng nhập hoặc mật khẩu không đúng." in err
    code, out, err = _run(capsys, monkeypatch, ["--db", with_accounts, "--user", "quantri", "search", "duc"])
    assert code == 2 and "XKLD_PASSWORD" in err


def test_the_viewer_has_the_viewers_rights(with_accounts, capsys, monkeypatch, tmp_path: Path) -> None:
    base = ["--db", with_accounts, "--user", "xem"]
    code, out, _ = _run(capsys, monkeypatch, [*base, "search", "duc"], XKLD_PASSWORD=VIEWER)
    assert code == 0 and "••••••••1234" in out and "087203001234" not in out
    code, _, err = _run(capsys, monkeypatch, [*base, "backup", "-o", str(tmp_path / "b.db")], XKLD_PASSWORD=VIEWER)
    assert code == 2 and "không có quyền sao lưu" in err and not (tmp_path / "b.db").exists()
    code, _, err = _run(capsys, monkeypatch, [*base, "user", "list"], XKLD_PASSWORD=VIEWER)
    assert code == 2 and "không có quyền quản lý tài khoản" in err


def test_user_list_and_passwords(with_accounts, capsys, monkeypatch) -> None:
    admin = ["--db", with_accounts, "--user", "quantri"]
    code, out, _ = _run(capsys, monkeypatch, [*admin, "user", "list"], XKLD_PASSWORD=ADMIN)
    assert code == 0
    assert [line.split("\t")[:3] for line in out.splitlines()] == [
        ["quantri", "Nguyễn Văn Quản", "Quản trị"],
        ["xem", "", "Chỉ xem"],
    ]
    before = _hashes(with_accounts)
    code, _, _ = _run(
        capsys,
        monkeypatch,
        ["--db", with_accounts, "--user", "xem", "user", "passwd", "xem"],
        XKLD_PASSWORD=VIEWER,
        XKLD_NEW_PASSWORD="mật khẩu mới của tôi",
    )
    assert code == 0 and _hashes(with_accounts)["xem"] != before["xem"]
    code, _, err = _run(
        capsys,
        monkeypatch,
        ["--db", with_accounts, "--user", "xem", "user", "passwd", "quantri"],
        XKLD_PASSWORD="mật khẩu mới của tôi",
        XKLD_NEW_PASSWORD="chiếm quyền quản trị",
    )
    assert code == 2 and "không có quyền quản lý tài khoản" in err
    assert _hashes(with_accounts)["quantri"] == before["quantri"]
    code, _, _ = _run(
        capsys,
        monkeypatch,
        [*admin, "user", "passwd", "xem"],
        XKLD_PASSWORD=ADMIN,
        XKLD_NEW_PASSWORD="quản trị đặt lại",
    )
    assert code == 0
    code, _, _ = _run(
        capsys, monkeypatch, ["--db", with_accounts, "--user", "xem", "search", "duc"], XKLD_PASSWORD="quản trị đặt lại"
    )
    assert code == 0


def test_new_password_asked_twice_must_match(with_accounts, capsys, monkeypatch) -> None:
    answers = iter(["mật khẩu một", "mật khẩu hai"])
    monkeypatch.setattr(cli_users, "prompt", lambda label: next(answers))
    code, _, err = _run(
        capsys,
        monkeypatch,
        ["--db", with_accounts, "--user", "quantri", "user", "add", "canbo", "--role", "officer"],
        XKLD_PASSWORD=ADMIN,
    )
    assert code == 2 and "không giống nhau" in err and "canbo" not in _hashes(with_accounts)


def test_init_needs_no_login_and_the_login_ends_with_the_command(with_accounts, capsys, monkeypatch) -> None:
    code, _, _ = _run(capsys, monkeypatch, ["--db", with_accounts, "init"])
    assert code == 0
    code, _, _ = _run(
        capsys, monkeypatch, ["--db", with_accounts, "--user", "xem", "search", "duc"], XKLD_PASSWORD=VIEWER
    )
    assert code == 0
    db = open_database(with_accounts)
    try:
        assert access.actor_of(db.engine) is None  # the next database opened in this process is not bound
    finally:
        db.close()
