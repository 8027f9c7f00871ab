"""The main window: panes reachable by sidebar and keyboard, status bar, About, layout memory,
opening databases (good, bad, another one) and the first-start sample-data offer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt, qVersion
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QFileDialog

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from xkld_desktop import __version__
from xkld_desktop.domain.enums import PersonStatus
from xkld_desktop.domain.models import Person
from xkld_desktop.store.session import write_session
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.panes.base import DatabaseState, PlannedPane
from xkld_desktop.ui.panes.departures import DeparturesPane
from xkld_desktop.ui.panes.households import HouseholdsPane
from xkld_desktop.ui.panes.overview import OverviewPane
from xkld_desktop.ui.panes.people import PeoplePane
from xkld_desktop.ui.panes.reports import ReportsPane
from xkld_desktop.ui.panes.returns import ReturnsPane
from xkld_desktop.ui.panes.settings import SettingsPane
from xkld_desktop.ui.preferences import open_settings

PANES = [
    (OverviewPane, "Tổng quan"),
    (PeoplePane, "Người lao động"),
    (HouseholdsPane, "Hộ gia đình & CLB"),
    (DeparturesPane, "Xuất cảnh"),
    (ReturnsPane, "Về nước"),
    (ReportsPane, "Báo cáo"),
    (SettingsPane, "Cài đặt"),
]


def test_window_title_and_status_bar_show_the_database(window: MainWindow, database) -> None:
    assert window.windowTitle() == "XKLĐ Desktop"
    assert window.database_label.isVisible()
    assert window.database_label.text() == f"CSDL: {database.display_location}"
    assert database.display_location.endswith("test.db")


@pytest.mark.parametrize(("index", "pane_type", "title"), [(i, t, s) for i, (t, s) in enumerate(PANES)])
def test_every_pane_is_reachable_from_the_sidebar(qtbot, window: MainWindow, index, pane_type, title) -> None:
    window.show_pane(len(PANES) - 1 - index if index != len(PANES) - 1 else 0)  # start elsewhere
    item = window.sidebar.item(index)
    assert item.text() == title
    position: QPoint = window.sidebar.visualItemRect(item).center()
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert type(window.stack.currentWidget()) is pane_type
    assert window.header.text() == title
    assert window.header.isVisible()


@pytest.mark.parametrize(("index", "pane_type", "title"), [(i, t, s) for i, (t, s) in enumerate(PANES)])
def test_every_pane_is_reachable_with_ctrl_number(qtbot, window: MainWindow, index, pane_type, title) -> None:
    window.show_pane(len(PANES) - 1 - index if index != len(PANES) - 1 else 0)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1.value + index), Qt.KeyboardModifier.ControlModifier)
    assert type(window.stack.currentWidget()) is pane_type
    assert window.header.text() == title
    assert window.sidebar.currentRow() == index
    assert window.pane_actions[index].text() == title


def test_view_menu_lists_every_pane_with_its_shortcut(window: MainWindow) -> None:
    actions = window.view_menu.actions()
    assert [a.text() for a in actions] == [title for _t, title in PANES]
    assert [a.shortcut().toString() for a in actions] == [f"Ctrl+{i}" for i in range(1, 8)]
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_planned_panes_say_honestly_what_comes_and_offer_nothing_fake(window: MainWindow) -> None:
    planned = [p for p in window.panes if isinstance(p, PlannedPane)]
    # Only panes that later issues fill may still be placeholders; overview and settings never are.
    assert {type(p) for p in planned} <= {PeoplePane, HouseholdsPane, DeparturesPane, ReturnsPane, ReportsPane}
    for pane in planned:
        assert pane.planned_label.text().startswith("Phần này sẽ có trong bản sau: ")
        assert pane.findChildren(QAbstractButton) == []
        assert pane.findChildren(QAbstractItemView) == []
        assert pane.database_state is DatabaseState.OPEN
        assert pane.message() == ""


def test_about_box_names_version_licence_qt_and_database(window: MainWindow, message_boxes, database) -> None:
    window.about_action.trigger()
    [(title, text)] = message_boxes.of("about")
    assert title == "Giới thiệu XKLĐ Desktop"
    assert "XKLĐ Desktop" in text
    assert __version__ in text
    assert "GPL-3.0-or-later" in text
    assert qVersion() in text
    assert database.display_location in text


def test_quit_shortcut_closes_the_window(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_geometry_state_and_pane_are_remembered(qtbot, settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(770, 610)  # the offscreen screen is 800 × 800; restoreGeometry keeps windows on it
    first.show_pane(3)
    first.close()

    second = MainWindow(open_settings())
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == QSize(770, 610)
    assert type(second.current_pane()) is DeparturesPane
    assert second.header.text() == "Xuất cảnh"


def test_window_without_database_says_it_is_opening(qtbot, settings) -> None:
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    assert w.database is None
    assert w.current_pane().message() == "Đang mở cơ sở dữ liệu…"


def test_open_database_url_opens_and_shows_it(qtbot, settings, db_url, message_boxes) -> None:
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.database_changed, timeout=60_000, check_params_cb=lambda db: db is not None):
        w.open_database_url(db_url)
    assert w.database is not None
    assert w.database_label.text() == f"CSDL: {w.database.display_location}"
    drain_tasks(qtbot)
    w.database.close()


def test_a_damaged_file_is_reported_and_the_window_stays_usable(qtbot, settings, tmp_path: Path, message_boxes) -> None:
    bad = tmp_path / "hong.db"
    bad.write_bytes(b"this is not a SQLite database, just text" * 200)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.database_failed, timeout=60_000) as failed:
        w.open_database_url(f"sqlite:///{bad.as_posix()}")
    [(title, text)] = message_boxes.of("critical")
    assert title == "Không mở được cơ sở dữ liệu"
    assert text == failed.args[0]
    assert "hỏng" in text  # the store's Vietnamese message, as it is
    assert w.database is None
    assert w.database_label.text() == "CSDL: chưa mở"
    for pane in w.panes:
        assert pane.database_state is DatabaseState.UNAVAILABLE
    assert w.current_pane().message().startswith("Chưa mở được cơ sở dữ liệu.")
    w.show_pane(SettingsPane)  # still usable
    assert w.header.text() == "Cài đặt"


def test_open_another_database_from_the_file_menu(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    other = tmp_path / "xa-khac.db"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(other), ""))
    old = window.database
    with qtbot.waitSignal(window.database_changed, timeout=60_000):
        window.open_action.trigger()
    assert window.database is not None and window.database is not old
    assert window.database.display_location == str(other)
    assert window.database_label.text() == f"CSDL: {other}"
    assert window.pane(SettingsPane).location_value.text() == str(other)
    drain_tasks(qtbot)
    window.database.close()


def test_overview_counts_people_by_status(qtbot, window: MainWindow, database) -> None:
    with write_session(database.engine) as s:
        for name, status in [
            ("Nguyễn Văn An", PersonStatus.WORKING_ABROAD),
            ("Trần Thị Bình", PersonStatus.WORKING_ABROAD),
            ("Lê Văn Cường", PersonStatus.RETURNED),
        ]:
            s.add(Person(full_name=name, name_key="", status=status))
    overview = window.pane(OverviewPane)
    assert isinstance(overview, OverviewPane)
    with qtbot.waitSignal(overview.loaded):
        overview.refresh()
    assert overview.people_total() == 3
    name, value = overview.status_labels[PersonStatus.WORKING_ABROAD]
    assert (name.text(), value.text()) == ("Đang làm việc ở nước ngoài", "2")
    assert overview.status_labels[PersonStatus.CANDIDATE][1].text() == "0"
    assert overview.people_card.value_label.text() == "3"
    assert overview.people_card.caption_label.text() == "Người lao động"


def test_settings_pane_shows_location_and_schema_revision(window: MainWindow, database) -> None:
    pane = window.pane(SettingsPane)
    assert isinstance(pane, SettingsPane)
    assert pane.location_value.text() == database.display_location
    assert window.database_label.text().endswith(pane.location_value.text())
    assert database.migration is not None
    assert pane.revision_value.text() == database.migration.to_revision


def test_unit_dialog_saves_the_chosen_commune_and_settings_shows_it(qtbot, window: MainWindow, database) -> None:
    from xkld_desktop.services.settings import get_own_unit
    from xkld_desktop.ui.unit_dialog import UnitDialog

    pane = window.pane(SettingsPane)
    assert isinstance(pane, SettingsPane)
    assert pane.unit_value.text() == "Chưa chọn"
    dialog = UnitDialog(database.engine, window)
    qtbot.addWidget(dialog)
    assert dialog.select_province("Tỉnh Đồng Tháp")
    dialog.commune_combo.setFocus()
    dialog.commune_combo.lineEdit().clear()
    type_text(dialog.commune_combo.lineEdit(), "Xã Tân Hộ Cơ")
    assert dialog.display_edit.text() == ""  # nothing chosen from the list yet
    dialog.commune_combo.setCurrentIndex(dialog.commune_combo.findText("Xã Tân Hộ Cơ"))
    assert dialog.display_edit.text() == "UBND xã Tân Hộ Cơ"
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    own = get_own_unit(database.engine)
    assert own is not None and own.name == "Xã Tân Hộ Cơ" and own.province_name == "Tỉnh Đồng Tháp"
    pane.refresh()
    assert pane.unit_value.text() == "Xã Tân Hộ Cơ, Tỉnh Đồng Tháp"
    assert pane.unit_name() == "UBND xã Tân Hộ Cơ"


def test_unit_dialog_refuses_text_that_is_not_a_commune_of_the_list(qtbot, window: MainWindow, database) -> None:
    from xkld_desktop.services.settings import get_own_unit
    from xkld_desktop.ui.unit_dialog import UnitDialog

    dialog = UnitDialog(database.engine, window)
    qtbot.addWidget(dialog)
    dialog.select_province("Tỉnh Lạng Sơn")
    dialog.commune_combo.lineEdit().setText("Xã Không Có")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.error_label.text() == "Hãy chọn một xã, phường trong danh sách."
    assert get_own_unit(database.engine) is None


def test_first_start_without_sample_data_asks_for_the_unit(qtbot, settings, db_url, unit_requests) -> None:
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.open_database_url(db_url)  # the sample-data question is answered No by the fixture
    drain_tasks(qtbot)
    qtbot.waitUntil(lambda: w.database is not None)
    assert unit_requests == [w]


def test_first_start_offers_sample_data_and_loads_it(qtbot, settings, db_url, monkeypatch) -> None:
    pytest.importorskip("xkld_desktop.services.demo")
    asked: list[bool] = []

    def ask(self: MainWindow) -> bool:
        asked.append(True)
        return True

    monkeypatch.setattr(MainWindow, "ask_load_demo", ask)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    overview = w.pane(OverviewPane)
    assert isinstance(overview, OverviewPane)
    with qtbot.waitSignal(w.demo_loaded, timeout=120_000):
        w.open_database_url(db_url)
    qtbot.waitUntil(lambda: (overview.people_total() or 0) > 0, timeout=30_000)
    assert asked == [True]
    assert w.progress_dialog is None
    assert overview.counts is not None and overview.counts.departures > 0
    drain_tasks(qtbot)
    assert w.database is not None
    w.database.close()


def test_a_database_with_people_is_not_offered_sample_data(qtbot, settings, database, monkeypatch) -> None:
    with write_session(database.engine) as s:
        s.add(Person(full_name="Nguyễn Văn An", name_key=""))
    asked: list[bool] = []
    monkeypatch.setattr(MainWindow, "ask_load_demo", lambda self: asked.append(True) or False)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.database_changed, timeout=60_000):
        w.open_database_url(database.url)
    drain_tasks(qtbot)
    assert asked == []
    assert w.database is not None
    w.database.close()
