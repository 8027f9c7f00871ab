"""Small widgets the forms share: a day-first date field and the message line under a field.

- :class:`CheckedLineEdit` — a line edit that keeps its problem to itself while the user is still
  typing an unfinished value (the base of the date field and of the lifecycle forms' money field).
- :class:`DateLineEdit` — a line edit that reads dates typed day first ("5/3/1998",
  "05.03.1998", "1998" for a year alone) through ``domain.validation.parse_date`` and shows them
  back as dd/mm/yyyy when the user leaves the field. The one date field of every form.
- :class:`FieldMessage` — the line under a field: errors in red, warnings in amber, hidden when
  there is nothing to say.
- :func:`field_with_message` — a field and its message line stacked, for a form row.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import DatePrecision
from ..domain.validation import Checked, format_date, parse_date

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#8a5300"


class CheckedLineEdit(QLineEdit):
    """A line edit whose problem is not shown while the user is still typing an unfinished value.

    The problem (:meth:`error`) shows once the text looks complete (:meth:`looks_complete`), when
    the user leaves the field, or when the form is saved (:meth:`settle`). Subclasses say what is
    wrong in :meth:`problem` and tidy a valid value in :meth:`_tidy`. Signal ``settled()`` is
    emitted when the user leaves the field (or presses Enter in it).
    """

    settled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typing = False
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self.settle)

    def _edited(self, _text: str) -> None:
        self._typing = True

    def settle(self) -> None:
        """Show the problem from now on (the user left the field, or the form is being saved)."""
        self._tidy()
        self._typing = False
        self.settled.emit()

    def setText(self, text: str | None) -> None:
        super().setText(text)
        self._typing = False

    def looks_complete(self) -> bool:
        return True

    def problem(self) -> str:
        return ""

    def error(self) -> str:
        """The problem with the value ("" when fine or still being typed)."""
        if self._typing and not self.looks_complete():
            return ""
        return self.problem()

    def _tidy(self) -> None:
        """Rewrite a valid value in its canonical form (when the user leaves the field)."""


_COMPLETE_DATE = re.compile(r"^\s*\d{1,2}\s*[/.\-\s]\s*\d{1,2}\s*[/.\-\s]\s*\d{4}\s*$|^\s*\d{4}-\d{1,2}-\d{1,2}\s*$")
_YEAR = re.compile(r"^\s*\d{4}\s*$")


class DateLineEdit(CheckedLineEdit):
    """A date typed day first; empty means "no date".

    ``allow_year_only``: a bare year ("1998") is accepted as a year-only date.
    ``allow_future``: dates after *today* are accepted (planned dates).
    ``required``: an empty field is a problem ("Enter a date") for :meth:`error`.
    Two ways to read what is wrong: :meth:`errors` (every message, at once, empty field fine) and
    :meth:`error` (one message, kept back while an unfinished date is being typed, see
    :class:`CheckedLineEdit`). Signal ``date_changed()`` after every edit that changes the parsed
    value or its error.
    """

    date_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        allow_year_only: bool = False,
        allow_future: bool = False,
        required: bool = False,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.allow_year_only = allow_year_only
        self.allow_future = allow_future
        self.required = required
        self.today = today
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.setMaxLength(40)
        self._checked: Checked[tuple[date, DatePrecision]] | None = None
        self.textChanged.connect(self._parse)

    def _parse(self, text: str) -> None:
        if not text.strip():
            self._checked = None
        else:
            checked = parse_date(text, today=self.today, allow_future=self.allow_future)
            year_only = checked.value is not None and checked.value[1] is DatePrecision.YEAR
            if year_only and not self.allow_year_only:
                checked = Checked(None, [self.tr("Enter the whole date: day/month/year, e.g. 05/03/1998")])
            self._checked = checked
        self.date_changed.emit()

    # -- what the form reads ----------------------------------------------------------------

    def is_empty(self) -> bool:
        return self._checked is None

    def errors(self) -> list[str]:
        """Why the text is not a date (empty when it is one, or when the field is empty)."""
        return list(self._checked.errors) if self._checked is not None else []

    def value(self) -> date | None:
        """The date typed, or ``None`` (empty or not a date)."""
        if self._checked is None or self._checked.value is None:
            return None
        return self._checked.value[0]

    def precision(self) -> DatePrecision:
        if self._checked is None or self._checked.value is None:
            return DatePrecision.DAY
        return self._checked.value[1]

    def set_date(self, value: date | None, precision: DatePrecision = DatePrecision.DAY) -> None:
        self.setText(format_date(value, precision))

    def looks_complete(self) -> bool:
        text = self.text()
        return bool(_COMPLETE_DATE.match(text) or (self.allow_year_only and _YEAR.match(text)))

    def problem(self) -> str:
        if self.is_empty():
            return self.tr("Enter a date") if self.required else ""
        errors = self.errors()
        return errors[0] if errors else ""

    def _tidy(self) -> None:
        self.normalise()

    # -- tidy on leaving --------------------------------------------------------------------

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.normalise()
        super().focusOutEvent(event)

    def normalise(self) -> None:
        """Show a valid date the standard way ("5/3/98" → "05/03/1998")."""
        value = self.value()
        if value is not None:
            shown = format_date(value, self.precision())
            if shown != self.text():
                self.setText(shown)


class FieldMessage(QLabel):
    """The message line under a form field: errors (red) first, then warnings (amber).

    ``severity()`` is ``"error"``, ``"warning"`` or ``""`` (nothing shown), for tests and styles.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        self._severity = ""

    def show_issues(self, errors: list[str], warnings: list[str]) -> None:
        if errors:
            self._severity, colour, lines = "error", ERROR_COLOUR, errors
        elif warnings:
            self._severity, colour, lines = "warning", WARNING_COLOUR, warnings
        else:
            self._severity, colour, lines = "", "", []
        self.setObjectName({"error": "fieldError", "warning": "fieldWarning"}.get(self._severity, "fieldMessage"))
        self.setStyleSheet(f"color: {colour};" if colour else "")
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # A word-wrapped label inside form layouts is often given the height of fewer lines than
        # its text needs; asking for the height its width needs keeps every line visible.
        needed = 0
        if self.text() and self.width() > 0:
            margins = self.contentsMargins()
            width = self.width() - margins.left() - margins.right() - 2 * max(self.margin(), 0)
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
            box = self.fontMetrics().boundingRect(QRect(0, 0, max(width, 1), 100_000), flags, self.text())
            needed = box.height() + margins.top() + margins.bottom() + 2 * max(self.margin(), 0)
        if needed != self.minimumHeight():
            self.setMinimumHeight(max(needed, 0))

    def clear_issues(self) -> None:
        self.show_issues([], [])

    def severity(self) -> str:
        return self._severity


