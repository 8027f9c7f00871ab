"""Every text the UI shows is in the chosen language: a walk over the window and the main dialogs.

On a demo database the language is switched in Settings (no restart), every pane (and every tab
of it) is shown, and the main dialogs are opened; then every visible text is collected: labels,
buttons, group titles, tabs, placeholders, tooltips, window titles, menus and actions, combo-box
items, and the headers and first rows of every list. Record data (names, places, companies …:
every text value stored in the database) is taken out first, since it is Vietnamese whatever the
UI language.

- In English, a Vietnamese letter (ă â đ ê ô ơ ư or any letter with a tone mark) is a string that
  did not go through ``tr()`` or an enum label shown in Vietnamese.
- In Vietnamese, a text made of English UI words only ("Save", "Status" …) is a string that was
  not translated.

Vietnamese in both languages by design (README, "Languages"), so not walked: the messages of the
services (errors, shown in message boxes after a failed action). The person page's history is
walked: the timeline service writes it in the UI's language.
"""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)
from sqlalchemy import select

from tests.gui.conftest import drain_tasks
from xkld_desktop import APP_NAME
from xkld_desktop.domain.enums import LabeledEnum
from xkld_desktop.domain.models import Person
from xkld_desktop.services.demo import generate_demo
from xkld_desktop.services.timeline import person_summary
from xkld_desktop.store.session import read_session
from xkld_desktop.ui.main_window import MainWindow
from xkld_desktop.ui.panes.households import short_club_name
from xkld_desktop.ui.panes.settings import SettingsPane

ROWS_WALKED = 30  # first rows of every list: enough to meet every kind of cell
VIETNAMESE = re.compile(r"[^\W\d_]")  # a letter; Vietnamese when it is not ASCII (checked below)
ENGLISH_UI_WORDS = frozenset(
    [
        *("Add", "Back", "Cancel", "Close", "Date", "Delete", "Edit", "Export", "File", "Help", "Import", "Name"),
        *("New", "Next", "No", "None", "Open", "Print", "Quit", "Save", "Search", "Settings", "Status", "Workers"),
        *("Yes", "all", "and", "from", "of", "or", "the", "to", "with"),
    ]
)
#: widgets (by object name) whose text comes from the services in Vietnamese, on purpose (none now)
NOT_WALKED: dict[str, str] = {}
#: names that are the same in every language
PROPER_NAMES = (APP_NAME, "Tiếng Việt")
WORD = re.compile(r"[^\W\d_]+")
PATH = re.compile(r"\S*[/\\]\S*")
TAG = re.compile(r"<[^>]+>")
ENTITY = re.compile(r"&(nbsp|amp|lt|gt|quot|#\d+);")


# --- collecting texts -----------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = ENTITY.sub(" ", TAG.sub(" ", text)) if "<" in text else text
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _model_texts(model: QAbstractItemModel | None, where: str) -> Iterator[tuple[str, str]]:
    if model is None:
        return
    root = QModelIndex()
    # QAbstractListModel hides columnCount() from Python: a list model has one column
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for column in range(columns):
        yield f"{where} header {column}", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(root), ROWS_WALKED)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield f"{where} cell {row},{column}", value


def _action_texts(actions: list[Any], where: str) -> Iterator[tuple[str, str]]:
    for action in actions:
        yield f"{where} action", action.text()
        yield f"{where} action tooltip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield f"{where} menu", menu.title()
            yield from _action_texts(menu.actions(), f"{where} › {action.text()}")


def _not_walked(widget: QWidget | None) -> bool:
    while widget is not None:
        if widget.objectName() in NOT_WALKED:
            return True
        widget = widget.parentWidget()
    return False


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every visible text of *root* and its visible children."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() or _not_walked(widget) or isinstance(widget, QHeaderView):
            continue  # (a header view shows its table's model: the table is walked)
        where = f"{type(widget).__name__}({widget.objectName() or '…'})"
        yield f"{where} tooltip", widget.toolTip()
        yield f"{where} status tip", widget.statusTip()
        if widget.isWindow():
            yield f"{where} title", widget.windowTitle()
        yield from _action_texts(widget.actions(), where)
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{where} placeholder", widget.placeholderText()
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            yield f"{where} placeholder", widget.placeholderText()
            if widget.isReadOnly():  # a preview or a report the program wrote
                yield from ((f"{where} line", line) for line in widget.toPlainText().splitlines())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{where} item {i}", widget.itemText(i)
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{where} tab {i}", widget.tabText(i)
                yield f"{where} tab tooltip {i}", widget.tabToolTip(i)
        elif isinstance(widget, QAbstractItemView):
            yield from _model_texts(widget.model(), where)
        if isinstance(widget, QWizard):
            page = widget.currentPage()
            if page is not None:
                yield f"{where} page title", page.title()
                yield f"{where} page subtitle", page.subTitle()


