"""The reports pane's "Fill my template…" button: open a template, save the filled copy, refusals shown."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from xkld_desktop.services.database import open_database
from xkld_desktop.ui import tasks
from xkld_desktop.ui.panes.reports import ReportsPane

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


def test_fill_the_shipped_summary_template(qtbot: Any, pane: ReportsPane, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "filled.xlsx"
    suggested: list[str] = []
    with as_file(files("xkld_desktop.resources") / "templates" / "bao-cao-ket-qua-xkld.xlsx") as template:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(template), "Excel (*.xlsx)"))
        pane.ask_save_path = lambda _caption, name, _filter: suggested.append(name) or str(out)  # type: ignore[method-assign]
        assert pane.template_button.isVisible() and pane.template_button.isEnabled()
        with qtbot.waitSignal(pane.work_finished, timeout=30_000) as signal:
            pane.template_button.click()
    assert signal.args == [str(out)]
    assert suggested[0].endswith("bao-cao-ket-qua-xkld-20250101-20251231.xlsx")
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == "UBND XÃ AN BÌNH"
    assert sheet["C11"].value == 4 and sheet["C12"].value == 3 and sheet["C13"].value == 5  # all, legal, target
    assert str(out) in pane.message()


def test_a_bad_template_is_explained(qtbot: Any, pane: ReportsPane, tmp_path: Path, monkeypatch, message_boxes) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "{{khong_co}}"
    template = tmp_path / "mau.xlsx"
    book.save(template)
    out = tmp_path / "filled.xlsx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(template), "Excel (*.xlsx)"))
    pane.ask_save_path = lambda *_args: str(out)  # type: ignore[method-assign]
    with qtbot.waitSignal(pane.work_finished, timeout=30_000):
        pane.template_button.click()
    warnings = message_boxes.of("warning")
    assert warnings and "{{khong_co}}" in warnings[0][1] and "A1" in warnings[0][1]
    assert not out.exists()


def test_the_template_itself_is_never_overwritten(
    pane: ReportsPane, tmp_path: Path, monkeypatch, message_boxes
) -> None:
    template = tmp_path / "mau.xlsx"
    openpyxl.Workbook().save(template)
    before = template.read_bytes()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(template), "Excel (*.xlsx)"))
    pane.ask_save_path = lambda *_args: str(template)  # type: ignore[method-assign]
    pane.template_button.click()
    assert message_boxes.of("warning")
    assert template.read_bytes() == before
