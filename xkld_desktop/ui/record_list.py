"""A lazy list of records: search box, filters, count and a table that holds only ids.

The pattern of Anki's browser: :class:`LazyRecordModel` keeps the ordered ids of what matches
and asks a service for the rows it paints, a page at a time (one query per page, never one per
row), keeping the pages it has. 60,000 departures cost a list of ints.

:class:`RecordList` puts a search box (search as you type, after a short pause), a row for the
owner's filter widgets, the count, and the table together. Listing the ids runs in the
background (:func:`~.tasks.run_task`); a late answer to an older search is dropped.
:class:`RecordListDialog` shows such a list on its own (for lists no pane shows).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.validation import format_date
from .i18n import current_language
from .panes.base import Pane
from .tasks import run_task, user_message
from .widgets import LimitBar

#: how long typing must pause before the list searches (milliseconds)
SEARCH_DELAY_MS = 250
PAGE_SIZE = 100

Fetch = Callable[[Sequence[int]], dict[int, Any]]

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class ListColumn:
    """A column: its header (translated when shown), its text for a row, the service's sort key."""

    title: Callable[[], str]
    value: Callable[[Any], str]
    sort_key: str | None = None
    right: bool = False
    width: int | None = None
    newest_first: bool = False  # a date: the first click on the header sorts newest first


