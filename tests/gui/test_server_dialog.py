"""Settings → Database server…: test a connection, copy this database there, remember the server (no password).

GUI tests stay on SQLite: the dialog's services take any URL, so a second SQLite file stands in for
the server here (the PostgreSQL side of the same services is tested in tests/unit).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.gui.conftest import drain_tasks
from xkld_desktop.services.person_records import PersonInput, create_person
from xkld_desktop.ui.panes.settings import SettingsPane
from xkld_desktop.ui.server_dialog import SERVER_URL_KEY, ServerDialog, startup_url


def _dialog(qtbot: Any, database: Any, settings: Any) -> ServerDialog:
    dialog = ServerDialog(database, settings)
    qtbot.addWidget(dialog)
    return dialog


def test_the_settings_pane_opens_the_server_dialog(qtbot, window) -> None:
    pane = window.pane(SettingsPane)
    pane.server_button.click()
    dialogs = pane.findChildren(ServerDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()


def test_test_connection_shows_what_is_there_or_why_not(qtbot, database, settings, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, database, settings)
    dialog.test_button.click()  # nothing typed yet
    assert "postgresql+psycopg://" in dialog.status_label.text()

    dialog.url_edit.setText(database.url)
    dialog.test_button.click()
    drain_tasks(qtbot)
    assert dialog.status_label.text().startswith("Kết nối được sqlite")
    assert "0 người lao động" in dialog.status_label.text()

    dialog.url_edit.setText(f"postgresql+psycopg://can_bo@/xkld?host={tmp_path}&port=5999")
    dialog.password_edit.setText("bí mật")
    dialog.test_button.click()
    drain_tasks(qtbot)
    assert dialog.status_label.text().startswith("Không kết nối được máy chủ cơ sở dữ liệu")
    assert dialog.test_button.isEnabled()


def test_copy_this_database_to_an_empty_one(qtbot, database, settings, tmp_path: Path, monkeypatch) -> None:
    create_person(database.engine, data=PersonInput(full_name="Nguyễn Văn Đức"))
    target = f"sqlite:///{(tmp_path / 'server.db').as_posix()}"
    dialog = _dialog(qtbot, database, settings)
    dialog.url_edit.setText(target)
    asked: list[str] = []
    monkeypatch.setattr(dialog, "ask", lambda question: asked.append(question) or True)

    dialog.copy_button.click()
    drain_tasks(qtbot)

    assert asked and "server.db" in asked[0]
    engine = sa.create_engine(target)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT full_name FROM person")).scalars().all() == ["Nguyễn Văn Đức"]
    engine.dispose()
    assert not dialog.progress.isVisible()

    dialog.copy_button.click()  # again: the target is no longer empty, refused with the reason
    drain_tasks(qtbot)
    assert "đã có dữ liệu" in dialog.status_label.text()


def test_the_server_is_remembered_without_its_password(qtbot, database, settings) -> None:
    dialog = _dialog(qtbot, database, settings)
    dialog.url_edit.setText("postgresql+psycopg://can_bo:bi-mat@may-chu/xkld")
    dialog.use_button.click()
    assert settings.value(SERVER_URL_KEY) == "postgresql+psycopg://can_bo@may-chu/xkld"

    asked: list[str] = []
    url = startup_url(settings, ask=lambda location: asked.append(location) or "mat-khau-moi")
    assert asked == ["postgresql+psycopg://can_bo@may-chu/xkld"]
    assert sa.make_url(url).password == "mat-khau-moi"
    assert startup_url(settings, ask=lambda location: None) is None  # cancelled: the file of this PC

    dialog.local_button.click()
    assert settings.value(SERVER_URL_KEY) is None and startup_url(settings) is None
