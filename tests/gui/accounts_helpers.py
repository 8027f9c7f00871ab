"""Helpers of the login, idle-lock and users widget tests: cheap Argon2id, accounts, a logged-in window."""

from __future__ import annotations

from typing import Any

from argon2 import PasswordHasher
from PySide6.QtCore import QSettings

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from xkld_desktop.domain.enums import Role
from xkld_desktop.services import auth
from xkld_desktop.services.access import SYSTEM, bind
from xkld_desktop.ui.login import LoginDialog
from xkld_desktop.ui.main_window import MainWindow

ADMIN_PASSWORD = "mật khẩu quản trị 1"
OFFICER_PASSWORD = "cán bộ xã 2025"
VIEWER_PASSWORD = "chỉ xem thôi 42"


def cheap_hasher() -> PasswordHasher:
    """Still Argon2id, with parameters a test can afford many times."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def add_accounts(engine: Any) -> None:
    """An administrator ``admin``, an officer ``canbo`` and a viewer ``xem``."""
    auth.create_account(engine, "admin", "Trần Thị Quản", ADMIN_PASSWORD, Role.ADMIN)
    system = bind(engine, SYSTEM)
    auth.create_account(system, "canbo", "Lê Văn Cán", OFFICER_PASSWORD, Role.OFFICER)
    auth.create_account(system, "xem", "Phạm Thị Xem", VIEWER_PASSWORD, Role.VIEWER)


def login_dialog(qtbot: Any, window: MainWindow) -> LoginDialog:
    qtbot.waitUntil(lambda: window.session.login_dialog is not None, timeout=60_000)
    dialog = window.session.login_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def log_in(qtbot: Any, dialog: LoginDialog, username: str, password: str) -> None:
    """Type the user name and password into the login dialog and press Log in."""
    dialog.username_edit.clear()
    type_text(dialog.username_edit, username)
    dialog.password_edit.clear()
    type_text(dialog.password_edit, password)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)


def logged_in_window(qtbot: Any, settings: QSettings, url: str, username: str, password: str) -> MainWindow:
    """A shown main window that opened *url* and logged in through the login dialog."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_database_url(url)
    dialog = login_dialog(qtbot, window)
    log_in(qtbot, dialog, username, password)
    qtbot.waitUntil(lambda: window.database is not None, timeout=60_000)
    drain_tasks(qtbot)
    return window


def vi(context: str, english: str, vietnamese: str) -> str:
    """What the UI shows for *english*: *vietnamese* once the catalogue has it (the lead merges the
    pending translations), the English source until then."""
    from PySide6.QtCore import QCoreApplication

    return vietnamese if QCoreApplication.translate(context, english) != english else english
