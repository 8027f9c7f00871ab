"""The main window: a sidebar of panes, a header with the pane's title, menus and a status bar.

Nothing here imports the services at module level: the window must show before the database
layer (SQLAlchemy, SQLModel) is imported. Opening a database happens on the database thread
(:mod:`.tasks`); the result comes back to the GUI thread, which hands it to every pane.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, Qt, Signal, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from .instance_lock import lock_guard
from .panes.base import Pane
from .panes.departures import DeparturesPane
from .panes.households import HouseholdsPane
from .panes.overview import OverviewPane, show_list
from .panes.people import PeoplePane
from .panes.reports import ReportsPane
from .panes.returns import ReturnsPane
from .panes.settings import SettingsPane
from .preferences import CURRENT_PANE_KEY, GEOMETRY_KEY, STATE_KEY, open_settings
from .tasks import run_task, user_message

if TYPE_CHECKING:
    from ..services.database import Database

log = logging.getLogger(__name__)

LICENCE = "GPL-3.0-or-later"
SIDEBAR_WIDTH = 220
DEMO_PEOPLE = 500

# Quiet, readable colours; selectors by object name so dialogs keep the platform look.
STYLE_SHEET = """
#sidebarFrame { background: #f2f4f7; border-right: 1px solid #d8dde4; }
#brand { color: #1d3b66; font-size: 12pt; font-weight: 600; padding: 0 20px 8px 20px; }
#sidebar { background: transparent; border: none; font-size: 10.5pt; outline: 0; }
#sidebar::item { color: #1f2933; padding: 8px 12px; margin: 1px 8px; border-radius: 4px; }
#sidebar::item:hover:!selected { background: #e3e8ef; }
#sidebar::item:selected { background: #1d5fbf; color: #ffffff; }
#content { background: #ffffff; }
#paneTitle { color: #1f2933; font-size: 17pt; font-weight: 600; }
#paneMessage { background: #fff7e0; border: 1px solid #ecd28b; border-radius: 4px; padding: 8px 12px; }
#plannedText { color: #3e4c59; font-size: 10.5pt; }
#statCard { background: #f6f8fb; border: 1px solid #dce2ea; border-radius: 6px; }
#statValue { color: #1d3b66; font-size: 20pt; font-weight: 600; }
#statCaption { color: #52606d; }
#countValue { color: #1f2933; font-weight: 600; }
#hint { color: #616e7c; }
#content QGroupBox { font-weight: 600; color: #1f2933; }
#databaseLocation { color: #3e4c59; padding: 2px 8px; }
"""


def sqlite_url(path: str | Path) -> str:
    """The database URL of a SQLite file chosen by the user."""
    return f"sqlite:///{Path(path).expanduser().resolve().as_posix()}"


class MainWindow(QMainWindow):
    """XKLĐ Desktop's window: sidebar (one entry per pane), header, stacked panes, menus.

    Holds the open :class:`~xkld_desktop.services.database.Database` (``database``) and passes
    it to every pane. Signals: ``database_changed(db_or_None)`` after a database is shown or
    lost, ``database_failed(message)`` when opening one failed, ``demo_loaded()`` after the
    sample data were written.
    """

    database_changed = Signal(object)
    database_failed = Signal(str)
    demo_loaded = Signal()

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else open_settings()
        self._database: Database | None = None
        self._opening = True  # until a database is set or fails to open
        self.progress_dialog: QProgressDialog | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(720, 480)
        self.setStyleSheet(STYLE_SHEET)

        self.panes: list[Pane] = [
            OverviewPane(self),
            PeoplePane(self),
            HouseholdsPane(self),
            DeparturesPane(self),
            ReturnsPane(self),
            ReportsPane(self),
            SettingsPane(self.settings, self),
        ]
        overview = self.pane(OverviewPane)
        assert isinstance(overview, OverviewPane)
        overview.open_list.connect(lambda target, flt: show_list(self, target, flt))
        people = self.pane(PeoplePane)
        people.data_changed.connect(overview.mark_stale)  # type: ignore[attr-defined]
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        from .login import SessionController  # users: login, lock, role gating (issue 6)

        self.session = SessionController(self)
        self.retranslate_ui()
        self._restore_layout()

    # -- construction -----------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget(self)
        central.setObjectName("central")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)

        side = QFrame(central)
        side.setObjectName("sidebarFrame")
        side.setFixedWidth(SIDEBAR_WIDTH)
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 16, 0, 8)
        side_column.setSpacing(8)
        brand = QLabel(APP_NAME, side)
        brand.setObjectName("brand")
        side_column.addWidget(brand)
        self.sidebar = QListWidget(side)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for _pane in self.panes:
            QListWidgetItem(self.sidebar)
        side_column.addWidget(self.sidebar, 1)
        row.addWidget(side)

        content = QWidget(central)
        content.setObjectName("content")
        column = QVBoxLayout(content)
        column.setContentsMargins(28, 20, 28, 16)
        column.setSpacing(16)
        self.header = QLabel(content)
        self.header.setObjectName("paneTitle")
        column.addWidget(self.header)
        self.stack = QStackedWidget(content)
        for pane in self.panes:
            self.stack.addWidget(pane)
        column.addWidget(self.stack, 1)
        row.addWidget(content, 1)
        self.setCentralWidget(central)

        self.sidebar.currentRowChanged.connect(self._on_row_changed)
        self.sidebar.setCurrentRow(0)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_database_file)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.open_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.pane_actions: list[QAction] = []
        for index, _pane in enumerate(self.panes):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.show_pane(i))
            self.view_menu.addAction(action)
            self.pane_actions.append(action)

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

        from .import_action import ImportAction  # File ▸ Import from Excel… (issue 5)

        self.import_action = ImportAction(self)
        self.file_menu.insertAction(self.file_menu.actions()[1], self.import_action)
        from .import_action import ImportHistoryAction  # File ▸ Import history… (issue 5)

        self.import_history_action = ImportHistoryAction(self)
        self.file_menu.insertAction(self.file_menu.actions()[2], self.import_history_action)
        # File ▸ Back up now… / Restore from a backup… (issue 6); the flows load on first use
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action = QAction(self)
        self.restore_action.triggered.connect(self.restore_backup)
        quit_separator = self.file_menu.actions()[-2]
        self.file_menu.insertAction(quit_separator, self.backup_action)
        self.file_menu.insertAction(quit_separator, self.restore_action)
        from .recycle_bin_dialog import RecycleBinAction  # File ▸ Recycle bin… (issue 6, administrators)

        self.recycle_bin_action = RecycleBinAction(self)
        self.file_menu.insertAction(quit_separator, self.recycle_bin_action)
        from .audit_dialog import AuditLogAction  # File ▸ Audit log… (issue 6, administrators)

        self.audit_log_action = AuditLogAction(self)
        self.file_menu.insertAction(quit_separator, self.audit_log_action)

    def _build_status_bar(self) -> None:
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLocation")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.database_label, 1)

    # -- panes ------------------------------------------------------------------------------

    def current_pane(self) -> Pane:
        pane = self.stack.currentWidget()
        assert isinstance(pane, Pane)
        return pane

    def pane(self, pane_type: type[Pane]) -> Pane:
        """The pane of class *pane_type*."""
        return next(p for p in self.panes if isinstance(p, pane_type))

    def show_pane(self, which: int | type[Pane]) -> None:
        """Show the pane at index *which* (or of that class), as a click in the sidebar does."""
        index = which if isinstance(which, int) else self.panes.index(self.pane(which))
        self.sidebar.setCurrentRow(index)

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.panes):
            self.stack.setCurrentIndex(row)
            self.header.setText(self.panes[row].title())

    # -- database ---------------------------------------------------------------------------

    @property
    def database(self) -> Database | None:
        return self._database

    def set_database(self, db: Database | None) -> None:
        """Show *db* in every pane and the status bar (``None``: no database available)."""
        self._database = db
        self._opening = False
        if db is not None:  # switching: let go of the previous database's lock file (issue 6)
            lock_guard(self).keep_only(db)
        for pane in self.panes:
            pane.set_database(db)
        self._update_database_label()
        self.database_changed.emit(db)

    def open_database_url(self, url: str) -> None:
        """Open the database at *url* in the background, then show it.

        A database that cannot be opened is reported in a message box (its Vietnamese message);
        the database shown before, if any, stays. An empty database gets the sample-data offer.
        """
        log.info("Opening database %s", re.sub(r"://([^:/@]*):[^@/]*@", r"://\1:***@", url))  # no password in logs
        if not lock_guard(self).acquire(url):  # another copy of the program has it open (issue 6)
            return
        if self._database is None:
            self._opening = True
            for pane in self.panes:
                pane.set_database(None, opening=True)
            self._update_database_label()

        def open_it() -> tuple[Database, bool, bool, bool]:
            from ..services.auth import login_enabled
            from ..services.database import open_database
            from ..services.settings import get_own_unit

            db = open_database(url)
            try:
                return db, db.is_empty(), get_own_unit(db.engine) is None, login_enabled(db.engine)
            except BaseException:
                db.close()
                raise

        run_task(open_it, context=self, on_success=self._on_database_opened, on_error=self._on_open_failed)

    def _on_database_opened(self, result: tuple[Database, bool, bool, bool]) -> None:
        db, empty, needs_unit, needs_login = result
        if needs_login:  # accounts exist: no data reach the panes before a login (issue 6)
            # after the login: no sample-data offer (that is for a first start, before any account)
            self.session.login_then(db, lambda bound: self._on_database_opened((bound, False, needs_unit, False)))
            return
        previous = self._database
        log.info("Database open: %s (schema %s)", db.display_location, db.migration)
        self.set_database(db)
        if previous is not None and previous is not db:
            previous.close()
        from .backup_dialogs import check_integrity  # quick_check in the background; offers a good backup

        check_integrity(self, db)
        if empty and demo_available() and self.ask_load_demo():
            self.load_demo()
        elif needs_unit:
            self.ask_own_unit()
            self.ask_first_admin()

    def ask_own_unit(self) -> None:
        """First start: which commune keeps this database (tests patch this)."""
        from .panes.settings import SettingsPane

        settings_pane = self.pane(SettingsPane)
        assert isinstance(settings_pane, SettingsPane)
        settings_pane.change_unit()

    def ask_first_admin(self) -> None:
        """First start: create the administrator account; login is on from then (tests patch this)."""
        self.session.ask_first_admin()

    def _on_open_failed(self, error: BaseException) -> None:
        lock_guard(self).keep_only(self._database)
        message = user_message(error)
        if message is None:
            if self._database is None:
                self.set_database(None)
            sys.excepthook(type(error), error, error.__traceback__)
            return
        log.warning("Could not open the database: %s", message)
        if self._database is None:
            self.set_database(None)
        self.database_failed.emit(message)
        self.show_error(self.tr("Cannot open the database"), message)

    def backup_now(self) -> None:
        """File ▸ Back up now…: copy the database to a folder of the user's choice."""
        from .backup_dialogs import controller_of

        controller_of(self).backup_now()

    def restore_backup(self) -> None:
        """File ▸ Restore from a backup…: replace the database by a backup after confirmation."""
        from .backup_dialogs import controller_of

        controller_of(self).restore()

    def show_error(self, title: str, message: str) -> None:
        """A critical message box (tests patch it)."""
        QMessageBox.critical(self, title, message)

    def choose_database_file(self) -> None:
        """File › Open another database…: pick a SQLite file and open it."""
        current = self._database.path if self._database is not None else None
        start = str(current.parent) if current is not None else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open another database"),
            start,
            self.tr("XKLĐ databases (*.db *.sqlite *.sqlite3);;All files (*)"),
        )
        if path:
            self.open_database_url(sqlite_url(path))

    def _update_database_label(self) -> None:
        if self._database is not None:
            text = self.tr("Database: {location}").format(location=self._database.display_location)
        elif self._opening:
            text = self.tr("Opening the database…")
        else:
            text = self.tr("Database: not open")
        self.database_label.setText(text)

    # -- sample data ------------------------------------------------------------------------

    def ask_load_demo(self) -> bool:
        """Ask whether to fill the empty database with sample data (tests patch this)."""
        answer = QMessageBox.question(
            self,
            self.tr("Sample data"),
            self.tr("The database is empty. Load sample data (one sample commune) to try the program?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def load_demo(self) -> None:
        """Write the sample commune into the open database in the background, with progress."""
        db = self._database
        if db is None:
            return
        engine = db.engine
        dialog = QProgressDialog(self.tr("Loading sample data…"), "", 0, 0, self)
        dialog.setWindowTitle(self.tr("Sample data"))
        dialog.setCancelButton(None)  # the generator cannot stop half-way
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.show()
        self.progress_dialog = dialog

        def generate(progress: Any) -> Any:
            from ..services.demo import generate_demo
            from ..services.settings import adopt_demo_unit

            summary = generate_demo(engine, people=DEMO_PEOPLE, seed=1, progress=progress)
            adopt_demo_unit(engine)
            return summary

        def progressed(done: int, total: int) -> None:  # people made, people wanted
            if total:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))

        def finished(summary: Any) -> None:
            self._close_progress()
            log.info("Sample data loaded: %s", summary)
            if self._database is db:
                for pane in self.panes:
                    pane.refresh()
            self.demo_loaded.emit()

        def failed(error: BaseException) -> None:
            self._close_progress()
            message = user_message(error)
            if message is None:
                sys.excepthook(type(error), error, error.__traceback__)
            else:
                self.show_error(self.tr("Cannot load the sample data"), message)

        run_task(
            generate,
            context=self,
            with_progress=True,
            on_success=finished,
            on_error=failed,
            on_progress=progressed,
        )

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    # -- help -------------------------------------------------------------------------------

    def about_text(self) -> str:
        """What the About box says: name, version, licence, Qt version, database location."""
        from PySide6 import __version__ as pyside_version

        location = self._database.display_location if self._database is not None else self.tr("not open")
        lines = [
            f"<h3>{APP_NAME} {__version__}</h3>",
            "<p>" + self.tr("Records of workers going abroad on fixed-term contracts, kept at the commune.") + "</p>",
            "<p>"
            + self.tr("Version: {version}").format(version=__version__)
            + "<br>"
            + self.tr("Licence: {licence}").format(licence=LICENCE)
            + "<br>"
            + self.tr("Qt {qt}, PySide6 {pyside}").format(qt=qVersion(), pyside=pyside_version)
            + "<br>"
            + self.tr("Database: {location}").format(location=_html_escape(location))
            + "</p>",
        ]
        return "".join(lines)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About {app}").format(app=APP_NAME), self.about_text())

    # -- language ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("&Open another database…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.backup_action.setText(self.tr("&Back up now…"))
        self.restore_action.setText(self.tr("&Restore from a backup…"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About"))
        for index, pane in enumerate(self.panes):
            title = pane.title()
            item = self.sidebar.item(index)
            item.setText(title)
            self.pane_actions[index].setText(title)
        self.header.setText(self.current_pane().title())
        self._update_database_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- layout memory ----------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)
        state = self.settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)
        pane_id = str(self.settings.value(CURRENT_PANE_KEY, "") or "")
        for index, pane in enumerate(self.panes):
            if pane.pane_id == pane_id:
                self.show_pane(index)
                break

    def save_layout(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        self.settings.setValue(CURRENT_PANE_KEY, self.current_pane().pane_id)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        lock_guard(self).release_all()
        self.save_layout()
        super().closeEvent(event)


def demo_available() -> bool:
    """True when this build has the sample-data generator."""
    return importlib.util.find_spec("xkld_desktop.services.demo") is not None


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
