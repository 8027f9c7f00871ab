"""Two copies of the program on one database: the second is told who has it; stale locks are taken over.

The first copy is a real second process (:mod:`tests.robust.hold_window`: a main window that
opened the database); the window under test opens the same file and must refuse, naming the
user, the computer and since when. Locks are released on switching and closing; a lock left by a
killed process is taken over.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.gui.conftest import drain_tasks
from tests.robust.hold_window import Holder
from xkld_desktop.services.database import open_database
from xkld_desktop.store.lockinfo import host_name, info_path, lock_path, os_user, read_holder
from xkld_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.sqlite_only


@pytest.fixture(autouse=True)
def _no_first_start_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MainWindow, "ask_load_demo", lambda self: False)
    monkeypatch.setattr(MainWindow, "ask_first_admin", lambda self: None, raising=False)


def _window(qtbot: Any, settings: QSettings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open(qtbot: Any, window: MainWindow, url: str) -> None:
    window.open_database_url(url)
    drain_tasks(qtbot)


def _second_db(tmp_path: Path) -> Any:
    db = open_database(f"sqlite:///{(tmp_path / 'khac.db').as_posix()}", backup=False)
    db.close()
    return db


def test_second_copy_says_the_database_is_in_use_and_by_whom(
    qtbot: Any, settings: QSettings, database: Any, message_boxes: Any, tmp_path: Path
) -> None:
    holder = Holder(database.url, str(tmp_path / "holder-settings"))
    try:
        assert holder.first_line == "HELD"
        window = _window(qtbot, settings)
        _open(qtbot, window, database.url)

        [(title, text)] = message_boxes.of("question")
        assert title
        assert f"“{os_user()}”" in text and f"“{host_name()}”" in text  # by whom
        assert date.today().strftime("%d/%m/%Y") in text  # since when
        assert str(lock_path(database.path)) in text  # what to delete if that copy crashed
        assert window.database is None  # not opened
        assert not window.isVisible()  # "No" with nothing open: the window closes
        still = read_holder(database.path)
        assert still is not None and still.pid == holder.pid  # the first copy keeps its lock
    finally:
        holder.close()

    # The first copy closed: its lock is gone, and the database opens here now.
    assert not lock_path(database.path).exists()
    again = _window(qtbot, settings)
    _open(qtbot, again, database.url)
    assert again.database is not None
    mine = read_holder(database.path, ignore_own=False)
    assert mine is not None and mine.pid == os.getpid() and mine.user == os_user()
    again.close()


def test_second_window_on_this_pc_is_refused_and_can_open_another_file(
    qtbot: Any,
    settings: QSettings,
    database: Any,
    message_boxes: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = _window(qtbot, settings)
    _open(qtbot, first, database.url)
    assert first.database is not None
    other = _second_db(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other.path), ""))
    message_boxes.answer = QMessageBox.StandardButton.Yes  # "Open another database file?" — yes

    second = _window(qtbot, settings)
    _open(qtbot, second, database.url)

    assert len(message_boxes.of("question")) == 1
    assert second.database is not None and second.database.path == other.path
    assert first.database.path == database.path  # the first window keeps its database
    first.close()
    second.close()


def test_lock_left_by_a_killed_copy_is_taken_over(
    qtbot: Any, settings: QSettings, database: Any, message_boxes: Any, tmp_path: Path
) -> None:
    holder = Holder(database.url, str(tmp_path / "holder-settings"))
    assert holder.first_line == "HELD"
    holder.kill()  # power cut: the lock file stays, naming a process that is gone
    assert lock_path(database.path).exists()
    assert read_holder(database.path) is None  # stale

    window = _window(qtbot, settings)
    _open(qtbot, window, database.url)

    assert message_boxes.of("question") == []
    assert window.database is not None
    mine = read_holder(database.path, ignore_own=False)
    assert mine is not None and mine.pid == os.getpid()
    window.close()


def test_lock_is_released_on_switching_and_on_closing(
    qtbot: Any, settings: QSettings, database: Any, message_boxes: Any, tmp_path: Path
) -> None:
    other = _second_db(tmp_path)
    window = _window(qtbot, settings)
    _open(qtbot, window, database.url)
    assert lock_path(database.path).exists() and info_path(database.path).exists()

    _open(qtbot, window, other.url)
    assert window.database is not None and window.database.path == other.path
    assert not lock_path(database.path).exists() and not info_path(database.path).exists()
    assert lock_path(other.path).exists()

    window.close()
    assert not lock_path(other.path).exists()
    assert message_boxes.calls == []


def test_a_database_that_fails_to_open_leaves_no_lock(
    qtbot: Any, settings: QSettings, database: Any, message_boxes: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "hong.db"
    broken.write_bytes(b"this is not a database" * 100)
    window = _window(qtbot, settings)
    _open(qtbot, window, database.url)

    _open(qtbot, window, f"sqlite:///{broken.as_posix()}")

    assert [title for title, _text in message_boxes.of("critical")]  # told why
    assert window.database is not None and window.database.path == database.path  # the open one stays
    assert not lock_path(broken).exists()
    assert lock_path(database.path).exists()
    window.close()


def test_the_first_start_takes_the_lock_of_a_database_in_a_folder_not_made_yet(
    qtbot: Any, settings: QSettings, message_boxes: Any, tmp_path: Path
) -> None:
    """The data folder does not exist before the first start: the lock is taken all the same."""
    path = tmp_path / "chưa có" / "dữ liệu" / "xkld.db"
    window = _window(qtbot, settings)
    _open(qtbot, window, f"sqlite:///{path.as_posix()}")
    assert window.database is not None and window.database.path == path
    assert lock_path(path).exists() and read_holder(path, ignore_own=False) is not None
    window.close()
    assert not lock_path(path).exists()
    assert message_boxes.calls == []
