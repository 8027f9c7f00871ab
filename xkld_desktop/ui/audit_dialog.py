"""Nhật ký thay đổi — the audit trail browser (administrators only).

Reached from File ▸ Audit log…, which only an administrator sees (the service refuses anyone
else anyway: :func:`~xkld_desktop.services.audit.query` requires ``AUDIT_READ``). Filters (days,
user, action, kind of record, free text) narrow the list; the list is newest first and lazy:
:class:`AuditModel` knows only how many entries match and fetches the pages the view paints,
:data:`PAGE_SIZE` entries at a time, on the database thread — 200,000 entries do not freeze it.
The pane below shows the selected entry's fields before → after. "Check integrity" runs
:func:`~xkld_desktop.services.audit.verify_chain` in the background and shows its summary;
"Export to Excel…" writes the filtered entries to a workbook.

The services load when the dialog opens, not with the window.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QDate, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .i18n import current_language, format_count
from .tasks import run_task, user_message
from .window_action import WindowAction, may

if TYPE_CHECKING:
    from ..services.audit import AuditFilter, AuditPage, AuditRow

PAGE_SIZE = 200
CACHE_PAGES = 20
MAX_PENDING = 3  # page requests kept while the database thread is busy (fast scrolling drops the rest)
NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "—": no bound

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _labels() -> Any:
    from ..services import audit

    return audit


class AuditModel(QAbstractTableModel):
    """The entries the filter finds, newest first, fetched a page at a time in the background.

    ``load(engine, filter)`` counts in the background and shows the first page; rows not yet
    fetched show empty until their page arrives (``dataChanged``). Signals: ``loaded(count)``
    after a load, ``failed(message)`` when the database refused (a Vietnamese message).
    ``ROW_ROLE`` gives a row's :class:`~xkld_desktop.services.audit.AuditRow` (or ``None``).
    """

    TIME, USER, ACTION, TABLE, SUMMARY = range(5)
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine: Any = None
        self.filter: AuditFilter | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[AuditRow]] = OrderedDict()
        self._pending: OrderedDict[int, None] = OrderedDict()  # pages asked for, oldest first
        self._generation = 0
        self.fetches = 0  # pages fetched (tests check that painting is paged)

    # -- loading ----------------------------------------------------------------------------

    def load(self, engine: Any, flt: AuditFilter) -> None:
        """Show the entries of *flt* (counted and the first page fetched in the background)."""
        from ..services.audit import query_filter

        self._generation += 1
        generation = self._generation
        self.engine, self.filter = engine, flt

        def done(page: AuditPage) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self._count = int(page.count or 0)
            self._pages = OrderedDict({0: page.rows})
            self._pending = OrderedDict()
            self.endResetModel()
            self.fetches += 1
            self.loaded.emit(self._count)

        run_task(
            lambda: query_filter(engine, flt, offset=0, limit=PAGE_SIZE),
            context=self,
            on_success=done,
            on_error=lambda error: self._failed(error, generation),
        )

    def _failed(self, error: BaseException, generation: int) -> None:
        if generation != self._generation:
            return
        message = user_message(error)
        if message is None:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.failed.emit(message)

    def _fetch(self, page: int) -> None:
        if page in self._pending or self.engine is None or self.filter is None:
            return
        from ..services.audit import query_filter

        self._pending[page] = None
        while len(self._pending) > MAX_PENDING:  # scrolled past: forget the oldest request
            self._pending.popitem(last=False)
        generation = self._generation
        engine, flt = self.engine, self.filter
        pending = self._pending

        def fetch() -> AuditPage | None:
            if page not in pending:  # dropped while waiting for the database thread
                return None
            return query_filter(engine, flt, offset=page * PAGE_SIZE, limit=PAGE_SIZE, with_count=False)

        def done(result: AuditPage | None) -> None:
            if generation != self._generation or result is None:
                return
            self._pending.pop(page, None)
            self._pages[page] = result.rows
            while len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
            self.fetches += 1
            first = page * PAGE_SIZE
            last = min(self._count, first + PAGE_SIZE) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

        def failed(error: BaseException) -> None:
            self._pending.pop(page, None)
            self._failed(error, generation)

        run_task(fetch, context=self, on_success=done, on_error=failed)

    def is_loading(self) -> bool:
        return bool(self._pending)

    def count(self) -> int:
        return self._count

    def row_at(self, row: int) -> AuditRow | None:
        """The entry at *row* if its page is here (else asks for the page and returns ``None``)."""
        if not 0 <= row < self._count:
            return None
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            self._fetch(page)
            return None
        self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count or not 0 <= index.column() < 5:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, self.ROW_ROLE):
            return None
        row = self.row_at(index.row())
        if role == self.ROW_ROLE:
            return row
        if row is None:
            return ""
        return self._text(row, index.column())

    def _text(self, row: AuditRow, column: int) -> str:
        audit = _labels()
        lang = current_language()
        if column == self.TIME:
            return row.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")
        if column == self.USER:
            return row.username or "—"
        if column == self.ACTION:
            return str(audit.label(audit.ACTION_LABELS, row.action, lang))
        if column == self.TABLE:
            return str(audit.label(audit.TABLE_LABELS, row.table_name, lang)) if row.table_name else ""
        return str(row.summary(lang))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < self._count else None
        titles = (self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Record"), self.tr("What"))
        return titles[section] if 0 <= section < len(titles) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, 4))


class AuditDialog(QDialog):
    """The audit log browser on *engine* (see the module docstring).

    Signals: ``verified(summary)`` after an integrity check, ``exported(path)`` after an export.
    """

    verified = Signal(str)
    exported = Signal(str)

    def __init__(self, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.setObjectName("auditDialog")
        self.resize(1080, 700)

        self.since_label = QLabel(self)
        self.since_edit = self._date_edit()
        self.until_label = QLabel(self)
        self.until_edit = self._date_edit()
        self.user_label = QLabel(self)
        self.user_combo = QComboBox(self)
        self.action_label = QLabel(self)
        self.action_combo = QComboBox(self)
        self.table_label = QLabel(self)
        self.table_combo = QComboBox(self)
        self.text_edit = QLineEdit(self)
        self.text_edit.setClearButtonEnabled(True)
        self.filter_button = QPushButton(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countValue")

        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        for column, width in ((0, 150), (1, 120), (2, 150), (3, 160)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)

        self.detail_title = QLabel(self)
        self.detail_title.setWordWrap(True)
        self.details = QTableWidget(0, 3, self)
        self.details.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.details.verticalHeader().hide()
        self.details.horizontalHeader().setStretchLastSection(True)
        self.details.horizontalHeader().resizeSection(0, 200)
        self.details.horizontalHeader().resizeSection(1, 340)
        self.details.setWordWrap(True)

        self.verify_button = QPushButton(self)
        self.verify_label = QLabel(self)
        self.verify_label.setWordWrap(True)
        self.export_button = QPushButton(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        filters = QHBoxLayout()
        for widget in (
            self.since_label,
            self.since_edit,
            self.until_label,
            self.until_edit,
            self.user_label,
            self.user_combo,
            self.action_label,
            self.action_combo,
            self.table_label,
            self.table_combo,
        ):
            filters.addWidget(widget)
        search = QHBoxLayout()
        search.addWidget(self.text_edit, 1)
        search.addWidget(self.filter_button)
        search.addWidget(self.count_label)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail_title)
        lower_layout.addWidget(self.details, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.verify_label, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(search)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.filter_button.clicked.connect(self.apply_filter)
        self.text_edit.returnPressed.connect(self.apply_filter)
        for combo in (self.user_combo, self.action_combo, self.table_combo):
            combo.activated.connect(lambda _i: self.apply_filter())
        self.since_edit.editingFinished.connect(self.apply_filter)
        self.until_edit.editingFinished.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self.show_details())
        self.model.dataChanged.connect(lambda *_args: self._details_arrived())
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self.show_problem)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(lambda: self.export())

        self.retranslate()
        self._load_choices()
        self.apply_filter()
        self.text_edit.setFocus()

    # -- filters ----------------------------------------------------------------------------

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(NO_DATE)
        return edit

    def _load_choices(self) -> None:
        from ..services.audit import filter_choices

        engine = self.engine
        run_task(lambda: filter_choices(engine), context=self, on_success=self._fill_choices, on_error=self._error)

    def _fill_choices(self, choices: Any) -> None:
        audit = _labels()
        lang = current_language()
        everyone = self.tr("(all)")
        for combo, values, labels in (
            (self.user_combo, choices.usernames, None),
            (self.action_combo, choices.actions, audit.ACTION_LABELS),
            (self.table_combo, choices.tables, audit.TABLE_LABELS),
        ):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(everyone, None)
            for value in values:
                if labels is not None:
                    text = audit.label(labels, value, lang) if value else self.tr("(no record)")
                else:
                    text = value or self.tr("(nobody logged in)")
                combo.addItem(text, value)
            at = combo.findData(chosen)
            combo.setCurrentIndex(max(0, at))

    def current_filter(self) -> AuditFilter:
        from ..services.audit import AuditFilter

        def day(edit: QDateEdit) -> date | None:
            value = edit.date()
            return None if value == NO_DATE else date(value.year(), value.month(), value.day())

        return AuditFilter(
            since=day(self.since_edit),
            until=day(self.until_edit),
            username=self.user_combo.currentData(),
            action=self.action_combo.currentData(),
            table=self.table_combo.currentData(),
            text=self.text_edit.text().strip(),
        )

    def set_choice(self, combo: QComboBox, value: str | None) -> None:
        """Choose *value* in a filter combo (adding it if the list has not arrived) and filter."""
        at = combo.findData(value)
        if at < 0:
            combo.addItem(value or "", value)
            at = combo.count() - 1
        combo.setCurrentIndex(at)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.count_label.setText(self.tr("Loading…"))
        self.details.setRowCount(0)
        self.detail_title.setText("")
        self.model.load(self.engine, self.current_filter())

    def _loaded(self, count: int) -> None:
        self.count_label.setText(self.tr("{0} entries").format(format_count(count)))
        if count:
            self.table.selectRow(0)

    # -- details ----------------------------------------------------------------------------

    def selected_row(self) -> AuditRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _details_arrived(self) -> None:
        if self.details.rowCount() == 0 and self.table.currentIndex().isValid():
            self.show_details()

    def show_details(self) -> None:
        """Fill the lower pane: the entry's fields before → after, or its detail."""
        audit = _labels()
        lang = current_language()
        row = self.selected_row()
        self.details.setRowCount(0)
        if row is None:
            self.detail_title.setText("")
            return
        who = row.username or self.tr("(nobody logged in)")
        what = audit.label(audit.ACTION_LABELS, row.action, lang)
        kind = audit.label(audit.TABLE_LABELS, row.table_name, lang) if row.table_name else ""
        title = self.tr("{time} — {user}: {action} {record}").format(
            time=row.at.astimezone().strftime("%d/%m/%Y %H:%M:%S"), user=who, action=what, record=kind
        )
        if row.title:
            title += f" — {row.title}"
        if row.record_uuid:
            title += f" ({row.record_uuid})"
        if row.redacted:
            title += "\n" + self.tr("The personal data of this entry were erased on request.")
        self.detail_title.setText(title)
        lines: list[tuple[str, str, str]] = []
        for change in row.changes:
            lines.append(
                (
                    audit.label(audit.FIELD_LABELS, change.field, lang),
                    audit.value_text(row.table_name, change.field, change.before, lang),
                    audit.value_text(row.table_name, change.field, change.after, lang),
                )
            )
        order = list(audit.DETAIL_LABELS)  # kind, count, file, period… first, in that order
        ranked = sorted(row.detail.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
        for key, value in ranked:
            if key == "kind":
                value = audit.EXPORT_KINDS.get(str(value), value)
            text = audit.value_text("", key, value, lang) if not isinstance(value, dict | list) else str(value)
            lines.append((audit.label(audit.DETAIL_LABELS, key, lang), "", text))
        self.details.setRowCount(len(lines))
        for number, texts in enumerate(lines):
            for column, text in enumerate(texts):
                self.details.setItem(number, column, QTableWidgetItem(text))
        self.details.resizeRowsToContents()

    def detail_lines(self) -> list[tuple[str, str, str]]:
        """What the details pane shows (field, before, after), for tests and copy."""
        out = []
        for r in range(self.details.rowCount()):
            cells = [self.details.item(r, c) for c in range(3)]
            out.append(tuple(c.text() if c is not None else "" for c in cells))
        return out  # type: ignore[return-value]

    # -- integrity and export ---------------------------------------------------------------

    def verify(self) -> None:
        """Check the whole chain in the background and show what was found."""
        from ..services.audit import verify_chain

        self.verify_button.setEnabled(False)
        self.verify_label.setText(self.tr("Checking…"))
        engine = self.engine

        def done(result: Any) -> None:
            self.verify_button.setEnabled(True)
            self.verify_label.setText(result.summary)
            self.verify_label.setStyleSheet("" if result.ok else "color: #b42318; font-weight: 600;")
            self.verified.emit(result.summary)
            if not result.ok:
                QMessageBox.warning(self, self.tr("Audit log"), result.summary)

        def failed(error: BaseException) -> None:
            self.verify_button.setEnabled(True)
            self.verify_label.setText("")
            self._error(error)

        run_task(lambda: verify_chain(engine), context=self, on_success=done, on_error=failed)

    def ask_save_path(self) -> str:
        """The workbook to write (empty: cancelled); tests patch this."""
        name = f"nhat-ky-{date.today():%Y%m%d}.xlsx"
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit log"), name, self.tr("Excel workbook (*.xlsx)")
        )
        return path

    def export(self, path: str | None = None) -> None:
        """Write the entries of the current filter to a workbook (asks where, unless *path*)."""
        from ..services.audit import export_xlsx

        path = path or self.ask_save_path()
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        engine, flt = self.engine, self.current_filter()
        self.export_button.setEnabled(False)

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self.verify_label.setText(self.tr("{0} entries exported to {1}").format(count, path))
            self.exported.emit(path)

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            if isinstance(error, OSError):
                self.show_problem(self.tr("The file could not be written: {0}").format(error.strerror or error))
                return
            self._error(error)

        run_task(lambda: export_xlsx(engine, flt, path), context=self, on_success=done, on_error=failed)

    # -- messages ---------------------------------------------------------------------------

    def _error(self, error: BaseException) -> None:
        message = user_message(error)
        if message is None:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.show_problem(message)

    def show_problem(self, message: str) -> None:
        """Tell the user what went wrong (tests patch QMessageBox)."""
        self.count_label.setText("")
        QMessageBox.warning(self, self.tr("Audit log"), message)

    # -- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit log"))
        self.since_label.setText(self.tr("From"))
        self.until_label.setText(self.tr("To"))
        self.user_label.setText(self.tr("User"))
        self.action_label.setText(self.tr("Action"))
        self.table_label.setText(self.tr("Record"))
        self.text_edit.setPlaceholderText(self.tr("Search names, values, record ids…"))
        self.filter_button.setText(self.tr("&Filter"))
        self.verify_button.setText(self.tr("Check &integrity"))
        self.export_button.setText(self.tr("&Export to Excel…"))
        self.details.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Before"), self.tr("After")])
        for combo in (self.user_combo, self.action_combo, self.table_combo):
            if combo.count() and combo.itemData(0) is None:
                combo.setItemText(0, self.tr("(all)"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def may_read_audit(engine: Any) -> bool:
    """Whether the user of *engine* may browse the audit log (administrators; anyone without accounts)."""
    return may(engine, "audit_read")


class AuditLogAction(WindowAction):
    """File ▸ Audit log…: shown to administrators only; opens :class:`AuditDialog` on the window's database."""

    permission = "audit_read"

    def __init__(self, window: Any) -> None:
        self.dialog: AuditDialog | None = None
        super().__init__(window)

    def retranslate(self) -> None:
        self.setText(self.tr("&Audit log…"))
        self.setStatusTip(self.tr("Who changed, exported or printed what, and when"))

    def _database_changed(self, db: Any) -> None:
        from shiboken6 import isValid

        if self.dialog is not None and isValid(self.dialog):  # another user or database: not theirs to read
            self.dialog.close()
        self.dialog = None
        super()._database_changed(db)

    def open(self) -> AuditDialog | None:
        database = getattr(self.main_window, "database", None)
        if database is None:
            return None
        self.dialog = AuditDialog(database.engine, self.main_window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
        return self.dialog
