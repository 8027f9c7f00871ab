"""Forms of the households tab: a household, a member, the new head; a registered-person picker.

Every form is keyboard-first: the tab order follows the form, Enter saves, Esc cancels, and
what is wrong is said in Vietnamese under the field as the user types (domain checks) and again
when the service refuses (its per-field issues, or its message under the form). A form is
closed only once the service has saved; ``saved_id`` then holds the record's id.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import PovertyStatus, Relationship
from ..domain.validation import check_birth_date, check_phone, format_date, normalise_name
from ..services.errors import ServiceError, ValidationFailed
from ..services.households import (
    HouseholdDetail,
    MemberRow,
    add_member,
    create_household,
    household_communes,
    household_hamlets,
    update_household,
    update_member,
)
from ..services.people import PersonRow, search_people
from .i18n import current_language
from .tasks import user_message
from .widgets import ERROR_COLOUR, DateLineEdit, FieldMessage, field_with_message, hamlet_spelling_warning

#: how long typing must pause before the person search runs (milliseconds)
PERSON_SEARCH_DELAY_MS = 200
PERSON_RESULTS = 8


#: how services.households marks a commune abolished by the 2025 reform
LEGACY_UNIT_MARK = " (trước 01/07/2025)"


def fill_commune_combo(combo: QComboBox, engine: Any) -> None:
    """Add the communes households use; one abolished in 2025 is marked in the UI language."""
    before = QCoreApplication.translate("HouseholdDialog", " (before 01/07/2025)")
    for unit_id, name in household_communes(engine):
        if name.endswith(LEGACY_UNIT_MARK):  # the service marks it in Vietnamese
            name = name.removesuffix(LEGACY_UNIT_MARK) + before
        combo.addItem(name, unit_id)


def select_commune(combo: QComboBox, commune_id: int | None, name: str) -> None:
    """Show a record's commune in *combo*, adding it first when the list lacks it (an old commune)."""
    index = combo.findData(commune_id)
    if index < 0 and commune_id is not None:
        combo.insertItem(0, name, commune_id)
        index = 0
    combo.setCurrentIndex(max(index, 0))


def person_line(person: PersonRow) -> str:
    """ "Nguyễn Văn Đức — 05/03/1998 — Ấp 3 — Đã xuất cảnh" for pickers."""
    parts = [person.full_name]
    if person.date_of_birth is not None:
        parts.append(format_date(person.date_of_birth, person.birth_precision))
    if person.hamlet:
        parts.append(person.hamlet)
    parts.append(person.status.label(current_language()))
    return " — ".join(parts)


