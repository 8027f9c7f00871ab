"""The summary PDF: text extracted with pypdf carries the same figures as stats, in Vietnamese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from xkld_desktop.services.database import open_database
from xkld_desktop.services.report_pdf import (
    Issuer,
    ReportCancelled,
    chart_svg,
    date_line,
    market_chart,
    period_text,
    render_summary_pdf,
    write_summary_pdf,
    year_chart,
)
from xkld_desktop.services.stats import LabelCount, ReportStats, YearRow, compute_stats

from .reports_data import D0, D1, build


@pytest.fixture
def built(db_url: str):
    db = open_database(db_url, seed=False)
    units = build(db.engine)
    yield db.engine, units
    db.close()


def _text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_summary_pdf_shows_heading_figures_and_page_numbers(built, tmp_path: Path) -> None:
    engine, _units = built
    out = tmp_path / "bao-cao.pdf"
    stats = write_summary_pdf(engine, date_from=D0, date_to=D1, path=out, issued_on=date(2026, 1, 5))
    pages, text = _text(out)
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    assert "ỦY BAN NHÂN DÂN" in flat and "XÃ AN BÌNH" in flat
    assert "An Bình, ngày 05 tháng 01 năm 2026" in flat
    assert "năm 2025" in flat and "Từ ngày 01/01/2025 đến ngày 31/12/2025" in flat
    assert "Trong kỳ có 4 lượt người lao động xuất cảnh, trong đó 1 trường hợp xuất cảnh trái phép" in flat
    assert f"xuất cảnh hợp pháp so với chỉ tiêu: {stats.departures_legal}/{stats.target}, đạt {stats.percent} %" in flat
    assert "3/5, đạt 60 %" in flat  # the illegal departure is not counted against the target
    assert "Xã Bình Đức 1 3 33 %" in flat  # commune row: legal departures, target, achieved
    assert "Nhật Bản 2 50,0 %" in flat  # market row with its share
    assert "Ngân hàng Chính sách xã hội 2 180.000.000" in flat  # money with Vietnamese separators
    assert "Thu nhập bình quân: 8.250.000 đồng/tháng" in flat  # (9.000.000 + 7.500.001) / 2, rounded
    assert "Tai nạn, ốm đau" in flat  # return reason labels with diacritics
    assert "Trang 1/" in flat and f"Trang {pages}/{pages}" in flat
    assert "TM. ỦY BAN NHÂN DÂN" in flat and "CHỦ TỊCH" in flat


def test_long_tables_split_across_pages_with_repeated_header(tmp_path: Path) -> None:
    markets = [LabelCount(f"M{i}", f"Thị trường số {i}", 1000 - i) for i in range(120)]
    stats = ReportStats(
        date_from=D0,
        date_to=D1,
        unit_names=["Xã Thử"],
        departures=sum(m.count for m in markets),
        by_market=markets,
        by_year=[YearRow(2025, 10, 5)],
    )
    out = tmp_path / "dai.pdf"
    render_summary_pdf(stats, Issuer(("ỦY BAN NHÂN DÂN", "XÃ THỬ"), "Thử", date(2026, 1, 1)), out)
    pages, _ = _text(out)
    assert pages >= 4
    reader = PdfReader(str(out))
    headed = [p for p in reader.pages if "Thị trường Số người Tỷ lệ" in " ".join(p.extract_text().split())]
    assert len(headed) >= 2  # the market table's header repeats on the next page
    assert f"Trang {pages}/{pages}" in reader.pages[-1].extract_text()


def test_cancel_leaves_no_file(built, tmp_path: Path) -> None:
    engine, _units = built
    out = tmp_path / "huy.pdf"
    with pytest.raises(ReportCancelled):
        write_summary_pdf(engine, date_from=D0, date_to=D1, path=out, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == [tmp_path / "test.db"] or not out.exists()
    assert not any(p.suffix == ".pdf" for p in tmp_path.iterdir())


def test_charts_render_to_svg_for_the_window(built) -> None:
    engine, _units = built
    stats = compute_stats(engine, date_from=D0, date_to=D1)
    svg = chart_svg(market_chart(stats)).decode("utf-8")
    assert svg.startswith("<?xml") and "Nhật Bản" in svg
    assert "Chỉ tiêu" in chart_svg(year_chart(stats)).decode("utf-8")


@pytest.mark.parametrize(
    ("d0", "d1", "text"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), "năm 2025"),
        (date(2025, 7, 1), date(2025, 9, 30), "quý III năm 2025"),
        (date(2025, 10, 1), date(2025, 12, 31), "quý IV năm 2025"),
        (date(2025, 2, 3), date(2025, 6, 30), "từ ngày 03/02/2025 đến ngày 30/06/2025"),
    ],
)
def test_period_text(d0: date, d1: date, text: str) -> None:
    assert period_text(d0, d1) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [  # Decree 30/2020/NĐ-CP, Annex I: days below 10 and the months 1 and 2 with a leading zero, no other month
        (date(2026, 3, 5), "Tân Hộ Cơ, ngày 05 tháng 3 năm 2026"),
        (date(2025, 6, 5), "Tân Hộ Cơ, ngày 05 tháng 6 năm 2025"),
        (date(2025, 2, 15), "Tân Hộ Cơ, ngày 15 tháng 02 năm 2025"),
        (date(2025, 1, 31), "Tân Hộ Cơ, ngày 31 tháng 01 năm 2025"),
        (date(2025, 11, 15), "Tân Hộ Cơ, ngày 15 tháng 11 năm 2025"),
        (date(2025, 10, 9), "Tân Hộ Cơ, ngày 09 tháng 10 năm 2025"),
    ],
)
def test_date_line(day: date, text: str) -> None:
    assert date_line("Tân Hộ Cơ", day) == text
    assert date_line("", day) == "N" + text[len("Tân Hộ Cơ, n") :]


def test_date_line_in_the_pdf(tmp_path: Path) -> None:
    out = tmp_path / "ngay.pdf"
    render_summary_pdf(_small_stats(), Issuer(("ỦY BAN NHÂN DÂN", "XÃ THỬ"), "Thử", date(2025, 6, 5)), out)
    flat = " ".join(_text(out)[1].split())
    assert "Thử, ngày 05 tháng 6 năm 2025" in flat


@pytest.mark.parametrize(
    ("d0", "d1", "text"),
    [
        (date(2025, 3, 1), date(2025, 3, 31), "tháng 3 năm 2025"),
        (date(2024, 2, 1), date(2024, 2, 29), "tháng 2 năm 2024"),
        (date(2025, 12, 1), date(2025, 12, 31), "tháng 12 năm 2025"),
        (date(2025, 3, 1), date(2025, 3, 30), "từ ngày 01/03/2025 đến ngày 30/03/2025"),  # not the whole month
        (date(2025, 3, 2), date(2025, 3, 31), "từ ngày 02/03/2025 đến ngày 31/03/2025"),
    ],
)
def test_period_text_of_one_month(d0: date, d1: date, text: str) -> None:
    assert period_text(d0, d1) == text


def _small_stats(**fields) -> ReportStats:
    base = {"date_from": D0, "date_to": D1, "unit_names": ["Xã Thử"], "by_year": [YearRow(2025, 10, 5)]}
    return ReportStats(**{**base, **fields})


def test_shares_round_half_up(tmp_path: Path) -> None:
    # 1 of 16 = 6,25 %: "6,3 %" (half up, as percent_of), not "6,2 %" (Python's round half to even);
    # the absconding rate too, from the counts (stats gives 6.2 for 1 of 16)
    stats = _small_stats(
        departures=16,
        by_market=[LabelCount("JP", "Nhật Bản", 15), LabelCount("KR", "Hàn Quốc", 1)],
        currently_abroad=16,
        absconded=1,
        absconding_rate_percent=6.2,
    )
    out = tmp_path / "ty-le.pdf"
    render_summary_pdf(stats, Issuer(("ỦY BAN NHÂN DÂN", "XÃ THỬ"), "Thử", date(2026, 1, 1)), out)
    flat = " ".join(_text(out)[1].split())
    assert "Hàn Quốc 1 6,3 %" in flat
    assert "Nhật Bản 15 93,8 %" in flat  # 93,75
    assert "Tỷ lệ bỏ trốn, cư trú bất hợp pháp 6,3 %" in flat
    assert "6,2 %" not in flat


def _page_of(reader: PdfReader, needle: str) -> int:
    pages = [i for i, p in enumerate(reader.pages) if needle in " ".join(p.extract_text().split())]
    assert pages, needle
    return pages[0]


@pytest.mark.parametrize("markets", range(0, 40, 2))
def test_section_headings_and_signature_stay_with_what_follows(tmp_path: Path, markets: int) -> None:
    # a longer or shorter market table moves everything after it: whatever the page breaks,
    # section 6's heading and note sit on the page of its table, the signature with the last table
    stats = _small_stats(
        departures=1000,
        by_market=[LabelCount(f"M{i}", f"Thị trường số {i}", 10) for i in range(markets)],
        by_policy_group=[LabelCount(f"g{i}", f"Nhóm số {i}", i) for i in range(7)],
    )
    out = tmp_path / "trang.pdf"
    render_summary_pdf(stats, Issuer(("ỦY BAN NHÂN DÂN", "XÃ THỬ"), "Thử", date(2026, 1, 1)), out)
    reader = PdfReader(str(out))
    heading = _page_of(reader, "6. Thuộc các nhóm đối tượng chính sách")
    assert _page_of(reader, "(Một người có thể thuộc nhiều nhóm") == heading
    assert _page_of(reader, "STT Nhóm đối tượng Số người Tỷ lệ") == heading
    signature = _page_of(reader, "TM. ỦY BAN NHÂN DÂN")
    assert _page_of(reader, "Lượt người dự") == signature
    assert _page_of(reader, "2. Tư vấn, tuyên truyền") == signature
