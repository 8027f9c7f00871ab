"""The people pane and its table model: search as you type, filters, order, new/edit/delete, kept selection."""

from __future__ import annotations

import importlib.util
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from xkld_desktop.domain.enums import Gender, PersonStatus, PolicyGroup
from xkld_desktop.domain.models import Departure, Person
from xkld_desktop.services.errors import NotFound
from xkld_desktop.services.people import PeopleFilter, list_person_ids
from xkld_desktop.services.person_records import PersonInput, create_person, get_person
from xkld_desktop.store.session import write_session
from xkld_desktop.ui import people_model
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.panes.people import PeoplePane
from xkld_desktop.ui.people_model import (
    COL_BIRTH,
    COL_GENDER,
    COL_MARKET,
    COL_NAME,
    COL_NUMBER,
    COL_STATUS,
    PeopleModel,
    PersonIdRole,
    PersonRowRole,
)
from xkld_desktop.ui.person_form import PersonForm

TODAY = date(2026, 11, 25)
YES = QMessageBox.StandardButton.Yes

PEOPLE = [
    # name, birth, gender, status, hamlet, policy group
    ("Nguyễn Văn Đức", date(1998, 3, 5), Gender.MALE, PersonStatus.WORKING_ABROAD, "Ấp 1", PolicyGroup.POOR),
    ("Trần Thị Hoa", date(2001, 7, 1), Gender.FEMALE, PersonStatus.CANDIDATE, "Ấp 2", None),
    ("Lê Văn An", date(1990, 1, 1), Gender.MALE, PersonStatus.RETURNED, "Ấp 1", None),
    ("Nguyễn Thị Bình", date(1995, 5, 5), Gender.FEMALE, PersonStatus.REGISTERED, "Ấp 2", PolicyGroup.POOR),
    ("Phạm Văn Cường", None, Gender.MALE, PersonStatus.CANDIDATE, "Ấp 3", None),
]
NAME_ORDER = ["Lê Văn An", "Nguyễn Thị Bình", "Phạm Văn Cường", "Nguyễn Văn Đức", "Trần Thị Hoa"]


def add_people(engine) -> dict[str, int]:
    ids = {}
    for name, born, gender, _status, hamlet, group in PEOPLE:
        data = PersonInput(
            full_name=name,
            date_of_birth=born,
            gender=gender,
            hamlet=hamlet,
            policy_groups=frozenset({group} if group else ()),
        )
        ids[name] = create_person(engine, data=data, today=TODAY, allow_same_name=True).id
    with write_session(engine) as session:  # the statuses and departures lifecycle actions would have made
        for name, _born, _gender, status, _hamlet, _group in PEOPLE:
            session.get(Person, ids[name]).status = status
        session.add(Departure(person_id=ids["Nguyễn Văn Đức"], market_code="JP", departed_on=date(2023, 4, 1)))
        session.add(Departure(person_id=ids["Lê Văn An"], market_code="KR", departed_on=date(2019, 4, 1)))
    return ids


def wait_for_list(qtbot, pane: PeoplePane) -> None:
    qtbot.waitUntil(lambda: not pane.is_busy())
    drain_tasks(qtbot)
    qtbot.waitUntil(lambda: not pane.is_busy())


def active(qtbot, form: PersonForm) -> PersonForm:
    """The form once it has the keyboard (it opens window-modal over the main window)."""
    assert isinstance(form, PersonForm) and form.isVisible()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def shown(pane: PeoplePane, column: int = COL_NAME) -> list[str]:
    model = pane.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


@pytest.fixture
def pane(qtbot, window: MainWindow, database) -> PeoplePane:
    """The people pane on screen, showing the five people above."""
    add_people(database.engine)
    window.show_pane(PeoplePane)
    people_pane = window.pane(PeoplePane)
    assert isinstance(people_pane, PeoplePane)
    people_pane.refresh()
    wait_for_list(qtbot, people_pane)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return people_pane


# --------------------------------------------------------------------------- the model


