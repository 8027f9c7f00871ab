"""The overview's "this year" block and to-do lists, each opening its list; targets and outreach sessions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QSpinBox

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from tests.unit.services.test_departure_lists import add_departure, add_person, add_return
from xkld_desktop.domain.enums import PersonStatus, StatusAbroad
from xkld_desktop.domain.models import ClubMembership, FamilyClub, Household, Target
from xkld_desktop.services.outreach import list_outreach_sessions
from xkld_desktop.services.reference import find_commune
from xkld_desktop.services.targets import get_target
from xkld_desktop.services.todo import TodoKind
from xkld_desktop.store.session import write_session
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.outreach_targets import OutreachSessionDialog, OutreachSessionsDialog, TargetsDialog, TargetsModel
from xkld_desktop.ui.panes.departures import DeparturesPane
from xkld_desktop.ui.panes.overview import OverviewPane
from xkld_desktop.ui.panes.people import PeoplePane
from xkld_desktop.ui.panes.returns import ReturnsPane
from xkld_desktop.ui.panes.settings import SettingsPane
from xkld_desktop.ui.record_list import RecordListDialog

TODAY = date.today()
YEAR = TODAY.year


@pytest.fixture
def commune(database):
    return next(u for u in find_commune(database.engine, "29929") if u.legacy)


@pytest.fixture
def filled(database, commune) -> dict[str, int]:
    engine = database.engine
    add_person(engine, "Ứng Viên Một", status=PersonStatus.CANDIDATE)
    add_person(engine, "Ứng Viên Hai", status=PersonStatus.CANDIDATE)
    add_person(engine, "Trần Thị Hoa", status=PersonStatus.REGISTERED, commune_id=commune.id)
    ids: dict[str, int] = {}
    for i in range(3):  # legal departures this year (they happened already)
        person = add_person(engine, f"Đi Năm Nay {i}", status=PersonStatus.WORKING_ABROAD, commune_id=commune.id)
        ids[f"this_year_{i}"] = add_departure(engine, person, date(YEAR, 1, 1) + timedelta(days=i))
    person = add_person(engine, "Đi Trái Phép", status=PersonStatus.WORKING_ABROAD)
    add_departure(engine, person, date(YEAR - 1, 5, 1), is_legal=False)
    person = add_person(engine, "Bỏ Trốn", status=PersonStatus.ABSCONDED)
    add_departure(engine, person, date(YEAR - 2, 5, 1), status_abroad=StatusAbroad.ABSCONDED)
    person = add_person(engine, "Sắp Hết Hạn", status=PersonStatus.WORKING_ABROAD)
    ids["ending"] = add_departure(engine, person, date(YEAR - 3, 1, 1), expected_end_on=TODAY + timedelta(days=20))
    person = add_person(engine, "Về Chưa Khai Báo", status=PersonStatus.RETURNED)
    back = add_departure(engine, person, date(YEAR - 3, 1, 1))
    ids["not_notified"] = add_return(engine, back, TODAY - timedelta(days=30))
    with write_session(engine) as s:
        s.add(Target(unit_id=commune.id, year=YEAR, departures=4))
        club = FamilyClub(name="CLB gia đình xã Mẫu", founded_on=date(2020, 1, 1))
        household = Household(head_name="Nguyễn Văn Chủ Hộ", hamlet="Ấp 1")
        s.add_all([club, household])
        s.flush()
        s.add(ClubMembership(club_id=club.id, household_id=household.id, joined_on=date(2021, 1, 1)))
    return ids


@pytest.fixture
def overview(qtbot, filled, window: MainWindow) -> OverviewPane:
    pane = window.pane(OverviewPane)
    assert isinstance(pane, OverviewPane)
    with qtbot.waitSignal(pane.loaded, timeout=20_000):
        pane.refresh()
    return pane


def _open(qtbot, window: MainWindow, button, pane_type):
    pane = window.pane(pane_type)
    with qtbot.waitSignal(pane.loaded, timeout=20_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert type(window.current_pane()) is pane_type
    return pane


def test_this_year_against_the_target(overview: OverviewPane) -> None:
    counts = overview.year_counts
    assert counts is not None
    assert (counts.departed, counts.target, counts.percent) == (3, 4, 75)
    assert overview.target_button.text() == overview.target_text(counts)
    assert "3/4" in overview.target_button.text() and "75 %" in overview.target_button.text()
    assert overview.target_bar.value() == 75
    assert overview.year_box.title() == overview.tr("Year {year}").format(year=YEAR)
    shown = {key: row.count.text() for key, row in overview.year_rows.items()}
    returned = "1" if (TODAY - timedelta(days=30)).year == YEAR else "0"
    assert shown == {"candidates": "2", "registered": "1", "abroad": "6", "absconded": "1", "returned": returned}
    # the totals above are still there
    assert overview.people_card.value_label.text() == "10"


def test_to_do_counts_are_shown(overview: OverviewPane) -> None:
    assert overview.todo_count("contracts_ending") == 1
    assert overview.todo_count("residence_not_notified") == 1
    assert overview.todo_count("families_not_visited") == 1
    row = overview.todo_rows["contracts_ending"]
    assert row.caption.text() == TodoKind.CONTRACTS_ENDING.label("vi")
    assert row.count.text() == "1"
    assert overview.todo_rows["orientation_expiring"].count.text() == "0"


def test_departed_this_year_opens_the_departures_filtered(qtbot, window, overview, filled) -> None:
    pane = _open(qtbot, window, overview.target_button, DeparturesPane)
    assert isinstance(pane, DeparturesPane)
    assert sorted(pane.model.ids()) == sorted(filled[f"this_year_{i}"] for i in range(3))
    assert pane.count_label.text() == pane.count_text(3)
    assert pane.year_combo.currentText() == str(YEAR)
    assert pane.legal_combo.currentData() is True
    drain_tasks(qtbot)


@pytest.mark.parametrize(
    ("key", "pane_type", "count"), [("abroad", DeparturesPane, 6), ("absconded", DeparturesPane, 1)]
)
def test_each_count_opens_its_list(qtbot, window, overview, key, pane_type, count) -> None:
    pane = _open(qtbot, window, overview.year_rows[key].count, pane_type)
    assert pane.model.rowCount() == count
    drain_tasks(qtbot)


def test_returned_this_year_opens_the_returns(qtbot, window, overview) -> None:
    pane = _open(qtbot, window, overview.year_rows["returned"].caption, ReturnsPane)
    assert pane.model.rowCount() == overview.year_counts.returned
    assert pane.year_combo.currentText() == str(YEAR)
    drain_tasks(qtbot)


def test_a_to_do_line_opens_its_list(qtbot, window, overview, filled) -> None:
    pane = _open(qtbot, window, overview.todo_rows["contracts_ending"].caption, DeparturesPane)
    assert pane.model.ids() == [filled["ending"]]
    assert pane.limit_bar.isVisible()
    assert TodoKind.CONTRACTS_ENDING.label("vi") in pane.limit_label.text()

    window.show_pane(OverviewPane)
    pane = _open(qtbot, window, overview.todo_rows["residence_not_notified"].count, ReturnsPane)
    assert pane.model.ids() == [filled["not_notified"]]
    assert pane.limit_bar.isVisible()
    drain_tasks(qtbot)


def test_candidates_open_the_people_list(qtbot, window, overview) -> None:
    people = window.pane(PeoplePane)
    if callable(getattr(people, "apply_filter", None)):  # the people pane takes the filter
        qtbot.mouseClick(overview.year_rows["candidates"].caption, Qt.MouseButton.LeftButton)
        assert type(window.current_pane()) is PeoplePane
    else:  # until it does, the list opens in a window of its own
        qtbot.mouseClick(overview.year_rows["candidates"].caption, Qt.MouseButton.LeftButton)
        dialog = window.findChild(RecordListDialog)
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(lambda: dialog.list.count() == 2)
        names = {dialog.list.model.index(r, 0).data() for r in range(2)}
        assert names == {"Ứng Viên Một", "Ứng Viên Hai"}
        assert dialog.windowTitle() == PersonStatus.CANDIDATE.label("vi")
        dialog.close()
    drain_tasks(qtbot)


def test_member_families_not_visited_open_in_a_window(qtbot, qtmodeltester, window, overview) -> None:
    qtbot.mouseClick(overview.todo_rows["families_not_visited"].caption, Qt.MouseButton.LeftButton)
    dialog = window.findChild(RecordListDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    assert dialog.list.model.index(0, 0).data() == "Nguyễn Văn Chủ Hộ"
    assert dialog.list.model.index(0, 3).data() == "CLB gia đình xã Mẫu"
    qtmodeltester.check(dialog.list.model)
    dialog.close()
    drain_tasks(qtbot)


# --------------------------------------------------------------------------- targets


def test_targets_are_edited_in_the_table_and_the_overview_follows(
    qtbot, qtmodeltester, window, overview, database, commune
) -> None:
    qtbot.mouseClick(overview.targets_button, Qt.MouseButton.LeftButton)
    dialog = overview.current_dialog
    assert isinstance(dialog, TargetsDialog) and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    row = next(i for i, r in enumerate(dialog.model.rows) if r.unit_id == commune.id)
    assert dialog.model.index(row, TargetsModel.TARGET).data() == "4"
    assert dialog.model.index(row, TargetsModel.ACHIEVED).data() == "3"
    assert dialog.model.index(row, TargetsModel.PERCENT).data() == "75 %"
    assert not dialog.save_button.isEnabled()

    index = dialog.model.index(row, TargetsModel.TARGET)
    dialog.view.setCurrentIndex(index)
    dialog.view.edit(index)
    editor = dialog.view.findChild(QSpinBox)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "6")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits the editor's value a moment later
    qtbot.waitUntil(lambda: dialog.model.index(row, TargetsModel.PERCENT).data() == "50 %")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert get_target(database.engine, unit_id=commune.id, year=YEAR) == 6
    assert not dialog.save_button.isEnabled()

    with qtbot.waitSignal(overview.loaded, timeout=20_000):
        dialog.reject()
    assert overview.year_counts.target == 6
    assert "3/6" in overview.target_button.text()
    drain_tasks(qtbot)


def test_unsaved_targets_are_asked_about_before_closing(qtbot, window, overview, database, commune, message_boxes):
    qtbot.mouseClick(overview.targets_button, Qt.MouseButton.LeftButton)
    dialog = overview.current_dialog
    assert dialog.set_target(commune.id, 9)
    message_boxes.answer = QMessageBox.StandardButton.Cancel
    dialog.reject()
    assert dialog.isVisible()  # Cancel: stays open with the change
    assert len(message_boxes.of("question")) == 1
    message_boxes.answer = QMessageBox.StandardButton.No
    with qtbot.waitSignal(overview.loaded, timeout=20_000):
        dialog.reject()
    assert not dialog.isVisible()
    assert get_target(database.engine, unit_id=commune.id, year=YEAR) == 4  # dropped, as asked
    drain_tasks(qtbot)


def test_removing_a_target_and_changing_the_year(qtbot, window, overview, database, commune, message_boxes):
    qtbot.mouseClick(overview.targets_button, Qt.MouseButton.LeftButton)
    dialog = overview.current_dialog
    dialog.set_target(commune.id, None)
    message_boxes.answer = QMessageBox.StandardButton.Yes  # save before going to another year
    dialog.year_spin.setValue(YEAR - 1)
    assert get_target(database.engine, unit_id=commune.id, year=YEAR) is None
    assert dialog.year == YEAR - 1
    assert all(r.year == YEAR - 1 for r in dialog.model.rows)
    dialog.close()
    drain_tasks(qtbot)


def test_settings_opens_the_targets(qtbot, window) -> None:
    settings = window.pane(SettingsPane)
    window.show_pane(SettingsPane)
    qtbot.mouseClick(settings.targets_button, Qt.MouseButton.LeftButton)
    dialog = settings.findChild(TargetsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.year == YEAR
    dialog.close()


# --------------------------------------------------------------------------- outreach sessions


def test_record_an_outreach_session_with_attendees_then_delete_it(
    qtbot, qtmodeltester, window, overview, database, message_boxes
) -> None:
    qtbot.mouseClick(overview.outreach_button, Qt.MouseButton.LeftButton)
    sessions = overview.current_dialog
    assert isinstance(sessions, OutreachSessionsDialog)
    assert sessions.model.rowCount() == 0
    qtmodeltester.check(sessions.model)

    qtbot.mouseClick(sessions.add_button, Qt.MouseButton.LeftButton)
    form = sessions.current_form
    assert isinstance(form, OutreachSessionDialog) and form.isVisible()
    assert form.date_edit.value() == TODAY  # today by default
    type_text(form.topic_edit, "Tư vấn chương trình EPS Hàn Quốc")
    type_text(form.place_edit, "Nhà văn hóa ấp 1")
    type_text(form.organiser_edit, "UBND xã")
    type_text(form.person_search, "Hoa")
    qtbot.keyClick(form.person_search, Qt.Key.Key_Return)  # adds the person found
    assert form.attendee_ids() and form.attendee_list.item(0).text().startswith("Trần Thị Hoa")
    assert form.count_spin.value() == 1  # at least everyone chosen
    form.count_spin.selectAll()
    qtbot.keyClicks(form.count_spin, "25")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()

    [row] = list_outreach_sessions(database.engine)
    assert (row.topic, row.place, row.attendance_count, row.registered_count) == (
        "Tư vấn chương trình EPS Hàn Quốc",
        "Nhà văn hóa ấp 1",
        25,
        1,
    )
    assert sessions.model.rowCount() == 1
    assert sessions.model.index(0, 0).data() == TODAY.strftime("%d/%m/%Y")
    assert sessions.model.index(0, 4).data() == "25 (1)"

    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(sessions.delete_button, Qt.MouseButton.LeftButton)
    [(_title, text)] = message_boxes.of("question")
    assert TODAY.strftime("%d/%m/%Y") in text and "Nhà văn hóa ấp 1" in text
    assert list_outreach_sessions(database.engine) == []
    assert sessions.model.rowCount() == 0
    with qtbot.waitSignal(overview.loaded, timeout=20_000):
        sessions.close()
    drain_tasks(qtbot)


def test_outreach_form_says_what_is_wrong_under_each_field(qtbot, window, overview, database) -> None:
    qtbot.mouseClick(overview.outreach_button, Qt.MouseButton.LeftButton)
    sessions = overview.current_dialog
    qtbot.mouseClick(sessions.add_button, Qt.MouseButton.LeftButton)
    form = sessions.current_form
    form.date_edit.clear()
    type_text(form.date_edit, "01/01/2099")
    message = form.messages["held_on"]
    assert message.isVisible() and message.severity() == "error"
    assert "tương lai" in message.text()
    assert not form.messages["topic"].isVisible()  # not been there yet

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()  # nothing saved
    assert form.messages["topic"].isVisible() and "nội dung" in form.messages["topic"].text()
    assert form.messages["place"].isVisible()
    assert list_outreach_sessions(database.engine) == []

    form.date_edit.clear()
    type_text(form.date_edit, "3/2/2025")
    assert not message.isVisible()
    qtbot.keyClick(form.date_edit, Qt.Key.Key_Escape)  # Esc cancels
    assert not form.isVisible()
    sessions.close()
    drain_tasks(qtbot)


def test_a_status_count_opens_the_people_pane_filtered_in_place(qtbot, window, database) -> None:
    """Clicking "registered" on the overview shows the people pane with that status filter."""
    from xkld_desktop.domain.enums import PersonStatus
    from xkld_desktop.services.people import PeopleFilter
    from xkld_desktop.ui.panes.overview import show_list
    from xkld_desktop.ui.panes.people import PeoplePane

    pane = window.pane(PeoplePane)
    show_list(window, "people", PeopleFilter(statuses=(PersonStatus.REGISTERED,)))
    assert window.current_pane() is pane
    assert pane.status_filter.currentData() == PersonStatus.REGISTERED.value
    assert pane.current_filter().statuses == (PersonStatus.REGISTERED,)
    assert pane.is_filtered()
    pane.clear_filters()
    assert not pane.is_filtered()


def test_overview_draws_the_charts_from_the_report_code(qtbot, window, database) -> None:
    """With departures recorded, the overview shows the year and market charts as pictures."""
    from xkld_desktop.services.demo import generate_demo
    from xkld_desktop.ui.panes.overview import OverviewPane

    generate_demo(database.engine, people=120, seed=4)
    overview = window.pane(OverviewPane)
    with qtbot.waitSignal(overview.charts_ready, timeout=30_000):
        overview.refresh()
    assert overview.charts_box.isVisibleTo(overview)
    assert overview.chart_svgs is not None and all(b"<svg" in svg for svg in overview.chart_svgs)
    for label in (overview.year_chart_label, overview.market_chart_label):
        assert not label.pixmap().isNull() and label.pixmap().width() == 440
    assert "Nhật Bản".encode() in overview.chart_svgs[1]  # the market chart names the markets
    assert "Xuất cảnh hợp pháp".encode() in overview.chart_svgs[0]  # the legend: what counts against the target

    from xkld_desktop.ui.i18n import install_language

    try:  # switched in Settings: the pictures are drawn again in English
        with qtbot.waitSignal(overview.charts_ready, timeout=30_000):
            install_language("en")
        assert b"Legal departures" in overview.chart_svgs[0] and b"Japan" in overview.chart_svgs[1]
    finally:
        install_language("vi")
    qtbot.waitUntil(lambda: "Nhật Bản".encode() in overview.chart_svgs[1])


def test_changes_elsewhere_refresh_the_overview_when_it_is_next_shown(qtbot, window, database) -> None:
    from tests.gui.conftest import drain_tasks
    from xkld_desktop.domain.models import Person
    from xkld_desktop.store.session import write_session
    from xkld_desktop.ui.panes.overview import OverviewPane
    from xkld_desktop.ui.panes.people import PeoplePane

    overview = window.pane(OverviewPane)
    window.show_pane(PeoplePane)
    before = overview.people_total()
    with write_session(database.engine) as session:
        session.add(Person(full_name="Đặng Thị Mai"))
    window.pane(PeoplePane).data_changed.emit()
    drain_tasks(qtbot)
    assert overview.people_total() == before  # hidden: nothing read yet
    window.show_pane(OverviewPane)
    qtbot.waitUntil(lambda: overview.people_total() == (before or 0) + 1)


def test_people_not_yet_reviewed_this_year_open_in_the_people_list_named_in_a_bar(qtbot, window, database) -> None:
    from xkld_desktop.domain.enums import ReviewClassification
    from xkld_desktop.services.lifecycle import record_review
    from xkld_desktop.ui.panes.people import PeoplePane

    engine = database.engine
    add_person(engine, "Chưa Rà Soát", status=PersonStatus.CANDIDATE, date_of_birth=date(YEAR - 30, 3, 5))
    done = add_person(engine, "Đã Rà Soát", status=PersonStatus.CANDIDATE, date_of_birth=date(YEAR - 31, 3, 5))
    record_review(engine, person_id=done, year=YEAR, classification=ReviewClassification.NOT_NOW)
    add_person(engine, "Đang Ở Nước Ngoài", status=PersonStatus.WORKING_ABROAD, date_of_birth=date(YEAR - 30, 1, 1))
    overview = window.pane(OverviewPane)
    with qtbot.waitSignal(overview.loaded, timeout=20_000):
        overview.refresh()
    row = overview.todo_rows["not_reviewed"]
    assert row.caption.text() == "Người trong độ tuổi chưa được rà soát năm nay"
    assert row.count.text() == "1"

    people = _open(qtbot, window, row.caption, PeoplePane)
    qtbot.waitUntil(lambda: not people.is_busy() and people.model.rowCount() == 1)
    assert people.model.index(0, 1).data() == "Chưa Rà Soát"
    assert people.limit_bar.isVisible() and people.limit_label.text() == row.caption.text()
    assert people.count_label.text() == "1 người"
    qtbot.mouseClick(people.clear_limit_button, Qt.MouseButton.LeftButton)  # "Hiện tất cả"
    qtbot.waitUntil(lambda: not people.is_busy() and people.model.rowCount() == 3)
    assert not people.limit_bar.isVisible() and not people.is_filtered()
    drain_tasks(qtbot)


def test_a_search_does_not_wait_behind_the_overview_s_figures(
    qtbot, window: MainWindow, database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The overview's to-do lists and charts take a second or more at 200,000 people; a search typed
    meanwhile (the first thing an officer does on opening the program) is answered beside them."""
    import threading

    from xkld_desktop.services import todo

    add_person(database.engine, "Trần Thị Hoa", status=PersonStatus.REGISTERED)
    add_person(database.engine, "Lê Văn Nam", status=PersonStatus.CANDIDATE)
    reading, release = threading.Event(), threading.Event()
    real = todo.todo_lists

    def slow_lists(engine, **kwargs):
        reading.set()
        release.wait(30)
        return real(engine, **kwargs)

    monkeypatch.setattr(todo, "todo_lists", slow_lists)
    overview = window.pane(OverviewPane)
    overview.refresh()  # counts, this year, then the (slow) to-do lists
    try:
        qtbot.waitUntil(reading.is_set)
        people = window.pane(PeoplePane)
        window.show_pane(PeoplePane)
        type_text(people.search_edit, "hoa")
        model = people.model
        qtbot.waitUntil(
            lambda: (
                not people.is_busy() and [model.index(r, 1).data() for r in range(model.rowCount())] == ["Trần Thị Hoa"]
            )
        )
        assert not release.is_set()  # answered while the to-do lists were still being read
    finally:
        release.set()
    drain_tasks(qtbot)
    assert overview.todos is not None
