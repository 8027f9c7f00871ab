"""Nhập từ Excel — the import wizard: file → columns → preview → import, all or nothing.

1. choose one or more files (several communes' lists can be merged at once) and the sheet;
2. the program finds the header row and maps the columns; the user corrects the mapping in the
   table (corrections are remembered for the next file);
3. the preview shows every row as it will be stored, its match in the database and its problems
   in Vietnamese; the user chooses what to do with people already recorded, and can import a
   possible duplicate as a new person;
4. Finish writes everything in one transaction in the background, with a progress bar; Cancel
   stops it and nothing is written.

Reading, previewing and writing run through :func:`~xkld_desktop.ui.tasks.run_task`; the wizard
only calls the ``services.excel_import`` functions and shows the plain objects they return.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..services.excel_import.commit import Decision, ImportResult, commit_import
from ..services.excel_import.headers import FIELDS, HeaderMatch, detect_header, load_remembered, remember_mapping
from ..services.excel_import.preview import (
    MATCH_LABELS,
    ImportPreview,
    ImportRow,
    MatchKind,
    data_sheet_mapping,
    preview_files,
    revise_row,
)
from ..services.excel_import.reader import SheetData, UnreadableFile, list_sheets, read_sheet
from ..services.excel_import.values import cell_text
from ..services.xlsx_stream import column_letter
from .i18n import format_count, market_label
from .tasks import checkpoint_in_background, run_task, show_progress

_Index = QModelIndex | QPersistentModelIndex


#: each match's English text, translated in the preview model's context when shown
_MATCH_SOURCES: dict[MatchKind, str] = {
    MatchKind.NEW: QT_TRANSLATE_NOOP("PreviewModel", "New"),
    MatchKind.UUID: QT_TRANSLATE_NOOP("PreviewModel", "Already recorded (same record number)"),
    MatchKind.CCCD: QT_TRANSLATE_NOOP("PreviewModel", "Already recorded (same ID number)"),
    MatchKind.CANDIDATE: QT_TRANSLATE_NOOP("PreviewModel", "Possible duplicate"),
    MatchKind.CONFLICT: QT_TRANSLATE_NOOP("PreviewModel", "Conflict between the files"),
    MatchKind.REPEATED: QT_TRANSLATE_NOOP("PreviewModel", "Repeated"),
    MatchKind.DEPARTURE: QT_TRANSLATE_NOOP("PreviewModel", "Another departure"),
}


class PreviewModel(QAbstractTableModel):
    """The preview rows: one line per data row of every file, its match and its problems.

    Columns 2–9 are editable: an edit emits ``edit_requested(row, raw_field, text)``; the page
    re-checks the row through the service and sets the new previews.
    """

    edit_requested = Signal(int, str, str)

    #: what the list may be limited to (:meth:`set_filter`), as the summary counts the rows
    KINDS = ("all", "errors", "doubtful", "known", "new")

    FIELDS = (
        "full_name",
        "gender",
        "date_of_birth",
        "id_number",
        "phone",
        "hamlet",
        "market_code",
        "departed_on",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ImportRow] = []  # every row of every file; the list shows those of the filter
        self.decisions: dict[tuple[str, int], Decision] = {}
        self.kind = "all"
        self.shown: list[int] | None = None  # the rows shown (indexes into rows); None: all of them

    @staticmethod
    def kind_of(row: ImportRow) -> str:
        """Which of :data:`KINDS` (but "all") a row is, as the summary counts it."""
        if row.has_errors:
            return "errors"
        if row.match in (MatchKind.CANDIDATE, MatchKind.CONFLICT):
            return "doubtful"
        if row.match in (MatchKind.UUID, MatchKind.CCCD):
            return "known"
        return "new"

    def set_filter(self, kind: str) -> None:
        """Show only the rows of *kind* (one of :data:`KINDS`): at 100,000 rows, the 3,000 possible
        duplicates are found without scrolling through the rest."""
        self.beginResetModel()
        self.kind = kind
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        if self.kind == "all":
            self.shown = None
        else:
            kind_of = self.kind_of
            self.shown = [n for n, row in enumerate(self.rows) if kind_of(row) == self.kind]

    def match_label(self, kind: MatchKind) -> str:
        """A row's match in the UI's language (the service's ``MATCH_LABELS`` are Vietnamese): one
        lookup per painted cell."""
        source = _MATCH_SOURCES.get(kind)
        return self.tr(source) if source else MATCH_LABELS[kind]

    def row_at(self, view_row: int) -> ImportRow:
        """The row shown at line *view_row* of the list."""
        return self.rows[view_row if self.shown is None else self.shown[view_row]]

    #: the raw (cell) field an edit of each shown field goes to
    RAW_FIELDS: ClassVar[dict[str, str]] = {"market_code": "market"}

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and 2 <= index.column() < 10:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 2 <= index.column() < 10:
            return False
        row = self.row_at(index.row())
        field = self.FIELDS[index.column() - 2]
        raw_field = self.RAW_FIELDS.get(field, field)
        if field == "date_of_birth":  # the date may sit in the "Nam" or "Nữ" column
            for candidate in ("dob_male", "dob_female"):
                if cell_text(row.raw.get(candidate)):
                    raw_field = candidate
        self.edit_requested.emit(index.row(), raw_field, str(value))
        return True

    def describe(self, row_number: int) -> str:
        """The whole story of the row shown at *row_number*: its match, what an update would change, every problem."""
        row = self.row_at(row_number)
        lines = [f"{row.source}, " + self.tr("row") + f" {row.line}: {self.match_label(row.match)}"]
        if row.existing_name:
            lines[0] += f" — {row.existing_name}"
        lines += [f"  {c.label}: {c.old or '—'} → {c.new}" for c in row.changes]
        lines += [("✖ " if p.error else "• ") + p.message for p in row.problems]
        return "\n".join(lines)

    def set_previews(self, previews: list[ImportPreview]) -> None:
        self.beginResetModel()
        self.rows = [row for preview in previews for row in preview.rows]
        self._apply_filter()
        self.endResetModel()

    def headers(self) -> list[str]:
        return [
            self.tr("File"),
            self.tr("Row"),
            self.tr("Full name"),
            self.tr("Gender"),
            self.tr("Date of birth"),
            self.tr("ID number"),
            self.tr("Phone"),
            self.tr("Hamlet"),
            self.tr("Market"),
            self.tr("Departure date"),
            self.tr("In the database"),
            self.tr("Problems"),
        ]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return len(self.rows) if self.shown is None else len(self.shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 12

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section] if 0 <= section < 12 else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return row.source
            if column == 1:
                return str(row.line)
            if column == 8:
                return market_label(row.values.get("market_code"))
            if 2 <= column < 10:
                return row.shown(self.FIELDS[column - 2])
            if column == 10:
                label = self.match_label(row.match)
                if self.decisions.get(row.key) is Decision.NEW:
                    label += " → " + self.tr("import as new")
                if row.match is MatchKind.CONFLICT:
                    taken = self.decisions.get(row.key) is Decision.UPDATE
                    label += " → " + (
                        self.tr("take this file's version") if taken else self.tr("keep the other version")
                    )
                if row.changes:
                    label += " (" + ", ".join(f"{c.label}: {c.old or '—'} → {c.new}" for c in row.changes) + ")"
                return label
            if column == 11:
                return "; ".join(p.message for p in row.problems)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.has_errors:
                return QBrush(QColor("#fde2e1"))
            if row.match in (MatchKind.CANDIDATE, MatchKind.CONFLICT):
                return QBrush(QColor("#fff4d6"))
        return None


class FilePage(QWizardPage):
    """Choose the files and the sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Choose the Excel files"))
        self.setSubTitle(
            self.tr(
                "Lists kept in Excel (.xlsx, .xls, .ods). Choose several files to merge the lists of several communes."
            )
        )
        layout = QFormLayout(self)
        row = QHBoxLayout()
        self.files_edit = QLineEdit(self)
        self.files_edit.setReadOnly(True)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.files_edit, 1)
        row.addWidget(self.browse_button)
        layout.addRow(self.tr("Files:"), row)
        self.sheet_combo = QComboBox(self)
        layout.addRow(self.tr("&Sheet:"), self.sheet_combo)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e")
        layout.addRow(self.error_label)
        self.paths: list[str] = []

    def browse(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Choose the Excel files"), "", self.tr("Spreadsheets (*.xlsx *.xls *.ods);;All files (*)")
        )
        if paths:
            self.set_paths(paths)

    def set_paths(self, paths: list[str]) -> None:
        """Use these files (the Browse button, or a test, sets them)."""
        self.paths = list(paths)
        self.files_edit.setText("; ".join(Path(p).name for p in self.paths))
        self.sheet_combo.clear()
        self.error_label.clear()
        try:
            sheets = list_sheets(self.paths[0]) if self.paths else []
        except UnreadableFile as error:
            self.error_label.setText(error.message)
            sheets = []
        for name in sheets:
            self.sheet_combo.addItem(name)
        self.sheet_combo.setEnabled(len(self.paths) == 1 and len(sheets) > 1)
        self.completeChanged.emit()

    def sheet(self) -> str | None:
        if len(self.paths) != 1 or self.sheet_combo.count() == 0:
            return None
        return self.sheet_combo.currentText() or None

    def isComplete(self) -> bool:
        return bool(self.paths) and not self.error_label.text()


