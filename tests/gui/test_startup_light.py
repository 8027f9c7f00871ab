"""The window appears before the heavy imports: building it must not load the database stack."""

from __future__ import annotations

import subprocess
import sys

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
