#!/usr/bin/env python3
"""Build the one-folder bundle of XKLĐ Desktop with PyInstaller, on the machine it runs on.

    python installer/build.py                        # dist/xkld-desktop/ + an archive next to it
    python installer/build.py --dist D --work W --no-archive

Run it with the Python of an environment where the program is installed (``pip install .`` or
``pip install -e .``): that environment's PySide6 and libraries go into the bundle. Steps:

1. install PyInstaller into that environment when it is missing (``pip install pyinstaller``);
2. compile each ``resources/translations/*.ts`` into a ``.qm`` with PySide6's ``lrelease`` (the
   bundle carries no ``lrelease``, so the program loads the shipped ``.qm``);
3. render the icon (``resources/icons/xkld.svg``) into PNGs and a Windows ``.ico`` with Qt;
4. run PyInstaller with ``installer/xkld-desktop.spec``;
5. on Linux, add the desktop entry, the icons and ``install-desktop-entry.sh`` to the bundle;
6. print the bundle's size and the build time, and pack the bundle: ``.tar.gz`` on Linux, ``.zip``
   on Windows (``--no-archive`` skips it). The Windows installer is made from the folder by Inno
   Setup (``installer/xkld-desktop.iss``).

Standard library only; the Qt work (icons) runs in a child process of the same interpreter.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "xkld-desktop.spec"
NAME = "xkld-desktop"
WINDOWS = sys.platform == "win32"
PYINSTALLER_REQUIREMENT = "pyinstaller>=6.10"


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    say("$ " + " ".join(cmd))
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def version() -> str:
    for line in (ROOT / "xkld_desktop" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    return "0"


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    say(f"PyInstaller is missing: installing {PYINSTALLER_REQUIREMENT} into {sys.prefix}")
    run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", PYINSTALLER_REQUIREMENT])


def lrelease() -> str:
    """PySide6's lrelease (inside the wheel, or the pyside6-lrelease wrapper next to this Python)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("PySide6 is not installed in this environment: pip install -e . first")
    folder = Path(next(iter(spec.submodule_search_locations)))
    for candidate in (folder / ("lrelease.exe" if WINDOWS else "lrelease"), folder / "Qt" / "libexec" / "lrelease"):
        if candidate.is_file():
            return str(candidate)
    scripts = Path(sys.executable).parent
    for name in ("pyside6-lrelease.exe", "pyside6-lrelease"):
        if (scripts / name).is_file():
            return str(scripts / name)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found is None:
        raise SystemExit("lrelease not found (it comes with PySide6)")
    return found


def compile_translations(stage: Path) -> list[Path]:
    out = stage / "translations"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    tool = lrelease()
    compiled = []
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = out / f"{ts.stem}.qm"
        run([tool, "-silent", str(ts), "-qm", str(qm)])
        compiled.append(qm)
    if not compiled:
        raise SystemExit("no .ts files in resources/translations")
    return compiled


def render_icons(stage: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run([sys.executable, str(INSTALLER / "render_icons.py"), str(stage)], env=env)


def add_linux_desktop_files(bundle: Path, stage: Path) -> None:
    """The desktop entry and its icons, in the freedesktop layout, with a script that installs them."""
    shutil.copy2(INSTALLER / "linux" / f"{NAME}.desktop", bundle / f"{NAME}.desktop")
    for size in (256, 48):
        target = bundle / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(stage / f"{NAME}-{size}.png", target)
    script = bundle / "install-desktop-entry.sh"
    shutil.copy2(INSTALLER / "linux" / "install-desktop-entry.sh", script)
    script.chmod(0o755)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def archive(bundle: Path) -> Path:
    """Pack *bundle* next to itself: ``.zip`` on Windows, ``.tar.gz`` elsewhere (keeps the exec bits)."""
    machine = platform.machine().lower() or "unknown"
    system = "windows" if WINDOWS else sys.platform.rstrip("0123456789")
    base = bundle.parent / f"{NAME}-{version()}-{system}-{machine}"
    if WINDOWS:
        target = base.with_suffix(".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in sorted(bundle.rglob("*")):
                zf.write(path, Path(NAME) / path.relative_to(bundle))
    else:
        target = base.with_name(base.name + ".tar.gz")
        with tarfile.open(target, "w:gz", compresslevel=6) as tf:
            tf.add(bundle, arcname=NAME)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (%(default)s)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "installer", help="scratch folder (%(default)s)")
    parser.add_argument("--no-archive", action="store_true", help="do not pack the bundle into a .tar.gz/.zip")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    stage = work / "stage"
    started = time.perf_counter()

    ensure_pyinstaller()
    qms = compile_translations(stage)
    say("translations: " + ", ".join(qm.name for qm in qms))
    render_icons(stage)
    env = dict(os.environ, XKLD_STAGE=str(stage))
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller"),
            str(SPEC),
        ],
        env=env,
        cwd=ROOT,
    )
    bundle = dist / NAME
    if not WINDOWS:
        add_linux_desktop_files(bundle, stage)
    built = time.perf_counter() - started
    size = folder_size(bundle)
    say(f"bundle: {bundle} — {size / 1e6:.1f} MB unpacked, built in {built:.0f} s")
    if not args.no_archive:
        packed = archive(bundle)
        say(f"archive: {packed} — {packed.stat().st_size / 1e6:.1f} MB")
    say(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
