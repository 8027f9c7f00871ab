"""Settings ▸ Accounts: an administrator adds and changes users, resets passwords; everyone changes
their own; the idle minutes and backup days are saved in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.gui.accounts_helpers import (
    ADMIN_PASSWORD,
    OFFICER_PASSWORD,
    add_accounts,
    cheap_hasher,
    logged_in_window,
    vi,
)
from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from xkld_desktop.domain.enums import Role
from xkld_desktop.domain.models import UserAccount
from xkld_desktop.services import auth
from xkld_desktop.services.backup import backup_keep_days
from xkld_desktop.services.club import create_club
from xkld_desktop.services.settings import idle_lock_minutes
from xkld_desktop.store.session import read_session
from xkld_desktop.ui.panes.settings import SettingsPane
from xkld_desktop.ui.users_dialog import AccountDialog, PasswordDialog


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASHER", cheap_hasher())


def _account(engine, username: str) -> tuple[str, Role, int | None, bool, str] | None:
    with read_session(engine) as session:
        a = session.scalars(select(UserAccount).where(UserAccount.username == username)).one_or_none()
        return None if a is None else (a.full_name, Role(a.role), a.club_id, a.active, a.password_hash)


def _settings_pane(qtbot, window) -> SettingsPane:
    pane = window.pane(SettingsPane)
    assert isinstance(pane, SettingsPane)
    window.show_pane(SettingsPane)
    qtbot.waitUntil(lambda: pane.accounts_view.actor is not None, timeout=30_000)
    drain_tasks(qtbot)
    return pane


def _table_rows(pane: SettingsPane) -> list[list[str]]:
    table = pane.users_table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_administrator_adds_an_officer_through_the_dialog(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "admin", ADMIN_PASSWORD)
    pane = _settings_pane(qtbot, w)
    assert pane.users_table.isVisible()
    assert [row[0] for row in _table_rows(pane)] == ["admin", "canbo", "xem"]

    pane.add_user_button.click()
    dialog = pane.account_dialog
    assert isinstance(dialog, AccountDialog)
    qtbot.waitExposed(dialog)
    type_text(dialog.username_edit, "hoa")
    type_text(dialog.full_name_edit, "Đỗ Thị Hoa")
    dialog.set_role(Role.OFFICER)
    assert not dialog.club_combo.isEnabled()  # only a club leader has a club
    type_text(dialog.password_edit, "hoa-2025")
    type_text(dialog.repeat_edit, "hoa-2026")
    dialog.ok_button.click()
    assert dialog.error() == vi(
        "LoginDialog", "The two passwords are not the same.", "Hai lần nhập mật khẩu không giống nhau."
    )
    assert _account(database.engine, "hoa") is None

    dialog.repeat_edit.clear()
    type_text(dialog.repeat_edit, "hoa-2025")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    stored = _account(database.engine, "hoa")
    assert stored is not None
    full_name, role, club_id, active, password_hash = stored
    assert (full_name, role, club_id, active) == ("Đỗ Thị Hoa", Role.OFFICER, None, True)
    assert password_hash.startswith("$argon2id$")
    assert auth.authenticate(database.engine, "hoa", "hoa-2025").role is Role.OFFICER
    qtbot.waitUntil(lambda: "hoa" in [row[0] for row in _table_rows(pane)], timeout=30_000)
    assert ["hoa", "Đỗ Thị Hoa", "Cán bộ", "", vi("SettingsPane", "yes", "có")] in _table_rows(pane)
    drain_tasks(qtbot)
    w.database.close()


def test_a_duplicate_user_name_is_refused_in_the_dialog(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "admin", ADMIN_PASSWORD)
    pane = _settings_pane(qtbot, w)
    pane.add_user_button.click()
    dialog = pane.account_dialog
    type_text(dialog.username_edit, "canbo")
    type_text(dialog.full_name_edit, "Người Khác")
    type_text(dialog.password_edit, "mật khẩu mới 1")
    type_text(dialog.repeat_edit, "mật khẩu mới 1")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.error() == "Tên đăng nhập canbo đã có."
    assert dialog.isVisible()
    assert _account(database.engine, "canbo")[0] == "Lê Văn Cán"
    drain_tasks(qtbot)
    w.database.close()


def test_the_administrator_makes_a_club_leader_and_switches_an_account_off(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    club_id = create_club(auth_engine(database), name="CLB Tân Hộ", commune_id=None)
    w = logged_in_window(qtbot, settings, database.url, "admin", ADMIN_PASSWORD)
    pane = _settings_pane(qtbot, w)
    row = [r[0] for r in _table_rows(pane)].index("canbo")
    pane.users_table.selectRow(row)
    pane.edit_user_button.click()
    dialog = pane.account_dialog
    assert isinstance(dialog, AccountDialog)
    assert dialog.username_edit.isReadOnly()
    dialog.set_role(Role.CLUB_LEADER)
    dialog.ok_button.click()
    assert dialog.error() == vi(
        "AccountDialog", "Choose the club this club leader leads.", "Hãy chọn câu lạc bộ mà trưởng CLB này phụ trách."
    )
    dialog.club_combo.setCurrentIndex(dialog.club_combo.findData(club_id))
    dialog.active_check.setChecked(False)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert _account(database.engine, "canbo")[1:4] == (Role.CLUB_LEADER, club_id, False)
    with pytest.raises(auth.LoginFailed):
        auth.authenticate(database.engine, "canbo", OFFICER_PASSWORD)
    drain_tasks(qtbot)
    w.database.close()


def auth_engine(database):
    from xkld_desktop.services.access import SYSTEM, bind

    return bind(database.engine, SYSTEM)


def test_reset_password_and_change_my_password(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "admin", ADMIN_PASSWORD)
    pane = _settings_pane(qtbot, w)
    pane.users_table.selectRow([r[0] for r in _table_rows(pane)].index("xem"))
    pane.reset_password_button.click()
    dialog = pane.password_dialog
    assert isinstance(dialog, PasswordDialog) and not dialog.own
    type_text(dialog.new_edit, "mật khẩu mới của xem")
    type_text(dialog.repeat_edit, "mật khẩu mới của xem")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert auth.authenticate(database.engine, "xem", "mật khẩu mới của xem").username == "xem"

    pane.change_password_button.click()
    mine = pane.password_dialog
    assert isinstance(mine, PasswordDialog) and mine.own
    type_text(mine.current_edit, "đoán bừa thôi")
    type_text(mine.new_edit, "quản trị mới 2026")
    type_text(mine.repeat_edit, "quản trị mới 2026")
    mine.ok_button.click()
    qtbot.waitUntil(lambda: not mine.busy, timeout=30_000)
    assert mine.error() == "Mật khẩu hiện tại không đúng."
    mine.current_edit.clear()
    type_text(mine.current_edit, ADMIN_PASSWORD)
    mine.ok_button.click()
    qtbot.waitUntil(lambda: not mine.busy, timeout=30_000)
    assert auth.authenticate(database.engine, "admin", "quản trị mới 2026").username == "admin"
    drain_tasks(qtbot)
    w.database.close()


def test_idle_minutes_and_backup_days_are_saved(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "admin", ADMIN_PASSWORD)
    pane = _settings_pane(qtbot, w)
    assert pane.idle_spin.value() == 15 and pane.keep_days_spin.value() == 30
    pane.idle_spin.setValue(5)
    pane.keep_days_spin.setValue(60)
    drain_tasks(qtbot)
    assert idle_lock_minutes(database.engine) == 5
    assert backup_keep_days(database.engine) == 60
    assert w.session.lock_controller.watcher.timeout_ms == 5 * 60_000
    drain_tasks(qtbot)
    w.database.close()


def test_an_officer_sees_no_users_and_no_backup_buttons(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "canbo", OFFICER_PASSWORD)
    pane = _settings_pane(qtbot, w)
    assert not pane.users_table.isVisible()
    assert not pane.add_user_button.isVisible()
    assert not pane.backup_button.isVisible() and not pane.restore_button.isVisible()
    assert not pane.idle_spin.isEnabled() and not pane.keep_days_spin.isEnabled()
    assert pane.change_password_button.isVisible()
    assert not w.backup_action.isVisible()
    assert w.import_action.isVisible()  # officers import
    drain_tasks(qtbot)
    w.database.close()


def test_without_accounts_settings_offers_the_administrator_account(qtbot, window, monkeypatch) -> None:
    asked: list[bool] = []
    monkeypatch.setattr(type(window), "ask_first_admin", lambda self: asked.append(True))
    pane = window.pane(SettingsPane)
    assert isinstance(pane, SettingsPane)
    window.show_pane(SettingsPane)
    qtbot.waitUntil(lambda: pane.create_admin_button.isVisible(), timeout=30_000)
    assert not pane.users_table.isVisible()
    assert not pane.change_password_button.isVisible()
    pane.create_admin_button.click()
    assert asked == [True]
