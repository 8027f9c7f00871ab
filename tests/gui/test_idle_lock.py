"""The idle lock: the data hidden, the password asked again, what was typed in open forms kept."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.gui.accounts_helpers import ADMIN_PASSWORD, add_accounts, cheap_hasher, logged_in_window, vi
from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from xkld_desktop.services import auth
from xkld_desktop.services.settings import idle_lock_minutes, set_idle_lock_minutes
from xkld_desktop.ui.idle_lock import Cover, UnlockDialog
from xkld_desktop.ui.panes.people import PeoplePane
from xkld_desktop.ui.person_form import PersonForm


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASHER", cheap_hasher())


def _covers() -> list[Cover]:
    return [w for w in QApplication.allWidgets() if isinstance(w, Cover) and w.isVisible()]


def _debug(window) -> str:
    return repr([(c.target, c.isVisible(), c.isHidden()) for c in window.session.lock_controller.covers])


def _open_form(qtbot, window) -> PersonForm:
    people = window.pane(PeoplePane)
    assert isinstance(people, PeoplePane)
    window.show_pane(PeoplePane)
    people.new_button.click()
    form = people.form
    assert isinstance(form, PersonForm)
    qtbot.waitExposed(form)
    return form


def _unlock(qtbot, dialog: UnlockDialog, password: str) -> None:
    dialog.password_edit.clear()
    type_text(dialog.password_edit, password)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)


def test_lock_hides_the_data_and_unlock_keeps_what_was_typed(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "admin", ADMIN_PASSWORD)
    form = _open_form(qtbot, w)
    type_text(form.name_edit, "Nguyễn Văn Đức")

    w.session.lock()
    assert w.session.is_locked
    dialog = w.session.lock_controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitExposed(dialog)
    covered = {cover.target for cover in _covers()}
    assert w in covered and form in covered, _debug(w)  # the main window and the open form are hidden
    assert form.isVisible()  # …but not closed

    _unlock(qtbot, dialog, "không phải mật khẩu")
    assert dialog.error() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert w.session.is_locked
    assert _covers()

    dialog.reject()  # Esc does not unlock
    assert w.session.is_locked

    _unlock(qtbot, dialog, ADMIN_PASSWORD)
    assert not w.session.is_locked
    assert _covers() == []
    assert form.isVisible()
    assert form.name_edit.text() == "Nguyễn Văn Đức"
    assert w.pane(PeoplePane).database is w.database  # the data are there again
    form.reject()
    drain_tasks(qtbot)
    w.database.close()


def test_idle_time_locks_by_itself(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "canbo", "cán bộ xã 2025")
    form = _open_form(qtbot, w)
    type_text(form.name_edit, "Lê Thị Hà")
    w.session.lock_controller.watcher.set_timeout_ms(50)  # instead of 15 minutes
    qtbot.waitUntil(lambda: w.session.is_locked, timeout=10_000)
    dialog = w.session.lock_controller.dialog
    assert dialog is not None
    assert "Lê Văn Cán" in dialog.intro.text()
    w.session.lock_controller.watcher.set_timeout_ms(60_000)
    _unlock(qtbot, dialog, "cán bộ xã 2025")
    assert not w.session.is_locked
    assert form.name_edit.text() == "Lê Thị Hà"
    form.reject()
    drain_tasks(qtbot)
    w.database.close()


def test_switch_user_from_the_lock_logs_out(qtbot, settings, database) -> None:
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "admin", ADMIN_PASSWORD)
    w.session.lock()
    dialog = w.session.lock_controller.dialog
    assert dialog is not None
    dialog.switch_button.click()
    assert not w.session.is_locked
    assert w.session.actor is None
    qtbot.waitUntil(lambda: w.session.login_dialog is not None)
    assert w.pane(PeoplePane).database is None
    drain_tasks(qtbot)


def test_no_lock_without_accounts(qtbot, window) -> None:
    window.session.lock()
    assert not window.session.is_locked
    assert not window.session.lock_action.isVisible()


def test_idle_minutes_are_a_database_setting(database) -> None:
    assert idle_lock_minutes(database.engine) == 15
    set_idle_lock_minutes(database.engine, minutes=5)
    assert idle_lock_minutes(database.engine) == 5


def test_switch_user_with_a_form_open_asks_first(qtbot, settings, database, message_boxes) -> None:
    from PySide6.QtWidgets import QMessageBox

    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "admin", ADMIN_PASSWORD)
    form = _open_form(qtbot, w)
    type_text(form.name_edit, "Hồ Văn Nam")
    w.session.lock()
    dialog = w.session.lock_controller.dialog
    assert dialog is not None
    asked_before = len(message_boxes.of("question"))  # the sample-data offer of the empty database
    dialog.switch_button.click()  # the question is answered No
    [(_title, question)] = message_boxes.of("question")[asked_before:]
    assert question == vi(
        "SessionController",
        "Open forms will be closed and what was typed in them will be lost. Log out?",
        "Các biểu mẫu đang mở sẽ bị đóng và những gì đã nhập trong đó sẽ mất. Đăng xuất?",
    )
    assert w.session.is_locked and w.session.actor is not None
    assert form.isVisible() and form.name_edit.text() == "Hồ Văn Nam"

    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.switch_button.click()
    assert not w.session.is_locked and w.session.actor is None
    assert not form.isVisible()
    qtbot.waitUntil(lambda: w.session.login_dialog is not None)
    drain_tasks(qtbot)
