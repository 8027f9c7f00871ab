"""Checks that a form (or an import) can make on what a user typed — kiểm tra dữ liệu nhập.

Every check is pure: it takes text or values and returns a :class:`Checked` holding the
normalised value plus lists of errors (the value must not be saved) and warnings (the value may
be saved, but the officer should look again). Messages are Vietnamese, ready for the user.

The rules follow the domain brief ("Identity checks that a form can make"):

* CCCD — 12 digits: province code of birth registration, one digit for gender and century, the
  last two digits of the birth year, six serial digits. Old 9-digit CMND numbers are accepted
  with a warning. Excel strips leading zeros from numbers: :func:`restore_leading_zero`.
* Phone — 10 digits beginning with 0; ``+84`` / ``84`` followed by 9 digits is accepted and
  rewritten with the leading 0.
* Dates — always day first (dd/mm/yyyy); a bare year is accepted for old lists of births.
* Names — kept as typed, NFC-normalised and trimmed (:func:`.text.clean_text`).
* Money — whole đồng, "." groups thousands ("1.234.567").
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, NamedTuple, TypeVar

from .enums import DatePrecision, Gender, IdKind
from .numbers import group_digits
from .text import clean_text, fold

T = TypeVar("T")

CCCD_LENGTH = 12
CMND_LENGTH = 9
PHONE_LENGTH = 10
NAME_MAX_LENGTH = 120
WORKING_AGE_MIN = 15
WORKING_AGE_MAX = 60
DEPARTURE_MIN_AGE = 18
ORIENTATION_VALID_MONTHS = 24
EARLIEST_YEAR = 1900

#: Deposit caps (tiền ký quỹ tối đa, đồng) by market code — Decree 112/2021/NĐ-CP, Appendix II.
#: The ``market`` table's ``deposit_cap`` column, when set, is passed to :func:`check_deposit`
#: and wins over this table.
DEPOSIT_CAPS: dict[str, int] = {
    "TW": 12_000_000,
    "KR": 36_000_000,
}
_MARKET_NAMES_VI: dict[str, str] = {"TW": "Đài Loan", "KR": "Hàn Quốc"}

#: Province codes in the first three digits of a CCCD (the province of birth registration, as
#: the provinces were before the 2025 mergers; cards keep the code they were issued with).
CCCD_PROVINCES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

#: 11-digit mobile prefixes renumbered to 10 digits in 2018 (old four digits → new three).
OLD_MOBILE_PREFIXES: dict[str, str] = {
    "0162": "032",
    "0163": "033",
    "0164": "034",
    "0165": "035",
    "0166": "036",
    "0167": "037",
    "0168": "038",
    "0169": "039",
    "0120": "070",
    "0121": "079",
    "0122": "077",
    "0126": "076",
    "0128": "078",
    "0123": "083",
    "0124": "084",
    "0125": "085",
    "0127": "081",
    "0129": "082",
    "0186": "056",
    "0188": "058",
    "0199": "059",
}
_MOBILE_SECOND_DIGITS = "35789"

# Separators people put inside ID and phone numbers.
_NUMBER_SEPARATORS = re.compile(r"[\s.\-_/()]+")
# a whole number written as float text: digits, a dot, only zeros
_FLOAT_TEXT = re.compile(r"\s*(\d+)\.0+\s*")
_LOST_ZERO_HINT = "có thể số 0 ở đầu đã bị mất (thường gặp khi dữ liệu đi qua Excel); số đúng có lẽ là {candidate}"


# --------------------------------------------------------------------------- result types


class Severity(Enum):
    """How bad an issue is: an error blocks saving, a warning only asks the user to look again."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem found in one field of a form."""

    field: str
    message: str
    severity: Severity