def test_model_passes_the_model_tester_and_shows_rows_in_name_order(qtmodeltester, database) -> None:
    ids = add_people(database.engine)
    model = PeopleModel()
    model.set_engine(database.engine)
    model.load()
    qtmodeltester.check(model)

    assert [model.index(r, COL_NAME).data() for r in range(5)] == NAME_ORDER
    duc = model.row_of(ids["Nguyễn Văn Đức"])
    assert [model.index(duc, c).data() for c in (COL_NUMBER, COL_BIRTH, COL_GENDER, COL_STATUS, COL_MARKET)] == [
        str(duc + 1),
        "05/03/1998",
        "Nam",
        "Đang làm việc ở nước ngoài",
        "Nhật Bản",
    ]
    assert model.index(duc, COL_BIRTH).data(PersonIdRole) == ids["Nguyễn Văn Đức"]
    assert model.index(duc, COL_NAME).data(PersonRowRole).id_number is None
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == model.tr("Full name")


def test_model_reads_rows_a_page_at_a_time(database, monkeypatch) -> None:
    add_people(database.engine)
    monkeypatch.setattr(people_model, "PAGE_SIZE", 2)
    model = PeopleModel()
    model.set_engine(database.engine)
    model.load()
    model.index(0, COL_NAME).data()
    model.index(1, COL_STATUS).data()
    assert model.page_fetches == 1
    model.index(4, COL_NAME).data()
    assert model.page_fetches == 2
    model.index(0, COL_NAME).data()
    assert model.page_fetches == 2  # still cached


def test_the_first_rows_come_with_the_ids_not_from_the_paint(qtbot, pane: PeoplePane) -> None:
    """The list's first page is read on the database thread with its ids: painting it runs no query."""
    model = pane.model
    pane.table.viewport().repaint()
    assert model.rowCount() == 5 and model.index(0, COL_NAME).data()
    assert model.page_fetches == 0
    type_text(pane.search_edit, "Đức")  # a search shows its first rows the same way
    qtbot.waitUntil(lambda: not pane.is_busy() and model.rowCount() == 1)
    pane.table.viewport().repaint()
    assert model.index(0, COL_NAME).data() == "Nguyễn Văn Đức"
    assert model.page_fetches == 0


def test_model_shows_a_list_s_first_rows_then_fills_in_the_rest_without_a_reset(database, monkeypatch) -> None:
    add_people(database.engine)
    monkeypatch.setattr(people_model, "PAGE_SIZE", 2)
    whole = list_person_ids(database.engine)
    model = PeopleModel()
    model.set_engine(database.engine)
    model.set_head(whole[:2], 5, PeopleModel.first_page_of(database.engine, whole[:2]))
    assert model.rowCount() == 5 and not model.is_complete()
    assert [model.index(r, COL_NAME).data() for r in range(5)] == [*NAME_ORDER[:2], None, None, None]
    assert model.page_fetches == 0  # the head came with its rows
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    assert model.set_ids(whole) is False  # the same beginning: filled in where the view is
    assert resets == [] and model.is_complete()
    assert [model.index(r, COL_NAME).data() for r in range(5)] == NAME_ORDER
    assert model.set_ids(whole) is False  # read again, unchanged: nothing reset
    assert model.set_ids(whole[::-1]) is True and resets == [5]  # another order: a new list


def test_model_sorts_by_birth_date_in_the_database(database) -> None:
    add_people(database.engine)
    model = PeopleModel()
    model.set_engine(database.engine)
    model.sort(COL_BIRTH, Qt.SortOrder.DescendingOrder)
    model.load()
    assert [model.index(r, COL_NAME).data() for r in range(5)] == [
        "Trần Thị Hoa",
        "Nguyễn Văn Đức",
        "Nguyễn Thị Bình",
        "Lê Văn An",
        "Phạm Văn Cường",  # no date of birth: last
    ]
    model.sort(COL_MARKET)  # not sortable: the order stays
    assert model.order() == ("birth_date", True)


def test_a_person_gone_from_the_database_shows_as_deleted(database) -> None:
    ids = add_people(database.engine)
    model = PeopleModel()
    model.set_engine(database.engine)
    model.set_ids([ids["Lê Văn An"], 999_999])
    assert model.index(0, COL_NAME).data() == "Lê Văn An"
    assert model.index(1, COL_NAME).data() == model.tr("(deleted)")
    assert model.index(1, COL_BIRTH).data() is None
    assert model.index(1, COL_NAME).data(PersonRowRole) is None


# --------------------------------------------------------------------------- the pane


