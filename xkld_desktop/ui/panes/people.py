"""Người lao động — the people pane: search, filters, the list, and the actions on a person.

The list (``PeopleModel``) holds only the ordered ids of the people shown; the pane reads those
ids in the background (``services.people.ordered_person_ids``) whenever the search text (after
a short pause in typing), a filter or the order changes, and drops answers that a newer request
has overtaken. The rows are then read a page at a time as the table paints them.

Keys: Ctrl+F search, Ctrl+N new person, Enter or double-click opens the person (their page
when the program has it, otherwise the form), F2 edits, Del deletes (after naming what goes
with the record). The selection and the scroll position survive a refresh.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from ...domain.enums import PersonStatus, PolicyGroup
from ..i18n import current_language, format_count
from ..people_model import (
    COL_BIRTH,
    COL_GENDER,
    COL_HAMLET,
    COL_ID_NUMBER,
    COL_MARKET,
    COL_NAME,
    COL_NUMBER,
    COL_STATUS,
    COLUMN_ORDERS,
    PAGE_SIZE,
    PeopleModel,
)
from ..tasks import run_task, user_message
from ..widgets import LimitBar, ask_yes_no
from .base import Pane

if TYPE_CHECKING:
    from ...services.people import PeopleFilter
    from ...services.person_records import DeleteImpact

#: pause in typing before the list follows the search text
SEARCH_DELAY_MS = 150
PERSON_PAGE_MODULE = "xkld_desktop.ui.person_page"
#: the narrowest a filter box is, in characters (wider when its "All …" text needs it)
FILTER_MIN_CHARS = 12


@dataclass(frozen=True)
class _ViewState:
    """What the user was looking at: the selected person and the person at the top of the view.

    ``exact``: the same list is read again (a refresh): the view returns to the same place. For
    another search or filter only the selected person is looked for.
    """

    selected: int | None
    top: int | None
    scroll: int
    exact: bool


@dataclass(frozen=True)
class _FilterOptions:
    hamlets: list[str]
    markets: list[tuple[str, str, str]]  # code, Vietnamese name, English name
    years: list[int]


class PeoplePane(Pane):
    """Người lao động — the list of workers with search and filters, and the person form.

    Signals: ``loaded()`` each time the list shows the answer to the latest request;
    ``data_changed()`` after a person was added, changed or deleted here (other panes' figures
    may have changed). ``last_load_ms`` is how long the latest list of ids took to read.
    """

    pane_id = "people"
    loaded = Signal()
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PeopleModel(self)
        self.form: Any = None  # the person form opened last (tests drive it)
        self.page: Any = None  # the person page opened last
        self.last_load_ms = 0.0
        self._shown_db: Any = None
        self._generation = 0
        self._loading = False
        self._pending = False
        self._keep: _ViewState | None = None
        self._select_after_load: int | None = None
        self._loaded_once = False
        self._first_read = False
        self._extra: tuple[Any, ...] = ()  # conditions another pane asked for (the overview's unit)
        self._todo: Any = None  # the overview's to-do list shown (a TodoKind), named in the bar below

        # search and count
        top = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("peopleSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(360)
        self.search_edit.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countValue")
        top.addWidget(self.search_edit, 1)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        self.body.addLayout(top)

        # filters
        filters = QHBoxLayout()
        self.status_filter = self._filter_combo()
        self.hamlet_filter = self._filter_combo()
        self.policy_filter = self._filter_combo()
        self.market_filter = self._filter_combo()
        self.year_filter = self._filter_combo()
        self.filter_combos = (
            self.status_filter,
            self.hamlet_filter,
            self.policy_filter,
            self.market_filter,
            self.year_filter,
        )
        for combo in self.filter_combos:
            filters.addWidget(combo)
        # beside the count, as in the departures and returns lists: the filter row keeps its width
        # for the boxes (each as wide as its "All …" text, at 1280 pixels too)
        self.clear_filters_button = QPushButton(self)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        top.addSpacing(12)
        top.addWidget(self.clear_filters_button)
        filters.addStretch(1)
        self.body.addLayout(filters)

        # the to-do list shown, said and undone in one bar (as the departures and returns lists do)
        self.limit_bar = LimitBar(self, on_clear=self.clear_limit)
        self.limit_label, self.clear_limit_button = self.limit_bar.label, self.limit_bar.button
        self.body.addWidget(self.limit_bar)

        # the list
        self.table = QTableView(self)
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows (Shift/Ctrl+click, Ctrl+A) for "Review…"; opening, editing and deleting take one
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._set_column_widths()
        header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self.body.addWidget(self.table, 1)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.body.addWidget(self.empty_label)

        # actions
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.review_button = QPushButton(self)  # Rà soát: one yearly review for the people chosen
        self.note_label = QLabel(self)
        self.note_label.setObjectName("hint")
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.review_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.note_label, 1)
        self.body.addLayout(buttons)

        self.new_action = self._action(QKeySequence("Ctrl+N"), self.new_person, self)
        self.find_action = self._action(QKeySequence("Ctrl+F"), self.focus_search, self)
        self.edit_action = self._action(QKeySequence("F2"), self.edit_current, self)
        self.open_action = self._action(QKeySequence(Qt.Key.Key_Return), self.open_current, self.table)
        self.open_enter_action = self._action(QKeySequence(Qt.Key.Key_Enter), self.open_current, self.table)
        delete_keys = QKeySequence(QKeySequence.StandardKey.Delete)
        self.delete_action = self._action(delete_keys, self.delete_current, self.table)
        self.new_button.clicked.connect(self.new_person)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.review_button.clicked.connect(self.review_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(lambda _text: self.search_timer.start())
        for combo in self.filter_combos:
            combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.model.order_changed.connect(self.reload)

        self.retranslate_ui()
        self._update_buttons()

    # -- construction -----------------------------------------------------------------------

    def _filter_combo(self) -> QComboBox:
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(FILTER_MIN_CHARS)
        combo.addItem("", None)
        return combo

    def _fit_filter_combos(self) -> None:
        """Each filter box wide enough for its "All …" text in the language shown (not cut short)."""
        metrics = self.fontMetrics()
        char = max(metrics.horizontalAdvance("x"), 1)
        for combo in self.filter_combos:
            needed = -(-metrics.horizontalAdvance(combo.itemText(0)) // char)  # Qt counts in "x" widths
            combo.setMinimumContentsLength(max(FILTER_MIN_CHARS, needed))

    def _action(self, keys: QKeySequence, slot: Any, owner: QWidget) -> QAction:
        action = QAction(owner)
        action.setShortcut(keys)
        # Window-wide keys work only while this pane is on screen; the list's own keys (Enter,
        # Del) only when the list has the focus, so that they keep their meaning in the search box.
        context = Qt.ShortcutContext.WindowShortcut if owner is self else Qt.ShortcutContext.WidgetShortcut
        action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        owner.addAction(action)
        return action

    def _set_column_widths(self) -> None:
        metrics = self.fontMetrics()
        widths = {
            COL_NUMBER: metrics.horizontalAdvance("200.000") + 12,
            COL_BIRTH: metrics.horizontalAdvance("00/00/0000") + 20,
            COL_GENDER: metrics.horizontalAdvance("Gender") + 16,
            COL_ID_NUMBER: metrics.horizontalAdvance("000000000000") + 20,
            COL_HAMLET: metrics.horizontalAdvance("Ấp Tân Thạnh") + 16,
            COL_STATUS: metrics.horizontalAdvance("Đang làm việc ở nước ngoài") + 12,
            COL_MARKET: metrics.horizontalAdvance("Nhật Bản") + 24,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)

    def title(self) -> str:
        return self.tr("Workers")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.search_edit.setPlaceholderText(
            self.tr("Search by name (with or without diacritics), CCCD or phone number…  (Ctrl+F)")
        )
        self.clear_filters_button.setText(self.tr("Clear filters"))
        self.clear_limit_button.setText(self.tr("Show all"))
        self._update_limit_bar()
        self.new_button.setText(self.tr("&New worker…"))
        self.new_button.setToolTip(self.tr("Add a worker (Ctrl+N)"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Edit the selected worker's record (F2)"))
        self.delete_button.setText(self.tr("&Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected worker's record (Del)"))
        self.review_button.setText(self.tr("&Review…"))
        self.review_button.setToolTip(
            self.tr("Record this year's review for the workers chosen (Shift or Ctrl+click to choose several)")
        )
        captions = (
            self.tr("Status"),
            self.tr("Hamlet"),
            self.tr("Policy group"),
            self.tr("Market"),
            self.tr("Year of departure"),
        )
        for combo, caption in zip(self.filter_combos, captions, strict=True):
            combo.setToolTip(caption)
        self.status_filter.setItemText(0, self.tr("All statuses"))
        self.hamlet_filter.setItemText(0, self.tr("All hamlets"))
        self.policy_filter.setItemText(0, self.tr("All policy groups"))
        self.market_filter.setItemText(0, self.tr("All markets"))
        self.year_filter.setItemText(0, self.tr("All years of departure"))
        self._fit_filter_combos()
        self._fill_enum_filters()
        self.model.retranslate()
        self._update_count()
        if self.database is not None and self._loaded_once:
            self._load_filter_options()  # market names follow the language

    def _fill_enum_filters(self) -> None:
        lang = current_language()
        for combo, enum_cls in ((self.status_filter, PersonStatus), (self.policy_filter, PolicyGroup)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for member in enum_cls:
                combo.addItem(member.label(lang), member.value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    # -- database ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the database's people again, keeping the selection and the scroll position."""
        db = self.database
        if db is not self._shown_db:
            self._shown_db = db
            self._keep = None
            self._loaded_once = False
            self._first_read = True  # the first read of this database: its first page before the whole list
            self._select_after_load = None
            self.model.set_engine(db.engine if db is not None else None)
            if db is None:
                self._update_count()
                return
            self.reload()
            self._load_filter_options()
            return
        if db is None:
            return
        self.model.forget_rows()
        self.reload(keep_view=True)
        self._load_filter_options()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._loaded_once and not self.is_busy():
            # other panes (departures, returns, import) may have changed people meanwhile
            self.refresh()

    def current_filter(self) -> PeopleFilter:
        """The search text and the filters chosen, as the people service takes them."""
        from ...services.people import PeopleFilter

        status = self.status_filter.currentData()
        group = self.policy_filter.currentData()
        return PeopleFilter(
            query=self.search_edit.text(),
            statuses=(PersonStatus(status),) if status else (),
            hamlet=self.hamlet_filter.currentData() or None,
            policy_group=PolicyGroup(group) if group else None,
            market_code=self.market_filter.currentData() or None,
            departure_year=self.year_filter.currentData() or None,
            todo=self._todo,
            extra=self._extra,
        )

    def apply_filter(self, flt: Any) -> None:
        """Show the list *flt* (a PeopleFilter) describes — the overview's counts open it here.

        The status, hamlet, policy group, market and year of *flt* are set in the filter boxes
        (so the user sees what the list is and can change it); its extra conditions stay until
        "clear filters".
        """
        self._extra = tuple(getattr(flt, "extra", ()))
        self._todo = getattr(flt, "todo", None)
        self._update_limit_bar()
        statuses = tuple(getattr(flt, "statuses", ()))
        wanted = {
            self.status_filter: statuses[0].value if len(statuses) == 1 else None,
            self.hamlet_filter: getattr(flt, "hamlet", None),
            self.policy_filter: flt.policy_group.value if getattr(flt, "policy_group", None) else None,
            self.market_filter: getattr(flt, "market_code", None),
            self.year_filter: getattr(flt, "departure_year", None),
        }
        for combo, value in wanted.items():
            combo.blockSignals(True)
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.setText(getattr(flt, "query", "") or "")
        self.search_edit.blockSignals(False)
        self.reload()

    def is_busy(self) -> bool:
        """True while the list is waiting for a pause in typing or for the ids it asked for."""
        return self._loading or self._pending or self.search_timer.isActive()

    def is_filtered(self) -> bool:
        return (
            bool(self.search_edit.text().strip())
            or bool(self._extra)
            or self._todo is not None
            or any(c.currentIndex() > 0 for c in self.filter_combos)
        )

    def reload(self, *, keep_view: bool = False) -> None:
        """Read the ids for the current search, filters and order (in the background).

        The selected person stays selected if the new list has them; with *keep_view* (the
        same list read again) the view also stays where it was.
        """
        self.search_timer.stop()
        if self.database is None:
            return
        if self._loaded_once:
            self._keep = self._view_state(exact=keep_view)
        self._generation += 1
        if self._loading:
            self._pending = True  # read again when the running request returns
            return
        self._start_load()

    def _start_load(self) -> None:
        db = self.database
        if db is None:
            return
        self._loading = True
        self._pending = False
        generation = self._generation
        flt = self.current_filter()
        order, descending = self.model.order()
        engine = db.engine

        def read() -> tuple[list[int], float, dict[int, Any]]:
            from ...services.people import PeopleOrder, ordered_person_ids

            started = time.perf_counter()
            ids = ordered_person_ids(engine, flt, order=PeopleOrder(order), descending=descending)
            elapsed = (time.perf_counter() - started) * 1000
            # the rows the first paint shows, read here on the database thread and not by the paint
            return ids, elapsed, PeopleModel.first_page_of(engine, ids)

        def done(result: tuple[list[int], float, dict[int, Any]]) -> None:
            self._loading = False
            if self._pending or generation != self._generation or self.database is not db:
                self._start_load()  # overtaken: only the latest request is shown
                return
            ids, elapsed, rows = result
            self.last_load_ms = elapsed
            self._show_ids(ids, rows)

        def failed(error: BaseException) -> None:
            self._loading = False
            if self._pending or generation != self._generation or self.database is not db:
                self._start_load()  # a newer request may well succeed
                return
            message = user_message(error)
            if message is None:
                sys.excepthook(type(error), error, error.__traceback__)
                return
            self.set_message(message)

        if self._first_read:  # the database just opened: its first rows before the whole list
            self._first_read = False
            self._start_head(db, generation, flt, order, descending)
        run_task(read, context=self, on_success=done, on_error=failed)

    def _start_head(self, db: Any, generation: int, flt: Any, order: str, descending: bool) -> None:
        """The first rows of the list and how many there are, read (where an index gives them at once:
        everyone in name order) before the whole list of ids queued behind: 200,000 people, 25 ms
        against 100 ms and more. The rows are painted; the rest of the list is filled in when the
        ids are there (the pane stays busy until then)."""
        engine = db.engine

        def read() -> tuple[list[int], int, dict[int, Any]] | None:
            from ...services.people import PeopleOrder, first_person_ids

            head = first_person_ids(engine, flt, order=PeopleOrder(order), descending=descending, limit=PAGE_SIZE)
            return None if head is None else (*head, PeopleModel.first_page_of(engine, head[0]))

        def done(result: tuple[list[int], int, dict[int, Any]] | None) -> None:
            if result is None or generation != self._generation or self.database is not db or not self._loading:
                return  # no quick way for this list, or overtaken: the whole list comes next anyway
            ids, total, rows = result
            self.model.set_head(ids, total, rows)
            self._update_count()

        # a failure here is the whole read's failure too, reported once by it
        run_task(read, context=self, on_success=done, on_error=lambda _error: None)

    def _show_ids(self, ids: list[int], first_page: dict[int, Any] | None = None) -> None:
        state = self._keep
        self._keep = None
        changed = self.model.set_ids(ids, first_page)
        self._loaded_once = True
        self.set_message("")
        wanted = self._select_after_load
        self._select_after_load = None
        if wanted is not None and self.model.row_of(wanted) is not None:
            self.select_person(wanted)
        elif state is not None and (changed or not state.exact):
            # (the same list read again, unchanged, is still where the user left it)
            self._restore_view(state)
        self._update_count()
        self._update_buttons()
        self.loaded.emit()

    def _load_filter_options(self) -> None:
        db = self.database
        if db is None:
            return
        engine = db.engine

        def read() -> _FilterOptions:
            from ...services.people import departure_market_codes, departure_years, hamlets
            from ...services.reference import list_markets

            used = departure_market_codes(engine)
            markets = [(m.code, m.name_vi, m.name_en) for m in list_markets(engine) if m.code in used]
            return _FilterOptions(hamlets(engine), markets, departure_years(engine))

        def done(options: _FilterOptions) -> None:
            if self.database is db:
                self._show_filter_options(options)

        def failed(error: BaseException) -> None:
            message = user_message(error)
            if message is None:
                sys.excepthook(type(error), error, error.__traceback__)
            else:
                self.set_message(message)

        run_task(read, context=self, on_success=done, on_error=failed)

    def _show_filter_options(self, options: _FilterOptions) -> None:
        english = current_language() == "en"
        lists: tuple[tuple[QComboBox, list[tuple[str, Any]]], ...] = (
            (self.hamlet_filter, [(h, h) for h in options.hamlets]),
            (self.market_filter, [(en if english else vi, code) for code, vi, en in options.markets]),
            (self.year_filter, [(str(y), y) for y in options.years]),
        )
        for combo, items in lists:
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
            if chosen is not None and index < 0:
                self.reload()  # the value chosen is gone: the list follows the combo

    def clear_limit(self) -> None:
        """Leave the to-do list: the search and the filter boxes stay as they are."""
        self._todo = None
        self._update_limit_bar()
        self.reload()

    def _update_limit_bar(self) -> None:
        self.limit_bar.show_text(self._todo.label(current_language()) if self._todo is not None else "")

    def clear_filters(self) -> None:
        """Show everyone again: no search text, no filter."""
        self._extra = ()
        self._todo = None
        self._update_limit_bar()
        for combo in self.filter_combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.reload()

    # -- sorting ----------------------------------------------------------------------------

    def _on_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        if column not in COLUMN_ORDERS:  # the number and the market cannot be sorted: keep the indicator
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            descending = self.model.order()[1]
            header.setSortIndicator(
                self.model.sort_column(), Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            )
            header.blockSignals(False)

    # -- selection and scroll ---------------------------------------------------------------

    def selected_person_id(self) -> int | None:
        """The person chosen, when exactly one row is (opening, editing and deleting take one)."""
        ranges = list(self.table.selectionModel().selection())
        if len(ranges) != 1 or ranges[0].top() != ranges[0].bottom():
            return None
        return self.model.person_id(ranges[0].top())

    def selected_person_ids(self) -> list[int]:
        """Every person chosen, in list order (read from the selection's ranges: Ctrl+A stays cheap)."""
        rows = sorted({row for r in self.table.selectionModel().selection() for row in range(r.top(), r.bottom() + 1)})
        return [pid for pid in (self.model.person_id(row) for row in rows) if pid is not None]

    def select_person(self, person_id: int) -> bool:
        """Select *person_id* in the list and scroll to them; False when the list does not show them."""
        row = self.model.row_of(person_id)
        if row is None:
            return False
        index = self.model.index(row, COL_NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def _view_state(self, *, exact: bool) -> _ViewState:
        if self._keep is not None and self._loading:  # a request is still on its way: its view counts
            return _ViewState(self._keep.selected, self._keep.top, self._keep.scroll, self._keep.exact and exact)
        top_row = self.table.rowAt(0)
        return _ViewState(
            selected=self.selected_person_id(),
            top=self.model.person_id(top_row) if top_row >= 0 else None,
            scroll=self.table.verticalScrollBar().value(),
            exact=exact,
        )

    def _restore_view(self, state: _ViewState) -> None:
        row = self.model.row_of(state.selected) if state.selected is not None else None
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, COL_NAME),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        if not state.exact:  # another list: show its beginning, or the selected person in it
            if row is not None:
                self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
            else:
                self.table.scrollToTop()
            return
        top = self.model.row_of(state.top) if state.top is not None else None
        if top is not None:
            self.table.scrollTo(self.model.index(top, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            self.table.verticalScrollBar().setValue(state.scroll)

    def _update_buttons(self) -> None:
        has_db = self.database is not None
        selected = self.selected_person_id() is not None
        self.new_button.setEnabled(has_db)
        self.new_action.setEnabled(has_db)
        for widget in (self.edit_button, self.delete_button, self.edit_action, self.delete_action):
            widget.setEnabled(has_db and selected)
        self.review_button.setEnabled(has_db and self.table.selectionModel().hasSelection())

    def _update_count(self) -> None:
        if self.database is None or not (self._loaded_once or self.model.rowCount()):  # (or the list's head)
            self.count_label.setText(self.tr("Loading…") if self.database is not None else "")
            self.empty_label.hide()
            return
        count = self.model.rowCount()
        self.count_label.setText(self.tr("{count} people").format(count=format_count(count)))
        if count:
            self.empty_label.hide()
            return
        if self.is_filtered():
            self.empty_label.setText(self.tr("Nobody matches the search and the filters."))
        else:
            self.empty_label.setText(self.tr("No worker is recorded yet. Press Ctrl+N to add the first one."))
        self.empty_label.show()

    # -- keys of the search box -------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                if self.search_timer.isActive():
                    self.reload()
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.selected_person_id() is None:
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    # -- actions ----------------------------------------------------------------------------

    def new_person(self) -> None:
        """Open the form for a new person."""
        self._open_form(None)

    def edit_current(self) -> None:
        person_id = self.selected_person_id()
        if person_id is not None:
            self._open_form(person_id)

    def open_current(self) -> None:
        person_id = self.selected_person_id()
        if person_id is not None:
            self.open_person(person_id)

    def open_person(self, person_id: int) -> None:
        """Open the person's page (timeline and lifecycle actions), or the form without one."""
        try:
            from ..person_page import PersonPage  # type: ignore[import-not-found, unused-ignore]
        except ModuleNotFoundError as error:
            if error.name != PERSON_PAGE_MODULE:
                raise
            self._open_form(person_id)
            return
        try:
            page = PersonPage(self.database, person_id, self)
        except Exception as error:
            self._report(error)
            return
        self.page = page
        changed = getattr(page, "changed", None)
        if changed is not None:  # the page records departures, returns…: the list may show other facts
            changed.connect(lambda: self._after_change(None))
            # closed: the list is read again, but the other panes were told only of what changed
            page.finished.connect(lambda _result: self._reread())
        else:
            page.finished.connect(lambda _result: self._after_change(None))
        page.open()

    def _open_form(self, person_id: int | None) -> None:
        if self.database is None:
            return
        from ..person_form import PersonForm

        try:
            form = PersonForm(self.database, person_id, self)
        except Exception as error:  # the record is gone, or the database cannot be read
            self._report(error)
            return
        self.form = form
        form.saved.connect(self._on_saved)
        form.open_person_requested.connect(self._open_later)
        form.finished.connect(form.deleteLater)
        form.open()

    def _open_later(self, person_id: int) -> None:
        # the form is closing: open the other record once it has gone
        QTimer.singleShot(0, lambda: self._open_other(person_id))

    def _open_other(self, person_id: int) -> None:
        self._select_after_load = person_id
        if self.model.row_of(person_id) is not None:
            self.select_person(person_id)
        self.open_person(person_id)

    def _on_saved(self, person_id: int) -> None:
        self.note_label.setText(self.tr("Saved."))
        self._after_change(person_id)

    def _after_change(self, person_id: int | None) -> None:
        if person_id is not None:
            self._select_after_load = person_id
        self._reread()
        self.data_changed.emit()

    def _reread(self) -> None:
        self.model.forget_rows()
        self.reload(keep_view=True)
        self._load_filter_options()

    def review_selected(self) -> Any:
        """One yearly review for the people chosen (ReviewManyDialog); the list is read again after."""
        db = self.database
        ids = self.selected_person_ids()
        if db is None or not ids:
            return None
        from ..lifecycle_dialogs import ReviewManyDialog

        dialog = ReviewManyDialog(db.engine, ids, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._reviewed)
        dialog.open()
        return dialog

    def _reviewed(self, result: Any) -> None:
        self.note_label.setText(result.text)
        self.table.clearSelection()
        self._after_change(None)

    def delete_current(self) -> None:
        """Delete the selected person, after a question that names what goes with the record."""
        person_id = self.selected_person_id()
        db = self.database
        if person_id is None or db is None:
            return
        from ...services.person_records import delete_person, deletion_impact

        try:
            impact = deletion_impact(db.engine, person_id)
        except Exception as error:
            self._report(error)
            self._after_change(None)
            return
        if not self.ask_delete(impact):
            return
        row = self.model.row_of(person_id) or 0
        try:
            delete_person(db.engine, person_id=person_id)
        except Exception as error:
            self._report(error)
            return
        self.note_label.setText(self.tr("The record of {name} was deleted.").format(name=impact.full_name))
        following = self.model.person_id(row + 1) or self.model.person_id(row - 1)
        self._after_change(following)

    def deletion_text(self, impact: DeleteImpact) -> str:
        """The confirmation question: the person's name and everything deleted with the record."""
        lines = [self.tr("Delete the record of {name}?").format(name=impact.full_name)]
        parts = []
        if impact.departures:
            parts.append(self.tr("{n} departure(s)").format(n=impact.departures))
        if impact.returns:
            parts.append(self.tr("{n} return(s) with their follow-ups").format(n=impact.returns))
        if impact.reviews:
            parts.append(self.tr("{n} yearly review(s)").format(n=impact.reviews))
        if impact.household_head is not None:
            parts.append(self.tr("membership of the household of {head}").format(head=impact.household_head))
        if impact.status_events:
            parts.append(self.tr("the status timeline ({n} entries)").format(n=impact.status_events))
        if parts:
            lines.append("")
            lines.append(self.tr("Deleted with it:"))
            lines += [f"• {part}" for part in parts]
        if impact.headed_households:
            lines.append("")
            lines.append(
                self.tr("The household(s) this person heads ({n}) are kept.").format(n=impact.headed_households)
            )
        lines.append("")
        lines.append(
            self.tr("Deleted records are no longer listed or counted, but stay in the database marked as deleted.")
        )
        return "\n".join(lines)

    def ask_delete(self, impact: DeleteImpact) -> bool:
        """Ask before deleting (tests answer through the message box recorder)."""
        return ask_yes_no(self, self.tr("Delete worker"), self.deletion_text(impact))

    def _report(self, error: BaseException) -> None:
        message = user_message(error)
        if message is None:
            sys.excepthook(type(error), error, error.__traceback__)
            return
        QMessageBox.warning(self, self.tr("Workers"), message)
