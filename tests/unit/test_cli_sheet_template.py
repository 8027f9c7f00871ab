"""The ``sheet`` and ``export-template`` commands, through the main command line."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from xkld_desktop.cli import main
from xkld_desktop.services.database import open_database

from .services.reports_data import build


@pytest.fixture
def url(db_url: str) -> str:
    db = open_database(db_url, seed=False)
    build(db.engine)
    db.close()
    return db_url


def _person_id(url: str, name: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(sa.text("SELECT id FROM person WHERE full_name = :n"), {"n": name}).scalar_one()
    engine.dispose()
    return int(found)


def test_sheet_writes_the_person_pdf(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "phieu.pdf"
    pid = _person_id(url, "Nguyễn Văn An")
    assert main(["--db", url, "sheet", str(pid), "-o", str(out)]) == 0
    assert "Nguyễn Văn An" in capsys.readouterr().out
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "PHIẾU THÔNG TIN NGƯỜI LAO ĐỘNG" in text and "Nguyễn Văn An" in text and "087195000000" in text
    assert "10/02/2025 Xuất cảnh đi Nhật Bản" in text


def test_sheet_of_an_unknown_person_fails_in_vietnamese(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "phieu.pdf"
    assert main(["--db", url, "sheet", "424242", "-o", str(out)]) == 2
    assert "Không có người lao động mã 424242" in capsys.readouterr().err
    assert not out.exists()


def test_export_template_fills_the_shipped_list(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ds.xlsx"
    with as_file(files("xkld_desktop.resources") / "templates" / "danh-sach-xuat-canh-ve-nuoc.xlsx") as template:
        argv = ["--db", url, "export-template", str(template), "--from", "01/01/2025", "--to", "31/12/2025"]
        assert main([*argv, "--unit", "Bình Đức", "-o", str(out)]) == 0
    assert "Đã điền mẫu" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out)["Xuất cảnh"]
    assert sorted(sheet.cell(r, 2).value for r in (9, 10)) == ["Lê Văn Cường", "Phạm Thị Dung"]  # commune B only
    assert sheet["B12"].value == "Tổng cộng: 2 người"


def test_export_template_refusal_is_explained(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "mau.xlsx"
    book = openpyxl.Workbook()
    book.active["C7"] = "{{khong_co}}"
    book.save(bad)
    out = tmp_path / "out.xlsx"
    assert (
        main(["--db", url, "export-template", str(bad), "--from", "01/01/2025", "--to", "31/12/2025", "-o", str(out)])
        == 2
    )
    assert "Sheet!C7" in capsys.readouterr().err
    assert not out.exists()
