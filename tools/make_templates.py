"""Write the two example templates of ``resources/templates/`` (run again after changing them).

    /tmp/venv/bin/python tools/make_templates.py

- ``bao-cao-ket-qua-xkld.xlsx`` — a summary form: national heading, figures of the period in
  cells, a table repeated per commune (``{{#dong communes}}``) and per market (``{{#dong markets}}``);
- ``danh-sach-xuat-canh-ve-nuoc.xlsx`` — a province's list form: sheet "Xuất cảnh" repeats a row
  per departure (``{{#dong departed}}``), sheet "Về nước" one per return (``{{#dong returned}}``).

They are ordinary workbooks: a user opens one in Excel, changes fonts, columns and wording, and
keeps the ``{{…}}`` placeholders (listed in ``resources/templates/README.md``).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

OUT = Path(__file__).resolve().parent.parent / "resources" / "templates"

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GREY = PatternFill("solid", fgColor="E6E6E6")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")


def _font(size: int = 12, *, bold: bool = False, italic: bool = False, underline: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic, underline="single" if underline else None)


def _put(sheet: Worksheet, ref: str, value: object, *, merge: str | None = None, **style: object) -> None:
    cell = sheet[ref]
    cell.value = value
    for name, item in style.items():
        setattr(cell, name, item)
    if merge:
        sheet.merge_cells(f"{ref}:{merge}")


def _heading(sheet: Worksheet, left_end: str, right_start: str, right_end: str) -> None:
    row_right = lambda r: (f"{right_start}{r}", f"{right_end}{r}")  # noqa: E731
    _put(sheet, "A1", "{{don_vi_in_hoa}}", merge=f"{left_end}1", font=_font(bold=True), alignment=CENTER)
    start, end = row_right(1)
    _put(sheet, start, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", merge=end, font=_font(bold=True), alignment=CENTER)
    start, end = row_right(2)
    _put(
        sheet, start, "Độc lập - Tự do - Hạnh phúc", merge=end, font=_font(bold=True, underline=True), alignment=CENTER
    )
    start, end = row_right(3)
    _put(sheet, start, "{{ngay_lap}}", merge=end, font=_font(italic=True), alignment=CENTER)


def _header_row(sheet: Worksheet, row: int, titles: list[str]) -> None:
    for col, title in enumerate(titles, 1):
        cell = sheet.cell(row=row, column=col, value=title)
        cell.font = _font(bold=True)
        cell.alignment = CENTER
        cell.border = BOX
        cell.fill = GREY
    sheet.row_dimensions[row].height = 32


def _repeat_row(sheet: Worksheet, row: int, cells: list[tuple[object, Alignment, str | None]]) -> None:
    """The marked row: its styles are copied to every record's row."""
    for col, (value, align, number_format) in enumerate(cells, 1):
        cell = sheet.cell(row=row, column=col, value=value)
        cell.font = _font()
        cell.alignment = align
        cell.border = BOX
        if number_format:
            cell.number_format = number_format


