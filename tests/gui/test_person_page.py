"""The person page: header, timeline, buttons enabled by the rules, actions through the real dialogs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from tests.helpers import type_text
from xkld_desktop.domain.enums import (
    Gender,
    PersonStatus,
    Programme,
    ReturnReason,
    ReviewClassification,
    StatusAbroad,
)
from xkld_desktop.domain.models import Departure, Loan, Person, WorkerReturn, YearlyReview
from xkld_desktop.services import lifecycle
from xkld_desktop.services.lifecycle import DepartureInput
from xkld_desktop.store.session import read_session, write_session
from xkld_desktop.ui.lifecycle_dialogs import (
    DepartureDialog,
    FollowUpDialog,
    ReturnDialog,
    ReviewDialog,
    StatusAbroadDialog,
    StatusChangeDialog,
)
from xkld_desktop.ui.person_form import PersonForm
from xkld_desktop.ui.person_page import PersonPage

TODAY = date.today()


def add_person(engine, name: str = "Nguyễn Văn Đức", *, born: date = date(1998, 3, 5)) -> int:
    with write_session(engine) as session:
        person = Person(
            full_name=name, name_key="", gender=Gender.MALE, date_of_birth=born, id_number="087098001234",
            phone="0912345678", hamlet="Ấp Gò Bói",
        )  # fmt: skip
        session.add(person)
        session.flush()
        return person.id or 0


def abroad(engine, person_id: int, on: date = date(2024, 4, 16)) -> int:
    return lifecycle.record_departure(
        engine,
        person_id=person_id,
        data=DepartureInput(
            market_code="JP", departed_on=on, programme=Programme.JP_TECHNICAL_INTERN, contract_months=36
        ),
    ).departure_id


def open_page(qtbot, database, person_id: int) -> PersonPage:
    page = PersonPage(database, person_id)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def status_of(engine, person_id: int) -> PersonStatus:
    with read_session(engine) as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person.status


def retype(qtbot, field, text: str) -> None:
    """Replace what a field holds by typing: select all, then type over it."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def test_the_page_shows_the_person_and_the_story_newest_first(qtbot, database) -> None:
    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid)
    lifecycle.record_return(engine, departure_id=dep, returned_on=date(2026, 1, 10), reason=ReturnReason.EARLY_ILLNESS)
    page = open_page(qtbot, database, pid)

    assert page.name_label.text() == "Nguyễn Văn Đức"
    assert page.status_label.text() == "Đã về nước"
    assert page.fact_values["id_number"].text() == "087098001234"
    assert page.fact_values["phone"].text() == "0912345678"
    assert page.fact_values["birth"].text().startswith("05/03/1998 (")
    texts = page.timeline_texts()
    assert texts[0].startswith("10/01/2026  Về nước (trước hạn) | Lý do: Tai nạn, ốm đau")
    assert texts[1].startswith("16/04/2024  Xuất cảnh đi Nhật Bản | Thị trường: Nhật Bản")
    assert "Thời hạn hợp đồng: 36 tháng, dự kiến kết thúc 16/04/2027" in texts[1]
    # what is possible for a returnee
    assert page.follow_up_button.isEnabled() and page.departure_button.isEnabled()
    assert not page.return_button.isEnabled() and not page.status_abroad_button.isEnabled()


def test_the_history_follows_the_language_of_the_interface(qtbot, database) -> None:
    from xkld_desktop.ui.i18n import install_language

    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid)
    lifecycle.record_return(engine, departure_id=dep, returned_on=date(2026, 1, 10), reason=ReturnReason.EARLY_ILLNESS)
    page = open_page(qtbot, database, pid)
    assert page.timeline_texts()[0].startswith("10/01/2026  Về nước (trước hạn) | Lý do: Tai nạn, ốm đau")

    install_language("en")  # switched in Settings while the page is open
    qtbot.waitUntil(lambda: page.timeline_texts()[0].startswith("10/01/2026  Returned home (early) | Reason: "))
    texts = page.timeline_texts()
    assert texts[1].startswith("16/04/2024  Departed for Japan | Market: Japan")
    assert "Contract: 36 months, expected to end on 16/04/2027" in texts[1]
    assert page.status_label.text() == PersonStatus.RETURNED.label("en")

    install_language("vi")
    qtbot.waitUntil(lambda: page.timeline_texts()[1].startswith("16/04/2024  Xuất cảnh đi Nhật Bản"))


