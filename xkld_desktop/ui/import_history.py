"""Lịch sử nhập — the past Excel imports, newest first, each of which can be undone as a whole.

Reached from File ▸ Import history… and from the import wizard's last page. The dialog lists
the batches the ``excel_import`` service recorded (time, files, counts, undone or not); "Undo
this import" asks for confirmation naming the counts, then reverses the batch in the
background (:func:`~xkld_desktop.services.excel_import.commit.undo_import`): what the import
created is soft-deleted, what it updated gets its previous values back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..services.excel_import.commit import ImportBatch, UndoResult, list_import_batches, undo_import
from .i18n import format_count
from .tasks import checkpoint_in_background, run_task
from .widgets import ListTableModel, ask_yes_no, rows_table
from .window_action import local_time

_Index = QModelIndex | QPersistentModelIndex


class ImportHistoryModel(ListTableModel):
    """The import batches (a few hundred at most: one row per import the officer made)."""

    TIME, FILES, READ, IMPORTED, UPDATED, SKIPPED, ERRORS, STATE = range(8)

    def headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Files"),
            self.tr("Read"),
            self.tr("New"),
            self.tr("Updated"),
            self.tr("Skipped"),
            self.tr("Errors"),
            self.tr("State"),
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        batch = self.row_at(index)
        if batch is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TIME:
                return local_time(batch.at)
            if column == self.FILES:
                return ", ".join(batch.files)
            if column == self.STATE:
                return self.tr("Undone") if batch.undone else self.tr("In effect")
            counts = (batch.read, batch.imported, batch.updated, batch.skipped, batch.errors)
            return format_count(counts[column - self.READ])
        if role == Qt.ItemDataRole.TextAlignmentRole and self.READ <= column <= self.ERRORS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.FILES:
            return "\n".join(batch.files)
        return None


class ImportHistoryDialog(QDialog):
    """Lịch sử nhập. Emits ``undone`` with the :class:`UndoResult` after an import was undone."""

    undone = Signal(object)

    def __init__(self, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.running = False
        self.setWindowTitle(self.tr("Import history"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Every import from Excel, newest first. Undoing an import removes the people and departures "
                "it added and gives the records it updated their previous values back."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = ImportHistoryModel(self)
        self.table = rows_table(self, self.model)
        self.table.horizontalHeader().setSectionResizeMode(ImportHistoryModel.FILES, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        row = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("&Undo this import"), self)
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    def refresh(self) -> None:
        """Read the batches again (a short read: one row per import ever made)."""
        self.model.set_rows(list_import_batches(self.engine))
        if self.model.rows:
            self.table.selectRow(0)
            self.status_label.setText("")
        else:
            self.status_label.setText(self.tr("Nothing has been imported from Excel yet."))
        self._selection_changed()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(ImportHistoryModel.FILES, QHeaderView.ResizeMode.Stretch)

    def selected_batch(self) -> ImportBatch | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[rows[0].row()]

    def _selection_changed(self, *_args: Any) -> None:
        batch = self.selected_batch()
        self.undo_button.setEnabled(batch is not None and not batch.undone and not self.running)

    def undo_selected(self) -> None:
        batch = self.selected_batch()
        if batch is None or batch.undone or self.running:
            return
        question = (
            self.tr(
                "Undo the import of %1 (%2)?\n\n"
                "It read %3 rows: %4 new records will be removed and %5 updated records will get their "
                "previous values back (%6 skipped, %7 with errors). Records changed again since then are "
                "left as they are."
            )
            .replace("%1", ", ".join(batch.files) or "?")
            .replace("%2", local_time(batch.at))
            .replace("%3", format_count(batch.read))
            .replace("%4", format_count(batch.imported))
            .replace("%5", format_count(batch.updated))
            .replace("%6", format_count(batch.skipped))
            .replace("%7", format_count(batch.errors))
        )
        if not ask_yes_no(self, self.tr("Undo this import"), question):
            return
        self.running = True
        self.undo_button.setEnabled(False)
        self.status_label.setText(self.tr("Undoing…"))
        engine, batch_id = self.engine, batch.batch_id
        run_task(
            lambda: undo_import(engine, batch_id),
            context=self,
            on_success=self._undone,
            on_error=self._failed,
        )

    def _undone(self, result: UndoResult) -> None:
        self.running = False
        checkpoint_in_background(self.engine)
        self.refresh()
        text = (
            self.tr("Import undone: %1 records removed, %2 restored.")
            .replace("%1", format_count(result.deleted))
            .replace("%2", format_count(result.restored))
        )
        if result.not_restored:
            text += " " + self.tr("%1 records changed since the import were left as they are.").replace(
                "%1", format_count(result.not_restored)
            )
        self.status_label.setText(text)
        self.undone.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.refresh()
        message = getattr(error, "message", None)
        if message is None:
            raise error
        self.status_label.setText(message)
        QMessageBox.warning(self, self.tr("Undo this import"), message)


def open_import_history(window: Any, parent: QWidget | None = None) -> None:
    """Show the history over *window*'s database; the window's panes follow when an import was undone."""
    database = getattr(window, "database", None)
    if database is None:
        return
    dialog = ImportHistoryDialog(database.engine, parent or window)

    def undone(_result: UndoResult) -> None:
        changed = getattr(window, "records_changed", None)
        if changed is not None:
            changed()

    dialog.undone.connect(undone)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
