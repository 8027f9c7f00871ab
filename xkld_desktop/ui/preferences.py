"""Preferences kept on this PC with QSettings (window layout, language, the unit's name).

:func:`open_settings` is the one place a ``QSettings`` is made; the keys are the constants
below. Settings that belong to the data live in the database instead (services.settings).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

LANGUAGE_KEY = "ui/language"
CURRENT_PANE_KEY = "ui/current_pane"
GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"


def open_settings() -> QSettings:
    """The user's preferences (organisation and application names come from the QApplication)."""
    return QSettings()


def stored_language(settings: QSettings) -> str:
    """The UI language chosen in Settings: ``"vi"`` (the default) or ``"en"``."""
    from .i18n import DEFAULT_LANGUAGE, LANGUAGES

    value = str(settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE)
    return value if value in dict(LANGUAGES) else DEFAULT_LANGUAGE
