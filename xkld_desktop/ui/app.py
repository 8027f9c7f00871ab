"""Start-up of the window: application, fonts, language, crash dialog, window, then the database.

The order keeps the first window fast: nothing of the database layer is imported before the
window is on screen (``import sqlmodel`` alone costs about half a second). The database is
opened from the event loop's first turn, on the database thread; the panes say "Opening the
database…" until it is there. The log file opens in that turn too; what is logged before is kept
for it (:func:`hold_early_logs`).

Public API: :func:`run_gui` (what ``xkld-desktop`` runs without a command) and its pieces —
:func:`create_application`, :func:`register_fonts`, :func:`hold_early_logs`, :func:`setup_logging`,
:class:`CrashHandler`, :func:`start_window`.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, ORG_NAME, __version__, config
from .i18n import install_language, resources_dir
from .main_window import MainWindow, after_first_paint
from .preferences import open_settings, stored_language
from .tasks import wait_for_tasks

log = logging.getLogger(__name__)

# the UI font; the program ships it, so Vietnamese letters draw on a bare PC too
UI_FONT_FAMILY = "DejaVu Sans"
UI_FONT_POINT_SIZE = 10
#: how the UI font's files are named (registered before the window; the other fonts after it shows)
UI_FONT_FILES = "DejaVuSans"
LOG_FILE_NAME = "xkld.log"
# QApplication properties set at start-up (seconds on the time.perf_counter clock)
STARTED_AT_PROPERTY = "xkldStartedAt"
WINDOW_SHOWN_AFTER_PROPERTY = "xkldWindowShownAfter"

_IMPORTED_AT = time.perf_counter()
_font_files: dict[str, list[str]] = {}  # font file registered → its families


def process_started_at() -> float:
    """When this process started, on the ``time.perf_counter()`` clock.

    Read from the operating system (Linux ``/proc``, Windows ``GetProcessTimes``) so that the
    interpreter's own start-up counts; elsewhere, the moment this module was imported.
    """
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            start_ticks = int(fields[19])  # field 22 of stat(5), counted after "pid (comm)"
            with open("/proc/uptime", encoding="ascii") as f:
                uptime = float(f.read().split()[0])
            elapsed = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
            return time.perf_counter() - max(elapsed, 0.0)
        if sys.platform == "win32":
            return time.perf_counter() - _windows_process_age()
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return _IMPORTED_AT


def _windows_process_age() -> float:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    creation, exit_, kernel, user = (wintypes.FILETIME() for _ in range(4))
    if not kernel32.GetProcessTimes(
        kernel32.GetCurrentProcess(),
        ctypes.byref(creation),
        ctypes.byref(exit_),
        ctypes.byref(kernel),
        ctypes.byref(user),
    ):
        raise OSError("GetProcessTimes failed")
    now = wintypes.FILETIME()
    kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))

    def ticks(ft: wintypes.FILETIME) -> int:
        return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

    return (ticks(now) - ticks(creation)) / 10_000_000  # FILETIME counts 100 ns


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the program's names (the running one, if any, e.g. in tests)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    resources = resources_dir()
    icon = resources / "icons" / "xkld.svg" if resources is not None else None
    if icon is not None and icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    # Settings are an INI file everywhere (%APPDATA%\XKLD\xkld-desktop.ini on Windows): easy to
    # read, back up and delete.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return app


def register_fonts(app: QApplication | None = None, *, ui_only: bool = False) -> list[str]:
    """Register the fonts shipped in ``resources/fonts``; use DejaVu Sans for the UI if there.

    With *ui_only*, only the UI font's files (``DejaVuSans*``): the window needs no others to show,
    and :func:`start_window` registers the rest (the report fonts) once it is on screen. Each file
    is registered once. Returns every family registered so far (none when the folder is empty:
    Qt's default font is kept).
    """
    resources = resources_dir()
    folder = resources / "fonts" if resources is not None else None
    before = len(_font_files)
    if folder is not None and folder.is_dir():
        for font in sorted(folder.iterdir(), key=lambda f: f.name):
            name = font.name
            if not name.lower().endswith((".ttf", ".otf")) or name in _font_files:
                continue
            if ui_only and not name.startswith(UI_FONT_FILES):
                continue
            font_id = QFontDatabase.addApplicationFont(str(font))
            _font_files[name] = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if font_id < 0:
                log.warning("Could not load the font %s", name)
                continue
            log.debug("Font registered: %s (%s)", name, ", ".join(_font_files[name]))
    families = list(dict.fromkeys(f for found in _font_files.values() for f in found))
    if len(_font_files) > before:
        log.info("Fonts registered: %s", ", ".join(families))
    target = app or QApplication.instance()
    if UI_FONT_FAMILY in families and isinstance(target, QApplication) and target.font().family() != UI_FONT_FAMILY:
        target.setFont(QFont(UI_FONT_FAMILY, UI_FONT_POINT_SIZE))
    return families


class _EarlyLog(logging.Handler):
    """What is logged before the log file opens (after the window shows), kept for it."""

    LIMIT = 1000

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.LIMIT:
            self.records.append(record)


def hold_early_logs(level: int = logging.INFO) -> None:
    """Keep what is logged until :func:`setup_logging` opens the log file, then write it there.

    Opening the file needs the data folder (``platformdirs``) and ``logging.handlers``: ≈ 10 ms
    that the window need not wait for. An uncaught error before then opens the file at once.
    """
    root = logging.getLogger()
    if not _holding_early_logs():
        root.addHandler(_EarlyLog(level))
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)


def _holding_early_logs() -> bool:
    return any(isinstance(h, _EarlyLog) for h in logging.getLogger().handlers)


def setup_logging(level: int = logging.INFO) -> logging.Handler:
    """Log to ``xkld.log`` in the data folder (kept to about 3 MB); returns the handler.

    When a handler already writes that file (the command line set it up), that one is returned.
    What :func:`hold_early_logs` kept is written to it first.
    """
    import logging.handlers  # (sockets, pickle: not imported before it is needed)

    path = config.data_dir() / LOG_FILE_NAME
    root = logging.getLogger()
    found = [h for h in root.handlers if isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path.resolve()]
    if found:
        handler: logging.Handler = found[0]
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    for early in [h for h in root.handlers if isinstance(h, _EarlyLog)]:
        root.removeHandler(early)
        for record in early.records:
            if record.levelno >= handler.level:
                handler.handle(record)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return handler


class CrashHandler:
    """``sys.excepthook`` for uncaught errors: log the traceback, show it in a dialog.

    The dialog says what happened in plain words and where the log is; the traceback is under
    "Show Details…" to copy into a bug report. Tests patch :meth:`show_dialog`.
    """

    def __init__(self) -> None:
        self._previous = sys.excepthook
        self._showing = False

    def install(self) -> CrashHandler:
        self._previous = sys.excepthook
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if _holding_early_logs():  # before the log file opened: open it now, the details must reach it
            setup_logging()
        log.critical("Uncaught error\n%s", details)
        if self._showing or QApplication.instance() is None:
            sys.stderr.write(details)
            return
        self._showing = True
        try:
            self.show_dialog(details)
        finally:
            self._showing = False

    def message(self) -> str:
        log_path = config.data_dir() / LOG_FILE_NAME
        return QCoreApplication.translate(
            "CrashHandler",
            "An unexpected error occurred. Your saved data are safe; what you were doing may not have "
            "been saved.\n\nThe details were written to {log}. Please send that file, or the details "
            "below, to whoever supports the program.",
        ).format(log=log_path)

    def show_dialog(self, details: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("CrashHandler", "Unexpected error"))
        box.setText(self.message())
        box.setDetailedText(details)
        box.exec()


def start_window(
    db_url: str | None = None, *, started_at: float | None = None, then: Callable[[], object] | None = None
) -> MainWindow:
    """Build and show the main window, then open the database from the event loop.

    The window's first frame is its frame (sidebar, menus, header) and a pane saying the database
    is being opened. The time from *started_at* (default: the process start) to the end of that
    first paint is logged and kept in the app property ``xkldWindowShownAfter``. Then, each in a
    turn of its own: the database open is started (on the database thread), the pane the window
    opens on is built (:meth:`~.main_window.MainWindow.build_first_pane`), the people pane is
    built (:data:`~.main_window.PREBUILT_PANES`), the report fonts are registered, and *then* is
    called (run_gui: the log file opened).
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create_application() first"
    started = started_at if started_at is not None else process_started_at()
    app.setProperty(STARTED_AT_PROPERTY, started)

    window = MainWindow(open_settings())
    window.show()

    def open_first() -> None:
        url = db_url
        if url is None and not os.environ.get(config.DB_URL_ENV):  # a server chosen in Settings (issue 7)
            from .server_dialog import startup_url

            url = startup_url(open_settings(), window)  # asks for its password, never stored
        window.open_database_url(url or config.default_db_url())

    def shown() -> None:
        seconds = time.perf_counter() - started
        app.setProperty(WINDOW_SHOWN_AFTER_PROPERTY, seconds)
        log.info("Window shown %.3f s after the process started", seconds)
        open_first()  # first: the database thread starts while the rest is built
        # (the window's own build of its first pane comes next: it asked before this)
        # while the database opens: the panes worth having ready when it is there (the people list)
        QTimer.singleShot(0, lambda: window.prebuild_panes(before_database=True))
        QTimer.singleShot(0, lambda: register_fonts(app))  # the report fonts, if only the UI's were registered
        if then is not None:
            QTimer.singleShot(0, then)

    after_first_paint(window, shown)
    return window


def run_gui(db_url: str | None = None, *, started_at: float | None = None) -> int:
    """Run the desktop program until its window is closed; returns the exit code.

    *db_url* defaults to ``config.default_db_url()`` (``XKLD_DB_URL`` or the file in the data
    folder). *started_at* is a ``time.perf_counter()`` reading taken when the program started
    (default: the process start time from the operating system).
    """
    started = started_at if started_at is not None else process_started_at()
    app = create_application()
    hold_early_logs()  # the log file opens once the window shows (setup_logging below)
    crash_handler = CrashHandler().install()
    register_fonts(app, ui_only=True)
    settings = open_settings()
    install_language(stored_language(settings))
    window = start_window(db_url, started_at=started, then=setup_logging)
    try:
        code = app.exec()
    finally:
        close_at_exit(window)
        crash_handler.uninstall()
    return code


def close_at_exit(window: MainWindow) -> None:
    """The program's last work: wait for the background tasks (a sample-data or open task may still
    be writing), do what the day's upkeep has not begun yet (a window closed within a second of
    opening: the backup of the day is still made), close the database."""
    wait_for_tasks()
    db = window.database
    if db is not None:
        from ..services.database import daily_upkeep

        daily_upkeep(db)
        db.close()
