"""What the window says of the automatic backups: a day whose copy could not be made (a full disk),
the newest copy, their number and size and the room left in Settings, the folder one click away."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from xkld_desktop.domain.numbers import file_size
from xkld_desktop.services import backup as backup_service
from xkld_desktop.services.backup import backup_before, backup_folder, daily_backup, list_backups
from xkld_desktop.services.demo import generate_demo
from xkld_desktop.ui.backup_dialogs import controller_of
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.panes.overview import OverviewPane
from xkld_desktop.ui.panes.settings import SettingsPane

from .conftest import drain_tasks


def _settings_text(window: MainWindow, qtbot: Any) -> str:
    pane = window.pane(SettingsPane)
    window.show_pane(window.panes.index(pane))
    pane.refresh()
    drain_tasks(qtbot)
    return pane.automatic_backups_text()


def test_a_day_without_room_for_its_backup_is_said_and_the_records_stay_open(
    qtbot: Any, settings: Any, database: Any, message_boxes: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = database.path
    generate_demo(database.engine, people=5, seed=2)
    database.close()
    for old in list_backups(path):  # the program not started yet today
        old.unlink()
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: 40 << 20)  # 40 MB left on the disk
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.database_changed, timeout=60_000, check_params_cb=lambda db: db is not None):
        w.open_database_url(database.url)
    qtbot.waitUntil(lambda: bool(message_boxes.of("warning")), timeout=30_000)
    [(title, text)] = message_boxes.of("warning")
    assert title == "Hôm nay chưa sao lưu tự động"
    assert "Ổ đĩa không đủ chỗ để sao lưu cơ sở dữ liệu" in text and "chỉ còn 40 MB" in text
    assert "Dữ liệu vẫn mở và làm việc bình thường" in text
    assert list_backups(path) == []
    overview = w.pane(OverviewPane)
    qtbot.waitUntil(lambda: overview.counts is not None)  # the records are open
    shown = _settings_text(w, qtbot)
    assert "Chưa có bản nào." in shown
    assert "Hôm nay chưa sao lưu tự động được: Ổ đĩa không đủ chỗ" in shown
    assert "Ổ đĩa chỉ còn trống" not in shown  # said once
    assert w.database is not None
    w.database.close()


def test_settings_shows_the_newest_automatic_copy_their_number_and_size(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = window.database
    assert db is not None and db.path is not None
    generate_demo(db.engine, people=10, seed=3)
    for old in list_backups(db.path):
        old.unlink()
    now = datetime.now().replace(microsecond=0)
    made = [daily_backup(db.engine, now=now - timedelta(days=1)), backup_before(db.engine, now=now)]
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: 40 << 30)
    shown = _settings_text(window, qtbot)
    total = sum(p.stat().st_size for p in made if p is not None)
    assert shown == (
        f"bản mới nhất lúc {now:%H:%M %d/%m/%Y} (trước khi nhập, {file_size(made[1].stat().st_size)}); "  # type: ignore[union-attr]
        f"tất cả 2 bản, {file_size(total)}. Ổ đĩa còn trống 40 GB."
    )
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: None)  # a drive that does not tell
    assert _settings_text(window, qtbot).endswith(f"tất cả 2 bản, {file_size(total)}.")
    for path in made:
        path.unlink()  # type: ignore[union-attr]
    daily_backup(db.engine, now=now - timedelta(days=5))  # five days without a copy: said
    shown = _settings_text(window, qtbot)
    assert "(hằng ngày," in shown and "tất cả 1 bản" in shown
    assert shown.endswith("Bản sao lưu tự động mới nhất đã cũ 5 ngày. Hãy sao lưu ngay và kiểm tra ổ đĩa.")


def test_the_backups_folder_is_one_click_away_and_restore_starts_there(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    pane = window.pane(SettingsPane)
    window.show_pane(window.panes.index(pane))
    drain_tasks(qtbot)
    assert pane.open_backups_button.isVisible() and pane.open_backups_button.text() == "&Mở thư mục sao lưu"
    qtbot.mouseClick(pane.open_backups_button, Qt.MouseButton.LeftButton)
    assert [Path(url.toLocalFile()) for url in opened] == [backup_folder()]
    assert backup_folder().is_dir()
    asked: list[str] = []

    def choose(_parent: Any, _title: str, folder: str, *_args: Any) -> tuple[str, str]:
        asked.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    controller_of(window).restore()
    assert asked == [str(backup_folder())]


def test_settings_open_while_a_copy_is_made_shows_it(window: MainWindow, qtbot: Any) -> None:
    """The copy of the day is made a second after opening (on a thread of its own); a Settings pane
    open by then shows it as the newest without being opened again."""
    db = window.database
    assert db is not None and db.path is not None
    for old in list_backups(db.path):
        old.unlink()
    assert _settings_text(window, qtbot) == "Chưa có bản nào."
    pane = window.pane(SettingsPane)
    made = backup_before(db.engine, now=datetime.now().replace(microsecond=0))
    controller_of(window).backed_up.emit(made)
    qtbot.waitUntil(lambda: "tất cả 1 bản" in pane.automatic_backups_text())
    assert "(trước khi nhập," in pane.automatic_backups_text()


def test_settings_warns_before_the_next_copy_cannot_fit(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = window.database
    assert db is not None and db.path is not None and db.daily_backup_failed is None
    monkeypatch.setattr(backup_service, "free_bytes", lambda _folder: 3 << 20)  # 3 MB left: less than the reserve
    shown = _settings_text(window, qtbot)
    needed = backup_service.room_needed(db.path, backup_folder())
    assert shown.endswith(
        f"Ổ đĩa chỉ còn trống 3,0 MB; lần sao lưu tự động tới cần khoảng {file_size(needed)}. "
        "Chương trình sẽ xóa các bản cũ nhất để lấy chỗ khi còn có thể: hãy giải phóng bớt ổ đĩa."
    )
