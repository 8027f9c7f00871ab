"""The common base of the main window's pages."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ...services.database import Database


class DatabaseState(Enum):
    """Where the pane's database is: being opened, open, or not available."""

    OPENING = "opening"
    OPEN = "open"
    UNAVAILABLE = "unavailable"


class Pane(QWidget):
    """A page of the main window: a title, the database it shows, and a message line.

    Subclasses put their widgets in ``self.body`` (a QVBoxLayout under the message), override
    :meth:`title`, :meth:`retranslate_ui` (called on ``QEvent.LanguageChange``) and
    :meth:`refresh` (called when the database changes or its data did).

    The message line tells the user, in plain words, why the pane shows nothing yet: the database
    is being opened or could not be opened. :meth:`set_message` shows another sentence there.
    """

    # stable identifier, stored in QSettings to reopen the same pane next time
    pane_id = "pane"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database: Database | None = None
        self._state = DatabaseState.OPENING
        self._extra_message = ""
        self._upgrading = False  # see show_upgrading()
        self.message_label = QLabel(self)
        self.message_label.setObjectName("paneMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setMaximumWidth(720)
        self.message_label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        outer.addWidget(self.message_label)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        outer.addLayout(self.body, 1)
        self._update_message()

    # -- what subclasses provide ------------------------------------------------------------

    def title(self) -> str:
        """The pane's name, translated (sidebar, header, View menu)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Show the current database's data again (default: nothing to show)."""

    def retranslate_ui(self) -> None:
        """Re-read every visible string after the language changed."""
        self._update_message()

    # -- database ---------------------------------------------------------------------------

    @property
    def database(self) -> Database | None:
        return self._database

    @property
    def database_state(self) -> DatabaseState:
        return self._state

    def set_database(self, db: Database | None, *, opening: bool = False) -> None:
        """Show *db*; ``None`` means no database is available (or one is being opened)."""
        self._database = db
        if db is not None:
            self._state = DatabaseState.OPEN
        else:
            self._state = DatabaseState.OPENING if opening else DatabaseState.UNAVAILABLE
        self._update_message()
        self.refresh()

    # -- message line -----------------------------------------------------------------------

    def set_message(self, text: str) -> None:
        """Show *text* (already translated) on the message line; ``""`` hides it."""
        self._extra_message = text
        self._update_message()

    def message(self) -> str:
        return self.message_label.text()

    def show_upgrading(self, upgrading: bool) -> None:
        """While opening: say the database is being upgraded for this version (it can take a minute)."""
        self._upgrading = upgrading
        self._update_message()

    def _update_message(self) -> None:
        if self._state is DatabaseState.OPENING and self._upgrading:
            text = self.tr(
                "Upgrading the database for this version of the program, after making a backup copy of it. "
                "On a large database this can take a minute…"
            )
        elif self._state is DatabaseState.OPENING:
            text = self.tr("Opening the database…")
        elif self._state is DatabaseState.UNAVAILABLE:
            text = self.tr("The database could not be opened. Use File › Open another database… to choose one.")
        else:
            text = self._extra_message
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class FollowingPane(Pane):
    """A pane that shows records other panes write: the window calls :meth:`mark_stale` when records
    changed elsewhere, and the pane reads them again (its :meth:`refresh`) at once if shown, else when
    next shown — not after every save made while another pane is shown (the overview's figures take
    seconds on a province's database)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = False  # records changed elsewhere since this pane read them

    def mark_stale(self) -> None:
        if self.database is None:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()


class PlannedPane(Pane):
    """A pane a later version fills: it says honestly what will be there, and nothing else."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.planned_label = QLabel(self)
        self.planned_label.setObjectName("plannedText")
        self.planned_label.setWordWrap(True)
        self.planned_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
        self.planned_label.setMaximumWidth(720)  # a readable line length
        self.body.addWidget(self.planned_label)
        self.body.addStretch(1)
        self.planned_label.setText(self.planned_text())

    def planned_text(self) -> str:
        """The translated sentence "This part comes in a later version: …"."""
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.planned_label.setText(self.planned_text())
