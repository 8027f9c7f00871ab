"""Máy chủ cơ sở dữ liệu — the shared office server (PostgreSQL) in Settings.

:class:`ServerDialog` takes a URL (``postgresql+psycopg://can_bo@may-chu/xkld``) and a password,
tests the connection, copies the open database into the (empty) server database, and remembers
the server for the next start. The password is never written to the settings: only the URL
without it is kept (QSettings ``database/server_url``), and :func:`startup_url` asks for the
password when the program starts (an empty answer lets PostgreSQL use ``PGPASSWORD`` or the
user's ``.pgpass``). ``--db`` and ``XKLD_DB_URL`` still come first.

The database work runs through :func:`~xkld_desktop.ui.tasks.run_task`; the services are
:func:`~xkld_desktop.services.copy_db.check_connection` and ``copy_database``.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .i18n import format_count, format_decimal
from .tasks import run_task, user_message

SERVER_URL_KEY = "database/server_url"
PLACEHOLDER = "postgresql+psycopg://can_bo@may-chu/xkld"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ServerDialog", text)


def saved_server_url(settings: QSettings) -> str | None:
    """The server chosen in Settings (a URL without password), or ``None``."""
    value = settings.value(SERVER_URL_KEY)
    return str(value) if value else None


def startup_url(settings: QSettings, parent: QWidget | None = None, *, ask: Any = None) -> str | None:
    """The URL to open at start from the saved server, its password asked for now; ``None`` = the default.

    *ask* (for tests) replaces the password question: ``ask(location) -> str | None``.
    """
    from .. import config

    saved = saved_server_url(settings)
    if not saved or os.environ.get(config.DB_URL_ENV):
        return None
    try:
        from ..services.copy_db import has_password

        if has_password(saved) or not saved.startswith("postgresql"):
            return saved
    except Exception:  # a damaged setting: start on the file of this PC
        return None
    from ..services.copy_db import display_url, with_password

    ask = ask or (lambda location: _ask_password(parent, location))
    password = ask(display_url(saved))
    if password is None:  # cancelled: this PC's own file
        return None
    return with_password(saved, password)


def _ask_password(parent: QWidget | None, location: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        _tr("Database server"),
        _tr("Password for {location}:").format(location=location),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


class ServerDialog(QDialog):
    """The server's URL and password; Test connection, Copy this database there, Use from next start.

    ``source`` is the database open now (``None``: nothing to copy). Results are shown in
    ``status_label``; the confirmation before copying goes through :meth:`ask` (patched in tests).
    """

    def __init__(self, source: Any, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.settings = settings
        self.setWindowTitle(self.tr("Database server"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.hint = QLabel(
            self.tr(
                "Several officers can work on one PostgreSQL database on the office network. "
                "Ask the server's administrator for its address (URL) and your password. "
                "The password is never saved: the program asks for it when it starts."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        form = QFormLayout()
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText(PLACEHOLDER)
        self.url_edit.setText(saved_server_url(settings) or "")
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Server &address (URL):"), self.url_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(self.tr("&Test connection"), self)
        self.copy_button = QPushButton(self.tr("&Copy this database to the server…"), self)
        self.use_button = QPushButton(self.tr("&Use this server from the next start"), self)
        self.local_button = QPushButton(self.tr("Use the &file on this PC again"), self)
        for button in (self.test_button, self.copy_button, self.use_button, self.local_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.test_button.clicked.connect(self.test_connection)
        self.copy_button.clicked.connect(self.copy_here)
        self.use_button.clicked.connect(self.use_server)
        self.local_button.clicked.connect(self.use_local_file)
        self.copy_button.setEnabled(source is not None)
        self.local_button.setEnabled(saved_server_url(settings) is not None)
        self._busy = False

    # -- helpers ---------------------------------------------------------------------------

    def url(self) -> str | None:
        """The typed URL with the typed password (in memory only); ``None`` and a message when empty."""
        from ..services.copy_db import with_password

        text = self.url_edit.text().strip()
        if not text:
            self.status_label.setText(
                self.tr("Type the server's address first, e.g. {example}").format(example=PLACEHOLDER)
            )
            return None
        try:
            return with_password(text, self.password_edit.text() or None)
        except Exception:
            self.status_label.setText(self.tr("This is not a database address: {url}").format(url=text))
            return None

    def ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Database server"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.test_button, self.copy_button, self.use_button):
            button.setEnabled(not busy and (button is not self.copy_button or self.source is not None))
        self.progress.setVisible(busy)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        message = user_message(error)
        if message is None:  # a bug: the crash dialog
            import sys

            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.status_label.setText(message)

    # -- actions ---------------------------------------------------------------------------

    def test_connection(self) -> None:
        url = self.url()
        if url is None:
            return

        def work() -> Any:
            from ..services.copy_db import check_connection

            return check_connection(url)

        def done(info: Any) -> None:
            self._set_busy(False)
            self.status_label.setText(info.summary)

        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.status_label.setText(self.tr("Connecting…"))
        run_task(work, context=self, on_success=done, on_error=self._failed)

    def copy_here(self) -> None:
        url = self.url()
        if url is None or self.source is None:
            return
        from ..services.copy_db import display_url

        question = self.tr(
            "Copy every record and its history from {source} into {target}?\n\n"
            "The server database must be empty; the records here are not changed."
        ).format(source=self.source.display_location, target=display_url(url))
        if not self.ask(question):
            return
        engine = self.source.engine
        from ..services.copy_db import tables

        order = [table.name for table in tables()]

        def work(progress: Any) -> Any:
            from ..services.copy_db import copy_database

            return copy_database(engine, url, progress=progress)

        def step(table: str, done: int, total: int) -> None:
            self.progress.setValue(order.index(table) + (1 if done >= total else 0))

        def done(result: Any) -> None:
            self._set_busy(False)
            self.status_label.setText(
                self.tr("Copied {rows} rows in {seconds} s; the counts on both sides agree.").format(
                    rows=format_count(result.total), seconds=format_decimal(result.seconds)
                )
            )

        self._set_busy(True)
        self.progress.setRange(0, len(order))
        self.progress.setValue(0)
        self.status_label.setText(self.tr("Copying…"))
        run_task(work, context=self, with_progress=True, on_progress=step, on_success=done, on_error=self._failed)

    def use_server(self) -> None:
        """Remember the URL (never the password) for the next start."""
        url = self.url()
        if url is None:
            return
        from ..services.copy_db import without_password

        self.settings.setValue(SERVER_URL_KEY, without_password(url))
        self.local_button.setEnabled(True)
        self.status_label.setText(
            self.tr(
                "From the next start the program opens this server; it will ask for the password then. "
                "The password was not saved."
            )
        )

    def use_local_file(self) -> None:
        self.settings.remove(SERVER_URL_KEY)
        self.local_button.setEnabled(False)
        self.status_label.setText(self.tr("From the next start the program opens the database file on this PC."))
