"""The panes are built when first shown, and the user cannot tell: the window starts with the pane
it shows, every sidebar entry is there, and a pane built later shows the open database, speaks
the language chosen meanwhile and hides what the logged-in role may not do."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt

from tests.gui.accounts_helpers import VIEWER_PASSWORD, add_accounts, cheap_hasher, logged_in_window
from tests.gui.conftest import drain_tasks
from xkld_desktop.services import auth
from xkld_desktop.services.demo import generate_demo
from xkld_desktop.ui.main_window import PANES, MainWindow
from xkld_desktop.ui.panes.households import HouseholdsPane
from xkld_desktop.ui.panes.overview import OverviewPane
from xkld_desktop.ui.panes.people import PeoplePane
from xkld_desktop.ui.panes.settings import SettingsPane

TITLES_VI = ["Tổng quan", "Người lao động", "Hộ gia đình & CLB", "Xuất cảnh", "Về nước", "Báo cáo", "Cài đặt"]


def _click_sidebar(qtbot: Any, window: MainWindow, row: int) -> None:
    item = window.sidebar.item(row)
    position: QPoint = window.sidebar.visualItemRect(item).center()
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=position)


def test_the_window_starts_with_one_pane_and_builds_the_others_when_first_shown(qtbot, settings, database) -> None:
    generate_demo(database.engine, people=40, seed=3)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    # the first frame: every pane's name in the sidebar and the View menu, the header, and a page
    # saying the database is being opened; no pane built yet
    assert w.built_panes() == []
    assert w.stack.currentWidget().message() == "Đang mở cơ sở dữ liệu…"
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.is_built(OverviewPane))  # built in the turn after the first paint
    assert [type(p) for p in w.built_panes()] == [OverviewPane]
    assert w.stack.count() == 1  # the opening page is gone
    assert [w.sidebar.item(i).text() for i in range(w.sidebar.count())] == TITLES_VI
    assert [a.text() for a in w.view_menu.actions()] == TITLES_VI
    assert w.header.text() == "Tổng quan"

    w.set_database(database)
    overview = w.current_pane()
    assert isinstance(overview, OverviewPane)
    qtbot.waitUntil(lambda: overview.counts is not None)
    assert not w.is_built(HouseholdsPane)

    _click_sidebar(qtbot, w, 1)  # the people list: its rows, as if it had always been there
    people = w.current_pane()
    assert isinstance(people, PeoplePane)
    assert w.header.text() == "Người lao động"
    qtbot.waitUntil(lambda: people.model.rowCount() == 40)
    assert people.database is database
    assert people.count_label.isVisible()

    _click_sidebar(qtbot, w, 2)  # built by this click: it gets the open database at once
    households = w.current_pane()
    assert isinstance(households, HouseholdsPane)
    assert households.database is database
    assert w.header.text() == "Hộ gia đình & CLB"
    qtbot.waitUntil(lambda: households.households_tab.model.rowCount() > 0)

    # asking for a pane by class builds it too; every pane exists once, in sidebar order
    assert w.pane(SettingsPane) is w.panes[6]
    assert [type(p).__name__ for p in w.panes] == [spec.class_name for spec in PANES]
    assert len(w.panes) == len(set(map(id, w.panes))) == 7
    drain_tasks(qtbot)


def test_a_pane_built_after_a_language_switch_and_a_login_follows_both(qtbot, settings, database, monkeypatch) -> None:
    monkeypatch.setattr(auth, "HASHER", cheap_hasher())
    add_accounts(database.engine)
    w = logged_in_window(qtbot, settings, database.url, "xem", VIEWER_PASSWORD)
    settings_pane = w.pane(SettingsPane)
    assert isinstance(settings_pane, SettingsPane)
    with qtbot.waitSignal(settings_pane.language_changed):
        settings_pane.set_language("en")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)  # as the event loop would
    assert w.sidebar.item(2).text() == "Households & club"
    assert not w.is_built(HouseholdsPane)

    _click_sidebar(qtbot, w, 2)
    households = w.current_pane()
    assert isinstance(households, HouseholdsPane)
    assert w.header.text() == "Households & club"
    assert households.tabs.tabText(0) == "Households" and households.tabs.tabText(1) == "Club"
    assert households.database is w.database
    tab = households.households_tab
    # a viewer: no button that would only bring a refusal, in a pane built after the login
    assert tab.new_button.isHidden() and tab.edit_button.isHidden() and tab.delete_button.isHidden()
    assert households.club_tab.new_club_button.isHidden()
    people = w.pane(PeoplePane)
    assert isinstance(people, PeoplePane)
    assert people.new_button.isHidden() and people.delete_button.isHidden()
    assert people.new_button.text() == "&New worker…"
    drain_tasks(qtbot)
    db = w.database
    w.set_database(None)  # no logged-in viewer left to gate the next test's dialogs
    db.close()


@pytest.mark.parametrize("pane_id", ["people", "households", "settings"])
def test_the_pane_shown_last_time_is_the_one_built_at_start(qtbot, settings, pane_id) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show_pane(next(i for i, spec in enumerate(PANES) if spec.pane_id == pane_id))
    first.close()

    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.built_panes() != [])  # after the first paint
    assert [p.pane_id for p in second.built_panes()] == [pane_id]
    assert second.header.text() == PANES[[spec.pane_id for spec in PANES].index(pane_id)].title()
    assert second.current_pane().pane_id == pane_id
    assert second.current_pane().message() == "Đang mở cơ sở dữ liệu…"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_sidebar_titles_are_the_panes_own_titles(qtbot, settings, language) -> None:
    from xkld_desktop.ui.i18n import install_language

    install_language(language)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    titles = [w.sidebar.item(i).text() for i in range(w.sidebar.count())]
    assert titles == [pane.title() for pane in w.panes]  # the table of titles says what the panes say
    if language == "vi":
        assert titles == TITLES_VI
