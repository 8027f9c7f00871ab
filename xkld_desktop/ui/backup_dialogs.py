"""Sao lưu ngay / Khôi phục… — back up to a folder of the user's choice, restore from a backup file.

Reached from File ▸ Back up now… / Restore from a backup… and from the Settings pane. All the work
runs in the background (:func:`~xkld_desktop.ui.tasks.run_task`) with a progress dialog; the
services (:mod:`xkld_desktop.services.backup`) are imported on first use, never at start-up.

:class:`BackupController` holds the flows; ``ask_folder``, ``ask_backup_file`` and ``confirm``
are the modal questions (tests patch them). :func:`check_integrity` is the start-up check: a
damaged database file is reported and the newest good automatic backup offered.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from .tasks import check_pool, run_task, show_progress, user_message
from .widgets import ask_yes_no

log = logging.getLogger(__name__)


class BackupController(QObject):
    """The backup and restore flows of one main window.

    Signals: ``backed_up(path)`` after a backup was written (by Back up now, or the automatic copy
    of the day), ``restored(url)`` after a restore
    (the window then reopens the database at ``url``).
    """

    backed_up = Signal(object)
    restored = Signal(str)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.progress: QProgressDialog | None = None
        self.last_folder: str = ""
        self.offered: set[str] = set()  # damaged files a backup was offered for (once per session)

    # -- questions (patched by tests) -------------------------------------------------------

    def ask_folder(self) -> str:
        """The folder (a USB drive …) to back up into; empty when cancelled."""
        return QFileDialog.getExistingDirectory(
            self.window, self.tr("Choose where to save the backup"), self.last_folder or str(Path.home())
        )

    def ask_backup_file(self) -> str:
        """The backup file to restore; empty when cancelled."""
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Choose the backup to restore"),
            self.last_folder or self._automatic_folder(),
            self.tr("XKLĐ backups (*.db *.sqlite *.sqlite3);;All files (*)"),
        )
        return path

    @staticmethod
    def _automatic_folder() -> str:
        """Where the restore starts looking: the automatic backups' folder, else the home folder."""
        from ..services.backup import backup_folder

        folder = backup_folder()
        return str(folder if folder.is_dir() else Path.home())

    def confirm(self, title: str, text: str) -> bool:
        return ask_yes_no(self.window, title, text)

    # -- helpers ----------------------------------------------------------------------------

    def _parent(self) -> QWidget:
        return self.window if isinstance(self.window, QWidget) else None  # type: ignore[return-value]

    def _show_progress(self, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, "", 0, 0, self._parent())
        dialog.setCancelButton(None)
        dialog.setWindowTitle(self.tr("Backup"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.show()
        self.progress = dialog
        return dialog

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None and total:  # until then the dialog shows it is busy
            show_progress(self.progress, done, total)

    def _failed(self, title: str) -> Any:
        def failed(error: BaseException) -> None:
            self._close_progress()
            message = user_message(error)
            if message is None and isinstance(error, OSError):
                message = self.tr("The file could not be written or read: {reason}").format(
                    reason=error.strerror or str(error)
                )
            if message is None:
                sys.excepthook(type(error), error, error.__traceback__)
                return
            QMessageBox.warning(self._parent(), title, message)

        return failed

    # -- Sao lưu ngay -------------------------------------------------------------------------

    def backup_now(self) -> None:
        """Ask for a folder, copy the database there in the background, say where it went."""
        db = self.window.database
        if db is None:
            return
        if db.path is None and db.engine.dialect.name != "postgresql":  # a server: its logical export (issue 7)
            QMessageBox.information(
                self._parent(),
                self.tr("Back up now"),
                self.tr("Only a database file can be backed up here; a server database is backed up on the server."),
            )
            return
        folder = self.ask_folder()
        if not folder:
            return
        self.last_folder = folder
        engine = db.engine

        def work(progress: Any) -> Any:
            from ..services.backup import backup_info, backup_now

            path = backup_now(engine, folder=Path(folder), progress=progress)
            return backup_info(path)

        def done(info: Any) -> None:
            self._close_progress()
            QMessageBox.information(
                self._parent(),
                self.tr("Back up now"),
                self.tr("The backup was saved:\n{path}\n\nIt holds {counts}.").format(
                    path=str(info.path), counts=info.counts_text
                ),
            )
            self.backed_up.emit(info.path)

        self._show_progress(self.tr("Backing up the database…"))
        run_task(
            work,
            context=self,
            with_progress=True,
            on_progress=self._progressed,
            on_success=done,
            on_error=self._failed(self.tr("Back up now")),
        )

    def daily_backup_failed(self, why: str) -> None:
        """The automatic backup of the day could not be made (a full disk …): said once, the records stay open."""
        QMessageBox.warning(
            self._parent(),
            self.tr("No automatic backup today"),
            self.tr(
                "Today's automatic backup of the database could not be made:\n{why}\n\n"
                "The records are open and can be worked on as usual, but the newest automatic backup is an "
                "older one. Free some space on the disk, or back up now to a USB drive (Settings, "
                "Back up now…)."
            ).format(why=why),
        )

    # -- Khôi phục… ---------------------------------------------------------------------------

    def restore(self, path: str | None = None) -> None:
        """Choose a backup (or use *path*), show its date and counts, restore after confirmation."""
        db = self.window.database
        if db is not None and db.path is None:  # a server database (issue 7): explained, not done here
            QMessageBox.information(
                self._parent(),
                self.tr("Restore from a backup"),
                self.tr(
                    "A server database is not replaced from this PC. Ask the server's administrator: "
                    "a new empty database on the server, then copy the backup into it "
                    "(xkld-desktop --db sqlite:///BACKUP.db copy-to SERVER_URL), or pg_restore."
                ),
            )
            return
        if db is None or db.path is None:
            return
        path = path or self.ask_backup_file()
        if not path:
            return
        self.last_folder = str(Path(path).parent)

        def read_info() -> Any:
            from ..services.backup import backup_info

            return backup_info(path)

        run_task(
            read_info,
            context=self,
            on_success=lambda info: self._confirm_restore(db, info),
            on_error=self._failed(self.tr("Restore from a backup")),
        )

    def _confirm_restore(self, db: Any, info: Any) -> None:
        text = self.tr(
            "Restore the backup of {date}?\n\nIt holds {counts}.\n\n"
            "All the data now in the program will be replaced by it. "
            "The current data is backed up first."
        ).format(date=info.taken_text, counts=info.counts_text)
        if not self.confirm(self.tr("Restore from a backup"), text):
            return
        self.start_restore(db, info.path)

    def start_restore(self, db: Any, path: Path) -> None:
        """Close *db* in the window, restore *path* into it in the background, then reopen it."""
        url = db.url
        self.window.set_database(None)

        def work() -> Any:
            from ..services.backup import restore

            result = restore(db.engine, path)
            db.close()
            return result

        def done(result: Any) -> None:
            self._close_progress()
            lines = [
                self.tr("The backup of {date} was restored ({counts}).").format(
                    date=result.restored.taken_text, counts=result.restored.counts_text
                )
            ]
            if result.safety_backup is not None:
                lines.append(
                    self.tr("The data as it was before is kept in:\n{path}").format(path=str(result.safety_backup))
                )
            if result.damaged_kept is not None:
                lines.append(
                    self.tr("The damaged database file is kept in:\n{path}").format(path=str(result.damaged_kept))
                )
            self.window.open_database_url(result.url)
            QMessageBox.information(self._parent(), self.tr("Restore from a backup"), "\n\n".join(lines))
            self.restored.emit(result.url)

        def failed(error: BaseException) -> None:
            self._failed(self.tr("Restore from a backup"))(error)
            self.window.open_database_url(url)  # the database as it was: restore checks before it writes

        self._show_progress(self.tr("Restoring the backup…"))
        run_task(work, context=self, on_success=done, on_error=failed)


def controller_of(window: Any) -> BackupController:
    """The window's :class:`BackupController` (made on first use)."""
    controller = getattr(window, "_backup_controller", None)
    if controller is None:
        controller = BackupController(window)
        window._backup_controller = controller
    return controller


def check_integrity(window: Any, db: Any) -> None:
    """Start-up work on *db* in the background: what opening left for later (the backup of the day,
    the bin's purge: :func:`~xkld_desktop.services.database.daily_upkeep`), then the check of the
    file; a damaged file is reported and a good backup offered."""
    if db is None:
        return

    def work() -> Any:
        from ..services.backup import integrity_check, newest_good_backup
        from ..services.database import daily_upkeep

        daily_upkeep(db)  # first: the copy of the day, as near to the opening as can be
        failed = db.daily_backup_failed
        if db.path is None:
            return failed, None
        result = integrity_check(db.engine)
        if result.ok:
            return failed, None
        return failed, (result.message, newest_good_backup(db.path))

    def done(found: Any) -> None:
        failed, damaged = found
        controller = controller_of(window)
        if failed:
            controller.daily_backup_failed(failed)
        elif db.daily_backup is not None:
            controller.backed_up.emit(db.daily_backup)  # Settings shows it as the newest automatic copy
        if damaged is None:
            return
        message, good = damaged
        log.warning("Damaged database %s: %s", db.path, message)
        title = controller.tr("The database file is damaged")
        if good is None or str(db.path) in controller.offered:
            QMessageBox.critical(
                controller._parent(),
                title,
                message + "\n\n" + controller.tr("No good backup can be offered. Do not add records; ask for help."),
            )
            return
        text = (
            message
            + "\n\n"
            + controller.tr("Restore the newest good backup, of {date} ({counts})?").format(
                date=good.taken_text, counts=good.counts_text
            )
        )
        controller.offered.add(str(db.path))
        if controller.confirm(title, text) and window.database is db:
            controller.start_restore(db, good.path)

    # on a thread of its own: reading a big file takes a while, and the panes' reads must not wait for it
    run_task(
        work,
        context=window,
        on_success=done,
        on_error=lambda error: log.warning("Integrity check: %s", error),
        pool=check_pool(),
    )
