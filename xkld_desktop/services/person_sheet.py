"""Phiếu thông tin người lao động — one person's record sheet, as PDF and as HTML for printing.

The sheet gathers what the person page shows, on paper: identity (name, birth, CCCD and its
date, passport, phone, residence, education, trade, language, policy groups, present status),
the household (head, relationship, address, status of the household, the members) and the whole
timeline, oldest first, each entry with its details. Nothing here queries the database itself:
the data come from :func:`.person_records.get_person`, :func:`.timeline.person_summary`,
:func:`.timeline.person_timeline` and :func:`.households.household_detail`.

The PDF is A4 portrait in Liberation Serif, with the issuing unit and the national heading of
the summary report (:func:`.report_pdf.heading_table`), "Trang x/y" on every page, the timeline
as a table whose header repeats across pages, and a signature block (the worker and the officer
who made the sheet). :func:`sheet_html` gives the same content as simple HTML, which the window
prints through a ``QTextDocument`` (no PDF rasteriser is shipped, see ``ui/person_page.py``).

Public API: :func:`person_sheet` (the data, a frozen :class:`PersonSheet`), :func:`render_person_sheet`
(PDF to a path or a binary file), :func:`write_person_sheet` (data + PDF via a temporary file
renamed at the end) and :func:`sheet_html`.
"""

from __future__ import annotations

import html
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.engine import Engine

from ..domain.validation import format_date
from .households import household_detail
from .person_records import get_person
from .report_pdf import (
    FONT_BOLD,
    Issuer,
    NumberedCanvas,
    date_line,
    document_styles,
    escape_text,
    grid_table,
    heading_table,
    register_fonts,
)
from .settings import get_own_unit
from .timeline import TimelineEntry, person_summary, person_timeline

__all__ = [
    "PersonSheet",
    "SheetMember",
    "person_sheet",
    "render_person_sheet",
    "sheet_html",
    "write_person_sheet",
]

TITLE = "PHIẾU THÔNG TIN NGƯỜI LAO ĐỘNG"
SUBTITLE = "Đi làm việc ở nước ngoài theo hợp đồng"
#: what the audit entry of a saved sheet says under "file" (never the file name, which names the person)
SHEET_FILE_NOTE = "tệp PDF (tên tệp không ghi vào nhật ký)"


@dataclass(frozen=True)
class SheetMember:
    """A member of the person's household, as the sheet lists it."""

    full_name: str
    relationship: str
    born: str  # dd/mm/yyyy or ""
    is_self: bool


@dataclass(frozen=True)
class PersonSheet:
    """Everything printed on the sheet: (label, value) lines, the members, the timeline, the issuer."""

    person_id: int
    full_name: str
    record_code: str  # worker code, or "#<id>"
    identity: tuple[tuple[str, str], ...]
    household: tuple[tuple[str, str], ...]  # empty when the person belongs to no household
    members: tuple[SheetMember, ...]
    timeline: tuple[TimelineEntry, ...]  # oldest first
    issuer: Issuer
    printed_on: date


def legal_basis_text(detail: Any) -> str:
    """ "Đồng ý của chủ thể dữ liệu, từ ngày 02/01/2026 (Phiếu số 12)"; "Chưa ghi" when not recorded."""
    if detail.legal_basis is None:
        return "Chưa ghi"
    text = detail.legal_basis.label("vi")
    if detail.legal_basis_date:
        text += f", từ ngày {format_date(detail.legal_basis_date)}"
    if detail.legal_basis_note:
        text += f" ({detail.legal_basis_note})"
    return text


def _place(address: str, hamlet: str, commune: str) -> str:
    """The full address when one is written (it already names hamlet and commune), else hamlet, commune."""
    return address or ", ".join(part for part in (hamlet, commune) if part)


