#!/usr/bin/env python3
"""Install and start XKLĐ Desktop, or run its tests — the two commands of the README.

    python3 tools/run.py start [ARGS...]   # Windows: py tools\\run.py start
    python3 tools/run.py test  [PYTEST ARGS...]

Both make sure that:
1. a virtual environment ``.venv`` exists in the repository (on Debian/Ubuntu without
   ``python3-venv`` that package is installed with apt, as root or through sudo);
2. the project is installed in it (``pip install -e .``, with the ``test`` extra for ``test``),
   skipped when a stamp file says pyproject.toml has not changed since the last install;
3. the system libraries Qt loads are there (Debian/Ubuntu: checked with dpkg, the missing ones
   installed with apt-get; elsewhere the list is printed; on Windows and macOS nothing is needed).

Then ``start`` runs ``xkld-desktop`` from the venv with the remaining arguments, and ``test`` runs
``python -m pytest`` with them and exits with pytest's exit code.

Standard library only: this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 11)
WINDOWS = os.name == "nt"
#: bump when the install step itself changes, so existing venvs install again
INSTALL_RECIPE = "3"

#: what Qt needs to run offscreen (tests) on a bare Debian/Ubuntu
QT_OFFSCREEN_PACKAGES = ["libglib2.0-0", "libegl1", "libgl1", "libfontconfig1", "libxkbcommon0", "libdbus-1-3"]
#: what Qt's xcb platform plugin links to, for a window on an X11 (or XWayland) desktop
QT_XCB_PACKAGES = [
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
]
#: pdftoppm, which the tests use to turn the program's PDFs into pictures; objdump (binutils), which
#: PyInstaller runs while the bundle test builds the Linux bundle
TEST_TOOL_PACKAGES = ["poppler-utils", "binutils"]
#: the PostgreSQL server the store, services and CLI tests also run against (a throw-away cluster);
#: only for ``test``, never for ``start``
TEST_SERVER_PACKAGES = ["postgresql"]

OTHER_SYSTEMS_HINT = """\
[xkld]   Fedora: sudo dnf install glib2 mesa-libEGL mesa-libGL fontconfig libxkbcommon libxkbcommon-x11 \\
[xkld]           dbus-libs xcb-util-cursor xcb-util-image xcb-util-keysyms xcb-util-renderutil xcb-util-wm poppler-utils
[xkld]   Arch:   sudo pacman -S glib2 libglvnd fontconfig libxkbcommon libxkbcommon-x11 dbus xcb-util-cursor \\
[xkld]           xcb-util-image xcb-util-keysyms xcb-util-renderutil xcb-util-wm poppler"""


def say(message: str) -> None:
    print(f"[xkld] {message}", flush=True)


def fail(message: str, code: int = 1) -> NoReturn:
    print(f"[xkld] ERROR: {message}", file=sys.stderr, flush=True)
    raise SystemExit(code)


def run(cmd: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> int:
    """Run *cmd* with its output shown; return its exit code."""
    return subprocess.run(list(cmd), check=False, cwd=cwd, env=env).returncode


def quiet(cmd: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), check=False, capture_output=True, text=True)


# --- system packages (Debian/Ubuntu) -------------------------------------------------------------


def is_debian_like() -> bool:
    return sys.platform.startswith("linux") and bool(shutil.which("dpkg-query")) and bool(shutil.which("apt-get"))


def privileged_prefix() -> list[str] | None:
    """``[]`` as root, ``["sudo"]`` where sudo exists, ``None`` when neither can install packages."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    if shutil.which("sudo"):
        return ["sudo"]
    return None


def installed_debian_packages(names: Sequence[str]) -> set[str]:
    """Which of *names* dpkg has installed; a 64-bit-time rename (``libglib2.0-0t64``) counts too."""
    candidates = [*names, *(f"{name}t64" for name in names)]
    out = quiet(["dpkg-query", "-W", "-f=${Package}\t${Status}\n", *candidates]).stdout
    present = set()
    for line in out.splitlines():
        package, _, status = line.partition("\t")
        if status.strip() == "install ok installed":
            present.add(package.split(":")[0].removesuffix("t64"))
    return {name for name in names if name in present}


