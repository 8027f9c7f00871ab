"""Khóa phiên — the session locks after some idle minutes and asks the password again.

- :class:`IdleWatcher` — an application event filter that notes the last key press, click or
  wheel turn, and says ``idle()`` once nothing happened for ``timeout_ms``.
- :class:`Cover` — an opaque sheet over a window (the main window and every open form), so the
  data are hidden while the forms, and what was typed in them, stay as they were.
- :class:`UnlockDialog` — application-modal: the current user's password, or "switch user"
  (log out).
- :class:`SessionLock` — puts these together for :class:`~.login.SessionController`.

The idle time is the database setting ``idle_lock_minutes`` (Settings; default 15 minutes).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .login import DEFAULT_IDLE_MINUTES, PasswordEdit, _BusyDialog, actor_label

log = logging.getLogger(__name__)

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.ShortcutOverride,
    }
)
_NOT_COVERED = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)
#: the idle check runs at most this often (the lock comes at most this late)
CHECK_EVERY_MS = 10_000


class IdleWatcher(QObject):
    """Says ``idle()`` after ``timeout_ms`` without key, mouse or wheel input in the program.

    :meth:`start` installs the application event filter, :meth:`stop` removes it.
    """

    idle = Signal()
    dialog_shown = Signal(object)  # a dialog just opened (role gating of the person's page)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = DEFAULT_IDLE_MINUTES * 60_000
        self.last_activity = time.monotonic()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check)
        self.running = False

    def set_timeout_ms(self, msecs: int) -> None:
        self.timeout_ms = max(1, int(msecs))
        if self.running:
            self.timer.start(min(self.timeout_ms, CHECK_EVERY_MS))

    def start(self) -> None:
        self.last_activity = time.monotonic()
        if not self.running:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self.running = True
        self.timer.start(min(self.timeout_ms, CHECK_EVERY_MS))

    def stop(self) -> None:
        self.timer.stop()
        if self.running:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self.running = False

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ACTIVITY:
            self.last_activity = time.monotonic()
        elif kind == QEvent.Type.Show and isinstance(watched, QDialog):
            self.dialog_shown.emit(watched)
        return False

    def _check(self) -> None:
        if (time.monotonic() - self.last_activity) * 1000 >= self.timeout_ms:
            self.idle.emit()


class Cover(QWidget):
    """An opaque sheet over *target* (kept over it when it is resized), with a line of text."""

    def __init__(self, target: QWidget, text: str = "") -> None:
        super().__init__(target)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockCover { background: #e9edf2; } #lockCover QLabel { color: #1d3b66; font-size: 14pt; }")
        layout = QVBoxLayout(self)
        self.label = QLabel(text, self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.target = target
        target.installEventFilter(self)
        self.setGeometry(target.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            self.setGeometry(self.target.rect())
            self.raise_()
        return False

    def remove(self) -> None:
        self.target.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class UnlockDialog(_BusyDialog):
    """Phiên đã khóa: the current user's password unlocks; "Switch user" logs out instead.

    Application-modal. Signals: ``unlocked()`` before it closes with ``Accepted``;
    ``switch_user()`` when the user asked to log out (the lock
    asks about open forms, then closes it).
    """

    unlocked = Signal()
    switch_user = Signal()

    def __init__(self, engine: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.actor = actor
        self.setWindowTitle(self.tr("Session locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            self.tr("The session was locked. {who}, enter your password to go on where you left off.").format(
                who=actor_label(actor)
            ),
            self,
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.password_edit = PasswordEdit(self)
        self.show_password = QCheckBox(self.tr("&Show password"), self)
        self.show_password.toggled.connect(self.password_edit.set_shown)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow("", self.show_password)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        self.buttons.clear()
        self.ok_button_ = self.buttons.addButton(self.tr("&Unlock"), self.buttons.ButtonRole.AcceptRole)
        self.switch_button: QPushButton = self.buttons.addButton(
            self.tr("S&witch user…"), self.buttons.ButtonRole.ActionRole
        )
        self.switch_button.clicked.connect(self._switch)
        layout.addWidget(self.buttons)
        self.password_edit.setFocus()

    @property
    def ok_button(self) -> Any:
        return self.ok_button_

    def accept(self) -> None:
        if self.busy:
            return
        password = self.password_edit.text()
        if not password:
            self.show_error(self.tr("Enter your password."))
            return
        engine, username = self.engine, self.actor.username

        def check() -> Any:
            from ..services.auth import authenticate

            return authenticate(engine, username, password)

        self._run(check, self._checked)

    def _checked(self, actor: Any) -> None:
        self.unlocked.emit()
        super().accept()

    def after_error(self) -> None:
        self.password_edit.clear()
        self.password_edit.setFocus()

    def reject(self) -> None:
        """Esc and the title bar's close do not unlock."""

    def _switch(self) -> None:
        if self.busy:
            return
        self.switch_user.emit()


