"""Về nước — returns and follow-ups (filled by a later version)."""

from __future__ import annotations

from .base import PlannedPane


class ReturnsPane(PlannedPane):
    """Về nước — recording returns and following returnees (a later version)."""

    pane_id = "returns"

    def title(self) -> str:
        return self.tr("Returns")

    def planned_text(self) -> str:
        return self.tr(
            "This part comes in a later version: recording returns (on time, or early and why), the "
            "residence notification due within 15 days, and follow-ups of returnees' jobs, income and "
            "support needs."
        )
