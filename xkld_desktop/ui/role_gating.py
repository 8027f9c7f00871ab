"""Quyền trên giao diện — hide what the logged-in user's role may not do.

The services refuse anyway (``services.access``); the window must not offer buttons that would
only bring a refusal. :func:`apply_gating` runs after every change of database or user;
:func:`gate_dialog` when a dialog such as the person's page opens.

A gated widget or action is hidden; a widget its pane shows again later (a panel that shows
its buttons when a record is chosen) is hidden again by a small event filter. Only what this
module hid is shown again when another user may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

GATED_PROPERTY = "xkldGated"
WAS_HIDDEN_PROPERTY = "xkldHiddenBeforeGating"

#: (permission names, any of which allows) — keys are strings so that nothing of the services
#: loads with the window
WRITE = ("records_write",)
WRITE_OR_CLUB = ("records_write", "club_own")

#: attribute paths from the main window, and what they need
WINDOW_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("import_action", ("import",)),
    ("import_history_action", ("import",)),
    ("backup_action", ("backup_restore",)),
    ("restore_action", ("backup_restore",)),
    ("audit_log_action", ("audit_read",)),
    ("recycle_bin_action", ("data_erase",)),
)

#: attribute paths from a pane (by its pane_id), and what they need
PANE_RULES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "people": (
        ("new_button", WRITE),
        ("new_action", WRITE),
        ("edit_button", WRITE_OR_CLUB),
        ("edit_action", WRITE_OR_CLUB),
        ("delete_button", WRITE),
        ("delete_action", WRITE),
        ("review_button", WRITE),
    ),
    "households": (
        ("households_tab.new_button", WRITE),
        ("households_tab.edit_button", WRITE_OR_CLUB),
        ("households_tab.delete_button", WRITE),
        ("households_tab.panel.add_member_button", WRITE_OR_CLUB),
        ("households_tab.panel.edit_member_button", WRITE_OR_CLUB),
        ("households_tab.panel.remove_member_button", WRITE_OR_CLUB),
        ("households_tab.panel.make_head_button", WRITE_OR_CLUB),
        ("households_tab.panel.add_visit_button", WRITE_OR_CLUB),
        ("club_tab.new_club_button", WRITE),
        ("club_tab.edit_club_button", WRITE),
        ("club_tab.join_button", WRITE),
        ("club_tab.leave_button", WRITE),
        ("club_tab.new_meeting_button", WRITE_OR_CLUB),
        ("club_tab.edit_meeting_button", WRITE_OR_CLUB),
        ("club_tab.delete_meeting_button", WRITE_OR_CLUB),
        ("club_tab.new_visit_button", WRITE_OR_CLUB),
        ("club_tab.edit_visit_button", WRITE_OR_CLUB),
        ("club_tab.delete_visit_button", WRITE_OR_CLUB),
    ),
    "overview": (("targets_button", ("settings_manage",)),),
    "reports": (("excel_button", ("export_personal",)),),
}

#: the person's page (a dialog): lifecycle steps need RECORDS_WRITE; the record's own form, also
#: a club leader's for the people of their club
PERSON_PAGE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("review_button", WRITE),
    ("register_button", WRITE),
    ("departure_button", WRITE),
    ("status_abroad_button", WRITE),
    ("return_button", WRITE),
    ("follow_up_button", WRITE),
    ("more_button", WRITE),
    ("edit_departure_action", WRITE),
    ("edit_return_action", WRITE),
    ("edit_button", WRITE_OR_CLUB),
    ("edit_shortcut", WRITE_OR_CLUB),
    ("erase_action", ("data_erase",)),
)


def allowed_checker(engine: Any) -> Callable[[tuple[str, ...]], bool]:
    """A function telling whether the actor bound to *engine* has any of some permissions."""
    from ..services.access import Permission, actor_of, has_accounts

    actor = actor_of(engine)
    if actor is None:
        everything = not has_accounts(engine)
        return lambda _names: everything
    permissions = actor.permissions

    def allowed(names: tuple[str, ...]) -> bool:
        return any(Permission(name) in permissions for name in names)

    return allowed


def _resolve(root: Any, path: str) -> Any:
    target = root
    for part in path.split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


class _KeepHidden(QObject):
    """Hides a gated widget again whenever its pane shows it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.property(GATED_PROPERTY):
            watched.hide()
        return False


_keeper: _KeepHidden | None = None


def _keep_hidden() -> _KeepHidden:
    global _keeper
    if _keeper is None:
        _keeper = _KeepHidden()
    return _keeper


def gate(target: Any, allowed: bool) -> None:
    """Hide *target* (a widget, an action or a shortcut) when not *allowed*; show it again when it is."""
    if target is None:
        return
    if isinstance(target, QWidget):
        if not allowed:
            if not target.property(GATED_PROPERTY):
                target.setProperty(WAS_HIDDEN_PROPERTY, target.isHidden())
                target.setProperty(GATED_PROPERTY, True)
                target.installEventFilter(_keep_hidden())
            target.hide()
        elif target.property(GATED_PROPERTY):
            target.setProperty(GATED_PROPERTY, False)
            target.removeEventFilter(_keep_hidden())
            if not target.property(WAS_HIDDEN_PROPERTY):
                target.show()
    elif isinstance(target, QAction):
        target.setVisible(allowed)  # an invisible action's shortcut does nothing
    elif hasattr(target, "setEnabled"):  # QShortcut
        target.setEnabled(allowed)


def _apply(root: Any, rules: Iterable[tuple[str, tuple[str, ...]]], allowed: Callable[[tuple[str, ...]], bool]) -> None:
    for path, names in rules:
        gate(_resolve(root, path), allowed(names))


def apply_gating(window: Any) -> None:
    """Hide, in *window* and the panes built so far, what the actor of its database may not do.

    A pane built later (the window builds a pane when first shown) is gated by :func:`gate_pane`.
    """
    db = window.database
    if db is None:
        return
    allowed = allowed_checker(db.engine)
    _apply(window, WINDOW_RULES, allowed)
    for pane in window.built_panes():
        _apply(pane, PANE_RULES.get(pane.pane_id, ()), allowed)


def gate_pane(window: Any, pane: Any) -> None:
    """Hide, in *pane* just built, what the actor of *window*'s database may not do."""
    db = window.database
    if db is not None:
        _apply(pane, PANE_RULES.get(pane.pane_id, ()), allowed_checker(db.engine))


def gate_dialog(dialog: Any, engine: Any) -> None:
    """Hide, in a dialog just opened (the person's page), what the actor may not do."""
    if type(dialog).__name__ == "PersonPage":
        _apply(dialog, PERSON_PAGE_RULES, allowed_checker(engine))
