"""Start-up pieces of run_gui: the window first, then the database; fonts; logging; crash dialog."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import drain_tasks
from xkld_desktop import APP_ID, ORG_NAME, __version__, config
from xkld_desktop.ui import app as ui_app
from xkld_desktop.ui.main_window import MainWindow


def test_start_window_shows_the_window_before_the_database_is_open(qtbot, db_url, monkeypatch) -> None:
    monkeypatch.setattr(MainWindow, "ask_load_demo", lambda self: False)
    app = ui_app.create_application()
    assert (app.applicationName(), app.organizationName(), app.applicationVersion()) == (
        APP_ID,
        ORG_NAME,
        __version__,
    )
    window = ui_app.start_window(db_url)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.database is None  # opened from the event loop, off the paint path
    assert window.database_label.text() == "Đang mở cơ sở dữ liệu…"
    qtbot.waitUntil(lambda: window.database is not None, timeout=60_000)
    assert window.database_label.text() == f"CSDL: {window.database.display_location}"
    shown_after = app.property(ui_app.WINDOW_SHOWN_AFTER_PROPERTY)
    assert isinstance(shown_after, float) and shown_after > 0
    assert app.property(ui_app.STARTED_AT_PROPERTY) <= time.perf_counter() - shown_after + 1e-6
    drain_tasks(qtbot)
    window.database.close()


def test_a_window_closed_at_once_still_makes_the_backup_of_the_day(qtbot, db_url, monkeypatch) -> None:
    """The day's copy waits for the first figures (on a thread of its own); a program closed before
    it began makes it on the way out."""
    from xkld_desktop.services.backup import list_backups

    monkeypatch.setattr(MainWindow, "ask_load_demo", lambda self: False)
    monkeypatch.setattr(MainWindow, "_upkeep_and_check_soon", lambda self, db: None)  # closed before it began
    ui_app.create_application()
    window = ui_app.start_window(db_url)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.database is not None, timeout=60_000)
    db = window.database
    assert db.path is not None and list_backups(db.path) == []
    ui_app.close_at_exit(window)
    assert list_backups(db.path) == [db.daily_backup]


def test_process_start_is_in_the_past() -> None:
    started = ui_app.process_started_at()
    assert 0 < time.perf_counter() - started < 24 * 3600


def test_shipped_fonts_are_registered_and_used(qapp: QApplication) -> None:
    font_dir = Path(__file__).resolve().parents[2] / "resources" / "fonts"
    if not list(font_dir.glob("DejaVuSans*.ttf")):
        pytest.skip("DejaVu Sans is not in resources/fonts yet")
    before = qapp.font()
    try:
        families = ui_app.register_fonts(qapp)
        assert "DejaVu Sans" in families
        assert qapp.font().family() == "DejaVu Sans"
    finally:
        qapp.setFont(before)


def test_logging_writes_to_the_data_folder() -> None:
    handler = ui_app.setup_logging()
    try:
        assert ui_app.setup_logging() is handler  # not added twice
        logging.getLogger("xkld_desktop.test").warning("Thử ghi nhật ký")
        handler.flush()
        log_file = config.data_dir() / "xkld.log"
        assert "Thử ghi nhật ký" in log_file.read_text(encoding="utf-8")
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def _early_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if type(h).__name__ == "_EarlyLog"]


def test_what_is_logged_before_the_log_file_opens_reaches_it_in_order() -> None:
    """run_gui opens the log file after the window shows: the start's records are kept for it."""
    ui_app.hold_early_logs()
    ui_app.hold_early_logs()  # once only
    assert len(_early_handlers()) == 1
    logging.getLogger("xkld_desktop.test").info("Trước khi mở tệp nhật ký")
    logging.getLogger("xkld_desktop.test").debug("chi tiết không ghi")
    handler = ui_app.setup_logging()
    try:
        logging.getLogger("xkld_desktop.test").warning("Sau khi mở tệp nhật ký")
        handler.flush()
        assert _early_handlers() == []
        text = (config.data_dir() / "xkld.log").read_text(encoding="utf-8")
        assert text.index("Trước khi mở tệp nhật ký") < text.index("Sau khi mở tệp nhật ký")
        assert "chi tiết không ghi" not in text
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_an_uncaught_error_before_the_log_file_opens_is_written_to_it(qapp, monkeypatch) -> None:
    ui_app.hold_early_logs()
    crash = ui_app.CrashHandler()
    monkeypatch.setattr(crash, "show_dialog", lambda details: None)
    try:
        raise RuntimeError("hỏng trước cửa sổ")
    except RuntimeError as error:
        crash(type(error), error, error.__traceback__)
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)]
    try:
        assert _early_handlers() == []
        for h in handlers:
            h.flush()
        assert "RuntimeError: hỏng trước cửa sổ" in (config.data_dir() / "xkld.log").read_text(encoding="utf-8")
    finally:
        for h in handlers:
            logging.getLogger().removeHandler(h)
            h.close()


def test_crash_handler_logs_the_traceback_and_shows_it(qapp, monkeypatch) -> None:
    handler = ui_app.setup_logging()
    shown: list[str] = []
    crash = ui_app.CrashHandler()
    monkeypatch.setattr(crash, "show_dialog", shown.append)
    try:
        try:
            raise ValueError("lỗi thử")
        except ValueError as error:
            crash(type(error), error, error.__traceback__)
        handler.flush()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    [details] = shown
    assert "ValueError: lỗi thử" in details
    assert "Traceback" in details
    log_text = (config.data_dir() / "xkld.log").read_text(encoding="utf-8")
    assert "ValueError: lỗi thử" in log_text
    assert str(config.data_dir() / "xkld.log") in crash.message()
    assert crash.message().startswith("Đã xảy ra một lỗi ngoài dự kiến.")


def test_crash_handler_installs_and_uninstalls() -> None:
    previous = sys.excepthook
    crash = ui_app.CrashHandler().install()
    try:
        assert sys.excepthook is crash
    finally:
        crash.uninstall()
    assert sys.excepthook is previous
