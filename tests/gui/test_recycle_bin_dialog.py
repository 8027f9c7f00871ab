"""Thùng rác and erasure on request, driven through the widgets; the database says what happened."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.helpers import type_text
from tests.unit.services.privacy_data import CCCD, NAME, make_story, texts_containing
from xkld_desktop.domain.enums import Role
from xkld_desktop.domain.models import ClubMeeting, Departure, Person
from xkld_desktop.services import access, audit, club
from xkld_desktop.services.person_records import delete_person
from xkld_desktop.ui.person_page import PersonPage
from xkld_desktop.ui.recycle_bin_dialog import ErasureDialog, RecycleBinDialog, RecycleBinModel


def live(engine: Any, model: Any) -> int:
    table = model.__table__
    with engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table).where(table.c.deleted_at.is_(None))) or 0)


def total(engine: Any, model: Any) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(model.__table__)) or 0)


def test_bin_lists_and_restores_the_chosen_item(qtbot: Any, qtmodeltester: Any, database: Any) -> None:
    engine = database.engine
    story = make_story(engine)
    club.delete_meeting(engine, meeting_id=story.meeting_id)
    delete_person(engine, person_id=story.person_id)
    dialog = RecycleBinDialog(engine)
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert model.rowCount() == 2
    cell = lambda row, column: model.index(row, column).data()  # noqa: E731
    assert [cell(0, RecycleBinModel.KIND), cell(0, RecycleBinModel.TITLE)] == [
        "Hồ sơ người lao động",
        f"{NAME}, sinh 1996",
    ]
    assert cell(0, RecycleBinModel.DAYS_LEFT) == "30"
    assert cell(1, RecycleBinModel.KIND) == "Sinh hoạt CLB"
    assert "30" in dialog.intro_label.text()

    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=10_000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert live(engine, Person) == 2 and live(engine, Departure) == 1
    assert model.rowCount() == 1 and cell(0, RecycleBinModel.KIND) == "Sinh hoạt CLB"
    assert NAME in dialog.status_label.text()


def test_empty_the_bin_asks_first_and_removes_everything(qtbot: Any, database: Any, message_boxes: Any) -> None:
    engine = database.engine
    story = make_story(engine)
    club.delete_meeting(engine, meeting_id=story.meeting_id)
    dialog = RecycleBinDialog(engine)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)  # answered No
    [(_title, text)] = message_boxes.of("question")
    assert "1 mục: Sinh hoạt CLB: 1" in text  # names what goes
    assert total(engine, ClubMeeting) == 1

    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.emptied, timeout=10_000):
        qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert total(engine, ClubMeeting) == 0
    assert dialog.model.rowCount() == 0 and "1" in dialog.status_label.text()
    assert not dialog.empty_button.isEnabled() and not dialog.restore_button.isEnabled()
    assert audit.verify_chain(engine).ok


def test_bin_refuses_an_officer_with_a_message(qtbot: Any, database: Any) -> None:
    officer = access.bind(database.engine, access.Actor("canbo", "Cán bộ", Role.OFFICER))
    dialog = RecycleBinDialog(officer)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert "không có quyền" in dialog.status_label.text()


def test_recycle_bin_is_in_the_file_menu_for_administrators(window: Any, monkeypatch: Any) -> None:
    opened: list[Any] = []
    monkeypatch.setattr(RecycleBinDialog, "exec", lambda self: opened.append(self) or 0)
    assert window.recycle_bin_action.isVisible()  # no account yet: everything allowed
    assert window.recycle_bin_action in window.file_menu.actions()
    window.recycle_bin_action.trigger()
    assert len(opened) == 1 and opened[0].engine is window.database.engine
    window.set_database(None)
    assert not window.recycle_bin_action.isVisible()


def test_erase_on_request_from_the_person_page(qtbot: Any, database: Any) -> None:
    engine = database.engine
    story = make_story(engine)
    page = PersonPage(database, story.person_id)
    qtbot.addWidget(page)
    assert page.erase_action.isVisible()
    dialog = page.erase_on_request()
    assert isinstance(dialog, ErasureDialog)
    text = dialog.text_label.text()
    assert f"{NAME} (02/04/1996)" in text
    assert dialog.tr("This cannot be undone, not even from the recycle bin.") in text
    assert not dialog.erase_button.isEnabled()
    type_text(dialog.confirm_edit, "Trương Thị Khánh")
    assert not dialog.erase_button.isEnabled()
    dialog.confirm_edit.clear()
    type_text(dialog.confirm_edit, "XÓA")
    assert dialog.erase_button.isEnabled()
    with qtbot.waitSignal(dialog.erased, timeout=10_000):
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert total(engine, Person) == 1  # only her brother is left
    assert texts_containing(engine, CCCD) == []
    assert audit.verify_chain(engine).ok
    qtbot.waitUntil(lambda: not page.isVisible())


def test_erase_action_is_hidden_from_an_officer(qtbot: Any, database: Any) -> None:
    story = make_story(database.engine)
    officer = access.bind(database.engine, access.Actor("canbo", "Cán bộ", Role.OFFICER))
    page = PersonPage(officer, story.person_id)
    qtbot.addWidget(page)
    assert not page.erase_action.isVisible()


def test_a_deleted_person_can_be_erased_from_the_bin(qtbot: Any, database: Any) -> None:
    engine = database.engine
    story = make_story(engine)
    club.delete_meeting(engine, meeting_id=story.meeting_id)
    delete_person(engine, person_id=story.person_id)
    bin_dialog = RecycleBinDialog(engine)
    qtbot.addWidget(bin_dialog)
    bin_dialog.table.selectRow(1)  # the meeting: nothing personal to erase
    assert not bin_dialog.erase_button.isEnabled()
    bin_dialog.table.selectRow(0)
    assert bin_dialog.erase_button.isEnabled()
    dialog = bin_dialog.erase_selected()
    assert isinstance(dialog, ErasureDialog)
    type_text(dialog.confirm_edit, "trương thị khánh huyền")
    assert dialog.erase_button.isEnabled()
    with qtbot.waitSignal(dialog.erased, timeout=10_000):
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert texts_containing(engine, NAME) == []
    assert [item.kind.value for item in bin_dialog.model.rows] == ["club_meeting"]
