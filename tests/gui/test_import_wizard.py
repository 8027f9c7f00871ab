"""The import wizard: file → columns → preview → import, driven through its real widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWizard

from tests.helpers import type_text
from tests.unit.services.excel_import_books import messy_workbook, simple_workbook
from xkld_desktop.domain.models import Person
from xkld_desktop.services.excel_import.commit import commit_import
from xkld_desktop.services.excel_import.preview import MatchKind, preview_files
from xkld_desktop.ui import tasks
from xkld_desktop.ui.import_wizard import ImportWizard


def _people(database: Any) -> dict[str, Any]:
    table = Person.__table__  # type: ignore[attr-defined]
    with database.engine.connect() as conn:
        return {r.full_name: r for r in conn.execute(sa.select(table).where(table.c.deleted_at.is_(None)))}


def _next(qtbot: Any, wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_in_cell(qtbot: Any, preview: Any, cell: Any, text: str) -> None:
    """Correct a preview cell as the user does: open its editor, replace the text, Enter."""
    preview.view.setCurrentIndex(cell)
    preview.view.edit(cell)
    editor = preview.view.indexWidget(cell) or preview.view.focusWidget()
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _wizard(qtbot: Any, database: Any, paths: list[Path]) -> ImportWizard:
    wizard = ImportWizard(database.engine)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.set_paths([str(p) for p in paths])
    return wizard


def test_wizard_imports_a_messy_sheet(qtbot: Any, qtmodeltester: Any, database: Any, tmp_path: Path) -> None:
    path = messy_workbook(tmp_path / "xa-tan-ho-co.xlsx")
    wizard = _wizard(qtbot, database, [path])
    assert wizard.file_page.files_edit.text() == "xa-tan-ho-co.xlsx"
    assert wizard.file_page.sheet_combo.currentText() == "DS"

    _next(qtbot, wizard)
    mapping = wizard.mapping_page
    qtbot.waitUntil(lambda: mapping.match is not None)
    # (UI text is asserted through tr(): the Vietnamese is in the pending translations until merged)
    assert mapping.status_label.text() == mapping.tr("Header found on row %1 of sheet “%2”.").replace(
        "%1", "4"
    ).replace("%2", "DS")
    titles = [mapping.table.item(r, 1).text() for r in range(mapping.table.rowCount())]
    assert titles[2] == "Ngày, tháng, năm sinh / Nam"
    assert mapping.combos[1].currentText() == "Họ và tên"
    assert mapping.combos[2].currentText() == "Ngày sinh (cột Nam)"
    # The user says the company column is not to be imported.
    mapping.combos[9].setCurrentIndex(mapping.combos[9].findData(""))
    assert mapping.match is not None and "company" not in mapping.match.mapped

    _next(qtbot, wizard)
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.model.rowCount() == 5)
    qtmodeltester.check(preview.model)
    model = preview.model
    assert model.data(model.index(0, 2)) == "Nguyễn Văn An"
    assert model.data(model.index(0, 4)) == "05/03/1998"
    assert model.data(model.index(0, 5)) == "087098012345"
    assert "CCCD có 11 chữ số — đã thêm số 0 ở đầu" in model.data(model.index(0, 11))
    assert "31/02/1990 không có thật" in model.data(model.index(3, 11))
    assert model.data(model.index(3, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert preview.summary_label.text() == preview.tr(
        "%1 rows: %2 new, %3 already recorded, %4 possible duplicates, %5 with errors."
    ).replace("%1", "5").replace("%2", "4").replace("%3", "0").replace("%4", "0").replace("%5", "1")
    assert _people(database) == {}  # nothing written before the last step

    # Row 9's impossible birth date is corrected in the preview, by typing in the cell.
    _type_in_cell(qtbot, preview, model.index(3, 4), "28/02/1990")
    qtbot.waitUntil(lambda: not model.rows[3].has_errors)
    assert model.data(model.index(3, 4)) == "28/02/1990"
    assert model.rows[3].values["gender"].value == "female"  # still from the "Nữ" column

    _next(qtbot, wizard)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text() == wizard.tr("&Import")
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.import_result is not None
    assert (wizard.import_result.imported, wizard.import_result.errors) == (5, 0)
    people = _people(database)
    assert set(people) == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Võ Thị Em"}
    assert str(people["Phạm Thị Dung"].date_of_birth) == "1990-02-28"
    assert people["Nguyễn Văn An"].id_number == "087098012345"
    with database.engine.connect() as conn:
        assert conn.scalar(sa.text("select count(*) from placement_company")) == 0  # the column was not imported


def test_possible_duplicate_imported_as_new_when_chosen(qtbot: Any, database: Any, tmp_path: Path) -> None:
    header = ["Họ và tên", "Năm sinh", "Ấp"]
    first = simple_workbook(tmp_path / "a.xlsx", header, [["Lê Văn Cường", 1997, "Ấp 3"]])
    commit_import(database.engine, preview_files(database.engine, [first]))
    second = simple_workbook(
        tmp_path / "b.xlsx", header, [["Le Van Cuong", 1997, "Ấp 5"], ["Mai Văn Tư", 1990, "Ấp 1"]]
    )
    wizard = _wizard(qtbot, database, [second])
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.mapping_page.match is not None)
    _next(qtbot, wizard)
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.model.rowCount() == 2)
    assert preview.model.rows[0].match is MatchKind.CANDIDATE
    assert preview.model.data(preview.model.index(0, 10)) == "Có thể trùng"

    preview.view.selectRow(0)
    qtbot.mouseClick(preview.new_button, Qt.MouseButton.LeftButton)
    assert preview.model.data(preview.model.index(0, 10)) == "Có thể trùng → " + preview.model.tr("import as new")

    _next(qtbot, wizard)
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert set(_people(database)) == {"Lê Văn Cường", "Le Van Cuong", "Mai Văn Tư"}


def test_the_log_is_checkpointed_in_the_background_after_the_import(qtbot: Any, database: Any, tmp_path: Path) -> None:
    # The import's COMMIT leaves SQLite's write-ahead log as it is (the copy into the file was a second
    # of the wait at 10,000 rows); the wizard has it copied on the upkeep thread once the result is in.
    from tests.sqlite_wal import wal_frames

    header = ["Họ và tên", "Năm sinh", "Ấp"]
    path = simple_workbook(tmp_path / "a.xlsx", header, [["Lê Văn Cường", 1997, "Ấp 3"], ["Mai Văn Tư", 1990, "Ấp 1"]])
    wizard = _wizard(qtbot, database, [path])
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.mapping_page.match is not None)
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.preview_page.model.rowCount() == 2)
    _next(qtbot, wizard)
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert set(_people(database)) == {"Lê Văn Cường", "Mai Văn Tư"}
    tasks.wait_for_tasks()
    frames, copied = wal_frames(database.path)
    assert frames > 0 and copied == frames


def test_a_bad_file_is_explained_and_blocks_next(qtbot: Any, database: Any, tmp_path: Path) -> None:
    (tmp_path / "rac.xlsx").write_bytes(b"khong phai bang tinh")
    wizard = _wizard(qtbot, database, [tmp_path / "rac.xlsx"])
    assert "không phải là bảng tính Excel" in wizard.file_page.error_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    tasks.wait_for_tasks()


def test_cancel_before_import_writes_nothing(qtbot: Any, database: Any, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, database, [messy_workbook(tmp_path / "ds.xlsx")])
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.mapping_page.match is not None)
    with qtbot.waitSignal(wizard.rejected):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert _people(database) == {}


def test_cancel_during_the_import_rolls_everything_back(qtbot: Any, database: Any, tmp_path: Path) -> None:
    rows = [[i, f"Người Thứ {chr(65 + i % 26)}", "1990", f"0870900{i:05d}"] for i in range(1, 1501)]
    path = simple_workbook(tmp_path / "big.xlsx", ["STT", "Họ và tên", "Năm sinh", "CCCD"], rows)
    wizard = _wizard(qtbot, database, [path])
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.mapping_page.match is not None)
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.preview_page.model.rowCount() == 1500, timeout=10_000)
    _next(qtbot, wizard)

    with qtbot.waitSignal(wizard.rejected, timeout=10_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        assert wizard.confirm_page.running
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # Cancel while the import runs

    assert wizard.import_result is None
    assert _people(database) == {}


def test_file_menu_opens_the_wizard_on_the_window_database(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    opened: list[ImportWizard] = []

    def fake_exec(self: ImportWizard) -> int:
        opened.append(self)
        return int(QWizard.DialogCode.Rejected)

    monkeypatch.setattr(ImportWizard, "exec", fake_exec)
    assert window.import_action in window.file_menu.actions()
    window.import_action.trigger()
    assert len(opened) == 1 and opened[0].engine is window.database.engine


def test_menu_action_follows_the_language(qtbot: Any, window: Any) -> None:
    from xkld_desktop.ui.i18n import install_language

    vietnamese = window.import_action.text()
    install_language("en")
    qtbot.waitUntil(lambda: window.import_action.text() == "&Import from Excel…")
    install_language("vi")
    qtbot.waitUntil(lambda: window.import_action.text() == vietnamese)


def test_a_conflict_between_two_files_can_take_the_second_files_version(
    qtbot: Any, database: Any, tmp_path: Path
) -> None:
    header = ["Họ và tên", "Ngày sinh", "CCCD", "Ấp", "Mã xã"]
    a = simple_workbook(
        tmp_path / "xa-a.xlsx", header, [["Nguyễn Văn An", "05/03/1998", "087098012345", "Ấp 1", "29929"]]
    )
    b = simple_workbook(
        tmp_path / "xa-b.xlsx", header, [["Nguyễn Văn An", "05/03/1998", "087098012345", "Ấp 9", "29926"]]
    )
    wizard = _wizard(qtbot, database, [a, b])
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.mapping_page.match is not None)
    _next(qtbot, wizard)
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.model.rowCount() == 2)
    assert preview.model.rows[1].match is MatchKind.CONFLICT
    cell = preview.model.data(preview.model.index(1, 10))
    assert cell.startswith("Xung đột giữa các tệp → " + preview.model.tr("keep the other version"))
    assert "Ấp, thôn: Ấp 1 → Ấp 9" in cell

    preview.view.selectRow(1)
    qtbot.mouseClick(preview.take_button, Qt.MouseButton.LeftButton)
    cell = preview.model.data(preview.model.index(1, 10))
    assert cell.startswith("Xung đột giữa các tệp → " + preview.model.tr("take this file's version"))

    _next(qtbot, wizard)
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert _people(database)["Nguyễn Văn An"].hamlet == "Ấp 9"
    assert wizard.import_result is not None and wizard.import_result.conflicts == 1


def _long_sheet(path: Path, rows: int = 1_200) -> Path:
    """*rows* new people with valid CCCDs (a sheet long enough for grouped counts and progress)."""
    given = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Minh", "Nam", "Phúc", "Quang"]
    lines = [
        [i + 1, f"Nguyễn Văn {given[i % 12]} {given[i // 12 % 12]}", f"0{i % 9 + 1}/03/1990", "Nam", f"087090{i:06d}"]
        for i in range(rows)
    ]
    return simple_workbook(path, ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"], lines)


def test_counts_are_written_with_thousands_grouped(qtbot: Any, database: Any, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, database, [_long_sheet(tmp_path / "dong.xlsx")])
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.mapping_page.match is not None)
    _next(qtbot, wizard)
    page = wizard.preview_page
    qtbot.waitUntil(lambda: not page.loading and bool(page.previews), timeout=30_000)
    summary = page.summary_label.text()
    assert summary.startswith("1.200 ") and "1200" not in summary  # "1.200 dòng: 1.200 mới, …"
    _next(qtbot, wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.import_result is not None, timeout=60_000)
    assert wizard.import_result.imported == 1_200
    assert "1.200" in wizard.confirm_page.summary_label.text()
    with database.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(Person.__table__)) == 1_200


def test_the_preview_shows_its_progress_while_it_checks_the_rows(
    qtbot: Any, database: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    import threading

    from xkld_desktop.ui import import_wizard

    halfway, release = threading.Event(), threading.Event()
    reported: list[tuple[int, int]] = []

    def held_preview(*args: Any, progress: Any = None, **kwargs: Any) -> Any:
        def step(done: int, total: int) -> None:
            reported.append((done, total))
            progress(done, total)
            if done >= 300 and not halfway.is_set():  # hold the check a third of the way in
                halfway.set()
                release.wait(10)

        return preview_files(*args, progress=step, **kwargs)

    monkeypatch.setattr(import_wizard, "preview_files", held_preview)
    wizard = _wizard(qtbot, database, [_long_sheet(tmp_path / "dong.xlsx")])
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.mapping_page.match is not None)
    _next(qtbot, wizard)
    page = wizard.preview_page
    try:
        qtbot.waitUntil(halfway.is_set, timeout=10_000)
        qtbot.waitUntil(lambda: page.progress.value() >= 300)
        assert page.progress.isVisible() and page.loading
        assert page.progress.value() < 1000
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.loading, timeout=30_000)
    assert not page.progress.isVisible()
    assert page.summary_label.text().startswith("1.200 ")
    assert reported[-1] == (1000, 1000)
    assert [done for done, _ in reported] == sorted(done for done, _ in reported)


def test_the_preview_shows_only_the_rows_of_one_kind_when_asked(
    qtbot: Any, database: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """At 100,000 rows the 3,000 possible duplicates are not found by scrolling: the list is limited to
    one kind (errors, possible duplicates, already recorded, new), each counted in the choice."""
    header = ["Họ và tên", "Năm sinh", "Ấp"]
    first = simple_workbook(
        tmp_path / "a.xlsx", header, [["Lê Văn Cường", 1997, "Ấp 3"], ["Phan Thị Hoa", 1995, "Ấp 3"]]
    )
    commit_import(database.engine, preview_files(database.engine, [first]))
    rows = [["Mai Văn Tư", 1990, "Ấp 1"], ["Le Van Cuong", 1997, "Ấp 5"], ["Võ Văn Sáu", "năm 90", "Ấp 2"]]
    rows.append(["Phan Thi Hoa", 1995, "Ấp 6"])
    rows += [[name, 1990 + n, "Ấp 4"] for n, name in enumerate(["Trần Văn An", "Lý Thị Bé", "Hồ Văn Cam", "Đỗ Thị Dư"])]
    wizard = _wizard(qtbot, database, [simple_workbook(tmp_path / "b.xlsx", header, rows)])
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.mapping_page.match is not None)
    _next(qtbot, wizard)
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.model.rowCount() == 8)
    combo = preview.filter_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Tất cả các dòng (8)",
        "Có lỗi (1)",
        "Có thể trùng (2)",
        "Đã có (0)",
        "Mới (5)",
    ]
    model = preview.model

    def names() -> list[str]:
        return [model.data(model.index(r, 2)) for r in range(model.rowCount())]

    preview.show_only("doubtful")
    assert names() == ["Le Van Cuong", "Phan Thi Hoa"]
    preview.view.selectRow(0)  # the first row shown is the sheet's second: the action follows what is shown
    qtbot.mouseClick(preview.new_button, Qt.MouseButton.LeftButton)
    as_new = "Có thể trùng → " + model.tr("import as new")
    assert [model.data(model.index(r, 10)) for r in range(2)] == [as_new, "Có thể trùng"]
    preview.view.selectAll()  # several at once
    qtbot.mouseClick(preview.new_button, Qt.MouseButton.LeftButton)
    assert [model.data(model.index(r, 10)) for r in range(2)] == [as_new, as_new]
    assert preview.detail_label.text().startswith("b.xlsx, dòng 3: Có thể trùng — Lê Văn Cường")  # the sheet's row 3

    from xkld_desktop.ui.i18n import install_language

    try:  # the match in the English UI too (the service's labels are Vietnamese)
        install_language("en")
        assert model.data(model.index(1, 10)) == "Possible duplicate → import as new"
        assert preview.model.describe(1).startswith("b.xlsx, row 5: Possible duplicate — Phan Thị Hoa")
    finally:
        install_language("vi")
    assert model.data(model.index(1, 10)) == "Có thể trùng → " + model.tr("import as new")

    preview.show_only("errors")
    assert names() == ["Võ Văn Sáu"]
    import threading

    from xkld_desktop.ui import import_wizard

    release = threading.Event()  # the check held until the test has looked at the page during it
    revise_row = import_wizard.revise_row
    monkeypatch.setattr(import_wizard, "revise_row", lambda *a, **kw: (release.wait(10), revise_row(*a, **kw))[1])
    _type_in_cell(qtbot, preview, model.index(0, 4), "1990")
    qtbot.waitUntil(lambda: preview.loading)  # the delegate commits the edit on the next turn of the event loop
    # every row is matched again (seconds at 100,000): said, and no second correction meanwhile (it
    # would start from the rows without the first one)
    assert preview.summary_label.text() == "Đang kiểm tra lại các dòng với ô vừa sửa…"
    assert preview.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    release.set()
    qtbot.waitUntil(lambda: not preview.loading)
    assert preview.view.editTriggers() == preview.edit_triggers != QAbstractItemView.EditTrigger.NoEditTriggers
    qtbot.waitUntil(lambda: combo.itemText(1) == "Có lỗi (0)")
    assert model.rowCount() == 0 and combo.currentData() == "errors"  # corrected: no longer an error
    preview.show_only("all")
    assert model.rowCount() == 8 and not model.row_at(2).has_errors

    _next(qtbot, wizard)
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    people = _people(database)
    assert {"Le Van Cuong", "Phan Thi Hoa", "Võ Văn Sáu", "Mai Văn Tư"} <= set(people) and len(people) == 10
    assert people["Võ Văn Sáu"].date_of_birth.year == 1990
