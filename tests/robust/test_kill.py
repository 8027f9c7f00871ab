"""No lost record: SIGKILL the program's write path at random moments, then check the database.

A subprocess (:mod:`tests.robust.worker`) saves people through ``create_person`` and imports a
300-row sheet through the real import, printing each save and import once the service returned;
the harness (:mod:`tests.robust.harness`) kills it with SIGKILL at a random moment and asserts
that ``PRAGMA integrity_check`` is ok, every confirmed save is there, every import is whole or
absent, the audit chain verifies and the program's own ``open_database`` opens the file.
The default suite does a few kills; ``-m killtest`` (or ``XKLD_KILLTEST=1``) does 200.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.robust.harness import build_sheet, run_kills

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]


def _run(tmp_path: Path, kills: int, seed: int) -> None:
    sheet = build_sheet(tmp_path / "nhap-thu.xlsx")
    stats = run_kills(tmp_path / "kill.db", sheet, kills=kills, seed=seed)
    print(stats.summary)  # the figures, with -s
    assert stats.losses == []
    assert stats.kills == kills
    assert stats.saves_confirmed > 0
    assert stats.imports_confirmed > 0  # at least one import finished (and was checked whole)
    assert stats.landed["import"] > 0 and stats.landed["save"] > 0  # kills fell inside imports and saves


def test_kills_lose_nothing(tmp_path: Path) -> None:
    _run(tmp_path, kills=15, seed=1)


@pytest.mark.killtest
def test_two_hundred_kills_lose_nothing(tmp_path: Path) -> None:
    _run(tmp_path, kills=int(os.environ.get("XKLD_KILLS", "200")), seed=2)
