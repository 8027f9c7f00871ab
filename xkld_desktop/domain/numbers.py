"""Whole numbers as Vietnamese writes them: thousands grouped by dots ("10.000").

No imports: the command line formats with it before anything else of the program is loaded
(importing the validation rules there put 29 ms before the window of ``xkld-desktop``).
"""

from __future__ import annotations


def group_digits(number: int) -> str:
    """A whole number with its thousands grouped by dots, as Vietnamese writes it: ``1234567`` → ``"1.234.567"``."""
    return f"{number:,}".replace(",", ".")


def file_size(size: int, *, decimal: str = ",", thousands: str = ".") -> str:
    """A size in bytes as a person reads it, Vietnamese by default: ``"850 KB"``, ``"503 MB"``, ``"1,2 GB"``
    (*decimal* and *thousands*: the separators of another language)."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            value = size / scale
            if value < 9.95:
                return f"{value:.1f} {unit}".replace(".", decimal)
            return f"{round(value):,} {unit}".replace(",", thousands)
    return f"{size} B"
