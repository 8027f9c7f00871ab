"""Thùng rác and Xóa dữ liệu theo yêu cầu — the administrator's side of deleting (issue 6).

* :class:`RecycleBinAction` (File ▸ Recycle bin…) opens :class:`RecycleBinDialog`: the deleted
  records with what they are, when and by whom they were deleted and the days left before the
  purge; "Restore" brings the chosen one back (with what was deleted along with it), "Empty the
  bin…" removes everything for good after a question naming the count. The action shows only to
  users who may do it (``Permission.DATA_ERASE``); the services refuse the others anyway.
* :class:`ErasureDialog` (person's page ▸ More ▸ Erase this person's data on request…) names the
  person and what goes, says that it cannot be undone, shows the legal basis recorded, and
  enables "Erase" only when the user typed the person's full name or the word XÓA.

The services (:mod:`~xkld_desktop.services.recycle_bin`, :mod:`~xkld_desktop.services.erasure`)
load on first use: the main window imports this module while it is built, before any database.
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
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .i18n import current_language, format_count
from .tasks import run_task
from .widgets import ListTableModel, ask_yes_no, rows_table
from .window_action import WindowAction, local_time, may

_Index = QModelIndex | QPersistentModelIndex


def may_erase(engine: Any) -> bool:
    """Whether the user of *engine* may use the bin and erase people (administrators)."""
    return may(engine, "data_erase")


def _message(error: BaseException) -> str | None:
    message = getattr(error, "message", None)
    if message is None:
        from .tasks import user_message

        message = user_message(error)
    return message


# --------------------------------------------------------------------------- the bin


class RecycleBinModel(ListTableModel):
    """The items of the bin (a plain list: a bin holds at most a few thousand records)."""

    KIND, TITLE, DELETED_AT, DELETED_BY, DAYS_LEFT = range(5)

    def headers(self) -> list[str]:
        return [self.tr("Kind"), self.tr("What"), self.tr("Deleted on"), self.tr("Deleted by"), self.tr("Days left")]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index)
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.KIND:
                return item.kind.label(current_language())
            if column == self.TITLE:
                return item.title
            if column == self.DELETED_AT:
                return local_time(item.deleted_at)
            if column == self.DELETED_BY:
                return item.deleted_by or "—"
            return str(item.days_left)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DAYS_LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return item.title
        return None


class RecycleBinDialog(QDialog):
    """Thùng rác. Signals ``restored(item)`` and ``emptied(result)`` after the work is done."""

    restored = Signal(object)
    emptied = Signal(object)

    def __init__(self, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.running = False
        self.setWindowTitle(self.tr("Recycle bin"))
        self.resize(920, 460)
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.model = RecycleBinModel(self)
        self.table = rows_table(self, self.model)
        layout.addWidget(self.table, 1)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        row = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton(self.tr("&Empty the bin…"), self)
        self.empty_button.clicked.connect(self.empty)
        self.erase_button = QPushButton(self.tr("Erase personal data on request…"), self)
        self.erase_button.clicked.connect(self.erase_selected)
        row.addWidget(self.restore_button)
        row.addWidget(self.empty_button)
        row.addWidget(self.erase_button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.refresh()

    # -- questions (tests patch or answer through QMessageBox) -------------------------------

    def confirm(self, title: str, text: str) -> bool:
        return ask_yes_no(self, title, text)

    def show_refusal(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Recycle bin"), message)

    # -- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the bin again (a short read)."""
        from ..services.recycle_bin import list_bin, retention_days

        try:
            items = list_bin(self.engine)
            days = retention_days(self.engine)
        except Exception as error:
            message = _message(error)
            if message is None:
                raise
            self.model.set_rows([])
            self.status_label.setText(message)
            self._update_buttons()
            return
        self.intro_label.setText(
            self.tr(
                "Deleted records stay here for %1 days, then they are removed for good. Restoring a record "
                "brings back what was deleted along with it (a person's departures, a household's members)."
            ).replace("%1", str(days))
        )
        self.model.set_rows(items)
        self.status_label.setText("" if items else self.tr("The bin is empty."))
        if items:
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(RecycleBinModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def selected_item(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_args: Any) -> None:
        item = self.selected_item()
        self.restore_button.setEnabled(item is not None and not self.running)
        self.empty_button.setEnabled(bool(self.model.rows) and not self.running)
        self.erase_button.setEnabled(item is not None and item.kind.value == "person" and not self.running)

    # -- actions ----------------------------------------------------------------------------

    def _start(self, text: str) -> None:
        self.running = True
        self.status_label.setText(text)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        message = _message(error)
        if message is None:
            raise error
        self.refresh()
        self.status_label.setText(message)
        self.show_refusal(message)

    def restore_selected(self) -> None:
        """Restore the chosen item (no question: restoring loses nothing)."""
        item = self.selected_item()
        if item is None or self.running:
            return
        from ..services.recycle_bin import restore_item

        engine = self.engine
        self._start(self.tr("Restoring…"))
        run_task(
            lambda: restore_item(engine, kind=item.kind, record_id=item.record_id),
            context=self,
            on_success=lambda _result: self._restored(item),
            on_error=self._failed,
        )

    def _restored(self, item: Any) -> None:
        self.running = False
        self.refresh()
        self.status_label.setText(self.tr("Restored: %1").replace("%1", item.title))
        self.restored.emit(item)

    def erase_selected(self) -> ErasureDialog | None:
        """A deleted person erased for good on their request (the same confirmation as on their page)."""
        item = self.selected_item()
        if item is None or item.kind.value != "person" or self.running:
            return None
        try:
            dialog = ErasureDialog(self.engine, item.record_id, self)
        except Exception as error:
            message = _message(error)
            if message is None:
                raise
            self.show_refusal(message)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.erased.connect(lambda _result: self.refresh())
        dialog.open()
        return dialog

    def empty(self) -> None:
        """Empty the bin after a question naming how much goes (cannot be undone)."""
        if not self.model.rows or self.running:
            return
        from ..services.recycle_bin import bin_summary, empty_bin

        question = self.tr(
            "Remove everything in the bin for good?\n\n%1\n\nThis cannot be undone: the records and what was "
            "deleted along with them leave the database; the audit trail keeps one line per record without "
            "its content."
        ).replace("%1", bin_summary(self.model.rows))
        if not self.confirm(self.tr("Empty the bin"), question):
            return
        engine = self.engine
        self._start(self.tr("Emptying the bin…"))
        run_task(lambda: empty_bin(engine), context=self, on_success=self._emptied, on_error=self._failed)

    def _emptied(self, result: Any) -> None:
        self.running = False
        self.refresh()
        self.status_label.setText(self.tr("Removed for good: %1 records.").replace("%1", format_count(result.total)))
        self.emptied.emit(result)


class RecycleBinAction(WindowAction):
    """File ▸ Recycle bin…: shown to administrators only; opens the bin on *window*'s database."""

    permission = "data_erase"

    def retranslate(self) -> None:
        self.setText(self.tr("Recycle &bin…"))
        self.setStatusTip(self.tr("Restore deleted records, or remove them for good"))

    def open(self) -> RecycleBinDialog | None:
        database = getattr(self.main_window, "database", None)
        if database is None:
            return None
        dialog = RecycleBinDialog(database.engine, self.main_window)

        def changed(_what: Any) -> None:
            records_changed = getattr(self.main_window, "records_changed", None)
            if records_changed is not None:
                records_changed()

        dialog.restored.connect(changed)
        dialog.emptied.connect(changed)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        return dialog


# --------------------------------------------------------------------------- erasure on request


class ErasureDialog(QDialog):
    """Xóa dữ liệu theo yêu cầu: confirm by typing the name (or XÓA), then erase for good.

    ``erased`` is emitted after the erasure committed; ``preview`` holds what is shown.
    """

    erased = Signal(object)

    def __init__(self, engine: Any, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ..services.erasure import erasure_preview

        self.engine = engine
        self.person_id = person_id
        self.preview = erasure_preview(engine, person_id)  # AccessDenied / NotFound go to the caller
        self.running = False
        p = self.preview
        self.setWindowTitle(self.tr("Erase personal data on request"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        born = f" ({p.birth_text})" if p.birth_text else ""
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        from ..services.erasure import CONFIRM_WORDS, REPLACEMENT

        lines = [
            self.tr("All personal data of %1 will be erased from this database for good.").replace(
                "%1", p.full_name + born
            ),
            self.tr(
                "Removed: the record, %1 departures (with their loans, supports and returns), %2 status entries, "
                "household membership and club data about this person. Other records that name this person keep "
                "their content with the name, CCCD and phone replaced by “%3”. The audit trail keeps one "
                "line without personal data."
            )
            .replace("%1", format_count(p.departures))
            .replace("%2", format_count(p.status_events))
            .replace("%3", REPLACEMENT),
            self.tr("This cannot be undone, not even from the recycle bin."),
        ]
        if p.legal_basis is not None and p.legal_basis.value == "legal_obligation":
            lines.append(
                self.tr(
                    "The data are kept under a legal obligation: check that the law allows erasing them before "
                    "you continue."
                )
            )
        elif p.legal_basis is not None:
            lines.append(self.tr("Legal basis recorded: %1.").replace("%1", p.legal_basis.label(current_language())))
        self.text_label.setText("\n\n".join(lines))
        layout.addWidget(self.text_label)
        confirm = self.tr("Type the person's full name, or the word %1, to confirm:").replace("%1", CONFIRM_WORDS[0])
        self.confirm_label = QLabel(confirm, self)
        layout.addWidget(self.confirm_label)
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("erasureConfirmation")
        self.confirm_label.setBuddy(self.confirm_edit)
        layout.addWidget(self.confirm_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button = self.buttons.addButton(self.tr("&Erase for good"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.confirm_edit.textChanged.connect(self._typed)

    def _typed(self, text: str) -> None:
        from ..services.erasure import confirmation_ok

        self.erase_button.setEnabled(confirmation_ok(self.preview.full_name, text) and not self.running)

    def erase(self) -> None:
        from ..services.erasure import confirmation_ok, erase_person

        typed = self.confirm_edit.text()
        if self.running or not confirmation_ok(self.preview.full_name, typed):
            return
        self.running = True
        self.erase_button.setEnabled(False)
        engine, person_id = self.engine, self.person_id
        run_task(
            lambda: erase_person(engine, person_id=person_id, confirmation=typed),
            context=self,
            on_success=self._erased,
            on_error=self._failed,
        )

    def _erased(self, result: Any) -> None:
        self.running = False
        self.erased.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        message = _message(error)
        if message is None:
            raise error
        QMessageBox.warning(self, self.tr("Erase personal data on request"), message)
        self._typed(self.confirm_edit.text())


__all__ = ["ErasureDialog", "RecycleBinAction", "RecycleBinDialog", "RecycleBinModel", "may_erase"]
