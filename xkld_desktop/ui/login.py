"""Đăng nhập — the login dialog, the first administrator account, and the window's session.

- :class:`LoginDialog` — user name and password (with show/hide); the check runs on the
  database thread (Argon2id is slow on purpose); a wrong password or a lockout wait is said in
  the dialog.
- :class:`FirstAdminDialog` — first start: the administrator account (user name, full name,
  password typed twice, at least :data:`MIN_PASSWORD_LENGTH` characters); creating it turns
  login on for good and logs the administrator in.
- :class:`SessionController` — what the main window does about users: login before any data
  reach the panes, the engine bound to the logged-in actor (``access.bind``), File ▸ Log out /
  Lock, the user in the status bar, the idle lock (:mod:`.idle_lock`) and the role gating
  (:mod:`.role_gating`).

Nothing of the database layer is imported at module level: the window imports this module
before the database is open.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .tasks import run_task, user_message
from .widgets import ask_yes_no

if TYPE_CHECKING:
    from ..services.database import Database

log = logging.getLogger(__name__)

#: the shortest password accepted (the service checks it too)
MIN_PASSWORD_LENGTH = 8
ERROR_STYLE = "color: #b00020;"
DEFAULT_IDLE_MINUTES = 15


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("error")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class PasswordEdit(QLineEdit):
    """A password field (dots; :meth:`set_shown` shows the letters)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(256)

    def set_shown(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)


class _BusyDialog(QDialog):
    """A dialog whose OK runs one background task; errors go to ``error_label``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = False
        self.error_label = _error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def ok_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def error(self) -> str:
        """The message shown (``""`` when none)."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _run(self, fn: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self.busy = True
        self.ok_button.setEnabled(False)
        self.show_error("")
        run_task(fn, context=self, on_success=self._done(on_success), on_error=self._failed)

    def _done(self, then: Callable[[Any], None]) -> Callable[[Any], None]:
        def done(result: Any) -> None:
            self.busy = False
            self.ok_button.setEnabled(True)
            then(result)

        return done

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        message = user_message(error)
        if message is None:
            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.show_error(message)
        self.after_error()

    def after_error(self) -> None:
        """What to do after a refusal was shown (subclasses clear the password)."""

    def reject(self) -> None:
        if not self.busy:
            super().reject()