def person_sheet(engine: Engine, *, person_id: int, today: date | None = None) -> PersonSheet:
    """The data of the record sheet of *person_id*; :class:`.errors.NotFound` for an unknown or deleted person."""
    from .access import require_person  # a club leader: only their club's people (CCCD masked by get_person)

    require_person(engine, person_id)
    today = today or date.today()
    detail = get_person(engine, person_id)
    summary = person_summary(engine, person_id, today=today)
    entries = person_timeline(engine, person_id)

    id_text = detail.id_number or ""
    if id_text and detail.id_kind is not None:
        id_text = f"{id_text} ({detail.id_kind.label('vi')})"
    if id_text and detail.id_issued_on:
        id_text += f", cấp ngày {format_date(detail.id_issued_on)}"
    status = summary.status.label("vi")
    if summary.status_since:
        status += f" (từ ngày {format_date(summary.status_since)})"
    dep = summary.open_departure
    if dep is not None:
        status += f"; đang ở {dep.market_name} từ ngày {format_date(dep.departed_on)}"
        if dep.expected_end_on:
            status += f", hợp đồng đến ngày {format_date(dep.expected_end_on)}"
    residence = _place(detail.address, detail.hamlet, detail.commune_name)
    identity = (
        ("Họ và tên", detail.full_name),
        ("Giới tính", detail.gender.label("vi") if detail.gender else ""),
        ("Ngày sinh", summary.birth_text),
        ("Dân tộc", detail.ethnicity),
        ("Số CCCD/CMND", id_text),
        ("Số hộ chiếu", detail.passport_number or ""),
        ("Điện thoại", detail.phone or ""),
        ("Nơi cư trú", residence),
        ("Trình độ học vấn", detail.education.label("vi") if detail.education else ""),
        ("Nghề, kỹ năng", detail.trade_skill),
        ("Ngoại ngữ", detail.foreign_language),
        ("Nhóm đối tượng", detail.outreach_group.label("vi") if detail.outreach_group else ""),
        ("Đối tượng chính sách", ", ".join(g.label("vi") for g in summary.policy_groups)),
        ("Tình trạng hiện nay", status),
        ("Ngày đồng ý cung cấp thông tin", format_date(detail.consent_on) if detail.consent_on else ""),
        ("Căn cứ lưu giữ dữ liệu cá nhân", legal_basis_text(detail)),
        ("Ghi chú", detail.notes),
    )

    household: tuple[tuple[str, str], ...] = ()
    members: tuple[SheetMember, ...] = ()
    if summary.household is not None:
        home = household_detail(engine, summary.household.id)
        household = (
            ("Chủ hộ", home.head_name),
            ("Quan hệ với chủ hộ", summary.household.relationship),
            ("Địa chỉ", _place(home.address, home.hamlet, home.commune)),
            ("Điện thoại của hộ", home.phone or ""),
            ("Diện hộ", home.poverty_status.label("vi")),
            ("Câu lạc bộ gia đình", home.active_membership.club_name if home.active_membership else ""),
        )
        members = tuple(
            SheetMember(
                full_name=m.full_name,
                relationship=m.relationship.label("vi"),
                born=format_date(m.date_of_birth) if m.date_of_birth else "",
                is_self=m.person_id == person_id,
            )
            for m in home.members
        )
    return PersonSheet(
        person_id=person_id,
        full_name=detail.full_name,
        record_code=detail.worker_code or f"#{person_id}",
        identity=identity,
        household=household,
        members=members,
        timeline=tuple(entries),
        issuer=Issuer.from_unit(get_own_unit(engine), issued_on=today),
        printed_on=today,
    )


# --------------------------------------------------------------------------- PDF


def _field_table(lines: tuple[tuple[str, str], ...], st: dict[str, ParagraphStyle]) -> Table:
    data = [
        [Paragraph(escape_text(label), st["cell"]), Paragraph(escape_text(value) or "—", st["cell"])]
        for label, value in lines
    ]
    table = Table(data, colWidths=(55 * mm, 115 * mm))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.95, 0.95, 0.95)),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _grid(data: list[list[Any]], widths: tuple[float, ...]) -> Table:
    return grid_table(data, widths, valign="TOP")  # long history lines: each cell starts at the top


