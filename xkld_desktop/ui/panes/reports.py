"""Báo cáo — the summary report for a period, its preview, PDF, printing, and Excel lists.

The user picks a period (a year, a quarter or any date range) and the units (one commune or all
communes of the database). The figures come from :func:`services.stats.compute_stats` — the same
service as the PDF and ``stats --json`` — and are previewed in the window as the report's tables
and its two charts (drawn by the PDF's own chart code, as SVG).

Why this preview rather than the PDF's page images: rasterising a PDF needs pypdfium2, QtPdf
(``pyside6-pdf``) or poppler's ``pdftoppm``, none of which the installer carries today, while the
figures and SVG charts render with what PySide6-Essentials already has (QtSvg), offline, on
Windows too. Print prints that preview (QTextDocument, charts included); Save as PDF writes the
official A4 report.

Long work (figures, PDF, Excel) runs through :func:`ui.tasks.run_task` with a progress bar and
a Cancel button; a cancelled PDF or Excel file is not left half-written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QDate, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTextBrowser,
    QWidget,
)

from ...domain.enums import EmploymentAfterReturn, Gender, LabeledEnum, PolicyGroup, Programme, ReturnReason
from ...domain.validation import format_date
from ..i18n import current_language, format_count, market_label
from ..tasks import run_task, show_progress, user_message
from .base import Pane

if TYPE_CHECKING:
    from ...services.stats import LabelCount, ReportStats, ReportUnit

_QUARTER_NAMES = ("I", "II", "III", "IV")


def quarter_period(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of *quarter* (1–4) of *year*."""
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def draw_charts_again(
    context: Pane,
    stats: ReportStats,
    then: Callable[[tuple[bytes, bytes]], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """The two charts of *stats* drawn again in the UI's language, in the background, then *then(svgs)*.

    Their words and numbers are drawn in the pictures: after a language switch the overview and
    this pane draw them again from the figures they keep.
    """
    lang = current_language()

    def draw() -> tuple[bytes, bytes]:
        from ...services.report_pdf import chart_svgs

        return chart_svgs(stats, lang)

    run_task(draw, context=context, on_success=then, on_error=on_error)


def svg_image(svg: bytes, width: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg))
    size = renderer.defaultSize()
    height = max(1, round(width * size.height() / max(1, size.width())))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


class ReportsPane(Pane):
    """Báo cáo — period and units, a preview of the summary, Save as PDF, Print, Export Excel.

    Signals: ``preview_ready`` when the figures of the chosen period are on screen;
    ``work_finished(str)`` after a PDF or Excel file was written (its path) or the work failed
    or was cancelled (empty string).
    """

    pane_id = "reports"
    preview_ready = Signal()
    work_finished = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: ReportStats | None = None
        self.units: list[ReportUnit] = []
        self._generation = 0
        self._cancel = threading.Event()
        self._busy = False
        self._year_svg = self._market_svg = b""

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.period_kind = QComboBox(self)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(date.today().year)
        self.quarter_combo = QComboBox(self)
        self.quarter_combo.addItems(list(_QUARTER_NAMES))
        self.quarter_combo.setCurrentIndex((date.today().month - 1) // 3)
        self.from_edit = QDateEdit(self)
        self.to_edit = QDateEdit(self)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        today = QDate.currentDate()
        self.from_edit.setDate(QDate(today.year(), 1, 1))
        self.to_edit.setDate(today)

        period_row = QHBoxLayout()
        period_row.addWidget(self.period_kind)
        self.period_stack = QStackedWidget(self)
        year_page = QWidget(self.period_stack)
        QHBoxLayout(year_page).setContentsMargins(0, 0, 0, 0)
        quarter_page = QWidget(self.period_stack)
        quarter_layout = QHBoxLayout(quarter_page)
        quarter_layout.setContentsMargins(0, 0, 0, 0)
        self.quarter_label = QLabel(quarter_page)
        quarter_layout.addWidget(self.quarter_label)
        quarter_layout.addWidget(self.quarter_combo)
        range_page = QWidget(self.period_stack)
        range_layout = QHBoxLayout(range_page)
        range_layout.setContentsMargins(0, 0, 0, 0)
        self.from_label = QLabel(range_page)
        self.to_label = QLabel(range_page)
        range_layout.addWidget(self.from_label)
        range_layout.addWidget(self.from_edit)
        range_layout.addWidget(self.to_label)
        range_layout.addWidget(self.to_edit)
        for page in (year_page, quarter_page, range_page):
            self.period_stack.addWidget(page)
        period_row.addWidget(self.year_spin)
        period_row.addWidget(self.period_stack)
        period_row.addStretch(1)
        self.period_label = QLabel(self)
        form.addRow(self.period_label, period_row)

        self.unit_combo = QComboBox(self)
        self.unit_combo.setMinimumContentsLength(28)
        self.unit_label = QLabel(self)
        form.addRow(self.unit_label, self.unit_combo)
        self.body.addLayout(form)

        buttons = QHBoxLayout()
        self.show_button = QPushButton(self)
        self.show_button.setDefault(True)
        self.pdf_button = QPushButton(self)
        self.print_button = QPushButton(self)
        self.list_combo = QComboBox(self)
        self.excel_button = QPushButton(self)
        self.template_button = QPushButton(self)
        self.template_button.setObjectName("templateButton")
        for widget in (self.show_button, self.pdf_button, self.print_button):
            buttons.addWidget(widget)
        buttons.addSpacing(24)
        buttons.addWidget(self.list_combo)
        buttons.addWidget(self.excel_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(360)
        self.cancel_button = QPushButton(self)
        progress_row.addWidget(self.progress)
        progress_row.addWidget(self.cancel_button)
        progress_row.addStretch(1)
        self.body.addLayout(progress_row)
        self._show_progress(False)

        self.preview = QTextBrowser(self)
        self.preview.setObjectName("reportPreview")
        self.preview.setOpenLinks(False)
        self.body.addWidget(self.preview, 1)

        self.period_kind.currentIndexChanged.connect(self._period_kind_changed)
        self.show_button.clicked.connect(self.show_report)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(lambda: self.print_report())
        self.excel_button.clicked.connect(self.export_excel)
        self.template_button.clicked.connect(self.fill_my_template)
        self.cancel_button.clicked.connect(self.cancel)
        self.setTabOrder(self.period_kind, self.year_spin)
        self.setTabOrder(self.year_spin, self.quarter_combo)
        self.setTabOrder(self.quarter_combo, self.from_edit)
        self.setTabOrder(self.from_edit, self.to_edit)
        self.setTabOrder(self.to_edit, self.unit_combo)
        self.setTabOrder(self.unit_combo, self.show_button)
        self.retranslate_ui()
        self._period_kind_changed()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the period or unit fields shows the report (as the default button of a form)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self._busy:
            self.show_report()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- texts ------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Reports")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        kind = self.period_kind.currentIndex()
        self.period_kind.blockSignals(True)
        self.period_kind.clear()
        self.period_kind.addItem(self.tr("Year"), "year")
        self.period_kind.addItem(self.tr("Quarter"), "quarter")
        self.period_kind.addItem(self.tr("Date range"), "range")
        self.period_kind.setCurrentIndex(max(0, kind))
        self.period_kind.blockSignals(False)
        self.period_label.setText(self.tr("&Period:"))
        self.period_label.setBuddy(self.period_kind)
        self.quarter_label.setText(self.tr("quarter"))
        self.from_label.setText(self.tr("from"))
        self.to_label.setText(self.tr("to"))
        self.unit_label.setText(self.tr("&Units:"))
        self.unit_label.setBuddy(self.unit_combo)
        self._fill_units()
        self.show_button.setText(self.tr("&Show"))
        self.pdf_button.setText(self.tr("Save as &PDF…"))
        self.print_button.setText(self.tr("P&rint…"))
        self.excel_button.setText(self.tr("Export to &Excel…"))
        self.template_button.setText(self.tr("Fill &my template…"))
        self.template_button.setToolTip(
            self.tr("Fill an Excel form of your own that holds {{…}} placeholders (see resources/templates)")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        current = self.list_combo.currentIndex()
        self.list_combo.clear()
        self.list_combo.addItem(self.tr("Departed workers in the period"), "departed")
        self.list_combo.addItem(self.tr("Returnees in the period"), "returned")
        self.list_combo.addItem(self.tr("Yearly review of working-age people"), "review")
        self.list_combo.addItem(self.tr("Family club member households"), "club")
        self.list_combo.setCurrentIndex(max(0, current))
        if self.stats is not None:
            self._show_stats(self.stats)
            self._redraw_charts(self.stats)

    def _redraw_charts(self, stats: ReportStats) -> None:
        def drawn(svgs: tuple[bytes, bytes]) -> None:
            if self.stats is stats:
                self._year_svg, self._market_svg = svgs
                self._show_stats(stats)
                self.preview_ready.emit()

        draw_charts_again(self, stats, drawn, self._failed)

    def _fill_units(self) -> None:
        chosen = self.unit_combo.currentData()
        self.unit_combo.clear()
        self.unit_combo.addItem(self.tr("All communes in the database"), None)
        for unit in self.units:
            label = unit.name + (self.tr(" (before 01/07/2025)") if unit.legacy else "")
            self.unit_combo.addItem(label, unit.id)
        index = self.unit_combo.findData(chosen)
        self.unit_combo.setCurrentIndex(max(0, index))

    # -- period ----------------------------------------------------------------------------

    def _period_kind_changed(self) -> None:
        kind = self.period_kind.currentData()
        self.year_spin.setVisible(kind != "range")
        self.period_stack.setCurrentIndex({"year": 0, "quarter": 1, "range": 2}.get(kind, 0))

    def period(self) -> tuple[date, date]:
        """The chosen period, first and last day included."""
        kind = self.period_kind.currentData()
        year = self.year_spin.value()
        if kind == "quarter":
            return quarter_period(year, self.quarter_combo.currentIndex() + 1)
        if kind == "range":
            return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]
        return date(year, 1, 1), date(year, 12, 31)

    def unit_ids(self) -> list[int] | None:
        data = self.unit_combo.currentData()
        return None if data is None else [int(data)]

    def _period_ok(self) -> tuple[date, date] | None:
        d0, d1 = self.period()
        if d1 < d0:
            self.set_message(self.tr("The end of the period must not be before its start."))
            return None
        return d0, d1

    # -- database --------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.database
        self._generation += 1
        generation = self._generation
        if db is None:
            self.units = []
            self._fill_units()
            self.preview.clear()
            self.stats = None
            return
        from ...services.stats import list_report_units

        engine = db.engine

        def listed(units: list[ReportUnit]) -> None:
            if generation == self._generation:
                self.units = units
                self._fill_units()
                self.show_report()

        run_task(lambda: list_report_units(engine), context=self, on_success=listed, on_error=self._failed)

    def show_report(self) -> None:
        """Compute the figures of the chosen period and units and show them."""
        db = self.database
        period = self._period_ok()
        if db is None or period is None:
            return
        from ...services.report_pdf import chart_svgs
        from ...services.stats import compute_stats

        engine, ids = db.engine, self.unit_ids()
        self._generation += 1
        generation = self._generation
        self.set_message(self.tr("Computing the figures…"))

        lang = current_language()

        def compute() -> tuple[ReportStats, bytes, bytes]:
            stats = compute_stats(engine, date_from=period[0], date_to=period[1], unit_ids=ids)
            return stats, *chart_svgs(stats, lang)

        def done(result: tuple[ReportStats, bytes, bytes]) -> None:
            if generation != self._generation:
                return
            self.stats, self._year_svg, self._market_svg = result
            self.set_message("")
            self._show_stats(self.stats)
            self.preview_ready.emit()

        run_task(compute, context=self, on_success=done, on_error=self._failed)

    # -- preview ---------------------------------------------------------------------------

    def _show_stats(self, stats: ReportStats) -> None:
        document = self.preview.document()
        width = 640
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl("chart:year"), svg_image(self._year_svg, width)
        )
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl("chart:market"), svg_image(self._market_svg, width)
        )
        self.preview.setHtml(self.preview_html(stats))

    def preview_html(self, stats: ReportStats) -> str:
        """The figures as HTML tables (the same figures and order as the PDF), charts as images."""
        n = format_count  # 12.345 in Vietnamese, 12,345 in English

        def esc(text: str) -> str:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

        def h3(text: str) -> str:
            return f"<h3>{esc(text)}</h3>"

        def table(header: list[str], rows: list[list[str]], bold_last: bool = False) -> str:
            head = "".join(f"<th>{esc(h)}</th>" for h in header)
            body = []
            for i, row in enumerate(rows):
                cells = []
                for j, value in enumerate(row):
                    align = ' align="right"' if j > 0 else ""
                    text = esc(value)
                    if bold_last and i == len(rows) - 1:
                        text = f"<b>{text}</b>"
                    cells.append(f"<td{align}>{text}</td>")
                body.append("<tr>" + "".join(cells) + "</tr>")
            return (
                f'<table border="1" cellspacing="0" cellpadding="4" width="100%"><tr>{head}</tr>{"".join(body)}</table>'
            )

        lang = current_language()

        def label(x: LabelCount, enum: type[LabeledEnum] | None) -> str:
            # the service labels a breakdown in Vietnamese; an enum's line speaks the UI language
            if enum is Gender and x.key == "unknown":
                return self.tr("Not stated")
            member = enum.parse(x.key) if enum is not None else None
            return member.label(lang) if member is not None else x.label

        def lines(items: list[LabelCount], total: int, caption: str, enum: type[LabeledEnum] | None = None) -> str:
            rows = [[label(x, enum), n(x.count), _share(x.count, total)] for x in items]
            rows.append([self.tr("Total"), n(total), "100 %" if total else ""])
            return table([caption, self.tr("People"), self.tr("Share")], rows, bold_last=True)

        units = ", ".join(stats.unit_names) if stats.unit_names else self.tr("all communes in the database")
        headline = self.tr("Departures: {0}").format(n(stats.departures))
        illegal = self.tr(" — of which illegal: {0}").format(n(stats.departures_illegal))
        against = ""
        if stats.percent is not None:  # legal departures only, as the overview and the targets count them
            against = self.tr("Legal departures against the target: {0}/{1}, {2} % achieved").format(
                n(stats.departures_legal), n(stats.target), stats.percent
            )
        parts = [
            "<h2>" + esc(self.tr("Summary report")) + "</h2>",
            "<p>"
            + esc(
                self.tr("From {0} to {1}; units: {2}").format(
                    format_date(stats.date_from), format_date(stats.date_to), units
                )
            )
            + "</p>",
            "<p><b>"
            + esc(headline)
            + "</b>"
            + esc(illegal)
            + (f"<br><b>{esc(against)}</b>" if against else "")
            + "</p>",
        ]
        commune_rows = [
            [
                r.name,
                n(r.departures),
                n(r.target) if r.target else "",
                f"{r.percent} %" if r.percent is not None else "",
            ]
            for r in stats.by_commune
        ]
        commune_rows.append(
            [
                self.tr("Total"),
                n(stats.departures_legal),
                n(stats.target) if stats.target else "",
                f"{stats.percent} %" if stats.percent is not None else "",
            ]
        )
        parts.append(h3(self.tr("Legal departures against target, by commune")))
        header = [self.tr("Unit"), self.tr("Legal departures"), self.tr("Target"), self.tr("Achieved")]
        parts.append(table(header, commune_rows, True))
        parts.append(h3(self.tr("Legal departures per year against target")))
        parts.append('<p><img src="chart:year" width="640"></p>')
        parts.append(h3(self.tr("By market")))
        parts.append('<p><img src="chart:market" width="640"></p>')
        from ...services.stats import LabelCount  # loaded with the figures

        markets = [LabelCount(x.key, market_label(x.key), x.count) for x in stats.by_market]
        parts.append(lines(markets, stats.departures, self.tr("Market")))
        parts.append(h3(self.tr("By programme")))
        parts.append(
            lines([x for x in stats.by_programme if x.count], stats.departures, self.tr("Programme"), Programme)
        )
        parts.append(h3(self.tr("By gender")))
        parts.append(lines(stats.by_gender, stats.departures, self.tr("Gender"), Gender))
        parts.append(h3(self.tr("Policy groups")))
        parts.append(
            table(
                [self.tr("Group"), self.tr("People"), self.tr("Share")],
                [[label(x, PolicyGroup), n(x.count), _share(x.count, stats.departures)] for x in stats.by_policy_group],
            )
        )
        rate = f"{stats.absconding_rate_percent:.1f} %".replace(".", ",") if stats.absconding_rate_percent else ""
        parts.append(h3(self.tr("Abroad on {0}").format(format_date(stats.date_to))))
        parts.append(
            table(
                [self.tr("Figure"), self.tr("People")],
                [
                    [self.tr("Currently abroad"), n(stats.currently_abroad)],
                    [self.tr("Absconded or overstaying"), n(stats.absconded)],
                    [self.tr("Absconding rate"), rate],
                ],
            )
        )
        parts.append(h3(self.tr("Returns: {0}").format(n(stats.returns))))
        parts.append(lines(stats.returns_by_reason, stats.returns, self.tr("Reason"), ReturnReason))
        parts.append(h3(self.tr("Returnees employment (latest follow-up)")))
        parts.append(
            lines(stats.returnees_employment, stats.returns_followed_up, self.tr("Employment"), EmploymentAfterReturn)
        )
        if stats.returnees_average_income is not None:
            parts.append(
                "<p>"
                + esc(
                    self.tr("Average income: {0} VND a month ({1} people with an income recorded)").format(
                        n(stats.returnees_average_income), n(stats.returnees_with_income)
                    )
                )
                + "</p>"
            )
        parts.append(h3(self.tr("Loans, clubs and outreach")))
        parts.append(
            table(
                [self.tr("Figure"), self.tr("Count"), self.tr("Amount (VND)")],
                [
                    [self.tr("Loans from the Social Policy Bank"), n(stats.loans_nhcsxh), n(stats.loans_nhcsxh_amount)],
                    [self.tr("Loans from every source"), n(stats.loans), n(stats.loans_amount)],
                    [self.tr("Club member households"), n(stats.club_member_households), ""],
                    [self.tr("Club meetings"), n(stats.club_meetings), ""],
                    [self.tr("Households attending meetings"), n(stats.club_meeting_attendances), ""],
                    [self.tr("Visits to families"), n(stats.family_visits), ""],
                    [self.tr("Outreach sessions"), n(stats.outreach_sessions), ""],
                    [self.tr("Outreach attendance"), n(stats.outreach_attendance), ""],
                ],
            )
        )
        return "".join(parts)

    # -- long work with progress -----------------------------------------------------------

    def _show_progress(self, visible: bool) -> None:
        self.progress.setVisible(visible)
        self.cancel_button.setVisible(visible)
        for button in (self.pdf_button, self.excel_button, self.template_button, self.show_button):
            button.setEnabled(not visible)
        self._busy = visible

    def cancel(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)

    def _progressed(self, done: int, total: int) -> None:
        show_progress(self.progress, done, total)

    def _start(self) -> threading.Event:
        self._cancel = threading.Event()
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self._show_progress(True)
        return self._cancel

    def _work_failed(self, error: BaseException) -> None:
        self._show_progress(False)
        message = getattr(error, "message", None) if type(error).__name__.endswith("Cancelled") else None
        if message:
            self.set_message(message)
        else:
            self._failed(error)
        self.work_finished.emit("")

    def _failed(self, error: BaseException) -> None:
        message = user_message(error)
        if message is None and isinstance(error, (OSError, ValueError)):
            message = str(error)
        if message is None:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.set_message("")
        QMessageBox.warning(self, self.tr("Reports"), message)

    def _write_in_background(
        self,
        write: Callable[..., Any],
        engine: Any,
        period: tuple[date, date],
        path: str,
        done_text: Callable[[Any], str],
        **options: Any,
    ) -> None:
        """Run ``write(engine, date_from=…, date_to=…, unit_ids=…, path=…, progress=…, cancelled=…,
        **options)`` (a service that writes *path* for the period and the chosen units) with the
        progress bar and Cancel; once written, say ``done_text(what write returned)`` and emit
        ``work_finished(path)``. A failure or a cancel goes to :meth:`_work_failed`."""
        ids, flag = self.unit_ids(), self._start()

        def work(progress: Any) -> Any:
            return write(
                engine,
                date_from=period[0],
                date_to=period[1],
                unit_ids=ids,
                path=path,
                progress=progress,
                cancelled=flag.is_set,
                **options,
            )

        def done(result: Any) -> None:
            self._show_progress(False)
            self.set_message(done_text(result))
            self.work_finished.emit(path)

        run_task(
            work,
            context=self,
            with_progress=True,
            on_progress=self._progressed,
            on_success=done,
            on_error=self._work_failed,
        )

    def ask_save_path(self, caption: str, suggested: str, file_filter: str) -> str:
        """The file to write (empty when the user cancelled); tests replace this."""
        path, _chosen = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return path

    def _file_stem(self) -> str:
        d0, d1 = self.period()
        return f"{d0:%Y%m%d}-{d1:%Y%m%d}"

    def save_pdf(self) -> None:
        db = self.database
        period = self._period_ok()
        if db is None or period is None or self._busy:
            return
        path = self.ask_save_path(
            self.tr("Save the summary report as PDF"),
            f"bao-cao-tong-hop-{self._file_stem()}.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if not path:
            return
        from ...services.report_pdf import write_summary_pdf

        self._write_in_background(
            write_summary_pdf, db.engine, period, path, lambda _result: self.tr("Report saved: {0}").format(path)
        )

    def export_excel(self) -> None:
        db = self.database
        period = self._period_ok()
        if db is None or period is None or self._busy:
            return
        list_name = self.list_combo.currentData()
        names = {"departed": "xuat-canh", "returned": "ve-nuoc", "review": "ra-soat", "club": "clb"}
        path = self.ask_save_path(
            self.tr("Export the list to Excel"),
            f"danh-sach-{names.get(list_name, list_name)}-{self._file_stem()}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        from ...services.excel_export import export_list

        self._write_in_background(
            export_list,
            db.engine,
            period,
            path,
            lambda rows: self.tr("{0} rows written to {1}").format(format_count(rows), path),
            list_name=list_name,
        )

    def ask_open_path(self, caption: str, file_filter: str) -> str:
        """The template to read (empty when the user cancelled); tests replace this."""
        path, _chosen = QFileDialog.getOpenFileName(self, caption, "", file_filter)
        return path

    def fill_my_template(self) -> None:
        """Fill an Excel template the user supplies (services.excel_template) for the period and units."""
        db = self.database
        period = self._period_ok()
        if db is None or period is None or self._busy:
            return
        template = self.ask_open_path(self.tr("Choose your Excel template"), self.tr("Excel workbook (*.xlsx)"))
        if not template:
            return
        from pathlib import Path

        path = self.ask_save_path(
            self.tr("Save the filled template"),
            str(Path(template).with_name(f"{Path(template).stem}-{self._file_stem()}.xlsx")),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        if Path(path).resolve() == Path(template).resolve():
            QMessageBox.warning(
                self, self.tr("Reports"), self.tr("Choose another file name: the template itself must stay unchanged.")
            )
            return
        from ...services.excel_template import fill_template

        self._write_in_background(
            fill_template,
            db.engine,
            period,
            path,
            lambda rows: self.tr("Template filled ({0} list rows): {1}").format(format_count(rows), path),
            template_path=template,
        )

    def print_report(self, printer: QPrinter | None = None) -> bool:
        """Print the preview (tables and charts); without *printer*, ask with Qt's print dialog."""
        if self.stats is None:
            self.set_message(self.tr("Show a report first."))
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        self.preview.document().print_(printer)
        return True


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f} %".replace(".", ",") if total else ""
