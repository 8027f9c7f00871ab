"""The window under a full disk, a read-only file and a pulled-out USB drive: told, nothing lost, still running.

Driven through the real widgets: the person form's Save (synchronous), the import wizard's
Import (on the database thread) and the window's opening of a database. The full disk is a real
SQLITE_FULL from ``PRAGMA max_page_count`` (:mod:`tests.robust.environment`).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWizard

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from tests.robust.environment import full_disk, integrity, pulled_out, read_only_file, row_counts
from tests.robust.harness import SHEET_ROWS, build_sheet
from xkld_desktop.domain.enums import Gender
from xkld_desktop.services.database import open_database
from xkld_desktop.services.people import search_people
from xkld_desktop.services.person_records import PersonInput, create_person
from xkld_desktop.store.errors import DatabaseEnvironmentError
from xkld_desktop.ui.import_wizard import ImportWizard
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.person_form import PersonForm

pytestmark = pytest.mark.sqlite_only
ON_POSIX = pytest.mark.skipif(sys.platform == "win32", reason="an open file cannot be moved or deleted on Windows")

TODAY = date(2026, 11, 25)
FULL = "Ổ đĩa đã đầy"


def _fill_up(engine: Any) -> None:
    """Save filler records until the (capped) disk is full: large ones, then ones like the form's."""
    small = PersonInput(full_name="Nguyễn Thị Ánh", gender=Gender.FEMALE, hamlet="Ấp Tân Hòa")
    large = PersonInput(full_name="Lê Văn Đầy", notes="Chiếm chỗ cho đến khi đầy. " * 60)
    for data in (large, small):
        for _n in range(2000):
            try:
                create_person(engine, data=data, allow_same_name=True)
            except DatabaseEnvironmentError:
                break
        else:
            pytest.fail("the capped database never filled up")


def _form(qtbot: Any, db: Any) -> PersonForm:
    form = PersonForm(db, today=TODAY)
    qtbot.addWidget(form)
    with qtbot.waitExposed(form):
        form.show()
    type_text(form.name_edit, "Nguyễn Thị Ánh")
    form.gender_combo.setCurrentIndex(form.gender_combo.findData(Gender.FEMALE.value))
    type_text(form.hamlet_edit, "Ấp Tân Hòa")
    return form


def _named(db: Any, text: str) -> list[str]:
    return [r.full_name for r in search_people(db.engine, text)]


def test_person_form_on_a_full_disk_says_so_keeps_the_input_and_saves_later(
    qtbot: Any, database: Any, message_boxes: Any
) -> None:
    with full_disk(database.engine, spare_pages=3):
        _fill_up(database.engine)
        before = row_counts(database.engine)
        form = _form(qtbot, database)

        assert form.save() is False

        [(_title, text)] = message_boxes.of("warning")
        assert FULL in text
        assert form.isVisible() and form.name_edit.text() == "Nguyễn Thị Ánh"  # the input is kept
        assert form.hamlet_edit.text() == "Ấp Tân Hòa"
        assert row_counts(database.engine) == before
        assert integrity(database.engine) == ["ok"]

    # Room again (the user freed some space): the same form saves what was typed.
    with qtbot.waitSignal(form.saved) as saved:
        assert form.save() is True
    assert row_counts(database.engine)["person"] == before["person"] + 1
    assert saved.args[0] in {r.id for r in search_people(database.engine, "nguyen thi anh")}


def test_import_wizard_on_a_full_disk_reports_it_writes_nothing_and_can_retry(
    qtbot: Any, database: Any, tmp_path: Path
) -> None:
    wizard = ImportWizard(database.engine)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.set_paths([str(build_sheet(tmp_path / "ds.xlsx"))])
    for _step in range(3):  # file → columns → preview → confirm
        button = wizard.button(QWizard.WizardButton.NextButton)
        qtbot.waitUntil(button.isEnabled, timeout=20_000)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(finish.isEnabled, timeout=20_000)
    before = row_counts(database.engine)

    with full_disk(database.engine, spare_pages=4):
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not wizard.confirm_page.running, timeout=30_000)
        drain_tasks(qtbot)

        assert FULL in wizard.confirm_page.summary_label.text()
        assert wizard.isVisible() and wizard.import_result is None
        assert finish.isEnabled()  # the user can try again
        assert row_counts(database.engine) == before
        assert integrity(database.engine) == ["ok"]

    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.import_result is not None and wizard.import_result.imported == SHEET_ROWS
    assert row_counts(database.engine)["person"] == before["person"] + SHEET_ROWS


@ON_POSIX
def test_person_form_on_a_pulled_out_usb_drive_says_so_and_saves_once_it_is_back(
    qtbot: Any, tmp_path: Path, message_boxes: Any
) -> None:
    drive = tmp_path / "usb"
    db = open_database(f"sqlite:///{(drive / 'xkld.db').as_posix()}", backup=False)
    try:
        form = _form(qtbot, db)
        with pulled_out(drive) as away:
            assert form.save() is False
            [(_title, text)] = message_boxes.of("warning")
            assert "ổ USB đã rút ra" in text
            assert form.isVisible() and form.name_edit.text() == "Nguyễn Thị Ánh"
            assert not (drive / "xkld.db").exists()
        assert not away.exists()
        with qtbot.waitSignal(form.saved):
            assert form.save() is True
        assert _named(db, "nguyen thi anh") == ["Nguyễn Thị Ánh"]
        assert integrity(db.engine) == ["ok"]
    finally:
        db.close()


def test_window_opening_a_read_only_database_says_so_and_keeps_running(
    qtbot: Any, settings: QSettings, database: Any, message_boxes: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(MainWindow, "ask_load_demo", lambda self: False)
    monkeypatch.setattr(MainWindow, "ask_first_admin", lambda self: None, raising=False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.open_database_url(database.url)
    drain_tasks(qtbot)
    assert window.database is not None

    # A read-only database file: told (or opened read-only, where writes are then refused).
    other = open_database(f"sqlite:///{(tmp_path / 'ro' / 'chi-doc.db').as_posix()}", backup=False)
    create_person(other.engine, data=PersonInput(full_name="Trần Văn Đọc"))
    other.close()
    with read_only_file(other.path):
        window.open_database_url(other.url)
        drain_tasks(qtbot)
        if window.database is not None and window.database.path == other.path:
            form = _form(qtbot, window.database)
            assert form.save() is False
            assert "chỉ cho phép đọc" in message_boxes.of("warning")[-1][1]
        else:
            texts = [text for _title, text in message_boxes.of("critical")]
            assert any("không có quyền truy cập" in t or "chỉ cho phép đọc" in t for t in texts)
            assert window.database is not None and window.database.path == database.path
        assert window.isVisible()
    again = open_database(other.url, backup=False)
    assert row_counts(again.engine)["person"] == 1  # nothing lost, nothing half-written
    again.close()

    # The program carries on: a save on the database shown works.
    form = _form(qtbot, window.database)
    with qtbot.waitSignal(form.saved):
        assert form.save() is True
    window.close()
