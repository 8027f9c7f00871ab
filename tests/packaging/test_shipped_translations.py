"""A bundle ships compiled catalogues and no lrelease: ui.i18n loads the shipped .qm as it is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from xkld_desktop import config
from xkld_desktop.ui import i18n


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """The Vietnamese catalogue compiled as installer/build.py does, outside the cache."""
    ts = i18n.ts_path("vi")
    assert ts is not None
    qm = tmp_path / "shipped" / "xkld_vi.qm"
    assert i18n.compile_catalogue(ts, qm)
    return qm


def test_a_bundle_without_ts_and_lrelease_uses_the_shipped_qm(
    qapp, shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "ts_path", lambda lang: None)
    monkeypatch.setattr(i18n, "shipped_qm_path", lambda lang: shipped if lang == "vi" else None)
    monkeypatch.setattr(i18n, "lrelease_executable", lambda: None)
    assert i18n.qm_path("vi") == shipped
    assert i18n.qm_path("fr") is None
    try:
        assert i18n.install_language("vi") == "vi"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    finally:
        i18n.install_language(i18n.SOURCE_LANGUAGE)
    assert not (config.cache_dir() / "translations" / "xkld_vi.qm").exists()  # nothing compiled


def test_a_shipped_qm_older_than_its_ts_is_compiled_again(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ts = i18n.ts_path("vi")
    assert ts is not None
    old = ts.stat().st_mtime - 3600
    os.utime(shipped, (old, old))
    monkeypatch.setattr(i18n, "shipped_qm_path", lambda lang: shipped)
    assert i18n.qm_path("vi") == config.cache_dir() / "translations" / "xkld_vi.qm"
