"""Build ``resources/data/admin_units_legacy.json.gz`` from the ``vietnamadminunits`` wheel.

The administrative units before the 1 July 2025 reform (63 provinces, their districts and
communes) and the mapping of each former commune to the commune(s) that replaced it come from
the MIT-licensed package ``vietnamadminunits`` (https://github.com/tranngocminhhieu/vietnamadminunits).
That package is not a dependency of the program (it pulls shapely and geopy): this developer
script reads its unpacked wheel once and writes a compact gzip JSON that ships with the program.
It is committed so that the data file can be rebuilt and checked.

Usage::

    pip download vietnamadminunits==1.0.4 --no-deps -d /tmp/vau && unzip /tmp/vau/*.whl -d /tmp/vau/x
    python tools/build_admin_units.py /tmp/vau/x [--out resources/data/admin_units_legacy.json.gz]

The argument is the unpacked wheel (the folder holding ``vietnamadminunits/`` and its
``*.dist-info``) or the ``vietnamadminunits`` package folder itself.

Output (``format`` 1), codes as zero-padded strings (official GSO codes)::

    {"format": 1, "source": {...}, "valid_to": "2025-06-30",
     "types": ["Tỉnh", "Thành phố", ...],                     # division types, indexed below
     "provinces": [[code, name, type], ...],
     "districts": [[code, name, type, province_code], ...],
     "communes":  [[code, name, type, district_code, [[new_commune_code, is_default], ...]], ...],
     "district_successors": [[district_code, [[new_commune_code, is_default], ...]], ...]}

``district_successors`` holds the island districts that had no commune (Côn Đảo, Lý Sơn …),
which became special zones (đặc khu). The new communes' codes are those of ``vietnam_provinces``
(where the program takes the current units from): about 120 codes of vietnamadminunits differ
and are translated by province and name; the script prints how many, and how many stay unknown.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sqlite3
import sys
import unicodedata
from pathlib import Path

FORMAT = 1
LEGACY_VALID_TO = "2025-06-30"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "resources" / "data" / "admin_units_legacy.json.gz"
LICENCE_OUT = REPO / "resources" / "data" / "vietnamadminunits-LICENSE.txt"
TYPES = ["Tỉnh", "Thành phố", "Quận", "Huyện", "Thị xã", "Phường", "Thị trấn", "Xã"]


def _locate(path: Path) -> tuple[Path, Path | None]:
    """The package folder and the dist-info folder of the unpacked wheel at *path*."""
    package = path if (path / "data" / "dataset.db").exists() else path / "vietnamadminunits"
    if not (package / "data" / "dataset.db").exists():
        raise SystemExit(f"{path}: no vietnamadminunits/data/dataset.db here")
    infos = sorted(package.parent.glob("vietnamadminunits-*.dist-info"))
    return package, (infos[-1] if infos else None)


def _version(dist_info: Path | None) -> str:
    if dist_info is None:
        return "unknown"
    for line in (dist_info / "METADATA").read_text(encoding="utf-8").splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def _typed(name: str) -> tuple[str, int]:
    """*name* NFC-normalised with its division type spelled as in :data:`TYPES`, and the type's index.

    The source writes a few prefixes in title case ("Thành Phố Bắc Kạn", "Thị Trấn Prao").
    """
    name = " ".join(unicodedata.normalize("NFC", name).split())
    for index, prefix in sorted(enumerate(TYPES), key=lambda item: -len(item[1])):
        if name.lower().startswith(prefix.lower() + " "):
            return prefix + name[len(prefix) :], index
    raise ValueError(f"unknown division type in {name!r}")


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def _name_key(name: str) -> str:
    """A name compared across the two packages.

    Case, spacing, the kind of dash and apostrophe and where the tone mark sits ("Hòa"/"Hoà")
    do not matter; the tone itself does ("Tân Thạnh" and "Tân Thành" are two communes).
    """
    text = name.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'").lower()
    syllables = []
    for syllable in text.split():
        decomposed = unicodedata.normalize("NFD", syllable)
        tones = "".join(sorted(ch for ch in decomposed if ch in _TONE_MARKS))
        syllables.append(
            unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS)) + tones
        )
    return " ".join(syllables)


def _recode_to_vietnam_provinces(
    con: sqlite3.Connection, communes: dict[str, list], district_successors: dict[str, list]
) -> dict[str, int]:
    """Rewrite the new-commune codes of vietnamadminunits to those of ``vietnam_provinces``.

    The program takes the current communes from ``vietnam_provinces`` (the official codes of
    the 2025 list); vietnamadminunits numbers about 120 of them differently (some swapped). A
    new commune keeps its code when ``vietnam_provinces`` gives that code the same name, else it
    takes the code of the commune of the same name in the same province.
    """
    try:
        from vietnam_provinces import Ward
    except ImportError:
        print("vietnam_provinces is not installed: new codes not checked", file=sys.stderr)
        return {}
    current = {f"{int(w.code):05d}": w for w in Ward.iter_all()}
    by_name: dict[tuple[str, str], str] = {
        (f"{int(w.province_code):02d}", _name_key(w.name)): code for code, w in current.items()
    }
    recode: dict[str, str] = {}
    unresolved: set[str] = set()
    for name, province_code, code in con.execute("SELECT ward, provinceCode, wardCode FROM admin_units"):
        key = _name_key(name)
        if code in current and _name_key(current[code].name) == key:
            found: str | None = code
        else:
            found = by_name.get((province_code, key))
        if found is None:
            unresolved.add(code)
            print(f"no vietnam_provinces commune for {code} {name} ({province_code})", file=sys.stderr)
        else:
            recode[code] = found
    targets = [c[4] for c in communes.values()] + list(district_successors.values())
    mapped_before = {s[0] for target in targets for s in target}
    for target in targets:
        for successor in target:
            successor[0] = recode.get(successor[0], successor[0])
    mapped = {s[0] for target in targets for s in target}
    return {
        "new_codes_mapped": len(mapped),
        "new_codes_not_in_vietnam_provinces_as_given": len(mapped_before - set(current)),
        "new_codes_recoded_by_name": sum(1 for old, new in recode.items() if old != new),
        "new_codes_unknown_to_vietnam_provinces": len(mapped - set(current)),
        "vietnam_provinces_codes_never_mapped": len(set(current) - mapped),
        "new_communes_unresolved": len(unresolved),
    }


def build(package: Path, dist_info: Path | None) -> tuple[dict, dict[str, int]]:
    """The data document and a few statistics for the report."""
    con = sqlite3.connect(f"file:{package / 'data' / 'dataset.db'}?mode=ro", uri=True)
    converter = json.loads((package / "data" / "converter_2025.json").read_text(encoding="utf-8"))

    # New (2025) units of vietnamadminunits: (province key, ward key) -> ward code.
    new_code: dict[tuple[str, str], str] = {
        (pk, wk): code for pk, wk, code in con.execute("SELECT provinceKey, wardKey, wardCode FROM admin_units")
    }

    provinces: dict[str, list] = {}
    districts: dict[str, list] = {}
    communes: dict[str, list] = {}
    old_key_to_code: dict[str, tuple[str, str]] = {}  # "prov_dist_ward" -> ("commune"|"district", code)
    rows = con.execute(
        "SELECT province, provinceCode, provinceKey, district, districtCode, districtKey, ward, wardCode, wardKey"
        " FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
    )
    for p_name, p_code, p_key, d_name, d_code, d_key, w_name, w_code, w_key in rows:
        provinces.setdefault(p_code, [p_code, *_typed(p_name)])
        districts.setdefault(d_code, [d_code, *_typed(d_name), p_code])
        if w_code is None:  # an island district without communes
            old_key_to_code[f"{p_key}_{d_key}_"] = ("district", d_code)
            continue
        if w_code in communes:
            raise SystemExit(f"duplicate legacy commune code {w_code}")
        communes[w_code] = [w_code, *_typed(w_name), d_code, []]
        old_key_to_code[f"{p_key}_{d_key}_{w_key}"] = ("commune", w_code)

    district_successors: dict[str, list] = {}

    def add(old_key: str, successor: list) -> None:
        kind, code = old_key_to_code[old_key]
        target = communes[code][4] if kind == "commune" else district_successors.setdefault(code, [])
        if successor[0] not in [s[0] for s in target]:
            target.append(successor)

    for p_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w_key, old_keys in wards.items():
            for old_key in old_keys:
                add(old_key, [new_code[(p_key, w_key)], 1])
    for p_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, news in olds.items():
            for new in news:
                add(old_key, [new_code[(p_key, new["newWardKey"])], 1 if new["isDefaultNewWard"] else 0])

    doc = {
        "format": FORMAT,
        "source": {
            "package": "vietnamadminunits",
            "version": _version(dist_info),
            "license": "MIT",
            "url": "https://github.com/tranngocminhhieu/vietnamadminunits",
        },
        "valid_to": LEGACY_VALID_TO,
        "types": TYPES,
        "provinces": list(provinces.values()),
        "districts": list(districts.values()),
        "communes": list(communes.values()),
        "district_successors": [[code, succ] for code, succ in sorted(district_successors.items())],
    }

    stats = {
        "provinces": len(provinces),
        "districts": len(districts),
        "communes": len(communes),
        "communes_without_successor": sum(1 for c in communes.values() if not c[4]),
        "communes_split": sum(1 for c in communes.values() if len(c[4]) > 1),
        "successions": sum(len(c[4]) for c in communes.values()) + sum(len(s) for s in district_successors.values()),
    }
    stats.update(_recode_to_vietnam_provinces(con, communes, district_successors))
    for target in [c[4] for c in communes.values()] + list(district_successors.values()):
        target.sort(key=lambda s: (-s[1], s[0]))  # the default successor first
    return doc, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="unpacked vietnamadminunits wheel")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    package, dist_info = _locate(args.wheel)
    doc, stats = build(package, dist_info)
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes, so the committed file only changes with the data.
    with args.out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    if dist_info is not None:
        licence = next(iter(sorted(dist_info.rglob("LICENSE*"))), None)
        if licence is not None and args.out.resolve().parent == LICENCE_OUT.parent:
            shutil.copyfile(licence, LICENCE_OUT)
    for key, value in stats.items():
        print(f"{key}: {value}")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(data):,} bytes of JSON)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
