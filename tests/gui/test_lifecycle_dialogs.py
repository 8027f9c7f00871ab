"""The lifecycle forms on their own: fields as typed, live checks, warnings to confirm, keyboard."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from tests.helpers import type_text
from xkld_desktop.domain.enums import (
    DepartureForm,
    Gender,
    PersonStatus,
    Programme,
    ReturnReason,
    ReviewClassification,
    SupportKind,
)
from xkld_desktop.domain.models import Departure, DepartureSupport, Person, PlacementCompany, StatusEvent
from xkld_desktop.services import lifecycle
from xkld_desktop.services.lifecycle import DepartureInput, LifecycleAction
from xkld_desktop.services.timeline import person_summary
from xkld_desktop.store.session import read_session, write_session
from xkld_desktop.ui.lifecycle_dialogs import (
    DepartureDialog,
    MoneyField,
    ReturnDialog,
    ReviewDialog,
    StatusChangeDialog,
)
from xkld_desktop.ui.widgets import DateLineEdit

TODAY = date.today()


def add_person(engine, name: str = "Lê Thị Hoa", *, born: date = date(1999, 7, 1)) -> int:
    with write_session(engine) as session:
        person = Person(full_name=name, name_key="", gender=Gender.FEMALE, date_of_birth=born)
        session.add(person)
        session.flush()
        return person.id or 0


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def departure_dialog(qtbot, database, person_id: int) -> DepartureDialog:
    return shown(qtbot, DepartureDialog(database.engine, person_summary(database.engine, person_id)))


def combo_items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_money_field_groups_thousands_as_typed_and_reads_units(qtbot) -> None:
    field = MoneyField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "1500000")
    assert field.text() == "1.500.000" and field.value() == 1_500_000
    field.clear()
    type_text(field, "12 triệu")
    assert field.value() == 12_000_000
    field.editingFinished.emit()
    assert field.text() == "12.000.000"
    field.clear()
    type_text(field, "12 t")
    assert field.error() == ""  # "12 t…" may still become "12 triệu"
    field.settle()
    assert field.value() is None and field.error().startswith("Không hiểu số tiền")


def test_date_field_reads_day_first_and_says_what_is_wrong(qtbot) -> None:
    field = DateLineEdit(required=True)
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "5/3/2024")
    assert field.value() == date(2024, 3, 5) and field.error() == ""
    field.editingFinished.emit()
    assert field.text() == "05/03/2024"
    field.clear()
    qtbot.keyClicks(field, "31/02/2024")
    assert field.value() is None and field.error() == "Ngày không hợp lệ: 31/02/2024 — tháng 2/2024 chỉ có 29 ngày"
    field.clear()
    qtbot.keyClicks(field, "20")
    assert field.value() is None and field.error() == ""  # still typing: nothing said yet
    qtbot.keyClicks(field, "20")
    field.settle()  # the user leaves the field
    assert field.error() == field.tr("Enter the whole date: day/month/year, e.g. 05/03/1998")
    field.clear()
    assert field.error()  # required
    assert DateLineEdit().error() == ""


def test_programmes_follow_the_market_and_suggest_the_form(qtbot, database) -> None:
    dialog = departure_dialog(qtbot, database, add_person(database.engine))
    dialog.select_market("KR")
    assert combo_items(dialog.programme_combo) == ["EPS (Hàn Quốc)", "Lao động thời vụ", "Khác"]
    assert dialog.form_combo.currentData() == DepartureForm.PUBLIC_SERVICE_UNIT  # EPS goes through a public unit
    dialog.select_market("TW")
    assert combo_items(dialog.programme_combo) == ["Đài Loan", "Khác"]
    assert dialog.form_combo.currentData() == DepartureForm.LICENSED_COMPANY
    # a form the user chose is kept
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData(DepartureForm.DIRECT_CONTRACT))
    dialog.form_combo.activated.emit(dialog.form_combo.currentIndex())
    dialog.select_market("KR")
    assert dialog.form_combo.currentData() == DepartureForm.DIRECT_CONTRACT


def test_expected_end_and_warnings_show_as_typed(qtbot, database) -> None:
    dialog = departure_dialog(qtbot, database, add_person(database.engine))
    qtbot.keyClicks(dialog.departed_edit, "01/10/2025")
    dialog.select_market("TW")
    dialog.months_spin.setValue(36)
    assert dialog.end_label.text() == dialog.tr("expected end {date}").format(date="01/10/2028")
    qtbot.keyClicks(dialog.deposit_edit, "15000000")
    qtbot.keyClicks(dialog.cert_edit, "01/01/2023")
    assert dialog.warnings() == [
        "Tiền ký quỹ 15.000.000 đồng vượt mức tối đa 12.000.000 đồng của thị trường Đài Loan",
        "Chứng chỉ bồi dưỡng kiến thức cần thiết cấp ngày 01/01/2023 đã quá 24 tháng vào ngày xuất cảnh 01/10/2025",
    ]
    assert dialog.warning_label.isVisible()
    dialog.deposit_edit.clear()
    type_text(dialog.deposit_edit, "10 triệu")
    assert len(dialog.warnings()) == 1


def test_known_company_is_found_without_marks_and_fills_its_licence(qtbot, database) -> None:
    engine = database.engine
    other = add_person(engine, "Phan Văn Tài")
    lifecycle.record_departure(
        engine,
        person_id=other,
        data=DepartureInput(
            market_code="JP",
            departed_on=date(2024, 1, 5),
            programme=Programme.JP_TECHNICAL_INTERN,
            company_name="Công ty Nhân lực Quốc tế Mê Kông",
            company_licence="189/LĐTBXH-GP",
        ),
    )
    dialog = departure_dialog(qtbot, database, add_person(engine))
    completer = dialog.company_completer
    completer.setCompletionPrefix("me kong")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Công ty Nhân lực Quốc tế Mê Kông"
    type_text(dialog.company_edit, "Công ty Nhân lực Quốc tế Mê Kông")
    assert dialog.licence_edit.text() == "189/LĐTBXH-GP"


def test_warnings_are_confirmed_before_saving(qtbot, database, message_boxes) -> None:
    engine = database.engine
    pid = add_person(engine)
    dialog = departure_dialog(qtbot, database, pid)
    qtbot.keyClicks(dialog.departed_edit, "01/10/2025")
    dialog.select_market("TW")
    qtbot.keyClicks(dialog.deposit_edit, "15000000")
    qtbot.keyClick(dialog.support_checks[SupportKind.PASSPORT], Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.support_amounts[SupportKind.PASSPORT], "200000")

    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(dialog.deposit_edit, Qt.Key.Key_Return)
    [(_title, text)] = message_boxes.of("question")
    assert "Tiền ký quỹ 15.000.000 đồng vượt mức tối đa 12.000.000 đồng của thị trường Đài Loan" in text
    assert dialog.isVisible()
    with read_session(engine) as session:
        assert session.scalars(select(Departure)).all() == []

    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert message_boxes.of("information") == []  # the confirmed warning is not repeated
    with read_session(engine) as session:
        dep = session.scalars(select(Departure)).one()
        assert (dep.market_code, dep.deposit) == ("TW", 15_000_000)
        supports = [(s.kind, s.amount) for s in session.scalars(select(DepartureSupport))]
        assert supports == [(SupportKind.PASSPORT, 200_000)]
        assert session.scalars(select(PlacementCompany)).all() == []


def test_tab_follows_the_form_and_escape_cancels(qtbot, database, message_boxes) -> None:
    engine = database.engine
    dialog = departure_dialog(qtbot, database, add_person(engine))
    chain = [dialog.departed_edit]
    while chain[-1].nextInFocusChain() is not chain[0]:
        chain.append(chain[-1].nextInFocusChain())
    focusable = [w for w in chain if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(dialog)]
    assert focusable[:6] == [
        dialog.departed_edit,
        dialog.market_combo,
        dialog.programme_combo,
        dialog.form_combo,
        dialog.company_edit,
        dialog.licence_edit,
    ]
    qtbot.keyClicks(dialog.departed_edit, "01/10/2025")
    dialog.select_market("JP")
    # what was typed is not thrown away by a key pressed by mistake: Esc asks, No keeps the form
    qtbot.keyClick(dialog.departed_edit, Qt.Key.Key_Escape)
    [(title, text)] = message_boxes.of("question")
    assert (title, text) == ("Chưa lưu thay đổi", "Những gì đã nhập trong biểu mẫu này chưa được lưu. Đóng và bỏ đi?")
    assert dialog.isVisible() and dialog.departed_edit.text() == "01/10/2025"
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(dialog.departed_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with read_session(engine) as session:
        assert session.scalars(select(Departure)).all() == []


def test_escape_on_an_untouched_form_closes_it_without_asking(qtbot, database, message_boxes) -> None:
    dialog = departure_dialog(qtbot, database, add_person(database.engine))
    qtbot.keyClick(dialog.departed_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and message_boxes.of("question") == []


def test_missing_market_is_said_under_the_field(qtbot, database) -> None:
    dialog = departure_dialog(qtbot, database, add_person(database.engine))
    qtbot.keyClicks(dialog.departed_edit, (TODAY - timedelta(days=3)).strftime("%d/%m/%Y"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text("market_code") == "Hãy chọn thị trường"
    assert dialog.isVisible()


def test_review_dialog_edits_the_review_of_the_year(qtbot, database) -> None:
    engine = database.engine
    pid = add_person(engine)
    lifecycle.record_review(
        engine, person_id=pid, year=TODAY.year, classification=ReviewClassification.NOT_NOW, notes="Còn đi học"
    )
    dialog = shown(qtbot, ReviewDialog(engine, person_summary(engine, pid)))
    assert dialog.intro.text() == dialog.tr("The review of {year} is already recorded: saving updates it.").format(
        year=TODAY.year
    )
    assert dialog.notes_edit.text() == "Còn đi học"
    assert not dialog.market_combo.isEnabled()
    dialog.year_spin.setValue(TODAY.year - 1)
    assert dialog.intro.text() == dialog.tr("New review for {year}.").format(year=TODAY.year - 1)
    dialog.year_spin.setValue(TODAY.year)  # back to the recorded year: its review is loaded again
    assert dialog.classification_combo.currentData() == ReviewClassification.NOT_NOW
    dialog.classification_combo.setCurrentIndex(dialog.classification_combo.findData(ReviewClassification.WANTS_TO_GO))
    assert dialog.market_combo.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    info = lifecycle.get_review(engine, person_id=pid, year=TODAY.year)
    assert info is not None and info.classification is ReviewClassification.WANTS_TO_GO


def test_return_dialog_shows_the_computed_timing(qtbot, database) -> None:
    engine = database.engine
    pid = add_person(engine)
    lifecycle.record_departure(
        engine,
        person_id=pid,
        data=DepartureInput(market_code="KR", departed_on=date(2023, 1, 10), contract_months=36),
    )
    summary = person_summary(engine, pid)
    assert summary.open_departure is not None
    dialog = shown(qtbot, ReturnDialog(engine, summary, summary.open_departure))
    dialog.date_edit.clear()
    qtbot.keyClicks(dialog.date_edit, "10/01/2025")
    assert dialog.timing_combo.itemText(0) == dialog.tr("Automatic: {timing}").format(timing="Trước hạn")
    assert dialog.timing_hint.text() == dialog.tr("{days} days before the expected end ({date})").format(
        days=365, date="10/01/2026"
    )
    dialog.date_edit.clear()
    qtbot.keyClicks(dialog.date_edit, "15/01/2026")
    assert dialog.timing_combo.itemText(0).startswith(dialog.tr("Automatic: {timing}").format(timing="Đúng hạn"))
    dialog.timing_combo.setCurrentIndex(dialog.timing_combo.findData("late"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with read_session(engine) as session:
        person = session.get(Person, pid)
        assert person is not None and person.status is PersonStatus.RETURNED
    assert person_summary(engine, pid).latest_return.timing.value == "late"  # type: ignore[union-attr]
    assert ReturnReason.CONTRACT_ENDED.label() == dialog.reason_combo.currentText()


def test_withdrawal_needs_a_reason_said_under_the_field(qtbot, database) -> None:
    engine = database.engine
    pid = add_person(engine)
    dialog = shown(qtbot, StatusChangeDialog(engine, person_summary(engine, pid), LifecycleAction.WITHDRAW))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text("note") == "Hãy ghi lý do rút hồ sơ"
    type_text(dialog.note_edit, "Gia đình không đồng ý")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    with read_session(engine) as session:
        assert [(e.status, e.note) for e in session.scalars(select(StatusEvent))] == [
            (PersonStatus.WITHDRAWN, "Gia đình không đồng ý")
        ]
