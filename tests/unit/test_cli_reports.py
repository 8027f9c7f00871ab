"""The report commands: ``stats --json`` equals the service's figures and the hand count; PDF and Excel files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from xkld_desktop import cli
from xkld_desktop.services.database import open_database

from .services.reports_data import build, expected


@pytest.fixture
def url(db_url: str) -> str:
    db = open_database(db_url, seed=False)
    build(db.engine)
    db.close()
    return db_url


def _run(argv: list[str]) -> int:
    return cli.main(argv)  # through the main command line, as the user types it


def test_stats_json_matches_the_hand_count(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["--db", url, "stats", "--from", "01/01/2025", "--to", "31/12/2025", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    want = expected()
    assert data["departures"] == want["departures"] == 4
    assert data["departures_legal"] == want["departures_legal"] == 3
    assert data["target"] == want["target"] and data["percent"] == 60  # 3 legal of 5
    assert {m["key"]: m["count"] for m in data["by_market"]} == want["by_market"]
    per_unit = {row["name"]: row["departures"] for row in data["by_commune"]}
    assert per_unit == {"Xã An Bình": want["per_unit"]["A"], "Xã Bình Đức": want["per_unit"]["B"]}
    for key in ("currently_abroad", "absconded", "returns", "loans_nhcsxh_amount", "outreach_attendance"):
        assert data[key] == want[key], key
    assert data["returnees_average_income"] == want["average_income"]
    assert data["date_from"] == "01/01/2025"


def test_stats_for_one_unit_by_unaccented_name(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", url, "stats", "--from", "01/01/2025", "--to", "31/12/2025", "--unit", "binh duc", "--json"]
    assert _run(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unit_names"] == ["Xã Bình Đức"]
    assert data["departures"] == expected(units={"B"})["departures"]


def test_unknown_unit_and_reversed_period_are_refused(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["--db", url, "stats", "--from", "01/01/2025", "--to", "31/12/2025", "--unit", "Không Có"]) == 2
    assert "Không có xã, phường “Không Có”" in capsys.readouterr().err
    assert _run(["--db", url, "stats", "--from", "31/12/2025", "--to", "01/01/2025"]) == 2
    assert "phải sau ngày đầu kỳ" in capsys.readouterr().err


def test_report_writes_the_pdf(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bao-cao.pdf"
    assert _run(["--db", url, "report", "--from", "01/01/2025", "--to", "31/12/2025", "-o", str(out)]) == 0
    assert "Đã ghi báo cáo" in capsys.readouterr().out
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "3/5, đạt 60 %" in text


def test_export_writes_the_list(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "xuat-canh.xlsx"
    assert _run(["--db", url, "export", "departed", "--from", "01/01/2025", "--to", "31/12/2025", "-o", str(out)]) == 0
    assert "Đã ghi 4 dòng" in capsys.readouterr().out
    rows = list(openpyxl.load_workbook(out)["du_lieu"].iter_rows(values_only=True))
    assert len(rows) == 5


# --------------------------------------------------------------------------- review findings


def _former(url: str, code: str, name: str, person: str | None = None) -> int:
    """A former commune (abolished 1/7/2025, ``legacy``) named *name* with *code*; *person* moved into it."""
    import sqlalchemy as sa

    from xkld_desktop.domain.enums import UnitLevel
    from xkld_desktop.domain.models import AdministrativeUnit
    from xkld_desktop.store.session import write_session

    db = open_database(url, seed=False)
    try:
        with write_session(db.engine) as s:
            unit = AdministrativeUnit(code=code, name=name, name_key=name.lower(), level=UnitLevel.COMMUNE, legacy=True)
            s.add(unit)
            s.flush()
            unit_id = int(unit.id)
        if person is not None:
            with db.engine.begin() as conn:
                moved = conn.execute(
                    sa.text("update person set commune_id = :u where full_name = :p"), {"u": unit_id, "p": person}
                )
                assert moved.rowcount == 1
    finally:
        db.close()
    return unit_id


def _unit_ids(url: str, text: str) -> tuple[bool, list[int] | None]:
    from xkld_desktop.cli_reports import resolve_unit

    db = open_database(url, seed=False)
    try:
        return resolve_unit(db.engine, text)
    finally:
        db.close()


def _current(url: str, name: str) -> int:
    import sqlalchemy as sa

    db = open_database(url, seed=False)
    try:
        with db.engine.connect() as conn:
            query = sa.text("select id from administrative_unit where name = :n and legacy = :f")
            return int(conn.execute(query, {"n": name, "f": False}).scalar_one())
    finally:
        db.close()


def test_unit_that_kept_its_name_and_code_picks_the_current_commune(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    former = _former(url, "99002", "Xã Bình Đức", person="Hồ Văn Giàu")
    current = _current(url, "Xã Bình Đức")
    for text in ("Bình Đức", "Xã Bình Đức", "binh duc", "99002"):
        assert _unit_ids(url, text) == (True, [current]), text
        err = capsys.readouterr().err
        assert "Chọn Xã Bình Đức hiện nay (mã 99002)" in err and '--unit "Bình Đức (cũ)"' in err
    for text in ("Bình Đức (cũ)", "binh duc cu", "Xã Bình Đức (trước 01/07/2025)", "99002 (cũ)", f"id:{former}"):
        assert _unit_ids(url, text) == (True, [former]), text
    argv = ["--db", url, "stats", "--from", "01/01/2025", "--to", "31/12/2025", "--unit", "Bình Đức", "--json"]
    assert _run(argv) == 0
    assert json.loads(capsys.readouterr().out)["unit_names"] == ["Xã Bình Đức"]


def test_truly_ambiguous_units_are_told_apart(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    first = _former(url, "99002", "Xã Bình Đức", person="Hồ Văn Giàu")
    second = _former(url, "99003", "Xã Bình Đức", person="Phạm Thị Dung")
    argv = ["--db", url, "stats", "--from", "01/01/2025", "--to", "31/12/2025", "--unit", "Bình Đức (cũ)"]
    assert _run(argv) == 2
    err = capsys.readouterr().err
    assert "“Bình Đức (cũ)” trùng nhiều đơn vị:" in err
    assert f"Xã Bình Đức (mã 99002, trước 01/07/2025): --unit id:{first}" in err
    assert f"Xã Bình Đức (mã 99003, trước 01/07/2025): --unit id:{second}" in err
    assert "Hãy ghi rõ hơn: mã xã" in err
    assert _run([*argv[:-1], "99003"]) == 0  # the code tells them apart


def test_stats_text_groups_every_count(url: str, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    import xkld_desktop.services.stats as stats_module
    from xkld_desktop.services.stats import ReportStats

    def big(engine, *, date_from, date_to, unit_ids=None):
        return ReportStats(
            date_from=date_from,
            date_to=date_to,
            unit_names=[],
            departures_legal=9196,
            target=10000,
            currently_abroad=1181,
            absconded=1024,
            returns=2345,
            loans_nhcsxh=1500,
            club_meetings=1200,
            outreach_sessions=3000,
        )

    monkeypatch.setattr(stats_module, "compute_stats", big)
    assert _run(["--db", url, "stats", "--from", "01/01/2016", "--to", "15/06/2025"]) == 0
    out = capsys.readouterr().out
    assert "Xuất cảnh: 9.196/10.000, đạt 92 %" in out
    assert "Đang ở nước ngoài: 1.181; bỏ trốn: 1.024" in out
    assert "Về nước: 2.345" in out
    assert "Vay NHCSXH: 1.500 món" in out
    assert "Sinh hoạt CLB: 1.200 buổi; tư vấn: 3.000 buổi" in out
