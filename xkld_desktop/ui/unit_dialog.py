"""Đơn vị của tôi — choosing the unit (commune/ward) that keeps this database.

Shown at first start when the user does not load the sample commune, and from Settings. The
lists come from the reference data (the 34 provinces and their communes after 1 July 2025).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..services.reference import list_communes, list_provinces
from ..services.settings import OwnUnit, get_own_unit, set_own_unit


class UnitDialog(QDialog):
    """Pick a province, then one of its communes, and the issuing unit's name for reports."""

    def __init__(self, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.chosen: OwnUnit | None = None
        self.setWindowTitle(self.tr("Your unit"))
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        self.intro = QLabel(
            self.tr(
                "Choose the commune (or ward) whose records this database keeps. New records are marked "
                "with it, and reports are issued in its name."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        form = QFormLayout()
        self.province_combo = QComboBox(self)
        self.commune_combo = QComboBox(self)
        self.commune_combo.setEditable(True)
        self.commune_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.commune_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.display_edit = QLineEdit(self)
        form.addRow(self.tr("&Province:"), self.province_combo)
        form.addRow(self.tr("&Commune / ward:"), self.commune_combo)
        form.addRow(self.tr("&Issuing unit (report heading):"), self.display_edit)
        layout.addLayout(form)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for province in list_provinces(engine):
            self.province_combo.addItem(province.name, province.code)
        self.province_combo.currentIndexChanged.connect(self._load_communes)
        self.commune_combo.currentIndexChanged.connect(self._suggest_display_name)

        current = get_own_unit(engine)
        self._display_touched = bool(current and current.display_name)
        self.display_edit.textEdited.connect(self._on_display_edited)
        if current is not None:
            index = self.province_combo.findText(current.province_name)
            if index >= 0:
                self.province_combo.setCurrentIndex(index)
            self._load_communes()
            self.select_commune(current.code)
            self.display_edit.setText(current.display_name)
        else:
            self._load_communes()

    def _on_display_edited(self, _text: str) -> None:
        self._display_touched = True

    def _load_communes(self) -> None:
        code = self.province_combo.currentData()
        self.commune_combo.blockSignals(True)
        self.commune_combo.clear()
        if code:
            for unit in list_communes(self.engine, code):
                self.commune_combo.addItem(unit.name, unit.id)
        self.commune_combo.setCurrentIndex(-1)
        self.commune_combo.blockSignals(False)

    def _suggest_display_name(self) -> None:
        if not self._display_touched and self.commune_combo.currentIndex() >= 0:
            name = self.commune_combo.currentText()
            # "Xã Tân Hộ Cơ" → "UBND xã Tân Hộ Cơ", as administrative headings write it
            unit = name[:1].lower() + name[1:]
            self.display_edit.setText(self.tr("People's Committee of {unit}").format(unit=unit))

    def select_province(self, name: str) -> bool:
        index = self.province_combo.findText(name)
        if index >= 0:
            self.province_combo.setCurrentIndex(index)
        return index >= 0

    def select_commune(self, code_or_name: str) -> bool:
        index = self.commune_combo.findText(code_or_name)
        if index < 0:
            for i in range(self.commune_combo.count()):
                unit_id = self.commune_combo.itemData(i)
                if unit_id is not None and str(code_or_name) == self._code_of(unit_id):
                    index = i
                    break
        if index >= 0:
            self.commune_combo.setCurrentIndex(index)
        return index >= 0

    def _code_of(self, unit_id: int) -> str | None:
        from ..services.reference import get_unit

        unit = get_unit(self.engine, unit_id)
        return unit.code if unit else None

    def accept(self) -> None:
        index = self.commune_combo.findText(self.commune_combo.currentText())
        unit_id = self.commune_combo.itemData(index) if index >= 0 else None
        if unit_id is None:
            self.error_label.setText(self.tr("Choose a commune or ward from the list."))
            self.commune_combo.setFocus()
            return
        self.chosen = set_own_unit(self.engine, unit_id=int(unit_id), display_name=self.display_edit.text())
        super().accept()
