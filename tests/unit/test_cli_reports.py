"""The report commands: ``stats --json`` equals the service's figures and the hand count; PDF and Excel files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from xkld_desktop import cli
from xkld_desktop.cli_reports import main
from xkld_desktop.services.database import open_database

from .services.reports_data import build, expected


@pytest.fixture
def url(db_url: str) -> str:
    db = open_database(db_url, seed=False)
    build(db.engine)
    db.close()
    return db_url


def _run(argv: list[str]) -> int:
    # through the main command line once the lead has wired the report commands in, else on their own
    if "stats" in cli.COMMANDS:
        return cli.main(argv)
    return main(argv)


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
