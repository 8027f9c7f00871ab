"""Cài đặt — settings: the database in use, the UI language, the issuing unit's name, the user
accounts (issue 6), the idle lock and how long automatic backups are kept."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import LANGUAGES, current_language, format_count, format_size, install_language
from ..preferences import LANGUAGE_KEY
from ..tasks import run_task, user_message
from .base import Pane

#: columns of the users table
USER_COLUMNS = 5


@dataclass
class AccountsView:
    """What the Accounts section shows, read on the database thread."""

    actor: Any = None  # the logged-in Actor, or None
    has_accounts: bool = False
    accounts: list[Any] = field(default_factory=list)  # AccountInfo, administrators only
    clubs: list[tuple[int, str]] = field(default_factory=list)
    idle_minutes: int = 15
    keep_days: int = 30
    permissions: frozenset[str] = frozenset()  # Permission values the actor has (all: no accounts)
    backups: Any = None  # services.backup.AutomaticBackups of a database file; None for a server


def read_accounts_view(engine: Any) -> AccountsView:
    """The Accounts section's data for the actor bound to *engine* (database thread)."""
    from ...services import access
    from ...services.backup import backup_keep_days, backups_of
    from ...services.settings import idle_lock_minutes

    view = AccountsView(actor=access.actor_of(engine), has_accounts=access.has_accounts(engine))
    view.permissions = frozenset(p.value for p in access.Permission if access.can(engine, p))
    view.idle_minutes = idle_lock_minutes(engine)
    view.keep_days = backup_keep_days(engine)
    view.backups = backups_of(engine)
    if view.has_accounts and access.can(engine, access.Permission.USERS_MANAGE):
        from ...services.auth import list_accounts
        from ...services.club import list_clubs

        view.accounts = list_accounts(engine)
        view.clubs = [(c.id, c.name) for c in list_clubs(engine)]
    return view


