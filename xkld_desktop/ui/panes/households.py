"""Hộ gia đình & CLB — households with their members, and the family club.

Two tabs:
- **Hộ gia đình**: the households list (search as you type by head's name, hamlet or phone;
  filters by poverty status and club membership; count), and the chosen household's page:
  address, poverty status, club membership, members with their relationship to the head (add,
  change, remove, make head) and the visits made to the family.
- **CLB**: the club (leader, founding, counts), its member households with join and leave dates,
  meetings with attendance counts, visits — and, always in sight on the right, the member
  households not visited this quarter ("Chưa thăm trong quý này: N hộ"); a click on one opens a
  new visit for that household.

The households list holds only ordered ids and fetches the rows it paints in pages (as the
people list does), so tens of thousands of households cost a list of ints. Lists are read in
the background (:func:`~..tasks.run_task`); forms open window-modal (``open()``, not ``exec()``)
and the pane reloads what they changed once they saved. The services are imported when a
database is shown, never before the window is up.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import PovertyStatus
from ...domain.validation import format_date, format_money
from ..i18n import current_language, format_count
from ..tasks import run_task, user_message
from ..widgets import ask_yes_no
from .base import FollowingPane

if TYPE_CHECKING:
    from ...services.club import ClubRow, MeetingRow, NotVisitedRow
    from ...services.households import HouseholdDetail, HouseholdRow, MemberRow, MembershipRow, VisitRow

PAGE_SIZE = 100
SEARCH_DELAY_MS = 250

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

NOT_VISITED_STYLE = """
#notVisitedBox { background: #fff7e0; border: 1px solid #ecd28b; border-radius: 6px; }
#notVisitedTitle { color: #8a5300; font-size: 12pt; font-weight: 600; }
#notVisitedQuarter { color: #52606d; }
#notVisitedList { background: #ffffff; border: 1px solid #ecd28b; }
#householdTitle { color: #1f2933; font-size: 13pt; font-weight: 600; }
#sectionTitle { color: #1f2933; font-weight: 600; }
"""


def _report(pane: QWidget, error: BaseException, show: Callable[[str], None]) -> None:
    """A database problem the user can act on goes to *show*; anything else is a bug."""
    message = user_message(error)
    if message is None:
        sys.excepthook(type(error), error, error.__traceback__)
        return
    show(message)


# --------------------------------------------------------------------------- table models


@dataclass(frozen=True)
class Column:
    """A table column: its header (translated when shown) and its text for a row."""

    title: Callable[[], str]
    value: Callable[[Any], str]
    right: bool = False


class _ColumnsModel(QAbstractTableModel):
    """What :class:`RowsModel` and :class:`HouseholdsModel` share: read-only rows shown through
    :class:`Column` s, numbered in the vertical header. A subclass gives its row count
    (:meth:`_row_count`) and a cell's value for any role but the alignment (:meth:`_cell`)."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)

    def _row_count(self) -> int:
        raise NotImplementedError

    def _cell(self, row: int, column: Column, role: int) -> Any:
        raise NotImplementedError

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if not 0 <= index.row() < self._row_count() or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column.right else _LEFT)
        return self._cell(index.row(), column, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title() if 0 <= section < len(self.columns) else None
        return str(section + 1) if 0 <= section < self._row_count() else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def _repaint_rows(self) -> None:
        """Every row's texts may have changed: the views paint them again."""
        if self._row_count():
            self.dataChanged.emit(self.index(0, 0), self.index(self._row_count() - 1, len(self.columns) - 1))

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self._repaint_rows()


class RowsModel(_ColumnsModel):
    """A small table of plain read objects (a club's members, meetings, visits; a household's
    members). ``ROW_ROLE`` gives the row object."""

    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _row_count(self) -> int:
        return len(self._rows)

    def _cell(self, row: int, column: Column, role: int) -> Any:
        record = self._rows[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.value(record)
        if role == self.ROW_ROLE:
            return record
        return None


class HouseholdsModel(_ColumnsModel):
    """The households list: ordered ids, rows fetched a page at a time through ``fetch(ids)``.

    Painting never runs a query per row: the first paint of a row reads its whole page
    (:data:`PAGE_SIZE` rows) through ``services.households.fetch_household_rows``. ``ID_ROLE``
    gives the household's id, ``ROW_ROLE`` its :class:`HouseholdRow` (``None`` if gone).
    """

    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    ROW_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self._ids: list[int] = []
        self._fetch: Callable[[Sequence[int]], dict[int, Any]] | None = None
        self._cache: dict[int, Any] = {}
        self.fetches = 0  # pages read (tests check that painting is paged)

    def set_ids(self, ids: Sequence[int], fetch: Callable[[Sequence[int]], dict[int, Any]]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._fetch = fetch
        self._cache = {}
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, household_id: int) -> int:
        try:
            return self._ids.index(household_id)
        except ValueError:
            return -1

    def record_at(self, row: int) -> Any:
        household_id = self.id_at(row)
        if household_id is None:
            return None
        if household_id not in self._cache and self._fetch is not None:
            start = row - row % PAGE_SIZE
            page = [i for i in self._ids[start : start + PAGE_SIZE] if i not in self._cache]
            found = self._fetch(page)
            self.fetches += 1
            self._cache.update(found)
            for i in page:
                self._cache.setdefault(i, None)
        return self._cache.get(household_id)

    def forget_rows(self) -> None:
        """The records changed: read them again when painted."""
        self._cache = {}
        self._repaint_rows()

    def _row_count(self) -> int:
        return len(self._ids)

    def _cell(self, row: int, column: Column, role: int) -> Any:
        if role == self.ID_ROLE:
            return self._ids[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, self.ROW_ROLE):
            record = self.record_at(row)
            if role == self.ROW_ROLE:
                return record
            return "" if record is None else column.value(record)
        return None


def make_table(parent: QWidget, model: QAbstractTableModel, *, stretch_column: int | None = None) -> QTableView:
    """A read-only table of whole rows: Enter or double-click opens the row."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setDefaultSectionSize(26)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultAlignment(_RIGHT)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(stretch_column is None)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return view


#: the usual long name of a family club, shortened in narrow columns to "CLB xã Tân Hộ Cơ"
_CLUB_LONG_PREFIX = "CLB gia đình có người đi lao động ở nước ngoài "


def short_club_name(name: str) -> str:
    """ "CLB gia đình có người đi lao động ở nước ngoài xã Tân Hộ Cơ" → "CLB xã Tân Hộ Cơ"."""
    if name.startswith(_CLUB_LONG_PREFIX) and len(name) > len(_CLUB_LONG_PREFIX):
        return "CLB " + name[len(_CLUB_LONG_PREFIX) :]
    return name


def fit_columns(view: QTableView, *, widths: dict[int, int] | None = None, to_contents: Sequence[int] = ()) -> None:
    """Give columns a starting width, or make them as wide as their contents (dates, numbers)."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(100)  # sizing to contents looks at the first rows only
    for column, width in (widths or {}).items():
        view.setColumnWidth(column, width)
    for column in to_contents:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _button(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    return button


def _lang_label(member: Any) -> str:
    return member.label(current_language()) if member is not None else ""


# --------------------------------------------------------------------------- households tab


class HouseholdPanel(QWidget):
    """The chosen household's page: details, club membership, members (with their buttons), visits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: HouseholdDetail | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        outer.setSpacing(6)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("hint")
        self.placeholder.setWordWrap(True)
        outer.addWidget(self.placeholder)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("householdTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.title_label)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        outer.addLayout(columns, 1)

        left = QVBoxLayout()
        left.setSpacing(6)
        columns.addLayout(left, 3)
        self.info_label = QLabel(self)
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.info_label)
        self.members_title = QLabel(self)
        self.members_title.setObjectName("sectionTitle")
        left.addWidget(self.members_title)
        self.members_model = RowsModel(
            [
                Column(lambda: self.tr("Full name"), lambda m: m.full_name),
                Column(lambda: self.tr("Relationship"), lambda m: _lang_label(m.relationship)),
                Column(lambda: self.tr("Born"), lambda m: format_date(m.date_of_birth)),
                Column(lambda: self.tr("Worker record"), lambda m: _lang_label(m.person_status)),
            ],
            self,
        )
        self.members_view = make_table(self, self.members_model, stretch_column=0)
        self.members_view.setMinimumHeight(110)
        fit_columns(self.members_view, to_contents=(1, 2, 3))
        left.addWidget(self.members_view, 1)
        buttons = QHBoxLayout()
        self.add_member_button = _button("", self)
        self.edit_member_button = _button("", self)
        self.remove_member_button = _button("", self)
        self.make_head_button = _button("", self)
        for b in (self.add_member_button, self.edit_member_button, self.remove_member_button, self.make_head_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        left.addLayout(buttons)

        right = QVBoxLayout()
        right.setSpacing(6)
        columns.addLayout(right, 2)
        self.visits_title = QLabel(self)
        self.visits_title.setObjectName("sectionTitle")
        right.addWidget(self.visits_title)
        self.visits_list = QListWidget(self)
        self.visits_list.setWordWrap(True)
        self.visits_list.setAlternatingRowColors(True)
        right.addWidget(self.visits_list, 1)
        visit_row = QHBoxLayout()
        self.add_visit_button = _button("", self)
        visit_row.addWidget(self.add_visit_button)
        visit_row.addStretch(1)
        right.addLayout(visit_row)
        self.members_view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.retranslate()
        self.show_detail(None)

    def set_empty_list(self, empty: bool) -> None:
        """Say how to add the first household when the list is empty, how to see one otherwise."""
        self._empty_list = empty
        if empty:
            self.placeholder.setText(self.tr("No household to show. Add one with “New household…” (Ctrl+N)."))
        else:
            self.placeholder.setText(self.tr("Choose a household in the list to see its members and visits."))

    def retranslate(self) -> None:
        self.set_empty_list(getattr(self, "_empty_list", False))
        self.add_member_button.setText(self.tr("&Add member…"))
        self.edit_member_button.setText(self.tr("Change member…"))
        self.remove_member_button.setText(self.tr("Remove from household…"))
        self.make_head_button.setText(self.tr("Make head…"))
        self.add_visit_button.setText(self.tr("Record a &visit…"))
        self.members_model.retranslate()
        self.show_detail(self.detail)

    def current_member(self) -> MemberRow | None:
        index = self.members_view.currentIndex()
        return self.members_model.row_at(index.row()) if index.isValid() else None

    def select_member(self, member_id: int) -> None:
        for row, member in enumerate(self.members_model.rows()):
            if member.id == member_id:
                self.members_view.setCurrentIndex(self.members_model.index(row, 0))
                return

    def _update_buttons(self) -> None:
        member = self.current_member()
        self.edit_member_button.setEnabled(member is not None)
        self.remove_member_button.setEnabled(member is not None and not member.is_head)
        self.make_head_button.setEnabled(member is not None and not member.is_head)

    def show_detail(self, detail: HouseholdDetail | None) -> None:
        previous = self.current_member()
        self.detail = detail
        shown = detail is not None
        self.placeholder.setVisible(not shown)
        for widget in (
            self.title_label,
            self.info_label,
            self.members_title,
            self.members_view,
            self.add_member_button,
            self.edit_member_button,
            self.remove_member_button,
            self.make_head_button,
            self.visits_title,
            self.visits_list,
            self.add_visit_button,
        ):
            widget.setVisible(shown)
        if detail is None:
            self.members_model.set_rows([])
            self.visits_list.clear()
            return
        lang = current_language()
        self.title_label.setText(self.tr("Household of {head}").format(head=detail.head_name))
        lines = [
            detail.address or ", ".join(p for p in (detail.hamlet, detail.commune) if p),
            self.tr("Phone: {phone}").format(phone=detail.phone or "—"),
            self.tr("Poverty status: {status}").format(status=detail.poverty_status.label(lang)),
        ]
        active = detail.active_membership
        if active is not None:
            lines.append(
                self.tr("Member of {club} since {date}").format(
                    club=active.club_name, date=format_date(active.joined_on)
                )
            )
        elif detail.memberships:
            last = detail.memberships[0]
            lines.append(
                self.tr("Was a member of {club} ({joined} – {left})").format(
                    club=last.club_name, joined=format_date(last.joined_on), left=format_date(last.left_on)
                )
            )
        else:
            lines.append(self.tr("Not a member of the family club"))
        if detail.notes:
            lines.append(self.tr("Notes: {notes}").format(notes=detail.notes))
        self.info_label.setText("\n".join(line for line in lines if line))
        self.members_title.setText(self.tr("Members ({n})").format(n=len(detail.members)))
        self.members_model.set_rows(detail.members)
        if previous is not None:
            self.select_member(previous.id)
        self._update_buttons()
        self.visits_title.setText(self.tr("Visits to the family ({n})").format(n=len(detail.visits)))
        self.visits_list.clear()
        for visit in detail.visits:
            text = f"{format_date(visit.visited_on)} — {visit.visitor}"
            if visit.issues_raised:
                text += f": {visit.issues_raised}"
            if visit.follow_up:
                state = self.tr("done") if visit.follow_up_done else self.tr("to do")
                text += "\n    → " + f"{visit.follow_up} ({state})"
            QListWidgetItem(text, self.visits_list)
        if not detail.visits:
            QListWidgetItem(self.tr("No visit recorded."), self.visits_list)


class HouseholdsTab(QWidget):
    """Hộ gia đình: search, filters, count, the lazy households table and the household's page.

    Signals: ``loaded()`` when a list is on screen, ``changed()`` after a save (the club tab
    reloads), ``failed(message)`` for a database problem the user can act on.
    """

    loaded = Signal()
    changed = Signal()
    failed = Signal(str)

    def __init__(self, pane: HouseholdsPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self._generation = 0
        self._loading = False
        self._descending = False
        self.dialog: QDialog | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)

        top = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(260)
        top.addWidget(self.search_edit, 2)
        self.poverty_combo = QComboBox(self)
        top.addWidget(self.poverty_combo)
        self.club_combo = QComboBox(self)
        top.addWidget(self.club_combo)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countValue")
        self.count_label.setAlignment(_RIGHT)
        self.count_label.setMinimumWidth(90)
        self.count_label.setContentsMargins(0, 0, 6, 0)
        top.addWidget(self.count_label)
        column.addLayout(top)

        actions = QHBoxLayout()
        self.new_button = _button("", self)
        self.edit_button = _button("", self)
        self.delete_button = _button("", self)
        for b in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(b)
        actions.addStretch(1)
        column.addLayout(actions)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.model = HouseholdsModel(
            [
                Column(lambda: self.tr("Head of household"), lambda r: r.head_name),
                Column(lambda: self.tr("Hamlet"), lambda r: r.hamlet),
                Column(lambda: self.tr("Members"), lambda r: str(r.member_count), right=True),
                Column(lambda: self.tr("Poverty status"), self._poverty_text),
                Column(lambda: self.tr("Club"), lambda r: short_club_name(r.club_name)),
                Column(lambda: self.tr("Phone"), lambda r: r.phone or ""),
                Column(lambda: self.tr("Last visit"), lambda r: format_date(r.last_visit_on)),
            ],
            self,
        )
        self.view = make_table(self.splitter, self.model)
        header = self.view.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        # fixed widths: sizing to contents would read every row (the model fetches rows lazily)
        fit_columns(self.view, widths={0: 190, 1: 120, 2: 80, 3: 130, 4: 150, 5: 100, 6: 110})
        self.splitter.addWidget(self.view)
        self.panel = HouseholdPanel(self.splitter)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 300])
        column.addWidget(self.splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.search_edit.returnPressed.connect(self.reload)
        self.poverty_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.club_combo.currentIndexChanged.connect(lambda _i: self.reload())
        header.sortIndicatorChanged.connect(self._on_sort)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_current())
        self.view.activated.connect(lambda _i: self.edit_household())
        self.new_button.clicked.connect(self.new_household)
        self.edit_button.clicked.connect(self.edit_household)
        self.delete_button.clicked.connect(self.delete_household)
        self.panel.add_member_button.clicked.connect(self.add_member)
        self.panel.edit_member_button.clicked.connect(self.edit_member)
        self.panel.members_view.activated.connect(lambda _i: self.edit_member())
        self.panel.remove_member_button.clicked.connect(self.remove_member)
        self.panel.make_head_button.clicked.connect(self.make_head)
        self.panel.add_visit_button.clicked.connect(self.add_visit)
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.new_household),
            (QKeySequence.StandardKey.Find, self.search_edit.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_household)
        self.retranslate()
        self._update_buttons()

    # -- texts ------------------------------------------------------------------------------

    def _poverty_text(self, row: HouseholdRow) -> str:
        return "" if row.poverty_status is PovertyStatus.NONE else row.poverty_status.label(current_language())

    def retranslate(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search by head's name, hamlet or phone (Ctrl+F)"))
        lang = current_language()
        for combo, items in (
            (
                self.poverty_combo,
                [(self.tr("All poverty statuses"), None)] + [(p.label(lang), p.value) for p in PovertyStatus],
            ),
            (
                self.club_combo,
                [
                    (self.tr("All households"), None),
                    (self.tr("Club members"), "member"),
                    (self.tr("Not in the club"), "not_member"),
                ],
            ),
        ):
            combo.blockSignals(True)
            current = max(combo.currentIndex(), 0)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(current)
            combo.blockSignals(False)
        self.new_button.setText(self.tr("&New household…"))
        self.edit_button.setText(self.tr("&Edit household…"))
        self.delete_button.setText(self.tr("&Delete household…"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.model.retranslate()
        self.panel.retranslate()
        if not self._loading and self.pane.database is not None:
            self.count_label.setText(self.count_text(self.model.rowCount()))

    def count_text(self, n: int) -> str:
        return self.tr("{n} households").format(n=format_count(n))

    # -- the list ---------------------------------------------------------------------------

    def filter(self) -> Any:
        from ...services.households import HouseholdFilter

        poverty = self.poverty_combo.currentData()
        club = self.club_combo.currentData()
        return HouseholdFilter(
            query=self.search_edit.text(),
            poverty_status=PovertyStatus(poverty) if poverty else None,
            in_club=True if club == "member" else False if club == "not_member" else None,
        )

    def is_loading(self) -> bool:
        return self._loading

    def _on_sort(self, column: int, order: Qt.SortOrder) -> None:
        if column != 0:  # the list is in name order only: the indicator goes back
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(
                0, Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
            )
            header.blockSignals(False)
            return
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload(keep=self.current_id())

    def reload(self, keep: int | None = None) -> None:
        """List the households again in the background; *keep* stays current if still listed."""
        self._timer.stop()
        db = self.pane.database
        if db is None:
            self._generation += 1
            self.model.set_ids([], lambda _ids: {})
            self.count_label.setText("")
            self.panel.show_detail(None)
            return
        engine = db.engine
        flt = self.filter()
        descending = self._descending
        self._generation += 1
        generation = self._generation
        self._loading = True
        self.count_label.setText(self.tr("Searching…"))
        keep = keep if keep is not None else self.current_id()

        def list_ids() -> list[int]:
            from ...services.households import list_household_ids

            ids = list_household_ids(engine, flt)
            return ids[::-1] if descending else ids

        def fetch(ids: Sequence[int]) -> dict[int, Any]:
            from ...services.households import fetch_household_rows

            return fetch_household_rows(engine, ids)

        def done(ids: list[int]) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self.model.set_ids(ids, fetch)
            self.count_label.setText(self.count_text(len(ids)))
            self.panel.set_empty_list(not ids)
            row = self.model.row_of(keep) if keep is not None else -1
            if row >= 0:
                index = self.model.index(row, 0)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            self.show_current()
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self.count_label.setText("")
            _report(self, error, self.failed.emit)

        run_task(list_ids, context=self, on_success=done, on_error=failed)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select(self, household_id: int) -> bool:
        row = self.model.row_of(household_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        return row >= 0

    def show_current(self) -> None:
        """Show the current household's page (read at once: one household is small)."""
        household_id = self.current_id()
        db = self.pane.database
        detail = None
        if household_id is not None and db is not None:
            from ...services.errors import NotFound
            from ...services.households import household_detail

            try:
                detail = household_detail(db.engine, household_id)
            except NotFound:
                detail = None
            except Exception as error:
                _report(self, error, self.failed.emit)
        self.panel.show_detail(detail)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.panel.detail is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.new_button.setEnabled(self.pane.database is not None)

    # -- actions ----------------------------------------------------------------------------

    def _open(self, dialog: QDialog, on_saved: Callable[[Any], None]) -> QDialog:
        """Open *dialog* window-modal; *on_saved(dialog)* runs once it saved."""
        if self.dialog is not None and self.dialog.isVisible():  # one form at a time
            dialog.deleteLater()
            return self.dialog
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            on_saved(dialog)
            self.changed.emit()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()
        return dialog

    def new_household(self) -> QDialog | None:
        db = self.pane.database
        if db is None:
            return None
        from ..household_dialogs import HouseholdDialog

        return self._open(HouseholdDialog(db.engine, None, self), lambda d: self.reload(keep=d.saved_id))

    def edit_household(self) -> QDialog | None:
        db, detail = self.pane.database, self.panel.detail
        if db is None or detail is None:
            return None
        from ..household_dialogs import HouseholdDialog

        return self._open(HouseholdDialog(db.engine, detail, self), lambda d: self.reload(keep=d.saved_id))

    def delete_household(self) -> None:
        db, detail = self.pane.database, self.panel.detail
        if db is None or detail is None:
            return
        from ...services.households import delete_household, delete_impact

        try:
            impact = delete_impact(db.engine, detail.id)
        except Exception as error:
            _report(self, error, self.pane.show_problem)
            return
        goes = [self.tr("its {n} members in the household list").format(n=impact.members)]
        if impact.registered_members:
            goes.append(
                self.tr("({n} of them registered workers, whose records stay)").format(n=impact.registered_members)
            )
        text = self.tr("Delete the household of {head}{hamlet}?").format(
            head=impact.head_name, hamlet=f" ({impact.hamlet})" if impact.hamlet else ""
        )
        text += "\n\n" + self.tr("Goes with it: {what}.").format(what=" ".join(goes))
        if impact.active_club or impact.visits or impact.meetings_attended:
            text += "\n" + self.tr(
                "Its club membership{club}, {visits} visits and {meetings} meeting attendances stay in the "
                "history but are no longer shown."
            ).format(
                club=f" ({impact.active_club})" if impact.active_club else "",
                visits=impact.visits,
                meetings=impact.meetings_attended,
            )
        if not ask_yes_no(self, self.tr("Delete household"), text):
            return
        try:
            delete_household(db.engine, household_id=detail.id, version=detail.version)
        except Exception as error:
            _report(self, error, self.pane.show_problem)
            return
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        self.reload()
        self.changed.emit()

    def add_member(self) -> QDialog | None:
        db, detail = self.pane.database, self.panel.detail
        if db is None or detail is None:
            return None
        from ..household_dialogs import MemberDialog

        return self._open(MemberDialog(db.engine, detail.id, None, self), self._member_saved)

    def edit_member(self) -> QDialog | None:
        db, detail, member = self.pane.database, self.panel.detail, self.panel.current_member()
        if db is None or detail is None or member is None:
            return None
        from ..household_dialogs import MemberDialog

        return self._open(MemberDialog(db.engine, detail.id, member, self), self._member_saved)

    def _member_saved(self, dialog: Any) -> None:
        self.reload(keep=self.panel.detail.id if self.panel.detail else None)
        self.show_current()
        if dialog.saved_id is not None:
            self.panel.select_member(dialog.saved_id)

    def remove_member(self) -> None:
        db, detail, member = self.pane.database, self.panel.detail, self.panel.current_member()
        if db is None or detail is None or member is None:
            return
        from ...services.households import remove_member

        text = self.tr("Remove {name} from the household of {head}?").format(
            name=member.full_name, head=detail.head_name
        )
        if member.person_id is not None:
            text += "\n\n" + self.tr("The worker's own record stays; only the link to this household goes.")
        if not ask_yes_no(self, self.tr("Remove member"), text):
            return
        try:
            remove_member(db.engine, member_id=member.id, version=member.version)
        except Exception as error:
            _report(self, error, self.pane.show_problem)
            return
        self.reload(keep=detail.id)
        self.changed.emit()

    def make_head(self) -> QDialog | None:
        db, detail, member = self.pane.database, self.panel.detail, self.panel.current_member()
        if db is None or detail is None or member is None or member.is_head:
            return None
        from ..household_dialogs import HeadChangeDialog

        # the head's record may be in the recycle bin: the household still records their name
        former = detail.head.full_name if detail.head is not None else detail.recorded_head_name
        dialog = HeadChangeDialog(member.full_name, former, self)

        def saved(d: Any) -> None:
            from ...services.households import set_head

            try:
                set_head(db.engine, member_id=member.id, former_head_relationship=d.relationship())
            except Exception as error:
                _report(self, error, self.pane.show_problem)
                return
            self.reload(keep=detail.id)

        return self._open(dialog, saved)

    def add_visit(self) -> QDialog | None:
        db, detail = self.pane.database, self.panel.detail
        if db is None or detail is None:
            return None
        from ...services.households import format_household_line
        from ..club_dialogs import VisitDialog

        dialog = VisitDialog(
            db.engine, household_id=detail.id, household_text=format_household_line(detail), parent=self
        )
        return self._open(dialog, lambda _d: self.reload(keep=detail.id))


# --------------------------------------------------------------------------- club tab


@dataclass(frozen=True)
class ClubBundle:
    """What the club tab shows of one club, read together in the background."""

    club: ClubRow
    members: list[MembershipRow]
    meetings: list[MeetingRow]
    visits: list[VisitRow]
    not_visited: list[NotVisitedRow]
    quarter_start: date
    quarter_end: date


class NotVisitedBox(QFrame):
    """Chưa thăm trong quý này: N hộ — the member households not visited this quarter.

    Signal ``household_chosen(household_id, text)`` on a click (or Enter) on a household.
    """

    household_chosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notVisitedBox")
        self.setMinimumWidth(280)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 10)
        column.setSpacing(6)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("notVisitedTitle")
        self.title_label.setWordWrap(True)
        column.addWidget(self.title_label)
        self.quarter_label = QLabel(self)
        self.quarter_label.setObjectName("notVisitedQuarter")
        self.quarter_label.setWordWrap(True)
        column.addWidget(self.quarter_label)
        self.list = QListWidget(self)
        self.list.setObjectName("notVisitedList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        column.addWidget(self.list, 1)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("hint")
        self.hint_label.setWordWrap(True)
        column.addWidget(self.hint_label)
        self.rows: list[NotVisitedRow] = []
        self._quarter: tuple[date, date] | None = None
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        self.retranslate()

    def count(self) -> int:
        return len(self.rows)

    def show_rows(self, rows: list[NotVisitedRow], quarter: tuple[date, date] | None) -> None:
        self.rows = list(rows)
        self._quarter = quarter
        self.list.clear()
        for row in self.rows:
            parts = [row.head_name]
            if row.hamlet:
                parts.append(row.hamlet)
            last = (
                self.tr("last visit {date}").format(date=format_date(row.last_visit_on))
                if row.last_visit_on
                else self.tr("never visited")
            )
            item = QListWidgetItem(" — ".join(parts) + "\n" + last, self.list)
            item.setData(Qt.ItemDataRole.UserRole, row.household_id)
            item.setToolTip(self.tr("Click to record a visit to this household"))
        self.retranslate()

    def _chosen(self, item: QListWidgetItem) -> None:
        household_id = item.data(Qt.ItemDataRole.UserRole)
        if household_id is None:
            return
        row = next((r for r in self.rows if r.household_id == household_id), None)
        text = f"{row.head_name} — {row.hamlet}" if row and row.hamlet else (row.head_name if row else "")
        self.household_chosen.emit(int(household_id), text)

    def retranslate(self) -> None:
        self.title_label.setText(
            self.tr("Not visited this quarter: {n} households").format(n=format_count(self.count()))
        )
        if self._quarter is not None:
            start, end = self._quarter
            quarter = (start.month - 1) // 3 + 1
            self.quarter_label.setText(
                self.tr("Quarter {q}/{year} ({start} – {end}), member households without a visit").format(
                    q=quarter, year=start.year, start=format_date(start), end=format_date(end)
                )
            )
        else:
            self.quarter_label.setText("")
        if self.rows:
            self.hint_label.setText(self.tr("Click a household to record a visit."))
        elif self._quarter is not None:
            self.hint_label.setText(self.tr("Every member household has been visited this quarter."))
        else:
            self.hint_label.setText("")


class ClubTab(QWidget):
    """CLB: the club chooser, its details, members / meetings / visits, and the not-visited box.

    Signals: ``loaded()`` when a club's lists are on screen, ``changed()`` after a save (the
    households tab reloads), ``failed(message)``.
    """

    loaded = Signal()
    changed = Signal()
    failed = Signal(str)

    def __init__(self, pane: HouseholdsPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.bundle: ClubBundle | None = None
        self.clubs: list[ClubRow] = []
        self.dialog: QDialog | None = None
        self._generation = 0
        self._loading = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)

        top = QHBoxLayout()
        self.club_label = QLabel(self)
        top.addWidget(self.club_label)
        self.club_combo = QComboBox(self)
        self.club_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.club_label.setBuddy(self.club_combo)
        top.addWidget(self.club_combo, 1)
        self.new_club_button = _button("", self)
        self.edit_club_button = _button("", self)
        top.addWidget(self.new_club_button)
        top.addWidget(self.edit_club_button)
        top.addStretch(0)  # takes the room of the hidden club chooser when there is no club yet
        for button in (self.new_club_button, self.edit_club_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        column.addLayout(top)
        self.info_label = QLabel(self)
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.info_label)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        column.addWidget(self.empty_label, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.inner = QTabWidget(self.splitter)
        # members
        members_page = QWidget(self.inner)
        members_column = QVBoxLayout(members_page)
        self.members_model = RowsModel(
            [
                Column(lambda: self.tr("Head of household"), lambda m: m.head_name),
                Column(lambda: self.tr("Hamlet"), lambda m: m.hamlet),
                Column(lambda: self.tr("Joined"), lambda m: format_date(m.joined_on)),
                Column(lambda: self.tr("Left"), lambda m: format_date(m.left_on)),
                Column(lambda: self.tr("Last visit"), lambda m: format_date(m.last_visit_on)),
                Column(lambda: self.tr("Meetings attended"), lambda m: str(m.meetings_attended), right=True),
            ],
            self,
        )
        self.members_view = make_table(members_page, self.members_model, stretch_column=0)
        fit_columns(self.members_view, to_contents=(1, 2, 3, 4, 5))
        members_column.addWidget(self.members_view, 1)
        row = QHBoxLayout()
        self.join_button = _button("", members_page)
        self.leave_button = _button("", members_page)
        self.former_check = QCheckBox(members_page)
        self.former_check.setChecked(True)
        row.addWidget(self.join_button)
        row.addWidget(self.leave_button)
        row.addStretch(1)
        row.addWidget(self.former_check)
        members_column.addLayout(row)
        self.inner.addTab(members_page, "")
        # meetings
        meetings_page = QWidget(self.inner)
        meetings_column = QVBoxLayout(meetings_page)
        self.meetings_model = RowsModel(
            [
                Column(lambda: self.tr("Date"), lambda m: format_date(m.held_on)),
                Column(lambda: self.tr("Topic"), lambda m: m.topic),
                Column(lambda: self.tr("Place"), lambda m: m.place),
                Column(lambda: self.tr("Households attending"), lambda m: str(m.attendance), right=True),
                Column(lambda: self.tr("Fund (VND)"), lambda m: format_money(m.fund_contribution), right=True),
            ],
            self,
        )
        self.meetings_view = make_table(meetings_page, self.meetings_model, stretch_column=1)
        fit_columns(self.meetings_view, widths={2: 170}, to_contents=(0, 3, 4))
        meetings_column.addWidget(self.meetings_view, 1)
        row = QHBoxLayout()
        self.new_meeting_button = _button("", meetings_page)
        self.edit_meeting_button = _button("", meetings_page)
        self.delete_meeting_button = _button("", meetings_page)
        for b in (self.new_meeting_button, self.edit_meeting_button, self.delete_meeting_button):
            row.addWidget(b)
        row.addStretch(1)
        meetings_column.addLayout(row)
        self.inner.addTab(meetings_page, "")
        # visits
        visits_page = QWidget(self.inner)
        visits_column = QVBoxLayout(visits_page)
        self.visits_model = RowsModel(
            [
                Column(lambda: self.tr("Date"), lambda v: format_date(v.visited_on)),
                Column(lambda: self.tr("Household"), lambda v: v.head_name),
                Column(lambda: self.tr("Visited by"), lambda v: v.visitor),
                Column(lambda: self.tr("Issues raised"), lambda v: v.issues_raised),
                Column(lambda: self.tr("Follow-up"), lambda v: v.follow_up),
                Column(lambda: self.tr("Done"), self._done_text),
            ],
            self,
        )
        self.visits_view = make_table(visits_page, self.visits_model, stretch_column=3)
        fit_columns(self.visits_view, widths={1: 120, 2: 110, 5: 95}, to_contents=(0,))
        self.visits_view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        visits_column.addWidget(self.visits_view, 1)
        row = QHBoxLayout()
        self.new_visit_button = _button("", visits_page)
        self.edit_visit_button = _button("", visits_page)
        self.delete_visit_button = _button("", visits_page)
        for b in (self.new_visit_button, self.edit_visit_button, self.delete_visit_button):
            row.addWidget(b)
        row.addStretch(1)
        visits_column.addLayout(row)
        self.inner.addTab(visits_page, "")
        self.splitter.addWidget(self.inner)
        self.not_visited = NotVisitedBox(self.splitter)
        self.splitter.addWidget(self.not_visited)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([680, 330])
        column.addWidget(self.splitter, 1)

        self.club_combo.currentIndexChanged.connect(lambda _i: self.load_club())
        self.new_club_button.clicked.connect(self.new_club)
        self.edit_club_button.clicked.connect(self.edit_club)
        self.join_button.clicked.connect(self.join)
        self.leave_button.clicked.connect(self.leave)
        self.former_check.toggled.connect(lambda _c: self._show_members())
        self.new_meeting_button.clicked.connect(self.new_meeting)
        self.edit_meeting_button.clicked.connect(self.edit_meeting)
        self.meetings_view.activated.connect(lambda _i: self.edit_meeting())
        self.delete_meeting_button.clicked.connect(self.delete_meeting)
        self.new_visit_button.clicked.connect(lambda: self.new_visit())
        self.edit_visit_button.clicked.connect(self.edit_visit)
        self.visits_view.activated.connect(lambda _i: self.edit_visit())
        self.delete_visit_button.clicked.connect(self.delete_visit)
        self.not_visited.household_chosen.connect(lambda hid, text: self.new_visit(hid, text))
        for view in (self.members_view, self.meetings_view, self.visits_view):
            view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.retranslate()
        self._show(None)

    # -- texts ------------------------------------------------------------------------------

    def _done_text(self, visit: VisitRow) -> str:
        if not visit.follow_up and not visit.follow_up_done:
            return ""
        if visit.follow_up_done:
            return format_date(visit.follow_up_on) or self.tr("Yes")
        return self.tr("Not yet")

    def retranslate(self) -> None:
        self.club_label.setText(self.tr("C&lub:"))
        self.new_club_button.setText(self.tr("New club…"))
        self.edit_club_button.setText(self.tr("Edit club…"))
        self.inner.setTabText(0, self.tr("Member households"))
        self.inner.setTabText(1, self.tr("Meetings"))
        self.inner.setTabText(2, self.tr("Visits"))
        self.join_button.setText(self.tr("&Add member household…"))
        self.leave_button.setText(self.tr("End membership…"))
        self.former_check.setText(self.tr("Show former members"))
        self.new_meeting_button.setText(self.tr("New &meeting…"))
        self.edit_meeting_button.setText(self.tr("Edit meeting…"))
        self.delete_meeting_button.setText(self.tr("Delete meeting…"))
        self.new_visit_button.setText(self.tr("New &visit…"))
        self.edit_visit_button.setText(self.tr("Edit visit…"))
        self.delete_visit_button.setText(self.tr("Delete visit…"))
        self.empty_label.setText(
            self.tr(
                "No family club is recorded yet. Create it with “New club…”: "
                "its member households, meetings and visits come next."
            )
        )
        for model in (self.members_model, self.meetings_model, self.visits_model):
            model.retranslate()
        self.not_visited.retranslate()
        self._show(self.bundle)

    # -- loading ----------------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._loading

    def current_club(self) -> ClubRow | None:
        return self.bundle.club if self.bundle is not None else None

    def reload(self, keep_club: int | None = None) -> None:
        """Read the clubs again, then the chosen club's lists (both in the background)."""
        db = self.pane.database
        self._generation += 1
        generation = self._generation
        if db is None:
            self.clubs = []
            self._fill_combo(None)
            self._show(None)
            return
        engine = db.engine
        keep = keep_club if keep_club is not None else self.club_combo.currentData()
        self._loading = True

        def list_them() -> list[ClubRow]:
            from ...services.club import list_clubs

            return list_clubs(engine)

        def done(clubs: list[ClubRow]) -> None:
            if generation != self._generation:
                return
            self.clubs = clubs
            self._fill_combo(keep)
            self.load_club()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._loading = False
                _report(self, error, self.failed.emit)

        run_task(list_them, context=self, on_success=done, on_error=failed)

    def _fill_combo(self, keep: int | None) -> None:
        self.club_combo.blockSignals(True)
        self.club_combo.clear()
        for club in self.clubs:
            self.club_combo.addItem(club.name, club.id)
        index = self.club_combo.findData(keep) if keep is not None else -1
        self.club_combo.setCurrentIndex(index if index >= 0 else (0 if self.clubs else -1))
        self.club_combo.blockSignals(False)

    def load_club(self) -> None:
        db = self.pane.database
        club_id = self.club_combo.currentData()
        self._generation += 1
        generation = self._generation
        if db is None or club_id is None:
            self._loading = False
            self._show(None)
            self.loaded.emit()
            return
        engine = db.engine
        self._loading = True
        today = date.today()

        def read() -> ClubBundle:
            from ...services import club as service

            start, end = service.quarter_bounds(today)
            return ClubBundle(
                club=service.club_detail(engine, club_id),
                members=service.list_club_members(engine, club_id=club_id),
                meetings=service.list_meetings(engine, club_id=club_id),
                visits=service.list_visits(engine, club_id=club_id),
                not_visited=service.households_not_visited(engine, club_id=club_id, quarter_of=today),
                quarter_start=start,
                quarter_end=end,
            )

        def done(bundle: ClubBundle) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self._show(bundle)
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._loading = False
                _report(self, error, self.failed.emit)

        run_task(read, context=self, on_success=done, on_error=failed)

    # -- showing ----------------------------------------------------------------------------

    def _show(self, bundle: ClubBundle | None) -> None:
        keep = {
            view: self._current(view, model)
            for view, model in (
                (self.members_view, self.members_model),
                (self.meetings_view, self.meetings_model),
                (self.visits_view, self.visits_model),
            )
        }
        self.bundle = bundle
        has_db = self.pane.database is not None
        no_club = has_db and not self.clubs and not self._loading
        self.empty_label.setVisible(no_club)
        self.splitter.setVisible(bundle is not None)
        self.info_label.setVisible(bundle is not None)
        self.club_combo.setEnabled(len(self.clubs) > 1)
        self.club_combo.setVisible(bool(self.clubs))
        self.club_label.setVisible(bool(self.clubs))
        self.new_club_button.setEnabled(has_db)
        if bundle is None:
            self.members_model.set_rows([])
            self.meetings_model.set_rows([])
            self.visits_model.set_rows([])
            self.not_visited.show_rows([], None)
            self._update_buttons()
            return
        club = bundle.club
        parts = [
            self.tr("Leader: {name}").format(name=club.leader_name or "—"),
            self.tr("Phone: {phone}").format(phone=club.leader_phone or "—"),
            self.tr("Founded: {date}").format(date=format_date(club.founded_on) or "—"),
        ]
        if club.commune:
            parts.append(club.commune)
        counts = self.tr("{households} member households · {meetings} meetings · {visits} visits").format(
            households=format_count(club.active_households), meetings=club.meetings, visits=club.visits
        )
        self.info_label.setText("   ·   ".join(parts) + "\n" + counts)
        self._show_members()
        self.meetings_model.set_rows(bundle.meetings)
        self.visits_model.set_rows(bundle.visits)
        for view, model in ((self.meetings_view, self.meetings_model), (self.visits_view, self.visits_model)):
            self._reselect(view, model, keep.get(view))
        self.not_visited.show_rows(bundle.not_visited, (bundle.quarter_start, bundle.quarter_end))
        self._update_buttons()

    def _show_members(self) -> None:
        keep = self._current(self.members_view, self.members_model)
        rows = [] if self.bundle is None else self.bundle.members
        if not self.former_check.isChecked():
            rows = [m for m in rows if m.active]
        self.members_model.set_rows(rows)
        self._reselect(self.members_view, self.members_model, keep)
        self._update_buttons()

    @staticmethod
    def _current(view: QTableView, model: RowsModel) -> int | None:
        row = model.row_at(view.currentIndex().row()) if view.currentIndex().isValid() else None
        return row.id if row is not None else None

    @staticmethod
    def _reselect(view: QTableView, model: RowsModel, record_id: int | None) -> None:
        if record_id is None:
            return
        for i, row in enumerate(model.rows()):
            if row.id == record_id:
                view.setCurrentIndex(model.index(i, 0))
                return

    def _update_buttons(self) -> None:
        has_club = self.bundle is not None
        self.edit_club_button.setEnabled(has_club)
        for button in (self.join_button, self.new_meeting_button, self.new_visit_button):
            button.setEnabled(has_club)
        member = self.current_membership()
        self.leave_button.setEnabled(member is not None and member.active)
        meeting = self.meetings_model.row_at(self.meetings_view.currentIndex().row())
        self.edit_meeting_button.setEnabled(meeting is not None)
        self.delete_meeting_button.setEnabled(meeting is not None)
        visit = self.visits_model.row_at(self.visits_view.currentIndex().row())
        self.edit_visit_button.setEnabled(visit is not None)
        self.delete_visit_button.setEnabled(visit is not None)

    def current_membership(self) -> MembershipRow | None:
        index = self.members_view.currentIndex()
        return self.members_model.row_at(index.row()) if index.isValid() else None

    # -- actions ----------------------------------------------------------------------------

    def _open(self, dialog: QDialog, *, shows_club: bool = False) -> QDialog:
        """Open *dialog* window-modal; once it saved, reload (showing the saved club if *shows_club*)."""
        if self.dialog is not None and self.dialog.isVisible():  # one form at a time
            dialog.deleteLater()
            return self.dialog
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            self.reload(keep_club=getattr(dialog, "saved_id", None) if shows_club else None)
            self.changed.emit()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()
        return dialog

    def _engine(self) -> Any:
        db = self.pane.database
        return db.engine if db is not None else None

    def new_club(self) -> QDialog | None:
        engine = self._engine()
        if engine is None:
            return None
        from ..club_dialogs import ClubDialog

        return self._open(ClubDialog(engine, None, self), shows_club=True)

    def edit_club(self) -> QDialog | None:
        engine, club = self._engine(), self.current_club()
        if engine is None or club is None:
            return None
        from ..club_dialogs import ClubDialog

        return self._open(ClubDialog(engine, club, self), shows_club=True)

    def join(self) -> QDialog | None:
        engine, club = self._engine(), self.current_club()
        if engine is None or club is None:
            return None
        from ..club_dialogs import JoinClubDialog

        return self._open(JoinClubDialog(engine, club, self))

    def leave(self) -> QDialog | None:
        engine, membership = self._engine(), self.current_membership()
        if engine is None or membership is None or not membership.active:
            return None
        from ..club_dialogs import LeaveClubDialog

        return self._open(LeaveClubDialog(engine, membership, self))

    def new_meeting(self) -> QDialog | None:
        engine, club = self._engine(), self.current_club()
        if engine is None or club is None:
            return None
        from ..club_dialogs import MeetingDialog

        return self._open(MeetingDialog(engine, club, None, self))

    def edit_meeting(self) -> QDialog | None:
        engine, club = self._engine(), self.current_club()
        meeting = self.meetings_model.row_at(self.meetings_view.currentIndex().row())
        if engine is None or club is None or meeting is None:
            return None
        from ...services.club import meeting_detail
        from ..club_dialogs import MeetingDialog

        try:
            detail = meeting_detail(engine, meeting.id)
        except Exception as error:
            _report(self, error, self.pane.show_problem)
            return None
        return self._open(MeetingDialog(engine, club, detail, self))

    def delete_meeting(self) -> None:
        engine = self._engine()
        meeting = self.meetings_model.row_at(self.meetings_view.currentIndex().row())
        if engine is None or meeting is None:
            return
        text = self.tr("Delete the meeting of {date} ({topic})?").format(
            date=format_date(meeting.held_on), topic=meeting.topic
        )
        text += "\n\n" + self.tr("Its attendance list ({n} households) goes with it.").format(n=meeting.attendance)
        if self._confirm(self.tr("Delete meeting"), text):
            from ...services.club import delete_meeting

            self._run_change(lambda: delete_meeting(engine, meeting_id=meeting.id, version=meeting.version))

    def new_visit(self, household_id: int | None = None, household_text: str = "") -> QDialog | None:
        engine, club = self._engine(), self.current_club()
        if engine is None or club is None:
            return None
        from ..club_dialogs import VisitDialog

        dialog = VisitDialog(engine, club=club, household_id=household_id, household_text=household_text, parent=self)
        return self._open(dialog)

    def edit_visit(self) -> QDialog | None:
        engine, club = self._engine(), self.current_club()
        visit = self.visits_model.row_at(self.visits_view.currentIndex().row())
        if engine is None or visit is None:
            return None
        from ..club_dialogs import VisitDialog

        return self._open(VisitDialog(engine, club=club, visit=visit, parent=self))

    def delete_visit(self) -> None:
        engine = self._engine()
        visit = self.visits_model.row_at(self.visits_view.currentIndex().row())
        if engine is None or visit is None:
            return
        text = self.tr("Delete the visit of {date} to the household of {head}?").format(
            date=format_date(visit.visited_on), head=visit.head_name
        )
        if visit.issues_raised or visit.follow_up:
            text += "\n\n" + self.tr("The issues raised and the follow-up written for it go with it.")
        if self._confirm(self.tr("Delete visit"), text):
            from ...services.club import delete_visit

            self._run_change(lambda: delete_visit(engine, visit_id=visit.id, version=visit.version))

    def _confirm(self, title: str, text: str) -> bool:
        return ask_yes_no(self, title, text)

    def _run_change(self, change: Callable[[], None]) -> None:
        try:
            change()
        except Exception as error:
            _report(self, error, self.pane.show_problem)
            return
        self.reload()
        self.changed.emit()


# --------------------------------------------------------------------------- the pane


class HouseholdsPane(FollowingPane):
    """Hộ gia đình & CLB — households with their members, and the family club (two tabs).

    Signal ``data_changed()`` after a save in either tab (other panes' lists and figures may
    have changed); both tabs read again when records changed in another pane (:class:`FollowingPane`).
    """

    pane_id = "households"
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(NOT_VISITED_STYLE)
        self.tabs = QTabWidget(self)
        self.households_tab = HouseholdsTab(self)
        self.club_tab = ClubTab(self)
        self.tabs.addTab(self.households_tab, "")
        self.tabs.addTab(self.club_tab, "")
        self.body.addWidget(self.tabs, 1)
        self.households_tab.changed.connect(self.club_tab.reload)
        self.club_tab.changed.connect(lambda: self.households_tab.reload())
        self.households_tab.changed.connect(self.data_changed)
        self.club_tab.changed.connect(self.data_changed)
        self.households_tab.failed.connect(self.show_problem)
        self.club_tab.failed.connect(self.show_problem)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Households & club")

    def show_problem(self, message: str) -> None:
        """A Vietnamese message about what could not be done (refusal or database problem)."""
        QMessageBox.warning(self, self.tr("Households & club"), message)

    def refresh(self) -> None:
        self._stale = False
        self.households_tab.reload()
        self.club_tab.reload()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.tabs.setTabText(0, self.tr("Households"))
        self.tabs.setTabText(1, self.tr("Club"))
        self.households_tab.retranslate()
        self.club_tab.retranslate()

    def is_loading(self) -> bool:
        return self.households_tab.is_loading() or self.club_tab.is_loading()
