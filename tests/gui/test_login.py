"""Login in the window: the first administrator, the login dialog before any data, log out, roles."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.gui.accounts_helpers import (
    ADMIN_PASSWORD,
    VIEWER_PASSWORD,
    add_accounts,
    cheap_hasher,
    log_in,
    logged_in_window,
    login_dialog,
    vi,
)
from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from xkld_desktop.domain.enums import Role
from xkld_desktop.domain.models import UserAccount
from xkld_desktop.services import auth
from xkld_desktop.services.access import actor_of
from xkld_desktop.store.session import read_session
from xkld_desktop.ui.login import FirstAdminDialog
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.panes.people import PeoplePane
from xkld_desktop.ui.panes.settings import SettingsPane


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASHER", cheap_hasher())


def _accounts(engine) -> list[tuple[str, str, Role, str]]:
    """(username, full name, role, password hash) of every account in the database."""
    with read_session(engine) as session:
        return [(a.username, a.full_name, Role(a.role), a.password_hash) for a in session.scalars(select(UserAccount))]


def test_first_start_asks_for_the_administrator_and_stores_an_argon2id_hash(
    qtbot, settings, db_url, unit_requests
) -> None:
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.open_database_url(db_url)  # empty: no sample data (answered No), the unit asked (recorded)
    qtbot.waitUntil(lambda: w.session.admin_dialog is not None, timeout=60_000)
    assert unit_requests == [w]
    dialog = w.session.admin_dialog
    assert isinstance(dialog, FirstAdminDialog)
    qtbot.waitExposed(dialog)

    dialog.username_edit.clear()
    type_text(dialog.username_edit, "quantri")
    type_text(dialog.full_name_edit, "Nguyễn Thị Hồng")
    type_text(dialog.password_edit, "ngắn")
    type_text(dialog.repeat_edit, "ngắn")
    dialog.ok_button.click()
    assert dialog.error() == vi(
        "LoginDialog", "The password needs at least {n} characters.", "Mật khẩu cần ít nhất {n} ký tự."
    ).format(n=8)
    dialog.password_edit.clear()
    dialog.repeat_edit.clear()
    type_text(dialog.password_edit, "Mật khẩu dài đủ")
    type_text(dialog.repeat_edit, "Mật khẩu dài khác")
    dialog.ok_button.click()
    assert dialog.error() == vi(
        "LoginDialog", "The two passwords are not the same.", "Hai lần nhập mật khẩu không giống nhau."
    )
    assert _accounts(w.database.engine) == []  # nothing written yet

    dialog.repeat_edit.clear()
    type_text(dialog.repeat_edit, "Mật khẩu dài đủ")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: w.session.actor is not None, timeout=30_000)

    [(username, full_name, role, password_hash)] = _accounts(w.database.engine)
    assert (username, full_name, role) == ("quantri", "Nguyễn Thị Hồng", Role.ADMIN)
    assert password_hash.startswith("$argon2id$")
    assert "Mật khẩu dài đủ" not in password_hash
    assert actor_of(w.database.engine).username == "quantri"  # the window's engine carries the actor
    assert w.session.user_label.text() == vi("SessionController", "User: {who}", "Người dùng: {who}").format(
        who="Nguyễn Thị Hồng (Quản trị)"
    )
    assert w.session.logout_action.isVisible()
    drain_tasks(qtbot)
    w.database.close()


def test_a_database_with_accounts_asks_for_a_login_before_showing_data(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.open_database_url(database.url)
    dialog = login_dialog(qtbot, w)
    assert w.database is None  # nothing reaches the panes before the login
    assert w.pane(PeoplePane).database is None

    log_in(qtbot, dialog, "admin", "sai mật khẩu")
    assert dialog.error() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.isVisible()
    assert dialog.password_edit.text() == ""
    assert w.database is None

    log_in(qtbot, dialog, "Admin", ADMIN_PASSWORD)  # user names are case-blind
    qtbot.waitUntil(lambda: w.database is not None, timeout=30_000)
    assert actor_of(w.database.engine).username == "admin"
    assert actor_of(w.pane(PeoplePane).database.engine).role is Role.ADMIN
    assert w.session.user_label.text() == vi("SessionController", "User: {who}", "Người dùng: {who}").format(
        who="Trần Thị Quản (Quản trị)"
    )
    assert w.session.login_dialog is None  # closed
    drain_tasks(qtbot)
    w.database.close()


def test_five_wrong_passwords_make_the_next_try_wait(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.open_database_url(database.url)
    dialog = login_dialog(qtbot, w)
    for _ in range(5):
        log_in(qtbot, dialog, "xem", "không đúng đâu")
    assert "Hãy chờ 30 giây" in dialog.error()
    log_in(qtbot, dialog, "xem", VIEWER_PASSWORD)  # even the right one waits
    assert "Hãy chờ" in dialog.error()
    assert w.database is None
    drain_tasks(qtbot)


def test_show_password_shows_the_letters(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.open_database_url(database.url)
    dialog = login_dialog(qtbot, w)
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    dialog.show_password.setChecked(True)
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Normal
    drain_tasks(qtbot)


def test_cancelling_the_login_closes_the_program(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.open_database_url(database.url)
    dialog = login_dialog(qtbot, w)
    dialog.buttons.rejected.emit()
    qtbot.waitUntil(lambda: not w.isVisible())
    assert w.database is None
    drain_tasks(qtbot)


def test_a_viewer_sees_no_buttons_that_change_records(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "xem", VIEWER_PASSWORD)
    people = w.pane(PeoplePane)
    assert isinstance(people, PeoplePane)
    w.show_pane(PeoplePane)
    assert people.new_button.isHidden() and people.edit_button.isHidden() and people.delete_button.isHidden()
    assert not people.new_action.isEnabled()  # Ctrl+N does nothing either
    assert not w.import_action.isVisible()
    assert not w.backup_action.isVisible() and not w.restore_action.isVisible()
    settings_pane = w.pane(SettingsPane)
    assert isinstance(settings_pane, SettingsPane)
    qtbot.waitUntil(lambda: settings_pane.accounts_view.actor is not None, timeout=30_000)
    w.show_pane(SettingsPane)
    assert not settings_pane.users_table.isVisible()
    assert not settings_pane.add_user_button.isVisible()
    assert not settings_pane.backup_button.isVisible()
    assert not settings_pane.change_unit_button.isVisible()
    assert settings_pane.change_password_button.isVisible()
    drain_tasks(qtbot)
    w.database.close()


def test_log_out_hides_the_data_and_the_next_user_logs_in(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "xem", VIEWER_PASSWORD)
    people = w.pane(PeoplePane)
    assert isinstance(people, PeoplePane)
    assert people.new_button.isHidden()
    w.session.logout_action.trigger()
    assert people.database is None
    assert w.session.actor is None
    assert w.session.user_label.text() == ""
    dialog = login_dialog(qtbot, w)
    log_in(qtbot, dialog, "admin", ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: people.database is not None, timeout=30_000)
    assert actor_of(w.database.engine).username == "admin"
    assert w.session.lock_controller.window_cover is None
    w.show_pane(PeoplePane)
    assert not people.new_button.isHidden()  # the administrator gets the buttons back
    assert w.import_action.isVisible()
    drain_tasks(qtbot)
    w.database.close()


def test_a_database_without_accounts_asks_for_no_login(qtbot, settings, database) -> None:
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.database_changed, timeout=60_000):
        w.open_database_url(database.url)
    assert w.session.login_dialog is None
    assert w.session.actor is None
    assert not w.session.logout_action.isVisible()
    people = w.pane(PeoplePane)
    assert isinstance(people, PeoplePane)
    assert not people.new_button.isHidden()
    drain_tasks(qtbot)
    w.database.close()


def test_a_viewer_opens_a_person_page_without_the_lifecycle_buttons(qtbot, settings, database) -> None:
    from xkld_desktop.domain.models import Person
    from xkld_desktop.store.session import write_session

    with write_session(database.engine) as s:
        person = Person(full_name="Nguyễn Văn An", name_key="")
        s.add(person)
        s.flush()
        person_id = person.id
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "xem", VIEWER_PASSWORD)
    people = w.pane(PeoplePane)
    assert isinstance(people, PeoplePane)
    w.show_pane(PeoplePane)
    people.open_person(person_id)
    page = people.page
    qtbot.waitExposed(page)
    assert page.departure_button.isHidden() and page.review_button.isHidden() and page.edit_button.isHidden()
    assert not page.edit_shortcut.isEnabled()
    assert not page.sheet_button.isHidden()  # a viewer may print
    page.reject()
    drain_tasks(qtbot)
    w.database.close()
