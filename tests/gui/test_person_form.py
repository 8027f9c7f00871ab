"""The person form, driven through its real fields and keys; what it saved is read back from the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tests.helpers import type_text
from xkld_desktop.domain.enums import DatePrecision, Gender, PersonStatus, PolicyGroup
from xkld_desktop.services.people import list_person_ids, search_people
from xkld_desktop.services.person_records import STALE_MESSAGE, PersonInput, create_person, get_person, update_person
from xkld_desktop.services.reference import list_communes
from xkld_desktop.services.settings import set_own_unit
from xkld_desktop.ui.person_form import PersonForm

TODAY = date(2026, 11, 25)
DUC_CCCD = "087098001234"  # Đồng Tháp, male, born 1998
YES = QMessageBox.StandardButton.Yes


@pytest.fixture
def own_commune(database):
    commune = list_communes(database.engine, "82")[3]
    set_own_unit(database.engine, unit_id=commune.id)
    return commune


def open_form(qtbot, database, person_id=None) -> PersonForm:
    form = PersonForm(database, person_id, today=TODAY)
    qtbot.addWidget(form)
    with qtbot.waitExposed(form):
        form.show()
    return form


@pytest.fixture
def form(qtbot, database, own_commune) -> PersonForm:
    return open_form(qtbot, database)


def press_enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_typing_a_vietnamese_record_and_enter_saves_it(qtbot, database, form, own_commune) -> None:
    type_text(form.name_edit, "Nguyễn Văn Đức")
    form.gender_combo.setCurrentIndex(form.gender_combo.findData(Gender.MALE.value))
    type_text(form.birth_edit, "5/3/1998")
    type_text(form.id_edit, "087 098 001 234")
    type_text(form.phone_edit, "0912 345 678")
    type_text(form.hamlet_edit, "Ấp Tân Hòa")
    type_text(form.trade_edit, "Hàn, tiện")
    form.policy_checks[PolicyGroup.NEAR_POOR].setChecked(True)
    assert form.save_button.isEnabled()

    with qtbot.waitSignal(form.saved) as saved:
        press_enter(qtbot, form.phone_edit)

    assert form.result() == QDialog.DialogCode.Accepted
    detail = get_person(database.engine, saved.args[0])
    assert detail.full_name == "Nguyễn Văn Đức"
    assert (detail.gender, detail.date_of_birth) == (Gender.MALE, date(1998, 3, 5))
    assert (detail.id_number, detail.phone) == (DUC_CCCD, "0912345678")
    assert (detail.hamlet, detail.trade_skill) == ("Ấp Tân Hòa", "Hàn, tiện")
    assert detail.commune_id == own_commune.id  # the own unit by default
    assert detail.policy_groups == frozenset({PolicyGroup.NEAR_POOR})
    assert detail.status is PersonStatus.CANDIDATE
    assert [r.full_name for r in search_people(database.engine, "nguyen van duc")] == ["Nguyễn Văn Đức"]


def test_a_bad_cccd_shows_the_message_and_disables_save(qtbot, database, form) -> None:
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    type_text(form.name_edit, "Trần Thị Hoa")
    type_text(form.id_edit, "08709800123")

    message = form.messages["id_number"]
    assert message.isVisible()
    assert message.severity() == "error"
    assert message.text().startswith("Số CCCD phải gồm 12 chữ số")
    assert "số đúng có lẽ là 008709800123" in message.text()
    assert not form.save_button.isEnabled()

    press_enter(qtbot, form.id_edit)  # Enter does not save a form with errors
    assert form.isVisible()
    assert list_person_ids(database.engine) == []
    assert QApplication.focusWidget() is form.id_edit  # the first field with an error


def test_a_refused_save_goes_to_the_first_field_with_an_error_in_the_forms_order(qtbot, database, form) -> None:
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    type_text(form.name_edit, "Trần Thị Hoa")
    type_text(form.phone_edit, "123")
    type_text(form.id_edit, "08709800123")
    type_text(form.birth_edit, "31/02/2001")
    press_enter(qtbot, form.phone_edit)
    assert form.isVisible()
    assert QApplication.focusWidget() is form.birth_edit  # above the CCCD and the phone


def test_many_messages_keep_the_form_on_the_screen_with_save_in_sight(qtbot, database, form) -> None:
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    screen = form.screen().availableGeometry()
    type_text(form.name_edit, "nguyen van 1")
    type_text(form.birth_edit, "31/02/2001")
    type_text(form.id_edit, "08709500011")
    type_text(form.id_issued_edit, "01/01/2030")
    type_text(form.passport_edit, "12")
    type_text(form.worker_code_edit, "x" * 40)
    type_text(form.phone_edit, "123")
    form.commune_combo.setEditText("Xã không có")
    type_text(form.address_edit, "y" * 230)
    press_enter(qtbot, form.name_edit)
    shown = [field for field, message in form.messages.items() if message.text()]
    assert len(shown) >= 8
    assert form.height() <= screen.height()
    assert form.geometry().bottom() <= screen.bottom()
    save = form.save_button.mapTo(form, form.save_button.rect().bottomLeft())
    assert form.save_button.isVisible() and save.y() < form.height()
    qtbot.waitUntil(form.fields_area.verticalScrollBar().isVisible)  # the fields scroll instead


def test_a_cccd_that_disagrees_with_the_gender_warns_but_saves(qtbot, database, form) -> None:
    type_text(form.name_edit, "Trần Thị Hoa")
    form.gender_combo.setCurrentIndex(form.gender_combo.findData(Gender.FEMALE.value))
    form._edited("gender")
    type_text(form.id_edit, DUC_CCCD)

    message = form.messages["id_number"]
    assert message.isVisible()
    assert message.severity() == "warning"
    assert message.text() == "Số CCCD cho biết giới tính Nam, hồ sơ ghi Nữ"
    assert form.save_button.isEnabled()

    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert get_person(database.engine, list_person_ids(database.engine)[0]).gender is Gender.FEMALE


def test_a_hamlet_the_register_writes_otherwise_warns_and_the_listed_spelling_does_not(qtbot, database) -> None:
    create_person(database.engine, data=PersonInput(full_name="Lê Văn Cũ", hamlet="Ấp Công Bình"))
    form = open_form(qtbot, database)
    type_text(form.name_edit, "Trần Thị Hoa")
    type_text(form.hamlet_edit, "ap cong binh")

    message = form.messages["hamlet"]
    assert message.isVisible() and message.severity() == "warning"
    assert message.text() == "Các hồ sơ khác viết ấp này là “Ấp Công Bình”: hãy chọn trong danh sách."
    assert form.save_button.isEnabled()  # a warning: it may still be saved as typed
    form.hamlet_edit.clear()
    type_text(form.hamlet_edit, "Ấp Công Bình")
    assert not message.isVisible() or message.text() == ""
    form.hamlet_edit.clear()
    type_text(form.hamlet_edit, "Ấp Mới")  # a new hamlet: nothing to say
    assert not message.isVisible() or message.text() == ""


def test_a_birth_date_in_the_future_is_refused(qtbot, database, form) -> None:
    type_text(form.name_edit, "Lê Văn Tám")
    type_text(form.birth_edit, "05/03/2030")
    message = form.messages["date_of_birth"]
    assert message.isVisible() and message.severity() == "error"
    assert message.text() == "Ngày không được ở tương lai: 05/03/2030"
    assert not form.save_button.isEnabled()

    form.birth_edit.clear()
    type_text(form.birth_edit, "32/01/1998")
    assert message.text() == "Ngày không hợp lệ: 32/01/1998 — tháng 1/1998 chỉ có 31 ngày"
    assert not form.save_button.isEnabled()


def test_day_first_dates_are_tidied_on_leaving_and_a_year_alone_is_kept_as_such(qtbot, database, form) -> None:
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.birth_edit.setFocus()
    type_text(form.birth_edit, "5.3.98")
    qtbot.keyClick(form.birth_edit, Qt.Key.Key_Tab)
    assert form.birth_edit.text() == "05/03/1998"

    form.birth_edit.clear()
    type_text(form.birth_edit, "1998")
    type_text(form.name_edit, "Lê Văn Tám")
    with qtbot.waitSignal(form.saved) as saved:
        press_enter(qtbot, form.name_edit)
    detail = get_person(database.engine, saved.args[0])
    assert (detail.date_of_birth, detail.birth_precision) == (date(1998, 1, 1), DatePrecision.YEAR)


def test_a_cccd_already_recorded_offers_to_open_that_record(qtbot, database, form, message_boxes) -> None:
    existing = create_person(database.engine, data=PersonInput(full_name="Nguyễn Văn Đức", id_number=DUC_CCCD))
    type_text(form.name_edit, "Nguyễn Văn Đông")
    type_text(form.id_edit, DUC_CCCD)

    press_enter(qtbot, form.name_edit)  # the user says No: the form stays, the reason under the field
    [(_title, text)] = message_boxes.of("question")
    assert text == f"Số CCCD {DUC_CCCD} đã có trong hồ sơ của Nguyễn Văn Đức. Mở hồ sơ đó thay vì tạo mới?"
    assert form.isVisible()
    # answered: the fact stays under the field, without the question nothing there answers
    assert form.messages["id_number"].text() == f"Số CCCD {DUC_CCCD} đã có trong hồ sơ của Nguyễn Văn Đức."
    assert not form.save_button.isEnabled()  # that number cannot be saved twice…
    assert QApplication.focusWidget() is form.id_edit and form.id_edit.selectedText() == DUC_CCCD
    assert list_person_ids(database.engine) == [existing.id]
    type_text(form.id_edit, "087098001235")  # …another one can: typed over the selection
    assert form.messages["id_number"].text() == ""
    assert form.save_button.isEnabled()

    message_boxes.answer = YES
    form.id_edit.clear()
    type_text(form.id_edit, DUC_CCCD)
    with qtbot.waitSignal(form.open_person_requested) as opened:
        press_enter(qtbot, form.name_edit)
    assert opened.args == [existing.id]
    assert not form.isVisible()
    assert list_person_ids(database.engine) == [existing.id]


def test_the_same_name_and_birth_date_asks_before_saving(qtbot, database, form, message_boxes) -> None:
    create_person(
        database.engine, data=PersonInput(full_name="Nguyễn Văn Đức", date_of_birth=date(1998, 3, 5)), today=TODAY
    )
    type_text(form.name_edit, "Nguyễn Văn Đức")
    type_text(form.birth_edit, "05/03/1998")

    press_enter(qtbot, form.birth_edit)
    [(_title, text)] = message_boxes.of("question")
    assert text.startswith("Đã có hồ sơ Nguyễn Văn Đức, sinh 05/03/1998 — cùng họ tên và ngày sinh.")
    assert form.isVisible()
    assert len(list_person_ids(database.engine)) == 1

    message_boxes.answer = YES
    with qtbot.waitSignal(form.saved):
        press_enter(qtbot, form.birth_edit)
    assert len(list_person_ids(database.engine)) == 2


def test_escape_asks_only_when_something_was_typed(qtbot, database, own_commune, message_boxes) -> None:
    untouched = open_form(qtbot, database)
    qtbot.keyClick(untouched.name_edit, Qt.Key.Key_Escape)
    assert not untouched.isVisible()
    assert message_boxes.of("question") == []

    form = open_form(qtbot, database)
    type_text(form.name_edit, "Phạm Thị Ánh")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Escape)  # the answer is No: keep editing
    assert len(message_boxes.of("question")) == 1
    assert form.isVisible()

    message_boxes.answer = YES
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert form.result() == QDialog.DialogCode.Rejected
    assert list_person_ids(database.engine) == []


def test_tab_follows_the_form(qtbot, form) -> None:
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.name_edit.setFocus()
    type_text(form.name_edit, "Lý Thị Mai")  # Save is enabled (and so reached by Tab) once the name is there
    visited = [QApplication.focusWidget()]
    for _ in range(len(form.tab_chain) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == form.tab_chain
    assert visited[:4] == [form.name_edit, form.gender_combo, form.birth_edit, form.id_edit]
    assert visited[-2:] == [form.save_button, form.cancel_button]


def test_editing_shows_the_record_and_saves_the_changes(qtbot, database, own_commune) -> None:
    legacy = list_communes(database.engine, "87", legacy=True)[0]  # a commune as it was before 07/2025
    detail = create_person(
        database.engine,
        data=PersonInput(
            full_name="Võ Thị Ánh Tuyết",
            gender=Gender.FEMALE,
            date_of_birth=date(2001, 7, 1),
            commune_id=legacy.id,
            policy_groups=frozenset({PolicyGroup.POOR}),
        ),
        today=TODAY,
    )
    form = open_form(qtbot, database, detail.id)
    assert form.name_edit.text() == "Võ Thị Ánh Tuyết"
    assert form.birth_edit.text() == "01/07/2001"
    assert form.commune_combo.currentText().startswith(legacy.name)
    assert form.policy_checks[PolicyGroup.POOR].isChecked()
    assert not form.status_combo.isVisible()
    assert PersonStatus.CANDIDATE.vi in form.status_label.text()

    type_text(form.phone_edit, "0987654321")
    form.policy_checks[PolicyGroup.POOR].setChecked(False)
    with qtbot.waitSignal(form.saved):
        press_enter(qtbot, form.phone_edit)
    after = get_person(database.engine, detail.id)
    assert after.phone == "0987654321"
    assert after.policy_groups == frozenset()
    assert after.commune_id == legacy.id
    assert after.version == detail.version + 1


def test_a_record_changed_meanwhile_is_not_overwritten(qtbot, database, own_commune, message_boxes) -> None:
    detail = create_person(database.engine, data=PersonInput(full_name="Đỗ Thị Lan"), today=TODAY)
    form = open_form(qtbot, database, detail.id)
    theirs = detail.to_input()
    theirs.hamlet = "Ấp Mới"
    update_person(database.engine, person_id=detail.id, data=theirs, expected_version=detail.version)

    type_text(form.hamlet_edit, "Ấp Cũ")
    press_enter(qtbot, form.hamlet_edit)

    [(title, text)] = message_boxes.of("warning")
    assert title == form.tr("Cannot save") and text.startswith(STALE_MESSAGE.split(". ")[0]) and "đã sửa" in text
    assert form.isVisible()
    assert get_person(database.engine, detail.id).hamlet == "Ấp Mới"
