"""Người dùng — the dialogs of Settings ▸ Accounts.

- :class:`AccountDialog` — add an account (user name, full name, role, club for a club leader,
  password typed twice) or change one (full name, role, club, active).
- :class:`PasswordDialog` — change one's own password (the current one asked again), or, for an
  administrator, set a new password for someone who forgot theirs.

The work runs on the database thread (``services.auth``; Argon2id is slow on purpose); what the
service refuses is said in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..domain.enums import Role
from .i18n import current_language
from .login import MIN_PASSWORD_LENGTH, PasswordEdit, _BusyDialog, password_problem


class AccountDialog(_BusyDialog):
    """Add an account (*account* ``None``) or change *account* (an ``AccountInfo``).

    *clubs* are ``(id, name)`` pairs for a club leader's club. Signal ``saved(account_info)``
    before the dialog closes with ``Accepted``.
    """

    saved = Signal(object)

    def __init__(
        self,
        engine: Any,
        clubs: Sequence[tuple[int, str]],
        account: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.account = account
        self.setWindowTitle(self.tr("New account") if account is None else self.tr("Change account"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username_edit = QLineEdit(self)
        self.username_edit.setMaxLength(60)
        self.full_name_edit = QLineEdit(self)
        self.full_name_edit.setMaxLength(120)
        self.role_combo = QComboBox(self)
        lang = current_language()
        for role in Role:
            self.role_combo.addItem(role.label(lang), role.value)
        self.club_combo = QComboBox(self)
        self.club_combo.addItem(self.tr("(choose a club)"), None)
        for club_id, name in clubs:
            self.club_combo.addItem(name, club_id)
        self.active_check = QCheckBox(self.tr("Account in use (may log in)"), self)
        self.active_check.setChecked(True)
        self.password_edit = PasswordEdit(self)
        self.repeat_edit = PasswordEdit(self)
        form.addRow(self.tr("&User name:"), self.username_edit)
        form.addRow(self.tr("&Full name:"), self.full_name_edit)
        form.addRow(self.tr("&Role:"), self.role_combo)
        form.addRow(self.tr("&Club:"), self.club_combo)
        if account is None:
            self.role_combo.setCurrentIndex(self.role_combo.findData(Role.OFFICER.value))
            form.addRow(self.tr("&Password:"), self.password_edit)
            form.addRow(self.tr("R&epeat password:"), self.repeat_edit)
            self.active_check.hide()
        else:
            self.username_edit.setText(account.username)
            self.username_edit.setReadOnly(True)
            self.full_name_edit.setText(account.full_name)
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(Role(account.role).value)))
            index = self.club_combo.findData(account.club_id) if account.club_id is not None else 0
            if index < 0 and account.club_id is not None:  # a club deleted meanwhile
                self.club_combo.addItem(account.club_name or str(account.club_id), account.club_id)
                index = self.club_combo.count() - 1
            self.club_combo.setCurrentIndex(max(0, index))
            self.active_check.setChecked(bool(account.active))
            form.addRow("", self.active_check)
            self.password_edit.hide()
            self.repeat_edit.hide()
        layout.addLayout(form)
        self.hint = QLabel(
            self.tr(
                "Administrator: everything, users and settings. Officer: all records, reports, import and "
                "export. Club leader: the households and people of their own club, meetings and visits. "
                "Viewer: read and print only."
            ),
            self,
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.role_combo.currentIndexChanged.connect(self._update_club)
        self._update_club()

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    def set_role(self, role: Role) -> None:
        self.role_combo.setCurrentIndex(self.role_combo.findData(role.value))

    def _update_club(self) -> None:
        self.club_combo.setEnabled(self.role() is Role.CLUB_LEADER)

    def accept(self) -> None:
        if self.busy:
            return
        username = self.username_edit.text().strip()
        full_name = self.full_name_edit.text().strip()
        role = self.role()
        club_id = self.club_combo.currentData() if role is Role.CLUB_LEADER else None
        if not username:
            self.show_error(self.tr("Enter a user name."))
            return
        if not full_name:
            self.show_error(self.tr("Enter the full name."))
            return
        if role is Role.CLUB_LEADER and club_id is None:
            self.show_error(self.tr("Choose the club this club leader leads."))
            return
        engine = self.engine
        if self.account is None:
            password = self.password_edit.text()
            problem = password_problem(self, password, self.repeat_edit.text())
            if problem:
                self.show_error(problem)
                return

            def create() -> Any:
                from ..services.auth import create_account

                return create_account(engine, username, full_name, password, role, club_id)

            self._run(create, self._saved)
            return
        active = self.active_check.isChecked()

        def update() -> Any:
            from ..services.auth import update_account

            return update_account(engine, username, full_name=full_name, role=role, club_id=club_id, active=active)

        self._run(update, self._saved)

    def _saved(self, info: Any) -> None:
        self.saved.emit(info)
        super().accept()


class PasswordDialog(_BusyDialog):
    """Change the password of *username*: one's own (``own=True``: the current one is asked) or,
    for an administrator, anyone's. Signal ``changed()`` before it closes with ``Accepted``.
    """

    changed = Signal()

    def __init__(self, engine: Any, username: str, *, own: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.username = username
        self.own = own
        self.setWindowTitle(self.tr("Change my password") if own else self.tr("Set a new password"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            self.tr("Account: {username}").format(username=username)
            + "\n"
            + self.tr("At least {n} characters.").format(n=MIN_PASSWORD_LENGTH),
            self,
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.current_edit = PasswordEdit(self)
        self.new_edit = PasswordEdit(self)
        self.repeat_edit = PasswordEdit(self)
        self.show_password = QCheckBox(self.tr("&Show password"), self)
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            self.show_password.toggled.connect(edit.set_shown)
        if own:
            form.addRow(self.tr("&Current password:"), self.current_edit)
        else:
            self.current_edit.hide()
        form.addRow(self.tr("&New password:"), self.new_edit)
        form.addRow(self.tr("&Repeat new password:"), self.repeat_edit)
        form.addRow("", self.show_password)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if self.busy:
            return
        new = self.new_edit.text()
        problem = password_problem(self, new, self.repeat_edit.text())
        if problem:
            self.show_error(problem)
            return
        engine, username, current = self.engine, self.username, self.current_edit.text()
        if self.own:
            if not current:
                self.show_error(self.tr("Enter your current password."))
                return

            def change() -> None:
                from ..services.auth import change_password

                change_password(engine, username, current, new)

        else:

            def change() -> None:
                from ..services.auth import set_password

                set_password(engine, username, new)

        self._run(change, self._changed)

    def _changed(self, _result: Any) -> None:
        self.changed.emit()
        super().accept()
