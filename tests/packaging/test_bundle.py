"""The Linux bundle that installer/build.py makes with PyInstaller: it builds, starts and works.

The bundle is built once per state of the sources (a hash of the program, its migrations and
resources, the installer files and the versions of Python, PyInstaller and PySide6) into
``build/bundle-test/<hash>/`` (git-ignored); later runs with unchanged sources reuse it. Every
command runs the *bundled* program, with a fresh data folder and the offscreen Qt platform.

Deselect with ``-m "not bundle"`` while working on something else (the first build takes one to
two minutes on two cores).
"""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest

from xkld_desktop import __version__

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux only"),
]

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bundle-test"
#: what goes into the bundle; a change to any of these builds it again
SOURCES = ("xkld_desktop", "db", "resources", "installer", "pyproject.toml", "LICENSE")
MB = 1_000_000
MAX_UNPACKED_MB = 200
MAX_COMPRESSED_MB = 80
#: libraries and folders of things the program does not use, which the spec leaves out
NOT_SHIPPED = ("Qt6Qml", "Qt6Quick", "Qt6Network", "Qt6Pdf", "Qt6OpenGL", "Qt6Wayland", "libqwayland", "libqgtk3")
NOT_SHIPPED_DIRS = ("pytest", "_pytest", "hypothesis", "importlinter", "ruff", "mypy", "pypdf", "setuptools")


@dataclass(frozen=True)
class Bundle:
    folder: Path
    archive: Path
    build_seconds: float

    @property
    def program(self) -> Path:
        return self.folder / "xkld-desktop"


def source_digest() -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        top = ROOT / name
        paths = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top]
        for path in paths:
            if "__pycache__" in path.parts or path.suffix in {".pyc", ".qm"}:
                continue
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    tools = [sys.version, *(metadata.version(d) for d in ("pyinstaller", "PySide6-Essentials"))]
    digest.update("|".join(tools).encode())
    return digest.hexdigest()[:16]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    target = CACHE / source_digest()
    done = target / "build.json"
    if not done.is_file():
        if CACHE.is_dir():
            shutil.rmtree(CACHE)  # bundles of older sources
        started = time.perf_counter()
        command = [sys.executable, str(ROOT / "installer" / "build.py"), "--dist", str(target / "dist")]
        result = subprocess.run(
            [*command, "--work", str(target / "work")], cwd=ROOT, capture_output=True, text=True, timeout=3600
        )
        assert result.returncode == 0, f"installer/build.py failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        shutil.rmtree(target / "work", ignore_errors=True)
        done.write_text(json.dumps({"build_seconds": time.perf_counter() - started}), encoding="utf-8")
    (archive,) = (target / "dist").glob("xkld-desktop-*.tar.gz")
    seconds = json.loads(done.read_text(encoding="utf-8"))["build_seconds"]
    return Bundle(target / "dist" / "xkld-desktop", archive, seconds)


def environment(home: Path) -> dict[str, str]:
    """A fresh user: own data folder, own settings folder, offscreen Qt, no venv on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XKLD_", "PYTHON", "VIRTUAL_ENV", "QT_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XKLD_DATA_DIR=str(home / "xkld"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def run(bundle: Bundle, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle.program), *args], env=environment(home), capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def demo_db(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database the bundled program filled with ``demo --people 100``."""
    home = tmp_path_factory.mktemp("bundle-demo")
    db = home / "x.db"
    result = run(bundle, home, "--db", f"sqlite:///{db}", "demo", "--people", "100")
    assert result.returncode == 0, result.stdout + result.stderr
    return db


def test_the_bundle_fits_the_size_budget(bundle: Bundle) -> None:
    unpacked = folder_size(bundle.folder) / MB
    packed = bundle.archive.stat().st_size / MB
    statement = (
        f"bundle {unpacked:.1f} MB unpacked, {packed:.1f} MB as {bundle.archive.name}, "
        f"built in {bundle.build_seconds:.0f} s"
    )
    print(statement)
    assert unpacked <= MAX_UNPACKED_MB, f"{statement}: more than {MAX_UNPACKED_MB} MB unpacked"
    assert packed <= MAX_COMPRESSED_MB, f"{statement}: more than {MAX_COMPRESSED_MB} MB compressed"