class LazyRecordModel(QAbstractTableModel):
    """A table of records known by id; rows are fetched in pages through ``fetch(ids)``.

    Roles: ``ID_ROLE`` gives the record id of a row, ``RECORD_ROLE`` the row object. Clicking a
    sortable header does not sort here: ``sort_requested(sort_key, descending)`` asks the owner
    to list the ids again in that order. ``fetch_failed(message)`` reports a database problem
    met while painting (once per set of ids).
    """

    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

    sort_requested = Signal(str, bool)
    fetch_failed = Signal(str)

    def __init__(self, columns: Sequence[ListColumn], parent: QObject | None = None, *, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.columns = list(columns)
        self.page_size = page_size
        self._ids: list[int] = []
        self._fetch: Fetch | None = None
        self._cache: dict[int, Any] = {}
        self._failed = False
        self.fetches = 0  # how many pages were fetched (tests check that painting is paged)

    # -- what the owner calls ---------------------------------------------------------------

    def set_ids(self, ids: Sequence[int], fetch: Fetch) -> None:
        """Show *ids* (in this order), fetching their rows through *fetch* when painted."""
        self.beginResetModel()
        self._ids = list(ids)
        self._fetch = fetch
        self._cache = {}
        self._failed = False
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Forget the fetched rows (the records changed) and repaint."""
        self._cache = {}
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def record_at(self, row: int) -> Any:
        """The row object of *row* (fetched if needed), or ``None``."""
        record_id = self.id_at(row)
        if record_id is None:
            return None
        if record_id not in self._cache:
            self._fetch_page(row)
        return self._cache.get(record_id)

    def _fetch_page(self, row: int) -> None:
        if self._fetch is None or self._failed:
            return
        start = row - row % self.page_size
        page = [i for i in self._ids[start : start + self.page_size] if i not in self._cache]
        try:
            found = self._fetch(page)
        except Exception as error:
            message = user_message(error)
            if message is None:
                raise
            self._failed = True
            self.fetch_failed.emit(message)
            return
        self.fetches += 1
        self._cache.update(found)
        for record_id in page:  # gone meanwhile (deleted): an empty row rather than a refetch loop
            self._cache.setdefault(record_id, None)

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids) or not 0 <= index.column() < len(self.columns):
            return None
        if role == self.ID_ROLE:
            return self._ids[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column.right else _LEFT)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, self.RECORD_ROLE):
            record = self.record_at(index.row())
            if role == self.RECORD_ROLE:
                return record
            if record is None:
                return ""
            return column.value(record)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.InitialSortOrderRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns) and self.columns[section].newest_first:
                return Qt.SortOrder.DescendingOrder
            return Qt.SortOrder.AscendingOrder
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title() if 0 <= section < len(self.columns) else None
        return str(section + 1) if 0 <= section < len(self._ids) else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns) and self.columns[column].sort_key:
            self.sort_requested.emit(self.columns[column].sort_key, order == Qt.SortOrder.DescendingOrder)

    def sort_column(self, sort_key: str) -> int:
        """The column sorted by *sort_key* (-1 when none)."""
        return next((i for i, c in enumerate(self.columns) if c.sort_key == sort_key), -1)

    def retranslate(self) -> None:
        """Headers and texts follow the UI language."""
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self.refresh_rows()


class RecordTable(QTableView):
    """The table of a record list: whole-row selection, Enter or double-click opens the row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSortingEnabled(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(_RIGHT)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionsClickable(True)
        self.horizontalHeader().setSortIndicatorShown(True)


class _SearchKeys(QObject):
    """Down in the search box goes to the list; Enter searches at once; Esc clears the text."""

    def __init__(self, owner: RecordList) -> None:
        super().__init__(owner)
        self.owner = owner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.owner.model.rowCount() > 0:
                self.owner.focus_list()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.owner.search_now()
                return True
            if key == Qt.Key.Key_Escape and self.owner.search_edit.text():
                self.owner.search_edit.clear()
                return True
        return False


class RecordList(QWidget):
    """Search box, filter row (``filters``, for the owner's widgets), count, lazy table.

    Signals: ``search_changed()`` after the search text changed and typing paused (the owner
    lists again), ``sort_changed()`` after a header click, ``activated(record_id)`` on Enter or
    double-click on a row, ``loaded()`` when a new list is on screen, ``failed(message)`` when
    the database could not answer (a Vietnamese message for the user).
    """

    search_changed = Signal()
    sort_changed = Signal()
    activated = Signal(int)
    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        columns: Sequence[ListColumn],
        *,
        sort_key: str,
        descending: bool,
        searchable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sort_key = sort_key
        self.descending = descending
        self._generation = 0
        self._loading = False
        self._count_text: Callable[[int], str] = str

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)

        top = QHBoxLayout()
        top.setSpacing(12)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(280)
        self.search_edit.setVisible(searchable)
        top.addWidget(self.search_edit, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countValue")
        self.count_label.setAlignment(_RIGHT)
        top.addWidget(self.count_label)
        column.addLayout(top)
        self.top_row = top  # owners may add a button after the count

        self.filters = QHBoxLayout()
        self.filters.setSpacing(8)
        column.addLayout(self.filters)

        self.model = LazyRecordModel(columns, self)
        self.view = RecordTable(self)
        self.view.setModel(self.model)
        for i, c in enumerate(columns):
            if c.width:
                self.view.setColumnWidth(i, c.width)
        column.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_changed)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.search_edit.installEventFilter(_SearchKeys(self))
        self.view.activated.connect(self._on_activated)
        self.model.sort_requested.connect(self._on_sort_requested)
        self.model.fetch_failed.connect(self.failed)
        self._show_sort()
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._on_indicator_changed)

    # -- search and sort --------------------------------------------------------------------

    def query(self) -> str:
        return self.search_edit.text()

    def set_query(self, text: str) -> None:
        """Put *text* in the search box without starting a search (the owner reloads)."""
        self.search_edit.blockSignals(True)
        self.search_edit.setText(text)
        self.search_edit.blockSignals(False)
        self._timer.stop()

    def search_now(self) -> None:
        """Search at once (Enter in the search box) instead of waiting for the pause."""
        if self._timer.isActive():
            self._timer.stop()
        self.search_changed.emit()

    def set_sort(self, sort_key: str, descending: bool) -> None:
        """Sort by *sort_key* next time the list loads; the header shows it."""
        self.sort_key, self.descending = sort_key, descending
        self._show_sort()

    def _show_sort(self) -> None:
        header = self.view.horizontalHeader()
        header.blockSignals(True)
        column = self.model.sort_column(self.sort_key)
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _on_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(self.model.columns) and self.model.columns[column].sort_key:
            self.model.sort(column, order)
        else:  # a column the service cannot sort by: the indicator goes back
            self._show_sort()

    def _on_sort_requested(self, sort_key: str, descending: bool) -> None:
        self.sort_key, self.descending = sort_key, descending
        self.sort_changed.emit()

    # -- loading ----------------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._loading

    def load(
        self,
        list_ids: Callable[[], list[int]],
        fetch: Fetch,
        count_text: Callable[[int], str],
        *,
        keep_current: bool = False,
    ) -> None:
        """List the ids in the background with *list_ids*, then show them (rows by *fetch*);
        with *keep_current* the record that was current stays current if it is still listed."""
        self._show_sort()  # a click on a column that cannot sort puts the indicator back
        self._generation += 1
        generation = self._generation
        self._loading = True
        self._count_text = count_text
        self.count_label.setText(self.tr("Searching…"))

        keep = self.current_id() if keep_current else None

        def done(ids: list[int]) -> None:
            if generation != self._generation:
                return  # an older search answered late
            self._loading = False
            self.model.set_ids(ids, fetch)
            self.count_label.setText(count_text(len(ids)))
            if keep is not None and keep in ids:
                index = self.model.index(ids.index(keep), 0)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            elif ids:
                self.view.scrollToTop()
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._loading = False
            message = user_message(error)
            if message is None:
                sys.excepthook(type(error), error, error.__traceback__)
                return
            self.count_label.setText("")
            self.failed.emit(message)

        run_task(list_ids, context=self, on_success=done, on_error=failed)

    def clear(self) -> None:
        """Show nothing (no database)."""
        self._generation += 1
        self._loading = False
        self.model.set_ids([], lambda _ids: {})
        self.count_label.setText("")

    def count(self) -> int:
        return self.model.rowCount()

    def retranslate(self) -> None:
        self.model.retranslate()
        if self._loading:
            self.count_label.setText(self.tr("Searching…"))
        elif self.count_label.text():
            self.count_label.setText(self._count_text(self.model.rowCount()))

    # -- rows -------------------------------------------------------------------------------

    def focus_list(self) -> None:
        """Move the keyboard to the list, on its first row when none is current."""
        self.view.setFocus()
        if not self.view.currentIndex().isValid() and self.model.rowCount() > 0:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def current_record(self) -> Any:
        index = self.view.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def _on_activated(self, index: QModelIndex) -> None:
        record_id = self.model.id_at(index.row())
        if record_id is not None:
            self.activated.emit(record_id)