def test_a_database_opened_shows_its_first_rows_before_the_whole_list(qtbot, database, monkeypatch) -> None:
    """As a database opens the pane shows the list's first page and its length at once; the whole
    list of ids (a hundred milliseconds and more at 200,000 people) fills in the rest behind it."""
    import threading

    from xkld_desktop.services import people as people_service
    from xkld_desktop.ui.panes import people as people_pane_module

    add_people(database.engine)
    monkeypatch.setattr(people_model, "PAGE_SIZE", 2)
    monkeypatch.setattr(people_pane_module, "PAGE_SIZE", 2)
    whole_list = people_service.ordered_person_ids
    release = threading.Event()

    def held(*args, **kwargs):  # the whole list waits until the test has looked
        release.wait(30)
        return whole_list(*args, **kwargs)

    monkeypatch.setattr(people_service, "ordered_person_ids", held)
    pane = PeoplePane()
    qtbot.addWidget(pane)
    pane.show()
    try:
        pane.set_database(database)
        qtbot.waitUntil(lambda: pane.model.rowCount() == 5)
        assert shown(pane) == [*NAME_ORDER[:2], None, None, None]
        assert pane.is_busy() and not pane.model.is_complete()
        assert pane.count_label.text() == pane.tr("{count} people").format(count="5")
        pane.table.selectRow(1)
    finally:
        release.set()
    wait_for_list(qtbot, pane)
    assert shown(pane) == NAME_ORDER and pane.model.is_complete()
    assert pane.table.selectionModel().selectedRows()[0].row() == 1  # the view stayed as it was


def test_reading_an_unchanged_list_again_keeps_the_view_as_it_is(qtbot, pane: PeoplePane) -> None:
    """The pane reads its list again each time it is shown (others may have changed people): when
    nothing changed, the list is not reset — the selection and the scroll stay, nothing jumps."""
    resets: list[int] = []
    pane.model.modelReset.connect(lambda: resets.append(1))
    pane.table.selectRow(3)
    chosen = pane.selected_person_id()
    pane.refresh()
    wait_for_list(qtbot, pane)
    assert resets == []
    assert pane.selected_person_id() == chosen and shown(pane) == NAME_ORDER


def test_pane_lists_everyone_with_the_count(pane: PeoplePane) -> None:
    assert shown(pane) == NAME_ORDER
    assert pane.count_label.text() == pane.tr("{count} people").format(count="5")
    assert not pane.empty_label.isVisible()


def test_search_as_you_type_finds_a_name_typed_without_marks(qtbot, pane: PeoplePane) -> None:
    qtbot.keyClick(pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is pane.search_edit
    qtbot.keyClicks(pane.search_edit, "nguyen van duc")
    assert pane.search_timer.isActive()  # the list waits for a pause in typing
    wait_for_list(qtbot, pane)
    assert shown(pane) == ["Nguyễn Văn Đức"]
    assert pane.count_label.text() == pane.tr("{count} people").format(count="1")

    pane.search_edit.clear()
    type_text(pane.search_edit, "Bình")
    wait_for_list(qtbot, pane)
    assert shown(pane) == ["Nguyễn Thị Bình"]

    pane.search_edit.clear()
    qtbot.keyClicks(pane.search_edit, "zzz")
    wait_for_list(qtbot, pane)
    assert shown(pane) == []
    assert pane.empty_label.isVisible()
    assert pane.empty_label.text() == pane.tr("Nobody matches the search and the filters.")


def test_filters_narrow_the_list(qtbot, pane: PeoplePane) -> None:
    qtbot.waitUntil(lambda: pane.market_filter.count() > 1 and pane.hamlet_filter.count() > 1)
    pane.status_filter.setCurrentIndex(pane.status_filter.findData(PersonStatus.CANDIDATE.value))
    wait_for_list(qtbot, pane)
    assert shown(pane) == ["Phạm Văn Cường", "Trần Thị Hoa"]

    pane.status_filter.setCurrentIndex(0)
    pane.hamlet_filter.setCurrentIndex(pane.hamlet_filter.findData("Ấp 1"))
    wait_for_list(qtbot, pane)
    assert shown(pane) == ["Lê Văn An", "Nguyễn Văn Đức"]

    pane.policy_filter.setCurrentIndex(pane.policy_filter.findData(PolicyGroup.POOR.value))
    wait_for_list(qtbot, pane)
    assert shown(pane) == ["Nguyễn Văn Đức"]

    pane.clear_filters()
    wait_for_list(qtbot, pane)
    assert [pane.market_filter.itemText(i) for i in range(1, pane.market_filter.count())] == ["Nhật Bản", "Hàn Quốc"]
    pane.market_filter.setCurrentIndex(pane.market_filter.findData("KR"))
    wait_for_list(qtbot, pane)
    assert shown(pane) == ["Lê Văn An"]

    pane.market_filter.setCurrentIndex(0)
    assert [pane.year_filter.itemData(i) for i in range(1, pane.year_filter.count())] == [2023, 2019]
    pane.year_filter.setCurrentIndex(pane.year_filter.findData(2023))
    wait_for_list(qtbot, pane)
    assert shown(pane) == ["Nguyễn Văn Đức"]


def test_clicking_the_birth_date_header_sorts_by_it(qtbot, pane: PeoplePane) -> None:
    header = pane.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_BIRTH) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    wait_for_list(qtbot, pane)
    assert shown(pane)[0] == "Lê Văn An"  # born 1990, the oldest
    assert shown(pane)[-1] == "Phạm Văn Cường"  # no date of birth

    x = header.sectionViewportPosition(COL_MARKET) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    wait_for_list(qtbot, pane)
    assert header.sortIndicatorSection() == COL_BIRTH  # the market cannot be sorted: nothing changed
    assert shown(pane)[0] == "Lê Văn An"


