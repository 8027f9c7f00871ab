"""The main window: a sidebar of panes, a header with the pane's title, menus and a status bar.

Nothing here imports the services at module level: the window must show before the database
layer (SQLAlchemy, SQLModel) is imported. Opening a database happens on the database thread
(:mod:`.tasks`); the result comes back to the GUI thread, which hands it to every pane.

The panes are built when first shown (:data:`PANES` names them: the sidebar and the View menu
need only their titles): the window appears with the one pane it shows, and a pane built later
gets the window's database, the user's role gating and the current language as it is built.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import re
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

# Qt's namespace (``QtCore.Qt``: ≈ 15 ms of enum building when first touched) is looked up where it
# is used, not imported: the window's first frame is painted without it.
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from .panes.base import Pane
from .preferences import CURRENT_PANE_KEY, GEOMETRY_KEY, STATE_KEY, open_settings
from .tasks import run_task, user_message

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from ..services.database import Database
    from ..services.overview import OverviewCounts
    from .login import SessionController

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


class PaneSpec(NamedTuple):
    """A pane of the window before it is built: where its class is and its title's source text."""

    pane_id: str
    module: str  # under xkld_desktop.ui.panes
    class_name: str
    #: the English title, translated in the class's context (the very string of its ``title()``)
    title_source: str
    takes_settings: bool = False  # built as ``cls(settings, window)``

    def title(self) -> str:
        return QCoreApplication.translate(self.class_name, self.title_source)

    def load(self) -> type[Pane]:
        module = importlib.import_module(f"{__package__}.panes.{self.module}")
        cls = getattr(module, self.class_name)
        assert issubclass(cls, Pane)
        return cls


#: the panes in sidebar order (Ctrl+1 … Ctrl+7)
PANES: tuple[PaneSpec, ...] = (
    PaneSpec("overview", "overview", "OverviewPane", "Overview"),
    PaneSpec("people", "people", "PeoplePane", "Workers"),
    PaneSpec("households", "households", "HouseholdsPane", "Households & club"),
    PaneSpec("departures", "departures", "DeparturesPane", "Departures"),
    PaneSpec("returns", "returns", "ReturnsPane", "Returns"),
    PaneSpec("reports", "reports", "ReportsPane", "Reports"),
    PaneSpec("settings", "settings", "SettingsPane", "Settings", takes_settings=True),
)
#: panes built before they are shown, in idle time (while the database opens, see start_window,
#: or once it is shown): the list most opened, so that its ids are read right after the overview's
#: counts, while the user looks at them, and not after the overview's slower figures
PREBUILT_PANES = ("people",)


def lock_guard(window: QWidget) -> Any:
    """The window's database lock files (:mod:`.instance_lock`, loaded when a database opens)."""
    from .instance_lock import lock_guard as guard

    return guard(window)


def sqlite_url(path: str | Path) -> str:
    """The database URL of a SQLite file chosen by the user."""
    return f"sqlite:///{Path(path).expanduser().resolve().as_posix()}"