# --- telling UI text from record data -------------------------------------------------------------


def database_strings(path: Path) -> list[str]:
    """Every text value stored in the database, longest first (record data, reference lists)."""
    found: set[str] = set()
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                rows = conn.execute(f'SELECT DISTINCT "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\'')
                found.update(value for (value,) in rows if len(value) >= 2)
    found.update(short_club_name(name) for name in list(found))  # as narrow columns show them
    found.update(PROPER_NAMES)
    return sorted(found, key=len, reverse=True)


class Walk:
    """The texts seen so far, with record data removed, and what is wrong with them."""

    def __init__(self, data: list[str]) -> None:
        # only the values that could hide a problem: with a non-ASCII letter, or any for Vietnamese
        self.data = data
        self.data_words = {word for value in data for word in WORD.findall(value)}
        self.seen: dict[str, str] = {}

    def add(self, texts: Iterator[tuple[str, str]], context: str) -> None:
        for where, raw in texts:
            text = _clean(raw or "")
            if text and text not in self.seen:
                self.seen[text] = f"{context}: {where}"

    def without_data(self, text: str) -> str:
        text = PATH.sub(" ", text)  # file locations are data too
        if text.isascii():
            return text
        for value in self.data:
            if value in text:
                text = text.replace(value, " ")
        return text

    def vietnamese(self) -> list[str]:
        bad = []
        for text, where in self.seen.items():
            rest = self.without_data(text)
            if any(not ch.isascii() and VIETNAMESE.match(ch) for ch in rest):
                bad.append(f"{where}: {text!r}")
        return sorted(bad)

    def english(self) -> list[str]:
        bad = []
        for text, where in self.seen.items():
            words = [w for w in WORD.findall(PATH.sub(" ", text)) if w not in self.data_words]
            if words and all(w.isascii() for w in words) and any(w in ENGLISH_UI_WORDS for w in words):
                bad.append(f"{where}: {text!r}")
        return sorted(bad)


# --- the walk -------------------------------------------------------------------------------------


@pytest.fixture
def demo_database(database: Any) -> Any:
    generate_demo(database.engine, people=60, seed=3)
    return database


def _db_path(database: Any) -> Path:
    return Path(database.engine.url.database)


def _switch_language(qtbot: Any, window: MainWindow, code: str) -> None:
    pane = window.pane(SettingsPane)
    assert isinstance(pane, SettingsPane)
    with qtbot.waitSignal(pane.language_changed):
        pane.set_language(code)
    # Qt posts LanguageChange to every widget: deliver them now, as the event loop would
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def _walk_window(qtbot: Any, window: MainWindow, walk: Walk) -> None:
    menus = window.menuBar()
    walk.add(_action_texts(menus.actions(), "menu bar"), "menus")
    for index, pane in enumerate(window.panes):
        window.show_pane(index)
        drain_tasks(qtbot)
        tabs = [t for t in pane.findChildren(QTabWidget) if t.isVisible()] or [None]
        for tab_widget in tabs:
            for tab in range(tab_widget.count()) if tab_widget is not None else [None]:
                if tab_widget is not None and tab is not None:
                    tab_widget.setCurrentIndex(tab)
                    drain_tasks(qtbot)
                walk.add(widget_texts(window), f"pane {type(pane).__name__} tab {tab}")
    walk.add(iter([("about", window.about_text())]), "about box")