def _story(sheet: PersonSheet) -> list[Any]:
    st = document_styles()
    head = st["cell_head"]
    center_cell = ParagraphStyle("sheet_cc", parent=st["cell"], alignment=TA_CENTER)
    detail_style = ParagraphStyle("sheet_detail", parent=st["cell"], fontSize=10, leading=12, leftIndent=6)
    flow: list[Any] = [
        heading_table(sheet.issuer, reference=""),
        Spacer(1, 8 * mm),
        Paragraph(TITLE, st["title"]),
        Paragraph(escape_text(SUBTITLE), st["subtitle"]),
        Paragraph(f"(Mã hồ sơ: {escape_text(sheet.record_code)})", st["center"]),
        Spacer(1, 5 * mm),
        Paragraph("I. THÔNG TIN CÁ NHÂN", st["section"]),
        _field_table(sheet.identity, st),
        Paragraph("II. HỘ GIA ĐÌNH", st["section"]),
    ]
    if sheet.household:
        flow.append(_field_table(sheet.household, st))
        if sheet.members:
            flow.append(Spacer(1, 3 * mm))
            rows: list[list[Any]] = [
                [Paragraph(text, head) for text in ("STT", "Họ và tên thành viên", "Quan hệ với chủ hộ", "Ngày sinh")]
            ]
            for i, member in enumerate(sheet.members, 1):
                name = escape_text(member.full_name)
                if member.is_self:
                    name = f"<b>{name}</b> (người lao động)"
                rows.append(
                    [
                        Paragraph(str(i), center_cell),
                        Paragraph(name, st["cell"]),
                        Paragraph(escape_text(member.relationship), st["cell"]),
                        Paragraph(member.born, center_cell),
                    ]
                )
            flow.append(_grid(rows, (14 * mm, 76 * mm, 48 * mm, 32 * mm)))
    else:
        flow.append(Paragraph("Chưa ghi nhận hộ gia đình của người lao động.", st["body"]))

    flow.append(Paragraph("III. QUÁ TRÌNH", st["section"]))
    if sheet.timeline:
        rows = [[Paragraph(text, head) for text in ("STT", "Ngày", "Nội dung")]]
        for i, entry in enumerate(sheet.timeline, 1):
            content: list[Any] = [Paragraph(f"<font name='{FONT_BOLD}'>{escape_text(entry.title)}</font>", st["cell"])]
            content += [Paragraph("– " + escape_text(line), detail_style) for line in entry.details]
            rows.append([Paragraph(str(i), center_cell), Paragraph(format_date(entry.on), center_cell), content])
        flow.append(_grid(rows, (14 * mm, 26 * mm, 130 * mm)))
    else:
        flow.append(Paragraph("Chưa có sự kiện nào.", st["body"]))

    flow.append(Spacer(1, 8 * mm))
    left = [
        Paragraph("<b>NGƯỜI LAO ĐỘNG</b>", st["center"]),
        Paragraph("(Ký, ghi rõ họ tên)", st["small_italic"]),
        Spacer(1, 20 * mm),
        Paragraph(f"<b>{escape_text(sheet.full_name)}</b>", st["center"]),
    ]
    right = [
        Paragraph("<b>NGƯỜI LẬP PHIẾU</b>", st["center"]),
        Paragraph("(Ký, ghi rõ họ tên)", st["small_italic"]),
    ]
    signature = Table([[left, right]], colWidths=(85 * mm, 85 * mm))
    signature.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    flow.append(KeepTogether([signature]))
    return flow


def render_person_sheet(sheet: PersonSheet, out: str | os.PathLike[str] | Any) -> None:
    """Write the record sheet *sheet* as an A4 PDF to *out* (a path or a binary file object)."""
    register_fonts()
    target = os.fspath(out) if isinstance(out, str | os.PathLike) else out
    doc = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=15 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=escape_text(f"Phiếu thông tin người lao động — {sheet.full_name}"),
        author=escape_text(" ".join(sheet.issuer.unit_lines)),
        subject="Phiếu thông tin người lao động đi làm việc ở nước ngoài",
    )
    doc.build(_story(sheet), canvasmaker=NumberedCanvas)


