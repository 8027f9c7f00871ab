"""Forms of the club tab: the club, a household joining or leaving, a meeting, a visit.

Same habits as :mod:`.household_dialogs`: keyboard first (Enter saves, Esc cancels, the tab
order follows the form), Vietnamese messages under the fields as the user types, the service's
refusal under the form, and the dialog closes only once the service has saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
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

from ..domain.validation import check_phone, format_date, format_money, normalise_name, parse_money
from ..services.club import (
    ClubRow,
    MeetingDetail,
    create_club,
    join_club,
    leave_club,
    member_households_on,
    record_meeting,
    record_visit,
    update_club,
    update_meeting,
    update_visit,
)
from ..services.households import (
    MembershipRow,
    VisitRow,
    format_household_line,
    search_households,
)
from .household_dialogs import PersonPicker, ServiceForm, fill_commune_combo, select_commune
from .widgets import DateLineEdit

HOUSEHOLD_RESULTS = 50


def _required_date(field: DateLineEdit, missing: str) -> list[str]:
    if field.is_empty():
        return [missing]
    return field.errors()


class MoneyLineEdit(QLineEdit):
    """Whole đồng typed freely ("1,5 triệu", "500k", "1.500.000"); shown as 1.500.000 on leaving."""

    def amount(self) -> int | None:
        """The amount, 0 when empty, ``None`` when the text is not an amount."""
        if not self.text().strip():
            return 0
        try:
            return parse_money(self.text())
        except ValueError:
            return None

    def error(self) -> str:
        if not self.text().strip():
            return ""
        try:
            parse_money(self.text())
        except ValueError as error:
            return str(error)
        return ""

    def focusOutEvent(self, event: QFocusEvent) -> None:
        amount = self.amount()
        if amount and self.text() != format_money(amount):
            self.setText(format_money(amount))
        super().focusOutEvent(event)


# --------------------------------------------------------------------------- the club


class ClubDialog(ServiceForm):
    """CLB gia đình — name, commune, founding date, leader (a name or a registered worker), phone."""

    def __init__(self, engine: Any, club: ClubRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.club = club
        self.setWindowTitle(self.tr("Edit club") if club else self.tr("New club"))
        self.setMinimumWidth(560)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(160)
        self.add_row(self.tr("&Name:"), self.name_edit, "name")
        self.commune_combo = QComboBox(self)
        fill_commune_combo(self.commune_combo, engine)
        self.commune_combo.addItem(self.tr("(not stated)"), None)
        self.add_row(self.tr("&Commune:"), self.commune_combo, "commune_id")
        self.founded_edit = DateLineEdit(self)
        self.add_row(self.tr("&Founded on:"), self.founded_edit, "founded_on")
        self.leader_edit = QLineEdit(self)
        self.leader_edit.setMaxLength(120)
        self.add_row(self.tr("&Leader:"), self.leader_edit, "leader_name")
        self.leader_picker = PersonPicker(engine, self)
        self.add_row(self.tr("Leader is a registered &worker:"), self.leader_picker)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setMaxLength(20)
        self.add_row(self.tr("Leader's &phone:"), self.phone_edit, "leader_phone")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(56)
        self.add_row(self.tr("N&otes:"), self.notes_edit)
        self.finish_layout()
        if club is not None:
            self.name_edit.setText(club.name)
            select_commune(self.commune_combo, club.commune_id, club.commune)
            self.founded_edit.set_date(club.founded_on)
            self.leader_edit.setText(club.leader_name)
            self.phone_edit.setText(club.leader_phone or "")
            self.notes_edit.setPlainText(club.notes)
            self.leader_picker.set_person_id(engine, club.leader_person_id)
        self.leader_picker.person_changed.connect(self._on_leader_person)
        self.name_edit.textChanged.connect(self._check_name)
        self.founded_edit.date_changed.connect(self._check_founded)
        self.leader_edit.textChanged.connect(self._check_leader)
        self.phone_edit.textChanged.connect(self._check_phone)
        self.name_edit.setFocus()

    def _on_leader_person(self) -> None:
        person = self.leader_picker.person()
        if person is not None:
            self.leader_edit.setText(person.full_name)
            if person.phone and not self.phone_edit.text().strip():
                self.phone_edit.setText(person.phone)
        self.leader_edit.setReadOnly(person is not None)
        if self.isVisible():
            (self.phone_edit if person is not None else self.leader_picker.search_edit).setFocus()

    def _check_name(self) -> None:
        empty = not self.name_edit.text().strip()
        self.messages["name"].show_issues([self.tr("Enter the club's name")] if empty else [], [])

    def _check_founded(self) -> None:
        self.messages["founded_on"].show_issues(self.founded_edit.errors(), [])

    def _check_leader(self) -> None:
        text = self.leader_edit.text().strip()
        checked = normalise_name(text) if text else None
        self.messages["leader_name"].show_issues(checked.errors if checked else [], checked.warnings if checked else [])

    def _check_phone(self) -> None:
        text = self.phone_edit.text().strip()
        checked = check_phone(text) if text else None
        self.messages["leader_phone"].show_issues(
            checked.errors if checked else [], checked.warnings if checked else []
        )

    def check_all(self) -> None:
        self._check_name()
        self._check_founded()
        self._check_leader()
        self._check_phone()

    def save(self) -> int:
        person = self.leader_picker.person()
        values: dict[str, Any] = {
            "name": self.name_edit.text(),
            "commune_id": self.commune_combo.currentData(),
            "founded_on": self.founded_edit.value(),
            "leader_name": self.leader_edit.text(),
            "leader_person_id": person.id if person else None,
            "leader_phone": self.phone_edit.text(),
            "notes": self.notes_edit.toPlainText(),
        }
        if self.club is None:
            return create_club(self.engine, **values)
        update_club(self.engine, club_id=self.club.id, version=self.club.version, **values)
        return self.club.id


# --------------------------------------------------------------------------- memberships


class JoinClubDialog(ServiceForm):
    """Vào CLB — find a household that is in no club and the day it joins."""

    def __init__(self, engine: Any, club: ClubRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.club = club
        self.setWindowTitle(self.tr("Add a member household"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr("Households that are not in a club yet. Joining: {club}").format(club=club.name), self)
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        picker = QWidget(self)
        column = QVBoxLayout(picker)
        column.setContentsMargins(0, 0, 0, 0)
        self.search_edit = QLineEdit(picker)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Head's name, hamlet or phone"))
        column.addWidget(self.search_edit)
        self.results = QListWidget(picker)
        self.results.setMinimumHeight(180)
        column.addWidget(self.results)
        self.commune_check = QCheckBox(
            self.tr("Only households of {commune}").format(commune=club.commune or "—"), picker
        )
        self.commune_check.setChecked(club.commune_id is not None)
        self.commune_check.setVisible(club.commune_id is not None)
        column.addWidget(self.commune_check)
        self.add_row(self.tr("&Household:"), picker, "household_id")
        label = self.form.labelForField(picker.parentWidget())
        if isinstance(label, QLabel):
            label.setBuddy(self.search_edit)
        self.joined_edit = DateLineEdit(self)
        self.joined_edit.set_date(date.today())
        self.add_row(self.tr("&Joined on:"), self.joined_edit, "joined_on")
        self.finish_layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.joined_edit.date_changed.connect(self._check_joined)
        self.results.currentRowChanged.connect(lambda _r: self.messages["household_id"].clear_issues())
        self.commune_check.toggled.connect(lambda _c: self.search_now())
        self._ids: list[int] = []
        self.search_now()
        self.search_edit.setFocus()

    def search_now(self) -> None:
        self._timer.stop()
        self.results.clear()
        commune = self.club.commune_id if self.commune_check.isChecked() else None
        rows = search_households(
            self.engine, self.search_edit.text(), limit=HOUSEHOLD_RESULTS, in_club=False, commune_id=commune
        )
        self._ids = [r.id for r in rows]
        for row in rows:
            QListWidgetItem(format_household_line(row), self.results)
        if rows:
            self.results.setCurrentRow(0)

    def household_id(self) -> int | None:
        row = self.results.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _check_joined(self) -> None:
        self.messages["joined_on"].show_issues(_required_date(self.joined_edit, self.tr("Enter the day it joined")), [])

    def check_all(self) -> None:
        if self._timer.isActive():
            self.search_now()
        self._check_joined()
        missing = [self.tr("Choose a household from the list")] if self.household_id() is None else []
        self.messages["household_id"].show_issues(missing, [])

    def save(self) -> int:
        household_id = self.household_id()
        joined = self.joined_edit.value()
        assert household_id is not None and joined is not None
        return join_club(self.engine, club_id=self.club.id, household_id=household_id, joined_on=joined)


class LeaveClubDialog(ServiceForm):
    """Rời CLB — the day a member household left."""

    def __init__(self, engine: Any, membership: MembershipRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.membership = membership
        self.setWindowTitle(self.tr("End membership"))
        intro = QLabel(
            self.tr("{household} joined on {joined}. On which day did it leave the club?").format(
                household=format_household_line(membership), joined=format_date(membership.joined_on)
            ),
            self,
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.left_edit = DateLineEdit(self)
        self.left_edit.set_date(date.today())
        self.add_row(self.tr("&Left on:"), self.left_edit, "left_on")
        self.finish_layout()
        self.left_edit.date_changed.connect(self.check_all)
        self.left_edit.setFocus()
        self.left_edit.selectAll()

    def check_all(self) -> None:
        self.messages["left_on"].show_issues(_required_date(self.left_edit, self.tr("Enter the day it left")), [])

    def save(self) -> int:
        left = self.left_edit.value()
        assert left is not None
        leave_club(self.engine, membership_id=self.membership.id, left_on=left, version=self.membership.version)
        return self.membership.id


# --------------------------------------------------------------------------- meetings


class MeetingDialog(ServiceForm):
    """Sinh hoạt CLB — date, topic, place, fund contribution and the attending member households.

    The attendance list shows the households that were members on the meeting's day; it follows
    the date as it is typed, keeping the ticks of households still listed.
    """

    def __init__(
        self, engine: Any, club: ClubRow, meeting: MeetingDetail | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.club = club
        self.meeting = meeting
        self.setWindowTitle(self.tr("Edit meeting") if meeting else self.tr("New meeting"))
        self.setMinimumWidth(600)
        self.held_edit = DateLineEdit(self)
        self.add_row(self.tr("&Date:"), self.held_edit, "held_on")
        self.topic_edit = QLineEdit(self)
        self.topic_edit.setMaxLength(200)
        self.add_row(self.tr("&Topic:"), self.topic_edit, "topic")
        self.place_edit = QLineEdit(self)
        self.place_edit.setMaxLength(200)
        self.add_row(self.tr("&Place:"), self.place_edit, "place")
        self.fund_edit = MoneyLineEdit(self)
        self.fund_edit.setPlaceholderText(self.tr("VND, e.g. 500.000, 500k or 1.500.000"))
        self.add_row(self.tr("&Fund contribution:"), self.fund_edit, "fund_contribution")

        attendance = QWidget(self)
        column = QVBoxLayout(attendance)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.attendees = QListWidget(attendance)
        self.attendees.setMinimumHeight(200)
        column.addWidget(self.attendees)
        row = QHBoxLayout()
        self.all_button = QPushButton(self.tr("Tick &all"), attendance)
        self.none_button = QPushButton(self.tr("Untick all"), attendance)
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.attendance_label = QLabel(attendance)
        self.attendance_label.setObjectName("countValue")
        row.addWidget(self.attendance_label)
        column.addLayout(row)
        self.add_row(self.tr("Households a&ttending:"), attendance, "attending")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(56)
        self.add_row(self.tr("N&otes:"), self.notes_edit)
        self.finish_layout()

        self._ticked: set[int] = set(meeting.attendee_ids) if meeting else set()
        self._listed_for: date | None = None
        if meeting is not None:
            m = meeting.meeting
            self.held_edit.set_date(m.held_on)
            self.topic_edit.setText(m.topic)
            self.place_edit.setText(m.place)
            self.fund_edit.setText(format_money(m.fund_contribution) if m.fund_contribution else "")
            self.notes_edit.setPlainText(m.notes)
        else:
            self.held_edit.set_date(date.today())
        self.held_edit.date_changed.connect(self._on_date_changed)
        self.topic_edit.textChanged.connect(self._check_topic)
        self.fund_edit.textChanged.connect(self._check_fund)
        self.attendees.itemChanged.connect(self._on_item_changed)
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self._on_date_changed()
        (self.topic_edit if meeting is None else self.held_edit).setFocus()

    # -- attendance -------------------------------------------------------------------------

    def _on_date_changed(self) -> None:
        self.messages["held_on"].show_issues(_required_date(self.held_edit, self.tr("Enter the meeting's date")), [])
        held = self.held_edit.value()
        if held is None or held == self._listed_for:
            return
        self._listed_for = held
        members = member_households_on(self.engine, club_id=self.club.id, on=held)
        self.attendees.blockSignals(True)
        self.attendees.clear()
        for member in members:
            item = QListWidgetItem(format_household_line(member), self.attendees)
            item.setData(Qt.ItemDataRole.UserRole, member.household_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            ticked = member.household_id in self._ticked
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.attendees.blockSignals(False)
        self._show_count()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        household_id = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self._ticked.add(household_id)
        else:
            self._ticked.discard(household_id)
        self._show_count()

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for i in range(self.attendees.count()):
            self.attendees.item(i).setCheckState(state)

    def attending_ids(self) -> list[int]:
        """The ticked households among those listed for the date."""
        found = []
        for i in range(self.attendees.count()):
            item = self.attendees.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def tick(self, household_id: int, ticked: bool = True) -> None:
        for i in range(self.attendees.count()):
            item = self.attendees.item(i)
            if int(item.data(Qt.ItemDataRole.UserRole)) == household_id:
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def _show_count(self) -> None:
        listed = self.attendees.count()
        if listed == 0:
            self.attendance_label.setText(self.tr("No member household on that day"))
        else:
            self.attendance_label.setText(
                self.tr("{n} of {total} households").format(n=len(self.attending_ids()), total=listed)
            )

    # -- checks and saving ------------------------------------------------------------------

    def _check_topic(self) -> None:
        empty = not self.topic_edit.text().strip()
        self.messages["topic"].show_issues([self.tr("Enter what the meeting was about")] if empty else [], [])

    def _check_fund(self) -> None:
        error = self.fund_edit.error()
        self.messages["fund_contribution"].show_issues([error] if error else [], [])

    def check_all(self) -> None:
        self._on_date_changed()
        self._check_topic()
        self._check_fund()

    def save(self) -> int:
        held = self.held_edit.value()
        amount = self.fund_edit.amount()
        assert held is not None and amount is not None
        values: dict[str, Any] = {
            "held_on": held,
            "topic": self.topic_edit.text(),
            "place": self.place_edit.text(),
            "fund_contribution": amount,
            "attending_household_ids": self.attending_ids(),
            "notes": self.notes_edit.toPlainText(),
        }
        if self.meeting is None:
            return record_meeting(self.engine, club_id=self.club.id, **values)
        m = self.meeting.meeting
        update_meeting(self.engine, meeting_id=m.id, version=m.version, **values)
        return m.id


# --------------------------------------------------------------------------- visits


class VisitDialog(ServiceForm):
    """Thăm hỏi gia đình — which household, when, who visited, issues raised and the follow-up.

    Opened for a given household (from the not-visited list or a household's page) the household
    is fixed; otherwise it is chosen among the club's member households.
    """

    def __init__(
        self,
        engine: Any,
        *,
        club: ClubRow | None = None,
        household_id: int | None = None,
        household_text: str = "",
        visit: VisitRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.club = club
        self.visit = visit
        self.setWindowTitle(self.tr("Edit visit") if visit else self.tr("New visit to a family"))
        self.setMinimumWidth(600)
        self.household_combo = QComboBox(self)
        self.household_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if visit is not None:
            self.household_combo.addItem(format_household_line(visit), visit.household_id)
            self.household_combo.setEnabled(False)
        elif household_id is not None:
            self.household_combo.addItem(household_text or str(household_id), household_id)
        elif club is not None:
            self.household_combo.setEditable(True)
            self.household_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            for member in member_households_on(engine, club_id=club.id, on=date.today()):
                self.household_combo.addItem(format_household_line(member), member.household_id)
            completer = self.household_combo.completer()
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.household_combo.setCurrentIndex(-1)
        self.add_row(self.tr("&Household:"), self.household_combo, "household_id")
        self.visited_edit = DateLineEdit(self)
        self.add_row(self.tr("&Date of visit:"), self.visited_edit, "visited_on")
        self.visitor_edit = QLineEdit(self)
        self.visitor_edit.setMaxLength(160)
        self.add_row(self.tr("&Visited by:"), self.visitor_edit, "visitor")
        self.issues_edit = QPlainTextEdit(self)
        self.issues_edit.setTabChangesFocus(True)
        self.issues_edit.setFixedHeight(64)
        self.add_row(self.tr("&Issues raised:"), self.issues_edit, "issues_raised")
        self.follow_edit = QPlainTextEdit(self)
        self.follow_edit.setTabChangesFocus(True)
        self.follow_edit.setFixedHeight(56)
        self.add_row(self.tr("&Follow-up:"), self.follow_edit, "follow_up")
        done_row = QWidget(self)
        row = QHBoxLayout(done_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.done_check = QCheckBox(self.tr("Follow-up &done on:"), done_row)
        self.done_edit = DateLineEdit(done_row)
        row.addWidget(self.done_check)
        row.addWidget(self.done_edit, 1)
        self.add_row("", done_row, "follow_up_on")
        self.finish_layout()

        if visit is not None:
            self.visited_edit.set_date(visit.visited_on)
            self.visitor_edit.setText(visit.visitor)
            self.issues_edit.setPlainText(visit.issues_raised)
            self.follow_edit.setPlainText(visit.follow_up)
            self.done_check.setChecked(visit.follow_up_done)
            self.done_edit.set_date(visit.follow_up_on)
        else:
            self.visited_edit.set_date(date.today())
            if club is not None and club.leader_name:
                self.visitor_edit.setText(self.tr("{leader} (club leader)").format(leader=club.leader_name))
        self.done_edit.setEnabled(self.done_check.isChecked())
        self.done_check.toggled.connect(self._on_done_toggled)
        self.visited_edit.date_changed.connect(self._check_visited)
        self.visitor_edit.textChanged.connect(self._check_visitor)
        self.done_edit.date_changed.connect(self._check_done)
        if visit is None and household_id is None and club is not None:
            self.household_combo.setFocus()
        else:
            self.issues_edit.setFocus()
        self.setTabOrder(self.household_combo, self.visited_edit)
        self.setTabOrder(self.visited_edit, self.visitor_edit)
        self.setTabOrder(self.visitor_edit, self.issues_edit)
        self.setTabOrder(self.issues_edit, self.follow_edit)
        self.setTabOrder(self.follow_edit, self.done_check)
        self.setTabOrder(self.done_check, self.done_edit)

    def _on_done_toggled(self, done: bool) -> None:
        self.done_edit.setEnabled(done)
        if done and self.done_edit.is_empty():
            self.done_edit.set_date(date.today())
        if not done:
            self.done_edit.clear()
        self._check_done()

    def household_id(self) -> int | None:
        index = self.household_combo.currentIndex()
        if index < 0:
            return None
        if self.household_combo.isEditable() and self.household_combo.currentText() != self.household_combo.itemText(
            index
        ):
            return None
        data = self.household_combo.itemData(index)
        return int(data) if data is not None else None

    def _check_visited(self) -> None:
        self.messages["visited_on"].show_issues(
            _required_date(self.visited_edit, self.tr("Enter the day of the visit")), []
        )

    def _check_visitor(self) -> None:
        empty = not self.visitor_edit.text().strip()
        self.messages["visitor"].show_issues([self.tr("Enter who visited")] if empty else [], [])

    def _check_done(self) -> None:
        errors = self.done_edit.errors() if self.done_check.isChecked() else []
        self.messages["follow_up_on"].show_issues(errors, [])

    def check_all(self) -> None:
        missing = [self.tr("Choose a household from the list")] if self.household_id() is None else []
        self.messages["household_id"].show_issues(missing, [])
        self._check_visited()
        self._check_visitor()
        self._check_done()

    def save(self) -> int:
        household_id = self.household_id()
        visited = self.visited_edit.value()
        assert household_id is not None and visited is not None
        done = self.done_check.isChecked()
        values: dict[str, Any] = {
            "visited_on": visited,
            "visitor": self.visitor_edit.text(),
            "issues_raised": self.issues_edit.toPlainText(),
            "follow_up": self.follow_edit.toPlainText(),
            "follow_up_done": done,
            "follow_up_on": self.done_edit.value() if done else None,
        }
        if self.visit is None:
            return record_visit(
                self.engine,
                household_id=household_id,
                club_id=self.club.id if self.club is not None else None,
                **values,
            )
        update_visit(self.engine, visit_id=self.visit.id, version=self.visit.version, **values)
        return self.visit.id
