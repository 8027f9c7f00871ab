"""Báo cáo tổng hợp (PDF) — the summary report for the level above, and its charts.

A4 portrait, Liberation Serif (metric-compatible with Times New Roman, covers Vietnamese; shipped
in ``resources/fonts`` with its licence). The layout follows an administrative report: the
issuing unit and the national heading side by side, place and date, the title with the period,
numbered sections with tables (numbers right-aligned, Vietnamese separators ``1.234.567``), two
charts, and the signature block. Tables split across pages and repeat their header rows; every
page carries "Trang x/y".

All figures come from :func:`.stats.compute_stats` — the same service as ``stats --json`` and the
reports pane. The charts are :mod:`reportlab.graphics` drawings: the same code draws them in the
PDF and as SVG for the window (:func:`chart_svg`).
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.engine import Engine

from ..domain.numbers import group_digits
from ..domain.validation import format_date, format_money
from .settings import OwnUnit, get_own_unit
from .stats import LabelCount, ReportStats, compute_stats, percent_of

FONT = "LiberationSerif"
FONT_BOLD = "LiberationSerif-Bold"
FONT_ITALIC = "LiberationSerif-Italic"
FONT_BOLD_ITALIC = "LiberationSerif-BoldItalic"

_UNIT_PREFIXES = ("Xã ", "Phường ", "Thị trấn ", "Đặc khu ", "Tỉnh ", "Thành phố ")


class ReportCancelled(Exception):
    """The user cancelled; nothing was written."""

    message = "Đã hủy, không ghi tệp nào."


def register_fonts() -> None:
    """Register Liberation Serif (four faces) with reportlab, once."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = files("xkld_desktop.resources") / "fonts"
    faces = {
        FONT: "LiberationSerif-Regular.ttf",
        FONT_BOLD: "LiberationSerif-Bold.ttf",
        FONT_ITALIC: "LiberationSerif-Italic.ttf",
        FONT_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
    }
    for name, filename in faces.items():
        with as_file(folder / filename) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)


@dataclass(frozen=True)
class Issuer:
    """Đơn vị ban hành — the issuing unit's lines, the place and the date of the report."""

    unit_lines: tuple[str, ...]  # upper lines of the left heading, e.g. ("ỦY BAN NHÂN DÂN", "XÃ TÂN HỒNG")
    place: str  # "Tân Hồng" in "Tân Hồng, ngày 25 tháng 11 năm 2026"
    issued_on: date
    signer_title: tuple[str, ...] = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    signer_name: str = ""

    @classmethod
    def from_unit(cls, unit: OwnUnit | None, *, issued_on: date) -> Issuer:
        if unit is None:
            return cls(("ỦY BAN NHÂN DÂN",), "", issued_on)
        display = unit.display_name or f"UBND {unit.name}"
        upper = display.upper()
        lines = ("ỦY BAN NHÂN DÂN", upper[5:]) if upper.startswith("UBND ") else (upper,)
        return cls(lines, short_place(unit.name), issued_on)