class MappingPage(QWizardPage):
    """The header row found and each column's field, editable."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(
            self.tr(
                "Check what each column holds; change it where the program guessed wrong. Your changes are remembered."
            )
        )
        layout = QVBoxLayout(self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Header in the file"), self.tr("Import as"), self.tr("Example")]
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        self.sheet_data: SheetData | None = None
        self.match: HeaderMatch | None = None
        self.combos: list[QComboBox] = []
        self.loading = False

    def initializePage(self) -> None:
        self.table.setRowCount(0)
        self.match = None
        self.sheet_data = None
        self.loading = True
        self.status_label.setText(self.tr("Reading the file…"))
        engine = self.owner.engine
        path, sheet = self.owner.file_page.paths[0], self.owner.file_page.sheet()

        def work() -> tuple[SheetData, HeaderMatch | None]:
            data = read_sheet(path, sheet=sheet)
            match = detect_header(data, remembered=load_remembered(engine))
            return data, data_sheet_mapping(match) if match is not None else None

        run_task(work, context=self, on_success=self._loaded, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.status_label.setText(getattr(error, "message", str(error)))
        self.completeChanged.emit()

    def _loaded(self, result: tuple[SheetData, HeaderMatch | None]) -> None:
        self.loading = False
        self.sheet_data, self.match = result
        if self.match is None:
            self.status_label.setText(
                self.tr("No header row was found (it needs at least two columns such as Full name, Date of birth, ID).")
            )
            self.completeChanged.emit()
            return
        self.status_label.setText(
            self.tr("Header found on row %1 of sheet “%2”.")
            .replace("%1", str(self.match.header_row + 1))
            .replace("%2", self.sheet_data.sheet_name)
        )
        choices = [("", self.tr("(do not import)")), *FIELDS.items()]
        self.combos = []
        self.table.setRowCount(len(self.match.columns))
        example_row = (
            self.sheet_data.rows[self.match.data_start] if self.match.data_start < len(self.sheet_data.rows) else []
        )
        for r, column in enumerate(self.match.columns):
            self.table.setItem(r, 0, QTableWidgetItem(column_letter(column.index)))
            self.table.setItem(r, 1, QTableWidgetItem(column.title))
            combo = QComboBox(self.table)
            for key, label in choices:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(column.field or "")))
            combo.currentIndexChanged.connect(lambda _i, row=r: self._changed(row))
            self.table.setCellWidget(r, 2, combo)
            self.combos.append(combo)
            example = example_row[column.index] if column.index < len(example_row) else ""
            self.table.setItem(r, 3, QTableWidgetItem(cell_text(example)))
            for c in (0, 1, 3):
                item = self.table.item(r, c)
                if item is not None:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(2, 260)
        self.completeChanged.emit()

    def _changed(self, row: int) -> None:
        if self.match is None:
            return
        field = self.combos[row].currentData() or None
        self.match = self.match.with_field(self.match.columns[row].index, field)
        for r, column in enumerate(self.match.columns):  # a field maps to one column: show the others cleared
            combo = self.combos[r]
            if (combo.currentData() or None) != column.field:
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(column.field or "")))
                combo.blockSignals(False)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.loading and self.match is not None and "full_name" in self.match.mapped

    def validatePage(self) -> bool:
        if self.match is not None:
            remember_mapping(self.owner.engine, self.match)
        return True


class PreviewPage(QWizardPage):
    """Every row as it will be stored, with its problems; what to do with people already recorded."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(
            self.tr(
                "Rows in red have errors and will not be imported until corrected: double-click a cell to correct it. "
                "Nothing is written before you click Import."
            )
        )
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        top.addWidget(self.summary_label, 1)
        self.filter_combo = QComboBox(self)  # Hiện: all rows, or only those with errors, possible duplicates …
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filter_caption = QLabel(self.tr("&Show:"), self)
        filter_caption.setBuddy(self.filter_combo)
        top.addWidget(filter_caption)
        top.addWidget(self.filter_combo)
        layout.addLayout(top)
        self.progress = QProgressBar(self)  # while the rows are checked (a big sheet takes seconds)
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.model = PreviewModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # decide many at once
        self.view.horizontalHeader().setStretchLastSection(True)
        # The columns are sized from the first 200 rows, not 1,000 (Qt's default): for a long sheet
        # that took 0.43 s of the window's time (a later longer name is cut, with its full tooltip).
        self.view.horizontalHeader().setResizeContentsPrecision(200)
        self.view.verticalHeader().setVisible(False)
        self.edit_triggers = self.view.editTriggers()
        layout.addWidget(self.view, 1)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setMinimumHeight(60)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail_label)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.model.edit_requested.connect(self.revise)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("People already recorded (same record or ID number):"), self))
        self.skip_radio = QRadioButton(self.tr("&Skip them"), self)
        self.update_radio = QRadioButton(self.tr("&Update them with the file's values"), self)
        self.skip_radio.setChecked(True)
        options.addWidget(self.skip_radio)
        options.addWidget(self.update_radio)
        options.addStretch(1)
        self.new_button = QPushButton(self.tr("Import the selected rows as &new people"), self)
        self.new_button.clicked.connect(self.import_selected_as_new)
        options.addWidget(self.new_button)
        self.take_button = QPushButton(self.tr("&Take this file's version"), self)
        self.take_button.setToolTip(
            self.tr(
                "The same ID number came from another file with other data: use the selected rows' version "
                "instead (click again to keep the other version)"
            )
        )
        self.take_button.clicked.connect(self.take_selected_version)
        options.addWidget(self.take_button)
        layout.addLayout(options)
        self.previews: list[ImportPreview] = []
        self.loading = False
        self._fill_filter(Counter())
        self.filter_combo.currentIndexChanged.connect(self._filter_chosen)

    def _fill_filter(self, kinds: Counter[str]) -> None:
        """The filter's choices with their counts; the choice kept."""
        labels = {
            "all": self.tr("All rows"),
            "errors": self.tr("With errors"),
            "doubtful": self.tr("Possible duplicates"),
            "known": self.tr("Already recorded"),
            "new": self.tr("New"),
        }
        chosen = self.model.kind
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        for kind in PreviewModel.KINDS:
            count = sum(kinds.values()) if kind == "all" else kinds[kind]
            self.filter_combo.addItem(f"{labels[kind]} ({format_count(count)})", kind)
        self.filter_combo.setCurrentIndex(max(self.filter_combo.findData(chosen), 0))
        self.filter_combo.blockSignals(False)

    def _filter_chosen(self, index: int) -> None:
        self.model.set_filter(str(self.filter_combo.itemData(index)))
        self.detail_label.clear()

    def show_only(self, kind: str) -> None:
        """Choose *kind* in the filter, as the user does."""
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(kind))

    def initializePage(self) -> None:
        self.loading = True
        self.model.set_previews([])
        self.model.set_filter("all")  # a new preview shows every row
        self.model.decisions.clear()
        self.summary_label.setText(self.tr("Checking every row…"))
        engine = self.owner.engine
        paths, sheet = self.owner.file_page.paths, self.owner.file_page.sheet()
        match = self.owner.mapping_page.match
        headers = {paths[0]: match} if match is not None else None
        first = self.owner.mapping_page.sheet_data  # read by the column step: not read again if unchanged
        read = {paths[0]: first} if first is not None else None

        def work(progress: Any) -> list[ImportPreview]:
            return preview_files(engine, paths, sheet=sheet, headers=headers, progress=progress, read=read)

        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        run_task(
            work,
            context=self,
            with_progress=True,
            on_progress=lambda done, total: show_progress(self.progress, done, total),
            on_success=self._loaded,
            on_error=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        self._checked()
        self.summary_label.setText(getattr(error, "message", str(error)))
        self.completeChanged.emit()

    def _checked(self) -> None:
        """The rows are checked (or the check failed): cells can be corrected again."""
        self.loading = False
        self.progress.setVisible(False)
        self.view.setEditTriggers(self.edit_triggers)

    def _loaded(self, previews: list[ImportPreview]) -> None:
        self._checked()
        self.previews = previews
        self.model.set_previews(previews)
        self.detail_label.clear()
        self.view.resizeColumnsToContents()  # from the first rows only (setResizeContentsPrecision above)
        rows = self.model.rows
        kinds = Counter(map(PreviewModel.kind_of, rows))  # one pass over 100,000 rows
        text = (
            self.tr("%1 rows: %2 new, %3 already recorded, %4 possible duplicates, %5 with errors.")
            .replace("%1", format_count(len(rows)))
            .replace("%2", format_count(kinds["new"]))
            .replace("%3", format_count(kinds["known"]))
            .replace("%4", format_count(kinds["doubtful"]))
            .replace("%5", format_count(kinds["errors"]))
        )
        self._fill_filter(kinds)
        failed = [p.error for p in previews if p.error]
        if failed:
            text += "\n" + "\n".join(e for e in failed if e)
        self.summary_label.setText(text)
        self.completeChanged.emit()

    def revise(self, row_number: int, raw_field: str, text: str) -> None:
        """Re-check one row with a corrected cell (typed in the preview), in the background."""
        row = self.model.row_at(row_number)
        engine, previews = self.owner.engine, self.previews
        self.loading = True
        self.completeChanged.emit()
        # every row is matched again (a corrected CCCD may now repeat another row's): 2 s at 100,000 rows
        self.summary_label.setText(self.tr("Checking the rows again with the correction…"))
        self.progress.setRange(0, 0)  # busy: the matching does not count its steps
        self.progress.setVisible(True)
        # a second correction made meanwhile would start from the rows without the first: lost
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        def work() -> list[ImportPreview]:
            return revise_row(engine, previews, source=row.source, line=row.line, field_name=raw_field, value=text)

        def done(result: list[ImportPreview]) -> None:
            self._loaded(result)
            self.view.selectRow(row_number)

        run_task(work, context=self, on_success=done, on_error=self._failed)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail_label.setText(self.model.describe(current.row()) if current.isValid() else "")

    def _selected(self, match: MatchKind) -> list[tuple[int, ImportRow]]:
        """The selected rows (line in the list, row) of *match* without errors: the ones an action applies to."""
        chosen = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [(n, row) for n in chosen if (row := self.model.row_at(n)).match is match and not row.has_errors]

    def _decided(self, lines: list[int]) -> None:
        """Show the decisions just taken for the rows at *lines* of the list."""
        if not lines:
            return
        self.model.dataChanged.emit(self.model.index(lines[0], 10), self.model.index(lines[-1], 10))
        current = self.view.currentIndex()
        if current.isValid():
            self.detail_label.setText(self.model.describe(current.row()))

    def import_selected_as_new(self) -> None:
        """The selected possible duplicates (one or many, with Shift or Ctrl) are imported as new people."""
        chosen = self._selected(MatchKind.CANDIDATE)
        for _line, row in chosen:
            self.model.decisions[row.key] = Decision.NEW
        self._decided([line for line, _row in chosen])

    def take_selected_version(self) -> None:
        """Conflicts between two files: take the selected rows' version, or (again) keep the other one."""
        chosen = self._selected(MatchKind.CONFLICT)
        taken = all(self.model.decisions.get(row.key) is Decision.UPDATE for _line, row in chosen)
        for _line, row in chosen:
            self.model.decisions[row.key] = Decision.SKIP if taken else Decision.UPDATE
        self._decided([line for line, _row in chosen])

    def on_duplicate(self) -> str:
        return "update" if self.update_radio.isChecked() else "skip"

    def isComplete(self) -> bool:
        return not self.loading and any(not r.has_errors for r in self.model.rows)


class ConfirmPage(QWizardPage):
    """Import: one transaction with a progress bar; Cancel stops it and nothing is written."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("Everything is written at once. If you cancel, nothing is written."))
        layout = QVBoxLayout(self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self.history_button = QPushButton(self.tr("Import &history…"), self)
        self.history_button.setToolTip(self.tr("See past imports from Excel and undo one as a whole"))
        self.history_button.clicked.connect(self.show_history)
        history_row = QHBoxLayout()
        history_row.addWidget(self.history_button)
        history_row.addStretch(1)
        layout.addLayout(history_row)
        self.result: ImportResult | None = None
        self.running = False
        self.cancel_flag = threading.Event()

    def initializePage(self) -> None:
        preview = self.owner.preview_page
        self.summary_label.setText(
            self.tr("Click Import to write the rows shown in the preview (%1).").replace(
                "%1", preview.summary_label.text().split("\n")[0].rstrip(".")
            )
        )
        self.progress.setValue(0)
        self.result = None

    def validatePage(self) -> bool:
        if self.result is not None:
            return True
        if self.running:
            return False
        self.running = True
        self.cancel_flag.clear()
        self.owner.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.owner.button(QWizard.WizardButton.BackButton).setEnabled(False)
        engine = self.owner.engine
        preview = self.owner.preview_page
        previews, decisions, mode = preview.previews, dict(preview.model.decisions), preview.on_duplicate()

        def work(progress: Any) -> ImportResult:
            return commit_import(
                engine,
                previews,
                on_duplicate=mode,
                decisions=decisions,
                progress=progress,
                cancelled=self.cancel_flag.is_set,
            )

        run_task(
            work,
            context=self,
            with_progress=True,
            on_progress=self._progress,
            on_success=self._done,
            on_error=self._failed,
        )
        return False

    def show_history(self) -> None:
        """Lịch sử nhập: the past imports, each of which can be undone (a modal dialog over the wizard)."""
        from .import_history import ImportHistoryDialog

        dialog = ImportHistoryDialog(self.owner.engine, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def _progress(self, done: int, total: int) -> None:
        show_progress(self.progress, done, total)

    def _done(self, result: ImportResult) -> None:
        self.running = False
        self.result = result
        checkpoint_in_background(self.owner.engine)
        self.progress.setValue(self.progress.maximum())
        self.summary_label.setText(
            self.tr("Done: %1 read, %2 imported, %3 updated, %4 skipped, %5 with errors.")
            .replace("%1", format_count(result.read))
            .replace("%2", format_count(result.imported))
            .replace("%3", format_count(result.updated))
            .replace("%4", format_count(result.skipped))
            .replace("%5", format_count(result.errors))
        )
        self.owner.finished_import(result)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.progress.setValue(0)
        self.summary_label.setText(getattr(error, "message", str(error)))
        self.owner.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.owner.button(QWizard.WizardButton.BackButton).setEnabled(True)
        if self.owner.closing:
            self.owner.really_reject()


class ImportWizard(QWizard):
    """Nhập danh sách từ Excel. ``import_result`` holds the :class:`ImportResult` after a successful import."""

    def __init__(self, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.import_result: ImportResult | None = None
        self.closing = False
        self.setWindowTitle(self.tr("Import from Excel"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.resize(1000, 640)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.confirm_page = ConfirmPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.confirm_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Import"))

    def finished_import(self, result: ImportResult) -> None:
        self.import_result = result
        self.accept()

    def reject(self) -> None:
        if self.confirm_page.running:
            # Ask the import to stop; it rolls back, then the wizard closes (see ConfirmPage._failed).
            self.closing = True
            self.confirm_page.cancel_flag.set()
            return
        super().reject()

    def really_reject(self) -> None:
        super().reject()


def open_import_wizard(window: Any) -> ImportResult | None:
    """File ▸ Import from Excel…: run the wizard over the window's database, then the window's panes
    follow (``MainWindow.records_changed``)."""
    database = window.database
    if database is None:
        return None
    wizard = ImportWizard(database.engine, window)
    try:
        if wizard.exec() != QWizard.DialogCode.Accepted or wizard.import_result is None:
            return None
        result = wizard.import_result
        window.statusBar().showMessage(
            wizard.tr("Imported %1 people, updated %2.")
            .replace("%1", format_count(result.imported))
            .replace("%2", format_count(result.updated)),
            10_000,
        )
        window.records_changed()
        return result
    finally:
        wizard.deleteLater()
