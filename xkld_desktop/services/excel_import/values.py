"""Giá trị trong ô — cell values turned into field values, with notes the preview shows.

python-calamine gives numbers as floats (a CCCD typed as a number lost its leading zero and may
come back as ``12345678901.0``), dates as ``date``/``datetime`` when the cell is formatted as a
date and as text otherwise. Each parser returns a :class:`Parsed`: the value (``None`` when
empty or wrong), an error (the row cannot be imported as is) or notes (the value was repaired:
"CCCD có 11 chữ số — đã thêm số 0 ở đầu").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ...domain.enums import DatePrecision, Gender, IdKind, PersonStatus, Programme, StatusAbroad
from ...domain.text import clean_text, fold
from ...domain.validation import (
    CCCD_LENGTH,
    CMND_LENGTH,
    cccd_facts,
    check_id_number,
    check_phone,
    format_date,
    parse_date,
    restore_leading_zero,
)

_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Parsed:
    """A cell's value as a field value; ``error`` blocks the row, ``notes`` are warnings."""

    value: Any = None
    error: str | None = None
    notes: tuple[str, ...] = field(default=())


EMPTY = Parsed()


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == ""


def cell_text(value: Any) -> str:
    """A cell as text: floats that are whole numbers lose their ".0", dates are dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, timedelta):
        return ""
    return clean_text(str(value))


def parse_text(value: Any, *, max_length: int = 200) -> Parsed:
    text = cell_text(value)
    if len(text) > max_length:
        return Parsed(text[:max_length], None, (f"dài quá {max_length} ký tự — đã cắt bớt",))
    return Parsed(text or None)


def parse_cell_date(value: Any, *, today: date, label: str = "Ngày", allow_future: bool = False) -> Parsed:
    """A date cell: a real date, text day first ("05/03/1998", "5-3-1998", "1998"), or a number.

    A number 1900–2100 is a year; other whole numbers are Excel serial days (a date cell that
    lost its format). The value is a ``(date, DatePrecision)`` pair.
    """
    if is_empty(value):
        return EMPTY
    if isinstance(value, float | int) and not isinstance(value, bool):
        number = float(value)
        if not math.isfinite(number):
            return Parsed(None, f"{label} không hợp lệ")
        if number == int(number) and 1900 <= number <= 2100:
            value = str(int(number))
        elif 1 <= number < 80_000:
            value = _EXCEL_EPOCH + timedelta(days=int(number))
        else:
            return Parsed(None, f"{label} không hợp lệ: {cell_text(number)}")
    checked = parse_date(value if isinstance(value, date) else cell_text(value), today=today, allow_future=allow_future)
    if checked.errors:
        message = checked.errors[0]
        if message.startswith("Ngày không hợp lệ:"):
            # "Ngày không hợp lệ: 31/02/1990 — tháng 2/1990 chỉ có 28 ngày" → "ngày sinh 31/02/1990 không có thật …"
            message = f"{label.lower()} {message.removeprefix('Ngày không hợp lệ: ')}"
            shown, _, reason = message.partition(" — ")
            message = f"{shown} không có thật" + (f" ({reason})" if reason else "")
        elif message.startswith("Ngày không được ở tương lai"):
            message = f"{label.lower()} {message.removeprefix('Ngày ').lower()}"
        else:
            message = f"{label.lower()}: {message[:1].lower()}{message[1:]}"
        return Parsed(None, message[:1].upper() + message[1:])
    return Parsed(checked.value)


_FLOAT_TEXT = re.compile(r"(\d+)\.0+")


def digits_of(value: Any) -> str:
    """A number cell's digits: separators (spaces, dots, dashes…) dropped, a float's ".0" too."""
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            return cell_text(value)
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = cell_text(value)
    # "79203012345.0" is a number a program wrote out as float text: its ".0" is no digit (taken
    # for a separator it would make 792030123450); the lost-zero repair then sees 11 digits
    float_text = _FLOAT_TEXT.fullmatch(text)
    if float_text:
        return float_text.group(1)
    return re.sub(r"[\s.\-_/()]+", "", text)


def parse_id_number(value: Any, *, gender: Gender | None = None, birth_year: int | None = None) -> Parsed:
    """CCCD (12 digits) or CMND (9); an 11/10-digit number that becomes valid with zeros is repaired."""
    if is_empty(value):
        return EMPTY
    digits = digits_of(value)
    notes: list[str] = []
    if digits.isascii() and digits.isdigit():
        if len(digits) in (CCCD_LENGTH - 1, CCCD_LENGTH - 2):
            candidate = restore_leading_zero(digits, CCCD_LENGTH, max_missing=2)
            facts = cccd_facts(candidate or "")
            if candidate and facts is not None and (len(digits) == CCCD_LENGTH - 1 or facts.province_name):
                added = CCCD_LENGTH - len(digits)
                zeros = "số 0" if added == 1 else f"{added} số 0"
                notes.append(f"CCCD có {len(digits)} chữ số — đã thêm {zeros} ở đầu")
                digits = candidate
        elif len(digits) == CMND_LENGTH - 1:
            notes.append(f"CMND có {len(digits)} chữ số — đã thêm số 0 ở đầu")
            digits = "0" + digits
    checked = check_id_number(digits, gender=gender, birth_year=birth_year)
    if checked.errors:
        return Parsed(None, checked.errors[0].replace("Số CCCD", "CCCD", 1), tuple(notes))
    assert checked.value is not None
    return Parsed(checked.value, None, tuple(notes + checked.warnings))


def parse_phone(value: Any) -> Parsed:
    """A phone number; nine digits not starting with 0 get their zero back, with a note."""
    if is_empty(value):
        return EMPTY
    digits = digits_of(value)
    notes: list[str] = []
    if digits.isascii() and digits.isdigit() and len(digits) == 9 and not digits.startswith("0"):
        digits = "0" + digits
        notes.append("Số điện thoại có 9 chữ số — đã thêm số 0 ở đầu")
    checked = check_phone(digits)
    if checked.errors:
        return Parsed(None, checked.errors[0], tuple(notes))
    return Parsed(checked.value, None, tuple(notes + checked.warnings))


_MARKS = {"x", "v", "1", "co", "+", "√", "✓", "✔", "*", "yes", "true"}


def is_mark(value: Any) -> bool:
    """A tick in a column: "x", "X", "v", "1", "√"…"""
    if is_empty(value):
        return False
    if isinstance(value, bool):
        return value
    return fold(cell_text(value)) in _MARKS


_GENDERS = {
    "nam": Gender.MALE,
    "trai": Gender.MALE,
    "m": Gender.MALE,
    "male": Gender.MALE,
    "nu": Gender.FEMALE,
    "gai": Gender.FEMALE,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
}


def parse_gender(value: Any) -> Parsed:
    if is_empty(value):
        return EMPTY
    key = fold(cell_text(value)).strip(". ")
    gender = _GENDERS.get(key) or Gender.parse(key)
    if gender is None:
        return Parsed(None, f"Không hiểu giới tính “{cell_text(value)[:30]}” (ghi Nam hoặc Nữ)")
    return Parsed(gender)


# Folded market words → market code; the market table's names and codes are added at run time.
MARKET_SYNONYMS: dict[str, str] = {
    "nhat": "JP",
    "nhat ban": "JP",
    "nb": "JP",
    "japan": "JP",
    "jp": "JP",
    "han": "KR",
    "han quoc": "KR",
    "hq": "KR",
    "korea": "KR",
    "nam han": "KR",
    "dai loan": "TW",
    "dl": "TW",
    "taiwan": "TW",
    "trung quoc": "CN",
    "tq": "CN",
    "china": "CN",
    "ma lai": "MY",
    "malaysia": "MY",
    "sing": "SG",
    "singapore": "SG",
    "thai lan": "TH",
    "thai": "TH",
    "ma cao": "MO",
    "macau": "MO",
    "hong kong": "HK",
    "a rap xe ut": "SA",
    "a rap saudi": "SA",
    "saudi": "SA",
    "saudi arabia": "SA",
    "uae": "AE",
    "dubai": "AE",
    "qatar": "QA",
    "duc": "DE",
    "germany": "DE",
    "romania": "RO",
    "rumani": "RO",
    "hungary": "HU",
    "hungari": "HU",
    "ba lan": "PL",
    "poland": "PL",
    "sec": "CZ",
    "cong hoa sec": "CZ",
    "uc": "AU",
    "australia": "AU",
    "new zealand": "NZ",
    "my": "US",
    "hoa ky": "US",
    "usa": "US",
    "canada": "CA",
    "thuyen vien": "SEA",
    "tau bien": "SEA",
}


def market_lookup(markets: list[Any]) -> dict[str, str]:
    """Folded words → code: the synonyms plus each market's code and Vietnamese/English names."""
    lookup = dict(MARKET_SYNONYMS)
    codes = {m.code for m in markets}
    for market in markets:
        for word in (market.code, market.name_vi, market.name_en):
            lookup.setdefault(re.sub(r"[^0-9a-z]+", " ", fold(word)).strip(), market.code)
    return {k: v for k, v in lookup.items() if v in codes}


