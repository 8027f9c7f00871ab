"""Records changed in one pane show in the others: the overview's figures and the departures,
returns and households lists read them again when next shown (at once if shown), and not when
nothing changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from tests.unit.services.test_departure_lists import add_departure, add_person
from xkld_desktop.domain.enums import PersonStatus
from xkld_desktop.services import households as household_service
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.panes.departures import DeparturesPane
from xkld_desktop.ui.panes.households import HouseholdsPane
from xkld_desktop.ui.panes.overview import OverviewPane
from xkld_desktop.ui.panes.people import PeoplePane
from xkld_desktop.ui.panes.returns import ReturnsPane
from xkld_desktop.ui.person_page import PersonPage

NAME = 0


def show(qtbot: Any, window: MainWindow, pane_type: type) -> Any:
    """Show the pane of *pane_type* as a click in the sidebar does, and let its reads finish."""
    window.show_pane(pane_type)
    pane = window.pane(pane_type)
    drain_tasks(qtbot)
    qtbot.waitUntil(lambda: not _busy(pane))
    drain_tasks(qtbot)
    return pane


def _busy(pane: Any) -> bool:
    if isinstance(pane, OverviewPane):
        return pane.counts is None
    if isinstance(pane, PeoplePane):
        return pane.is_busy()
    if isinstance(pane, HouseholdsPane):
        return pane.is_loading()
    return pane.list.is_loading()


def names(pane: Any) -> list[str]:
    model = pane.model
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def test_a_return_recorded_from_the_departures_list_shows_in_the_overview_and_the_returns_list(
    qtbot: Any, window: MainWindow, database: Any
) -> None:
    engine = database.engine
    duc = add_person(engine, "Nguyễn Văn Đức", status=PersonStatus.WORKING_ABROAD)
    add_departure(engine, duc, date(2024, 3, 1), expected_end_on=date(2027, 3, 1))
    overview = window.pane(OverviewPane)
    with qtbot.waitSignal(overview.loaded):
        overview.refresh()
    assert overview.returns_card.value_label.text() == "0"
    returns = show(qtbot, window, ReturnsPane)
    assert names(returns) == []
    departures = show(qtbot, window, DeparturesPane)
    assert names(departures) == ["Nguyễn Văn Đức"]

    departures.view.setCurrentIndex(departures.model.index(0, 0))
    qtbot.keyClick(departures.view, Qt.Key.Key_Return)
    page = departures.findChild(PersonPage)
    assert page is not None and page.isVisible()
    dialog = page.open_return()
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)  # returned today
    qtbot.waitUntil(lambda: not dialog.isVisible())
    page.reject()
    drain_tasks(qtbot)

    show(qtbot, window, OverviewPane)
    qtbot.waitUntil(lambda: overview.returns_card.value_label.text() == "1")
    assert overview.status_labels[PersonStatus.RETURNED][1].text() == "1"
    show(qtbot, window, ReturnsPane)
    assert names(returns) == ["Nguyễn Văn Đức"]


def test_a_household_added_shows_in_the_overview(qtbot: Any, window: MainWindow) -> None:
    overview = window.pane(OverviewPane)
    assert overview.households_card.value_label.text() == "0"
    pane = show(qtbot, window, HouseholdsPane)
    tab = pane.households_tab
    dialog = tab.new_household()
    assert dialog is not None
    type_text(dialog.head_edit, "Nguyễn Văn Mười")
    dialog.hamlet_combo.setCurrentIndex(0)
    qtbot.keyClick(dialog.head_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    drain_tasks(qtbot)
    show(qtbot, window, OverviewPane)
    qtbot.waitUntil(lambda: overview.households_card.value_label.text() == "1")


def test_a_name_changed_in_the_person_form_shows_in_the_households_and_departures_lists(
    qtbot: Any, window: MainWindow, database: Any
) -> None:
    engine = database.engine
    lan = add_person(engine, "Nguyễn Thị Lan", status=PersonStatus.WORKING_ABROAD)
    add_departure(engine, lan, date(2025, 5, 1))
    household_service.create_household(engine, head_person_id=lan, hamlet="Ấp 1")
    households = show(qtbot, window, HouseholdsPane)
    assert names(households.households_tab) == ["Nguyễn Thị Lan"]
    departures = show(qtbot, window, DeparturesPane)
    assert names(departures) == ["Nguyễn Thị Lan"]

    people = show(qtbot, window, PeoplePane)
    assert people.select_person(lan)
    people.edit_current()
    form = people.form
    form.name_edit.selectAll()
    type_text(form.name_edit, "Nguyễn Thị Lan Anh")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    drain_tasks(qtbot)

    show(qtbot, window, HouseholdsPane)
    assert names(households.households_tab) == ["Nguyễn Thị Lan Anh"]
    show(qtbot, window, DeparturesPane)
    assert names(departures) == ["Nguyễn Thị Lan Anh"]


def test_the_lists_are_not_read_again_when_nothing_changed(
    qtbot: Any, window: MainWindow, database: Any, monkeypatch: Any
) -> None:
    engine = database.engine
    an = add_person(engine, "Lê Văn An", status=PersonStatus.WORKING_ABROAD)
    add_departure(engine, an, date(2025, 5, 1))
    departures = show(qtbot, window, DeparturesPane)
    households = show(qtbot, window, HouseholdsPane)
    overview = show(qtbot, window, OverviewPane)
    reads: list[str] = []
    monkeypatch.setattr(departures.list, "load", lambda *_a, **_k: reads.append("departures"))
    monkeypatch.setattr(households.households_tab, "reload", lambda *_a, **_k: reads.append("households"))
    monkeypatch.setattr(overview, "refresh", lambda: reads.append("overview"))

    people = show(qtbot, window, PeoplePane)
    people.open_person(an)  # looked at, closed: nothing written
    people.page.reject()
    drain_tasks(qtbot)
    for pane_type in (DeparturesPane, HouseholdsPane, OverviewPane, DeparturesPane):
        window.show_pane(pane_type)
    assert reads == []


def test_a_departure_restored_from_the_recycle_bin_shows_in_a_list_read_before(
    qtbot: Any, window: MainWindow, database: Any
) -> None:
    from xkld_desktop.services import lifecycle
    from xkld_desktop.services.recycle_bin import BinKind, restore_item

    engine = database.engine
    duc = add_person(engine, "Nguyễn Văn Đức", status=PersonStatus.WORKING_ABROAD)
    departure = add_departure(engine, duc, date(2024, 3, 1), expected_end_on=date(2027, 3, 1))
    lifecycle.delete_departure(engine, departure_id=departure)
    departures = show(qtbot, window, DeparturesPane)
    assert names(departures) == []
    show(qtbot, window, OverviewPane)

    # what the bin's Restore, an import and its undo call once done (their modal dialogs have their own tests)
    restore_item(engine, kind=BinKind.DEPARTURE, record_id=departure)
    window.records_changed()
    departures = show(qtbot, window, DeparturesPane)
    assert names(departures) == ["Nguyễn Văn Đức"]