def test_the_bundle_carries_what_the_program_needs_and_not_the_rest(bundle: Bundle) -> None:
    internal = bundle.folder / "_internal"
    names = [p.relative_to(bundle.folder).as_posix() for p in bundle.folder.rglob("*")]
    assert (internal / "xkld_desktop" / "resources" / "translations" / "xkld_vi.qm").is_file()
    assert (internal / "xkld_desktop" / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (internal / "xkld_desktop" / "db" / "env.py").is_file()
    assert (internal / "xkld_desktop" / "db" / "versions" / "0001_initial_schema.py").is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "imageformats/libqsvg.so"):
        assert (plugins / plugin).is_file(), plugin
    unwanted = [n for n in names if any(part in n for part in NOT_SHIPPED) or n.endswith(".ts")]
    unwanted += [d for d in NOT_SHIPPED_DIRS if (internal / d).exists()]
    qt_translations = internal / "PySide6" / "Qt" / "translations"
    if qt_translations.is_dir():
        unwanted += [p.name for p in qt_translations.iterdir() if not p.name.startswith("qtbase_vi")]
    assert not unwanted, f"left out on purpose but shipped: {unwanted}"


def test_the_desktop_entry_and_its_icons(bundle: Bundle) -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(bundle.folder / "xkld-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "XKLĐ Desktop"
    assert section["Exec"].split()[0] == "xkld-desktop"
    assert section["Icon"] == "xkld-desktop"
    for size in (48, 256):
        png = bundle.folder / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "xkld-desktop.png"
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", png
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size)
    assert os.access(bundle.folder / "install-desktop-entry.sh", os.X_OK)


def test_version(bundle: Bundle, tmp_path: Path) -> None:
    result = run(bundle, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"XKLĐ Desktop {__version__}"


def test_demo_writes_100_people(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        (people,) = conn.execute("SELECT count(*) FROM person").fetchone()
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert people == 100
    migrations = sorted(p.name for p in (ROOT / "db" / "versions").glob("[0-9]*.py"))
    assert revision == migrations[-1].split("_")[0]  # every shipped migration ran


def test_report_pdf_with_the_shipped_fonts(bundle: Bundle, demo_db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    period = ("--from", "01/01/2000", "--to", "31/12/2040")
    result = run(bundle, tmp_path, "--db", f"sqlite:///{demo_db}", "report", *period, "-o", str(pdf))
    assert result.returncode == 0, result.stdout + result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"+LiberationSerif" in data  # the shipped font, embedded


def test_the_window_opens_the_database_in_vietnamese(bundle: Bundle, demo_db: Path, tmp_path: Path) -> None:
    """Without a command the program opens its window (offscreen) and the database; then we stop it."""
    log = tmp_path / "xkld" / "xkld.log"
    process = subprocess.Popen(
        [str(bundle.program), "--db", f"sqlite:///{demo_db}"],
        env=environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120  # a generous bound on a busy machine, not a speed check
        while time.monotonic() < deadline and process.poll() is None:
            if log.is_file() and "Database open:" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.2)
        exited = process.poll()
    finally:
        process.terminate()
        try:
            _, errors = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _, errors = process.communicate()
    text = log.read_text(encoding="utf-8") if log.is_file() else ""
    assert exited is None, f"the program stopped by itself ({exited}):\n{errors[-3000:]}\n{text[-3000:]}"
    assert "Database open:" in text, text[-3000:]
    assert "UI language: vi" in text, "the shipped Vietnamese catalogue was not loaded"
    assert "Fonts registered: DejaVu Sans" in text
    assert "Traceback" not in text and "Traceback" not in errors, text[-3000:] + errors[-3000:]
