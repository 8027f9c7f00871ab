"""Ấp/thôn — the hamlet names in use, and renaming or merging them (Settings ▸ Hamlets…).

The table lists every name written on a live person or household with how many of each, and
marks a name written the same way but for case and marks ("ấp 1" beside "Ấp 1"). Choosing one
or more names and a new name rewrites every record that has them, after a question naming how
many records change (see :mod:`~xkld_desktop.services.hamlets`). Reading and writing run on the
database thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
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

from .i18n import format_count
from .tasks import run_task, user_message
from .widgets import ListTableModel, ask_yes_no, rows_table

_Index = QModelIndex | QPersistentModelIndex


class HamletsModel(ListTableModel):
    """The hamlet names in use (``HamletUsage`` rows)."""

    NAME, PEOPLE, HOUSEHOLDS, NOTE = range(4)

    def headers(self) -> list[str]:
        return [self.tr("Hamlet"), self.tr("Workers"), self.tr("Households"), self.tr("Note")]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index)
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return item.name
            if column == self.PEOPLE:
                return format_count(item.people)
            if column == self.HOUSEHOLDS:
                return format_count(item.households)
            if item.same_letters:
                names = ", ".join(f"“{name}”" for name in item.same_letters)
                return self.tr("Also written %1").replace("%1", names)
            return ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.PEOPLE, self.HOUSEHOLDS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class HamletsDialog(QDialog):
    """Ấp/thôn. Signals ``renamed(result)`` after a rename has been written (``None`` after its undo)."""

    renamed = Signal(object)

    def __init__(self, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.running = False
        self.setWindowTitle(self.tr("Hamlets"))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(
            self.tr(
                "The hamlet names written on workers' and households' records. When hamlets are renamed or "
                "merged, or one hamlet has been written in several ways, choose its names (Ctrl+click for "
                "several), type the name to keep and press Rename."
            ),
            self,
        )
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.model = HamletsModel(self)
        self.table = rows_table(self, self.model, several=True)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.name_caption = QLabel(self.tr("&New name:"), self)
        self.name_combo = QComboBox(self)
        self.name_combo.setEditable(True)
        self.name_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name_combo.lineEdit().setMaxLength(80)
        self.name_combo.setMinimumWidth(280)
        self.name_caption.setBuddy(self.name_combo)
        self.rename_button = QPushButton(self.tr("&Rename"), self)
        self.rename_button.clicked.connect(self.rename_selected)
        self.name_combo.lineEdit().returnPressed.connect(self.rename_selected)
        self.name_combo.editTextChanged.connect(self._update_buttons)
        row.addWidget(self.name_caption)
        row.addWidget(self.name_combo, 1)
        row.addWidget(self.rename_button)
        layout.addLayout(row)
        status_row = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo"), self)  # the last rename, while the dialog is open
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_button.hide()
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.undo_button)
        layout.addLayout(status_row)
        self.last_rename: Any = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    # -- reading ----------------------------------------------------------------------------

    def refresh(self, status: str = "") -> None:
        """Read the names again on the database thread (≈ 0.6 s at 200,000 people)."""
        from ..services.hamlets import hamlet_usage

        engine = self.engine
        self.running = True
        self.status_label.setText(status or self.tr("Reading the hamlets…"))
        self._update_buttons()
        run_task(
            lambda: hamlet_usage(engine),
            context=self,
            on_success=lambda rows: self._show(rows, status),
            on_error=self._failed,
        )

    def _show(self, rows: list[Any], status: str) -> None:
        self.running = False
        self.model.set_rows(rows)
        self.name_combo.blockSignals(True)
        text = self.name_combo.currentText()
        self.name_combo.clear()
        self.name_combo.addItems([row.name for row in rows])
        self.name_combo.setEditText(text)
        self.name_combo.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(HamletsModel.NOTE, QHeaderView.ResizeMode.Stretch)
        self.status_label.setText(status or ("" if rows else self.tr("No record has a hamlet yet.")))
        self._update_buttons()

    def selected(self) -> list[Any]:
        return [self.model.rows[index.row()] for index in sorted(self.table.selectionModel().selectedRows())]

    def _selection_changed(self, *_args: Any) -> None:
        chosen = self.selected()
        if chosen:  # the name most records have, to keep or to edit
            self.name_combo.setEditText(max(chosen, key=lambda item: item.people + item.households).name)
        self._update_buttons()

    def _update_buttons(self, *_args: Any) -> None:
        typed = bool(self.name_combo.currentText().strip())
        self.rename_button.setEnabled(typed and bool(self.selected()) and not self.running)

    # -- renaming ---------------------------------------------------------------------------

    def confirm(self, text: str) -> bool:
        return ask_yes_no(self, self.tr("Rename hamlets"), text)

    def rename_selected(self) -> None:
        """Ask, then write the new name on every record of the chosen names."""
        new_name = " ".join(self.name_combo.currentText().split())
        chosen = [item for item in self.selected() if item.name != new_name]
        if not chosen or not new_name or self.running:
            if self.selected() and new_name and not chosen:
                self.status_label.setText(self.tr("The chosen hamlet already has this name."))
            return
        people = sum(item.people for item in chosen)
        households = sum(item.households for item in chosen)
        names = ", ".join(f"“{item.name}”" for item in chosen)
        question = (
            self.tr(
                "Write “%1” as the hamlet of %2 workers and %3 households now in %4?\n\n"
                "Deleted records in them are renamed too. The audit trail keeps each record's old name."
            )
            .replace("%1", new_name)
            .replace("%2", format_count(people))
            .replace("%3", format_count(households))
            .replace("%4", names)
        )
        if not self.confirm(question):
            return
        from ..services.hamlets import rename_hamlets

        engine = self.engine
        old_names = [item.name for item in chosen]
        self.running = True
        self.status_label.setText(self.tr("Renaming…"))
        self._update_buttons()
        run_task(
            lambda: rename_hamlets(engine, old_names, new_name),
            context=self,
            on_success=self._renamed,
            on_error=self._failed,
        )

    def _renamed(self, result: Any) -> None:
        self.running = False
        self.last_rename = result
        self.undo_button.setVisible(bool(result.people or result.households))
        self.table.clearSelection()
        self.name_combo.setEditText(result.name)
        done = (
            self.tr("“%1” written on %2 workers and %3 households.")
            .replace("%1", result.name)
            .replace("%2", format_count(result.people))
            .replace("%3", format_count(result.households))
        )
        self.refresh(done)
        self.renamed.emit(result)

    def undo_last(self) -> None:
        """Give the records of the last rename their old names back (no question: nothing is lost)."""
        result = self.last_rename
        if result is None or self.running:
            return
        from ..services.hamlets import undo_rename

        engine = self.engine
        self.running = True
        self.undo_button.hide()
        self._update_buttons()
        run_task(lambda: undo_rename(engine, result), context=self, on_success=self._undone, on_error=self._failed)

    def _undone(self, restored: int) -> None:
        self.running = False
        self.last_rename = None
        self.refresh(self.tr("Old names given back to %1 records.").replace("%1", format_count(restored)))
        self.renamed.emit(None)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        message = getattr(error, "message", None) or user_message(error)
        if message is None:
            raise error
        self.status_label.setText(message)
        self._update_buttons()
        QMessageBox.warning(self, self.tr("Hamlets"), message)
