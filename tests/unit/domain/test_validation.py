"""Tests for the form checks in xkld_desktop.domain.validation."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xkld_desktop.domain.enums import DatePrecision, Gender, IdKind
from xkld_desktop.domain.numbers import group_digits
from xkld_desktop.domain.validation import (
    CCCD_PROVINCES,
    DEPOSIT_CAPS,
    OLD_MOBILE_PREFIXES,
    Checked,
    Issue,
    Severity,
    add_months,
    age_on,
    cccd_facts,
    check_birth_date,
    check_departure_age,
    check_deposit,
    check_id_number,
    check_money,
    check_orientation_certificate,
    check_phone,
    expected_end_date,
    format_date,
    format_money,
    normalise_name,
    orientation_valid_until,
    parse_date,
    parse_money,
    restore_leading_zero,
)

TODAY = date(2025, 6, 1)
FAST = settings(database=None, deadline=None, max_examples=100)


def _single_error(checked: Checked[Any]) -> str:
    assert checked.value is None
    assert not checked.ok
    assert len(checked.errors) == 1, checked.errors
    return checked.errors[0]


def _interleave(text: str, seps: list[str]) -> str:
    """*text* with seps[i] put after its i-th character (separators that users type)."""
    return "".join(ch + (seps[i] if i < len(seps) else "") for i, ch in enumerate(text))


separators = st.lists(st.sampled_from(["", "", "", " ", ".", "-"]), max_size=12)


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


# --------------------------------------------------------------------------- result types


def test_checked_ok_and_issues() -> None:
    checked: Checked[int] = Checked(5, [], ["cảnh báo"])
    assert checked.ok
    assert checked.issues("phone") == [Issue("phone", "cảnh báo", Severity.WARNING)]
    failed: Checked[int] = Checked(None, ["lỗi"], ["cảnh báo"])
    assert not failed.ok
    assert [i.severity for i in failed.issues("x")] == [Severity.ERROR, Severity.WARNING]
    assert Checked(None).ok


# --------------------------------------------------------------------------- CCCD / CMND


def test_cccd_accepted_with_separators() -> None:
    checked = check_id_number(" 001 098.012-345 ")
    assert checked.ok
    assert checked.value == ("001098012345", IdKind.CCCD)
    assert checked.warnings == []


def test_a_number_written_as_float_text_loses_its_dot_zero_not_gains_a_digit() -> None:
    # "79203012345.0": a program wrote the number 79203012345 as text; the ".0" is no digit
    assert check_id_number("079203012345.0").value == ("079203012345", IdKind.CCCD)
    message = _single_error(check_id_number("79203012345.0"))
    assert message.startswith("Số CCCD phải gồm 12 chữ số (CMND cũ: 9 chữ số), số đã nhập có 11 chữ số")
    assert "số đúng có lẽ là 079203012345" in message
    assert check_id_number("001.098.012.345").value == ("001098012345", IdKind.CCCD)  # dots as separators still


@pytest.mark.parametrize("text", ["000000000000", "000 000 000 000", "000000000", "000098012345"])
def test_placeholder_zeros_and_province_000_are_errors(text: str) -> None:
    message = _single_error(check_id_number(text))
    assert message in (
        "Số CCCD không hợp lệ: toàn chữ số 0 (số điền tạm, không phải số thật)",
        "Số CCCD không hợp lệ: mã tỉnh 000 (3 chữ số đầu) không có — số này là số điền tạm",
    )


@pytest.mark.parametrize(
    ("cccd", "gender", "century"),
    [
        ("001098012345", Gender.MALE, 1900),
        ("001198012345", Gender.FEMALE, 1900),
        ("001203012345", Gender.MALE, 2000),
        ("001303012345", Gender.FEMALE, 2000),
        ("001400012345", Gender.MALE, 2100),
        ("001500012345", Gender.FEMALE, 2100),
    ],
)
def test_cccd_facts_gender_and_century(cccd: str, gender: Gender, century: int) -> None:
    facts = cccd_facts(cccd)
    assert facts is not None
    assert facts.gender is gender
    assert facts.century_start == century
    assert facts.yy == int(cccd[4:6])
    assert facts.birth_year == century + int(cccd[4:6])
    assert facts.province_code == "001"
    assert facts.province_name == "Hà Nội"


def test_cccd_facts_province_and_invalid_input() -> None:
    facts = cccd_facts("087098012345")
    assert facts is not None
    assert facts.province_name == "Đồng Tháp"
    assert cccd_facts("020098012345").province_name == "Lạng Sơn"  # type: ignore[union-attr]
    assert cccd_facts("003098012345").province_name is None  # type: ignore[union-attr]
    assert cccd_facts("001698012345") is None
    assert cccd_facts("00109801234") is None
    assert cccd_facts("00109801234x") is None
    assert len(CCCD_PROVINCES) == 63


@pytest.mark.parametrize("digit", "6789")
def test_cccd_with_invalid_gender_century_digit_is_an_error(digit: str) -> None:
    message = _single_error(check_id_number(f"001{digit}98012345"))
    assert message == (f"Số CCCD không hợp lệ: chữ số thứ 4 ({digit}) phải từ 0 đến 5 (mã giới tính và thế kỷ sinh)")


def test_cccd_gender_mismatch_is_a_warning() -> None:
    checked = check_id_number("001198012345", gender=Gender.MALE, birth_year=1998, today=TODAY)
    assert checked.ok
    assert checked.value == ("001198012345", IdKind.CCCD)
    assert checked.warnings == ["Số CCCD cho biết giới tính Nữ, hồ sơ ghi Nam"]


def test_cccd_birth_year_mismatch_is_a_warning() -> None:
    checked = check_id_number("001098012345", gender=Gender.MALE, birth_year=1999, today=TODAY)
    assert checked.ok
    assert checked.warnings == ["Số CCCD cho biết năm sinh 1998, hồ sơ ghi 1999"]


def test_cccd_both_mismatches_are_reported() -> None:
    checked = check_id_number("001303012345", gender=Gender.MALE, birth_year=1998, today=TODAY)
    assert checked.warnings == [
        "Số CCCD cho biết giới tính Nữ, hồ sơ ghi Nam",
        "Số CCCD cho biết năm sinh 2003, hồ sơ ghi 1998",
    ]


def test_cccd_matching_record_has_no_warning() -> None:
    checked = check_id_number("001303012345", gender=Gender.FEMALE, birth_year=2003, today=TODAY)
    assert checked.ok
    assert checked.warnings == []


def test_cccd_unknown_province_is_a_warning() -> None:
    checked = check_id_number("099098012345", today=TODAY)
    assert checked.ok
    assert checked.warnings == ["Mã tỉnh 099 (3 chữ số đầu của số CCCD) không có trong danh mục"]


def test_cccd_birth_year_not_yet_come_is_a_warning() -> None:
    checked = check_id_number("001245012345", today=TODAY)
    assert checked.ok
    assert checked.warnings == ["Số CCCD cho biết năm sinh 2045, năm này chưa tới"]


def test_cmnd_accepted_with_warning() -> None:
    checked = check_id_number("123 456 789", gender=Gender.FEMALE, birth_year=1970)
    assert checked.ok
    assert checked.value == ("123456789", IdKind.CMND)
    assert checked.warnings == ["Đây là số CMND cũ (9 chữ số); nên cập nhật số CCCD 12 chữ số"]


def test_eleven_digits_mentions_lost_leading_zero() -> None:
    message = _single_error(check_id_number("87098012345"))
    assert message.startswith("Số CCCD phải gồm 12 chữ số")
    assert "số đã nhập có 11 chữ số" in message
    assert "có thể số 0 ở đầu đã bị mất" in message
    assert "087098012345" in message


def test_eleven_digit_excel_number_mentions_lost_leading_zero() -> None:
    message = _single_error(check_id_number(87098012345))
    assert "087098012345" in message


def test_ten_digits_from_a_province_coded_00x_mentions_two_lost_zeros() -> None:
    message = _single_error(check_id_number("1098012345"))
    assert "001098012345" in message


def test_ten_digits_that_no_zeros_can_save_get_the_plain_message() -> None:
    message = _single_error(check_id_number("9998012345"))
    assert message == "Số CCCD phải gồm 12 chữ số (CMND cũ: 9 chữ số), số đã nhập có 10 chữ số"


def test_eight_digits_may_be_a_cmnd_that_lost_its_zero() -> None:
    message = _single_error(check_id_number("12345678"))
    assert "012345678" in message


@pytest.mark.parametrize("text", ["12345", "1234567890123", "0010980123456"])
def test_wrong_length_is_an_error(text: str) -> None:
    assert _single_error(check_id_number(text)).startswith("Số CCCD phải gồm 12 chữ số")


def test_letters_in_id_are_an_error() -> None:
    assert _single_error(check_id_number("00109801234A")) == "Số CCCD chỉ được gồm chữ số"


@pytest.mark.parametrize("text", [None, "", "   ", " - . "])
def test_empty_id_is_an_error(text: str | None) -> None:
    assert _single_error(check_id_number(text)) == "Chưa nhập số CCCD"


@pytest.mark.parametrize(
    ("digits", "expected_len", "max_missing", "expected"),
    [
        ("87098012345", 12, 1, "087098012345"),
        ("1098012345", 12, 1, None),
        ("1098012345", 12, 2, "001098012345"),
        ("912345678", 10, 1, "0912345678"),
        ("0912345678", 10, 1, None),
        ("12ab", 5, 1, None),
        ("", 1, 1, None),
    ],
)
def test_restore_leading_zero(digits: str, expected_len: int, max_missing: int, expected: str | None) -> None:
    assert restore_leading_zero(digits, expected_len, max_missing=max_missing) == expected


@st.composite
def valid_cccds(draw: st.DrawFn) -> str:
    province = draw(st.integers(1, 96))
    code = draw(st.integers(0, 5))
    yy = draw(st.integers(0, 99))
    serial = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    return f"{province:03d}{code}{yy:02d}{serial}"


@given(valid_cccds(), separators)
@FAST
def test_any_valid_cccd_passes_and_round_trips_with_separators(cccd: str, seps: list[str]) -> None:
    facts = cccd_facts(cccd)
    assert facts is not None
    checked = check_id_number(_interleave(cccd, seps), gender=facts.gender, birth_year=facts.birth_year, today=TODAY)
    assert checked.ok
    assert checked.value == (cccd, IdKind.CCCD)
    expected_warnings = (
        [] if facts.province_name else [f"Mã tỉnh {cccd[:3]} (3 chữ số đầu của số CCCD) không có trong danh mục"]
    )
    assert checked.warnings == expected_warnings


@given(valid_cccds())
@FAST
def test_cccd_that_lost_its_zero_is_restored(cccd: str) -> None:
    stripped = cccd.lstrip("0")
    restored = restore_leading_zero(stripped, 12, max_missing=2)
    assert restored == cccd
    assert check_id_number(restored).ok


@given(valid_cccds(), st.sampled_from(Gender))
@FAST
def test_cccd_gender_warning_iff_gender_differs(cccd: str, gender: Gender) -> None:
    facts = cccd_facts(cccd)
    assert facts is not None
    checked = check_id_number(cccd, gender=gender)
    has_warning = any("giới tính" in w for w in checked.warnings)
    assert has_warning == (gender is not facts.gender)


# --------------------------------------------------------------------------- phone


@pytest.mark.parametrize(
    "text",
    [
        "0912345678",
        "0912 345 678",
        "091.234.5678",
        "0912-345-678",
        "+84912345678",
        "+84 912 345 678",
        "(+84) 912 345 678",
        "84912345678",
        "+84 0912 345 678",
        "０９１２３４５６７８",
    ],
)
def test_phone_normalised(text: str) -> None:
    checked = check_phone(text)
    assert checked.ok
    assert checked.value == "0912345678"
    assert checked.warnings == []


def test_phone_nine_digits_mentions_lost_leading_zero() -> None:
    message = _single_error(check_phone("912345678"))
    assert message == (
        "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 — có thể số 0 ở đầu đã bị mất "
        "(thường gặp khi dữ liệu đi qua Excel); số đúng có lẽ là 0912345678"
    )


def test_phone_from_an_excel_number_mentions_lost_leading_zero() -> None:
    assert "0912345678" in _single_error(check_phone(912345678))


def test_phone_nine_digits_starting_with_zero_is_plainly_wrong() -> None:
    assert _single_error(check_phone("091234567")) == "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0"


@pytest.mark.parametrize("text", ["09123456789", "1912345678", "12345", "091234567890"])
def test_phone_wrong_length_or_start_is_an_error(text: str) -> None:
    assert _single_error(check_phone(text)) == "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0"


def test_old_eleven_digit_mobile_suggests_new_number() -> None:
    assert _single_error(check_phone("0162 123 4567")) == (
        "Số di động 11 chữ số (đầu 0162) đã chuyển sang 10 chữ số từ năm 2018; số mới có lẽ là 0321234567"
    )


def test_old_mobile_prefix_table_maps_to_mobile_prefixes() -> None:
    assert len(OLD_MOBILE_PREFIXES) == 21
    for old, new in OLD_MOBILE_PREFIXES.items():
        assert len(old) == 4 and old.startswith("01")
        assert len(new) == 3 and new[0] == "0" and new[1] in "35789"
        assert check_phone(new + "1234567").value == new + "1234567"


def test_phone_with_letters_is_an_error() -> None:
    assert _single_error(check_phone("09l2345678")).startswith("Số điện thoại chỉ được gồm chữ số")


def test_foreign_phone_is_an_error() -> None:
    assert _single_error(check_phone("+81 90 1234 5678")) == (
        "Chỉ nhận số điện thoại Việt Nam (+84 hoặc bắt đầu bằng 0)"
    )


def test_phone_empty_is_an_error() -> None:
    assert _single_error(check_phone("  ")) == "Chưa nhập số điện thoại"
    assert _single_error(check_phone(None)) == "Chưa nhập số điện thoại"


def test_phone_with_unused_prefix_is_a_warning() -> None:
    checked = check_phone("0123456789")
    assert checked.ok
    assert checked.value == "0123456789"
    assert checked.warnings == ["Đầu số 01 không phải đầu số di động Việt Nam (03, 05, 07, 08, 09), hãy kiểm tra lại"]


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), separators, st.sampled_from(["0", "+84", "84", "+84 0"]))
@FAST
def test_any_ten_digit_phone_normalises_back(rest: str, seps: list[str], prefix: str) -> None:
    phone = "0" + rest
    typed = prefix + _interleave(rest, seps)
    checked = check_phone(typed)
    assert checked.ok, (typed, checked.errors)
    assert checked.value == phone


@given(any_text)
@FAST
def test_check_phone_never_raises(text: str) -> None:
    checked = check_phone(text)
    assert checked.ok == (checked.value is not None)
    if checked.value is not None:
        assert checked.value is not None
        assert len(checked.value) == 10
        assert checked.value.startswith("0")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text",
    [
        "05/03/1998",
        "5/3/1998",
        "5-3-1998",
        "05.03.1998",
        "5 3 1998",
        " 05 / 03 / 1998 ",
        "05/03/98",
        "1998-03-05",
        "1998-03-05 00:00:00",
        "ngày 5 tháng 3 năm 1998",
        "Ngày 05 tháng 03 năm 1998",
    ],
)
def test_parse_date_day_first(text: str) -> None:
    checked = parse_date(text, today=TODAY)
    assert checked.ok, checked.errors
    assert checked.value == (date(1998, 3, 5), DatePrecision.DAY)


def test_parse_date_never_month_first() -> None:
    assert parse_date("03/05/1998", today=TODAY).value == (date(1998, 5, 3), DatePrecision.DAY)
    message = _single_error(parse_date("03/25/1998", today=TODAY))
    assert message == "Ngày không hợp lệ: 03/25/1998 — tháng phải từ 1 đến 12 (nhập theo thứ tự ngày/tháng/năm)"


def test_parse_date_month_out_of_range() -> None:
    message = _single_error(parse_date("25/13/1998", today=TODAY))
    assert message == "Ngày không hợp lệ: 25/13/1998 — tháng phải từ 1 đến 12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/03/25", date(2025, 3, 5)),  # 25 is not above this year's 25: 2000s
        ("05/03/26", date(1926, 3, 5)),  # 26 is above: 1900s
        ("05/03/00", date(2000, 3, 5)),
        ("05/03/99", date(1999, 3, 5)),
    ],
)
def test_parse_date_two_digit_year_pivot(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY).value == (expected, DatePrecision.DAY)


def test_parse_date_year_only() -> None:
    assert parse_date("1998", today=TODAY).value == (date(1998, 1, 1), DatePrecision.YEAR)
    assert parse_date("năm 1998", today=TODAY).value == (date(1998, 1, 1), DatePrecision.YEAR)
    assert parse_date("2025", today=TODAY).value == (date(2025, 1, 1), DatePrecision.YEAR)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2000", "Ngày không hợp lệ: 31/02/2000 — tháng 2/2000 chỉ có 29 ngày"),
        ("29/02/2001", "Ngày không hợp lệ: 29/02/2001 — tháng 2/2001 chỉ có 28 ngày"),
        ("31/04/1998", "Ngày không hợp lệ: 31/04/1998 — tháng 4/1998 chỉ có 30 ngày"),
        ("00/04/1998", "Ngày không hợp lệ: 00/04/1998 — tháng 4/1998 chỉ có 30 ngày"),
        ("05/03/1850", "Ngày không hợp lệ: 05/03/1850 — năm phải từ 1900 trở đi"),
        ("1850", "Năm không hợp lệ: 1850 — năm phải từ 1900 trở đi"),
        ("abc", "Không hiểu ngày “abc”: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/1998"),
        ("03/1998", "Không hiểu ngày “03/1998”: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/1998"),
        ("05/03/998", "Không hiểu ngày “05/03/998”: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/1998"),
        ("", "Chưa nhập ngày"),
        (None, "Chưa nhập ngày"),
    ],
)
def test_parse_date_errors(text: str | None, message: str) -> None:
    assert _single_error(parse_date(text, today=TODAY)) == message


def test_parse_date_rejects_the_future() -> None:
    assert _single_error(parse_date("02/06/2025", today=TODAY)) == "Ngày không được ở tương lai: 02/06/2025"
    assert _single_error(parse_date("2026", today=TODAY)) == "Ngày không được ở tương lai: 2026"
    assert parse_date("01/06/2025", today=TODAY).ok  # today itself is fine


def test_parse_date_allows_the_future_for_planned_dates() -> None:
    checked = parse_date("02/06/2025", today=TODAY, allow_future=True)
    assert checked.value == (date(2025, 6, 2), DatePrecision.DAY)


def test_parse_date_takes_date_objects() -> None:
    assert parse_date(date(1998, 3, 5), today=TODAY).value == (date(1998, 3, 5), DatePrecision.DAY)
    assert parse_date(datetime(1998, 3, 5, 12, 0), today=TODAY).value == (date(1998, 3, 5), DatePrecision.DAY)
    assert not parse_date(date(2030, 1, 1), today=TODAY).ok


def test_parse_date_defaults_to_real_today() -> None:
    assert parse_date(format_date(date.today())).ok
    assert not parse_date(format_date(date.today() + timedelta(days=1))).ok


def test_format_date() -> None:
    assert format_date(date(1998, 3, 5)) == "05/03/1998"
    assert format_date(date(1998, 1, 1), DatePrecision.YEAR) == "1998"
    assert format_date(None) == ""


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
@FAST
def test_format_then_parse_is_identity(d: date) -> None:
    text = format_date(d)
    checked = parse_date(text, today=TODAY)
    assert checked.value == (d, DatePrecision.DAY)
    assert format_date(checked.value[0]) == text


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.sampled_from(["/", "-", ".", " "]))
@FAST
def test_unpadded_day_first_dates_parse(d: date, sep: str) -> None:
    assert parse_date(f"{d.day}{sep}{d.month}{sep}{d.year}", today=TODAY).value == (d, DatePrecision.DAY)


@given(any_text)
@FAST
def test_parse_date_never_raises(text: str) -> None:
    checked = parse_date(text, today=TODAY)
    assert checked.ok == (checked.value is not None)
    assert checked.ok or len(checked.errors) == 1


_digits = st.text(alphabet="0123456789", min_size=1, max_size=5)
_date_sep = st.sampled_from(["/", ".", "-", " "])


@given(st.tuples(_digits, _date_sep, _digits, _date_sep, _digits).map("".join))
@FAST
def test_parse_date_never_raises_on_date_like_text(text: str) -> None:
    checked = parse_date(text, today=TODAY)
    if checked.ok:
        assert checked.value is not None
        assert date(1900, 1, 1) <= checked.value[0] <= TODAY


# --------------------------------------------------------------------------- ages


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2000, 6, 1), date(2025, 6, 1), 25),
        (date(2000, 6, 2), date(2025, 6, 1), 24),
        (date(2000, 2, 29), date(2018, 2, 28), 17),
        (date(2000, 2, 29), date(2018, 3, 1), 18),
        (date(2000, 1, 1), date(2000, 1, 1), 0),
    ],
)
def test_age_on(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 100))
@FAST
def test_age_on_anniversary(birth: date, years: int) -> None:
    anniversary = add_months(birth, 12 * years)
    expected = years if (anniversary.month, anniversary.day) == (birth.month, birth.day) else years - 1
    assert age_on(birth, anniversary) == expected
    if years:
        assert age_on(birth, anniversary - timedelta(days=1)) == years - 1


def test_birth_date_in_future_is_an_error() -> None:
    assert _single_error(check_birth_date(date(2025, 6, 2), today=TODAY)) == "Ngày sinh không được ở tương lai"
    assert _single_error(check_birth_date(date(2026, 1, 1), today=TODAY, precision=DatePrecision.YEAR)) == (
        "Ngày sinh không được ở tương lai"
    )


@pytest.mark.parametrize(
    ("birth", "warning"),
    [
        (date(2010, 6, 2), "Ngoài độ tuổi lao động 15–60 (hiện 14 tuổi)"),
        (date(1964, 6, 1), "Ngoài độ tuổi lao động 15–60 (hiện 61 tuổi)"),
    ],
)
def test_candidate_outside_working_age_is_a_warning(birth: date, warning: str) -> None:
    checked = check_birth_date(birth, today=TODAY)
    assert checked.ok
    assert checked.value == birth
    assert checked.warnings == [warning]


@pytest.mark.parametrize("birth", [date(2010, 6, 1), date(1964, 6, 2), date(1990, 1, 1)])
def test_candidate_inside_working_age_has_no_warning(birth: date) -> None:
    assert check_birth_date(birth, today=TODAY) == Checked(birth)


def test_household_member_has_no_age_warning() -> None:
    assert check_birth_date(date(2020, 1, 1), today=TODAY, role="household_member").warnings == []


def test_year_only_birth_warns_only_when_surely_outside() -> None:
    # Born some time in 2010: 14 or 15 on 1 June 2025 — not surely outside 15–60.
    assert check_birth_date(date(2010, 1, 1), today=TODAY, precision=DatePrecision.YEAR).warnings == []
    assert check_birth_date(date(2011, 1, 1), today=TODAY, precision=DatePrecision.YEAR).warnings == [
        "Ngoài độ tuổi lao động 15–60 (hiện 14 tuổi)"
    ]


def test_departure_under_18_is_an_error() -> None:
    message = _single_error(check_departure_age(date(2005, 6, 2), date(2023, 6, 1)))
    assert message == "Người lao động phải đủ 18 tuổi khi xuất cảnh (ngày xuất cảnh 01/06/2023 mới 17 tuổi)"


def test_departure_on_18th_birthday_is_fine() -> None:
    assert check_departure_age(date(2005, 6, 1), date(2023, 6, 1)) == Checked(18)


def test_departure_before_birth_is_an_error() -> None:
    assert _single_error(check_departure_age(date(2005, 6, 1), date(2004, 6, 1))) == "Ngày xuất cảnh phải sau ngày sinh"


def test_departure_with_year_only_birth() -> None:
    year_only = DatePrecision.YEAR
    assert not check_departure_age(date(2006, 1, 1), date(2023, 6, 1), precision=year_only).ok
    doubtful = check_departure_age(date(2005, 1, 1), date(2023, 6, 1), precision=year_only)
    assert doubtful.ok
    assert doubtful.warnings == ["Chỉ biết năm sinh nên chưa chắc người lao động đã đủ 18 tuổi khi xuất cảnh"]
    assert check_departure_age(date(2004, 1, 1), date(2023, 6, 1), precision=year_only) == Checked(19)


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Nguyễn   Văn  Đức ", "Nguyễn Văn Đức"),
        ("nguyễn thị hoa", "nguyễn thị hoa"),  # kept as typed
        ("H'Hen Niê", "H'Hen Niê"),
        ("Y-Moan Ksor", "Y-Moan Ksor"),
        ("Nguyễn\u200b Văn An", "Nguyễn Văn An"),  # zero-width space from copy-paste dropped
    ],
)
def test_normalise_name(raw: str, expected: str) -> None:
    checked = normalise_name(raw)
    assert checked.ok
    assert checked.value == expected
    assert checked.warnings == []


def test_normalise_name_accepts_decomposed_input() -> None:
    nfd = unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")
    checked = normalise_name(nfd)
    assert checked.value == "Phạm Thị Ngọc Ánh"
    assert unicodedata.is_normalized("NFC", checked.value)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Họ tên không được để trống"),
        ("   ", "Họ tên không được để trống"),
        (None, "Họ tên không được để trống"),
        ("Nguyễn Văn 2", "Họ tên không được chứa chữ số"),
        ("Trần@Hoa Thị", "Họ tên có ký tự không hợp lệ: “@”"),
        ("Lê Văn. Tám#", "Họ tên có ký tự không hợp lệ: “.”, “#”"),
        ("- '", "Họ tên phải có chữ cái"),
        ("A " * 61, "Họ tên quá dài (tối đa 120 ký tự)"),
    ],
)
def test_normalise_name_errors(raw: str | None, message: str) -> None:
    assert _single_error(normalise_name(raw)) == message


def test_single_word_name_is_a_warning() -> None:
    checked = normalise_name(" Hoa ")
    assert checked.ok
    assert checked.value == "Hoa"
    assert checked.warnings == ["Họ tên chỉ có một từ — hãy kiểm tra đã nhập đủ họ và tên chưa"]


_VI_TONED = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_VI_LETTERS = _VI_TONED + _VI_TONED.upper() + "abcdeghiklmnopqrstuvxy"
vietnamese_words = st.lists(st.text(alphabet=_VI_LETTERS, min_size=1, max_size=7), min_size=2, max_size=5)


@given(vietnamese_words, st.sampled_from(["NFC", "NFD", "NFKD"]))
@FAST
def test_any_vietnamese_name_is_accepted_in_any_normal_form(words: list[str], form: str) -> None:
    name = " ".join(words)
    typed = "  " + unicodedata.normalize(form, "   ".join(words)) + " "  # type: ignore[arg-type]
    checked = normalise_name(typed)
    assert checked.ok, checked.errors
    assert checked.value == unicodedata.normalize("NFC", name)
    assert checked.warnings == []


# --------------------------------------------------------------------------- contract dates


@pytest.mark.parametrize(
    ("departed", "months", "end"),
    [
        (date(2023, 3, 15), 36, date(2026, 3, 15)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2023, 8, 31), 3, date(2023, 11, 30)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2023, 5, 10), 0, date(2023, 5, 10)),
    ],
)
def test_expected_end_date(departed: date, months: int, end: date) -> None:
    assert expected_end_date(departed, months) == end


def test_expected_end_date_rejects_negative_term() -> None:
    with pytest.raises(ValueError, match="Thời hạn hợp đồng không được âm"):
        expected_end_date(date(2023, 5, 10), -1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 120))
@FAST
def test_add_months_properties(start: date, months: int) -> None:
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day <= start.day
    assert end.day == start.day or (end + timedelta(days=1)).day == 1  # clamped to the month's end


# --------------------------------------------------------------------------- orientation certificate


def test_orientation_certificate_valid_for_24_months() -> None:
    assert orientation_valid_until(date(2022, 3, 10)) == date(2024, 3, 10)
    assert check_orientation_certificate(date(2022, 3, 10), date(2024, 3, 10)) == Checked(date(2022, 3, 10))


def test_orientation_certificate_too_old_is_a_warning() -> None:
    checked = check_orientation_certificate(date(2022, 3, 10), date(2024, 3, 11))
    assert checked.ok
    assert checked.warnings == [
        "Chứng chỉ bồi dưỡng kiến thức cần thiết cấp ngày 10/03/2022 đã quá 24 tháng vào ngày xuất cảnh 11/03/2024"
    ]


def test_orientation_certificate_after_departure_is_a_warning() -> None:
    checked = check_orientation_certificate(date(2024, 3, 12), date(2024, 3, 11))
    assert checked.warnings == ["Ngày cấp chứng chỉ bồi dưỡng (12/03/2024) sau ngày xuất cảnh (11/03/2024)"]


def test_orientation_certificate_missing_dates_pass() -> None:
    assert check_orientation_certificate(None, date(2024, 3, 11)) == Checked(None)
    assert check_orientation_certificate(date(2024, 3, 11), None) == Checked(date(2024, 3, 11))


# --------------------------------------------------------------------------- money and deposit


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234.567", 1_234_567),
        ("1,234,567", 1_234_567),
        ("1234567", 1_234_567),
        ("1 234 567", 1_234_567),
        ("1.234.567 đ", 1_234_567),
        ("1.234.567 đồng", 1_234_567),
        ("1.234.567 VNĐ", 1_234_567),
        ("12 triệu", 12_000_000),
        ("1,5 triệu", 1_500_000),
        ("1.5tr", 1_500_000),
        ("500 nghìn", 500_000),
        ("500 ngàn", 500_000),
        ("500k", 500_000),
        ("2 tỷ", 2_000_000_000),
        ("0", 0),
        (1_234_567, 1_234_567),
    ],
)
def test_parse_money(text: str | int, amount: int) -> None:
    assert parse_money(text) == amount
    assert check_money(text) == Checked(amount)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Chưa nhập số tiền"),
        (None, "Chưa nhập số tiền"),
        ("abc", "Không hiểu số tiền “abc”: hãy nhập dạng 1.500.000 hoặc 1,5 triệu"),
        ("1.23.4", "Không hiểu số tiền “1.23.4”: hãy nhập dạng 1.500.000 hoặc 1,5 triệu"),
        ("-500.000", "Số tiền không được âm"),
        (-5, "Số tiền không được âm"),
        ("1,5", "Số tiền phải là số nguyên (đồng)"),
        ("1,0000005 triệu", "Số tiền phải là số nguyên (đồng)"),
        ("9" * 16, "Số tiền quá lớn"),
    ],
)
def test_parse_money_errors(text: str | int | None, message: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_money(text)
    assert str(excinfo.value) == message
    assert _single_error(check_money(text)) == message


def test_group_digits_as_vietnamese_writes_numbers() -> None:
    assert [group_digits(n) for n in (0, 999, 1_000, 10_000, 1_234_567, -2_500)] == [
        "0",
        "999",
        "1.000",
        "10.000",
        "1.234.567",
        "-2.500",
    ]


def test_format_money() -> None:
    assert format_money(1_234_567) == "1.234.567"
    assert format_money(0) == "0"
    assert format_money(999) == "999"
    assert format_money(12_000_000) == "12.000.000"
    assert format_money(None) == ""


@given(st.integers(0, 10**15 - 1))
@FAST
def test_money_round_trip(amount: int) -> None:
    assert parse_money(format_money(amount)) == amount
    assert parse_money(format_money(amount).replace(".", ",")) == amount


@given(any_text)
@FAST
def test_parse_money_only_raises_value_error(text: str) -> None:
    try:
        amount = parse_money(text)
    except ValueError:
        return
    assert 0 <= amount < 10**15


def test_deposit_above_cap_is_a_warning() -> None:
    checked = check_deposit(15_000_000, "TW")
    assert checked.ok
    assert checked.value == 15_000_000
    assert checked.warnings == ["Tiền ký quỹ 15.000.000 đồng vượt mức tối đa 12.000.000 đồng của thị trường Đài Loan"]
    assert check_deposit(40_000_000, "kr").warnings == [
        "Tiền ký quỹ 40.000.000 đồng vượt mức tối đa 36.000.000 đồng của thị trường Hàn Quốc"
    ]


def test_deposit_at_or_below_cap_passes() -> None:
    assert check_deposit(DEPOSIT_CAPS["TW"], "TW") == Checked(12_000_000)
    assert check_deposit(36_000_000, "KR") == Checked(36_000_000)
    assert check_deposit(500_000_000, "JP") == Checked(500_000_000)  # no known cap
    assert check_deposit(None, "TW") == Checked(None)


def test_deposit_cap_from_the_market_table_wins() -> None:
    assert check_deposit(15_000_000, "TW", cap=20_000_000).warnings == []
    assert check_deposit(3_000_000, "JP", cap=2_000_000).warnings == [
        "Tiền ký quỹ 3.000.000 đồng vượt mức tối đa 2.000.000 đồng của thị trường JP"
    ]


def test_negative_deposit_is_an_error() -> None:
    assert _single_error(check_deposit(-1, "TW")) == "Tiền ký quỹ không được âm"