def parse_market(value: Any, lookup: dict[str, str]) -> Parsed:
    if is_empty(value):
        return EMPTY
    key = re.sub(r"[^0-9a-z]+", " ", fold(cell_text(value))).strip()
    code = lookup.get(key)
    if code is None:
        # "Nhật Bản (TTS)", "Hàn Quốc - EPS": try the words before a bracket or dash
        head = re.split(r"[(\-–,/]", fold(cell_text(value)))[0]
        code = lookup.get(re.sub(r"[^0-9a-z]+", " ", head).strip())
    if code is None:
        return Parsed(None, f"Không rõ thị trường “{cell_text(value)[:40]}”")
    return Parsed(code)


_MONTHS = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(thang|th|t|nam|n)?$")


def parse_months(value: Any) -> Parsed:
    """Contract term in months: 36, "36 tháng", "3 năm"."""
    if is_empty(value):
        return EMPTY
    if isinstance(value, float | int) and not isinstance(value, bool):
        number = float(value)
        unit = None
    else:
        match = _MONTHS.match(fold(cell_text(value)))
        if not match:
            return Parsed(None, f"Không hiểu thời hạn hợp đồng “{cell_text(value)[:30]}” (ghi số tháng, ví dụ 36)")
        number = float(match.group(1).replace(",", "."))
        unit = match.group(2)
    months = number * 12 if unit in ("nam", "n") else number
    if not math.isfinite(months) or months != int(months) or not 0 < months <= 240:
        return Parsed(None, f"Thời hạn hợp đồng không hợp lệ: {cell_text(value)[:30]}")
    return Parsed(int(months))


