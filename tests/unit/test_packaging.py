"""The wheel is complete: migrations, fonts, icons, translations and licences ship inside it,
and a plain (non-editable) install can create and migrate a database from its own files.

The wheel is built once per test session from a copy of the sources (so an in-tree ``build/``
directory neither litters the checkout nor leaks stale files into the wheel), without build
isolation where the installed setuptools is new enough, so no network is needed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: what the build reads: pyproject.toml with its readme and licence files, and the package directories
SOURCES = ["pyproject.toml", "README.md", "LICENSE", "xkld_desktop", "db", "resources"]
FONTS = [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
]
FONT_LICENCES = ["DejaVu-LICENSE.txt", "Liberation-LICENSE.txt"]


def _setuptools_can_build_offline() -> bool:
    """pyproject.toml uses PEP 639 licence fields, which setuptools understands from version 77."""
    try:
        major = int(version("setuptools").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return False
    return major >= 77


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "*.qm")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-w", str(work), str(src)]
    if _setuptools_can_build_offline():
        cmd.insert(cmd.index("--no-deps"), "--no-build-isolation")
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"building the wheel failed:\n{result.stdout}\n{result.stderr}"
    (built,) = work.glob("xkld_desktop-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed into a folder of its own, like a user's site-packages."""
    target = tmp_path_factory.mktemp("site")
    cmd = [sys.executable, "-m", "pip", "install", "--no-deps", "--disable-pip-version-check", "--target", str(target)]
    result = subprocess.run([*cmd, str(wheel)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"installing the wheel failed:\n{result.stdout}\n{result.stderr}"
    return target


def _run_with(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Python with only the installed wheel on top of the environment's dependencies.

    The working directory is not the checkout, so ``import xkld_desktop`` cannot find the sources.
    """
    env = dict(os.environ, PYTHONPATH=str(site))
    env.pop("XKLD_DB_URL", None)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120
    )


def test_wheel_has_migrations(wheel_names: set[str]) -> None:
    for name in ("env.py", "script.py.mako", "versions/0001_initial_schema.py", "__init__.py", "versions/__init__.py"):
        assert f"xkld_desktop/db/{name}" in wheel_names
    for migration in (ROOT / "db" / "versions").glob("*.py"):
        assert f"xkld_desktop/db/versions/{migration.name}" in wheel_names, "every migration must ship"


def test_wheel_has_fonts_icon_and_translations(wheel_names: set[str]) -> None:
    for name in FONTS + FONT_LICENCES:
        assert f"xkld_desktop/resources/fonts/{name}" in wheel_names
    assert "xkld_desktop/resources/icons/xkld.svg" in wheel_names
    sources = {p.name for p in (ROOT / "resources" / "translations").glob("*.ts")}
    shipped = {Path(n).name for n in wheel_names if n.startswith("xkld_desktop/resources/translations/")}
    assert sources, "resources/translations/ has no .ts file"
    assert {n for n in shipped if n.endswith(".ts")} == sources


def test_wheel_metadata_carries_the_licences(wheel: Path, wheel_names: set[str]) -> None:
    (dist_info,) = {n.split("/")[0] for n in wheel_names if n.split("/")[0].endswith(".dist-info")}
    assert f"{dist_info}/licenses/LICENSE" in wheel_names
    for name in FONT_LICENCES:
        assert f"{dist_info}/licenses/resources/fonts/{name}" in wheel_names
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"{dist_info}/METADATA").decode("utf-8")
    assert "License-Expression: GPL-3.0-or-later" in metadata.splitlines()


def test_installed_wheel_imports_from_its_own_folder(site: Path, tmp_path: Path) -> None:
    code = (
        "import xkld_desktop, xkld_desktop.db, xkld_desktop.resources;"
        "print(xkld_desktop.__file__); print(xkld_desktop.db.__file__); print(xkld_desktop.resources.__file__)"
    )
    result = _run_with(site, tmp_path, "-c", code)
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(site.resolve()), line


def test_installed_wheel_creates_and_migrates_a_database(site: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "demo.db"
    result = _run_with(site, tmp_path, "-m", "xkld_desktop", "--db", f"sqlite:///{db_path.as_posix()}", "init")
    assert result.returncode == 0, f"init failed:\n{result.stdout}\n{result.stderr}"

    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(site / "xkld_desktop" / "db")).get_current_head()
    with sqlite3.connect(db_path) as conn:
        revisions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert revisions == [head]
    assert {"administrative_unit", "app_setting"} <= tables
