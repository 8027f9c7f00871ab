"""Hộ gia đình & CLB — households and the family club (filled by a later version)."""

from __future__ import annotations

from .base import PlannedPane


class HouseholdsPane(PlannedPane):
    """Hộ gia đình & CLB — households, their members, and the family club (a later version)."""

    pane_id = "households"

    def title(self) -> str:
        return self.tr("Households & club")

    def planned_text(self) -> str:
        return self.tr(
            "This part comes in a later version: households with their members and each member's "
            "relationship to the head, poverty status, and the club of families with workers abroad — "
            "member families, meetings and visits to families."
        )
