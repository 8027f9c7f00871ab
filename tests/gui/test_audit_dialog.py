"""Nhật ký thay đổi: filter the entries, see a change before → after, export them, check the chain."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import sqlalchemy as sa
from shiboken6 import isValid

from tests.gui.conftest import drain_tasks
from tests.helpers import type_text
from xkld_desktop.domain.enums import Gender, Role
from xkld_desktop.domain.models import AuditEvent
from xkld_desktop.services import access
from xkld_desktop.services.person_records import PersonInput, create_person, delete_person, update_person
from xkld_desktop.ui.audit_dialog import PAGE_SIZE, AuditDialog, AuditLogAction, AuditModel

AUDIT = AuditEvent.__table__  # type: ignore[attr-defined]
OFFICER = access.Actor(username="can_bo_lan", full_name="Lê Thị Lan", role=Role.OFFICER)


def _story(database: Any) -> None:
    """Two people created by an officer; one gets a new phone number, the other is deleted."""
    engine = access.bind(database.engine, OFFICER)
    first = create_person(
        engine, data=PersonInput(full_name="Nguyễn Thị Hoa", gender=Gender.FEMALE, phone="0912345678")
    )
    second = create_person(engine, data=PersonInput(full_name="Trần Văn Nam", gender=Gender.MALE))
    changed = PersonInput(**{**first.to_input().__dict__, "phone": "0987654321"})
    update_person(engine, person_id=first.id, data=changed, expected_version=first.version)
    delete_person(engine, person_id=second.id)


def _open(qtbot: Any, database: Any) -> AuditDialog:
    dialog = AuditDialog(database.engine)
    qtbot.addWidget(dialog)
    dialog.show()
    drain_tasks(qtbot)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    return dialog


def _column(dialog: AuditDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_filter_by_action_and_see_before_and_after(qtbot: Any, qtmodeltester: Any, database: Any) -> None:
    _story(database)
    dialog = _open(qtbot, database)
    qtmodeltester.check(dialog.model)
    assert "Sửa" in _column(dialog, AuditModel.ACTION) and "Thêm mới" in _column(dialog, AuditModel.ACTION)

    with qtbot.waitSignal(dialog.model.loaded, timeout=10_000):
        dialog.set_choice(dialog.action_combo, "update")
    assert set(_column(dialog, AuditModel.ACTION)) == {"Sửa"}
    assert set(_column(dialog, AuditModel.USER)) == {"can_bo_lan"}
    people = [
        r for r in range(dialog.model.rowCount()) if dialog.model.index(r, AuditModel.TABLE).data() == "Người lao động"
    ]
    assert len(people) == 1  # the phone change (status events are not people)

    dialog.table.selectRow(people[0])
    assert ("Điện thoại", "0912345678", "0987654321") in dialog.detail_lines()
    assert "can_bo_lan" in dialog.detail_title.text()

    with qtbot.waitSignal(dialog.model.loaded, timeout=10_000):
        dialog.set_choice(dialog.action_combo, "delete")
    assert dialog.model.rowCount() >= 1 and set(_column(dialog, AuditModel.ACTION)) == {"Xóa (vào thùng rác)"}

    # free text finds every entry about the person: her record, its phone change (which holds no
    # name), her first status; each line says whose record it is
    dialog.set_choice(dialog.action_combo, None)
    dialog.text_edit.clear()
    type_text(dialog.text_edit, "Nguyễn Thị Hoa")
    with qtbot.waitSignal(dialog.model.loaded, timeout=10_000):
        dialog.apply_filter()
    about_her = ["Sửa", "Thêm mới", "Thêm mới"]  # newest first
    assert _column(dialog, AuditModel.ACTION) == about_her
    assert _column(dialog, AuditModel.SUMMARY)[0] == "Nguyễn Thị Hoa: Điện thoại"
    dialog.table.selectRow(0)
    assert "Người lao động — Nguyễn Thị Hoa (" in dialog.detail_title.text()

    # typed without marks, as on a keyboard without Vietnamese input: the same entries
    dialog.text_edit.clear()
    qtbot.keyClicks(dialog.text_edit, "nguyen thi HOA")
    with qtbot.waitSignal(dialog.model.loaded, timeout=10_000):
        dialog.apply_filter()
    assert _column(dialog, AuditModel.ACTION) == about_her


def test_a_long_log_is_fetched_page_by_page(qtbot: Any, database: Any) -> None:
    from xkld_desktop.services.audit import record_event
    from xkld_desktop.store.session import write_session

    with write_session(database.engine) as session:
        for n in range(PAGE_SIZE * 3):
            record_event(session, username="x", action="update", table="person", record_uuid=f"u{n}", after={"n": n})
    dialog = _open(qtbot, database)
    model = dialog.model
    assert model.rowCount() == PAGE_SIZE * 3 and model.fetches == 1  # counted, one page fetched
    last = model.index(model.rowCount() - 1, AuditModel.USER)
    assert last.data() == ""  # not fetched yet: asked for in the background
    qtbot.waitUntil(lambda: model.index(model.rowCount() - 1, AuditModel.USER).data() == "x")
    assert model.fetches == 2
    assert model.index(model.rowCount() - 1, AuditModel.TIME).data()


def test_export_writes_the_filtered_entries(qtbot: Any, database: Any, tmp_path: Path) -> None:
    _story(database)
    dialog = _open(qtbot, database)
    with qtbot.waitSignal(dialog.model.loaded, timeout=10_000):
        dialog.set_choice(dialog.action_combo, "update")
    target = tmp_path / "nhat-ky"
    dialog.ask_save_path = lambda: str(target)  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.export_button.click()
    written = Path(blocker.args[0])
    assert written.name == "nhat-ky.xlsx"
    rows = list(openpyxl.load_workbook(written).active.iter_rows(values_only=True))
    assert rows[0][1:4] == ("Thời điểm", "Người dùng", "Thao tác")
    assert len(rows) - 1 == dialog.model.rowCount() and {r[3] for r in rows[1:]} == {"Sửa"}
    assert any(r[5] == "Nguyễn Thị Hoa" and "0912345678" in r[8] and "0987654321" in r[9] for r in rows[1:])
    with database.engine.connect() as conn:  # the export is in the log too
        assert conn.scalar(sa.select(sa.func.count()).select_from(AUDIT).where(AUDIT.c.action == "export")) == 1


def test_verify_shows_the_result(qtbot: Any, database: Any, message_boxes: Any) -> None:
    _story(database)
    dialog = _open(qtbot, database)
    with qtbot.waitSignal(dialog.verified, timeout=10_000) as blocker:
        dialog.verify_button.click()
    assert blocker.args[0].startswith("Nhật ký nguyên vẹn")
    assert dialog.verify_label.text() == blocker.args[0]
    assert message_boxes.of("warning") == []

    with database.engine.begin() as conn:  # an entry edited outside the program
        first = conn.scalar(sa.select(sa.func.min(AUDIT.c.id)))
        conn.execute(sa.update(AUDIT).where(AUDIT.c.id == first).values(username="ke_gian"))
    with qtbot.waitSignal(dialog.verified, timeout=10_000) as blocker:
        dialog.verify_button.click()
    assert "đã bị sửa" in dialog.verify_label.text()
    [(_title, text)] = message_boxes.of("warning")
    assert f"mục số {first}" in text


def test_the_menu_entry_is_only_for_administrators(qtbot: Any, window: Any) -> None:
    action = window.findChild(AuditLogAction)
    assert action is not None and action.isVisible()  # no accounts yet: everything allowed
    database = window.database
    officer = access.bind(database.engine, OFFICER)
    action._database_changed(type(database)(url=database.url, engine=officer))
    assert not action.isVisible()
    admin = access.Actor(username="quan_tri", full_name="Quản trị", role=Role.ADMIN)
    action._database_changed(type(database)(url=database.url, engine=access.bind(database.engine, admin)))
    assert action.isVisible()
    dialog = action.open()
    assert dialog is not None and dialog.isVisible()
    drain_tasks(qtbot)
    action._database_changed(None)  # logged out: the log closes with the login
    assert not action.isVisible()
    qtbot.waitUntil(lambda: not isValid(dialog))


def test_today_filter_keeps_todays_entries(qtbot: Any, database: Any) -> None:
    _story(database)
    dialog = _open(qtbot, database)
    total = dialog.model.rowCount()
    today = date.today()
    from PySide6.QtCore import QDate

    dialog.since_edit.setDate(QDate(today.year, today.month, today.day))
    with qtbot.waitSignal(dialog.model.loaded, timeout=10_000):
        dialog.apply_filter()
    assert dialog.model.rowCount() == total
    dialog.until_edit.setDate(QDate(2001, 1, 1))
    with qtbot.waitSignal(dialog.model.loaded, timeout=10_000):
        dialog.apply_filter()
    assert dialog.model.rowCount() == 0


def test_printing_a_record_sheet_is_recorded_first(qtbot: Any, database: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from tests.gui.test_person_page import add_person, open_page
    from xkld_desktop.services import audit
    from xkld_desktop.store.errors import DatabaseEnvironmentError, EnvironmentKind

    pid = add_person(database.engine)
    page = open_page(qtbot, database, pid)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.print_sheet(printer) is True
    with database.engine.connect() as conn:
        [entry] = conn.execute(sa.select(AUDIT).where(AUDIT.c.action == "print")).mappings().all()
    assert entry["table_name"] == "person" and '"kind": "person_sheet"' in entry["detail"]

    # the audit line cannot be written (read-only database): nothing is printed
    read_only = DatabaseEnvironmentError(EnvironmentKind.READ_ONLY)

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise read_only

    monkeypatch.setattr(audit, "record_print", refuse)
    refused: list[str] = []
    monkeypatch.setattr(page, "show_refusal", refused.append)
    second = tmp_path / "second.pdf"
    printer.setOutputFileName(str(second))
    assert page.print_sheet(printer) is False
    assert refused == [read_only.message] and not second.exists()
