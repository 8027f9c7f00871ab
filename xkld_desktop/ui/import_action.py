"""File ▸ Import from Excel… — a light action; the wizard (and the services) load on first use."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction


class ImportAction(QAction):
    """File ▸ Import from Excel…: opens the wizard on *window*'s database; retranslates itself."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main_window = window
        self.triggered.connect(self._open)
        window.installEventFilter(self)  # QAction gets no LanguageChange of its own: watch the window's
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("&Import from Excel…"))
        self.setStatusTip(self.tr("Bring in the lists kept in Excel, or merge several communes' files"))

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def _open(self) -> None:
        from .import_wizard import open_import_wizard  # heavy: keep it off the start-up path

        open_import_wizard(self.main_window)


class ImportHistoryAction(QAction):
    """File ▸ Import history…: the past imports, each of which can be undone; loads on first use."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main_window = window
        self.triggered.connect(self._open)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Import &history…"))
        self.setStatusTip(self.tr("See past imports from Excel and undo one as a whole"))

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def _open(self) -> None:
        from .import_history import open_import_history  # heavy: keep it off the start-up path

        open_import_history(self.main_window)
