"""Forms of the lifecycle actions on a person: review, departure, status abroad, return, follow-up.

Each dialog saves through ``services.lifecycle`` itself when the user presses Save (or Enter):
field errors from the service appear under their field, refusals in a message box
(:meth:`LifecycleDialog.show_refusal`, patchable in tests) and the dialog stays open; on success
``outcome`` holds the service's result and the dialog is accepted. Checks that need no database
(dates typed dd/mm/yyyy, money, age at departure, deposit cap, orientation certificate) run as
the user types and show under the field. Enter saves, Esc cancels, Tab follows the form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import (
    DepartureForm,
    EmploymentAfterReturn,
    LabeledEnum,
    LoanSource,
    OutreachGroup,
    Programme,
    ReturnReason,
    ReturnTiming,
    ReviewClassification,
    StatusAbroad,
    SupportKind,
    SupportNeed,
)
from ..domain.text import fold
from ..domain.validation import (
    check_departure_age,
    check_deposit,
    check_orientation_certificate,
    expected_end_date,
    format_date,
    format_money,
    parse_money,
)
from ..services import lifecycle
from ..services.errors import NotFound, Refused, ValidationFailed
from ..services.lifecycle import DepartureInput, LifecycleAction, LoanInput
from ..services.reference import MarketInfo, list_markets
from ..services.timeline import DepartureBrief, PersonSummary, ReturnBrief
from .i18n import current_language, format_count, market_label
from .tasks import run_task, show_progress, user_message
from .widgets import CheckedLineEdit, DateLineEdit, ask_yes_no

E = TypeVar("E", bound=LabeledEnum)

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #7a4d00; background: #fff7e0; border: 1px solid #ecd28b; border-radius: 4px; padding: 6px 8px;"
HINT_STYLE = "color: #52606d;"


def _lang() -> str:
    return current_language()


def fill_enum_combo(combo: QComboBox, members: Sequence[LabeledEnum], *, none_text: str | None = None) -> None:
    """Fill *combo* with the members' labels in the UI language (data: the member)."""
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for member in members:
        combo.addItem(member.label(_lang()), member)


def market_combo(engine: Any, none_text: str, parent: QWidget) -> QComboBox:
    """The markets by name in the UI's language, after a first item *none_text* (no market)."""
    combo = QComboBox(parent)
    combo.addItem(none_text, None)
    for market in list_markets(engine):
        combo.addItem(market.name_vi if _lang() == "vi" else market.name_en, market.code)
    return combo


def enum_data(combo: QComboBox, cls: type[E]) -> E | None:
    """The member of *cls* chosen in *combo* (Qt hands string enums back as plain strings)."""
    value = combo.currentData()
    return None if value is None else cls(value)


def select_data(combo: QComboBox, value: Any) -> None:
    """Make the item whose data is *value* current (nothing when absent)."""
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            combo.setCurrentIndex(index)
            return


# --------------------------------------------------------------------------- field widgets


