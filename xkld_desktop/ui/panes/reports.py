"""Báo cáo — reports (filled by a later version)."""

from __future__ import annotations

from .base import PlannedPane


class ReportsPane(PlannedPane):
    """Báo cáo — summaries and lists for the level above (a later version)."""

    pane_id = "reports"

    def title(self) -> str:
        return self.tr("Reports")

    def planned_text(self) -> str:
        return self.tr(
            "This part comes in a later version: summaries for a period against the yearly target, by "
            "market, programme and policy group, printed to PDF with the national heading and a signature "
            "block, and lists exported to Excel."
        )