def apt_install(packages: Sequence[str], why: str) -> bool:
    """Install *packages* with apt-get (root or sudo). False when that was not possible."""
    prefix = privileged_prefix()
    if prefix is None:
        say(f"{why}: cannot install {' '.join(packages)} (not root and no sudo). As root, run:")
        say(f"  apt-get install -y {' '.join(packages)}")
        return False
    how = "sudo apt-get" if prefix else "apt-get"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = [*prefix, "apt-get", "install", "-y", "--no-install-recommends", *packages]
    say(f"{why}: installing {' '.join(packages)} with {how}")
    if run(install, env=env) == 0:
        return True
    # a fresh system (or container) may have no package lists yet
    say(f"{how} install failed; running {how} update and trying again")
    run([*prefix, "apt-get", "update"], env=env)
    return run(install, env=env) == 0


def ensure_system_packages(packages: Sequence[str], purpose: str) -> None:
    """Make sure the Debian *packages* are installed; print what was installed or that none was missing."""
    if WINDOWS or sys.platform == "darwin":
        return  # the Qt wheels carry everything they need there
    if not is_debian_like():
        say(f"not a Debian/Ubuntu system: make sure the equivalents of these are installed ({purpose}):")
        say("  " + " ".join(packages))
        print(OTHER_SYSTEMS_HINT, flush=True)
        return
    missing = [name for name in packages if name not in installed_debian_packages(packages)]
    if not missing:
        say(f"system packages for {purpose}: nothing missing")
        return
    if apt_install(missing, f"system packages for {purpose}"):
        still = [name for name in missing if name not in installed_debian_packages(missing)]
        done = [name for name in missing if name not in still]
        say(f"installed: {' '.join(done) if done else '(none)'}")
        if still:
            say(f"WARNING: still not installed: {' '.join(still)} (the program or some tests may fail)")
    else:
        say(f"WARNING: missing system packages: {' '.join(missing)} (the program or some tests may fail)")


# --- Python and the virtual environment ----------------------------------------------------------


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def venv_script(name: str) -> Path:
    return VENV / ("Scripts" if WINDOWS else "bin") / (f"{name}.exe" if WINDOWS else name)


def python_version(python: str | Path) -> tuple[int, int] | None:
    result = quiet([str(python), "-c", "import sys; print(*sys.version_info[:2])"])
    if result.returncode != 0:
        return None
    major, minor = result.stdout.split()
    return int(major), int(minor)


def base_python() -> str:
    """An interpreter ≥ 3.11 to make the venv with: this one, or a newer one found on PATH."""
    if sys.version_info[:2] >= MIN_PYTHON:
        return sys.executable
    for name in ("python3.13", "python3.12", "python3.11"):
        found = shutil.which(name)
        if found:
            say(f"this is Python {sys.version.split()[0]}; using {found} for the virtual environment")
            return found
    if is_debian_like() and apt_install(["python3.11", "python3.11-venv"], "Python 3.11 or newer is needed"):
        found = shutil.which("python3.11")
        if found:
            return found
    fail(
        f"XKLĐ Desktop needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer (this is {sys.version.split()[0]}). "
        "Install it (Windows: https://www.python.org/downloads/) and run this command with it."
    )


def ensure_venv_support(python: str) -> None:
    """Debian and Ubuntu leave ``ensurepip`` out of Python unless ``python3-venv`` is installed."""
    if quiet([python, "-c", "import ensurepip, venv"]).returncode == 0:
        return
    if not is_debian_like():
        fail(f"{python} cannot create virtual environments (no ensurepip). Install your system's venv package.")
    version = python_version(python)
    system_version = python_version("/usr/bin/python3") if Path("/usr/bin/python3").exists() else None
    # python3-venv goes with the system's default python3; another python3.X needs python3.X-venv
    package = "python3-venv"
    if version is not None and version != system_version:
        package = f"python{version[0]}.{version[1]}-venv"
    if not apt_install([package], f"{python} cannot create virtual environments yet"):
        fail(f"install {package} (apt-get install {package}) and run this command again.")
    if quiet([python, "-c", "import ensurepip, venv"]).returncode != 0:
        fail(f"{python} still has no ensurepip after installing {package}.")