class MoneyField(CheckedLineEdit):
    """An amount in đồng, grouped with dots as it is typed ("12.000.000"); "12 triệu" is read too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("VND"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(40)
        self.textEdited.connect(self._group)

    def _group(self, text: str) -> None:
        compact = text.replace(".", "").replace(" ", "")
        if not compact.isdigit() or len(compact) > 15:
            return
        digits_right = sum(ch.isdigit() for ch in text[self.cursorPosition() :])
        grouped = format_money(int(compact))
        if grouped == text:
            return
        QLineEdit.setText(self, grouped)  # still typing: keep the problem hidden until the value is done
        position, seen = len(grouped), 0
        while position > 0 and seen < digits_right:
            position -= 1
            if grouped[position].isdigit():
                seen += 1
        self.setCursorPosition(position)

    def set_amount(self, amount: int | None) -> None:
        self.setText(format_money(amount))

    def value(self) -> int | None:
        if not self.text().strip():
            return None
        try:
            return parse_money(self.text())
        except ValueError:
            return None

    def looks_complete(self) -> bool:
        return self.text().replace(".", "").replace(" ", "").isdigit()

    def problem(self) -> str:
        if not self.text().strip():
            return ""
        try:
            parse_money(self.text())
        except ValueError as error:
            return str(error)
        return ""

    def _tidy(self) -> None:
        value = self.value()
        if value is not None and self.text() != format_money(value):
            self.setText(format_money(value))


# --------------------------------------------------------------------------- base dialog


class LifecycleDialog(QDialog):
    """A form with an error line under each field, a warning box, and Save / Cancel.

    Subclasses add fields with :meth:`add_field`, implement :meth:`save` (return the service's
    result, or raise the service's errors) and :meth:`live_check` (errors/warnings as typed).
    Signal ``saved(outcome)`` is emitted after a successful save, before the dialog closes.
    """

    saved = Signal(object)

    def __init__(self, engine: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.outcome: Any = None
        self.errors: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(HINT_STYLE)
        self.intro.hide()
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.addLayout(self.form)
        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("warnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._shown_state: list[Any] | None = None  # what the fields held when the form was shown

    def _state(self) -> list[Any]:
        """What every field of the form holds (compared on closing: was anything typed?)."""
        state: list[Any] = []
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QLineEdit):
                state.append(widget.text())
            elif isinstance(widget, QComboBox):
                state.append(widget.currentIndex())
            elif isinstance(widget, (QCheckBox, QGroupBox)):
                state.append(widget.isChecked())
        return state

    def showEvent(self, event: QShowEvent) -> None:
        if self._shown_state is None:
            self._shown_state = self._state()
        super().showEvent(event)

    def reject(self) -> None:
        """Esc or Hủy: a form with something typed in asks before it is thrown away (as the person form)."""
        if (
            self._shown_state is not None
            and self._state() != self._shown_state
            and not self.ask(
                self.tr("Unsaved changes"),
                self.tr("What you typed in this form is not saved yet. Close and discard it?"),
            )
        ):
            return
        super().reject()

    def finish_layout(self) -> None:
        """Put the warning box and the buttons below the fields (call at the end of __init__)."""
        self.layout_.addStretch(1)  # spare height goes below the fields, never between them
        self.layout_.addWidget(self.warning_label)
        self.layout_.addWidget(self.buttons)
        self.run_live_check()

    def add_field(
        self,
        key: str,
        label: str,
        editor: QWidget,
        *,
        form: QFormLayout | None = None,
        hint: QWidget | None = None,
        below: QWidget | None = None,
    ) -> QWidget:
        """Add *editor* under *label* with an error line below it; returns *editor*.

        *hint* goes to the right of the editor, *below* between the editor and its error line.
        """
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if hint is not None:
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(editor, 1)
            row.addWidget(hint)
            column.addLayout(row)
        else:
            column.addWidget(editor)
        if below is not None:
            column.addWidget(below)
        error = QLabel(box)
        error.setObjectName(f"error_{key}")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        column.addWidget(error)
        box.setFocusProxy(editor)
        caption = QLabel(label, self)
        caption.setBuddy(editor)
        (form or self.form).addRow(caption, box)
        self.errors[key] = error
        self.editors[key] = editor
        self._labels[key] = caption
        return editor

    def watch(self, *widgets: QWidget) -> None:
        """Re-run the live check when any of *widgets* changes."""
        for widget in widgets:
            if isinstance(widget, CheckedLineEdit):
                widget.textChanged.connect(self.run_live_check)
                widget.settled.connect(self.run_live_check)
            elif isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.run_live_check)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.run_live_check)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self.run_live_check)
            elif isinstance(widget, (QCheckBox, QGroupBox)):
                widget.toggled.connect(self.run_live_check)

    # -- messages ---------------------------------------------------------------------------

    def set_error(self, key: str, message: str) -> None:
        label = self.errors.get(key)
        if label is None:
            return
        label.setText(message)
        label.setVisible(bool(message))

    def error_text(self, key: str) -> str:
        label = self.errors.get(key)
        return label.text() if label is not None and label.isVisibleTo(self) else ""

    def set_warnings(self, warnings: Sequence[str]) -> None:
        self.warning_label.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warning_label.setVisible(bool(warnings))

    def warnings(self) -> list[str]:
        text = self.warning_label.text()
        return [line.removeprefix("⚠ ") for line in text.splitlines()] if self.warning_label.isVisibleTo(self) else []

    def show_refusal(self, message: str) -> None:
        """Tell the user why the action is not possible (a message box; tests patch or record it)."""
        QMessageBox.warning(self, self.tr("Not possible"), message)

    def ask(self, title: str, text: str) -> bool:
        """Ask a yes/no question (tests patch or answer it)."""
        return ask_yes_no(self, title, text)

    def show_notes(self, warnings: Sequence[str]) -> None:
        """After saving: what the officer should look at again."""
        if warnings:
            text = self.tr("Saved. Please check:") + "\n" + "\n".join(f"• {w}" for w in warnings)
            QMessageBox.information(self, self.tr("Saved"), text)

    # -- checks and saving ------------------------------------------------------------------

    def live_check(self) -> tuple[dict[str, str], list[str]]:
        """Errors per field and warnings for what is typed now (no database): by default the dates'."""
        return self.date_errors(), []

    def date_errors(self) -> dict[str, str]:
        """The error of each date field (not a date, in the future…) by its key."""
        return {key: e.error() for key, e in self.editors.items() if isinstance(e, DateLineEdit) and e.error()}

    def run_live_check(self, *_args: Any) -> dict[str, str]:
        errors, warnings = self.live_check()
        for key in self.errors:
            self.set_error(key, errors.get(key, ""))
        self.set_warnings(warnings)
        return errors

    def save(self) -> Any:
        """Call the service; return its result (raise its errors)."""
        raise NotImplementedError

    def before_save(self) -> bool:
        """Last question before saving (e.g. confirm warnings); False keeps the dialog open."""
        return True

    def accept(self) -> None:
        for field in self.findChildren(CheckedLineEdit):
            field.settle()  # saving: every problem counts now, typed to the end or not
        errors = self.run_live_check()
        if errors:
            first = next(key for key in self.errors if key in errors)
            self.editors[first].setFocus()
            return
        try:
            if not self.before_save():
                return
            self.outcome = self.save()
        except ValidationFailed as failure:
            shown = False
            for issue in failure.issues:
                if issue.field in self.errors:
                    self.set_error(issue.field, issue.message)
                    shown = True
            if not shown:
                self.show_refusal(failure.message)
            return
        except (Refused, NotFound) as refusal:
            self.show_refusal(refusal.message)
            return
        except Exception as error:  # the database locked, read-only, full…: said in Vietnamese, input kept
            message = user_message(error)
            if message is None:
                raise  # a bug: the crash handler's report
            self.show_refusal(message)
            return
        warnings = getattr(self.outcome, "warnings", ())
        self.saved.emit(self.outcome)
        super().accept()
        self.show_notes(self.notes_after_save(warnings))

    def notes_after_save(self, warnings: Sequence[str]) -> Sequence[str]:
        """Warnings worth a box after saving (those already confirmed are not repeated)."""
        return warnings

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        """Dialogs are short-lived: texts are set once (a language change applies to the next one)."""


# --------------------------------------------------------------------------- yearly review


class _ReviewForm(LifecycleDialog):
    """The fields both reviews have (one person's, several people's), built once.

    Their texts are translated in the one-person review's context (``ReviewDialog``): PySide's
    ``self.tr`` in a base class looks up the instance's class, which lupdate cannot know.
    """

    def add_year_and_classification(self) -> None:
        """Year (this year at most), date of the review (today), classification."""
        today = date.today()
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, today.year)
        self.year_spin.setValue(today.year)
        self.add_field("year", QCoreApplication.translate("ReviewDialog", "&Year:"), self.year_spin)
        self.reviewed_edit = DateLineEdit(self)
        self.reviewed_edit.set_date(today)
        self.add_field("reviewed_on", QCoreApplication.translate("ReviewDialog", "Reviewed &on:"), self.reviewed_edit)
        self.classification_combo = QComboBox(self)
        fill_enum_combo(self.classification_combo, list(ReviewClassification))
        caption = QCoreApplication.translate("ReviewDialog", "&Classification:")
        self.add_field("classification", caption, self.classification_combo)

    def add_market_and_counselled(self, engine: Any) -> None:
        """The wished market (only for "wants to go") and whether the person was counselled."""
        self.market_combo = market_combo(engine, QCoreApplication.translate("ReviewDialog", "(none)"), self)
        caption = QCoreApplication.translate("ReviewDialog", "&Wished market:")
        self.add_field("wished_market_code", caption, self.market_combo)
        self.classification_combo.currentIndexChanged.connect(self._classification_changed)
        self._classification_changed()
        counselled = QCoreApplication.translate("ReviewDialog", "Counselled about working abroad")
        self.counselled_check = QCheckBox(counselled, self)
        self.add_field("counselled", "", self.counselled_check)

    def _classification_changed(self, *_args: Any) -> None:
        wants = enum_data(self.classification_combo, ReviewClassification) is ReviewClassification.WANTS_TO_GO
        self.market_combo.setEnabled(wants)


