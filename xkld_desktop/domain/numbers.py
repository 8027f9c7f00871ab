"""Whole numbers as Vietnamese writes them: thousands grouped by dots ("10.000").

No imports: the command line formats with it before anything else of the program is loaded
(importing the validation rules there put 29 ms before the window of ``xkld-desktop``).
"""

from __future__ import annotations


def group_digits(number: int) -> str:
    """A whole number with its thousands grouped by dots, as Vietnamese writes it: ``1234567`` → ``"1.234.567"``."""
    return f"{number:,}".replace(",", ".")