class SettingsPane(Pane):
    """Cài đặt — shows where the database is and its schema revision; chooses the language.

    The language (QSettings ``ui/language``) applies at once, without a restart. The unit that
    keeps the database and its issuing name live in the database (they travel with the data).
    Emits ``language_changed(code)`` and ``unit_changed()``.
    """

    pane_id = "settings"
    language_changed = Signal(str)
    unit_changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        # the sections scroll when the window is low (issue 6 made the pane taller)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setStyleSheet("QScrollArea { background: transparent; }")
        self.scroll_area.viewport().setAutoFillBackground(False)
        content = QWidget(self.scroll_area)
        content.setObjectName("settingsContent")
        content.setStyleSheet("#settingsContent { background: transparent; }")
        self.scroll_area.setWidget(content)
        self.body.addWidget(self.scroll_area, 1)
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 8, 0)
        self.body.setSpacing(12)

        self.database_box = QGroupBox(self)
        database_form = QFormLayout(self.database_box)
        self.location_caption = QLabel(self.database_box)
        self.location_value = QLabel(self.database_box)
        self.location_value.setWordWrap(True)
        self.location_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revision_caption = QLabel(self.database_box)
        self.revision_value = QLabel(self.database_box)
        self.revision_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        database_form.addRow(self.location_caption, self.location_value)
        database_form.addRow(self.revision_caption, self.revision_value)
        self.server_button = QPushButton(self.database_box)  # issue 7: the shared office server
        self.server_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.server_button.clicked.connect(self.open_server_dialog)
        database_form.addRow("", self.server_button)
        self.body.addWidget(self.database_box)

        self.interface_box = QGroupBox(self)
        interface_form = QFormLayout(self.interface_box)
        self.language_caption = QLabel(self.interface_box)
        self.language_combo = QComboBox(self.interface_box)
        self.language_combo.setMinimumWidth(200)
        self.language_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for code, name in LANGUAGES:  # each language in its own name: never translated
            self.language_combo.addItem(name, code)
        self.language_caption.setBuddy(self.language_combo)
        interface_form.addRow(self.language_caption, self.language_combo)
        self.body.addWidget(self.interface_box)

        self.unit_box = QGroupBox(self)
        unit_form = QFormLayout(self.unit_box)
        self.unit_caption = QLabel(self.unit_box)
        self.unit_value = QLabel(self.unit_box)
        self.unit_value.setWordWrap(True)
        self.unit_name_caption = QLabel(self.unit_box)
        self.unit_name_value = QLabel(self.unit_box)
        self.unit_name_value.setWordWrap(True)
        self.change_unit_button = QPushButton(self.unit_box)
        self.change_unit_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.change_unit_button.clicked.connect(self.change_unit)
        self.unit_hint = QLabel(self.unit_box)
        self.unit_hint.setObjectName("hint")
        self.unit_hint.setWordWrap(True)
        unit_form.addRow(self.unit_caption, self.unit_value)
        unit_form.addRow(self.unit_name_caption, self.unit_name_value)
        unit_form.addRow("", self.change_unit_button)
        unit_form.addRow("", self.unit_hint)
        self.targets_button = QPushButton(self.unit_box)  # Chỉ tiêu: the yearly targets per commune
        self.targets_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.targets_button.clicked.connect(self.open_targets)
        unit_form.addRow("", self.targets_button)
        self.hamlets_button = QPushButton(self.unit_box)  # Ấp/thôn: rename or merge hamlet names
        self.hamlets_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.hamlets_button.clicked.connect(self.open_hamlets)
        unit_form.addRow("", self.hamlets_button)
        self.body.addWidget(self.unit_box)

        self.backup_box = QGroupBox(self)  # Sao lưu (issue 6): back up now, restore
        backup_form = QFormLayout(self.backup_box)
        self.backup_button = QPushButton(self.backup_box)
        self.backup_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.backup_box)
        self.restore_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.restore_button.clicked.connect(self.restore_backup)
        self.backup_hint = QLabel(self.backup_box)
        self.backup_hint.setObjectName("hint")
        self.backup_hint.setWordWrap(True)
        backup_form.addRow("", self.backup_button)
        backup_form.addRow("", self.restore_button)
        backup_form.addRow("", self.backup_hint)
        # the automatic copies: the newest, how many and how big, the room left (read with the accounts)
        self.automatic_caption = QLabel(self.backup_box)
        self.automatic_value = QLabel(self.backup_box)
        self.automatic_value.setWordWrap(True)
        self.automatic_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.automatic_warning = QLabel(self.backup_box)
        self.automatic_warning.setObjectName("paneMessage")
        self.automatic_warning.setWordWrap(True)
        self.automatic_warning.hide()
        self.open_backups_button = QPushButton(self.backup_box)
        self.open_backups_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.open_backups_button.clicked.connect(self.open_backup_folder)
        self.keep_days_caption = QLabel(self.backup_box)
        self.keep_days_spin = QSpinBox(self.backup_box)
        self.keep_days_spin.setRange(1, 3650)
        self.keep_days_spin.setValue(30)
        self.keep_days_spin.setKeyboardTracking(False)  # saved on Enter, focus out or the arrows
        self.keep_days_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.keep_days_caption.setBuddy(self.keep_days_spin)
        backup_form.addRow(self.keep_days_caption, self.keep_days_spin)
        backup_form.addRow(self.automatic_caption, self.automatic_value)
        backup_form.addRow("", self.automatic_warning)
        backup_form.addRow("", self.open_backups_button)
        self.body.addWidget(self.backup_box)
        self._build_accounts()
        self.body.addStretch(1)

        self._select_language(current_language())
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)
        self.retranslate_ui()

    def _build_accounts(self) -> None:
        """Tài khoản (issue 6): who is logged in, the users (administrators), passwords, idle lock."""
        self.accounts_view = AccountsView()
        self._accounts_generation = 0
        self._backups_watched = False
        self.accounts_box = QGroupBox(self)
        form = QFormLayout(self.accounts_box)
        self.user_caption = QLabel(self.accounts_box)
        self.user_value = QLabel(self.accounts_box)
        self.user_value.setWordWrap(True)
        form.addRow(self.user_caption, self.user_value)
        self.users_table = QTableWidget(0, USER_COLUMNS, self.accounts_box)
        self.users_table.setObjectName("usersTable")
        self.users_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.users_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users_table.verticalHeader().hide()
        self.users_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.users_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.users_table.setMinimumHeight(140)
        self.users_table.itemSelectionChanged.connect(self._update_account_buttons)
        self.users_table.doubleClicked.connect(lambda _index: self.edit_account())
        form.addRow(self.users_table)
        row = QHBoxLayout()
        self.add_user_button = QPushButton(self.accounts_box)
        self.add_user_button.clicked.connect(self.add_account)
        self.edit_user_button = QPushButton(self.accounts_box)
        self.edit_user_button.clicked.connect(self.edit_account)
        self.reset_password_button = QPushButton(self.accounts_box)
        self.reset_password_button.clicked.connect(self.reset_password)
        self.change_password_button = QPushButton(self.accounts_box)
        self.change_password_button.clicked.connect(self.change_my_password)
        self.create_admin_button = QPushButton(self.accounts_box)
        self.create_admin_button.clicked.connect(self.create_admin)
        for button in (
            self.add_user_button,
            self.edit_user_button,
            self.reset_password_button,
            self.change_password_button,
            self.create_admin_button,
        ):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        form.addRow(row)
        self.idle_caption = QLabel(self.accounts_box)
        self.idle_spin = QSpinBox(self.accounts_box)
        self.idle_spin.setRange(1, 24 * 60)
        self.idle_spin.setValue(15)
        self.idle_spin.setKeyboardTracking(False)
        self.idle_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.idle_caption.setBuddy(self.idle_spin)
        form.addRow(self.idle_caption, self.idle_spin)
        self.accounts_message = QLabel(self.accounts_box)
        self.accounts_message.setObjectName("hint")
        self.accounts_message.setWordWrap(True)
        form.addRow(self.accounts_message)
        self.body.insertWidget(self.body.indexOf(self.backup_box), self.accounts_box)
        self.idle_spin.valueChanged.connect(self._save_idle_minutes)
        self.keep_days_spin.valueChanged.connect(self._save_keep_days)
        self._show_accounts(AccountsView())

    def title(self) -> str:
        return self.tr("Settings")

    def refresh(self) -> None:
        db = self.database
        if hasattr(self, "accounts_box"):
            self.refresh_accounts()
        if db is None:
            self.location_value.setText(self.tr("No database is open."))
            self.revision_value.setText("—")
            self.unit_value.setText("—")
            self.unit_name_value.setText("—")
            return
        self.location_value.setText(db.display_location)
        migration = db.migration
        self.revision_value.setText(migration.to_revision if migration is not None else "—")
        from ...services.settings import get_own_unit

        own = get_own_unit(db.engine)
        self.unit_value.setText(own.full_name if own else self.tr("Not chosen yet"))
        self.unit_name_value.setText(own.display_name if own else "—")

    # -- accounts (issue 6) -----------------------------------------------------------------

    def refresh_accounts(self) -> None:
        """Read the accounts, the idle minutes and the backups again (in the background)."""
        self._watch_backups()
        self._accounts_generation += 1
        generation = self._accounts_generation
        db = self.database
        if db is None:
            self._show_accounts(AccountsView())
            return
        engine = db.engine

        def shown(view: AccountsView) -> None:
            if generation == self._accounts_generation:
                self._show_accounts(view)

        run_task(lambda: read_accounts_view(engine), context=self, on_success=shown, on_error=self._accounts_failed)

    def _accounts_failed(self, error: BaseException) -> None:
        message = user_message(error)
        if message is None:
            sys.excepthook(type(error), error, error.__traceback__)
        else:
            self.accounts_message.setText(message)

    def may(self, permission: str) -> bool:
        """Whether the logged-in user may do *permission* (a ``Permission`` value), as last read."""
        return permission in self.accounts_view.permissions

    def _show_accounts(self, view: AccountsView) -> None:
        from ..i18n import current_language

        self.accounts_view = view
        open_db = self.database is not None
        actor = view.actor
        manage_users = open_db and view.has_accounts and self.may("users_manage")
        settings_ok = open_db and self.may("settings_manage")
        if actor is not None:
            from ..login import actor_label

            self.user_value.setText(actor_label(actor) + f" — {actor.username}")
            self.accounts_message.setText("")
        elif open_db and not view.has_accounts:
            self.user_value.setText(self.tr("No accounts yet"))
            self.accounts_message.setText(
                self.tr(
                    "Anyone using this PC can see and change every record. Create the administrator account "
                    "to ask for a user name and password when the program opens."
                )
            )
        else:
            self.user_value.setText("—")
            self.accounts_message.setText("")
        lang = current_language()
        selected = self.selected_username()
        self.users_table.setRowCount(len(view.accounts))
        for row, account in enumerate(view.accounts):
            active = self.tr("yes") if account.active else self.tr("no")
            values = (account.username, account.full_name, account.role.label(lang), account.club_name, active)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, account.username)
                self.users_table.setItem(row, column, item)
            if account.username == selected:
                self.users_table.selectRow(row)
        self.users_table.setVisible(manage_users)
        self.add_user_button.setVisible(manage_users)
        self.edit_user_button.setVisible(manage_users)
        self.reset_password_button.setVisible(manage_users)
        self.change_password_button.setVisible(actor is not None)
        self.create_admin_button.setVisible(open_db and not view.has_accounts)
        self.idle_caption.setVisible(view.has_accounts)
        self.idle_spin.setVisible(view.has_accounts)
        self.idle_spin.setEnabled(settings_ok)
        self.keep_days_spin.setEnabled(settings_ok)
        for spin, value in ((self.idle_spin, view.idle_minutes), (self.keep_days_spin, view.keep_days)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        # what only an administrator may do elsewhere in this pane
        self.change_unit_button.setVisible(not open_db or settings_ok)
        self.targets_button.setVisible(not open_db or settings_ok)
        self.hamlets_button.setVisible(open_db and self.may("records_write"))
        may_backup = not open_db or self.may("backup_restore")
        self.backup_button.setVisible(may_backup)
        self.restore_button.setVisible(may_backup)
        self.backup_hint.setVisible(may_backup)
        self._show_automatic_backups(view.backups if open_db and may_backup else None)
        self._update_account_buttons()

    def _watch_backups(self) -> None:
        """Once in a window: read the backups again when one is made while the pane is open."""
        window = self.window()
        if self._backups_watched or window is self or not hasattr(window, "database"):
            return
        from ..backup_dialogs import controller_of

        controller_of(window).backed_up.connect(self._backup_made)
        self._backups_watched = True

    def _backup_made(self, _path: object) -> None:
        self.refresh_accounts()

    def _show_automatic_backups(self, backups: Any) -> None:
        """The newest automatic copy, their number and size, the disk's room (*backups*: an
        ``AutomaticBackups``, None to hide); a warning when the newest is old (the daily copy
        failed: a full disk …) or the next one will not fit."""
        from datetime import date

        from ...services.backup import BEFORE_IMPORT, BEFORE_RESTORE

        for widget in (self.automatic_caption, self.automatic_value, self.open_backups_button):
            widget.setVisible(backups is not None)
        warnings: list[str] = []
        if backups is None:
            self.automatic_warning.hide()
            return
        if backups.newest_at is None:
            self.automatic_value.setText(self.tr("None yet."))
        else:
            kind = {
                BEFORE_IMPORT: self.tr("before an import"),
                BEFORE_RESTORE: self.tr("before a restore"),
            }.get(backups.newest_kind or "", self.tr("of the day"))
            line = self.tr("the newest of {when} ({kind}, {size}); {count} copies in all, {total}.").format(
                when=backups.newest_at.strftime("%H:%M %d/%m/%Y"),
                kind=kind,
                size=format_size(backups.newest_bytes),
                count=format_count(backups.count),
                total=format_size(backups.total_bytes),
            )
            if backups.free_bytes is not None:
                line += " " + self.tr("{free} free on the disk.").format(free=format_size(backups.free_bytes))
            self.automatic_value.setText(line)
        failed = getattr(self.database, "daily_backup_failed", None)
        days = backups.days_old(date.today())
        if failed:
            warnings.append(self.tr("Today's automatic backup could not be made: {why}").format(why=failed))
        elif days is not None and days >= 2:
            warnings.append(
                self.tr("The newest automatic backup is {days} days old. Back up now, and check the disk.").format(
                    days=days
                )
            )
        if not failed and backups.free_bytes is not None and backups.free_bytes < backups.room_needed:
            warnings.append(
                self.tr(
                    "Only {free} is free on the disk; the next automatic backup needs about {needed}. "
                    "The oldest copies are removed to make room while they can be: free some space on the disk."
                ).format(free=format_size(backups.free_bytes), needed=format_size(backups.room_needed))
            )
        self.automatic_warning.setText("\n".join(warnings))
        self.automatic_warning.setVisible(bool(warnings))

    def automatic_backups_text(self) -> str:
        """What the pane says of the automatic backups (their line and its warning, if shown)."""
        parts = [self.automatic_value.text()] if self.automatic_value.isVisibleTo(self) else []
        if self.automatic_warning.isVisibleTo(self):
            parts.append(self.automatic_warning.text())
        return "\n".join(parts)

    def open_backup_folder(self) -> None:
        """Mở thư mục sao lưu: the automatic copies in the file manager (made if not there yet)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from ...services.backup import backup_folder

        folder = backup_folder()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def selected_username(self) -> str | None:
        rows = self.users_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.users_table.item(rows[0].row(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def selected_account(self) -> Any:
        name = self.selected_username()
        return next((a for a in self.accounts_view.accounts if a.username == name), None)

    def _update_account_buttons(self) -> None:
        chosen = self.selected_username() is not None
        self.edit_user_button.setEnabled(chosen)
        self.reset_password_button.setEnabled(chosen)

    def add_account(self) -> None:
        """Thêm người dùng: the account dialog; the list is read again after saving."""
        db = self.database
        if db is None:
            return
        from ..users_dialog import AccountDialog

        self._open_account_dialog(AccountDialog(db.engine, self.accounts_view.clubs, None, self))

    def edit_account(self) -> None:
        db = self.database
        account = self.selected_account()
        if db is None or account is None:
            return
        from ..users_dialog import AccountDialog

        self._open_account_dialog(AccountDialog(db.engine, self.accounts_view.clubs, account, self))

    def _open_account_dialog(self, dialog: Any) -> None:
        self.account_dialog = dialog
        dialog.saved.connect(lambda _info: self.refresh_accounts())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def reset_password(self) -> None:
        """Đặt lại mật khẩu for the chosen user (administrators)."""
        db = self.database
        account = self.selected_account()
        if db is None or account is None:
            return
        from ..users_dialog import PasswordDialog

        self._open_password_dialog(PasswordDialog(db.engine, account.username, own=False, parent=self))

    def change_my_password(self) -> None:
        """Đổi mật khẩu của tôi."""
        db = self.database
        actor = self.accounts_view.actor
        if db is None or actor is None:
            return
        from ..users_dialog import PasswordDialog

        self._open_password_dialog(PasswordDialog(db.engine, actor.username, own=True, parent=self))

    def _open_password_dialog(self, dialog: Any) -> None:
        self.password_dialog = dialog
        dialog.changed.connect(lambda: self.accounts_message.setText(self.tr("The password was changed.")))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def create_admin(self) -> None:
        """A database without accounts: create the administrator (login is on from then)."""
        window = self.window()
        if hasattr(window, "ask_first_admin"):
            window.ask_first_admin()

    def _save_idle_minutes(self, minutes: int) -> None:
        db = self.database
        if db is None:
            return
        engine = db.engine

        def save() -> int:
            from ...services.settings import set_idle_lock_minutes

            set_idle_lock_minutes(engine, minutes=minutes)
            return minutes

        def saved(value: int) -> None:
            self.accounts_view.idle_minutes = value
            session = getattr(self.window(), "session", None)
            if session is not None:
                session.lock_controller.set_idle_minutes(value)

        run_task(save, context=self, on_success=saved, on_error=self._accounts_failed)

    def _save_keep_days(self, days: int) -> None:
        db = self.database
        if db is None:
            return
        engine = db.engine

        def save() -> int:
            from ...services.access import Permission, require
            from ...services.backup import set_backup_keep_days

            require(engine, Permission.SETTINGS_MANAGE)
            set_backup_keep_days(engine, days=days)
            return days

        def saved(value: int) -> None:
            self.accounts_view.keep_days = value

        run_task(save, context=self, on_success=saved, on_error=self._accounts_failed)

    def set_language(self, code: str) -> None:
        """Choose *code* ("vi" or "en") as if the user picked it in the list."""
        index = self.language_combo.findData(code)
        if index >= 0:
            self.language_combo.setCurrentIndex(index)

    def unit_name(self) -> str:
        """The issuing unit's name as shown (from the database)."""
        return self.unit_name_value.text().strip()

    def change_unit(self) -> None:
        """Open the unit chooser; the choice is saved in the database."""
        db = self.database
        if db is None:
            return
        from ..unit_dialog import UnitDialog

        dialog = UnitDialog(db.engine, self)
        if dialog.exec() == UnitDialog.DialogCode.Accepted:
            self.unit_changed.emit()
            self.refresh()

    def open_targets(self) -> None:
        """Open the yearly targets per commune (Chỉ tiêu)."""
        db = self.database
        if db is None:
            return
        from ..outreach_targets import TargetsDialog

        TargetsDialog(db.engine, parent=self).open()

    def open_hamlets(self) -> None:
        """Open the hamlet names in use, to rename or merge them (Ấp/thôn)."""
        db = self.database
        if db is None:
            return
        from ..hamlets_dialog import HamletsDialog

        dialog = HamletsDialog(db.engine, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_server_dialog(self) -> None:
        """Máy chủ cơ sở dữ liệu: test a PostgreSQL URL, copy this database there (see ui.server_dialog)."""
        from ..server_dialog import ServerDialog

        dialog = ServerDialog(self.database, self.settings, self)
        dialog.open()

    def backup_now(self) -> None:
        """Sao lưu ngay: copy the database to a folder of the user's choice (see ui.backup_dialogs)."""
        from ..backup_dialogs import controller_of

        controller_of(self.window()).backup_now()

    def restore_backup(self) -> None:
        """Khôi phục…: replace the database by a backup after confirmation (see ui.backup_dialogs)."""
        from ..backup_dialogs import controller_of

        controller_of(self.window()).restore()

    def _select_language(self, code: str) -> None:
        index = self.language_combo.findData(code)
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.blockSignals(False)

    def _on_language_chosen(self, index: int) -> None:
        code = str(self.language_combo.itemData(index))
        self.settings.setValue(LANGUAGE_KEY, code)
        installed = install_language(code)
        self._select_language(installed)
        self.language_changed.emit(installed)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.database_box.setTitle(self.tr("Database"))
        self.location_caption.setText(self.tr("Location:"))
        self.revision_caption.setText(self.tr("Schema revision:"))
        self.server_button.setText(self.tr("Database &server…"))
        self.interface_box.setTitle(self.tr("Interface"))
        self.language_caption.setText(self.tr("&Language:"))
        self.unit_box.setTitle(self.tr("Your unit"))
        self.unit_caption.setText(self.tr("Commune / ward:"))
        self.unit_name_caption.setText(self.tr("Issuing unit:"))
        self.change_unit_button.setText(self.tr("C&hange…"))
        self.targets_button.setText(self.tr("&Targets per commune…"))
        self.hamlets_button.setText(self.tr("&Hamlets…"))
        self.unit_hint.setText(
            self.tr("Kept in the database. New records are marked with this unit; reports are issued in its name.")
        )
        self.backup_box.setTitle(self.tr("Backups"))
        self.backup_button.setText(self.tr("&Back up now…"))
        self.restore_button.setText(self.tr("&Restore from a backup…"))
        self.backup_hint.setText(
            self.tr(
                "The program also backs up the database by itself once a day and before every import, "
                "and keeps those copies for the number of days below."
            )
        )
        self.keep_days_caption.setText(self.tr("&Keep backups (days):"))
        self.automatic_caption.setText(self.tr("Automatic backups:"))
        self.open_backups_button.setText(self.tr("&Open the backups folder"))
        self.accounts_box.setTitle(self.tr("Accounts"))
        self.user_caption.setText(self.tr("Logged in:"))
        self.users_table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Club"), self.tr("In use")]
        )
        self.add_user_button.setText(self.tr("&Add user…"))
        self.edit_user_button.setText(self.tr("&Change…"))
        self.reset_password_button.setText(self.tr("Set a &new password…"))
        self.change_password_button.setText(self.tr("Change &my password…"))
        self.create_admin_button.setText(self.tr("Create the &administrator account…"))
        self.idle_caption.setText(self.tr("&Lock after idle (minutes):"))
        self.refresh()