def short_place(name: str) -> str:
    """ "Tân Hồng" for "Xã Tân Hồng" — the place before the date line."""
    for prefix in _UNIT_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def date_line(place: str, day: date) -> str:
    """ "Tân Hồng, ngày 25 tháng 11 năm 2026" (an administrative document's place and date).

    As Decree 30/2020/NĐ-CP (Annex I) writes it: a day below 10 and the months 1 and 2 get a
    leading zero, the other months none ("ngày 05 tháng 6", "ngày 15 tháng 02", "ngày 15 tháng 11").
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text[:1].upper() + text[1:]


def period_text(date_from: date, date_to: date) -> str:
    """ "năm 2025", "quý III năm 2025", "tháng 3 năm 2025" or "từ ngày 01/01/2025 đến ngày 15/06/2025"."""
    if date_from.day == 1 and date_from.month == 1 and date_to == date(date_from.year, 12, 31):
        return f"năm {date_from.year}"
    month_end = (date_to + timedelta(days=1)).day == 1  # date_to is the last day of its month
    if date_from.day == 1 and (date_from.year, date_from.month) == (date_to.year, date_to.month) and month_end:
        return f"tháng {date_from.month} năm {date_from.year}"
    quarters = {1: "I", 4: "II", 7: "III", 10: "IV"}
    if date_from.day == 1 and date_from.month in quarters and date_from.year == date_to.year:
        end_month = date_from.month + 2
        next_month = date(date_to.year + (end_month == 12), end_month % 12 + 1, 1)
        if date_to.month == end_month and (next_month - date_to).days == 1:
            return f"quý {quarters[date_from.month]} năm {date_from.year}"
    return f"từ ngày {format_date(date_from)} đến ngày {format_date(date_to)}"


# --------------------------------------------------------------------------- styles and tables


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=12, leading=15)
    return {
        "base": base,
        "heading_center": ParagraphStyle("hc", parent=base, fontName=FONT_BOLD, alignment=TA_CENTER, leading=14),
        "center": ParagraphStyle("c", parent=base, alignment=TA_CENTER, leading=14),
        "date": ParagraphStyle("d", parent=base, fontName=FONT_ITALIC, alignment=TA_CENTER),
        "title": ParagraphStyle("t", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("st", parent=base, fontName=FONT_BOLD, alignment=TA_CENTER),
        "section": ParagraphStyle("s", parent=base, fontName=FONT_BOLD, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "body": ParagraphStyle(
            "b", parent=base, alignment=TA_LEFT, firstLineIndent=10 * mm, spaceBefore=3, spaceAfter=3
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=11, leading=13),
        "cell_head": ParagraphStyle(
            "ch", parent=base, fontSize=11, leading=13, fontName=FONT_BOLD, alignment=TA_CENTER
        ),
        "cell_num": ParagraphStyle("cn", parent=base, fontSize=11, leading=13, alignment=TA_RIGHT),
        "small_italic": ParagraphStyle("si", parent=base, fontName=FONT_ITALIC, fontSize=11, alignment=TA_CENTER),
        "small": ParagraphStyle("sm", parent=base, fontSize=11, leading=13),
    }


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _esc(text: str) -> str:
    return _nfc(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _num(value: int | None) -> str:
    return "" if value is None else format_money(value)


def _pct(done: int, total: int) -> str:
    """ "6,3 %" for 1 of 16: one decimal, rounded half up (as :func:`.stats.percent_of`), decimal comma."""
    if total <= 0:
        return ""
    share = (Decimal(100 * done) / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{share}".replace(".", ",") + " %"


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    styles: dict[str, ParagraphStyle],
    *,
    numeric: Sequence[int] = (),
    total_row: Sequence[Any] | None = None,
) -> Table:
    """A bordered table; columns in *numeric* right-aligned; the header repeats on every page."""

    def cell(value: Any, col: int, bold: bool = False) -> Paragraph:
        text = _esc(value) if isinstance(value, str) else _num(value)
        if bold:
            text = f"<b>{text}</b>"
        return Paragraph(text, styles["cell_num"] if col in numeric else styles["cell"])

    data: list[list[Any]] = [[Paragraph(_esc(h), styles["cell_head"]) for h in header]]
    data += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    if total_row is not None:
        data.append([cell(v, i, bold=True) for i, v in enumerate(total_row)])
    return grid_table(data, widths)


def grid_table(data: list[list[Any]], widths: Sequence[float], *, valign: str = "MIDDLE") -> Table:
    """A ruled table with a grey header row repeated on every page (the reports' and the person sheet's)."""
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), valign),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _lines_table(lines: Sequence[LabelCount], title: str, total: int, styles: dict[str, ParagraphStyle]) -> Table:
    rows = [(str(i), line.label, line.count, _pct(line.count, total)) for i, line in enumerate(lines, 1)]
    return _table(
        ("STT", title, "Số người", "Tỷ lệ"),
        rows,
        (14 * mm, 100 * mm, 30 * mm, 26 * mm),
        styles,
        numeric=(2, 3),
        total_row=("", "Tổng cộng", total, "100 %" if total else ""),
    )


# --------------------------------------------------------------------------- charts


_BLUE = colors.Color(0.16, 0.38, 0.66)
_ORANGE = colors.Color(0.93, 0.55, 0.18)


#: the charts' own words; the window draws them in its language (the PDF is Vietnamese)
_CHART_WORDS = {
    "vi": {
        "legal": "Xuất cảnh hợp pháp",
        "target": "Chỉ tiêu",
        "other": "Thị trường khác",
        "none": "Không có lượt xuất cảnh",
    },
    "en": {"legal": "Legal departures", "target": "Target", "other": "Other markets", "none": "No departures"},
}


def _chart_words(lang: str) -> dict[str, str]:
    return _CHART_WORDS["en" if lang.startswith("en") else "vi"]


def _chart_count(lang: str) -> Any:
    """How a chart writes a count: 1.853 in Vietnamese, 1,853 in English."""
    if lang.startswith("en"):
        return lambda v: f"{int(v):,}"
    return lambda v: group_digits(int(v))


def year_chart(stats: ReportStats, *, width: float = 170 * mm, height: float = 70 * mm, lang: str = "vi") -> Drawing:
    """Xuất cảnh theo năm so với chỉ tiêu — grouped bars, legal departures and target per year.

    The bars are :attr:`ReportStats.year_history`: the whole years up to the period's end (at least
    five), so that a yearly report shows the trend and not a single pair of bars. *lang* (``"vi"``,
    ``"en"``): the words and numbers of the chart.
    """
    register_fonts()
    years = (stats.year_history or stats.by_year)[-12:]  # twelve years at most
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 35, 30
    chart.width, chart.height = width - 50, height - 60
    chart.data = [[y.departures for y in years] or [0], [y.target for y in years] or [0]]
    chart.categoryAxis.categoryNames = [str(y.year) for y in years] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = _chart_count(lang)
    chart.bars[0].fillColor = _BLUE
    chart.bars[1].fillColor = _ORANGE
    chart.barSpacing = 1
    chart.groupSpacing = 6
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 40, height - 8
    legend.fontName, legend.fontSize = FONT, 9
    legend.alignment = "right"
    legend.columnMaximum = 1
    words = _chart_words(lang)
    legend.colorNamePairs = [(_BLUE, words["legal"]), (_ORANGE, words["target"])]
    drawing.add(legend)
    return drawing


def market_chart(stats: ReportStats, *, width: float = 170 * mm, height: float = 80 * mm, lang: str = "vi") -> Drawing:
    """Xuất cảnh theo thị trường — horizontal bars, the ten largest markets (others summed); *lang* as
    :func:`year_chart`'s."""
    from .reference import market_name

    register_fonts()
    words = _chart_words(lang)
    lines = [LabelCount(line.key, market_name(line.key, lang), line.count) for line in stats.by_market[:10]]
    rest = sum(line.count for line in stats.by_market[10:])
    if rest:
        lines.append(LabelCount("other", words["other"], rest))
    lines.reverse()  # the largest on top
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 110, 22
    chart.width, chart.height = width - 140, height - 30
    chart.data = [[line.count for line in lines] or [0]]
    chart.categoryAxis.categoryNames = [_nfc(line.label) for line in lines] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = _chart_count(lang)
    chart.bars[0].fillColor = _BLUE
    chart.barLabelFormat = _chart_count(lang)
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    if not stats.by_market:
        drawing.add(String(width / 2, height / 2, words["none"], fontName=FONT, textAnchor="middle"))
    return drawing