@dataclass(frozen=True)
class Checked(Generic[T]):
    """The outcome of one check: the normalised value (``None`` when there are errors).

    ``errors`` block saving; ``warnings`` do not.
    """

    value: T | None
    errors: list[str] = dc_field(default_factory=list)
    warnings: list[str] = dc_field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings are allowed)."""
        return not self.errors

    def issues(self, field_name: str) -> list[Issue]:
        """The errors then the warnings as :class:`Issue` objects attached to *field_name*."""
        return [Issue(field_name, message, Severity.ERROR) for message in self.errors] + [
            Issue(field_name, message, Severity.WARNING) for message in self.warnings
        ]


def _fail(*errors: str) -> Checked[Any]:
    """A failed check: no value, the given errors."""
    return Checked(None, list(errors))


# --------------------------------------------------------------------------- dates


def add_months(start: date, months: int) -> date:
    """*start* moved by *months* calendar months, the day clamped to the end of the month.

    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def format_date(d: date | None, precision: DatePrecision = DatePrecision.DAY) -> str:
    """``dd/mm/yyyy`` (or only ``yyyy`` for a year-only date); empty for ``None``."""
    if d is None:
        return ""
    if precision is DatePrecision.YEAR:
        return f"{d.year:04d}"
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", re.ASCII)
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4}|\d{2})$", re.ASCII)
_DMY_WORDS = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$", re.ASCII)
_YEAR = re.compile(r"^(?:nam\s*)?(\d{4})$", re.ASCII)


def _garbage_date(text: str) -> str:
    return f"Không hiểu ngày “{text}”: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/1998"


def parse_date(
    text: str | date | None, *, today: date | None = None, allow_future: bool = False
) -> Checked[tuple[date, DatePrecision]]:
    """Read a date typed day first, or a bare year; never month first. Never raises.

    Accepted: ``05/03/1998``, ``5/3/1998``, ``5-3-1998``, ``05.03.1998``, ``5 3 1998``,
    ``05/03/98`` (a two-digit year above today's is in the 1900s, otherwise the 2000s),
    ``ngày 5 tháng 3 năm 1998``, ``1998`` (→ 1 January, :attr:`DatePrecision.YEAR`) and the
    year-first ISO form ``1998-03-05``. A :class:`date` (or ``datetime``, e.g. from an Excel
    cell) is taken as is. Dates after *today* are errors unless *allow_future* (planned dates).
    """
    today = today or date.today()
    if isinstance(text, datetime):
        return _date_checked(text.date(), DatePrecision.DAY, today, allow_future)
    if isinstance(text, date):
        return _date_checked(text, DatePrecision.DAY, today, allow_future)
    raw = clean_text(text)
    if not raw:
        return _fail("Chưa nhập ngày")
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    key = fold(unicodedata.normalize("NFKC", raw))

    if match := _YEAR.match(key):
        year = int(match.group(1))
        if year < EARLIEST_YEAR:
            return _fail(f"Năm không hợp lệ: {shown} — năm phải từ {EARLIEST_YEAR} trở đi")
        return _date_checked(date(year, 1, 1), DatePrecision.YEAR, today, allow_future)

    if match := _ISO.match(key):
        year, month, day = (int(g) for g in match.groups())
    elif match := (_DMY.match(key) or _DMY_WORDS.match(key)):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 1900 if year > today.year % 100 else 2000
    else:
        return _fail(_garbage_date(shown))

    if not 1 <= month <= 12:
        hint = " (nhập theo thứ tự ngày/tháng/năm)" if 1 <= day <= 12 else ""
        return _fail(f"Ngày không hợp lệ: {shown} — tháng phải từ 1 đến 12{hint}")
    if year < EARLIEST_YEAR:
        return _fail(f"Ngày không hợp lệ: {shown} — năm phải từ {EARLIEST_YEAR} trở đi")
    month_days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= month_days:
        return _fail(f"Ngày không hợp lệ: {shown} — tháng {month}/{year} chỉ có {month_days} ngày")
    return _date_checked(date(year, month, day), DatePrecision.DAY, today, allow_future)


def _date_checked(
    value: date, precision: DatePrecision, today: date, allow_future: bool
) -> Checked[tuple[date, DatePrecision]]:
    future = value.year > today.year if precision is DatePrecision.YEAR else value > today
    if future and not allow_future:
        return _fail(f"Ngày không được ở tương lai: {format_date(value, precision)}")
    return Checked((value, precision))


def age_on(birth: date, on_date: date) -> int:
    """Completed years of age on *on_date* (someone born on 29 February ages on 1 March)."""
    return on_date.year - birth.year - ((on_date.month, on_date.day) < (birth.month, birth.day))


def _age_bounds(birth: date, on_date: date, precision: DatePrecision) -> tuple[int, int]:
    """Lowest and highest possible age; a year-only birth date leaves a year of doubt."""
    if precision is DatePrecision.YEAR:
        years = on_date.year - birth.year
        return years - 1, years
    age = age_on(birth, on_date)
    return age, age


