"""Excel lists read back with openpyxl: rows, numbering, commune rows, real dates, text kept as text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from xkld_desktop.services.database import open_database
from xkld_desktop.services.excel_export import LISTS, SPECS, ExportCancelled, data_keys, export_list, is_formula_like

from .reports_data import D0, D1, EVIL, PEOPLE, REVIEWS, build, live_departures


@pytest.fixture
def built(db_url: str):
    db = open_database(db_url, seed=False)
    units = build(db.engine)
    yield db.engine, units
    db.close()


def _export(engine, tmp_path: Path, name: str, d0: date = D0) -> tuple[int, openpyxl.Workbook]:
    out = tmp_path / f"{name}.xlsx"
    rows = export_list(engine, list_name=name, date_from=d0, date_to=D1, path=out)
    return rows, openpyxl.load_workbook(out)


def test_departed_list_is_numbered_grouped_and_typed(built, tmp_path: Path) -> None:
    engine, _units = built
    rows, book = _export(engine, tmp_path, "departed")
    assert rows == len(live_departures()) == 4
    sheet = book["Danh sách"]
    assert sheet["A1"].value == "UBND XÃ AN BÌNH"
    assert sheet["A2"].value == SPECS["departed"].title
    assert sheet["A3"].value == "Từ ngày 01/01/2025 đến ngày 31/12/2025"
    assert [c.value for c in sheet[5]][:5] == ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD/CMND"]
    assert sheet["A5"].font.b and sheet["A5"].border.left.style == "thin"
    assert sheet.freeze_panes == "A6"
    assert sheet["A6"].value == "Xã An Bình"  # the commune's header row
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=7, max_row=13)]
    numbered = [r for r in body if isinstance(r[0], int)]
    assert [r[0] for r in numbered] == [1, 2, 3, 4]
    assert "Xã Bình Đức" in [r[0] for r in body]
    first = numbered[0]
    assert first[1] == "Nguyễn Văn An" and first[2] == "Nam"
    assert first[4] == "087195000000"  # CCCD as text, leading zero kept
    assert first[5] == "0912000000"
    departed_col = [c.title for c in SPECS["departed"].columns].index("Ngày xuất cảnh") + 1
    cell = sheet.cell(row=7, column=departed_col + 1)
    assert cell.value == datetime(2025, 2, 10) and cell.number_format == "dd/mm/yyyy"
    assert sheet.column_dimensions["B"].width > 20


def test_data_sheet_has_stable_keys_and_values(built, tmp_path: Path) -> None:
    engine, _units = built
    _rows, book = _export(engine, tmp_path, "departed")
    data = book["du_lieu"]
    rows = list(data.iter_rows(values_only=True))
    assert list(rows[0]) == data_keys("departed")
    assert len(rows) == 1 + 4
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["gender"] == "male" and record["programme"] == "jp_tits" and record["is_legal"] == 1
    assert record["commune_code"] == "99001" and len(record["uuid"]) == 36


@pytest.mark.parametrize("name", LISTS)
def test_formula_like_text_stays_text_in_every_text_column(built, tmp_path: Path, name: str) -> None:
    engine, _units = built
    _rows, book = _export(engine, tmp_path, name, date(2024, 1, 1))  # the evil departure is on 31/12/2024
    sheet = book["Danh sách"]
    evil_row = next(row for row in sheet.iter_rows(min_row=6) if EVIL in [c.value for c in row])
    text_columns = [i + 1 for i, c in enumerate(SPECS[name].columns) if c.kind == "text"]
    risky = [
        evil_row[i] for i in text_columns if isinstance(evil_row[i].value, str) and is_formula_like(evil_row[i].value)
    ]
    assert len(risky) >= 3  # the evil record's free-text fields
    for cell in risky:
        assert cell.data_type == "s", (cell.coordinate, cell.value)  # text, never a formula
        assert cell.quotePrefix, cell.coordinate
    data = book["du_lieu"]
    for row in data.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and is_formula_like(cell.value):
                assert cell.data_type == "s"


def test_returned_list_carries_the_latest_follow_up(built, tmp_path: Path) -> None:
    engine, _units = built
    rows, book = _export(engine, tmp_path, "returned")
    assert rows == 2
    data = list(book["du_lieu"].iter_rows(values_only=True))
    records = [dict(zip(data[0], r, strict=True)) for r in data[1:]]
    by_income = {r["employment"]: r["monthly_income"] for r in records}
    assert by_income == {"self_employed": 9_000_000, "employed": 7_500_001}


def test_review_and_club_lists(built, tmp_path: Path) -> None:
    engine, _units = built
    reviews_2025 = [p for p, year, *_rest in REVIEWS if year == 2025 and not PEOPLE[p][4]]  # live people's
    assert _export(engine, tmp_path, "review")[0] == len(reviews_2025) == 5
    rows, book = _export(engine, tmp_path, "club")
    assert rows == 2  # members on 31/12/2025: one left, one joined later
    assert book["Danh sách"]["A3"].value == "Đến ngày 31/12/2025"


def test_cancel_leaves_no_file(built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xkld_desktop.services.excel_export as module

    engine, _units = built
    monkeypatch.setattr(module, "_BATCH", 1)
    out = tmp_path / "huy.xlsx"
    seen: list[tuple[int, int]] = []
    with pytest.raises(ExportCancelled):
        export_list(
            engine,
            list_name="departed",
            date_from=D0,
            date_to=D1,
            path=out,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 2,
        )
    assert seen[0] == (0, 4)
    assert not any(p.suffix == ".xlsx" for p in tmp_path.iterdir())


def test_unknown_list_is_refused(built, tmp_path: Path) -> None:
    engine, _units = built
    with pytest.raises(ValueError, match="departed"):
        export_list(engine, list_name="nope", date_from=D0, date_to=D1, path=tmp_path / "x.xlsx")


# --------------------------------------------------------------------------- review findings


def _former_twin(engine, of: int) -> int:
    """A former commune (abolished 1/7/2025, ``legacy``) with the same code and name as the unit *of*."""
    from xkld_desktop.domain.models import AdministrativeUnit
    from xkld_desktop.store.session import write_session

    with write_session(engine) as s:
        unit = s.get(AdministrativeUnit, of)
        twin = AdministrativeUnit(
            code=unit.code,
            name=unit.name,
            name_key=unit.name_key,
            level=unit.level,
            division_type=unit.division_type,
            parent_id=unit.parent_id,
            legacy=True,
            valid_to=date(2025, 6, 30),
        )
        s.add(twin)
        s.flush()
        return twin.id


def _column(name: str, title: str) -> int:
    """The 1-based sheet column of *title* in the list *name* (STT is column 1)."""
    return [c.title for c in SPECS[name].columns].index(title) + 2


def test_two_communes_of_one_name_stay_in_one_block_each(built, tmp_path: Path) -> None:
    import sqlalchemy as sa

    engine, units = built
    twin = _former_twin(engine, units.units["A"])
    with engine.begin() as conn:  # the first person (departed 10/02/2025) recorded under the former commune
        conn.execute(sa.text("update person set commune_id = :t where full_name = 'Nguyễn Văn An'"), {"t": twin})
    # sorted by the name alone: An Bình (EVIL, 31/12/2024), former An Bình (10/02/2025), An Bình (05/03/2025)
    _rows, book = _export(engine, tmp_path, "departed", date(2024, 1, 1))
    groups = [r[0] for r in book["Danh sách"].iter_rows(min_row=6, values_only=True) if isinstance(r[0], str)]
    assert groups == ["Xã An Bình", "Xã An Bình (trước 01/07/2025)", "Xã Bình Đức"]


def test_review_year_has_no_thousands_separator(built, tmp_path: Path) -> None:
    engine, _units = built
    _rows, book = _export(engine, tmp_path, "review")
    sheet = book["Danh sách"]
    column = _column("review", "Năm")
    cells = [sheet.cell(row=r, column=column) for r in range(7, sheet.max_row) if sheet.cell(row=r, column=1).value]
    years = [c for c in cells if isinstance(c.value, int)]
    assert years and all(c.value == 2025 for c in years)
    assert {c.number_format for c in years} == {"0"}  # 2025, not 2.025 (#,##0 with Vietnamese separators)
    assert all("," not in c.number_format for c in years)
    assert all(c.alignment.horizontal == "center" for c in years)


def test_long_text_wraps_and_rows_grow_with_it(built, tmp_path: Path) -> None:
    engine, _units = built
    _rows, book = _export(engine, tmp_path, "departed", date(2024, 1, 1))
    sheet = book["Danh sách"]
    company = _column("departed", "Doanh nghiệp đưa đi")
    assert sheet.column_dimensions[openpyxl.utils.get_column_letter(company)].width >= 28
    data_rows = [r for r in range(6, sheet.max_row + 1) if isinstance(sheet.cell(row=r, column=1).value, int)]
    assert data_rows
    for r in data_rows:
        cell = sheet.cell(row=r, column=company)
        assert cell.value and cell.alignment.wrap_text, cell.coordinate
        # no fixed height: Excel and LibreOffice fit the row to its wrapped text
        assert sheet.row_dimensions[r].height is None and not sheet.row_dimensions[r].customHeight
    name = sheet.cell(row=data_rows[0], column=_column("departed", "Họ và tên"))
    assert name.alignment.wrap_text
    # still one A4 landscape page wide when printed
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1


def test_header_row_is_tall_enough_for_its_wrapped_titles(built, tmp_path: Path) -> None:
    engine, _units = built
    _rows, book = _export(engine, tmp_path, "returned")
    # "Ngày theo dõi gần nhất" in an 11-wide column and "Đã khai báo cư trú" in 9 take three lines
    assert book["Danh sách"].row_dimensions[5].height >= 3 * 15


def test_club_columns_are_wider_and_wrap(built, tmp_path: Path) -> None:
    engine, _units = built
    _rows, book = _export(engine, tmp_path, "club")
    sheet = book["Danh sách"]
    for title in ("Câu lạc bộ", "Địa chỉ"):
        letter = openpyxl.utils.get_column_letter(_column("club", title))
        assert sheet.column_dimensions[letter].width >= 30, title
        assert sheet[f"{letter}7"].alignment.wrap_text, title


def test_total_line_groups_digits_and_counts_households_in_the_club_list(built, tmp_path: Path) -> None:
    from xkld_desktop.services.excel_export import total_line

    engine, _units = built
    assert total_line("review", 9196) == "Tổng cộng: 9.196 người"
    assert total_line("club", 1234567) == "Tổng cộng: 1.234.567 hộ"
    rows, book = _export(engine, tmp_path, "club")
    sheet = book["Danh sách"]
    assert sheet.cell(row=sheet.max_row, column=2).value == f"Tổng cộng: {rows} hộ"
    rows, book = _export(engine, tmp_path, "departed")
    sheet = book["Danh sách"]
    assert sheet.cell(row=sheet.max_row, column=2).value == f"Tổng cộng: {rows} người"


def test_total_line_of_a_big_list_groups_digits(built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xkld_desktop.services.excel_export as module

    engine, _units = built
    real = module.list_query

    def many(list_name, d0, d1, ids):  # the four departures, 300 times each: 1.200 rows
        import sqlalchemy as sa

        query, commune = real(list_name, d0, d1, ids)
        copies = sa.select(sa.literal(1).label("n")).cte("copies", recursive=True)
        copies = copies.union_all(sa.select(copies.c.n + 1).where(copies.c.n < 300))
        return query.join(copies, sa.true()), commune

    monkeypatch.setattr(module, "list_query", many)
    rows, book = _export(engine, tmp_path, "departed")
    sheet = book["Danh sách"]
    assert rows == 1200
    assert sheet.cell(row=sheet.max_row, column=2).value == "Tổng cộng: 1.200 người"