def field_with_message(field: QWidget, message: FieldMessage) -> QWidget:
    """*field* with its message line underneath, as one widget for a form row."""
    box = QWidget(field.parentWidget())
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    field.setParent(box)
    message.setParent(box)
    column.addWidget(field)
    column.addWidget(message)
    return box


class ListTableModel(QAbstractTableModel):
    """A read-only table over a short list held in memory (``rows``): subclasses name the columns
    (:meth:`headers`) and give ``data``, reading their row with :meth:`row_at`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def headers(self) -> list[str]:
        raise NotImplementedError

    def row_at(self, index: QModelIndex | QPersistentModelIndex) -> Any | None:
        """The row of *index*, or ``None`` for an invalid index."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None


def hamlet_spelling_warning(typed: str, known: list[str]) -> str:
    """The warning under a hamlet field when the register writes the hamlet typed otherwise ("" if not)."""
    from ..domain.text import other_spellings

    spellings = other_spellings(typed, known)
    if not spellings:
        return ""
    names = ", ".join(f"“{name}”" for name in spellings)
    message = QCoreApplication.translate("HamletField", "Other records write this hamlet %1: choose it from the list.")
    return message.replace("%1", names)


def ask_yes_no(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """A Yes/No question; True for Yes. No is the default button (Enter), so that a key pressed by
    habit never deletes or overwrites: only questions whose Yes loses nothing pass *default_yes*.
    Tests answer it through ``QMessageBox.question`` (the ``message_boxes`` fixture)."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    default = QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, buttons, default) == QMessageBox.StandardButton.Yes


def rows_table(parent: QWidget, model: QAbstractTableModel, *, several: bool = False) -> QTableView:
    """A read-only table of a dialog's list, chosen by whole rows (several with Ctrl/Shift+click when
    *several*), in alternating colours, without row numbers."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if several
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    return view


class LimitBar(QFrame):
    """The bar above a list opened on a to-do list: what the list is limited to, and a button to show all.

    ``label`` says it, ``button`` (its text set by the pane) undoes it (calls *on_clear*); :meth:`show_text`
    shows the bar with a text, or hides it for an empty one.
    """

    def __init__(self, parent: QWidget | None = None, *, on_clear: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("paneMessage")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton(self)
        if on_clear is not None:
            self.button.clicked.connect(on_clear)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))