def test_ctrl_n_adds_a_person_who_is_then_selected(qtbot, pane: PeoplePane, database) -> None:
    qtbot.keyClick(pane.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = active(qtbot, pane.form)
    assert form.detail is None
    type_text(form.name_edit, "Đặng Hữu Đạt")
    type_text(form.birth_edit, "12/12/2000")
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.birth_edit, Qt.Key.Key_Return)
    wait_for_list(qtbot, pane)

    [new_id] = list_person_ids(database.engine, PeopleFilter(query="dang huu dat"))
    assert get_person(database.engine, new_id).date_of_birth == date(2000, 12, 12)
    assert "Đặng Hữu Đạt" in shown(pane)
    assert pane.selected_person_id() == new_id
    assert pane.count_label.text() == pane.tr("{count} people").format(count="6")


def test_f2_edits_the_selected_person_and_the_list_shows_the_change(qtbot, pane: PeoplePane, database) -> None:
    pane.table.setFocus()
    pane.table.selectRow(NAME_ORDER.index("Trần Thị Hoa"))
    person_id = pane.selected_person_id()
    qtbot.keyClick(pane.table, Qt.Key.Key_F2)
    form = active(qtbot, pane.form)
    assert form.detail is not None and form.detail.id == person_id
    form.name_edit.clear()
    type_text(form.name_edit, "Trần Thị Hòa")
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)
    wait_for_list(qtbot, pane)
    assert get_person(database.engine, person_id).full_name == "Trần Thị Hòa"
    assert "Trần Thị Hòa" in shown(pane)
    assert pane.selected_person_id() == person_id


def test_enter_opens_the_person(qtbot, pane: PeoplePane) -> None:
    pane.table.setFocus()
    pane.table.selectRow(0)
    person_id = pane.selected_person_id()
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    if importlib.util.find_spec("xkld_desktop.ui.person_page") is not None:
        assert pane.page is not None and pane.page.person_id == person_id
        pane.page.reject()
    else:
        assert pane.form is not None and pane.form.detail.id == person_id
        pane.form.reject()
    drain_tasks(qtbot)


def test_delete_asks_naming_what_goes_and_soft_deletes(qtbot, pane: PeoplePane, database, message_boxes) -> None:
    pane.table.setFocus()
    pane.table.selectRow(NAME_ORDER.index("Nguyễn Văn Đức"))
    person_id = pane.selected_person_id()

    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)  # answered No: nothing happens
    [(title, text)] = message_boxes.of("question")
    assert title == pane.tr("Delete worker")
    assert text.startswith(pane.tr("Delete the record of {name}?").format(name="Nguyễn Văn Đức"))
    assert pane.tr("{n} departure(s)").format(n=1) in text
    assert pane.tr("the status timeline ({n} entries)").format(n=1) in text
    assert get_person(database.engine, person_id).deleted_at is None

    message_boxes.answer = YES
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)
    wait_for_list(qtbot, pane)
    with pytest.raises(NotFound):
        get_person(database.engine, person_id)
    assert get_person(database.engine, person_id, include_deleted=True).deleted_at is not None
    assert "Nguyễn Văn Đức" not in shown(pane)
    assert pane.count_label.text() == pane.tr("{count} people").format(count="4")
    assert pane.selected_person_id() == list_person_ids(database.engine)[3]  # the next one is selected


