"""Fixtures of the widget tests: preferences in a temporary folder, Vietnamese UI, no modal boxes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox

from xkld_desktop.ui import tasks
from xkld_desktop.ui.i18n import SOURCE_LANGUAGE, install_language
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.panes.overview import OverviewPane
from xkld_desktop.ui.preferences import open_settings


@pytest.fixture(autouse=True)
def _settings_in_tmp(qapp: Any, tmp_path: Path) -> Iterator[Path]:
    """QSettings read and write an INI file under this test's folder, never the user's."""
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "user"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture(autouse=True)
def _background_work_ends_in_its_test(qapp: Any) -> Iterator[None]:
    """A test's background tasks (the day's backup of a window's database among them) finish before
    its data folder is given back: left running, they would write into the next test's folder or
    the run-wide one (the run fails on that: tests/conftest.py)."""
    yield
    # the tasks' results delivered too: one may start the next (the first reads → the day's upkeep)
    for _ in range(50):
        tasks.wait_for_tasks()
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        if tasks.running_tasks() == 0:
            break


@pytest.fixture(autouse=True)
def _vietnamese(qapp: Any) -> Iterator[None]:
    """The UI speaks Vietnamese (the program's default) and forgets its language afterwards."""
    assert install_language("vi") == "vi"
    yield
    install_language(SOURCE_LANGUAGE)


@dataclass
class MessageBoxes:
    """What the code under test tried to show with QMessageBox's static functions."""

    calls: list[tuple[str, str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.No

    def of(self, kind: str) -> list[tuple[str, str]]:
        return [(title, text) for k, title, text in self.calls if k == kind]


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """Modal message boxes would block a test: record them instead (``question`` answers No)."""
    boxes = MessageBoxes()

    def recorder(kind: str) -> Any:
        def show(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
            boxes.calls.append((kind, title, text))
            return boxes.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return boxes


@pytest.fixture(autouse=True)
def unit_requests(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """The first-start unit chooser is modal: record that it was asked for instead."""
    asked: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "ask_own_unit", lambda self: asked.append(self))
    return asked


@pytest.fixture
def settings() -> QSettings:
    return open_settings()


def drain_tasks(qtbot: Any) -> None:
    """Let every background task finish and deliver its result."""
    tasks.wait_for_tasks()
    qtbot.waitUntil(lambda: tasks.running_tasks() == 0)


@pytest.fixture
def window(qtbot: Any, settings: QSettings, database: Any) -> Iterator[MainWindow]:
    """A shown main window holding the test's (empty, migrated, seeded) database."""
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.set_database(database)
    overview = w.pane(OverviewPane)
    qtbot.waitUntil(lambda: overview.counts is not None)
    yield w
    drain_tasks(qtbot)
