"""Lịch sử nhập: past imports listed, one undone after a confirmation naming its counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.sqlite_wal import wal_frames
from tests.unit.services.excel_import_books import messy_workbook
from xkld_desktop.domain.models import Person
from xkld_desktop.services.excel_import.commit import commit_import
from xkld_desktop.services.excel_import.preview import preview_files
from xkld_desktop.ui import tasks
from xkld_desktop.ui.import_history import ImportHistoryDialog, ImportHistoryModel


def _live_names(database: Any) -> set[str]:
    table = Person.__table__  # type: ignore[attr-defined]
    with database.engine.connect() as conn:
        return set(conn.scalars(sa.select(table.c.full_name).where(table.c.deleted_at.is_(None))))


def _import(database: Any, path: Path) -> Any:
    return commit_import(database.engine, preview_files(database.engine, [path]))


def test_history_lists_imports_and_undoes_one_after_asking(
    qtbot: Any, qtmodeltester: Any, database: Any, tmp_path: Path, message_boxes: Any
) -> None:
    result = _import(database, messy_workbook(tmp_path / "xa-tan-ho-co.xlsx"))
    assert result.imported == 4 and _live_names(database)

    dialog = ImportHistoryDialog(database.engine)
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert model.rowCount() == 1
    cell = lambda column: model.index(0, column).data()  # noqa: E731
    assert cell(ImportHistoryModel.FILES) == "xa-tan-ho-co.xlsx"
    assert [cell(c) for c in range(ImportHistoryModel.READ, ImportHistoryModel.ERRORS + 1)] == ["5", "4", "0", "0", "1"]
    assert cell(ImportHistoryModel.STATE) == "Còn hiệu lực"
    assert dialog.undo_button.isEnabled()

    # Answering No changes nothing; the question names the file and the counts.
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    [(_title, text)] = message_boxes.of("question")
    assert "xa-tan-ho-co.xlsx" in text and "5" in text and "4" in text
    assert len(_live_names(database)) == 4

    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.undone, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].deleted == 7  # 4 people and their 3 departures
    assert _live_names(database) == set()
    assert cell(ImportHistoryModel.STATE) == "Đã hoàn tác"
    assert not dialog.undo_button.isEnabled()  # an undone import cannot be undone twice
    assert "7" in dialog.status_label.text()
    # the undo's COMMIT left the write-ahead log as the import's did; the dialog has it copied in the background
    tasks.wait_for_tasks()
    frames, copied = wal_frames(database.path)
    assert frames > 0 and copied == frames


def test_history_says_when_nothing_was_imported(qtbot: Any, database: Any) -> None:
    dialog = ImportHistoryDialog(database.engine)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.status_label.text() == dialog.tr("Nothing has been imported from Excel yet.")
    assert not dialog.undo_button.isEnabled()


def test_history_is_in_the_file_menu_and_on_the_wizards_last_page(window: Any, monkeypatch: Any) -> None:
    from xkld_desktop.ui import import_history
    from xkld_desktop.ui.import_wizard import ImportWizard

    opened: list[Any] = []
    monkeypatch.setattr(ImportHistoryDialog, "exec", lambda self: opened.append(self) or 0)
    window.import_history_action.trigger()
    assert len(opened) == 1 and opened[0].engine is window.database.engine
    assert import_history.ImportHistoryDialog is ImportHistoryDialog

    wizard = ImportWizard(window.database.engine, window)
    wizard.confirm_page.history_button.click()
    assert len(opened) == 2 and opened[1].engine is window.database.engine
    wizard.deleteLater()
