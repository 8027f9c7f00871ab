"""Chỉ tiêu and Buổi tư vấn — editing the yearly targets and the outreach sessions.

- :class:`TargetsDialog` — a year's targets per commune in a table (type the number; empty
  removes a target), with what each has achieved; one save writes them all.
- :class:`OutreachSessionsDialog` — the outreach sessions of a year (or all), to add, edit or
  delete (after naming what goes with it).
- :class:`OutreachSessionDialog` — the form of one session: date (not in the future), topic,
  place, organiser, head count and the registered people who attended (found with the people
  search), with the problems shown under each field as the user types.

Opened from the overview (and the targets from Settings). Services are called directly: each
action is one short transaction.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.validation import Severity, format_date
from ..services.errors import ServiceError
from ..services.outreach import (
    MAX_ATTENDANCE,
    OutreachInput,
    OutreachSessionRow,
    check_outreach,
    create_outreach_session,
    delete_outreach_session,
    get_outreach_session,
    list_outreach_sessions,
    outreach_years,
    update_outreach_session,
)
from ..services.people import search_people
from ..services.targets import MAX_TARGET, TargetRow, list_targets, percent_achieved, set_targets, totals_of
from .i18n import format_count
from .tasks import user_message
from .widgets import DateLineEdit, FieldMessage, ListTableModel, ask_yes_no, field_with_message, rows_table

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ERROR_STYLE = "color: #b00020;"


def _message(error: BaseException) -> str | None:
    if isinstance(error, ServiceError):
        return error.message
    return user_message(error)


# --------------------------------------------------------------------------- targets


class TargetsModel(ListTableModel):
    """A year's targets, one row per unit; the target column is editable (0 or empty: none).

    ``edits`` holds what the user changed and has not saved (unit id → target or ``None``).
    """

    UNIT, TARGET, ACHIEVED, PERCENT = range(4)

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[int, int | None] = {}

    def set_rows(self, rows: list[TargetRow]) -> None:
        self.edits = {}
        super().set_rows(rows)

    def target_of(self, row: TargetRow) -> int | None:
        """The target shown: the user's unsaved change, else the saved one."""
        return self.edits.get(row.unit_id, row.target)

    def headers(self) -> list[str]:
        return [
            self.tr("Commune / ward"),
            self.tr("Target (workers)"),
            self.tr("Departed (legal)"),
            self.tr("Achieved"),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        target = self.target_of(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.UNIT:
                return self.tr("{name} (before 07/2025)").format(name=row.unit_name) if row.legacy else row.unit_name
            if column == self.TARGET:
                return "" if target is None else format_count(target)
            if column == self.ACHIEVED:
                return format_count(row.achieved)
            if column == self.PERCENT:
                percent = percent_achieved(row.achieved, target)
                return "" if percent is None else f"{percent} %"
        if role == Qt.ItemDataRole.EditRole and column == self.TARGET:
            return target or 0
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_LEFT if column == self.UNIT else _RIGHT)
        if role == Qt.ItemDataRole.FontRole and column == self.TARGET and row.unit_id in self.edits:
            font = QFont()
            font.setBold(True)  # changed, not saved yet
            return font
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == self.TARGET:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.TARGET:
            return False
        try:
            number = int(value) if value not in (None, "") else 0
        except (TypeError, ValueError):
            return False
        if not 0 <= number <= MAX_TARGET:
            return False
        row = self.rows[index.row()]
        new = number or None
        if new == row.target:
            self.edits.pop(row.unit_id, None)
        else:
            self.edits[row.unit_id] = new
        self.dataChanged.emit(self.index(index.row(), self.TARGET), self.index(index.row(), self.PERCENT))
        self.changed.emit()
        return True

    def totals(self) -> tuple[int, int]:
        """Departed and targeted over the units shown that have a target, a former commune left out
        when the commune it is counted under has one (``targets.totals_of``, as the overview counts)."""
        return totals_of(self.rows, self.edits)


class TargetDelegate(QStyledItemDelegate):
    """Edits a target with a spin box: 0 shows as "—" (no target)."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        del option, index
        spin = QSpinBox(parent)
        spin.setRange(0, MAX_TARGET)
        spin.setSpecialValueText("—")
        spin.setAlignment(_RIGHT)
        spin.setGroupSeparatorShown(True)
        return spin


class TargetsDialog(QDialog):
    """Chỉ tiêu — the targets of a year, per commune, with what has been achieved.

    Type the number of workers targeted in the "Target" column (0 or "—": none). Save writes
    every change of the year in one go; changing the year or closing with unsaved changes asks
    first. Signal ``saved()`` after a save.
    """

    saved = Signal()

    def __init__(self, engine: Any, *, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.setWindowTitle(self.tr("Targets") + "[*]")
        self.resize(720, 560)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.year_label = QLabel(self.tr("&Year:"), self)
        self.year_spin = QSpinBox(self)
        this_year = date.today().year
        self.year_spin.setRange(2000, this_year + 5)
        self.year_spin.setValue(year or this_year)
        self.year_label.setBuddy(self.year_spin)
        self.all_units_check = QCheckBox(self.tr("Show every commune of the province"), self)
        top.addWidget(self.year_label)
        top.addWidget(self.year_spin)
        top.addSpacing(16)
        top.addWidget(self.all_units_check)
        top.addStretch(1)
        layout.addLayout(top)

        self.hint = QLabel(
            self.tr(
                "Type the number of workers each commune plans to send abroad this year; empty or 0 means "
                'no target. "Departed (legal)" counts the legal departures of people registered in the '
                "commune (former communes merged into it included)."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        layout.addWidget(self.hint)

        self.model = TargetsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(TargetsModel.TARGET, TargetDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(TargetsModel.UNIT, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(TargetsModel.TARGET, 130)
        self.view.setColumnWidth(TargetsModel.ACHIEVED, 110)
        self.view.setColumnWidth(TargetsModel.PERCENT, 100)
        layout.addWidget(self.view, 1)

        self.total_label = QLabel(self)
        self.total_label.setObjectName("countValue")
        layout.addWidget(self.total_label)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._year = self.year_spin.value()
        self._all_rows: list[TargetRow] = []
        self.year_spin.valueChanged.connect(self._on_year_changed)
        self.all_units_check.toggled.connect(lambda _on: self._show_rows())
        self.model.changed.connect(self._update_state)
        self.load()

    @property
    def year(self) -> int:
        return self._year

    def load(self) -> None:
        """Read the year's targets again (unsaved changes are dropped)."""
        self.model.edits = {}
        try:
            self._all_rows = list_targets(self.engine, year=self._year)
        except Exception as error:
            message = _message(error)
            if message is None:
                raise
            self._show_error(message)
            self._all_rows = []
        self._show_rows()

    def _show_rows(self) -> None:
        edits = dict(self.model.edits)
        show_all = self.all_units_check.isChecked()
        rows = [r for r in self._all_rows if show_all or r.has_records or r.target is not None or r.unit_id in edits]
        self.model.set_rows(rows)
        self.model.edits = {k: v for k, v in edits.items() if any(r.unit_id == k for r in rows)}
        self._update_state()

    def _update_state(self) -> None:
        achieved, target = self.model.totals()
        percent = percent_achieved(achieved, target)
        if percent is None:
            text = self.tr("No target set for {year}.").format(year=self._year)
        else:
            text = self.tr("Communes with a target: {done}/{target} workers, {percent} % achieved").format(
                done=format_count(achieved), target=format_count(target), percent=percent
            )
        self.total_label.setText(text)
        self.save_button.setEnabled(bool(self.model.edits))
        self.setWindowModified(bool(self.model.edits))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def has_changes(self) -> bool:
        return bool(self.model.edits)

    def set_target(self, unit_id: int, value: int | None) -> bool:
        """Type *value* into the unit's target cell (as the user would)."""
        for row_index, row in enumerate(self.model.rows):
            if row.unit_id == unit_id:
                return self.model.setData(self.model.index(row_index, TargetsModel.TARGET), value or 0)
        return False

    def save(self) -> bool:
        """Write the changes of the year (one transaction)."""
        self.view.setFocus()  # an open editor commits its value first
        if not self.model.edits:
            return True
        try:
            set_targets(self.engine, year=self._year, targets=dict(self.model.edits))
        except Exception as error:
            message = _message(error)
            if message is None:
                raise
            self._show_error(message)
            return False
        self._show_error("")
        self.saved.emit()
        self.load()
        return True

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Yes: save, No: drop the changes, Cancel: stay (tests answer through QMessageBox)."""
        return QMessageBox.question(
            self,
            self.tr("Unsaved targets"),
            self.tr("The targets of {year} were changed and not saved. Save them?").format(year=self._year),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )

    def _settle_changes(self) -> bool:
        """Before leaving the year: save or drop the changes, as the user says (False: stay)."""
        if not self.model.edits:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Yes:
            return self.save()
        return answer == QMessageBox.StandardButton.No

    def _on_year_changed(self, year: int) -> None:
        if year == self._year:
            return
        if not self._settle_changes():
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(self._year)
            self.year_spin.blockSignals(False)
            return
        self._year = year
        self.model.edits = {}
        self.load()

    def reject(self) -> None:
        """Close (Esc, the Close button, the window's ×): unsaved changes are asked about first."""
        if self._settle_changes():
            super().reject()


# --------------------------------------------------------------------------- outreach sessions


class SessionsModel(ListTableModel):
    """The outreach sessions shown (plain rows from the service)."""

    DATE, TOPIC, PLACE, ORGANISER, ATTENDANCE = range(5)

    def headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("Topic"),
            self.tr("Place"),
            self.tr("Organiser"),
            self.tr("Attending (registered)"),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.DATE:
                return format_date(row.held_on)
            if column == self.TOPIC:
                return row.topic
            if column == self.PLACE:
                return row.place
            if column == self.ORGANISER:
                return row.organiser
            if column == self.ATTENDANCE:
                return f"{format_count(row.attendance_count)} ({format_count(row.registered_count)})"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column == self.ATTENDANCE else _LEFT)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class _Keys(QObject):
    """Runs *actions[key]* for a key pressed in a widget (and eats the key)."""

    def __init__(self, parent: QObject, actions: dict[Qt.Key, Callable[[], None]]) -> None:
        super().__init__(parent)
        self.actions = actions

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            action = self.actions.get(Qt.Key(event.key()))
            if action is not None:
                action()
                return True
        return False


class OutreachSessionsDialog(QDialog):
    """Buổi tư vấn — the outreach sessions of a year (or every year): add, edit, delete.

    Enter or a double-click edits a session, Del deletes it (after asking). Signal
    ``changed()`` after any save or delete.
    """

    changed = Signal()

    def __init__(self, engine: Any, *, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.current_form: OutreachSessionDialog | None = None
        self.setWindowTitle(self.tr("Outreach sessions"))
        self.resize(980, 540)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.year_label = QLabel(self.tr("&Year:"), self)
        self.year_combo = QComboBox(self)
        self.year_label.setBuddy(self.year_combo)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countValue")
        top.addWidget(self.year_label)
        top.addWidget(self.year_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.model = SessionsModel(self)
        self.view = rows_table(self, self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 90), (1, 250), (2, 200), (3, 200)):
            self.view.setColumnWidth(column, width)
        self.view.activated.connect(lambda _index: self.edit_current())
        self.view.installEventFilter(_Keys(self, {Qt.Key.Key_Delete: self.delete_current}))
        layout.addWidget(self.view, 1)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.add_button.clicked.connect(self.add_session)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.close_button.clicked.connect(self.reject)
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self._fill_years(year)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.reload()

    def _fill_years(self, year: int | None) -> None:
        years = set(outreach_years(self.engine)) | {date.today().year}
        if year is not None:
            years.add(year)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("All years"), None)
        for y in sorted(years, reverse=True):
            self.year_combo.addItem(str(y), y)
        index = self.year_combo.findData(year) if year is not None else 0
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)

    def reload(self, select_id: int | None = None) -> None:
        try:
            rows = list_outreach_sessions(self.engine, year=self.year_combo.currentData())
        except Exception as error:
            message = _message(error)
            if message is None:
                raise
            self._show_error(message)
            rows = []
        self.model.set_rows(rows)
        total = sum(r.attendance_count for r in rows)
        self.count_label.setText(
            self.tr("{n} sessions, {people} attending").format(n=format_count(len(rows)), people=format_count(total))
        )
        for i, row in enumerate(rows):
            if row.id == select_id:
                self.view.setCurrentIndex(self.model.index(i, 0))
                break
        else:
            if rows:
                self.view.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _update_buttons(self) -> None:
        has = self.current_row() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def current_row(self) -> OutreachSessionRow | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def add_session(self) -> None:
        self._open_form(None)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self._open_form(row.id)

    def _open_form(self, session_id: int | None) -> None:
        try:
            form = OutreachSessionDialog(self.engine, session_id=session_id, parent=self)
        except Exception as error:
            message = _message(error)
            if message is None:
                raise
            self._show_error(message)
            self.reload()
            return
        self.current_form = form
        form.saved.connect(self._after_save)
        form.finished.connect(lambda _r: setattr(self, "current_form", None))
        form.open()

    def _after_save(self, session_id: int) -> None:
        self._show_error("")
        year = self.year_combo.currentData()
        self._fill_years(year)
        self.reload(select_id=session_id)
        self.changed.emit()

    def ask_delete(self, row: OutreachSessionRow) -> bool:
        """Confirm a deletion, naming the session and what goes with it (tests patch QMessageBox)."""
        text = self.tr(
            "Delete the outreach session of {date} at {place} ({topic})?\n"
            "Its attendance list ({registered} registered people of {count} attending) goes with it."
        ).format(
            date=format_date(row.held_on),
            place=row.place or "—",
            topic=row.topic or "—",
            registered=format_count(row.registered_count),
            count=format_count(row.attendance_count),
        )
        return ask_yes_no(self, self.tr("Delete outreach session"), text)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or not self.ask_delete(row):
            return
        try:
            delete_outreach_session(self.engine, session_id=row.id, version=row.version)
        except Exception as error:
            message = _message(error)
            if message is None:
                raise
            self._show_error(message)
        else:
            self._show_error("")
            self.changed.emit()
        self.reload()