class RecordListDialog(QDialog):
    """A list of records in a window of its own (a to-do list no pane shows), with its count."""

    def __init__(
        self,
        title: str,
        columns: Sequence[ListColumn],
        list_ids: Callable[[], list[int]],
        fetch: Fetch,
        count_text: Callable[[int], str],
        *,
        sort_key: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.heading = QLabel(title, self)
        self.heading.setObjectName("paneTitle")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.list = RecordList(columns, sort_key=sort_key, descending=False, searchable=False, parent=self)
        self.list.view.setSortingEnabled(False)
        self.list.view.horizontalHeader().setSortIndicatorShown(False)
        layout.addWidget(self.list, 1)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.failed.connect(self._show_error)
        self.list.load(list_ids, fetch, count_text)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


# --------------------------------------------------------------------------- panes built on a list


class FilterCombo(QComboBox):
    """A filter: its first item means "all" (data ``None``); the others carry their value.

    :meth:`set_items` refills it keeping the chosen value; ``changed()`` is emitted when the
    user (or :meth:`set_value`) picks another value.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMaxVisibleItems(20)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_items(self, all_text: str, items: Sequence[tuple[Any, str]]) -> None:
        keep = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(all_text, None)
        for value, text in items:
            self.addItem(text, value)
        self.setToolTip(all_text)
        self.setAccessibleName(all_text)
        self._select(keep)
        self.blockSignals(False)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        """Choose *value* (``None``: all); a value not in the list is added so it shows."""
        if value is not None and self._find(value) < 0:
            self.blockSignals(True)
            self.addItem(str(value), value)
            self.blockSignals(False)
        self._select(value)

    def _find(self, value: Any) -> int:
        return next((i for i in range(self.count()) if self.itemData(i) == value), -1)

    def _select(self, value: Any) -> None:
        index = self._find(value) if value is not None else 0
        self.setCurrentIndex(max(index, 0))


class ListPane(Pane):
    """A pane showing one :class:`RecordList` with filters: the departures and returns panes.

    Subclasses give the columns, the filter widgets (in ``self.list.filters``), and the service
    calls; this class loads the filter choices and the list in the background, shows a "to-do"
    bar when the list is limited to a to-do list, and opens a person's page from a row.
    Signals: ``loaded()`` when a list is on screen, ``data_changed()`` when records were written
    from a person's page opened here (other panes' lists and figures may have changed).
    """

    loaded = Signal()
    data_changed = Signal()
    #: default sort of the list
    default_sort = ""
    default_descending = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = RecordList(
            self.columns(), sort_key=self.default_sort, descending=self.default_descending, parent=self
        )
        self.search_edit = self.list.search_edit
        self.count_label = self.list.count_label
        self.view = self.list.view
        self.model = self.list.model

        self.limit_bar = LimitBar(self, on_clear=self.clear_limit)
        self.limit_label, self.clear_limit_button = self.limit_bar.label, self.limit_bar.button

        self.body.addWidget(self.limit_bar)
        self.body.addWidget(self.list, 1)
        self.list.search_changed.connect(self.reload)
        self.list.sort_changed.connect(self.reload)
        self.list.activated.connect(self._on_activated)
        self.list.failed.connect(self.set_message)
        self.list.loaded.connect(self.loaded)
        self._choices_loaded = False
        self._stale = False  # records changed elsewhere since the list was read (see mark_stale)
        self._hidden: Any = None  # the part of the filter no widget shows (a to-do list, communes)
        self.clear_button: QPushButton | None = None  # made by add_filter_boxes()
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)  # Ctrl+F: to the search box
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # -- what subclasses provide ------------------------------------------------------------

    def columns(self) -> list[ListColumn]:
        raise NotImplementedError

    def current_filter(self) -> Any:
        """The service filter the widgets describe."""
        raise NotImplementedError

    def list_ids(self, engine: Any, flt: Any, sort: str, descending: bool) -> list[int]:
        raise NotImplementedError

    def fetch(self, engine: Any, ids: Sequence[int]) -> dict[int, Any]:
        raise NotImplementedError

    def count_text(self, n: int) -> str:
        raise NotImplementedError

    def load_choices(self, engine: Any) -> Any:
        """Read what the filters offer (runs in the background)."""
        return None

    def show_choices(self, choices: Any) -> None:
        """Fill the filter widgets (GUI thread)."""

    def limit_text(self) -> str:
        """What the to-do bar says ("" hides it): the to-do list or the communes the hidden part of
        the filter keeps to; subclasses add their own limits."""
        hidden = self._hidden
        if hidden is None:
            return ""
        if getattr(hidden, "todo", None) is not None:
            return self.tr("To do: {list}").format(list=hidden.todo.label(current_language()))
        if getattr(hidden, "commune_ids", None):
            return self.tr("Only the people of the chosen commune.")
        return ""

    def combos(self) -> list[FilterCombo]:
        """The filter boxes, in the order :meth:`set_combo_values` takes their values."""
        return []

    def add_filter_boxes(self) -> None:
        """Put :meth:`combos` in the filter row (each lists again when changed), then a "Clear
        filters" button beside the search (``clear_button``). Subclasses call it once their boxes
        are made."""
        filters = self.list.filters
        for combo in self.combos():
            filters.addWidget(combo)
            combo.changed.connect(self.reload)
        filters.addStretch(1)
        self.clear_button = QPushButton(self)
        self.list.top_row.addWidget(self.clear_button)
        self.clear_button.clicked.connect(self.clear_filters)

    def person_columns(self) -> list[ListColumn]:
        """The columns a list of people's records starts with: name, birth date, CCCD, hamlet."""
        return [
            ListColumn(lambda: self.tr("Full name"), lambda r: r.full_name, "name", width=175),
            ListColumn(
                lambda: self.tr("Date of birth"),
                lambda r: format_date(r.date_of_birth, r.birth_precision),
                "date_of_birth",
                width=84,
            ),
            ListColumn(lambda: self.tr("CCCD"), lambda r: r.id_number or "", "id_number", width=116),
            ListColumn(lambda: self.tr("Hamlet"), lambda r: r.hamlet, "hamlet", width=110),
        ]

    def set_combo_values(self, values: Sequence[Any]) -> None:
        """Show *values* in the filter boxes without listing again for each one."""
        for combo, value in zip(self.combos(), values, strict=True):
            combo.blockSignals(True)
            combo.set_value(value)
            combo.blockSignals(False)

    def clear_filters(self) -> None:
        """Every filter back to "all", the to-do limit dropped, the search text kept."""
        self._hidden = None
        self.set_combo_values([None] * len(self.combos()))
        self.reload()

    def clear_limit(self) -> None:
        """Drop the to-do limit (the bar's button) and list again."""
        self._hidden = None
        self.reload()

    def person_of(self, record: Any) -> int | None:
        return getattr(record, "person_id", None)

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        db = self.database
        if db is None:
            self.list.clear()
            return
        self.reload()  # the list first: the filters' choices can come a moment later
        self._load_choices(db)

    def mark_stale(self) -> None:
        """Records changed in another pane: list again (and read the filters' choices again) now if
        shown, else when next shown — not for every save made while another pane is shown."""
        if self.database is None:
            return
        self._stale = True
        if self.isVisible():
            self.reload(keep_current=True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload(keep_current=True)

    def _load_choices(self, db: Any) -> None:
        engine = db.engine

        def done(choices: Any) -> None:
            if self.database is db:
                self._choices_loaded = True
                self.show_choices(choices)

        def failed(error: BaseException) -> None:
            message = user_message(error)
            if message is None:
                sys.excepthook(type(error), error, error.__traceback__)
            else:
                self.set_message(message)

        run_task(lambda: self.load_choices(engine), context=self, on_success=done, on_error=failed)

    def reload(self, *, keep_current: bool = False) -> None:
        """List again with the current search, filters and sort."""
        db = self.database
        self._update_limit_bar()
        if db is None:
            self.list.clear()
            return
        if self._stale:  # records changed elsewhere: new markets or years for the filters, perhaps
            self._stale = False
            self._load_choices(db)
        self.set_message("")
        engine = db.engine
        flt = self.current_filter()
        sort, descending = self.list.sort_key, self.list.descending
        self.list.load(
            lambda: self.list_ids(engine, flt, sort, descending),
            lambda ids: self.fetch(engine, ids),
            self.count_text,
            keep_current=keep_current,
        )

    def _update_limit_bar(self) -> None:
        self.limit_bar.show_text(self.limit_text())

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.clear_limit_button.setText(self.tr("Show all"))
        if self.clear_button is not None:
            self.clear_button.setText(self.tr("Clear filters"))
        self.search_edit.setPlaceholderText(self.tr("Search by name (with or without diacritics), CCCD or phone…"))
        self.list.retranslate()
        self._update_limit_bar()

    # -- opening a person -------------------------------------------------------------------

    def _on_activated(self, record_id: int) -> None:
        record = self.model.record_at(self.view.currentIndex().row())
        if record is None or getattr(record, "id", None) != record_id:
            record = self.fetch(self.database.engine, [record_id]).get(record_id) if self.database else None
        person_id = self.person_of(record) if record is not None else None
        if person_id is not None:
            self.open_person(person_id)

    def open_person(self, person_id: int) -> QDialog | None:
        """Open the person's page (Enter or double-click on a row); the list is read again after."""
        db = self.database
        if db is None:
            return None
        try:
            from .person_page import PersonPage  # written with the person form; may not be there yet
        except ImportError:
            return None
        page: QDialog = PersonPage(db, person_id, self)
        changed = getattr(page, "changed", None)
        if changed is not None:  # a departure, return… recorded there: the overview and other lists follow
            changed.connect(self._changed_here)
        page.finished.connect(lambda _result: self.reload(keep_current=True))
        page.open()
        return page

    def _changed_here(self) -> None:
        self._stale = True  # the list (read again when the page closes) and the filters' choices
        self.data_changed.emit()
