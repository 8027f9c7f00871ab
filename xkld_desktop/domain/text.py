"""Vietnamese text rules: NFC normalisation, folded search keys, name sort keys.

Every piece of text a user types is stored NFC-normalised, with its ends trimmed and runs of
spaces made one. Search compares *folded* keys: lower case, tone and vowel marks removed,
``đ``/``Đ`` made ``d`` — so "nguyen van duc", "NGUYEN VAN DUC" and "Nguyễn Văn Đức" meet.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

_D_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})

# Characters that show nothing but make two equal-looking texts differ: control characters other
# than whitespace, the soft hyphen, zero-width spaces and joiners, direction marks and the byte-order
# mark. Text copied from web pages, chat messages or a CSV file brings them into Excel sheets.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def clean_text(value: str | None) -> str:
    """Return *value* NFC-normalised, trimmed, with inner whitespace runs made one space and the
    invisible characters (zero-width spaces, soft hyphens, control characters…) removed."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value)
    if not (value.isascii() and value.isprintable()):
        value = _INVISIBLE.sub("", value)
    return " ".join(value.split())  # split(): the whitespace that \s matches


def clean_optional(value: str | None) -> str | None:
    """Like :func:`clean_text` but ``None`` for an empty result (for nullable columns)."""
    cleaned = clean_text(value)
    return cleaned or None


class _Unmarked(dict[int, str]):
    """``str.translate`` table: a character → itself without its marks (đ → d), filled as characters come.

    Decomposing character by character and dropping the combining marks gives what decomposing
    the whole text does (canonical reordering moves only combining marks, which are all dropped),
    at a dictionary lookup per character once a character has been seen.
    """

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code).translate(_D_TABLE))
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        self[code] = plain
        return plain


_UNMARKED = _Unmarked()


def fold(value: str | None) -> str:
    """Folded search key: lower case, no diacritics, đ → d, single spaces.

    >>> fold("  Nguyễn   Văn ĐỨC ")
    'nguyen van duc'
    """
    if not value:
        return ""
    stripped = value.lower() if value.isascii() else value.translate(_UNMARKED).lower()
    return " ".join(stripped.split())


def other_spellings(text: str, names: Iterable[str]) -> list[str]:
    """The *names* written with the same letters as *text* but otherwise (case, marks, spaces), when
    *text* is not one of them: "ap cong binh" among ["Ấp Công Bình", "Ấp 2"] → ["Ấp Công Bình"].

    Forms use it to warn before a second spelling of a hamlet is saved beside the one in use.
    """
    typed = clean_text(text)
    if not typed:
        return []
    names = list(names)
    if typed in names:
        return []
    key = fold(typed)
    return [name for name in names if fold(name) == key]


def name_sort_key(full_name: str | None) -> str:
    """Key for Vietnamese name order: given name first, then family and middle names.

    Vietnamese lists are ordered by the last word of the name (the given name, "tên"), then by
    the family name and middle names. The key is folded, so case and marks do not change the
    order ("Đức" and "Duc" sort together; a list adds the id as the final tie-breaker).

    >>> name_sort_key("Nguyễn Văn Đức") < name_sort_key("Trần Thị Hoa")
    True
    """
    folded = fold(full_name)
    if not folded:
        return ""
    words = folded.split(" ")
    return " ".join([words[-1], *words[:-1]])


def digits_only(value: str | None) -> str:
    """Only the ASCII digits of *value* (for CCCD and phone keys)."""
    if not value:
        return ""
    return "".join(ch for ch in unicodedata.normalize("NFKC", value) if "0" <= ch <= "9")


def query_digits(query: str) -> str | None:
    """The digits of a CCCD/phone query ("0912 345", "+84 912", full-width "０９１２"), or ``None``
    for a query that is not a number (a name)."""
    compact = fold(clean_text(unicodedata.normalize("NFKC", query or ""))).replace(" ", "")
    compact = compact.replace(".", "").replace("-", "")
    if compact.startswith("+84"):
        compact = "0" + compact[3:]
    return compact if compact.isascii() and compact.isdigit() else None


def _collect(value: object, into: list[str]) -> None:
    """Append the word-bearing values inside *value* to *into*: strings and numbers, in lists and dicts (not keys)."""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in ("{", "[") and text[-1:] in ("}", "]"):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict | list):
                _collect(parsed, into)
                return
        into.append(text)
        return
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list | tuple):
        if isinstance(value, int | float) and not isinstance(value, bool):
            into.append(str(value))
        return
    for item in value:  # the common scalars here, without a call each
        kind = type(item)
        if kind is str and item[:1] not in ("{", "[") and not item[:1].isspace():  # not JSON: fold() does the rest
            into.append(item)
        elif kind is int:
            into.append(str(item))
        elif item is not None and kind is not bool:
            _collect(item, into)


def search_text(*parts: object) -> str:
    """The text a free-text search looks through: the values in *parts*, folded, one per line.

    A part may be plain text, a number, a dict or list, or JSON text of one (read for its values,
    not its keys); ``None`` and booleans give nothing, a value met twice is kept once. A folded
    query (:func:`fold`) ``LIKE``-matched against it finds "nguyen van" in "Nguyễn Văn Đức" on any
    database; a line break keeps a match from spanning two values.

    >>> search_text("can_bo_lan", '{"full_name": "Nguyễn  Văn Đức", "year": 1990}', None, ["can_bo_lan"])
    'can_bo_lan\\nnguyen van duc\\n1990'
    """
    values: list[str] = []
    _collect(parts, values)
    return "\n".join(dict.fromkeys(folded for value in values if (folded := fold(value))))