def test_a_departure_typed_in_the_dialog_is_saved_and_shown(qtbot, database, message_boxes) -> None:
    engine = database.engine
    pid = add_person(engine)
    page = open_page(qtbot, database, pid)
    assert not page.return_button.isEnabled()

    qtbot.mouseClick(page.departure_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, DepartureDialog) and dialog.isVisible()
    departed = TODAY - timedelta(days=30)
    qtbot.keyClicks(dialog.departed_edit, departed.strftime("%d/%m/%Y"))
    dialog.select_market("JP")
    assert [dialog.programme_combo.itemText(i) for i in range(dialog.programme_combo.count())] == [
        "Thực tập sinh kỹ năng (Nhật Bản)",
        "Kỹ năng đặc định (Nhật Bản)",
        "Khác",
    ]
    type_text(dialog.company_edit, "Công ty Nhân lực Việt – Nhật")
    qtbot.keyClicks(dialog.licence_edit, "187/LDTBXH-GP")
    type_text(dialog.occupation_edit, "Chế biến thực phẩm")
    dialog.months_spin.selectAll()
    qtbot.keyClicks(dialog.months_spin, "36")
    assert dialog.end_label.isVisible() and dialog.end_label.text()
    qtbot.keyClicks(dialog.salary_edit, "30000000")
    assert dialog.salary_edit.text() == "30.000.000"  # grouped as typed
    dialog.loan_box.setChecked(True)
    qtbot.keyClicks(dialog.loan_amount_edit, "80000000")
    qtbot.keyClick(dialog.occupation_edit, Qt.Key.Key_Return)  # Enter saves

    qtbot.waitUntil(lambda: page.current_dialog is None)
    with read_session(engine) as session:
        dep = session.scalars(select(Departure).where(Departure.person_id == pid)).one()
        assert (dep.market_code, dep.departed_on, dep.contract_months) == ("JP", departed, 36)
        assert dep.occupation == "Chế biến thực phẩm" and dep.monthly_salary == 30_000_000
        assert session.scalars(select(Loan.amount).where(Loan.departure_id == dep.id)).one() == 80_000_000
    assert status_of(engine, pid) is PersonStatus.DEPARTED
    assert page.status_label.text() == "Đã xuất cảnh"
    assert page.timeline_texts()[0].startswith(f"{departed:%d/%m/%Y}  Xuất cảnh đi Nhật Bản")
    assert "Doanh nghiệp: Công ty Nhân lực Việt – Nhật (giấy phép 187/LDTBXH-GP)" in page.timeline_texts()[0]
    assert page.return_button.isEnabled() and page.status_abroad_button.isEnabled()
    assert not page.departure_button.isEnabled()
    assert message_boxes.calls == []  # no warning, no refusal


def test_a_17_year_old_departure_is_refused_with_the_message(qtbot, database, message_boxes) -> None:
    engine = database.engine
    born = date(TODAY.year - 17, 1, 1)
    pid = add_person(engine, "Trần Văn Út", born=born)
    page = open_page(qtbot, database, pid)
    dialog = page.open_departure()
    assert isinstance(dialog, DepartureDialog)
    on = TODAY - timedelta(days=1)
    qtbot.keyClicks(dialog.departed_edit, on.strftime("%d/%m/%Y"))
    dialog.select_market("KR")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    message = f"Người lao động phải đủ 18 tuổi khi xuất cảnh (ngày xuất cảnh {on:%d/%m/%Y} mới 17 tuổi)"
    assert dialog.error_text("departed_on") == message
    assert dialog.isVisible() and page.current_dialog is dialog
    with read_session(engine) as session:
        assert session.scalars(select(Departure)).all() == []
    assert status_of(engine, pid) is PersonStatus.CANDIDATE
    dialog.reject()