def check_birth_date(
    d: date,
    *,
    today: date | None = None,
    role: str = "candidate",
    precision: DatePrecision = DatePrecision.DAY,
) -> Checked[date]:
    """Check a date of birth: never in the future; a candidate outside 15–60 years is a warning.

    *role* is ``"candidate"`` for a working-age person of the yearly review (the age warning
    applies) or anything else, e.g. ``"household_member"`` (no age warning).
    """
    today = today or date.today()
    future = d.year > today.year if precision is DatePrecision.YEAR else d > today
    if future:
        return _fail("Ngày sinh không được ở tương lai")
    warnings: list[str] = []
    if role == "candidate":
        low, high = _age_bounds(d, today, precision)
        if high < WORKING_AGE_MIN or low > WORKING_AGE_MAX:
            warnings.append(f"Ngoài độ tuổi lao động {WORKING_AGE_MIN}–{WORKING_AGE_MAX} (hiện {high} tuổi)")
    return Checked(d, [], warnings)


def check_departure_age(
    birth: date, departed_on: date, *, precision: DatePrecision = DatePrecision.DAY
) -> Checked[int]:
    """The worker's age at departure; an error under 18 (Law 69/2020/QH14, Art. 3.1).

    With only the year of birth known, an age that may be 17 or 18 is a warning.
    """
    if departed_on < birth:
        return _fail("Ngày xuất cảnh phải sau ngày sinh")
    low, high = _age_bounds(birth, departed_on, precision)
    if high < DEPARTURE_MIN_AGE:
        return _fail(
            f"Người lao động phải đủ {DEPARTURE_MIN_AGE} tuổi khi xuất cảnh "
            f"(ngày xuất cảnh {format_date(departed_on)} mới {high} tuổi)"
        )
    if low < DEPARTURE_MIN_AGE:
        return Checked(
            high,
            [],
            [f"Chỉ biết năm sinh nên chưa chắc người lao động đã đủ {DEPARTURE_MIN_AGE} tuổi khi xuất cảnh"],
        )
    return Checked(high)


def expected_end_date(departed_on: date, contract_months: int) -> date:
    """Expected contract end: departure plus the term in months, clamped to the month's end.

    Raises ``ValueError`` for a negative term.
    """
    if contract_months < 0:
        raise ValueError("Thời hạn hợp đồng không được âm")
    return add_months(departed_on, contract_months)


def orientation_valid_until(cert_on: date) -> date:
    """Last day an orientation certificate is valid (24 months, Circular 21/2021, Art. 12)."""
    return add_months(cert_on, ORIENTATION_VALID_MONTHS)


def check_orientation_certificate(cert_on: date | None, departed_on: date | None) -> Checked[date]:
    """Warn when the orientation certificate is older than 24 months at departure, or issued after it."""
    if cert_on is None or departed_on is None:
        return Checked(cert_on)
    warnings: list[str] = []
    if departed_on > orientation_valid_until(cert_on):
        warnings.append(
            f"Chứng chỉ bồi dưỡng kiến thức cần thiết cấp ngày {format_date(cert_on)} đã quá "
            f"{ORIENTATION_VALID_MONTHS} tháng vào ngày xuất cảnh {format_date(departed_on)}"
        )
    elif cert_on > departed_on:
        warnings.append(
            f"Ngày cấp chứng chỉ bồi dưỡng ({format_date(cert_on)}) sau ngày xuất cảnh ({format_date(departed_on)})"
        )
    return Checked(cert_on, [], warnings)


# --------------------------------------------------------------------------- identity numbers


class CccdFacts(NamedTuple):
    """What the digits of a 12-digit CCCD say about its holder."""

    province_code: str
    gender: Gender
    century_start: int
    yy: int

    @property
    def birth_year(self) -> int:
        """Year of birth: the century from digit 4 plus digits 5–6."""
        return self.century_start + self.yy

    @property
    def province_name(self) -> str | None:
        """Province of birth registration (pre-2025 name), ``None`` for an unknown code."""
        return CCCD_PROVINCES.get(self.province_code)


