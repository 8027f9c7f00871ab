"""Numbers and sizes as Vietnamese writes them (and English, for the English UI)."""

from __future__ import annotations

import pytest

from xkld_desktop.domain.numbers import file_size, group_digits


def test_group_digits() -> None:
    assert [group_digits(n) for n in (0, 999, 1000, 1234567)] == ["0", "999", "1.000", "1.234.567"]


@pytest.mark.parametrize(
    ("size", "vi", "en"),
    [
        (0, "0 B", "0 B"),
        (1023, "1023 B", "1023 B"),
        (1024, "1,0 KB", "1.0 KB"),
        (870_000, "850 KB", "850 KB"),
        (527_000_000, "503 MB", "503 MB"),  # the bench's province database
        (1_288_490_188, "1,2 GB", "1.2 GB"),
        (int(9.97 * (1 << 30)), "10 GB", "10 GB"),  # not "10,0"
        (12_345 << 30, "12.345 GB", "12,345 GB"),
    ],
)
def test_file_size(size: int, vi: str, en: str) -> None:
    assert file_size(size) == vi
    assert file_size(size, decimal=".", thousands=",") == en
