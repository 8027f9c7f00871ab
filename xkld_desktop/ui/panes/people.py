"""Người lao động — the people pane (filled by a later version)."""

from __future__ import annotations

from .base import PlannedPane


class PeoplePane(PlannedPane):
    """Người lao động — the list of workers and the person form (a later version)."""

    pane_id = "people"

    def title(self) -> str:
        return self.tr("Workers")

    def planned_text(self) -> str:
        return self.tr(
            "This part comes in a later version: the list of workers with search by name (with or without "
            "diacritics), CCCD or phone number, filters by hamlet and status, and a form to add and edit a "
            "person that checks the CCCD against gender and year of birth, and the phone number."
        )