def cccd_facts(cccd: str) -> CccdFacts | None:
    """Province code, gender, century and two-digit year read from a 12-digit CCCD.

    ``None`` when *cccd* is not 12 ASCII digits or its 4th digit is not 0–5.

    >>> cccd_facts("001198012345")
    CccdFacts(province_code='001', gender=<Gender.MALE: 'male'>, century_start=1900, yy=98)
    """
    if len(cccd) != CCCD_LENGTH or not cccd.isascii() or not cccd.isdigit():
        return None
    code = int(cccd[3])
    if code > 5:
        return None
    gender = Gender.MALE if code % 2 == 0 else Gender.FEMALE
    return CccdFacts(cccd[:3], gender, 1900 + 100 * (code // 2), int(cccd[4:6]))


def restore_leading_zero(digits: str, expected_len: int, *, max_missing: int = 1) -> str | None:
    """*digits* left-padded with zeros to *expected_len*, if at most *max_missing* are missing.

    Excel turns "012345678901" into the number 12345678901; this gives the zeros back.
    ``None`` when *digits* is not all ASCII digits or is too short or already long enough.
    (A CCCD from a province with code 001–009 loses two zeros: use ``max_missing=2``.)
    """
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    missing = expected_len - len(digits)
    if not 1 <= missing <= max_missing:
        return None
    return digits.zfill(expected_len)


def _strip_number(text: str | int | None) -> str:
    raw = clean_text(str(text)) if isinstance(text, int) else clean_text(text)
    raw = unicodedata.normalize("NFKC", raw)
    # "79203012345.0" is a number written out as a float by some program: its ".0" is no digit
    # (dropped as a separator it would make 792030123450, a wrong but well-formed CCCD)
    float_text = _FLOAT_TEXT.fullmatch(raw)
    if float_text:
        return float_text.group(1)
    return _NUMBER_SEPARATORS.sub("", raw)


def check_id_number(
    text: str | int | None,
    *,
    gender: Gender | None = None,
    birth_year: int | None = None,
    today: date | None = None,
) -> Checked[tuple[str, IdKind]]:
    """Check a CCCD (12 digits) or an old CMND (9 digits, accepted with a warning).

    Spaces, dots and dashes are dropped. For a CCCD the 4th digit must be 0–5; the gender and
    birth year it encodes are compared with *gender* and *birth_year* when given, and a
    disagreement is a warning. An empty value is an error: callers of optional fields skip it.
    All zeros, or the province code 000, is an error: it is a placeholder, never a person's number.
    """
    digits = _strip_number(text)
    if not digits:
        return _fail("Chưa nhập số CCCD")
    if not (digits.isascii() and digits.isdigit()):
        return _fail("Số CCCD chỉ được gồm chữ số")

    # Zeros are what forms put when the number is not known: taken for a real number, every
    # person given it would be matched to the first (and overwrite them).
    if not digits.strip("0"):
        return _fail("Số CCCD không hợp lệ: toàn chữ số 0 (số điền tạm, không phải số thật)")
    if len(digits) == CMND_LENGTH:
        return Checked((digits, IdKind.CMND), [], ["Đây là số CMND cũ (9 chữ số); nên cập nhật số CCCD 12 chữ số"])

    if len(digits) != CCCD_LENGTH:
        message = (
            f"Số CCCD phải gồm {CCCD_LENGTH} chữ số (CMND cũ: {CMND_LENGTH} chữ số), số đã nhập có {len(digits)} chữ số"
        )
        candidate = _lost_zero_candidate(digits)
        if candidate:
            message += " — " + _LOST_ZERO_HINT.format(candidate=candidate)
        return _fail(message)

    if digits.startswith("000"):
        return _fail("Số CCCD không hợp lệ: mã tỉnh 000 (3 chữ số đầu) không có — số này là số điền tạm")
    facts = cccd_facts(digits)
    if facts is None:
        return _fail(f"Số CCCD không hợp lệ: chữ số thứ 4 ({digits[3]}) phải từ 0 đến 5 (mã giới tính và thế kỷ sinh)")
    warnings: list[str] = []
    if facts.province_name is None:
        warnings.append(f"Mã tỉnh {facts.province_code} (3 chữ số đầu của số CCCD) không có trong danh mục")
    if gender is not None and gender is not facts.gender:
        warnings.append(f"Số CCCD cho biết giới tính {facts.gender.vi}, hồ sơ ghi {gender.vi}")
    if birth_year is not None and birth_year != facts.birth_year:
        warnings.append(f"Số CCCD cho biết năm sinh {facts.birth_year}, hồ sơ ghi {birth_year}")
    if birth_year is None and facts.birth_year > (today or date.today()).year:
        warnings.append(f"Số CCCD cho biết năm sinh {facts.birth_year}, năm này chưa tới")
    return Checked((digits, IdKind.CCCD), [], warnings)


def _lost_zero_candidate(digits: str) -> str | None:
    """A CCCD or CMND that *digits* may have been before Excel dropped its leading zeros."""
    if len(digits) == CCCD_LENGTH - 1:
        return restore_leading_zero(digits, CCCD_LENGTH)
    if len(digits) == CCCD_LENGTH - 2:
        candidate = restore_leading_zero(digits, CCCD_LENGTH, max_missing=2)
        facts = cccd_facts(candidate or "")
        return candidate if facts is not None and facts.province_name is not None else None
    if len(digits) == CMND_LENGTH - 1:
        return restore_leading_zero(digits, CMND_LENGTH)
    return None


# --------------------------------------------------------------------------- phone


def check_phone(text: str | int | None) -> Checked[str]:
    """Check a Vietnamese phone number and return it as 10 digits beginning with 0.

    Spaces, dots, dashes and brackets are dropped; ``+84``/``84`` followed by 9 digits becomes
    ``0`` and those digits. Nine digits not starting with 0 are an error that suggests the lost
    leading zero; an old 11-digit mobile number (01xx, renumbered in 2018) suggests its new form.
    A 10-digit number with a prefix no mobile network uses is a warning.
    """
    digits = _strip_number(text)
    if not digits:
        return _fail("Chưa nhập số điện thoại")
    plus = digits.startswith("+")
    if plus:
        digits = digits[1:]
    if not (digits.isascii() and digits.isdigit()):
        return _fail("Số điện thoại chỉ được gồm chữ số (có thể có dấu cách, dấu chấm, dấu gạch ngang hoặc +84 ở đầu)")
    if plus and not digits.startswith("84"):
        return _fail("Chỉ nhận số điện thoại Việt Nam (+84 hoặc bắt đầu bằng 0)")
    if digits.startswith("84") and (plus or len(digits) >= PHONE_LENGTH + 1):
        rest = digits[2:]  # "+84 0912 345 678" repeats the 0
        digits = rest if len(rest) == PHONE_LENGTH and rest.startswith("0") else "0" + rest

    base = f"Số điện thoại phải gồm {PHONE_LENGTH} chữ số, bắt đầu bằng 0"
    if len(digits) == PHONE_LENGTH and digits.startswith("0"):
        warnings: list[str] = []
        if digits[1] not in _MOBILE_SECOND_DIGITS:
            warnings.append(
                f"Đầu số {digits[:2]} không phải đầu số di động Việt Nam (03, 05, 07, 08, 09), hãy kiểm tra lại"
            )
        return Checked(digits, [], warnings)
    if len(digits) == PHONE_LENGTH - 1 and not digits.startswith("0"):
        return _fail(f"{base} — " + _LOST_ZERO_HINT.format(candidate="0" + digits))
    if len(digits) == PHONE_LENGTH + 1 and digits[:4] in OLD_MOBILE_PREFIXES:
        new = OLD_MOBILE_PREFIXES[digits[:4]] + digits[4:]
        return _fail(
            f"Số di động 11 chữ số (đầu {digits[:4]}) đã chuyển sang {PHONE_LENGTH} chữ số từ năm 2018; "
            f"số mới có lẽ là {new}"
        )
    return _fail(base)


# --------------------------------------------------------------------------- names


_NAME_PUNCTUATION = frozenset("'’-")


def normalise_name(text: str | None) -> Checked[str]:
    """A person's full name kept as typed: NFC, ends trimmed, runs of spaces made one.

    Letters of any script and the apostrophes and hyphens of some minority names ("H'Hen Niê",
    "Y-Moan") are allowed; digits and other symbols are errors. Invisible format characters
    (zero-width spaces from copy-paste) are dropped. A single word is a warning.
    """
    raw = "".join(ch for ch in (text or "") if unicodedata.category(ch) != "Cf")
    name = clean_text(raw)
    if not name:
        return _fail("Họ tên không được để trống")
    errors: list[str] = []
    if any(ch.isdigit() for ch in name):
        errors.append("Họ tên không được chứa chữ số")
    odd: list[str] = []
    for ch in name:
        category = unicodedata.category(ch)
        if ch == " " or ch in _NAME_PUNCTUATION or category[0] in "LM" or category == "Nd":
            continue
        if ch not in odd:
            odd.append(ch)
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        errors.append("Họ tên phải có chữ cái")
    if odd:
        errors.append("Họ tên có ký tự không hợp lệ: " + ", ".join(f"“{ch}”" for ch in odd))
    if len(name) > NAME_MAX_LENGTH:
        errors.append(f"Họ tên quá dài (tối đa {NAME_MAX_LENGTH} ký tự)")
    if errors:
        return _fail(*errors)
    warnings = [] if " " in name else ["Họ tên chỉ có một từ — hãy kiểm tra đã nhập đủ họ và tên chưa"]
    return Checked(name, [], warnings)


# --------------------------------------------------------------------------- money


_MONEY = re.compile(
    r"^(?P<number>\d[\d., ]*?)\s*(?P<unit>ty|ti|trieu|tr|nghin|ngan|ngh|k)?\s*(?:dong|vnd|d)?$", re.ASCII
)
_GROUPED = re.compile(r"^\d{1,3}(?P<sep>[., ])\d{3}(?:(?P=sep)\d{3})*$", re.ASCII)
_DECIMAL = re.compile(r"^\d+[.,]\d+$", re.ASCII)
_UNITS: dict[str, int] = {
    "ty": 1_000_000_000,
    "ti": 1_000_000_000,
    "trieu": 1_000_000,
    "tr": 1_000_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "ngh": 1_000,
    "k": 1_000,
}
_MONEY_MAX_DIGITS = 15


def parse_money(text: str | int | None) -> int:
    """Whole đồng from what a user typed; raises ``ValueError`` with a Vietnamese message.

    Accepted: ``1.234.567`` (the Vietnamese thousands separator), ``1,234,567``, ``1 234 567``,
    ``1234567``, with an optional ``đ``/``đồng``/``VND`` and a unit: ``12 triệu``, ``1,5 triệu``,
    ``1.5tr``, ``500 nghìn``, ``500k``, ``2 tỷ``. Negative amounts are refused.
    """
    if isinstance(text, int):
        if text < 0:
            raise ValueError("Số tiền không được âm")
        return text
    raw = clean_text(text)
    if not raw:
        raise ValueError("Chưa nhập số tiền")
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    key = fold(unicodedata.normalize("NFKC", raw))
    if key.startswith("-"):
        raise ValueError("Số tiền không được âm")
    match = _MONEY.match(key)
    if not match:
        raise ValueError(f"Không hiểu số tiền “{shown}”: hãy nhập dạng 1.500.000 hoặc 1,5 triệu")
    number = match.group("number").strip()
    if len(number) > _MONEY_MAX_DIGITS * 2:
        raise ValueError("Số tiền quá lớn")
    multiplier = _UNITS.get(match.group("unit") or "", 1)
    if number.isdigit():
        amount = Decimal(number)
    elif _GROUPED.match(number):
        amount = Decimal(re.sub(r"[., ]", "", number))
    elif _DECIMAL.match(number):
        amount = Decimal(number.replace(",", "."))
    else:
        raise ValueError(f"Không hiểu số tiền “{shown}”: hãy nhập dạng 1.500.000 hoặc 1,5 triệu")
    total = amount * multiplier
    if total >= Decimal(10) ** _MONEY_MAX_DIGITS:
        raise ValueError("Số tiền quá lớn")
    if total != total.to_integral_value():
        raise ValueError("Số tiền phải là số nguyên (đồng)")
    return int(total)


def check_money(text: str | int | None) -> Checked[int]:
    """:func:`parse_money` as a :class:`Checked` for forms."""
    try:
        return Checked(parse_money(text))
    except ValueError as exc:
        return _fail(str(exc))


def format_money(amount: int | None) -> str:
    """Whole đồng grouped with dots: ``1234567`` → ``"1.234.567"``; empty for ``None``."""
    if amount is None:
        return ""
    return group_digits(amount)


def check_deposit(amount: int | None, market_code: str | None, *, cap: int | None = None) -> Checked[int]:
    """Warn when a deposit (tiền ký quỹ) is above the market's cap; a negative deposit is an error.

    *cap* (from the ``market`` table) wins over :data:`DEPOSIT_CAPS`. No amount, or a market
    without a known cap, passes.
    """
    if amount is None:
        return Checked(None)
    if amount < 0:
        return _fail("Tiền ký quỹ không được âm")
    code = (market_code or "").strip().upper()
    limit = cap if cap is not None else DEPOSIT_CAPS.get(code)
    warnings: list[str] = []
    if limit is not None and amount > limit:
        market = _MARKET_NAMES_VI.get(code, code)
        where = f" của thị trường {market}" if market else ""
        warnings.append(f"Tiền ký quỹ {format_money(amount)} đồng vượt mức tối đa {format_money(limit)} đồng{where}")
    return Checked(amount, [], warnings)