class _BuiltAfterFirstPaint:
    """A window attribute that :meth:`MainWindow.finish_setup` builds: reading it builds them all."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: MainWindow | None, owner: type | None = None) -> Any:
        if window is None:
            return self
        window.finish_setup()
        return window._extras[self.name]


class _OpeningPage(QWidget):
    """What the first frame shows in place of a pane: a pane's "Opening the database…" line."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.message_label = QLabel(QCoreApplication.translate("Pane", "Opening the database…"), self)
        self.message_label.setObjectName("paneMessage")  # styled as a pane's message line
        self.message_label.setWordWrap(True)
        self.message_label.setMaximumWidth(720)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.message_label)
        column.addStretch(1)

    def message(self) -> str:
        return self.message_label.text()


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call *then* once, in the event-loop turn after *widget*'s first paint (its whole frame drawn).

    Work queued with ``QTimer.singleShot(0, …)`` right after ``show()`` runs *before* the first
    paint; what the user need not see in the first frame waits for this instead. Of two callbacks
    on one widget, the one asked for last runs first (Qt calls the newest event filter first).
    """
    _AfterFirstPaint(widget, then)


class MainWindow(QMainWindow):
    """XKLĐ Desktop's window: sidebar (one entry per pane), header, stacked panes, menus.

    Holds the open :class:`~xkld_desktop.services.database.Database` (``database``) and passes
    it to every pane built (:meth:`built_panes`; the others get it when built). Signals:
    ``database_changed(db_or_None)`` after a database is shown or lost, ``database_failed(message)``
    when opening one failed, ``demo_loaded()`` after the sample data were written.
    """

    database_changed = Signal(object)
    # built by finish_setup(), after the first paint (or when first read)
    session: SessionController = _BuiltAfterFirstPaint()  # type: ignore[assignment]
    import_action: QAction = _BuiltAfterFirstPaint()  # type: ignore[assignment]
    import_history_action: QAction = _BuiltAfterFirstPaint()  # type: ignore[assignment]
    recycle_bin_action: QAction = _BuiltAfterFirstPaint()  # type: ignore[assignment]
    audit_log_action: QAction = _BuiltAfterFirstPaint()  # type: ignore[assignment]
    database_failed = Signal(str)
    demo_loaded = Signal()

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else open_settings()
        self._database: Database | None = None
        self._opening = True  # until a database is set or fails to open
        self._upgrading = False  # the database being opened is being upgraded (migrations)
        # what the panes show: the database (None while opening, unavailable or logged out)
        self._pane_database: Database | None = None
        self._panes_opening = True
        # the overview's figures read from the file of the database being opened (_look_first)
        self._looking_at: str | None = None
        self._first_look: OverviewCounts | None = None
        self._panes: list[Pane | None] = [None] * len(PANES)
        self._extras: dict[str, Any] = {}  # built by finish_setup()
        self._extras_started = False
        self._placeholder: _OpeningPage | None = None  # what the first paint shows (see _restore_layout)
        self.progress_dialog: QProgressDialog | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(720, 480)
        self.setStyleSheet(STYLE_SHEET)

        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self.retranslate_ui()
        self._restore_layout()
        # the session (login, lock) and the File menu's import and administrator entries are built
        # by finish_setup(): when a database is opened or set, or when one of them is asked for

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
        for _spec in PANES:
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
        self.stack = QStackedWidget(content)  # the panes built so far, in the order built
        column.addWidget(self.stack, 1)
        row.addWidget(content, 1)
        self.setCentralWidget(central)

        self.sidebar.currentRowChanged.connect(self._on_row_changed)
        # the first pane (the overview, or the one shown last time) is built by _restore_layout

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_action = QAction(self)
        # shortcuts are set after the first paint (build_first_pane): setShortcut() loads Qt's namespace
        self._shortcuts: list[tuple[QAction, QKeySequence]] = [
            (self.open_action, QKeySequence(QKeySequence.StandardKey.Open))
        ]
        self.open_action.triggered.connect(self.choose_database_file)
        self.quit_action = QAction(self)
        self._shortcuts.append((self.quit_action, QKeySequence("Ctrl+Q")))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.open_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.pane_actions: list[QAction] = []
        for index, _spec in enumerate(PANES):
            action = QAction(self)
            self._shortcuts.append((action, QKeySequence(f"Ctrl+{index + 1}")))
            action.triggered.connect(lambda _checked=False, i=index: self.show_pane(i))
            self.view_menu.addAction(action)
            self.pane_actions.append(action)

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

        # File ▸ Back up now… / Restore from a backup… (issue 6); the flows load on first use
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action = QAction(self)
        self.restore_action.triggered.connect(self.restore_backup)
        quit_separator = self.file_menu.actions()[-2]
        self.file_menu.insertAction(quit_separator, self.backup_action)
        self.file_menu.insertAction(quit_separator, self.restore_action)

    def finish_setup(self) -> None:
        """Build what the window's first paint does without (once): the session controller (login,
        lock, role gating; issue 6) and the File menu's import and administrator entries, which
        stay hidden until a database is open. Called when a database is opened or set, and when one
        of them is read (:class:`_BuiltAfterFirstPaint`); a window that never opens a database never
        loads their modules."""
        if self._extras_started:
            return
        self._extras_started = True
        from .audit_dialog import AuditLogAction  # File ▸ Audit log… (issue 6, administrators)
        from .import_action import ImportAction, ImportHistoryAction  # File ▸ Import… (issue 5)
        from .login import SessionController
        from .recycle_bin_dialog import RecycleBinAction  # File ▸ Recycle bin… (issue 6, administrators)

        extras = self._extras
        extras["import_action"] = ImportAction(self)
        extras["import_history_action"] = ImportHistoryAction(self)
        self.file_menu.insertAction(self.backup_action, extras["import_action"])
        self.file_menu.insertAction(self.backup_action, extras["import_history_action"])
        quit_separator = self.file_menu.actions()[-2]
        extras["recycle_bin_action"] = RecycleBinAction(self)
        extras["audit_log_action"] = AuditLogAction(self)
        self.file_menu.insertAction(quit_separator, extras["recycle_bin_action"])
        self.file_menu.insertAction(quit_separator, extras["audit_log_action"])
        extras["session"] = SessionController(self)  # adds Lock and Log out before the separator

    def _build_status_bar(self) -> None:
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLocation")
        self.statusBar().addPermanentWidget(self.database_label, 1)

    # -- panes ------------------------------------------------------------------------------

    @property
    def panes(self) -> list[Pane]:
        """Every pane in sidebar order, building the ones not built yet (walks, tests).

        The window itself loops over :meth:`built_panes`: a pane not built has nothing to update.
        """
        return [self.pane_at(index) for index in range(len(PANES))]

    def built_panes(self) -> list[Pane]:
        """The panes built so far (shown at least once, or asked for), in sidebar order."""
        return [p for p in self._panes if p is not None]

    def is_built(self, which: int | str | type[Pane]) -> bool:
        """Whether the pane at index *which* (or of that id or class) is built."""
        return self._panes[self._index_of(which)] is not None

    def current_pane(self) -> Pane:
        """The pane shown (the first one is built now if the window has not painted yet)."""
        if self._placeholder is not None:
            self.build_first_pane()
        pane = self.stack.currentWidget()
        assert isinstance(pane, Pane)
        return pane

    def build_first_pane(self) -> None:
        """Build the pane the window opens on, in place of the bare "Opening the database…" page it
        first paints with (called in the event-loop turn after that paint, or when asked for)."""
        if self._placeholder is not None:
            self._on_row_changed(self.sidebar.currentRow())

    def _finish_first_frame(self) -> None:
        """Set what the first frame did without (Qt's namespace not yet loaded then): shortcuts,
        the sidebar's scroll policy, the status line's selectable text. Once, with the first pane."""
        self.sidebar.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.database_label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        for action, keys in self._shortcuts:
            action.setShortcut(keys)

    def pane(self, pane_type: type[Pane]) -> Pane:
        """The pane of class *pane_type* (built now if it was not yet)."""
        return self.pane_at(self._index_of(pane_type))

    def pane_by_id(self, pane_id: str) -> Pane | None:
        """The pane whose ``pane_id`` is *pane_id* (built now if it was not yet), or ``None``."""
        index = next((i for i, spec in enumerate(PANES) if spec.pane_id == pane_id), None)
        return None if index is None else self.pane_at(index)

    def pane_at(self, index: int) -> Pane:
        """The pane at sidebar row *index* (built now if it was not yet)."""
        pane = self._panes[index]
        return pane if pane is not None else self._build_pane(index)

    def show_pane(self, which: int | type[Pane]) -> None:
        """Show the pane at index *which* (or of that class), as a click in the sidebar does."""
        self.sidebar.setCurrentRow(self._index_of(which))

    def _index_of(self, which: int | str | type[Pane]) -> int:
        if isinstance(which, int):
            return which
        if isinstance(which, str):
            return next(i for i, spec in enumerate(PANES) if spec.pane_id == which)
        for index, spec in enumerate(PANES):
            if spec.class_name == which.__name__ and spec.load() is which:
                return index
        for index, spec in enumerate(PANES):  # a base class (e.g. ListPane): the first pane of it
            if issubclass(spec.load(), which):
                return index
        raise LookupError(f"no pane of class {which.__name__}")

    def _build_pane(self, index: int) -> Pane:
        """Build the pane at *index* and bring it up to date: database, role gating, links."""
        spec = PANES[index]
        cls = spec.load()
        # made in the stack (not reparented into it): its widgets are styled once, not twice
        pane = cls(self.settings, self.stack) if spec.takes_settings else cls(self.stack)  # type: ignore[call-arg]
        self._panes[index] = pane
        self.stack.addWidget(pane)
        if spec.pane_id == "overview":
            from .panes.overview import show_list

            pane.open_list.connect(lambda target, flt: show_list(self, target, flt))  # type: ignore[attr-defined]
        changed = getattr(pane, "data_changed", None)
        if changed is not None:  # a pane where records are written (people, households, departures…)
            changed.connect(partial(self._records_changed, pane))
        if self._pane_database is not None or not self._panes_opening:
            pane.set_database(self._pane_database, opening=self._panes_opening)
        elif self._first_look is not None and spec.pane_id == "overview":
            pane.show_first_look(self._first_look)  # type: ignore[attr-defined]
        if self._upgrading:
            pane.show_upgrading(True)
        if self._pane_database is not None:
            from .role_gating import gate_pane

            gate_pane(self, pane)
        log.debug("Pane built: %s", spec.pane_id)
        return pane

    def prebuild_panes(self, *, before_database: bool = False) -> None:
        """Build the panes of :data:`PREBUILT_PANES` not built yet (idle time after the first paint).

        Done when a database is shown, or earlier, while it opens (*before_database*: start_window),
        so that their first reads are queued with the overview's at once.
        """
        if self._pane_database is None and not before_database:  # closed, or logged out meanwhile
            return
        for index, spec in enumerate(PANES):
            if spec.pane_id in PREBUILT_PANES and self._panes[index] is None:
                self._build_pane(index)

    def records_changed(self) -> None:
        """Records changed outside the panes (an import, its undo, the recycle bin): the pane shown
        reads them again now, the other panes built when next shown."""
        current = self.current_pane()
        current.refresh()
        self._records_changed(current)

    def _records_changed(self, source: Pane | None = None) -> None:
        """Records changed in *source* (a pane's ``data_changed``): every other pane built that
        shows records (``mark_stale()``) reads them again, at once if shown, else when next shown;
        *source* has read again what it shows. Panes not built yet read them when built."""
        for pane in self.built_panes():
            mark_stale = getattr(pane, "mark_stale", None)
            if pane is not source and mark_stale is not None:
                mark_stale()

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(PANES):
            self.stack.setCurrentWidget(self.pane_at(row))
            self.header.setText(PANES[row].title())
            placeholder, self._placeholder = self._placeholder, None
            if placeholder is not None:  # the first pane shown (a click may come before the timer)
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
                self._finish_first_frame()

    # -- database ---------------------------------------------------------------------------

    @property
    def database(self) -> Database | None:
        return self._database

    def set_database(self, db: Database | None) -> None:
        """Show *db* in every pane and the status bar (``None``: no database available)."""
        self.finish_setup()
        self._database = db
        self._opening = False
        self._first_look = None
        self._set_upgrading(False)
        if db is not None:  # switching: let go of the previous database's lock file (issue 6)
            lock_guard(self).keep_only(db)
            QTimer.singleShot(0, self.prebuild_panes)
        self.set_panes_database(db)
        self._update_database_label()
        self.database_changed.emit(db)

    def set_panes_database(self, db: Database | None, *, opening: bool = False) -> None:
        """What every pane shows, now (built ones) or when built: *db*, or none (*opening*: being
        opened, or hidden until a login)."""
        self._pane_database = db
        self._panes_opening = db is None and opening
        for pane in self.built_panes():
            pane.set_database(db, opening=opening)

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
            self.set_panes_database(None, opening=True)
            self._update_database_label()
            self._look_first(url)

        def open_it(progress: Callable[..., None]) -> tuple[Database, bool, bool, bool]:
            from ..services.auth import login_enabled
            from ..services.database import open_database
            from ..services.settings import get_own_unit

            # the backup of the day and the bin's purge: after the first figures (_upkeep_and_check_soon)
            db = open_database(url, on_upgrade=lambda _old, _new: progress(), daily_later=True)
            try:
                return db, db.is_empty(), get_own_unit(db.engine) is None, login_enabled(db.engine)
            except BaseException:
                db.close()
                raise

        run_task(
            open_it,
            context=self,
            on_success=self._on_database_opened,
            on_error=self._on_open_failed,
            on_progress=lambda *_: self._set_upgrading(True),
            with_progress=True,
        )
        self.finish_setup()  # while the database thread works (the login needs it when the database is there)

    def _look_first(self, url: str) -> None:
        """While the database at *url* opens: the overview's figures read straight from its file
        (:func:`~xkld_desktop.services.overview.first_look_counts`), on a thread beside the database
        thread — which first loads SQLAlchemy and the models, most of a second on a slow PC. Nothing
        for a database with accounts (its figures wait for the login), another kind of database, or
        one to be upgraded; the overview shows the database's own reading when it is open."""
        from .tasks import figures_pool

        self._first_look = None
        self._looking_at = url

        def look() -> OverviewCounts | None:
            from ..services.overview import first_look_counts

            return first_look_counts(url)

        def looked(counts: OverviewCounts | None) -> None:
            if counts is None or not self._opening or self._database is not None or self._looking_at != url:
                return  # opened (or failed, or another one asked for) meanwhile: the database's own figures
            self._first_look = counts
            overview = self._panes[self._index_of("overview")]
            if overview is not None:
                overview.show_first_look(counts)  # type: ignore[attr-defined]

        def failed(error: BaseException) -> None:  # a bug in the first look: the opening says what is wrong
            log.warning("First look at the database failed: %r", error)

        run_task(look, context=self, on_success=looked, on_error=failed, pool=figures_pool())

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
        self._upkeep_and_check_soon(db)
        if empty and demo_available() and self.ask_load_demo():
            self.load_demo()
        elif needs_unit:
            self.ask_own_unit()
            self.ask_first_admin()

    def _upkeep_and_check_soon(self, db: Database) -> None:
        """The day's upkeep of *db* (its automatic backup, the bin's purge) and the start-up
        ``quick_check`` (offers a good backup when damaged), started once the first pane's reads
        queued now are done: each reads the whole file (about a second for 500 MB), on a thread of
        their own, and should not slow the first figures the user waits for."""

        def start(_none: object = None) -> None:
            if self._database is db:
                from .backup_dialogs import check_integrity

                check_integrity(self, db)

        # after the next turn, so that the panes built then (PREBUILT_PANES) have queued their reads
        QTimer.singleShot(0, lambda: run_task(lambda: None, context=self, on_success=start))

    def ask_own_unit(self) -> None:
        """First start: which commune keeps this database (tests patch this)."""
        if self.is_built("settings"):
            self.pane_at(self._index_of("settings")).change_unit()  # type: ignore[attr-defined]
            return
        db = self._database
        if db is None:
            return
        from .unit_dialog import UnitDialog  # the Settings pane, built later, reads the unit chosen

        UnitDialog(db.engine, self).exec()

    def ask_first_admin(self) -> None:
        """First start: create the administrator account; login is on from then (tests patch this)."""
        self.session.ask_first_admin()

    def _set_upgrading(self, upgrading: bool) -> None:
        """The database being opened is (or is no longer) being upgraded: the panes and status bar say so."""
        if upgrading == self._upgrading:
            return
        self._upgrading = upgrading
        for pane in self.built_panes():
            pane.show_upgrading(upgrading)
        self._update_database_label()

    def _on_open_failed(self, error: BaseException) -> None:
        self._set_upgrading(False)
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
        from PySide6.QtWidgets import QMessageBox  # (dialog classes: loaded when first used)

        QMessageBox.critical(self, title, message)

    def choose_database_file(self) -> None:
        """File › Open another database…: pick a SQLite file and open it."""
        from PySide6.QtWidgets import QFileDialog

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
        elif self._opening and self._upgrading:
            text = self.tr("Upgrading the database…")
        elif self._opening:
            text = self.tr("Opening the database…")
        else:
            text = self.tr("Database: not open")
        self.database_label.setText(text)

    # -- sample data ------------------------------------------------------------------------

    def ask_load_demo(self) -> bool:
        """Ask whether to fill the empty database with sample data (tests patch this)."""
        from .widgets import ask_yes_no

        return ask_yes_no(
            self,
            self.tr("Sample data"),
            self.tr("The database is empty. Load sample data (one sample commune) to try the program?"),
            default_yes=True,
        )

    def load_demo(self) -> None:
        """Write the sample commune into the open database in the background, with progress."""
        db = self._database
        if db is None:
            return
        engine = db.engine
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(self.tr("Loading sample data…"), "", 0, 0, self)
        dialog.setWindowTitle(self.tr("Sample data"))
        dialog.setCancelButton(None)  # the generator cannot stop half-way
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
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
                for pane in self.built_panes():
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
        from PySide6.QtWidgets import QMessageBox

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
        for index, spec in enumerate(PANES):
            title = spec.title()
            self.sidebar.item(index).setText(title)
            self.pane_actions[index].setText(title)
        row = self.sidebar.currentRow()
        self.header.setText(PANES[row].title() if 0 <= row < len(PANES) else "")
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
        index = next((i for i, spec in enumerate(PANES) if spec.pane_id == pane_id), 0)
        # The first paint shows the frame (sidebar, menus, header) with a bare pane saying the
        # database is being opened; the pane itself (the overview: ≈ 25 ms to build and style) is
        # built in the turn after that paint, long before the database is open.
        self._placeholder = _OpeningPage(self.stack)
        self.stack.addWidget(self._placeholder)
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(index)
        self.sidebar.blockSignals(False)
        self.header.setText(PANES[index].title())
        after_first_paint(self, self.build_first_pane)

    def save_layout(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        self.settings.setValue(CURRENT_PANE_KEY, PANES[max(self.sidebar.currentRow(), 0)].pane_id)
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