def _dialogs(db: Any) -> list[tuple[str, Callable[[QWidget], QDialog]]]:
    from xkld_desktop.ui.club_dialogs import ClubDialog
    from xkld_desktop.ui.hamlets_dialog import HamletsDialog
    from xkld_desktop.ui.household_dialogs import HouseholdDialog
    from xkld_desktop.ui.import_history import ImportHistoryDialog
    from xkld_desktop.ui.import_wizard import ImportWizard
    from xkld_desktop.ui.lifecycle_dialogs import DepartureDialog, ReturnDialog, ReviewDialog, ReviewManyDialog
    from xkld_desktop.ui.outreach_targets import OutreachSessionDialog, OutreachSessionsDialog, TargetsDialog
    from xkld_desktop.ui.person_form import PersonForm
    from xkld_desktop.ui.person_page import PersonPage
    from xkld_desktop.ui.unit_dialog import UnitDialog

    engine = db.engine
    with read_session(engine) as session:
        ids = list(session.scalars(select(Person.id).order_by(Person.id)))
    summaries = [person_summary(engine, pid) for pid in ids]
    abroad = next(s for s in summaries if s.open_departure is not None)
    home = next(s for s in summaries if s.open_departure is None)
    dialogs: list[tuple[str, Callable[[QWidget], QDialog]]] = [
        ("new person", lambda w: PersonForm(db, None, w)),
        ("edit person", lambda w: PersonForm(db, abroad.id, w)),
        ("person page (abroad)", lambda w: PersonPage(db, abroad.id, w)),
        ("person page (at home)", lambda w: PersonPage(db, home.id, w)),
        ("new household", lambda w: HouseholdDialog(engine, None, w)),
        ("new club", lambda w: ClubDialog(engine, None, w)),
        ("departure", lambda w: DepartureDialog(engine, home, w)),
        ("yearly review", lambda w: ReviewDialog(engine, abroad, w)),
        ("return", lambda w: ReturnDialog(engine, abroad, abroad.open_departure, w)),
        ("import wizard", lambda w: ImportWizard(engine, w)),
        ("import history", lambda w: ImportHistoryDialog(engine, w)),
        ("unit", lambda w: UnitDialog(engine, w)),
        ("targets", lambda w: TargetsDialog(engine, parent=w)),
        ("outreach sessions", lambda w: OutreachSessionsDialog(engine, parent=w)),
        ("outreach session", lambda w: OutreachSessionDialog(engine, parent=w)),
        ("hamlets", lambda w: HamletsDialog(engine, w)),
        ("review of several people", lambda w: ReviewManyDialog(engine, ids[:3], w)),
    ]
    return dialogs


def _walk_dialogs(qtbot: Any, window: MainWindow, walk: Walk) -> None:
    assert window.database is not None
    for name, make in _dialogs(window.database):
        dialog = make(window)
        dialog.setModal(False)
        dialog.show()
        qtbot.waitExposed(dialog)
        drain_tasks(qtbot)
        walk.add(widget_texts(dialog), f"dialog {name}")
        dialog.reject()
        dialog.deleteLater()
        drain_tasks(qtbot)


def test_the_english_ui_has_no_vietnamese_text(qtbot, demo_database, window: MainWindow) -> None:
    _switch_language(qtbot, window, "en")
    walk = Walk(database_strings(_db_path(demo_database)))
    _walk_window(qtbot, window, walk)
    _walk_dialogs(qtbot, window, walk)
    assert len(walk.seen) > 300, "the walk saw too little to mean anything"
    problems = walk.vietnamese()
    assert not problems, f"{len(problems)} Vietnamese texts in the English UI:\n" + "\n".join(problems)


def test_the_vietnamese_ui_has_no_english_ui_words(qtbot, demo_database, window: MainWindow) -> None:
    # there and back: the strings must also come back in Vietnamese without a restart
    _switch_language(qtbot, window, "en")
    _switch_language(qtbot, window, "vi")
    walk = Walk(database_strings(_db_path(demo_database)))
    _walk_window(qtbot, window, walk)
    _walk_dialogs(qtbot, window, walk)
    assert len(walk.seen) > 300, "the walk saw too little to mean anything"
    problems = walk.english()
    assert not problems, f"{len(problems)} English texts in the Vietnamese UI:\n" + "\n".join(problems)


# --- static halves: every source string is English, every enum has an English label ------------


def _vietnamese_letters(text: str) -> list[str]:
    return [ch for ch in text.replace("XKLĐ", "") if not ch.isascii() and VIETNAMESE.match(ch)]


def test_every_ui_source_string_is_english() -> None:
    """English is the source language of tr(): a Vietnamese letter there would show in the English UI."""
    ts = Path(__file__).resolve().parents[2] / "resources" / "translations" / "xkld_vi.ts"
    sources = [m.findtext("source") or "" for m in ET.parse(ts).getroot().iter("message")]
    assert len(sources) > 500
    assert [s for s in sources if _vietnamese_letters(s)] == []


def test_every_enum_label_has_an_english_version() -> None:
    def subclasses(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    enums = list(subclasses(LabeledEnum))
    assert len(enums) > 10
    missing = [
        f"{cls.__name__}.{member.name}: {member.en!r}"
        for cls in enums
        for member in cls  # type: ignore[attr-defined]
        if _vietnamese_letters(member.en) or (member.en == member.value and member.vi != member.value)
    ]
    assert missing == []
