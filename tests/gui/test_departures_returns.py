"""The departures and returns panes: search as you type, filters, count, sorting, opening a row."""

from __future__ import annotations

import sys
import types
from datetime import date, timedelta
from typing import ClassVar

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from tests.unit.services.test_departure_lists import add_departure, add_follow_up, add_person, add_return
from xkld_desktop.domain.enums import Programme, ReturnReason, StatusAbroad
from xkld_desktop.domain.models import Departure
from xkld_desktop.services.todo import TodoKind
from xkld_desktop.store.session import write_session
from xkld_desktop.ui.panes.departures import DeparturesPane
from xkld_desktop.ui.panes.returns import ReturnsPane

NAME, MARKET = 0, 4


@pytest.fixture
def records(database) -> dict[str, int]:
    engine = database.engine
    duc = add_person(engine, "Nguyễn Văn Đức", id_number="087095000111", phone="0912345678")
    hoa = add_person(engine, "Trần Thị Hoa", id_number="087195000222")
    an = add_person(engine, "Lê Văn An")
    ids = {
        "duc": duc,
        "hoa": hoa,
        "an": an,
        "duc_jp": add_departure(engine, duc, date(2021, 3, 1), programme=Programme.JP_TECHNICAL_INTERN),
        "duc_kr": add_departure(engine, duc, date(2026, 2, 10), market="KR", programme=Programme.KR_EPS),
        "hoa_tw": add_departure(engine, hoa, date(2025, 6, 1), market="TW", status_abroad=StatusAbroad.ABSCONDED),
        "an_cn": add_departure(
            engine, an, date(2019, 5, 5), market="CN", is_legal=False, expected_end_on=date.today() + timedelta(days=9)
        ),
    }
    ids["duc_back"] = add_return(
        engine, ids["duc_jp"], date(2024, 3, 5), residence_notified=True, residence_notified_on=date(2024, 3, 9)
    )
    ids["an_back"] = add_return(engine, ids["an_cn"], date(2020, 1, 10), reason=ReturnReason.DEPORTED)
    add_follow_up(engine, ids["duc_back"], date(2024, 6, 1))
    return ids


def _pane(qtbot, database, cls):
    pane = cls()
    qtbot.addWidget(pane)
    pane.resize(1100, 700)
    pane.show()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.set_database(database)
    return pane


def _names(pane) -> list[str]:
    model = pane.model
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def _column(pane, column: int) -> list[str]:
    model = pane.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


# --------------------------------------------------------------------------- departures


def test_departures_pane_lists_newest_first_with_its_count(qtbot, qtmodeltester, database, records) -> None:
    pane = _pane(qtbot, database, DeparturesPane)
    assert pane.title() == "Xuất cảnh"
    assert pane.model.ids() == [records["duc_kr"], records["hoa_tw"], records["duc_jp"], records["an_cn"]]
    assert _names(pane) == ["Nguyễn Văn Đức", "Trần Thị Hoa", "Nguyễn Văn Đức", "Lê Văn An"]
    assert pane.count_label.text() == pane.count_text(4)
    assert "4" in pane.count_label.text()
    assert _column(pane, MARKET) == ["Hàn Quốc", "Đài Loan", "Nhật Bản", "Trung Quốc"]
    row = pane.model.ids().index(records["an_cn"])
    status = pane.model.index(row, pane.model.columnCount() - 3).data()
    assert status == pane.tr("{status} (illegal departure)").format(
        status=pane.tr("Returned {date}").format(date="10/01/2020")
    )
    qtmodeltester.check(pane.model)
    drain_tasks(qtbot)


def test_the_market_column_and_filter_follow_the_language(qtbot, database, records) -> None:
    from xkld_desktop.ui.i18n import install_language

    departures = _pane(qtbot, database, DeparturesPane)
    returns = _pane(qtbot, database, ReturnsPane)
    qtbot.waitUntil(lambda: departures.market_combo.count() > 1)
    assert _column(returns, MARKET) == ["Nhật Bản", "Trung Quốc"]
    try:
        install_language("en")  # switched in Settings while the lists are open
        qtbot.waitUntil(lambda: _column(departures, MARKET) == ["Korea", "Taiwan", "Japan", "China"])
        assert _column(returns, MARKET) == ["Japan", "China"]
        combo = departures.market_combo
        qtbot.waitUntil(lambda: combo.itemText(combo.findData("JP")) == "Japan")  # on the LanguageChange event
    finally:
        install_language("vi")
    qtbot.waitUntil(lambda: _column(departures, MARKET) == ["Hàn Quốc", "Đài Loan", "Nhật Bản", "Trung Quốc"])
    drain_tasks(qtbot)