class SessionLock(QObject):
    """The idle lock of *session* (a :class:`~.login.SessionController`).

    :meth:`arm` starts watching for idleness (after a login) or stops (no login);
    :meth:`lock` covers the program's windows and asks for the password. Signals: ``locked()``,
    ``unlocked()``.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.session = session
        self.watcher = IdleWatcher(self)
        self.watcher.idle.connect(self.lock)
        self.covers: list[Cover] = []
        self.window_cover: Cover | None = None
        self.dialog: UnlockDialog | None = None

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def arm(self, on: bool) -> None:
        """Watch for idleness while someone is logged in; read the idle minutes of the database."""
        if not on:
            self.watcher.stop()
            return
        self.watcher.start()
        db = self.session.window.database
        if db is None:
            return
        engine = db.engine

        def read() -> int:
            from ..services.settings import idle_lock_minutes

            return idle_lock_minutes(engine)

        from .tasks import run_task

        run_task(read, context=self, on_success=self.set_idle_minutes, on_error=lambda _e: None)

    def set_idle_minutes(self, minutes: int) -> None:
        self.watcher.set_timeout_ms(max(1, int(minutes)) * 60_000)

    def lock(self) -> None:
        """Cover the data and ask the current user's password (does nothing when locked already)."""
        actor = self.session.actor
        db = self.session.window.database
        if self.dialog is not None or actor is None or db is None:
            return
        log.info("Session locked (%s)", actor.username)
        self.watcher.timer.stop()
        text = self.tr("Locked. {who} can unlock with their password.").format(who=actor_label(actor))
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and not isinstance(widget, QMenu) and widget.windowType() not in _NOT_COVERED:
                self.covers.append(Cover(widget, text))
        engine = self.session.raw_engine or db.engine
        dialog = UnlockDialog(engine, actor, self.session.window)
        self.dialog = dialog
        dialog.unlocked.connect(self._unlocked)
        dialog.switch_user.connect(self._switch_user)
        dialog.open()
        self.locked.emit()

    def _remove_covers(self) -> None:
        for cover in self.covers:
            cover.remove()
        self.covers = []

    def _unlocked(self) -> None:
        log.info("Session unlocked")
        self.dialog = None
        self._remove_covers()
        self.watcher.start()
        self.unlocked.emit()

    def _switch_user(self) -> None:
        if not self.session.confirm_log_out():
            return  # stays locked
        self.end_lock()
        self.session.end_session()

    def end_lock(self) -> None:
        """Drop the lock without a password (log out follows)."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.blockSignals(True)
            QDialog.done(dialog, QDialog.DialogCode.Rejected)
            dialog.deleteLater()
        self._remove_covers()

    def cover_window(self, on: bool, text: str = "") -> None:
        """Hide (or show again) the main window's contents while nobody is logged in."""
        if self.window_cover is not None:
            self.window_cover.remove()
            self.window_cover = None
        if on:
            self.window_cover = Cover(self.session.window, text)