def chart_svgs(stats: ReportStats, lang: str = "vi") -> tuple[bytes, bytes]:
    """The two charts the window shows (:func:`year_chart`, :func:`market_chart`) as SVG, in *lang*."""
    return chart_svg(year_chart(stats, lang=lang)), chart_svg(market_chart(stats, lang=lang))


def chart_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG (for QSvgWidget / QSvgRenderer in the window; pure Python, works offline).

    The whole-drawing clip path reportlab adds is removed: Qt's SVG Tiny renderer does not know
    ``clipPath`` and would paint its rectangle black over the chart.
    """
    import re

    from reportlab.graphics import renderSVG

    svg = renderSVG.drawToString(drawing)
    svg = re.sub(r"<clipPath.*?</clipPath>", "", svg, flags=re.DOTALL)
    svg = svg.replace(' style="clip-path: url(#clip)"', "")
    return svg.encode("utf-8")


# --------------------------------------------------------------------------- the document


class _NumberedCanvas(pdf_canvas.Canvas):
    """Draws "Trang x/y" at the foot of every page once the page count is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 10)
            self.drawCentredString(A4[0] / 2, 10 * mm, f"Trang {self._pageNumber}/{total}")
            super().showPage()
        super().save()


def _heading(issuer: Issuer, styles: dict[str, ParagraphStyle], reference: str = "Số: ……/BC-UBND") -> Table:
    left = [Paragraph(_esc(issuer.unit_lines[0]), styles["center"])]
    left += [Paragraph(f"<b>{_esc(line)}</b>", styles["center"]) for line in issuer.unit_lines[1:]]
    left.append(Paragraph("───────", styles["center"]))
    if reference:
        left.append(Paragraph(_esc(reference), styles["center"]))
    right = [
        Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles["heading_center"]),
        Paragraph("<u>Độc lập - Tự do - Hạnh phúc</u>", styles["heading_center"]),
        Spacer(1, 10),
        Paragraph(_esc(date_line(issuer.place, issuer.issued_on)), styles["date"]),
    ]
    table = Table([[left, right]], colWidths=(68 * mm, 104 * mm))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _signature(issuer: Issuer, styles: dict[str, ParagraphStyle]) -> Table:
    left = [
        Paragraph("<b><i>Nơi nhận:</i></b>", styles["small"]),
        Paragraph("- Cơ quan cấp trên;", styles["small"]),
        Paragraph("- Lưu: VT.", styles["small"]),
    ]
    right: list[Any] = [Paragraph(f"<b>{_esc(line)}</b>", styles["center"]) for line in issuer.signer_title]
    right.append(Paragraph("(Ký, ghi rõ họ tên, đóng dấu)", styles["small_italic"]))
    right.append(Spacer(1, 22 * mm))
    right.append(Paragraph(f"<b>{_esc(issuer.signer_name)}</b>", styles["center"]))
    table = Table([[left, right]], colWidths=(80 * mm, 92 * mm))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