def test_search_as_you_type_by_name_without_marks_and_in_vietnamese(qtbot, database, records) -> None:
    pane = _pane(qtbot, database, DeparturesPane)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        qtbot.keyClicks(pane.search_edit, "duc")
    assert pane.model.ids() == [records["duc_kr"], records["duc_jp"]]
    assert pane.count_label.text() == pane.count_text(2)

    pane.search_edit.clear()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        type_text(pane.search_edit, "Hoa Trần")
    assert _names(pane) == ["Trần Thị Hoa"]

    pane.search_edit.clear()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        qtbot.keyClicks(pane.search_edit, "087095")  # CCCD prefix
    assert pane.model.ids() == [records["duc_kr"], records["duc_jp"]]

    pane.search_edit.clear()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        type_text(pane.search_edit, "Không Ai")
    assert pane.model.rowCount() == 0
    assert pane.count_label.text() == pane.count_text(0)
    drain_tasks(qtbot)


def test_typing_fast_searches_once_after_the_pause(qtbot, database, records) -> None:
    pane = _pane(qtbot, database, DeparturesPane)
    loads: list[int] = []
    pane.loaded.connect(lambda: loads.append(pane.model.rowCount()))
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        qtbot.keyClicks(pane.search_edit, "nguyen van")
    drain_tasks(qtbot)
    assert loads == [2]


def test_filters_market_stage_status_and_legal(qtbot, database, records) -> None:
    pane = _pane(qtbot, database, DeparturesPane)
    qtbot.waitUntil(lambda: pane.market_combo.count() > 1)
    assert [pane.market_combo.itemText(i) for i in range(1, pane.market_combo.count())] == [
        "Nhật Bản",
        "Hàn Quốc",
        "Đài Loan",
        "Trung Quốc",
    ]

    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.market_combo.setCurrentIndex(pane.market_combo.findData("KR"))
    assert pane.model.ids() == [records["duc_kr"]]
    assert pane.count_label.text() == pane.count_text(1)

    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.clear_button.click()
    assert pane.model.rowCount() == 4
    assert pane.market_combo.currentIndex() == 0

    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.stage_combo.setCurrentIndex(pane.stage_combo.findData("abroad"))
    assert pane.model.ids() == [records["duc_kr"], records["hoa_tw"]]
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.status_combo.setCurrentIndex(pane.status_combo.findData(StatusAbroad.ABSCONDED.value))
    assert _names(pane) == ["Trần Thị Hoa"]

    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.clear_button.click()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.legal_combo.setCurrentIndex(pane.legal_combo.findData(False))
    assert pane.model.ids() == [records["an_cn"]]
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.year_combo.setCurrentIndex(pane.year_combo.findData(2026))
    assert pane.model.rowCount() == 0
    drain_tasks(qtbot)


def test_clicking_a_header_sorts_by_that_column(qtbot, database, records) -> None:
    pane = _pane(qtbot, database, DeparturesPane)
    header = pane.view.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(NAME) + header.sectionSize(NAME) // 2, header.height() // 2)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    # Vietnamese order: by given name, then family and middle names — An, Đức, Đức, Hoa
    assert _names(pane) == ["Lê Văn An", "Nguyễn Văn Đức", "Nguyễn Văn Đức", "Trần Thị Hoa"]
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (NAME, Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert _names(pane) == ["Trần Thị Hoa", "Nguyễn Văn Đức", "Nguyễn Văn Đức", "Lê Văn An"]

    company = pane.model.columnCount() - 1  # not a column the list can sort by: nothing happens
    pane.view.scrollTo(pane.model.index(0, company))
    where = QPoint(header.sectionViewportPosition(company) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert header.sortIndicatorSection() == NAME
    drain_tasks(qtbot)


class FakePersonPage(QDialog):
    """Stands in for the person page: records what it was opened with."""

    opened: ClassVar[list[tuple[object, int]]] = []

    def __init__(self, db, person_id: int, parent=None) -> None:
        super().__init__(parent)
        FakePersonPage.opened.append((db, person_id))


@pytest.fixture
def person_pages(monkeypatch) -> list[tuple[object, int]]:
    FakePersonPage.opened = []
    module = types.ModuleType("xkld_desktop.ui.person_page")
    module.PersonPage = FakePersonPage  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "xkld_desktop.ui.person_page", module)
    return FakePersonPage.opened


def test_enter_or_double_click_opens_the_person_of_the_row(qtbot, database, records, person_pages) -> None:
    pane = _pane(qtbot, database, DeparturesPane)
    row = pane.model.ids().index(records["hoa_tw"])
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(row, NAME))
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert person_pages == [(database, records["hoa"])]
    page = pane.findChild(FakePersonPage)
    assert page is not None and page.isVisible()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):  # the list is read again after the page closes
        page.reject()
    assert pane.view.currentIndex().row() == row  # still on the same record

    rect = pane.view.visualRect(pane.model.index(0, NAME))
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert person_pages[-1] == (database, records["duc"])
    drain_tasks(qtbot)


def test_keyboard_between_the_search_box_and_the_list(qtbot, database, records) -> None:
    pane = _pane(qtbot, database, DeparturesPane)
    pane.activateWindow()
    qtbot.waitActive(pane)
    pane.search_edit.setFocus()
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_Down)  # Down: to the list, first row
    assert pane.view.hasFocus()
    assert pane.view.currentIndex().row() == 0
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F: back to the search
    assert pane.search_edit.hasFocus()
    qtbot.keyClicks(pane.search_edit, "hoa")
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        qtbot.keyClick(pane.search_edit, Qt.Key.Key_Return)  # Enter: search now
    assert _names(pane) == ["Trần Thị Hoa"]
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_Escape)  # Esc: clear the text
    assert pane.search_edit.text() == ""
    drain_tasks(qtbot)


