"""Refresh resources/translations/xkld_vi.ts from the UI's source strings (pyside6-lupdate).

Existing translations are kept; new strings arrive as "unfinished" for a translator to fill
in (Qt Linguist, or any text editor), and strings no longer in the code are dropped. The test
``tests/gui/test_translations.py`` fails while any string is untranslated.

    python tools/update_translations.py            # update the .ts in place
    python tools/update_translations.py --ts OUT   # write another file (the test does this)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "xkld_desktop" / "ui"
TS_FILE = ROOT / "resources" / "translations" / "xkld_vi.ts"


def lupdate_executable() -> str:
    """PySide6's lupdate: the binary inside the wheel, or pyside6-lupdate on PATH."""
    import PySide6

    name = "lupdate.exe" if sys.platform == "win32" else "lupdate"
    bundled = Path(PySide6.__file__).parent / name
    if bundled.is_file():
        return str(bundled)
    found = shutil.which("pyside6-lupdate") or shutil.which("lupdate")
    if found is None:
        raise SystemExit("lupdate not found: install PySide6")
    return found


def sources() -> list[Path]:
    """Every Python file of the UI, in a stable order."""
    return sorted(UI_DIR.rglob("*.py"))


def update(ts: Path = TS_FILE, *, quiet: bool = False) -> subprocess.CompletedProcess[str]:
    """Run lupdate over the UI sources into *ts* (kept translations, obsolete ones dropped)."""
    files = [str(p.relative_to(ROOT)) for p in sources()]
    command = [lupdate_executable(), "-no-obsolete", "-locations", "none", *files, "-ts", str(ts)]
    if quiet:
        command.insert(1, "-silent")
    return subprocess.run(command, cwd=ROOT, check=True, capture_output=quiet, text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ts", type=Path, default=TS_FILE, help="the .ts file to update (default: %(default)s)")
    args = parser.parse_args(argv)
    update(args.ts.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