_STATUS_SYNONYMS = {
    "da xuat canh": PersonStatus.WORKING_ABROAD,
    "dang o nuoc ngoai": PersonStatus.WORKING_ABROAD,
    "da ve": PersonStatus.RETURNED,
    "ve nuoc": PersonStatus.RETURNED,
    "bo tron": PersonStatus.ABSCONDED,
}


def parse_status(value: Any) -> Parsed:
    if is_empty(value):
        return EMPTY
    key = fold(cell_text(value))
    status = PersonStatus.parse(key) or _STATUS_SYNONYMS.get(key)
    if status is None:
        return Parsed(None, None, (f"Không rõ tình trạng “{cell_text(value)[:40]}” — bỏ qua cột này",))
    return Parsed(status)


_PROGRAMME_SYNONYMS = {
    "tts": Programme.JP_TECHNICAL_INTERN,
    "thuc tap sinh": Programme.JP_TECHNICAL_INTERN,
    "ky nang dac dinh": Programme.JP_SPECIFIED_SKILLED,
    "kndd": Programme.JP_SPECIFIED_SKILLED,
    "eps": Programme.KR_EPS,
    "thoi vu": Programme.SEASONAL,
    "e8": Programme.SEASONAL,
    "e 8": Programme.SEASONAL,
}


