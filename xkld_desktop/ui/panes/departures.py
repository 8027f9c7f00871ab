"""Xuất cảnh — the list of departures: search, filters, count, and the person behind each row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from ...domain.enums import Programme, StatusAbroad
from ...domain.validation import format_date
from ..i18n import current_language, format_count, market_label
from ..record_list import FilterCombo, ListColumn, ListPane

if TYPE_CHECKING:
    from ...services.departure_lists import DepartureChoices, DepartureFilter, DepartureRow


class DeparturesPane(ListPane):
    """Xuất cảnh — every departure, newest first: who, where to, with whom, when, and now.

    Search finds the people by name (with or without diacritics), CCCD or phone; the filters are
    market, programme, year of departure, stage (planned, abroad, returned), status abroad and
    legal/illegal. The overview opens it on a to-do list or a count (:meth:`apply_filter`).
    Enter or a double-click on a row opens the person's page.
    """

    pane_id = "departures"
    default_sort = "departed_on"
    default_descending = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hidden: DepartureFilter | None = None  # the parts no widget shows (to-do, communes)
        self.market_combo = FilterCombo(self)
        self.programme_combo = FilterCombo(self)
        self.year_combo = FilterCombo(self)
        self.stage_combo = FilterCombo(self)
        self.status_combo = FilterCombo(self)
        self.legal_combo = FilterCombo(self)
        self.add_filter_boxes()
        self._choices: DepartureChoices | None = None
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Departures")

    def combos(self) -> list[FilterCombo]:
        return [
            self.market_combo,
            self.programme_combo,
            self.year_combo,
            self.stage_combo,
            self.status_combo,
            self.legal_combo,
        ]

    # -- columns ----------------------------------------------------------------------------

    def columns(self) -> list[ListColumn]:
        def lang() -> str:
            return current_language()

        return [
            *self.person_columns(),
            ListColumn(lambda: self.tr("Market"), lambda r: market_label(r.market_code), "market", width=78),
            ListColumn(
                lambda: self.tr("Departure date"),
                lambda r: format_date(r.departed_on),
                "departed_on",
                width=114,
                newest_first=True,
            ),
            ListColumn(
                lambda: self.tr("Contract ends"),
                lambda r: format_date(r.expected_end_on),
                "expected_end_on",
                width=96,
                newest_first=False,
            ),
            ListColumn(lambda: self.tr("Status"), self.status_text, "status", width=150),
            ListColumn(lambda: self.tr("Programme"), lambda r: r.programme.label(lang()), "programme", width=150),
            ListColumn(lambda: self.tr("Company"), lambda r: r.company, None, width=220),
        ]

    def status_text(self, row: DepartureRow) -> str:
        """ "Returned on 12/03/2025", "Planned", or the status abroad; "(illegal)" when so."""
        if row.returned_on is not None:
            text = self.tr("Returned {date}").format(date=format_date(row.returned_on))
        elif row.departed_on > date.today():
            text = self.tr("Not yet departed")
        else:
            text = row.status_abroad.label(current_language())
        if not row.is_legal:
            text = self.tr("{status} (illegal departure)").format(status=text)
        return text

    # -- filters ----------------------------------------------------------------------------

    def current_filter(self) -> DepartureFilter:
        from ...services.departure_lists import DepartureFilter, DepartureStage

        hidden = self._hidden or DepartureFilter()
        stage = self.stage_combo.value()
        status = self.status_combo.value()
        programme = self.programme_combo.value()
        return DepartureFilter(
            query=self.search_edit.text(),
            market_code=self.market_combo.value(),
            programme=Programme(programme) if programme else None,
            year=self.year_combo.value(),
            stage=DepartureStage(stage) if stage else None,
            status_abroad=StatusAbroad(status) if status else None,
            is_legal=self.legal_combo.value(),
            commune_ids=hidden.commune_ids,
            todo=hidden.todo,
        )

    def apply_filter(self, flt: DepartureFilter, *, sort: str | None = None, descending: bool | None = None) -> None:
        """Show the departures matching *flt* (the overview's counts and to-do lists call this)."""
        from ...services.departure_lists import DepartureFilter

        self._hidden = DepartureFilter(commune_ids=flt.commune_ids, todo=flt.todo)
        self.list.set_query(flt.query)
        values = (
            flt.market_code,
            flt.programme.value if flt.programme else None,
            flt.year,
            flt.stage.value if flt.stage else None,
            flt.status_abroad.value if flt.status_abroad else None,
            flt.is_legal,
        )
        self.set_combo_values(values)
        if sort is None and flt.todo is not None:
            sort, descending = _TODO_SORTS.get(flt.todo.value, (self.default_sort, self.default_descending))
        if sort is not None:
            self.list.set_sort(sort, self.default_descending if descending is None else descending)
        self.reload()

    def load_choices(self, engine: Any) -> DepartureChoices:
        from ...services.departure_lists import departure_choices

        return departure_choices(engine)

    def show_choices(self, choices: DepartureChoices | None) -> None:
        self._choices = choices
        self._fill_combos()

    def _fill_combos(self) -> None:
        lang = current_language()
        choices = self._choices
        english = lang.startswith("en")
        markets = [] if choices is None else [(c, en if english else vi) for c, vi, en in choices.markets]
        self.market_combo.set_items(self.tr("All markets"), markets)
        self.programme_combo.set_items(self.tr("All programmes"), Programme.choices(lang))
        years = [] if choices is None else choices.departure_years
        self.year_combo.set_items(self.tr("All years"), [(y, str(y)) for y in years])
        stages: list[tuple[str, str]] = []
        if choices is not None:  # the services are imported once the database is open, not before
            from ...services.departure_lists import DepartureStage

            stages = DepartureStage.choices(lang)
        self.stage_combo.set_items(self.tr("Any stage"), stages)
        self.status_combo.set_items(self.tr("Any status abroad"), StatusAbroad.choices(lang))
        self.legal_combo.set_items(
            self.tr("Legal and illegal"), [(True, self.tr("Legal departures")), (False, self.tr("Illegal departures"))]
        )

    def list_ids(self, engine: Any, flt: DepartureFilter, sort: str, descending: bool) -> list[int]:
        from ...services.departure_lists import list_departure_ids

        return list_departure_ids(engine, flt, sort=sort, descending=descending)

    def fetch(self, engine: Any, ids: Sequence[int]) -> dict[int, Any]:
        from ...services.departure_lists import fetch_departure_rows

        return fetch_departure_rows(engine, ids)

    def count_text(self, n: int) -> str:
        if n == 1:
            return self.tr("1 departure")
        return self.tr("{n} departures").format(n=format_count(n))

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self._fill_combos()


#: the order a to-do list is worked through (sort key, descending)
_TODO_SORTS: dict[str, tuple[str, bool]] = {
    "contracts_ending": ("expected_end_on", False),
    "loan_not_repaid": ("departed_on", True),
    "orientation_expiring": ("departed_on", False),
}
