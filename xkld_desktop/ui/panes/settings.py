"""Cài đặt — settings: the database in use, the UI language, the issuing unit's name."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSizePolicy, QWidget

from ..i18n import LANGUAGES, current_language, install_language
from ..preferences import LANGUAGE_KEY, UNIT_NAME_KEY
from .base import Pane


class SettingsPane(Pane):
    """Cài đặt — shows where the database is and its schema revision; chooses the language.

    The language (QSettings ``ui/language``) applies at once, without a restart; the issuing
    unit's name (QSettings ``unit/name``) is kept for the reports. Emits ``language_changed(code)``.
    """

    pane_id = "settings"
    language_changed = Signal(str)

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
        self.unit_name_edit = QLineEdit(self.unit_box)
        self.unit_name_edit.setMaximumWidth(520)
        self.unit_name_edit.setText(str(settings.value(UNIT_NAME_KEY, "") or ""))
        self.unit_caption.setBuddy(self.unit_name_edit)
        self.unit_hint = QLabel(self.unit_box)
        self.unit_hint.setObjectName("hint")
        self.unit_hint.setWordWrap(True)
        unit_form.addRow(self.unit_caption, self.unit_name_edit)
        unit_form.addRow("", self.unit_hint)
        self.body.addWidget(self.unit_box)
        self.body.addStretch(1)

        self._select_language(current_language())
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)
        self.unit_name_edit.textChanged.connect(self._on_unit_name_changed)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Settings")

    def refresh(self) -> None:
        db = self.database
        if db is None:
            self.location_value.setText(self.tr("No database is open."))
            self.revision_value.setText("—")
            return
        self.location_value.setText(db.display_location)
        migration = db.migration
        self.revision_value.setText(migration.to_revision if migration is not None else "—")

    def set_language(self, code: str) -> None:
        """Choose *code* ("vi" or "en") as if the user picked it in the list."""
        index = self.language_combo.findData(code)
        if index >= 0:
            self.language_combo.setCurrentIndex(index)

    def unit_name(self) -> str:
        return self.unit_name_edit.text().strip()

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

    def _on_unit_name_changed(self, text: str) -> None:
        self.settings.setValue(UNIT_NAME_KEY, text.strip())

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.database_box.setTitle(self.tr("Database"))
        self.location_caption.setText(self.tr("Location:"))
        self.revision_caption.setText(self.tr("Schema revision:"))
        self.interface_box.setTitle(self.tr("Interface"))
        self.language_caption.setText(self.tr("&Language:"))
        self.unit_box.setTitle(self.tr("Issuing unit"))
        self.unit_caption.setText(self.tr("&Unit name:"))
        self.unit_name_edit.setPlaceholderText(self.tr("e.g. People's Committee of Tân Hộ Cơ commune"))
        self.unit_hint.setText(self.tr("Printed at the top of reports, above the title."))
        self.refresh()
