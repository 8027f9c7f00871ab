"""Tổng quan — the overview: how many people in each status, and the main totals."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.enums import PersonStatus
from ..i18n import current_language
from ..tasks import run_task, user_message
from .base import Pane

if TYPE_CHECKING:
    from ...services.overview import OverviewCounts


def format_count(n: int) -> str:
    """*n* with the thousands separator of the UI language ("12.345" in Vietnamese)."""
    if current_language() == "vi":
        return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam).toString(n)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom).toString(n)


class StatCard(QFrame):
    """A big number with its caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value_label = QLabel("—", self)
        self.value_label.setObjectName("statValue")
        self.caption_label = QLabel(self)
        self.caption_label.setObjectName("statCaption")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)


class OverviewPane(Pane):
    """Tổng quan — people by lifecycle status, households, departures, returns, departures a year.

    The figures are read in the background (services.overview) whenever the database changes;
    ``loaded`` is emitted when they are on screen.
    """

    pane_id = "overview"
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: OverviewCounts | None = None

        cards = QHBoxLayout()
        cards.setSpacing(12)
        self.people_card = StatCard(self)
        self.households_card = StatCard(self)
        self.departures_card = StatCard(self)
        self.returns_card = StatCard(self)
        for card in (self.people_card, self.households_card, self.departures_card, self.returns_card):
            cards.addWidget(card, 1)
        self.body.addLayout(cards)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        self.status_box = QGroupBox(self)
        self.status_grid = QGridLayout(self.status_box)
        self.status_grid.setColumnStretch(0, 1)
        self.status_grid.setHorizontalSpacing(24)
        self.status_labels: dict[PersonStatus, tuple[QLabel, QLabel]] = {}
        for row, status in enumerate(PersonStatus):
            name, value = QLabel(self.status_box), QLabel("—", self.status_box)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setObjectName("countValue")
            self.status_grid.addWidget(name, row, 0)
            self.status_grid.addWidget(value, row, 1)
            self.status_labels[status] = (name, value)
        columns.addWidget(self.status_box, 3)

        self.years_box = QGroupBox(self)
        years_outer = QVBoxLayout(self.years_box)
        self.years_grid = QGridLayout()
        self.years_grid.setColumnStretch(0, 1)
        self.years_grid.setHorizontalSpacing(24)
        years_outer.addLayout(self.years_grid)
        self.no_departures_label = QLabel(self.years_box)
        self.no_departures_label.setWordWrap(True)
        years_outer.addWidget(self.no_departures_label)
        years_outer.addStretch(1)
        self._year_labels: list[QLabel] = []
        columns.addWidget(self.years_box, 2)
        self.body.addLayout(columns)
        self.body.addStretch(1)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Overview")

    def people_total(self) -> int | None:
        """The number of people on screen (``None`` before the first count)."""
        return None if self.counts is None else self.counts.people

    def refresh(self) -> None:
        db = self.database
        if db is None:
            self._show(None)
            return
        engine = db.engine

        def count() -> OverviewCounts:
            from ...services.overview import overview_counts

            return overview_counts(engine)

        def done(counts: OverviewCounts) -> None:
            if self.database is db:  # not a late answer about a database since replaced
                self._show(counts)
                self.loaded.emit()

        def failed(error: BaseException) -> None:
            text = user_message(error)
            if text is None:  # not a database problem the user can act on: a bug
                sys.excepthook(type(error), error, error.__traceback__)
                return
            self.set_message(text)

        run_task(count, context=self, on_success=done, on_error=failed)

    def _show(self, counts: OverviewCounts | None) -> None:
        self.counts = counts
        lang = current_language()
        for status, (name, value) in self.status_labels.items():
            name.setText(status.label(lang))
            value.setText("—" if counts is None else format_count(counts.people_by_status.get(status, 0)))
        for card, number in (
            (self.people_card, None if counts is None else counts.people),
            (self.households_card, None if counts is None else counts.households),
            (self.departures_card, None if counts is None else counts.departures),
            (self.returns_card, None if counts is None else counts.returns),
        ):
            card.value_label.setText("—" if number is None else format_count(number))

        for label in self._year_labels:
            self.years_grid.removeWidget(label)
            label.deleteLater()
        self._year_labels = []
        years = {} if counts is None else counts.departures_by_year
        for row, (year, n) in enumerate(sorted(years.items(), reverse=True)):
            year_label, n_label = QLabel(str(year), self.years_box), QLabel(format_count(n), self.years_box)
            n_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            n_label.setObjectName("countValue")
            self.years_grid.addWidget(year_label, row, 0)
            self.years_grid.addWidget(n_label, row, 1)
            self._year_labels += [year_label, n_label]
        self.no_departures_label.setVisible(counts is not None and not years)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.people_card.caption_label.setText(self.tr("Workers"))
        self.households_card.caption_label.setText(self.tr("Households"))
        self.departures_card.caption_label.setText(self.tr("Departures"))
        self.returns_card.caption_label.setText(self.tr("Returns"))
        self.status_box.setTitle(self.tr("Workers by status"))
        self.years_box.setTitle(self.tr("Departures by year"))
        self.no_departures_label.setText(self.tr("No departures recorded yet."))
        self._show(self.counts)  # status labels and number format follow the language