def test_delete_in_the_search_box_deletes_text_not_people(qtbot, pane: PeoplePane, message_boxes) -> None:
    pane.table.selectRow(0)
    pane.search_edit.setFocus()
    qtbot.keyClicks(pane.search_edit, "an")
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_Home)
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_Delete)
    assert pane.search_edit.text() == "n"
    assert message_boxes.of("question") == []
    wait_for_list(qtbot, pane)


def test_selection_and_scroll_survive_a_refresh(qtbot, window: MainWindow, database) -> None:
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng"]
    given = ["Bảo", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam", "Phúc"]
    for family in families:
        for name in given:
            create_person(database.engine, data=PersonInput(full_name=f"{family} Văn {name}"))
    window.show_pane(PeoplePane)
    pane = window.pane(PeoplePane)
    assert isinstance(pane, PeoplePane)
    pane.refresh()
    wait_for_list(qtbot, pane)
    pane.table.scrollTo(pane.model.index(60, 0))
    pane.table.selectRow(55)
    selected, top = pane.selected_person_id(), pane.model.person_id(pane.table.rowAt(0))
    assert top is not None and top != pane.model.person_id(0)

    create_person(database.engine, data=PersonInput(full_name="Nguyễn Văn A Anh"))  # sorts before them all
    pane.refresh()
    wait_for_list(qtbot, pane)

    assert pane.model.rowCount() == 81
    assert pane.selected_person_id() == selected
    assert pane.model.person_id(pane.table.rowAt(0)) == top


def test_an_empty_database_says_how_to_begin(qtbot, window: MainWindow) -> None:
    window.show_pane(PeoplePane)
    pane = window.pane(PeoplePane)
    assert isinstance(pane, PeoplePane)
    wait_for_list(qtbot, pane)
    assert pane.model.rowCount() == 0
    assert pane.empty_label.isVisible()
    assert pane.empty_label.text() == pane.tr("No worker is recorded yet. Press Ctrl+N to add the first one.")
    assert not pane.edit_button.isEnabled() and not pane.delete_button.isEnabled()
    assert pane.new_button.isEnabled()


def test_another_search_keeps_the_selected_person_if_found(qtbot, pane: PeoplePane) -> None:
    pane.table.selectRow(NAME_ORDER.index("Nguyễn Văn Đức"))
    person_id = pane.selected_person_id()
    qtbot.keyClicks(pane.search_edit, "nguyen")
    wait_for_list(qtbot, pane)
    assert shown(pane) == ["Nguyễn Thị Bình", "Nguyễn Văn Đức"]
    assert pane.selected_person_id() == person_id

    qtbot.keyClicks(pane.search_edit, " thi")
    wait_for_list(qtbot, pane)
    assert shown(pane) == ["Nguyễn Thị Bình"]
    assert pane.selected_person_id() is None


def test_coming_back_to_the_pane_shows_people_recorded_elsewhere(qtbot, window: MainWindow, pane, database) -> None:
    window.show_pane(0)  # the overview
    create_person(database.engine, data=PersonInput(full_name="Bùi Văn Ẩn"), today=TODAY)
    window.show_pane(PeoplePane)
    wait_for_list(qtbot, pane)
    assert "Bùi Văn Ẩn" in shown(pane)
    assert pane.count_label.text() == pane.tr("{count} people").format(count="6")


def test_only_the_answer_to_the_latest_request_is_shown(qtbot, pane: PeoplePane) -> None:
    answers: list[list[str]] = []
    pane.loaded.connect(lambda: answers.append(shown(pane)))
    for text in ("nguyen", "le", "tran"):  # three requests before the first answer comes back
        pane.search_edit.blockSignals(True)
        pane.search_edit.setText(text)
        pane.search_edit.blockSignals(False)
        pane.reload()
    wait_for_list(qtbot, pane)
    assert answers == [["Trần Thị Hoa"]]


def test_several_people_chosen_get_one_yearly_review(qtbot, pane: PeoplePane, database) -> None:
    from sqlalchemy import select

    from xkld_desktop.domain.enums import ReviewClassification
    from xkld_desktop.domain.models import YearlyReview
    from xkld_desktop.store.session import read_session
    from xkld_desktop.ui.lifecycle_dialogs import ReviewManyDialog

    assert not pane.review_button.isEnabled()  # nothing chosen
    view = pane.table
    first = view.visualRect(pane.model.index(0, COL_NAME)).center()  # Lê Văn An
    second = view.visualRect(pane.model.index(1, COL_NAME)).center()  # Nguyễn Thị Bình
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert pane.edit_button.isEnabled() and pane.review_button.isEnabled()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, second)
    assert pane.selected_person_ids() == [pane.model.person_id(0), pane.model.person_id(1)]
    assert not pane.edit_button.isEnabled() and not pane.delete_button.isEnabled()  # they take one person
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # nothing is deleted with two chosen
    assert len(list_person_ids(database.engine)) == 5

    qtbot.mouseClick(pane.review_button, Qt.MouseButton.LeftButton)
    dialog = pane.findChild(ReviewManyDialog)
    assert dialog is not None and dialog.isVisible()
    assert "cho 2 người đã chọn" in dialog.intro.text()
    assert dialog.classification_combo.currentText() == "Chưa có nhu cầu"
    dialog.counselled_check.setChecked(True)
    dialog.reviewed_edit.clear()
    type_text(dialog.reviewed_edit, "1/1/2099")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # a date in the future: not written
    assert dialog.isVisible() and dialog.error_text("reviewed_on")
    dialog.reviewed_edit.clear()
    type_text(dialog.reviewed_edit, date.today().strftime("%d/%m/%Y"))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):  # written on the database thread
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_for_list(qtbot, pane)

    year = date.today().year
    with read_session(database.engine) as session:
        reviews = session.execute(
            select(YearlyReview.person_id, YearlyReview.classification, YearlyReview.counselled).where(
                YearlyReview.year == year
            )
        ).all()
    names = {pid: name for name, pid in zip(NAME_ORDER[:2], pane.model.ids()[:2], strict=True)}
    assert sorted((names[pid], c, counselled) for pid, c, counselled in reviews) == [
        ("Lê Văn An", ReviewClassification.NOT_NOW, True),
        ("Nguyễn Thị Bình", ReviewClassification.NOT_NOW, True),
    ]
    assert pane.note_label.text() == f"Đã ghi rà soát năm {year} cho 2 người."
    assert not pane.table.selectionModel().hasSelection()


