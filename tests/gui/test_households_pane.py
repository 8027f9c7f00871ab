"""The households & club pane driven like a user: typing households and members, recording a
meeting with its attendance and a visit, watching the not-visited list shrink."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from xkld_desktop.domain.enums import PersonStatus, PovertyStatus, Relationship
from xkld_desktop.domain.models import ClubMeeting, ClubMeetingAttendance, FamilyVisit, Household, Person
from xkld_desktop.services import club as club_service
from xkld_desktop.services import households as household_service
from xkld_desktop.store.session import read_session, write_session
from xkld_desktop.ui.club_dialogs import JoinClubDialog, MeetingDialog, VisitDialog
from xkld_desktop.ui.household_dialogs import HouseholdDialog, MemberDialog
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.panes.base import PlannedPane
from xkld_desktop.ui.panes.households import HouseholdsPane

TODAY = date.today()
LONG_AGO = date(2021, 1, 10)


def wait_idle(qtbot: Any, pane: HouseholdsPane) -> None:
    drain_tasks(qtbot)
    qtbot.waitUntil(lambda: not pane.is_loading())


@pytest.fixture
def pane(qtbot: Any, database: Any) -> HouseholdsPane:
    widget = HouseholdsPane()
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_database(database)
    wait_idle(qtbot, widget)
    return widget


def press_enter(qtbot: Any, widget: Any) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def visible_heads(pane: HouseholdsPane) -> list[str]:
    model = pane.households_tab.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def make_person(engine: Any, name: str, born: date = date(1999, 7, 1)) -> int:
    with write_session(engine) as session:
        person = Person(full_name=name, date_of_birth=born, status=PersonStatus.WORKING_ABROAD)
        session.add(person)
        session.flush()
        assert person.id is not None
        return person.id


def test_the_pane_replaces_the_placeholder_in_the_window(window: MainWindow) -> None:
    pane = window.pane(HouseholdsPane)
    assert not isinstance(pane, PlannedPane)
    assert isinstance(pane, HouseholdsPane)
    assert pane.tabs.count() == 2


# --------------------------------------------------------------------------- households


def test_a_household_with_members_is_typed_in(qtbot: Any, pane: HouseholdsPane, database: Any) -> None:
    engine = database.engine
    hoa = make_person(engine, "Nguyễn Thị Hoa")
    tab = pane.households_tab
    assert visible_heads(pane) == []

    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, HouseholdDialog)
    qtbot.waitExposed(dialog)
    type_text(dialog.head_edit, "Nguyễn Văn 3")  # a digit: said at once, under the field
    message = dialog.messages["head_name"]
    assert message.isVisible()
    assert message.text() == "Họ tên không được chứa chữ số"
    dialog.head_edit.clear()
    type_text(dialog.head_edit, "Nguyễn Văn Đức")
    assert not message.isVisible()
    type_text(dialog.hamlet_combo.lineEdit(), "Ấp 3")
    qtbot.keyClicks(dialog.phone_edit, "0912 345")  # too short: the phone's own message
    assert dialog.messages["phone"].severity() == "error"
    press_enter(qtbot, dialog.phone_edit)
    assert dialog.isVisible()  # Enter does not save a form with errors
    assert dialog.error_label.isVisible()
    qtbot.keyClicks(dialog.phone_edit, " 678")
    assert dialog.messages["phone"].severity() == ""
    dialog.poverty_combo.setCurrentIndex(dialog.poverty_combo.findData(PovertyStatus.NEAR_POOR.value))
    press_enter(qtbot, dialog.phone_edit)  # Enter saves
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, pane)

    assert visible_heads(pane) == ["Nguyễn Văn Đức"]
    with read_session(engine) as session:
        household = session.scalars(select(Household)).one()
        assert (household.head_name, household.hamlet, household.phone, household.poverty_status) == (
            "Nguyễn Văn Đức",
            "Ấp 3",
            "0912345678",
            PovertyStatus.NEAR_POOR,
        )
        household_id = household.id
    assert tab.panel.detail is not None
    assert tab.panel.detail.id == household_id  # the new household is the current one
    assert tab.count_label.text().startswith("1 ")

    # a registered worker, found by typing part of her name
    qtbot.mouseClick(tab.panel.add_member_button, Qt.MouseButton.LeftButton)
    member_dialog = tab.dialog
    assert isinstance(member_dialog, MemberDialog)
    qtbot.waitExposed(member_dialog)
    picker = member_dialog.picker
    type_text(picker.search_edit, "hoa")
    qtbot.waitUntil(lambda: len(picker.found()) == 1)
    qtbot.keyClick(picker.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(picker.results, Qt.Key.Key_Return)  # picks, does not save
    assert member_dialog.isVisible()
    assert picker.person() is not None
    assert member_dialog.name_edit.text() == "Nguyễn Thị Hoa"
    assert member_dialog.birth_edit.text() == "01/07/1999"
    press_enter(qtbot, member_dialog.birth_edit)
    assert member_dialog.error_label.text() == ""
    qtbot.waitUntil(lambda: not member_dialog.isVisible())
    wait_idle(qtbot, pane)

    # a member who is just a name
    qtbot.mouseClick(tab.panel.add_member_button, Qt.MouseButton.LeftButton)
    member_dialog = tab.dialog
    assert isinstance(member_dialog, MemberDialog)
    type_text(member_dialog.name_edit, "Lê Thị Tư")
    combo = member_dialog.relationship_combo
    combo.setCurrentIndex(combo.findData(Relationship.SPOUSE.value))
    qtbot.keyClicks(member_dialog.birth_edit, "2/2/2099")
    assert member_dialog.messages["date_of_birth"].text() == "Ngày không được ở tương lai: 02/02/2099"
    member_dialog.birth_edit.clear()
    qtbot.keyClicks(member_dialog.birth_edit, "2/2/1972")
    assert not member_dialog.messages["date_of_birth"].isVisible()
    press_enter(qtbot, member_dialog.name_edit)
    qtbot.waitUntil(lambda: not member_dialog.isVisible())
    wait_idle(qtbot, pane)

    shown = [(m.full_name, m.relationship, m.person_id) for m in tab.panel.members_model.rows()]
    assert shown == [
        ("Nguyễn Văn Đức", Relationship.HEAD, None),
        ("Lê Thị Tư", Relationship.SPOUSE, None),
        ("Nguyễn Thị Hoa", Relationship.CHILD, hoa),
    ]
    model = tab.panel.members_model
    assert model.data(model.index(1, 1)) == "Vợ/chồng"
    assert model.data(model.index(1, 2)) == "02/02/1972"
    assert model.data(model.index(2, 3)) == "Đang làm việc ở nước ngoài"
    detail = household_service.household_detail(engine, household_id)
    assert [m.full_name for m in detail.members] == ["Nguyễn Văn Đức", "Lê Thị Tư", "Nguyễn Thị Hoa"]
    row = tab.model.record_at(0)
    assert row.member_count == 3


def test_a_refusal_is_shown_in_the_form_which_stays_open(qtbot: Any, pane: HouseholdsPane, database: Any) -> None:
    engine = database.engine
    hoa = make_person(engine, "Nguyễn Thị Hoa")
    first = household_service.create_household(engine, head_name="Trần Văn Ba", hamlet="Ấp 1")
    household_service.add_member(engine, household_id=first, relationship=Relationship.CHILD, person_id=hoa)
    second = household_service.create_household(engine, head_name="Lê Văn Tư", hamlet="Ấp 2")
    tab = pane.households_tab
    tab.reload(keep=second)
    wait_idle(qtbot, pane)
    assert tab.panel.detail is not None
    assert tab.panel.detail.head_name == "Lê Văn Tư"

    member_dialog = tab.add_member()
    assert isinstance(member_dialog, MemberDialog)
    type_text(member_dialog.picker.search_edit, "nguyen thi hoa")
    member_dialog.picker.search_now()
    member_dialog.picker.choose_row(0)
    qtbot.mouseClick(member_dialog.save_button, Qt.MouseButton.LeftButton)
    assert member_dialog.isVisible()
    assert member_dialog.error_label.text().startswith(
        "Nguyễn Thị Hoa đã là thành viên của hộ Trần Văn Ba (Ấp 1). Mỗi người chỉ thuộc một hộ"
    )
    qtbot.keyClick(member_dialog, Qt.Key.Key_Escape)  # Esc cancels
    qtbot.waitUntil(lambda: not member_dialog.isVisible())
    assert [m.full_name for m in household_service.household_detail(engine, second).members] == ["Lê Văn Tư"]


def test_search_and_filters_narrow_the_list(qtbot: Any, pane: HouseholdsPane, database: Any) -> None:
    engine = database.engine
    for name, hamlet, poverty in (
        ("Nguyễn Văn Đức", "Ấp 3", PovertyStatus.POOR),
        ("Trần Văn An", "Ấp 1", PovertyStatus.NONE),
        ("Lê Thị Bình", "Ấp 3", PovertyStatus.NONE),
    ):
        household_service.create_household(engine, head_name=name, hamlet=hamlet, poverty_status=poverty)
    tab = pane.households_tab
    tab.reload()
    wait_idle(qtbot, pane)
    assert visible_heads(pane) == ["Trần Văn An", "Lê Thị Bình", "Nguyễn Văn Đức"]
    type_text(tab.search_edit, "đức")
    qtbot.waitUntil(lambda: visible_heads(pane) == ["Nguyễn Văn Đức"])
    tab.search_edit.clear()
    type_text(tab.search_edit, "ấp 3")
    qtbot.waitUntil(lambda: visible_heads(pane) == ["Lê Thị Bình", "Nguyễn Văn Đức"])
    tab.poverty_combo.setCurrentIndex(tab.poverty_combo.findData(PovertyStatus.POOR.value))
    qtbot.waitUntil(lambda: visible_heads(pane) == ["Nguyễn Văn Đức"])
    assert tab.count_label.text() == "1 hộ" or tab.count_label.text().startswith("1 ")
    model = tab.model
    assert model.data(model.index(0, 3)) == "Hộ nghèo"


def test_deleting_a_household_asks_and_names_what_goes_with_it(
    qtbot: Any, pane: HouseholdsPane, database: Any, message_boxes: Any
) -> None:
    engine = database.engine
    hid = household_service.create_household(engine, head_name="Trần Văn Ba", hamlet="Ấp 1")
    household_service.add_member(engine, household_id=hid, relationship=Relationship.CHILD, full_name="Trần Văn Tí")
    tab = pane.households_tab
    tab.reload(keep=hid)
    wait_idle(qtbot, pane)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)  # answered No
    [(_title, text)] = message_boxes.of("question")
    assert "Trần Văn Ba (Ấp 1)" in text
    assert "2" in text  # its two members go with it
    wait_idle(qtbot, pane)
    assert visible_heads(pane) == ["Trần Văn Ba"]

    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, pane)
    assert visible_heads(pane) == []
    assert household_service.count_households(engine) == 0
    assert tab.panel.detail is None


def test_the_households_list_reads_its_rows_in_pages(qtbot: Any, pane: HouseholdsPane, database: Any) -> None:
    with write_session(database.engine) as session:
        session.add_all(Household(head_name=f"Nguyễn Văn Hộ {chr(65 + i % 26)}{i:04d}") for i in range(450))
    tab = pane.households_tab
    tab.reload()
    wait_idle(qtbot, pane)
    assert tab.model.rowCount() == 450
    assert tab.count_label.text() == "450 hộ" or tab.count_label.text().startswith("450 ")
    qtbot.waitUntil(lambda: tab.model.fetches >= 1)
    assert tab.model.fetches <= 2  # only what is on screen was read
    tab.view.scrollToBottom()
    qtbot.wait(50)
    assert tab.model.fetches <= 4


# --------------------------------------------------------------------------- club


@pytest.fixture
def club_homes(database: Any) -> dict[str, int]:
    engine = database.engine
    club_id = club_service.create_club(
        engine, name="CLB gia đình có người đi lao động ở nước ngoài xã Tân Hộ Cơ", leader_name="Phạm Thị Vy"
    )
    homes = {}
    for name, hamlet in (("Nguyễn Văn Đức", "Ấp 3"), ("Trần Văn An", "Ấp 1"), ("Lê Thị Bình", "Ấp 2")):
        hid = household_service.create_household(engine, head_name=name, hamlet=hamlet)
        club_service.join_club(engine, club_id=club_id, household_id=hid, joined_on=LONG_AGO)
        homes[name] = hid
    homes["club"] = club_id
    return homes


def test_a_meeting_and_a_visit_are_recorded_and_the_not_visited_list_shrinks(
    qtbot: Any, pane: HouseholdsPane, database: Any, club_homes: dict[str, int]
) -> None:
    engine = database.engine
    pane.refresh()
    wait_idle(qtbot, pane)
    pane.tabs.setCurrentWidget(pane.club_tab)
    tab = pane.club_tab
    box = tab.not_visited
    assert box.count() == 3
    assert "3" in box.title_label.text()
    assert box.isVisible()
    assert [r.head_name for r in box.rows] == ["Trần Văn An", "Lê Thị Bình", "Nguyễn Văn Đức"]

    # a meeting: date, topic, fund, two of the three member households ticked
    tab.inner.setCurrentIndex(1)
    qtbot.mouseClick(tab.new_meeting_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, MeetingDialog)
    qtbot.waitExposed(dialog)
    assert dialog.attendees.count() == 3
    assert dialog.held_edit.text() == TODAY.strftime("%d/%m/%Y")
    type_text(dialog.topic_edit, "Sinh hoạt định kỳ quý 4")
    type_text(dialog.fund_edit, "1,5 triệu")
    dialog.tick(club_homes["Trần Văn An"])
    dialog.tick(club_homes["Lê Thị Bình"])
    assert dialog.attendance_label.text().startswith("2")
    press_enter(qtbot, dialog.topic_edit)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, pane)
    with read_session(engine) as session:
        meeting = session.scalars(select(ClubMeeting)).one()
        assert (meeting.topic, meeting.fund_contribution, meeting.held_on) == (
            "Sinh hoạt định kỳ quý 4",
            1_500_000,
            TODAY,
        )
        attendees = set(session.scalars(select(ClubMeetingAttendance.household_id)))
    assert attendees == {club_homes["Trần Văn An"], club_homes["Lê Thị Bình"]}
    model = tab.meetings_model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 3)) == "2"
    assert model.data(model.index(0, 4)) == "1.500.000"

    # a click on a household of the not-visited list opens a visit for it
    item = box.list.item(0)
    rect = box.list.visualItemRect(item)
    qtbot.mouseClick(box.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    visit_dialog = tab.dialog
    assert isinstance(visit_dialog, VisitDialog)
    qtbot.waitExposed(visit_dialog)
    assert visit_dialog.household_id() == club_homes["Trần Văn An"]
    assert visit_dialog.visitor_edit.text().startswith("Phạm Thị Vy")
    type_text(visit_dialog.issues_edit, "Con gửi tiền về chậm")
    press_enter(qtbot, visit_dialog.visitor_edit)
    qtbot.waitUntil(lambda: not visit_dialog.isVisible())
    wait_idle(qtbot, pane)

    assert box.count() == 2
    assert [r.head_name for r in box.rows] == ["Lê Thị Bình", "Nguyễn Văn Đức"]
    assert "2" in box.title_label.text()
    with read_session(engine) as session:
        visit = session.scalars(select(FamilyVisit)).one()
        assert (visit.household_id, visit.club_id, visit.visited_on, visit.issues_raised) == (
            club_homes["Trần Văn An"],
            club_homes["club"],
            TODAY,
            "Con gửi tiền về chậm",
        )
    assert tab.visits_model.rowCount() == 1
    # the households tab heard of it too
    wait_idle(qtbot, pane)
    households = pane.households_tab.model
    row = households.row_of(club_homes["Trần Văn An"])
    assert households.data(households.index(row, 6)) == TODAY.strftime("%d/%m/%Y")


def test_a_household_joins_through_the_dialog_and_a_future_date_is_refused_inline(
    qtbot: Any, pane: HouseholdsPane, database: Any, club_homes: dict[str, int]
) -> None:
    engine = database.engine
    newcomer = household_service.create_household(engine, head_name="Đặng Hữu Đạt", hamlet="Ấp 4")
    pane.refresh()
    wait_idle(qtbot, pane)
    tab = pane.club_tab
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, JoinClubDialog)
    qtbot.waitExposed(dialog)
    assert dialog.results.count() == 1  # only households in no club
    type_text(dialog.search_edit, "dat")
    dialog.search_now()
    assert dialog.household_id() == newcomer
    dialog.joined_edit.clear()
    qtbot.keyClicks(dialog.joined_edit, (TODAY + timedelta(days=3)).strftime("%d/%m/%Y"))
    assert dialog.messages["joined_on"].text().startswith("Ngày không được ở tương lai")
    press_enter(qtbot, dialog.joined_edit)
    assert dialog.isVisible()
    dialog.joined_edit.clear()
    qtbot.keyClicks(dialog.joined_edit, "1/1/2024")
    press_enter(qtbot, dialog.joined_edit)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, pane)
    members = [(m.head_name, m.joined_on) for m in tab.members_model.rows()]
    assert ("Đặng Hữu Đạt", date(2024, 1, 1)) in members
    assert tab.not_visited.count() == 4


def test_table_models_pass_the_model_tester(
    qtbot: Any, qtmodeltester: Any, pane: HouseholdsPane, database: Any, club_homes: dict[str, int]
) -> None:
    engine = database.engine
    hid = club_homes["Trần Văn An"]
    household_service.add_member(engine, household_id=hid, relationship=Relationship.CHILD, full_name="Trần Văn Tí")
    club_service.record_meeting(
        engine, club_id=club_homes["club"], held_on=LONG_AGO, topic="Họp", attending_household_ids=[hid]
    )
    club_service.record_visit(engine, household_id=hid, visited_on=LONG_AGO, visitor="Trưởng ấp")
    pane.refresh()
    wait_idle(qtbot, pane)
    pane.households_tab.select(hid)
    tab = pane.club_tab
    models = [
        pane.households_tab.model,
        pane.households_tab.panel.members_model,
        tab.members_model,
        tab.meetings_model,
        tab.visits_model,
    ]
    for model in models:
        assert model.rowCount() > 0, model
        qtmodeltester.check(model)


def test_the_household_form_is_filled_in_with_the_keyboard_alone(qtbot: Any, pane: HouseholdsPane) -> None:
    from PySide6.QtWidgets import QApplication

    dialog = pane.households_tab.new_household()
    assert isinstance(dialog, HouseholdDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.head_edit)
    order = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        order.append(widget.parentWidget() if widget is dialog.hamlet_combo.lineEdit() else widget)
    assert order == [
        dialog.head_picker.search_edit,
        dialog.hamlet_combo,
        dialog.commune_combo,
        dialog.address_edit,
        dialog.phone_edit,
        dialog.poverty_combo,
        dialog.notes_edit,
    ]
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert household_service.count_households(pane.database.engine) == 0  # type: ignore[union-attr]


def test_a_hamlet_the_register_writes_otherwise_warns_in_the_household_form(
    qtbot: Any, pane: HouseholdsPane, database: Any
) -> None:
    make_person(database.engine, "Lê Văn Cũ")
    with write_session(database.engine) as session:
        session.add(Household(head_name="Trần Văn Hộ", hamlet="Ấp Phú Thạnh"))
    dialog = pane.households_tab.new_household()
    assert isinstance(dialog, HouseholdDialog)
    qtbot.waitExposed(dialog)
    type_text(dialog.hamlet_combo.lineEdit(), "AP PHU THANH")
    message = dialog.messages["hamlet"]
    assert message.severity() == "warning"
    assert message.text() == "Các hồ sơ khác viết ấp này là “Ấp Phú Thạnh”: hãy chọn trong danh sách."
    dialog.hamlet_combo.setCurrentIndex(dialog.hamlet_combo.findText("Ấp Phú Thạnh"))
    assert message.text() == ""
    dialog.reject()


def test_ending_a_membership_takes_the_household_off_the_not_visited_list(
    qtbot: Any, pane: HouseholdsPane, database: Any, club_homes: dict[str, int]
) -> None:
    from xkld_desktop.ui.club_dialogs import LeaveClubDialog

    pane.refresh()
    wait_idle(qtbot, pane)
    tab = pane.club_tab
    assert tab.not_visited.count() == 3
    assert not tab.leave_button.isEnabled()  # nothing chosen yet
    rows = tab.members_model.rows()
    row = next(i for i, m in enumerate(rows) if m.head_name == "Lê Thị Bình")
    tab.members_view.setCurrentIndex(tab.members_model.index(row, 0))
    assert tab.leave_button.isEnabled()
    qtbot.mouseClick(tab.leave_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, LeaveClubDialog)
    qtbot.waitExposed(dialog)
    dialog.left_edit.clear()
    qtbot.keyClicks(dialog.left_edit, "1/1/2020")  # before joining: the service refuses
    press_enter(qtbot, dialog.left_edit)
    assert dialog.isVisible()
    assert dialog.messages["left_on"].text() == "Ngày rời CLB không được trước ngày vào CLB (10/01/2021)"
    dialog.left_edit.clear()
    qtbot.keyClicks(dialog.left_edit, "30/06/2024")
    press_enter(qtbot, dialog.left_edit)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, pane)
    assert [r.head_name for r in tab.not_visited.rows] == ["Trần Văn An", "Nguyễn Văn Đức"]
    former = [m for m in tab.members_model.rows() if m.head_name == "Lê Thị Bình"]
    assert [(m.left_on, m.active) for m in former] == [(date(2024, 6, 30), False)]
    assert former[0] is tab.members_model.rows()[-1]  # former members come last
    model = tab.members_model
    assert model.data(model.index(model.rowCount() - 1, 3)) == "30/06/2024"
    tab.former_check.setChecked(False)
    assert "Lê Thị Bình" not in [m.head_name for m in tab.members_model.rows()]


def test_another_member_is_made_head(qtbot: Any, pane: HouseholdsPane, database: Any) -> None:
    from xkld_desktop.ui.household_dialogs import HeadChangeDialog

    engine = database.engine
    hid = household_service.create_household(engine, head_name="Nguyễn Văn Ba", hamlet="Ấp 2")
    child = household_service.add_member(
        engine, household_id=hid, relationship=Relationship.CHILD, full_name="Nguyễn Văn Tèo"
    )
    tab = pane.households_tab
    tab.reload(keep=hid)
    wait_idle(qtbot, pane)
    panel = tab.panel
    panel.select_member(child)
    assert panel.make_head_button.isEnabled()
    assert panel.remove_member_button.isEnabled()
    qtbot.mouseClick(panel.make_head_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, HeadChangeDialog)
    combo = dialog.relationship_combo
    assert combo.currentText() == "Cha/mẹ"
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, pane)
    assert visible_heads(pane) == ["Nguyễn Văn Tèo"]
    assert [(m.full_name, m.relationship) for m in panel.members_model.rows()] == [
        ("Nguyễn Văn Tèo", Relationship.HEAD),
        ("Nguyễn Văn Ba", Relationship.PARENT),
    ]
    panel.select_member(child)
    assert not panel.remove_member_button.isEnabled()  # the head is not removed this way


def test_the_first_club_is_created_from_the_empty_tab(qtbot: Any, pane: HouseholdsPane, database: Any) -> None:
    from xkld_desktop.ui.club_dialogs import ClubDialog

    tab = pane.club_tab
    pane.tabs.setCurrentWidget(tab)
    assert tab.empty_label.isVisible()
    assert not tab.club_combo.isVisible()
    assert not tab.join_button.isEnabled()
    qtbot.mouseClick(tab.new_club_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, ClubDialog)
    qtbot.waitExposed(dialog)
    press_enter(qtbot, dialog.name_edit)  # nothing typed: said under the field, not saved
    assert dialog.isVisible()
    assert dialog.messages["name"].severity() == "error"
    assert dialog.messages["name"].isVisible()
    type_text(dialog.name_edit, "CLB gia đình xã Tân Hộ Cơ")
    type_text(dialog.leader_edit, "Phạm Thị Vy")
    qtbot.keyClicks(dialog.founded_edit, "15/3/2019")
    qtbot.keyClicks(dialog.phone_edit, "0912000111")
    press_enter(qtbot, dialog.phone_edit)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, pane)
    assert not tab.empty_label.isVisible()
    club = tab.current_club()
    assert club is not None
    assert (club.name, club.leader_name, club.leader_phone, club.founded_on) == (
        "CLB gia đình xã Tân Hộ Cơ",
        "Phạm Thị Vy",
        "0912000111",
        date(2019, 3, 15),
    )
    assert "Phạm Thị Vy" in tab.info_label.text()
    assert tab.join_button.isEnabled()
    assert tab.not_visited.count() == 0


def test_editing_forms_open_with_the_linked_person_and_the_commune(qtbot: Any, database: Any) -> None:
    from xkld_desktop.domain.models import AdministrativeUnit
    from xkld_desktop.ui.club_dialogs import ClubDialog

    engine = database.engine
    with read_session(engine) as session:
        commune_id, commune = session.execute(
            select(AdministrativeUnit.id, AdministrativeUnit.name).order_by(AdministrativeUnit.id.desc()).limit(1)
        ).one()
    person_id = make_person(engine, "Lê Thị Hồng")
    household_id = household_service.create_household(
        engine, head_person_id=person_id, hamlet="Ấp 2", commune_id=commune_id
    )
    club_id = club_service.create_club(engine, name="CLB Ấp 2", commune_id=commune_id, leader_person_id=person_id)

    household_form = HouseholdDialog(engine, household_service.household_detail(engine, household_id))
    club_form = ClubDialog(engine, club_service.club_detail(engine, club_id))
    for form, picker in ((household_form, household_form.head_picker), (club_form, club_form.leader_picker)):
        qtbot.addWidget(form)
        linked = picker.person()
        assert linked is not None and (linked.id, linked.full_name) == (person_id, "Lê Thị Hồng")
        assert form.commune_combo.currentData() == commune_id
        assert form.commune_combo.currentText().startswith(commune.split(" (")[0])


def test_a_household_whose_heads_record_is_deleted_is_edited_through_the_form(
    qtbot: Any, pane: HouseholdsPane, database: Any
) -> None:
    from xkld_desktop.services.person_records import delete_person, restore_person

    engine = database.engine
    duc = make_person(engine, "Nguyễn Văn Đức")
    household_id = household_service.create_household(engine, head_person_id=duc, hamlet="Ấp 3")
    delete_person(engine, person_id=duc)
    pane.households_tab.reload()
    wait_idle(qtbot, pane)
    assert visible_heads(pane) == ["Nguyễn Văn Đức (hồ sơ đang trong thùng rác)"]

    form = HouseholdDialog(engine, household_service.household_detail(engine, household_id))
    qtbot.addWidget(form)
    assert form.head_picker.person() is None  # not shown linked to a deleted record
    assert form.head_edit.text() == "Nguyễn Văn Đức" and not form.head_edit.isReadOnly()
    form.address_edit.clear()
    type_text(form.address_edit, "Ấp 3, đường mới")
    form.accept()
    assert form.error_label.isHidden() and form.result() == HouseholdDialog.DialogCode.Accepted
    detail = household_service.household_detail(engine, household_id)
    assert (detail.address, detail.head_person_id, detail.head) == ("Ấp 3, đường mới", duc, None)

    restore_person(engine, person_id=duc)  # still his household: he is head again
    detail = household_service.household_detail(engine, household_id)
    assert detail.head is not None and (detail.head.person_id, detail.head_name) == (duc, "Nguyễn Văn Đức")


def test_both_table_models_share_headers_flags_alignment_and_retranslation(qtbot: Any) -> None:
    from types import SimpleNamespace

    from xkld_desktop.ui.panes.households import Column, HouseholdsModel, RowsModel

    columns = [Column(lambda: "Name", lambda r: r.name), Column(lambda: "Count", lambda r: str(r.n), right=True)]
    rows = [SimpleNamespace(name="An", n=3), SimpleNamespace(name="Bình", n=12)]
    plain = RowsModel(columns)
    plain.set_rows(rows)
    paged = HouseholdsModel(columns)
    paged.set_ids([7, 9], lambda ids: {7: rows[0], 9: rows[1]} if list(ids) == [7, 9] else {})
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for model in (plain, paged):
        assert (model.rowCount(), model.columnCount()) == (2, 2)
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        assert [model.headerData(s, horizontal) for s in range(3)] == ["Name", "Count", None]
        assert [model.headerData(s, vertical) for s in range(3)] == ["1", "2", None]
        assert model.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole) is None
        assert model.data(model.index(1, 0)) == "Bình"
        assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole) == "12"
        assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) == left
        assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) == right
        assert model.data(model.index(0, 0), model.ROW_ROLE) is rows[0]
        assert model.data(model.index(5, 0)) is None
        assert model.flags(model.index(0, 0)) == (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        )
        assert model.flags(model.index(5, 0)) == Qt.ItemFlag.NoItemFlags
        with qtbot.waitSignals([model.headerDataChanged, model.dataChanged]):
            model.retranslate()
    assert paged.data(paged.index(1, 0), HouseholdsModel.ID_ROLE) == 9
    assert paged.fetches == 1
    paged.forget_rows()
    assert paged.data(paged.index(0, 0)) == "An" and paged.fetches == 2


def test_making_a_head_names_the_former_head_whose_record_is_in_the_recycle_bin(
    qtbot: Any, pane: HouseholdsPane, database: Any
) -> None:
    from PySide6.QtWidgets import QLabel

    from xkld_desktop.services.person_records import delete_person
    from xkld_desktop.ui.household_dialogs import HeadChangeDialog

    engine = database.engine
    tuan = make_person(engine, "Lê Văn Tuấn")
    household_id = household_service.create_household(engine, head_person_id=tuan, hamlet="Ấp 3")
    son = household_service.add_member(
        engine, household_id=household_id, relationship=Relationship.CHILD, full_name="Lê Văn Tí"
    )
    delete_person(engine, person_id=tuan)
    tab = pane.households_tab
    tab.reload(keep=household_id)
    wait_idle(qtbot, pane)
    tab.panel.select_member(son)
    qtbot.mouseClick(tab.panel.make_head_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, HeadChangeDialog)
    intro = dialog.findChildren(QLabel)[0].text()
    assert "Lê Văn Tuấn là gì của Lê Văn Tí?" in intro
    assert "thùng rác" not in intro
    dialog.reject()


def test_a_long_address_opens_at_its_beginning(qtbot: Any, database: Any) -> None:
    engine = database.engine
    address = "Số 12, đường Nguyễn Trãi, tổ 5, khu phố Bình Thạnh, phường Tân Thành, tỉnh Đồng Tháp"
    household_id = household_service.create_household(engine, head_name="Lê Thị Hồng", hamlet="Ấp 2", address=address)
    form = HouseholdDialog(engine, household_service.household_detail(engine, household_id))
    qtbot.addWidget(form)
    form.show()
    assert form.address_edit.text() == address
    assert form.address_edit.cursorPosition() == 0  # "Số 12, đường…" in sight, not "…tỉnh Đồng Tháp"
