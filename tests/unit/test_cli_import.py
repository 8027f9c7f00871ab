"""``xkld-desktop import``: one line per problem, a line of counts, --dry-run, --json, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.unit.services.excel_import_books import messy_workbook, simple_workbook
from xkld_desktop.cli import main
from xkld_desktop.domain.models import Person


def _people(database) -> dict[str, tuple[str | None, str]]:
    table = Person.__table__  # type: ignore[attr-defined]
    with database.engine.connect() as conn:
        return {r.full_name: (r.id_number, r.hamlet) for r in conn.execute(sa.select(table))}


def test_import_prints_problems_and_counts(database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = messy_workbook(tmp_path / "xa-a.xlsx")

    status = main(["--db", database.url, "import", str(path)])

    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert "xa-a.xlsx, dòng 6: lưu ý: CCCD có 11 chữ số — đã thêm số 0 ở đầu" in out
    assert "xa-a.xlsx, dòng 9: lỗi: Ngày sinh 31/02/1990 không có thật (tháng 2/1990 chỉ có 28 ngày)" in out
    assert any(line.startswith("đã đọc 5 dòng, nhập mới 4, cập nhật 0, bỏ qua 0, lỗi 1") for line in out)
    assert out[-1].startswith("Mã lần nhập (để hoàn tác): ")
    assert _people(database)["Nguyễn Văn An"] == ("087098012345", "Ấp 1")

    # Again: everything is there already and nothing changes; row 9 still cannot be imported, so the
    # status says that nothing could be imported.
    assert main(["--db", database.url, "import", str(path)]) == 1
    assert "nhập mới 0, cập nhật 0, bỏ qua 4, lỗi 1" in capsys.readouterr().out


def test_dry_run_writes_nothing(database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = messy_workbook(tmp_path / "xa-a.xlsx")
    assert main(["--db", database.url, "import", "--dry-run", str(path)]) == 0
    assert "Thử, chưa ghi gì: đã đọc 5 dòng, nhập mới 4" in capsys.readouterr().out
    assert _people(database) == {}


def test_update_and_json(database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = ["Họ và tên", "CCCD", "Thôn"]
    first = simple_workbook(tmp_path / "a.xlsx", header, [["Nguyễn Văn An", "087098012345", "Thôn 1"]])
    second = simple_workbook(tmp_path / "b.xlsx", header, [["Nguyễn Văn An", "087098012345", "Thôn 2"]])
    assert main(["--db", database.url, "import", str(first)]) == 0
    capsys.readouterr()

    status = main(["--db", database.url, "import", "--json", "--on-duplicate", "update", str(second)])

    payload = json.loads(capsys.readouterr().out)
    assert status == 0
    assert {k: payload[k] for k in ("read", "imported", "updated", "skipped", "errors")} == {
        "read": 1,
        "imported": 0,
        "updated": 1,
        "skipped": 0,
        "errors": 0,
    }
    assert payload["files"][0]["file"] == "b.xlsx" and payload["files"][0]["header_row"] == 1
    assert _people(database)["Nguyễn Văn An"] == ("087098012345", "Thôn 2")


def test_nothing_importable_exits_non_zero(database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "rac.xlsx").write_bytes(b"day khong phai bang tinh")
    bad_rows = simple_workbook(tmp_path / "loi.xlsx", ["Họ và tên", "Ngày sinh"], [["Nguyễn Văn 1", "31/02/1990"]])

    status = main(["--db", database.url, "import", str(tmp_path / "rac.xlsx"), str(bad_rows)])

    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert "rac.xlsx: lỗi: Tệp “rac.xlsx” không phải là bảng tính Excel (.xlsx, .xls) hay OpenDocument (.ods)." in out
    assert any(line.startswith("loi.xlsx, dòng 2: lỗi: Họ tên không được chứa chữ số") for line in out)
    assert out[-1] == "đã đọc 1 dòng, nhập mới 0, cập nhật 0, bỏ qua 0, lỗi 1; 1 tệp không đọc được."
    assert _people(database) == {}


def test_sheet_option_and_help(database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = simple_workbook(
        tmp_path / "a.xlsx", ["Họ và tên", "CCCD"], [["Nguyễn Văn An", "087098012345"]], sheet_name="DS"
    )
    assert main(["--db", database.url, "import", "--sheet", "Khác", str(path)]) == 1
    assert "không có trang tính “Khác”" in capsys.readouterr().out
    assert main(["--db", database.url, "import", "--sheet", "DS", str(path)]) == 0
    # A clean file imported twice: the second time everything is already there — not a failure.
    assert main(["--db", database.url, "import", "--sheet", "DS", str(path)]) == 0
    assert "nhập mới 0, cập nhật 0, bỏ qua 1, lỗi 0" in capsys.readouterr().out
    assert main(["import", "--help"]) == 0
    assert "--on-duplicate" in capsys.readouterr().out


def test_imports_lists_batches_and_import_undo_reverses_one(
    database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", database.url, "imports"]) == 0
    assert capsys.readouterr().out.strip() == "Chưa có lần nhập nào."

    path = messy_workbook(tmp_path / "xa-a.xlsx")
    assert main(["--db", database.url, "import", str(path)]) == 0
    batch_id = capsys.readouterr().out.splitlines()[-1].rsplit(" ", 1)[-1]

    assert main(["--db", database.url, "imports"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    fields = line.split("\t")
    assert fields[0] == batch_id and fields[2] == "xa-a.xlsx"
    assert fields[3] == "đọc 5 dòng, nhập mới 4, cập nhật 0, bỏ qua 0, lỗi 1"
    assert fields[4] == "còn hiệu lực"

    assert main(["--db", database.url, "import", "--undo", batch_id]) == 0
    assert capsys.readouterr().out.startswith(f"Đã hoàn tác lần nhập {batch_id}: xóa 7 hồ sơ đã nhập")
    table = Person.__table__  # type: ignore[attr-defined]
    with database.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).where(table.c.deleted_at.is_(None))) == 0

    assert main(["--db", database.url, "imports", "--json"]) == 0
    [batch] = json.loads(capsys.readouterr().out)
    assert batch["batch_id"] == batch_id and batch["undone"] is True and batch["imported"] == 4

    # Already undone, or unknown: a message and a non-zero status.
    assert main(["--db", database.url, "import", "--undo", batch_id]) == 1
    assert "đã được hoàn tác rồi" in capsys.readouterr().err
    assert main(["--db", database.url, "import", "--undo", "khong-co"]) == 1
    assert "Không tìm thấy lần nhập này" in capsys.readouterr().err
    # Neither files nor --undo: a usage error.
    assert main(["--db", database.url, "import"]) == 2


def test_conflicts_between_files_are_listed_and_counted(
    database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["Họ và tên", "Ngày sinh", "CCCD", "Ấp", "Mã xã"]
    a = simple_workbook(
        tmp_path / "xa-a.xlsx", header, [["Nguyễn Văn An", "05/03/1998", "087098012345", "Ấp 1", "29929"]]
    )
    b = simple_workbook(
        tmp_path / "xa-b.xlsx", header, [["Nguyễn Văn An", "05/03/1998", "087098012345", "Ấp 9", "29926"]]
    )

    assert main(["--db", database.url, "import", str(a), str(b)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith("xa-b.xlsx, dòng 2: xung đột: CCCD 087098012345 cũng có ở dòng 2 của tệp “xa-a.xlsx”")
        for line in out
    )
    assert any("nhập mới 1, cập nhật 0, bỏ qua 1, lỗi 0, xung đột 1" in line for line in out)
    assert _people(database)["Nguyễn Văn An"] == ("087098012345", "Ấp 1")

    # Nothing new, the conflict kept again: non-zero; --on-conflict take takes the second file's version.
    assert main(["--db", database.url, "import", str(a), str(b), "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["conflicts"] == 1
    assert [p["conflict"] for p in payload["problems"] if p["file"] == "xa-b.xlsx"] == [True]
    assert main(["--db", database.url, "import", str(a), str(b), "--on-conflict", "take"]) == 0
    assert "cập nhật 1" in capsys.readouterr().out
    assert _people(database)["Nguyễn Văn An"] == ("087098012345", "Ấp 9")


def test_on_a_terminal_the_import_shows_how_far_it_is(database, tmp_path: Path, monkeypatch) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    path = messy_workbook(tmp_path / "xa-a.xlsx")
    assert main(["--db", database.url, "import", str(path)]) == 0
    lines = screen.getvalue().split("\n")
    checking = [part for line in lines for part in line.split("\r") if part.startswith("  Đang kiểm tra")]
    writing = [part for line in lines for part in line.split("\r") if part.startswith("  Đang ghi")]
    assert checking[-1] == "  Đang kiểm tra các dòng… 100 %" and writing[-1] == "  Đang ghi… 100 %"
    assert _people(database)["Nguyễn Văn An"] == ("087098012345", "Ấp 1")


def test_skipped_lines_and_unused_columns_are_printed(
    database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing the file holds is left out silently: the totals row, the notes, a column not recognised."""
    path = simple_workbook(
        tmp_path / "ds.xlsx",
        ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Người giới thiệu"],
        [
            [1, "Nguyễn Văn An", "05/03/1998", "087098012345", "Ông Tư", None, "x"],
            [2, "Tống Văn Minh", "06/04/1997", "087097012346"],
            ["Tổng cộng: 2 người"],
            ["", "Người lập biểu"],
        ],
    )

    assert main(["--db", database.url, "import", str(path)]) == 0

    out = capsys.readouterr().out.splitlines()
    assert "ds.xlsx, dòng 4: bỏ qua: dòng tổng cộng" in out
    assert "ds.xlsx, dòng 5: bỏ qua: không phải dòng dữ liệu (ghi chú, chữ ký …)" in out
    assert "ds.xlsx: không nhập các cột (không nhận ra tiêu đề): E “Người giới thiệu”, G" in out
    assert any(line.startswith("đã đọc 2 dòng, nhập mới 2") for line in out)
    assert set(_people(database)) == {"Nguyễn Văn An", "Tống Văn Minh"}
