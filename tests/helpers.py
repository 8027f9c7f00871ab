"""Helpers shared by the widget tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type *text* into *widget* one key event at a time, Vietnamese letters included.

    ``qtbot.keyClicks`` aborts the whole test process on any non-ASCII character, so every
    widget test types through this helper instead.
    """
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
