"""The window appears before the heavy imports: building it must not load the database stack."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from xkld_desktop.ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
heavy = [m for m in ("sqlalchemy", "sqlmodel", "alembic", "openpyxl", "reportlab", "python_calamine", "xlsxwriter")
         if m in sys.modules]
print(",".join(heavy))
"""


def test_building_and_showing_the_main_window_imports_no_database_or_document_library(tmp_path) -> None:
    env = {**__import__("os").environ, "XKLD_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


CLI_SCRIPT = """
import sys
import xkld_desktop.cli as cli
seen = []

def window(args):  # stands in for cmd_gui: what is loaded when the window would be built
    seen.append(",".join(m for m in ("sqlalchemy", "sqlmodel", "alembic") if m in sys.modules))
    return 0

cli.COMMANDS[None] = window
code = cli.main([])
print(code, repr(seen[0]), ",".join(m for m in ("sqlalchemy", "sqlmodel") if m in sys.modules))
"""


def test_xkld_desktop_without_a_command_reaches_the_window_without_the_database_stack(tmp_path) -> None:
    """The command line's login step (for ``--user``) must not load SQLAlchemy for the window, which
    logs in by itself: that import cost ≈ 0.5 s before the window, and again on closing."""
    env = {**__import__("os").environ, "XKLD_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", CLI_SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "''"]


COMMAND_MODULES_SCRIPT = """
import sys
import xkld_desktop.cli as cli
names = ("cli_import", "cli_reports", "cli_trust", "cli_server", "cli_users")
cli.COMMANDS[None] = lambda args: print(",".join(n for n in names if "xkld_desktop." + n in sys.modules)) or 0
cli.main(sys.argv[1:])
"""


@pytest.mark.parametrize("argv", [[], ["--db", "sqlite:///xa.db"]])
def test_a_window_start_loads_none_of_the_command_modules(tmp_path, argv: list[str]) -> None:
    """The import, report, backup, server and user commands live in modules of their own, loaded
    when one of them runs: a window's start runs none of them (9–16 ms before the window)."""
    env = {**__import__("os").environ, "XKLD_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", COMMAND_MODULES_SCRIPT, *argv], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_quicker_pyside_import_check_answers_as_pysides_own() -> None:
    """Our replacement of PySide6's per-import source check gives its answers, module by module."""
    import importlib
    import json
    import sqlite3

    import xkld_desktop.ui as ui

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        pytest.skip("this PySide6 has no per-import source check to replace (the program does without)")
    quicker = feature._mod_uses_pyside
    assert getattr(quicker, "xkld_quicker", False), "the check was not replaced on import of xkld_desktop.ui"
    assert ui.quicker_pyside_import_check() is False  # once only
    original = quicker.original
    modules = [
        importlib.import_module(name)
        for name in (
            "xkld_desktop.ui.main_window",  # uses PySide6
            "xkld_desktop.ui.tasks",
            "xkld_desktop.ui.panes.overview",
            "xkld_desktop.domain.enums",  # does not
            "xkld_desktop.store.urls",
            "sqlalchemy.engine.base",
        )
    ] + [json, sqlite3, sys]  # a package, a module with an extension beneath, a built-in
    answers = {m.__name__: (quicker(m), original(m)) for m in modules}
    assert all(mine == theirs for mine, theirs in answers.values()), answers
    assert answers["xkld_desktop.ui.main_window"] == (True, True)
    assert answers["xkld_desktop.domain.enums"] == (False, False)


FIRST_FRAME_SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import PySide6.QtCore as QtCore
from PySide6.QtWidgets import QApplication
app = QApplication([])
from xkld_desktop.ui.main_window import MainWindow, after_first_paint
window = MainWindow()
window.show()
seen = {}
after_first_paint(window, lambda: (seen.setdefault("first paint", "Qt" in QtCore.__dict__), app.exit(0)))
app.exec()
print(seen["first paint"])
"""


def test_the_first_frame_is_painted_before_qts_namespace_is_built(tmp_path) -> None:
    """``QtCore.Qt`` builds ≈ 90 Python enums when first touched (≈ 15 ms): the window's first frame
    (its frame and the "opening" line) is painted without it; the overview and the shortcuts after."""
    env = {**__import__("os").environ, "XKLD_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]


def test_the_shortcuts_work_once_the_first_frame_is_painted(qtbot, settings) -> None:
    from PySide6.QtCore import Qt

    from xkld_desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.pane_actions[1].shortcut().isEmpty()  # not before the first paint
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.is_built(0))
    assert window.pane_actions[1].shortcut().toString() == "Ctrl+2"
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.header.text() == "Người lao động"
    assert type(window.current_pane()).__name__ == "PeoplePane"


def test_a_pane_chosen_before_the_first_paint_gets_the_shortcuts_too(qtbot, settings) -> None:
    from xkld_desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show_pane(2)  # a click on the sidebar before the window painted
    assert window.header.text() == "Hộ gia đình & CLB"
    assert [p.pane_id for p in window.built_panes()] == ["households"]
    assert window.pane_actions[0].shortcut().toString() == "Ctrl+1"
    window.build_first_pane()  # the timer after the first paint: nothing more to build
    assert [p.pane_id for p in window.built_panes()] == ["households"]
    assert window.stack.count() == 1


def test_the_command_line_loads_none_of_the_programs_rules_before_its_command_runs() -> None:
    # xkld-desktop opens the window through cli.main: what its modules import comes before the
    # window (domain.validation there cost 29 ms of a 110 ms start); commands import what they use
    script = (
        "import sys, xkld_desktop.cli\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('xkld_desktop.') and '.cli' not in m)))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["xkld_desktop.domain", "xkld_desktop.domain.numbers"]


FIRST_FIGURES_SCRIPT = """
import sys
from xkld_desktop.services.auth import login_enabled
from xkld_desktop.services.database import open_database
from xkld_desktop.services.overview import overview_counts
from xkld_desktop.services.settings import get_own_unit
from xkld_desktop.domain.models import Person

db = open_database(sys.argv[1])
login_enabled(db.engine), get_own_unit(db.engine), overview_counts(db.engine)  # what the window reads first
db.close()
print("argon2" in sys.modules, type(Person.__pydantic_validator__).__name__)
"""


def test_the_way_to_the_first_figures_builds_no_validator_and_loads_no_password_hasher(tmp_path) -> None:
    """What the database thread does before the overview's counts (the window's open_it, then the
    counts): neither argon2 (only a login needs it) nor pydantic's validators of the table models
    (never validated) are built on the way — together ≈ 0.1 s of the start on the benchmark machine."""
    env = {**__import__("os").environ, "XKLD_DATA_DIR": str(tmp_path)}
    url = f"sqlite:///{tmp_path / 'xkld.db'}"
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FIGURES_SCRIPT, url], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "MockValSer"]


FIRST_LOOK_SCRIPT = """
import sys
from xkld_desktop.services.overview import first_look_counts

counts = first_look_counts(sys.argv[1])
print(counts.people, counts.households, ",".join(m for m in ("sqlalchemy", "sqlmodel", "alembic") if m in sys.modules))
"""


def test_the_first_look_counts_without_loading_the_database_stack(tmp_path) -> None:
    """The window shows the first look's figures while the database thread loads SQLAlchemy and the
    models: the first look itself must load neither (they are most of a second on a slow PC)."""
    from xkld_desktop.services.database import open_database
    from xkld_desktop.services.demo import generate_demo
    from xkld_desktop.services.overview import overview_counts

    url = f"sqlite:///{(tmp_path / 'xkld.db').as_posix()}"
    db = open_database(url)
    generate_demo(db.engine, people=30)
    expected = overview_counts(db.engine)
    db.close()
    done = subprocess.run([sys.executable, "-c", FIRST_LOOK_SCRIPT, url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(expected.people), str(expected.households)]
