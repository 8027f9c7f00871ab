"""Tests for the Vietnamese text rules: clean_text, fold, name_sort_key, digits_only."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xkld_desktop.domain.text import (
    clean_optional,
    clean_text,
    digits_only,
    fold,
    name_sort_key,
    other_spellings,
    search_text,
)

FAST = settings(database=None, deadline=None, max_examples=100)

_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng
_VOWELS = "aăâeêioôơuưy"
VIETNAMESE_LETTERS = sorted(
    {unicodedata.normalize("NFC", v + tone) for v in _VOWELS for tone in _TONES}
    | set("bcdđghklmnpqrstvx")
    | {unicodedata.normalize("NFC", v + tone).upper() for v in _VOWELS for tone in _TONES}
    | set("BCDĐGHKLMNPQRSTVX")
)
vietnamese_text = st.text(alphabet=[*VIETNAMESE_LETTERS, " ", "\t"], max_size=40)


# Arbitrary text without Hypothesis' Unicode category tables (which cost a second on a cold cache):
# any code point but surrogates, and often the characters that real input brings.
_INTERESTING = "0123456789/.-+ ,đĐễ\u0301\u00a0\u200b０９٣\t\n'’tháng năm triệu k"
any_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(_INTERESTING),
        st.integers(0, 0x10FFFF).filter(lambda c: not 0xD800 <= c <= 0xDFFF).map(chr),
    ),
    max_size=40,
)


# --------------------------------------------------------------------------- clean_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("  Nguyễn   Văn  An ", "Nguyễn Văn An"),
        ("Trần\tThị\nHoa", "Trần Thị Hoa"),
        ("Lê\u00a0Văn Tám", "Lê Văn Tám"),  # no-break space from copy-paste
        ("\ufeffẤp\u200b 1\u200b", "Ấp 1"),  # byte-order mark, zero-width spaces from a web page
        ("Trồng\u00ad trọt\x00", "Trồng trọt"),  # soft hyphen, a NUL from a broken file
        ("\u202aKhóm 3\u202c \u200eB", "Khóm 3 B"),  # direction marks
        ("Cà\u0085Mau", "Cà Mau"),  # next-line: whitespace, kept as a space
    ],
)
def test_clean_text_trims_and_collapses_spaces(raw: str | None, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_makes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    assert decomposed != "Nguyễn Thị Hồng"
    cleaned = clean_text(decomposed)
    assert cleaned == "Nguyễn Thị Hồng"
    assert unicodedata.is_normalized("NFC", cleaned)


def test_clean_text_keeps_case_and_marks() -> None:
    assert clean_text("NGUYỄN văn đức") == "NGUYỄN văn đức"


def test_clean_optional_gives_none_for_blank() -> None:
    assert clean_optional("   ") is None
    assert clean_optional(None) is None
    assert clean_optional(" Ấp 3 ") == "Ấp 3"


def test_invisible_characters_do_not_make_a_second_hamlet_or_hide_a_name_from_search() -> None:
    assert len({clean_text(h) for h in ("Ấp Công Bình", "Ấp Công\u200b Bình", "\ufeffẤp Công Bình\u2060")}) == 1
    assert fold(clean_text("Nguyễn\u200bVăn")) == "nguyenvan"  # a zero-width space is no word break


def test_other_spellings_of_a_name_in_use() -> None:
    names = ["Ấp Công Bình", "ấp công bình", "Ấp 2"]
    assert other_spellings("ap  cong binh", names) == ["Ấp Công Bình", "ấp công bình"]
    assert other_spellings(" Ấp Công Bình ", names) == []  # one of them: nothing to say
    assert other_spellings("Ấp Mới", names) == other_spellings("", names) == []


@given(vietnamese_text)
@FAST
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert once == once.strip()
    assert "  " not in once


# --------------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("  NGUYỄN   VĂN ĐỨC ", "nguyen van duc"),
        ("nguyen van duc", "nguyen van duc"),
        ("Đặng Thị Ngọc Ánh", "dang thi ngoc anh"),
        ("Phạm Quỳnh Hương", "pham quynh huong"),
        ("Ưng Hoàng Phúc", "ung hoang phuc"),
        ("H'Hen Niê", "h'hen nie"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_examples(raw: str | None, expected: str) -> None:
    assert fold(raw) == expected


def test_fold_meets_all_spellings_of_one_name() -> None:
    spellings = ["Nguyễn Văn Đức", "NGUYỄN VĂN ĐỨC", "nguyen van duc", unicodedata.normalize("NFD", "Nguyễn Văn Đức")]
    assert {fold(s) for s in spellings} == {"nguyen van duc"}


@given(vietnamese_text)
@FAST
def test_fold_is_idempotent_and_ascii(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii()
    assert folded == folded.lower()


@given(vietnamese_text)
@FAST
def test_fold_ignores_normal_form(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


def _fold_whole(value: str) -> str:
    """fold() as first written: the whole text decomposed at once (the keys stored in databases)."""
    text = value.translate(str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}))
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def test_fold_character_by_character_equals_the_whole_text_decomposed() -> None:
    """Every character of the Basic Multilingual Plane alone, between letters and before a mark."""
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        for text in (ch, f"a{ch}b", f"{ch}\u0301", f"Ư{ch}Đ"):
            assert fold(text) == _fold_whole(text), (hex(code), text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20) | vietnamese_text)
@FAST
def test_fold_equals_the_whole_text_decomposed(text: str) -> None:
    assert fold(text) == _fold_whole(text)


# --------------------------------------------------------------------------- name_sort_key


def test_name_sort_key_puts_given_name_first() -> None:
    assert name_sort_key("Nguyễn Văn Đức") == "duc nguyen van"
    assert name_sort_key("An") == "an"
    assert name_sort_key("") == ""
    assert name_sort_key(None) == ""


def test_names_sort_by_given_name_then_family_name() -> None:
    names = ["Trần Thị Hoa", "Nguyễn Văn Đức", "Lê Văn An", "Nguyễn Thị An", "Bùi Minh Đạt"]
    assert sorted(names, key=name_sort_key) == [
        "Lê Văn An",
        "Nguyễn Thị An",
        "Bùi Minh Đạt",
        "Nguyễn Văn Đức",
        "Trần Thị Hoa",
    ]


@given(vietnamese_text)
@FAST
def test_name_sort_key_keeps_the_words_of_the_folded_name(text: str) -> None:
    key = name_sort_key(text)
    assert sorted(key.split()) == sorted(fold(text).split())


# --------------------------------------------------------------------------- digits_only


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 (912) 345-678", "84912345678"),
        ("001.098.012.345", "001098012345"),
        ("０９１２３４５６７８", "0912345678"),  # full-width digits from some input methods
        ("không có số", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_digits_only(raw: str | None, expected: str) -> None:
    assert digits_only(raw) == expected


@given(any_text)
@FAST
def test_digits_only_gives_ascii_digits(text: str) -> None:
    result = digits_only(text)
    assert all("0" <= ch <= "9" for ch in result)


# --------------------------------------------------------------------------- search_text


@given(any_text | vietnamese_text)
@FAST
def test_search_text_of_one_value_is_its_fold(text: str) -> None:
    """What the audit search matches a folded query against: a plain value gives exactly its fold."""
    stripped = text.strip()
    if stripped[:1] in ("{", "[") and stripped[-1:] in ("}", "]"):
        return  # JSON-looking text is read for its values (below)
    assert search_text(text) == fold(text)
    assert search_text(text, None, True, text) == fold(text)  # None and booleans give nothing, twice is once


def _json_looking(text: str) -> bool:
    stripped = text.strip()
    return stripped[:1] in ("{", "[") and stripped[-1:] in ("}", "]")


@given(st.lists(any_text | vietnamese_text | st.integers(-(10**6), 10**6), max_size=8))
@settings(database=None, deadline=None, max_examples=400)
def test_search_text_is_the_fold_of_each_value_once(values: list) -> None:
    """Its quick passes over the joined values give exactly fold() of each value, in order, once."""
    texts = [v for v in values if not isinstance(v, str) or not _json_looking(v)]
    folded = [fold(str(v)) for v in texts]
    expected = "\n".join(dict.fromkeys(f for f in folded if f))
    assert search_text(texts) == expected
    assert search_text(*texts) == expected
    assert search_text({"a": texts}) == expected


def test_search_text_reads_values_not_keys_one_per_line() -> None:
    after = '{"full_name": "Đặng  Văn Tú", "notes": "Đi Nhật\\nnăm 2025", "age": 31, "married": false, "x": null}'
    body = {"file": "Danh sách.xlsx", "lines": [12, "Thôn Đông"], "op": "create"}
    assert search_text("can_bo_lan", after, body) == (
        "can_bo_lan\ndang van tu\ndi nhat nam 2025\n31\ndanh sach.xlsx\n12\nthon dong\ncreate"
    )
    assert search_text("{not json}", "[1, 2") == "{not json}\n[1, 2"
    assert search_text(None, "", "   ", {}) == ""