class _PickerKeys(QObject):
    """Down in the search box goes to the results; Enter picks (and is not a Save)."""

    def __init__(self, picker: PersonPicker) -> None:
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        results = self.picker.results
        if watched is self.picker.search_edit:
            if key == Qt.Key.Key_Down and not results.isHidden() and results.count():
                results.setFocus()
                if results.currentRow() < 0:
                    results.setCurrentRow(0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.picker.search_pending():
                self.picker.search_now()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not results.isHidden() and results.count():
                self.picker.choose_row(max(results.currentRow(), 0))
                return True
        elif watched is results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.picker.choose_row(results.currentRow())
            return True
        return False


class PersonPicker(QWidget):
    """Find a registered worker by name, CCCD or phone (``services.people.search_people``).

    Typing searches after a short pause and lists up to :data:`PERSON_RESULTS` people; Down
    moves into the list, Enter or a click picks. The chosen person is shown with a button to
    unlink them. Signal ``person_changed()`` after a person was chosen or unlinked.
    """

    person_changed = Signal()

    def __init__(self, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self._person: PersonRow | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Search a worker by name, CCCD or phone"))
        column.addWidget(self.search_edit)
        self.results = QListWidget(self)
        self.results.setMaximumHeight(150)
        self.results.hide()
        column.addWidget(self.results)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("hint")
        self.empty_label.hide()
        column.addWidget(self.empty_label)
        chosen_row = QHBoxLayout()
        self.chosen_label = QLabel(self)
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        chosen_row.addWidget(self.chosen_label, 1)
        self.clear_button = QPushButton(self.tr("&Unlink"), self)
        self.clear_button.setAutoDefault(False)
        chosen_row.addWidget(self.clear_button)
        column.addLayout(chosen_row)
        self.chosen_label.hide()
        self.clear_button.hide()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PERSON_SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        keys = _PickerKeys(self)
        self.search_edit.installEventFilter(keys)
        self.results.installEventFilter(keys)
        self.results.itemClicked.connect(lambda item: self.choose_row(self.results.row(item)))
        self.clear_button.clicked.connect(lambda: self.set_person(None))
        self._found: list[PersonRow] = []

    def search_pending(self) -> bool:
        return self._timer.isActive()

    def search_now(self) -> None:
        """Search at once (tests and Enter do not wait for the pause)."""
        self._timer.stop()
        text = self.search_edit.text().strip()
        self.results.clear()
        self._found = search_people(self.engine, text, limit=PERSON_RESULTS) if len(text) >= 2 else []
        for person in self._found:
            QListWidgetItem(person_line(person), self.results)
        self.results.setVisible(bool(self._found))
        self.empty_label.setText(self.tr("No registered worker matches “{text}”.").format(text=text))
        self.empty_label.setVisible(len(text) >= 2 and not self._found)

    def found(self) -> list[PersonRow]:
        return list(self._found)

    def choose_row(self, row: int) -> None:
        if 0 <= row < len(self._found):
            self.set_person(self._found[row])

    def person(self) -> PersonRow | None:
        return self._person

    def set_person_id(self, engine: Any, person_id: int | None) -> None:
        """Link the person with *person_id* when there is one the user may see."""
        if person_id is None:
            return
        from ..services.people import people_by_ids

        found = people_by_ids(engine, [person_id])
        if found:
            self.set_person(found[0])

    def set_person(self, person: PersonRow | None) -> None:
        """Link *person* (or unlink with ``None``); the search box empties."""
        self._person = person
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self._timer.stop()
        self.results.clear()
        self.results.hide()
        self.empty_label.hide()
        self._found = []
        self.search_edit.setVisible(person is None)
        self.chosen_label.setVisible(person is not None)
        self.clear_button.setVisible(person is not None)
        if person is not None:
            self.chosen_label.setText(self.tr("Linked to: {person}").format(person=person_line(person)))
        self.person_changed.emit()


class ServiceForm(QDialog):
    """A dialog that saves through a service: field messages, a message line, Save and Cancel.

    Subclasses fill ``self.form``, register each field's :class:`FieldMessage` in
    ``self.messages`` (by the service's field name) and implement :meth:`save`, which calls the
    service and returns the saved record's id.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved_id: int | None = None
        self.messages: dict[str, FieldMessage] = {}
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.addLayout(self.form)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()
        self.layout_.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setText(self.tr("&Save"))

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.buttons)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves from any field (a focused Save or Cancel button still answers it itself)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            event.accept()
            self.accept()
            return
        super().keyPressEvent(event)

    def add_row(self, label: str, field: QWidget, message_for: str | None = None) -> FieldMessage | None:
        """A form row: *field* with its message line underneath when *message_for* names it."""
        if message_for is None:
            self.form.addRow(label, field)
            return None
        message = FieldMessage(self)
        message.setObjectName(f"message_{message_for}")
        self.messages[message_for] = message
        box = field_with_message(field, message)
        self.form.addRow(label, box)
        label_widget = self.form.labelForField(box)
        if isinstance(label_widget, QLabel):
            label_widget.setBuddy(field)
        return message

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def save(self) -> int:
        raise NotImplementedError

    def has_errors(self) -> bool:
        """True when a field shows an error (checked as the user typed): nothing is saved."""
        return any(m.severity() == "error" for m in self.messages.values())

    def accept(self) -> None:
        self.show_error("")
        self.check_all()
        if self.has_errors():
            self.show_error(self.tr("Please correct the fields marked in red."))
            return
        try:
            self.saved_id = self.save()
        except ValidationFailed as failed:
            for name, message in self.messages.items():
                errors = failed.errors_for(name)
                if errors:
                    message.show_issues(errors, [])
            unplaced = [i.message for i in failed.issues if i.field not in self.messages]
            self.show_error("\n".join(unplaced) or self.tr("Please correct the fields marked in red."))
            return
        except ServiceError as refused:
            self.show_error(refused.message)
            return
        except Exception as error:  # a database problem the user can act on (locked, read-only…)
            message = user_message(error)
            if message is None:
                raise
            self.show_error(message)
            return
        super().accept()

    def check_all(self) -> None:
        """Run every field's check (subclasses)."""


def _fill_enum_combo(combo: QComboBox, members: list[Any], current: Any) -> None:
    combo.clear()
    lang = current_language()
    for member in members:
        combo.addItem(member.label(lang), member.value)
    index = combo.findData(current.value if current is not None else None)
    combo.setCurrentIndex(max(index, 0))


class HouseholdDialog(ServiceForm):
    """Hộ gia đình — a new household (with its head) or the changes to one."""

    def __init__(self, engine: Any, detail: HouseholdDetail | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.detail = detail
        self.setWindowTitle(self.tr("Edit household") if detail else self.tr("New household"))
        self.setMinimumWidth(560)

        self.head_edit = QLineEdit(self)
        self.head_edit.setMaxLength(120)
        self.add_row(self.tr("&Head of household:"), self.head_edit, "head_name")
        self.head_picker = PersonPicker(engine, self)
        self.add_row(self.tr("&Registered worker:"), self.head_picker)
        self.hamlet_combo = QComboBox(self)
        self.hamlet_combo.setEditable(True)
        self.hamlet_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.known_hamlets = household_hamlets(engine)
        self.hamlet_combo.addItems(self.known_hamlets)
        self.hamlet_combo.setCurrentIndex(-1)
        self.hamlet_combo.editTextChanged.connect(self._check_hamlet)
        self.hamlet_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_row(self.tr("Ha&mlet:"), self.hamlet_combo, "hamlet")
        self.commune_combo = QComboBox(self)
        fill_commune_combo(self.commune_combo, engine)
        self.commune_combo.addItem(self.tr("(not stated)"), None)
        self.add_row(self.tr("&Commune:"), self.commune_combo, "commune_id")
        self.address_edit = QLineEdit(self)
        self.address_edit.setMaxLength(200)
        self.add_row(self.tr("&Address:"), self.address_edit, "address")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setMaxLength(20)
        self.phone_edit.setPlaceholderText(self.tr("10 digits, e.g. 0912345678"))
        self.add_row(self.tr("&Phone:"), self.phone_edit, "phone")
        self.poverty_combo = QComboBox(self)
        self.add_row(self.tr("P&overty status:"), self.poverty_combo, "poverty_status")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(64)
        self.add_row(self.tr("&Notes:"), self.notes_edit)
        self.finish_layout()

        _fill_enum_combo(self.poverty_combo, list(PovertyStatus), detail.poverty_status if detail else None)
        if detail is not None:
            self.head_edit.setText(detail.recorded_head_name)
            self.hamlet_combo.setCurrentText(detail.hamlet)
            select_commune(self.commune_combo, detail.commune_id, detail.commune)
            self.address_edit.setText(detail.address)
            for edit in (self.head_edit, self.address_edit):
                edit.setCursorPosition(0)  # a long text shows its beginning, where it is read from
            self.phone_edit.setText(detail.phone or "")
            self.notes_edit.setPlainText(detail.notes)
            if not detail.head_in_recycle_bin:  # a deleted head stays linked by the service, not shown as linked
                self.head_picker.set_person_id(engine, detail.head_person_id)
        self.head_picker.person_changed.connect(self._on_person_changed)
        self.head_edit.textChanged.connect(self._check_head)
        self.phone_edit.textChanged.connect(self._check_phone)
        self._on_person_changed()
        self.head_edit.setFocus()
        self.setTabOrder(self.head_edit, self.head_picker.search_edit)
        self.setTabOrder(self.head_picker.search_edit, self.head_picker.clear_button)
        self.setTabOrder(self.head_picker.clear_button, self.hamlet_combo)
        self.setTabOrder(self.hamlet_combo, self.commune_combo)
        self.setTabOrder(self.commune_combo, self.address_edit)
        self.setTabOrder(self.address_edit, self.phone_edit)
        self.setTabOrder(self.phone_edit, self.poverty_combo)
        self.setTabOrder(self.poverty_combo, self.notes_edit)

    def _on_person_changed(self) -> None:
        person = self.head_picker.person()
        if person is not None:
            self.head_edit.setText(person.full_name)
        self.head_edit.setReadOnly(person is not None)
        self._check_head()
        if self.isVisible():  # the next field once a person is linked, the search box once unlinked
            (self.hamlet_combo if person is not None else self.head_picker.search_edit).setFocus()

    def _check_head(self) -> None:
        checked = normalise_name(self.head_edit.text())
        message = self.messages["head_name"]
        if not self.head_edit.text().strip() and not self.head_edit.isModified():
            message.clear_issues()  # nothing typed yet: no reproach
            return
        message.show_issues(checked.errors, checked.warnings)

    def _check_hamlet(self) -> None:
        warning = hamlet_spelling_warning(self.hamlet_combo.currentText(), self.known_hamlets)
        self.messages["hamlet"].show_issues([], [warning] if warning else [])

    def _check_phone(self) -> None:
        text = self.phone_edit.text().strip()
        checked = check_phone(text) if text else None
        self.messages["phone"].show_issues(checked.errors if checked else [], checked.warnings if checked else [])

    def check_all(self) -> None:
        checked = normalise_name(self.head_edit.text())
        self.messages["head_name"].show_issues(checked.errors, checked.warnings)
        self._check_phone()

    def save(self) -> int:
        person = self.head_picker.person()
        poverty = PovertyStatus(self.poverty_combo.currentData())
        values: dict[str, Any] = {
            "head_name": self.head_edit.text(),
            "head_person_id": person.id if person else None,
            "hamlet": self.hamlet_combo.currentText(),
            "commune_id": self.commune_combo.currentData(),
            "address": self.address_edit.text(),
            "phone": self.phone_edit.text(),
            "poverty_status": poverty,
            "notes": self.notes_edit.toPlainText(),
        }
        if self.detail is None:
            return create_household(self.engine, **values)
        update_household(self.engine, household_id=self.detail.id, version=self.detail.version, **values)
        return self.detail.id


class MemberDialog(ServiceForm):
    """Thành viên hộ — a registered worker or just a name, the relationship, the date of birth."""

    def __init__(
        self, engine: Any, household_id: int, member: MemberRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.household_id = household_id
        self.member = member
        self.setWindowTitle(self.tr("Edit member") if member else self.tr("Add a member"))
        self.setMinimumWidth(560)

        self.picker = PersonPicker(engine, self)
        self.add_row(self.tr("&Registered worker:"), self.picker)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(120)
        self.add_row(self.tr("Full &name:"), self.name_edit, "full_name")
        self.relationship_combo = QComboBox(self)
        self.add_row(self.tr("Relationship to the &head:"), self.relationship_combo, "relationship")
        self.birth_edit = DateLineEdit(self)
        self.add_row(self.tr("Date of &birth:"), self.birth_edit, "date_of_birth")
        self.finish_layout()

        is_head = member is not None and member.is_head
        choices = [Relationship.HEAD] if is_head else [r for r in Relationship if r is not Relationship.HEAD]
        _fill_enum_combo(self.relationship_combo, choices, member.relationship if member else Relationship.CHILD)
        self.relationship_combo.setEnabled(not is_head)
        if member is not None:
            self.name_edit.setText(member.full_name)
            self.birth_edit.set_date(member.date_of_birth)
            self.picker.set_person_id(engine, member.person_id)
        self.picker.person_changed.connect(self._on_person_changed)
        self.name_edit.textChanged.connect(self._check_name)
        self.birth_edit.date_changed.connect(self._check_birth)
        self._on_person_changed()
        (self.picker.search_edit if member is None else self.name_edit).setFocus()
        self.setTabOrder(self.picker.search_edit, self.picker.clear_button)
        self.setTabOrder(self.picker.clear_button, self.name_edit)
        self.setTabOrder(self.name_edit, self.relationship_combo)
        self.setTabOrder(self.relationship_combo, self.birth_edit)

    def _on_person_changed(self) -> None:
        person = self.picker.person()
        if person is not None:
            self.name_edit.setText(person.full_name)
            if person.date_of_birth is not None:
                self.birth_edit.set_date(person.date_of_birth)
        self.name_edit.setReadOnly(person is not None)
        self._check_name()
        if self.isVisible():
            (self.relationship_combo if person is not None else self.picker.search_edit).setFocus()

    def _check_name(self) -> None:
        if not self.name_edit.text().strip() and not self.name_edit.isModified():
            self.messages["full_name"].clear_issues()
            return
        checked = normalise_name(self.name_edit.text())
        self.messages["full_name"].show_issues(checked.errors, checked.warnings)

    def _check_birth(self) -> None:
        errors = self.birth_edit.errors()
        warnings: list[str] = []
        value = self.birth_edit.value()
        if value is not None:
            checked = check_birth_date(value, role="household_member")
            errors, warnings = errors + checked.errors, checked.warnings
        self.messages["date_of_birth"].show_issues(errors, warnings)

    def check_all(self) -> None:
        checked = normalise_name(self.name_edit.text())
        self.messages["full_name"].show_issues(checked.errors, checked.warnings)
        self._check_birth()

    def save(self) -> int:
        person = self.picker.person()
        values: dict[str, Any] = {
            "relationship": Relationship(self.relationship_combo.currentData()),
            "person_id": person.id if person else None,
            "full_name": self.name_edit.text(),
            "date_of_birth": self.birth_edit.value(),
        }
        if self.member is None:
            return add_member(self.engine, household_id=self.household_id, **values)
        update_member(self.engine, member_id=self.member.id, version=self.member.version, **values)
        return self.member.id


class HeadChangeDialog(QDialog):
    """Đặt làm chủ hộ — what the former head becomes to the new head."""

    def __init__(self, new_head: str, former_head: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make head of household"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "{new} becomes the head of household. What is {former} to {new}? "
                "Check the other members' relationships afterwards: they were stated towards the former head."
            ).format(new=new_head, former=former_head),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.relationship_combo = QComboBox(self)
        _fill_enum_combo(
            self.relationship_combo, [r for r in Relationship if r is not Relationship.HEAD], Relationship.PARENT
        )
        form.addRow(self.tr("&Relationship of the former head:"), self.relationship_combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def relationship(self) -> Relationship:
        return Relationship(self.relationship_combo.currentData())
