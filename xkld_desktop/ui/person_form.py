"""Hồ sơ người lao động — the form to add a person or change their record.

Every field of the person (BRIEF.md), grouped: identity; contact and address; education and
skills; policy groups; notes and consent. What the user types is checked as they type
(``services.person_records.validate_person``, pure and instant): errors in red under the field,
warnings in amber, and Save stays disabled while an error remains. Enter saves, Esc cancels
(asking first when something was changed). A CCCD recorded already offers to open that record;
the same name and date of birth as someone else is asked about before saving.

The questions go through small ``ask_…`` methods, so tests can answer them.
"""

from __future__ import annotations

import sys
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import EducationLevel, Gender, LegalBasis, OutreachGroup, PersonStatus, PolicyGroup, UnitLevel
from ..domain.validation import Issue, Severity, format_date
from ..services.errors import DuplicatePerson, NotFound, Refused, ValidationFailed
from ..services.people import hamlets
from ..services.person_records import (
    INITIAL_STATUSES,
    PersonDetail,
    PersonInput,
    PossibleDuplicate,
    create_person,
    get_person,
    update_person,
    validate_person,
)
from ..services.reference import get_unit, list_communes
from ..services.settings import get_own_unit
from .i18n import current_language
from .tasks import user_message
from .widgets import DateLineEdit, FieldMessage, ask_yes_no, field_with_message, hamlet_spelling_warning

#: the 54 ethnic groups of Viet Nam (official names), offered as the user types
ETHNIC_GROUPS = (
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na",
    "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ", "Xtiêng",
    "Khơ Mú", "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ Triêng", "Co", "Chơ Ro",
    "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "Kháng", "Phù Lá", "La Hủ", "La Ha", "Pà Thẻn",
    "Lự", "Ngái", "Chứt", "Lô Lô", "Mảng", "Cờ Lao", "Bố Y", "Cống", "Si La", "Pu Péo", "Rơ Măm",
    "Brâu", "Ơ Đu",
)  # fmt: skip

#: issue field of the commune combo (not a PersonInput check: the text must name a listed unit)
COMMUNE_FIELD = "commune_id"


