"""What the administrator's File-menu dialogs share: a window-bound action shown by role, local times.

:class:`WindowAction` is a ``QAction`` owned by the main window that shows itself only when the
user of the window's database has a permission (``services.access``), follows the window's
database and language, and opens its dialog through :meth:`open` (subclasses). The services
refuse anyway; the action only avoids offering what would be refused.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction


def local_time(moment: datetime) -> str:
    """A stored UTC time shown in the officer's local time: dd/mm/yyyy hh:mm."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def may(engine: Any, permission: str) -> bool:
    """Whether the user of *engine* has *permission* (a ``Permission`` value); False without a database."""
    if engine is None:
        return False
    from ..services.access import Permission, can

    try:
        return can(engine, Permission(permission))
    except Exception:  # an unreadable database: the action is hidden, the error shows elsewhere
        return False


class WindowAction(QAction):
    """A File-menu action of *window*, visible only when the window's user has :attr:`permission`."""

    #: the ``services.access.Permission`` value the action needs
    permission = ""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main_window = window
        self.triggered.connect(self.open)
        window.installEventFilter(self)  # QAction gets no LanguageChange of its own
        signal = getattr(window, "database_changed", None)
        if signal is not None:
            signal.connect(self._database_changed)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        raise NotImplementedError

    def open(self) -> Any:
        raise NotImplementedError

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def _database_changed(self, db: Any) -> None:
        self.setVisible(may(getattr(db, "engine", None), self.permission))
