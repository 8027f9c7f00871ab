"""Translations: the committed .ts covers every UI string, and the language switches at run time."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from xkld_desktop.domain.enums import PersonStatus
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.panes.overview import OverviewPane
from xkld_desktop.ui.panes.settings import SettingsPane
from xkld_desktop.ui.preferences import LANGUAGE_KEY, open_settings

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "xkld_vi.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

SIDEBAR_VI = ["Tổng quan", "Người lao động", "Hộ gia đình & CLB", "Xuất cảnh", "Về nước", "Báo cáo", "Cài đặt"]
SIDEBAR_EN = ["Overview", "Workers", "Households & club", "Departures", "Returns", "Reports", "Settings"]


def _load_tool():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = translation
    return found


def test_committed_ts_has_every_ui_string_translated(tmp_path: Path) -> None:
    committed = _messages(TS_FILE)
    refreshed_ts = tmp_path / "xkld_vi.ts"
    shutil.copy(TS_FILE, refreshed_ts)
    _load_tool().update(refreshed_ts, quiet=True)
    refreshed = _messages(refreshed_ts)

    missing = sorted(set(refreshed) - set(committed))
    stale = sorted(set(committed) - set(refreshed))
    assert not missing, f"strings in the code but not in {TS_FILE.name} (run tools/update_translations.py): {missing}"
    assert not stale, f"strings in {TS_FILE.name} no longer in the code: {stale}"
    for (context, source), translation in committed.items():
        where = f"{context}: {source!r}"
        assert translation.get("type") not in {"unfinished", "vanished", "obsolete"}, where
        text = translation.text or ""
        assert text.strip(), f"empty translation of {where}"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
        assert ("&" in source.replace("&&", "")) == ("&" in text.replace("&&", "")), f"shortcut mark: {where}"


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text().replace("&", "") for action in window.menuBar().actions()]


def _sidebar(window: MainWindow) -> list[str]:
    return [window.sidebar.item(i).text() for i in range(window.sidebar.count())]


def test_switching_language_in_settings_retranslates_the_window(qtbot, window: MainWindow, database) -> None:
    pane = window.pane(SettingsPane)
    assert isinstance(pane, SettingsPane)
    overview = window.pane(OverviewPane)
    assert isinstance(overview, OverviewPane)
    window.show_pane(SettingsPane)
    assert _sidebar(window) == SIDEBAR_VI
    assert _menu_titles(window) == ["Tệp", "Xem", "Trợ giúp"]

    with qtbot.waitSignal(pane.language_changed):
        pane.language_combo.setCurrentIndex(pane.language_combo.findData("en"))
    qtbot.waitUntil(lambda: _sidebar(window) == SIDEBAR_EN)  # Qt posts LanguageChange to the window
    assert _menu_titles(window) == ["File", "View", "Help"]
    assert [a.text() for a in window.file_menu.actions() if not a.isSeparator()] == [
        "&Open another database…",
        "&Import from Excel…",
        "Import &history…",
        "&Back up now…",
        "&Restore from a backup…",
        "Recycle &bin…",
        "&Audit log…",
        "&Lock",
        "Log &out",
        "&Quit",
    ]
    assert window.header.text() == "Settings"
    assert pane.location_caption.text() == "Location:"
    assert window.database_label.text() == f"Database: {database.display_location}"
    assert overview.status_labels[PersonStatus.WORKING_ABROAD][0].text() == "Working abroad"
    assert open_settings().value(LANGUAGE_KEY) == "en"

    with qtbot.waitSignal(pane.language_changed):
        pane.set_language("vi")
    qtbot.waitUntil(lambda: _sidebar(window) == SIDEBAR_VI)
    assert _menu_titles(window) == ["Tệp", "Xem", "Trợ giúp"]
    assert [a.text() for a in window.file_menu.actions() if not a.isSeparator()] == [
        "&Mở cơ sở dữ liệu khác…",
        "&Nhập từ Excel…",
        "&Lịch sử nhập…",
        "&Sao lưu ngay…",
        "&Khôi phục từ bản sao lưu…",
        "&Thùng rác…",
        "&Nhật ký thay đổi…",
        "Khóa &phiên",
        "Đăng &xuất",
        "T&hoát",
    ]
    assert window.header.text() == "Cài đặt"
    assert window.database_label.text() == f"CSDL: {database.display_location}"
    assert overview.status_labels[PersonStatus.WORKING_ABROAD][0].text() == "Đang làm việc ở nước ngoài"
    assert open_settings().value(LANGUAGE_KEY) == "vi"


def test_standard_buttons_speak_vietnamese(qtbot) -> None:
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(b.text() for b in box.buttons()) == ["&Có", "&Không"]
