"""A second copy of the program for the lock tests: a real main window holding a database until stdin closes.

``python -m tests.robust.hold_window DB_URL SETTINGS_DIR`` opens the window offscreen, opens the
database as the program does (taking its lock file), prints ``HELD`` (or ``REFUSED`` when the
lock was taken already, with what the message box said) and waits for its standard input to
close; then it closes the window (releasing the lock) and exits. Modal questions are answered
"No" so nothing blocks.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def main(argv: list[str]) -> int:
    url, settings_dir = argv[0], argv[1]
    app = QApplication([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    from xkld_desktop.ui.main_window import MainWindow

    said: list[str] = []

    def box(_parent: object, title: str, text: str, *_a: object, **_k: object) -> QMessageBox.StandardButton:
        said.append(f"{title}: {text}")
        return QMessageBox.StandardButton.No

    for kind in ("critical", "warning", "information", "question"):
        setattr(QMessageBox, kind, box)
    MainWindow.ask_own_unit = lambda self: None  # type: ignore[method-assign]
    MainWindow.ask_load_demo = lambda self: False  # type: ignore[method-assign]
    if hasattr(MainWindow, "ask_first_admin"):
        MainWindow.ask_first_admin = lambda self: None  # type: ignore[method-assign]
    window = MainWindow()
    window.show()

    def report() -> None:
        if window.database is not None:
            print("HELD", flush=True)
        elif said:
            print("REFUSED " + " | ".join(said).replace("\n", " "), flush=True)
        else:
            QTimer.singleShot(50, report)
            return

    window.open_database_url(url)
    QTimer.singleShot(50, report)
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def stdin_ready() -> None:
        if not sys.stdin.readline():  # closed: the test is done with us
            notifier.setEnabled(False)
            window.close()
            if window.database is not None:
                window.database.close()
            app.quit()

    notifier.activated.connect(stdin_ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


class Holder:
    """The test's handle on a :mod:`hold_window` process."""

    def __init__(self, url: str, settings_dir: str) -> None:
        import subprocess
        from pathlib import Path

        root = Path(__file__).resolve().parents[2]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.robust.hold_window", url, settings_dir],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert self.proc.stdout is not None
        self.first_line = self.proc.stdout.readline().strip()  # HELD or REFUSED …

    @property
    def pid(self) -> int:
        return self.proc.pid

    def close(self) -> None:
        """Close the window (the lock is released) and wait for the process to end."""
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=60)
        self._close_pipes()

    def kill(self) -> None:
        """SIGKILL: the lock file stays behind, naming a process that no longer runs."""
        self.proc.kill()
        self.proc.wait(timeout=60)
        self._close_pipes()

    def _close_pipes(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None and not stream.closed:
                stream.close()
