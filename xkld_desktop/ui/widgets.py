"""Small widgets the forms share: a day-first date field and the message line under a field.

- :class:`DateLineEdit` — a line edit that reads dates typed day first ("5/3/1998",
  "05.03.1998", "1998" for a year alone) through ``domain.validation.parse_date`` and shows them
  back as dd/mm/yyyy when the user leaves the field.
- :class:`FieldMessage` — the line under a field: errors in red, warnings in amber, hidden when
  there is nothing to say.
- :func:`field_with_message` — a field and its message line stacked, for a form row.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ..domain.enums import DatePrecision
from ..domain.validation import Checked, format_date, parse_date

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#8a5300"


class DateLineEdit(QLineEdit):
    """A date typed day first; empty means "no date".

    ``allow_year_only``: a bare year ("1998") is accepted as a year-only date.
    ``allow_future``: dates after *today* are accepted (planned dates).
    Signal ``date_changed()`` after every edit that changes the parsed value or its error.
    """

    date_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        allow_year_only: bool = False,
        allow_future: bool = False,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.allow_year_only = allow_year_only
        self.allow_future = allow_future
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