class _FieldsArea(QScrollArea):
    """The form's fields, scrolled when the screen is too short for them and their messages.

    Its size hint is the fields' own (a scroll area's is a few lines): the dialog opens, and
    grows as messages appear, to show every field while the screen has room for them.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def sizeHint(self) -> QSize:
        fields = self.widget()
        return fields.sizeHint() if fields is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        fields = self.widget()
        if fields is None:
            return super().minimumSizeHint()
        return QSize(fields.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width(), 120)


class PersonForm(QDialog):
    """Add a person (``person_id=None``) or edit person *person_id* of database *db*.

    Signals: ``saved(person_id)`` after the record was written (the dialog then closes with
    ``Accepted``); ``open_person_requested(person_id)`` when the user chose to open the existing
    record that already has the CCCD typed (the dialog then closes with ``Rejected``).
    Raises :class:`~xkld_desktop.services.errors.NotFound` when *person_id* is gone.
    """

    saved = Signal(int)
    open_person_requested = Signal(int)

    def __init__(
        self, db: Any, person_id: int | None = None, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = getattr(db, "engine", db)
        self.today = today or date.today()
        self.detail: PersonDetail | None = get_person(self.engine, person_id) if person_id is not None else None
        self.saved_detail: PersonDetail | None = None
        self._touched: set[str] = set()
        self._show_all = self.detail is not None  # an existing record shows its problems at once
        self._server_issues: dict[str, Issue] = {}
        self._issues: list[Issue] = []
        self._known_hamlets: list[str] = []  # the hamlets records have (the field's completer)
        self._closing = False
        self._shown_once = False
        self.messages: dict[str, FieldMessage] = {}
        self.fields: dict[str, QWidget] = {}

        self.setObjectName("personForm")
        self.setModal(True)
        self.setMinimumWidth(940)
        if self.detail is None:
            self.setWindowTitle(self.tr("New worker"))
        else:
            self.setWindowTitle(self.tr("Worker record: {name}").format(name=self.detail.full_name))

        self._build()
        self._fill(self.detail.to_input() if self.detail is not None else PersonInput(commune_id=self._own_commune()))
        self._initial = self._snapshot()
        self._revalidate()
        self.name_edit.setFocus()

    # -- construction -----------------------------------------------------------------------

    def _line(self, field: str, *, max_length: int = 200) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(max_length + 20)  # a little over the limit: the message says what is too long
        self._register(field, edit)
        edit.textEdited.connect(lambda _text, f=field: self._edited(f))
        return edit

    def _date(self, field: str, *, allow_year_only: bool = False) -> DateLineEdit:
        edit = DateLineEdit(self, allow_year_only=allow_year_only, today=self.today)
        self._register(field, edit)
        edit.textEdited.connect(lambda _text, f=field: self._edited(f))
        return edit

    def _combo(self, field: str, choices: list[tuple[str, str]], *, blank: bool = True) -> QComboBox:
        combo = QComboBox(self)
        if blank:
            combo.addItem("—", None)
        for value, label in choices:
            combo.addItem(label, value)
        self._register(field, combo)
        combo.activated.connect(lambda _index, f=field: self._edited(f))
        return combo

    def _register(self, field: str, widget: QWidget) -> None:
        self.fields[field] = widget
        self.messages[field] = FieldMessage(self)

    def _row(self, form: QFormLayout, label: str, field: str) -> None:
        widget = self.fields[field]
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        form.addRow(caption, field_with_message(widget, self.messages[field]))

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(6)
        return box, form

    def _build(self) -> None:
        lang = current_language()
        # identity
        self.name_edit = self._line("full_name", max_length=120)
        self.gender_combo = self._combo("gender", Gender.choices(lang))
        self.birth_edit = self._date("date_of_birth", allow_year_only=True)
        self.birth_edit.setPlaceholderText(self.tr("dd/mm/yyyy, or only the year"))
        self.id_edit = self._line("id_number", max_length=20)
        self.id_edit.setPlaceholderText(self.tr("12 digits (CCCD) or 9 digits (old CMND)"))
        self.id_issued_edit = self._date("id_issued_on")
        self.passport_edit = self._line("passport_number", max_length=20)
        self.worker_code_edit = self._line("worker_code", max_length=32)
        # contact and address
        self.phone_edit = self._line("phone", max_length=20)
        self.phone_edit.setPlaceholderText(self.tr("10 digits starting with 0"))
        self.hamlet_edit = self._line("hamlet", max_length=80)
        self.commune_combo = QComboBox(self)
        self.commune_combo.setEditable(True)
        self.commune_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.commune_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._register(COMMUNE_FIELD, self.commune_combo)
        self.commune_combo.currentTextChanged.connect(lambda _text: self._edited(COMMUNE_FIELD))
        self.address_edit = self._line("address", max_length=200)
        # education and skills
        self.ethnicity_edit = self._line("ethnicity", max_length=40)
        self.ethnicity_edit.setCompleter(self._completer(list(ETHNIC_GROUPS)))
        self.education_combo = self._combo("education", EducationLevel.choices(lang))
        self.trade_edit = self._line("trade_skill", max_length=120)
        self.language_edit = self._line("foreign_language", max_length=120)
        self.outreach_combo = self._combo("outreach_group", OutreachGroup.choices(lang))
        # policy groups
        self.policy_checks: dict[PolicyGroup, QCheckBox] = {}
        for group in PolicyGroup:
            check = QCheckBox(group.label(lang), self)
            check.toggled.connect(lambda _on: self._edited("policy_groups"))
            self.policy_checks[group] = check
        # notes and consent
        self.consent_edit = self._date("consent_on")
        # legal basis for keeping the data (Law 91/2025/QH15); blank = not recorded yet
        self.legal_basis_combo = self._combo("legal_basis", LegalBasis.choices(lang))
        self.legal_basis_combo.setItemText(0, self.tr("— not recorded —"))
        self.legal_basis_date_edit = self._date("legal_basis_date")
        self.legal_basis_note_edit = self._line("legal_basis_note", max_length=200)
        self.legal_basis_note_edit.setPlaceholderText(self.tr("Consent form number, or the article of law"))
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(72)
        self.notes_edit.textChanged.connect(lambda: self._edited("notes"))
        self.fields["notes"] = self.notes_edit
        # status: chosen for a new record, shown for an existing one
        self.status_combo = QComboBox(self)
        for status in INITIAL_STATUSES:
            self.status_combo.addItem(status.label(lang), status.value)
        self.status_combo.activated.connect(lambda _index: self._edited("status"))
        self.status_label = QLabel(self)

        identity, identity_form = self._group(self.tr("Identity"))
        self._row(identity_form, self.tr("Full &name: *"), "full_name")
        self._row(identity_form, self.tr("&Gender:"), "gender")
        self._row(identity_form, self.tr("Date of &birth:"), "date_of_birth")
        self._row(identity_form, self.tr("&CCCD / CMND:"), "id_number")
        self._row(identity_form, self.tr("Issued on:"), "id_issued_on")
        self._row(identity_form, self.tr("&Passport:"), "passport_number")
        self._row(identity_form, self.tr("Worker code:"), "worker_code")
        if self.detail is None:
            identity_form.addRow(self.tr("&Status:"), self.status_combo)
            self.status_label.hide()
        else:
            self.status_combo.hide()
            identity_form.addRow(self.tr("Status:"), self.status_label)
            since = format_date(self.detail.status_since)
            text = self.detail.status.label(lang)
            self.status_label.setText(
                self.tr("{status} (since {date})").format(status=text, date=since) if since else text
            )

        contact, contact_form = self._group(self.tr("Contact and address"))
        self._row(contact_form, self.tr("P&hone:"), "phone")
        self._row(contact_form, self.tr("Ha&mlet:"), "hamlet")
        self._row(contact_form, self.tr("Co&mmune / ward:"), COMMUNE_FIELD)
        self._row(contact_form, self.tr("&Address:"), "address")

        education, education_form = self._group(self.tr("Education and skills"))
        self._row(education_form, self.tr("&Ethnicity:"), "ethnicity")
        self._row(education_form, self.tr("E&ducation:"), "education")
        self._row(education_form, self.tr("&Trade / skill:"), "trade_skill")
        self._row(education_form, self.tr("&Foreign language:"), "foreign_language")
        self._row(education_form, self.tr("Outreach group:"), "outreach_group")

        policy = QGroupBox(self.tr("Policy groups"), self)
        grid = QGridLayout(policy)
        for index, check in enumerate(self.policy_checks.values()):
            grid.addWidget(check, index // 2, index % 2)

        notes, notes_form = self._group(self.tr("Notes and consent"))
        self._row(notes_form, self.tr("Consented to keeping the data on:"), "consent_on")
        self._row(notes_form, self.tr("Legal basis for keeping the data:"), "legal_basis")
        self._row(notes_form, self.tr("Basis established on:"), "legal_basis_date")
        self._row(notes_form, self.tr("Basis details:"), "legal_basis_note")
        self.messages["notes"] = FieldMessage(self)
        self._row(notes_form, self.tr("N&otes:"), "notes")

        self.fields_widget = QWidget(self)
        columns = QHBoxLayout(self.fields_widget)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(identity)
        left.addWidget(contact)
        left.addStretch(1)
        right.addWidget(education)
        right.addWidget(policy)
        right.addWidget(notes)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.hint_label = QLabel(self.tr("* required. Enter saves, Esc cancels."), self)
        self.hint_label.setObjectName("hint")
        self.hint_label.setStyleSheet("color: #616e7c;")
        # plain buttons rather than a QDialogButtonBox, which reorders them (and their tab order)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.cancel_button)

        self.fields_area = _FieldsArea(self)
        self.fields_area.setWidget(self.fields_widget)
        outer = QVBoxLayout(self)
        outer.addWidget(self.fields_area, 1)
        outer.addLayout(bottom)
        self._set_tab_order()

    def _completer(self, words: list[str]) -> QCompleter:
        completer = QCompleter(QStringListModel(words, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return completer

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.name_edit,
            self.gender_combo,
            self.birth_edit,
            self.id_edit,
            self.id_issued_edit,
            self.passport_edit,
            self.worker_code_edit,
        ]
        if self.detail is None:
            chain.append(self.status_combo)
        chain += [self.phone_edit, self.hamlet_edit, self.commune_combo, self.address_edit]
        chain += [self.ethnicity_edit, self.education_combo, self.trade_edit, self.language_edit, self.outreach_combo]
        chain += list(self.policy_checks.values())
        chain += [self.consent_edit, self.legal_basis_combo, self.legal_basis_date_edit, self.legal_basis_note_edit]
        chain += [self.notes_edit, self.save_button, self.cancel_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.tab_chain = chain

    # -- filling and reading ----------------------------------------------------------------

    def _own_commune(self) -> int | None:
        own = get_own_unit(self.engine)
        return own.id if own is not None and own.level is UnitLevel.COMMUNE else None

    def _load_communes(self, selected: int | None) -> None:
        combo = self.commune_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        own = get_own_unit(self.engine)
        unit = get_unit(self.engine, own.id) if own is not None else None
        if unit is not None and unit.province_code:
            for commune in list_communes(self.engine, unit.province_code):
                combo.addItem(commune.name, commune.id)
        if selected is not None and combo.findData(selected) < 0:
            other = get_unit(self.engine, selected)
            if other is not None:  # a former commune (records before 07/2025) or another province
                if other.legacy:
                    text = self.tr("{name} (before 01/07/2025)").format(name=other.name)
                else:
                    text = f"{other.name}, {other.province_name}" if other.province_name else other.name
                combo.insertItem(1, text, other.id)
        combo.setCurrentIndex(max(0, combo.findData(selected)) if selected is not None else 0)
        combo.lineEdit().setCursorPosition(0)
        combo.blockSignals(False)

    def _fill(self, data: PersonInput) -> None:
        self.name_edit.setText(data.full_name)
        self._select(self.gender_combo, data.gender)
        self.birth_edit.set_date(data.date_of_birth, data.birth_precision)
        self.id_edit.setText(data.id_number)
        self.id_issued_edit.set_date(data.id_issued_on)
        self.passport_edit.setText(data.passport_number)
        self.worker_code_edit.setText(data.worker_code)
        self.phone_edit.setText(data.phone)
        self.hamlet_edit.setText(data.hamlet)
        self._known_hamlets = hamlets(self.engine)
        self.hamlet_edit.setCompleter(self._completer(self._known_hamlets))
        self._load_communes(data.commune_id)
        self.address_edit.setText(data.address)
        self.ethnicity_edit.setText(data.ethnicity)
        self._select(self.education_combo, data.education)
        self.trade_edit.setText(data.trade_skill)
        self.language_edit.setText(data.foreign_language)
        self._select(self.outreach_combo, data.outreach_group)
        for group, check in self.policy_checks.items():
            check.blockSignals(True)
            check.setChecked(group in data.policy_groups)
            check.blockSignals(False)
        self.consent_edit.set_date(data.consent_on)
        self._select(self.legal_basis_combo, data.legal_basis)
        self.legal_basis_date_edit.set_date(data.legal_basis_date)
        self.legal_basis_note_edit.setText(data.legal_basis_note)
        self.notes_edit.blockSignals(True)
        self.notes_edit.setPlainText(data.notes)
        self.notes_edit.blockSignals(False)
        self._select(self.status_combo, data.status)
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit):
                widget.setCursorPosition(0)  # long texts show their beginning
        for edit in (self.birth_edit, self.id_issued_edit, self.consent_edit, self.legal_basis_date_edit):
            edit.date_changed.connect(self._revalidate)

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value.value if value is not None else None)
        combo.setCurrentIndex(max(index, 0))

    def commune_id(self) -> int | None:
        """The commune chosen (``None``: none, or a text that names no listed commune)."""
        index = self.commune_combo.findText(self.commune_combo.currentText(), Qt.MatchFlag.MatchExactly)
        return self.commune_combo.itemData(index) if index >= 0 else None

    def current_input(self) -> PersonInput:
        """What the form holds now, as the service takes it."""

        def enum(combo: QComboBox, cls: Any) -> Any:
            value = combo.currentData()
            return cls(value) if value else None

        status = enum(self.status_combo, PersonStatus) if self.detail is None else self.detail.status
        return PersonInput(
            full_name=self.name_edit.text(),
            gender=enum(self.gender_combo, Gender),
            date_of_birth=self.birth_edit.value(),
            birth_precision=self.birth_edit.precision(),
            id_number=self.id_edit.text(),
            id_issued_on=self.id_issued_edit.value(),
            passport_number=self.passport_edit.text(),
            phone=self.phone_edit.text(),
            hamlet=self.hamlet_edit.text(),
            commune_id=self.commune_id(),
            address=self.address_edit.text(),
            ethnicity=self.ethnicity_edit.text(),
            education=enum(self.education_combo, EducationLevel),
            trade_skill=self.trade_edit.text(),
            foreign_language=self.language_edit.text(),
            outreach_group=enum(self.outreach_combo, OutreachGroup),
            policy_groups=frozenset(g for g, check in self.policy_checks.items() if check.isChecked()),
            worker_code=self.worker_code_edit.text(),
            notes=self.notes_edit.toPlainText(),
            consent_on=self.consent_edit.value(),
            legal_basis=enum(self.legal_basis_combo, LegalBasis),
            legal_basis_date=self.legal_basis_date_edit.value(),
            legal_basis_note=self.legal_basis_note_edit.text(),
            status=status or PersonStatus.CANDIDATE,
        )

    def _snapshot(self) -> tuple[Any, ...]:
        texts = tuple(w.text() for w in self.fields.values() if isinstance(w, QLineEdit))
        combos = tuple(w.currentText() for w in self.fields.values() if isinstance(w, QComboBox))
        checks = tuple(c.isChecked() for c in self.policy_checks.values())
        return texts, combos, checks, self.notes_edit.toPlainText(), self.status_combo.currentIndex()

    def is_dirty(self) -> bool:
        """True when something differs from what the form opened with."""
        return self._snapshot() != self._initial

    # -- checking as the user types ---------------------------------------------------------

    def _edited(self, field: str) -> None:
        self._touched.add(field)
        self._server_issues.pop(field, None)
        self._revalidate()

    def issues(self) -> list[Issue]:
        """Every problem of the form now (shown or not yet shown)."""
        return list(self._issues)

    def has_errors(self) -> bool:
        return any(i.severity is Severity.ERROR for i in self._issues)

    def _revalidate(self) -> None:
        data = self.current_input()
        issues = validate_person(data, today=self.today)
        for field, edit in (
            ("date_of_birth", self.birth_edit),
            ("id_issued_on", self.id_issued_edit),
            ("consent_on", self.consent_edit),
            ("legal_basis_date", self.legal_basis_date_edit),
        ):
            issues += [Issue(field, message, Severity.ERROR) for message in edit.errors()]
        if self.commune_combo.currentText().strip() and data.commune_id is None:
            issues.append(Issue(COMMUNE_FIELD, self.tr("Choose a commune or ward from the list."), Severity.ERROR))
        issues += self._hamlet_issues(data.hamlet)
        issues += list(self._server_issues.values())
        self._issues = issues
        shown_before = [m.text() for m in self.messages.values()]
        for field, message in self.messages.items():
            if self._show_all or field in self._touched or field in self._server_issues:
                errors = [i.message for i in issues if i.field == field and i.severity is Severity.ERROR]
                warnings = [i.message for i in issues if i.field == field and i.severity is Severity.WARNING]
                message.show_issues(errors, warnings)
            else:
                message.clear_issues()
        self.save_button.setEnabled(not self.has_errors())
        if [m.text() for m in self.messages.values()] != shown_before:
            self._fit_height()

    def _hamlet_issues(self, typed: str) -> list[Issue]:
        """A warning when the hamlet typed is one the register writes otherwise ("ap 1" for "Ấp 1"):
        saved as typed, it would be a second hamlet in the lists and reports."""
        message = hamlet_spelling_warning(typed, self._known_hamlets)
        return [Issue("hamlet", message, Severity.WARNING)] if message else []

    def _fit_height(self) -> None:
        """Grow the dialog when messages under the fields need more room (never shrink while typing),
        as far as the screen allows: beyond that the fields scroll, Save and Cancel stay in sight."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        fields_layout = self.fields_widget.layout()
        if fields_layout is not None:
            fields_layout.activate()
        self.fields_area.updateGeometry()
        layout.invalidate()
        layout.activate()
        width = self.width()
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
        needed = min(needed, self.room())
        if needed > self.height():
            self.resize(width, needed)

    def room(self) -> int:
        """The tallest the dialog may be: the height of its screen's work area, less its title bar."""
        screen = self.screen()
        if screen is None:
            return 1 << 24
        title_bar = max(self.frameGeometry().height() - self.geometry().height(), 0)
        top = max(self.geometry().top(), screen.availableGeometry().top() + title_bar)
        return max(screen.availableGeometry().bottom() + 1 - top, self.minimumSizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # Qt opens a window at most 2/3 of the screen tall: every field if room
            self._shown_once = True
            self._fit_height()
        if self.height() > self.room():  # a short screen: the fields scroll, Save stays in sight
            self.resize(self.width(), self.room())

    def _show_everything(self) -> None:
        self._show_all = True
        self._revalidate()
        wrong = {i.field for i in self._issues if i.severity is Severity.ERROR}
        for widget in self.tab_chain:  # the first field with an error in the form's order
            field = next((f for f, w in self.fields.items() if w is widget), None)
            if field in wrong:
                widget.setFocus()
                self.fields_area.ensureWidgetVisible(self.messages[field].parentWidget() or widget)
                break

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> bool:
        """Check, then write the record; True when it was saved (and the dialog closed)."""
        self._show_everything()
        if self.has_errors():
            return False
        data = self.current_input()
        allow_same_name = False
        while True:
            try:
                if self.detail is None:
                    detail = create_person(self.engine, data=data, today=self.today, allow_same_name=allow_same_name)
                else:
                    detail = update_person(
                        self.engine,
                        person_id=self.detail.id,
                        data=data,
                        expected_version=self.detail.version,
                        today=self.today,
                        allow_same_name=allow_same_name,
                    )
            except PossibleDuplicate as question:
                if self.ask_same_name(question):
                    allow_same_name = True
                    continue
                return False
            except DuplicatePerson as duplicate:
                self._server_issues["id_number"] = Issue("id_number", duplicate.message, Severity.ERROR)
                self._revalidate()
                if self.ask_open_existing(duplicate):
                    self.open_person_requested.emit(duplicate.existing_id)
                    self._close_without_asking()
                    return False
                # answered No: the field keeps the fact without the question, and the number to change
                self._server_issues["id_number"] = Issue("id_number", _without_question(duplicate), Severity.ERROR)
                self._revalidate()
                self.id_edit.setFocus()
                self.id_edit.selectAll()
                return False
            except ValidationFailed as failed:
                for issue in failed.issues:
                    if issue.severity is Severity.ERROR:
                        self._server_issues.setdefault(issue.field, issue)
                self._show_everything()
                return False
            except (Refused, NotFound) as refused:
                self.show_error(refused.message)
                return False
            except Exception as error:  # a database the user can act on (locked, read-only…)
                message = user_message(error)
                if message is None:
                    sys.excepthook(type(error), error, error.__traceback__)
                    return False
                self.show_error(message)
                return False
            break
        self.saved_detail = detail
        self.saved.emit(detail.id)
        self._closing = True
        self.accept()
        return True

    # -- questions (tests patch these) ------------------------------------------------------

    def ask_same_name(self, question: PossibleDuplicate) -> bool:
        """Someone with this name and date of birth exists: save anyway?"""
        return ask_yes_no(self, self.tr("Possibly the same person"), question.message)

    def ask_open_existing(self, duplicate: DuplicatePerson) -> bool:
        """The CCCD is recorded already: open that record instead?"""
        return ask_yes_no(self, self.tr("CCCD already recorded"), duplicate.message, default_yes=True)

    def ask_discard(self) -> bool:
        """Close and lose the changes?"""
        return ask_yes_no(
            self,
            self.tr("Unsaved changes"),
            self.tr("The changes you made to this record are not saved yet. Close and discard them?"),
        )

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Cannot save"), message)

    # -- keys and closing -------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPushButton):
            event.accept()
            self.save()
            return
        super().keyPressEvent(event)

    def _close_without_asking(self) -> None:
        self._closing = True
        self.reject()

    def reject(self) -> None:
        if not self._closing and self.is_dirty() and not self.ask_discard():
            return
        self._closing = True
        super().reject()


def _without_question(duplicate: DuplicatePerson) -> str:
    """The service's "CCCD … is in X's record. Open that record instead?" without its question,
    once the user answered it."""
    text = duplicate.message
    end = text.rfind(". ")
    return text[: end + 1] if text.endswith("?") and end > 0 else text
