"""The person page's record-sheet button: Save as PDF through the file dialog, and Print."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from tests.gui.test_person_page import abroad, add_person, open_page


def _text(path: Path) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def test_save_sheet_as_pdf_through_the_file_dialog(qtbot, database, tmp_path: Path, monkeypatch, message_boxes) -> None:
    pid = add_person(database.engine)
    abroad(database.engine, pid)
    page = open_page(qtbot, database, pid)
    assert page.sheet_button.isVisible() and page.sheet_button.isEnabled()
    # Vietnamese once the lead merges resources/translations/pending/reports2.tsv; English source until then
    assert page.sheet_button.text().replace("&", "") == "In phiếu thông tin…"
    assert [a.text().replace("&", "") for a in page.sheet_menu.actions()] == ["Lưu PDF…", "In…"]

    asked: list[str] = []
    target = tmp_path / "out" / "phieu"  # no extension: .pdf is added
    target.parent.mkdir()

    def choose(_parent, caption, suggested, _filter):
        asked.append(suggested)
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    page.sheet_pdf_action.trigger()

    written = target.with_suffix(".pdf")
    assert asked == ["phieu-thong-tin-nguyen-van-duc.pdf"]
    assert written.exists()
    flat = _text(written)
    assert "Nguyễn Văn Đức" in flat and "087098001234" in flat
    assert "16/04/2024 Xuất cảnh đi Nhật Bản" in flat
    assert message_boxes.of("information") and str(written) in message_boxes.of("information")[0][1]


def test_cancelled_file_dialog_writes_nothing(qtbot, database, tmp_path: Path, monkeypatch, message_boxes) -> None:
    pid = add_person(database.engine)
    page = open_page(qtbot, database, pid)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    assert page.save_sheet_pdf() is None
    assert not message_boxes.calls
    assert not list(tmp_path.glob("*.pdf"))


def test_print_sheet_prints_the_same_content(qtbot, database, tmp_path: Path) -> None:
    pid = add_person(database.engine)
    abroad(database.engine, pid)
    page = open_page(qtbot, database, pid)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert page.print_sheet(printer) is True
    flat = _text(out)
    assert "PHIẾU THÔNG TIN NGƯỜI LAO ĐỘNG" in flat
    assert "Nguyễn Văn Đức" in flat and "087098001234" in flat
    assert "Xuất cảnh đi Nhật Bản" in flat
