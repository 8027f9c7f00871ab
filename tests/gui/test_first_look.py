"""The overview's figures, read straight from the file while the database layer loads (the first look)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from tests.gui.conftest import drain_tasks
from xkld_desktop.domain.enums import PersonStatus
from xkld_desktop.services import database as database_service
from xkld_desktop.services.overview import OverviewCounts, overview_counts
from xkld_desktop.store.engine import sqlite_url_for
from xkld_desktop.store.errors import DatabaseEnvironmentError, EnvironmentKind
from xkld_desktop.ui import tasks
from xkld_desktop.ui.i18n import format_count
from xkld_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.sqlite_only


def _database(tmp_path: Path, *, with_account: bool = False) -> tuple[str, OverviewCounts]:
    from xkld_desktop.services.demo import generate_demo

    url = sqlite_url_for(tmp_path / "xa.db")
    db = database_service.open_database(url)
    generate_demo(db.engine, people=60, seed=3)
    counts = overview_counts(db.engine)
    if with_account:
        from xkld_desktop.domain.enums import Role
        from xkld_desktop.services.auth import create_account

        create_account(db.engine, "admin", "Trần Thị Quản", "mat-khau-dai-1", Role.ADMIN)
    db.close()
    return url, counts


def _hold_the_opening(monkeypatch: Any, *, then_fail: bool = False) -> threading.Event:
    """The database thread's opening waits for the event (the database layer loading on a slow PC)."""
    release, opening = threading.Event(), database_service.open_database

    def held(url: str, **kw: Any) -> Any:
        assert release.wait(20)
        if then_fail:
            raise DatabaseEnvironmentError(EnvironmentKind.LOCKED)
        return opening(url, **kw)

    monkeypatch.setattr(database_service, "open_database", held)
    return release


def _shown(overview: Any) -> dict[str, str]:
    return {
        "people": overview.people_card.value_label.text(),
        "households": overview.households_card.value_label.text(),
        "departures": overview.departures_card.value_label.text(),
        "returns": overview.returns_card.value_label.text(),
        "candidates": overview.status_labels[PersonStatus.CANDIDATE][1].text(),
    }


def _expected(counts: OverviewCounts) -> dict[str, str]:
    return {
        "people": format_count(counts.people),
        "households": format_count(counts.households),
        "departures": format_count(counts.departures),
        "returns": format_count(counts.returns),
        "candidates": format_count(counts.people_by_status[PersonStatus.CANDIDATE]),
    }


def _window(qtbot: Any, settings: QSettings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.is_built(0))
    return window


def test_the_overview_shows_the_files_figures_while_the_database_opens(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: Any
) -> None:
    url, counts = _database(tmp_path)
    assert counts.people == 60 and counts.departures > 0
    release = _hold_the_opening(monkeypatch)
    window = _window(qtbot, settings)
    overview = window.current_pane()
    window.open_database_url(url)
    try:
        qtbot.waitUntil(lambda: _shown(overview) == _expected(counts), timeout=10_000)
        assert window.database is None  # still opening: the figures came without it
        assert overview.message() == "Đang mở cơ sở dữ liệu…"
        assert overview.target_button.text() == "—" and not overview.target_button.isEnabled()
        years = [label.text() for label in overview._year_labels[::2]]
        assert years == [str(y) for y in sorted(counts.departures_by_year, reverse=True)]
    finally:
        release.set()
    qtbot.waitUntil(lambda: window.database is not None, timeout=20_000)
    qtbot.waitUntil(lambda: overview.year_counts is not None, timeout=20_000)
    assert _shown(overview) == _expected(counts)
    assert overview.message() == ""
    drain_tasks(qtbot)
    window.close()


def test_a_database_with_accounts_shows_no_figures_before_the_login(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: Any
) -> None:
    url, _counts = _database(tmp_path, with_account=True)
    release = _hold_the_opening(monkeypatch, then_fail=True)  # the login is not what this test is about
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, message: None)
    window = _window(qtbot, settings)
    overview = window.current_pane()
    window.open_database_url(url)
    try:
        qtbot.waitUntil(lambda: tasks.running_tasks() == 1)  # the first look came back; the opening held
        assert set(_shown(overview).values()) == {"—"}
    finally:
        release.set()
    drain_tasks(qtbot)
    window.close()


def test_figures_of_a_database_that_then_fails_to_open_are_taken_away(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: Any
) -> None:
    url, counts = _database(tmp_path)
    release = _hold_the_opening(monkeypatch, then_fail=True)
    errors: list[str] = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, message: errors.append(message))
    window = _window(qtbot, settings)
    overview = window.current_pane()
    window.open_database_url(url)
    qtbot.waitUntil(lambda: _shown(overview) == _expected(counts), timeout=10_000)
    release.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert "khóa" in errors[0]
    assert set(_shown(overview).values()) == {"—"}
    assert overview.message().startswith("Chưa mở được cơ sở dữ liệu")
    drain_tasks(qtbot)
    window.close()
