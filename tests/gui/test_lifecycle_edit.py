"""Correcting a recorded departure or return from the person's page, through the real forms."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from tests.helpers import type_text
from xkld_desktop.domain.enums import Gender, PersonStatus, Programme, ReturnReason, ReturnTiming, Role
from xkld_desktop.domain.models import Departure, Person, PlacementCompany, StatusEvent, WorkerReturn
from xkld_desktop.services import access, lifecycle
from xkld_desktop.services.lifecycle import CONFLICT_MESSAGE, DepartureInput
from xkld_desktop.services.timeline import TimelineKind
from xkld_desktop.store.session import read_session, write_session
from xkld_desktop.ui.lifecycle_dialogs import DepartureDialog, ReturnDialog
from xkld_desktop.ui.person_page import ENTRY_ROLE, PersonPage
from xkld_desktop.ui.role_gating import gate_dialog


def add_person(engine) -> int:
    with write_session(engine) as session:
        person = Person(full_name="Trần Thị Mỹ Dung", name_key="", gender=Gender.FEMALE, date_of_birth=date(1999, 8, 2))
        session.add(person)
        session.flush()
        return person.id or 0


def abroad(engine, person_id: int) -> int:
    data = DepartureInput(
        market_code="JP", departed_on=date(2024, 4, 16), programme=Programme.JP_TECHNICAL_INTERN, contract_months=36
    )
    return lifecycle.record_departure(engine, person_id=person_id, data=data).departure_id


def open_page(qtbot, engine, person_id: int) -> PersonPage:
    page = PersonPage(engine, person_id)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def select_entry(page: PersonPage, kind: TimelineKind) -> None:
    """Make the timeline's (first) entry of *kind* the current one, as the arrow keys would."""
    for index in range(page.timeline.topLevelItemCount()):
        item = page.timeline.topLevelItem(index)
        if item.data(0, ENTRY_ROLE).kind is kind:
            page.timeline.setCurrentItem(item)
            return
    raise AssertionError(f"no {kind} entry")


def retype(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def test_edit_the_departure_market_and_date_from_the_timeline(qtbot, database, message_boxes) -> None:
    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid)
    page = open_page(qtbot, engine, pid)
    assert page.edit_departure_action.isEnabled() and not page.edit_return_action.isEnabled()

    select_entry(page, TimelineKind.DEPARTURE)
    page.timeline.setFocus()
    qtbot.keyClick(page.timeline, Qt.Key.Key_Return)  # Enter on the departure opens its correction
    dialog = page.current_dialog
    assert isinstance(dialog, DepartureDialog) and dialog.isVisible()
    assert dialog.windowTitle() == dialog.tr("Correct the departure — {name}").format(name="Trần Thị Mỹ Dung")
    assert dialog.departed_edit.text() == "16/04/2024"
    assert dialog.market_combo.currentData() == "JP" and dialog.months_spin.value() == 36

    retype(qtbot, dialog.departed_edit, "02/05/2024")
    dialog.market_combo.setFocus()
    dialog.market_combo.setCurrentIndex(dialog.market_combo.findData("KR"))
    assert dialog.programme_combo.currentData() == Programme.KR_EPS  # the programmes follow the market
    type_text(dialog.company_edit, "Trung tâm Lao động ngoài nước")
    qtbot.keyClick(dialog.company_edit, Qt.Key.Key_Return)  # Enter saves

    qtbot.waitUntil(lambda: page.current_dialog is None)
    assert message_boxes.calls == []
    with read_session(engine) as session:
        row = session.get(Departure, dep)
        assert (row.market_code, row.programme, row.departed_on, row.expected_end_on) == (
            "KR",
            Programme.KR_EPS,
            date(2024, 5, 2),
            date(2027, 5, 2),
        )
        assert session.get(PlacementCompany, row.company_id).name == "Trung tâm Lao động ngoài nước"
        events = session.scalars(
            select(StatusEvent.happened_on).where(
                StatusEvent.person_id == pid, StatusEvent.status == PersonStatus.DEPARTED
            )
        ).all()
        assert events == [date(2024, 5, 2)]
    texts = page.timeline_texts()
    assert texts[0].startswith("02/05/2024  Xuất cảnh đi Hàn Quốc")
    assert not any("16/04/2024" in text for text in texts)
    assert "02/05/2024" in page.situation_label.text()


