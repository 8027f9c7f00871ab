"""Compiling the translation catalogue into the cache folder (no widgets)."""

from __future__ import annotations

import os

from xkld_desktop import config
from xkld_desktop.ui import i18n


def test_ts_is_found_in_the_package_resources() -> None:
    ts = i18n.ts_path("vi")
    assert ts is not None and ts.name == "xkld_vi.ts"
    assert i18n.ts_path("fr") is None


def test_qm_is_compiled_into_the_cache_and_recompiled_when_stale() -> None:
    qm = i18n.qm_path("vi")
    assert qm == config.cache_dir() / "translations" / "xkld_vi.qm"
    assert qm.stat().st_size > 1000
    ts = i18n.ts_path("vi")
    assert ts is not None
    old = ts.stat().st_mtime - 3600
    os.utime(qm, (old, old))
    assert i18n.qm_path("vi") == qm
    assert qm.stat().st_mtime >= ts.stat().st_mtime  # compiled again


def test_a_language_without_catalogue_has_no_qm() -> None:
    assert i18n.qm_path("fr") is None