# --------------------------------------------------------------------------- shared with other documents


def document_styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the summary report (Liberation Serif 12 pt …), for other A4 documents."""
    register_fonts()
    return _styles()


def heading_table(issuer: Issuer, *, reference: str = "Số: ……/BC-UBND") -> Table:
    """The issuing unit beside the national heading, with place and date (*reference*: the "Số:" line, or "")."""
    register_fonts()
    return _heading(issuer, _styles(), reference)


def escape_text(text: str) -> str:
    """*text* NFC-normalised and escaped for a reportlab Paragraph."""
    return _esc(text)


#: canvas class that stamps "Trang x/y" at the foot of every page (``doc.build(…, canvasmaker=…)``)
NumberedCanvas = _NumberedCanvas


def story(stats: ReportStats, issuer: Issuer) -> list[Any]:
    """The flowables of the summary report (exposed for tests and other outputs)."""
    register_fonts()
    st = _styles()
    units = ", ".join(stats.unit_names) if stats.unit_names else "tất cả các xã, phường trong cơ sở dữ liệu"
    period = period_text(stats.date_from, stats.date_to)
    flow: list[Any] = [
        _heading(issuer, st),
        Spacer(1, 8 * mm),
        Paragraph("BÁO CÁO", st["title"]),
        Paragraph(f"Kết quả đưa người lao động đi làm việc ở nước ngoài theo hợp đồng {_esc(period)}", st["subtitle"]),
        Paragraph(
            f"(Từ ngày {format_date(stats.date_from)} đến ngày {format_date(stats.date_to)}; đơn vị: {_esc(units)})",
            st["center"],
        ),
        Spacer(1, 6 * mm),
    ]

    # I. departures against target
    flow.append(Paragraph("I. KẾT QUẢ ĐƯA NGƯỜI LAO ĐỘNG ĐI LÀM VIỆC Ở NƯỚC NGOÀI", st["section"]))
    summary = (
        f"Trong kỳ có {_num(stats.departures)} lượt người lao động xuất cảnh, trong đó"
        f" {_num(stats.departures_illegal)} trường hợp xuất cảnh trái phép"
    )
    if stats.target:
        summary += f"; xuất cảnh hợp pháp so với chỉ tiêu: {_esc(stats.achieved_text)}"
    flow.append(Paragraph(summary + ".", st["body"]))
    flow.append(Paragraph("1. Số người xuất cảnh hợp pháp so với chỉ tiêu, theo từng xã", st["section"]))
    rows = [
        (str(i), r.name, r.departures, r.target or None, f"{r.percent} %" if r.percent is not None else "")
        for i, r in enumerate(stats.by_commune, 1)
    ]
    flow.append(
        _table(
            ("STT", "Đơn vị", "Xuất cảnh", "Chỉ tiêu", "Đạt"),
            rows,
            (14 * mm, 80 * mm, 28 * mm, 28 * mm, 20 * mm),
            st,
            numeric=(2, 3, 4),
            total_row=(
                "",
                "Tổng cộng",
                stats.departures_legal,
                stats.target or None,
                f"{stats.percent} %" if stats.percent is not None else "",
            ),
        )
    )
    flow.append(Paragraph("2. Số người xuất cảnh hợp pháp theo năm so với chỉ tiêu (các năm gần đây)", st["section"]))
    flow.append(KeepTogether([year_chart(stats)]))
    flow.append(Paragraph("3. Theo thị trường", st["section"]))
    flow.append(_lines_table(stats.by_market, "Thị trường", stats.departures, st))
    flow.append(Spacer(1, 3 * mm))
    flow.append(KeepTogether([market_chart(stats)]))
    flow.append(Paragraph("4. Theo chương trình", st["section"]))
    flow.append(_lines_table([x for x in stats.by_programme if x.count], "Chương trình", stats.departures, st))
    flow.append(Paragraph("5. Theo giới tính", st["section"]))
    flow.append(_lines_table(stats.by_gender, "Giới tính", stats.departures, st))
    policy_rows = [
        (str(i), x.label, x.count, _pct(x.count, stats.departures)) for i, x in enumerate(stats.by_policy_group, 1)
    ]
    # the heading and its note stay with the table (a short one: the policy groups); a table longer
    # than a page still splits, KeepTogether then only starts it on a fresh page
    flow.append(
        KeepTogether(
            [
                Paragraph("6. Thuộc các nhóm đối tượng chính sách", st["section"]),
                Paragraph("(Một người có thể thuộc nhiều nhóm; tỷ lệ tính trên tổng số người xuất cảnh.)", st["small"]),
                _table(
                    ("STT", "Nhóm đối tượng", "Số người", "Tỷ lệ"),
                    policy_rows,
                    (14 * mm, 100 * mm, 30 * mm, 26 * mm),
                    st,
                    numeric=(2, 3),
                ),
            ]
        )
    )

    # II. abroad, absconded
    flow.append(Paragraph("II. NGƯỜI LAO ĐỘNG ĐANG Ở NƯỚC NGOÀI", st["section"]))
    rate = _pct(stats.absconded, stats.currently_abroad)  # half up, from the counts (not a rounded float)
    flow.append(
        _table(
            ("Chỉ tiêu thống kê", "Số người"),
            [
                (f"Đang ở nước ngoài (tính đến ngày {format_date(stats.date_to)})", stats.currently_abroad),
                ("Trong đó: bỏ trốn, cư trú bất hợp pháp", stats.absconded),
                ("Tỷ lệ bỏ trốn, cư trú bất hợp pháp", rate),
            ],
            (130 * mm, 40 * mm),
            st,
            numeric=(1,),
        )
    )

    # III. returns
    flow.append(Paragraph("III. NGƯỜI LAO ĐỘNG VỀ NƯỚC", st["section"]))
    flow.append(Paragraph(f"Trong kỳ có {_num(stats.returns)} người lao động về nước.", st["body"]))
    flow.append(Paragraph("1. Theo thời điểm về nước", st["section"]))
    flow.append(_lines_table(stats.returns_by_timing, "Thời điểm", stats.returns, st))
    flow.append(Paragraph("2. Theo lý do về nước", st["section"]))
    flow.append(_lines_table(stats.returns_by_reason, "Lý do", stats.returns, st))
    flow.append(Paragraph("3. Việc làm sau khi về nước (lần theo dõi gần nhất)", st["section"]))
    flow.append(_lines_table(stats.returnees_employment, "Việc làm", stats.returns_followed_up, st))
    income = (
        f"Thu nhập bình quân: {_num(stats.returnees_average_income)} đồng/tháng "
        f"(tính trên {_num(stats.returnees_with_income)} người có ghi thu nhập)."
        if stats.returnees_average_income is not None
        else "Chưa có số liệu thu nhập sau khi về nước."
    )
    flow.append(Paragraph(income, st["body"]))

    # IV. loans, V. club, VI. outreach
    flow.append(Paragraph("IV. VAY VỐN", st["section"]))
    flow.append(
        _table(
            ("Nguồn vốn", "Số món vay", "Số tiền (đồng)"),
            [
                ("Ngân hàng Chính sách xã hội", stats.loans_nhcsxh, stats.loans_nhcsxh_amount),
                ("Tất cả các nguồn", stats.loans, stats.loans_amount),
            ],
            (90 * mm, 30 * mm, 50 * mm),
            st,
            numeric=(1, 2),
        )
    )
    flow.append(Paragraph("V. CÂU LẠC BỘ GIA ĐÌNH CÓ NGƯỜI ĐI LAO ĐỘNG Ở NƯỚC NGOÀI", st["section"]))
    flow.append(
        _table(
            ("Nội dung", "Số lượng"),
            [
                (f"Hộ thành viên (đến ngày {format_date(stats.date_to)})", stats.club_member_households),
                ("Buổi sinh hoạt", stats.club_meetings),
                ("Lượt hộ dự sinh hoạt", stats.club_meeting_attendances),
                ("Lượt thăm hỏi gia đình", stats.family_visits),
            ],
            (130 * mm, 40 * mm),
            st,
            numeric=(1,),
        )
    )
    flow.append(Paragraph("VI. RÀ SOÁT, TƯ VẤN, TUYÊN TRUYỀN", st["section"]))
    years = (
        f"năm {stats.date_from.year}"
        if stats.date_from.year == stats.date_to.year
        else (f"các năm {stats.date_from.year}–{stats.date_to.year}")
    )
    flow.append(Paragraph(f"1. Rà soát, phân loại lao động trong độ tuổi ({years})", st["section"]))
    flow.append(_lines_table(stats.reviews_by_classification, "Phân loại", stats.reviews, st))
    if stats.reviews_wished_markets:
        wished = ", ".join(f"{_esc(line.label)} {_num(line.count)}" for line in stats.reviews_wished_markets)
        flow.append(Paragraph(f"Thị trường mong muốn của người có nhu cầu đi: {wished}.", st["body"]))
    # the last section and the signature block on one page: a signature never stands alone
    flow.append(
        KeepTogether(
            [
                Paragraph("2. Tư vấn, tuyên truyền", st["section"]),
                _table(
                    ("Nội dung", "Số lượng"),
                    [
                        ("Buổi tư vấn, tuyên truyền", stats.outreach_sessions),
                        ("Lượt người dự", stats.outreach_attendance),
                    ],
                    (130 * mm, 40 * mm),
                    st,
                    numeric=(1,),
                ),
                Spacer(1, 8 * mm),
                _signature(issuer, st),
            ]
        )
    )
    return flow


def render_summary_pdf(stats: ReportStats, issuer: Issuer, out: str | os.PathLike[str] | Any) -> None:
    """Write the summary report for *stats* to *out* (a path or a binary file object)."""
    register_fonts()
    target = os.fspath(out) if isinstance(out, str | os.PathLike) else out
    doc = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=15 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=_nfc(f"Báo cáo tổng hợp {period_text(stats.date_from, stats.date_to)}"),
        author=_nfc(" ".join(issuer.unit_lines)),
        subject="Báo cáo kết quả đưa người lao động đi làm việc ở nước ngoài",
    )
    doc.build(story(stats, issuer), canvasmaker=_NumberedCanvas)


def write_summary_pdf(
    engine: Engine,
    *,
    date_from: date,
    date_to: date,
    path: str | os.PathLike[str],
    unit_ids: Sequence[int] | None = None,
    issued_on: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ReportStats:
    """Compute the figures and write the summary PDF to *path* (via a temporary file, renamed at the end).

    A cancel (``cancelled()`` true between the steps) raises :class:`ReportCancelled` and leaves no file.
    """
    from .access import Permission, require

    require(engine, Permission.RECORDS_READ)
    report = progress or (lambda done, total: None)
    report(0, 3)
    stats = compute_stats(engine, date_from=date_from, date_to=date_to, unit_ids=unit_ids)
    report(1, 3)
    if cancelled is not None and cancelled():
        raise ReportCancelled
    issuer = Issuer.from_unit(get_own_unit(engine), issued_on=issued_on or date.today())
    final = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".pdf", dir=final.parent)
    os.close(fd)
    try:
        render_summary_pdf(stats, issuer, tmp)
        report(2, 3)
        if cancelled is not None and cancelled():
            raise ReportCancelled
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    report(3, 3)
    return stats


__all__ = [
    "Issuer",
    "NumberedCanvas",
    "ReportCancelled",
    "chart_svg",
    "date_line",
    "document_styles",
    "escape_text",
    "heading_table",
    "market_chart",
    "percent_of",
    "period_text",
    "render_summary_pdf",
    "story",
    "write_summary_pdf",
    "year_chart",
]
