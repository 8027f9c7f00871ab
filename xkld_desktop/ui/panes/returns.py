"""Về nước — the list of returns: search, filters, count, and the person behind each row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from ...domain.enums import ReturnReason, ReturnTiming
from ...domain.validation import format_date
from ..i18n import current_language, format_count, market_label
from ..record_list import FilterCombo, ListColumn, ListPane

if TYPE_CHECKING:
    from ...services.departure_lists import DepartureChoices, ReturnFilter, ReturnRow


class ReturnsPane(ListPane):
    """Về nước — every return, newest first: who, from where, when, why, and what followed.

    Search finds the people by name (with or without diacritics), CCCD or phone; the filters are
    year of return, reason, timing (on time, early, late), residence notified and follow-up.
    The overview opens it on a to-do list or a count (:meth:`apply_filter`). Enter or a
    double-click on a row opens the person's page.
    """

    pane_id = "returns"
    default_sort = "returned_on"
    default_descending = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hidden: ReturnFilter | None = None  # the parts no widget shows (to-do, communes, market)
        self.year_combo = FilterCombo(self)
        self.reason_combo = FilterCombo(self)
        self.timing_combo = FilterCombo(self)
        self.residence_combo = FilterCombo(self)
        self.follow_up_combo = FilterCombo(self)
        self.add_filter_boxes()
        self._choices: DepartureChoices | None = None
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Returns")

    def combos(self) -> list[FilterCombo]:
        return [self.year_combo, self.reason_combo, self.timing_combo, self.residence_combo, self.follow_up_combo]

    # -- columns ----------------------------------------------------------------------------

    def columns(self) -> list[ListColumn]:
        def lang() -> str:
            return current_language()

        return [
            *self.person_columns(),
            ListColumn(lambda: self.tr("Market"), lambda r: market_label(r.market_code), "market", width=78),
            ListColumn(
                lambda: self.tr("Return date"),
                lambda r: format_date(r.returned_on),
                "returned_on",
                width=84,
                newest_first=True,
            ),
            ListColumn(lambda: self.tr("Residence notified"), self.residence_text, "residence", width=120),
            ListColumn(lambda: self.tr("Last follow-up"), self.follow_up_text, None, width=210),
            ListColumn(lambda: self.tr("On time / early"), lambda r: r.timing.label(lang()), "timing", width=104),
            ListColumn(lambda: self.tr("Return reason"), lambda r: r.reason.label(lang()), "reason", width=170),
            ListColumn(
                lambda: self.tr("Departure date"),
                lambda r: format_date(r.departed_on),
                "departed_on",
                width=114,
                newest_first=True,
            ),
        ]

    def residence_text(self, row: ReturnRow) -> str:
        if not row.residence_notified:
            return self.tr("Not notified")
        if row.residence_notified_on is None:
            return self.tr("Notified")
        return format_date(row.residence_notified_on)

    def follow_up_text(self, row: ReturnRow) -> str:
        if row.last_follow_up_on is None:
            return self.tr("Not followed up yet")
        text = format_date(row.last_follow_up_on)
        if row.last_employment is not None:
            text += " — " + row.last_employment.label(current_language())
        return text

    # -- filters ----------------------------------------------------------------------------

    def current_filter(self) -> ReturnFilter:
        from ...services.departure_lists import ReturnFilter

        hidden = self._hidden or ReturnFilter()
        reason = self.reason_combo.value()
        timing = self.timing_combo.value()
        return ReturnFilter(
            query=self.search_edit.text(),
            reason=ReturnReason(reason) if reason else None,
            timing=ReturnTiming(timing) if timing else None,
            year=self.year_combo.value(),
            residence_notified=self.residence_combo.value(),
            has_follow_up=self.follow_up_combo.value(),
            market_code=hidden.market_code,
            commune_ids=hidden.commune_ids,
            todo=hidden.todo,
        )

    def apply_filter(self, flt: ReturnFilter, *, sort: str | None = None, descending: bool | None = None) -> None:
        """Show the returns matching *flt* (the overview's counts and to-do lists call this)."""
        from ...services.departure_lists import ReturnFilter

        self._hidden = ReturnFilter(market_code=flt.market_code, commune_ids=flt.commune_ids, todo=flt.todo)
        self.list.set_query(flt.query)
        values = (
            flt.year,
            flt.reason.value if flt.reason else None,
            flt.timing.value if flt.timing else None,
            flt.residence_notified,
            flt.has_follow_up,
        )
        self.set_combo_values(values)
        if sort is None and flt.todo is not None:
            sort, descending = "returned_on", False  # the longest waiting first
        if sort is not None:
            self.list.set_sort(sort, self.default_descending if descending is None else descending)
        self.reload()

    def limit_text(self) -> str:
        hidden = self._hidden
        if hidden is not None and hidden.market_code and not hidden.todo and not hidden.commune_ids:
            return self.tr("Only returns from the market {code}.").format(code=hidden.market_code)
        return super().limit_text()

    def load_choices(self, engine: Any) -> DepartureChoices:
        from ...services.departure_lists import departure_choices

        return departure_choices(engine)

    def show_choices(self, choices: DepartureChoices | None) -> None:
        self._choices = choices
        self._fill_combos()

    def _fill_combos(self) -> None:
        lang = current_language()
        years = [] if self._choices is None else self._choices.return_years
        self.year_combo.set_items(self.tr("All years"), [(y, str(y)) for y in years])
        self.reason_combo.set_items(self.tr("All reasons"), ReturnReason.choices(lang))
        self.timing_combo.set_items(self.tr("On time, early or late"), ReturnTiming.choices(lang))
        self.residence_combo.set_items(
            self.tr("Residence notified or not"),
            [(True, self.tr("Residence notified")), (False, self.tr("Residence not notified"))],
        )
        self.follow_up_combo.set_items(
            self.tr("Followed up or not"),
            [(True, self.tr("With follow-ups")), (False, self.tr("Never followed up"))],
        )

    def list_ids(self, engine: Any, flt: ReturnFilter, sort: str, descending: bool) -> list[int]:
        from ...services.departure_lists import list_return_ids

        return list_return_ids(engine, flt, sort=sort, descending=descending)

    def fetch(self, engine: Any, ids: Sequence[int]) -> dict[int, Any]:
        from ...services.departure_lists import fetch_return_rows

        return fetch_return_rows(engine, ids)

    def count_text(self, n: int) -> str:
        if n == 1:
            return self.tr("1 return")
        return self.tr("{n} returns").format(n=format_count(n))

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self._fill_combos()  # enum labels only: no service needed