def test_a_refusal_from_the_service_is_shown_and_the_dialog_stays_open(qtbot, database, message_boxes) -> None:
    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid, date(2020, 1, 10))
    lifecycle.record_return(engine, departure_id=dep, returned_on=date(2023, 1, 10), reason=ReturnReason.CONTRACT_ENDED)
    page = open_page(qtbot, database, pid)
    dialog = page.open_departure()
    assert isinstance(dialog, DepartureDialog)
    qtbot.keyClicks(dialog.departed_edit, "01/05/2022")
    dialog.select_market("JP")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert message_boxes.of("warning") == [
        (
            dialog.tr("Not possible"),
            "Ngày xuất cảnh 01/05/2022 nằm trong chuyến xuất cảnh ngày 10/01/2020 đi Nhật Bản "
            "(về nước ngày 10/01/2023).",
        )
    ]
    assert dialog.isVisible()
    with read_session(engine) as session:
        assert len(session.scalars(select(Departure)).all()) == 1
    dialog.reject()


def test_status_abroad_then_return_then_follow_up(qtbot, database, message_boxes) -> None:
    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid)
    page = open_page(qtbot, database, pid)

    qtbot.mouseClick(page.status_abroad_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, StatusAbroadDialog)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(StatusAbroad.ABSCONDED))
    retype(qtbot, dialog.date_edit, "01/09/2025")
    type_text(dialog.note_edit, "Bỏ xưởng, không liên lạc được")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.current_dialog is None)
    assert status_of(engine, pid) is PersonStatus.ABSCONDED
    assert page.timeline_texts()[0].startswith("01/09/2025  Bỏ trốn, cư trú bất hợp pháp")
    assert "Ghi chú: Bỏ xưởng, không liên lạc được" in page.timeline_texts()[0]

    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, ReturnDialog)
    retype(qtbot, dialog.date_edit, "01/03/2026")
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData(ReturnReason.DEPORTED))
    assert "Trước hạn" in dialog.timing_combo.itemText(0)  # computed and shown
    dialog.notified_check.setChecked(True)
    qtbot.keyClicks(dialog.notified_edit, "28/02/2026")
    assert dialog.error_text("residence_notified_on")  # before the return: said at once
    retype(qtbot, dialog.notified_edit, "05/03/2026")
    assert dialog.error_text("residence_notified_on") == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_dialog is None)
    with read_session(engine) as session:
        back = session.scalars(select(WorkerReturn).where(WorkerReturn.departure_id == dep)).one()
        assert (back.returned_on, back.reason, back.residence_notified_on) == (
            date(2026, 3, 1),
            ReturnReason.DEPORTED,
            date(2026, 3, 5),
        )
    assert page.status_label.text() == "Đã về nước"
    assert page.timeline_texts()[0].startswith("01/03/2026  Về nước (trước hạn) | Lý do: Bị trục xuất")

    qtbot.mouseClick(page.follow_up_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, FollowUpDialog)
    retype(qtbot, dialog.date_edit, "01/06/2026")
    dialog.employment_combo.setCurrentIndex(2)  # Khởi nghiệp, lập doanh nghiệp
    qtbot.keyClicks(dialog.income_edit, "12000000")
    qtbot.keyClick(list(dialog.need_checks.values())[3], Qt.Key.Key_Space)  # Vay vốn
    qtbot.keyClick(dialog.income_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.current_dialog is None)
    top = page.timeline_texts()[0]
    assert top == (
        "01/06/2026  Theo dõi sau về nước | Việc làm: Khởi nghiệp, lập doanh nghiệp | "
        "Thu nhập bình quân: 12.000.000 đồng/tháng | Nhu cầu hỗ trợ: Vay vốn"
    )


def test_review_and_register_from_the_page(qtbot, database) -> None:
    engine = database.engine
    pid = add_person(engine)
    page = open_page(qtbot, database, pid)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, ReviewDialog)
    dialog.classification_combo.setCurrentIndex(dialog.classification_combo.findData(ReviewClassification.WANTS_TO_GO))
    dialog.market_combo.setCurrentIndex(dialog.market_combo.findData("KR"))
    type_text(dialog.notes_edit, "Muốn đi Hàn Quốc theo chương trình EPS")
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.current_dialog is None)
    with read_session(engine) as session:
        review = session.scalars(select(YearlyReview)).one()
        assert (review.year, review.wished_market_code, review.notes) == (
            TODAY.year,
            "KR",
            "Muốn đi Hàn Quốc theo chương trình EPS",
        )
    assert page.timeline_texts()[0].startswith(f"{TODAY:%d/%m/%Y}  Rà soát năm {TODAY.year}: Có nhu cầu đi")

    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, StatusChangeDialog)
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.current_dialog is None)
    assert status_of(engine, pid) is PersonStatus.REGISTERED
    assert not page.register_button.isEnabled()
    assert page.status_label.text() == "Đã đăng ký"


