"""Cài đặt — settings: the database in use, the UI language, the issuing unit's name."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPushButton, QSizePolicy, QWidget

from ..i18n import LANGUAGES, current_language, install_language
from ..preferences import LANGUAGE_KEY
from .base import Pane


class SettingsPane(Pane):
    """Cài đặt — shows where the database is and its schema revision; chooses the language.

    The language (QSettings ``ui/language``) applies at once, without a restart. The unit that
    keeps the database and its issuing name live in the database (they travel with the data).
    Emits ``language_changed(code)`` and ``unit_changed()``.
    """

    pane_id = "settings"
    language_changed = Signal(str)
    unit_changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings

        self.database_box = QGroupBox(self)
        database_form = QFormLayout(self.database_box)
        self.location_caption = QLabel(self.database_box)
        self.location_value = QLabel(self.database_box)
        self.location_value.setWordWrap(True)
        self.location_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revision_caption = QLabel(self.database_box)
        self.revision_value = QLabel(self.database_box)
        self.revision_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        database_form.addRow(self.location_caption, self.location_value)
        database_form.addRow(self.revision_caption, self.revision_value)
        self.body.addWidget(self.database_box)

        self.interface_box = QGroupBox(self)
        interface_form = QFormLayout(self.interface_box)
        self.language_caption = QLabel(self.interface_box)
        self.language_combo = QComboBox(self.interface_box)
        self.language_combo.setMinimumWidth(200)
        self.language_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for code, name in LANGUAGES:  # each language in its own name: never translated
            self.language_combo.addItem(name, code)
        self.language_caption.setBuddy(self.language_combo)
        interface_form.addRow(self.language_caption, self.language_combo)
        self.body.addWidget(self.interface_box)

        self.unit_box = QGroupBox(self)
        unit_form = QFormLayout(self.unit_box)
        self.unit_caption = QLabel(self.unit_box)
        self.unit_value = QLabel(self.unit_box)
        self.unit_value.setWordWrap(True)
        self.unit_name_caption = QLabel(self.unit_box)
        self.unit_name_value = QLabel(self.unit_box)
        self.unit_name_value.setWordWrap(True)
        self.change_unit_button = QPushButton(self.unit_box)
        self.change_unit_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.change_unit_button.clicked.connect(self.change_unit)
        self.unit_hint = QLabel(self.unit_box)
        self.unit_hint.setObjectName("hint")
        self.unit_hint.setWordWrap(True)
        unit_form.addRow(self.unit_caption, self.unit_value)
        unit_form.addRow(self.unit_name_caption, self.unit_name_value)
        unit_form.addRow("", self.change_unit_button)
        unit_form.addRow("", self.unit_hint)
        self.targets_button = QPushButton(self.unit_box)  # Chỉ tiêu: the yearly targets per commune
        self.targets_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.targets_button.clicked.connect(self.open_targets)
        unit_form.addRow("", self.targets_button)
        self.body.addWidget(self.unit_box)

        self.backup_box = QGroupBox(self)  # Sao lưu (issue 6): back up now, restore
        backup_form = QFormLayout(self.backup_box)
        self.backup_button = QPushButton(self.backup_box)
        self.backup_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.backup_box)
        self.restore_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.restore_button.clicked.connect(self.restore_backup)
        self.backup_hint = QLabel(self.backup_box)
        self.backup_hint.setObjectName("hint")
        self.backup_hint.setWordWrap(True)
        backup_form.addRow("", self.backup_button)
        backup_form.addRow("", self.restore_button)
        backup_form.addRow("", self.backup_hint)
        self.body.addWidget(self.backup_box)
        self.body.addStretch(1)

        self._select_language(current_language())
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Settings")

    def refresh(self) -> None:
        db = self.database
        if db is None:
            self.location_value.setText(self.tr("No database is open."))
            self.revision_value.setText("—")
            self.unit_value.setText("—")
            self.unit_name_value.setText("—")
            return
        self.location_value.setText(db.display_location)
        migration = db.migration
        self.revision_value.setText(migration.to_revision if migration is not None else "—")
        from ...services.settings import get_own_unit

        own = get_own_unit(db.engine)
        self.unit_value.setText(own.full_name if own else self.tr("Not chosen yet"))
        self.unit_name_value.setText(own.display_name if own else "—")

    def set_language(self, code: str) -> None:
        """Choose *code* ("vi" or "en") as if the user picked it in the list."""
        index = self.language_combo.findData(code)
        if index >= 0:
            self.language_combo.setCurrentIndex(index)

    def unit_name(self) -> str:
        """The issuing unit's name as shown (from the database)."""
        return self.unit_name_value.text().strip()

    def change_unit(self) -> None:
        """Open the unit chooser; the choice is saved in the database."""
        db = self.database
        if db is None:
            return
        from ..unit_dialog import UnitDialog

        dialog = UnitDialog(db.engine, self)
        if dialog.exec() == UnitDialog.DialogCode.Accepted:
            self.unit_changed.emit()
            self.refresh()

    def open_targets(self) -> None:
        """Open the yearly targets per commune (Chỉ tiêu)."""
        db = self.database
        if db is None:
            return
        from ..outreach_targets import TargetsDialog

        TargetsDialog(db.engine, parent=self).open()

    def backup_now(self) -> None:
        """Sao lưu ngay: copy the database to a folder of the user's choice (see ui.backup_dialogs)."""
        from ..backup_dialogs import controller_of

        controller_of(self.window()).backup_now()

    def restore_backup(self) -> None:
        """Khôi phục…: replace the database by a backup after confirmation (see ui.backup_dialogs)."""
        from ..backup_dialogs import controller_of

        controller_of(self.window()).restore()

    def _select_language(self, code: str) -> None:
        index = self.language_combo.findData(code)
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.blockSignals(False)

    def _on_language_chosen(self, index: int) -> None:
        code = str(self.language_combo.itemData(index))
        self.settings.setValue(LANGUAGE_KEY, code)
        installed = install_language(code)
        self._select_language(installed)
        self.language_changed.emit(installed)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.database_box.setTitle(self.tr("Database"))
        self.location_caption.setText(self.tr("Location:"))
        self.revision_caption.setText(self.tr("Schema revision:"))
        self.interface_box.setTitle(self.tr("Interface"))
        self.language_caption.setText(self.tr("&Language:"))
        self.unit_box.setTitle(self.tr("Your unit"))
        self.unit_caption.setText(self.tr("Commune / ward:"))
        self.unit_name_caption.setText(self.tr("Issuing unit:"))
        self.change_unit_button.setText(self.tr("C&hange…"))
        self.targets_button.setText(self.tr("&Targets per commune…"))
        self.unit_hint.setText(
            self.tr("Kept in the database. New records are marked with this unit; reports are issued in its name.")
        )
        self.backup_box.setTitle(self.tr("Backups"))
        self.backup_button.setText(self.tr("&Back up now…"))
        self.restore_button.setText(self.tr("&Restore from a backup…"))
        self.backup_hint.setText(
            self.tr(
                "The program also backs up the database by itself once a day and before every import, "
                "and keeps those copies for 30 days."
            )
        )
        self.refresh()