def test_a_to_do_list_shows_a_bar_that_clears_it(qtbot, database, records) -> None:
    from xkld_desktop.services.departure_lists import DepartureFilter

    pane = _pane(qtbot, database, DeparturesPane)
    with write_session(database.engine) as s:  # a contract running out soon, the person still abroad
        s.get(Departure, records["duc_kr"]).expected_end_on = date.today() + timedelta(days=30)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.apply_filter(DepartureFilter(todo=TodoKind.CONTRACTS_ENDING))
    assert pane.model.ids() == [records["duc_kr"]]  # An's illegal departure has returned
    assert pane.limit_bar.isVisible()
    assert TodoKind.CONTRACTS_ENDING.label("vi") in pane.limit_label.text()
    assert pane.list.sort_key == "expected_end_on" and not pane.list.descending
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.clear_limit_button.click()
    assert not pane.limit_bar.isVisible()
    assert pane.model.rowCount() == 4
    drain_tasks(qtbot)


def test_apply_filter_shows_the_filter_in_the_widgets(qtbot, database, records) -> None:
    from xkld_desktop.services.departure_lists import DepartureFilter, DepartureStage

    pane = _pane(qtbot, database, DeparturesPane)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.apply_filter(DepartureFilter(year=2026, is_legal=True, stage=DepartureStage.DEPARTED))
    assert pane.model.ids() == [records["duc_kr"]]
    assert pane.year_combo.currentText() == "2026"
    assert pane.legal_combo.currentData() is True
    assert pane.stage_combo.currentData() == "departed"
    drain_tasks(qtbot)


def test_rows_are_fetched_a_page_at_a_time(qtbot, database) -> None:
    engine = database.engine
    person = add_person(engine, "Nhiều Lần Đi")
    with write_session(engine) as s:
        s.add_all(
            Departure(person_id=person, market_code="JP", departed_on=date(2010, 1, 1) + timedelta(days=i))
            for i in range(450)
        )
    pane = _pane(qtbot, database, DeparturesPane)
    qtbot.waitUntil(lambda: pane.model.fetches >= 1)
    assert pane.model.rowCount() == 450
    assert pane.model.fetches <= 2  # only what the view painted: a page or two, not 450 rows
    pane.view.scrollToBottom()
    qtbot.waitUntil(lambda: pane.model.fetches >= 2)
    assert pane.model.fetches <= 4
    drain_tasks(qtbot)


# --------------------------------------------------------------------------- returns


def test_returns_pane_lists_filters_and_shows_follow_ups(qtbot, qtmodeltester, database, records) -> None:
    pane = _pane(qtbot, database, ReturnsPane)
    assert pane.title() == "Về nước"
    assert pane.model.ids() == [records["duc_back"], records["an_back"]]
    assert pane.count_label.text() == pane.count_text(2)
    qtmodeltester.check(pane.model)
    texts = [pane.model.index(0, c).data() for c in range(pane.model.columnCount())]
    assert "09/03/2024" in texts  # residence notified on
    assert any(t.startswith("01/06/2024 — ") for t in texts)  # the last follow-up and the job
    an = [pane.model.index(1, c).data() for c in range(pane.model.columnCount())]
    assert pane.tr("Not notified") in an and pane.tr("Not followed up yet") in an
    assert ReturnReason.DEPORTED.label("vi") in an

    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.residence_combo.setCurrentIndex(pane.residence_combo.findData(False))
    assert pane.model.ids() == [records["an_back"]]
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.clear_button.click()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.follow_up_combo.setCurrentIndex(pane.follow_up_combo.findData(True))
    assert pane.model.ids() == [records["duc_back"]]
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.clear_button.click()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.reason_combo.setCurrentIndex(pane.reason_combo.findData(ReturnReason.DEPORTED.value))
    assert pane.model.ids() == [records["an_back"]]
    qtbot.waitUntil(lambda: pane.year_combo.count() > 1)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.year_combo.setCurrentIndex(pane.year_combo.findData(2024))
    assert pane.model.rowCount() == 0
    drain_tasks(qtbot)


def test_search_returns_and_open_the_person(qtbot, database, records, person_pages) -> None:
    pane = _pane(qtbot, database, ReturnsPane)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        type_text(pane.search_edit, "lê văn")
    assert _names(pane) == ["Lê Văn An"]
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(0, NAME))
    qtbot.keyClick(pane.view, Qt.Key.Key_Enter)
    assert person_pages == [(database, records["an"])]
    drain_tasks(qtbot)


def test_without_a_database_the_lists_are_empty(qtbot, database, records) -> None:
    pane = _pane(qtbot, database, ReturnsPane)
    pane.set_database(None)
    assert pane.model.rowCount() == 0
    assert pane.count_label.text() == ""
    assert pane.message() != ""
    drain_tasks(qtbot)