def test_a_refused_date_keeps_the_form_open_and_the_database_unchanged(qtbot, database, message_boxes) -> None:
    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid)
    page = open_page(qtbot, engine, pid)
    dialog = page.open_edit_departure()
    assert isinstance(dialog, DepartureDialog)
    retype(qtbot, dialog.departed_edit, "01/01/2015")  # she was 15
    qtbot.keyClick(dialog.occupation_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "18" in dialog.error_text("departed_on")
    with read_session(engine) as session:
        assert session.get(Departure, dep).departed_on == date(2024, 4, 16)


def test_someone_elses_save_in_between_is_refused(qtbot, database, message_boxes) -> None:
    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid)
    page = open_page(qtbot, engine, pid)
    dialog = page.open_edit_departure()
    info = lifecycle.get_departure(engine, dep)
    lifecycle.update_departure(
        engine, dep, DepartureInput(**{**info.data.__dict__, "occupation": "May mặc"}), expected_version=info.version
    )
    type_text(dialog.occupation_edit, "Cơ khí")
    message_boxes.answer = QMessageBox.StandardButton.Yes  # save despite "no company yet"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert [text for kind, _title, text in message_boxes.calls if kind == "warning"] == [CONFLICT_MESSAGE]
    with read_session(engine) as session:
        assert session.get(Departure, dep).occupation == "May mặc"


def test_edit_the_return_date_and_reason(qtbot, database, message_boxes) -> None:
    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid)
    back = lifecycle.record_return(
        engine, departure_id=dep, returned_on=date(2026, 1, 10), reason=ReturnReason.EARLY_ILLNESS
    ).return_id
    page = open_page(qtbot, engine, pid)
    select_entry(page, TimelineKind.RETURN)
    page.edit_return_action.trigger()  # More ▸ Edit the return…
    dialog = page.current_dialog
    assert isinstance(dialog, ReturnDialog) and dialog.date_edit.text() == "10/01/2026"
    assert dialog.reason_combo.currentData() == ReturnReason.EARLY_ILLNESS
    retype(qtbot, dialog.date_edit, "15/04/2099")
    assert dialog.error_text("returned_on")  # in the future: said under the field, not saved
    retype(qtbot, dialog.date_edit, "16/04/2026")
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData(ReturnReason.CONTRACT_ENDED))
    type_text(dialog.notes_edit, "Công ty giảm đơn hàng")
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.current_dialog is None)
    with read_session(engine) as session:
        row = session.get(WorkerReturn, back)
        assert (row.returned_on, row.reason, row.timing, row.notes) == (
            date(2026, 4, 16),
            ReturnReason.CONTRACT_ENDED,
            ReturnTiming.EARLY,  # still a year before the expected end (16/04/2027)
            "Công ty giảm đơn hàng",
        )
        person = session.get(Person, pid)
        assert (person.status, person.status_since) == (PersonStatus.RETURNED, date(2026, 4, 16))
    assert page.timeline_texts()[0].startswith("16/04/2026  Về nước (trước hạn)")


def test_a_viewer_is_not_offered_the_corrections(qtbot, database) -> None:
    pid = add_person(database.engine)
    abroad(database.engine, pid)
    viewer = access.bind(database.engine, access.Actor("xem", "Người xem", Role.VIEWER))
    page = open_page(qtbot, viewer, pid)
    gate_dialog(page, viewer)
    assert not page.edit_departure_action.isVisible() and not page.edit_return_action.isVisible()
    select_entry(page, TimelineKind.DEPARTURE)
    qtbot.keyClick(page.timeline, Qt.Key.Key_Return)
    assert page.current_dialog is None


def test_the_delete_question_has_no_as_its_default_button(qtbot, database, monkeypatch) -> None:
    # Asked with Qt's automatic default the question had Yes on Enter: a key pressed by habit deleted.
    engine = database.engine
    person_id = add_person(engine)
    abroad(engine, person_id)
    page = open_page(qtbot, engine, person_id)
    asked: list[tuple[str, QMessageBox.StandardButton]] = []

    def question(_parent, title, _text, _buttons, default=QMessageBox.StandardButton.NoButton):
        asked.append((title, default))
        return default  # the user pressed Enter

    monkeypatch.setattr(QMessageBox, "question", question)
    select_entry(page, TimelineKind.DEPARTURE)
    page.delete_selected()
    assert asked == [("Xóa chuyến xuất cảnh?", QMessageBox.StandardButton.No)]
    with read_session(engine) as session:
        assert session.scalars(select(Departure.deleted_at)).all() == [None]  # Enter kept it