class LoginDialog(_BusyDialog):
    """Đăng nhập: user name and password for the database at *engine* (not bound yet).

    Signal ``logged_in(actor)`` before the dialog closes with ``Accepted``; ``actor`` holds
    the :class:`~xkld_desktop.services.access.Actor` then.
    """

    logged_in = Signal(object)

    def __init__(self, engine: Any, parent: QWidget | None = None, *, username: str = "", location: str = "") -> None:
        super().__init__(parent)
        self.engine = engine
        self.actor: Any = None
        self.setWindowTitle(self.tr("Log in"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        text = self.tr("Enter your user name and password to work with the records.")
        if location:
            text += "\n" + self.tr("Database: {location}").format(location=location)
        self.intro.setText(text)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.username_edit = QLineEdit(self)
        self.username_edit.setMaxLength(60)
        self.username_edit.setText(username)
        self.password_edit = PasswordEdit(self)
        self.show_password = QCheckBox(self.tr("&Show password"), self)
        self.show_password.toggled.connect(self.password_edit.set_shown)
        form.addRow(self.tr("&User name:"), self.username_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow("", self.show_password)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("&Log in"))
        (self.password_edit if username else self.username_edit).setFocus()

    def accept(self) -> None:
        if self.busy:
            return
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            self.show_error(self.tr("Enter your user name."))
            self.username_edit.setFocus()
            return
        if not password:
            self.show_error(self.tr("Enter your password."))
            self.password_edit.setFocus()
            return
        engine = self.engine

        def check() -> Any:
            from ..services.auth import authenticate

            return authenticate(engine, username, password)

        self._run(check, self._logged_in)

    def _logged_in(self, actor: Any) -> None:
        self.actor = actor
        self.logged_in.emit(actor)
        super().accept()

    def after_error(self) -> None:
        self.password_edit.clear()
        self.password_edit.setFocus()


def password_problem(dialog: QObject, password: str, repeated: str) -> str:
    """The translated complaint about a new password typed twice, or ``""`` when it will do."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return QApplication.translate("LoginDialog", "The password needs at least {n} characters.").format(
            n=MIN_PASSWORD_LENGTH
        )
    if password != repeated:
        return QApplication.translate("LoginDialog", "The two passwords are not the same.")
    return ""


class FirstAdminDialog(_BusyDialog):
    """Tài khoản quản trị — first start: create the administrator, then log them in.

    Signal ``created(actor)`` before the dialog closes with ``Accepted``.
    """

    created = Signal(object)

    def __init__(self, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.actor: Any = None
        self.setWindowTitle(self.tr("Administrator account"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            self.tr(
                "The records are personal data. Create the administrator account: from now on the program "
                "asks for a user name and password when it opens. The administrator adds the other users "
                "in Settings."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.username_edit = QLineEdit(self)
        self.username_edit.setMaxLength(60)
        self.full_name_edit = QLineEdit(self)
        self.full_name_edit.setMaxLength(120)
        self.password_edit = PasswordEdit(self)
        self.repeat_edit = PasswordEdit(self)
        self.show_password = QCheckBox(self.tr("&Show password"), self)
        self.show_password.toggled.connect(self.password_edit.set_shown)
        self.show_password.toggled.connect(self.repeat_edit.set_shown)
        form.addRow(self.tr("&User name:"), self.username_edit)
        form.addRow(self.tr("&Full name:"), self.full_name_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow(self.tr("&Repeat password:"), self.repeat_edit)
        form.addRow("", self.show_password)
        layout.addLayout(form)
        self.hint = QLabel(
            self.tr("At least {n} characters. Keep it somewhere safe: nobody can read it back.").format(
                n=MIN_PASSWORD_LENGTH
            ),
            self,
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("&Create account"))
        self.username_edit.setText("admin")
        self.username_edit.selectAll()

    def accept(self) -> None:
        if self.busy:
            return
        username = self.username_edit.text().strip()
        full_name = self.full_name_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            self.show_error(self.tr("Enter a user name."))
            self.username_edit.setFocus()
            return
        if not full_name:
            self.show_error(self.tr("Enter the administrator's full name."))
            self.full_name_edit.setFocus()
            return
        problem = password_problem(self, password, self.repeat_edit.text())
        if problem:
            self.show_error(problem)
            self.password_edit.setFocus()
            return
        engine = self.engine

        def create() -> Any:
            from ..domain.enums import Role
            from ..services.auth import authenticate, create_account

            create_account(engine, username=username, full_name=full_name, password=password, role=Role.ADMIN)
            return authenticate(engine, username, password)

        self._run(create, self._created)

    def _created(self, actor: Any) -> None:
        self.actor = actor
        self.created.emit(actor)
        super().accept()


def actor_label(actor: Any) -> str:
    """ "Nguyễn Văn An (Quản trị)" — who is logged in, for the status bar and the lock."""
    from .i18n import current_language

    role = actor.role.label(current_language())
    name = actor.full_name or actor.username
    return f"{name} ({role})"


class SessionController(QObject):
    """The window's session: login, first administrator, log out, lock, role gating.

    Holds the logged-in ``actor`` (``None`` on a database without accounts) and the database's
    unbound engine. Signals: ``logged_in(actor)``, ``logged_out()``, ``locked()``, ``unlocked()``.
    """

    logged_in = Signal(object)
    logged_out = Signal()
    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.actor: Any = None
        self.raw_engine: Any = None  # the open database's engine without an actor
        self.login_dialog: LoginDialog | None = None
        self.admin_dialog: FirstAdminDialog | None = None
        from .idle_lock import SessionLock

        self.lock_controller = SessionLock(self)
        self.lock_controller.locked.connect(self.locked)
        self.lock_controller.unlocked.connect(self.unlocked)
        self.lock_controller.watcher.dialog_shown.connect(self._gate_dialog)

        self.logout_action = QAction(self)
        self.logout_action.triggered.connect(self.log_out)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.lock_action.triggered.connect(self.lock)
        menu = window.file_menu
        quit_separator = menu.actions()[-2]
        menu.insertAction(quit_separator, self.lock_action)
        menu.insertAction(quit_separator, self.logout_action)
        self.user_label = QLabel(window)
        self.user_label.setObjectName("currentUser")
        window.statusBar().addPermanentWidget(self.user_label)
        window.database_changed.connect(self._on_database_changed)
        window.demo_loaded.connect(lambda: window.ask_first_admin())  # first start with the sample commune
        window.installEventFilter(self)
        self.retranslate()
        self._update()

    # -- state --------------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.lock_controller.is_locked

    def _update(self) -> None:
        on = self.actor is not None
        self.logout_action.setEnabled(on)
        self.lock_action.setEnabled(on)
        self.logout_action.setVisible(on)
        self.lock_action.setVisible(on)
        if on:
            self.user_label.setText(self.tr("User: {who}").format(who=actor_label(self.actor)))
        else:
            self.user_label.setText("")
        self.user_label.setVisible(on)

    def _on_database_changed(self, db: Database | None) -> None:
        from .role_gating import apply_gating

        if db is None:
            self.actor = None
            self.raw_engine = None
        else:
            from ..services.access import actor_of

            self.actor = actor_of(db.engine)
        self._update()
        self.lock_controller.arm(self.actor is not None)
        apply_gating(self.window)

    def _gate_dialog(self, dialog: QDialog) -> None:
        db = self.window.database
        if db is not None and self.actor is not None:
            from .role_gating import gate_dialog

            gate_dialog(dialog, db.engine)

    # -- opening ----------------------------------------------------------------------------

    def login_then(
        self, db: Database, then: Callable[[Database], None], on_cancel: Callable[[], None] | None = None
    ) -> None:
        """Ask who logs in to *db* (window-modal, not blocking); then call *then* with *db* bound.

        *on_cancel* runs when the user gives up (default: :meth:`login_cancelled`).
        """
        dialog = LoginDialog(db.engine, self.window, location=db.display_location)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.login_dialog = dialog

        def done(actor: Any) -> None:
            self.raw_engine = db.engine
            then(self.bound(db, actor))

        dialog.logged_in.connect(done)
        dialog.rejected.connect(on_cancel if on_cancel is not None else lambda: self.login_cancelled(db))
        dialog.finished.connect(lambda _r: self._forget_dialog(dialog))
        dialog.open()

    def login_cancelled(self, db: Database) -> None:
        """No login: close *db*; with no other database shown, the program closes."""
        current = self.window.database
        if current is None or current.engine.pool is not db.engine.pool:
            db.close()
        if current is not None:
            from .instance_lock import lock_guard

            lock_guard(self.window).keep_only(current)  # let go of the lock file of the one not opened
        if current is None:
            log.info("Login cancelled: closing")
            self.window.close()

    def _forget_dialog(self, dialog: QDialog) -> None:
        if self.login_dialog is dialog:
            self.login_dialog = None
        dialog.deleteLater()

    def bound(self, db: Database, actor: Any) -> Database:
        """*db* with its engine carrying *actor* (a new object, so that every pane reloads)."""
        from ..services.access import bind

        engine = self.raw_engine if self.raw_engine is not None else db.engine
        return dataclasses.replace(db, engine=bind(engine, actor))

    def ask_first_admin(self) -> None:
        """First start: offer to create the administrator account (window-modal, not blocking)."""
        db = self.window.database
        if db is None or self.actor is not None or self.admin_dialog is not None:
            return
        dialog = FirstAdminDialog(db.engine, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.admin_dialog = dialog

        def created(actor: Any) -> None:
            current = self.window.database
            if current is None or current.engine is not db.engine:
                return
            self.raw_engine = db.engine
            self.window.set_database(self.bound(db, actor))

        def finished(_result: int) -> None:
            self.admin_dialog = None
            dialog.deleteLater()

        dialog.created.connect(created)
        dialog.finished.connect(finished)
        dialog.open()

    # -- log out, lock ----------------------------------------------------------------------

    def log_out(self) -> None:
        """File ▸ Log out: close the open forms (asking first), hide the data, ask who logs in next."""
        if self.actor is None or self.window.database is None or not self.confirm_log_out():
            return
        self.end_session()

    def confirm_log_out(self) -> bool:
        """With forms open, ask whether to close them, losing what was typed (tests patch this)."""
        unlock = self.lock_controller.dialog
        if not [d for d in open_dialogs(self.window) if d is not unlock]:
            return True
        return ask_yes_no(
            self.window,
            self.tr("Log out"),
            self.tr("Open forms will be closed and what was typed in them will be lost. Log out?"),
        )

    def end_session(self) -> None:
        """Log out without asking: close every form, hide the data, show the login dialog."""
        db = self.window.database
        if self.actor is None or db is None:
            return
        log.info("Log out: %s", self.actor.username)
        self.lock_controller.end_lock()
        close_other_windows(self.window)
        self.actor = None
        self.window.set_panes_database(None, opening=True)  # panes built later show nothing either
        self._update()
        self.lock_controller.arm(False)
        self.lock_controller.cover_window(True, self.tr("Logged out."))
        self.logged_out.emit()
        raw = dataclasses.replace(db, engine=self.raw_engine or db.engine)

        def then(bound: Database) -> None:
            self.lock_controller.cover_window(False)
            self.window.set_database(bound)

        self.login_then(raw, then, self.window.close)

    def lock(self) -> None:
        """File ▸ Lock: cover the data and ask the current user's password again."""
        if self.actor is not None:
            self.lock_controller.lock()

    # -- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.logout_action.setText(self.tr("Log &out"))
        self.lock_action.setText(self.tr("&Lock"))
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def open_dialogs(window: QWidget) -> list[QDialog]:
    """The program's dialogs on screen (forms, pages), besides *window*."""
    return [w for w in QApplication.topLevelWidgets() if w is not window and w.isVisible() and isinstance(w, QDialog)]


def close_other_windows(window: QWidget) -> None:
    """Close every visible dialog of the program (a log out: the next user must not see them)."""
    for widget in open_dialogs(window):
        QDialog.done(widget, QDialog.DialogCode.Rejected)  # the base's: no "discard changes?" question
        widget.hide()
