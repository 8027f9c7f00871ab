"""Xuất cảnh — departures (filled by a later version)."""

from __future__ import annotations

from .base import PlannedPane


class DeparturesPane(PlannedPane):
    """Xuất cảnh — recording departures and following contracts (a later version)."""

    pane_id = "departures"

    def title(self) -> str:
        return self.tr("Departures")

    def planned_text(self) -> str:
        return self.tr(
            "This part comes in a later version: recording departures (market, programme, placement "
            "company, contract term, deposit, loans and support received) and the list of contracts "
            "ending in the next 90 days."
        )
