"""Opening a database made by an older version: the window says it is being upgraded, then shows it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from tests.gui.conftest import drain_tasks
from xkld_desktop.store.engine import create_engine, sqlite_url_for
from xkld_desktop.store.migrate import current_revision, head_revision, migrate
from xkld_desktop.ui.main_window import MainWindow


def test_opening_an_older_database_says_it_is_being_upgraded(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: Any
) -> None:
    path = tmp_path / "ban-cu.db"
    old = create_engine(sqlite_url_for(path))
    migrate(old, target="0007")
    old.dispose()

    from alembic import command

    upgrade, started, go_on = command.upgrade, threading.Event(), threading.Event()

    def slow_upgrade(config: Any, revision: str) -> None:  # a large database: the steps take a while
        started.set()
        assert go_on.wait(20)
        upgrade(config, revision)

    monkeypatch.setattr(command, "upgrade", slow_upgrade)
    monkeypatch.setattr(MainWindow, "ask_load_demo", lambda self: False)
    monkeypatch.setattr(MainWindow, "ask_own_unit", lambda self: None)
    monkeypatch.setattr(MainWindow, "ask_first_admin", lambda self: None, raising=False)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.open_database_url(sqlite_url_for(path))
    try:
        qtbot.waitUntil(started.is_set, timeout=10_000)
        qtbot.waitUntil(lambda: "Đang nâng cấp cơ sở dữ liệu cho phiên bản này" in window.current_pane().message())
        assert "sao lưu" in window.current_pane().message()
        assert window.database_label.text() == "Đang nâng cấp cơ sở dữ liệu…"
        assert window.database is None
        # no figures read from a file about to change (the first look skips a database to upgrade)
        assert window.current_pane().people_card.value_label.text() == "—"
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: window.database is not None, timeout=20_000)
    assert "nâng cấp" not in window.current_pane().message()
    assert window.database_label.text().startswith("CSDL: ")
    assert current_revision(window.database.engine) == head_revision()
    assert list(tmp_path.glob("ban-cu.truoc-nang-cap-0007-*.db"))  # the backup it spoke of
    drain_tasks(qtbot)
    window.close()
