"""The import contracts of pyproject.toml hold: ``ui → services → store → domain``, no Qt below ui.

import-linter runs in-process on the contracts as written in pyproject.toml, so the test and the
``lint-imports`` command can never disagree.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"


def test_import_contracts_are_kept(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)  # lint_imports puts the working directory on sys.path
    monkeypatch.setattr(sys, "path", list(sys.path))  # ... and leaves it there: undo that afterwards

    status = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True, is_debug_mode=True)

    report = capsys.readouterr().out
    assert status == EXIT_STATUS_SUCCESS, f"import-linter found broken contracts:\n{report}"
    assert "0 broken" in report


def test_contracts_cover_every_layer_and_forbid_qt_below_ui() -> None:
    """Guards the configuration itself, so a contract cannot be weakened without this test noticing."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = {contract["type"]: contract for contract in config["contracts"]}

    assert contracts["layers"]["layers"] == [
        "xkld_desktop.ui",
        "xkld_desktop.services",
        "xkld_desktop.store",
        "xkld_desktop.domain",
    ]
    forbidden = contracts["forbidden"]
    assert set(forbidden["source_modules"]) == {"xkld_desktop.domain", "xkld_desktop.store", "xkld_desktop.services"}
    assert "PySide6" in forbidden["forbidden_modules"]