def test_escape_cancels_without_writing(qtbot, database) -> None:
    engine = database.engine
    pid = add_person(engine)
    page = open_page(qtbot, database, pid)
    dialog = page.open_review()
    assert dialog is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.current_dialog is None)
    with read_session(engine) as session:
        assert session.scalars(select(YearlyReview)).all() == []


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_deleting_a_departure_asks_naming_what_goes_with_it(qtbot, database, message_boxes, answer) -> None:
    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid, date(2021, 10, 1))
    lifecycle.record_return(engine, departure_id=dep, returned_on=date(2024, 10, 1), reason=ReturnReason.CONTRACT_ENDED)
    page = open_page(qtbot, database, pid)
    message_boxes.answer = answer
    page.timeline.setCurrentItem(page.timeline.topLevelItem(1))  # the departure (newest first)
    page.timeline.setFocus()
    qtbot.keyClick(page.timeline, Qt.Key.Key_Delete)

    [(_title, text)] = message_boxes.of("question")
    assert text == (
        "Xóa chuyến xuất cảnh ngày 01/10/2021 đi Nhật Bản, cùng với: lần về nước ngày 01/10/2024; "
        "các diễn biến trạng thái của chuyến đi này."
    )
    with read_session(engine) as session:
        deleted = session.get(Departure, dep).deleted_at is not None  # type: ignore[union-attr]
    if answer == QMessageBox.StandardButton.Yes:
        assert deleted
        assert not any("Xuất cảnh" in t for t in page.timeline_texts())
        assert page.status_label.text() == "Trong diện rà soát"
    else:
        assert not deleted and len(page.timeline_texts()) == 2


def test_f2_opens_the_person_form(qtbot, database) -> None:
    pid = add_person(database.engine)
    page = open_page(qtbot, database, pid)
    assert page.edit_button.isEnabled()
    page.timeline.setFocus()
    qtbot.keyClick(page.timeline, Qt.Key.Key_F2)
    form = page.current_dialog
    assert isinstance(form, PersonForm) and form.isVisible()
    form.reject()
    qtbot.waitUntil(lambda: page.current_dialog is None)


def test_a_locked_database_is_said_in_the_action_dialog_and_on_delete_and_nothing_crashes(
    qtbot, database, message_boxes, monkeypatch
) -> None:
    from xkld_desktop.store.errors import DatabaseEnvironmentError, EnvironmentKind

    locked_text = DatabaseEnvironmentError(EnvironmentKind.LOCKED).message

    def locked(*_args, **_kwargs):
        raise DatabaseEnvironmentError(EnvironmentKind.LOCKED)

    engine = database.engine
    pid = add_person(engine)
    dep = abroad(engine, pid, date(2021, 10, 1))
    page = open_page(qtbot, database, pid)

    monkeypatch.setattr(lifecycle, "delete_departure", locked)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    page.timeline.setCurrentItem(page.timeline.topLevelItem(0))  # the departure
    page.timeline.setFocus()
    qtbot.keyClick(page.timeline, Qt.Key.Key_Delete)
    assert message_boxes.of("warning") == [("Không thể thực hiện", locked_text)]
    with read_session(engine) as session:
        assert session.get(Departure, dep).deleted_at is None  # type: ignore[union-attr]

    monkeypatch.setattr(lifecycle, "mark_missing", locked)
    dialog = page.open_status_change(lifecycle.LifecycleAction.MARK_MISSING)
    assert dialog is not None
    type_text(dialog.note_edit, "Mất liên lạc từ tháng 5")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    assert message_boxes.of("warning")[-1] == ("Không thể thực hiện", locked_text)
    assert dialog.isVisible() and dialog.note_edit.text() == "Mất liên lạc từ tháng 5"  # what was typed is kept
    assert status_of(engine, pid) is PersonStatus.DEPARTED
    dialog.reject()