def ensure_venv() -> tuple[Path, tuple[int, int]]:
    """The venv's interpreter and its version, making the venv first when it is missing or broken."""
    python = venv_python()
    if python.exists():
        # one probe: the interpreter runs, is new enough, and has pip (a venv made without ensurepip has none)
        probe = quiet([str(python), "-c", "import sys, pip; print(*sys.version_info[:2])"])
        if probe.returncode == 0:
            major, minor = map(int, probe.stdout.split())
            if (major, minor) >= MIN_PYTHON:
                say(f"virtual environment: {VENV} (Python {major}.{minor})")
                return python, (major, minor)
        say(f"virtual environment {VENV} is broken or too old; making it again")
    base = base_python()
    ensure_venv_support(base)
    say(f"creating virtual environment {VENV} with {base}")
    if run([base, "-m", "venv", "--clear", str(VENV)]) != 0 or not python.exists():
        fail(f"could not create {VENV}")
    version = python_version(python)
    if version is None:
        fail(f"{python} does not run")
    return python, version


def install_stamp(extra: str) -> Path:
    return VENV / f".xkld-installed-{extra or 'base'}"


def wanted_stamp(version: tuple[int, int], extra: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"recipe={INSTALL_RECIPE} extra={extra or 'base'} python={version[0]}.{version[1]} pyproject={digest}\n"


def stamp_matches(version: tuple[int, int], extra: str) -> bool:
    stamp = install_stamp(extra)
    return stamp.exists() and stamp.read_text(encoding="utf-8") == wanted_stamp(version, extra)


def ensure_installed(python: Path, version: tuple[int, int], extra: str) -> None:
    """``pip install -e .[extra]`` unless a stamp says it was done for this very pyproject.toml.

    The install is editable, so changes to the code need no reinstall; only pyproject.toml
    (dependencies, entry points, package data) does. The ``test`` install covers ``start`` too.
    """
    if stamp_matches(version, extra) or (not extra and stamp_matches(version, "test")):
        say("project already installed in the virtual environment (pyproject.toml unchanged)")
        return
    target = f".[{extra}]" if extra else "."
    say(f"installing the project into the virtual environment: pip install -e '{target}'")
    cmd = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-e", target]
    if extra == "test":
        # tests/unit/test_packaging.py builds the wheel without build isolation (no network):
        # that needs a setuptools that knows pyproject's SPDX licence fields (PEP 639, setuptools 77).
        cmd.append("setuptools>=77")
    for stale in (install_stamp(""), install_stamp("test")):
        stale.unlink(missing_ok=True)
    if run(cmd, cwd=ROOT) != 0:
        fail("pip install failed (see above). Check the internet connection and run the command again.")
    install_stamp(extra).write_text(wanted_stamp(version, extra), encoding="utf-8")
    say("installed")


# --- the two commands ----------------------------------------------------------------------------


def cmd_start(args: list[str]) -> int:
    python, version = ensure_venv()
    ensure_installed(python, version, "")
    ensure_system_packages(QT_OFFSCREEN_PACKAGES + QT_XCB_PACKAGES, "Qt")
    program = venv_script("xkld-desktop")
    if not program.exists():
        fail(f"{program} is missing: the install did not finish. Delete {VENV} and run this command again.")
    say(f"starting {program.name} {' '.join(args)}".rstrip())
    if WINDOWS:  # os.execv on Windows starts a new process and returns at once; wait for it instead
        return run([str(program), *args])
    os.execv(program, [str(program), *args])
    return 0  # not reached


def cmd_test(args: list[str]) -> int:
    python, version = ensure_venv()
    ensure_installed(python, version, "test")
    ensure_system_packages(QT_OFFSCREEN_PACKAGES + TEST_TOOL_PACKAGES, "Qt offscreen and PDF tests")
    ensure_system_packages(TEST_SERVER_PACKAGES, "PostgreSQL tests")
    say(f"running: python -m pytest {' '.join(args)}".rstrip())
    # tests/conftest.py: here a PostgreSQL that cannot start fails the run instead of skipping
    env = dict(os.environ, XKLD_REQUIRE_POSTGRES="1")
    code = run([str(python), "-m", "pytest", *args], cwd=ROOT, env=env)
    say(f"pytest exited with {code}")
    return code


COMMANDS = {"start": cmd_start, "test": cmd_test}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.split("\n\n")[1] if __doc__ else "usage: run.py start|test [ARGS...]")
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
