"""Fill untranslated messages of resources/translations/xkld_vi.ts from tab-separated files.

Each line of a TSV file is ``English source<TAB>Vietnamese`` (``\\n`` for a line break), the
source exactly as written in ``tr()``. Run ``tools/update_translations.py`` first so that new
strings are in the .ts; this fills every ``unfinished`` message whose source is found, and
lists those it could not fill.

    python tools/fill_translations.py resources/translations/pending/*.tsv
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS_FILE = Path(__file__).resolve().parent.parent / "resources" / "translations" / "xkld_vi.ts"


def read_tsv(paths: list[Path]) -> dict[str, str]:
    table: dict[str, str] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                print(f"{path}:{number}: no TAB, skipped", file=sys.stderr)
                continue
            source, translation = line.split("\t", 1)
            table[source.replace("\\n", "\n")] = translation.replace("\\n", "\n").strip()
    return table


def fill(ts_file: Path, table: dict[str, str]) -> list[str]:
    """Fill *ts_file* in place; return the sources left unfinished."""
    tree = ET.parse(ts_file)
    missing: list[str] = []
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        if table.get(source):
            translation.text = table[source]
            del translation.attrib["type"]
        else:
            missing.append(source)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts_file.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return missing


def main(argv: list[str]) -> int:
    missing = fill(TS_FILE, read_tsv([Path(a) for a in argv]))
    for source in missing:
        print(f"untranslated: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
