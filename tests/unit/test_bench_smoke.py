"""The benchmark suite's smoke run (issue 8): a 2,000-person database, every row measured, no target judged.

The full suite (200,000 people, several minutes) is not part of the tests; this keeps it from rotting.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_ROWS = (
    "search-as-you-type p95",
    "search-as-you-type median",
    "start-up: main window shown",
    "start-up: overview counts filled (after the window)",
    "start-up: overview counts filled, first start of the day",
    "people pane: first paint",
    "people pane: scroll to the end",
    "people pane: process memory",
    "Excel export 'departed', formatted",
    "Excel export: peak memory",
    "Excel import, previewed + committed",
    "Excel import of 1,000 rows (a province's merge): peak memory",
    "summary PDF over all the data",
    "stats over all the data",
    "`demo --people 2000`",
)


def _seconds(cell: str) -> float:
    number, unit = cell.split()
    return float(number) / 1000 if unit == "ms" else float(number)


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], str]:
    tmp = tmp_path_factory.mktemp("bench")
    out = tmp / "results.md"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--people",
            "2000",
            "--no-targets",
            "--runs",
            "1",
            "--cache-dir",
            str(tmp / "cache"),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    return proc, out.read_text(encoding="utf-8") if out.exists() else ""


def _table(text: str) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith(("| what", "|---")):
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0]] = cells
    return rows


def test_smoke_run_succeeds_and_writes_the_table(smoke: tuple[subprocess.CompletedProcess[str], str]) -> None:
    proc, text = smoke
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "2,000 people" in text
    assert text.split("| what")[1] in proc.stdout  # the same table printed and written


def test_every_row_is_there_with_sane_numbers(smoke: tuple[subprocess.CompletedProcess[str], str]) -> None:
    _proc, text = smoke
    table = _table(text)
    for prefix in EXPECTED_ROWS:
        found = [cells for what, cells in table.items() if what.startswith(prefix)]
        assert found, f"row missing: {prefix}\n{text}"
        what, value, floor, ratio, _target, verdict, _note = found[0]
        assert verdict == "—", f"{what}: no target may be judged in a smoke run"
        for cell in (value, floor):
            if cell == "—":
                assert cell is floor, f"{what}: no value"
            elif cell.endswith("MB"):
                assert 20 <= float(cell.split()[0]) < 2000, what  # a process's resident memory
            else:
                assert 0 < _seconds(cell) < 60, what
        if floor != "—":
            assert re.fullmatch(r"\d+\.\d\d×", ratio), what
    assert "Targets missed" not in text and "All targets met" not in text


def test_rows_report_what_they_measured(smoke: tuple[subprocess.CompletedProcess[str], str]) -> None:
    _proc, text = smoke
    table = _table(text)
    people = next(cells for what, cells in table.items() if what.startswith("people pane: first paint"))
    assert "2,000 rows" in people[-1]
    imported = next(cells for what, cells in table.items() if what.startswith("Excel import"))
    # nine in ten rows of the sheet are new people, one in ten already in the database
    assert re.search(r"200 rows: 180 imported, 20 skipped, 0 with errors", imported[-1]), imported[-1]
    merged = next(cells for what, cells in table.items() if what.startswith("Excel import of 1,000 rows"))
    assert re.search(r"commit \d+\.\d s, 900 imported; without the pre-import backup", merged[-1]), merged[-1]


def test_an_outdated_cached_database_goes_with_what_lay_beside_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))
    from bench import suite

    old = tmp_path / "demo-40-seed1-20261125-0001-0ld.db"
    leftovers = [Path(f"{old}{suffix}") for suffix in ("", "-wal", "-shm", ".lock", ".lock.info")]
    other = tmp_path / "demo-41-seed1-20261125-0001-0ld.db"  # another size: kept
    for path in [*leftovers, other]:
        path.write_bytes(b"x")

    def built(path: Path, people: int, seed: int) -> float:
        path.write_bytes(b"new")
        return 0.5

    monkeypatch.setattr(suite, "run_demo", built)
    path, seconds = suite.cached_database(tmp_path, 40, 1)
    assert path.read_bytes() == b"new" and seconds == 0.5
    assert [p for p in leftovers if p.exists()] == []
    assert other.exists()
    assert suite.cached_database(tmp_path, 40, 1) == (path, None)  # built once
