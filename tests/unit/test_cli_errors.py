"""The command line's answers to wrong input and unusable places: Vietnamese, no traceback, the usual exit status."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

from xkld_desktop import cli
from xkld_desktop.cli import main

ENGLISH = (
    "Traceback",
    "invalid choice",
    "expected one argument",
    "the following arguments are required",
    "invalid int value",
    "unrecognized arguments",
    "not allowed with argument",
    "argument ",
    "Could not parse",
    "Can't load plugin",
    "openpyxl",
    "Is a directory",
    "No such file",
)


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    for words in ENGLISH:
        assert words not in err, err
    return err


def _url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


# --------------------------------------------------------------------------- bug 1: not this program's database


def test_an_empty_file_is_a_database_not_initialised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a 0-byte file as --db: "no such table: user_account" came out as a traceback
    path = tmp_path / "trong.db"
    path.write_bytes(b"")
    url = _url(path)

    assert main(["--db", url, "info"]) == 0
    assert "chưa khởi tạo — hãy chạy: xkld-desktop init" in capsys.readouterr().out
    for command in (
        ["search", "an"],
        ["stats", "--from", "1/1/2025", "--to", "31/12/2025"],
        ["backup", "-o", str(tmp_path / "sao-luu.db")],
        ["audit", "verify"],
        ["user", "list"],
    ):
        assert main(["--db", url, *command]) == cli.EXIT_NOTHING, command
        assert f"Cơ sở dữ liệu tại {path} chưa khởi tạo (tệp trống) — hãy chạy: xkld-desktop init" in _err(capsys)
    with sqlite3.connect(path) as con:  # nothing was created in it
        assert con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    assert not (tmp_path / "sao-luu.db").exists()


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path: Path, capsys) -> None:
    path = tmp_path / "khac.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x)")
    url = _url(path)

    assert main(["--db", url, "info"]) == 0
    assert f"Phiên bản lược đồ: {cli.NOT_OURS}" in capsys.readouterr().out
    for command in (["search", "an"], ["stats", "--from", "1/1/2025", "--to", "31/12/2025"], ["audit", "verify"]):
        assert main(["--db", url, *command]) == cli.EXIT_ERROR, command
        assert f"Tệp {path} không phải là cơ sở dữ liệu của chương trình" in _err(capsys)
    with sqlite3.connect(path) as con:
        assert [name for (name,) in con.execute("SELECT name FROM sqlite_master")] == ["t"]


# --------------------------------------------------------------------------- bugs 3 and 8: database addresses


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://x@y/z", "không dùng được “mysql://”"),
        ("oracle://x@y/z", "không dùng được “oracle://”"),
        ("mssql+pyodbc://x@y/z", "không dùng được “mssql+pyodbc://”"),
        ("foo://x", "không dùng được “foo://”"),
        ("foo", "Địa chỉ cơ sở dữ liệu không hợp lệ: “foo”."),
    ],
)
def test_only_sqlite_files_and_postgresql_servers_are_taken(url: str, said: str, capsys) -> None:
    assert main(["--db", url, "info"]) == cli.EXIT_ERROR
    err = _err(capsys)
    assert said in err
    assert "sqlite:///đường/dẫn/tệp.db" in err and "postgresql://" in err


def test_a_copy_to_an_unsupported_database_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["--db", _url(tmp_path / "x.db"), "copy-to", "mysql://a@b/c"]) == cli.EXIT_ERROR
    assert "không dùng được “mysql://”" in _err(capsys)


def test_a_database_driver_that_is_not_installed_is_said_in_vietnamese(tmp_path: Path, capsys) -> None:
    # postgresql+pg8000:// passes the address check; SQLAlchemy then fails to import the driver
    if importlib.util.find_spec("pg8000") is not None:
        pytest.skip("pg8000 is installed here")
    assert main(["--db", "postgresql+pg8000://u@h/z", "info"]) == cli.EXIT_ERROR
    err = _err(capsys)
    assert "không có trình điều khiển “pg8000”" in err and "ModuleNotFoundError" not in err


def test_an_address_sqlalchemy_cannot_read_is_said_in_vietnamese(capsys) -> None:
    import sqlalchemy as sa

    assert cli._environment_message(sa.exc.ArgumentError("Could not parse SQLAlchemy URL")) == (
        f"Địa chỉ cơ sở dữ liệu không hợp lệ. {cli.URL_FORMS}"
    )
    assert cli._environment_message(sa.exc.NoSuchModuleError("Can't load plugin")) == cli.UNSUPPORTED_DATABASE


# --------------------------------------------------------------------------- bug 5: demo --today too early


def test_a_demo_for_a_day_before_the_plan_is_refused_before_the_database_is_made(tmp_path: Path, capsys) -> None:
    path = tmp_path / "mau.db"
    assert main(["--db", _url(path), "demo", "--today", "1/1/2015", "--people", "50"]) == cli.EXIT_ERROR
    assert "phải từ 01/06/2016 trở đi" in _err(capsys)
    assert not path.exists()


# --------------------------------------------------------------------------- bug 6: huge numbers


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["search", "an", "--limit", "99999999999999999999"], "tham số --limit: “99999999999999999999” quá lớn"),
        (["demo", "--people", "99999999999999999999"], "tham số --people: “99999999999999999999” quá lớn"),
        (["sheet", "99999999999999999999", "-o", "x.pdf"], "tham số MÃ_NGƯỜI: “99999999999999999999” không phải"),
        (["sheet", "0", "-o", "x.pdf"], "tham số MÃ_NGƯỜI: “0” không phải là một mã hồ sơ"),
        (["user", "add", "a", "--role", "admin", "--club", "99999999999999999999"], "tham số --club: “999"),
    ],
)
def test_numbers_too_large_for_a_database_are_refused_by_the_command_line(command, said, tmp_path, capsys) -> None:
    assert main(["--db", _url(tmp_path / "x.db"), *command]) == cli.EXIT_ERROR
    assert said in _err(capsys)
    assert not (tmp_path / "x.db").exists()


# --------------------------------------------------------------------------- bug 7: output paths


@pytest.fixture
def seeded(_seeded_template: Path, tmp_path: Path) -> str:
    """The URL of a migrated, seeded SQLite database of this test."""
    from xkld_desktop.store.backup import backup_sqlite

    return _url(backup_sqlite(_seeded_template, tmp_path / "db.db"))


PERIOD = ["--from", "1/1/2025", "--to", "31/12/2025"]


@pytest.mark.parametrize(
    "command",
    [
        ["report", *PERIOD, "-o", "{out}"],
        ["export", "departed", *PERIOD, "-o", "{out}"],
        ["sheet", "1", "-o", "{out}"],
        ["export-template", "{template}", *PERIOD, "-o", "{out}"],
    ],
    ids=["report", "export", "sheet", "export-template"],
)
def test_an_output_that_is_a_folder_or_in_a_missing_folder_is_named_as_the_user_wrote_it(
    seeded: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it said "Không mở được tệp hoặc thư mục của cơ sở dữ liệu (/…/.~c3d9rua7.pdf): Is a directory."
    template = tmp_path / "mau.xlsx"
    import openpyxl

    openpyxl.Workbook().save(template)
    folder = tmp_path / "thu muc"
    folder.mkdir()
    missing = tmp_path / "chua-co" / "ket-qua.pdf"

    def run(out: Path) -> str:
        words = [w.replace("{out}", str(out)).replace("{template}", str(template)) for w in command]
        assert main(["--db", seeded, *words]) == cli.EXIT_ERROR
        return _err(capsys)

    err = run(folder)
    assert f"{folder} là một thư mục, không phải tệp" in err and "cơ sở dữ liệu" not in err and ".~" not in err
    err = run(missing)
    assert f"Không ghi được {missing}: chưa có thư mục {missing.parent}." in err and ".~" not in err
    assert sorted(p.name for p in folder.iterdir()) == []


def test_an_output_folder_without_write_permission_is_said(seeded: str, tmp_path, monkeypatch, capsys) -> None:
    from xkld_desktop import cli_reports

    monkeypatch.setattr(cli_reports.os, "access", lambda path, mode: False)  # as for a folder of another user
    out = tmp_path / "bao-cao.pdf"
    assert main(["--db", seeded, "report", *PERIOD, "-o", str(out)]) == cli.EXIT_ERROR
    assert f"Không ghi được {out}: không có quyền ghi vào thư mục {tmp_path}." in _err(capsys)
    assert main(["--db", seeded, "backup", "-o", str(tmp_path)]) == cli.EXIT_ERROR
    assert f"Không có quyền ghi vào thư mục {tmp_path}." in _err(capsys)


def test_a_backup_into_a_missing_folder_is_refused(seeded: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "usb" / "sao-luu.db"
    assert main(["--db", seeded, "backup", "-o", str(out)]) == cli.EXIT_ERROR
    assert f"Không ghi được {out}: chưa có thư mục {out.parent}." in _err(capsys)


def test_a_template_that_is_a_folder_or_not_xlsx_is_said_in_vietnamese(seeded: str, tmp_path: Path, capsys) -> None:
    text = tmp_path / "mau.txt"
    text.write_text("không phải Excel", encoding="utf-8")
    out = str(tmp_path / "ket-qua.xlsx")
    assert main(["--db", seeded, "export-template", str(tmp_path), *PERIOD, "-o", out]) == cli.EXIT_ERROR
    assert f"Mẫu {tmp_path} là một thư mục" in _err(capsys)
    assert main(["--db", seeded, "export-template", str(text), *PERIOD, "-o", out]) == cli.EXIT_ERROR
    assert f"Mẫu {text} không phải là tệp Excel dạng .xlsx" in _err(capsys)


# --------------------------------------------------------------------------- bug 8: argparse in Vietnamese


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["bogus"], "tham số LỆNH: không có “bogus”; chọn một trong: init, demo, info"),
        (["report", *PERIOD[:3], "--to"], "tham số --to: cần một giá trị"),
        (["report", "--from", "1/1/2025", "-o", "x.pdf"], "thiếu tham số bắt buộc: --to"),
        (["sheet", "abc", "-o", "x.pdf"], "tham số MÃ_NGƯỜI: “abc” không phải là một số nguyên"),
        (["user", "add", "a", "--role", "admin", "--club", "abc"], "tham số --club: “abc” không phải là một số nguyên"),
        (["info", "--bogus"], "không hiểu các tham số: --bogus"),
        (
            ["user", "update", "a", "--active", "--inactive"],
            "tham số --inactive: không dùng cùng lúc với --active được",
        ),
        (["user"], "thiếu tham số bắt buộc: VIỆC"),
        (["search"], "thiếu tham số bắt buộc: TỪ_KHÓA"),
    ],
)
def test_usage_errors_are_vietnamese(words: list[str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(words) == cli.EXIT_ERROR
    err = _err(capsys)
    assert said in err and ": lỗi: " in err


def test_argparse_messages_are_translated_and_ours_pass_unchanged() -> None:
    translate = cli.translate_argparse_error
    assert translate("argument --limit: invalid int value: 'x'") == "tham số --limit: “x” không phải là một số nguyên"
    assert translate("argument -o/--output: expected one argument") == "tham số -o/--output: cần một giá trị"
    assert translate("the following arguments are required: --from, --to") == "thiếu tham số bắt buộc: --from, --to"
    assert translate("argument --people: phải lớn hơn 0") == "tham số --people: phải lớn hơn 0"
    assert translate("ambiguous option: --u could match --unit, --user") == (
        "tùy chọn --u không rõ là tùy chọn nào trong: --unit, --user"
    )


# --------------------------------------------------------------------------- bug 9: help headings


@pytest.mark.parametrize(
    "words",
    [["search"], ["import"], ["sheet"], ["restore"], ["copy-to"], ["user", "add"], ["export-template"]],
)
def test_the_arguments_of_a_command_are_not_headed_as_commands(words: list[str], capsys) -> None:
    assert main([*words, "--help"]) == 0
    out = capsys.readouterr().out
    assert "\nTham số:\n" in out and "\nLệnh:\n" not in out


def test_the_commands_are_headed_as_commands(capsys: pytest.CaptureFixture[str]) -> None:
    for words in ([], ["user"], ["audit"]):
        assert main([*words, "--help"]) == 0
        out = capsys.readouterr().out
        assert "\nLệnh:\n" in out and "\nTham số:\n" not in out, words