def write_person_sheet(
    engine: Engine, *, person_id: int, path: str | os.PathLike[str], today: date | None = None
) -> PersonSheet:
    """Gather the sheet of *person_id* and write it as PDF to *path* (temporary file, renamed at the end).

    Raises :class:`.errors.NotFound` (nothing written) for an unknown or deleted person.
    """
    sheet = person_sheet(engine, person_id=person_id, today=today)
    final = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".pdf", dir=final.parent)
    os.close(fd)
    try:
        render_person_sheet(sheet, tmp)
        from .audit import record_export  # a person's data leaves the program: an audit line first

        # the entry names the person by uuid; the file name is left out: it is usually the person's name
        # ("phieu-thong-tin-nguyen-van-an.pdf") and would stay in the hash-chained log after an erasure
        record_export(engine, kind="person_sheet", count=1, person_id=person_id, detail={"file": SHEET_FILE_NOTE})
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sheet


# --------------------------------------------------------------------------- HTML (printing)


def sheet_html(sheet: PersonSheet) -> str:
    """The same sheet as simple HTML (tables, no CSS beyond what QTextDocument understands)."""

    def esc(text: str) -> str:
        return html.escape(text, quote=False)

    def fields(lines: tuple[tuple[str, str], ...]) -> str:
        body = "".join(f"<tr><td width='32%'>{esc(k)}</td><td>{esc(v) or '—'}</td></tr>" for k, v in lines)
        return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>{body}</table>"

    unit = "<br/>".join(
        esc(line) if i == 0 else f"<b>{esc(line)}</b>" for i, line in enumerate(sheet.issuer.unit_lines)
    )
    parts = [
        "<table width='100%' cellspacing='0'><tr>",
        f"<td width='40%' align='center'>{unit}<br/>───────</td>",
        "<td align='center'><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/><b><u>Độc lập - Tự do - Hạnh phúc</u></b>"
        f"<br/><br/><i>{esc(date_line(sheet.issuer.place, sheet.issuer.issued_on))}</i></td>",
        "</tr></table><br/>",
        f"<h2 align='center'>{TITLE}</h2>",
        f"<p align='center'><b>{esc(SUBTITLE)}</b><br/>(Mã hồ sơ: {esc(sheet.record_code)})</p>",
        "<h3>I. THÔNG TIN CÁ NHÂN</h3>",
        fields(sheet.identity),
        "<h3>II. HỘ GIA ĐÌNH</h3>",
    ]
    if sheet.household:
        parts.append(fields(sheet.household))
        if sheet.members:
            rows = "".join(
                f"<tr><td align='center'>{i}</td><td>{'<b>' if m.is_self else ''}{esc(m.full_name)}"
                f"{'</b>' if m.is_self else ''}</td><td>{esc(m.relationship)}</td><td align='center'>{m.born}</td></tr>"
                for i, m in enumerate(sheet.members, 1)
            )
            parts.append(
                "<br/><table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                "<tr><th>STT</th><th>Họ và tên thành viên</th><th>Quan hệ với chủ hộ</th><th>Ngày sinh</th></tr>"
                f"{rows}</table>"
            )
    else:
        parts.append("<p>Chưa ghi nhận hộ gia đình của người lao động.</p>")
    parts.append("<h3>III. QUÁ TRÌNH</h3>")
    if sheet.timeline:
        rows = "".join(
            f"<tr><td align='center'>{i}</td><td align='center'>{format_date(e.on)}</td>"
            f"<td><b>{esc(e.title)}</b>{''.join('<br/>– ' + esc(line) for line in e.details)}</td></tr>"
            for i, e in enumerate(sheet.timeline, 1)
        )
        parts.append(
            "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
            f"<tr><th width='7%'>STT</th><th width='15%'>Ngày</th><th>Nội dung</th></tr>{rows}</table>"
        )
    else:
        parts.append("<p>Chưa có sự kiện nào.</p>")
    parts.append(
        "<br/><table width='100%'><tr>"
        "<td width='50%' align='center'><b>NGƯỜI LAO ĐỘNG</b><br/><i>(Ký, ghi rõ họ tên)</i>"
        f"<br/><br/><br/><br/><b>{esc(sheet.full_name)}</b></td>"
        "<td align='center'><b>NGƯỜI LẬP PHIẾU</b><br/><i>(Ký, ghi rõ họ tên)</i></td></tr></table>"
    )
    return "".join(parts)