class ReviewDialog(_ReviewForm):
    """Rà soát hằng năm — classify the person for a year (one review per year; editing updates it)."""

    def __init__(self, engine: Any, person: PersonSummary, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.person = person
        self._version: int | None = None
        self.setWindowTitle(self.tr("Yearly review — {name}").format(name=person.full_name))
        self.add_year_and_classification()
        self.group_combo = QComboBox(self)
        fill_enum_combo(self.group_combo, list(OutreachGroup), none_text=self.tr("(none)"))
        self.add_field("outreach_group", self.tr("Outreach &group:"), self.group_combo)
        self.add_market_and_counselled(engine)
        self.notes_edit = QLineEdit(self)
        self.add_field("notes", self.tr("&Notes:"), self.notes_edit)
        self.year_spin.valueChanged.connect(self._load_year)
        self.watch(self.reviewed_edit, self.year_spin)
        self._load_year()
        self.finish_layout()
        self.setMinimumWidth(480)

    def _load_year(self, *_args: Any) -> None:
        review = lifecycle.get_review(self.engine, person_id=self.person.id, year=self.year_spin.value())
        self._version = review.version if review else None
        if review is None:
            self.intro.setText(self.tr("New review for {year}.").format(year=self.year_spin.value()))
            return
        self.intro.setText(
            self.tr("The review of {year} is already recorded: saving updates it.").format(year=review.year)
        )
        self.reviewed_edit.set_date(review.reviewed_on)
        select_data(self.classification_combo, review.classification)
        select_data(self.group_combo, review.outreach_group)
        select_data(self.market_combo, review.wished_market_code)
        self.counselled_check.setChecked(review.counselled)
        self.notes_edit.setText(review.notes)

    def live_check(self) -> tuple[dict[str, str], list[str]]:
        self.intro.setVisible(bool(self.intro.text()))
        return self.date_errors(), []

    def save(self) -> Any:
        return lifecycle.record_review(
            self.engine,
            person_id=self.person.id,
            year=self.year_spin.value(),
            classification=enum_data(self.classification_combo, ReviewClassification) or ReviewClassification.NOT_NOW,
            outreach_group=enum_data(self.group_combo, OutreachGroup),
            wished_market_code=self.market_combo.currentData() if self.market_combo.isEnabled() else None,
            counselled=self.counselled_check.isChecked(),
            reviewed_on=self.reviewed_edit.value(),
            notes=self.notes_edit.text(),
            expected_version=self._version,
        )


class ReviewManyDialog(_ReviewForm):
    """Rà soát nhiều người — one yearly review for the people chosen in the list (people pane).

    People who have a review of that year keep it; the result (``outcome``, a
    ``lifecycle.ReviewsResult``) says how many were written, kept and skipped.
    """

    def __init__(self, engine: Any, person_ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.person_ids = list(person_ids)
        self.setWindowTitle(self.tr("Yearly review of the chosen people"))
        self.intro.setText(
            self.tr(
                "One review for the %1 people chosen. Those who already have a review of that year keep it."
            ).replace("%1", format_count(len(self.person_ids)))
        )
        self.intro.show()
        self.add_year_and_classification()
        select_data(self.classification_combo, ReviewClassification.NOT_NOW)  # what most reviews say
        self.add_market_and_counselled(engine)  # a group counselled about one programme: its market
        self.progress_bar = QProgressBar(self)
        self.progress_bar.hide()
        self.layout_.addWidget(self.progress_bar)
        self.running = False
        self.watch(self.reviewed_edit, self.year_spin)
        self.finish_layout()
        self.setMinimumWidth(480)

    def accept(self) -> None:
        """Write on the database thread with a progress bar (thousands of people take seconds)."""
        for field in self.findChildren(CheckedLineEdit):
            field.settle()  # saving: a date typed half-way counts now
        if self.run_live_check() or self.running:
            return
        engine, ids = self.engine, self.person_ids
        market = self.market_combo.currentData() if self.market_combo.isEnabled() else None
        year, counselled, reviewed_on = (
            self.year_spin.value(),
            self.counselled_check.isChecked(),
            self.reviewed_edit.value(),
        )
        classification = enum_data(self.classification_combo, ReviewClassification) or ReviewClassification.NOT_NOW

        def write(progress: Any) -> Any:
            return lifecycle.record_reviews(
                engine,
                person_ids=ids,
                year=year,
                classification=classification,
                wished_market_code=market,
                counselled=counselled,
                reviewed_on=reviewed_on,
                progress=progress,
            )

        self.running = True
        self.buttons.setEnabled(False)
        self.progress_bar.show()
        run_task(
            write,
            with_progress=True,
            context=self,
            on_progress=lambda done, total: show_progress(self.progress_bar, done, total),
            on_success=self._written,
            on_error=self._failed,
        )

    def _written(self, result: Any) -> None:
        self.running = False
        self.outcome = result
        self.saved.emit(result)
        QDialog.accept(self)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.buttons.setEnabled(True)
        self.progress_bar.hide()
        if isinstance(error, ValidationFailed):
            for issue in error.issues:
                self.set_error(issue.field, issue.message)
            if not any(issue.field in self.errors for issue in error.issues):
                self.show_refusal(error.message)
            return
        message = getattr(error, "message", None) or user_message(error)
        if message is None:
            raise error
        self.show_refusal(message)

    def reject(self) -> None:
        if not self.running:  # the transaction finishes or fails as a whole: no cancelling half-way
            super().reject()


# --------------------------------------------------------------------------- simple status changes


class StatusChangeDialog(LifecycleDialog):
    """Register, start training, withdraw, died, missing: a date and a note."""

    def __init__(
        self, engine: Any, person: PersonSummary, action: LifecycleAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(engine, parent)
        self.person = person
        self.action = action
        titles = {
            LifecycleAction.REGISTER: self.tr("Register to work abroad — {name}"),
            LifecycleAction.START_TRAINING: self.tr("Start of training — {name}"),
            LifecycleAction.WITHDRAW: self.tr("Withdrawal — {name}"),
            LifecycleAction.MARK_DIED: self.tr("Death — {name}"),
            LifecycleAction.MARK_MISSING: self.tr("Missing — {name}"),
        }
        self.setWindowTitle(titles[action].format(name=person.full_name))
        self.date_edit = DateLineEdit(self, required=True)
        self.date_edit.set_date(date.today())
        self.add_field("on", self.tr("&Date:"), self.date_edit)
        self.note_edit = QLineEdit(self)
        label = self.tr("&Reason:") if action is LifecycleAction.WITHDRAW else self.tr("&Notes:")
        self.add_field("note", label, self.note_edit)
        self.watch(self.date_edit, self.note_edit)
        self.finish_layout()
        self.setMinimumWidth(440)

    def save(self) -> Any:
        functions: dict[LifecycleAction, Callable[..., Any]] = {
            LifecycleAction.REGISTER: lifecycle.register,
            LifecycleAction.START_TRAINING: lifecycle.start_training,
            LifecycleAction.WITHDRAW: lifecycle.withdraw,
            LifecycleAction.MARK_DIED: lifecycle.mark_died,
            LifecycleAction.MARK_MISSING: lifecycle.mark_missing,
        }
        on = self.date_edit.value()
        assert on is not None
        return functions[self.action](self.engine, person_id=self.person.id, on=on, note=self.note_edit.text())


# --------------------------------------------------------------------------- departure


class _FoldedCompleter(QCompleter):
    """Completes company names ignoring case and diacritics ("cong ty viet nhat" finds "Công ty Việt – Nhật")."""

    SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        model = QStandardItemModel(self)
        for name in names:
            item = QStandardItem(name)
            item.setData(f"{fold(name)} {name}", self.SEARCH_ROLE)
            model.appendRow(item)
        self.setModel(model)
        self.setCompletionRole(self.SEARCH_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def pathFromIndex(self, index: Any) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]


#: the usual form of going abroad for each programme (suggested until the user picks one)
_USUAL_FORM: dict[Programme, DepartureForm] = {
    Programme.JP_TECHNICAL_INTERN: DepartureForm.LICENSED_COMPANY,
    Programme.JP_SPECIFIED_SKILLED: DepartureForm.LICENSED_COMPANY,
    Programme.TAIWAN: DepartureForm.LICENSED_COMPANY,
    Programme.KR_EPS: DepartureForm.PUBLIC_SERVICE_UNIT,
    Programme.SEASONAL: DepartureForm.PUBLIC_SERVICE_UNIT,
    Programme.LOCAL_COOPERATION: DepartureForm.PUBLIC_SERVICE_UNIT,
}


class DepartureDialog(LifecycleDialog):
    """Xuất cảnh — the departure form: where, how, with whom, the money, the loan and supports.

    Warnings (deposit above the market's cap, orientation certificate older than 24 months, age
    uncertain) show as the user types and are confirmed once more before saving.

    With *editing* (``services.lifecycle.get_departure``) the form opens filled with a recorded
    departure and saving corrects it (:func:`~xkld_desktop.services.lifecycle.update_departure`).
    """

    def __init__(
        self,
        engine: Any,
        person: PersonSummary,
        parent: QWidget | None = None,
        *,
        editing: lifecycle.DepartureInfo | None = None,
    ) -> None:
        super().__init__(engine, parent)
        self.person = person
        self.editing = editing
        self._form_touched = editing is not None  # a recorded form is kept when the programme changes
        self._confirmed: tuple[str, ...] = ()  # warnings the user accepted before saving
        title = self.tr("Correct the departure — {name}") if editing else self.tr("Departure — {name}")
        self.setWindowTitle(title.format(name=person.full_name))
        self.markets: dict[str, MarketInfo] = {m.code: m for m in list_markets(engine)}
        self.companies = {fold(c.name): c for c in lifecycle.list_companies(engine)}

        columns = QHBoxLayout()
        columns.setSpacing(18)
        left_box = QGroupBox(self.tr("Departure"), self)
        left = QFormLayout(left_box)
        right_column = QVBoxLayout()
        money_box = QGroupBox(self.tr("Money"), self)
        money = QFormLayout(money_box)
        columns.addWidget(left_box, 3)
        columns.addLayout(right_column, 2)
        right_column.addWidget(money_box)
        self.layout_.addLayout(columns)

        # -- left column: where, how, with whom
        self.departed_edit = DateLineEdit(self, required=True)
        self.add_field("departed_on", self.tr("&Departure date:"), self.departed_edit, form=left)
        self.market_combo = QComboBox(self)
        self.market_combo.addItem(self.tr("— choose —"), None)
        for market in self.markets.values():
            self.market_combo.addItem(market.name_vi if _lang() == "vi" else market.name_en, market.code)
        self.add_field("market_code", self.tr("&Market:"), self.market_combo, form=left)
        self.programme_combo = QComboBox(self)
        self.add_field("programme", self.tr("&Programme:"), self.programme_combo, form=left)
        self.form_combo = QComboBox(self)
        fill_enum_combo(self.form_combo, list(DepartureForm))
        self.add_field("form", self.tr("&Form:"), self.form_combo, form=left)
        self.company_edit = QLineEdit(self)
        self.company_edit.setPlaceholderText(self.tr("Type to pick a known company or a new name"))
        self.company_completer = _FoldedCompleter([c.name for c in self.companies.values()], self)
        self.company_edit.setCompleter(self.company_completer)
        self.add_field("company_name", self.tr("&Company:"), self.company_edit, form=left)
        self.licence_edit = QLineEdit(self)
        self.licence_edit.setMaxLength(60)
        self.add_field("company_licence", self.tr("Licence n&umber:"), self.licence_edit, form=left)
        self.occupation_edit = QLineEdit(self)
        self.add_field("occupation", self.tr("&Occupation:"), self.occupation_edit, form=left)
        self.employer_edit = QLineEdit(self)
        self.add_field("employer", self.tr("&Workplace / employer:"), self.employer_edit, form=left)
        self.months_spin = QSpinBox(self)
        self.months_spin.setRange(0, lifecycle.MAX_CONTRACT_MONTHS)
        self.months_spin.setSpecialValueText(self.tr("not known"))
        self.months_spin.setSuffix(self.tr(" months"))
        self.end_label = QLabel(self)
        self.end_label.setObjectName("expectedEnd")
        self.end_label.setStyleSheet(HINT_STYLE)
        self.add_field("contract_months", self.tr("Contract &term:"), self.months_spin, form=left, hint=self.end_label)
        self.cert_edit = DateLineEdit(self)
        self.add_field("orientation_cert_on", self.tr("Or&ientation certificate:"), self.cert_edit, form=left)
        self.legal_check = QCheckBox(self.tr("Legal departure (through the proper channels)"), self)
        self.legal_check.setChecked(True)
        self.add_field("is_legal", "", self.legal_check, form=left)
        self.notes_edit = QLineEdit(self)
        self.add_field("notes", self.tr("&Notes:"), self.notes_edit, form=left)

        # -- right column: money, loan, supports
        self.salary_edit = MoneyField(self)
        self.add_field("monthly_salary", self.tr("Monthly &salary:"), self.salary_edit, form=money)
        self.deposit_edit = MoneyField(self)
        self.add_field("deposit", self.tr("D&eposit:"), self.deposit_edit, form=money)
        self.cost_edit = MoneyField(self)
        self.add_field("cost_paid", self.tr("Cost p&aid:"), self.cost_edit, form=money)

        self.loan_box = QGroupBox(self.tr("&Loan"), self)
        self.loan_box.setCheckable(True)
        self.loan_box.setChecked(False)
        loan = QFormLayout(self.loan_box)
        self.loan_source_combo = QComboBox(self)
        fill_enum_combo(self.loan_source_combo, list(LoanSource))
        self.add_field("loan_source", self.tr("Source:"), self.loan_source_combo, form=loan)
        self.loan_amount_edit = MoneyField(self)
        self.add_field("loan_amount", self.tr("Amount:"), self.loan_amount_edit, form=loan)
        self.loan_date_edit = DateLineEdit(self)
        self.add_field("loan_disbursed_on", self.tr("Disbursed on:"), self.loan_date_edit, form=loan)
        right_column.addWidget(self.loan_box)

        self.supports_box = QGroupBox(self.tr("Support received"), self)
        grid = QGridLayout(self.supports_box)
        grid.setColumnStretch(1, 1)
        self.support_checks: dict[SupportKind, QCheckBox] = {}
        self.support_amounts: dict[SupportKind, MoneyField] = {}
        for row, kind in enumerate(SupportKind):
            check = QCheckBox(kind.label(_lang()), self.supports_box)
            amount = MoneyField(self.supports_box)
            amount.setEnabled(False)
            check.toggled.connect(amount.setEnabled)
            check.toggled.connect(lambda on, field=amount: field.setFocus() if on else None)
            grid.addWidget(check, row, 0)
            grid.addWidget(amount, row, 1)
            self.support_checks[kind] = check
            self.support_amounts[kind] = amount
        self.support_error = QLabel(self.supports_box)
        self.support_error.setStyleSheet(ERROR_STYLE)
        self.support_error.setWordWrap(True)
        self.support_error.hide()
        grid.addWidget(self.support_error, len(SupportKind), 0, 1, 2)
        self.errors["supports"] = self.support_error
        self.editors["supports"] = self.supports_box
        right_column.addWidget(self.supports_box)
        right_column.addStretch(1)

        self.market_combo.currentIndexChanged.connect(self._market_changed)
        self.programme_combo.currentIndexChanged.connect(self._programme_changed)
        self.form_combo.activated.connect(self._form_chosen)
        self.company_edit.textChanged.connect(self._company_changed)
        self.company_completer.activated.connect(self._company_changed)
        self.watch(
            self.departed_edit,
            self.market_combo,
            self.months_spin,
            self.cert_edit,
            self.salary_edit,
            self.deposit_edit,
            self.cost_edit,
            self.loan_box,
            self.loan_amount_edit,
            self.loan_date_edit,
            self.company_edit,
            *self.support_amounts.values(),
            *self.support_checks.values(),
        )
        self._market_changed()
        if editing is not None:
            self._fill(editing.data)
            self.intro.setText(
                self.tr("Correcting the departure recorded on {date}: saving replaces what was recorded.").format(
                    date=format_date(editing.data.departed_on)
                )
            )
            self.intro.show()
        self._set_tab_order()
        self.finish_layout()
        self.setMinimumWidth(940)

    def _fill(self, data: DepartureInput) -> None:
        """Show a recorded departure in the fields."""
        self.departed_edit.set_date(data.departed_on)
        self.select_market(data.market_code)
        self.select_programme(data.programme)
        select_data(self.form_combo, data.form)
        self.company_edit.setText(data.company_name)
        self.licence_edit.setText(data.company_licence)
        self.occupation_edit.setText(data.occupation)
        self.employer_edit.setText(data.employer)
        self.months_spin.setValue(data.contract_months or 0)
        self.cert_edit.set_date(data.orientation_cert_on)
        self.legal_check.setChecked(data.is_legal)
        self.notes_edit.setText(data.notes)
        self.salary_edit.set_amount(data.monthly_salary)
        self.deposit_edit.set_amount(data.deposit)
        self.cost_edit.set_amount(data.cost_paid)
        self.loan_box.setChecked(data.loan is not None)
        if data.loan is not None:
            select_data(self.loan_source_combo, data.loan.source)
            self.loan_amount_edit.set_amount(data.loan.amount)
            self.loan_date_edit.set_date(data.loan.disbursed_on)
        amounts = dict(data.supports)
        for kind, check in self.support_checks.items():
            check.setChecked(kind in amounts)
            self.support_amounts[kind].set_amount(amounts.get(kind))
        self.departed_edit.setFocus()  # ticking a support moved the focus to its amount

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.departed_edit,
            self.market_combo,
            self.programme_combo,
            self.form_combo,
            self.company_edit,
            self.licence_edit,
            self.occupation_edit,
            self.employer_edit,
            self.months_spin,
            self.cert_edit,
            self.legal_check,
            self.notes_edit,
            self.salary_edit,
            self.deposit_edit,
            self.cost_edit,
            self.loan_box,
            self.loan_source_combo,
            self.loan_amount_edit,
            self.loan_date_edit,
        ]
        for kind in SupportKind:
            chain += [self.support_checks[kind], self.support_amounts[kind]]
        chain += [self.save_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- reactions --------------------------------------------------------------------------

    def _market_changed(self, *_args: Any) -> None:
        code = self.market_combo.currentData()
        current = enum_data(self.programme_combo, Programme)
        self.programme_combo.blockSignals(True)
        self.programme_combo.clear()
        programmes = lifecycle.programmes_for_market(code) if code else list(Programme)
        fill_enum_combo(self.programme_combo, programmes)
        if current in programmes:
            select_data(self.programme_combo, current)
        self.programme_combo.blockSignals(False)
        self._programme_changed()

    def _programme_changed(self, *_args: Any) -> None:
        programme = enum_data(self.programme_combo, Programme)
        usual = _USUAL_FORM.get(programme) if programme else None
        if usual is not None and not self._form_touched:
            select_data(self.form_combo, usual)

    def _form_chosen(self, *_args: Any) -> None:
        self._form_touched = True

    def _company_changed(self, *_args: Any) -> None:
        company = self.companies.get(fold(self.company_edit.text()))
        if company is not None and not self.licence_edit.text().strip():
            self.licence_edit.setText(company.licence_number)

    def select_market(self, code: str) -> None:
        select_data(self.market_combo, code)

    def select_programme(self, programme: Programme) -> None:
        select_data(self.programme_combo, programme)

    # -- checks -----------------------------------------------------------------------------

    def _supports(self) -> list[tuple[SupportKind, int]]:
        return [
            (kind, self.support_amounts[kind].value() or 0)
            for kind, check in self.support_checks.items()
            if check.isChecked()
        ]

    def live_check(self) -> tuple[dict[str, str], list[str]]:
        errors: dict[str, str] = {}
        warnings: list[str] = []
        departed = self.departed_edit.value()
        for key, field in (("departed_on", self.departed_edit), ("orientation_cert_on", self.cert_edit)):
            if field.error():
                errors[key] = field.error()
        if departed is not None and self.person.date_of_birth is not None:
            age = check_departure_age(self.person.date_of_birth, departed, precision=self.person.birth_precision)
            if age.errors:
                errors["departed_on"] = age.errors[0]
            warnings += age.warnings
        code = self.market_combo.currentData()
        months = self.months_spin.value()
        if departed is not None and months:
            end = expected_end_date(departed, months)
            self.end_label.setText(self.tr("expected end {date}").format(date=format_date(end)))
        else:
            self.end_label.setText("")
        for key, money in (
            ("monthly_salary", self.salary_edit),
            ("deposit", self.deposit_edit),
            ("cost_paid", self.cost_edit),
        ):
            if money.error():
                errors[key] = money.error()
        if code and self.deposit_edit.value() is not None:
            market = self.markets.get(code)
            warnings += check_deposit(
                self.deposit_edit.value(), code, cap=market.deposit_cap if market else None
            ).warnings
        warnings += check_orientation_certificate(self.cert_edit.value(), departed).warnings
        if self.loan_box.isChecked():
            if self.loan_amount_edit.error():
                errors["loan_amount"] = self.loan_amount_edit.error()
            if self.loan_date_edit.error():
                errors["loan_disbursed_on"] = self.loan_date_edit.error()
        support_errors = [
            f"{kind.label(_lang())}: {self.support_amounts[kind].error()}"
            for kind, check in self.support_checks.items()
            if check.isChecked() and self.support_amounts[kind].error()
        ]
        if support_errors:
            errors["supports"] = "; ".join(support_errors)
        return errors, warnings

    def data(self) -> DepartureInput:
        """What the form holds, for the service."""
        departed = self.departed_edit.value()
        assert departed is not None
        company = self.companies.get(fold(self.company_edit.text()))
        loan = None
        if self.loan_box.isChecked():
            loan = LoanInput(
                source=enum_data(self.loan_source_combo, LoanSource) or LoanSource.NHCSXH,
                amount=self.loan_amount_edit.value() or 0,
                disbursed_on=self.loan_date_edit.value(),
            )
        return DepartureInput(
            market_code=self.market_combo.currentData() or "",
            departed_on=departed,
            form=enum_data(self.form_combo, DepartureForm) or DepartureForm.LICENSED_COMPANY,
            programme=enum_data(self.programme_combo, Programme) or Programme.OTHER,
            company_id=company.id if company else None,
            company_name="" if company else self.company_edit.text(),
            company_licence=self.licence_edit.text(),
            occupation=self.occupation_edit.text(),
            employer=self.employer_edit.text(),
            contract_months=self.months_spin.value() or None,
            orientation_cert_on=self.cert_edit.value(),
            monthly_salary=self.salary_edit.value(),
            deposit=self.deposit_edit.value(),
            cost_paid=self.cost_edit.value(),
            is_legal=self.legal_check.isChecked(),
            notes=self.notes_edit.text(),
            loan=loan,
            supports=self._supports(),
        )

    def before_save(self) -> bool:
        preview = lifecycle.preview_departure(
            self.engine,
            person_id=self.person.id,
            data=self.data(),
            departure_id=self.editing.id if self.editing else None,
        )
        self._confirmed = preview.warnings
        if not preview.warnings:
            return True
        text = (
            self.tr("Please check before saving:")
            + "\n"
            + "\n".join(f"• {w}" for w in preview.warnings)
            + "\n\n"
            + self.tr("Save the departure anyway?")
        )
        return self.ask(self.tr("Save with warnings?"), text)

    def notes_after_save(self, warnings: Sequence[str]) -> Sequence[str]:
        confirmed = set(self._confirmed)
        return [w for w in warnings if w not in confirmed]

    def save(self) -> Any:
        if self.editing is not None:
            return lifecycle.update_departure(
                self.engine, self.editing.id, self.data(), expected_version=self.editing.version
            )
        return lifecycle.record_departure(self.engine, person_id=self.person.id, data=self.data())


# --------------------------------------------------------------------------- status abroad


class StatusAbroadDialog(LifecycleDialog):
    """Tình trạng ở nước ngoài — working, changed employer, absconded."""

    def __init__(
        self, engine: Any, person: PersonSummary, departure: DepartureBrief, parent: QWidget | None = None
    ) -> None:
        super().__init__(engine, parent)
        self.person = person
        self.departure = departure
        self.setWindowTitle(self.tr("Status abroad — {name}").format(name=person.full_name))
        self.intro.setText(
            self.tr("Departure of {date} to {market}.").format(
                date=format_date(departure.departed_on), market=market_label(departure.market_code)
            )
        )
        self.intro.show()
        self.status_combo = QComboBox(self)
        fill_enum_combo(self.status_combo, list(StatusAbroad))
        select_data(self.status_combo, departure.status_abroad)
        self.add_field("status", self.tr("&Status:"), self.status_combo)
        self.date_edit = DateLineEdit(self, required=True)
        self.date_edit.set_date(date.today())
        self.add_field("on", self.tr("&Known since:"), self.date_edit)
        self.note_edit = QLineEdit(self)
        self.add_field("note", self.tr("&Notes:"), self.note_edit)
        self.watch(self.date_edit)
        self.finish_layout()
        self.setMinimumWidth(460)

    def live_check(self) -> tuple[dict[str, str], list[str]]:
        errors = {}
        on = self.date_edit.value()
        if self.date_edit.error():
            errors["on"] = self.date_edit.error()
        elif on is not None and on < self.departure.departed_on:
            errors["on"] = self.tr("Before the departure date ({date})").format(
                date=format_date(self.departure.departed_on)
            )
        return errors, []

    def save(self) -> Any:
        on = self.date_edit.value()
        assert on is not None
        return lifecycle.set_status_abroad(
            self.engine,
            departure_id=self.departure.id,
            status=enum_data(self.status_combo, StatusAbroad) or StatusAbroad.WORKING,
            on=on,
            note=self.note_edit.text(),
        )


# --------------------------------------------------------------------------- return


class ReturnDialog(LifecycleDialog):
    """Về nước — date, reason, timing (computed from the expected end unless chosen), residence.

    With *editing* (``services.lifecycle.get_return``) the form opens filled with a recorded
    return (of ``editing.departure``) and saving corrects it (``services.lifecycle.update_return``).
    """

    def __init__(
        self,
        engine: Any,
        person: PersonSummary,
        departure: DepartureBrief | lifecycle.DepartureRef | None = None,
        parent: QWidget | None = None,
        *,
        editing: lifecycle.ReturnInfo | None = None,
    ) -> None:
        super().__init__(engine, parent)
        self.person = person
        self.editing = editing
        if departure is None:
            assert editing is not None, "a return belongs to a departure"
            departure = editing.departure
        self.departure = departure
        title = self.tr("Correct the return — {name}") if editing else self.tr("Return — {name}")
        self.setWindowTitle(title.format(name=person.full_name))
        intro = self.tr("Departure of {date} to {market}.").format(
            date=format_date(departure.departed_on), market=market_label(departure.market_code)
        )
        if departure.expected_end_on:
            intro += " " + self.tr("Contract expected to end on {date}.").format(
                date=format_date(departure.expected_end_on)
            )
        self.intro.setText(intro)
        self.intro.show()
        self.date_edit = DateLineEdit(self, required=True)
        self.date_edit.set_date(date.today())
        self.add_field("returned_on", self.tr("&Returned on:"), self.date_edit)
        self.reason_combo = QComboBox(self)
        fill_enum_combo(self.reason_combo, list(ReturnReason))
        self.add_field("reason", self.tr("R&eason:"), self.reason_combo)
        self.timing_combo = QComboBox(self)
        self.timing_combo.addItem("", None)  # "computed: …", filled by the live check
        for timing in ReturnTiming:
            self.timing_combo.addItem(timing.label(_lang()), timing)
        self.timing_hint = QLabel(self)
        self.timing_hint.setObjectName("timingHint")
        self.timing_hint.setStyleSheet(HINT_STYLE)
        self.add_field("timing", self.tr("&Timing:"), self.timing_combo, below=self.timing_hint)
        self.notified_check = QCheckBox(self.tr("Residence notified to the commune police"), self)
        self.add_field("residence_notified", "", self.notified_check)
        self.notified_edit = DateLineEdit(self)
        self.notified_edit.setEnabled(False)
        self.add_field("residence_notified_on", self.tr("Notified &on:"), self.notified_edit)
        self.notified_check.toggled.connect(self.notified_edit.setEnabled)
        self.notes_edit = QLineEdit(self)
        self.add_field("notes", self.tr("&Notes:"), self.notes_edit)
        self.watch(self.date_edit, self.reason_combo, self.notified_check, self.notified_edit)
        if editing is not None:
            self._fill(editing)
        self.finish_layout()
        self.setMinimumWidth(560)

    def _fill(self, back: lifecycle.ReturnInfo) -> None:
        """Show a recorded return in the fields (its timing stays "automatic" when it was computed)."""
        self.date_edit.set_date(back.returned_on)
        select_data(self.reason_combo, back.reason)
        if back.timing is not lifecycle.compute_timing(back.returned_on, self.departure.expected_end_on, back.reason):
            select_data(self.timing_combo, back.timing)
        self.notified_check.setChecked(back.residence_notified)
        self.notified_edit.set_date(back.residence_notified_on)
        self.notes_edit.setText(back.notes)

    def computed_timing(self) -> ReturnTiming | None:
        returned = self.date_edit.value()
        if returned is None:
            return None
        reason = enum_data(self.reason_combo, ReturnReason) or ReturnReason.OTHER
        return lifecycle.compute_timing(returned, self.departure.expected_end_on, reason)

    def live_check(self) -> tuple[dict[str, str], list[str]]:
        errors: dict[str, str] = {}
        warnings: list[str] = []
        returned = self.date_edit.value()
        if self.date_edit.error():
            errors["returned_on"] = self.date_edit.error()
        elif returned is not None and returned < self.departure.departed_on:
            errors["returned_on"] = self.tr("Before the departure date ({date})").format(
                date=format_date(self.departure.departed_on)
            )
        computed = self.computed_timing()
        text = self.tr("Automatic: {timing}").format(timing=computed.label(_lang())) if computed else ""
        self.timing_combo.setItemText(0, text or self.tr("Automatic"))
        hint = ""
        end = self.departure.expected_end_on
        if returned is not None and end is not None:
            days = (returned - end).days
            if days < 0:
                hint = self.tr("{days} days before the expected end ({date})").format(days=-days, date=format_date(end))
            elif days > 0:
                hint = self.tr("{days} days after the expected end ({date})").format(days=days, date=format_date(end))
            else:
                hint = self.tr("On the expected end ({date})").format(date=format_date(end))
        self.timing_hint.setText(hint)
        self.timing_hint.setVisible(bool(hint))
        if self.notified_check.isChecked():
            if self.notified_edit.error():
                errors["residence_notified_on"] = self.notified_edit.error()
            notified = self.notified_edit.value()
            if notified is not None and returned is not None:
                if notified < returned:
                    errors["residence_notified_on"] = self.tr("Before the return date")
                elif (notified - returned).days > lifecycle.RESIDENCE_NOTICE_DAYS:
                    warnings.append(
                        self.tr("Notified {days} days after the return (the law asks for {limit} days)").format(
                            days=(notified - returned).days, limit=lifecycle.RESIDENCE_NOTICE_DAYS
                        )
                    )
        return errors, warnings

    def save(self) -> Any:
        returned = self.date_edit.value()
        assert returned is not None
        notified = self.notified_check.isChecked()
        if self.editing is not None:
            return lifecycle.update_return(
                self.engine,
                return_id=self.editing.id,
                version=self.editing.version,
                returned_on=returned,
                reason=enum_data(self.reason_combo, ReturnReason) or ReturnReason.OTHER,
                timing=enum_data(self.timing_combo, ReturnTiming) or self.computed_timing(),
                residence_notified=notified,
                residence_notified_on=self.notified_edit.value() if notified else None,
                notes=self.notes_edit.text(),
            )
        return lifecycle.record_return(
            self.engine,
            departure_id=self.departure.id,
            returned_on=returned,
            reason=enum_data(self.reason_combo, ReturnReason) or ReturnReason.OTHER,
            timing=enum_data(self.timing_combo, ReturnTiming),
            residence_notified=notified,
            residence_notified_on=self.notified_edit.value() if notified else None,
            notes=self.notes_edit.text(),
        )


class ResidenceDialog(LifecycleDialog):
    """Khai báo cư trú — record (or correct) the residence notification of a return."""

    def __init__(self, engine: Any, person: PersonSummary, back: ReturnBrief, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.back = back
        self.setWindowTitle(self.tr("Residence notification — {name}").format(name=person.full_name))
        self.intro.setText(self.tr("Returned on {date}.").format(date=format_date(back.returned_on)))
        self.intro.show()
        self.notified_check = QCheckBox(self.tr("Residence notified to the commune police"), self)
        self.notified_check.setChecked(True)
        self.add_field("residence_notified", "", self.notified_check)
        self.notified_edit = DateLineEdit(self)
        self.notified_edit.set_date(back.residence_notified_on or date.today())
        self.add_field("residence_notified_on", self.tr("Notified &on:"), self.notified_edit)
        self.notified_check.toggled.connect(self.notified_edit.setEnabled)
        self.watch(self.notified_edit, self.notified_check)
        self.finish_layout()
        self.setMinimumWidth(440)

    def live_check(self) -> tuple[dict[str, str], list[str]]:
        errors = {}
        if self.notified_check.isChecked() and self.notified_edit.error():
            errors["residence_notified_on"] = self.notified_edit.error()
        return errors, []

    def save(self) -> Any:
        notified = self.notified_check.isChecked()
        return lifecycle.update_return(
            self.engine,
            return_id=self.back.id,
            version=self.back.version,
            residence_notified=notified,
            residence_notified_on=self.notified_edit.value() if notified else None,
        )


# --------------------------------------------------------------------------- follow-up


class FollowUpDialog(LifecycleDialog):
    """Theo dõi sau về nước — job, income, support needed."""

    def __init__(self, engine: Any, person: PersonSummary, back: ReturnBrief, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.back = back
        self.setWindowTitle(self.tr("Follow-up after return — {name}").format(name=person.full_name))
        self.intro.setText(self.tr("Returned on {date}.").format(date=format_date(back.returned_on)))
        self.intro.show()
        self.date_edit = DateLineEdit(self, required=True)
        self.date_edit.set_date(date.today())
        self.add_field("followed_on", self.tr("&Date:"), self.date_edit)
        self.employment_combo = QComboBox(self)
        fill_enum_combo(self.employment_combo, list(EmploymentAfterReturn))
        self.add_field("employment", self.tr("&Employment:"), self.employment_combo)
        self.income_edit = MoneyField(self)
        self.add_field("monthly_income", self.tr("Average monthly &income:"), self.income_edit)
        needs_box = QWidget(self)
        needs_layout = QVBoxLayout(needs_box)
        needs_layout.setContentsMargins(0, 0, 0, 0)
        self.need_checks: dict[SupportNeed, QCheckBox] = {}
        for need in SupportNeed:
            check = QCheckBox(need.label(_lang()), needs_box)
            needs_layout.addWidget(check)
            self.need_checks[need] = check
        self.add_field("support_needs", self.tr("Support needed:"), needs_box)
        needs_box.setFocusProxy(self.need_checks[SupportNeed.JOB_REFERRAL])
        self.notes_edit = QLineEdit(self)
        self.add_field("notes", self.tr("&Notes:"), self.notes_edit)
        self.watch(self.date_edit, self.income_edit)
        self.finish_layout()
        self.setMinimumWidth(460)

    def live_check(self) -> tuple[dict[str, str], list[str]]:
        errors = {}
        followed = self.date_edit.value()
        if self.date_edit.error():
            errors["followed_on"] = self.date_edit.error()
        elif followed is not None and followed < self.back.returned_on:
            errors["followed_on"] = self.tr("Before the return date ({date})").format(
                date=format_date(self.back.returned_on)
            )
        if self.income_edit.error():
            errors["monthly_income"] = self.income_edit.error()
        return errors, []

    def save(self) -> Any:
        followed = self.date_edit.value()
        assert followed is not None
        return lifecycle.record_follow_up(
            self.engine,
            return_id=self.back.id,
            followed_on=followed,
            employment=enum_data(self.employment_combo, EmploymentAfterReturn) or EmploymentAfterReturn.JOBLESS,
            monthly_income=self.income_edit.value(),
            support_needs=[need for need, check in self.need_checks.items() if check.isChecked()],
            notes=self.notes_edit.text(),
        )


__all__ = [
    "DepartureDialog",
    "FollowUpDialog",
    "LifecycleDialog",
    "MoneyField",
    "ResidenceDialog",
    "ReturnDialog",
    "ReviewDialog",
    "StatusAbroadDialog",
    "StatusChangeDialog",
]