def summary_template() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    for col, width in zip("ABCDE", (7, 42, 14, 14, 14), strict=True):
        sheet.column_dimensions[col].width = width
    _heading(sheet, "B", "C", "E")
    _put(
        sheet,
        "A5",
        "BÁO CÁO KẾT QUẢ ĐƯA NGƯỜI LAO ĐỘNG ĐI LÀM VIỆC Ở NƯỚC NGOÀI THEO HỢP ĐỒNG",
        merge="E5",
        font=_font(14, bold=True),
        alignment=CENTER,
    )
    sheet.row_dimensions[5].height = 36
    _put(sheet, "A6", "Kỳ báo cáo: {{ky_bao_cao}} (từ ngày {{tu_ngay}} đến ngày {{den_ngay}})", merge="E6",
         font=_font(italic=True), alignment=CENTER)  # fmt: skip
    _put(sheet, "A7", "Đơn vị: {{cac_xa}}", merge="E7", font=_font(italic=True), alignment=CENTER)

    _put(sheet, "A9", "I. SỐ LIỆU CHUNG", font=_font(bold=True))
    _header_row(sheet, 10, ["STT", "Chỉ tiêu thống kê", "Số liệu"])
    sheet.merge_cells("C10:D10")
    figures = [
        ("Số người xuất cảnh", "{{xuat_canh}}", "#,##0"),
        ("Xuất cảnh hợp pháp (tính vào chỉ tiêu)", "{{xuat_canh_hop_phap}}", "#,##0"),
        ("Chỉ tiêu được giao", "{{chi_tieu}}", "#,##0"),
        ("Tỷ lệ đạt (%)", "{{ty_le}}", "0"),
        ("Xuất cảnh trái phép", "{{xuat_canh_trai_phep}}", "#,##0"),
        ("Đang ở nước ngoài (cuối kỳ)", "{{dang_o_nuoc_ngoai}}", "#,##0"),
        ("Bỏ trốn, cư trú bất hợp pháp", "{{bo_tron}}", "#,##0"),
        ("Về nước trong kỳ", "{{ve_nuoc}}", "#,##0"),
        ("Vay vốn Ngân hàng CSXH (món)", "{{vay_nhcsxh}}", "#,##0"),
        ("Vay vốn Ngân hàng CSXH (đồng)", "{{vay_nhcsxh_tien}}", "#,##0"),
        ("Buổi tư vấn, tuyên truyền / lượt người dự", "{{tu_van}} buổi / {{luot_tu_van}} lượt", None),
    ]
    for i, (label, value, number_format) in enumerate(figures, 1):
        row = 10 + i
        _repeat_row(
            sheet,
            row,
            [(i, CENTER, None), (label, LEFT, None), (value, RIGHT, number_format), ("", RIGHT, None)],
        )
        sheet.merge_cells(f"C{row}:D{row}")

    _put(sheet, "A22", "II. KẾT QUẢ THEO TỪNG XÃ, PHƯỜNG", font=_font(bold=True))
    _header_row(sheet, 23, ["STT", "Xã, phường", "Xuất cảnh hợp pháp", "Chỉ tiêu", "Tỷ lệ đạt (%)"])
    _repeat_row(
        sheet,
        24,
        [
            ("{{#dong communes}}{{stt}}", CENTER, None),
            ("{{xa}}", LEFT, None),
            ("{{xuat_canh}}", RIGHT, "#,##0"),
            ("{{chi_tieu}}", RIGHT, "#,##0"),
            ("{{ty_le}}", RIGHT, "0"),
        ],
    )
    _repeat_row(
        sheet,
        25,
        [("", CENTER, None), ("Tổng cộng", LEFT, None), ("{{xuat_canh_hop_phap}}", RIGHT, "#,##0"),
         ("{{chi_tieu}}", RIGHT, "#,##0"), ("{{ty_le}}", RIGHT, "0")],
    )  # fmt: skip
    for col in "ABCDE":
        sheet[f"{col}25"].font = _font(bold=True)

    _put(sheet, "A27", "III. XUẤT CẢNH THEO THỊ TRƯỜNG", font=_font(bold=True))
    _header_row(sheet, 28, ["STT", "Thị trường", "Số người", "Tỷ lệ (%)"])
    _repeat_row(
        sheet,
        29,
        [
            ("{{#dong markets}}{{stt}}", CENTER, None),
            ("{{thi_truong}}", LEFT, None),
            ("{{so_nguoi}}", RIGHT, "#,##0"),
            ("{{ty_le}}", RIGHT, "0.0"),
        ],
    )
    _put(sheet, "A31", "NGƯỜI LẬP BIỂU", merge="B31", font=_font(bold=True), alignment=CENTER)
    _put(sheet, "C31", "TM. ỦY BAN NHÂN DÂN", merge="E31", font=_font(bold=True), alignment=CENTER)
    _put(sheet, "C32", "(Ký, ghi rõ họ tên, đóng dấu)", merge="E32", font=_font(italic=True), alignment=CENTER)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0
    return book