def test_a_locked_database_while_reviewing_several_people_is_said_and_nothing_is_written(
    qtbot, pane: PeoplePane, database, message_boxes, monkeypatch
) -> None:
    from xkld_desktop.services import lifecycle
    from xkld_desktop.store.errors import DatabaseEnvironmentError, EnvironmentKind
    from xkld_desktop.ui.lifecycle_dialogs import ReviewManyDialog

    def locked(*_args, **_kwargs):
        raise DatabaseEnvironmentError(EnvironmentKind.LOCKED)

    monkeypatch.setattr(lifecycle, "record_reviews", locked)
    pane.table.selectAll()
    dialog = pane.review_selected()
    assert isinstance(dialog, ReviewManyDialog) and "cho 5 người đã chọn" in dialog.intro.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    drain_tasks(qtbot)
    [(kind, _title, text)] = message_boxes.calls
    assert kind == "warning" and text == DatabaseEnvironmentError(EnvironmentKind.LOCKED).message
    assert dialog.isVisible() and dialog.save_button.isEnabled() and not dialog.progress_bar.isVisible()
    dialog.reject()


def test_a_group_chosen_that_wants_to_go_gets_its_wished_market(qtbot, pane: PeoplePane, database) -> None:
    from sqlalchemy import select

    from xkld_desktop.domain.enums import ReviewClassification
    from xkld_desktop.domain.models import YearlyReview
    from xkld_desktop.store.session import read_session

    pane.table.selectAll()
    dialog = pane.review_selected()
    assert not dialog.market_combo.isEnabled()  # "Chưa có nhu cầu": no market
    dialog.classification_combo.setCurrentIndex(dialog.classification_combo.findText("Có nhu cầu đi"))
    assert dialog.market_combo.isEnabled()
    dialog.market_combo.setCurrentIndex(dialog.market_combo.findText("Hàn Quốc"))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_for_list(qtbot, pane)
    with read_session(database.engine) as session:
        rows = session.execute(select(YearlyReview.classification, YearlyReview.wished_market_code)).all()
    assert rows == [(ReviewClassification.WANTS_TO_GO, "KR")] * 5


def test_the_filter_boxes_show_their_whole_text_at_1280_by_800(qtbot, pane: PeoplePane, window: MainWindow) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    QApplication.processEvents()
    assert pane.policy_filter.currentText() == "Mọi đối tượng chính sách"
    for combo in pane.filter_combos:
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        text_room = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= text_room.width(), combo.currentText()
