"""Tổng quan — the overview: the year against its target, what to do next, people by status.

Each count of "this year" and each to-do list opens the list it counts: the overview emits
``open_list(target, filter)`` and the main window connects it to :func:`show_list`, which shows
the departures or returns pane (or the people pane) with that filter, or — for lists no pane
shows yet — a window with the list.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import PersonStatus
from ..i18n import current_language, format_count
from ..tasks import figures_pool, run_task, user_message
from .base import DatabaseState, FollowingPane

if TYPE_CHECKING:
    from ...services.overview import OverviewCounts
    from ...services.stats import ReportStats
    from ...services.todo import TodoItem, YearCounts

OVERVIEW_STYLE = """
QPushButton#linkButton { border: none; background: transparent; color: #1d5fbf; text-align: left; padding: 1px 0; }
QPushButton#linkButton:hover { text-decoration: underline; }
QPushButton#linkButton:focus { text-decoration: underline; color: #0b3d91; }
QPushButton#linkButton:disabled { color: #7b8794; }
QPushButton#countButton { border: none; background: transparent; color: #1f2933; font-weight: 600;
                          text-align: right; padding: 1px 0; }
QPushButton#countButton:hover { color: #1d5fbf; text-decoration: underline; }
QPushButton#countButton:focus { color: #1d5fbf; text-decoration: underline; }
"""


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


class LinkRow:
    """A caption and a count in a grid, both clickable (keyboard too), opening one list."""

    def __init__(self, grid: QGridLayout, row: int, parent: QWidget, on_click: object) -> None:
        self.caption = QPushButton(parent)
        self.caption.setObjectName("linkButton")
        self.caption.setCursor(Qt.CursorShape.PointingHandCursor)
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.count = QPushButton("—", parent)
        self.count.setObjectName("countButton")
        self.count.setCursor(Qt.CursorShape.PointingHandCursor)
        self.count.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # one tab stop a row: the caption
        grid.addWidget(self.caption, row, 0)
        grid.addWidget(self.count, row, 1)
        self.caption.clicked.connect(on_click)  # type: ignore[arg-type]
        self.count.clicked.connect(on_click)  # type: ignore[arg-type]

    def set(self, caption: str, count: int | None) -> None:
        self.caption.setText(caption)
        self.count.setText("—" if count is None else format_count(count))
        self.caption.setEnabled(count is not None)
        self.count.setEnabled(count is not None)


#: width of each chart picture (two side by side fit the window at its usual size)
CHART_WIDTH = 440


class OverviewPane(FollowingPane):
    """Tổng quan — the totals, this year against its target, what to do next, people by status.

    The figures are read in the background (services.overview, services.todo) whenever the
    database changes: the totals first, then the year's counts, then the to-do lists; ``loaded``
    is emitted when all are on screen, ``charts_ready()`` when the charts are drawn after them.
    ``open_list(target, filter)`` asks the main window to show a list: *target* is ``"people"``,
    ``"departures"``, ``"returns"`` or ``"households"``, the
    filter that pane's :meth:`apply_filter` takes (a to-do kind for households).
    ``outreach_requested`` / ``targets_requested`` open the editing windows.
    """

    pane_id = "overview"
    loaded = Signal()
    charts_ready = Signal()
    open_list = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: OverviewCounts | None = None
        self.year_counts: YearCounts | None = None
        self.todos: list[TodoItem] | None = None
        self.chart_svgs: tuple[bytes, bytes] | None = None
        self._chart_stats: ReportStats | None = None  # what the charts draw (drawn again in another language)
        self.outreach_summary: tuple[int, int] | None = None  # sessions this year, people attending
        self.year = time.localtime().tm_year  # (datetime: not needed before the first paint)
        self._generation = 0
        self.current_dialog: QDialog | None = None
        self.setStyleSheet(OVERVIEW_STYLE)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(scroll)
        content.setObjectName("content")
        page = QVBoxLayout(content)
        page.setContentsMargins(0, 0, 8, 0)
        page.setSpacing(12)
        scroll.setWidget(content)
        self.body.addWidget(scroll, 1)

        cards = QHBoxLayout()
        cards.setSpacing(12)
        self.people_card = StatCard(self)
        self.households_card = StatCard(self)
        self.departures_card = StatCard(self)
        self.returns_card = StatCard(self)
        for card in (self.people_card, self.households_card, self.departures_card, self.returns_card):
            cards.addWidget(card, 1)
        page.addLayout(cards)
        page.addLayout(self._build_year_and_todo(content))

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
        page.addLayout(columns)

        # Charts: the PDF's own chart code (reportlab drawings → SVG), drawn once the figures are in.
        self.charts_box = QGroupBox(content)
        charts = QHBoxLayout(self.charts_box)
        self.year_chart_label = QLabel(self.charts_box)
        self.market_chart_label = QLabel(self.charts_box)
        for label in (self.year_chart_label, self.market_chart_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumHeight(120)
            # never widen the page for the picture (the page would then scroll sideways)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            charts.addWidget(label, 1)
        self.charts_box.hide()
        page.addWidget(self.charts_box)
        page.addStretch(1)
        self.retranslate_ui()

    def _build_year_and_todo(self, content: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(12)

        self.year_box = QGroupBox(content)
        year_column = QVBoxLayout(self.year_box)
        self.departed_caption = QLabel(self.year_box)
        self.target_button = QPushButton(self.year_box)
        self.target_button.setObjectName("linkButton")
        self.target_button.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.target_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.target_button.clicked.connect(lambda: self._open_year("departed"))
        self.target_bar = QProgressBar(self.year_box)
        self.target_bar.setRange(0, 100)
        self.target_bar.setTextVisible(False)
        self.target_bar.setFixedHeight(8)
        year_column.addWidget(self.departed_caption)
        year_column.addWidget(self.target_button)
        year_column.addWidget(self.target_bar)
        year_grid = QGridLayout()
        year_grid.setColumnStretch(0, 1)
        year_grid.setHorizontalSpacing(24)
        year_grid.setVerticalSpacing(2)
        self.year_rows: dict[str, LinkRow] = {}
        for index, key in enumerate(("candidates", "registered", "abroad", "absconded", "returned")):
            self.year_rows[key] = LinkRow(year_grid, index, self.year_box, lambda _c=False, k=key: self._open_year(k))
        self.outreach_row = LinkRow(year_grid, 5, self.year_box, lambda _c=False: self._open_outreach())
        year_column.addLayout(year_grid)
        buttons = QHBoxLayout()
        self.targets_button = QPushButton(self.year_box)
        self.targets_button.clicked.connect(self._open_targets)
        self.outreach_button = QPushButton(self.year_box)
        self.outreach_button.clicked.connect(self._open_outreach)
        buttons.addWidget(self.targets_button)
        buttons.addWidget(self.outreach_button)
        buttons.addStretch(1)
        year_column.addLayout(buttons)
        year_column.addStretch(1)
        row.addWidget(self.year_box, 1)

        self.todo_box = QGroupBox(content)
        todo_column = QVBoxLayout(self.todo_box)
        todo_grid = QGridLayout()
        todo_grid.setColumnStretch(0, 1)
        todo_grid.setHorizontalSpacing(24)
        todo_grid.setVerticalSpacing(2)
        self.todo_rows: dict[str, LinkRow] = {}
        for index, kind in enumerate(TODO_KINDS):
            self.todo_rows[kind] = LinkRow(todo_grid, index, self.todo_box, lambda _c=False, k=kind: self._open_todo(k))
        todo_column.addLayout(todo_grid)
        self.todo_hint = QLabel(self.todo_box)
        self.todo_hint.setObjectName("hint")
        self.todo_hint.setWordWrap(True)
        todo_column.addWidget(self.todo_hint)
        todo_column.addStretch(1)
        row.addWidget(self.todo_box, 1)
        return row

    def title(self) -> str:
        return self.tr("Overview")

    def people_total(self) -> int | None:
        """The number of people on screen (``None`` before the first count)."""
        return None if self.counts is None else self.counts.people

    def refresh(self) -> None:
        db = self.database
        self._generation += 1
        generation = self._generation
        self.year = time.localtime().tm_year
        if db is None:
            self._show(None)
            self._show_year(None, None)
            self._show_todos(None)
            return
        engine = db.engine
        year = self.year
        lang = current_language()  # the charts' words and numbers

        def current() -> bool:  # not a late answer about a database since replaced or re-read
            return self.database is db and generation == self._generation

        def failed(error: BaseException) -> None:
            text = user_message(error)
            if text is None:  # not a database problem the user can act on: a bug
                sys.excepthook(type(error), error, error.__traceback__)
                return
            self.set_message(text)

        def count() -> OverviewCounts:
            from ...services.overview import overview_counts

            return overview_counts(engine)

        def count_year() -> tuple[YearCounts, tuple[int, int]]:
            from ...services.outreach import list_outreach_sessions
            from ...services.todo import year_counts

            sessions = list_outreach_sessions(engine, year=year)
            return year_counts(engine, year=year), (len(sessions), sum(s.attendance_count for s in sessions))

        def list_todos() -> list[TodoItem]:
            from ...services.todo import todo_lists

            return todo_lists(engine)

        def counted(counts: OverviewCounts) -> None:
            if current():
                self._show(counts)
                # on the database thread, after the reads the panes queued on opening (the people list's
                # first rows): the to-do lists and charts, next, run beside what the user asks then
                run_task(count_year, context=self, on_success=year_counted, on_error=failed)

        def year_counted(result: tuple[YearCounts, tuple[int, int]]) -> None:
            if current():
                self._show_year(*result)
                run_task(list_todos, context=self, on_success=todos_listed, on_error=failed, pool=figures_pool())

        def todos_listed(items: list[TodoItem]) -> None:
            if current():
                self._show_todos(items)
                self.loaded.emit()
                run_task(draw_charts, context=self, on_success=charts_drawn, on_error=failed, pool=figures_pool())

        def draw_charts() -> tuple[ReportStats, tuple[bytes, bytes]] | None:
            from datetime import date

            from ...services.report_pdf import chart_svgs
            from ...services.stats import chart_stats

            stats = chart_stats(engine, date_from=date(year - 9, 1, 1), date_to=date.today())
            if not stats.departures:
                return None
            return stats, chart_svgs(stats, lang)

        def charts_drawn(drawn: tuple[ReportStats, tuple[bytes, bytes]] | None) -> None:
            if current():
                self._chart_stats = drawn[0] if drawn is not None else None
                self._show_charts(drawn[1] if drawn is not None else None)
                self.charts_ready.emit()

        run_task(count, context=self, on_success=counted, on_error=failed)

    def show_first_look(self, counts: OverviewCounts) -> None:
        """While the database opens: its totals, statuses and years read straight from the file (the
        window's first look). The year against its target, the to-do lists and the charts — which
        open lists — come once the database is open, as does its own reading of these figures."""
        if self.database is None and self.database_state is DatabaseState.OPENING:
            self._show(counts)

    def _show_year(self, counts: YearCounts | None, outreach: tuple[int, int] | None) -> None:
        self.year_counts = counts
        self.outreach_summary = outreach
        self.year_box.setTitle(self.tr("Year {year}").format(year=self.year))
        self.departed_caption.setText(self.tr("Departures this year (legal), against the target:"))
        if counts is None:
            self.target_button.setText("—")
            self.target_button.setEnabled(False)
            self.target_bar.setValue(0)
            self.target_bar.hide()
        else:
            self.target_button.setEnabled(True)
            self.target_button.setText(self.target_text(counts))
            percent = counts.percent
            self.target_bar.setVisible(percent is not None)
            self.target_bar.setValue(min(percent or 0, 100))
        captions = {
            "candidates": self.tr("Candidates (working-age people reviewed)"),
            "registered": self.tr("Registered to go"),
            "abroad": self.tr("Abroad now"),
            "absconded": self.tr("of whom absconded or overstaying"),
            "returned": self.tr("Returned this year"),
        }
        for key, row in self.year_rows.items():
            row.set(captions[key], None if counts is None else getattr(counts, key))
        self.year_rows["absconded"].caption.setStyleSheet("padding-left: 16px;")
        sessions, attending = outreach if outreach is not None else (None, None)
        caption = self.tr("Outreach sessions this year")
        if attending is not None:
            caption = self.tr("Outreach sessions this year ({n} attending)").format(n=format_count(attending))
        self.outreach_row.set(caption, sessions)

    def target_text(self, counts: YearCounts) -> str:
        """ "335/250 workers, 134 % achieved" ("335/250 lao động, đạt 134 %"), or without a target."""
        if counts.target is None or counts.percent is None:
            return self.tr("{done} workers (no target set)").format(done=format_count(counts.departed))
        return self.tr("{done}/{target} workers, {percent} % achieved").format(
            done=format_count(counts.departed), target=format_count(counts.target), percent=counts.percent
        )

    def _redraw_charts(self) -> None:
        stats = self._chart_stats
        if stats is None:
            return
        from .reports import draw_charts_again

        def drawn(svgs: tuple[bytes, bytes]) -> None:
            if self._chart_stats is stats:
                self._show_charts(svgs)
                self.charts_ready.emit()

        draw_charts_again(self, stats, drawn)  # no database involved: a failure is a bug (crash dialog)

    def _show_charts(self, svgs: tuple[bytes, bytes] | None) -> None:
        """Departures per year against the target, and by market — or nothing without data."""
        from .reports import svg_image

        self.chart_svgs = svgs
        if svgs is None:
            self.charts_box.hide()
            return
        for label, svg in zip((self.year_chart_label, self.market_chart_label), svgs, strict=True):
            label.setPixmap(QPixmap.fromImage(svg_image(svg, CHART_WIDTH)))
        self.charts_box.show()

    def _show_todos(self, items: list[TodoItem] | None) -> None:
        self.todos = items
        lang = current_language()
        found = {} if items is None else {item.kind.value: item for item in items}
        for kind, row in self.todo_rows.items():
            item = found.get(kind)
            row.set(item.kind.label(lang) if item is not None else "", None if item is None else item.count)
            row.caption.setVisible(item is not None)
            row.count.setVisible(item is not None)
        if items is None:
            self.todo_hint.setText(self.tr("Counting…") if self.database is not None else "")
        else:
            self.todo_hint.setText(self.tr("Click a line to open its list."))

    def todo_count(self, kind: str) -> int | None:
        """The count shown for the to-do list *kind* (a ``TodoKind`` value)."""
        if self.todos is None:
            return None
        return next((i.count for i in self.todos if i.kind.value == kind), None)

    # -- opening lists ----------------------------------------------------------------------

    def _open_year(self, key: str) -> None:
        counts = self.year_counts
        if counts is None:
            return
        target = {"candidates": "people", "registered": "people", "returned": "returns"}.get(key, "departures")
        self.open_list.emit(target, counts.filters[key])

    def _open_todo(self, kind: str) -> None:
        from ...services.departure_lists import DepartureFilter, ReturnFilter
        from ...services.todo import TodoKind

        todo = TodoKind(kind)
        if todo.subject == "person":
            from ...services.people import PeopleFilter

            self.open_list.emit("people", PeopleFilter(todo=todo))
        elif todo.subject == "departure":
            self.open_list.emit("departures", DepartureFilter(todo=todo))
        elif todo.subject == "return":
            self.open_list.emit("returns", ReturnFilter(todo=todo))
        else:
            self.open_list.emit("households", todo)

    def _open_targets(self) -> None:
        db = self.database
        if db is None:
            return
        from ..outreach_targets import TargetsDialog

        dialog = TargetsDialog(db.engine, year=self.year, parent=self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        self.current_dialog = dialog

    def _open_outreach(self) -> None:
        db = self.database
        if db is None:
            return
        from ..outreach_targets import OutreachSessionsDialog

        dialog = OutreachSessionsDialog(db.engine, year=self.year, parent=self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        self.current_dialog = dialog

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
        self.charts_box.setTitle(
            self.tr("Departures in the last ten years: per year against the target, and by market")
        )
        self.todo_box.setTitle(self.tr("To do"))
        self.targets_button.setText(self.tr("&Targets…"))
        self.outreach_button.setText(self.tr("&Outreach sessions…"))
        self._show_year(self.year_counts, self.outreach_summary)
        self._show_todos(self.todos)
        self._redraw_charts()
        self.years_box.setTitle(self.tr("Departures by year"))
        self.no_departures_label.setText(self.tr("No departures recorded yet."))
        self._show(self.counts)  # status labels and number format follow the language


#: the to-do lists in the order shown (``TodoKind`` values; the services are loaded later)
TODO_KINDS = (
    "contracts_ending",
    "residence_not_notified",
    "no_recent_follow_up",
    "loan_not_repaid",
    "families_not_visited",
    "orientation_expiring",
    "not_reviewed",
)


def show_list(window: Any, target: str, flt: Any) -> None:
    """Show the list the overview asked for in *window* (the main window).

    The pane whose ``pane_id`` is *target* shows it when it has ``apply_filter(flt)``; lists no
    pane shows yet (people, before the people pane takes filters; member households not
    visited) open in a window of their own.
    """
    pane = window.pane_by_id(target) if target != "households" else None  # built now if need be
    apply = getattr(pane, "apply_filter", None)
    if pane is not None and callable(apply):
        apply(flt)
        window.show_pane(type(pane))
        return
    db = window.database
    if db is None:
        return
    dialog = _people_dialog(db.engine, flt, window) if target == "people" else _households_dialog(db.engine, window)
    dialog.open()


def _tr(text: str) -> str:
    return QCoreApplication.translate("OverviewPane", text)


def _people_dialog(engine: Any, flt: Any, parent: QWidget) -> QDialog:
    from ...domain.validation import format_date
    from ...services.people import fetch_person_rows, list_person_ids
    from ..record_list import ListColumn, RecordListDialog

    lang = current_language()
    statuses = getattr(flt, "statuses", ())
    title = ", ".join(status.label(lang) for status in statuses) or _tr("Workers")
    columns = [
        ListColumn(lambda: _tr("Full name"), lambda r: r.full_name, width=200),
        ListColumn(lambda: _tr("Date of birth"), lambda r: format_date(r.date_of_birth, r.birth_precision), width=100),
        ListColumn(lambda: _tr("CCCD"), lambda r: r.id_number or "", width=120),
        ListColumn(lambda: _tr("Phone"), lambda r: r.phone or "", width=110),
        ListColumn(lambda: _tr("Hamlet"), lambda r: r.hamlet, width=150),
        ListColumn(lambda: _tr("Status"), lambda r: r.status.label(current_language())),
    ]
    return RecordListDialog(
        title,
        columns,
        lambda: list_person_ids(engine, flt),
        lambda ids: fetch_person_rows(engine, ids),
        lambda n: _tr("{n} people").format(n=format_count(n)),
        parent=parent,
    )


def _households_dialog(engine: Any, parent: QWidget) -> QDialog:
    from ...domain.validation import format_date
    from ...services.club import households_not_visited
    from ...services.todo import TodoKind
    from ..record_list import ListColumn, RecordListDialog

    found: dict[int, Any] = {}

    def list_ids() -> list[int]:
        from datetime import date

        rows = households_not_visited(engine, quarter_of=date.today())
        for row in rows:
            found.setdefault(row.household_id, row)
        return list(dict.fromkeys(r.household_id for r in rows))

    columns = [
        ListColumn(lambda: _tr("Head of household"), lambda r: r.head_name, width=200),
        ListColumn(lambda: _tr("Hamlet"), lambda r: r.hamlet, width=150),
        ListColumn(lambda: _tr("Phone"), lambda r: r.phone or "", width=110),
        ListColumn(lambda: _tr("Club"), lambda r: r.club_name, width=260),
        ListColumn(lambda: _tr("Last visit"), lambda r: format_date(r.last_visit_on) or _tr("Never visited")),
    ]
    return RecordListDialog(
        TodoKind.FAMILIES_NOT_VISITED.label(current_language()),
        columns,
        list_ids,
        lambda ids: {i: found[i] for i in ids if i in found},
        lambda n: _tr("{n} households").format(n=format_count(n)),
        parent=parent,
    )
