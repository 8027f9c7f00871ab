"""Settings ▸ Hamlets…: the names in use, merging two spellings into one; the database says what happened."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from xkld_desktop.domain.models import Household, Person
from xkld_desktop.store.session import write_session
from xkld_desktop.ui.hamlets_dialog import HamletsDialog, HamletsModel
from xkld_desktop.ui.panes.settings import SettingsPane


def _village(engine: Any) -> None:
    with write_session(engine) as session:
        for i, hamlet in enumerate(["Ấp 1", "Ấp 1", "ấp 1", "Ấp 2"]):
            session.add(Person(full_name=f"Nguyễn Văn {chr(65 + i)}", hamlet=hamlet))
        session.add(Household(hamlet="ấp 1"))


def _hamlets(engine: Any) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.scalars(sa.select(Person.__table__.c.hamlet)))


def _cells(dialog: HamletsDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_two_spellings_of_one_hamlet_are_merged_after_a_question(
    qtbot: Any, qtmodeltester: Any, database: Any, message_boxes: Any
) -> None:
    engine = database.engine
    _village(engine)
    dialog = HamletsDialog(engine)
    qtbot.addWidget(dialog)
    dialog.show()
    drain_tasks(qtbot)
    qtmodeltester.check(dialog.model)
    assert _cells(dialog) == [
        ["Ấp 1", "2", "0", "Cũng được viết là “ấp 1”"],
        ["ấp 1", "1", "1", "Cũng được viết là “Ấp 1”"],
        ["Ấp 2", "1", "0", ""],
    ]
    assert not dialog.rename_button.isEnabled()  # nothing chosen yet

    dialog.table.selectRow(0)
    dialog.table.selectionModel().select(
        dialog.model.index(1, HamletsModel.NAME),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert dialog.name_combo.currentText() == "Ấp 1"  # the name most records have
    dialog.name_combo.lineEdit().selectAll()
    type_text(dialog.name_combo.lineEdit(), "Ấp Hòa Bình")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)  # answered No
    [(_kind, title, question)] = message_boxes.calls
    assert title == "Đổi tên ấp/thôn"
    assert question.startswith(
        "Ghi “Ấp Hòa Bình” làm ấp/thôn cho 3 người lao động và 1 hộ gia đình đang ở “Ấp 1”, “ấp 1”?"
    )
    assert _hamlets(engine) == ["Ấp 1", "Ấp 1", "Ấp 2", "ấp 1"]  # nothing written

    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.renamed, timeout=10_000):
        qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    drain_tasks(qtbot)
    assert _hamlets(engine) == ["Ấp 2", "Ấp Hòa Bình", "Ấp Hòa Bình", "Ấp Hòa Bình"]
    with engine.connect() as conn:
        assert conn.scalar(sa.select(Household.__table__.c.hamlet)) == "Ấp Hòa Bình"
    assert _cells(dialog) == [["Ấp 2", "1", "0", ""], ["Ấp Hòa Bình", "3", "1", ""]]
    assert dialog.status_label.text() == "Đã ghi “Ấp Hòa Bình” cho 3 người lao động và 1 hộ gia đình."

    assert dialog.undo_button.isVisible() and dialog.undo_button.text() == "&Hoàn tác"
    with qtbot.waitSignal(dialog.renamed, timeout=10_000):  # no question: nothing is lost
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    drain_tasks(qtbot)
    assert _hamlets(engine) == ["Ấp 1", "Ấp 1", "Ấp 2", "ấp 1"]
    assert dialog.status_label.text() == "Đã trả lại tên cũ cho 4 hồ sơ."
    assert not dialog.undo_button.isVisible() and len(message_boxes.calls) == 2


def test_an_empty_name_cannot_be_written_and_the_settings_pane_opens_the_dialog(
    qtbot: Any, window: Any, message_boxes: Any
) -> None:
    _village(window.database.engine)
    pane = window.pane(SettingsPane)
    window.show_pane(SettingsPane)
    drain_tasks(qtbot)  # who the user is, read on the database thread
    assert pane.hamlets_button.isVisible() and pane.hamlets_button.text() == "Ấp/&thôn…"
    qtbot.mouseClick(pane.hamlets_button, Qt.MouseButton.LeftButton)
    dialog = pane.findChild(HamletsDialog)
    assert dialog is not None and dialog.isVisible()
    drain_tasks(qtbot)
    assert dialog.model.rowCount() == 3
    dialog.table.selectRow(2)
    dialog.name_combo.lineEdit().clear()
    assert not dialog.rename_button.isEnabled()
    qtbot.keyClick(dialog.name_combo.lineEdit(), Qt.Key.Key_Return)  # Enter with no name: nothing happens
    assert message_boxes.calls == [] and _hamlets(window.database.engine).count("Ấp 2") == 1
    type_text(dialog.name_combo.lineEdit(), " Ấp  2 ")  # the name it has already, spaced out
    qtbot.keyClick(dialog.name_combo.lineEdit(), Qt.Key.Key_Return)
    assert message_boxes.calls == [] and dialog.status_label.text() == "Ấp/thôn đã chọn đã mang tên này."
    dialog.close()


def test_a_database_gone_read_only_is_said_and_nothing_is_written(
    qtbot: Any, tmp_path: Path, message_boxes: Any
) -> None:
    from tests.robust.environment import read_only_file
    from xkld_desktop.services.database import open_database

    path = tmp_path / "ro" / "xa.db"
    made = open_database(f"sqlite:///{path.as_posix()}", backup=False)
    _village(made.engine)
    made.close()
    with read_only_file(path):  # the OS refuses writes (for root: the folder mounted read-only)
        db = open_database(f"sqlite:///{path.as_posix()}", backup=False, upgrade=False, seed=False)
        try:
            dialog = HamletsDialog(db.engine)
            qtbot.addWidget(dialog)
            dialog.show()
            drain_tasks(qtbot)
            dialog.table.selectAll()
            dialog.name_combo.lineEdit().setText("Ấp Mới")
            qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)  # nothing to rename: nothing asked
            drain_tasks(qtbot)
            dialog.close()
        finally:
            db.close()
    [(kind, title, text)] = message_boxes.calls  # told once, in Vietnamese, in a box and under the table
    assert (kind, title) == ("warning", "Ấp/thôn") and text.startswith("Không mở được tệp cơ sở dữ liệu")
    assert dialog.status_label.text() == text and dialog.model.rowCount() == 0
    with sqlite3.connect(path) as conn:
        assert sorted(h for (h,) in conn.execute("SELECT hamlet FROM person")) == ["Ấp 1", "Ấp 1", "Ấp 2", "ấp 1"]
