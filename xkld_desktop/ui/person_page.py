"""Hồ sơ người lao động — one person's page: who they are, where they are now, their whole story.

The header shows the key facts (birth date and age, CCCD, phone, hamlet and commune, household)
and the present status with what is going on (the departure in progress, the latest return).
Below, the timeline of ``services.timeline`` — newest first, each entry a dated title with its
details under it. Action buttons (review, register, departure, status abroad, return,
follow-up, and more) are enabled only when ``services.lifecycle`` allows the action; each opens
its form from :mod:`.lifecycle_dialogs`, and the page reloads after a save. Departures, returns
and follow-ups can be deleted from the timeline (context menu or Delete), after a question that
names what goes with them. A recorded departure or return is corrected in its own form, filled
with what was recorded: More ▸ Edit the departure… / Edit the return… (the selected entry's,
else the latest), the timeline's context menu, or Enter on the entry. "Print record sheet…"
saves the person's record sheet (phiếu thông tin, ``services.person_sheet``) as PDF or prints it.

The people list opens it with ``PersonPage(db, person_id, parent)``; signal ``changed`` tells
the list that the person's records changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import PersonStatus, StatusAbroad
from ..domain.validation import format_date
from ..services import lifecycle
from ..services.errors import NotFound, Refused
from ..services.lifecycle import LifecycleAction
from ..services.timeline import PersonSummary, TimelineEntry, TimelineKind, person_summary, person_timeline
from .i18n import current_language
from .lifecycle_dialogs import (
    DepartureDialog,
    FollowUpDialog,
    LifecycleDialog,
    ResidenceDialog,
    ReturnDialog,
    ReviewDialog,
    StatusAbroadDialog,
    StatusChangeDialog,
)
from .person_form import PersonForm
from .tasks import user_message
from .widgets import ask_yes_no

#: colour of the status badge and of the timeline titles
STATUS_COLOURS: dict[PersonStatus, str] = {
    PersonStatus.CANDIDATE: "#52606d",
    PersonStatus.REGISTERED: "#1d5fbf",
    PersonStatus.TRAINING: "#1d5fbf",
    PersonStatus.DEPARTED: "#0b6e4f",
    PersonStatus.WORKING_ABROAD: "#0b6e4f",
    PersonStatus.RETURNED: "#6b4fbb",
    PersonStatus.ABSCONDED: "#b00020",
    PersonStatus.DIED: "#3e4c59",
    PersonStatus.MISSING: "#b00020",
    PersonStatus.WITHDRAWN: "#7b8794",
}
KIND_COLOURS: dict[TimelineKind, str] = {
    TimelineKind.REVIEW: "#3e4c59",
    TimelineKind.OUTREACH: "#3e4c59",
    TimelineKind.FOLLOW_UP: "#6b4fbb",
}

STYLE_SHEET = """
#personName { font-size: 16pt; font-weight: 600; color: #1f2933; }
#statusBadge { color: #ffffff; border-radius: 10px; padding: 3px 10px; font-weight: 600; }
#situation { color: #1f2933; }
#factCaption { color: #616e7c; }
#factValue { color: #1f2933; }
#header { background: #f6f8fb; border: 1px solid #dce2ea; border-radius: 6px; }
QTreeWidget#timeline { border: 1px solid #dce2ea; }
"""

#: role of a timeline item that holds its :class:`TimelineEntry`
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class PersonPage(QDialog):
    """The page of one person (see the module docstring). ``summary`` and ``entries`` hold what
    is shown; ``current_dialog`` is the action form open at the moment (``None`` otherwise).
    """

    changed = Signal()

    def __init__(self, db: Any, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = getattr(db, "engine", db)
        self.person_id = person_id
        self.summary: PersonSummary | None = None
        self.entries: list[TimelineEntry] = []
        self.current_dialog: QDialog | None = None
        self.setObjectName("personPage")
        self.setStyleSheet(STYLE_SHEET)
        self.setSizeGripEnabled(True)
        self.resize(980, 720)

        outer = QVBoxLayout(self)
        outer.setSpacing(10)
        outer.addWidget(self._build_header())
        outer.addLayout(self._build_actions())
        self.timeline_label = QLabel(self)
        self.timeline_label.setObjectName("factCaption")
        outer.addWidget(self.timeline_label)
        self.timeline = QTreeWidget(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setColumnCount(2)
        self.timeline.setRootIsDecorated(False)
        self.timeline.setUniformRowHeights(False)
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(False)
        self.timeline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.header().setStretchLastSection(True)
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.timeline.customContextMenuRequested.connect(self._timeline_menu)
        outer.addWidget(self.timeline, 1)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_buttons.rejected.connect(self.reject)
        outer.addWidget(self.close_buttons)

        # Delete and F2 on the timeline are read here: the item view would take F2 for itself.
        self.timeline.installEventFilter(self)

        self.retranslate_ui()
        self.refresh()
        self.timeline.setFocus()

    # -- construction -----------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        header = QFrame(self)
        header.setObjectName("header")
        layout = QVBoxLayout(header)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.name_label = QLabel(header)
        self.name_label.setObjectName("personName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(header)
        self.status_label.setObjectName("statusBadge")
        top.addWidget(self.name_label)
        top.addSpacing(12)
        top.addWidget(self.status_label)
        top.addStretch(1)
        layout.addLayout(top)
        self.situation_label = QLabel(header)
        self.situation_label.setObjectName("situation")
        self.situation_label.setWordWrap(True)
        layout.addWidget(self.situation_label)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.fact_captions: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        keys = ("birth", "id_number", "phone", "place", "household", "policy")
        for index, key in enumerate(keys):
            caption, value = QLabel(header), QLabel(header)
            caption.setObjectName("factCaption")
            value.setObjectName("factValue")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            row, column = divmod(index, 2)
            grid.addWidget(caption, row, column * 2)
            grid.addWidget(value, row, column * 2 + 1)
            self.fact_captions[key] = caption
            self.fact_values[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        return header

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.review_button = QPushButton(self)
        self.register_button = QPushButton(self)
        self.departure_button = QPushButton(self)
        self.status_abroad_button = QPushButton(self)
        self.return_button = QPushButton(self)
        self.follow_up_button = QPushButton(self)
        self.more_button = QToolButton(self)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.training_action = QAction(self.more_menu)
        self.withdraw_action = QAction(self.more_menu)
        self.residence_action = QAction(self.more_menu)
        self.died_action = QAction(self.more_menu)
        self.missing_action = QAction(self.more_menu)
        # Sửa lần xuất cảnh / về nước đã ghi (the selected timeline entry's, else the latest)
        self.edit_departure_action = QAction(self.more_menu)
        self.edit_return_action = QAction(self.more_menu)
        self.more_menu.addAction(self.edit_departure_action)
        self.more_menu.addAction(self.edit_return_action)
        self.more_menu.addSeparator()
        for action in (self.training_action, self.withdraw_action, self.residence_action):
            self.more_menu.addAction(action)
        self.more_menu.addSeparator()
        self.more_menu.addAction(self.died_action)
        self.more_menu.addAction(self.missing_action)
        # Xóa dữ liệu theo yêu cầu (administrators; see ui.recycle_bin_dialog)
        self.erase_separator = self.more_menu.addSeparator()
        self.erase_action = QAction(self.more_menu)
        self.erase_action.triggered.connect(lambda: self.erase_on_request())
        self.more_menu.addAction(self.erase_action)
        self.more_button.setMenu(self.more_menu)
        buttons: list[QWidget] = [
            self.review_button,
            self.register_button,
            self.departure_button,
            self.status_abroad_button,
            self.return_button,
            self.follow_up_button,
            self.more_button,
        ]
        for button in buttons:
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.sheet_button = QToolButton(self)
        self.sheet_button.setObjectName("sheetButton")
        self.sheet_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sheet_menu = QMenu(self.sheet_button)
        self.sheet_pdf_action = self.sheet_menu.addAction("")
        self.sheet_print_action = self.sheet_menu.addAction("")
        self.sheet_button.setMenu(self.sheet_menu)
        self.sheet_pdf_action.triggered.connect(lambda: self.save_sheet_pdf())
        self.sheet_print_action.triggered.connect(lambda: self.print_sheet())
        row.addWidget(self.sheet_button)
        self.edit_button = QPushButton(self)
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self.open_edit_form)
        self.edit_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F2), self)
        self.edit_shortcut.activated.connect(self.open_edit_form)
        row.addWidget(self.edit_button)

        self.review_button.clicked.connect(self.open_review)
        self.register_button.clicked.connect(lambda: self.open_status_change(LifecycleAction.REGISTER))
        self.departure_button.clicked.connect(self.open_departure)
        self.status_abroad_button.clicked.connect(self.open_status_abroad)
        self.return_button.clicked.connect(self.open_return)
        self.follow_up_button.clicked.connect(self.open_follow_up)
        self.training_action.triggered.connect(lambda: self.open_status_change(LifecycleAction.START_TRAINING))
        self.withdraw_action.triggered.connect(lambda: self.open_status_change(LifecycleAction.WITHDRAW))
        self.died_action.triggered.connect(lambda: self.open_status_change(LifecycleAction.MARK_DIED))
        self.missing_action.triggered.connect(lambda: self.open_status_change(LifecycleAction.MARK_MISSING))
        self.residence_action.triggered.connect(self.open_residence)
        self.edit_departure_action.triggered.connect(lambda: self.open_edit_departure())
        self.edit_return_action.triggered.connect(lambda: self.open_edit_return())
        return row

    def retranslate_ui(self) -> None:
        self.review_button.setText(self.tr("&Review…"))
        self.review_button.setToolTip(self.tr("Record the yearly review of this person"))
        self.register_button.setText(self.tr("Re&gister…"))
        self.departure_button.setText(self.tr("&Departure…"))
        self.status_abroad_button.setText(self.tr("Status &abroad…"))
        self.return_button.setText(self.tr("Re&turn…"))
        self.follow_up_button.setText(self.tr("&Follow-up…"))
        self.more_button.setText(self.tr("&More"))
        self.training_action.setText(self.tr("Start of &training…"))
        self.withdraw_action.setText(self.tr("&Withdrawal…"))
        self.residence_action.setText(self.tr("Residence &notification…"))
        self.edit_departure_action.setText(self.tr("Edit the de&parture…"))
        self.edit_departure_action.setToolTip(self.tr("Correct a recorded departure: date, market, company, contract…"))
        self.edit_return_action.setText(self.tr("Edit the ret&urn…"))
        self.edit_return_action.setToolTip(self.tr("Correct a recorded return: date, reason, residence notification"))
        self.died_action.setText(self.tr("Mark as &died…"))
        self.missing_action.setText(self.tr("Mark as &missing…"))
        self.erase_action.setText(self.tr("Erase this person's data on request…"))
        self.sheet_button.setText(self.tr("Print record &sheet…"))
        self.sheet_button.setToolTip(self.tr("The worker's record sheet: identity, household and the whole history"))
        self.sheet_pdf_action.setText(self.tr("Save as &PDF…"))
        self.sheet_print_action.setText(self.tr("&Print…"))
        self.edit_button.setText(self.tr("&Edit… (F2)"))
        self.edit_button.setToolTip(self.tr("Edit the identity, address and other details"))
        captions = {
            "birth": self.tr("Date of birth:"),
            "id_number": self.tr("ID number:"),
            "phone": self.tr("Phone:"),
            "place": self.tr("Lives in:"),
            "household": self.tr("Household:"),
            "policy": self.tr("Policy groups:"),
        }
        for key, text in captions.items():
            self.fact_captions[key].setText(text)
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("What happened")])
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._reread_in_language()
        super().changeEvent(event)

    def _reread_in_language(self) -> None:
        """Read the header and the history again in the new language (the services write them)."""
        if self.summary is None:
            return
        try:
            self.summary, self.entries = self._read()
        except Exception:  # gone or unreachable: keep what is shown; the next refresh says why
            return
        self._show()

    def _read(self) -> tuple[PersonSummary, list[TimelineEntry]]:
        """The header and the history, in the language of the interface."""
        lang = current_language()
        return person_summary(self.engine, self.person_id, lang=lang), person_timeline(
            self.engine, self.person_id, lang=lang
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.timeline and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
            if key == Qt.Key.Key_F2:
                self.open_edit_form()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._edit_entry(self.selected_entry()):
                return True
        return super().eventFilter(watched, event)

    # -- data -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the person and the timeline again and show them."""
        try:
            self.summary, self.entries = self._read()
        except NotFound as gone:
            self.summary = None
            self.entries = []
            self.show_refusal(gone.message)
        self._show()

    def _show(self) -> None:
        summary = self.summary
        lang = current_language()
        if summary is None:
            self.setWindowTitle(self.tr("Worker"))
            self.name_label.setText("")
            self.status_label.hide()
            self.situation_label.setText("")
            for value in self.fact_values.values():
                value.setText("")
            self.timeline.clear()
            self._enable_actions(frozenset())
            return
        self.setWindowTitle(self.tr("Worker — {name}").format(name=summary.full_name))
        self.name_label.setText(summary.full_name)
        self.status_label.setText(summary.status.label(lang))
        colour = STATUS_COLOURS.get(summary.status, "#52606d")
        self.status_label.setStyleSheet(f"background: {colour};")
        self.status_label.show()
        self.situation_label.setText(self._situation(summary))
        gender = summary.gender.label(lang) if summary.gender else ""
        birth = summary.birth_text if lang == "vi" else format_date(summary.date_of_birth, summary.birth_precision)
        values = {
            "birth": ", ".join(part for part in (birth, gender) if part),
            "id_number": summary.id_number or "",
            "phone": summary.phone or "",
            "place": summary.place_text,
            "household": (
                self.tr("{head} (head) — {relationship}").format(
                    head=summary.household.head_name, relationship=summary.household.relationship
                )
                if summary.household
                else ""
            ),
            "policy": ", ".join(group.label(lang) for group in summary.policy_groups),
        }
        for key, text in values.items():
            self.fact_values[key].setText(text or "—")
        self._enable_actions(summary.actions)
        self.residence_action.setEnabled(
            summary.latest_return is not None and not summary.latest_return.residence_notified
        )
        kinds = {entry.kind for entry in self.entries}
        self.edit_departure_action.setEnabled(TimelineKind.DEPARTURE in kinds)
        self.edit_return_action.setEnabled(TimelineKind.RETURN in kinds)
        self._fill_timeline()

    def _situation(self, summary: PersonSummary) -> str:
        dep = summary.open_departure
        back = summary.latest_return
        if summary.status_since is not None:
            since = self.tr("Since {date}.").format(date=format_date(summary.status_since))
        else:
            since = ""
        parts = [since] if since else []
        if dep is not None:
            text = self.tr("Abroad in {market} since {date}").format(
                market=dep.market_name, date=format_date(dep.departed_on)
            )
            if dep.expected_end_on:
                text += self.tr(", contract until {date}").format(date=format_date(dep.expected_end_on))
            if dep.status_abroad is not StatusAbroad.WORKING:
                text += f" — {dep.status_abroad.label(current_language())}"
            parts.append(text + ".")
        elif back is not None:
            text = self.tr("Returned on {date} ({timing})").format(
                date=format_date(back.returned_on), timing=back.timing.label(current_language()).lower()
            )
            if back.residence_notified:
                text += self.tr(", residence notified")
            else:
                text += self.tr(", residence not notified yet")
            text += self.tr(", {count} follow-up(s)").format(count=back.follow_ups)
            parts.append(text + ".")
        return " ".join(parts)

    def _enable_actions(self, actions: frozenset[LifecycleAction]) -> None:
        self.review_button.setEnabled(LifecycleAction.REVIEW in actions)
        self.register_button.setEnabled(LifecycleAction.REGISTER in actions)
        self.departure_button.setEnabled(LifecycleAction.DEPARTURE in actions)
        self.status_abroad_button.setEnabled(LifecycleAction.STATUS_ABROAD in actions)
        self.return_button.setEnabled(LifecycleAction.RETURN in actions)
        self.follow_up_button.setEnabled(LifecycleAction.FOLLOW_UP in actions)
        self.training_action.setEnabled(LifecycleAction.START_TRAINING in actions)
        self.withdraw_action.setEnabled(LifecycleAction.WITHDRAW in actions)
        self.died_action.setEnabled(LifecycleAction.MARK_DIED in actions)
        self.missing_action.setEnabled(LifecycleAction.MARK_MISSING in actions)
        self.edit_button.setEnabled(self.summary is not None)
        self.sheet_button.setEnabled(self.summary is not None)
        from .recycle_bin_dialog import may_erase

        erasable = self.summary is not None and may_erase(self.engine)
        self.erase_action.setVisible(erasable)
        self.erase_separator.setVisible(erasable)

    def _fill_timeline(self) -> None:
        self.timeline.clear()
        count = len(self.entries)
        self.timeline_label.setText(self.tr("History ({count} entries, newest first)").format(count=count))
        bold = QFont(self.timeline.font())
        bold.setBold(True)
        grey = QBrush(QColor("#52606d"))
        # a little air above each entry's title, so that entries do not run together
        title_height = QFontMetrics(bold).height() + 10
        for entry in reversed(self.entries):
            item = QTreeWidgetItem([format_date(entry.on), entry.title])
            item.setData(0, ENTRY_ROLE, entry)
            item.setFont(1, bold)
            item.setSizeHint(1, QSize(0, title_height))
            for column in (0, 1):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            colour = KIND_COLOURS.get(entry.kind) or STATUS_COLOURS.get(entry.status or PersonStatus.CANDIDATE)
            item.setForeground(1, QBrush(QColor(colour or "#1f2933")))
            item.setToolTip(1, "\n".join(entry.details))
            for line in entry.details:
                child = QTreeWidgetItem(["", line])
                child.setForeground(1, grey)
                child.setData(0, ENTRY_ROLE, entry)
                child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.addChild(child)
            self.timeline.addTopLevelItem(item)
            item.setExpanded(True)
        if self.timeline.topLevelItemCount():
            self.timeline.setCurrentItem(self.timeline.topLevelItem(0))

    def timeline_texts(self) -> list[str]:
        """What the timeline shows, top to bottom, one string per entry: "date  title | details"."""
        texts = []
        for index in range(self.timeline.topLevelItemCount()):
            item = self.timeline.topLevelItem(index)
            details = [item.child(i).text(1) for i in range(item.childCount())]
            texts.append(" | ".join([f"{item.text(0)}  {item.text(1)}", *details]))
        return texts

    # -- messages ---------------------------------------------------------------------------

    def show_refusal(self, message: str) -> None:
        """Tell the user why something is not possible (tests patch or record it)."""
        QMessageBox.warning(self, self.tr("Not possible"), message)

    def ask(self, title: str, text: str) -> bool:
        """A yes/no question; tests patch it or answer through QMessageBox.question."""
        return ask_yes_no(self, title, text)

    # -- actions ----------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> QDialog:
        """Show *dialog* window-modal without blocking; reload after it saved."""
        self.current_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if isinstance(dialog, LifecycleDialog):
            dialog.saved.connect(self._after_save)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.current_dialog is dialog:
            self.current_dialog = None

    def _after_save(self, _outcome: Any = None) -> None:
        self.refresh()
        self.changed.emit()

    def open_review(self) -> QDialog | None:
        if self.summary is None:
            return None
        return self._open(ReviewDialog(self.engine, self.summary, self))

    def open_status_change(self, action: LifecycleAction) -> QDialog | None:
        if self.summary is None:
            return None
        return self._open(StatusChangeDialog(self.engine, self.summary, action, self))

    def open_departure(self) -> QDialog | None:
        if self.summary is None:
            return None
        return self._open(DepartureDialog(self.engine, self.summary, self))

    def open_status_abroad(self) -> QDialog | None:
        if self.summary is None or self.summary.open_departure is None:
            return None
        return self._open(StatusAbroadDialog(self.engine, self.summary, self.summary.open_departure, self))

    def open_return(self) -> QDialog | None:
        if self.summary is None or self.summary.open_departure is None:
            return None
        return self._open(ReturnDialog(self.engine, self.summary, self.summary.open_departure, self))

    def open_follow_up(self) -> QDialog | None:
        if self.summary is None or self.summary.latest_return is None:
            return None
        return self._open(FollowUpDialog(self.engine, self.summary, self.summary.latest_return, self))

    def open_residence(self) -> QDialog | None:
        if self.summary is None or self.summary.latest_return is None:
            return None
        return self._open(ResidenceDialog(self.engine, self.summary, self.summary.latest_return, self))

    def _edit_target(self, kind: TimelineKind) -> int | None:
        """The departure (or return) to correct: the selected entry's, else the latest recorded."""
        entry = self.selected_entry()
        if entry is not None:
            own = entry.record_id if entry.kind is kind else None
            linked = entry.departure_id if kind is TimelineKind.DEPARTURE else entry.return_id
            if own or linked:
                return own or linked
        latest = [e for e in self.entries if e.kind is kind]
        return max(latest, key=lambda e: (e.on, e.record_id)).record_id if latest else None

    def open_edit_departure(self, departure_id: int | None = None) -> QDialog | None:
        """The departure form filled with a recorded departure (*departure_id*, else see :meth:`_edit_target`)."""
        departure_id = departure_id or self._edit_target(TimelineKind.DEPARTURE)
        if self.summary is None or departure_id is None:
            return None
        try:
            info = lifecycle.get_departure(self.engine, departure_id)
        except (Refused, NotFound) as gone:
            self.show_refusal(gone.message)
            self.refresh()
            return None
        return self._open(DepartureDialog(self.engine, self.summary, self, editing=info))

    def open_edit_return(self, return_id: int | None = None) -> QDialog | None:
        """The return form filled with a recorded return (*return_id*, else see :meth:`_edit_target`)."""
        return_id = return_id or self._edit_target(TimelineKind.RETURN)
        if self.summary is None or return_id is None:
            return None
        try:
            info = lifecycle.get_return(self.engine, return_id)
        except (Refused, NotFound) as gone:
            self.show_refusal(gone.message)
            self.refresh()
            return None
        return self._open(ReturnDialog(self.engine, self.summary, None, self, editing=info))

    def _edit_entry(self, entry: TimelineEntry | None) -> bool:
        """Enter on a departure or return entry opens its correction form (when the user may write)."""
        if entry is None:
            return False
        if entry.kind is TimelineKind.DEPARTURE and self.edit_departure_action.isVisible():
            return self.open_edit_departure(entry.record_id) is not None
        if entry.kind is TimelineKind.RETURN and self.edit_return_action.isVisible():
            return self.open_edit_return(entry.record_id) is not None
        return False

    def open_edit_form(self) -> QDialog | None:
        """The person form (identity, address…) for this person."""
        if self.summary is None:
            return None
        try:
            form = PersonForm(self.engine, self.person_id, self)
        except NotFound as gone:
            self.show_refusal(gone.message)
            self.refresh()
            return None
        form.saved.connect(lambda _person_id: self._after_save())
        return self._open(form)

    def erase_on_request(self) -> QDialog | None:
        """More ▸ Erase this person's data on request…: the confirmation dialog; the page closes after."""
        if self.summary is None:
            return None
        from ..services.errors import ServiceError
        from .recycle_bin_dialog import ErasureDialog

        try:
            dialog = ErasureDialog(self.engine, self.person_id, self)
        except ServiceError as refusal:  # not allowed, or already gone
            self.show_refusal(refusal.message)
            return None

        def erased(_result: Any) -> None:
            self.changed.emit()
            self.accept()

        dialog.erased.connect(erased)
        return self._open(dialog)

    # -- the record sheet (phiếu thông tin) --------------------------------------------------
    # Save as PDF writes the official A4 sheet (services.person_sheet, reportlab). Print prints the
    # same data laid out as HTML in a QTextDocument: printing the PDF itself would need a PDF
    # rasteriser (QtPdf, pdfium, poppler) that the installer does not carry. One person's sheet
    # takes about 0.1 s, so both run in the UI thread without a progress bar.

    def ask_save_path(self, caption: str, suggested: str, file_filter: str) -> str:
        """The file to write (empty when the user cancelled); tests patch QFileDialog or this."""
        from PySide6.QtWidgets import QFileDialog

        path, _chosen = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return path

    def save_sheet_pdf(self) -> str | None:
        """Ask for a file and write the record sheet there as PDF; the path written, or None."""
        if self.summary is None:
            return None
        from ..domain.text import fold

        stem = "-".join(fold(self.summary.full_name).split()) or str(self.person_id)
        path = self.ask_save_path(
            self.tr("Save the record sheet as PDF"), f"phieu-thong-tin-{stem}.pdf", self.tr("PDF (*.pdf)")
        )
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        from ..services.person_sheet import write_person_sheet

        try:
            write_person_sheet(self.engine, person_id=self.person_id, path=path)
        except NotFound as gone:
            self.show_refusal(gone.message)
            self.refresh()
            return None
        except OSError as error:
            self.show_refusal(self.tr("The file could not be written: {error}").format(error=error.strerror or error))
            return None
        except Exception as error:  # the database (e.g. read-only) refused the audit line: no file
            from .tasks import user_message

            message = user_message(error)
            if message is None:
                raise
            self.show_refusal(message)
            return None
        QMessageBox.information(self, self.tr("Record sheet"), self.tr("Record sheet saved: {path}").format(path=path))
        return path

    def print_sheet(self, printer: Any = None) -> bool:
        """Print the record sheet; without *printer*, ask with Qt's print dialog. True if printed."""
        if self.summary is None:
            return False
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ..services.person_sheet import person_sheet, sheet_html

        try:
            sheet = person_sheet(self.engine, person_id=self.person_id)
        except NotFound as gone:
            self.show_refusal(gone.message)
            self.refresh()
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        document = QTextDocument(self)
        font = QFont("Liberation Serif")
        font.setPointSize(11)
        document.setDefaultFont(font)
        document.setHtml(sheet_html(sheet))
        from ..services.audit import record_print  # printed personal data gets its audit line first
        from .tasks import user_message

        try:
            record_print(self.engine, kind="person_sheet", person_id=self.person_id)
        except Exception as error:
            message = user_message(error)
            if message is None:
                raise
            self.show_refusal(message)
            return False
        document.print_(printer)
        return True

    # -- deleting from the timeline ---------------------------------------------------------

    def selected_entry(self) -> TimelineEntry | None:
        item = self.timeline.currentItem()
        entry = item.data(0, ENTRY_ROLE) if item is not None else None
        return entry if isinstance(entry, TimelineEntry) else None

    def _timeline_menu(self, position: QPoint) -> None:
        item = self.timeline.itemAt(position)
        entry = item.data(0, ENTRY_ROLE) if item is not None else None
        if not isinstance(entry, TimelineEntry):
            return
        menu = QMenu(self)
        if entry.kind is TimelineKind.DEPARTURE and self.edit_departure_action.isVisible():
            menu.addAction(self.tr("Edit this departure…"), lambda: self.open_edit_departure(entry.record_id))
        if entry.kind is TimelineKind.RETURN and self.edit_return_action.isVisible():
            menu.addAction(self.tr("Edit this return…"), lambda: self.open_edit_return(entry.record_id))
        text = self._delete_text(entry)
        if text:
            menu.addAction(text, lambda: self.delete_entry(entry))
        latest = self.summary.latest_return if self.summary else None
        if entry.kind is TimelineKind.RETURN and latest is not None and latest.id == entry.return_id:
            menu.addAction(self.residence_action)
        if not menu.isEmpty():
            menu.exec(self.timeline.viewport().mapToGlobal(position))

    def _delete_text(self, entry: TimelineEntry) -> str:
        if entry.kind is TimelineKind.DEPARTURE:
            return self.tr("Delete this departure…")
        if entry.kind is TimelineKind.RETURN:
            return self.tr("Delete this return…")
        if entry.kind is TimelineKind.FOLLOW_UP:
            return self.tr("Delete this follow-up…")
        return ""

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None and self._delete_text(entry):
            self.delete_entry(entry)

    def delete_entry(self, entry: TimelineEntry) -> bool:
        """Ask (naming what goes with it), then soft-delete the entry's record; True if deleted."""
        try:
            if entry.kind is TimelineKind.DEPARTURE:
                impact = lifecycle.departure_impact(self.engine, departure_id=entry.record_id)
                if not self.ask(self.tr("Delete the departure?"), impact.message):
                    return False
                lifecycle.delete_departure(self.engine, departure_id=entry.record_id, version=impact.version)
            elif entry.kind is TimelineKind.RETURN:
                impact = lifecycle.return_impact(self.engine, return_id=entry.record_id)
                if not self.ask(self.tr("Delete the return?"), impact.message):
                    return False
                lifecycle.delete_return(self.engine, return_id=entry.record_id, version=impact.version)
            elif entry.kind is TimelineKind.FOLLOW_UP:
                question = self.tr("Delete the follow-up of {date}?").format(date=format_date(entry.on))
                if not self.ask(self.tr("Delete the follow-up?"), question):
                    return False
                lifecycle.delete_follow_up(self.engine, follow_up_id=entry.record_id, version=entry.version)
            else:
                return False
        except (Refused, NotFound) as refusal:
            self.show_refusal(refusal.message)
            self.refresh()
            return False
        except Exception as error:  # the database locked, read-only, full…: said in Vietnamese
            message = user_message(error)
            if message is None:
                raise  # a bug: the crash handler's report
            self.show_refusal(message)
            return False
        self._after_save()
        return True