def list_template() -> Workbook:
    book = Workbook()
    departed = book.active
    departed.title = "Xuất cảnh"
    returned = book.create_sheet("Về nước")
    forms = [
        (
            departed,
            "DANH SÁCH NGƯỜI LAO ĐỘNG ĐI LÀM VIỆC Ở NƯỚC NGOÀI THEO HỢP ĐỒNG",
            ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Địa chỉ", "Thị trường", "Doanh nghiệp",
             "Ngày xuất cảnh", "Ghi chú"],
            [
                ("{{#dong departed}}{{stt}}", CENTER, None),
                ("{{ho_ten}}", LEFT, None),
                ("{{ngay_sinh}}", CENTER, "DD/MM/YYYY"),
                ("{{gioi_tinh}}", CENTER, None),
                ("{{cccd}}", CENTER, "@"),
                ("{{ap}}, {{xa}}", LEFT, None),
                ("{{thi_truong}}", LEFT, None),
                ("{{doanh_nghiep}}", LEFT, None),
                ("{{ngay_xuat_canh}}", CENTER, "DD/MM/YYYY"),
                ("{{ghi_chu}}", LEFT, None),
            ],
            (6, 24, 12, 9, 15, 26, 14, 26, 12, 18),
            "departed",
        ),
        (
            returned,
            "DANH SÁCH NGƯỜI LAO ĐỘNG VỀ NƯỚC",
            ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Địa chỉ", "Thị trường", "Ngày về nước", "Lý do về nước",
             "Việc làm hiện nay", "Thu nhập (đồng/tháng)"],
            [
                ("{{#dong returned}}{{stt}}", CENTER, None),
                ("{{ho_ten}}", LEFT, None),
                ("{{ngay_sinh}}", CENTER, "DD/MM/YYYY"),
                ("{{cccd}}", CENTER, "@"),
                ("{{ap}}, {{xa}}", LEFT, None),
                ("{{thi_truong}}", LEFT, None),
                ("{{ngay_ve}}", CENTER, "DD/MM/YYYY"),
                ("{{ly_do}}", LEFT, None),
                ("{{viec_lam}}", LEFT, None),
                ("{{thu_nhap}}", RIGHT, "#,##0"),
            ],
            (6, 24, 12, 15, 26, 14, 12, 24, 22, 14),
            "returned",
        ),
    ]  # fmt: skip
    for sheet, title, header, row_cells, widths, source in forms:
        for col, width in enumerate(widths, 1):
            sheet.column_dimensions[chr(64 + col)].width = width
        _heading(sheet, "D", "F", "J")
        _put(sheet, "A5", title, merge="J5", font=_font(14, bold=True), alignment=CENTER)
        _put(sheet, "A6", "Từ ngày {{tu_ngay}} đến ngày {{den_ngay}}", merge="J6", font=_font(italic=True),
             alignment=CENTER)  # fmt: skip
        _header_row(sheet, 8, header)
        _repeat_row(sheet, 9, row_cells)
        sheet.row_dimensions[9].height = 20
        _put(sheet, "B11", f"Tổng cộng: {{{{so_dong_{source}}}}} người", font=_font(bold=True))
        _put(sheet, "G13", "NGƯỜI LẬP DANH SÁCH", merge="J13", font=_font(bold=True), alignment=CENTER)
        _put(sheet, "G14", "(Ký, ghi rõ họ tên)", merge="J14", font=_font(italic=True), alignment=CENTER)
        sheet.freeze_panes = "A9"
        sheet.print_title_rows = "8:8"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    return book


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    summary_template().save(OUT / "bao-cao-ket-qua-xkld.xlsx")
    list_template().save(OUT / "danh-sach-xuat-canh-ve-nuoc.xlsx")
    for path in sorted(OUT.glob("*.xlsx")):
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main()
