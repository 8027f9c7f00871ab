"""The reports pane: period and units, the preview, Save as PDF, Print, Excel export, Cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter

from xkld_desktop.services.database import open_database
from xkld_desktop.ui import tasks
from xkld_desktop.ui.panes.reports import ReportsPane, quarter_period

from ..unit.services.reports_data import build


@pytest.fixture
def pane(qtbot: Any, db_url: str):
    db = open_database(db_url, seed=False)
    build(db.engine)
    widget = ReportsPane()
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    widget.year_spin.setValue(2025)
    with qtbot.waitSignal(widget.preview_ready, timeout=20_000):
        widget.set_database(db)
    yield widget
    tasks.wait_for_tasks()
    qtbot.waitUntil(lambda: tasks.running_tasks() == 0)
    db.close()


def _show(qtbot: Any, pane: ReportsPane) -> None:
    with qtbot.waitSignal(pane.preview_ready, timeout=20_000):
        pane.show_button.click()


def test_preview_shows_the_year_figures_and_charts(pane: ReportsPane) -> None:
    text = pane.preview.toPlainText()
    assert "Số người xuất cảnh: 4 — trong đó xuất cảnh trái phép: 1" in text
    assert "Xuất cảnh hợp pháp so với chỉ tiêu: 3/5, đạt 60 %" in text  # as the overview counts
    assert "Xã An Bình" in text and "Xã Bình Đức" in text
    assert "01/01/2025" in text and "31/12/2025" in text
    assert "Nhật Bản" in text
    assert [pane.unit_combo.itemText(i) for i in range(1, pane.unit_combo.count())] == ["Xã An Bình", "Xã Bình Đức"]
    assert pane.preview.document().resource(pane.preview.document().ResourceType.ImageResource, "chart:year")


def test_the_preview_and_its_charts_follow_the_language(qtbot: Any, pane: ReportsPane) -> None:
    from xkld_desktop.ui.i18n import install_language

    assert "Nhật Bản".encode() in pane._market_svg
    try:
        with qtbot.waitSignal(pane.preview_ready, timeout=20_000):
            install_language("en")
        text = pane.preview.toPlainText()
        assert "Legal departures against the target: 3/5, 60 % achieved" in text
        assert b"Japan" in pane._market_svg and b"Legal departures" in pane._year_svg
    finally:
        install_language("vi")
    qtbot.waitUntil(lambda: "Nhật Bản".encode() in pane._market_svg)


def test_quarter_and_one_unit(qtbot: Any, pane: ReportsPane) -> None:
    pane.period_kind.setCurrentIndex(pane.period_kind.findData("quarter"))
    pane.quarter_combo.setCurrentIndex(0)
    pane.unit_combo.setCurrentIndex(pane.unit_combo.findText("Xã Bình Đức"))
    _show(qtbot, pane)
    assert pane.stats is not None
    assert (pane.stats.date_from, pane.stats.date_to) == (date(2025, 1, 1), date(2025, 3, 31))
    assert pane.stats.unit_names == ["Xã Bình Đức"]
    assert "Xã An Bình" not in pane.preview.toPlainText()


def test_enter_in_the_year_field_shows_that_year(qtbot: Any, pane: ReportsPane) -> None:
    pane.year_spin.setFocus()
    pane.year_spin.setValue(2024)
    with qtbot.waitSignal(pane.preview_ready, timeout=20_000):
        qtbot.keyClick(pane.year_spin, Qt.Key.Key_Return)
    assert pane.stats is not None and pane.stats.date_from == date(2024, 1, 1)
    assert "01/01/2024" in pane.preview.toPlainText()


def test_a_reversed_date_range_is_explained(qtbot: Any, pane: ReportsPane) -> None:
    pane.period_kind.setCurrentIndex(pane.period_kind.findData("range"))
    pane.from_edit.setDate(QDate(2025, 6, 1))
    pane.to_edit.setDate(QDate(2025, 5, 1))
    pane.show_button.click()
    assert pane.message_label.isVisible() and pane.message() != ""


def test_save_as_pdf(qtbot: Any, pane: ReportsPane, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.pdf"
    pane.ask_save_path = lambda *_args: str(out)  # type: ignore[method-assign]
    with qtbot.waitSignal(pane.work_finished, timeout=30_000) as signal:
        pane.pdf_button.click()
    assert signal.args == [str(out)]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "3/5, đạt 60 %" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert str(out) in pane.message()
    assert not pane.progress.isVisible() and pane.pdf_button.isEnabled()


def test_cancelled_pdf_leaves_no_file(qtbot: Any, pane: ReportsPane, tmp_path: Path) -> None:
    out = tmp_path / "huy.pdf"
    pane.ask_save_path = lambda *_args: str(out)  # type: ignore[method-assign]
    with qtbot.waitSignal(pane.work_finished, timeout=30_000) as signal:
        pane.pdf_button.click()
        assert pane.cancel_button.isVisible()
        pane.cancel_button.click()
    assert signal.args == [""]
    assert not out.exists() and not any(p.suffix == ".pdf" for p in tmp_path.iterdir())
    assert "hủy" in pane.message()


def test_export_the_club_list(qtbot: Any, pane: ReportsPane, tmp_path: Path) -> None:
    out = tmp_path / "clb.xlsx"
    pane.list_combo.setCurrentIndex(pane.list_combo.findData("club"))
    pane.ask_save_path = lambda *_args: str(out)  # type: ignore[method-assign]
    with qtbot.waitSignal(pane.work_finished, timeout=30_000):
        pane.excel_button.click()
    rows = list(openpyxl.load_workbook(out)["du_lieu"].iter_rows(values_only=True))
    assert len(rows) == 1 + 2
    assert "2" in pane.message() and str(out) in pane.message()


def test_print_the_preview(pane: ReportsPane, tmp_path: Path) -> None:
    out = tmp_path / "in.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert pane.print_report(printer)
    assert out.stat().st_size > 1000
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "Xã Bình Đức 1 3 33 %" in text


def test_quarter_period() -> None:
    assert quarter_period(2025, 1) == (date(2025, 1, 1), date(2025, 3, 31))
    assert quarter_period(2024, 4) == (date(2024, 10, 1), date(2024, 12, 31))
