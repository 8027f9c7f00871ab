"""The people list's table model: only the ordered ids, the rows fetched a page at a time.

As in Anki's browser, the model holds the list of person ids the list shows (200,000 ints for
200,000 people) and asks ``services.people.fetch_person_rows`` for the rows the view paints, in
pages of :data:`PAGE_SIZE`, keeping the last :data:`CACHE_PAGES` pages. Painting never runs a
query per row. Who decides *which* ids (search, filters, order) is the pane: it loads them in
the background and hands them over with :meth:`PeopleModel.set_ids`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ..domain.validation import format_date
from .i18n import current_language, market_label

if TYPE_CHECKING:  # the services (SQLAlchemy) are imported when a database is shown, not before
    from ..services.people import PeopleFilter, PersonRow

PAGE_SIZE = 200
CACHE_PAGES = 12

COL_NUMBER = 0
COL_NAME = 1
COL_BIRTH = 2
COL_GENDER = 3
COL_ID_NUMBER = 4
COL_HAMLET = 5
COL_STATUS = 6
COL_MARKET = 7
COLUMN_COUNT = 8

#: the order (a ``services.people.PeopleOrder`` value) each sortable column stands for; the
#: number (STT) and the market are not sortable
COLUMN_ORDERS: dict[int, str] = {
    COL_NAME: "name",
    COL_BIRTH: "birth_date",
    COL_GENDER: "gender",
    COL_ID_NUMBER: "id_number",
    COL_HAMLET: "hamlet",
    COL_STATUS: "status",
}

#: the person's id (int)
PersonIdRole = Qt.ItemDataRole.UserRole + 1
#: the whole :class:`~xkld_desktop.services.people.PersonRow` (or ``None`` if gone)
PersonRowRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_GONE_COLOUR = QColor("#9aa5b1")
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_PERSON_ID = int(PersonIdRole)
_PERSON_ROW = int(PersonRowRole)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _PERSON_ID, _PERSON_ROW})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_TOOLTIP_COLUMNS = frozenset({COL_NAME, COL_HAMLET, COL_STATUS, COL_MARKET})


class PeopleModel(QAbstractTableModel):
    """Rows of people for the people pane's table (see the module docstring).

    Signal ``order_changed()`` when the user asked for another order (a click on a column
    header): the owner reloads the ids in :meth:`order`.
    """

    order_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine: Any = None
        self._ids: list[int] = []
        self._count: int | None = None  # rows while only the first ids are known (set_head)
        self._rows_of: dict[int, int] | None = None
        self._pages: OrderedDict[int, dict[int, PersonRow]] = OrderedDict()
        self._order = "name"
        self._descending = False
        self.page_fetches = 0  # how many pages were read (tests and measurements)

    # -- what the model shows ---------------------------------------------------------------

    def set_engine(self, engine: Any) -> None:
        """Show people of *engine*'s database (``None``: nothing); the list empties until set_ids."""
        self.beginResetModel()
        self._engine = engine
        self._ids = []
        self._count = None
        self._rows_of = None
        self._pages.clear()
        self.endResetModel()

    def set_ids(self, ids: Sequence[int], first_page: dict[int, PersonRow] | None = None) -> bool:
        """Show these people, in this order (forgets the cached rows); False when the list shown
        already was these people in this order: the view (selection, scroll) then stays as it is,
        only the rows are read again.

        *first_page*: the rows of the first :data:`PAGE_SIZE` ids, read with them (see
        :meth:`first_page_of`), so that the first paint runs no query on the GUI thread.
        """
        ids = list(ids)
        known = len(self._ids)
        if ids and len(ids) == self.rowCount() and ids[:known] == self._ids:
            # a refresh that found nothing added, removed or moved, or the whole list after its head
            self._ids = ids
            self._count = None
            if known < len(ids):
                self._rows_of = None
            self._pages.clear()
            if first_page is not None:
                self._pages[0] = first_page
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, COLUMN_COUNT - 1))
            return False
        self.beginResetModel()
        self._ids = ids
        self._count = None
        self._rows_of = None
        self._pages.clear()
        if first_page is not None:
            self._pages[0] = first_page
        self.endResetModel()
        return True

    def set_head(self, ids: Sequence[int], count: int, first_page: dict[int, PersonRow]) -> None:
        """Show a list of *count* people of which only the first, *ids* (with their rows), are known
        yet: the other rows stay empty until :meth:`set_ids` brings the whole list (which keeps the
        view as it is when it begins with these ids)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._count = max(count, len(self._ids))
        self._rows_of = None
        self._pages.clear()
        self._pages[0] = first_page
        self.endResetModel()

    def is_complete(self) -> bool:
        """False while only the first ids of the list are known (:meth:`set_head`)."""
        return self._count is None

    @staticmethod
    def first_page_of(engine: Any, ids: Sequence[int]) -> dict[int, PersonRow]:
        """The rows :meth:`set_ids` takes as *first_page* (call it where the ids are read)."""
        from ..services.people import fetch_person_rows

        return fetch_person_rows(engine, ids[:PAGE_SIZE])

    def load(self, flt: PeopleFilter | None = None) -> None:
        """Read the ids for *flt* in the current order now (the pane does this in the background)."""
        if self._engine is None:
            self.set_ids([])
            return
        from ..services.people import PeopleFilter, PeopleOrder, ordered_person_ids

        order = PeopleOrder(self._order)
        ids = ordered_person_ids(self._engine, flt or PeopleFilter(), order=order, descending=self._descending)
        self.set_ids(ids)

    def forget_rows(self) -> None:
        """Re-read the rows shown (after an edit) without changing which people are listed."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, COLUMN_COUNT - 1))

    def ids(self) -> list[int]:
        return list(self._ids)

    def person_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: int) -> int | None:
        """The row showing *person_id*, or ``None`` when the list does not show them."""
        if self._rows_of is None:
            self._rows_of = {pid: row for row, pid in enumerate(self._ids)}
        return self._rows_of.get(person_id)

    def person_row(self, row: int) -> PersonRow | None:
        """The list row of the person at *row* (``None`` if deleted meanwhile)."""
        person_id = self.person_id(row)
        if person_id is None or self._engine is None:
            return None
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            from ..services.people import fetch_person_rows

            rows = fetch_person_rows(self._engine, self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
            self.page_fetches += 1
            self._pages[page] = rows
            while len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(person_id)

    # -- order ------------------------------------------------------------------------------

    def order(self) -> tuple[str, bool]:
        """(what the list is sorted by — a ``PeopleOrder`` value —, descending)."""
        return self._order, self._descending

    def sort_column(self) -> int:
        return next(col for col, order in COLUMN_ORDERS.items() if order == self._order)

    def set_order(self, order: str, descending: bool = False) -> None:
        """Remember the order (the ids are reloaded by whoever listens to ``order_changed``)."""
        if (str(order), descending) != (self._order, self._descending):
            self._order, self._descending = str(order), descending
            self.order_changed.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column in COLUMN_ORDERS:
            self.set_order(COLUMN_ORDERS[column], order == Qt.SortOrder.DescendingOrder)

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        if parent.isValid():
            return 0
        return len(self._ids) if self._count is None else self._count

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell at each paint: roles are compared as plain
        # ints (comparing with Qt's enum members costs a Python call each) and unused roles leave
        # at once.
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._ids):
            return None  # (past the first rows while the rest of the list is read: empty)
        if role == _ALIGNMENT:
            return _RIGHT if column == COL_NUMBER else _LEFT
        if role == _PERSON_ID:
            return self._ids[row]
        person = self.person_row(row)
        if role == _FOREGROUND:
            return _GONE_COLOUR if person is None else None
        if role == _PERSON_ROW:
            return person
        if column == COL_NUMBER:
            return str(row + 1) if role == _DISPLAY else None
        if person is None:
            return self.tr("(deleted)") if column == COL_NAME and role == _DISPLAY else None
        text = self._text(person, column)
        if role == _TOOLTIP:
            return text if column in _TOOLTIP_COLUMNS and text else None
        return text

    def _text(self, person: PersonRow, column: int) -> str:
        lang = current_language()
        if column == COL_NAME:
            return person.full_name
        if column == COL_BIRTH:
            return format_date(person.date_of_birth, person.birth_precision)
        if column == COL_GENDER:
            return person.gender.label(lang) if person.gender is not None else ""
        if column == COL_ID_NUMBER:
            return person.id_number or ""
        if column == COL_HAMLET:
            return person.hamlet
        if column == COL_STATUS:
            return person.status.label(lang)
        if column == COL_MARKET:
            return market_label(person.market_code)
        return ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_title(section)
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_NAME:
            return self.tr("Sorted the Vietnamese way: given name first, then family and middle names")
        return None

    def column_title(self, section: int) -> str:
        titles = (
            self.tr("No."),
            self.tr("Full name"),
            self.tr("Date of birth"),
            self.tr("Gender"),
            self.tr("ID number"),
            self.tr("Hamlet"),
            self.tr("Status"),
            self.tr("Market"),
        )
        return titles[section]

    def retranslate(self) -> None:
        """Labels (gender, status, market, headers) follow the UI language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, COLUMN_COUNT - 1))