class OutreachSessionDialog(QDialog):
    """The form of one outreach session (new when *session_id* is ``None``).

    Problems show under each field as the user types; Enter saves (except in the attendee
    search, where it adds the person found), Esc cancels. Signal ``saved(session_id)``.
    """

    saved = Signal(int)

    def __init__(self, engine: Any, *, session_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.session_id = session_id
        self.version: int | None = None
        self._touched: set[str] = set()
        self._found: list[Any] = []
        self.setWindowTitle(self.tr("New outreach session") if session_id is None else self.tr("Outreach session"))
        self.resize(640, 640)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.date_edit = DateLineEdit(self)
        self.topic_edit = QLineEdit(self)
        self.place_edit = QLineEdit(self)
        self.organiser_edit = QLineEdit(self)
        for edit in (self.topic_edit, self.place_edit, self.organiser_edit):
            edit.setMaxLength(200)
        self.count_spin = QSpinBox(self)
        self.count_spin.setRange(0, MAX_ATTENDANCE)
        self.count_spin.setGroupSeparatorShown(True)
        self.messages = {
            name: FieldMessage(self) for name in ("held_on", "topic", "place", "organiser", "attendance_count")
        }
        form.addRow(self.tr("&Date:"), field_with_message(self.date_edit, self.messages["held_on"]))
        form.addRow(self.tr("&Topic:"), field_with_message(self.topic_edit, self.messages["topic"]))
        form.addRow(self.tr("&Place:"), field_with_message(self.place_edit, self.messages["place"]))
        form.addRow(self.tr("&Organiser:"), field_with_message(self.organiser_edit, self.messages["organiser"]))
        form.addRow(
            self.tr("&Number attending:"), field_with_message(self.count_spin, self.messages["attendance_count"])
        )

        people = QGridLayout()
        self.person_search = QLineEdit(self)
        self.person_search.setPlaceholderText(self.tr("Find a registered person by name, CCCD or phone…"))
        self.person_search.setClearButtonEnabled(True)
        self.found_list = QListWidget(self)
        self.found_list.setMaximumHeight(110)
        self.found_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.found_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.add_person_button = QPushButton(self.tr("Add ↓"), self)
        self.attendee_list = QListWidget(self)
        self.attendee_list.setMinimumHeight(110)
        self.attendee_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attendee_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.remove_person_button = QPushButton(self.tr("Remove from list"), self)
        for button in (self.add_person_button, self.remove_person_button):
            button.setAutoDefault(False)
        self.attendees_caption = QLabel(self)
        people.addWidget(self.person_search, 0, 0)
        people.addWidget(self.found_list, 1, 0)
        people.addWidget(self.add_person_button, 1, 1, Qt.AlignmentFlag.AlignTop)
        people.addWidget(self.attendees_caption, 2, 0)
        people.addWidget(self.attendee_list, 3, 0)
        people.addWidget(self.remove_person_button, 3, 1, Qt.AlignmentFlag.AlignTop)
        people_box = QWidget(self)
        people_box.setLayout(people)
        people.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Registered attendees:"), people_box)
        form.labelForField(people_box).setBuddy(self.person_search)  # type: ignore[attr-defined]

        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(70)
        form.addRow(self.tr("N&otes:"), self.notes_edit)
        layout.addLayout(form)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        order = [
            self.date_edit,
            self.topic_edit,
            self.place_edit,
            self.organiser_edit,
            self.count_spin,
            self.person_search,
            self.found_list,
            self.add_person_button,
            self.attendee_list,
            self.remove_person_button,
            self.notes_edit,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._search_people)
        self.person_search.textChanged.connect(lambda _t: self._search_timer.start())
        self.person_search.installEventFilter(
            _Keys(
                self,
                {Qt.Key.Key_Return: self.add_found, Qt.Key.Key_Enter: self.add_found, Qt.Key.Key_Down: self._to_found},
            )
        )
        self.found_list.itemActivated.connect(lambda _item: self.add_found())
        self.attendee_list.installEventFilter(_Keys(self, {Qt.Key.Key_Delete: self.remove_attendee}))
        self.add_person_button.clicked.connect(self.add_found)
        self.remove_person_button.clicked.connect(self.remove_attendee)

        for name, edit in (("topic", self.topic_edit), ("place", self.place_edit), ("organiser", self.organiser_edit)):
            edit.textEdited.connect(lambda _t, n=name: self._touch(n))
        self.date_edit.textEdited.connect(lambda _t: self._touch("held_on"))
        self.count_spin.valueChanged.connect(lambda _v: self._touch("attendance_count"))

        if session_id is not None:
            self._load(session_id)
        else:
            self.date_edit.set_date(date.today())
        self._update_attendees_caption()
        self.validate()

    # -- loading ----------------------------------------------------------------------------

    def _load(self, session_id: int) -> None:
        detail = get_outreach_session(self.engine, session_id=session_id)
        self.version = detail.version
        self.date_edit.set_date(detail.held_on)
        self.topic_edit.setText(detail.topic)
        self.place_edit.setText(detail.place)
        self.organiser_edit.setText(detail.organiser)
        self.count_spin.setValue(detail.attendance_count)
        self.notes_edit.setPlainText(detail.notes)
        for person in detail.attendees:
            self._add_attendee(
                person.person_id, self._person_text(person.full_name, person.date_of_birth, person.hamlet)
            )

    @staticmethod
    def _person_text(name: str, born: date | None, hamlet: str) -> str:
        parts = [name] + [p for p in (format_date(born), hamlet) if p]
        return " — ".join(parts)

    # -- attendees --------------------------------------------------------------------------

    def attendee_ids(self) -> list[int]:
        return [
            int(self.attendee_list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.attendee_list.count())
        ]

    def _search_people(self) -> None:
        text = self.person_search.text()
        self.found_list.clear()
        self._found = search_people(self.engine, text, limit=20) if text.strip() else []
        chosen = set(self.attendee_ids())
        for person in self._found:
            item = QListWidgetItem(self._person_text(person.full_name, person.date_of_birth, person.hamlet))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            if person.id in chosen:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.found_list.addItem(item)
        if self.found_list.count():
            self.found_list.setCurrentRow(0)

    def search_now(self) -> None:
        """Search at once (tests; Enter does it too)."""
        self._search_timer.stop()
        self._search_people()

    def _to_found(self) -> None:
        if self.found_list.count():
            self.found_list.setFocus()

    def add_found(self) -> None:
        """Add the person chosen in the search results (Enter in the search box: the first)."""
        if self._search_timer.isActive():
            self.search_now()
        item = self.found_list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        self._add_attendee(int(item.data(Qt.ItemDataRole.UserRole)), item.text())
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        if self.count_spin.value() < self.attendee_list.count():
            self.count_spin.setValue(self.attendee_list.count())  # at least everyone chosen
        self.person_search.selectAll()
        self.person_search.setFocus()
        self.validate()

    def _add_attendee(self, person_id: int, text: str) -> None:
        if person_id in self.attendee_ids():
            return
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.attendee_list.addItem(item)
        self._update_attendees_caption()

    def remove_attendee(self) -> None:
        row = self.attendee_list.currentRow()
        if row < 0:
            return
        item = self.attendee_list.takeItem(row)
        person_id = int(item.data(Qt.ItemDataRole.UserRole))
        for i in range(self.found_list.count()):
            found = self.found_list.item(i)
            if int(found.data(Qt.ItemDataRole.UserRole)) == person_id:
                found.setFlags(found.flags() | Qt.ItemFlag.ItemIsEnabled)
        self._update_attendees_caption()
        self.validate()

    def _update_attendees_caption(self) -> None:
        self.attendees_caption.setText(
            self.tr("Chosen: {n} registered people").format(n=format_count(self.attendee_list.count()))
        )

    # -- checking and saving ----------------------------------------------------------------

    def form_data(self) -> OutreachInput:
        return OutreachInput(
            held_on=self.date_edit.text(),
            place=self.place_edit.text(),
            organiser=self.organiser_edit.text(),
            topic=self.topic_edit.text(),
            attendance_count=self.count_spin.value(),
            attendee_ids=tuple(self.attendee_ids()),
            notes=self.notes_edit.toPlainText(),
        )

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self.validate()

    def validate(self, *, show_all: bool = False) -> bool:
        """Show the problems under the fields the user has been at (all of them with *show_all*)."""
        _held_on, issues = check_outreach(self.form_data())
        for name, message in self.messages.items():
            if not (show_all or name in self._touched):
                message.clear_issues()
                continue
            mine = [i for i in issues if i.field == name]
            message.show_issues(
                [i.message for i in mine if i.severity is Severity.ERROR],
                [i.message for i in mine if i.severity is Severity.WARNING],
            )
        return not any(i.severity is Severity.ERROR for i in issues)

    def save(self) -> None:
        if not self.validate(show_all=True):
            first = next(
                (name for name in self.messages if self.messages[name].severity() == "error"),
                "held_on",
            )
            self._field(first).setFocus()
            return
        try:
            if self.session_id is None:
                self.session_id = create_outreach_session(self.engine, data=self.form_data())
            else:
                assert self.version is not None
                update_outreach_session(
                    self.engine, session_id=self.session_id, version=self.version, data=self.form_data()
                )
        except Exception as error:
            message = _message(error)
            if message is None:
                raise
            self.error_label.setText(message)
            self.error_label.show()
            return
        self.saved.emit(self.session_id)
        self.accept()

    def _field(self, name: str) -> QWidget:
        return {
            "held_on": self.date_edit,
            "topic": self.topic_edit,
            "place": self.place_edit,
            "organiser": self.organiser_edit,
            "attendance_count": self.count_spin,
        }[name]