# Folded words of a "Tình trạng" cell that describe the worker's situation abroad (not the lifecycle).
_ABROAD_SYNONYMS = {
    "dang lam viec": StatusAbroad.WORKING,
    "lam viec": StatusAbroad.WORKING,
    "dang lam": StatusAbroad.WORKING,
    "binh thuong": StatusAbroad.WORKING,
    "on dinh": StatusAbroad.WORKING,
    "chuyen chu": StatusAbroad.CHANGED_EMPLOYER,
    "doi chu": StatusAbroad.CHANGED_EMPLOYER,
    "chuyen chu su dung": StatusAbroad.CHANGED_EMPLOYER,
    "chuyen noi lam viec": StatusAbroad.CHANGED_EMPLOYER,
    "bo tron": StatusAbroad.ABSCONDED,
    "cu tru bat hop phap": StatusAbroad.ABSCONDED,
    "bo tron cu tru bat hop phap": StatusAbroad.ABSCONDED,
    "bat hop phap": StatusAbroad.ABSCONDED,
}


def _status_key(value: Any) -> str:
    return re.sub(r"[^0-9a-z_]+", " ", fold(cell_text(value))).strip()


def parse_status_abroad(value: Any) -> Parsed:
    """Tình trạng ở nước ngoài: "Đang làm việc", "Chuyển chủ", "Bỏ trốn" (or the stored values)."""
    if is_empty(value):
        return EMPTY
    key = _status_key(value)
    status = StatusAbroad.parse(cell_text(value)) or _ABROAD_SYNONYMS.get(key)
    if status is None:
        return Parsed(
            None,
            None,
            (f"Không rõ tình trạng ở nước ngoài “{cell_text(value)[:40]}” — ghi là Đang làm việc",),
        )
    return Parsed(status)


def parse_status_cell(value: Any) -> Parsed:
    """A "Tình trạng" cell, which lists write either way: the situation abroad or the lifecycle status.

    The value is a ``(PersonStatus | None, StatusAbroad | None)`` pair: "Đang làm việc" and
    "Chuyển chủ" describe the departure; "Bỏ trốn" both the departure and the person; "Đã về
    nước", "Đang đào tạo" … the person only.
    """
    if is_empty(value):
        return EMPTY
    key = _status_key(value)
    abroad = _ABROAD_SYNONYMS.get(key) or StatusAbroad.parse(cell_text(value))
    person = PersonStatus.parse(cell_text(value)) or _STATUS_SYNONYMS.get(key)
    if abroad is StatusAbroad.ABSCONDED:
        person = PersonStatus.ABSCONDED
    if abroad is None and person is None:
        return Parsed(None, None, (f"Không rõ tình trạng “{cell_text(value)[:40]}” — bỏ qua cột này",))
    return Parsed((person, abroad))


_YES = {"1", "co", "x", "v", "yes", "true", "dung", "hop phap", "hp", "√", "✓", "✔"}
_NO = {"0", "khong", "no", "false", "k", "sai", "trai phep", "bat hop phap", "tp", "xctp"}


def parse_yes_no(value: Any, *, label: str) -> Parsed:
    """A yes/no cell: 1/0, "Có"/"Không", "x", "Hợp pháp"/"Trái phép"; the value is a bool."""
    if is_empty(value):
        return EMPTY
    if isinstance(value, bool):
        return Parsed(value)
    key = _status_key(value).replace("_", " ")
    if key in _YES:
        return Parsed(True)
    if key in _NO:
        return Parsed(False)
    return Parsed(None, None, (f"Không hiểu “{cell_text(value)[:30]}” ở cột {label} (ghi Có hoặc Không) — bỏ qua",))


def parse_programme(value: Any) -> Parsed:
    if is_empty(value):
        return EMPTY
    key = re.sub(r"[^0-9a-z]+", " ", fold(cell_text(value))).strip()
    programme = Programme.parse(cell_text(value)) or _PROGRAMME_SYNONYMS.get(key)
    if programme is None:
        return Parsed(None, None, (f"Không rõ chương trình “{cell_text(value)[:40]}” — ghi là Khác",))
    return Parsed(programme)


def id_kind_of(value: tuple[str, IdKind] | None) -> IdKind | None:
    return value[1] if value else None


def year_of(value: tuple[date, DatePrecision] | None) -> int | None:
    return value[0].year if value else None
